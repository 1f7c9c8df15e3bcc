/*
 * Phase 2 e-invoice cost at the moment of sale: building, hashing, signing
 * and stamping one invoice (ks_einvoice_issue) for the 6-line demo order
 * and a 20-line one, and the whole paying transaction on a real SQLite
 * file with and without its e-invoice (ks_checkout_mark_paid, synchronous
 * FULL), which is what stands between the terminal's approval and the
 * receipt's first byte. And the backend's side: reading and verifying a
 * kiosk's copy for the archive (ks_einvoice_verify_read). Prints median
 * and p99 (ms) and peak RSS.
 *
 *   bench_einvoice [runs]     (KIOSK_ZATCA_SDK: the SDK's test stamp)
 */
#include <stdio.h>
#include <stdlib.h>

#include "kiosk/app/checkout.h"
#include "kiosk/app/einvoicing.h"
#include "kiosk/common/uuid.h"
#include "kiosk/einvoice/einvoice.h"
#include "kiosk/einvoice/einvoice_verify.h"
#include "kiosk/render/receipt_demo.h"
#include "kiosk/store/order_store.h"
#include "tests/bench/bench_util.h"
#include "tests/support/check.h"
#include "tests/support/zatca_fixture.h"

#define DEFAULT_RUNS 300

static const ks_seller seller = {.name = "شركة برجر العليا المحدودة",
                                 .vat_number = "399999999900003",
                                 .crn = "1010010000",
                                 .street = "شارع العليا",
                                 .building_number = "1234",
                                 .district = "العليا",
                                 .city = "الرياض",
                                 .postal_zone = "12211"};

/* The archive's check of one issued invoice of the order (ks_einvoice_verify_read), runs times. */
static bool bench_verify(const ks_einvoice *inv, size_t lines, long runs)
{
    double *ms = calloc((size_t)runs, sizeof *ms);
    bool ok = ms != NULL;
    for (long i = 0; ok && i < runs; i++) {
        char why[256] = "";
        ks_einvoice_facts facts;
        int64_t start = bench_now_ns();
        ok = ks_einvoice_verify_read(inv->xml, inv->xml_len, &facts, why, sizeof why);
        ms[i] = (double)(bench_now_ns() - start) / 1e6;
        if (!ok)
            fprintf(stderr, "bench_einvoice: verifying failed: %s\n", why);
    }
    if (ok) {
        char name[96];
        snprintf(name, sizeof name, "verify and read one invoice, %zu lines (archive)", lines);
        bench_report(name, ms, (size_t)runs, "ms");
    }
    free(ms);
    return ok;
}

static bool bench_issue(const ks_stamp_key *key, const ks_config *cfg, size_t lines, long runs)
{
    char err[256] = "";
    ks_order *order =
        ks_receipt_demo_order(check_path(check_source_dir(), "assets/menus/restaurant.json"), cfg,
                              KS_LANG_AR, lines, err, sizeof err);
    double *ms = calloc((size_t)runs, sizeof *ms);
    bool ok = order && ms;
    size_t bytes = 0;
    for (long i = 0; ok && i < runs; i++) {
        const ks_invoice_doc doc = {.kind = KS_INVOICE_TAX,
                                    .order = order,
                                    .seller = &seller,
                                    .id = "bench-1",
                                    .uuid = order->uuid,
                                    .icv = (uint64_t)i + 1,
                                    .pih = KS_EINVOICE_FIRST_PIH,
                                    .issued_at = KS_RECEIPT_DEMO_PAID_AT,
                                    .utc_offset_min = 180,
                                    .payment = KS_PAYMENT_CARD};
        int64_t start = bench_now_ns();
        ks_einvoice inv;
        ok = ks_einvoice_issue(&doc, key, &inv) == KS_EINVOICE_OK;
        ms[i] = (double)(bench_now_ns() - start) / 1e6;
        bytes = inv.xml_len;
        if (ok && i + 1 == runs)
            ok = bench_verify(&inv, lines, runs);
        ks_einvoice_clear(&inv);
    }
    if (ok) {
        char name[96];
        snprintf(name, sizeof name, "issue one invoice, %zu lines (%zu bytes of XML)", lines,
                 bytes);
        bench_report(name, ms, (size_t)runs, "ms");
    } else {
        fprintf(stderr, "bench_einvoice: issuing failed %s\n", err);
    }
    free(ms);
    ks_order_free(order);
    return ok;
}

/* The paying transaction of runs stored orders, with e (may be NULL) issuing their invoices. */
static bool bench_paying(const ks_einvoicing *e, const ks_config *cfg, const char *db_name,
                         long runs)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", check_tmp_dir(), db_name);
    remove(path);
    ks_db *db = ks_db_open(path, NULL);
    double *ms = calloc((size_t)runs, sizeof *ms);
    bool ok = db && ms;
    for (long i = 0; ok && i < runs; i++) {
        char err[256] = "";
        ks_order *order =
            ks_receipt_demo_order(check_path(check_source_dir(), "assets/menus/restaurant.json"),
                                  cfg, KS_LANG_AR, KS_RECEIPT_DEMO_LINES, err, sizeof err);
        uint8_t random16[16];
        for (int b = 0; b < 16; b++)
            random16[b] = (uint8_t)(rand() & 0xff);
        if (order)
            ks_uuid_v4_format(random16, order->uuid);
        int32_t number = 0;
        ok = order && ks_order_store_insert(db, order, 0, &number) == KS_DB_OK;
        if (ok) {
            order->number = number;
            int64_t start = bench_now_ns();
            ok = ks_checkout_mark_paid(db, order, KS_RECEIPT_DEMO_PAID_AT + i, e, KS_PAYMENT_CARD,
                                       false) == KS_DB_OK;
            ms[i] = (double)(bench_now_ns() - start) / 1e6;
        }
        ks_order_free(order);
    }
    if (ok)
        bench_report(e ? "paying transaction with its signed e-invoice (SQLite, FULL sync)"
                       : "paying transaction without an e-invoice (SQLite, FULL sync)",
                     ms, (size_t)runs, "ms");
    else
        fprintf(stderr, "bench_einvoice: paying failed\n");
    free(ms);
    ks_db_close(db);
    return ok;
}

int main(int argc, char **argv)
{
    long runs = argc > 1 ? strtol(argv[1], NULL, 10) : DEFAULT_RUNS;
    if (runs <= 0)
        runs = DEFAULT_RUNS;
    ks_config cfg;
    ks_einvoicing *e = zatca_fixture_einvoicing(&cfg);
    if (!e)
        return 1;
    char why[256] = "";
    ks_stamp_key *key =
        ks_stamp_key_load(cfg.zatca_certificate, cfg.zatca_private_key, why, sizeof why);
    bool ok = e && key && bench_issue(key, &cfg, KS_RECEIPT_DEMO_LINES, runs) &&
              bench_issue(key, &cfg, 20, runs) && bench_paying(NULL, &cfg, "plain.db", runs) &&
              bench_paying(e, &cfg, "einvoice.db", runs);
    if (!ok && why[0])
        fprintf(stderr, "bench_einvoice: %s\n", why);
    printf("peak RSS: %ld KiB\n", bench_peak_rss_kib());
    ks_stamp_key_free(key);
    ks_einvoicing_close(e);
    return ok ? 0 : 1;
}
