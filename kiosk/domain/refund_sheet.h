/*
 * The staff's refund sheet of one paid order, as the kiosk's refund screen
 * fills it: what is left to give back of each line (paid minus what its
 * refunds took, kiosk/store/refund_store.h), what staff picked of it, the
 * reason chosen from a short list, and what the pick gives back
 * (ks_refund_build, so the screen shows exactly what the refund will be).
 * A pick never exceeds what is left of a line; of a line sold by weight it
 * is all of what is left or nothing. Pure: no I/O.
 */
#ifndef KIOSK_DOMAIN_REFUND_SHEET_H
#define KIOSK_DOMAIN_REFUND_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/refund.h"

/* The reasons staff choose from; their English text goes on the credit note. */
enum ks_refund_reason {
    KS_REASON_WRONG_ITEM,
    KS_REASON_QUALITY,
    KS_REASON_UNWANTED,
    KS_REASON_OTHER,
};
#define KS_REFUND_REASON_COUNT 4

/* "wrong item", "quality", "unwanted", "other": the credit note's reason; "?" otherwise. */
const char *ks_refund_reason_text(enum ks_refund_reason reason);

typedef struct ks_refund_sheet ks_refund_sheet;

/*
 * A sheet for order (owned from now on, freed with the sheet, even on
 * failure), refunded[i] being the quantity of line i its refunds took
 * (NULL: none) and given_before what they gave back (minor units). Nothing
 * picked; reason KS_REASON_WRONG_ITEM. NULL when out of memory or order is
 * NULL.
 */
ks_refund_sheet *ks_refund_sheet_new(ks_order *order, const int32_t *refunded,
                                     ks_money given_before);

/* Accepts NULL. */
void ks_refund_sheet_free(ks_refund_sheet *sheet);

/* The order (borrowed from the sheet). */
const ks_order *ks_refund_sheet_order(const ks_refund_sheet *sheet);

/* What is left to give back of line i, and what is picked of it (0 for no such line). */
int32_t ks_refund_sheet_left(const ks_refund_sheet *sheet, size_t line);
int32_t ks_refund_sheet_picked(const ks_refund_sheet *sheet, size_t line);

/* True when no line has anything left to give back (the order is refunded in full). */
bool ks_refund_sheet_all_given(const ks_refund_sheet *sheet);

/*
 * Picks quantity of line i, kept within [0, left]: pieces of a counted
 * line; all of what is left or nothing of a line sold by weight (any
 * quantity above 0 is all). Returns the quantity picked now (0 for no such
 * line).
 */
int32_t ks_refund_sheet_set(ks_refund_sheet *sheet, size_t line, int32_t quantity);

/* Everything left of every line; nothing. */
void ks_refund_sheet_pick_all(ks_refund_sheet *sheet);
void ks_refund_sheet_clear(ks_refund_sheet *sheet);

void ks_refund_sheet_set_reason(ks_refund_sheet *sheet, enum ks_refund_reason reason);
enum ks_refund_reason ks_refund_sheet_reason(const ks_refund_sheet *sheet);

/* The picks (line order) into picks (max entries); their count. */
size_t ks_refund_sheet_picks(const ks_refund_sheet *sheet, ks_refund_pick *picks, size_t max);

/*
 * What the pick gives back, into *amount: the total of ks_refund_build
 * (never more than paid minus given_before). KS_REFUND_NO_LINES when
 * nothing is picked, else as ks_refund_build (*amount 0 on an error).
 */
enum ks_refund_error ks_refund_sheet_total(const ks_refund_sheet *sheet, ks_money *amount);

/* What the order's refunds gave back before this sheet, and what is left of what was paid. */
ks_money ks_refund_sheet_given_before(const ks_refund_sheet *sheet);
ks_money ks_refund_sheet_refundable(const ks_refund_sheet *sheet);

#endif
