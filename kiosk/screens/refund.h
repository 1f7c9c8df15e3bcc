/*
 * The staff refund screen, behind the staff PIN: find an order of today by
 * its number (keypad) or by scanning its receipt's QR; pick all or some of
 * its lines and quantities and a reason; see what the refund gives back
 * (never more than was paid and not yet given back); confirm. The refund
 * is then committed 'requested' (kiosk/app/refund_desk.h) and given back
 * on the terminal's worker (services' refund), never on the UI thread; the
 * outcome shows (given back to the card, cash to hand over, declined with
 * the terminal's reason, or unknown) and a given-back refund's slip prints
 * with its credit note's QR. A declined refund can be tried again or
 * cancelled (kept on record as cancelled).
 */
#ifndef KIOSK_SCREENS_REFUND_H
#define KIOSK_SCREENS_REFUND_H

#include <stdbool.h>

#include "kiosk/screens/screen.h"

extern const ks_screen_ops ks_screen_refund;

/*
 * A code the scanner read: taken (true) while the refund screen looks for
 * an order, which it then opens; ignored (false) otherwise.
 */
bool ks_refund_screen_scan(ks_kiosk_ui *k, const char *code);

/* What became of the refund the screen started (the services' KS_SERVICE_REFUNDED). */
void ks_refund_screen_result(ks_kiosk_ui *k, const ks_refund_done *done);

/*
 * Shows order (a sheet, owned from now on) as if staff had opened it: for
 * the demonstration stages, which have no database.
 */
void ks_refund_screen_show(ks_kiosk_ui *k, const ks_refund_desk_order *order);

/* Forgets the screen's order and state (leaving it; the next customer). */
void ks_refund_screen_clear(ks_kiosk_ui *k);

#endif
