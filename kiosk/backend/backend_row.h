/*
 * A row of a query's answer as the backend's store drivers give it, and
 * where such rows go: a sink, called once per row in order. The store
 * turns rows into JSON objects through a sink (ks_backend_query_rows); a
 * report of tens of thousands of rows writes them straight to text through
 * another (backend_report_text.h), with no JSON tree between.
 */
#ifndef KIOSK_BACKEND_BACKEND_ROW_H
#define KIOSK_BACKEND_BACKEND_ROW_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "kiosk/store/db.h"

/*
 * A bound parameter or a result column: text when text is non-NULL, else an
 * integer: digits when those are non-NULL, else integer. digits is a
 * result's integer as its driver read it (PostgreSQL's text: an optional
 * '-' then decimal digits, no leading zero, exactly what printing the
 * value gives), not parsed: a sink that writes text copies them, and
 * ks_backend_value_int reads the value of either.
 */
typedef struct ks_backend_value {
    const char *text;   /* borrowed, NUL-terminated */
    const char *digits; /* borrowed, NUL-terminated; only when text is NULL */
    int64_t integer;
} ks_backend_value;

/* The integer of a value that is not text (its digits parsed when it has them). */
static inline int64_t ks_backend_value_int(const ks_backend_value *value)
{
    return value->digits ? strtoll(value->digits, NULL, 10) : value->integer;
}

/*
 * Where a query's rows go: row(ctx, names, values, n) once per row, in the
 * answer's order, with its n column names and values (borrowed for the
 * call); a failure it returns ends the query with that error. ctx is
 * borrowed from whoever made the sink.
 */
typedef struct ks_backend_sink {
    enum ks_db_error (*row)(void *ctx, const char *const *names, const ks_backend_value *values,
                            size_t n);
    void *ctx;
} ks_backend_sink;

#endif
