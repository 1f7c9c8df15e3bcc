/* The kitchen ticket: see kiosk/render/kitchen_ticket.h. */
#include "kiosk/render/kitchen_ticket.h"

#include "kiosk/domain/texts.h"
#include "kiosk/render/print_format.h"

static const char *name_in(const char *ar, const char *en, enum ks_lang lang)
{
    const char *name = lang == KS_LANG_AR ? ar : en;
    return name[0] ? name : (lang == KS_LANG_AR ? en : ar);
}

ks_doc *ks_kitchen_ticket_layout(const ks_order *order, const ks_config *cfg, enum ks_lang lang,
                                 bool duplicate)
{
    ks_doc *doc = ks_doc_new(lang);
    if (!doc)
        return NULL;
    char number[24], when[17], count[24];
    ks_print_integer(order->number, lang, cfg->numerals, number);
    ks_doc_text(doc, KS_DOC_HUGE, true, KS_DOC_CENTER, 0, number);
    enum ks_str service =
        order->service == KS_SERVICE_DINE_IN ? KS_STR_TICKET_DINE_IN : KS_STR_TICKET_TAKEAWAY;
    ks_doc_text(doc, KS_DOC_TITLE, true, KS_DOC_CENTER, 0, ks_str(service, lang));
    if (duplicate)
        ks_doc_text(doc, KS_DOC_BODY, true, KS_DOC_CENTER, 0, ks_str(KS_STR_PRINT_DUPLICATE, lang));
    ks_print_local_time(order->created_at, cfg->utc_offset_min, when);
    ks_doc_text(doc, KS_DOC_SMALL, false, KS_DOC_CENTER, 0,
                ks_doc_printf(doc, "%s  %s", when + 11, cfg->kiosk_id));
    ks_doc_rule(doc);

    int64_t pieces = 0;
    for (size_t i = 0; i < order->n_lines; i++) {
        const ks_order_line *line = &order->lines[i];
        char qty[64];
        ks_print_quantity(line, lang, cfg->numerals, qty);
        pieces += line->unit == KS_UNIT_EACH ? line->quantity : 1;
        ks_doc_text(
            doc, KS_DOC_LARGE, true, KS_DOC_START, 0,
            ks_doc_printf(doc, "%s × %s", qty, name_in(line->name_ar, line->name_en, lang)));
        for (size_t d = 0; d < line->n_details; d++) {
            const ks_order_detail *detail = &line->details[d];
            ks_doc_text(doc, KS_DOC_BODY, false, KS_DOC_START, 1 + detail->depth,
                        name_in(detail->name_ar, detail->name_en, lang));
        }
        if (line->note[0])
            ks_doc_text(doc, KS_DOC_BODY, true, KS_DOC_START, 1,
                        ks_doc_printf(doc, "%s: %s", ks_str(KS_STR_PRINT_NOTE, lang), line->note));
        ks_doc_gap(doc, 15);
    }
    ks_doc_rule(doc);
    ks_print_integer(pieces, lang, cfg->numerals, count);
    ks_doc_text(doc, KS_DOC_BODY, false, KS_DOC_CENTER, 0,
                ks_doc_printf(doc, "%s: %s", ks_str(KS_STR_PRINT_ITEMS, lang), count));
    if (!ks_doc_ok(doc)) {
        ks_doc_free(doc);
        return NULL;
    }
    return doc;
}
