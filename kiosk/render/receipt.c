/*
 * The customer receipt and the counter slip: see kiosk/render/receipt.h.
 *
 * Amounts on item lines are in the catalog's tax treatment (what the menu
 * showed: VAT included in Saudi menus) before the line's promotions, which
 * follow as their own negative lines, so each column adds up to the
 * subtotal. The totals then give what ZATCA asks of a simplified invoice:
 * total excluding VAT, the VAT (per rate when there are several) and the
 * total including VAT.
 */
#include "kiosk/render/receipt.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kiosk/domain/texts.h"
#include "kiosk/render/print_format.h"

static enum ks_lang other(enum ks_lang lang)
{
    return lang == KS_LANG_AR ? KS_LANG_EN : KS_LANG_AR;
}

/* A bilingual row: English label at the left, Arabic at the right, the value between. */
static void bilingual(ks_doc *doc, enum ks_doc_font font, enum ks_str label, const char *value)
{
    ks_doc_trio(doc, font, ks_str(label, KS_LANG_EN), value, ks_str(label, KS_LANG_AR));
}

/* "15" or "12.5" and the percent sign of the document's digits. */
static const char *rate_text(ks_doc *doc, int32_t rate_bp, enum ks_lang lang,
                             enum ks_numerals numerals)
{
    char whole[24], frac[24];
    ks_print_integer(rate_bp / 100, lang, numerals, whole);
    bool indic = ks_print_numerals(lang, numerals) == KS_NUMERALS_ARABIC_INDIC;
    const char *percent = indic ? "٪" : "%";
    if (rate_bp % 100 == 0)
        return ks_doc_printf(doc, "%s%s", whole, percent);
    int hundredths = rate_bp % 100;
    ks_print_integer(hundredths % 10 ? hundredths : hundredths / 10, lang, numerals, frac);
    return ks_doc_printf(doc, "%s%s%s%s%s", whole, indic ? "٫" : ".",
                         hundredths < 10 ? (indic ? "٠" : "0") : "", frac, percent);
}

/* An amount as a document text, or NULL (and the document failed) when it cannot be formatted. */
static const char *amount_text(ks_doc *doc, const ks_receipt_input *in, ks_money amount,
                               bool with_symbol)
{
    char text[KS_MONEY_FORMAT_CAP];
    if (!ks_print_amount(in->order, amount, in->lang, in->cfg->numerals, with_symbol, text)) {
        ks_doc_fail(doc);
        return NULL;
    }
    return ks_doc_printf(doc, "%s", text);
}

static const char *line_name(const ks_order_line *line, enum ks_lang lang)
{
    const char *name = lang == KS_LANG_AR ? line->name_ar : line->name_en;
    return name[0] ? name : (lang == KS_LANG_AR ? line->name_en : line->name_ar);
}

static const char *detail_name(const ks_order_detail *d, enum ks_lang lang)
{
    const char *name = lang == KS_LANG_AR ? d->name_ar : d->name_en;
    return name[0] ? name : (lang == KS_LANG_AR ? d->name_en : d->name_ar);
}

static void header(ks_doc *doc, const ks_receipt_input *in, enum ks_receipt_kind kind)
{
    const ks_config *cfg = in->cfg;
    const ks_order *order = in->order;
    char when[17], number[24];
    ks_doc_text(doc, KS_DOC_TITLE, true, KS_DOC_CENTER, 0, cfg->store_name_ar);
    ks_doc_text(doc, KS_DOC_BODY, true, KS_DOC_CENTER, 0, cfg->store_name_en);
    ks_doc_gap(doc, 15);
    if (kind == KS_RECEIPT_INVOICE) {
        ks_doc_text(doc, KS_DOC_BODY, true, KS_DOC_CENTER, 0,
                    ks_str(KS_STR_RECEIPT_TITLE, KS_LANG_AR));
        ks_doc_text(doc, KS_DOC_BODY, true, KS_DOC_CENTER, 0,
                    ks_str(KS_STR_RECEIPT_TITLE, KS_LANG_EN));
    } else if (kind == KS_RECEIPT_REFUND) {
        ks_doc_text(doc, KS_DOC_LARGE, true, KS_DOC_CENTER, 0,
                    ks_doc_printf(doc, "%s / %s", ks_str(KS_STR_PRINT_REFUND, KS_LANG_AR),
                                  ks_str(KS_STR_PRINT_REFUND, KS_LANG_EN)));
        ks_doc_text(doc, KS_DOC_BODY, true, KS_DOC_CENTER, 0,
                    ks_str(KS_STR_PRINT_CREDIT_NOTE, KS_LANG_AR));
        ks_doc_text(doc, KS_DOC_BODY, true, KS_DOC_CENTER, 0,
                    ks_str(KS_STR_PRINT_CREDIT_NOTE, KS_LANG_EN));
    } else {
        ks_doc_text(doc, KS_DOC_LARGE, true, KS_DOC_CENTER, 0,
                    ks_str(KS_STR_PRINT_PAY_AT_COUNTER, KS_LANG_AR));
        ks_doc_text(doc, KS_DOC_LARGE, true, KS_DOC_CENTER, 0,
                    ks_str(KS_STR_PRINT_PAY_AT_COUNTER, KS_LANG_EN));
    }
    if (in->duplicate)
        ks_doc_text(doc, KS_DOC_BODY, true, KS_DOC_CENTER, 0,
                    ks_doc_printf(doc, "%s / %s", ks_str(KS_STR_PRINT_DUPLICATE, KS_LANG_AR),
                                  ks_str(KS_STR_PRINT_DUPLICATE, KS_LANG_EN)));
    ks_doc_rule(doc);
    if (kind != KS_RECEIPT_COUNTER)
        bilingual(doc, KS_DOC_BODY, KS_STR_PRINT_VAT_NO, cfg->vat_number);
    ks_print_local_time(in->issued_at, cfg->utc_offset_min, when);
    bilingual(doc, KS_DOC_BODY, KS_STR_PRINT_DATE, when);
    snprintf(number, sizeof number, "%" PRId32, order->number);
    if (kind == KS_RECEIPT_INVOICE) {
        bilingual(doc, KS_DOC_BODY, KS_STR_PRINT_INVOICE,
                  in->invoice_number ? in->invoice_number
                                     : ks_doc_printf(doc, "%s-%s", order->business_date, number));
        ks_doc_text(doc, KS_DOC_TINY, false, KS_DOC_CENTER, 0, order->uuid);
    } else if (kind == KS_RECEIPT_REFUND) {
        if (in->invoice_number)
            bilingual(doc, KS_DOC_BODY, KS_STR_PRINT_NOTE_NO, in->invoice_number);
        if (in->refund->invoice_number[0])
            bilingual(doc, KS_DOC_BODY, KS_STR_PRINT_CORRECTS, in->refund->invoice_number);
        ks_doc_text(doc, KS_DOC_TINY, false, KS_DOC_CENTER, 0, in->refund->refund_id);
    }
    enum ks_str service =
        order->service == KS_SERVICE_DINE_IN ? KS_STR_RECEIPT_DINE_IN : KS_STR_RECEIPT_TAKEAWAY;
    bilingual(doc, KS_DOC_BODY, KS_STR_PRINT_SERVICE, ks_str(service, in->lang));
    ks_doc_rule(doc);
    bilingual(doc, KS_DOC_HUGE, KS_STR_PRINT_ORDER_NO, number);
    ks_doc_rule(doc);
}

/*
 * A line's choices as one paragraph, the choices made inside a combo item
 * in brackets after it: "Large, Cheeseburger (Cheddar), Fries, Cola
 * (Medium)". One wrapped paragraph instead of a row per choice keeps the
 * receipt short; the kitchen ticket lists them one per row.
 */
static const char *details_text(ks_doc *doc, const ks_order_line *line, enum ks_lang lang)
{
    const char *comma = lang == KS_LANG_AR ? "، " : ", ";
    char text[KS_DOC_TEXT_MAX + 1];
    size_t len = 0;
    text[0] = '\0';
    for (size_t d = 0; d < line->n_details; d++) {
        const ks_order_detail *detail = &line->details[d];
        bool inner = detail->depth > 0;
        bool opens = inner && (d == 0 || line->details[d - 1].depth == 0);
        bool closes = inner && (d + 1 == line->n_details || line->details[d + 1].depth == 0);
        const char *before = d == 0 ? "" : opens ? " (" : comma;
        int n = snprintf(text + len, sizeof text - len, "%s%s%s", before, detail_name(detail, lang),
                         closes ? ")" : "");
        if (n < 0 || (size_t)n >= sizeof text - len)
            break; /* a text over KS_DOC_TEXT_MAX: keep what fits */
        len += (size_t)n;
    }
    return ks_doc_printf(doc, "%s", text);
}

static void item_lines(ks_doc *doc, const ks_receipt_input *in)
{
    const ks_order *order = in->order;
    enum ks_lang lang = in->lang;
    for (size_t i = 0; i < order->n_lines; i++) {
        const ks_order_line *line = &order->lines[i];
        char qty[64];
        ks_print_quantity(line, lang, in->cfg->numerals, qty);
        ks_money shown = (order->prices_include_tax ? line->gross : line->net) + line->discount;
        const char *name = line_name(line, lang);
        const char *start =
            line->unit == KS_UNIT_EACH ? ks_doc_printf(doc, "%s × %s", qty, name) : name;
        ks_doc_pair(doc, KS_DOC_BODY, false, 0, start, line_name(line, other(lang)),
                    amount_text(doc, in, shown, false));
        if (line->unit == KS_UNIT_KG) /* the weight, 3 decimals, at the price per kg */
            ks_doc_text(doc, KS_DOC_SMALL, false, KS_DOC_START, 1,
                        ks_doc_printf(doc, "%s × %s %s", qty,
                                      amount_text(doc, in, line->unit_price, false),
                                      ks_str(KS_STR_PRINT_PER_KG, lang)));
        if (line->n_details)
            ks_doc_text(doc, KS_DOC_SMALL, false, KS_DOC_START, 1, details_text(doc, line, lang));
        if (line->note[0])
            ks_doc_text(doc, KS_DOC_SMALL, false, KS_DOC_START, 1,
                        ks_doc_printf(doc, "%s: %s", ks_str(KS_STR_PRINT_NOTE, lang), line->note));
        if (line->discount) {
            const char *promo = lang == KS_LANG_AR ? line->promo_note_ar : line->promo_note_en;
            ks_doc_pair(doc, KS_DOC_SMALL, false, 1,
                        promo[0] ? promo : ks_str(KS_STR_RECEIPT_DISCOUNT, lang), NULL,
                        amount_text(doc, in, -line->discount, false));
        }
    }
}

/* A totals row: the label in the main language, its translation under it, the amount. */
static void total_row(ks_doc *doc, const ks_receipt_input *in, enum ks_doc_font font, bool bold,
                      const char *label, const char *translation, ks_money amount)
{
    ks_doc_pair(doc, font, bold, 0, label, translation, amount_text(doc, in, amount, true));
}

static void totals(ks_doc *doc, const ks_receipt_input *in, enum ks_receipt_kind kind)
{
    const ks_order *order = in->order;
    enum ks_lang lang = in->lang, alt = other(lang);
    enum ks_numerals numerals = in->cfg->numerals;
    if (order->discount) {
        total_row(doc, in, KS_DOC_BODY, false, ks_str(KS_STR_PRINT_SUBTOTAL, lang),
                  ks_str(KS_STR_PRINT_SUBTOTAL, alt), order->subtotal);
        total_row(doc, in, KS_DOC_BODY, false, ks_str(KS_STR_RECEIPT_DISCOUNT, lang),
                  ks_str(KS_STR_RECEIPT_DISCOUNT, alt), -order->discount);
    }
    if (kind != KS_RECEIPT_COUNTER) {
        total_row(doc, in, KS_DOC_BODY, false, ks_str(KS_STR_PRINT_TOTAL_NET, lang),
                  ks_str(KS_STR_PRINT_TOTAL_NET, alt), order->total_net);
        for (size_t v = 0; v < order->n_vat; v++) {
            const ks_order_vat *row = &order->vat[v];
            if (order->n_vat > 1)
                total_row(doc, in, KS_DOC_SMALL, false,
                          ks_doc_printf(doc, "%s %s", ks_str(KS_STR_PRINT_TAXABLE, lang),
                                        rate_text(doc, row->rate_bp, lang, numerals)),
                          ks_doc_printf(doc, "%s %s", ks_str(KS_STR_PRINT_TAXABLE, alt),
                                        rate_text(doc, row->rate_bp, alt, numerals)),
                          row->taxable);
            total_row(doc, in, KS_DOC_BODY, false,
                      ks_doc_printf(doc, "%s %s", ks_str(KS_STR_PRINT_VAT, lang),
                                    rate_text(doc, row->rate_bp, lang, numerals)),
                      ks_doc_printf(doc, "%s %s", ks_str(KS_STR_PRINT_VAT, alt),
                                    rate_text(doc, row->rate_bp, alt, numerals)),
                      row->vat);
        }
    }
    enum ks_str total =
        kind == KS_RECEIPT_REFUND ? KS_STR_PRINT_TOTAL_REFUNDED : KS_STR_PRINT_TOTAL;
    total_row(doc, in, KS_DOC_LARGE, true, ks_str(total, lang), ks_str(total, alt), order->total);
    ks_doc_rule(doc);
}

/* How and why a refund went back. */
static void refunded(ks_doc *doc, const ks_receipt_input *in)
{
    const ks_receipt_refund *refund = in->refund;
    bilingual(
        doc, KS_DOC_BODY, KS_STR_PRINT_REFUNDED_TO,
        ks_str(refund->tender == KS_TENDER_CASH ? KS_STR_PRINT_CASH : KS_STR_PRINT_CARD, in->lang));
    bilingual(doc, KS_DOC_BODY, KS_STR_PRINT_REASON, refund->reason);
    ks_doc_rule(doc);
}

/* The last four digits of a masked card number, "****" when it has fewer. */
static void last_four(const char *masked, char out[5])
{
    char digits[4];
    int n = 0;
    for (size_t i = masked ? strlen(masked) : 0; i > 0 && n < 4; i--)
        if (masked[i - 1] >= '0' && masked[i - 1] <= '9')
            digits[3 - n++] = masked[i - 1];
    if (n < 4) {
        memcpy(out, "****", 5);
        return;
    }
    memcpy(out, digits, 4);
    out[4] = '\0';
}

static void payment(ks_doc *doc, const ks_receipt_input *in)
{
    const ks_receipt_payment *pay = in->payment;
    if (!pay)
        return;
    if (pay->tender == KS_TENDER_CASH) {
        bilingual(doc, KS_DOC_BODY, KS_STR_PRINT_PAYMENT, ks_str(KS_STR_PRINT_CASH, in->lang));
    } else {
        char four[5];
        last_four(pay->masked_card, four);
        const char *scheme =
            pay->scheme && pay->scheme[0] ? pay->scheme : ks_str(KS_STR_PRINT_CARD, in->lang);
        /* An LTR mark keeps "mada **** 1234" in this order inside Arabic text. */
        bilingual(doc, KS_DOC_BODY, KS_STR_PRINT_PAYMENT,
                  ks_doc_printf(doc, "\u200E%s **** %s", scheme, four));
        if (pay->approval_code && pay->approval_code[0])
            bilingual(doc, KS_DOC_BODY, KS_STR_PRINT_APPROVAL, pay->approval_code);
    }
    ks_doc_rule(doc);
}

enum ks_zatca_qr_error ks_receipt_qr_text(const ks_receipt_input *in,
                                          char out[KS_ZATCA_QR_MAX_CHARS + 1])
{
    char stamp[21];
    time_t t = (time_t)in->issued_at;
    struct tm tm;
    if (!gmtime_r(&t, &tm) ||
        snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02dZ", (tm.tm_year + 1900) % 10000,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec) != 20) {
        out[0] = '\0';
        return KS_ZATCA_QR_BAD_TIMESTAMP;
    }
    const ks_config *cfg = in->cfg;
    const ks_zatca_qr_input qr = {
        .seller_name = cfg->store_name_ar[0] ? cfg->store_name_ar : cfg->store_name_en,
        .vat_number = cfg->vat_number,
        .timestamp = stamp,
        .total_with_vat = in->order->total,
        .vat_total = in->order->total_vat,
    };
    return ks_zatca_qr_encode(&qr, out, KS_ZATCA_QR_MAX_CHARS + 1);
}

ks_doc *ks_receipt_layout(const ks_receipt_input *in, enum ks_receipt_kind kind)
{
    char qr[KS_ZATCA_QR_MAX_CHARS + 1];
    bool coded = kind != KS_RECEIPT_COUNTER;
    if (kind == KS_RECEIPT_REFUND && !in->refund)
        return NULL;
    if (coded && in->qr)
        snprintf(qr, sizeof qr, "%s", in->qr);
    else if (coded && ks_receipt_qr_text(in, qr) != KS_ZATCA_QR_OK)
        return NULL;
    ks_doc *doc = ks_doc_new(in->lang);
    if (!doc)
        return NULL;
    header(doc, in, kind);
    item_lines(doc, in);
    ks_doc_rule(doc);
    totals(doc, in, kind);
    if (coded) {
        if (kind == KS_RECEIPT_REFUND)
            refunded(doc, in);
        else
            payment(doc, in);
        ks_doc_gap(doc, 20);
        ks_doc_qr(doc, qr);
        ks_doc_gap(doc, 20);
    } else {
        ks_doc_text(doc, KS_DOC_SMALL, false, KS_DOC_CENTER, 0,
                    ks_str(KS_STR_PRINT_NOT_INVOICE, KS_LANG_AR));
        ks_doc_text(doc, KS_DOC_SMALL, false, KS_DOC_CENTER, 0,
                    ks_str(KS_STR_PRINT_NOT_INVOICE, KS_LANG_EN));
    }
    ks_doc_text(doc, KS_DOC_BODY, false, KS_DOC_CENTER, 0, ks_str(KS_STR_PRINT_THANKS, in->lang));
    ks_doc_text(doc, KS_DOC_SMALL, false, KS_DOC_CENTER, 0,
                ks_str(KS_STR_PRINT_THANKS, other(in->lang)));
    if (!ks_doc_ok(doc)) {
        ks_doc_free(doc);
        return NULL;
    }
    return doc;
}
