/* The refund screen's storage side: see refund_desk.h. */
#define LOG_TAG "refund_desk"
#include "kiosk/app/refund_desk.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/store/einvoice_store.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/payment_store.h"

#define CODE_MAX 1024
#define PAYMENTS_MAX 16
#define REFUNDS_MAX 64

enum ks_db_error ks_refund_desk_find_code(ks_db *db, const char *code, char uuid[37])
{
    uuid[0] = '\0';
    size_t len = code ? strnlen(code, CODE_MAX + 1) : 0;
    if (len == 0 || len > CODE_MAX)
        return KS_DB_ERR_INVALID;
    /* The e-receipt: <receipt_url><token>, or the token alone. */
    const char *slash = strrchr(code, '/');
    const char *token = slash ? slash + 1 : code;
    if (ks_receipt_token_ok(token))
        return ks_order_store_find_token(db, token, uuid);
    ks_einvoice_row invoice;
    enum ks_db_error err = ks_einvoice_store_find_qr(db, code, &invoice);
    if (err == KS_DB_OK)
        memcpy(uuid, invoice.order_uuid, 37);
    return err;
}

enum ks_db_error ks_refund_desk_method(ks_db *db, const char *uuid, enum ks_refund_method *method)
{
    ks_payment payments[PAYMENTS_MAX];
    size_t n = 0;
    enum ks_db_error err = ks_payment_store_list_for_order(db, uuid, payments, PAYMENTS_MAX, &n);
    *method = KS_REFUND_CASH;
    for (size_t i = 0; err == KS_DB_OK && i < n; i++)
        if (payments[i].status == KS_PAYMENT_APPROVED)
            *method = KS_REFUND_CARD;
    return err;
}

enum ks_db_error ks_refund_desk_open(ks_db *db, const char *uuid, int64_t now, int64_t window_s,
                                     ks_refund_desk_order *out)
{
    memset(out, 0, sizeof *out);
    out->window_s = window_s;
    ks_order *order = NULL;
    enum ks_db_error err = ks_order_store_load(db, uuid, &order);
    if (err != KS_DB_OK)
        return err;
    if (order->status == KS_ORDER_CREATED || order->status == KS_ORDER_CANCELLED) {
        ks_order_free(order);
        return KS_DB_ERR_ILLEGAL_TRANSITION;
    }
    int32_t *refunded = calloc(order->n_lines ? order->n_lines : 1, sizeof *refunded);
    ks_refund_row *rows = calloc(REFUNDS_MAX, sizeof *rows);
    size_t n = 0;
    ks_money given = 0;
    err = refunded && rows ? KS_DB_OK : KS_DB_ERR_NO_MEMORY;
    if (err == KS_DB_OK)
        err = ks_refund_store_refunded(db, order, refunded);
    if (err == KS_DB_OK)
        err = ks_refund_store_list_for_order(db, uuid, rows, REFUNDS_MAX, &n, &given);
    if (err == KS_DB_OK)
        err = ks_refund_desk_method(db, uuid, &out->method);
    for (size_t i = 0; err == KS_DB_OK && i < n; i++) {
        if (rows[i].status == KS_REFUND_REQUESTED) {
            out->has_open = true;
            out->open = rows[i];
        }
    }
    if (err == KS_DB_OK) {
        out->past_window = !out->has_open && !ks_refund_window_open(order, now, window_s);
        out->sheet = ks_refund_sheet_new(order, refunded, given);
        order = NULL; /* the sheet's, even when it failed */
        if (!out->sheet)
            err = KS_DB_ERR_NO_MEMORY;
    }
    ks_order_free(order);
    free(refunded);
    free(rows);
    return err;
}

enum ks_db_error ks_refund_desk_record(ks_db *db, const ks_refund_desk_order *order, const char *id,
                                       const char *staff, int64_t now, ks_refund_row *row,
                                       enum ks_refund_error *refusal)
{
    ks_refund_pick picks[KS_REFUND_LINES_MAX];
    size_t n = ks_refund_sheet_picks(order->sheet, picks, KS_REFUND_LINES_MAX);
    const ks_refund_request req = {
        .id = id,
        .order_uuid = ks_refund_sheet_order(order->sheet)->uuid,
        .method = order->method,
        .reason = ks_refund_reason_text(ks_refund_sheet_reason(order->sheet)),
        .staff = staff ? staff : "",
        .picks = picks,
        .n_picks = n,
        .window_s = order->window_s,
    };
    enum ks_db_error err = ks_refund_store_request(db, &req, now, row, refusal);
    if (err != KS_DB_OK)
        LOG_WARN("refund %s of order %s not recorded: %s (%s)", id, req.order_uuid,
                 ks_db_strerror(err), refusal ? ks_refund_strerror(*refusal) : "");
    return err;
}
