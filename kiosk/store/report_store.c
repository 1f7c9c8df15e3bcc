/* The end-of-day figures (see kiosk/store/report_store.h). */
#include "kiosk/store/report_store.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "kiosk/domain/order.h"

#define PAID_STATUSES "('paid', 'sent_to_kitchen', 'in_preparation', 'ready', 'collected')"

static const char sql_totals[] =
    "SELECT COUNT(*), COALESCE(SUM(total), 0), COALESCE(SUM(total_vat), 0),\n"
    "       COALESCE(SUM(discount), 0)\n"
    "FROM orders WHERE store_id = ? AND business_date = ? AND status IN " PAID_STATUSES;

static const char sql_cancelled[] =
    "SELECT COUNT(*) FROM orders\n"
    "WHERE store_id = ? AND business_date = ? AND status = 'cancelled'";

/* The refunds given back of the day's orders, and the orders they touched. */
static const char sql_refunds[] =
    "SELECT (SELECT COUNT(*) FROM orders WHERE store_id = ?1 AND business_date = ?2\n"
    "            AND status = 'refunded'),\n"
    "       (SELECT COUNT(DISTINCT o.uuid) FROM orders o JOIN refunds r ON r.order_uuid = o.uuid\n"
    "            AND r.status IN ('given_back', 'done')\n"
    "        WHERE o.store_id = ?1 AND o.business_date = ?2 AND o.status IN " PAID_STATUSES "),\n"
    "       COUNT(r.id), COALESCE(SUM(r.amount), 0)\n"
    "FROM refunds r JOIN orders o ON o.uuid = r.order_uuid\n"
    "WHERE o.store_id = ?1 AND o.business_date = ?2 AND r.status IN ('given_back', 'done')";

static const char sql_methods[] =
    "SELECT CASE WHEN p.sale_txn_id IS NULL THEN 'counter'\n"
    "            WHEN p.method = '' THEN 'card' ELSE p.method END AS m,\n"
    "       COUNT(*), SUM(o.total)\n"
    "FROM orders o LEFT JOIN payments p ON p.order_uuid = o.uuid AND p.status = 'approved'\n"
    "WHERE o.store_id = ? AND o.business_date = ? AND o.status IN " PAID_STATUSES "\n"
    "GROUP BY m ORDER BY m";

static enum ks_db_error read_totals(sqlite3_stmt *stmt, void *ctx)
{
    ks_day_report *out = ctx;
    out->orders = sqlite3_column_int64(stmt, 0);
    out->paid_total = sqlite3_column_int64(stmt, 1);
    out->vat_total = sqlite3_column_int64(stmt, 2);
    out->discount_total = sqlite3_column_int64(stmt, 3);
    return KS_DB_OK;
}

static enum ks_db_error read_refunds(sqlite3_stmt *stmt, void *ctx)
{
    ks_day_report *out = ctx;
    out->refunded_orders = sqlite3_column_int64(stmt, 0);
    out->partly_refunded = sqlite3_column_int64(stmt, 1);
    out->refunds = sqlite3_column_int64(stmt, 2);
    out->refunded_total = sqlite3_column_int64(stmt, 3);
    return KS_DB_OK;
}

static enum ks_db_error read_method(sqlite3_stmt *stmt, void *ctx)
{
    ks_day_report *out = ctx;
    ks_report_method *m;
    if (out->n_methods < KS_REPORT_MAX_METHODS) {
        m = &out->methods[out->n_methods++];
        if (!ks_db_column_copy(stmt, 0, m->method, sizeof m->method))
            snprintf(m->method, sizeof m->method, "%s", "other");
    } else {
        m = &out->methods[KS_REPORT_MAX_METHODS - 1];
        snprintf(m->method, sizeof m->method, "%s", "other");
    }
    m->orders += sqlite3_column_int64(stmt, 1);
    m->total += sqlite3_column_int64(stmt, 2);
    return KS_DB_OK;
}

enum ks_db_error ks_report_day(ks_db *db, const char *store_id, const char *business_date,
                               ks_day_report *out)
{
    *out = (ks_day_report){0};
    if (!ks_business_date_ok(business_date) || !ks_db_text_ok(store_id, 64))
        return KS_DB_ERR_INVALID;
    memcpy(out->business_date, business_date, sizeof out->business_date);
    /* One read transaction: the four queries see the same day. */
    enum ks_db_error err = ks_db_begin_read(db);
    if (err != KS_DB_OK)
        return err;
    ks_db_binder b = ks_db_bind(db, sql_totals);
    ks_db_bind_text(&b, store_id);
    ks_db_bind_text(&b, business_date);
    err = ks_db_query(db, &b, read_totals, out, NULL);
    if (err == KS_DB_OK) {
        b = ks_db_bind(db, sql_cancelled);
        ks_db_bind_text(&b, store_id);
        ks_db_bind_text(&b, business_date);
        err = ks_db_query_int(db, &b, &out->cancelled);
    }
    if (err == KS_DB_OK) {
        b = ks_db_bind(db, sql_refunds);
        ks_db_bind_text(&b, store_id);
        ks_db_bind_text(&b, business_date);
        err = ks_db_query(db, &b, read_refunds, out, NULL);
    }
    if (err == KS_DB_OK) {
        b = ks_db_bind(db, sql_methods);
        ks_db_bind_text(&b, store_id);
        ks_db_bind_text(&b, business_date);
        err = ks_db_query(db, &b, read_method, out, NULL);
    }
    err = ks_db_end(db, err);
    if (err != KS_DB_OK) {
        char date[sizeof out->business_date];
        memcpy(date, out->business_date, sizeof date);
        *out = (ks_day_report){0};
        memcpy(out->business_date, date, sizeof date);
    }
    return err;
}
