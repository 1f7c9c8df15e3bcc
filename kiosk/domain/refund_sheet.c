/* The staff's refund sheet: see refund_sheet.h. */
#include "kiosk/domain/refund_sheet.h"

#include <stdlib.h>
#include <string.h>

struct ks_refund_sheet {
    ks_order *order;   /* owned */
    int32_t *refunded; /* owned: per line, what earlier refunds took */
    int32_t *picked;   /* owned: per line */
    ks_money given_before;
    enum ks_refund_reason reason;
};

static const char *const reason_texts[KS_REFUND_REASON_COUNT] = {
    [KS_REASON_WRONG_ITEM] = "wrong item",
    [KS_REASON_QUALITY] = "quality",
    [KS_REASON_UNWANTED] = "unwanted",
    [KS_REASON_OTHER] = "other",
};

const char *ks_refund_reason_text(enum ks_refund_reason reason)
{
    return (unsigned)reason < KS_REFUND_REASON_COUNT ? reason_texts[reason] : "?";
}

ks_refund_sheet *ks_refund_sheet_new(ks_order *order, const int32_t *refunded,
                                     ks_money given_before)
{
    ks_refund_sheet *s = order ? calloc(1, sizeof *s) : NULL;
    size_t n = order && order->n_lines ? order->n_lines : 1;
    if (!s)
        goto error;
    s->order = order;
    s->refunded = calloc(n, sizeof *s->refunded);
    s->picked = calloc(n, sizeof *s->picked);
    if (!s->refunded || !s->picked)
        goto error;
    if (refunded)
        memcpy(s->refunded, refunded, order->n_lines * sizeof *refunded);
    s->given_before = given_before;
    return s;
error:
    if (s)
        ks_refund_sheet_free(s);
    else
        ks_order_free(order);
    return NULL;
}

void ks_refund_sheet_free(ks_refund_sheet *sheet)
{
    if (!sheet)
        return;
    ks_order_free(sheet->order);
    free(sheet->refunded);
    free(sheet->picked);
    free(sheet);
}

const ks_order *ks_refund_sheet_order(const ks_refund_sheet *sheet)
{
    return sheet->order;
}

int32_t ks_refund_sheet_left(const ks_refund_sheet *sheet, size_t line)
{
    if (line >= sheet->order->n_lines)
        return 0;
    int32_t left = sheet->order->lines[line].quantity - sheet->refunded[line];
    return left > 0 ? left : 0;
}

int32_t ks_refund_sheet_picked(const ks_refund_sheet *sheet, size_t line)
{
    return line < sheet->order->n_lines ? sheet->picked[line] : 0;
}

bool ks_refund_sheet_all_given(const ks_refund_sheet *sheet)
{
    for (size_t i = 0; i < sheet->order->n_lines; i++)
        if (ks_refund_sheet_left(sheet, i) > 0)
            return false;
    return true;
}

int32_t ks_refund_sheet_set(ks_refund_sheet *sheet, size_t line, int32_t quantity)
{
    int32_t left = ks_refund_sheet_left(sheet, line);
    if (left == 0)
        return 0;
    if (quantity < 0)
        quantity = 0;
    if (quantity > left || (quantity > 0 && sheet->order->lines[line].unit == KS_UNIT_KG))
        quantity = left;
    return sheet->picked[line] = quantity;
}

void ks_refund_sheet_pick_all(ks_refund_sheet *sheet)
{
    for (size_t i = 0; i < sheet->order->n_lines; i++)
        sheet->picked[i] = ks_refund_sheet_left(sheet, i);
}

void ks_refund_sheet_clear(ks_refund_sheet *sheet)
{
    memset(sheet->picked, 0, sheet->order->n_lines * sizeof *sheet->picked);
}

void ks_refund_sheet_set_reason(ks_refund_sheet *sheet, enum ks_refund_reason reason)
{
    if ((unsigned)reason < KS_REFUND_REASON_COUNT)
        sheet->reason = reason;
}

enum ks_refund_reason ks_refund_sheet_reason(const ks_refund_sheet *sheet)
{
    return sheet->reason;
}

size_t ks_refund_sheet_picks(const ks_refund_sheet *sheet, ks_refund_pick *picks, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < sheet->order->n_lines && n < max; i++)
        if (sheet->picked[i] > 0)
            picks[n++] = (ks_refund_pick){(int32_t)i, sheet->picked[i]};
    return n;
}

enum ks_refund_error ks_refund_sheet_total(const ks_refund_sheet *sheet, ks_money *amount)
{
    *amount = 0;
    ks_refund_pick picks[KS_REFUND_LINES_MAX];
    size_t n = ks_refund_sheet_picks(sheet, picks, KS_REFUND_LINES_MAX);
    if (n == 0)
        return KS_REFUND_NO_LINES;
    ks_order *part = NULL;
    enum ks_refund_error err = ks_refund_build(sheet->order, sheet->refunded, picks, n, &part);
    if (err == KS_REFUND_OK)
        *amount = part->total;
    ks_order_free(part);
    return err;
}

ks_money ks_refund_sheet_given_before(const ks_refund_sheet *sheet)
{
    return sheet->given_before;
}

ks_money ks_refund_sheet_refundable(const ks_refund_sheet *sheet)
{
    ks_money left = sheet->order->total - sheet->given_before;
    return left > 0 ? left : 0;
}
