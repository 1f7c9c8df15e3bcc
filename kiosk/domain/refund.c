/* The money rules of a refund: see kiosk/domain/refund.h. */
#include "kiosk/domain/refund.h"

#include <stdlib.h>
#include <string.h>

static const char *const error_texts[] = {
    [KS_REFUND_OK] = "ok",
    [KS_REFUND_NOT_PAID] = "the order was never paid",
    [KS_REFUND_NO_LINES] = "no lines picked, or too many",
    [KS_REFUND_BAD_LINE] = "a picked line is not a line of the order",
    [KS_REFUND_DUPLICATE_LINE] = "a line is picked twice",
    [KS_REFUND_BAD_QUANTITY] = "a picked quantity is zero or less",
    [KS_REFUND_MORE_THAN_LEFT] = "more of a line than is left to refund",
    [KS_REFUND_NOTHING_TO_GIVE] = "the picked lines are worth nothing",
    [KS_REFUND_PAST_WINDOW] = "the order is older than the refund window",
    [KS_REFUND_NO_MEMORY] = "out of memory",
};

const char *ks_refund_strerror(enum ks_refund_error err)
{
    return (unsigned)err < sizeof error_texts / sizeof error_texts[0] ? error_texts[err]
                                                                      : "unknown refund error";
}

bool ks_refund_window_open(const ks_order *order, int64_t now, int64_t window_s)
{
    return window_s <= 0 || now - order->created_at <= window_s;
}

/* amount * units / total rounded half up, for amount, units >= 0, total > 0, in 128 bits. */
static ks_money part(ks_money amount, int32_t units, int32_t total)
{
    return (ks_money)(((__int128)amount * units * 2 + total) / ((__int128)total * 2));
}

ks_money ks_refund_share(ks_money amount, int32_t line_quantity, int32_t before, int32_t quantity)
{
    if (amount < 0 || line_quantity <= 0 || before < 0 || quantity < 0 ||
        (int64_t)before + quantity > line_quantity)
        return 0;
    return part(amount, before + quantity, line_quantity) - part(amount, before, line_quantity);
}

static bool paid_status(enum ks_order_status s)
{
    return s == KS_ORDER_PAID || s == KS_ORDER_SENT_TO_KITCHEN || s == KS_ORDER_IN_PREPARATION ||
           s == KS_ORDER_READY || s == KS_ORDER_COLLECTED || s == KS_ORDER_REFUNDED;
}

static char *dup_text(const char *text, bool *ok)
{
    char *copy = strdup(text ? text : "");
    *ok = *ok && copy;
    return copy;
}

/* A copy of line with `quantity` units from `before` on; false when memory ran out. */
static bool copy_share(const ks_order_line *line, int32_t before, int32_t quantity,
                       ks_order_line *out)
{
    bool ok = true;
    *out = *line;
    out->item_id = dup_text(line->item_id, &ok);
    out->category_id = dup_text(line->category_id, &ok);
    out->name_ar = dup_text(line->name_ar, &ok);
    out->name_en = dup_text(line->name_en, &ok);
    out->note = dup_text(line->note, &ok);
    out->promo_note_ar = dup_text(line->promo_note_ar, &ok);
    out->promo_note_en = dup_text(line->promo_note_en, &ok);
    out->details = line->n_details ? calloc(line->n_details, sizeof *out->details) : NULL;
    out->n_details = out->details ? line->n_details : 0;
    ok = ok && (out->details || !line->n_details);
    for (size_t i = 0; i < out->n_details; i++) {
        const ks_order_detail *d = &line->details[i];
        out->details[i] = *d;
        out->details[i].id = dup_text(d->id, &ok);
        out->details[i].category_id = dup_text(d->category_id, &ok);
        out->details[i].name_ar = dup_text(d->name_ar, &ok);
        out->details[i].name_en = dup_text(d->name_en, &ok);
    }
    out->quantity = quantity;
    out->discount = ks_refund_share(line->discount, line->quantity, before, quantity);
    out->gross = ks_refund_share(line->gross, line->quantity, before, quantity);
    out->net = ks_refund_share(line->net, line->quantity, before, quantity);
    out->vat = out->gross - out->net;
    return ok;
}

/* Checks picks against the order; the quantity picked of each line in picked[]. */
static enum ks_refund_error check_picks(const ks_order *order, const int32_t *refunded_before,
                                        const ks_refund_pick *picks, size_t n_picks,
                                        int32_t *picked)
{
    if (!paid_status(order->status))
        return KS_REFUND_NOT_PAID;
    if (n_picks == 0 || n_picks > KS_REFUND_LINES_MAX)
        return KS_REFUND_NO_LINES;
    for (size_t i = 0; i < n_picks; i++) {
        const ks_refund_pick *p = &picks[i];
        if (p->line_no < 0 || (size_t)p->line_no >= order->n_lines)
            return KS_REFUND_BAD_LINE;
        if (picked[p->line_no])
            return KS_REFUND_DUPLICATE_LINE;
        if (p->quantity <= 0)
            return KS_REFUND_BAD_QUANTITY;
        const ks_order_line *line = &order->lines[p->line_no];
        int32_t before = refunded_before ? refunded_before[p->line_no] : 0;
        if (before < 0 || (int64_t)before + p->quantity > line->quantity)
            return KS_REFUND_MORE_THAN_LEFT;
        picked[p->line_no] = p->quantity;
    }
    return KS_REFUND_OK;
}

/* Sums the lines into the VAT rows (ascending rates) and totals of r. */
static bool sum_up(ks_order *r)
{
    r->vat = calloc(r->n_lines, sizeof *r->vat);
    if (!r->vat)
        return false;
    for (size_t i = 0; i < r->n_lines; i++) {
        const ks_order_line *line = &r->lines[i];
        size_t k = 0;
        while (k < r->n_vat && r->vat[k].rate_bp < line->vat_rate_bp)
            k++;
        if (k == r->n_vat || r->vat[k].rate_bp != line->vat_rate_bp) {
            memmove(&r->vat[k + 1], &r->vat[k], (r->n_vat - k) * sizeof *r->vat);
            r->vat[k] = (ks_order_vat){.rate_bp = line->vat_rate_bp};
            r->n_vat++;
        }
        r->vat[k].taxable += line->net;
        r->vat[k].vat += line->vat;
        r->discount += line->discount;
        r->total_net += line->net;
        r->total_vat += line->vat;
    }
    r->total = r->total_net + r->total_vat;
    r->subtotal = (r->prices_include_tax ? r->total : r->total_net) + r->discount;
    return true;
}

enum ks_refund_error ks_refund_build(const ks_order *order, const int32_t *refunded_before,
                                     const ks_refund_pick *picks, size_t n_picks, ks_order **out)
{
    int32_t *picked = calloc(order->n_lines ? order->n_lines : 1, sizeof *picked);
    if (!picked)
        return KS_REFUND_NO_MEMORY;
    enum ks_refund_error err = check_picks(order, refunded_before, picks, n_picks, picked);
    ks_order *r = err == KS_REFUND_OK ? calloc(1, sizeof *r) : NULL;
    if (err == KS_REFUND_OK && r) {
        *r = *order;
        r->lines = calloc(n_picks, sizeof *r->lines);
        r->n_lines = 0;
        r->vat = NULL;
        r->n_vat = 0;
        r->subtotal = r->discount = r->total_net = r->total_vat = r->total = 0;
        bool ok = r->lines != NULL;
        for (size_t i = 0; ok && i < order->n_lines; i++) {
            if (!picked[i])
                continue;
            int32_t before = refunded_before ? refunded_before[i] : 0;
            ok = copy_share(&order->lines[i], before, picked[i], &r->lines[r->n_lines++]);
        }
        err = ok && sum_up(r) ? KS_REFUND_OK : KS_REFUND_NO_MEMORY;
        if (err == KS_REFUND_OK && r->total <= 0)
            err = KS_REFUND_NOTHING_TO_GIVE;
    } else if (err == KS_REFUND_OK) {
        err = KS_REFUND_NO_MEMORY;
    }
    free(picked);
    if (err != KS_REFUND_OK) {
        ks_order_free(r);
        return err;
    }
    *out = r;
    return KS_REFUND_OK;
}
