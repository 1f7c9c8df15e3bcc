/*
 * The e-invoice chain on the kiosk (kiosk/app/einvoicing.c with
 * kiosk/store/einvoice_store.c): each paid order gets one signed invoice in
 * the paying transaction, ICVs 1, 2, 3 ... each PIH the hash before it, one
 * report queued for ZATCA; a repeat changes nothing; a failure to sign
 * leaves the order unpaid; a credit note continues the chain; the receipt
 * prints the signed invoice's QR. Then crash rounds: a child process pays
 * orders until it is SIGKILLed at a random moment; the chain must be whole,
 * every paid order must have exactly one invoice and one report, and no
 * invoice may exist for an unpaid order. A second child then carries on
 * the same chain.
 */
#include <errno.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "devices/printer/raster_png.h"
#include "kiosk/app/checkout.h"
#include "kiosk/app/einvoicing.h"
#include "kiosk/app/refund.h"
#include "kiosk/einvoice/einvoice_verify.h"
#include "kiosk/render/print_render.h"
#include "kiosk/store/einvoice_store.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/outbox.h"
#include "tests/support/check.h"
#include "tests/support/zatca_fixture.h"
#include "tests/support/zbar.h"
#include "tests/unit/test_store_fixture.h"

#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */
#define CRASH_ROUNDS 3
#define MAX_ORDERS 100000
#define MAX_KILL_DELAY_US 400000

static ks_config cfg;

static ks_einvoicing *open_einvoicing(void)
{
    return zatca_fixture_einvoicing(&cfg);
}

static ks_db *fresh_db(const char *name)
{
    char path[4096];
    fixture_fresh_db(check_tmp_dir(), name, path, sizeof path);
    return ks_db_open(path, NULL);
}

/* Stores order index and pays it; KS_DB_OK when both worked. */
static enum ks_db_error pay_order(ks_db *db, const ks_einvoicing *e, unsigned index)
{
    ks_order *order = fixture_order(index, cfg.store_id, NOV24_UTC + index, 0);
    int32_t number = 0;
    enum ks_db_error err = ks_order_store_insert(db, order, 0, &number);
    order->number = number;
    if (err == KS_DB_OK)
        err = ks_checkout_mark_paid(db, order, NOV24_UTC + index + 30, e, KS_PAYMENT_CARD, false);
    ks_order_free(order);
    return err;
}

static int64_t count(ks_db *db, const char *sql)
{
    int64_t n = -1;
    ks_db_binder b = ks_db_bind(db, sql);
    return ks_db_query_int(db, &b, &n) == KS_DB_OK ? n : -1;
}

/* The body of the message to destination (path) naming the document of ICV icv, parsed. */
static json_t *queued_body(ks_db *db, const char *destination, const char *path, int64_t icv)
{
    ks_db_binder b = ks_db_bind(db, "SELECT id FROM outbox WHERE destination = ? AND path = ?\n"
                                    "    AND document = ?");
    ks_db_bind_text(&b, destination);
    ks_db_bind_text(&b, path);
    ks_db_bind_int(&b, icv);
    int64_t id = 0;
    char *text = NULL;
    if (ks_db_query_int(db, &b, &id) != KS_DB_OK || ks_outbox_body(db, id, &text) != KS_DB_OK)
        return NULL;
    json_t *body = json_loads(text, 0, NULL);
    free(text);
    return body;
}

/*
 * The report queued for ZATCA matches the stored document (hash, base64 of
 * the XML), and so does the archive's copy (the XML, the order, the store):
 * both built from the one stored document when sent (schema step 19).
 */
static bool report_matches(ks_db *db, const ks_einvoice_row *row)
{
    char *xml = NULL;
    size_t len = 0;
    if (ks_einvoice_store_xml(db, row->icv, &xml, &len) != KS_DB_OK)
        return false;
    json_t *body = queued_body(db, "zatca", "", row->icv);
    const char *hash = json_string_value(json_object_get(body, "invoiceHash"));
    const char *uuid = json_string_value(json_object_get(body, "uuid"));
    const char *b64 = json_string_value(json_object_get(body, "invoice"));
    size_t b64_len = b64 ? strlen(b64) : 0;
    unsigned char *decoded = b64 ? malloc(b64_len) : NULL;
    int n = decoded ? EVP_DecodeBlock(decoded, (const unsigned char *)b64, (int)b64_len) : -1;
    if (n >= 0 && b64_len > 0)
        n -= (b64[b64_len - 1] == '=') + (b64_len > 1 && b64[b64_len - 2] == '=');
    bool ok = hash && strcmp(hash, row->hash) == 0 && uuid && strcmp(uuid, row->uuid) == 0 &&
              n == (int)len && memcmp(decoded, xml, len) == 0;
    free(decoded);
    json_decref(body);
    json_t *copy = queued_body(db, "backend", "einvoices", row->icv);
    const char *copied = json_string_value(json_object_get(copy, "xml"));
    const char *order = json_string_value(json_object_get(copy, "order_uuid"));
    const char *store = json_string_value(json_object_get(copy, "store_id"));
    ok = ok && copied && strlen(copied) == len && memcmp(copied, xml, len) == 0 && order &&
         strcmp(order, row->order_uuid) == 0 && store && strcmp(store, "demo-riyadh-01") == 0 &&
         json_object_size(copy) == 3;
    json_decref(copy);
    free(xml);
    return ok;
}

static void paid_orders_are_invoiced(void)
{
    ks_einvoicing *e = open_einvoicing();
    ks_db *db = fresh_db("chain.db");
    CHECK(e && db);
    for (unsigned i = 1; i <= 5; i++)
        CHECK_EQ_INT(pay_order(db, e, i), KS_DB_OK);
    /* Paying again is harmless: no second invoice, no second report. */
    ks_order *again = fixture_order(3, cfg.store_id, NOV24_UTC + 3, 0);
    again->number = 3;
    CHECK_EQ_INT(ks_checkout_mark_paid(db, again, NOV24_UTC + 99, e, KS_PAYMENT_CARD, false),
                 KS_DB_OK);
    ks_order_free(again);

    int64_t n = 0;
    char why[200];
    CHECK_EQ_INT(ks_einvoice_store_check_chain(db, ks_einvoicing_first_pih(), &n, why, sizeof why),
                 KS_DB_OK);
    CHECK_EQ_INT(n, 5);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM outbox WHERE destination = 'zatca'"), 5);
    /* The backend's copy of each order carries its invoice's QR (the e-receipt); the kitchen's
     * does not. */
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM outbox WHERE destination = 'backend'\n"
                           "    AND path = ''"),
                 5);
    /* And a copy of each signed document for the chain's archive (POST /v1/einvoices). */
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM outbox o JOIN einvoices e\n"
                           "    ON e.order_uuid = o.order_uuid AND e.icv = o.document\n"
                           "WHERE o.destination = 'backend' AND o.path = 'einvoices'\n"
                           "    AND o.document_as = 'xml'"),
                 5);
    /* Each document is stored once: the messages name it, holding no copy of their own. */
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM outbox WHERE (destination = 'zatca'\n"
                           "    OR path = 'einvoices') AND length(payload) > 200"),
                 0);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM outbox o JOIN einvoices e\n"
                           "    ON e.order_uuid = o.order_uuid AND e.kind = 388\n"
                           "WHERE o.destination = 'backend'\n"
                           "    AND json_extract(o.payload, '$.zatca_qr') = e.qr\n"
                           "    AND json_extract(o.payload, '$.status') = 'paid'"),
                 5);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM outbox WHERE destination = 'kitchen'\n"
                           "    AND json_extract(payload, '$.zatca_qr') IS NOT NULL"),
                 0);
    for (unsigned i = 1; i <= 5; i++) {
        char uuid[37];
        fixture_uuid(i, uuid);
        ks_einvoice_row row;
        CHECK_EQ_INT(ks_einvoice_store_find(db, uuid, 388, &row), KS_DB_OK);
        CHECK_EQ_INT(row.icv, i);
        if (i == 1) { /* the chain starts from ZATCA's value (the SDK's PIH/pih.txt) */
            size_t len = 0;
            char *first = zatca_fixture_read("PIH/pih.txt", &len);
            CHECK(first);
            while (len > 0 && (first[len - 1] == '\n' || first[len - 1] == '\r'))
                first[--len] = '\0';
            bool same = strcmp(row.pih, first) == 0;
            free(first);
            CHECK(same);
        }
        CHECK_EQ_STR(row.uuid, uuid);
        char number[80];
        snprintf(number, sizeof number, "%s-%s-%u", cfg.store_id, cfg.kiosk_id, i);
        CHECK_EQ_STR(row.number, number);
        char *xml = NULL;
        size_t len = 0;
        CHECK_EQ_INT(ks_einvoice_store_xml(db, row.icv, &xml, &len), KS_DB_OK);
        char hash[KS_INVOICE_HASH_B64];
        bool verified = ks_einvoice_verify(xml, len, hash, why, sizeof why);
        free(xml);
        CHECK(verified);
        CHECK_EQ_STR(hash, row.hash);
        CHECK(report_matches(db, &row));
    }

    /* The receipt of order 2 carries its signed invoice's QR and time. */
    char uuid[37];
    fixture_uuid(2, uuid);
    ks_print_stored stored;
    CHECK_EQ_INT(ks_print_stored_load(db, uuid, KS_PRINT_RECEIPT, &stored), KS_DB_OK);
    ks_einvoice_row row;
    CHECK_EQ_INT(ks_einvoice_store_find(db, uuid, 388, &row), KS_DB_OK);
    CHECK_EQ_STR(stored.req.qr, row.qr);
    CHECK_EQ_STR(stored.req.invoice_number, row.number);
    CHECK_EQ_INT(stored.req.issued_at, row.issued_at);
    /* Printed, its QR reads back (zbarimg) as the signed invoice's: tags 1-9. */
    char fonts[4096], png[4096], read_back[1024];
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", check_source_dir());
    snprintf(png, sizeof png, "%s/receipt-2.png", check_tmp_dir());
    ks_print_renderer *renderer =
        ks_print_renderer_new(fonts, dev_printer_profile_default(), &cfg, KS_LANG_AR);
    dev_raster *raster = renderer ? ks_print_render_raster(renderer, &stored.req) : NULL;
    bool written = raster && dev_raster_write_png(raster, png);
    dev_raster_free(raster);
    ks_print_renderer_free(renderer);
    ks_print_stored_free(&stored);
    CHECK(written);
    CHECK(zbar_read(png, read_back, sizeof read_back));
    CHECK_EQ_STR(read_back, row.qr);

    /* A credit note for order 2 continues the chain and names the invoice. */
    ks_order *order = NULL;
    CHECK_EQ_INT(ks_order_store_load(db, uuid, &order), KS_DB_OK);
    CHECK_EQ_INT(ks_db_begin(db), KS_DB_OK);
    enum ks_db_error err = ks_einvoicing_issue_locked(e, db, order, KS_INVOICE_CREDIT_NOTE,
                                                      KS_PAYMENT_CARD, "returned", NOV24_UTC + 500);
    CHECK_EQ_INT(ks_db_end(db, err), KS_DB_OK);
    ks_order_free(order);
    ks_einvoice_row credit;
    CHECK_EQ_INT(ks_einvoice_store_find(db, uuid, 381, &credit), KS_DB_OK);
    CHECK_EQ_INT(credit.icv, 6);
    CHECK(strcmp(credit.uuid, uuid) != 0);
    CHECK_EQ_INT(ks_einvoice_store_check_chain(db, ks_einvoicing_first_pih(), &n, why, sizeof why),
                 KS_DB_OK);
    CHECK_EQ_INT(n, 6);
    char *xml = NULL;
    size_t len = 0;
    CHECK_EQ_INT(ks_einvoice_store_xml(db, credit.icv, &xml, &len), KS_DB_OK);
    CHECK_CONTAINS(xml, "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>"
                        "demo-riyadh-01-kiosk-01-2</cbc:ID>");
    free(xml);
    ks_db_close(db);
    ks_einvoicing_close(e);
}

/* Two refunds of one order: a credit note each, chained after the invoice, naming it. */
static void refunds_get_credit_notes(void)
{
    ks_einvoicing *e = open_einvoicing();
    ks_db *db = fresh_db("refunds.db");
    CHECK(e && db);
    CHECK_EQ_INT(pay_order(db, e, 1), KS_DB_OK);
    char uuid[37];
    fixture_uuid(1, uuid);
    static const char *const ids[] = {"5eed0000-0000-4000-8000-0000000000a1",
                                      "5eed0000-0000-4000-8000-0000000000a2"};
    /* One cola, then the fries and the water (0 %). */
    const ks_refund_pick cola[] = {{2, 1}}, more[] = {{1, 2}, {4, 1}};
    const ks_refund_request requests[] = {
        {ids[0], uuid, KS_REFUND_CASH, "cold drink", "staff-7", cola, 1, 0},
        {ids[1], uuid, KS_REFUND_CASH, "wrong order", "staff-7", more, 2, 0},
    };
    const ks_refund_ctx ctx = {.db = db, .einvoicing = e, .place = "test"};
    for (size_t i = 0; i < 2; i++) {
        ks_refund_row row;
        CHECK_EQ_INT(ks_refund_store_request(db, &requests[i], NOV24_UTC + 100, &row, NULL),
                     KS_DB_OK);
        ks_refund_result r;
        CHECK_EQ_INT(ks_refund_run(&ctx, ids[i], &r), KS_REFUND_GIVEN);
        ks_einvoice_row note;
        CHECK_EQ_INT(ks_einvoice_store_find_refund(db, ids[i], &note), KS_DB_OK);
        CHECK_EQ_INT(note.icv, (int64_t)i + 2);
        CHECK_EQ_INT(note.kind, 381);
        CHECK_EQ_STR(note.order_uuid, uuid);
        CHECK_EQ_STR(r.credit_note_qr, note.qr);
        char *xml = NULL;
        size_t len = 0;
        CHECK_EQ_INT(ks_einvoice_store_xml(db, note.icv, &xml, &len), KS_DB_OK);
        CHECK_CONTAINS(xml, ">381</cbc:InvoiceTypeCode>");
        char reference[200];
        snprintf(reference, sizeof reference,
                 "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>%s-%s-1</cbc:ID>",
                 cfg.store_id, cfg.kiosk_id);
        CHECK_CONTAINS(xml, reference);
        CHECK_CONTAINS(xml, requests[i].reason);
        CHECK_CONTAINS(xml, i == 0 ? "<cbc:PayableAmount currencyID=\"SAR\">6.00<"
                                   : "<cbc:PayableAmount currencyID=\"SAR\">11.00<");
        /* Only the lines given back: the cola in the first, not in the second. */
        CHECK((strstr(xml, "<cbc:Name>كولا</cbc:Name>") != NULL) == (i == 0));
        free(xml);
        /* Run again: no second credit note. */
        CHECK_EQ_INT(ks_refund_run(&ctx, ids[i], &r), KS_REFUND_GIVEN);
    }
    int64_t n = 0;
    char why[200];
    CHECK_EQ_INT(ks_einvoice_store_check_chain(db, ks_einvoicing_first_pih(), &n, why, sizeof why),
                 KS_DB_OK);
    CHECK_EQ_INT(n, 3);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM outbox WHERE destination = 'zatca'"), 3);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM outbox WHERE destination = 'backend_refund'"), 2);
    ks_db_close(db);
    ks_einvoicing_close(e);
}

static void unsigned_payment_rolls_back(void)
{
    ks_einvoicing *e = open_einvoicing();
    ks_db *db = fresh_db("rollback.db");
    CHECK(e && db);
    /* The invoice number the next document would take is held by a stored one (ICV 5). */
    CHECK_EQ_INT(pay_order(db, NULL, 1), KS_DB_OK);
    char held[37];
    fixture_uuid(1, held);
    char number[80];
    snprintf(number, sizeof number, "%s-%s-6", cfg.store_id, cfg.kiosk_id);
    const ks_einvoice_row row = {.icv = 5,
                                 .uuid = "5eed0000-0000-4000-8000-0000000000ff",
                                 .kind = 388,
                                 .issued_at = NOV24_UTC,
                                 .pih = "p",
                                 .hash = "h",
                                 .qr = "q",
                                 .xml = "<Invoice/>",
                                 .xml_len = 10};
    ks_einvoice_row r = row;
    snprintf(r.number, sizeof r.number, "%s", number);
    snprintf(r.order_uuid, sizeof r.order_uuid, "%s", held);
    CHECK_EQ_INT(ks_db_begin(db), KS_DB_OK);
    CHECK_EQ_INT(ks_db_end(db, ks_einvoice_store_insert(db, &r)), KS_DB_OK);

    CHECK_EQ_INT(pay_order(db, e, 2), KS_DB_ERR_CONSTRAINT);
    char uuid[37];
    fixture_uuid(2, uuid);
    enum ks_order_status status = KS_ORDER_PAID;
    CHECK_EQ_INT(ks_order_store_status(db, uuid, &status), KS_DB_OK);
    CHECK_EQ_INT(status, KS_ORDER_CREATED);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM outbox WHERE order_uuid = "
                           "'5eed0000-0000-4000-8000-000000000002'"),
                 0);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM einvoices"), 1);
    ks_db_close(db);
    ks_einvoicing_close(e);
}

static void open_refusals(void)
{
    CHECK(zatca_fixture_stamped_config(&cfg));
    char why[256] = "";
    char key[sizeof cfg.zatca_private_key];
    memcpy(key, cfg.zatca_private_key, sizeof key);
    cfg.zatca_private_key[0] = '\0';
    CHECK(!ks_einvoicing_open(&cfg, why, sizeof why));
    CHECK_CONTAINS(why, "go together");
    cfg.zatca_certificate[0] = '\0';
    snprintf(cfg.zatca_credentials, sizeof cfg.zatca_credentials, "%s/no-csid.json",
             check_tmp_dir());
    CHECK(!ks_einvoicing_open(&cfg, why, sizeof why));
    CHECK_EQ_STR(why, "");
    /* The key alone takes its certificate from the production CSID, which is not there. */
    memcpy(cfg.zatca_private_key, key, sizeof key);
    CHECK(!ks_einvoicing_open(&cfg, why, sizeof why));
    CHECK_CONTAINS(why, "needs the production CSID in");
}

static void child_pays(const char *path, unsigned first, int report_fd)
{
    ks_einvoicing *e = open_einvoicing();
    ks_db *db = e ? ks_db_open(path, NULL) : NULL;
    for (unsigned i = first; db && i < first + MAX_ORDERS; i++) {
        if (pay_order(db, e, i) != KS_DB_OK)
            _exit(3);
        if (write(report_fd, &i, sizeof i) != (ssize_t)sizeof i)
            _exit(4);
    }
    _exit(db ? 0 : 2);
}

/* Forks a payer from order first on; kills it at a random moment; the last order reported. */
static bool run_and_kill(const char *path, unsigned first, unsigned *seed, unsigned *last)
{
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    pid_t child = fork();
    if (child < 0)
        return false;
    if (child == 0) {
        close(fds[0]);
        child_pays(path, first, fds[1]);
    }
    close(fds[1]);
    unsigned value = 0;
    bool started = read(fds[0], &value, sizeof value) == (ssize_t)sizeof value;
    *last = value;
    usleep((useconds_t)(rand_r(seed) % MAX_KILL_DELAY_US));
    kill(child, SIGKILL);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR)
        ;
    while (read(fds[0], &value, sizeof value) == (ssize_t)sizeof value)
        *last = value;
    close(fds[0]);
    return started && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

/* Whole chain; orders first..last paid with one invoice and one report; nothing half-done. */
static void check_after_crash(const char *path, unsigned first, unsigned last)
{
    ks_db *db = ks_db_open(path, NULL);
    CHECK(db);
    int64_t n = 0;
    char why[200];
    CHECK_EQ_INT(ks_einvoice_store_check_chain(db, ks_einvoicing_first_pih(), &n, why, sizeof why),
                 KS_DB_OK);
    for (unsigned i = first; i <= last; i++) {
        char uuid[37];
        fixture_uuid(i, uuid);
        enum ks_order_status status = KS_ORDER_CREATED;
        CHECK_EQ_INT(ks_order_store_status(db, uuid, &status), KS_DB_OK);
        CHECK_EQ_INT(status, KS_ORDER_PAID);
    }
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM orders WHERE status = 'paid'"), n);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM orders o WHERE status = 'paid' AND (SELECT "
                           "count(*) FROM einvoices e WHERE e.order_uuid = o.uuid) != 1"),
                 0);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM einvoices e WHERE (SELECT count(*) FROM outbox "
                           "WHERE order_uuid = e.order_uuid AND destination = 'zatca') != 1"),
                 0);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM einvoices e JOIN orders o ON o.uuid = "
                           "e.order_uuid WHERE o.status != 'paid'"),
                 0);
    ks_db_close(db);
}

static void crash_rounds(void)
{
    CHECK(zatca_fixture_stamped_config(&cfg));
    unsigned seed = 20261203;
    for (int round = 0; round < CRASH_ROUNDS; round++) {
        char name[32], path[4096];
        snprintf(name, sizeof name, "crash-%d.db", round);
        fixture_fresh_db(check_tmp_dir(), name, path, sizeof path);
        ks_db *db = ks_db_open(path, NULL);
        CHECK(db);
        ks_db_close(db);
        unsigned last = 0;
        CHECK(run_and_kill(path, 1, &seed, &last));
        check_after_crash(path, 1, last);
        /* A second run after the crash carries on the same chain. */
        ks_db *again = ks_db_open(path, NULL);
        CHECK(again);
        int64_t stored = count(again, "SELECT count(*) FROM orders");
        ks_db_close(again);
        unsigned last2 = 0;
        CHECK(run_and_kill(path, (unsigned)stored + 1, &seed, &last2));
        check_after_crash(path, (unsigned)stored + 1, last2);
        fprintf(stderr, "  round %d: %u then %u orders paid before the kills\n", round, last,
                last2);
    }
}

static const struct check_case cases[] = {
    {"paid orders get one signed invoice each, chained", paid_orders_are_invoiced},
    {"refunds get a credit note each, in the chain", refunds_get_credit_notes},
    {"an invoice that cannot be signed leaves the order unpaid", unsigned_payment_rolls_back},
    {"a stamp needs both its certificate and its key", open_refusals},
    {"a crash at any moment leaves a whole chain", crash_rounds},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
