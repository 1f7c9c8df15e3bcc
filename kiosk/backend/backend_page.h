/*
 * The manager's web page, served at GET / from the binary: one static HTML
 * document with no external resources. It asks for the manager token, then
 * fetches /v1/reports/sales (JSON), /v1/reports/kitchen and /v1/kiosks, draws
 * sales by day as an inline SVG bar chart and lists the kitchen speed of the
 * last day chosen per hour and station, with a few lines of vanilla JavaScript.
 */
#ifndef KIOSK_BACKEND_BACKEND_PAGE_H
#define KIOSK_BACKEND_BACKEND_PAGE_H

/* NUL-terminated UTF-8 HTML. */
extern const char ks_backend_page_html[];

#endif
