/* Removing what is old and safely elsewhere: see kiosk/store/retention_store.h. */
#define LOG_TAG "retention_store"
#include "kiosk/store/retention_store.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/common/log.h"

static const char sql_batch_table[] =
    "CREATE TEMP TABLE IF NOT EXISTS prune_orders (uuid TEXT NOT NULL PRIMARY KEY)";
static const char sql_messages_table[] =
    "CREATE TEMP TABLE IF NOT EXISTS prune_messages (id INTEGER NOT NULL PRIMARY KEY)";
static const char sql_batch_clear[] = "DELETE FROM temp.prune_orders";
static const char sql_messages_clear[] = "DELETE FROM temp.prune_messages";

/*
 * The next orders to remove after the cursor (?1, ?2), oldest first: older
 * than ?3 (the period) and ?4 (the refund window), each rule of the header.
 */
static const char sql_pick_orders[] =
    "INSERT INTO temp.prune_orders (uuid)\n"
    "SELECT o.uuid FROM orders o\n"
    "WHERE o.created_at >= ?1 AND (o.created_at > ?1 OR o.uuid > ?2)\n"
    "    AND o.created_at < ?3 AND o.created_at < ?4\n"
    "    AND NOT EXISTS (SELECT 1 FROM outbox m\n"
    "                    WHERE m.order_uuid = o.uuid AND m.delivered_at IS NULL)\n"
    "    AND NOT EXISTS (SELECT 1 FROM payments p\n"
    "                    WHERE p.order_uuid = o.uuid AND p.status IN ('pending', 'unknown'))\n"
    "    AND NOT EXISTS (SELECT 1 FROM print_jobs j\n"
    "                    WHERE j.order_uuid = o.uuid AND j.status IN ('queued', 'printing'))\n"
    "    AND NOT EXISTS (SELECT 1 FROM refunds r\n"
    "                    WHERE r.order_uuid = o.uuid AND r.status IN ('requested', 'given_back'))\n"
    "    AND NOT EXISTS (SELECT 1 FROM office_refunds q\n"
    "                    WHERE q.order_uuid = o.uuid AND q.status = 'open')\n"
    "    AND o.uuid IS NOT (SELECT e.order_uuid FROM einvoices e ORDER BY e.icv DESC LIMIT 1)\n"
    "    AND NOT EXISTS (SELECT 1 FROM einvoices e WHERE e.order_uuid = o.uuid\n"
    "                    AND NOT EXISTS (SELECT 1 FROM outbox c WHERE c.document = e.icv\n"
    "                                    AND c.destination = 'backend' AND c.path = 'einvoices'\n"
    "                                    AND c.delivered_at IS NOT NULL))\n"
    "ORDER BY o.created_at, o.uuid\n"
    "LIMIT ?5";
static const char sql_cursor[] =
    "SELECT o.created_at, o.uuid FROM orders o JOIN temp.prune_orders b ON b.uuid = o.uuid\n"
    "ORDER BY o.created_at DESC, o.uuid DESC LIMIT 1";
static const char sql_has_reports[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'zatca_reports'";

/* The removal of a batch of orders, children first (the foreign keys), in this order. */
static const char *const sql_remove_orders[] = {
    "DELETE FROM outbox WHERE order_uuid IN (SELECT uuid FROM temp.prune_orders)",
    "DELETE FROM print_jobs WHERE order_uuid IN (SELECT uuid FROM temp.prune_orders)",
    "DELETE FROM refund_lines WHERE refund_id IN\n"
    "    (SELECT id FROM refunds WHERE order_uuid IN (SELECT uuid FROM temp.prune_orders))",
    "UPDATE retention SET pruned_icv = max(pruned_icv, coalesce((SELECT max(icv) FROM einvoices\n"
    "    WHERE order_uuid IN (SELECT uuid FROM temp.prune_orders)), 0))",
    "DELETE FROM einvoices WHERE order_uuid IN (SELECT uuid FROM temp.prune_orders)",
    "DELETE FROM refunds WHERE order_uuid IN (SELECT uuid FROM temp.prune_orders)",
    "DELETE FROM payments WHERE order_uuid IN (SELECT uuid FROM temp.prune_orders)",
    "DELETE FROM office_refunds WHERE order_uuid IN (SELECT uuid FROM temp.prune_orders)",
    "DELETE FROM orders WHERE uuid IN (SELECT uuid FROM temp.prune_orders)",
};
/* Indexes into sql_remove_orders of the statements whose changes are counted. */
enum { REMOVE_MESSAGES = 0, REMOVE_DOCUMENTS = 4, REMOVE_ORDERS = 8 };
static const char sql_reports_of_orders[] =
    "DELETE FROM zatca_reports WHERE order_uuid IN (SELECT uuid FROM temp.prune_orders)";

static const char sql_pick_messages[] =
    "INSERT INTO temp.prune_messages (id)\n"
    "SELECT id FROM outbox WHERE delivered_at IS NOT NULL AND created_at < ?\n"
    "    AND document IS NULL\n"
    "ORDER BY created_at LIMIT ?";
static const char sql_reports_of_messages[] =
    "DELETE FROM zatca_reports WHERE outbox_id IN (SELECT id FROM temp.prune_messages)";
static const char sql_remove_messages[] =
    "DELETE FROM outbox WHERE id IN (SELECT id FROM temp.prune_messages)";
/* A day's order counter is never used again once the day is past the period (a day's margin). */
static const char sql_remove_counters[] =
    "DELETE FROM order_counters WHERE business_date < date(?, 'unixepoch', '-1 day')";

static const char sql_record[] =
    "UPDATE retention SET orders = orders + ?, documents = documents + ?,\n"
    "    messages = messages + ?, last_run_at = ?";
static const char sql_totals[] =
    "SELECT orders, documents, messages, last_run_at, pruned_icv FROM retention";

void ks_retention_pass_init(ks_retention_pass *pass, int64_t now, int64_t keep_s, int64_t refund_s)
{
    memset(pass, 0, sizeof *pass);
    pass->now = now;
    pass->keep_s = keep_s;
    pass->refund_s = refund_s;
    pass->after_created_at = INT64_MIN;
}

static enum ks_db_error run(ks_db *db, const char *sql)
{
    ks_db_binder b = ks_db_bind(db, sql);
    return ks_db_exec(db, &b);
}

static enum ks_db_error read_cursor(sqlite3_stmt *stmt, void *ctx)
{
    ks_retention_pass *pass = ctx;
    pass->after_created_at = sqlite3_column_int64(stmt, 0);
    return ks_db_column_copy(stmt, 1, pass->after_uuid, sizeof pass->after_uuid)
               ? KS_DB_OK
               : KS_DB_ERR_CORRUPT;
}

/* Whether ZATCA's answers are kept in this file (the delivery worker makes their table). */
static enum ks_db_error has_reports(ks_db *db, bool *has)
{
    int64_t n = 0;
    ks_db_binder b = ks_db_bind(db, sql_has_reports);
    enum ks_db_error err = ks_db_query_int(db, &b, &n);
    *has = n > 0;
    return err;
}

/* Empties the batch's temporary table, then runs the bound pick that fills it: *picked rows. */
static enum ks_db_error pick(ks_db *db, const char *sql_clear, ks_db_binder *b, size_t *picked)
{
    enum ks_db_error err = run(db, sql_clear);
    if (err == KS_DB_OK)
        err = ks_db_exec(db, b);
    else
        sqlite3_reset(b->stmt);
    *picked = err == KS_DB_OK ? (size_t)ks_db_changes(db) : 0;
    return err;
}

/* Inside the transaction: the next batch of orders and all about them. */
static enum ks_db_error prune_orders(ks_db *db, ks_retention_pass *pass, size_t max,
                                     ks_retention_counts *step)
{
    ks_db_binder b = ks_db_bind(db, sql_pick_orders);
    ks_db_bind_int(&b, pass->after_created_at);
    ks_db_bind_text(&b, pass->after_uuid);
    ks_db_bind_int(&b, pass->now - pass->keep_s);
    ks_db_bind_int(&b, pass->now - pass->refund_s);
    ks_db_bind_int(&b, (int64_t)max);
    size_t picked = 0;
    enum ks_db_error err = pick(db, sql_batch_clear, &b, &picked);
    if (err != KS_DB_OK || picked == 0) {
        pass->orders_done = err == KS_DB_OK;
        return err;
    }
    b = ks_db_bind(db, sql_cursor);
    err = ks_db_query(db, &b, read_cursor, pass, NULL);
    bool reports = false;
    if (err == KS_DB_OK)
        err = has_reports(db, &reports);
    if (err == KS_DB_OK && reports)
        err = run(db, sql_reports_of_orders);
    for (size_t i = 0; err == KS_DB_OK && i < sizeof sql_remove_orders / sizeof *sql_remove_orders;
         i++) {
        err = run(db, sql_remove_orders[i]);
        int64_t changed = err == KS_DB_OK ? ks_db_changes(db) : 0;
        if (i == REMOVE_MESSAGES)
            step->messages += changed;
        else if (i == REMOVE_DOCUMENTS)
            step->documents += changed;
        else if (i == REMOVE_ORDERS)
            step->orders += changed;
    }
    if (err == KS_DB_OK && picked < max)
        pass->orders_done = true;
    return err;
}

/* Inside the transaction: the next batch of delivered messages past the period. */
static enum ks_db_error prune_messages(ks_db *db, ks_retention_pass *pass, size_t max,
                                       ks_retention_counts *step)
{
    ks_db_binder b = ks_db_bind(db, sql_pick_messages);
    ks_db_bind_int(&b, pass->now - pass->keep_s);
    ks_db_bind_int(&b, (int64_t)max);
    size_t picked = 0;
    enum ks_db_error err = pick(db, sql_messages_clear, &b, &picked);
    bool reports = false;
    if (err == KS_DB_OK && picked > 0)
        err = has_reports(db, &reports);
    if (err == KS_DB_OK && reports)
        err = run(db, sql_reports_of_messages);
    if (err == KS_DB_OK && picked > 0) {
        err = run(db, sql_remove_messages);
        step->messages += err == KS_DB_OK ? ks_db_changes(db) : 0;
    }
    if (err == KS_DB_OK && picked < max) {
        b = ks_db_bind(db, sql_remove_counters);
        ks_db_bind_int(&b, pass->now - pass->keep_s);
        err = ks_db_exec(db, &b);
        pass->done = err == KS_DB_OK;
    }
    return err;
}

enum ks_db_error ks_retention_step(ks_db *db, ks_retention_pass *pass, size_t max)
{
    if (pass->done)
        return KS_DB_OK;
    if (max == 0 || max > INT32_MAX || pass->keep_s < 0 || pass->refund_s < 0)
        return KS_DB_ERR_INVALID;
    ks_retention_counts step = {0};
    ks_retention_pass before = *pass;
    /* the batches' tables are this connection's: made before a statement naming them is */
    enum ks_db_error err = run(db, sql_batch_table);
    if (err == KS_DB_OK)
        err = run(db, sql_messages_table);
    if (err == KS_DB_OK)
        err = ks_db_begin(db);
    if (err != KS_DB_OK)
        return err;
    err = pass->orders_done ? prune_messages(db, pass, max, &step)
                            : prune_orders(db, pass, max, &step);
    ks_db_binder b = ks_db_bind(db, sql_record);
    ks_db_bind_int(&b, step.orders);
    ks_db_bind_int(&b, step.documents);
    ks_db_bind_int(&b, step.messages);
    ks_db_bind_int(&b, pass->now);
    if (err == KS_DB_OK)
        err = ks_db_exec(db, &b);
    err = ks_db_end(db, err);
    if (err != KS_DB_OK) { /* rolled back: the pass stands where it stood */
        *pass = before;
        return err;
    }
    pass->removed.orders += step.orders;
    pass->removed.documents += step.documents;
    pass->removed.messages += step.messages;
    return KS_DB_OK;
}

enum ks_db_error ks_retention_prune(ks_db *db, int64_t now, int64_t keep_s, int64_t refund_s,
                                    size_t max, ks_retention_counts *out)
{
    ks_retention_pass pass;
    ks_retention_pass_init(&pass, now, keep_s, refund_s);
    enum ks_db_error err = KS_DB_OK;
    while (err == KS_DB_OK && !pass.done)
        err = ks_retention_step(db, &pass, max);
    *out = pass.removed;
    return err;
}

struct totals {
    ks_retention_counts *total;
    int64_t *last_run_at, *pruned_icv;
};

static enum ks_db_error read_totals(sqlite3_stmt *stmt, void *ctx)
{
    struct totals *t = ctx;
    t->total->orders = sqlite3_column_int64(stmt, 0);
    t->total->documents = sqlite3_column_int64(stmt, 1);
    t->total->messages = sqlite3_column_int64(stmt, 2);
    *t->last_run_at = sqlite3_column_int64(stmt, 3);
    *t->pruned_icv = sqlite3_column_int64(stmt, 4);
    return KS_DB_OK;
}

enum ks_db_error ks_retention_totals(ks_db *db, ks_retention_counts *total, int64_t *last_run_at,
                                     int64_t *pruned_icv)
{
    *total = (ks_retention_counts){0};
    *last_run_at = *pruned_icv = 0;
    struct totals t = {total, last_run_at, pruned_icv};
    size_t rows = 0;
    ks_db_binder b = ks_db_bind(db, sql_totals);
    enum ks_db_error err = ks_db_query(db, &b, read_totals, &t, &rows);
    return err == KS_DB_OK && rows != 1 ? KS_DB_ERR_CORRUPT : err;
}
