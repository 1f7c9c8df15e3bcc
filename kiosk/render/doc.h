/*
 * A printable document: what a receipt or a kitchen ticket says, as rows
 * from top to bottom, before any pixel exists. Layout code (receipt.c,
 * kitchen_ticket.c) builds one from an order; doc_raster.c draws it for a
 * printer's width and resolution. Pure: no SDL, no I/O.
 *
 * Sides. A document has a direction, from its language: in an Arabic one
 * the start side is the right. Rows placed by side (text, pair) follow it,
 * so an Arabic line has its item name on the right and its amount on the
 * left; a trio row is bilingual and placed physically (English at the left
 * edge, Arabic at the right, a value in the middle) the same in both.
 *
 * Building never stops half-way with an error code per call: the first
 * failure (out of memory, a text over KS_DOC_TEXT_MAX) marks the document
 * failed, later calls do nothing, and ks_doc_ok says whether it is whole.
 */
#ifndef KIOSK_RENDER_DOC_H
#define KIOSK_RENDER_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/money.h"

#define KS_DOC_TEXT_MAX 1024 /* bytes of one text, excluding the NUL */

/* Type sizes, in millimetres on paper (doc_raster.c turns them into dots). */
enum ks_doc_font {
    KS_DOC_TINY,  /* identifiers that must fit a line of a 58 mm roll */
    KS_DOC_SMALL, /* notes, translations, fine print */
    KS_DOC_BODY,  /* lines and labels */
    KS_DOC_LARGE, /* totals, kitchen lines */
    KS_DOC_TITLE, /* store name */
    KS_DOC_HUGE,  /* the order number */
};
#define KS_DOC_FONT_COUNT 6

enum ks_doc_align { KS_DOC_START, KS_DOC_CENTER, KS_DOC_END };

enum ks_doc_row_kind {
    KS_DOC_ROW_TEXT, /* one paragraph, wrapped, at the start, centre or end */
    KS_DOC_ROW_PAIR, /* text (and a smaller line under it) at the start, an amount at the end */
    KS_DOC_ROW_TRIO, /* left, centre and right cells, placed physically */
    KS_DOC_ROW_RULE, /* a dashed line across */
    KS_DOC_ROW_QR,   /* a QR code of text, centred, with its quiet zone */
    KS_DOC_ROW_GAP,  /* blank paper */
};

typedef struct ks_doc_row {
    enum ks_doc_row_kind kind;
    enum ks_doc_font font;
    bool bold;
    enum ks_doc_align align; /* TEXT */
    int indent;              /* TEXT, PAIR: steps in from the start side */
    const char *text;        /* TEXT, PAIR start, TRIO left, QR payload; owned by the doc */
    const char *sub;         /* PAIR: smaller line under text, TRIO: centre; may be NULL */
    const char *end;         /* PAIR: the amount, TRIO: right; may be NULL */
    int gap_tenths_mm;       /* GAP: height */
} ks_doc_row;

typedef struct ks_doc ks_doc;

/* An empty document in lang's direction. NULL when out of memory. */
ks_doc *ks_doc_new(enum ks_lang lang);

/* Frees the document and its texts. Accepts NULL. */
void ks_doc_free(ks_doc *doc);

/* True while every call so far succeeded. */
bool ks_doc_ok(const ks_doc *doc);

/* Marks the document failed: a value it needs could not be made. */
void ks_doc_fail(ks_doc *doc);

/* True when the start side is the right. */
bool ks_doc_rtl(const ks_doc *doc);

/* The rows, top to bottom, borrowed from doc; *n receives the count. */
const ks_doc_row *ks_doc_rows(const ks_doc *doc, size_t *n);

/*
 * Appending rows. Texts are copied (NULL text or sub or end: absent; an
 * empty text is a row of one empty line).
 */
void ks_doc_text(ks_doc *doc, enum ks_doc_font font, bool bold, enum ks_doc_align align, int indent,
                 const char *text);
void ks_doc_pair(ks_doc *doc, enum ks_doc_font font, bool bold, int indent, const char *text,
                 const char *sub, const char *end);
void ks_doc_trio(ks_doc *doc, enum ks_doc_font font, const char *left, const char *centre,
                 const char *right);
void ks_doc_rule(ks_doc *doc);
void ks_doc_qr(ks_doc *doc, const char *payload);
void ks_doc_gap(ks_doc *doc, int tenths_mm);

/*
 * printf into a text owned by the document (valid until ks_doc_free), for
 * building cells; NULL (and the document failed) when the result is longer
 * than KS_DOC_TEXT_MAX or memory runs out.
 */
const char *ks_doc_printf(ks_doc *doc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
