/*
 * A QR code (libqrencode, error correction level M) drawn with plain fills:
 * dark modules on white with the four-module quiet zone the standard asks
 * for, whatever the theme (a high-contrast palette must not invert it, or
 * phones stop reading it). Used for the e-receipt link on the done screen.
 */
#ifndef KIOSK_SCREENS_QR_WIDGET_H
#define KIOSK_SCREENS_QR_WIDGET_H

#include "ui/widget.h"

/* Longest text encoded, in bytes. */
#define KS_QR_TEXT_MAX 256

/*
 * A QR code of text (at most KS_QR_TEXT_MAX bytes) size_px square. NULL
 * when the text is too long or cannot be encoded, or on error.
 */
struct ui_widget *ks_qr_new(const char *text, int size_px);

/* The text encoded, owned by w; NULL when w is not a QR code. */
const char *ks_qr_text(const struct ui_widget *w);

/* Modules per side of the symbol (quiet zone excluded); 0 when w is not a QR code. */
int ks_qr_modules(const struct ui_widget *w);

/* True when the module at (x, y) is dark; false out of range. */
bool ks_qr_module(const struct ui_widget *w, int x, int y);

#endif
