/* Giving a refund's money back: see refund.h. */
#define LOG_TAG "refund"
#include "kiosk/app/refund.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/common/log.h"
#include "kiosk/store/einvoice_store.h"
#include "kiosk/store/office_refund_store.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/payment_store.h"
#include "kiosk/store/staff_store.h"

static const char *const outcome_names[] = {
    [KS_REFUND_GIVEN] = "given",
    [KS_REFUND_NOT_GIVEN] = "not-given",
    [KS_REFUND_UNKNOWN] = "unknown",
    [KS_REFUND_ERROR] = "error",
};

const char *ks_refund_outcome_name(enum ks_refund_outcome outcome)
{
    return (unsigned)outcome < 4 ? outcome_names[outcome] : "?";
}

static enum ks_refund_outcome say(ks_refund_result *out, enum ks_refund_outcome outcome,
                                  const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static enum ks_refund_outcome say(ks_refund_result *out, enum ks_refund_outcome outcome,
                                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->detail, sizeof out->detail, fmt, ap);
    va_end(ap);
    return out->outcome = outcome;
}

/* One refund at work: its row, its order and the order's approved card payment. */
struct job {
    const ks_refund_ctx *ctx;
    ks_refund_row row;
    ks_order *order;
    ks_payment payment;
    ks_refund_result *out;
};

/*
 * The backend's message: the refund, its lines (as picked) and what each
 * gives back, the back office's request it carries out (request_id, ""
 * when none) and the terminal's reference of a card refund (terminal_ref,
 * "" for cash; left out unless ks_terminal_ref_ok).
 */
static char *backend_message(const struct job *j, const ks_order *part, const char *request_id,
                             const char *terminal_ref, int64_t now)
{
    ks_refund_pick picks[KS_REFUND_LINES_MAX];
    size_t n = 0;
    json_t *lines = json_array();
    /* The part's lines are the picks in line order, one for one. */
    if (!lines ||
        ks_refund_store_picks(j->ctx->db, j->row.id, picks, KS_REFUND_LINES_MAX, &n) != KS_DB_OK ||
        n != part->n_lines) {
        json_decref(lines);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        json_array_append_new(lines, json_pack("{s:i, s:i, s:I}", "line_no", (int)picks[i].line_no,
                                               "quantity", (int)picks[i].quantity, "amount",
                                               (json_int_t)part->lines[i].gross));
    json_t *body =
        json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:I, s:o}", "refund_id", j->row.id, "order_uuid",
                  j->row.order_uuid, "method", ks_refund_method_name(j->row.method), "amount",
                  (json_int_t)part->total, "vat", (json_int_t)part->total_vat, "reason",
                  j->row.reason, "at", (json_int_t)now, "lines", lines);
    bool named = !request_id[0] ||
                 (body && json_object_set_new(body, "request_id", json_string(request_id)) == 0);
    /* Who gave it back, when they signed in with their own kiosk PIN (the staff column holds the
     * kiosk's id for the shared PIN): the backend's staff report counts it under them. */
    bool person = j->row.staff[0] && strcmp(j->row.staff, j->order->kiosk_id) != 0 &&
                  strcmp(j->row.staff, "staff") != 0;
    named = named && body &&
            (!person || json_object_set_new(body, "staff", json_string(j->row.staff)) == 0);
    named = named && (j->row.method != KS_REFUND_CARD || !ks_terminal_ref_ok(terminal_ref) ||
                      json_object_set_new(body, "terminal_ref", json_string(terminal_ref)) == 0);
    char *text = body && named ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    return text;
}

/*
 * Inside the transaction: the credit note and the backend's message of the
 * refund (terminal_ref: the terminal's reference, "" for cash), and the
 * back office's request it carries out marked done.
 */
static enum ks_db_error documents_locked(const struct job *j, const ks_order *part,
                                         const char *terminal_ref, int64_t now)
{
    const ks_refund_ctx *ctx = j->ctx;
    enum ks_db_error err = KS_DB_OK;
    if (ctx->einvoicing)
        err = ks_einvoicing_credit_note_locked(ctx->einvoicing, ctx->db, j->order, part, j->row.id,
                                               j->row.method == KS_REFUND_CASH ? KS_PAYMENT_CASH
                                                                               : KS_PAYMENT_CARD,
                                               j->row.reason, now);
    char request_id[37] = "";
    if (err == KS_DB_OK)
        err = ks_office_refund_store_done_locked(ctx->db, j->row.id, now, request_id);
    char *message =
        err == KS_DB_OK ? backend_message(j, part, request_id, terminal_ref, now) : NULL;
    if (err == KS_DB_OK && !message)
        err = KS_DB_ERR_NO_MEMORY;
    if (err == KS_DB_OK) {
        const ks_outbox_message m = {.destination = KS_REFUND_DESTINATION, .payload = message};
        err = ks_outbox_enqueue(ctx->db, j->order->uuid, &m, now);
    }
    free(message);
    return err;
}

/* The audit row and 'done', in one transaction. */
static enum ks_refund_outcome finish(struct job *j)
{
    const ks_refund_ctx *ctx = j->ctx;
    int64_t now = time(NULL);
    char detail[160];
    snprintf(detail, sizeof detail, "refund %s of order %s: %" PRId64 " by %s (%s)", j->row.id,
             j->row.order_uuid, j->row.amount, ks_refund_method_name(j->row.method), j->row.staff);
    enum ks_db_error err = ks_db_begin(ctx->db);
    if (err == KS_DB_OK)
        err = ks_staff_audit_add(ctx->db, now, NULL, ctx->place ? ctx->place : "staff-screen",
                                 "refund", "ok", detail);
    if (err == KS_DB_OK)
        err = ks_refund_store_done_locked(ctx->db, j->row.id, now);
    err = ks_db_end(ctx->db, err);
    ks_einvoice_row note;
    if (ks_einvoice_store_find_refund(ctx->db, j->row.id, &note) == KS_DB_OK)
        snprintf(j->out->credit_note_qr, sizeof j->out->credit_note_qr, "%s", note.qr);
    if (err != KS_DB_OK)
        return say(j->out, KS_REFUND_GIVEN, "given back; recording it done failed (%s)",
                   ks_db_strerror(err));
    j->row.status = KS_REFUND_DONE;
    return say(j->out, KS_REFUND_GIVEN, "given back");
}

/* Inside the transaction: the order becomes refunded once every line of it is given back. */
static enum ks_db_error order_status_locked(const struct job *j, int64_t now)
{
    const ks_order *order = j->order;
    int32_t *refunded = calloc(order->n_lines ? order->n_lines : 1, sizeof *refunded);
    if (!refunded)
        return KS_DB_ERR_NO_MEMORY;
    enum ks_db_error err = ks_refund_store_refunded(j->ctx->db, order, refunded);
    bool all = true;
    for (size_t i = 0; i < order->n_lines; i++)
        all = all && refunded[i] >= order->lines[i].quantity;
    free(refunded);
    if (err == KS_DB_OK && all)
        err = ks_order_store_set_status_locked(j->ctx->db, order->uuid, KS_ORDER_REFUNDED, now);
    return err;
}

/* The money is back (terminal_ref: the terminal's reference, "" for cash): record it. */
static enum ks_refund_outcome given_back(struct job *j, const char *terminal_ref)
{
    const ks_refund_ctx *ctx = j->ctx;
    int64_t now = time(NULL);
    ks_order *part = NULL;
    enum ks_db_error err = ks_db_begin(ctx->db);
    if (err == KS_DB_OK)
        err = ks_refund_store_given_back_locked(ctx->db, j->row.id, terminal_ref, now);
    if (err == KS_DB_OK)
        err = ks_refund_store_part(ctx->db, j->row.id, j->order, &part);
    if (err == KS_DB_OK && part->total != j->row.amount)
        err = KS_DB_ERR_CORRUPT;
    if (err == KS_DB_OK)
        err = documents_locked(j, part, terminal_ref, now);
    if (err == KS_DB_OK)
        err = order_status_locked(j, now);
    err = ks_db_end(ctx->db, err);
    ks_order_free(part);
    if (err != KS_DB_OK) {
        /* The money is back: the row must not be asked for again as if it were not. */
        LOG_ERROR("refund %s: given back (%s), but recording it failed: %s", j->row.id,
                  terminal_ref, ks_db_strerror(err));
        ks_refund_store_note(ctx->db, j->row.id, "given back; recording it failed", now);
        return say(j->out, KS_REFUND_UNKNOWN, "given back, but recording it failed (%s)",
                   ks_db_strerror(err));
    }
    LOG_INFO("refund %s of order %s: %" PRId64 " given back (%s)", j->row.id, j->row.order_uuid,
             j->row.amount, terminal_ref[0] ? terminal_ref : "cash");
    j->row.status = KS_REFUND_GIVEN_BACK;
    return finish(j);
}

/* Keeps why the money is not back, and says so. */
static enum ks_refund_outcome not_back(struct job *j, enum ks_refund_outcome outcome,
                                       const dev_pay_result *r)
{
    char why[sizeof r->error + 64]; /* cut to KS_REFUND_ERROR_MAX when kept */
    snprintf(why, sizeof why, "%s%s%s%s%s", dev_pay_outcome_name(r->outcome),
             r->condition[0] ? " (" : "", r->condition, r->condition[0] ? ") " : " ", r->error);
    ks_refund_store_note(j->ctx->db, j->row.id, why, time(NULL));
    LOG_WARN("refund %s: not given back: %s", j->row.id, why);
    return say(j->out, outcome, "%s: %s",
               outcome == KS_REFUND_UNKNOWN ? "the terminal cannot say (asked again later)"
                                            : "not given back",
               why);
}

/* The refund's terminal request, as sent (sale id from the row). */
static dev_pay_request refund_request(const struct job *j, const char *sale_id,
                                      const dev_pay_original *original)
{
    return (dev_pay_request){
        .sale_txn_id = sale_id,
        .sale_time = j->row.updated_at,
        .amount = j->row.amount,
        .currency = j->order->currency,
        .exponent = j->order->exponent,
        .timeout_ms = j->ctx->rules.request_timeout_ms,
        .refund_of = original,
    };
}

/* What became of the latest terminal refund request: asked until settled, within the rules. */
static void refund_status(const struct job *j, dev_pay_result *r)
{
    const ks_refund_ctx *ctx = j->ctx;
    char sale_id[KS_REFUND_SALE_ID_MAX + 1];
    ks_refund_sale_id(&j->row, sale_id);
    const dev_pay_original any = {"", "", j->payment.amount, j->order->exponent};
    const dev_pay_request req = refund_request(j, sale_id, &any);
    for (int attempt = 0;; attempt++) {
        dev_terminal_transaction_status(ctx->terminal, &req, r);
        if (dev_pay_outcome_settled(r->outcome) || attempt + 1 >= ctx->rules.status_attempts)
            return;
        if (!ks_payment_pause(&ctx->hooks, ctx->rules.status_interval_ms))
            return;
    }
}

/* The order's charge, as the terminal knows it (its reference and time), into *original. */
static bool charge_of(struct job *j, dev_pay_original *original, dev_pay_result *r)
{
    const dev_pay_request req = {
        .sale_txn_id = j->payment.sale_txn_id,
        .sale_time = j->payment.created_at,
        .amount = j->payment.amount,
        .currency = j->order->currency,
        .exponent = j->order->exponent,
        .timeout_ms = j->ctx->rules.request_timeout_ms,
    };
    dev_terminal_transaction_status(j->ctx->terminal, &req, r);
    *original =
        (dev_pay_original){r->poi_txn_id, r->poi_timestamp, j->payment.amount, j->order->exponent};
    return r->outcome == DEV_PAY_APPROVED;
}

/* Settles the latest request of a refund asked for before; KS_REFUND_NOT_GIVEN: nothing back. */
static enum ks_refund_outcome settle_earlier(struct job *j)
{
    dev_pay_result r, charge;
    dev_pay_original original;
    if (j->row.via == KS_REFUND_VIA_REVERSAL) {
        /* Reversing again gives nothing twice: the terminal answers with the same reversal. */
        if (!charge_of(j, &original, &charge))
            return not_back(j, KS_REFUND_UNKNOWN, &charge);
        dev_terminal_reversal(j->ctx->terminal, &original, j->ctx->rules.request_timeout_ms, &r);
    } else {
        refund_status(j, &r);
    }
    if (r.outcome == DEV_PAY_APPROVED)
        return given_back(j, r.poi_txn_id);
    return not_back(j, dev_pay_outcome_settled(r.outcome) ? KS_REFUND_NOT_GIVEN : KS_REFUND_UNKNOWN,
                    &r);
}

/* The business day of t, as the order's business_date is written. */
static void business_day(const ks_refund_ctx *ctx, int64_t t, char out[11])
{
    ks_business_date(t, ctx->utc_offset_min, ctx->business_day_start_min, out);
}

/* A new terminal request: a reversal of the whole charge the same day, else a refund. */
static enum ks_refund_outcome ask_terminal(struct job *j)
{
    const ks_refund_ctx *ctx = j->ctx;
    dev_pay_result r, charge;
    dev_pay_original original;
    if (!charge_of(j, &original, &charge))
        return not_back(
            j, dev_pay_outcome_settled(charge.outcome) ? KS_REFUND_NOT_GIVEN : KS_REFUND_UNKNOWN,
            &charge);
    char today[11];
    business_day(ctx, time(NULL), today);
    bool whole = j->row.amount == j->payment.amount && strcmp(today, j->order->business_date) == 0;
    enum ks_refund_via via = whole ? KS_REFUND_VIA_REVERSAL : KS_REFUND_VIA_TERMINAL_REFUND;
    if (j->row.via != KS_REFUND_VIA_NONE)
        via = j->row.via; /* asked one way before: never another */
    char sale_id[KS_REFUND_SALE_ID_MAX + 1];
    enum ks_db_error err =
        ks_refund_store_next_attempt(ctx->db, j->row.id, via, time(NULL), sale_id);
    ks_refund_row now;
    if (err == KS_DB_OK)
        err = ks_refund_store_load(ctx->db, j->row.id, &now);
    if (err == KS_DB_OK)
        j->row = now;
    if (err != KS_DB_OK)
        return say(j->out, KS_REFUND_ERROR, "nothing sent: recording the request failed (%s)",
                   ks_db_strerror(err));
    if (via == KS_REFUND_VIA_REVERSAL) {
        dev_terminal_reversal(ctx->terminal, &original, ctx->rules.request_timeout_ms, &r);
    } else {
        const dev_pay_request req = refund_request(j, sale_id, &original);
        dev_terminal_payment(ctx->terminal, &req, &r);
        if (!dev_pay_outcome_settled(r.outcome))
            refund_status(j, &r); /* lost or unreadable: ask what became of it */
    }
    if (r.outcome == DEV_PAY_APPROVED)
        return given_back(j, r.poi_txn_id);
    return not_back(j, dev_pay_outcome_settled(r.outcome) ? KS_REFUND_NOT_GIVEN : KS_REFUND_UNKNOWN,
                    &r);
}

/* Loads the refund, its order and (card) the order's approved payment into j. */
static bool load(struct job *j, const char *id)
{
    const ks_refund_ctx *ctx = j->ctx;
    enum ks_db_error err = ks_refund_store_load(ctx->db, id, &j->row);
    if (err == KS_DB_OK)
        err = ks_order_store_load(ctx->db, j->row.order_uuid, &j->order);
    if (err != KS_DB_OK) {
        say(j->out, KS_REFUND_ERROR, "the refund or its order cannot be read: %s",
            ks_db_strerror(err));
        return false;
    }
    j->out->amount = j->row.amount;
    if (j->row.method == KS_REFUND_CASH || j->row.status != KS_REFUND_REQUESTED)
        return true;
    ks_payment payments[16];
    size_t n = 0;
    err = ks_payment_store_list_for_order(ctx->db, j->row.order_uuid, payments, 16, &n);
    for (size_t i = 0; err == KS_DB_OK && i < n; i++)
        if (payments[i].status == KS_PAYMENT_APPROVED)
            j->payment = payments[i];
    if (!j->payment.sale_txn_id[0] || !ctx->terminal) {
        say(j->out, KS_REFUND_ERROR, "%s",
            ctx->terminal ? "the order has no approved card payment" : "no card terminal");
        return false;
    }
    return true;
}

/* Runs or (reconciling) only settles refund id. */
static enum ks_refund_outcome run(const ks_refund_ctx *ctx, const char *id, bool new_request,
                                  ks_refund_result *out)
{
    memset(out, 0, sizeof *out);
    struct job j = {.ctx = ctx, .out = out};
    enum ks_refund_outcome o = KS_REFUND_ERROR;
    if (!load(&j, id)) {
        o = out->outcome;
    } else if (j.row.status == KS_REFUND_DONE) {
        o = say(out, KS_REFUND_GIVEN, "given back before");
        ks_einvoice_row note;
        if (ks_einvoice_store_find_refund(ctx->db, id, &note) == KS_DB_OK)
            snprintf(out->credit_note_qr, sizeof out->credit_note_qr, "%s", note.qr);
    } else if (j.row.status == KS_REFUND_CANCELLED) {
        o = say(out, KS_REFUND_ERROR, "cancelled by staff: nothing is given back");
    } else if (j.row.status == KS_REFUND_GIVEN_BACK) {
        o = finish(&j);
    } else if (j.row.method == KS_REFUND_CASH) {
        o = new_request ? given_back(&j, "") : say(out, KS_REFUND_NOT_GIVEN, "cash: for staff");
    } else {
        o = j.row.attempt > 0 ? settle_earlier(&j) : KS_REFUND_NOT_GIVEN;
        if (o == KS_REFUND_NOT_GIVEN && new_request)
            o = ask_terminal(&j);
    }
    ks_order_free(j.order);
    return o;
}

enum ks_refund_outcome ks_refund_run(const ks_refund_ctx *ctx, const char *id,
                                     ks_refund_result *out)
{
    return run(ctx, id, true, out);
}

size_t ks_refund_reconcile(const ks_refund_ctx *ctx)
{
    ks_refund_row rows[32];
    size_t n = 0, left = 0;
    if (ks_refund_store_find_unfinished(ctx->db, rows, 32, &n) != KS_DB_OK)
        return 1;
    for (size_t i = 0; i < n; i++) {
        ks_refund_result result;
        enum ks_refund_outcome o = run(ctx, rows[i].id, false, &result);
        LOG_INFO("refund %s: reconciled: %s (%s)", rows[i].id, ks_refund_outcome_name(o),
                 result.detail);
        left += o != KS_REFUND_GIVEN;
    }
    return left;
}
