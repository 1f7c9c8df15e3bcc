/*
 * The staff refund screen's storage side (no SDL): finding a recent order
 * by its number or by what a scanner read off its receipt, opening its
 * refund sheet (kiosk/domain/refund_sheet.h) with what its refunds took
 * before, recording the refund staff confirm (kiosk/store/refund_store.h:
 * committed 'requested' before any money moves; the engine,
 * kiosk/app/refund.h, then gives it back on a worker), and cancelling one
 * the terminal declined. UI thread, on its connection; nothing here talks
 * to a device.
 */
#ifndef KIOSK_APP_REFUND_DESK_H
#define KIOSK_APP_REFUND_DESK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/refund_sheet.h"
#include "kiosk/store/db.h"
#include "kiosk/store/refund_store.h"

/*
 * The uuid of the order whose receipt code reads code (a scan, at most
 * 1024 bytes): the e-receipt's address or its bare token (the last 32
 * lowercase hex digits after a '/'), or the phase 2 QR printed on its
 * receipt (the signed invoice's, exactly). KS_DB_ERR_NOT_FOUND when it
 * names no order here, KS_DB_ERR_INVALID for an empty or over-long code.
 */
enum ks_db_error ks_refund_desk_find_code(ks_db *db, const char *code, char uuid[37]);

/* Card when order uuid has an approved card payment, else cash (paid at the counter). */
enum ks_db_error ks_refund_desk_method(ks_db *db, const char *uuid, enum ks_refund_method *method);

/* An order as the refund screen opens it. */
typedef struct ks_refund_desk_order {
    ks_refund_sheet *sheet;       /* owned by the caller (ks_refund_sheet_free) */
    enum ks_refund_method method; /* card when it was paid by card, else cash (the counter) */
    bool has_open;                /* a refund of it is requested and not given back */
    ks_refund_row open;           /* that refund (has_open) */
    int64_t window_s;             /* the refund window it was opened with (0: none) */
    bool past_window; /* placed longer ago than the window, with no open refund: none can be
                         recorded, so the screen says so rather than offering the sheet */
} ks_refund_desk_order;

/*
 * Opens order uuid at now: its sheet with what its refunds (not cancelled)
 * took and gave back, how it was paid, its open refund if any, and whether
 * it is past the refund window of window_s seconds ([retention]
 * refund_days; 0: none). KS_DB_ERR_NOT_FOUND for no such order,
 * KS_DB_ERR_ILLEGAL_TRANSITION for an order that was never paid
 * (out->sheet NULL on any error).
 */
enum ks_db_error ks_refund_desk_open(ks_db *db, const char *uuid, int64_t now, int64_t window_s,
                                     ks_refund_desk_order *out);

/*
 * Records the refund of what the sheet picks (its reason, staff may be "")
 * under id (a new v4 uuid the caller chose once for this confirmation, so a
 * repeat is the same refund), committed before anything is given; the row
 * in *row. As ks_refund_store_request: KS_DB_ERR_INVALID with *refusal set
 * when the money rules refuse it (more than is left, nothing picked).
 */
enum ks_db_error ks_refund_desk_record(ks_db *db, const ks_refund_desk_order *order, const char *id,
                                       const char *staff, int64_t now, ks_refund_row *row,
                                       enum ks_refund_error *refusal);

#endif
