/*
 * Print jobs with guarantees: the print_jobs table (kiosk/store/print_store.c,
 * schema steps 5 and 6) and the print worker (kiosk/app/print_worker.c)
 * printing the demo order's receipt and kitchen ticket, and the day's
 * end-of-day summary, on an in-process simulated printer (sim://). A job is recorded printed only
 * when the printer confirmed it; a fault leaves it failed with its reason, and a reprint by job id
 * prints it.
 */
#include "devices/printer/printer.h"
#include "devices/printer/profile.h"
#include "devices/sim/printer_sim.h"
#include "kiosk/app/print_worker.h"
#include "kiosk/render/print_render.h"
#include "kiosk/render/receipt_demo.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/payment_store.h"
#include "kiosk/store/print_store.h"
#include "kiosk/store/report_store.h"
#include "tests/support/check.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NOW 1795523460 /* 2026-11-24 12:31 UTC, when the demo order was paid */

static ks_config cfg;

/* A fresh database file named for the case. */
static const char *fresh_db(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s.db", check_tmp_dir(), name);
    unlink(path);
    char side[4200];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    return path;
}

/*
 * Stores the demo order (numbered 1 in a fresh database), its approved mada
 * payment and marks it paid; its uuid is KS_RECEIPT_DEMO_UUID.
 */
static bool store_demo_order(ks_db *db)
{
    char err[256] = "";
    ks_order *order =
        ks_receipt_demo_order(check_path(check_source_dir(), "assets/menus/restaurant.json"), &cfg,
                              KS_LANG_AR, KS_RECEIPT_DEMO_LINES, err, sizeof err);
    int32_t number = 0;
    const ks_payment_terminal_info info = {
        .method = "mada", .masked_card = "484783******1234", .approval_code = "043817"};
    bool ok =
        order && ks_order_store_insert(db, order, 0, &number) == KS_DB_OK &&
        ks_payment_store_create(db, "sale-1", order->uuid, order->total, NOW - 30) == KS_DB_OK &&
        ks_payment_store_update(db, "sale-1", KS_PAYMENT_APPROVED, &info, NOW) == KS_DB_OK &&
        ks_order_store_mark_paid(db, order->uuid, NOW, NULL, 0) == KS_DB_OK;
    if (!order)
        fprintf(stderr, "  demo order: %s\n", err);
    ks_order_free(order);
    return ok;
}

static ks_db *open_with_order(const char *name)
{
    enum ks_db_error err;
    ks_db *db = ks_db_open(fresh_db(name), &err);
    if (db && !store_demo_order(db)) {
        ks_db_close(db);
        return NULL;
    }
    return db;
}

/* ---- the store --------------------------------------------------------------- */

static void test_names(void)
{
    enum ks_print_kind kind;
    enum ks_print_status status;
    CHECK_EQ_STR(ks_print_kind_name(KS_PRINT_KITCHEN), "kitchen");
    CHECK(ks_print_kind_parse("counter", &kind) && kind == KS_PRINT_COUNTER);
    CHECK(!ks_print_kind_parse("Receipt", &kind));
    CHECK_EQ_STR(ks_print_status_name(KS_PRINT_FAILED), "failed");
    CHECK(ks_print_status_parse("printing", &status) && status == KS_PRINT_PRINTING);
    CHECK(!ks_print_status_parse(NULL, &status));
    CHECK_EQ_STR(ks_print_kind_name((enum ks_print_kind)7), "invalid");
}

static void test_lifecycle(void)
{
    ks_db *db = open_with_order("lifecycle");
    CHECK(db);
    int64_t receipt = 0, kitchen = 0;
    CHECK_EQ_INT(ks_print_store_enqueue(db, KS_RECEIPT_DEMO_UUID, KS_PRINT_RECEIPT, NOW, &receipt),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_print_store_enqueue(db, KS_RECEIPT_DEMO_UUID, KS_PRINT_KITCHEN, NOW, &kitchen),
                 KS_DB_OK);
    CHECK(kitchen > receipt);

    /* Oldest first; claiming counts the attempt. */
    ks_print_job job;
    CHECK_EQ_INT(ks_print_store_claim_next(db, &job), KS_DB_OK);
    CHECK_EQ_INT(job.id, receipt);
    CHECK_EQ_INT(job.kind, KS_PRINT_RECEIPT);
    CHECK_EQ_INT(job.status, KS_PRINT_PRINTING);
    CHECK_EQ_INT(job.attempts, 1);
    CHECK_EQ_STR(job.order_uuid, KS_RECEIPT_DEMO_UUID);
    CHECK_EQ_INT(job.created_at, NOW);
    CHECK_EQ_INT(job.printed_at, 0);

    /* A failure keeps the reason; the order has no printed receipt. */
    CHECK_EQ_INT(ks_print_store_finish(db, receipt, false, "out of paper", NOW + 1), KS_DB_OK);
    CHECK_EQ_INT(ks_print_store_load(db, receipt, &job), KS_DB_OK);
    CHECK_EQ_INT(job.status, KS_PRINT_FAILED);
    CHECK_EQ_STR(job.last_error, "out of paper");
    bool printed = true;
    CHECK_EQ_INT(ks_print_store_order_printed(db, KS_RECEIPT_DEMO_UUID, KS_PRINT_RECEIPT, &printed),
                 KS_DB_OK);
    CHECK(!printed);
    /* Finishing twice is refused: the job is no longer printing. */
    CHECK_EQ_INT(ks_print_store_finish(db, receipt, true, NULL, NOW + 2),
                 KS_DB_ERR_ILLEGAL_TRANSITION);

    /* Oldest job first: the requeued receipt (its second attempt), then the ticket. */
    CHECK_EQ_INT(ks_print_store_requeue(db, receipt), KS_DB_OK);
    CHECK_EQ_INT(ks_print_store_claim_next(db, &job), KS_DB_OK);
    CHECK_EQ_INT(job.id, receipt);
    CHECK_EQ_INT(job.attempts, 2);
    CHECK_EQ_INT(ks_print_store_finish(db, receipt, true, "ignored", NOW + 4), KS_DB_OK);
    CHECK_EQ_INT(ks_print_store_claim_next(db, &job), KS_DB_OK);
    CHECK_EQ_INT(job.id, kitchen);
    CHECK_EQ_INT(job.attempts, 1);
    CHECK_EQ_INT(ks_print_store_finish(db, kitchen, true, NULL, NOW + 5), KS_DB_OK);
    CHECK_EQ_INT(ks_print_store_claim_next(db, &job), KS_DB_ERR_NOT_FOUND);

    CHECK_EQ_INT(ks_print_store_load(db, receipt, &job), KS_DB_OK);
    CHECK_EQ_INT(job.status, KS_PRINT_PRINTED);
    CHECK_EQ_INT(job.printed_at, NOW + 4);
    CHECK_EQ_STR(job.last_error, "");
    CHECK_EQ_INT(ks_print_store_order_printed(db, KS_RECEIPT_DEMO_UUID, KS_PRINT_RECEIPT, &printed),
                 KS_DB_OK);
    CHECK(printed);

    /* Another copy of a printed receipt: queued again, its first print still on record. */
    CHECK_EQ_INT(ks_print_store_requeue(db, receipt), KS_DB_OK);
    CHECK_EQ_INT(ks_print_store_requeue(db, receipt), KS_DB_OK); /* already queued: no change */
    CHECK_EQ_INT(ks_print_store_load(db, receipt, &job), KS_DB_OK);
    CHECK_EQ_INT(job.status, KS_PRINT_QUEUED);
    CHECK_EQ_INT(job.printed_at, NOW + 4);
    ks_db_close(db);
}

static void test_refusals(void)
{
    ks_db *db = open_with_order("refusals");
    CHECK(db);
    int64_t id = 0;
    CHECK_EQ_INT(ks_print_store_enqueue(db, "not-a-uuid", KS_PRINT_RECEIPT, NOW, &id),
                 KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_print_store_enqueue(db, KS_RECEIPT_DEMO_UUID, (enum ks_print_kind)4, NOW, &id),
                 KS_DB_ERR_INVALID);
    /* A summary is a day's, never an order's; and its day must be a date. */
    CHECK_EQ_INT(ks_print_store_enqueue(db, KS_RECEIPT_DEMO_UUID, KS_PRINT_SUMMARY, NOW, &id),
                 KS_DB_ERR_INVALID);
    static const char *const bad_days[] = {"", "2026-11-4", "2026/11/24", "2026-11-24x", "today"};
    for (size_t i = 0; i < sizeof bad_days / sizeof bad_days[0]; i++)
        CHECK_EQ_INT(ks_print_store_enqueue_summary(db, bad_days[i], NOW, &id), KS_DB_ERR_INVALID);
    CHECK_EQ_INT(ks_print_store_enqueue_summary(db, NULL, NOW, &id), KS_DB_ERR_INVALID);
    /* The schema holds the same rule, whoever writes. */
    ks_db_binder b =
        ks_db_bind(db, "INSERT INTO print_jobs (kind, status, created_at) VALUES (?, 'queued', 1)");
    ks_db_bind_text(&b, "summary");
    CHECK_EQ_INT(ks_db_exec(db, &b), KS_DB_ERR_CONSTRAINT);
    /* No such order: the foreign key refuses it. */
    CHECK_EQ_INT(ks_print_store_enqueue(db, "5eed0000-0000-4000-8000-0000000000ff",
                                        KS_PRINT_RECEIPT, NOW, &id),
                 KS_DB_ERR_CONSTRAINT);
    ks_print_job job;
    CHECK_EQ_INT(ks_print_store_load(db, 999, &job), KS_DB_ERR_NOT_FOUND);
    CHECK_EQ_INT(ks_print_store_requeue(db, 999), KS_DB_ERR_NOT_FOUND);
    CHECK_EQ_INT(ks_print_store_finish(db, 999, true, NULL, NOW), KS_DB_ERR_NOT_FOUND);
    /* A job being printed cannot be queued again under the printer's feet. */
    CHECK_EQ_INT(ks_print_store_enqueue(db, KS_RECEIPT_DEMO_UUID, KS_PRINT_RECEIPT, NOW, &id),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_print_store_claim_next(db, &job), KS_DB_OK);
    CHECK_EQ_INT(ks_print_store_requeue(db, id), KS_DB_ERR_ILLEGAL_TRANSITION);
    ks_db_close(db);
}

static void test_recover_and_list(void)
{
    ks_db *db = open_with_order("recover");
    CHECK(db);
    int64_t a = 0, b = 0, c = 0;
    CHECK_EQ_INT(ks_print_store_enqueue(db, KS_RECEIPT_DEMO_UUID, KS_PRINT_RECEIPT, NOW, &a),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_print_store_enqueue(db, KS_RECEIPT_DEMO_UUID, KS_PRINT_KITCHEN, NOW, &b),
                 KS_DB_OK);
    CHECK_EQ_INT(ks_print_store_enqueue(db, KS_RECEIPT_DEMO_UUID, KS_PRINT_COUNTER, NOW, &c),
                 KS_DB_OK);
    ks_print_job job;
    CHECK_EQ_INT(ks_print_store_claim_next(db, &job), KS_DB_OK); /* a: printed */
    CHECK_EQ_INT(ks_print_store_finish(db, a, true, NULL, NOW), KS_DB_OK);
    CHECK_EQ_INT(ks_print_store_claim_next(db, &job), KS_DB_OK); /* b: left printing by a "crash" */
    ks_db_close(db);

    enum ks_db_error err;
    db = ks_db_open(check_path(check_tmp_dir(), "recover.db"), &err);
    CHECK(db);
    size_t n = 0;
    CHECK_EQ_INT(ks_print_store_recover(db, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(ks_print_store_load(db, b, &job), KS_DB_OK);
    CHECK_EQ_INT(job.status, KS_PRINT_QUEUED);
    CHECK_CONTAINS(job.last_error, "restart");

    ks_print_job list[8];
    CHECK_EQ_INT(ks_print_store_list_unprinted(db, list, 8, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_INT(list[0].id, b);
    CHECK_EQ_INT(list[1].id, c);
    CHECK_EQ_INT(ks_print_store_list_unprinted(db, list, 1, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    ks_db_close(db);
}

static void test_payment_for_the_receipt(void)
{
    ks_db *db = open_with_order("payment");
    CHECK(db);
    ks_payment pay;
    CHECK_EQ_INT(ks_print_store_payment_of(db, KS_RECEIPT_DEMO_UUID, &pay), KS_DB_OK);
    CHECK_EQ_STR(pay.method, "mada");
    CHECK_EQ_STR(pay.approval_code, "043817");
    CHECK_EQ_INT(pay.amount, 8960);
    CHECK_EQ_INT(pay.updated_at, NOW);
    CHECK_EQ_INT(ks_print_store_payment_of(db, "5eed0000-0000-4000-8000-0000000000ff", &pay),
                 KS_DB_ERR_NOT_FOUND);

    /* What the worker will print from the database: that payment, at that time. */
    ks_print_stored stored;
    CHECK_EQ_INT(ks_print_stored_load(db, KS_RECEIPT_DEMO_UUID, KS_PRINT_RECEIPT, &stored),
                 KS_DB_OK);
    CHECK(stored.req.payment);
    CHECK_EQ_STR(stored.req.payment->masked_card, "484783******1234");
    CHECK_EQ_INT(stored.req.issued_at, NOW);
    CHECK_EQ_INT(stored.req.lang, KS_LANG_AR);
    ks_print_stored_free(&stored);
    CHECK_EQ_INT(ks_print_stored_load(db, KS_RECEIPT_DEMO_UUID, KS_PRINT_KITCHEN, &stored),
                 KS_DB_OK);
    CHECK(!stored.req.payment);
    ks_print_stored_free(&stored);
    ks_db_close(db);
}

/* ---- the worker --------------------------------------------------------------- */

struct notes {
    pthread_mutex_t lock;
    int count;
};

static void count_note(void *ctx)
{
    struct notes *n = ctx;
    pthread_mutex_lock(&n->lock);
    n->count++;
    pthread_mutex_unlock(&n->lock);
}

struct rig {
    const char *db_path;
    ks_db *db; /* the "UI thread's" connection */
    ks_print_renderer *renderer;
    ks_print_worker *worker;
    dev_printer_sim *sim; /* borrowed from the worker's printer: touched only between jobs */
    struct notes notes;
};

static bool rig_start(struct rig *rig, const char *name, const char *uri)
{
    memset(rig, 0, sizeof *rig);
    pthread_mutex_init(&rig->notes.lock, NULL);
    rig->db = open_with_order(name);
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s.db", check_tmp_dir(), name);
    rig->db_path = path;
    rig->renderer = ks_print_renderer_new(check_path(check_source_dir(), "assets/fonts"),
                                          dev_printer_profile_default(), &cfg, KS_LANG_AR);
    dev_printer *printer = dev_printer_new(uri, NULL, NULL);
    rig->sim = dev_printer_sim_of(printer);
    if (!rig->db || !rig->renderer || !printer) {
        dev_printer_free(printer);
        return false;
    }
    const ks_print_worker_config wc = {
        .db_path = rig->db_path,
        .printer = printer,
        .render = ks_print_render_stored,
        .render_ctx = rig->renderer,
        .notify = count_note,
        .notify_ctx = &rig->notes,
    };
    rig->worker = ks_print_worker_start(&wc);
    return rig->worker != NULL;
}

static void rig_stop(struct rig *rig)
{
    ks_print_worker_stop(rig->worker);
    ks_print_renderer_free(rig->renderer);
    ks_db_close(rig->db);
    pthread_mutex_destroy(&rig->notes.lock);
}

/* The raster the demo order's job of kind should print, from the same database. */
static dev_raster *expected_raster(struct rig *rig, enum ks_print_kind kind)
{
    ks_print_stored stored;
    if (ks_print_stored_load(rig->db, KS_RECEIPT_DEMO_UUID, kind, &stored) != KS_DB_OK)
        return NULL;
    dev_raster *raster = ks_print_render_raster(rig->renderer, &stored.req);
    ks_print_stored_free(&stored);
    return raster;
}

static void test_worker_prints_receipt_and_ticket(void)
{
    struct rig rig;
    CHECK(rig_start(&rig, "worker", "sim://"));
    int64_t receipt = 0, kitchen = 0;
    CHECK_EQ_INT(
        ks_print_store_enqueue(rig.db, KS_RECEIPT_DEMO_UUID, KS_PRINT_RECEIPT, NOW, &receipt),
        KS_DB_OK);
    CHECK_EQ_INT(
        ks_print_store_enqueue(rig.db, KS_RECEIPT_DEMO_UUID, KS_PRINT_KITCHEN, NOW, &kitchen),
        KS_DB_OK);
    ks_print_worker_wake(rig.worker);
    ks_print_result r1, r2;
    CHECK(ks_print_worker_wait(rig.worker, &r1, 20000));
    CHECK(ks_print_worker_wait(rig.worker, &r2, 20000));
    CHECK_EQ_INT(r1.job_id, receipt);
    CHECK(r1.printed);
    CHECK_EQ_INT(r1.error, DEV_PRINTER_OK);
    CHECK_EQ_STR(r1.message, "");
    CHECK_EQ_INT(r2.job_id, kitchen);
    CHECK_EQ_INT(r2.kind, KS_PRINT_KITCHEN);
    CHECK(r2.printed);
    CHECK(!ks_print_worker_poll(rig.worker, &r1));

    /* The worker is idle (its results are in): the simulator may be read. */
    dev_sim_job *paper_receipt = dev_printer_sim_take_job(rig.sim);
    dev_sim_job *paper_ticket = dev_printer_sim_take_job(rig.sim);
    dev_raster *want_receipt = expected_raster(&rig, KS_PRINT_RECEIPT);
    dev_raster *want_ticket = expected_raster(&rig, KS_PRINT_KITCHEN);
    bool same = paper_receipt && paper_ticket && want_receipt && want_ticket &&
                dev_raster_equal(paper_receipt->raster, want_receipt) &&
                dev_raster_equal(paper_ticket->raster, want_ticket);
    dev_sim_job_free(paper_receipt);
    dev_sim_job_free(paper_ticket);
    dev_raster_free(want_receipt);
    dev_raster_free(want_ticket);
    CHECK(same);

    ks_print_job job;
    CHECK_EQ_INT(ks_print_store_load(rig.db, receipt, &job), KS_DB_OK);
    CHECK_EQ_INT(job.status, KS_PRINT_PRINTED);
    CHECK(job.printed_at > 0);
    bool printed = false;
    CHECK_EQ_INT(
        ks_print_store_order_printed(rig.db, KS_RECEIPT_DEMO_UUID, KS_PRINT_KITCHEN, &printed),
        KS_DB_OK);
    CHECK(printed);
    pthread_mutex_lock(&rig.notes.lock);
    int notes = rig.notes.count;
    pthread_mutex_unlock(&rig.notes.lock);
    CHECK_EQ_INT(notes, 2);
    rig_stop(&rig);
}

/* The summary of the demo order's day as the worker prints it at `at`. */
static dev_raster *expected_summary(struct rig *rig, int64_t at)
{
    ks_day_report report;
    if (ks_report_day(rig->db, cfg.store_id, "2026-11-24", &report) != KS_DB_OK)
        return NULL;
    const ks_print_request req = {
        .kind = KS_PRINT_SUMMARY, .report = &report, .issued_at = at, .lang = cfg.language};
    return ks_print_render_raster(rig->renderer, &req);
}

static void test_worker_prints_summary(void)
{
    struct rig rig;
    CHECK(rig_start(&rig, "summary", "sim://"));
    int64_t id = 0;
    CHECK_EQ_INT(ks_print_store_enqueue_summary(rig.db, "2026-11-24", NOW, &id), KS_DB_OK);
    ks_print_job job;
    CHECK_EQ_INT(ks_print_store_load(rig.db, id, &job), KS_DB_OK);
    CHECK_EQ_INT(job.kind, KS_PRINT_SUMMARY);
    CHECK_EQ_STR(job.business_date, "2026-11-24");
    CHECK_EQ_STR(job.order_uuid, "");
    int64_t before = (int64_t)time(NULL);
    ks_print_worker_wake(rig.worker);
    ks_print_result r;
    CHECK(ks_print_worker_wait(rig.worker, &r, 20000));
    int64_t after = (int64_t)time(NULL);
    CHECK_EQ_INT(r.job_id, id);
    CHECK_EQ_INT(r.kind, KS_PRINT_SUMMARY);
    CHECK(r.printed);
    CHECK_EQ_STR(r.order_uuid, "");

    /*
     * The paper carries the day's figures (one order paid) at the time it
     * printed: the layout of the same report at the time before or after
     * the job (they differ only when a minute turned in between).
     */
    dev_sim_job *paper = dev_printer_sim_take_job(rig.sim);
    dev_raster *at_before = expected_summary(&rig, before);
    dev_raster *at_after = expected_summary(&rig, after);
    bool same =
        paper && at_before && at_after &&
        (dev_raster_equal(paper->raster, at_before) || dev_raster_equal(paper->raster, at_after));
    dev_sim_job_free(paper);
    dev_raster_free(at_before);
    dev_raster_free(at_after);
    CHECK(same);
    CHECK_EQ_INT(ks_print_store_load(rig.db, id, &job), KS_DB_OK);
    CHECK_EQ_INT(job.status, KS_PRINT_PRINTED);
    rig_stop(&rig);
}

static void test_worker_fault_then_reprint(void)
{
    struct rig rig;
    CHECK(rig_start(&rig, "fault", "sim://?fault=rows=300:paper-out"));
    int64_t receipt = 0;
    CHECK_EQ_INT(
        ks_print_store_enqueue(rig.db, KS_RECEIPT_DEMO_UUID, KS_PRINT_RECEIPT, NOW, &receipt),
        KS_DB_OK);
    ks_print_worker_wake(rig.worker);
    ks_print_result r;
    CHECK(ks_print_worker_wait(rig.worker, &r, 20000));
    CHECK_EQ_INT(r.job_id, receipt);
    CHECK(!r.printed);
    CHECK_EQ_INT(r.error, DEV_PRINTER_ERR_PAPER_OUT);
    CHECK_EQ_STR(r.message, "out of paper");

    /* Nothing is recorded as printed. */
    ks_print_job job;
    CHECK_EQ_INT(ks_print_store_load(rig.db, receipt, &job), KS_DB_OK);
    CHECK_EQ_INT(job.status, KS_PRINT_FAILED);
    CHECK_EQ_STR(job.last_error, "out of paper");
    CHECK_EQ_INT(job.printed_at, 0);
    bool printed = true;
    CHECK_EQ_INT(
        ks_print_store_order_printed(rig.db, KS_RECEIPT_DEMO_UUID, KS_PRINT_RECEIPT, &printed),
        KS_DB_OK);
    CHECK(!printed);
    dev_sim_job *torn = dev_printer_sim_take_job(rig.sim);
    CHECK(torn);
    CHECK_EQ_INT(torn->raster->height, 300);
    CHECK(torn->rows_lost > 0);
    dev_sim_job_free(torn);

    /* Staff load paper and press "reprint". */
    dev_printer_sim_apply(rig.sim, DEV_SIM_PAPER_OK);
    CHECK(ks_print_worker_reprint(rig.worker, receipt));
    CHECK(ks_print_worker_wait(rig.worker, &r, 20000));
    CHECK_EQ_INT(r.job_id, receipt);
    CHECK(r.printed);
    CHECK_EQ_INT(ks_print_store_load(rig.db, receipt, &job), KS_DB_OK);
    CHECK_EQ_INT(job.status, KS_PRINT_PRINTED);
    CHECK_EQ_INT(job.attempts, 2);
    dev_sim_job *whole = dev_printer_sim_take_job(rig.sim);
    dev_raster *want = expected_raster(&rig, KS_PRINT_RECEIPT);
    bool same = whole && want && dev_raster_equal(whole->raster, want);
    dev_sim_job_free(whole);
    dev_raster_free(want);
    CHECK(same);

    /* Reprinting a job that does not exist says so. */
    CHECK(ks_print_worker_reprint(rig.worker, 4242));
    CHECK(ks_print_worker_wait(rig.worker, &r, 20000));
    CHECK(!r.printed);
    CHECK_CONTAINS(r.message, "cannot reprint job 4242");
    rig_stop(&rig);
}

static void test_worker_mute_printer(void)
{
    struct rig rig;
    CHECK(rig_start(&rig, "mute", "sim://?fault=mute"));
    int64_t id = 0;
    CHECK_EQ_INT(ks_print_store_enqueue(rig.db, KS_RECEIPT_DEMO_UUID, KS_PRINT_KITCHEN, NOW, &id),
                 KS_DB_OK);
    ks_print_worker_wake(rig.worker);
    ks_print_result r;
    CHECK(ks_print_worker_wait(rig.worker, &r, 20000));
    CHECK(!r.printed);
    CHECK_EQ_INT(r.error, DEV_PRINTER_ERR_NO_ANSWER);
    /* Refused before a byte of the job was sent. */
    CHECK(dev_printer_sim_take_job(rig.sim) == NULL);
    rig_stop(&rig);
}

static bool failing_render(void *ctx, ks_db *db, const ks_print_job *job, dev_buffer *out,
                           char *why, size_t why_cap)
{
    (void)ctx, (void)db, (void)job, (void)out;
    snprintf(why, why_cap, "fonts missing");
    return false;
}

static void test_worker_render_failure_and_restart(void)
{
    ks_db *db = open_with_order("restart");
    CHECK(db);
    int64_t id = 0;
    CHECK_EQ_INT(ks_print_store_enqueue(db, KS_RECEIPT_DEMO_UUID, KS_PRINT_RECEIPT, NOW, &id),
                 KS_DB_OK);
    /* Queued before the worker starts (as after a restart): printed at start, no wake needed. */
    const ks_print_worker_config wc = {
        .db_path = check_path(check_tmp_dir(), "restart.db"),
        .printer = dev_printer_new("sim://", NULL, NULL),
        .render = failing_render,
    };
    ks_print_worker *w = ks_print_worker_start(&wc);
    CHECK(w);
    ks_print_result r;
    bool got = ks_print_worker_wait(w, &r, 20000);
    ks_print_worker_stop(w);
    CHECK(got);
    CHECK(!r.printed);
    CHECK_EQ_INT(r.error, DEV_PRINTER_OK);
    CHECK_EQ_STR(r.message, "cannot make the receipt: fonts missing");
    ks_print_job job;
    CHECK_EQ_INT(ks_print_store_load(db, id, &job), KS_DB_OK);
    CHECK_EQ_INT(job.status, KS_PRINT_FAILED);
    ks_db_close(db);
}

static void test_worker_refuses_bad_database(void)
{
    const ks_print_worker_config wc = {
        .db_path = "/nonexistent/folder/kiosk.db",
        .printer = dev_printer_new("sim://", NULL, NULL), /* freed by the failed start */
        .render = failing_render,
    };
    CHECK(ks_print_worker_start(&wc) == NULL);
    ks_print_worker_stop(NULL);
}

static const struct check_case cases[] = {
    {"names", test_names},
    {"lifecycle", test_lifecycle},
    {"refusals", test_refusals},
    {"recover and list", test_recover_and_list},
    {"payment for the receipt", test_payment_for_the_receipt},
    {"worker prints receipt and ticket", test_worker_prints_receipt_and_ticket},
    {"worker prints the end-of-day summary", test_worker_prints_summary},
    {"worker: fault, then reprint", test_worker_fault_then_reprint},
    {"worker: mute printer", test_worker_mute_printer},
    {"worker: render failure, jobs from before start", test_worker_render_failure_and_restart},
    {"worker refuses a bad database", test_worker_refuses_bad_database},
};

int main(int argc, char **argv)
{
    ks_config_defaults(&cfg);
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
