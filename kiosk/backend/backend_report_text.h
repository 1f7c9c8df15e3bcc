/*
 * A report's answer written as text while the store gives its rows (a
 * ks_backend_sink), with no JSON tree between; every report of
 * GET /v1/reports/ is written so. The chain's year of sales by
 * day and kiosk is 71,000 rows, 14.8 MB, and as a jansson tree (some
 * 900,000 values, each malloc'd, then dumped into a buffer grown by
 * copying) it cost the backend 0.6-0.8 s of CPU a request, where the SQL
 * took 0.2 s (perf, 1 M order lines).
 *
 * JSON: the head's members, then "rows": [one object a row, its columns in
 * the query's order], byte for byte what json_dumps(JSON_COMPACT) makes of
 * the same rows (strings escaped as jansson does: \" \\ \b \f \n \r \t and
 * other control characters as \u00XX; other bytes as they are). CSV: a
 * header line of the columns, then a line a row, lines ended by CRLF,
 * integers bare and text quoted (quotes doubled, a leading = + - @ defused
 * with a ').
 *
 * Streamed (a writer given a ks_backend_stream): the first
 * KS_BACKEND_REPORT_HOLD_BYTES are held back, so that a report that fails
 * before them is still answered whole (a 503); past them the status and
 * the text so far are sent, and then every KS_BACKEND_REPORT_CHUNK_BYTES
 * as the rows come: the backend holds about that much of any export. A
 * failure after that cuts the answer (the client sees a transfer error);
 * a client that went away fails the next row, which stops the query.
 */
#ifndef KIOSK_BACKEND_BACKEND_REPORT_TEXT_H
#define KIOSK_BACKEND_BACKEND_REPORT_TEXT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "kiosk/backend/backend_api.h"
#include "kiosk/backend/backend_row.h"

/* Bytes of a streamed answer held back before its status is sent. */
#define KS_BACKEND_REPORT_HOLD_BYTES (256u * 1024u)
/* Bytes written to the stream at a time once it is started. */
#define KS_BACKEND_REPORT_CHUNK_BYTES (64u * 1024u)

typedef struct ks_backend_report_text ks_backend_report_text;

/*
 * A writer of CSV (csv) or JSON. columns[n_columns] (borrowed, must outlive
 * the writer): the rows' columns, in order; a row whose names differ fails
 * KS_DB_ERR_INTERNAL. head (stolen; a JSON object, NULL taken as
 * {}): the JSON answer's members before "rows" (unused for CSV). stream
 * (borrowed, must outlive the writer; NULL: the answer is kept whole):
 * where the answer goes once past the hold-back, as content_type (static).
 * NULL when out of memory.
 */
ks_backend_report_text *ks_backend_report_text_new(bool csv, const char *const *columns,
                                                   size_t n_columns, json_t *head,
                                                   const ks_backend_stream *stream,
                                                   const char *content_type);

/* A sink (backend_row.h) that writes each row to text (ctx: the writer). */
ks_backend_sink ks_backend_report_text_sink(ks_backend_report_text *text);

/* True once text's answer went to its stream: its status is sent. */
bool ks_backend_report_text_streamed(const ks_backend_report_text *text);

/* True when the stream said the client went away (a row failed for it). */
bool ks_backend_report_text_left(const ks_backend_report_text *text);

/*
 * The text, closed ("]}" for JSON), NUL-terminated, malloc'd (the caller
 * frees it), its length in *len; NULL when out of memory, when a row
 * failed, when whole is false (the store failed), or when streamed: the
 * stream is then ended, whole when all went well, else cut. Frees text
 * (NULL: returns NULL).
 */
char *ks_backend_report_text_finish(ks_backend_report_text *text, bool whole, size_t *len);

/* Frees a writer not finished. Accepts NULL. */
void ks_backend_report_text_free(ks_backend_report_text *text);

#endif
