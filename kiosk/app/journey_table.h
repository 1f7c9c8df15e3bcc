/*
 * Inside the journey state machine: the steps both tables share
 * (kiosk/app/journey.c) and the supermarket's table
 * (kiosk/app/journey_lane.c). Pure, like the machine. Programs and tests
 * use kiosk/app/journey.h.
 */
#ifndef KIOSK_APP_JOURNEY_TABLE_H
#define KIOSK_APP_JOURNEY_TABLE_H

#include "kiosk/app/journey.h"

/* Shows screen from now_ms (and hides the idle countdown). */
void ks_journey_go(ks_journey *j, enum ks_screen screen, int64_t now_ms);

/* Back to the attract loop for the next customer; the effects that takes. */
unsigned ks_journey_reset(ks_journey *j, const ks_journey_rules *rules, int64_t now_ms);

/* Places the order when not placed yet and asks the terminal; the payment screen. */
unsigned ks_journey_start_card_payment(ks_journey *j, int64_t now);

/*
 * Adds need (a ks_attendant_need) to what the lane waits for, on the
 * attendant screen when it pauses the lane; KS_FX_CALL_ATTENDANT when it
 * is new.
 */
unsigned ks_journey_lane_call(ks_journey *j, unsigned need, int64_t now);

/* The supermarket's table: one event on a customer screen (not payment, staff or closed). */
unsigned ks_journey_lane_step(ks_journey *j, const ks_journey_rules *rules, const ks_event *ev);

#endif
