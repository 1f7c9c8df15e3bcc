/* The log sink behind kiosk/common/log.h. */
#include "kiosk/common/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static enum ks_log_level threshold = KS_LOG_INFO;
static int threshold_from_env = -1;
static ks_log_sink extra_sink;
static void *extra_ctx;

static const char *const level_names[] = {"DEBUG", "INFO", "WARN", "ERROR"};

void ks_log_set_level(enum ks_log_level level)
{
    threshold = level;
}

void ks_log_set_sink(ks_log_sink sink, void *ctx)
{
    extra_sink = sink;
    extra_ctx = ctx;
}

static enum ks_log_level effective_threshold(void)
{
    if (threshold_from_env < 0) {
        const char *env = getenv("KIOSK_LOG");
        threshold_from_env = 0;
        for (int i = 0; env && i <= KS_LOG_ERROR; i++)
            if (strcasecmp(env, level_names[i]) == 0)
                threshold_from_env = 1 + i;
    }
    return threshold_from_env > 0 ? (enum ks_log_level)(threshold_from_env - 1) : threshold;
}

void ks_log_write(enum ks_log_level level, const char *tag, const char *fmt, ...)
{
    if (level < effective_threshold())
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%-5s %s: %s\n", level_names[level], tag, msg);
    if (extra_sink)
        extra_sink(level, tag, msg, extra_ctx);
}
