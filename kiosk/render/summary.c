/* The end-of-day summary's layout (see kiosk/render/summary.h). */
#include "kiosk/render/summary.h"

#include <string.h>

#include "kiosk/domain/texts.h"
#include "kiosk/render/print_format.h"

/* Amounts of the summary: riyals, as ks_print_amount formats them for an order in SAR. */
static const char *amount(ks_doc *doc, ks_money value, enum ks_lang lang, const ks_config *cfg)
{
    ks_order sar = {.exponent = KS_CURRENCY_SAR.exponent};
    memcpy(sar.currency, KS_CURRENCY_SAR.code, sizeof sar.currency);
    char text[KS_MONEY_FORMAT_CAP];
    if (!ks_print_amount(&sar, value, lang, cfg->numerals, true, text)) {
        ks_doc_fail(doc);
        return NULL;
    }
    return ks_doc_printf(doc, "%s", text);
}

static const char *count(ks_doc *doc, int64_t value, enum ks_lang lang, const ks_config *cfg)
{
    char text[24];
    ks_print_integer(value, lang, cfg->numerals, text);
    return ks_doc_printf(doc, "%s", text);
}

static const char *method_name(const char *method, enum ks_lang lang)
{
    if (strcmp(method, "counter") == 0)
        return ks_str(KS_STR_PRINT_COUNTER, lang);
    if (strcmp(method, "card") == 0)
        return ks_str(KS_STR_PRINT_CARD, lang);
    return method; /* the scheme as the terminal names it: mada, visa */
}

ks_doc *ks_summary_layout(const ks_day_report *report, const ks_config *cfg, int64_t printed_at,
                          enum ks_lang lang)
{
    ks_doc *doc = ks_doc_new(lang);
    if (!doc)
        return NULL;
    const char *store =
        lang == KS_LANG_AR && cfg->store_name_ar[0] ? cfg->store_name_ar : cfg->store_name_en;
    ks_doc_text(doc, KS_DOC_TITLE, true, KS_DOC_CENTER, 0, store);
    ks_doc_text(doc, KS_DOC_LARGE, true, KS_DOC_CENTER, 0,
                ks_str(KS_STR_SUMMARY_TITLE, KS_LANG_AR));
    ks_doc_text(doc, KS_DOC_LARGE, true, KS_DOC_CENTER, 0,
                ks_str(KS_STR_SUMMARY_TITLE, KS_LANG_EN));
    ks_doc_rule(doc);
    char printed[17];
    ks_print_local_time(printed_at, cfg->utc_offset_min, printed);
    ks_doc_pair(doc, KS_DOC_BODY, false, 0, ks_str(KS_STR_PRINT_DAY, lang), NULL,
                report->business_date);
    ks_doc_pair(doc, KS_DOC_BODY, false, 0, ks_str(KS_STR_PRINT_PRINTED, lang), NULL, printed);
    ks_doc_rule(doc);
    ks_doc_pair(doc, KS_DOC_BODY, false, 0, ks_str(KS_STR_PRINT_ORDERS, lang), NULL,
                count(doc, report->orders, lang, cfg));
    ks_doc_pair(doc, KS_DOC_LARGE, true, 0, ks_str(KS_STR_PRINT_PAID, lang), NULL,
                amount(doc, report->paid_total, lang, cfg));
    ks_doc_pair(doc, KS_DOC_BODY, false, 0, ks_str(KS_STR_PRINT_VAT, lang), NULL,
                amount(doc, report->vat_total, lang, cfg));
    ks_doc_pair(doc, KS_DOC_BODY, false, 0, ks_str(KS_STR_SUMMARY_DISCOUNT, lang), NULL,
                amount(doc, report->discount_total, lang, cfg));
    ks_doc_pair(doc, KS_DOC_BODY, false, 0, ks_str(KS_STR_PRINT_CANCELLED, lang), NULL,
                count(doc, report->cancelled, lang, cfg));
    /* Refunds only on a day that had some, so other days' summaries stay as they were. */
    if (report->refunds > 0 || report->refunded_orders > 0) {
        ks_doc_pair(doc, KS_DOC_BODY, false, 0,
                    ks_doc_printf(doc, "%s (%s)", ks_str(KS_STR_PRINT_REFUNDS, lang),
                                  count(doc, report->refunds, lang, cfg)),
                    NULL, amount(doc, report->refunded_total, lang, cfg));
        ks_doc_pair(doc, KS_DOC_BODY, false, 1, ks_str(KS_STR_PRINT_REFUNDED_FULL, lang), NULL,
                    count(doc, report->refunded_orders, lang, cfg));
        ks_doc_pair(doc, KS_DOC_BODY, false, 1, ks_str(KS_STR_PRINT_REFUNDED_PART, lang), NULL,
                    count(doc, report->partly_refunded, lang, cfg));
    }
    ks_doc_rule(doc);
    ks_doc_text(doc, KS_DOC_BODY, true, KS_DOC_START, 0, ks_str(KS_STR_PRINT_BY_METHOD, lang));
    for (size_t i = 0; i < report->n_methods; i++) {
        const ks_report_method *m = &report->methods[i];
        const char *name = ks_doc_printf(doc, "%s (%s)", method_name(m->method, lang),
                                         count(doc, m->orders, lang, cfg));
        ks_doc_pair(doc, KS_DOC_BODY, false, 1, name, NULL, amount(doc, m->total, lang, cfg));
    }
    ks_doc_gap(doc, 40);
    if (!ks_doc_ok(doc)) {
        ks_doc_free(doc);
        return NULL;
    }
    return doc;
}
