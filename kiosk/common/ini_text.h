/*
 * The INI files this project reads (the kiosk's, the kitchen display's,
 * the attendant console's, the backend's, the screens' theme), parsed alike: inih underneath, the
 * text outside input with a size limit, no NUL bytes, no line longer than inih's buffer (refused,
 * never split), the first problem reported with its line number, and
 * relative paths taken against the file's own folder.
 *
 * Each program keeps its own table of keys; for each "key = value" the
 * entry callback is called with the parse under way, and refuses a value
 * with ks_ini_refuse, which records "[section] key: reason" and the line.
 */
#ifndef KIOSK_COMMON_INI_TEXT_H
#define KIOSK_COMMON_INI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Largest configuration file any program accepts, in bytes. */
#define KS_INI_MAX_BYTES (64 * 1024)

typedef struct ks_ini_error {
    int line;          /* 1-based; 0 when not tied to a line (e.g. file unreadable) */
    char message[256]; /* "[store] vat_number: must be 15 digits ..." */
} ks_ini_error;

typedef struct ks_ini ks_ini; /* a parse under way */

/*
 * Called for each key = value (all borrowed for the call); true to go on,
 * false (after ks_ini_refuse) to stop at this line.
 */
typedef bool (*ks_ini_entry_fn)(ks_ini *ini, void *user, const char *section, const char *key,
                                const char *value);

/*
 * Parses text[0..len) (no NUL needed) through entry with user. False with
 * *err filled at the first problem: over KS_INI_MAX_BYTES, a NUL byte, an
 * over-long line, a syntax error, or the entry's refusal.
 */
bool ks_ini_parse(const char *text, size_t len, ks_ini_entry_fn entry, void *user,
                  ks_ini_error *err);

/*
 * Reads the file at path (at most KS_INI_MAX_BYTES) and parses it as
 * ks_ini_parse does. Every program's configuration holds tokens or PINs, so
 * a file other users of the machine can read is refused, with the chmod
 * that fixes it (ks_secret_file_read).
 */
bool ks_ini_load(const char *path, ks_ini_entry_fn entry, void *user, ks_ini_error *err);

/* ks_ini_load for a file that holds no secret (the screens' theme): any mode will do. */
bool ks_ini_load_public(const char *path, ks_ini_entry_fn entry, void *user, ks_ini_error *err);

/*
 * Records "[section] key: reason" at the current line, unless a problem
 * was recorded before (the first one is what people need). Always false,
 * so an entry callback can `return ks_ini_refuse(...)`.
 */
bool ks_ini_refuse(ks_ini *ini, const char *section, const char *key, const char *reason);

/* "HH:MM" (00:00-23:59) as minutes after midnight into *minutes; false otherwise. */
bool ks_ini_time_of_day(const char *value, int *minutes);

/* What a shared key reader did with a key (ks_ini_business_day_key). */
enum ks_ini_key {
    KS_INI_KEY_OTHER,   /* not one of its keys: nothing read, nothing recorded */
    KS_INI_KEY_TAKEN,   /* read into its place */
    KS_INI_KEY_REFUSED, /* refused (ks_ini_refuse recorded why) */
};

/* Bounds of utc_offset_minutes (UTC-12:00 to UTC+14:00), and the two keys' defaults: Riyadh's
 * time (UTC+3), a business day from 04:00. */
#define KS_INI_UTC_OFFSET_MIN_LOW (-720)
#define KS_INI_UTC_OFFSET_MIN_HIGH 840
#define KS_INI_UTC_OFFSET_MIN_DEFAULT 180
#define KS_INI_DAY_START_MIN_DEFAULT (4 * 60)

/*
 * The two keys of a store's business day, read alike by every program that dates things by it
 * (the kiosk's [store], the kitchen display's [kitchen], the attendant console's [console]):
 * utc_offset_minutes (a whole number of minutes from KS_INI_UTC_OFFSET_MIN_LOW to _HIGH) into
 * *utc_offset_min and business_day_start (HH:MM local time) into *day_start_min. Either is left
 * alone when key is the other or neither.
 */
enum ks_ini_key ks_ini_business_day_key(ks_ini *ini, const char *section, const char *key,
                                        const char *value, int *utc_offset_min, int *day_start_min);

/* Copies a value into out[size] whole; false (out untouched) when it does not fit. */
bool ks_ini_copy_value(char *out, size_t size, const char *value);

/*
 * Makes path (a buffer of size bytes) absolute against the folder of the
 * configuration file at config_path ("." when it names no folder, "/" for
 * a file in the root); an absolute or empty path is left alone. False when
 * the result does not fit (path unchanged).
 */
bool ks_ini_resolve_path(char *path, size_t size, const char *config_path);

#endif
