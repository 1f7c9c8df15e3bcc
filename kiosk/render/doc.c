/* Printable documents: see kiosk/render/doc.h. */
#include "kiosk/render/doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/arena.h"

struct ks_doc {
    bool rtl;
    bool failed;
    ks_doc_row *rows; /* owned, n_rows of cap */
    size_t n_rows, cap;
    ks_arena *texts; /* owned: every text of every row */
};

ks_doc *ks_doc_new(enum ks_lang lang)
{
    ks_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        goto error;
    doc->rtl = lang == KS_LANG_AR;
    doc->texts = ks_arena_new();
    if (!doc->texts)
        goto error;
    return doc;
error:
    ks_doc_free(doc);
    return NULL;
}

void ks_doc_free(ks_doc *doc)
{
    if (!doc)
        return;
    free(doc->rows);
    ks_arena_free(doc->texts);
    free(doc);
}

bool ks_doc_ok(const ks_doc *doc)
{
    return doc && !doc->failed;
}

void ks_doc_fail(ks_doc *doc)
{
    doc->failed = true;
}

bool ks_doc_rtl(const ks_doc *doc)
{
    return doc->rtl;
}

const ks_doc_row *ks_doc_rows(const ks_doc *doc, size_t *n)
{
    *n = doc->n_rows;
    return doc->rows;
}

/* A copy of text in the document's arena; NULL for NULL, and on failure (doc failed). */
static const char *copy(ks_doc *doc, const char *text)
{
    if (!text || doc->failed)
        return NULL;
    size_t len = strnlen(text, KS_DOC_TEXT_MAX + 1);
    const char *dup = len <= KS_DOC_TEXT_MAX ? ks_arena_strndup(doc->texts, text, len) : NULL;
    if (!dup)
        doc->failed = true;
    return dup;
}

/* A new zeroed row at the end, or NULL (doc failed). */
static ks_doc_row *add_row(ks_doc *doc, enum ks_doc_row_kind kind)
{
    if (doc->failed)
        return NULL;
    if (doc->n_rows == doc->cap) {
        size_t cap = doc->cap ? doc->cap * 2 : 64;
        ks_doc_row *rows = realloc(doc->rows, cap * sizeof *rows);
        if (!rows) {
            doc->failed = true;
            return NULL;
        }
        doc->rows = rows;
        doc->cap = cap;
    }
    ks_doc_row *row = &doc->rows[doc->n_rows++];
    memset(row, 0, sizeof *row);
    row->kind = kind;
    return row;
}

void ks_doc_text(ks_doc *doc, enum ks_doc_font font, bool bold, enum ks_doc_align align, int indent,
                 const char *text)
{
    const char *t = copy(doc, text ? text : "");
    ks_doc_row *row = t ? add_row(doc, KS_DOC_ROW_TEXT) : NULL;
    if (!row)
        return;
    row->font = font;
    row->bold = bold;
    row->align = align;
    row->indent = indent;
    row->text = t;
}

void ks_doc_pair(ks_doc *doc, enum ks_doc_font font, bool bold, int indent, const char *text,
                 const char *sub, const char *end)
{
    const char *t = copy(doc, text ? text : "");
    const char *s = copy(doc, sub);
    const char *e = copy(doc, end);
    ks_doc_row *row = add_row(doc, KS_DOC_ROW_PAIR);
    if (!row)
        return;
    row->font = font;
    row->bold = bold;
    row->indent = indent;
    row->text = t;
    row->sub = s;
    row->end = e;
}

void ks_doc_trio(ks_doc *doc, enum ks_doc_font font, const char *left, const char *centre,
                 const char *right)
{
    const char *l = copy(doc, left);
    const char *c = copy(doc, centre);
    const char *r = copy(doc, right);
    ks_doc_row *row = add_row(doc, KS_DOC_ROW_TRIO);
    if (!row)
        return;
    row->font = font;
    row->text = l;
    row->sub = c;
    row->end = r;
}

void ks_doc_rule(ks_doc *doc)
{
    add_row(doc, KS_DOC_ROW_RULE);
}

void ks_doc_qr(ks_doc *doc, const char *payload)
{
    const char *p = copy(doc, payload);
    ks_doc_row *row = p ? add_row(doc, KS_DOC_ROW_QR) : NULL;
    if (row)
        row->text = p;
}

void ks_doc_gap(ks_doc *doc, int tenths_mm)
{
    ks_doc_row *row = add_row(doc, KS_DOC_ROW_GAP);
    if (row)
        row->gap_tenths_mm = tenths_mm > 0 ? tenths_mm : 0;
}

const char *ks_doc_printf(ks_doc *doc, const char *fmt, ...)
{
    if (doc->failed)
        return NULL;
    char buf[KS_DOC_TEXT_MAX + 1];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n > KS_DOC_TEXT_MAX) {
        doc->failed = true;
        return NULL;
    }
    return copy(doc, buf);
}
