/*
 * For the fuzz targets of the HTTP APIs: the input after its case byte, one
 * input split into several request fields (header and query values, paths)
 * at '\n', the promise every answer keeps, and what body parsers promise.
 */
#ifndef TESTS_FUZZ_FUZZ_FIELDS_H
#define TESTS_FUZZ_FUZZ_FIELDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/json_read.h"

/*
 * The input after its first byte (which picks the case) as a copy of
 * exactly its bytes plus a NUL (free()); *len its length, *is_c_string
 * when it holds no NUL (so it may stand for a header or a query value).
 * NULL when the input is empty or its text longer than max.
 */
static inline char *fuzz_case_text(const uint8_t *data, size_t size, size_t max, size_t *len,
                                   bool *is_c_string)
{
    if (size == 0 || size - 1 > max)
        return NULL;
    *len = size - 1;
    char *text = malloc(*len + 1);
    if (!text)
        return NULL;
    memcpy(text, data + 1, *len);
    text[*len] = '\0';
    *is_c_string = strlen(text) == *len;
    return text;
}

/* True when status is one of the n the API documents. */
static inline bool fuzz_status_documented(int status, const int *known, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (status == known[i])
            return true;
    return false;
}

/* A JSON answer's promise: an object, and for a refusal an "error" sentence and its "path". */
static inline bool fuzz_json_answer_ok(int status, const char *body, size_t len)
{
    json_t *root = body ? json_loadb(body, len, 0, NULL) : NULL;
    bool ok =
        json_is_object(root) && (status < 400 || (json_is_string(json_object_get(root, "error")) &&
                                                  json_is_string(json_object_get(root, "path"))));
    json_decref(root);
    return ok;
}

/* Splits text (written to) at '\n' into up to n fields, NULL when absent (all when text is). */
static inline void fuzz_split_fields(char *text, const char **fields[], size_t n)
{
    for (size_t i = 0; i < n; i++)
        *fields[i] = NULL;
    for (size_t i = 0; text && i < n; i++) {
        *fields[i] = text;
        char *nl = strchr(text, '\n');
        if (nl)
            *nl = '\0';
        text = nl ? nl + 1 : NULL;
    }
}

/*
 * Splits text[len] at its first '\n' into a header value (NULL when it
 * holds a NUL byte, which no header can) and the bytes after it as a body
 * (*body NULL and *body_len 0 when there is no '\n').
 */
static inline void fuzz_split_header_body(char *text, size_t len, const char **header,
                                          const char **body, size_t *body_len)
{
    char *nl = memchr(text, '\n', len);
    size_t header_len = nl ? (size_t)(nl - text) : len;
    if (nl)
        *nl = '\0';
    *header = memchr(text, '\0', header_len) ? NULL : text;
    *body = nl ? nl + 1 : NULL;
    *body_len = nl ? len - header_len - 1 : 0;
}

/* True when text is min..max bytes without control characters (a body parser's short text). */
static inline bool fuzz_text_clean(const char *text, size_t min, size_t max)
{
    size_t n = strlen(text);
    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
            return false;
    return true;
}

/*
 * Whether ref has the shape a card terminal's reference must have (#15),
 * worked out apart from ks_terminal_ref_ok: at most 64 bytes of printable
 * ASCII, and with its spaces and dashes squeezed out no 13 digits in a row
 * (a card number's shape). "" passes: none.
 */
static inline bool fuzz_terminal_ref_shape(const char *ref)
{
    size_t n = strlen(ref), kept = 0;
    char squeezed[65];
    if (n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)ref[i] < 0x20 || (unsigned char)ref[i] > 0x7e)
            return false;
        if (ref[i] != ' ' && ref[i] != '-')
            squeezed[kept++] = ref[i];
    }
    squeezed[kept] = '\0';
    for (size_t i = 0; i < kept; i++)
        if (strspn(squeezed + i, "0123456789") >= 13)
            return false;
    return true;
}

/*
 * What a body parser's path buffer holds before the call: a byte no path can
 * start with (a member's name is valid UTF-8, and 0xff never is), so that a
 * refusal's path, even a member called "unset", is seen to be written.
 */
#define FUZZ_PATH_UNSET "\xff"

/* A refusal not yet written: a parser's refusal must overwrite the path. */
#define FUZZ_WHY_UNSET                                                                             \
    {                                                                                              \
        .path = FUZZ_PATH_UNSET, .reason = ""                                                      \
    }

/*
 * A body parser's answer keeps its promise: a refusal has a reason and a
 * path written (why held FUZZ_WHY_UNSET before) and out[size] all zero;
 * an acceptance leaves no reason.
 */
static inline bool fuzz_answer_ok(bool accepted, const ks_json_error *why, const void *out,
                                  size_t size)
{
    if (accepted)
        return why->reason[0] == '\0';
    const unsigned char *bytes = out;
    bool zero = true;
    for (size_t i = 0; i < size && zero; i++)
        zero = bytes[i] == 0;
    return why->reason[0] && (unsigned char)why->path[0] != 0xff &&
           memchr(why->path, '\0', sizeof why->path) && zero;
}

#endif
