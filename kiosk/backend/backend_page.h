/*
 * The manager's web page, served at GET / from the binary: one static HTML
 * document with no external resources. It asks for the manager token, then
 * fetches /v1/reports/sales (JSON) and /v1/kiosks and draws sales by day as
 * an inline SVG bar chart with a few lines of vanilla JavaScript.
 */
#ifndef KIOSK_BACKEND_BACKEND_PAGE_H
#define KIOSK_BACKEND_BACKEND_PAGE_H

/* NUL-terminated UTF-8 HTML. */
extern const char ks_backend_page_html[];

#endif
