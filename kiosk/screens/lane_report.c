/*
 * What a self-checkout lane tells the attendant console
 * (kiosk/app/attendant_link.h): its activity from the journey's screen,
 * what it waits on with the line each need is about, the basket's pieces
 * and total, and its device faults.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/screens/screen.h"

static enum ks_att_activity activity_of(const ks_journey *j)
{
    if (j->closed)
        return KS_ATT_CLOSED;
    switch (j->screen) {
    case KS_SCREEN_ATTRACT:
    case KS_SCREEN_LANGUAGE:
    case KS_SCREEN_DONE:
        return KS_ATT_IDLE;
    case KS_SCREEN_PAYMENT:
    case KS_SCREEN_PRINTING:
        return KS_ATT_PAYING;
    case KS_SCREEN_OUT_OF_SERVICE:
        return KS_ATT_CLOSED;
    default:
        return KS_ATT_SCANNING;
    }
}

/* need's line and name (the bit's slot of the state) from line. */
static void name_line(ks_kiosk_ui *k, ks_att_lane_state *s, unsigned need, const ks_cart_line *line)
{
    unsigned bit = 0;
    while (bit < 8 && !(need & (1u << bit)))
        bit++;
    if (bit == 8 || !line)
        return;
    s->need_line[bit] = line->id;
    snprintf(s->need_item[bit], sizeof s->need_item[bit], "%s",
             ks_text_get(&line->item->name, k->journey.lang));
}

/* The newest line whose item's minimum age the approval does not cover. */
static const ks_cart_line *age_line(const ks_kiosk_ui *k)
{
    const ks_cart *cart = ks_ui_cart(k);
    int32_t approved = ks_basket_age_approval(k->basket)->approved_age;
    for (size_t i = ks_cart_count(cart); i > 0; i--) {
        const ks_cart_line *line = ks_cart_line_at(cart, i - 1);
        if (line->item->min_age > approved)
            return line;
    }
    return NULL;
}

static unsigned faults_of(const ks_kiosk_ui *k)
{
    unsigned faults = 0;
    enum ks_printer_state printer = KS_PRINTER_UNKNOWN;
    enum ks_terminal_state terminal = KS_TERMINAL_UNKNOWN;
    if (k->c.services && k->c.services->ops->device_status)
        k->c.services->ops->device_status(k->c.services->impl, &printer, &terminal);
    if (printer == KS_PRINTER_PAPER_OUT || printer == KS_PRINTER_COVER_OPEN ||
        printer == KS_PRINTER_OFFLINE || printer == KS_PRINTER_UNPLUGGED)
        faults |= KS_ATT_FAULT_PRINTER;
    if (k->c.lane_devices) {
        ks_lane_devices_status st;
        ks_lane_devices_status_get(k->c.lane_devices, &st);
        if (st.has_scanner && st.scanner.link != DEV_SCANNER_LINK_UP)
            faults |= KS_ATT_FAULT_SCANNER;
        if (st.has_scale && st.scale.link != DEV_SCALE_LINK_UP)
            faults |= KS_ATT_FAULT_SCALE;
        if (st.has_bagging_scale && st.bagging_scale.link != DEV_SCALE_LINK_UP)
            faults |= KS_ATT_FAULT_BAGGING_SCALE;
    }
    return faults;
}

void ks_kiosk_ui_lane_state(ks_kiosk_ui *k, ks_att_lane_state *s)
{
    memset(s, 0, sizeof *s);
    s->activity = activity_of(&k->journey);
    s->faults = faults_of(k);
    if (!k->basket)
        return;
    const ks_cart *cart = ks_ui_cart(k);
    for (size_t i = 0; i < ks_cart_count(cart); i++) {
        const ks_cart_line *line = ks_cart_line_at(cart, i);
        s->items +=
            line->item->unit == KS_UNIT_KG || line->label_amount ? 1 : (uint32_t)line->quantity;
    }
    const ks_pricing *p = ks_ui_pricing(k);
    s->total = p ? p->total : 0;
    s->needs = k->journey.attendant;
    if (s->needs & KS_NEED_AGE)
        name_line(k, s, KS_NEED_AGE, age_line(k));
    if (s->needs & KS_NEED_REMOVAL)
        name_line(k, s, KS_NEED_REMOVAL, ks_cart_find(cart, k->lane.chosen));
}
