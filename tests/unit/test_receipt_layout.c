/*
 * Receipt, counter slip and kitchen ticket layout (kiosk/render/receipt.c,
 * kitchen_ticket.c): the rows built from the fixed demo order, before any
 * pixel. The demo order (kiosk/render/receipt_demo.c) at 15:30 on Tuesday
 * 2026-11-24 in Riyadh, prices including 15 % VAT:
 *
 *   cheeseburger meal, large: 25.00 + 3.00                 = 28.00
 *   2 x mushroom swiss burger + beef bacon: 2 x (24 + 3)    = 54.00
 *   2 x fries                                               = 12.00
 *   2 x cola, large: 2 x (5 + 2)                            = 14.00
 *   kunafa                                                  = 12.00
 *   water                                                   =  2.00
 *   subtotal                                                 122.00
 *   item promotions: 3 off each mushroom burger 6.00, fries buy one get
 *   one 6.00, drinks half price 3:00-5:00 pm 7.00 + 1.00, desserts 20 %
 *   2.40 = 22.40; 10 off orders over 100 = 10.00; discount 32.40
 *   total 89.60 including VAT 89.60 * 15 / 115 = 11.69 (rounded per
 *   line, same here), excluding VAT 77.91.
 */
#include "kiosk/domain/zatca_qr.h"
#include "kiosk/render/kitchen_ticket.h"
#include "kiosk/render/receipt.h"
#include "kiosk/render/receipt_demo.h"
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ks_config cfg;

static ks_order *demo(enum ks_lang lang)
{
    char err[256] = "";
    ks_order *order =
        ks_receipt_demo_order(check_path(check_source_dir(), "assets/menus/restaurant.json"), &cfg,
                              lang, KS_RECEIPT_DEMO_LINES, err, sizeof err);
    if (!order)
        fprintf(stderr, "  demo order: %s\n", err);
    return order;
}

static ks_doc *receipt(const ks_order *order, enum ks_lang lang, enum ks_receipt_kind kind,
                       bool duplicate)
{
    ks_receipt_payment pay = ks_receipt_demo_payment(order);
    const ks_receipt_input in = {
        .order = order,
        .cfg = &cfg,
        .payment = kind == KS_RECEIPT_INVOICE ? &pay : NULL,
        .issued_at = KS_RECEIPT_DEMO_PAID_AT,
        .lang = lang,
        .duplicate = duplicate,
    };
    return ks_receipt_layout(&in, kind);
}

static bool has(const char *a, const char *needle)
{
    return a && strstr(a, needle);
}

/* The first row of kind whose text (or sub, or end) contains needle; NULL if none. */
static const ks_doc_row *find(const ks_doc *doc, enum ks_doc_row_kind kind, const char *needle)
{
    size_t n;
    const ks_doc_row *rows = ks_doc_rows(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (rows[i].kind == kind &&
            (has(rows[i].text, needle) || has(rows[i].sub, needle) || has(rows[i].end, needle)))
            return &rows[i];
    return NULL;
}

static size_t count_kind(const ks_doc *doc, enum ks_doc_row_kind kind)
{
    size_t n, count = 0;
    const ks_doc_row *rows = ks_doc_rows(doc, &n);
    for (size_t i = 0; i < n; i++)
        count += rows[i].kind == kind;
    return count;
}

static void test_demo_order_totals(void)
{
    ks_order *order = demo(KS_LANG_AR);
    CHECK(order);
    CHECK_EQ_INT(order->n_lines, 6);
    CHECK_EQ_INT(order->subtotal, 12200);
    CHECK_EQ_INT(order->discount, 3240);
    CHECK_EQ_INT(order->total, 8960);
    CHECK_EQ_INT(order->total_vat, 1169);
    CHECK_EQ_INT(order->total_net, 7791);
    CHECK_EQ_STR(order->uuid, KS_RECEIPT_DEMO_UUID);
    ks_order_free(order);
}

static void test_arabic_line_has_name_at_start_amount_at_end(void)
{
    ks_order *order = demo(KS_LANG_AR);
    ks_doc *doc = order ? receipt(order, KS_LANG_AR, KS_RECEIPT_INVOICE, false) : NULL;
    CHECK(doc);
    CHECK(ks_doc_rtl(doc)); /* start = right: the name on the right, the amount on the left */
    const ks_doc_row *meal = find(doc, KS_DOC_ROW_PAIR, "وجبة تشيز برجر");
    CHECK(meal);
    CHECK_EQ_STR(meal->text, "1 × وجبة تشيز برجر");
    CHECK_EQ_STR(meal->sub, "Cheeseburger Meal");
    CHECK_EQ_STR(meal->end, "28.00");
    const ks_doc_row *choices = find(doc, KS_DOC_ROW_TEXT, "تشيز برجر (");
    CHECK(choices);
    CHECK_EQ_STR(choices->text, "كبير، تشيز برجر (جبنة شيدر)، بطاطس مقلية، كولا (وسط)");
    const ks_doc_row *burger = find(doc, KS_DOC_ROW_PAIR, "برجر مشروم");
    CHECK(burger);
    CHECK_EQ_STR(burger->end, "54.00");
    ks_doc_free(doc);
    ks_order_free(order);
}

static void test_english_line_mirrors(void)
{
    ks_order *order = demo(KS_LANG_EN);
    ks_doc *doc = order ? receipt(order, KS_LANG_EN, KS_RECEIPT_INVOICE, false) : NULL;
    CHECK(doc);
    CHECK(!ks_doc_rtl(doc));
    const ks_doc_row *meal = find(doc, KS_DOC_ROW_PAIR, "Cheeseburger Meal");
    CHECK(meal);
    CHECK_EQ_STR(meal->text, "1 × Cheeseburger Meal");
    CHECK_EQ_STR(meal->sub, "وجبة تشيز برجر");
    CHECK_EQ_STR(meal->end, "28.00");
    /* The combo's choices in one paragraph, the burger's own choice in brackets. */
    const ks_doc_row *choices = find(doc, KS_DOC_ROW_TEXT, "Cheeseburger (");
    CHECK(choices);
    CHECK_EQ_STR(choices->text, "Large, Cheeseburger (Cheddar), French Fries, Cola (Medium)");
    CHECK_EQ_INT(choices->indent, 1);
    ks_doc_free(doc);
    ks_order_free(order);
}

static void test_invoice_header_fields(void)
{
    ks_order *order = demo(KS_LANG_AR);
    ks_doc *doc = order ? receipt(order, KS_LANG_AR, KS_RECEIPT_INVOICE, false) : NULL;
    CHECK(doc);
    CHECK(find(doc, KS_DOC_ROW_TEXT, "فاتورة ضريبية مبسطة"));
    CHECK(find(doc, KS_DOC_ROW_TEXT, "Simplified Tax Invoice"));
    CHECK(find(doc, KS_DOC_ROW_TEXT, "برجر العليا"));
    CHECK(find(doc, KS_DOC_ROW_TEXT, "Olaya Burger"));
    const ks_doc_row *vat = find(doc, KS_DOC_ROW_TRIO, "VAT No.");
    CHECK(vat);
    CHECK_EQ_STR(vat->sub, "399999999900003");
    CHECK_EQ_STR(vat->end, "الرقم الضريبي");
    /* 12:31 UTC is 15:31 in Riyadh (UTC+3). */
    const ks_doc_row *date = find(doc, KS_DOC_ROW_TRIO, "Date");
    CHECK(date);
    CHECK_EQ_STR(date->sub, "2026-11-24 15:31");
    const ks_doc_row *invoice = find(doc, KS_DOC_ROW_TRIO, "Invoice No.");
    CHECK(invoice);
    CHECK_EQ_STR(invoice->sub, "2026-11-24-42");
    CHECK(find(doc, KS_DOC_ROW_TEXT, KS_RECEIPT_DEMO_UUID));
    const ks_doc_row *service = find(doc, KS_DOC_ROW_TRIO, "Order type");
    CHECK(service);
    CHECK_EQ_STR(service->sub, "محلي");
    const ks_doc_row *number = find(doc, KS_DOC_ROW_TRIO, "Order No.");
    CHECK(number);
    CHECK_EQ_STR(number->sub, "42");
    CHECK_EQ_INT(number->font, KS_DOC_HUGE);
    ks_doc_free(doc);
    ks_order_free(order);
}

static void test_totals_and_vat(void)
{
    ks_order *order = demo(KS_LANG_EN);
    ks_doc *doc = order ? receipt(order, KS_LANG_EN, KS_RECEIPT_INVOICE, false) : NULL;
    CHECK(doc);
    const ks_doc_row *row = find(doc, KS_DOC_ROW_PAIR, "Total excl. VAT");
    CHECK(row);
    CHECK_EQ_STR(row->end, "77.91 SAR");
    CHECK_EQ_STR(row->sub, "الإجمالي غير شامل الضريبة");
    row = find(doc, KS_DOC_ROW_PAIR, "VAT 15%");
    CHECK(row);
    CHECK_EQ_STR(row->end, "11.69 SAR");
    row = find(doc, KS_DOC_ROW_PAIR, "Total incl. VAT");
    CHECK(row);
    CHECK_EQ_STR(row->end, "89.60 SAR");
    CHECK_EQ_INT(row->font, KS_DOC_LARGE);
    row = find(doc, KS_DOC_ROW_PAIR, "Discount");
    CHECK(row);
    CHECK_EQ_STR(row->end, "-32.40 SAR");
    /* Fries: 12.00 before "buy one get one" (6.00) and its share of the 10.00 off (0.60). */
    row = find(doc, KS_DOC_ROW_PAIR, "Fries Tuesday");
    CHECK(row);
    CHECK_EQ_STR(row->end, "-6.60");
    CHECK_EQ_INT(row->indent, 1);
    ks_doc_free(doc);
    ks_order_free(order);
}

static void test_arabic_total_puts_sign_left_of_number(void)
{
    ks_order *order = demo(KS_LANG_AR);
    ks_doc *doc = order ? receipt(order, KS_LANG_AR, KS_RECEIPT_INVOICE, false) : NULL;
    CHECK(doc);
    const ks_doc_row *row = find(doc, KS_DOC_ROW_PAIR, "الإجمالي شامل الضريبة");
    CHECK(row);
    /* RLM, LRI 89.60 PDI, space, U+20C1: the sign to the left of the number on paper. */
    CHECK_EQ_STR(row->end, "\u200F\u206689.60\u2069 \u20C1");
    CHECK_EQ_STR(row->sub, "Total incl. VAT");
    ks_doc_free(doc);
    ks_order_free(order);
}

static void test_payment_shows_last_four_digits_only(void)
{
    ks_order *order = demo(KS_LANG_EN);
    ks_doc *doc = order ? receipt(order, KS_LANG_EN, KS_RECEIPT_INVOICE, false) : NULL;
    CHECK(doc);
    const ks_doc_row *pay = find(doc, KS_DOC_ROW_TRIO, "Payment");
    CHECK(pay);
    CHECK_EQ_STR(pay->sub, "\u200Emada **** 1234");
    CHECK(!find(doc, KS_DOC_ROW_TRIO, "484783"));
    const ks_doc_row *approval = find(doc, KS_DOC_ROW_TRIO, "Approval code");
    CHECK(approval);
    CHECK_EQ_STR(approval->sub, "043817");
    ks_doc_free(doc);
    ks_order_free(order);
}

static void test_qr_row_holds_the_order(void)
{
    ks_order *order = demo(KS_LANG_AR);
    ks_doc *doc = order ? receipt(order, KS_LANG_AR, KS_RECEIPT_INVOICE, false) : NULL;
    CHECK(doc);
    CHECK_EQ_INT(count_kind(doc, KS_DOC_ROW_QR), 1);
    const ks_doc_row *qr = find(doc, KS_DOC_ROW_QR, "");
    ks_zatca_qr_fields f;
    CHECK_EQ_INT(ks_zatca_qr_decode(qr->text, strlen(qr->text), &f), KS_ZATCA_QR_OK);
    CHECK_EQ_STR((const char *)f.field[1].value, "برجر العليا");
    CHECK_EQ_STR((const char *)f.field[2].value, "399999999900003");
    CHECK_EQ_STR((const char *)f.field[3].value, "2026-11-24T12:31:00Z");
    CHECK_EQ_STR((const char *)f.field[4].value, "89.60");
    CHECK_EQ_STR((const char *)f.field[5].value, "11.69");
    CHECK(!f.field[6].present);
    ks_doc_free(doc);
    ks_order_free(order);
}

static void test_counter_slip_is_not_an_invoice(void)
{
    ks_order *order = demo(KS_LANG_EN);
    ks_doc *doc = order ? receipt(order, KS_LANG_EN, KS_RECEIPT_COUNTER, false) : NULL;
    CHECK(doc);
    CHECK_EQ_INT(count_kind(doc, KS_DOC_ROW_QR), 0);
    CHECK(!find(doc, KS_DOC_ROW_TEXT, "Simplified Tax Invoice"));
    CHECK(!find(doc, KS_DOC_ROW_TRIO, "VAT No."));
    CHECK(find(doc, KS_DOC_ROW_TEXT, "Please pay at the counter"));
    CHECK(find(doc, KS_DOC_ROW_TEXT, "This is not a tax invoice"));
    const ks_doc_row *total = find(doc, KS_DOC_ROW_PAIR, "Total incl. VAT");
    CHECK(total);
    CHECK_EQ_STR(total->end, "89.60 SAR");
    ks_doc_free(doc);
    ks_order_free(order);
}

static void test_duplicate_is_marked(void)
{
    ks_order *order = demo(KS_LANG_EN);
    ks_doc *first = order ? receipt(order, KS_LANG_EN, KS_RECEIPT_INVOICE, false) : NULL;
    ks_doc *again = order ? receipt(order, KS_LANG_EN, KS_RECEIPT_INVOICE, true) : NULL;
    CHECK(first && again);
    CHECK(!find(first, KS_DOC_ROW_TEXT, "DUPLICATE"));
    CHECK(find(again, KS_DOC_ROW_TEXT, "DUPLICATE"));
    ks_doc_free(first);
    ks_doc_free(again);
    ks_order_free(order);
}

static void test_arabic_indic_digits_when_chosen(void)
{
    ks_order *order = demo(KS_LANG_AR);
    CHECK(order);
    cfg.numerals = KS_NUMERALS_ARABIC_INDIC;
    ks_doc *ar = receipt(order, KS_LANG_AR, KS_RECEIPT_INVOICE, false);
    ks_doc *en = receipt(order, KS_LANG_EN, KS_RECEIPT_INVOICE, false);
    cfg.numerals = KS_NUMERALS_WESTERN;
    CHECK(ar && en);
    const ks_doc_row *meal = find(ar, KS_DOC_ROW_PAIR, "وجبة تشيز برجر");
    CHECK(meal);
    CHECK_EQ_STR(meal->text, "١ × وجبة تشيز برجر");
    CHECK_EQ_STR(meal->end, "٢٨٫٠٠");
    /* The VAT number and the dates stay in Western digits (ZATCA). */
    CHECK_EQ_STR(find(ar, KS_DOC_ROW_TRIO, "VAT No.")->sub, "399999999900003");
    /* English is always 0-9. */
    CHECK_EQ_STR(find(en, KS_DOC_ROW_PAIR, "Cheeseburger Meal")->end, "28.00");
    ks_doc_free(ar);
    ks_doc_free(en);
    ks_order_free(order);
}

static void test_kitchen_ticket_has_no_prices(void)
{
    ks_order *order = demo(KS_LANG_EN);
    ks_doc *doc = order ? ks_kitchen_ticket_layout(order, &cfg, KS_LANG_AR, false) : NULL;
    CHECK(doc);
    CHECK(ks_doc_rtl(doc)); /* the kitchen's language, not the customer's */
    size_t n;
    const ks_doc_row *rows = ks_doc_rows(doc, &n);
    for (size_t i = 0; i < n; i++)
        CHECK(rows[i].kind != KS_DOC_ROW_PAIR && rows[i].kind != KS_DOC_ROW_QR);
    CHECK(!find(doc, KS_DOC_ROW_TEXT, "28.00"));
    CHECK_EQ_STR(rows[0].text, "42");
    CHECK_EQ_INT(rows[0].font, KS_DOC_HUGE);
    CHECK(find(doc, KS_DOC_ROW_TEXT, "محلي"));
    const ks_doc_row *burger = find(doc, KS_DOC_ROW_TEXT, "برجر مشروم");
    CHECK(burger);
    CHECK_EQ_STR(burger->text, "2 × برجر مشروم وجبن سويسري");
    const ks_doc_row *bacon = find(doc, KS_DOC_ROW_TEXT, "شرائح لحم بقري مدخن");
    CHECK(bacon);
    CHECK_EQ_INT(bacon->indent, 1);
    /* The cheddar of the combo's burger is a modifier of a combo item: one step further in. */
    const ks_doc_row *cheddar = find(doc, KS_DOC_ROW_TEXT, "جبنة شيدر");
    CHECK(cheddar);
    CHECK_EQ_INT(cheddar->indent, 2);
    const ks_doc_row *note = find(doc, KS_DOC_ROW_TEXT, "no salt");
    CHECK(note);
    CHECK_EQ_STR(note->text, "ملاحظة: بدون ملح / no salt");
    CHECK(note->bold);
    /* 1 + 2 + 2 + 2 + 1 + 1 pieces. */
    CHECK(find(doc, KS_DOC_ROW_TEXT, "عدد الأصناف: 9"));
    ks_doc_free(doc);
    ks_order_free(order);
}

static void test_kitchen_ticket_in_english(void)
{
    ks_order *order = demo(KS_LANG_AR);
    ks_doc *doc = order ? ks_kitchen_ticket_layout(order, &cfg, KS_LANG_EN, true) : NULL;
    CHECK(doc);
    CHECK(!ks_doc_rtl(doc));
    CHECK(find(doc, KS_DOC_ROW_TEXT, "DINE-IN"));
    CHECK(find(doc, KS_DOC_ROW_TEXT, "DUPLICATE"));
    CHECK(find(doc, KS_DOC_ROW_TEXT, "2 × Mushroom Swiss Burger"));
    CHECK(find(doc, KS_DOC_ROW_TEXT, "15:30  kiosk-01"));
    ks_doc_free(doc);
    ks_order_free(order);
}

/* A weighed line: 750 g of bananas at 6.00 per kg = 4.50. */
static ks_order *weighed_order(void)
{
    ks_order *o = calloc(1, sizeof *o);
    ks_order_line *line = calloc(1, sizeof *line);
    ks_order_vat *vat = calloc(1, sizeof *vat);
    if (!o || !line || !vat) {
        free(o);
        free(line);
        free(vat);
        return NULL;
    }
    memcpy(o->uuid, "5eed0000-0000-4000-8000-0000000000b1", 37);
    memcpy(o->currency, "SAR", 4);
    memcpy(o->business_date, "2026-11-24", 11);
    o->exponent = 2;
    o->prices_include_tax = true;
    o->number = 7;
    o->lines = line;
    o->n_lines = 1;
    o->vat = vat;
    o->n_vat = 1;
    line->item_id = strdup("banana");
    line->category_id = strdup("fruit");
    line->name_ar = strdup("موز");
    line->name_en = strdup("Bananas");
    line->note = strdup("");
    line->promo_note_ar = strdup("");
    line->promo_note_en = strdup("");
    line->unit = KS_UNIT_KG;
    line->quantity = 750;
    line->unit_price = 600;
    line->vat_rate_bp = 1500;
    /* 4.50 including VAT: 3.91 net + 0.59 VAT. */
    line->gross = 450;
    line->net = 391;
    line->vat = 59;
    *vat = (ks_order_vat){.rate_bp = 1500, .taxable = 391, .vat = 59};
    o->subtotal = o->total = 450;
    o->total_net = 391;
    o->total_vat = 59;
    return o;
}

static void test_weighed_line_in_kilograms(void)
{
    ks_order *order = weighed_order();
    CHECK(order);
    const ks_receipt_input in = {
        .order = order, .cfg = &cfg, .issued_at = 1795523460, .lang = KS_LANG_AR};
    ks_doc *doc = ks_receipt_layout(&in, KS_RECEIPT_INVOICE);
    CHECK(doc);
    const ks_doc_row *line = find(doc, KS_DOC_ROW_PAIR, "موز");
    CHECK(line);
    CHECK_EQ_STR(line->text, "موز");
    CHECK_EQ_STR(line->end, "4.50");
    CHECK(find(doc, KS_DOC_ROW_TEXT, "0.750 كغ × 6.00 لكل كغ"));
    /* No payment given: no payment rows. */
    CHECK(!find(doc, KS_DOC_ROW_TRIO, "Payment"));
    ks_doc_free(doc);
    ks_order_free(order);
}

static void test_doc_refuses_overlong_text(void)
{
    ks_doc *doc = ks_doc_new(KS_LANG_EN);
    CHECK(doc);
    char *long_text = malloc(KS_DOC_TEXT_MAX + 2);
    CHECK(long_text);
    memset(long_text, 'a', KS_DOC_TEXT_MAX + 1);
    long_text[KS_DOC_TEXT_MAX + 1] = '\0';
    ks_doc_text(doc, KS_DOC_BODY, false, KS_DOC_START, 0, "fine");
    CHECK(ks_doc_ok(doc));
    ks_doc_text(doc, KS_DOC_BODY, false, KS_DOC_START, 0, long_text);
    free(long_text);
    CHECK(!ks_doc_ok(doc));
    ks_doc_rule(doc); /* ignored once failed */
    size_t n;
    ks_doc_rows(doc, &n);
    CHECK_EQ_INT(n, 1);
    ks_doc_free(doc);
}

static const struct check_case cases[] = {
    {"demo order totals", test_demo_order_totals},
    {"arabic line: name at start, amount at end", test_arabic_line_has_name_at_start_amount_at_end},
    {"english line mirrors it", test_english_line_mirrors},
    {"invoice header fields", test_invoice_header_fields},
    {"totals and VAT", test_totals_and_vat},
    {"arabic total: sign left of the number", test_arabic_total_puts_sign_left_of_number},
    {"payment shows the last four digits only", test_payment_shows_last_four_digits_only},
    {"QR row holds the order", test_qr_row_holds_the_order},
    {"counter slip is not an invoice", test_counter_slip_is_not_an_invoice},
    {"duplicate is marked", test_duplicate_is_marked},
    {"arabic-indic digits when chosen", test_arabic_indic_digits_when_chosen},
    {"kitchen ticket has no prices", test_kitchen_ticket_has_no_prices},
    {"kitchen ticket in english", test_kitchen_ticket_in_english},
    {"weighed line in kilograms", test_weighed_line_in_kilograms},
    {"document refuses an overlong text", test_doc_refuses_overlong_text},
};

int main(int argc, char **argv)
{
    ks_config_defaults(&cfg);
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
