/* A report's answer written as text from its rows: see kiosk/backend/backend_report_text.h. */
#include "kiosk/backend/backend_report_text.h"

#include <stdlib.h>
#include <string.h>

struct ks_backend_report_text {
    char *text;                 /* owned: the answer so far, freed or returned by finish */
    size_t len, cap;            /* bytes in text, and its size */
    bool failed;                /* out of memory once: nothing more is written */
    bool csv;                   /* else JSON */
    const char *const *columns; /* borrowed from the caller */
    size_t n_columns;
    size_t rows;                     /* written so far */
    enum ks_db_error error;          /* the first row's failure, KS_DB_OK while none */
    const ks_backend_stream *stream; /* borrowed; NULL: kept whole */
    const char *content_type;        /* static */
    bool streaming;                  /* the status is sent: text holds what follows */
    bool left;                       /* the client went away */
    /* JSON: each column's opening, {"name": for the first, ,"name": after, escaped once and
     * not at every row; the c-th ends at key_end[c] in keys (owned, both). */
    char *keys;
    size_t *key_end;
};

/* Room for more bytes at the end of t's text (doubling); false, t failed, when out of memory. */
static bool reserve(ks_backend_report_text *t, size_t more)
{
    if (t->failed)
        return false;
    if (t->cap - t->len >= more)
        return true;
    size_t cap = t->cap ? t->cap : 65536;
    while (cap - t->len < more)
        cap *= 2;
    char *grown = realloc(t->text, cap);
    if (!grown) {
        t->failed = true;
        return false;
    }
    t->text = grown;
    t->cap = cap;
    return true;
}

static void put(ks_backend_report_text *t, const char *bytes, size_t len)
{
    if (reserve(t, len)) {
        memcpy(t->text + t->len, bytes, len);
        t->len += len;
    }
}

static void put_text(ks_backend_report_text *t, const char *text)
{
    put(t, text, strlen(text));
}

static void put_char(ks_backend_report_text *t, char c)
{
    if (reserve(t, 1))
        t->text[t->len++] = c;
}

/* value as decimal digits, no printf (900,000 of them in the largest answer). */
static void put_integer(ks_backend_report_text *t, int64_t value)
{
    char digits[24];
    size_t i = sizeof digits;
    uint64_t magnitude = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;
    do {
        digits[--i] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0)
        digits[--i] = '-';
    put(t, digits + i, sizeof digits - i);
}

/* text as a JSON string, escaped as jansson's json_dumps does. */
static void put_json_string(ks_backend_report_text *t, const char *text)
{
    static const char hex[] = "0123456789ABCDEF";
    put_char(t, '"');
    const char *plain = text; /* the start of the bytes not yet written, none escaped */
    for (const char *p = text;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(t, plain, (size_t)(p - plain));
        plain = p + 1;
        if (!c)
            break;
        static const char named[] = "\"\\\b\f\n\r\t", letters[] = "\"\\bfnrt";
        const char *at = strchr(named, (char)c);
        char escape[6] = {'\\', at ? letters[at - named] : 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        put(t, escape, at ? 2 : 6);
    }
    put_char(t, '"');
}

/* text as a CSV field: quoted, quotes doubled, a leading = + - @ defused. */
static void put_csv_text(ks_backend_report_text *t, const char *text)
{
    put_char(t, '"');
    if (text[0] && strchr("=+-@", text[0]))
        put_char(t, '\'');
    for (; *text; text++) {
        if (*text == '"')
            put_char(t, '"');
        put_char(t, *text);
    }
    put_char(t, '"');
}

ks_backend_report_text *ks_backend_report_text_new(bool csv, const char *const *columns,
                                                   size_t n_columns, json_t *head,
                                                   const ks_backend_stream *stream,
                                                   const char *content_type)
{
    ks_backend_report_text *t = calloc(1, sizeof *t);
    char *opening = NULL;
    if (!csv)
        opening = head ? json_dumps(head, JSON_COMPACT) : strdup("{}");
    json_decref(head);
    if (!t || (!csv && !opening)) {
        free(opening);
        free(t);
        return NULL;
    }
    t->csv = csv;
    t->stream = stream;
    t->content_type = content_type;
    t->columns = columns;
    t->n_columns = n_columns;
    if (csv) {
        for (size_t c = 0; c < n_columns; c++) {
            if (c)
                put_char(t, ',');
            put_text(t, columns[c]);
        }
        put_text(t, "\r\n");
    } else {
        /* The head's members, its closing brace left off, then the rows' array opened. */
        size_t len = strlen(opening);
        put(t, opening, len - 1);
        put_text(t, len > 2 ? ",\"rows\":[" : "\"rows\":[");
        ks_backend_report_text keys = {0};
        t->key_end = calloc(n_columns ? n_columns : 1, sizeof *t->key_end);
        for (size_t c = 0; t->key_end && c < n_columns; c++) {
            put_char(&keys, c ? ',' : '{');
            put_json_string(&keys, columns[c]);
            put_char(&keys, ':');
            t->key_end[c] = keys.len;
        }
        t->keys = keys.text;
        t->failed = t->failed || keys.failed || !t->key_end || (n_columns && !t->keys);
    }
    free(opening);
    if (!t->failed)
        return t;
    ks_backend_report_text_free(t);
    return NULL;
}

/*
 * Streamed: the text so far to the stream once it passes the hold-back
 * (the status sent first) and then every chunk; false when the client went
 * away.
 */
static bool pass_on(ks_backend_report_text *t)
{
    size_t due = t->streaming ? KS_BACKEND_REPORT_CHUNK_BYTES : KS_BACKEND_REPORT_HOLD_BYTES;
    if (!t->stream || t->failed || t->len < due)
        return true;
    if (!t->streaming)
        t->streaming = t->stream->start(t->stream->ctx, t->content_type);
    t->left = !t->streaming || !t->stream->write(t->stream->ctx, t->text, t->len);
    t->len = 0;
    return !t->left;
}

/* A sink's row written to the text (ctx: the writer). */
static enum ks_db_error write_row(void *ctx, const char *const *names,
                                  const ks_backend_value *values, size_t n)
{
    ks_backend_report_text *t = ctx;
    if (n != t->n_columns)
        return t->error = KS_DB_ERR_INTERNAL;
    for (size_t c = 0; c < n; c++)
        if (strcmp(names[c], t->columns[c]) != 0)
            return t->error = KS_DB_ERR_INTERNAL;
    if (!t->csv && t->rows)
        put_char(t, ',');
    for (size_t c = 0; c < n; c++) {
        if (t->csv && c)
            put_char(t, ',');
        else if (!t->csv) {
            size_t start = c ? t->key_end[c - 1] : 0;
            put(t, t->keys + start, t->key_end[c] - start);
        }
        if (values[c].digits && !values[c].text)
            put_text(t, values[c].digits);
        else if (!values[c].text)
            put_integer(t, values[c].integer);
        else if (t->csv)
            put_csv_text(t, values[c].text);
        else
            put_json_string(t, values[c].text);
    }
    put_text(t, t->csv ? "\r\n" : n ? "}" : "{}");
    t->rows++;
    if (t->failed)
        return t->error = KS_DB_ERR_NO_MEMORY;
    if (!pass_on(t))
        return t->error = KS_DB_ERR_IO;
    return KS_DB_OK;
}

ks_backend_sink ks_backend_report_text_sink(ks_backend_report_text *text)
{
    return (ks_backend_sink){write_row, text};
}

bool ks_backend_report_text_streamed(const ks_backend_report_text *text)
{
    return text && text->streaming;
}

bool ks_backend_report_text_left(const ks_backend_report_text *text)
{
    return text && text->left;
}

char *ks_backend_report_text_finish(ks_backend_report_text *text, bool whole, size_t *len)
{
    *len = 0;
    if (!text)
        return NULL;
    if (!text->csv)
        put_text(text, "]}");
    whole = whole && !text->failed && text->error == KS_DB_OK;
    char *answer = NULL;
    if (text->streaming) {
        whole = whole && text->stream->write(text->stream->ctx, text->text, text->len);
        text->stream->end(text->stream->ctx, whole);
    } else {
        put_char(text, '\0');
        if (whole && !text->failed) {
            answer = text->text;
            *len = text->len - 1;
            text->text = NULL;
        }
    }
    ks_backend_report_text_free(text);
    return answer;
}

void ks_backend_report_text_free(ks_backend_report_text *text)
{
    if (!text)
        return;
    free(text->text);
    free(text->keys);
    free(text->key_end);
    free(text);
}
