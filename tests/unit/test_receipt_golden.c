/*
 * Printed receipts as pixels (kiosk/render/doc_raster.c): golden images of
 * the demo order's receipt in Arabic and English, its kitchen ticket and
 * counter slip, and a 58 mm receipt, compared exactly with
 * tests/golden/receipts/NAME.png (tests/support/golden.h: a mismatch writes
 * NAME_err.png; KIOSK_UPDATE_GOLDEN=1 rewrites; look at them before
 * committing). Fonts come from assets/fonts only.
 *
 * Cases that need no reference: an Arabic row puts its name on the right
 * and its amount on the left (English the other way), and the receipt's QR
 * code, read back from the PNG by zbarimg (zbar-tools), carries the order's
 * ZATCA fields.
 */
#include "devices/printer/profile.h"
#include "devices/printer/raster_png.h"
#include "kiosk/domain/zatca_qr.h"
#include "kiosk/render/doc_raster.h"
#include "kiosk/render/print_render.h"
#include "kiosk/render/receipt_demo.h"
#include "kiosk/domain/refund.h"
#include "tests/support/check.h"
#include "tests/support/golden.h"
#include "tests/support/zbar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static ks_config cfg;

static const char *font_dir(void)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/assets/fonts", check_source_dir());
    return path;
}

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

/* The demo's document of kind in lang, drawn for profile; NULL on failure. */
/* The supermarket demo: scanned, weighed and labelled lines (kiosk/render/receipt_demo.h). */
static ks_order *supermarket_demo(enum ks_lang lang)
{
    char err[256] = "";
    ks_order *order = ks_receipt_demo_supermarket_order(
        check_path(check_source_dir(), "assets/menus/supermarket.json"), &cfg, lang, err,
        sizeof err);
    if (!order)
        fprintf(stderr, "  supermarket demo order: %s\n", err);
    return order;
}

/* order (taken) as a document of kind in lang, drawn for profile; NULL on failure. */
static dev_raster *render_order(ks_order *order, const char *profile_name, enum ks_print_kind kind,
                                enum ks_lang lang)
{
    const dev_printer_profile *profile = dev_printer_profile_find(profile_name);
    ks_print_renderer *r =
        profile && order ? ks_print_renderer_new(font_dir(), profile, &cfg, lang) : NULL;
    dev_raster *raster = NULL;
    if (r) {
        ks_receipt_payment pay = ks_receipt_demo_payment(order);
        const ks_print_request req = {
            .kind = kind,
            .order = order,
            .payment = kind == KS_PRINT_RECEIPT ? &pay : NULL,
            .issued_at = KS_RECEIPT_DEMO_PAID_AT,
            .lang = lang,
        };
        raster = ks_print_render_raster(r, &req);
    }
    ks_print_renderer_free(r);
    ks_order_free(order);
    return raster;
}

/* The demo's document of kind in lang, drawn for profile; NULL on failure. */
static dev_raster *render_demo(const char *profile_name, enum ks_print_kind kind, enum ks_lang lang)
{
    return render_order(demo(lang), profile_name, kind, lang);
}

/* The raster as opaque RGBA, black dots black; the caller frees it. */
static uint8_t *to_rgba(const dev_raster *raster)
{
    uint8_t *rgba = malloc((size_t)raster->width * raster->height * 4);
    for (uint32_t y = 0; rgba && y < raster->height; y++)
        for (uint32_t x = 0; x < raster->width; x++) {
            uint8_t v = dev_raster_get(raster, x, y) ? 0 : 255;
            uint8_t *p = rgba + ((size_t)y * raster->width + x) * 4;
            p[0] = p[1] = p[2] = v;
            p[3] = 255;
        }
    return rgba;
}

static bool matches(const char *name, const dev_raster *raster)
{
    uint8_t *rgba = to_rgba(raster);
    bool ok = rgba && golden_match_rgba("receipts", name, rgba, (int)raster->width,
                                        (int)raster->height, (size_t)raster->width * 4);
    free(rgba);
    return ok;
}

static void check_golden(const char *name, const char *profile, enum ks_print_kind kind,
                         enum ks_lang lang)
{
    dev_raster *raster = render_demo(profile, kind, lang);
    CHECK(raster);
    bool ok = matches(name, raster);
    dev_raster_free(raster);
    CHECK(ok);
}

static void test_golden_receipt_arabic(void)
{
    check_golden("receipt_ar", "generic-80mm-203dpi", KS_PRINT_RECEIPT, KS_LANG_AR);
}

static void test_golden_receipt_english(void)
{
    check_golden("receipt_en", "generic-80mm-203dpi", KS_PRINT_RECEIPT, KS_LANG_EN);
}

static void test_golden_receipt_58mm(void)
{
    check_golden("receipt_ar_58mm", "generic-58mm", KS_PRINT_RECEIPT, KS_LANG_AR);
}

/* Weighed lines: the weight in kg with 3 decimals and the price per kg, in both languages. */
static void test_golden_supermarket_receipts(void)
{
    static const struct {
        const char *name;
        enum ks_lang lang;
    } receipts[] = {{"supermarket_ar", KS_LANG_AR}, {"supermarket_en", KS_LANG_EN}};
    for (size_t i = 0; i < CHECK_COUNT(receipts); i++) {
        dev_raster *raster = render_order(supermarket_demo(receipts[i].lang), "generic-80mm-203dpi",
                                          KS_PRINT_RECEIPT, receipts[i].lang);
        CHECK(raster);
        bool ok = matches(receipts[i].name, raster);
        dev_raster_free(raster);
        CHECK(ok);
    }
}

static void test_golden_kitchen_ticket(void)
{
    check_golden("kitchen_ar", "generic-80mm-203dpi", KS_PRINT_KITCHEN, KS_LANG_AR);
}

static void test_golden_counter_slip(void)
{
    check_golden("counter_en", "epson-tm-t88v", KS_PRINT_COUNTER, KS_LANG_EN);
}

/* The slip of a refund of the demo's first line in lang, card or cash (phase 1 QR of the part). */
static void check_refund_slip(const char *name, enum ks_lang lang, enum ks_tender tender)
{
    ks_order *order = demo(lang), *part = NULL;
    CHECK(order);
    order->status = KS_ORDER_PAID;
    const ks_refund_pick pick = {0, 1};
    CHECK_EQ_INT(ks_refund_build(order, NULL, &pick, 1, &part), KS_REFUND_OK);
    const ks_receipt_refund refund = {.tender = tender,
                                      .reason = "quality",
                                      .refund_id = "5eed0000-0000-4000-8000-0000000000a1",
                                      .invoice_number = "riyadh-01-kiosk-01-42"};
    ks_print_renderer *r = ks_print_renderer_new(
        font_dir(), dev_printer_profile_find("generic-80mm-203dpi"), &cfg, lang);
    CHECK(r);
    const ks_print_request req = {.kind = KS_PRINT_REFUND,
                                  .order = part,
                                  .issued_at = KS_RECEIPT_DEMO_PAID_AT + 3600,
                                  .lang = lang,
                                  .refund = &refund};
    dev_raster *raster = ks_print_render_raster(r, &req);
    CHECK(raster);
    bool ok = matches(name, raster);
    dev_raster_free(raster);
    ks_print_renderer_free(r);
    ks_order_free(part);
    ks_order_free(order);
    CHECK(ok);
}

static void test_golden_refund_slips(void)
{
    check_refund_slip("refund_ar", KS_LANG_AR, KS_TENDER_CARD);
    check_refund_slip("refund_en", KS_LANG_EN, KS_TENDER_CASH);
}

/* Leftmost and rightmost black columns of the raster; false when it is blank. */
static bool ink_columns(const dev_raster *raster, uint32_t *left, uint32_t *right)
{
    *left = raster->width;
    *right = 0;
    for (uint32_t y = 0; y < raster->height; y++)
        for (uint32_t x = 0; x < raster->width; x++)
            if (dev_raster_get(raster, x, y)) {
                *left = x < *left ? x : *left;
                *right = x > *right ? x : *right;
            }
    return *left <= *right;
}

/* One pair row with only its text, or only its amount, drawn 576 dots wide. */
static dev_raster *one_pair(ks_doc_renderer *r, enum ks_lang lang, const char *text,
                            const char *amount)
{
    ks_doc *doc = ks_doc_new(lang);
    if (!doc)
        return NULL;
    ks_doc_pair(doc, KS_DOC_BODY, false, 0, text, NULL, amount);
    dev_raster *raster = ks_doc_render(r, doc);
    ks_doc_free(doc);
    return raster;
}

static void check_columns(enum ks_lang lang, const char *name, bool name_on_right)
{
    ks_doc_renderer *r = ks_doc_renderer_new(font_dir(), 576, 203);
    CHECK(r);
    dev_raster *text = one_pair(r, lang, name, NULL);
    dev_raster *amount = one_pair(r, lang, "", "28.00");
    uint32_t tl, tr, al, ar;
    bool ok = text && amount && ink_columns(text, &tl, &tr) && ink_columns(amount, &al, &ar);
    dev_raster_free(text);
    dev_raster_free(amount);
    ks_doc_renderer_free(r);
    CHECK(ok);
    if (name_on_right) {
        CHECK(tl > 576 / 2); /* the name sits in the right half ... */
        CHECK(ar < 576 / 4); /* ... and the amount against the left margin */
    } else {
        CHECK(tr < 576 / 2);
        CHECK(al > 576 * 3 / 4);
    }
}

static void test_arabic_name_right_amount_left(void)
{
    check_columns(KS_LANG_AR, "برجر دجاج", true);
}

static void test_english_name_left_amount_right(void)
{
    check_columns(KS_LANG_EN, "Chicken Burger", false);
}

static void check_qr_read_back(const char *profile, enum ks_lang lang)
{
    dev_raster *raster = render_demo(profile, KS_PRINT_RECEIPT, lang);
    CHECK(raster);
    char path[4096];
    snprintf(path, sizeof path, "%s/qr-%s-%d.png", check_tmp_dir(), profile, (int)lang);
    bool written = dev_raster_write_png(raster, path);
    dev_raster_free(raster);
    CHECK(written);
    char text[1024];
    if (!zbar_read(path, text, sizeof text)) {
        fprintf(stderr, "  zbarimg found no QR code in %s (is zbar-tools installed?)\n", path);
        CHECK(false);
    }
    ks_zatca_qr_fields f;
    CHECK_EQ_INT(ks_zatca_qr_decode(text, strlen(text), &f), KS_ZATCA_QR_OK);
    /* Field by field against the order and the store. */
    CHECK_EQ_STR((const char *)f.field[KS_ZATCA_TAG_SELLER_NAME].value, cfg.store_name_ar);
    CHECK_EQ_INT(f.field[KS_ZATCA_TAG_SELLER_NAME].len, strlen(cfg.store_name_ar));
    CHECK_EQ_STR((const char *)f.field[KS_ZATCA_TAG_VAT_NUMBER].value, cfg.vat_number);
    /* Paid at KS_RECEIPT_DEMO_PAID_AT: 2026-11-24 12:31:00 UTC. */
    CHECK_EQ_STR((const char *)f.field[KS_ZATCA_TAG_TIMESTAMP].value, "2026-11-24T12:31:00Z");
    CHECK_EQ_STR((const char *)f.field[KS_ZATCA_TAG_TOTAL_WITH_VAT].value, "89.60");
    CHECK_EQ_STR((const char *)f.field[KS_ZATCA_TAG_VAT_TOTAL].value, "11.69");
    for (int tag = KS_ZATCA_TAG_INVOICE_HASH; tag <= KS_ZATCA_QR_MAX_TAG; tag++)
        CHECK(!f.field[tag].present);
}

static void test_qr_read_back_80mm(void)
{
    check_qr_read_back("generic-80mm-203dpi", KS_LANG_AR);
}

static void test_qr_read_back_58mm_and_180dpi(void)
{
    check_qr_read_back("generic-58mm", KS_LANG_EN);
    check_qr_read_back("epson-tm-t88v", KS_LANG_EN);
}

static void test_every_profile_width(void)
{
    for (size_t i = 0; i < dev_printer_profile_count(); i++) {
        const dev_printer_profile *p = dev_printer_profile_at(i);
        dev_raster *raster = render_demo(p->name, KS_PRINT_RECEIPT, KS_LANG_AR);
        CHECK(raster);
        bool ok = raster->width == p->width_dots && raster->height > 1000;
        dev_raster_free(raster);
        CHECK(ok);
    }
}

static const struct check_case cases[] = {
    {"golden receipt, arabic", test_golden_receipt_arabic},
    {"golden receipt, english", test_golden_receipt_english},
    {"golden receipt, 58 mm", test_golden_receipt_58mm},
    {"golden supermarket receipts: weights and prices per kg", test_golden_supermarket_receipts},
    {"golden kitchen ticket", test_golden_kitchen_ticket},
    {"golden counter slip", test_golden_counter_slip},
    {"golden refund slips: the credit note of what was given back", test_golden_refund_slips},
    {"arabic: name right, amount left", test_arabic_name_right_amount_left},
    {"english: name left, amount right", test_english_name_left_amount_right},
    {"QR read back, 80 mm", test_qr_read_back_80mm},
    {"QR read back, 58 mm and 180 dpi", test_qr_read_back_58mm_and_180dpi},
    {"every profile's width", test_every_profile_width},
};

int main(int argc, char **argv)
{
    ks_config_defaults(&cfg);
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
