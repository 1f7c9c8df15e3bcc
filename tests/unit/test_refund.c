/*
 * The money rules of a refund (kiosk/domain/refund.h): shares of a line's
 * discount, net and VAT that add up exactly however a line is split, the
 * refunded part of an order with consistent totals, and every refusal.
 */
#include "kiosk/domain/refund.h"

#include <stdlib.h>
#include <string.h>

#include "tests/support/check.h"

/* A paid order: 3 burgers (54.00 with VAT, 3.00 off) and a cola (5.00), prices with VAT. */
static ks_order *paid_order(void)
{
    ks_order *o = calloc(1, sizeof *o);
    o->lines = calloc(2, sizeof *o->lines);
    o->vat = calloc(1, sizeof *o->vat);
    if (!o || !o->lines || !o->vat) {
        ks_order_free(o);
        return NULL;
    }
    memcpy(o->uuid, "5eed0000-0000-4000-8000-000000000042", 37);
    memcpy(o->currency, "SAR", 4);
    o->exponent = 2;
    o->prices_include_tax = true;
    o->status = KS_ORDER_COLLECTED;
    o->n_lines = 2;
    o->lines[0] = (ks_order_line){.item_id = strdup("burger"),
                                  .category_id = strdup("burgers"),
                                  .name_ar = strdup("برجر"),
                                  .name_en = strdup("Burger"),
                                  .quantity = 3,
                                  .unit_price = 1800,
                                  .note = strdup(""),
                                  .vat_rate_bp = 1500,
                                  .discount = 300,
                                  .net = 4435,
                                  .vat = 665,
                                  .gross = 5100,
                                  .promo_note_ar = strdup(""),
                                  .promo_note_en = strdup("")};
    o->lines[1] = (ks_order_line){.item_id = strdup("cola"),
                                  .category_id = strdup("drinks"),
                                  .name_ar = strdup("كولا"),
                                  .name_en = strdup("Cola"),
                                  .quantity = 1,
                                  .unit_price = 500,
                                  .note = strdup(""),
                                  .vat_rate_bp = 1500,
                                  .net = 435,
                                  .vat = 65,
                                  .gross = 500,
                                  .promo_note_ar = strdup(""),
                                  .promo_note_en = strdup("")};
    o->n_vat = 1;
    o->vat[0] = (ks_order_vat){.rate_bp = 1500, .taxable = 4870, .vat = 730};
    o->discount = 300;
    o->total_net = 4870;
    o->total_vat = 730;
    o->total = 5600;
    o->subtotal = 5900;
    return o;
}

static void test_shares_add_up(void)
{
    /* 665 over 3 units: 222, 221, 222; any split gives the same sum. */
    CHECK_EQ_INT(ks_refund_share(665, 3, 0, 1), 222);
    CHECK_EQ_INT(ks_refund_share(665, 3, 1, 1), 221);
    CHECK_EQ_INT(ks_refund_share(665, 3, 2, 1), 222);
    CHECK_EQ_INT(ks_refund_share(665, 3, 0, 3), 665);
    CHECK_EQ_INT(ks_refund_share(665, 3, 1, 2), 443);
    CHECK_EQ_INT(ks_refund_share(1, 2, 0, 1), 1); /* half up */
    CHECK_EQ_INT(ks_refund_share(1, 2, 1, 1), 0);
    for (int32_t q = 1; q <= 13; q++)
        for (int32_t cut = 0; cut <= q; cut++)
            CHECK_EQ_INT(ks_refund_share(1001, q, 0, cut) + ks_refund_share(1001, q, cut, q - cut),
                         1001);
    /* Out of range: nothing. */
    CHECK_EQ_INT(ks_refund_share(665, 3, 2, 2), 0);
    CHECK_EQ_INT(ks_refund_share(665, 3, -1, 1), 0);
    CHECK_EQ_INT(ks_refund_share(-5, 3, 0, 1), 0);
    CHECK_EQ_INT(ks_refund_share(665, 0, 0, 0), 0);
}

static void test_part_of_an_order(void)
{
    ks_order *o = paid_order();
    CHECK(o && ks_order_totals_consistent(o));
    const ks_refund_pick picks[] = {{1, 1}, {0, 1}};
    ks_order *r = NULL;
    CHECK_EQ_INT(ks_refund_build(o, NULL, picks, 2, &r), KS_REFUND_OK);
    CHECK(ks_order_totals_consistent(r));
    CHECK_EQ_STR(r->uuid, o->uuid);
    CHECK_EQ_INT(r->n_lines, 2);
    /* In the order's line order, whatever order staff picked them in. */
    CHECK_EQ_STR(r->lines[0].name_en, "Burger");
    CHECK_EQ_INT(r->lines[0].quantity, 1);
    CHECK_EQ_INT(r->lines[0].discount, 100);
    CHECK_EQ_INT(r->lines[0].net, 1478);
    CHECK_EQ_INT(r->lines[0].vat, 222);
    CHECK_EQ_INT(r->lines[0].gross, 1700);
    CHECK_EQ_INT(r->lines[0].unit_price, 1800);
    CHECK_EQ_STR(r->lines[1].name_en, "Cola");
    CHECK_EQ_INT(r->lines[1].gross, 500);
    CHECK_EQ_INT(r->n_vat, 1);
    CHECK_EQ_INT(r->vat[0].taxable, 1913);
    CHECK_EQ_INT(r->vat[0].vat, 287);
    CHECK_EQ_INT(r->total, 2200);
    CHECK_EQ_INT(r->discount, 100);
    CHECK_EQ_INT(r->subtotal, 2300);
    ks_order_free(r);
    ks_order_free(o);
}

static void test_refunds_add_up_to_the_order(void)
{
    ks_order *o = paid_order();
    CHECK(o);
    int32_t before[2] = {0, 0};
    ks_money given = 0, vat = 0;
    /* One burger at a time, then the cola: exactly what was paid, no halala more or less. */
    const ks_refund_pick steps[][1] = {{{0, 1}}, {{0, 1}}, {{0, 1}}, {{1, 1}}};
    for (size_t i = 0; i < CHECK_COUNT(steps); i++) {
        ks_order *r = NULL;
        CHECK_EQ_INT(ks_refund_build(o, before, steps[i], 1, &r), KS_REFUND_OK);
        CHECK(ks_order_totals_consistent(r));
        given += r->total;
        vat += r->total_vat;
        before[steps[i][0].line_no] += steps[i][0].quantity;
        ks_order_free(r);
    }
    CHECK_EQ_INT(given, o->total);
    CHECK_EQ_INT(vat, o->total_vat);
    /* Nothing is left. */
    ks_order *r = NULL;
    const ks_refund_pick more = {0, 1};
    CHECK_EQ_INT(ks_refund_build(o, before, &more, 1, &r), KS_REFUND_MORE_THAN_LEFT);
    CHECK(r == NULL);
    ks_order_free(o);
}

static void test_refusals(void)
{
    ks_order *o = paid_order();
    CHECK(o);
    ks_order *r = NULL;
    const ks_refund_pick bad_line[] = {{2, 1}}, zero_line[] = {{-1, 1}}, twice[] = {{0, 1}, {0, 1}},
                         zero_qty[] = {{0, 0}}, too_many[] = {{0, 4}}, fine[] = {{1, 1}};
    CHECK_EQ_INT(ks_refund_build(o, NULL, bad_line, 1, &r), KS_REFUND_BAD_LINE);
    CHECK_EQ_INT(ks_refund_build(o, NULL, zero_line, 1, &r), KS_REFUND_BAD_LINE);
    CHECK_EQ_INT(ks_refund_build(o, NULL, twice, 2, &r), KS_REFUND_DUPLICATE_LINE);
    CHECK_EQ_INT(ks_refund_build(o, NULL, zero_qty, 1, &r), KS_REFUND_BAD_QUANTITY);
    CHECK_EQ_INT(ks_refund_build(o, NULL, too_many, 1, &r), KS_REFUND_MORE_THAN_LEFT);
    CHECK_EQ_INT(ks_refund_build(o, NULL, fine, 0, &r), KS_REFUND_NO_LINES);
    const int32_t cola_gone[2] = {0, 1};
    CHECK_EQ_INT(ks_refund_build(o, cola_gone, fine, 1, &r), KS_REFUND_MORE_THAN_LEFT);
    o->status = KS_ORDER_CREATED;
    CHECK_EQ_INT(ks_refund_build(o, NULL, fine, 1, &r), KS_REFUND_NOT_PAID);
    o->status = KS_ORDER_CANCELLED;
    CHECK_EQ_INT(ks_refund_build(o, NULL, fine, 1, &r), KS_REFUND_NOT_PAID);
    /* A free line is nothing to give back. */
    o->status = KS_ORDER_PAID;
    o->lines[1].net = o->lines[1].vat = o->lines[1].gross = 0;
    CHECK_EQ_INT(ks_refund_build(o, NULL, fine, 1, &r), KS_REFUND_NOTHING_TO_GIVE);
    CHECK(r == NULL);
    CHECK_EQ_STR(ks_refund_strerror(KS_REFUND_MORE_THAN_LEFT),
                 "more of a line than is left to refund");
    ks_order_free(o);
}

int main(int argc, char **argv)
{
    static const struct check_case tests[] = {
        {"shares of a line add up however it is split", test_shares_add_up},
        {"the refunded part of an order", test_part_of_an_order},
        {"refunds one by one add up to the order", test_refunds_add_up_to_the_order},
        {"refusals", test_refusals},
    };
    return check_run(tests, CHECK_COUNT(tests), argc, argv);
}
