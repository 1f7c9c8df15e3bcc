/*
 * For the fuzz targets of the HTTP APIs: one input split into several
 * request fields (header and query values, paths) at '\n'.
 */
#ifndef TESTS_FUZZ_FUZZ_FIELDS_H
#define TESTS_FUZZ_FUZZ_FIELDS_H

#include <stddef.h>
#include <string.h>

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

#endif
