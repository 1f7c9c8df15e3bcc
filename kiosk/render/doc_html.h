/*
 * A printable document (kiosk/render/doc.h) as a web page: the same rows a
 * printer gets, for a phone's browser. The page takes the document's
 * direction (an Arabic receipt is right-to-left, its language "ar"); trio
 * rows keep their physical places (English at the left, Arabic at the
 * right, each cell in its own direction); a QR row is an inline SVG image
 * of the same code (libqrencode, level M, with its quiet zone).
 *
 * Every text is escaped; the page has no script, no link and no resource
 * of its own besides its inline style, so it can be served under a strict
 * Content-Security-Policy (default-src 'none'; style-src 'unsafe-inline';
 * font-src data: for the caller's inline fonts).
 */
#ifndef KIOSK_RENDER_DOC_HTML_H
#define KIOSK_RENDER_DOC_HTML_H

#include <stddef.h>

#include "kiosk/render/doc.h"

/*
 * The page of doc (borrowed) titled title (borrowed, escaped), UTF-8,
 * NUL-terminated, owned by the caller (free()); *len (may be NULL) gets its
 * length. css (borrowed, NULL: none) is added to the page's style as it
 * is: the caller's @font-face rules, such as the riyal sign's ("Saudi
 * Riyal", first in the page's fonts; phones' own fonts lack U+20C1). NULL
 * when doc is not whole (ks_doc_ok), a QR code cannot be made or memory
 * runs out.
 */
char *ks_doc_html(const ks_doc *doc, const char *title, const char *css, size_t *len);

#endif
