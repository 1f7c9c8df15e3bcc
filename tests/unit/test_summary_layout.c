/*
 * The end-of-day summary's layout (kiosk/render/summary.h): the figures
 * of a hand-made day appear as rows with their amounts formatted, the
 * methods with their counts, in English and in Arabic.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/render/summary.h"
#include "tests/support/check.h"

static ks_config cfg;

static ks_day_report sample_day(void)
{
    ks_day_report r = {
        .business_date = "2026-11-24",
        .orders = 5,
        .paid_total = 1234550, /* 12,345.50 SAR */
        .vat_total = 161028,
        .discount_total = 350,
        .cancelled = 1,
        .methods = {{"counter", 1, 575}, {"mada", 4, 1233975}},
        .n_methods = 2,
    };
    return r;
}

/* The row whose start text is `text`; NULL when there is none. */
static const ks_doc_row *row_with(const ks_doc *doc, const char *text)
{
    size_t n;
    const ks_doc_row *rows = ks_doc_rows(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (rows[i].text && strcmp(rows[i].text, text) == 0)
            return &rows[i];
    return NULL;
}

static void expect_end(const ks_doc *doc, const char *text, const char *end)
{
    const ks_doc_row *row = row_with(doc, text);
    CHECK(row != NULL);
    if (row)
        CHECK_EQ_STR(row->end, end);
}

static void test_english_figures(void)
{
    ks_day_report r = sample_day();
    /* 2026-11-24 21:30 UTC is 2026-11-25 00:30 in Riyadh (+180 min). */
    ks_doc *doc = ks_summary_layout(&r, &cfg, 1795555800, KS_LANG_EN);
    CHECK(doc != NULL);
    if (!doc)
        return;
    CHECK(row_with(doc, "End-of-day summary") != NULL);
    CHECK(row_with(doc, "ملخص اليوم") != NULL);
    expect_end(doc, "Business day", "2026-11-24");
    expect_end(doc, "Printed", "2026-11-25 00:30");
    expect_end(doc, "Paid orders", "5");
    expect_end(doc, "Paid total incl. VAT", "12,345.50 SAR");
    expect_end(doc, "VAT", "1,610.28 SAR");
    expect_end(doc, "Discounts", "3.50 SAR");
    expect_end(doc, "Cancelled orders", "1");
    expect_end(doc, "Counter (1)", "5.75 SAR");
    expect_end(doc, "mada (4)", "12,339.75 SAR");
    ks_doc_free(doc);
}

static void test_arabic_figures(void)
{
    ks_day_report r = sample_day();
    ks_doc *doc = ks_summary_layout(&r, &cfg, 1795555800, KS_LANG_AR);
    CHECK(doc != NULL);
    if (!doc)
        return;
    CHECK(ks_doc_rtl(doc));
    const ks_doc_row *paid = row_with(doc, "إجمالي المدفوع شامل الضريبة");
    CHECK(paid != NULL);
    if (paid)
        CHECK_CONTAINS(paid->end, "12,345.50");
    CHECK(row_with(doc, "الكاشير (1)") != NULL);
    CHECK(row_with(doc, "mada (4)") != NULL);
    ks_doc_free(doc);
}

static void test_empty_day(void)
{
    ks_day_report r = {.business_date = "2026-01-01"};
    ks_doc *doc = ks_summary_layout(&r, &cfg, 0, KS_LANG_EN);
    CHECK(doc != NULL);
    if (!doc)
        return;
    expect_end(doc, "Paid orders", "0");
    expect_end(doc, "Paid total incl. VAT", "0.00 SAR");
    ks_doc_free(doc);
}

static const struct check_case cases[] = {
    {"English: every figure on its row", test_english_figures},
    {"Arabic: right to left, methods named", test_arabic_figures},
    {"an empty day prints zeros", test_empty_day},
};

int main(int argc, char **argv)
{
    ks_config_defaults(&cfg);
    snprintf(cfg.store_name_en, sizeof cfg.store_name_en, "%s", "Olaya Burger");
    snprintf(cfg.store_name_ar, sizeof cfg.store_name_ar, "%s", "برجر العليا");
    cfg.utc_offset_min = 180;
    cfg.numerals = KS_NUMERALS_WESTERN;
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
