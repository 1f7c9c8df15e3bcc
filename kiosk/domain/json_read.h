/*
 * The one bounded JSON reader of the kiosk (issue #17): what the menu
 * import, the order JSON and the image manifest read outside JSON with.
 * A reader walks a jansson tree the caller owns, keeping the path of the
 * value in hand (object keys and array indexes, at most
 * KS_JSON_PATH_DEPTH deep) and the first error it meets, always in one
 * shape: the path of the value at fault and a plain English reason, e.g.
 * "items[3].price" + "must be between 0 and 1000000000000 (got -1)".
 *
 * Getters read obj[key] with its limits (string lengths and characters,
 * integer ranges, array counts, enums from a table, known members only)
 * and return false once an error is recorded; the first error wins, so a
 * caller may chain getters with && and look at the error at the end.
 * With key NULL a getter reads obj itself, reported at the current path
 * (an array entry, say). Pure: no I/O, no logging.
 */
#ifndef KIOSK_DOMAIN_JSON_READ_H
#define KIOSK_DOMAIN_JSON_READ_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KS_JSON_PATH_DEPTH 16

/* The one error shape. */
typedef struct ks_json_error {
    /*
     * Where: e.g. "items[12].modifier_groups[1]" or "lines[0].name.en";
     * "" when the document as a whole is at fault (too large, not JSON).
     */
    char path[160];
    /* Why, in plain English; "" while there is no error. */
    char reason[256];
} ks_json_error;

typedef struct ks_json_reader {
    struct {
        const char *key; /* borrowed from the tree (or a static string); NULL: an index */
        size_t index;
    } path[KS_JSON_PATH_DEPTH];
    int depth;
    bool failed;
    ks_json_error error; /* the first error */
} ks_json_reader;

/* What a string may contain besides its length limits. */
enum ks_json_chars {
    KS_JSON_ANY,       /* any UTF-8 jansson accepts (never a NUL) */
    KS_JSON_ID,        /* a-z 0-9 _ . - */
    KS_JSON_PRINTABLE, /* ASCII 0x20-0x7e */
    KS_JSON_TEXT,      /* any UTF-8 but control characters */
    KS_JSON_PARAGRAPH, /* KS_JSON_TEXT plus line feeds */
    KS_JSON_PATH,      /* A-Z a-z 0-9 _ . / -, relative, no "..", no trailing / */
};

/* An empty path and no error. */
void ks_json_reader_init(ks_json_reader *r);

/*
 * Parses len bytes (no NUL needed) of at most max_bytes into *root, owned
 * by the caller (json_decref); duplicate member names are refused. False
 * with an error at the path "" when text is NULL, too large or not JSON.
 */
bool ks_json_load(ks_json_reader *r, const char *text, size_t len, size_t max_bytes, json_t **root);

/*
 * Records an error at the current path, plus member when not NULL, unless
 * one is already recorded. The path and reason are cut to fit at a UTF-8
 * character boundary. Returns false.
 */
__attribute__((format(printf, 3, 4))) bool ks_json_fail(ks_json_reader *r, const char *member,
                                                        const char *fmt, ...);

/*
 * Steps into member key (borrowed: must outlive the step) or entry index
 * of the value in hand. False with an error when the path is already
 * KS_JSON_PATH_DEPTH deep. Every successful step is undone by one
 * ks_json_leave(); after an error the path no longer matters.
 */
bool ks_json_enter_key(ks_json_reader *r, const char *key);
bool ks_json_enter_index(ks_json_reader *r, size_t index);
void ks_json_leave(ks_json_reader *r);

/*
 * obj[key] (obj itself when key is NULL) must be an object whose every
 * member is in allowed (NULL-terminated; NULL allows any). An unknown
 * member is reported at its own path, shortened when long.
 */
bool ks_json_object(ks_json_reader *r, json_t *obj, const char *key, const char *const *allowed);

/*
 * *out = obj[key], borrowed from the tree, or NULL when absent; absent and
 * required is an error ("missing member" at the path of obj).
 */
bool ks_json_member(ks_json_reader *r, json_t *obj, const char *key, bool required, json_t **out);

/*
 * The getters below read obj[key]; absent and optional leaves *out alone
 * (so *out holds the default), absent and required is an error.
 */

/* An integer in [lo, hi]. */
bool ks_json_int(ks_json_reader *r, json_t *obj, const char *key, bool required, int64_t lo,
                 int64_t hi, int64_t *out);
bool ks_json_i32(ks_json_reader *r, json_t *obj, const char *key, bool required, int32_t lo,
                 int32_t hi, int32_t *out);

/* An amount in integer minor units (halalas) in [lo, hi]. */
bool ks_json_money(ks_json_reader *r, json_t *obj, const char *key, bool required, int64_t lo,
                   int64_t hi, int64_t *out);

bool ks_json_bool(ks_json_reader *r, json_t *obj, const char *key, bool required, bool *out);

/* A string of min..max bytes of chars; *out borrowed from the tree (NUL-terminated). */
bool ks_json_string(ks_json_reader *r, json_t *obj, const char *key, bool required, size_t min,
                    size_t max, enum ks_json_chars chars, const char **out);

/*
 * A string of min..cap - 1 bytes of chars copied into out[cap]; absent and
 * optional leaves out alone.
 */
bool ks_json_copy(ks_json_reader *r, json_t *obj, const char *key, bool required, size_t min,
                  size_t cap, enum ks_json_chars chars, char *out);

/* A lowercase UUID (ks_uuid_ok) copied into out[37]; absent and optional leaves out alone. */
bool ks_json_uuid(ks_json_reader *r, json_t *obj, const char *key, bool required, char out[37]);

/* A string that is one of names[0..n) (NULL slots never match); *out = its index. */
bool ks_json_enum(ks_json_reader *r, json_t *obj, const char *key, bool required,
                  const char *const *names, size_t n, int *out);

/* An array of min..max entries; *out borrowed from the tree, NULL when absent or refused. */
bool ks_json_array(ks_json_reader *r, json_t *obj, const char *key, bool required, size_t min,
                   size_t max, json_t **out);

/*
 * A name in both languages, {"ar": string, "en": string}, nothing else,
 * each of at most max bytes of chars; both borrowed from the tree. Absent
 * and optional leaves *ar and *en alone.
 */
bool ks_json_names(ks_json_reader *r, json_t *obj, const char *key, bool required, size_t max,
                   enum ks_json_chars chars, const char **ar, const char **en);

/* True when name is one of list (NULL-terminated). */
bool ks_json_name_in(const char *name, const char *const *list);

/*
 * s made safe to quote in a reason into buf[cap] (cap >= 8): control
 * characters become '?', and text longer than cap - 1 bytes is cut at a
 * UTF-8 character boundary and ends in "...". Returns buf.
 */
const char *ks_json_shown(char *buf, size_t cap, const char *s);

/*
 * The first error as one line, "path: reason" or "reason" at the path "",
 * into out[cap] (cut to fit); "" when there is none. Returns out.
 */
const char *ks_json_error_line(const ks_json_error *e, char *out, size_t cap);

#endif
