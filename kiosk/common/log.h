/*
 * One log sink for the kiosk programs. Each .c file defines LOG_TAG before
 * including this header; messages go to stderr as "LEVEL tag: message" and,
 * where a program installs one, to an extra sink (the staff screen's log).
 * ui/ and devices/ never log: they return errors that the kiosk logs here.
 */
#ifndef KIOSK_COMMON_LOG_H
#define KIOSK_COMMON_LOG_H

#include <stdarg.h>

enum ks_log_level { KS_LOG_DEBUG, KS_LOG_INFO, KS_LOG_WARN, KS_LOG_ERROR };

/* Messages below this level are dropped; default KS_LOG_INFO (KIOSK_LOG=debug overrides). */
void ks_log_set_level(enum ks_log_level level);

/* An extra sink called for every message kept; NULL removes it. */
typedef void (*ks_log_sink)(enum ks_log_level level, const char *tag, const char *msg, void *ctx);
void ks_log_set_sink(ks_log_sink sink, void *ctx);

void ks_log_write(enum ks_log_level level, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#ifndef LOG_TAG
#define LOG_TAG "kiosk"
#endif
#define LOG_DEBUG(...) ks_log_write(KS_LOG_DEBUG, LOG_TAG, __VA_ARGS__)
#define LOG_INFO(...) ks_log_write(KS_LOG_INFO, LOG_TAG, __VA_ARGS__)
#define LOG_WARN(...) ks_log_write(KS_LOG_WARN, LOG_TAG, __VA_ARGS__)
#define LOG_ERROR(...) ks_log_write(KS_LOG_ERROR, LOG_TAG, __VA_ARGS__)

#endif
