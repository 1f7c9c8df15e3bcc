/*
 * The end-of-day summary (`kiosk --summary DAY --out FILE`), laid out from
 * the day's figures (kiosk/store/report_store.h): the store, the business
 * day and the time printed, orders paid, the paid, VAT and discount totals,
 * orders cancelled, and the paid orders by payment method. Pure, like the
 * receipt's layout (kiosk/render/receipt.h); amounts in Saudi riyals.
 */
#ifndef KIOSK_RENDER_SUMMARY_H
#define KIOSK_RENDER_SUMMARY_H

#include <stdint.h>

#include "kiosk/app/config.h"
#include "kiosk/render/doc.h"
#include "kiosk/store/report_store.h"

/*
 * The summary of report (borrowed for the call) for the store of cfg
 * (borrowed: names, UTC offset, numerals), printed at printed_at (UTC
 * seconds), in lang with the title in both languages. Owned by the
 * caller (ks_doc_free); NULL when out of memory or a text does not fit.
 */
ks_doc *ks_summary_layout(const ks_day_report *report, const ks_config *cfg, int64_t printed_at,
                          enum ks_lang lang);

#endif
