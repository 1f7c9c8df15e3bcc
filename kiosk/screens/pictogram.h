/*
 * Pictograms for the customer screens, drawn with ui/draw.h shapes so they
 * scale to any size and follow the theme (high contrast included): eat
 * here, take away, card, cash, card reader, receipt, printer, lock, the
 * access symbol of reach mode, and the radio and check marks of option rows. Cut-outs
 * are painted in the colour behind the pictogram, as ui/w_image.h rounds
 * pictures.
 */
#ifndef KIOSK_SCREENS_PICTOGRAM_H
#define KIOSK_SCREENS_PICTOGRAM_H

#include "ui/theme.h"
#include "ui/widget.h"

enum ks_picto {
    KS_PICTO_DINE_IN,
    KS_PICTO_TAKEAWAY,
    KS_PICTO_CARD,
    KS_PICTO_CASH,
    KS_PICTO_TERMINAL,
    KS_PICTO_RECEIPT,
    KS_PICTO_PRINTER,
    KS_PICTO_LOCK,
    KS_PICTO_REACH, /* the wheelchair of the international symbol of access */
    KS_PICTO_CLOSED,
    KS_PICTO_RADIO_OFF,
    KS_PICTO_RADIO_ON,
    KS_PICTO_CHECK_OFF,
    KS_PICTO_CHECK_ON,
};

/* A pictogram size_px square in the primary colour. NULL on error. */
struct ui_widget *ks_picto_new(enum ks_picto picto, int size_px);

/* The main colour. */
void ks_picto_set_color(struct ui_widget *w, enum ui_color_role color);
/* The cut-outs' colour; UI_COLOR_COUNT (the default): the backdrop's. */
void ks_picto_set_cut(struct ui_widget *w, enum ui_color_role color);

#endif
