/*
 * The chain's e-invoice archive (kiosk/docs/backend-api.md, "E-invoice
 * archive"), end to end over real HTTP on loopback: a kiosk's database
 * signs invoices and a credit note with the SDK's test stamp (the kiosk's
 * own einvoicing and checkout), its delivery worker sends each document's
 * copy to the backend, and the backend keeps them byte for byte, lists
 * them, checks the device's chain link by link (whole, incomplete when an
 * ICV has not arrived, broken by a fork or a PIH that is not the hash
 * before) and hands one back as XML. A tampered document, another store's,
 * another document under a stored uuid and a malformed body are refused
 * with the member at fault; a repeat is a duplicate; only the back office
 * reads, a store manager only their own stores. An order's e-receipt is
 * numbered as its printed receipt: its signed invoice's number.
 *
 * Run once per store: `test_backend_einvoices` on SQLite files (ctest
 * unit.backend_einvoices), `test_backend_einvoices --pg` on the PostgreSQL
 * server of KIOSK_TEST_PG (unit.backend_einvoices_pg).
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_backend_session_fixture.h"

#include <jansson.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/app/checkout.h"
#include "kiosk/app/delivery.h"
#include "kiosk/app/einvoicing.h"
#include "kiosk/store/einvoice_store.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/outbox.h"
#include "tests/support/zatca_fixture.h"
#include "tests/unit/test_store_fixture.h"

#define MANAGER_TOKEN "mgr-Tz6Yx1Wc8Vb3Nm5Lk2Jh9Gf4"
#define OTHER_TOKEN "k9-Pq3Rs6Tu9Vw2Xy5Za8Bc1De4"
#define NOV24_UTC 1795478400 /* 2026-11-24 00:00 UTC */
#define DAY "2026-11-24"
#define WAIT_LIMIT_MS 60000

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run;
static ks_backend_config cfg;
static ks_config kiosk_cfg; /* the kiosks' (demo-riyadh-01), with the SDK's test stamp */

/*
 * A fresh backend: kiosk-01 (KITCHEN_TOKEN) bound to demo-riyadh-01, kiosk-09 bound to
 * jeddah-01; sami manages jeddah-01, aya audits.
 */
static bool start(const char *name)
{
    char ini[1024];
    snprintf(ini, sizeof ini,
             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN
             "\n[kiosks]\nkiosk-01 = " KITCHEN_TOKEN " demo-riyadh-01\n"
             "kiosk-09 = " OTHER_TOKEN " jeddah-01\n"
             "[receipts]\nseller_ar = مطعم الاختبار\nseller_en = Test Restaurant\n"
             "vat_number = 300000000000003\nfonts = %s/assets/fonts\n",
             check_source_dir());
    return backend_run_fresh(&run, &cfg, pg, name, ini) &&
           add_person_to(run.store, "sami", KS_ROLE_STORE_MANAGER, "jeddah-01", SAMI_PW) &&
           add_person_to(run.store, "aya", KS_ROLE_AUDITOR, NULL, AYA_PW);
}

static ks_einvoicing *open_einvoicing(void)
{
    return zatca_fixture_einvoicing(&kiosk_cfg);
}

/* A kiosk's fresh database called name, its path into path[4096]. */
static ks_db *kiosk_db(const char *name, char path[4096])
{
    fixture_fresh_db(check_tmp_dir(), name, path, 4096);
    return ks_db_open(path, NULL);
}

/* Stores order index and pays it (its invoice signed); KS_DB_OK when both worked. */
static enum ks_db_error pay_order(ks_db *db, const ks_einvoicing *e, unsigned index)
{
    ks_order *order = fixture_order(index, kiosk_cfg.store_id, NOV24_UTC + index * 60, 0);
    snprintf(order->kiosk_id, sizeof order->kiosk_id, "%s", kiosk_cfg.kiosk_id);
    snprintf(order->receipt_token, sizeof order->receipt_token, "%032x", index);
    int32_t number = 0;
    enum ks_db_error err = ks_order_store_insert(db, order, 0, &number);
    order->number = number;
    if (err == KS_DB_OK)
        err = ks_checkout_mark_paid(db, order, NOV24_UTC + index * 60 + 30, e, KS_PAYMENT_CARD,
                                    false);
    ks_order_free(order);
    return err;
}

/* Order index given back whole (its credit note signed, refund refund_id). */
static enum ks_db_error credit_order(ks_db *db, const ks_einvoicing *e, unsigned index,
                                     const char *refund_id)
{
    ks_order *order = fixture_order(index, kiosk_cfg.store_id, NOV24_UTC + index * 60, 0);
    enum ks_db_error err = ks_db_begin(db);
    if (err == KS_DB_OK)
        err = ks_db_end(db, ks_einvoicing_credit_note_locked(e, db, order, order, refund_id,
                                                             KS_PAYMENT_CASH, "customer returned",
                                                             NOV24_UTC + 3600));
    ks_order_free(order);
    return err;
}

/* Waits (WAIT_LIMIT_MS at most) until sql on the kiosk's file answers want. */
static bool wait_for(const char *path, const char *sql, int64_t want)
{
    return fixture_wait_sql(path, sql, want, WAIT_LIMIT_MS);
}

/* The archive's answer for the store's day (and device, "" every one) as JSON (json_decref). */
static json_t *listing(const char *store, const char *device, const char *token, long *status)
{
    char path[256];
    snprintf(path, sizeof path, "/v1/einvoices?store=%s&from=" DAY "&to=" DAY "%s%s", store,
             device[0] ? "&device=" : "", device);
    struct http_reply r;
    *status = call(run.base, "GET", path, NULL, NULL, token, NULL, &r);
    return json_loads(r.body, 0, NULL);
}

/* The chain of device in a listing, or NULL. */
static json_t *chain_of(json_t *listing, const char *device)
{
    size_t i;
    json_t *c;
    json_array_foreach (json_object_get(listing, "chains"), i, c)
        if (strcmp(json_string_value(json_object_get(c, "device_id")), device) == 0)
            return c;
    return NULL;
}

static json_int_t int_of(json_t *obj, const char *key)
{
    return json_integer_value(json_object_get(obj, key));
}

static const char *text_of(json_t *obj, const char *key)
{
    const char *text = json_string_value(json_object_get(obj, key));
    return text ? text : "";
}

/* The archive copy the kiosk queued for the document of ICV icv (malloc'd), or NULL. */
static char *queued_copy(ks_db *db, int64_t icv)
{
    ks_db_binder b =
        ks_db_bind(db, "SELECT id FROM outbox WHERE path = 'einvoices' AND document = ?");
    ks_db_bind_int(&b, icv);
    int64_t id = 0;
    char *payload = NULL;
    if (ks_db_query_int(db, &b, &id) == KS_DB_OK && ks_outbox_body(db, id, &payload) != KS_DB_OK)
        payload = NULL;
    return payload;
}

/* POSTs body to /v1/einvoices with token; the status, the reply in *r. */
static long post_copy(const char *token, const char *body, struct http_reply *r)
{
    return call(run.base, "POST", "/v1/einvoices", NULL, NULL, token, body, r);
}

static bool refused_as(const struct http_reply *r, const char *reason_part, const char *path)
{
    char reason[256], at[64];
    member(r->body, "error", reason, sizeof reason);
    member(r->body, "path", at, sizeof at);
    if (strstr(reason, reason_part) && strcmp(at, path) == 0)
        return true;
    fprintf(stderr, "  refused as %s\n", r->body);
    return false;
}

static void test_delivered_listed_checked(void)
{
    CHECK(start("einv_archive"));
    ks_einvoicing *e = open_einvoicing();
    char path[4096];
    ks_db *db = kiosk_db("kiosk.db", path);
    CHECK(e && db);
    for (unsigned i = 1; i <= 3; i++)
        CHECK_EQ_INT(pay_order(db, e, i), KS_DB_OK);
    CHECK_EQ_INT(credit_order(db, e, 2, "5eed0000-0000-4000-8000-0000000000c2"), KS_DB_OK);

    /* The kiosk's own delivery worker sends the orders and the copies. */
    char url[128];
    snprintf(url, sizeof url, "%s/v1/orders", run.base);
    ks_delivery *d = ks_delivery_start(&(ks_delivery_config){
        .db_path = path, .backend_url = url, .token = KITCHEN_TOKEN, .timeout_ms = 5000});
    CHECK(d);
    CHECK(wait_for(path,
                   "SELECT count(*) FROM outbox WHERE destination = 'backend' AND path = "
                   "'einvoices' AND delivered_at IS NOT NULL",
                   4));
    ks_delivery_stop(d);

    long status = 0;
    json_t *all = listing("demo-riyadh-01", "", MANAGER_TOKEN, &status);
    CHECK_EQ_INT(status, 200);
    json_t *chain = chain_of(all, "kiosk-01");
    CHECK(chain);
    CHECK_EQ_STR(text_of(chain, "status"), "whole");
    CHECK_EQ_INT(int_of(chain, "documents"), 4);
    CHECK_EQ_INT(int_of(chain, "first_icv"), 1);
    CHECK_EQ_INT(int_of(chain, "last_icv"), 4);
    CHECK_EQ_INT(int_of(chain, "missing") + int_of(chain, "forks") + int_of(chain, "breaks"), 0);
    /* Three invoices less the credit note of the second order. */
    int64_t paid = fixture_sql_int(path, "SELECT sum(total) FROM orders");
    int64_t second = fixture_sql_int(path, "SELECT total FROM orders WHERE number = 2");
    CHECK_EQ_INT(int_of(chain, "net_payable"), paid - second);

    /* Each document as the kiosk stored it: number, ICV, PIH, hash; the XML byte for byte. */
    json_t *docs = json_object_get(all, "documents");
    CHECK_EQ_INT(json_array_size(docs), 4);
    for (int64_t icv = 1; icv <= 4; icv++) {
        json_t *doc = json_array_get(docs, (size_t)icv - 1);
        ks_einvoice_row row;
        ks_db_binder b = ks_db_bind(db, "SELECT uuid FROM einvoices WHERE icv = ?");
        ks_db_bind_int(&b, icv);
        char uuid[37] = "";
        if (b.ok && sqlite3_step(b.stmt) == SQLITE_ROW)
            snprintf(uuid, sizeof uuid, "%s", (const char *)sqlite3_column_text(b.stmt, 0));
        sqlite3_reset(b.stmt);
        CHECK_EQ_STR(text_of(doc, "uuid"), uuid);
        CHECK_EQ_INT(int_of(doc, "icv"), icv);
        CHECK_EQ_INT(int_of(doc, "kind"), icv == 4 ? 381 : 388);
        CHECK_EQ_STR(text_of(doc, "device_id"), "kiosk-01");
        CHECK(ks_einvoice_store_find(db, text_of(doc, "order_uuid"), (int)int_of(doc, "kind"),
                                     &row) == KS_DB_OK ||
              ks_einvoice_store_find_refund(db, "5eed0000-0000-4000-8000-0000000000c2", &row) ==
                  KS_DB_OK);
        CHECK_EQ_STR(text_of(doc, "hash"), row.hash);
        CHECK_EQ_STR(text_of(doc, "pih"), row.pih);
        CHECK_EQ_STR(text_of(doc, "number"), row.number);
        char *xml = NULL;
        size_t len = 0;
        CHECK_EQ_INT(ks_einvoice_store_xml(db, icv, &xml, &len), KS_DB_OK);
        char xml_path[128];
        snprintf(xml_path, sizeof xml_path, "/v1/einvoices/%s?store=demo-riyadh-01", uuid);
        struct http_reply r;
        CHECK_EQ_INT(call(run.base, "GET", xml_path, NULL, NULL, MANAGER_TOKEN, NULL, &r), 200);
        CHECK_EQ_STR(r.type, "application/xml");
        CHECK(xml && r.len == len && memcmp(r.body, xml, len) == 0);
        free(xml);
    }
    json_decref(all);

    /* Order 1's e-receipt carries its signed invoice's number, as its printed receipt does,
     * not the order's own business date and number. */
    char order_uuid[37], receipt_path[64];
    fixture_uuid(1, order_uuid);
    snprintf(receipt_path, sizeof receipt_path, "/r/%032x", 1u);
    ks_einvoice_row invoice;
    CHECK_EQ_INT(ks_einvoice_store_find(db, order_uuid, 388, &invoice), KS_DB_OK);
    struct http_reply page;
    CHECK_EQ_INT(call(run.base, "GET", receipt_path, NULL, NULL, NULL, NULL, &page), 200);
    CHECK(strstr(page.body, invoice.number) != NULL);
    CHECK(strstr(page.body, "2026-11-24-1") == NULL);

    /* Sent again (a retry after a lost answer): a duplicate, nothing added. */
    char *copy = queued_copy(db, 1);
    struct http_reply r;
    CHECK(copy);
    CHECK_EQ_INT(post_copy(KITCHEN_TOKEN, copy, &r), 200);
    CHECK(strstr(r.body, "\"duplicate\""));
    free(copy);
    all = listing("demo-riyadh-01", "kiosk-01", MANAGER_TOKEN, &status);
    CHECK_EQ_INT(json_array_size(json_object_get(all, "documents")), 4);
    json_decref(all);
    /* Another day lists no document; the chain is the device's whole chain still. */
    CHECK_EQ_INT(call(run.base, "GET",
                      "/v1/einvoices?store=demo-riyadh-01&from=2026-11-25&to=2026-11-30", NULL,
                      NULL, MANAGER_TOKEN, NULL, &r),
                 200);
    all = json_loads(r.body, 0, NULL);
    CHECK_EQ_INT(json_array_size(json_object_get(all, "documents")), 0);
    CHECK_EQ_INT(int_of(chain_of(all, "kiosk-01"), "documents"), 4);
    json_decref(all);

    ks_db_close(db);
    ks_einvoicing_close(e);
    backend_run_stop(&run);
}

/* POSTs the copy of ICV icv queued in db with token; the status. */
static long send_icv(ks_db *db, int64_t icv, const char *token)
{
    char *copy = queued_copy(db, icv);
    struct http_reply r;
    long status = copy ? post_copy(token, copy, &r) : 0;
    free(copy);
    return status;
}

static void test_chain_gaps_forks_breaks(void)
{
    CHECK(start("einv_chain"));
    ks_einvoicing *e = open_einvoicing();
    char path_a[4096], path_b[4096];
    ks_db *a = kiosk_db("chain-a.db", path_a);
    ks_db *b = kiosk_db("chain-b.db", path_b);
    CHECK(e && a && b);
    for (unsigned i = 1; i <= 4; i++)
        CHECK_EQ_INT(pay_order(a, e, i), KS_DB_OK);
    /* A second chain under the same device id (a restored or cloned database): other orders. */
    for (unsigned i = 11; i <= 13; i++)
        CHECK_EQ_INT(pay_order(b, e, i), KS_DB_OK);

    CHECK_EQ_INT(send_icv(a, 1, KITCHEN_TOKEN), 201);
    CHECK_EQ_INT(send_icv(a, 2, KITCHEN_TOKEN), 201);
    CHECK_EQ_INT(send_icv(a, 4, KITCHEN_TOKEN), 201);
    long status = 0;
    json_t *all = listing("demo-riyadh-01", "", MANAGER_TOKEN, &status);
    json_t *chain = chain_of(all, "kiosk-01");
    CHECK_EQ_STR(text_of(chain, "status"), "incomplete");
    CHECK_EQ_INT(int_of(chain, "missing"), 1);
    CHECK_EQ_INT(int_of(chain, "first_missing"), 3);
    CHECK_EQ_INT(int_of(chain, "breaks"), 0);
    json_decref(all);

    CHECK_EQ_INT(send_icv(a, 3, KITCHEN_TOKEN), 201);
    all = listing("demo-riyadh-01", "", MANAGER_TOKEN, &status);
    CHECK_EQ_STR(text_of(chain_of(all, "kiosk-01"), "status"), "whole");
    json_decref(all);

    /* The other database's ICV 3 after this one's 2 would not link; its ICV 1 is a fork. */
    CHECK_EQ_INT(send_icv(b, 1, KITCHEN_TOKEN), 201);
    all = listing("demo-riyadh-01", "", MANAGER_TOKEN, &status);
    chain = chain_of(all, "kiosk-01");
    CHECK_EQ_STR(text_of(chain, "status"), "broken");
    CHECK_EQ_INT(int_of(chain, "forks"), 1);
    CHECK_EQ_INT(int_of(chain, "first_break"), 1);
    CHECK_EQ_INT(int_of(chain, "documents"), 5);
    json_decref(all);

    /* A chain with only the other database's ICV 2 after this one's 1: a PIH that breaks. */
    backend_run_stop(&run);
    CHECK(start("einv_break"));
    CHECK_EQ_INT(send_icv(a, 1, KITCHEN_TOKEN), 201);
    CHECK_EQ_INT(send_icv(b, 2, KITCHEN_TOKEN), 201);
    all = listing("demo-riyadh-01", "", MANAGER_TOKEN, &status);
    chain = chain_of(all, "kiosk-01");
    CHECK_EQ_STR(text_of(chain, "status"), "broken");
    CHECK_EQ_INT(int_of(chain, "breaks"), 1);
    CHECK_EQ_INT(int_of(chain, "first_break"), 2);
    CHECK_EQ_INT(int_of(chain, "forks"), 0);
    json_decref(all);

    ks_db_close(a);
    ks_db_close(b);
    ks_einvoicing_close(e);
    backend_run_stop(&run);
}

/* body with the first occurrence of from replaced by to (malloc'd). */
static char *replaced(const char *body, const char *from, const char *to)
{
    const char *at = strstr(body, from);
    if (!at)
        return NULL;
    size_t head = (size_t)(at - body), n = strlen(body) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%.*s%s%s", (int)head, body, to, at + strlen(from));
    return out;
}

static void test_refused(void)
{
    CHECK(start("einv_refused"));
    ks_einvoicing *e = open_einvoicing();
    char path[4096], other_path[4096];
    ks_db *db = kiosk_db("refused.db", path);
    ks_db *other = kiosk_db("refused-other.db", other_path);
    CHECK(e && db && other);
    CHECK_EQ_INT(pay_order(db, e, 1), KS_DB_OK);
    CHECK_EQ_INT(pay_order(db, e, 2), KS_DB_OK);
    /* Order 1 again elsewhere, after another: the same uuid, signed at ICV 2 (another hash). */
    CHECK_EQ_INT(pay_order(other, e, 2), KS_DB_OK);
    CHECK_EQ_INT(pay_order(other, e, 1), KS_DB_OK);
    char *copy = queued_copy(db, 1);
    CHECK(copy);
    struct http_reply r;

    /* The amount to pay changed after signing: the hash no longer matches. */
    char *tampered = copy ? replaced(copy, "PayableAmount currencyID=\\\"SAR\\\">",
                                     "PayableAmount currencyID=\\\"SAR\\\">1")
                          : NULL;
    CHECK(tampered);
    CHECK_EQ_INT(post_copy(KITCHEN_TOKEN, tampered, &r), 422);
    CHECK(refused_as(&r, "does not match", "xml"));
    free(tampered);
    /* Another store's kiosk, or this kiosk naming another store. */
    CHECK_EQ_INT(post_copy(OTHER_TOKEN, copy, &r), 403);
    char *elsewhere = copy ? replaced(copy, "demo-riyadh-01\"", "jeddah-01\"") : NULL;
    CHECK_EQ_INT(post_copy(KITCHEN_TOKEN, elsewhere, &r), 403);
    CHECK(refused_as(&r, "another store", "store_id"));
    free(elsewhere);
    /* An invoice is its order's: another order's uuid beside it. */
    char *mismatch = copy ? replaced(copy, "\"order_uuid\":\"5eed", "\"order_uuid\":\"6eed") : NULL;
    CHECK_EQ_INT(post_copy(KITCHEN_TOKEN, mismatch, &r), 422);
    CHECK(refused_as(&r, "its order's", "order_uuid"));
    free(mismatch);
    /* Malformed bodies name the member at fault. */
    CHECK_EQ_INT(post_copy(KITCHEN_TOKEN, "{\"store_id\":\"demo-riyadh-01\"}", &r), 400);
    CHECK(refused_as(&r, "missing member \"order_uuid\"", ""));
    CHECK_EQ_INT(post_copy(KITCHEN_TOKEN,
                           "{\"store_id\":\"demo-riyadh-01\",\"order_uuid\":"
                           "\"5eed0000-0000-4000-8000-000000000001\",\"xml\":\"<Invoice/>\"}",
                           &r),
                 422);
    CHECK(refused_as(&r, "", "xml"));
    /* Archived, then other bytes under its uuid (the other database's invoice of order 1). */
    CHECK_EQ_INT(post_copy(KITCHEN_TOKEN, copy, &r), 201);
    CHECK(strstr(r.body, "\"archived\""));
    CHECK_EQ_INT(send_icv(other, 2, KITCHEN_TOKEN), 422);
    free(copy);

    /* Who reads: the back office only; a store manager names their own store. */
    long status = 0;
    json_decref(listing("demo-riyadh-01", "", KITCHEN_TOKEN, &status));
    CHECK_EQ_INT(status, 403);
    struct session aya, sami;
    CHECK_EQ_INT(login_at(run.base, "aya", AYA_PW, &aya, &r), 200);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/einvoices?store=demo-riyadh-01&from=" DAY "&to=" DAY,
                      aya.id, NULL, NULL, NULL, &r),
                 200);
    CHECK_EQ_INT(login_at(run.base, "sami", SAMI_PW, &sami, &r), 200);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/einvoices?store=demo-riyadh-01&from=" DAY "&to=" DAY,
                      sami.id, NULL, NULL, NULL, &r),
                 403);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/einvoices?store=jeddah-01&from=" DAY "&to=" DAY,
                      sami.id, NULL, NULL, NULL, &r),
                 200);
    CHECK_EQ_INT(call(run.base, "GET",
                      "/v1/einvoices/5eed0000-0000-4000-8000-000000000001?store=jeddah-01", sami.id,
                      NULL, NULL, NULL, &r),
                 404);
    CHECK_EQ_INT(call(run.base, "GET", "/v1/einvoices?store=demo-riyadh-01&from=" DAY, NULL, NULL,
                      MANAGER_TOKEN, NULL, &r),
                 400);
    CHECK(refused_as(&r, "", "to"));
    CHECK_EQ_INT(call(run.base, "GET",
                      "/v1/einvoices?store=demo-riyadh-01&from=" DAY "&to=" DAY "&limit=1001", NULL,
                      NULL, MANAGER_TOKEN, NULL, &r),
                 400);
    CHECK(refused_as(&r, "1 to 1000", "limit"));

    ks_db_close(db);
    ks_db_close(other);
    ks_einvoicing_close(e);
    backend_run_stop(&run);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"delivered by the kiosk, listed, checked, handed back", test_delivered_listed_checked},
        {"a chain with a gap, a fork, a break", test_chain_gaps_forks_breaks},
        {"refusals and who reads", test_refused},
    };
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 0, &pg);
}
