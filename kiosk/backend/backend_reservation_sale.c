/* What a channel charged for a confirmed reservation: see kiosk/backend/backend_reservation_sale.h.
 */
#include "kiosk/backend/backend_reservation_sale.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"
#include "kiosk/domain/money.h"

static const char *const paid_by_names[KS_CHANNEL_PAID_BY_COUNT] = {
    [KS_CHANNEL_PAID_CARD] = "online_card",
    [KS_CHANNEL_PAID_CASH_ON_DELIVERY] = "cash_on_delivery",
    [KS_CHANNEL_PAID_WALLET] = "wallet",
    [KS_CHANNEL_PAID_BANK_TRANSFER] = "bank_transfer",
};

const char *ks_channel_paid_by_name(enum ks_channel_paid_by by)
{
    return (unsigned)by < KS_CHANNEL_PAID_BY_COUNT ? paid_by_names[by] : "";
}

/* True when vat is 15 % of net to within one halala: |20 vat - 3 net| <= 20, in 128 bits. */
static bool vat_fits_rate(int64_t net, int64_t vat)
{
    __int128 gap = (__int128)vat * 20 - (__int128)net * 3;
    return gap >= -20 && gap <= 20;
}

static bool read_line(ks_json_reader *r, json_t *lines, size_t i, ks_reservation_sale *out)
{
    static const char *const members[] = {"item_id", "quantity", "net", "vat", "gross", NULL};
    json_t *object = json_array_get(lines, i);
    ks_reservation_sale_line *line = &out->lines[i];
    int64_t sum;
    if (!ks_body_enter_entry(r, object, "lines", i, members) ||
        !ks_body_item_once(r, object, KS_STOCK_ITEM_MAX, out->lines[0].item_id,
                           sizeof out->lines[0], i, KS_RESERVATION_ITEM_TWICE) ||
        !ks_json_int(r, object, "quantity", true, 1, KS_STOCK_QUANTITY_MAX, &line->quantity) ||
        !ks_json_money(r, object, "net", true, 0, INT64_MAX, &line->net) ||
        !ks_json_money(r, object, "vat", true, 0, INT64_MAX, &line->vat) ||
        !ks_json_money(r, object, "gross", true, 0, INT64_MAX, &line->gross))
        return false;
    if (!ks_money_add(line->net, line->vat, &sum) || sum != line->gross)
        return ks_json_fail(r, "gross", "must be net + vat");
    if (!vat_fits_rate(line->net, line->vat))
        return ks_json_fail(r, "vat", "must be 15 %% of net, to within one halala");
    ks_json_leave(r);
    ks_json_leave(r);
    return true;
}

static bool read_sale(ks_json_reader *r, json_t *root, void *into)
{
    ks_reservation_sale *out = into;
    static const char *const members[] = {"lines", "payment_method", NULL};
    json_t *lines = NULL;
    int paid_by = 0;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_json_array(r, root, "lines", true, 1, KS_RESERVATION_LINES_MAX, &lines))
        return false;
    for (size_t i = 0; i < json_array_size(lines); i++)
        if (!read_line(r, lines, i, out))
            return false;
    out->n_lines = json_array_size(lines);
    if (!ks_json_enum(r, root, "payment_method", true, paid_by_names, KS_CHANNEL_PAID_BY_COUNT,
                      &paid_by))
        return false;
    out->paid_by = (enum ks_channel_paid_by)paid_by;
    for (size_t i = 0; i < out->n_lines; i++)
        if (!ks_money_add(out->total_net, out->lines[i].net, &out->total_net) ||
            !ks_money_add(out->total_vat, out->lines[i].vat, &out->total_vat) ||
            !ks_money_add(out->total, out->lines[i].gross, &out->total))
            return ks_json_fail(r, "lines", "the totals do not fit in 64 bits");
    /* Item order: the reservation's lines' order, which the store compares them in. */
    qsort(out->lines, out->n_lines, sizeof out->lines[0], ks_reservation_by_item);
    out->priced = true;
    return true;
}

bool ks_reservation_sale_parse(const char *body, size_t len, ks_reservation_sale *out,
                               ks_json_error *why)
{
    if (len == 0) {
        memset(out, 0, sizeof *out);
        memset(why, 0, sizeof *why);
        return true;
    }
    return ks_body_read(body, len, read_sale, out, sizeof *out, why);
}

bool ks_reservation_sale_matches(const ks_reservation_sale *sale, const char *const *item_ids,
                                 const int64_t *quantities, size_t n)
{
    if (sale->n_lines != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (strcmp(sale->lines[i].item_id, item_ids[i]) != 0 ||
            sale->lines[i].quantity != quantities[i])
            return false;
    return true;
}

bool ks_reservation_sale_same(const ks_reservation_sale *a, const ks_reservation_sale *b)
{
    if (a->priced != b->priced || a->n_lines != b->n_lines || a->paid_by != b->paid_by)
        return false;
    for (size_t i = 0; i < a->n_lines; i++) {
        const ks_reservation_sale_line *x = &a->lines[i], *y = &b->lines[i];
        if (strcmp(x->item_id, y->item_id) != 0 || x->quantity != y->quantity || x->net != y->net ||
            x->vat != y->vat || x->gross != y->gross)
            return false;
    }
    return true;
}
