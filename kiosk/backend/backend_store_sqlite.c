/*
 * The backend store's SQLite driver (backend_store_driver.h): one file
 * opened through kiosk/store/db.h (WAL, synchronous=FULL, quick_check,
 * statement cache), the be_* tables kept by kiosk/store/own_schema.h.
 */
#define LOG_TAG "backend_sqlite"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_people_sql.h"
#include "kiosk/backend/backend_channel_sql.h"
#include "kiosk/backend/backend_cost_sql.h"
#include "kiosk/backend/backend_device_sql.h"
#include "kiosk/backend/backend_einvoice_sql.h"
#include "kiosk/backend/backend_order_view_sql.h"
#include "kiosk/backend/backend_price_sql.h"
#include "kiosk/backend/backend_summary_sql.h"
#include "kiosk/backend/backend_kitchen_sql.h"
#include "kiosk/backend/backend_refund_request_sql.h"
#include "kiosk/backend/backend_reservation_sql.h"
#include "kiosk/backend/backend_staff_action_sql.h"
#include "kiosk/backend/backend_staff_sql.h"
#include "kiosk/backend/backend_store_driver.h"
#include "kiosk/common/log.h"
#include "kiosk/store/own_schema.h"

/* The version of the be_* tables this program writes. */
#define BE_SCHEMA_VERSION 10 /* 1 + the upgrades below */
/* be_staff_months, made and filled when missing (backend_staff_sql.h). */
#define STAFF_MONTHS_TABLE                                                                         \
    KS_BACKEND_STAFF_CHUNKS_TABLE_SQL("TEXT", "INTEGER", KS_BACKEND_STAFF_WAITS_JSON) " STRICT"
#define STAFF_MONTHS_FILL KS_BACKEND_FILL_STAFF_MONTHS_SQL(KS_BACKEND_STAFF_WAITS_JSON_AGG)

/* The kitchen-speed report per PERIOD; SQLite has no percentile_disc: ranks by two windows. */
/* Sales per hour's period: the first second of the local hour, as 'YYYY-MM-DD HH:00'. */
#define SQLITE_HOUR_PERIOD(HOUR) "strftime('%Y-%m-%d %H:00', " HOUR ", 'unixepoch')"
/* A member of a staff action's body by its path (backend_staff_action_sql.h). */
#define SQLITE_ACTION_FIELD(PG_PATH, PATH) "json_extract(s.action_json, '$." PATH "')"

#define KITCHEN_SQL(PERIOD, NAME)                                                                  \
    KS_BACKEND_KITCHEN_SQL("?1", "?2", "?3", PERIOD, NAME, KS_BACKEND_KITCHEN_RANKS(NAME),         \
                           KS_BACKEND_KITCHEN_P90_RANKED)

/* A table of the kitchen report's rows per PERIOD (its column), store and station. */
#define KITCHEN_REPORT_TABLE(NAME, PERIOD)                                                         \
    "CREATE TABLE IF NOT EXISTS " NAME " (\n"                                                      \
    "    " PERIOD " TEXT NOT NULL,\n"                                                              \
    "    store_id      TEXT NOT NULL,\n"                                                           \
    "    station       TEXT NOT NULL,\n"                                                           \
    "    orders        INTEGER NOT NULL,\n"                                                        \
    "    ready_avg_s   INTEGER NOT NULL,\n"                                                        \
    "    ready_p90_s   INTEGER NOT NULL,\n"                                                        \
    "    collected     INTEGER NOT NULL,\n"                                                        \
    "    collect_avg_s INTEGER NOT NULL,\n"                                                        \
    "    PRIMARY KEY (" PERIOD ", store_id, station)\n"                                            \
    ") STRICT"

/* be_kitchen_days' rows of the be_kitchen_times rows WHERE picks. */
#define KITCHEN_DAYS_OF(WHERE)                                                                     \
    KS_BACKEND_KITCHEN_DAYS_OF(WHERE, KS_BACKEND_KITCHEN_RANKS("period"),                          \
                               KS_BACKEND_KITCHEN_P90_RANKED)

/*
 * Version 1. be_orders.order_json is the body received, byte for byte;
 * be_lines and be_vat copy what the reports add up, so no report parses JSON.
 * be_receipts (each order's e-receipt token; orders without one have no
 * row), be_cancelled (which orders were cancelled unpaid: they have no
 * lines or VAT rows, and sales leave them out) and be_kitchen (the
 * kitchen's status changes, each with its order's paid time copied) and
 * be_refunds (refunds of paid orders, each under its own id), and be_stock,
 * be_stock_moves and be_stock_requests (stock levels, their journal, and the
 * adjustments applied, each under its request id), be_recipes, and the people, their
 * stores, sessions, login limits and audit log (be_people ... be_audit), the stock
 * reservations of other sales channels with their lines (be_reservations,
 * be_reservation_lines), the stores' own prices, availability and price
 * deltas (be_prices, be_availability, be_price_deltas), and the stores, devices and
 * enrolment codes made through the API (be_stores, be_devices, be_enrol_codes), how each paid order
 * was paid (be_payments; an order stored before has no row and counts as "unknown"), the items'
 * costs with each order line's cost taken when it was stored and the refunds' lines (be_costs,
 * be_line_costs, be_refund_lines), the refunds asked for from the back office with their lines
 * (be_refund_requests, be_refund_request_lines), the kitchen-speed report per day kept worked out
 * (be_kitchen_days) and per month (be_kitchen_seconds, be_kitchen_months, be_kitchen_stale), the
 * stock each reservation holds (be_reservation_holds: its lines' items and their recipes'
 * ingredients), the archive of the kiosks' signed e-invoices (be_einvoices) and the paid orders'
 * attendant interventions (be_interventions), their months for the staff report
 * (be_staff_months), the kiosks' staff actions (be_staff_actions) and the lanes' decisions taken
 * while paying (be_paying_decisions) came later:
 * created when missing, which is all an older file needs, so the version stays 1 (an older program
 * ignores them).
 */
static const char *const schema[] = {
    "CREATE TABLE IF NOT EXISTS be_schema (version INTEGER NOT NULL) STRICT",
    "CREATE TABLE IF NOT EXISTS be_orders (\n"
    "    seq           INTEGER PRIMARY KEY,\n"
    "    uuid          TEXT NOT NULL UNIQUE,\n"
    "    store_id      TEXT NOT NULL,\n"
    "    kiosk_id      TEXT NOT NULL,\n"
    "    number        INTEGER NOT NULL,\n"
    "    business_date TEXT NOT NULL,\n"
    "    created_at    INTEGER NOT NULL,\n"
    "    received_at   INTEGER NOT NULL,\n"
    "    total_net     INTEGER NOT NULL,\n"
    "    total_vat     INTEGER NOT NULL,\n"
    "    total         INTEGER NOT NULL,\n"
    "    order_json    TEXT NOT NULL CHECK (json_valid(order_json))\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS be_orders_by_date ON be_orders (business_date, store_id)",
    "CREATE TABLE IF NOT EXISTS be_lines (\n"
    "    uuid        TEXT NOT NULL REFERENCES be_orders (uuid),\n"
    "    line_no     INTEGER NOT NULL,\n"
    "    item_id     TEXT NOT NULL,\n"
    "    name_en     TEXT NOT NULL,\n"
    "    name_ar     TEXT NOT NULL,\n"
    "    unit        TEXT NOT NULL,\n"
    "    quantity    INTEGER NOT NULL,\n"
    "    net         INTEGER NOT NULL,\n"
    "    vat         INTEGER NOT NULL,\n"
    "    gross       INTEGER NOT NULL,\n"
    "    PRIMARY KEY (uuid, line_no)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_vat (\n"
    "    uuid    TEXT NOT NULL REFERENCES be_orders (uuid),\n"
    "    rate_bp INTEGER NOT NULL,\n"
    "    taxable INTEGER NOT NULL,\n"
    "    vat     INTEGER NOT NULL,\n"
    "    PRIMARY KEY (uuid, rate_bp)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_heartbeats (\n"
    "    kiosk_id TEXT PRIMARY KEY,\n"
    "    at       INTEGER NOT NULL,\n"
    "    version  TEXT NOT NULL,\n"
    "    unsent   INTEGER NOT NULL,\n"
    "    devices  TEXT NOT NULL CHECK (json_valid(devices))\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_receipts (\n"
    "    token TEXT PRIMARY KEY,\n"
    "    uuid  TEXT NOT NULL UNIQUE REFERENCES be_orders (uuid)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_cancelled (\n"
    "    uuid TEXT PRIMARY KEY REFERENCES be_orders (uuid)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_kitchen (\n"
    "    uuid        TEXT NOT NULL REFERENCES be_orders (uuid),\n"
    "    status      TEXT NOT NULL,\n"
    "    station     TEXT NOT NULL,\n"
    "    at          INTEGER NOT NULL,\n"
    "    paid_at     INTEGER NOT NULL,\n"
    "    received_at INTEGER NOT NULL,\n"
    "    PRIMARY KEY (uuid, status, station, at)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_refunds (\n"
    "    refund_id   TEXT PRIMARY KEY,\n"
    "    uuid        TEXT NOT NULL REFERENCES be_orders (uuid),\n"
    "    method      TEXT NOT NULL,\n"
    "    amount      INTEGER NOT NULL,\n"
    "    vat         INTEGER NOT NULL,\n"
    "    reason      TEXT NOT NULL,\n"
    "    at          INTEGER NOT NULL,\n"
    "    received_at INTEGER NOT NULL,\n"
    "    refund_json TEXT NOT NULL CHECK (json_valid(refund_json))\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS be_refunds_by_order ON be_refunds (uuid)",
    "CREATE TABLE IF NOT EXISTS be_stock (\n"
    "    store_id TEXT NOT NULL,\n"
    "    item_id  TEXT NOT NULL,\n"
    "    on_hand  INTEGER NOT NULL,\n"
    "    low_at   INTEGER NOT NULL DEFAULT 0,\n"
    "    sold_out_at INTEGER NOT NULL DEFAULT 0,\n"
    "    PRIMARY KEY (store_id, item_id)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_stock_moves (\n"
    "    seq      INTEGER PRIMARY KEY,\n"
    "    store_id TEXT NOT NULL,\n"
    "    item_id  TEXT NOT NULL,\n"
    "    quantity INTEGER NOT NULL,\n"
    "    on_hand  INTEGER NOT NULL,\n"
    "    reason   TEXT NOT NULL,\n"
    "    person   TEXT NOT NULL,\n"
    "    ref      TEXT NOT NULL,\n"
    "    at       INTEGER NOT NULL\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS be_stock_moves_by_item ON be_stock_moves (store_id, item_id, at)",
    "CREATE TABLE IF NOT EXISTS be_stock_requests (\n"
    "    request_id   TEXT PRIMARY KEY,\n"
    "    request_json TEXT NOT NULL CHECK (json_valid(request_json)),\n"
    "    received_at  INTEGER NOT NULL\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_recipes (\n"
    "    item_id       TEXT NOT NULL,\n"
    "    ingredient_id TEXT NOT NULL,\n"
    "    quantity      INTEGER NOT NULL,\n"
    "    PRIMARY KEY (item_id, ingredient_id)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_people (\n"
    "    name          TEXT PRIMARY KEY,\n"
    "    role          TEXT NOT NULL,\n"
    "    password_hash TEXT NOT NULL,\n"
    "    created_at    INTEGER NOT NULL\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_person_stores (\n"
    "    name     TEXT NOT NULL REFERENCES be_people (name),\n"
    "    store_id TEXT NOT NULL,\n"
    "    PRIMARY KEY (name, store_id)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_sessions (\n"
    "    id_hash    TEXT PRIMARY KEY,\n"
    "    name       TEXT NOT NULL REFERENCES be_people (name),\n"
    "    csrf       TEXT NOT NULL,\n"
    "    created_at INTEGER NOT NULL,\n"
    "    last_seen  INTEGER NOT NULL\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_login_limits (\n"
    "    key          TEXT PRIMARY KEY,\n"
    "    failures     INTEGER NOT NULL,\n"
    "    last_failure INTEGER NOT NULL\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_audit (\n"
    "    seq            INTEGER PRIMARY KEY,\n"
    "    at             INTEGER NOT NULL,\n"
    "    actor          TEXT NOT NULL,\n"
    "    role           TEXT NOT NULL,\n"
    "    action         TEXT NOT NULL,\n"
    "    store_id       TEXT NOT NULL,\n"
    "    target         TEXT NOT NULL,\n"
    "    before_summary TEXT NOT NULL,\n"
    "    after_summary  TEXT NOT NULL\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS be_audit_by_store ON be_audit (store_id, seq)",
    "CREATE TABLE IF NOT EXISTS be_reservations (\n"
    "    reservation_id TEXT PRIMARY KEY,\n"
    "    channel        TEXT NOT NULL,\n"
    "    store_id       TEXT NOT NULL,\n"
    "    state          TEXT NOT NULL,\n"
    "    created_at     INTEGER NOT NULL,\n"
    "    expires_at     INTEGER NOT NULL,\n"
    "    ended_at       INTEGER NOT NULL DEFAULT 0\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS be_reservations_live ON be_reservations (store_id, state, "
    "expires_at)",
    "CREATE TABLE IF NOT EXISTS be_reservation_lines (\n"
    "    reservation_id TEXT NOT NULL REFERENCES be_reservations (reservation_id),\n"
    "    item_id        TEXT NOT NULL,\n"
    "    quantity       INTEGER NOT NULL,\n"
    "    PRIMARY KEY (reservation_id, item_id)\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS be_reservation_lines_by_item ON be_reservation_lines (item_id)",
    "CREATE TABLE IF NOT EXISTS be_reservation_holds (\n"
    "    reservation_id TEXT NOT NULL REFERENCES be_reservations (reservation_id),\n"
    "    item_id        TEXT NOT NULL,\n"
    "    quantity       INTEGER NOT NULL,\n"
    "    PRIMARY KEY (reservation_id, item_id)\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS be_reservation_holds_by_item ON be_reservation_holds (item_id)",
    KS_BACKEND_FILL_RESERVATION_HOLDS_SQL,
    "CREATE TABLE IF NOT EXISTS be_prices (\n"
    "    store_id   TEXT NOT NULL,\n"
    "    item_id    TEXT NOT NULL,\n"
    "    price      INTEGER NOT NULL,\n"
    "    updated_at INTEGER NOT NULL,\n"
    "    PRIMARY KEY (store_id, item_id)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_price_deltas (\n"
    "    store_id    TEXT NOT NULL,\n"
    "    kind        TEXT NOT NULL CHECK (kind IN ('size', 'option', 'choice')),\n"
    "    owner_id    TEXT NOT NULL,\n"
    "    slot_id     TEXT NOT NULL,\n"
    "    part_id     TEXT NOT NULL,\n"
    "    price_delta INTEGER NOT NULL,\n"
    "    updated_at  INTEGER NOT NULL,\n"
    "    PRIMARY KEY (store_id, kind, owner_id, slot_id, part_id)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_availability (\n"
    "    store_id   TEXT NOT NULL,\n"
    "    item_id    TEXT NOT NULL,\n"
    "    available  INTEGER NOT NULL CHECK (available IN (0, 1)),\n"
    "    updated_at INTEGER NOT NULL,\n"
    "    PRIMARY KEY (store_id, item_id)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_day_items (\n"
    "    business_date TEXT NOT NULL,\n"
    "    store_id      TEXT NOT NULL,\n"
    "    item_id       TEXT NOT NULL,\n"
    "    unit          TEXT NOT NULL,\n"
    "    quantity      INTEGER NOT NULL,\n"
    "    orders        INTEGER NOT NULL,\n"
    "    net           INTEGER NOT NULL,\n"
    "    vat           INTEGER NOT NULL,\n"
    "    gross         INTEGER NOT NULL,\n"
    "    name_en       TEXT NOT NULL,\n"
    "    name_ar       TEXT NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, item_id, unit)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_day_vat (\n"
    "    business_date TEXT NOT NULL,\n"
    "    store_id      TEXT NOT NULL,\n"
    "    rate_bp       INTEGER NOT NULL,\n"
    "    orders        INTEGER NOT NULL,\n"
    "    taxable       INTEGER NOT NULL,\n"
    "    vat           INTEGER NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, rate_bp)\n"
    ") STRICT",
    /* In the transaction that made them: a file with orders from before gets its summaries. */
    KS_BACKEND_FILL_DAY_ITEMS_SQL,
    KS_BACKEND_FILL_DAY_VAT_SQL,
    "CREATE TABLE IF NOT EXISTS be_stores (\n"
    "    store_id   TEXT PRIMARY KEY,\n"
    "    name_ar    TEXT NOT NULL,\n"
    "    name_en    TEXT NOT NULL,\n"
    "    menu       TEXT NOT NULL,\n"
    "    created_at INTEGER NOT NULL,\n"
    "    created_by TEXT NOT NULL\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_devices (\n"
    "    device_id   TEXT PRIMARY KEY,\n"
    "    store_id    TEXT NOT NULL,\n"
    "    kind        TEXT NOT NULL,\n"
    "    token_hash  TEXT NOT NULL UNIQUE,\n"
    "    enrolled_at INTEGER NOT NULL,\n"
    "    enrolled_by TEXT NOT NULL,\n"
    "    revoked_at  INTEGER NOT NULL DEFAULT 0,\n"
    "    revoked_by  TEXT NOT NULL DEFAULT ''\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_enrol_codes (\n"
    "    code_hash  TEXT PRIMARY KEY,\n"
    "    store_id   TEXT NOT NULL,\n"
    "    device_id  TEXT NOT NULL,\n"
    "    kind       TEXT NOT NULL,\n"
    "    created_at INTEGER NOT NULL,\n"
    "    expires_at INTEGER NOT NULL,\n"
    "    created_by TEXT NOT NULL,\n"
    "    used_at    INTEGER NOT NULL DEFAULT 0\n"
    ") STRICT",
    KS_BACKEND_PEERS_INDEX_SQL,
    "CREATE TABLE IF NOT EXISTS be_payments (\n"
    "    uuid   TEXT PRIMARY KEY REFERENCES be_orders (uuid),\n"
    "    method TEXT NOT NULL,\n"
    "    brand  TEXT NOT NULL\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_costs (\n"
    "    item_id    TEXT PRIMARY KEY,\n"
    "    unit_cost  INTEGER NOT NULL,\n"
    "    updated_at INTEGER NOT NULL\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_line_costs (\n"
    "    uuid      TEXT NOT NULL,\n"
    "    line_no   INTEGER NOT NULL,\n"
    "    unit_cost INTEGER NOT NULL,\n"
    "    cost      INTEGER NOT NULL,\n"
    "    PRIMARY KEY (uuid, line_no),\n"
    "    FOREIGN KEY (uuid, line_no) REFERENCES be_lines (uuid, line_no)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_refund_lines (\n"
    "    refund_id TEXT NOT NULL REFERENCES be_refunds (refund_id),\n"
    "    uuid      TEXT NOT NULL,\n"
    "    line_no   INTEGER NOT NULL,\n"
    "    quantity  INTEGER NOT NULL,\n"
    "    amount    INTEGER NOT NULL,\n"
    "    PRIMARY KEY (refund_id, line_no)\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS be_refund_lines_by_order ON be_refund_lines (uuid, line_no)",
    "CREATE TABLE IF NOT EXISTS be_refund_requests (\n"
    "    seq            INTEGER PRIMARY KEY,\n"
    "    request_id     TEXT NOT NULL UNIQUE,\n"
    "    order_uuid     TEXT NOT NULL REFERENCES be_orders (uuid),\n"
    "    store_id       TEXT NOT NULL,\n"
    "    kiosk_id       TEXT NOT NULL,\n"
    "    reason         TEXT NOT NULL,\n"
    "    request_json   TEXT NOT NULL,\n"
    "    person         TEXT NOT NULL,\n"
    "    asked_at       INTEGER NOT NULL,\n"
    "    status         TEXT NOT NULL DEFAULT 'requested'\n"
    "                   CHECK (status IN ('requested', 'done', 'refused')),\n"
    "    refused_reason TEXT NOT NULL DEFAULT '',\n"
    "    refund_id      TEXT NOT NULL DEFAULT '',\n"
    "    settled_at     INTEGER NOT NULL DEFAULT 0\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS be_refund_requests_by_store ON be_refund_requests (store_id, seq)",
    "CREATE INDEX IF NOT EXISTS be_refund_requests_by_kiosk ON be_refund_requests (kiosk_id, "
    "status)",
    "CREATE INDEX IF NOT EXISTS be_refund_requests_by_order ON be_refund_requests (order_uuid, "
    "status)",
    "CREATE TABLE IF NOT EXISTS be_refund_request_lines (\n"
    "    request_id TEXT NOT NULL REFERENCES be_refund_requests (request_id),\n"
    "    line_no    INTEGER NOT NULL,\n"
    "    quantity   INTEGER NOT NULL,\n"
    "    PRIMARY KEY (request_id, line_no)\n"
    ") STRICT",
    /* After every table they are summed from, in the transaction that made them. */
    "CREATE TABLE IF NOT EXISTS be_day_sales (\n"
    "    business_date   TEXT NOT NULL,\n"
    "    store_id        TEXT NOT NULL,\n"
    "    kiosk_id        TEXT NOT NULL,\n"
    "    orders          INTEGER NOT NULL,\n"
    "    total_net       INTEGER NOT NULL,\n"
    "    total_vat       INTEGER NOT NULL,\n"
    "    total           INTEGER NOT NULL,\n"
    "    cancelled       INTEGER NOT NULL,\n"
    "    cancelled_total INTEGER NOT NULL,\n"
    "    refunds         INTEGER NOT NULL,\n"
    "    refunded        INTEGER NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, kiosk_id)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_quarter_sales (\n"
    "    business_date TEXT NOT NULL,\n"
    "    store_id      TEXT NOT NULL,\n"
    "    quarter       INTEGER NOT NULL,\n"
    "    orders        INTEGER NOT NULL,\n"
    "    total         INTEGER NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, quarter)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_day_refunds (\n"
    "    business_date TEXT NOT NULL,\n"
    "    store_id      TEXT NOT NULL,\n"
    "    method        TEXT NOT NULL,\n"
    "    reason        TEXT NOT NULL,\n"
    "    refunds       INTEGER NOT NULL,\n"
    "    amount        INTEGER NOT NULL,\n"
    "    vat           INTEGER NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, method, reason)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_day_payments (\n"
    "    business_date TEXT NOT NULL,\n"
    "    store_id      TEXT NOT NULL,\n"
    "    method        TEXT NOT NULL,\n"
    "    brand         TEXT NOT NULL,\n"
    "    orders        INTEGER NOT NULL,\n"
    "    amount        INTEGER NOT NULL,\n"
    "    refunds       INTEGER NOT NULL,\n"
    "    refunded      INTEGER NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, method, brand)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_day_profit (\n"
    "    business_date TEXT NOT NULL,\n"
    "    store_id      TEXT NOT NULL,\n"
    "    item_id       TEXT NOT NULL,\n"
    "    unit          TEXT NOT NULL,\n"
    "    quantity      INTEGER NOT NULL,\n"
    "    net           INTEGER NOT NULL,\n"
    "    cost          INTEGER NOT NULL,\n"
    "    uncosted      INTEGER NOT NULL,\n"
    "    name_en       TEXT NOT NULL,\n"
    "    name_ar       TEXT NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, item_id, unit)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_kitchen_times (\n"
    "    uuid          TEXT NOT NULL REFERENCES be_orders (uuid),\n"
    "    station       TEXT NOT NULL,\n"
    "    business_date TEXT NOT NULL,\n"
    "    store_id      TEXT NOT NULL,\n"
    "    paid_at       INTEGER NOT NULL,\n"
    "    ready_s       INTEGER NOT NULL,\n"
    "    collect_s     INTEGER,\n"
    "    PRIMARY KEY (uuid, station)\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS be_kitchen_times_by_day ON be_kitchen_times (business_date, "
    "store_id)",
    KS_BACKEND_FILL_KITCHEN_TIMES_SQL,
    KS_BACKEND_EINVOICES_TABLE_SQL("TEXT", "INTEGER") " STRICT",
    KS_BACKEND_EINVOICES_INDEX_SQL,
    KS_BACKEND_EINVOICES_BY_ISSUE_SQL,
    KITCHEN_REPORT_TABLE("be_kitchen_days", "business_date"),
    KS_BACKEND_FILL_KITCHEN_DAYS_SQL(KS_BACKEND_KITCHEN_RANKS("period"),
                                     KS_BACKEND_KITCHEN_P90_RANKED),
    "CREATE TABLE IF NOT EXISTS be_kitchen_seconds (\n"
    "    month       TEXT NOT NULL,\n"
    "    store_id    TEXT NOT NULL,\n"
    "    station     TEXT NOT NULL,\n"
    "    ready_s     INTEGER NOT NULL,\n"
    "    orders      INTEGER NOT NULL,\n"
    "    collected   INTEGER NOT NULL,\n"
    "    collect_sum INTEGER NOT NULL,\n"
    "    PRIMARY KEY (month, store_id, station, ready_s)\n"
    ") STRICT",
    KS_BACKEND_FILL_KITCHEN_SECONDS_SQL,
    KITCHEN_REPORT_TABLE("be_kitchen_months", "month"),
    KS_BACKEND_FILL_KITCHEN_MONTHS_SQL,
    "CREATE TABLE IF NOT EXISTS be_kitchen_stale (\n"
    "    month      TEXT NOT NULL,\n"
    "    store_id   TEXT NOT NULL,\n"
    "    refreshing INTEGER NOT NULL DEFAULT 0,\n"
    "    PRIMARY KEY (month, store_id)\n"
    ") STRICT",
    "CREATE TABLE IF NOT EXISTS be_interventions (\n"
    "    uuid          TEXT NOT NULL REFERENCES be_orders (uuid),\n"
    "    seq           INTEGER NOT NULL,\n"
    "    business_date TEXT NOT NULL,\n"
    "    store_id      TEXT NOT NULL,\n"
    "    staff         TEXT NOT NULL,\n"
    "    need          TEXT NOT NULL,\n"
    "    decision      TEXT NOT NULL,\n"
    "    raised_at     INTEGER NOT NULL,\n"
    "    decided_at    INTEGER NOT NULL,\n"
    "    void_item     TEXT NOT NULL,\n"
    "    void_amount   INTEGER NOT NULL,\n"
    "    PRIMARY KEY (uuid, seq)\n"
    ") STRICT",
    "CREATE INDEX IF NOT EXISTS be_interventions_by_day ON be_interventions (business_date, "
    "store_id)",
    KS_BACKEND_INTERVENTIONS_BY_STAFF_SQL(", "),
    KS_BACKEND_REFUNDS_BY_STAFF_SQL(KS_BACKEND_STAFF_OF_EXTRACT("refund_json"),
                                    KS_BACKEND_REQUEST_OF_EXTRACT("refund_json")),
    KS_BACKEND_CHANNEL_SALES_TABLE_SQL("TEXT", "INTEGER") " STRICT",
    KS_BACKEND_CHANNEL_SALES_INDEX_SQL,
    KS_BACKEND_CHANNEL_LINES_TABLE_SQL("TEXT", "INTEGER") " STRICT",
    KS_BACKEND_CHANNEL_LINE_COSTS_TABLE_SQL("TEXT", "INTEGER") " STRICT",
    KS_BACKEND_PINS_TABLE_SQL("TEXT", "INTEGER") " STRICT",
    KS_BACKEND_PINS_INDEX_SQL,
    KS_BACKEND_STAFF_ACTIONS_TABLE_SQL("TEXT", "INTEGER") " STRICT",
    KS_BACKEND_STAFF_ACTIONS_INDEX_SQL,
    KS_BACKEND_PAYING_TABLE_SQL("TEXT", "INTEGER") " STRICT",
    KS_BACKEND_PAYING_INDEX_SQL,
    KS_BACKEND_STAFF_ACTIONS_BY_DAY_SQL(", "),
    KS_BACKEND_FILL_DAY_SALES_SQL,
    KS_BACKEND_FILL_QUARTER_SALES_SQL,
    KS_BACKEND_FILL_DAY_REFUNDS_SQL,
    KS_BACKEND_FILL_DAY_PAYMENTS_SQL,
    KS_BACKEND_FILL_DAY_PROFIT_SQL("min"),
    KS_BACKEND_HOUR_SALES_TABLE_SQL("TEXT", "INTEGER") " STRICT",
    KS_BACKEND_FILL_HOUR_SALES_SQL,
    STAFF_MONTHS_TABLE,
    STAFF_MONTHS_FILL,
    KS_BACKEND_PAYING_BY_ORDER_SQL,
    KS_BACKEND_EINVOICES_BY_ORDER_SQL,
};

/*
 * Version 2 on: the staff report's months in chunks (backend_staff_sql.h),
 * made again from the interventions in a file of version 1 (its months one
 * row each, without the column): dropped, made and filled as a new file's
 * are (which this also runs, on empty tables, after its create). Version 5
 * on: the decisions taken while paying kept before be_paying_decisions (in
 * be_staff_actions only), placed once into their orders and months, and
 * those of orders cancelled unpaid taken as unpaid
 * (backend_staff_action_sql.h; PostgreSQL migration 31): after the
 * months' filling, which counts only what be_interventions held before.
 * Version 10: the card terminal's reference of each paid order's payment
 * (backend_order_view_sql.h; PostgreSQL migration 33).
 */
static const char *const upgrades[] = {
    "DROP TABLE IF EXISTS be_staff_months",
    STAFF_MONTHS_TABLE,
    STAFF_MONTHS_FILL,
    KS_BACKEND_PAYING_FROM_ACTIONS_SQL(SQLITE_ACTION_FIELD),
    KS_BACKEND_PLACE_PAYING_SQL(KS_BACKEND_PAYING_OF_ANY),
    KS_BACKEND_ADD_PAYING_MONTHS_SQL(KS_BACKEND_STAFF_WAITS_JSON_AGG,
                                     KS_BACKEND_STAFF_WAITS_JSON_CAT),
    KS_BACKEND_PLACED_PAYING_SQL(KS_BACKEND_PAYING_OF_ANY),
    KS_BACKEND_UNPAID_PAYING_SQL(KS_BACKEND_PAYING_OF_ANY),
    KS_BACKEND_PAYMENTS_TERMINAL_REF_SQL("", "TEXT"),
};

static const ks_own_schema own_schema = {
    .create = schema,
    .n_create = sizeof schema / sizeof schema[0],
    .upgrade = upgrades,
    .n_upgrade = sizeof upgrades / sizeof upgrades[0],
    .sql_version = "SELECT max(version) FROM be_schema HAVING count(*) > 0",
    .sql_set_version = "INSERT INTO be_schema (version) VALUES (?)",
    .version = BE_SCHEMA_VERSION,
    .what = "backend",
};

/* Parameters and columns as enum ks_backend_sql lists them. Text compares byte by byte. */
static const char *const sql_text[KS_BACKEND_SQL_N] = {
    [KS_BACKEND_SQL_INSERT_ORDER] =
        "INSERT INTO be_orders (uuid, store_id, kiosk_id, number, business_date, created_at,\n"
        "                       received_at, total_net, total_vat, total, order_json)\n"
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING",
    [KS_BACKEND_SQL_ORDER_BODY] = "SELECT order_json FROM be_orders WHERE uuid = ?",
    [KS_BACKEND_SQL_INSERT_LINE] =
        "INSERT INTO be_lines (uuid, line_no, item_id, name_en, name_ar, unit, quantity, net,\n"
        "                      vat, gross) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [KS_BACKEND_SQL_INSERT_VAT] =
        "INSERT INTO be_vat (uuid, rate_bp, taxable, vat) VALUES (?, ?, ?, ?)",
    [KS_BACKEND_SQL_COUNT] = "SELECT count(*) AS orders FROM be_orders",
    [KS_BACKEND_SQL_PING] = "SELECT 1 AS ok",
    [KS_BACKEND_SQL_HEARTBEAT] =
        "INSERT INTO be_heartbeats (kiosk_id, at, version, unsent, devices)\n"
        "VALUES (?, ?, ?, ?, ?)\n"
        "ON CONFLICT (kiosk_id) DO UPDATE SET at = excluded.at, version = excluded.version,\n"
        "    unsent = excluded.unsent, devices = excluded.devices",
    [KS_BACKEND_SQL_KIOSKS] =
        "SELECT kiosk_id, at, version, unsent, devices FROM be_heartbeats ORDER BY kiosk_id",
    [KS_BACKEND_SQL_SALES] = KS_BACKEND_SALES_SQL("?1", "?2", "?3", "?4", "?5"),
    [KS_BACKEND_SQL_SALES_BY_DAY_KIOSK] = KS_BACKEND_SALES_BY_DAY_KIOSK_SQL("?1", "?2", "?3"),
    [KS_BACKEND_SQL_SALES_BY_HOUR] =
        KS_BACKEND_SALES_BY_HOUR_SQL(SQLITE_HOUR_PERIOD, "?1", "?2", "?3", "?4", "?5"),
    [KS_BACKEND_SQL_ADD_DAY_SALES] = KS_BACKEND_ADD_DAY_SALES_SQL("?1"),
    [KS_BACKEND_SQL_ADD_HOUR_SALES] = KS_BACKEND_ADD_HOUR_SALES_SQL("?1"),
    [KS_BACKEND_SQL_ADD_QUARTER_SALES] = KS_BACKEND_ADD_QUARTER_SALES_SQL("?1"),
    [KS_BACKEND_SQL_ADD_DAY_PAYMENTS] = KS_BACKEND_ADD_DAY_PAYMENTS_SQL("?1"),
    [KS_BACKEND_SQL_ADD_DAY_PROFIT] = KS_BACKEND_ADD_DAY_PROFIT_SQL("?1"),
    [KS_BACKEND_SQL_REFUND_DAY_SALES] = KS_BACKEND_REFUND_DAY_SALES_SQL("?1"),
    [KS_BACKEND_SQL_REFUND_HOUR_SALES] = KS_BACKEND_REFUND_HOUR_SALES_SQL("?1"),
    [KS_BACKEND_SQL_ADD_DAY_REFUNDS] = KS_BACKEND_ADD_DAY_REFUNDS_SQL("?1"),
    [KS_BACKEND_SQL_REFUND_DAY_PAYMENTS] = KS_BACKEND_REFUND_DAY_PAYMENTS_SQL("?1"),
    [KS_BACKEND_SQL_REFUND_DAY_PROFIT] = KS_BACKEND_REFUND_DAY_PROFIT_SQL("?1", "min"),
    [KS_BACKEND_SQL_ITEMS] = KS_BACKEND_ITEMS_SQL("?1", "?2", "?3", "?4", "?5"),
    [KS_BACKEND_SQL_ADD_DAY_ITEMS] = KS_BACKEND_ADD_DAY_ITEMS_SQL("?1"),
    [KS_BACKEND_SQL_VAT] = KS_BACKEND_VAT_SQL("?1", "?2", "?3"),
    [KS_BACKEND_SQL_ADD_DAY_VAT] = KS_BACKEND_ADD_DAY_VAT_SQL("?1"),
    [KS_BACKEND_SQL_PEAK] = KS_BACKEND_PEAK_SQL("?1", "?2", "?3", "?4"),
    [KS_BACKEND_SQL_REFUNDS] = KS_BACKEND_REFUNDS_SQL("?1", "?2", "?3"),
    [KS_BACKEND_SQL_INSERT_PAYMENT] = KS_BACKEND_INSERT_PAYMENT_SQL("?1", "?2", "?3", "?4"),
    [KS_BACKEND_SQL_PAYMENTS] = KS_BACKEND_PAYMENTS_SQL("?1", "?2", "?3"),
    [KS_BACKEND_SQL_COST] = KS_BACKEND_COST_SQL("?"),
    [KS_BACKEND_SQL_COST_SET] = KS_BACKEND_COST_SET_SQL("?, ?, ?"),
    [KS_BACKEND_SQL_COST_CLEAR] = KS_BACKEND_COST_CLEAR_SQL("?"),
    [KS_BACKEND_SQL_COSTS] = KS_BACKEND_COSTS_SQL,
    [KS_BACKEND_SQL_INSERT_LINE_COSTS] = KS_BACKEND_INSERT_LINE_COSTS_SQL("?"),
    [KS_BACKEND_SQL_INSERT_REFUND_LINE] =
        "INSERT INTO be_refund_lines (refund_id, uuid, line_no, quantity, amount)\n"
        "VALUES (?, ?, ?, ?, ?)",
    [KS_BACKEND_SQL_PROFIT] = KS_BACKEND_PROFIT_SQL("?1", "?2", "?3"),
    [KS_BACKEND_SQL_EINVOICE_INSERT] =
        KS_BACKEND_EINVOICE_INSERT_SQL("?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"),
    [KS_BACKEND_SQL_EINVOICE_STORED] = KS_BACKEND_EINVOICE_STORED_SQL("?"),
    [KS_BACKEND_SQL_EINVOICES] = KS_BACKEND_EINVOICES_SQL("?1", "?2", "?3", "?4", "?5"),
    [KS_BACKEND_SQL_EINVOICE_CHAINS] = KS_BACKEND_EINVOICE_CHAINS_SQL("?1", "?2", "?3"),
    [KS_BACKEND_SQL_EINVOICE_XML] = KS_BACKEND_EINVOICE_XML_SQL("?1", "?2"),
    [KS_BACKEND_SQL_EINVOICE_OF_ORDER] = KS_BACKEND_EINVOICE_OF_ORDER_SQL("?1", "?2"),
    [KS_BACKEND_SQL_INSERT_INTERVENTION] =
        KS_BACKEND_INSERT_INTERVENTION_SQL("?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"),
    [KS_BACKEND_SQL_ADD_STAFF_MONTHS] = KS_BACKEND_ADD_STAFF_MONTHS_SQL(
        "?1", "?2", KS_BACKEND_STAFF_WAITS_JSON_AGG, KS_BACKEND_STAFF_WAITS_JSON_CAT),
    [KS_BACKEND_SQL_STAFF] =
        KS_BACKEND_STAFF_SQL("?1", "?2", "?3", "?4", "?5", KS_BACKEND_STAFF_PERCENTILES_RANKED,
                             KS_BACKEND_STAFF_OF_EXTRACT("f.refund_json"),
                             KS_BACKEND_REQUEST_OF_EXTRACT("f.refund_json")),
    [KS_BACKEND_SQL_INSERT_STAFF_ACTION] =
        KS_BACKEND_INSERT_STAFF_ACTION_SQL("?, ?, ?, ?, ?, ?, ?, ?, ?"),
    [KS_BACKEND_SQL_STAFF_ACTION] = KS_BACKEND_STAFF_ACTION_SQL("?"),
    [KS_BACKEND_SQL_LOCK_PAYING] = "SELECT ?1 IS NOT NULL AS locked",
    [KS_BACKEND_SQL_INSERT_PAYING] = KS_BACKEND_INSERT_PAYING_SQL("?, ?, ?, ?, ?, ?, ?, ?, ?, ?"),
    [KS_BACKEND_SQL_PLACE_PAYING] = KS_BACKEND_PLACE_PAYING_SQL(KS_BACKEND_PAYING_OF("?1")),
    [KS_BACKEND_SQL_PLACED_PAYING] = KS_BACKEND_PLACED_PAYING_SQL(KS_BACKEND_PAYING_OF("?1")),
    [KS_BACKEND_SQL_UNPAID_PAYING] = KS_BACKEND_UNPAID_PAYING_SQL(KS_BACKEND_PAYING_OF("?1")),
    [KS_BACKEND_SQL_PAYING_AGED] = KS_BACKEND_PAYING_AGED_SQL("?1", "?2"),
    [KS_BACKEND_SQL_PAYING_LOSE] = KS_BACKEND_PAYING_LOSE_SQL("?1"),
    [KS_BACKEND_SQL_STAFF_ACTIONS] = KS_BACKEND_STAFF_ACTIONS_LIST_SQL(
        "?1", "?2", "?3", "?4", "?5", "?6", "?7", SQLITE_ACTION_FIELD,
        KS_BACKEND_STAFF_OF_EXTRACT("f.refund_json"),
        KS_BACKEND_REQUEST_OF_EXTRACT("f.refund_json")),
    [KS_BACKEND_SQL_INSERT_RECEIPT] = "INSERT INTO be_receipts (token, uuid) VALUES (?, ?)",
    [KS_BACKEND_SQL_RECEIPT] =
        "SELECT o.order_json AS order_json FROM be_receipts r\n"
        "JOIN be_orders o ON o.uuid = r.uuid WHERE r.token = ?\n"
        "AND NOT EXISTS (SELECT 1 FROM be_cancelled c WHERE c.uuid = r.uuid)",
    [KS_BACKEND_SQL_INSERT_CANCELLED] = KS_BACKEND_INSERT_CANCELLED_SQL("?1"),
    [KS_BACKEND_SQL_KITCHEN_ORDER] =
        "SELECT o.kiosk_id AS kiosk_id, json_extract(o.order_json, '$.updated_at') AS paid_at,\n"
        "       c.uuid IS NOT NULL AS cancelled\n"
        "FROM be_orders o LEFT JOIN be_cancelled c ON c.uuid = o.uuid WHERE o.uuid = ?",
    [KS_BACKEND_SQL_INSERT_KITCHEN] =
        "INSERT INTO be_kitchen (uuid, status, station, at, paid_at, received_at)\n"
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uuid, status, station, at) DO NOTHING",
    [KS_BACKEND_SQL_UNCOUNT_KITCHEN_SECONDS] = KS_BACKEND_KITCHEN_SECONDS_UNCOUNT_SQL("?1"),
    [KS_BACKEND_SQL_DELETE_KITCHEN_TIMES] = "DELETE FROM be_kitchen_times WHERE uuid = ?1",
    [KS_BACKEND_SQL_KITCHEN_TIMES] = KS_BACKEND_KITCHEN_TIMES_SQL("?1"),
    [KS_BACKEND_SQL_COUNT_KITCHEN_SECONDS] = KS_BACKEND_KITCHEN_SECONDS_COUNT_SQL("?1"),
    [KS_BACKEND_SQL_KITCHEN] =
        KITCHEN_SQL("strftime('%Y-%m-%d %H:00', paid_at + ?4, 'unixepoch')", "hour"),
    [KS_BACKEND_SQL_LOCK_KITCHEN] = "SELECT 1 AS locked FROM be_orders WHERE uuid = ?1",
    [KS_BACKEND_SQL_DELETE_KITCHEN_DAY] = KS_BACKEND_DELETE_KITCHEN_DAY_SQL("?1"),
    [KS_BACKEND_SQL_KITCHEN_DAY] = KITCHEN_DAYS_OF(KS_BACKEND_KITCHEN_ORDER_DAY("?1")),
    [KS_BACKEND_SQL_KITCHEN_BY_DAY] = KS_BACKEND_KITCHEN_BY_DAY_SQL("?1", "?2", "?3"),
    [KS_BACKEND_SQL_STALE_KITCHEN_MONTH] = KS_BACKEND_KITCHEN_STALE_SQL("?1"),
    [KS_BACKEND_SQL_LOCK_KITCHEN_REFRESH] = "SELECT 1 AS locked",
    [KS_BACKEND_SQL_TAKE_KITCHEN_STALE] = KS_BACKEND_KITCHEN_TAKE_STALE_SQL("?1", "?2", "?3", ""),
    [KS_BACKEND_SQL_DELETE_KITCHEN_MONTHS] = KS_BACKEND_KITCHEN_DELETE_MONTHS_SQL,
    [KS_BACKEND_SQL_REFRESH_KITCHEN_MONTHS] = KS_BACKEND_KITCHEN_REFRESH_MONTHS_SQL,
    [KS_BACKEND_SQL_DROP_KITCHEN_STALE] = KS_BACKEND_KITCHEN_DROP_STALE_SQL,
    [KS_BACKEND_SQL_KITCHEN_BY_MONTH] = KS_BACKEND_KITCHEN_BY_MONTH_SQL(
        "?1", "?2", "?3", "?4", "?5", KS_BACKEND_KITCHEN_RANKS("period"),
        KS_BACKEND_KITCHEN_P90_RANKED),
    /* The write transaction (BEGIN IMMEDIATE) already keeps other refunds out. */
    [KS_BACKEND_SQL_REFUND_ORDER] =
        "SELECT o.kiosk_id AS kiosk_id, o.total AS total,\n"
        "       EXISTS (SELECT 1 FROM be_cancelled c WHERE c.uuid = o.uuid) AS cancelled,\n"
        "       (SELECT coalesce(sum(r.amount), 0) FROM be_refunds r WHERE r.uuid = o.uuid)\n"
        "           AS refunded\n"
        "FROM be_orders o WHERE o.uuid = ?",
    [KS_BACKEND_SQL_REQUEST_ORDER] = KS_BACKEND_REQUEST_ORDER_SQL("?1"),
    [KS_BACKEND_SQL_REQUEST_LINES_LEFT] = KS_BACKEND_REQUEST_LINES_LEFT_SQL("?1"),
    [KS_BACKEND_SQL_REFUND_REQUEST] = KS_BACKEND_REFUND_REQUEST_SQL("?1"),
    [KS_BACKEND_SQL_INSERT_REFUND_REQUEST] =
        KS_BACKEND_INSERT_REFUND_REQUEST_SQL("?, ?, ?, ?, ?, ?, ?, ?"),
    [KS_BACKEND_SQL_INSERT_REFUND_REQUEST_LINE] =
        KS_BACKEND_INSERT_REFUND_REQUEST_LINE_SQL("?, ?, ?"),
    [KS_BACKEND_SQL_SETTLE_REFUND_REQUEST] =
        KS_BACKEND_SETTLE_REFUND_REQUEST_SQL("?1", "?2", "?3", "?4", "?5"),
    [KS_BACKEND_SQL_REFUND_REQUESTS] = KS_BACKEND_REFUND_REQUESTS_SQL("?1", "?2", "?3", "?4"),
    [KS_BACKEND_SQL_REFUND_REQUEST_LINES] =
        KS_BACKEND_REFUND_REQUEST_LINES_SQL("?1", "?2", "?3", "?4"),
    [KS_BACKEND_SQL_REFUND_BODY] = "SELECT refund_json FROM be_refunds WHERE refund_id = ?",
    [KS_BACKEND_SQL_INSERT_REFUND] =
        "INSERT INTO be_refunds (refund_id, uuid, method, amount, vat, reason, at, received_at,\n"
        "                        refund_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [KS_BACKEND_SQL_ORDER_LINES] =
        "SELECT o.store_id AS store_id, l.line_no AS line_no, l.item_id AS item_id,\n"
        "       l.quantity AS quantity\n"
        "FROM be_lines l JOIN be_orders o ON o.uuid = l.uuid WHERE l.uuid = ? ORDER BY l.line_no",
    [KS_BACKEND_SQL_STOCK_APPLY] = "UPDATE be_stock SET on_hand = on_hand + ?3\n"
                                   "WHERE store_id = ?1 AND item_id = ?2 RETURNING on_hand",
    [KS_BACKEND_SQL_STOCK_TRACK] = "INSERT INTO be_stock (store_id, item_id, on_hand)\n"
                                   "VALUES (?, ?, 0) ON CONFLICT (store_id, item_id) DO NOTHING",
    [KS_BACKEND_SQL_STOCK_LEVEL] =
        "SELECT on_hand FROM be_stock WHERE store_id = ? AND item_id = ?",
    [KS_BACKEND_SQL_INSERT_STOCK_MOVE] =
        "INSERT INTO be_stock_moves (store_id, item_id, quantity, on_hand, reason, person, ref,\n"
        "                            at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [KS_BACKEND_SQL_STOCK_LEVELS] =
        "SELECT s.store_id, s.item_id, s.on_hand, s.low_at,\n"
        "       coalesce(" KS_BACKEND_RESERVED_SQL(
            "s.store_id", "s.item_id",
            "?2") ", 0) AS held\n"
                  "FROM be_stock s WHERE ?1 = '' OR s.store_id = ?1 ORDER BY s.store_id, s.item_id",
    [KS_BACKEND_SQL_STOCK_MOVES] =
        "SELECT seq, store_id, item_id, quantity, on_hand, reason, person, ref, at\n"
        "FROM be_stock_moves WHERE (?1 = '' OR store_id = ?1) AND (?2 = '' OR item_id = ?2)\n"
        "ORDER BY seq DESC LIMIT ?3",
    [KS_BACKEND_SQL_STOCK_REQUEST_BODY] =
        "SELECT request_json FROM be_stock_requests WHERE request_id = ?",
    [KS_BACKEND_SQL_INSERT_STOCK_REQUEST] =
        "INSERT INTO be_stock_requests (request_id, request_json, received_at) VALUES (?, ?, ?)",
    [KS_BACKEND_SQL_RECIPE] = "SELECT ingredient_id, quantity FROM be_recipes WHERE item_id = ?\n"
                              "ORDER BY ingredient_id",
    [KS_BACKEND_SQL_DELETE_RECIPE] = "DELETE FROM be_recipes WHERE item_id = ?",
    [KS_BACKEND_SQL_INSERT_RECIPE] =
        "INSERT INTO be_recipes (item_id, ingredient_id, quantity) VALUES (?, ?, ?)",
    [KS_BACKEND_SQL_RECIPES] = "SELECT item_id, ingredient_id, quantity FROM be_recipes\n"
                               "ORDER BY item_id, ingredient_id",
    [KS_BACKEND_SQL_STOCK_SET_LOW] =
        "INSERT INTO be_stock (store_id, item_id, on_hand, low_at, sold_out_at)\n"
        "VALUES (?, ?, 0, ?, ?) ON CONFLICT (store_id, item_id) DO UPDATE\n"
        "SET low_at = excluded.low_at, sold_out_at = excluded.sold_out_at",
    [KS_BACKEND_SQL_STOCK_ALERTS] = "SELECT store_id, item_id, on_hand, low_at FROM be_stock\n"
                                    "WHERE store_id = ? AND on_hand <= low_at ORDER BY item_id",
    [KS_BACKEND_SQL_STOCK_SOLDOUT] = KS_BACKEND_STOCK_SOLDOUT_SQL("?1", "?2"),
    [KS_BACKEND_SQL_STOCK_SOLD] =
        "SELECT s.item_id AS item_id, s.on_hand AS on_hand, coalesce(m.sold, 0) AS sold\n"
        "FROM be_stock s LEFT JOIN (SELECT item_id, -sum(quantity) AS sold FROM be_stock_moves\n"
        "    WHERE store_id = ?1 AND reason = 'sale' AND at >= ?2 AND at < ?3\n"
        "    GROUP BY item_id) m ON m.item_id = s.item_id\n"
        "WHERE s.store_id = ?1 ORDER BY s.item_id",
    [KS_BACKEND_SQL_INSERT_PERSON] =
        "INSERT INTO be_people (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
    [KS_BACKEND_SQL_PERSON] = "SELECT role, password_hash FROM be_people WHERE name = ?",
    [KS_BACKEND_SQL_INSERT_PERSON_STORE] =
        "INSERT INTO be_person_stores (name, store_id) VALUES (?, ?)",
    [KS_BACKEND_SQL_PERSON_STORES] =
        "SELECT store_id FROM be_person_stores WHERE name = ? ORDER BY store_id",
    [KS_BACKEND_SQL_PEOPLE] = KS_BACKEND_PEOPLE_SQL,
    [KS_BACKEND_SQL_PEOPLE_STORES] = KS_BACKEND_PEOPLE_STORES_SQL,
    [KS_BACKEND_SQL_PEOPLE_PINS] = KS_BACKEND_PEOPLE_PINS_SQL,
    [KS_BACKEND_SQL_SET_PASSWORD] = KS_BACKEND_SET_PASSWORD_SQL("?", "?"),
    [KS_BACKEND_SQL_END_OTHER_SESSIONS] = KS_BACKEND_END_OTHER_SESSIONS_SQL("?", "?"),
    [KS_BACKEND_SQL_HEAD_OFFICE] = KS_BACKEND_HEAD_OFFICE_SQL(""),
    [KS_BACKEND_SQL_SET_ROLE] = KS_BACKEND_SET_ROLE_SQL("?", "?"),
    [KS_BACKEND_SQL_DELETE_PERSON_STORES] = KS_BACKEND_DELETE_PERSON_STORES_SQL("?"),
    [KS_BACKEND_SQL_END_SESSIONS] = KS_BACKEND_END_SESSIONS_SQL("?"),
    [KS_BACKEND_SQL_DELETE_PERSON] = KS_BACKEND_DELETE_PERSON_SQL("?"),
    [KS_BACKEND_SQL_PIN_SALT] = KS_BACKEND_PIN_SALT_SQL("?"),
    [KS_BACKEND_SQL_DELETE_PIN] = KS_BACKEND_DELETE_PIN_SQL("?", "?"),
    [KS_BACKEND_SQL_INSERT_PIN] = KS_BACKEND_INSERT_PIN_SQL("?, ?, ?, ?"),
    [KS_BACKEND_SQL_PERSON_PINS] = KS_BACKEND_PERSON_PINS_SQL("?"),
    [KS_BACKEND_SQL_DELETE_PINS] = KS_BACKEND_DELETE_PINS_SQL("?"),
    [KS_BACKEND_SQL_DELETE_PINS_ELSEWHERE] = KS_BACKEND_DELETE_PINS_ELSEWHERE_SQL("?", "?"),
    [KS_BACKEND_SQL_STAFF_PINS] = KS_BACKEND_STAFF_PINS_SQL("?"),
    [KS_BACKEND_SQL_INSERT_SESSION] = "INSERT INTO be_sessions (id_hash, name, csrf, created_at, "
                                      "last_seen) VALUES (?, ?, ?, ?, ?)",
    [KS_BACKEND_SQL_SESSION] =
        "SELECT name, csrf, created_at, last_seen FROM be_sessions WHERE id_hash = ?",
    [KS_BACKEND_SQL_TOUCH_SESSION] = "UPDATE be_sessions SET last_seen = ?2 WHERE id_hash = ?1",
    [KS_BACKEND_SQL_DELETE_SESSION] = "DELETE FROM be_sessions WHERE id_hash = ?",
    [KS_BACKEND_SQL_DELETE_EXPIRED_SESSIONS] =
        "DELETE FROM be_sessions WHERE last_seen < ?1 OR created_at < ?2",
    [KS_BACKEND_SQL_LIMIT_TRACK] = "INSERT INTO be_login_limits (key, failures, last_failure)\n"
                                   "VALUES (?, 0, 0) ON CONFLICT (key) DO NOTHING",
    [KS_BACKEND_SQL_LIMIT] = "SELECT failures, last_failure FROM be_login_limits WHERE key = ?",
    [KS_BACKEND_SQL_LIMIT_SET] =
        "UPDATE be_login_limits SET failures = ?2, last_failure = ?3 WHERE key = ?1",
    [KS_BACKEND_SQL_INSERT_AUDIT] =
        "INSERT INTO be_audit (at, actor, role, action, store_id, target, before_summary,\n"
        "                      after_summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [KS_BACKEND_SQL_AUDIT] =
        "SELECT seq, at, actor, role, action, store_id, target, before_summary, after_summary\n"
        "FROM be_audit WHERE ?1 = '' OR store_id = ?1 ORDER BY seq DESC LIMIT ?2",
    [KS_BACKEND_SQL_STOCK_LIMITS] =
        "SELECT low_at, sold_out_at FROM be_stock WHERE store_id = ? AND item_id = ?",
    /* The write transaction (BEGIN IMMEDIATE) already keeps other reservations out. */
    [KS_BACKEND_SQL_STOCK_HOLD] =
        "SELECT on_hand, sold_out_at FROM be_stock WHERE store_id = ? AND item_id = ?",
    [KS_BACKEND_SQL_STOCK_RESERVED] =
        "SELECT coalesce(" KS_BACKEND_RESERVED_SQL("?1", "?2", "?3") ", 0) AS reserved",
    [KS_BACKEND_SQL_RESERVATION] =
        "SELECT channel, store_id, CASE WHEN state = 'reserved' AND expires_at <= ?2\n"
        "           THEN 'expired' ELSE state END AS state, created_at, expires_at, ended_at\n"
        "FROM be_reservations WHERE reservation_id = ?1",
    [KS_BACKEND_SQL_RESERVATION_LINES] =
        "SELECT item_id, quantity FROM be_reservation_lines WHERE reservation_id = ?\n"
        "ORDER BY item_id",
    [KS_BACKEND_SQL_INSERT_RESERVATION] =
        "INSERT INTO be_reservations (reservation_id, channel, store_id, state, created_at,\n"
        "                             expires_at) VALUES (?, ?, ?, 'reserved', ?, ?)",
    [KS_BACKEND_SQL_INSERT_RESERVATION_LINE] =
        "INSERT INTO be_reservation_lines (reservation_id, item_id, quantity) VALUES (?, ?, ?)",
    [KS_BACKEND_SQL_RESERVATION_HOLDS] =
        "SELECT item_id, quantity FROM be_reservation_holds WHERE reservation_id = ?\n"
        "ORDER BY item_id",
    [KS_BACKEND_SQL_INSERT_RESERVATION_HOLD] =
        "INSERT INTO be_reservation_holds (reservation_id, item_id, quantity) VALUES (?, ?, ?)",
    [KS_BACKEND_SQL_END_RESERVATION] =
        "UPDATE be_reservations SET state = ?2, ended_at = ?3 WHERE reservation_id = ?1",
    KS_BACKEND_CHANNEL_SQL_TEXTS("?1", "?, ?, ?, ?, ?, ?, ?, ?, ?", "?, ?, ?, ?, ?, ?, ?, ?, ?, ?"),
    [KS_BACKEND_SQL_PRICE] = KS_BACKEND_PRICE_SQL("?1", "?2"),
    [KS_BACKEND_SQL_PRICE_SET] = KS_BACKEND_PRICE_SET_SQL("?1, ?2, ?3, ?4"),
    [KS_BACKEND_SQL_PRICE_CLEAR] = KS_BACKEND_PRICE_CLEAR_SQL("?1", "?2"),
    [KS_BACKEND_SQL_PRICES] = KS_BACKEND_PRICES_SQL("?1"),
    [KS_BACKEND_SQL_STORE_TERMS] = KS_BACKEND_STORE_TERMS_SQL("?1"),
    [KS_BACKEND_SQL_AVAILABILITY] = KS_BACKEND_AVAILABILITY_SQL("?1", "?2"),
    [KS_BACKEND_SQL_AVAILABILITY_SET] = KS_BACKEND_AVAILABILITY_SET_SQL("?1, ?2, ?3, ?4"),
    [KS_BACKEND_SQL_AVAILABILITY_CLEAR] = KS_BACKEND_AVAILABILITY_CLEAR_SQL("?1", "?2"),
    [KS_BACKEND_SQL_AVAILABILITIES] = KS_BACKEND_AVAILABILITIES_SQL("?1"),
    [KS_BACKEND_SQL_PRICE_DELTA] = KS_BACKEND_PRICE_DELTA_SQL("?1", "?2", "?3", "?4", "?5"),
    [KS_BACKEND_SQL_PRICE_DELTA_SET] = KS_BACKEND_PRICE_DELTA_SET_SQL("?1, ?2, ?3, ?4, ?5, ?6, ?7"),
    [KS_BACKEND_SQL_PRICE_DELTA_CLEAR] =
        KS_BACKEND_PRICE_DELTA_CLEAR_SQL("?1", "?2", "?3", "?4", "?5"),
    [KS_BACKEND_SQL_PRICE_DELTAS] = KS_BACKEND_PRICE_DELTAS_SQL("?1"),
    [KS_BACKEND_SQL_STORE] = "SELECT menu FROM be_stores WHERE store_id = ?",
    [KS_BACKEND_SQL_INSERT_STORE] = KS_BACKEND_INSERT_STORE_SQL("?, ?, ?, ?, ?, ?"),
    [KS_BACKEND_SQL_STORES] = KS_BACKEND_STORES_SQL,
    [KS_BACKEND_SQL_DEVICE_BY_TOKEN] = KS_BACKEND_DEVICE_BY_TOKEN_SQL("?1"),
    [KS_BACKEND_SQL_LIVE_DEVICE] = KS_BACKEND_LIVE_DEVICE_SQL("?1"),
    [KS_BACKEND_SQL_INSERT_ENROL_CODE] = KS_BACKEND_INSERT_ENROL_CODE_SQL("?, ?, ?, ?, ?, ?, ?"),
    [KS_BACKEND_SQL_TAKE_ENROL_CODE] = KS_BACKEND_TAKE_ENROL_CODE_SQL("?1", "?2", "?3"),
    [KS_BACKEND_SQL_FORGET_ENROL_CODES] = KS_BACKEND_FORGET_ENROL_CODES_SQL("?1"),
    [KS_BACKEND_SQL_ENROL_DEVICE] = KS_BACKEND_ENROL_DEVICE_SQL("?, ?, ?, ?, ?, ?"),
    [KS_BACKEND_SQL_REVOKE_DEVICE] = KS_BACKEND_REVOKE_DEVICE_SQL("?1", "?2", "?3"),
    [KS_BACKEND_SQL_DEVICES] = KS_BACKEND_DEVICES_SQL("?1"),
    [KS_BACKEND_SQL_PEERS] = KS_BACKEND_PEERS_SQL("?1"),
    [KS_BACKEND_SQL_ORDER_VIEW] = KS_BACKEND_ORDER_VIEW_SQL("?1"),
    [KS_BACKEND_SQL_ORDER_FIND] = KS_BACKEND_ORDER_FIND_SQL("?1", "?2", "?3"),
    [KS_BACKEND_SQL_ORDER_REFUNDS] =
        KS_BACKEND_ORDER_REFUNDS_SQL("?1", KS_BACKEND_STAFF_OF_EXTRACT("f.refund_json"),
                                     KS_BACKEND_TERMINAL_REF_OF_EXTRACT("f.refund_json")),
    [KS_BACKEND_SQL_ORDER_REFUND_REQUESTS] = KS_BACKEND_ORDER_REFUND_REQUESTS_SQL("?1"),
    [KS_BACKEND_SQL_ORDER_INTERVENTIONS] = KS_BACKEND_ORDER_INTERVENTIONS_SQL("?1"),
    [KS_BACKEND_SQL_ORDER_PAYING] = KS_BACKEND_ORDER_PAYING_SQL("?1", "?2"),
    [KS_BACKEND_SQL_ORDER_KITCHEN] = KS_BACKEND_ORDER_KITCHEN_SQL("?1"),
    [KS_BACKEND_SQL_ORDER_EINVOICES] = KS_BACKEND_ORDER_EINVOICES_SQL("?1", "?2"),
};

/*
 * Reports read every order of a period, again and again: each connection
 * maps the file (no copy of each page through a read call) and keeps more
 * pages than SQLite's 2 MiB default. No connection checkpoints the WAL when
 * it commits (SQLite's default every 1000 pages, which made the unlucky
 * kiosk's order wait for the copy): sqlite_maintain does, off the orders'
 * path.
 */
#define MAP_BYTES "268435456"
#define CACHE_KIB "32768"

static void *sqlite_open(const char *target, enum ks_db_error *err)
{
    /* ks_db_open logs why a file is refused. */
    ks_db *db = ks_own_schema_open(target, &own_schema, err);
    if (!db)
        return NULL;
    int64_t mapped;
    ks_db_binder map = ks_db_bind(db, "PRAGMA mmap_size = " MAP_BYTES);
    ks_db_binder cache = ks_db_bind(db, "PRAGMA cache_size = -" CACHE_KIB);
    ks_db_binder manual = ks_db_bind(db, "PRAGMA wal_autocheckpoint = 0");
    int64_t pages;
    if (ks_db_query_int(db, &map, &mapped) != KS_DB_OK || ks_db_exec(db, &cache) != KS_DB_OK ||
        ks_db_query_int(db, &manual, &pages) != KS_DB_OK)
        LOG_WARN("%s: reports read it without a map or a larger cache, or commits checkpoint",
                 target);
    return db;
}

/* A passive checkpoint: copies what no reader still needs, waits for nobody. */
static enum ks_db_error sqlite_maintain(void *conn)
{
    ks_db_binder checkpoint = ks_db_bind(conn, "PRAGMA wal_checkpoint(PASSIVE)");
    return ks_db_query(conn, &checkpoint, NULL, NULL, NULL);
}

static void sqlite_close(void *conn)
{
    ks_db_close(conn);
}

/*
 * The backend's workers each hold a connection to the one file, and SQLite
 * lets one of them write at a time: a writer that finds the lock taken
 * sleeps in the busy handler (1, 2, 5, 10 ... 100 ms steps) and wakes late.
 * Writers of this process queue on a mutex instead and go the moment the
 * previous one commits (the busy handler still covers other processes).
 */
static pthread_mutex_t writers = PTHREAD_MUTEX_INITIALIZER;

/* A snapshot is a read transaction (WAL: it reads the file as its first statement found it),
 * which neither queues with the writers nor holds them up. */
static enum ks_db_error sqlite_begin(void *conn, bool snapshot)
{
    if (snapshot)
        return ks_db_begin_read(conn);
    pthread_mutex_lock(&writers);
    enum ks_db_error err = ks_db_begin(conn);
    if (err != KS_DB_OK)
        pthread_mutex_unlock(&writers);
    return err;
}

static enum ks_db_error sqlite_end(void *conn, bool snapshot, enum ks_db_error err)
{
    err = ks_db_end(conn, err);
    if (!snapshot)
        pthread_mutex_unlock(&writers);
    return err;
}

static ks_db_binder bind_values(ks_db *db, enum ks_backend_sql sql, const ks_backend_value *values,
                                size_t n)
{
    ks_db_binder b = ks_db_bind(db, sql_text[sql]);
    for (size_t i = 0; i < n; i++) {
        if (values[i].text)
            ks_db_bind_text(&b, values[i].text);
        else
            ks_db_bind_int(&b, values[i].integer);
    }
    return b;
}

static enum ks_db_error sqlite_exec(void *conn, enum ks_backend_sql sql,
                                    const ks_backend_value *values, size_t n, int64_t *changed)
{
    ks_db_binder b = bind_values(conn, sql, values, n);
    enum ks_db_error err = ks_db_exec(conn, &b);
    *changed = err == KS_DB_OK ? ks_db_changes(conn) : 0;
    return err;
}

static enum ks_db_error add_row(sqlite3_stmt *stmt, void *sink_arg)
{
    const ks_backend_sink *sink = sink_arg;
    const char *names[KS_BACKEND_VALUES_MAX];
    ks_backend_value values[KS_BACKEND_VALUES_MAX];
    int n = sqlite3_column_count(stmt);
    if (n > KS_BACKEND_VALUES_MAX)
        return KS_DB_ERR_INTERNAL;
    for (int i = 0; i < n; i++) {
        names[i] = sqlite3_column_name(stmt, i);
        if (!names[i])
            return KS_DB_ERR_NO_MEMORY;
        bool integer = sqlite3_column_type(stmt, i) == SQLITE_INTEGER;
        values[i] = (ks_backend_value){
            .text = integer ? NULL : ks_db_column_text(stmt, i),
            .integer = integer ? sqlite3_column_int64(stmt, i) : 0,
        };
    }
    return sink->row(sink->ctx, names, values, (size_t)n);
}

static enum ks_db_error sqlite_query(void *conn, enum ks_backend_sql sql,
                                     const ks_backend_value *values, size_t n,
                                     const ks_backend_sink *sink)
{
    ks_db_binder b = bind_values(conn, sql, values, n);
    /* ks_db_query's argument is not const: the sink is only read. */
    return ks_db_query(conn, &b, add_row, (void *)sink, NULL);
}

const ks_backend_driver ks_backend_sqlite_driver = {
    .name = "SQLite",
    .open = sqlite_open,
    .close = sqlite_close,
    .begin = sqlite_begin,
    .end = sqlite_end,
    .exec = sqlite_exec,
    .query = sqlite_query,
    /* A file is not lost like a connection: its errors are final. */
    .reconnect = NULL,
    .maintain = sqlite_maintain,
};
