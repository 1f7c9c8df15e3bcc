/*
 * The backend store's PostgreSQL driver (backend_store_driver.h) on libpq:
 * one connection, every statement prepared once per connection and run with
 * bound values, the be_* tables created and upgraded by numbered migrations
 * recorded in be_schema. synchronous_commit is left on (and turned on for
 * this session when the server has it off), so a COMMIT that returned is
 * on the server's disk. Text columns compare byte by byte (COLLATE "C"),
 * integer sums are cast back to bigint, and hours are formatted like
 * SQLite's strftime, so the reports give the same rows as the SQLite store.
 *
 * A lost connection (server restarted, network cut) is noticed by libpq
 * (CONNECTION_BAD); pg_reconnect makes it again with PQreset and prepares
 * the statements again. It is called at most once per store call by
 * backend_store.c, so a server that stays away costs one connection
 * attempt per request (connect_timeout, 10 s by default, bounds it).
 */
#define LOG_TAG "backend_pg"
#include <libpq-fe.h>
#include <stdio.h>
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

/* One connection and what must be set again on each new one. */
struct pg {
    PGconn *pq;          /* owned */
    int timeout_ms;      /* statement_timeout; 0: the server's */
    bool plan_each_call; /* plan_cache_mode = force_custom_plan; false: the server's */
};

/* Type oids of int2, int4 and int8 (catalog/pg_type_d.h, not installed by libpq-dev). */
#define INT2_OID 21
#define INT4_OID 23
#define INT8_OID 20

/* Serialises migrations of two backends starting together on one database ("kiosk" as bytes). */
#define MIGRATION_LOCK "461330412395"
/*
 * With a hash of a business month and store: the class of locks of the kitchen summaries of that
 * month and store ("Kitc"; be_kitchen_days, be_kitchen_seconds, be_kitchen_months).
 */
#define KITCHEN_LOCK "1265202275"
/* With 0: the lock of refreshes of be_kitchen_months ("Kitr"). */
#define KITCHEN_REFRESH_LOCK "1265202290"
/* With a hash of an order's uuid: the lock of its decisions taken while paying ("Payi"). */
#define PAYING_LOCK "1348565353"
/* A member of a staff action's body by its path (backend_staff_action_sql.h). */
#define PG_ACTION_FIELD(PATH, SQLITE_PATH) "(s.action_json::json #>> '{" PATH "}')"

/* The kitchen-speed report per PERIOD, its percentile by PostgreSQL's percentile_disc. */
#define KITCHEN_SQL(PERIOD, NAME)                                                                  \
    KS_BACKEND_KITCHEN_SQL("$1::text", "$2::text", "$3::text", PERIOD, NAME, "",                   \
                           KS_BACKEND_KITCHEN_P90_DISC)

/* A table of the kitchen report's rows per PERIOD (its column), store and station. */
#define KITCHEN_REPORT_TABLE(NAME, PERIOD)                                                         \
    "CREATE TABLE " NAME " (\n"                                                                    \
    "    " PERIOD " text COLLATE \"C\" NOT NULL,\n"                                                \
    "    store_id      text COLLATE \"C\" NOT NULL,\n"                                             \
    "    station       text COLLATE \"C\" NOT NULL,\n"                                             \
    "    orders        bigint NOT NULL,\n"                                                         \
    "    ready_avg_s   bigint NOT NULL,\n"                                                         \
    "    ready_p90_s   bigint NOT NULL,\n"                                                         \
    "    collected     bigint NOT NULL,\n"                                                         \
    "    collect_avg_s bigint NOT NULL,\n"                                                         \
    "    PRIMARY KEY (" PERIOD ", store_id, station)\n"                                            \
    ")"

/* be_kitchen_days' rows of the be_kitchen_times rows WHERE picks. */
#define KITCHEN_DAYS_OF(WHERE) KS_BACKEND_KITCHEN_DAYS_OF(WHERE, "", KS_BACKEND_KITCHEN_P90_DISC)

/* Sales per hour's period: the first second of the local hour, as 'YYYY-MM-DD HH:00'. */
#define PG_HOUR_PERIOD(HOUR)                                                                       \
    "to_char(to_timestamp(" HOUR ") AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:00')"

/* A table of backend_channel_sql.h in PostgreSQL's types; migration 21's statements. */
#define CHANNEL_TABLE(SQL) SQL("text COLLATE \"C\"", "bigint")
#define CHANNEL_TABLES                                                                             \
    CHANNEL_TABLE(KS_BACKEND_CHANNEL_SALES_TABLE_SQL)                                              \
    ";\n" KS_BACKEND_CHANNEL_SALES_INDEX_SQL                                                       \
    ";\n" CHANNEL_TABLE(KS_BACKEND_CHANNEL_LINES_TABLE_SQL) ";\n" CHANNEL_TABLE(                   \
        KS_BACKEND_CHANNEL_LINE_COSTS_TABLE_SQL)

/* Migration 31's statements (backend_staff_action_sql.h, backend_order_view_sql.h). */
/* clang-format off */
#define OLD_PAYING_PLACED                                                                          \
    KS_BACKEND_PAYING_BY_ORDER_SQL ";\n"                                                           \
    KS_BACKEND_EINVOICES_BY_ORDER_SQL ";\n"                                                        \
    KS_BACKEND_PAYING_FROM_ACTIONS_SQL(PG_ACTION_FIELD) ";\n"                                      \
    KS_BACKEND_PLACE_PAYING_SQL(KS_BACKEND_PAYING_OF_ANY) ";\n"                                    \
    KS_BACKEND_ADD_PAYING_MONTHS_SQL(KS_BACKEND_STAFF_WAITS_ARRAY_AGG,                             \
                                     KS_BACKEND_STAFF_WAITS_ARRAY_CAT) ";\n"                       \
    KS_BACKEND_PLACED_PAYING_SQL(KS_BACKEND_PAYING_OF_ANY) ";\n"                                   \
    KS_BACKEND_UNPAID_PAYING_SQL(KS_BACKEND_PAYING_OF_ANY)
/* clang-format on */

/*
 * Migration i brings the tables from version i to i + 1 (version 1 is the
 * first schema). be_orders.order_json is the body received byte for byte
 * (json keeps its text as given); be_lines and be_vat copy what the
 * reports add up, so no report parses JSON. Keep in step with the SQLite
 * schema in backend_store_sqlite.c.
 */
static const char *const migrations[] = {
    "CREATE TABLE be_orders (\n"
    "    seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
    "    uuid          text COLLATE \"C\" NOT NULL UNIQUE,\n"
    "    store_id      text COLLATE \"C\" NOT NULL,\n"
    "    kiosk_id      text COLLATE \"C\" NOT NULL,\n"
    "    number        bigint NOT NULL,\n"
    "    business_date text COLLATE \"C\" NOT NULL,\n"
    "    created_at    bigint NOT NULL,\n"
    "    received_at   bigint NOT NULL,\n"
    "    total_net     bigint NOT NULL,\n"
    "    total_vat     bigint NOT NULL,\n"
    "    total         bigint NOT NULL,\n"
    "    order_json    json NOT NULL\n"
    ");\n"
    "CREATE INDEX be_orders_by_date ON be_orders (business_date, store_id);\n"
    "CREATE TABLE be_lines (\n"
    "    uuid        text COLLATE \"C\" NOT NULL REFERENCES be_orders (uuid),\n"
    "    line_no     bigint NOT NULL,\n"
    "    item_id     text COLLATE \"C\" NOT NULL,\n"
    "    name_en     text COLLATE \"C\" NOT NULL,\n"
    "    name_ar     text COLLATE \"C\" NOT NULL,\n"
    "    unit        text COLLATE \"C\" NOT NULL,\n"
    "    quantity    bigint NOT NULL,\n"
    "    net         bigint NOT NULL,\n"
    "    vat         bigint NOT NULL,\n"
    "    gross       bigint NOT NULL,\n"
    "    PRIMARY KEY (uuid, line_no)\n"
    ");\n"
    "CREATE TABLE be_vat (\n"
    "    uuid    text COLLATE \"C\" NOT NULL REFERENCES be_orders (uuid),\n"
    "    rate_bp bigint NOT NULL,\n"
    "    taxable bigint NOT NULL,\n"
    "    vat     bigint NOT NULL,\n"
    "    PRIMARY KEY (uuid, rate_bp)\n"
    ");\n"
    "CREATE TABLE be_heartbeats (\n"
    "    kiosk_id text COLLATE \"C\" PRIMARY KEY,\n"
    "    at       bigint NOT NULL,\n"
    "    version  text COLLATE \"C\" NOT NULL,\n"
    "    unsent   bigint NOT NULL,\n"
    "    devices  json NOT NULL\n"
    ")",
    /* Version 2: each order's e-receipt token (orders without one have no row). */
    "CREATE TABLE be_receipts (\n"
    "    token text COLLATE \"C\" PRIMARY KEY,\n"
    "    uuid  text COLLATE \"C\" NOT NULL UNIQUE REFERENCES be_orders (uuid)\n"
    ")",
    /* Version 3: orders cancelled unpaid, and the kitchen's status changes. */
    "CREATE TABLE be_cancelled (\n"
    "    uuid text COLLATE \"C\" PRIMARY KEY REFERENCES be_orders (uuid)\n"
    ");\n"
    "CREATE TABLE be_kitchen (\n"
    "    uuid        text COLLATE \"C\" NOT NULL REFERENCES be_orders (uuid),\n"
    "    status      text COLLATE \"C\" NOT NULL,\n"
    "    station     text COLLATE \"C\" NOT NULL,\n"
    "    at          bigint NOT NULL,\n"
    "    paid_at     bigint NOT NULL,\n"
    "    received_at bigint NOT NULL,\n"
    "    PRIMARY KEY (uuid, status, station, at)\n"
    ")",
    /* Version 4: refunds of paid orders, each under its own id. */
    "CREATE TABLE be_refunds (\n"
    "    refund_id   text COLLATE \"C\" PRIMARY KEY,\n"
    "    uuid        text COLLATE \"C\" NOT NULL REFERENCES be_orders (uuid),\n"
    "    method      text COLLATE \"C\" NOT NULL,\n"
    "    amount      bigint NOT NULL,\n"
    "    vat         bigint NOT NULL,\n"
    "    reason      text COLLATE \"C\" NOT NULL,\n"
    "    at          bigint NOT NULL,\n"
    "    received_at bigint NOT NULL,\n"
    "    refund_json json NOT NULL\n"
    ");\n"
    "CREATE INDEX be_refunds_by_order ON be_refunds (uuid)",
    /* Version 5: stock levels, their journal, the adjustments applied by request id, recipes. */
    "CREATE TABLE be_stock (\n"
    "    store_id text COLLATE \"C\" NOT NULL,\n"
    "    item_id  text COLLATE \"C\" NOT NULL,\n"
    "    on_hand  bigint NOT NULL,\n"
    "    low_at   bigint NOT NULL DEFAULT 0,\n"
    "    sold_out_at bigint NOT NULL DEFAULT 0,\n"
    "    PRIMARY KEY (store_id, item_id)\n"
    ");\n"
    "CREATE TABLE be_stock_moves (\n"
    "    seq      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
    "    store_id text COLLATE \"C\" NOT NULL,\n"
    "    item_id  text COLLATE \"C\" NOT NULL,\n"
    "    quantity bigint NOT NULL,\n"
    "    on_hand  bigint NOT NULL,\n"
    "    reason   text COLLATE \"C\" NOT NULL,\n"
    "    person   text COLLATE \"C\" NOT NULL,\n"
    "    ref      text COLLATE \"C\" NOT NULL,\n"
    "    at       bigint NOT NULL\n"
    ");\n"
    "CREATE INDEX be_stock_moves_by_item ON be_stock_moves (store_id, item_id, at);\n"
    "CREATE TABLE be_stock_requests (\n"
    "    request_id   text COLLATE \"C\" PRIMARY KEY,\n"
    "    request_json json NOT NULL,\n"
    "    received_at  bigint NOT NULL\n"
    ");\n"
    "CREATE TABLE be_recipes (\n"
    "    item_id       text COLLATE \"C\" NOT NULL,\n"
    "    ingredient_id text COLLATE \"C\" NOT NULL,\n"
    "    quantity      bigint NOT NULL,\n"
    "    PRIMARY KEY (item_id, ingredient_id)\n"
    ")",
    /* Version 6: people and their stores, sessions, login limits, the audit log. */
    "CREATE TABLE be_people (\n"
    "    name          text COLLATE \"C\" PRIMARY KEY,\n"
    "    role          text COLLATE \"C\" NOT NULL,\n"
    "    password_hash text NOT NULL,\n"
    "    created_at    bigint NOT NULL\n"
    ");\n"
    "CREATE TABLE be_person_stores (\n"
    "    name     text COLLATE \"C\" NOT NULL REFERENCES be_people (name),\n"
    "    store_id text COLLATE \"C\" NOT NULL,\n"
    "    PRIMARY KEY (name, store_id)\n"
    ");\n"
    "CREATE TABLE be_sessions (\n"
    "    id_hash    text COLLATE \"C\" PRIMARY KEY,\n"
    "    name       text COLLATE \"C\" NOT NULL REFERENCES be_people (name),\n"
    "    csrf       text COLLATE \"C\" NOT NULL,\n"
    "    created_at bigint NOT NULL,\n"
    "    last_seen  bigint NOT NULL\n"
    ");\n"
    "CREATE TABLE be_login_limits (\n"
    "    key          text COLLATE \"C\" PRIMARY KEY,\n"
    "    failures     bigint NOT NULL,\n"
    "    last_failure bigint NOT NULL\n"
    ");\n"
    "CREATE TABLE be_audit (\n"
    "    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
    "    at             bigint NOT NULL,\n"
    "    actor          text COLLATE \"C\" NOT NULL,\n"
    "    role           text COLLATE \"C\" NOT NULL,\n"
    "    action         text COLLATE \"C\" NOT NULL,\n"
    "    store_id       text COLLATE \"C\" NOT NULL,\n"
    "    target         text COLLATE \"C\" NOT NULL,\n"
    "    before_summary text COLLATE \"C\" NOT NULL,\n"
    "    after_summary  text COLLATE \"C\" NOT NULL\n"
    ");\n"
    "CREATE INDEX be_audit_by_store ON be_audit (store_id, seq)",
    /* Version 7: stock reservations of other sales channels, and their lines. */
    "CREATE TABLE be_reservations (\n"
    "    reservation_id text COLLATE \"C\" PRIMARY KEY,\n"
    "    channel        text COLLATE \"C\" NOT NULL,\n"
    "    store_id       text COLLATE \"C\" NOT NULL,\n"
    "    state          text COLLATE \"C\" NOT NULL,\n"
    "    created_at     bigint NOT NULL,\n"
    "    expires_at     bigint NOT NULL,\n"
    "    ended_at       bigint NOT NULL DEFAULT 0\n"
    ");\n"
    "CREATE INDEX be_reservations_live ON be_reservations (store_id, state, expires_at);\n"
    "CREATE TABLE be_reservation_lines (\n"
    "    reservation_id text COLLATE \"C\" NOT NULL REFERENCES be_reservations (reservation_id),\n"
    "    item_id        text COLLATE \"C\" NOT NULL,\n"
    "    quantity       bigint NOT NULL,\n"
    "    PRIMARY KEY (reservation_id, item_id)\n"
    ");\n"
    "CREATE INDEX be_reservation_lines_by_item ON be_reservation_lines (item_id)",
    /* Version 8: the stores' own prices of menu items. */
    "CREATE TABLE be_prices (\n"
    "    store_id   text COLLATE \"C\" NOT NULL,\n"
    "    item_id    text COLLATE \"C\" NOT NULL,\n"
    "    price      bigint NOT NULL,\n"
    "    updated_at bigint NOT NULL,\n"
    "    PRIMARY KEY (store_id, item_id)\n"
    ")",
    /* Version 9: stores made through the API, enrolled devices and their enrolment codes. */
    "CREATE TABLE be_stores (\n"
    "    store_id   text COLLATE \"C\" PRIMARY KEY,\n"
    "    name_ar    text COLLATE \"C\" NOT NULL,\n"
    "    name_en    text COLLATE \"C\" NOT NULL,\n"
    "    menu       text COLLATE \"C\" NOT NULL,\n"
    "    created_at bigint NOT NULL,\n"
    "    created_by text COLLATE \"C\" NOT NULL\n"
    ");\n"
    "CREATE TABLE be_devices (\n"
    "    device_id   text COLLATE \"C\" PRIMARY KEY,\n"
    "    store_id    text COLLATE \"C\" NOT NULL,\n"
    "    kind        text COLLATE \"C\" NOT NULL,\n"
    "    token_hash  text COLLATE \"C\" NOT NULL UNIQUE,\n"
    "    enrolled_at bigint NOT NULL,\n"
    "    enrolled_by text COLLATE \"C\" NOT NULL,\n"
    "    revoked_at  bigint NOT NULL DEFAULT 0,\n"
    "    revoked_by  text COLLATE \"C\" NOT NULL DEFAULT ''\n"
    ");\n"
    "CREATE TABLE be_enrol_codes (\n"
    "    code_hash  text COLLATE \"C\" PRIMARY KEY,\n"
    "    store_id   text COLLATE \"C\" NOT NULL,\n"
    "    device_id  text COLLATE \"C\" NOT NULL,\n"
    "    kind       text COLLATE \"C\" NOT NULL,\n"
    "    created_at bigint NOT NULL,\n"
    "    expires_at bigint NOT NULL,\n"
    "    created_by text COLLATE \"C\" NOT NULL,\n"
    "    used_at    bigint NOT NULL DEFAULT 0\n"
    ")",
    /* Version 10: how each paid order was paid (orders stored before have no row: "unknown"), the
     * items' costs, each order line's cost taken when it was stored, the refunds' lines. */
    "CREATE TABLE be_payments (\n"
    "    uuid   text COLLATE \"C\" PRIMARY KEY REFERENCES be_orders (uuid),\n"
    "    method text COLLATE \"C\" NOT NULL,\n"
    "    brand  text COLLATE \"C\" NOT NULL\n"
    ");\n"
    "CREATE TABLE be_costs (\n"
    "    item_id    text COLLATE \"C\" PRIMARY KEY,\n"
    "    unit_cost  bigint NOT NULL,\n"
    "    updated_at bigint NOT NULL\n"
    ");\n"
    "CREATE TABLE be_line_costs (\n"
    "    uuid      text COLLATE \"C\" NOT NULL,\n"
    "    line_no   bigint NOT NULL,\n"
    "    unit_cost bigint NOT NULL,\n"
    "    cost      bigint NOT NULL,\n"
    "    PRIMARY KEY (uuid, line_no),\n"
    "    FOREIGN KEY (uuid, line_no) REFERENCES be_lines (uuid, line_no)\n"
    ");\n"
    "CREATE TABLE be_refund_lines (\n"
    "    refund_id text COLLATE \"C\" NOT NULL REFERENCES be_refunds (refund_id),\n"
    "    uuid      text COLLATE \"C\" NOT NULL,\n"
    "    line_no   bigint NOT NULL,\n"
    "    quantity  bigint NOT NULL,\n"
    "    amount    bigint NOT NULL,\n"
    "    PRIMARY KEY (refund_id, line_no)\n"
    ");\n"
    "CREATE INDEX be_refund_lines_by_order ON be_refund_lines (uuid, line_no)",
    /* Version 11: whether a store sells an item, where it differs from its menu file. */
    "CREATE TABLE be_availability (\n"
    "    store_id   text COLLATE \"C\" NOT NULL,\n"
    "    item_id    text COLLATE \"C\" NOT NULL,\n"
    "    available  bigint NOT NULL CHECK (available IN (0, 1)),\n"
    "    updated_at bigint NOT NULL,\n"
    "    PRIMARY KEY (store_id, item_id)\n"
    ")",
    /* Version 12: the reports' summaries per day and store (best sellers, VAT), filled from the
     * raw rows. */
    "CREATE TABLE be_day_items (\n"
    "    business_date text COLLATE \"C\" NOT NULL,\n"
    "    store_id      text COLLATE \"C\" NOT NULL,\n"
    "    item_id       text COLLATE \"C\" NOT NULL,\n"
    "    unit          text COLLATE \"C\" NOT NULL,\n"
    "    quantity      bigint NOT NULL,\n"
    "    orders        bigint NOT NULL,\n"
    "    net           bigint NOT NULL,\n"
    "    vat           bigint NOT NULL,\n"
    "    gross         bigint NOT NULL,\n"
    "    name_en       text COLLATE \"C\" NOT NULL,\n"
    "    name_ar       text COLLATE \"C\" NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, item_id, unit)\n"
    ");\n"
    "CREATE TABLE be_day_vat (\n"
    "    business_date text COLLATE \"C\" NOT NULL,\n"
    "    store_id      text COLLATE \"C\" NOT NULL,\n"
    "    rate_bp       bigint NOT NULL,\n"
    "    orders        bigint NOT NULL,\n"
    "    taxable       bigint NOT NULL,\n"
    "    vat           bigint NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, rate_bp)\n"
    ");\n" KS_BACKEND_FILL_DAY_ITEMS_SQL ";\n" KS_BACKEND_FILL_DAY_VAT_SQL,
    /* Version 13: the other reports' summaries (sales, peak hours, refunds, payment methods,
     * profit), filled from the raw rows. */
    "CREATE TABLE be_day_sales (\n"
    "    business_date   text COLLATE \"C\" NOT NULL,\n"
    "    store_id        text COLLATE \"C\" NOT NULL,\n"
    "    kiosk_id        text COLLATE \"C\" NOT NULL,\n"
    "    orders          bigint NOT NULL,\n"
    "    total_net       bigint NOT NULL,\n"
    "    total_vat       bigint NOT NULL,\n"
    "    total           bigint NOT NULL,\n"
    "    cancelled       bigint NOT NULL,\n"
    "    cancelled_total bigint NOT NULL,\n"
    "    refunds         bigint NOT NULL,\n"
    "    refunded        bigint NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, kiosk_id)\n"
    ");\n"
    "CREATE TABLE be_quarter_sales (\n"
    "    business_date text COLLATE \"C\" NOT NULL,\n"
    "    store_id      text COLLATE \"C\" NOT NULL,\n"
    "    quarter       bigint NOT NULL,\n"
    "    orders        bigint NOT NULL,\n"
    "    total         bigint NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, quarter)\n"
    ");\n"
    "CREATE TABLE be_day_refunds (\n"
    "    business_date text COLLATE \"C\" NOT NULL,\n"
    "    store_id      text COLLATE \"C\" NOT NULL,\n"
    "    method        text COLLATE \"C\" NOT NULL,\n"
    "    reason        text COLLATE \"C\" NOT NULL,\n"
    "    refunds       bigint NOT NULL,\n"
    "    amount        bigint NOT NULL,\n"
    "    vat           bigint NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, method, reason)\n"
    ");\n"
    "CREATE TABLE be_day_payments (\n"
    "    business_date text COLLATE \"C\" NOT NULL,\n"
    "    store_id      text COLLATE \"C\" NOT NULL,\n"
    "    method        text COLLATE \"C\" NOT NULL,\n"
    "    brand         text COLLATE \"C\" NOT NULL,\n"
    "    orders        bigint NOT NULL,\n"
    "    amount        bigint NOT NULL,\n"
    "    refunds       bigint NOT NULL,\n"
    "    refunded      bigint NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, method, brand)\n"
    ");\n"
    "CREATE TABLE be_day_profit (\n"
    "    business_date text COLLATE \"C\" NOT NULL,\n"
    "    store_id      text COLLATE \"C\" NOT NULL,\n"
    "    item_id       text COLLATE \"C\" NOT NULL,\n"
    "    unit          text COLLATE \"C\" NOT NULL,\n"
    "    quantity      bigint NOT NULL,\n"
    "    net           bigint NOT NULL,\n"
    "    cost          bigint NOT NULL,\n"
    "    uncosted      bigint NOT NULL,\n"
    "    name_en       text COLLATE \"C\" NOT NULL,\n"
    "    name_ar       text COLLATE \"C\" NOT NULL,\n"
    "    PRIMARY KEY (business_date, store_id, item_id, unit)\n"
    ");\n"
    "CREATE TABLE be_kitchen_times (\n"
    "    uuid          text COLLATE \"C\" NOT NULL REFERENCES be_orders (uuid),\n"
    "    station       text COLLATE \"C\" NOT NULL,\n"
    "    business_date text COLLATE \"C\" NOT NULL,\n"
    "    store_id      text COLLATE \"C\" NOT NULL,\n"
    "    paid_at       bigint NOT NULL,\n"
    "    ready_s       bigint NOT NULL,\n"
    "    collect_s     bigint,\n"
    "    PRIMARY KEY (uuid, station)\n"
    ");\n"
    "CREATE INDEX be_kitchen_times_by_day ON be_kitchen_times (business_date, "
    "store_id);\n" KS_BACKEND_FILL_KITCHEN_TIMES_SQL ";\n" KS_BACKEND_FILL_DAY_SALES_SQL
    ";\n" KS_BACKEND_FILL_QUARTER_SALES_SQL ";\n" KS_BACKEND_FILL_DAY_REFUNDS_SQL
    ";\n" KS_BACKEND_FILL_DAY_PAYMENTS_SQL ";\n" KS_BACKEND_FILL_DAY_PROFIT_SQL("least"),
    /* Version 14: refunds asked for from the back office, carried out (or refused) by the kiosk
     * that sold the order. */
    "CREATE TABLE be_refund_requests (\n"
    "    seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
    "    request_id     text COLLATE \"C\" NOT NULL UNIQUE,\n"
    "    order_uuid     text COLLATE \"C\" NOT NULL REFERENCES be_orders (uuid),\n"
    "    store_id       text COLLATE \"C\" NOT NULL,\n"
    "    kiosk_id       text COLLATE \"C\" NOT NULL,\n"
    "    reason         text COLLATE \"C\" NOT NULL,\n"
    "    request_json   text COLLATE \"C\" NOT NULL,\n"
    "    person         text COLLATE \"C\" NOT NULL,\n"
    "    asked_at       bigint NOT NULL,\n"
    "    status         text COLLATE \"C\" NOT NULL DEFAULT 'requested'\n"
    "                   CHECK (status IN ('requested', 'done', 'refused')),\n"
    "    refused_reason text COLLATE \"C\" NOT NULL DEFAULT '',\n"
    "    refund_id      text COLLATE \"C\" NOT NULL DEFAULT '',\n"
    "    settled_at     bigint NOT NULL DEFAULT 0\n"
    ");\n"
    "CREATE INDEX be_refund_requests_by_store ON be_refund_requests (store_id, seq);\n"
    "CREATE INDEX be_refund_requests_by_kiosk ON be_refund_requests (kiosk_id, status);\n"
    "CREATE INDEX be_refund_requests_by_order ON be_refund_requests (order_uuid, status);\n"
    "CREATE TABLE be_refund_request_lines (\n"
    "    request_id text COLLATE \"C\" NOT NULL REFERENCES be_refund_requests (request_id),\n"
    "    line_no    bigint NOT NULL,\n"
    "    quantity   bigint NOT NULL,\n"
    "    PRIMARY KEY (request_id, line_no)\n"
    ")",
    /* Version 15: the kitchen-speed report per day, kept worked out (backend_kitchen_sql.h). */
    KITCHEN_REPORT_TABLE("be_kitchen_days", "business_date") ";\n" KS_BACKEND_FILL_KITCHEN_DAYS_SQL(
        "", KS_BACKEND_KITCHEN_P90_DISC),
    /* Version 16: the stock each reservation holds, its lines' items and their recipes'
     * ingredients (backend_reservation_sql.h); the reservations made before held their lines. */
    "CREATE TABLE be_reservation_holds (\n"
    "    reservation_id text COLLATE \"C\" NOT NULL REFERENCES be_reservations (reservation_id),\n"
    "    item_id        text COLLATE \"C\" NOT NULL,\n"
    "    quantity       bigint NOT NULL,\n"
    "    PRIMARY KEY (reservation_id, item_id)\n"
    ");\n"
    "CREATE INDEX be_reservation_holds_by_item ON be_reservation_holds "
    "(item_id);\n" KS_BACKEND_FILL_RESERVATION_HOLDS_SQL,
    /* Version 17: the archive of the kiosks' signed e-invoices (backend_einvoice_sql.h). */
    KS_BACKEND_EINVOICES_TABLE_SQL("text COLLATE \"C\"",
                                   "bigint") ";\n" KS_BACKEND_EINVOICES_INDEX_SQL
                                             ";\n" KS_BACKEND_EINVOICES_BY_ISSUE_SQL,
    /* Version 18: the paid orders' attendant interventions, for the staff report
     * (backend_staff_sql.h). */
    "CREATE TABLE be_interventions (\n"
    "    uuid          text COLLATE \"C\" NOT NULL REFERENCES be_orders (uuid),\n"
    "    seq           bigint NOT NULL,\n"
    "    business_date text COLLATE \"C\" NOT NULL,\n"
    "    store_id      text COLLATE \"C\" NOT NULL,\n"
    "    staff         text COLLATE \"C\" NOT NULL,\n"
    "    need          text COLLATE \"C\" NOT NULL,\n"
    "    decision      text COLLATE \"C\" NOT NULL,\n"
    "    raised_at     bigint NOT NULL,\n"
    "    decided_at    bigint NOT NULL,\n"
    "    void_item     text COLLATE \"C\" NOT NULL,\n"
    "    void_amount   bigint NOT NULL,\n"
    "    PRIMARY KEY (uuid, seq)\n"
    ");\n"
    "CREATE INDEX be_interventions_by_day ON be_interventions (business_date, store_id)",
    /* Version 19: the stores' own price deltas of sizes, options and combo choices. */
    "CREATE TABLE be_price_deltas (\n"
    "    store_id    text COLLATE \"C\" NOT NULL,\n"
    "    kind        text COLLATE \"C\" NOT NULL CHECK (kind IN ('size', 'option', 'choice')),\n"
    "    owner_id    text COLLATE \"C\" NOT NULL,\n"
    "    slot_id     text COLLATE \"C\" NOT NULL,\n"
    "    part_id     text COLLATE \"C\" NOT NULL,\n"
    "    price_delta bigint NOT NULL,\n"
    "    updated_at  bigint NOT NULL,\n"
    "    PRIMARY KEY (store_id, kind, owner_id, slot_id, part_id)\n"
    ")",
    /* Version 20: the kitchen-speed report per month, kept worked out (backend_kitchen_sql.h). */
    "CREATE TABLE be_kitchen_seconds (\n"
    "    month       text COLLATE \"C\" NOT NULL,\n"
    "    store_id    text COLLATE \"C\" NOT NULL,\n"
    "    station     text COLLATE \"C\" NOT NULL,\n"
    "    ready_s     bigint NOT NULL,\n"
    "    orders      bigint NOT NULL,\n"
    "    collected   bigint NOT NULL,\n"
    "    collect_sum bigint NOT NULL,\n"
    "    PRIMARY KEY (month, store_id, station, ready_s)\n"
    ");\n" KITCHEN_REPORT_TABLE("be_kitchen_months",
                                "month") ";\n"
                                         "CREATE TABLE be_kitchen_stale (\n"
                                         "    month      text COLLATE \"C\" NOT NULL,\n"
                                         "    store_id   text COLLATE \"C\" NOT NULL,\n"
                                         "    refreshing integer NOT NULL DEFAULT 0,\n"
                                         "    PRIMARY KEY (month, store_id)\n"
                                         ");\n" KS_BACKEND_FILL_KITCHEN_SECONDS_SQL
                                         ";\n" KS_BACKEND_FILL_KITCHEN_MONTHS_SQL,
    /* Version 21: the other channels' priced sales (backend_channel_sql.h), which the summaries
     * count from their confirmation on (no sale was priced before). */
    CHANNEL_TABLES,
    /* Version 22: the people's kiosk PINs, one salt per store (backend_people_sql.h). */
    KS_BACKEND_PINS_TABLE_SQL("text COLLATE \"C\"", "bigint") ";\n" KS_BACKEND_PINS_INDEX_SQL,
    /* Version 23: the staff report's indexes (backend_staff_sql.h). */
    KS_BACKEND_INTERVENTIONS_BY_STAFF_SQL(") INCLUDE (") ";\n" KS_BACKEND_REFUNDS_BY_STAFF_SQL(
        KS_BACKEND_STAFF_OF_JSON("refund_json"), KS_BACKEND_REQUEST_OF_JSON("refund_json")),
    /* Version 24: the kiosks' staff actions, for the staff report (backend_staff_action_sql.h). */
    KS_BACKEND_STAFF_ACTIONS_TABLE_SQL("text COLLATE \"C\"",
                                       "bigint") ";\n" KS_BACKEND_STAFF_ACTIONS_INDEX_SQL,
    /* Version 25: a store's live devices by kind, for its peers' list (backend_device_sql.h). */
    KS_BACKEND_PEERS_INDEX_SQL,
    /* Version 26: sales per business date, store, kiosk and quarter hour (sales per hour,
     * backend_channel_sql.h), filled from the orders, refunds and channel sales. */
    KS_BACKEND_HOUR_SALES_TABLE_SQL("text COLLATE \"C\"",
                                    "bigint") ";\n" KS_BACKEND_FILL_HOUR_SALES_SQL,
    /* Version 27: the staff report's interventions per store, staff id and month, their waits
     * listed (backend_staff_sql.h), filled from the stored interventions. */
    KS_BACKEND_STAFF_MONTHS_TABLE_SQL(
        "text COLLATE \"C\"", "bigint",
        KS_BACKEND_STAFF_WAITS_ARRAY) ";\n" KS_BACKEND_FILL_STAFF_MONTHS_SQL(KS_BACKEND_STAFF_WAITS_ARRAY_AGG),
    /* Version 28: the lanes' decisions taken while paying, until their order takes them
     * (backend_staff_action_sql.h); those stored before stay counted apart. */
    KS_BACKEND_PAYING_TABLE_SQL("text COLLATE \"C\"", "bigint") ";\n" KS_BACKEND_PAYING_INDEX_SQL,
    /* Version 29: the page of single staff actions' index (backend_staff_action_sql.h). */
    KS_BACKEND_STAFF_ACTIONS_BY_DAY_SQL(") INCLUDE ("),
    /* Version 30: the staff report's months in chunks of a bounded list of waits each
     * (backend_staff_sql.h); the months stored before are chunk 0. */
    KS_BACKEND_STAFF_MONTHS_CHUNKED_SQL,
    /* Version 31: the decisions taken while paying stored before version 28 placed into their
     * orders (their months too), and those of orders cancelled unpaid taken as unpaid
     * (backend_staff_action_sql.h); the indexes of one order's page (backend_order_view_sql.h). */
    OLD_PAYING_PLACED,
    /* Version 33 (32 until the other engineer's migration 32 is merged before it): the card
     * terminal's reference of each paid order's payment (backend_order_view_sql.h). */
    KS_BACKEND_PAYMENTS_TERMINAL_REF_SQL("IF NOT EXISTS ", "text COLLATE \"C\""),
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

/* Parameters and columns as enum ks_backend_sql lists them; the casts fix the types. */
static const char *const sql_text[KS_BACKEND_SQL_N] = {
    /* With the order's row, the lock of its decisions taken while paying (PAYING_LOCK): a
     * decision being stored at the same time is then either committed before the order's later
     * statements look for it (ks_backend_paying_take) or waits to look for the order until the
     * order is committed (ks_backend_paying_place), without a statement of its own at every
     * intake. The function runs once, before the row is written. */
    [KS_BACKEND_SQL_INSERT_ORDER] =
        "INSERT INTO be_orders (uuid, store_id, kiosk_id, number, business_date, created_at,\n"
        "                       received_at, total_net, total_vat, total, order_json)\n"
        "SELECT $1::text, $2::text, $3::text, $4::bigint, $5::text, $6::bigint, $7::bigint,\n"
        "       $8::bigint, $9::bigint, $10::bigint, $11::json\n"
        "FROM pg_advisory_xact_lock(" PAYING_LOCK ", hashtext($1::text))\n"
        "ON CONFLICT (uuid) DO NOTHING",
    [KS_BACKEND_SQL_ORDER_BODY] =
        "SELECT order_json::text AS order_json FROM be_orders WHERE uuid = $1::text",
    [KS_BACKEND_SQL_INSERT_LINE] =
        "INSERT INTO be_lines (uuid, line_no, item_id, name_en, name_ar, unit, quantity, net,\n"
        "                      vat, gross) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    [KS_BACKEND_SQL_INSERT_VAT] =
        "INSERT INTO be_vat (uuid, rate_bp, taxable, vat) VALUES ($1, $2, $3, $4)",
    [KS_BACKEND_SQL_COUNT] = "SELECT count(*) AS orders FROM be_orders",
    [KS_BACKEND_SQL_PING] = "SELECT 1 AS ok",
    [KS_BACKEND_SQL_HEARTBEAT] =
        "INSERT INTO be_heartbeats (kiosk_id, at, version, unsent, devices)\n"
        "VALUES ($1, $2, $3, $4, $5)\n"
        "ON CONFLICT (kiosk_id) DO UPDATE SET at = excluded.at, version = excluded.version,\n"
        "    unsent = excluded.unsent, devices = excluded.devices",
    [KS_BACKEND_SQL_KIOSKS] =
        "SELECT kiosk_id, at, version, unsent, devices FROM be_heartbeats ORDER BY kiosk_id",
    [KS_BACKEND_SQL_SALES] =
        KS_BACKEND_SALES_SQL("$1::text", "$2::text", "$3::integer", "$4::integer", "$5::text"),
    [KS_BACKEND_SQL_SALES_BY_DAY_KIOSK] =
        KS_BACKEND_SALES_BY_DAY_KIOSK_SQL("$1::text", "$2::text", "$3::text"),
    [KS_BACKEND_SQL_SALES_BY_HOUR] = KS_BACKEND_SALES_BY_HOUR_SQL(
        PG_HOUR_PERIOD, "$1::text", "$2::text", "$3::bigint", "$4::integer", "$5::text"),
    [KS_BACKEND_SQL_ADD_DAY_SALES] = KS_BACKEND_ADD_DAY_SALES_SQL("$1::text"),
    [KS_BACKEND_SQL_ADD_HOUR_SALES] = KS_BACKEND_ADD_HOUR_SALES_SQL("$1::text"),
    [KS_BACKEND_SQL_ADD_QUARTER_SALES] = KS_BACKEND_ADD_QUARTER_SALES_SQL("$1::text"),
    [KS_BACKEND_SQL_ADD_DAY_PAYMENTS] = KS_BACKEND_ADD_DAY_PAYMENTS_SQL("$1::text"),
    [KS_BACKEND_SQL_ADD_DAY_PROFIT] = KS_BACKEND_ADD_DAY_PROFIT_SQL("$1::text"),
    [KS_BACKEND_SQL_REFUND_DAY_SALES] = KS_BACKEND_REFUND_DAY_SALES_SQL("$1::text"),
    [KS_BACKEND_SQL_REFUND_HOUR_SALES] = KS_BACKEND_REFUND_HOUR_SALES_SQL("$1::text"),
    [KS_BACKEND_SQL_ADD_DAY_REFUNDS] = KS_BACKEND_ADD_DAY_REFUNDS_SQL("$1::text"),
    [KS_BACKEND_SQL_REFUND_DAY_PAYMENTS] = KS_BACKEND_REFUND_DAY_PAYMENTS_SQL("$1::text"),
    [KS_BACKEND_SQL_REFUND_DAY_PROFIT] = KS_BACKEND_REFUND_DAY_PROFIT_SQL("$1::text", "least"),
    [KS_BACKEND_SQL_ITEMS] =
        KS_BACKEND_ITEMS_SQL("$1::text", "$2::text", "$3::integer", "$4::text", "$5::bigint"),
    [KS_BACKEND_SQL_ADD_DAY_ITEMS] = KS_BACKEND_ADD_DAY_ITEMS_SQL("$1::text"),
    [KS_BACKEND_SQL_VAT] = KS_BACKEND_VAT_SQL("$1::text", "$2::text", "$3::text"),
    [KS_BACKEND_SQL_ADD_DAY_VAT] = KS_BACKEND_ADD_DAY_VAT_SQL("$1::text"),
    [KS_BACKEND_SQL_PEAK] = KS_BACKEND_PEAK_SQL("$1::text", "$2::text", "$3::text", "$4::bigint"),
    [KS_BACKEND_SQL_REFUNDS] = KS_BACKEND_REFUNDS_SQL("$1::text", "$2::text", "$3::text"),
    [KS_BACKEND_SQL_INSERT_PAYMENT] = KS_BACKEND_INSERT_PAYMENT_SQL("$1::text", "$2", "$3", "$4"),
    [KS_BACKEND_SQL_PAYMENTS] = KS_BACKEND_PAYMENTS_SQL("$1::text", "$2::text", "$3::text"),
    [KS_BACKEND_SQL_COST] = KS_BACKEND_COST_SQL("$1::text"),
    [KS_BACKEND_SQL_COST_SET] = KS_BACKEND_COST_SET_SQL("$1, $2, $3"),
    [KS_BACKEND_SQL_COST_CLEAR] = KS_BACKEND_COST_CLEAR_SQL("$1::text"),
    [KS_BACKEND_SQL_COSTS] = KS_BACKEND_COSTS_SQL,
    [KS_BACKEND_SQL_INSERT_LINE_COSTS] = KS_BACKEND_INSERT_LINE_COSTS_SQL("$1::text"),
    [KS_BACKEND_SQL_INSERT_REFUND_LINE] =
        "INSERT INTO be_refund_lines (refund_id, uuid, line_no, quantity, amount)\n"
        "VALUES ($1, $2, $3, $4, $5)",
    [KS_BACKEND_SQL_PROFIT] = KS_BACKEND_PROFIT_SQL("$1::text", "$2::text", "$3::text"),
    [KS_BACKEND_SQL_EINVOICE_INSERT] = KS_BACKEND_EINVOICE_INSERT_SQL(
        "$1, $2, $3, $4, $5, $6::bigint, $7::bigint, $8, $9, $10, $11::bigint, $12::bigint, $13"),
    [KS_BACKEND_SQL_EINVOICE_STORED] = KS_BACKEND_EINVOICE_STORED_SQL("$1"),
    [KS_BACKEND_SQL_EINVOICES] =
        KS_BACKEND_EINVOICES_SQL("$1::text", "$2::text", "$3::text", "$4::text", "$5::bigint"),
    [KS_BACKEND_SQL_EINVOICE_CHAINS] =
        KS_BACKEND_EINVOICE_CHAINS_SQL("$1::text", "$2::text", "$3::text"),
    [KS_BACKEND_SQL_EINVOICE_XML] = KS_BACKEND_EINVOICE_XML_SQL("$1::text", "$2::text"),
    [KS_BACKEND_SQL_EINVOICE_OF_ORDER] = KS_BACKEND_EINVOICE_OF_ORDER_SQL("$1::text", "$2::text"),
    [KS_BACKEND_SQL_INSERT_INTERVENTION] =
        KS_BACKEND_INSERT_INTERVENTION_SQL("$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11"),
    [KS_BACKEND_SQL_ADD_STAFF_MONTHS] =
        KS_BACKEND_ADD_STAFF_MONTHS_SQL("$1::text", "$2::bigint", KS_BACKEND_STAFF_WAITS_ARRAY_AGG,
                                        KS_BACKEND_STAFF_WAITS_ARRAY_CAT),
    [KS_BACKEND_SQL_STAFF] = KS_BACKEND_STAFF_SQL(
        "$1::text", "$2::text", "$3::text", "$4::text", "$5::text",
        KS_BACKEND_STAFF_PERCENTILES_DISC("$4::text", "$5::text"),
        KS_BACKEND_STAFF_OF_JSON("f.refund_json"), KS_BACKEND_REQUEST_OF_JSON("f.refund_json")),
    [KS_BACKEND_SQL_INSERT_STAFF_ACTION] =
        KS_BACKEND_INSERT_STAFF_ACTION_SQL("$1, $2, $3, $4, $5, $6, $7, $8, $9"),
    [KS_BACKEND_SQL_STAFF_ACTION] = KS_BACKEND_STAFF_ACTION_SQL("$1::text"),
    [KS_BACKEND_SQL_LOCK_PAYING] =
        "SELECT 1 AS locked FROM pg_advisory_xact_lock(" PAYING_LOCK ", hashtext($1::text))",
    [KS_BACKEND_SQL_INSERT_PAYING] =
        KS_BACKEND_INSERT_PAYING_SQL("$1, $2, $3, $4, $5, $6, $7, $8, $9, $10"),
    [KS_BACKEND_SQL_PLACE_PAYING] = KS_BACKEND_PLACE_PAYING_SQL(KS_BACKEND_PAYING_OF("$1::text")),
    [KS_BACKEND_SQL_PLACED_PAYING] = KS_BACKEND_PLACED_PAYING_SQL(KS_BACKEND_PAYING_OF("$1::text")),
    [KS_BACKEND_SQL_UNPAID_PAYING] = KS_BACKEND_UNPAID_PAYING_SQL(KS_BACKEND_PAYING_OF("$1::text")),
    [KS_BACKEND_SQL_PAYING_AGED] = KS_BACKEND_PAYING_AGED_SQL("$1::bigint", "$2::bigint"),
    [KS_BACKEND_SQL_PAYING_LOSE] = KS_BACKEND_PAYING_LOSE_SQL("$1::text"),
    [KS_BACKEND_SQL_STAFF_ACTIONS] = KS_BACKEND_STAFF_ACTIONS_LIST_SQL(
        "$1::text", "$2::text", "$3::text", "$4::text", "$5::text", "$6::bigint", "$7::bigint",
        PG_ACTION_FIELD, KS_BACKEND_STAFF_OF_JSON("f.refund_json"),
        KS_BACKEND_REQUEST_OF_JSON("f.refund_json")),
    [KS_BACKEND_SQL_INSERT_RECEIPT] = "INSERT INTO be_receipts (token, uuid) VALUES ($1, $2)",
    [KS_BACKEND_SQL_RECEIPT] =
        "SELECT o.order_json::text AS order_json FROM be_receipts r\n"
        "JOIN be_orders o ON o.uuid = r.uuid WHERE r.token = $1::text\n"
        "AND NOT EXISTS (SELECT 1 FROM be_cancelled c WHERE c.uuid = r.uuid)",
    [KS_BACKEND_SQL_INSERT_CANCELLED] = KS_BACKEND_INSERT_CANCELLED_SQL("$1::text"),
    [KS_BACKEND_SQL_KITCHEN_ORDER] =
        "SELECT o.kiosk_id AS kiosk_id, (o.order_json->>'updated_at')::bigint AS paid_at,\n"
        "       (c.uuid IS NOT NULL)::integer AS cancelled\n"
        "FROM be_orders o LEFT JOIN be_cancelled c ON c.uuid = o.uuid WHERE o.uuid = $1::text",
    [KS_BACKEND_SQL_INSERT_KITCHEN] =
        "INSERT INTO be_kitchen (uuid, status, station, at, paid_at, received_at)\n"
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (uuid, status, station, at) DO NOTHING",
    [KS_BACKEND_SQL_UNCOUNT_KITCHEN_SECONDS] = KS_BACKEND_KITCHEN_SECONDS_UNCOUNT_SQL("$1::text"),
    [KS_BACKEND_SQL_DELETE_KITCHEN_TIMES] = "DELETE FROM be_kitchen_times WHERE uuid = $1::text",
    [KS_BACKEND_SQL_KITCHEN_TIMES] = KS_BACKEND_KITCHEN_TIMES_SQL("$1::text"),
    [KS_BACKEND_SQL_COUNT_KITCHEN_SECONDS] = KS_BACKEND_KITCHEN_SECONDS_COUNT_SQL("$1::text"),
    [KS_BACKEND_SQL_KITCHEN] = KITCHEN_SQL("to_char(to_timestamp(paid_at + $4::bigint) AT TIME "
                                           "ZONE 'UTC', 'YYYY-MM-DD HH24:00')",
                                           "hour"),
    [KS_BACKEND_SQL_LOCK_KITCHEN] =
        "SELECT 1 AS locked FROM be_orders o,\n"
        "    pg_advisory_xact_lock(" KITCHEN_LOCK ", hashtext(substr(o.business_date, 1, 7) || ' ' "
        "|| o.store_id))\n"
        "WHERE o.uuid = $1::text",
    [KS_BACKEND_SQL_DELETE_KITCHEN_DAY] = KS_BACKEND_DELETE_KITCHEN_DAY_SQL("$1::text"),
    [KS_BACKEND_SQL_KITCHEN_DAY] = KITCHEN_DAYS_OF(KS_BACKEND_KITCHEN_ORDER_DAY("$1::text")),
    [KS_BACKEND_SQL_KITCHEN_BY_DAY] =
        KS_BACKEND_KITCHEN_BY_DAY_SQL("$1::text", "$2::text", "$3::text"),
    [KS_BACKEND_SQL_STALE_KITCHEN_MONTH] = KS_BACKEND_KITCHEN_STALE_SQL("$1::text"),
    [KS_BACKEND_SQL_LOCK_KITCHEN_REFRESH] =
        "SELECT 1 AS locked FROM pg_advisory_xact_lock(" KITCHEN_REFRESH_LOCK ", 0)",
    /* Evaluated after the cheaper conditions (PostgreSQL orders them by cost). */
    [KS_BACKEND_SQL_TAKE_KITCHEN_STALE] = KS_BACKEND_KITCHEN_TAKE_STALE_SQL(
        "$1::text", "$2::text", "$3::text",
        "\n  AND (SELECT true FROM pg_advisory_xact_lock(" KITCHEN_LOCK
        ", hashtext(month || ' ' || store_id)))"),
    [KS_BACKEND_SQL_DELETE_KITCHEN_MONTHS] = KS_BACKEND_KITCHEN_DELETE_MONTHS_SQL,
    [KS_BACKEND_SQL_REFRESH_KITCHEN_MONTHS] = KS_BACKEND_KITCHEN_REFRESH_MONTHS_SQL,
    [KS_BACKEND_SQL_DROP_KITCHEN_STALE] = KS_BACKEND_KITCHEN_DROP_STALE_SQL,
    [KS_BACKEND_SQL_KITCHEN_BY_MONTH] =
        KS_BACKEND_KITCHEN_BY_MONTH_SQL("$1::text", "$2::text", "$3::text", "$4::text", "$5::text",
                                        "", KS_BACKEND_KITCHEN_P90_DISC),
    [KS_BACKEND_SQL_REFUND_ORDER] = "SELECT o.kiosk_id AS kiosk_id, o.total AS total,\n"
                                    "       (EXISTS (SELECT 1 FROM be_cancelled c WHERE c.uuid = "
                                    "o.uuid))::integer AS cancelled,\n"
                                    "       (SELECT coalesce(sum(r.amount), 0) FROM be_refunds r "
                                    "WHERE r.uuid = o.uuid)::bigint\n"
                                    "           AS refunded\n"
                                    "FROM be_orders o WHERE o.uuid = $1::text FOR UPDATE",
    [KS_BACKEND_SQL_REQUEST_ORDER] = KS_BACKEND_REQUEST_ORDER_SQL("$1::text") " FOR UPDATE OF o",
    [KS_BACKEND_SQL_REQUEST_LINES_LEFT] = KS_BACKEND_REQUEST_LINES_LEFT_SQL("$1::text"),
    [KS_BACKEND_SQL_REFUND_REQUEST] = KS_BACKEND_REFUND_REQUEST_SQL("$1::text") " FOR UPDATE",
    [KS_BACKEND_SQL_INSERT_REFUND_REQUEST] =
        KS_BACKEND_INSERT_REFUND_REQUEST_SQL("$1, $2, $3, $4, $5, $6, $7, $8"),
    [KS_BACKEND_SQL_INSERT_REFUND_REQUEST_LINE] =
        KS_BACKEND_INSERT_REFUND_REQUEST_LINE_SQL("$1, $2, $3"),
    [KS_BACKEND_SQL_SETTLE_REFUND_REQUEST] = KS_BACKEND_SETTLE_REFUND_REQUEST_SQL(
        "$1::text", "$2::text", "$3::text", "$4::text", "$5::bigint"),
    [KS_BACKEND_SQL_REFUND_REQUESTS] =
        KS_BACKEND_REFUND_REQUESTS_SQL("$1::text", "$2::text", "$3::bigint", "$4::bigint"),
    [KS_BACKEND_SQL_REFUND_REQUEST_LINES] =
        KS_BACKEND_REFUND_REQUEST_LINES_SQL("$1::text", "$2::text", "$3::bigint", "$4::bigint"),
    [KS_BACKEND_SQL_REFUND_BODY] =
        "SELECT refund_json::text AS refund_json FROM be_refunds WHERE refund_id = $1::text",
    [KS_BACKEND_SQL_INSERT_REFUND] =
        "INSERT INTO be_refunds (refund_id, uuid, method, amount, vat, reason, at, received_at,\n"
        "                        refund_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    [KS_BACKEND_SQL_ORDER_LINES] =
        "SELECT o.store_id AS store_id, l.line_no AS line_no, l.item_id AS item_id,\n"
        "       l.quantity AS quantity\n"
        "FROM be_lines l JOIN be_orders o ON o.uuid = l.uuid WHERE l.uuid = $1::text\n"
        "ORDER BY l.line_no",
    [KS_BACKEND_SQL_STOCK_APPLY] =
        "UPDATE be_stock SET on_hand = on_hand + $3::bigint\n"
        "WHERE store_id = $1::text AND item_id = $2::text RETURNING on_hand",
    [KS_BACKEND_SQL_STOCK_TRACK] = "INSERT INTO be_stock (store_id, item_id, on_hand)\n"
                                   "VALUES ($1, $2, 0) ON CONFLICT (store_id, item_id) DO NOTHING",
    [KS_BACKEND_SQL_STOCK_LEVEL] = "SELECT on_hand FROM be_stock\n"
                                   "WHERE store_id = $1::text AND item_id = $2::text FOR UPDATE",
    [KS_BACKEND_SQL_INSERT_STOCK_MOVE] =
        "INSERT INTO be_stock_moves (store_id, item_id, quantity, on_hand, reason, person, ref,\n"
        "                            at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    [KS_BACKEND_SQL_STOCK_LEVELS] =
        "SELECT s.store_id, s.item_id, s.on_hand, s.low_at,\n"
        "       coalesce(" KS_BACKEND_RESERVED_SQL(
            "s.store_id", "s.item_id",
            "$2::bigint") ", 0)::bigint AS held\n"
                          "FROM be_stock s WHERE $1::text = '' OR s.store_id = $1::text\n"
                          "ORDER BY s.store_id, s.item_id",
    [KS_BACKEND_SQL_STOCK_MOVES] =
        "SELECT seq, store_id, item_id, quantity, on_hand, reason, person, ref, at\n"
        "FROM be_stock_moves WHERE ($1::text = '' OR store_id = $1::text)\n"
        "  AND ($2::text = '' OR item_id = $2::text)\n"
        "ORDER BY seq DESC LIMIT $3::bigint",
    [KS_BACKEND_SQL_STOCK_REQUEST_BODY] =
        "SELECT request_json::text AS request_json FROM be_stock_requests\n"
        "WHERE request_id = $1::text",
    [KS_BACKEND_SQL_INSERT_STOCK_REQUEST] =
        "INSERT INTO be_stock_requests (request_id, request_json, received_at)\n"
        "VALUES ($1, $2, $3)",
    [KS_BACKEND_SQL_RECIPE] = "SELECT ingredient_id, quantity FROM be_recipes\n"
                              "WHERE item_id = $1::text ORDER BY ingredient_id",
    [KS_BACKEND_SQL_DELETE_RECIPE] = "DELETE FROM be_recipes WHERE item_id = $1::text",
    [KS_BACKEND_SQL_INSERT_RECIPE] =
        "INSERT INTO be_recipes (item_id, ingredient_id, quantity) VALUES ($1, $2, $3)",
    [KS_BACKEND_SQL_RECIPES] = "SELECT item_id, ingredient_id, quantity FROM be_recipes\n"
                               "ORDER BY item_id, ingredient_id",
    [KS_BACKEND_SQL_STOCK_SET_LOW] =
        "INSERT INTO be_stock (store_id, item_id, on_hand, low_at, sold_out_at)\n"
        "VALUES ($1, $2, 0, $3, $4) ON CONFLICT (store_id, item_id) DO UPDATE\n"
        "SET low_at = excluded.low_at, sold_out_at = excluded.sold_out_at",
    [KS_BACKEND_SQL_STOCK_ALERTS] =
        "SELECT store_id, item_id, on_hand, low_at FROM be_stock\n"
        "WHERE store_id = $1::text AND on_hand <= low_at ORDER BY item_id",
    [KS_BACKEND_SQL_STOCK_SOLDOUT] = KS_BACKEND_STOCK_SOLDOUT_SQL("$1::text", "$2::bigint"),
    [KS_BACKEND_SQL_STOCK_SOLD] =
        "SELECT s.item_id AS item_id, s.on_hand AS on_hand, coalesce(m.sold, 0)::bigint AS sold\n"
        "FROM be_stock s LEFT JOIN (SELECT item_id, -sum(quantity) AS sold FROM be_stock_moves\n"
        "    WHERE store_id = $1::text AND reason = 'sale' AND at >= $2::bigint\n"
        "      AND at < $3::bigint GROUP BY item_id) m ON m.item_id = s.item_id\n"
        "WHERE s.store_id = $1::text ORDER BY s.item_id",
    [KS_BACKEND_SQL_INSERT_PERSON] =
        "INSERT INTO be_people (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4)",
    [KS_BACKEND_SQL_PERSON] = "SELECT role, password_hash FROM be_people WHERE name = $1::text",
    [KS_BACKEND_SQL_INSERT_PERSON_STORE] =
        "INSERT INTO be_person_stores (name, store_id) VALUES ($1, $2)",
    [KS_BACKEND_SQL_PERSON_STORES] =
        "SELECT store_id FROM be_person_stores WHERE name = $1::text ORDER BY store_id",
    [KS_BACKEND_SQL_PEOPLE] = KS_BACKEND_PEOPLE_SQL,
    [KS_BACKEND_SQL_PEOPLE_STORES] = KS_BACKEND_PEOPLE_STORES_SQL,
    [KS_BACKEND_SQL_PEOPLE_PINS] = KS_BACKEND_PEOPLE_PINS_SQL,
    [KS_BACKEND_SQL_SET_PASSWORD] = KS_BACKEND_SET_PASSWORD_SQL("$1", "$2"),
    [KS_BACKEND_SQL_END_OTHER_SESSIONS] = KS_BACKEND_END_OTHER_SESSIONS_SQL("$1", "$2"),
    [KS_BACKEND_SQL_HEAD_OFFICE] = KS_BACKEND_HEAD_OFFICE_SQL(" FOR UPDATE"),
    [KS_BACKEND_SQL_SET_ROLE] = KS_BACKEND_SET_ROLE_SQL("$1", "$2"),
    [KS_BACKEND_SQL_DELETE_PERSON_STORES] = KS_BACKEND_DELETE_PERSON_STORES_SQL("$1"),
    [KS_BACKEND_SQL_END_SESSIONS] = KS_BACKEND_END_SESSIONS_SQL("$1"),
    [KS_BACKEND_SQL_DELETE_PERSON] = KS_BACKEND_DELETE_PERSON_SQL("$1"),
    [KS_BACKEND_SQL_PIN_SALT] = KS_BACKEND_PIN_SALT_SQL("$1::text"),
    [KS_BACKEND_SQL_DELETE_PIN] = KS_BACKEND_DELETE_PIN_SQL("$1", "$2"),
    [KS_BACKEND_SQL_INSERT_PIN] = KS_BACKEND_INSERT_PIN_SQL("$1, $2, $3, $4"),
    [KS_BACKEND_SQL_PERSON_PINS] = KS_BACKEND_PERSON_PINS_SQL("$1::text"),
    [KS_BACKEND_SQL_DELETE_PINS] = KS_BACKEND_DELETE_PINS_SQL("$1"),
    [KS_BACKEND_SQL_DELETE_PINS_ELSEWHERE] = KS_BACKEND_DELETE_PINS_ELSEWHERE_SQL("$1", "$2"),
    [KS_BACKEND_SQL_STAFF_PINS] = KS_BACKEND_STAFF_PINS_SQL("$1::text"),
    [KS_BACKEND_SQL_INSERT_SESSION] = "INSERT INTO be_sessions (id_hash, name, csrf, created_at,\n"
                                      "    last_seen) VALUES ($1, $2, $3, $4, $5)",
    [KS_BACKEND_SQL_SESSION] =
        "SELECT name, csrf, created_at, last_seen FROM be_sessions WHERE id_hash = $1::text",
    [KS_BACKEND_SQL_TOUCH_SESSION] =
        "UPDATE be_sessions SET last_seen = $2::bigint WHERE id_hash = $1::text",
    [KS_BACKEND_SQL_DELETE_SESSION] = "DELETE FROM be_sessions WHERE id_hash = $1::text",
    [KS_BACKEND_SQL_DELETE_EXPIRED_SESSIONS] =
        "DELETE FROM be_sessions WHERE last_seen < $1::bigint OR created_at < $2::bigint",
    [KS_BACKEND_SQL_LIMIT_TRACK] = "INSERT INTO be_login_limits (key, failures, last_failure)\n"
                                   "VALUES ($1, 0, 0) ON CONFLICT (key) DO NOTHING",
    [KS_BACKEND_SQL_LIMIT] =
        "SELECT failures, last_failure FROM be_login_limits WHERE key = $1::text FOR UPDATE",
    [KS_BACKEND_SQL_LIMIT_SET] = "UPDATE be_login_limits SET failures = $2::bigint,\n"
                                 "    last_failure = $3::bigint WHERE key = $1::text",
    [KS_BACKEND_SQL_INSERT_AUDIT] =
        "INSERT INTO be_audit (at, actor, role, action, store_id, target, before_summary,\n"
        "                      after_summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    [KS_BACKEND_SQL_AUDIT] =
        "SELECT seq, at, actor, role, action, store_id, target, before_summary, after_summary\n"
        "FROM be_audit WHERE $1::text = '' OR store_id = $1::text\n"
        "ORDER BY seq DESC LIMIT $2::bigint",
    [KS_BACKEND_SQL_STOCK_LIMITS] = "SELECT low_at, sold_out_at FROM be_stock\n"
                                    "WHERE store_id = $1::text AND item_id = $2::text",
    [KS_BACKEND_SQL_STOCK_HOLD] = "SELECT on_hand, sold_out_at FROM be_stock\n"
                                  "WHERE store_id = $1::text AND item_id = $2::text FOR UPDATE",
    [KS_BACKEND_SQL_STOCK_RESERVED] = "SELECT coalesce(" KS_BACKEND_RESERVED_SQL(
        "$1::text", "$2::text", "$3::bigint") ", 0)::bigint AS reserved",
    [KS_BACKEND_SQL_RESERVATION] =
        "SELECT channel, store_id, CASE WHEN state = 'reserved' AND expires_at <= $2::bigint\n"
        "           THEN 'expired' ELSE state END AS state, created_at, expires_at, ended_at\n"
        "FROM be_reservations WHERE reservation_id = $1::text FOR UPDATE",
    [KS_BACKEND_SQL_RESERVATION_LINES] =
        "SELECT item_id, quantity FROM be_reservation_lines WHERE reservation_id = $1::text\n"
        "ORDER BY item_id",
    [KS_BACKEND_SQL_INSERT_RESERVATION] =
        "INSERT INTO be_reservations (reservation_id, channel, store_id, state, created_at,\n"
        "                             expires_at) VALUES ($1, $2, $3, 'reserved', $4, $5)",
    [KS_BACKEND_SQL_INSERT_RESERVATION_LINE] =
        "INSERT INTO be_reservation_lines (reservation_id, item_id, quantity) VALUES ($1, $2, $3)",
    [KS_BACKEND_SQL_RESERVATION_HOLDS] =
        "SELECT item_id, quantity FROM be_reservation_holds WHERE reservation_id = $1::text\n"
        "ORDER BY item_id",
    [KS_BACKEND_SQL_INSERT_RESERVATION_HOLD] =
        "INSERT INTO be_reservation_holds (reservation_id, item_id, quantity) VALUES ($1, $2, $3)",
    [KS_BACKEND_SQL_END_RESERVATION] =
        "UPDATE be_reservations SET state = $2::text, ended_at = $3::bigint\n"
        "WHERE reservation_id = $1::text",
    KS_BACKEND_CHANNEL_SQL_TEXTS("$1::text", "$1, $2, $3, $4, $5, $6, $7, $8, $9",
                                 "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10"),
    [KS_BACKEND_SQL_PRICE] = KS_BACKEND_PRICE_SQL("$1::text", "$2::text") " FOR UPDATE",
    [KS_BACKEND_SQL_PRICE_SET] = KS_BACKEND_PRICE_SET_SQL("$1, $2, $3, $4"),
    [KS_BACKEND_SQL_PRICE_CLEAR] = KS_BACKEND_PRICE_CLEAR_SQL("$1::text", "$2::text"),
    [KS_BACKEND_SQL_AVAILABILITY] =
        KS_BACKEND_AVAILABILITY_SQL("$1::text", "$2::text") " FOR UPDATE",
    [KS_BACKEND_SQL_AVAILABILITY_SET] = KS_BACKEND_AVAILABILITY_SET_SQL("$1, $2, $3, $4"),
    [KS_BACKEND_SQL_AVAILABILITY_CLEAR] = KS_BACKEND_AVAILABILITY_CLEAR_SQL("$1::text", "$2::text"),
    [KS_BACKEND_SQL_AVAILABILITIES] = KS_BACKEND_AVAILABILITIES_SQL("$1::text"),
    [KS_BACKEND_SQL_PRICE_DELTA] = KS_BACKEND_PRICE_DELTA_SQL("$1::text", "$2::text", "$3::text",
                                                              "$4::text", "$5::text") " FOR UPDATE",
    [KS_BACKEND_SQL_PRICE_DELTA_SET] = KS_BACKEND_PRICE_DELTA_SET_SQL("$1, $2, $3, $4, $5, $6, $7"),
    [KS_BACKEND_SQL_PRICE_DELTA_CLEAR] = KS_BACKEND_PRICE_DELTA_CLEAR_SQL(
        "$1::text", "$2::text", "$3::text", "$4::text", "$5::text"),
    [KS_BACKEND_SQL_PRICE_DELTAS] = KS_BACKEND_PRICE_DELTAS_SQL("$1::text"),
    [KS_BACKEND_SQL_STORE] = "SELECT menu FROM be_stores WHERE store_id = $1::text",
    [KS_BACKEND_SQL_INSERT_STORE] = KS_BACKEND_INSERT_STORE_SQL("$1, $2, $3, $4, $5, $6"),
    [KS_BACKEND_SQL_STORES] = KS_BACKEND_STORES_SQL,
    [KS_BACKEND_SQL_DEVICE_BY_TOKEN] = KS_BACKEND_DEVICE_BY_TOKEN_SQL("$1::text"),
    [KS_BACKEND_SQL_LIVE_DEVICE] = KS_BACKEND_LIVE_DEVICE_SQL("$1::text") " FOR UPDATE",
    [KS_BACKEND_SQL_INSERT_ENROL_CODE] =
        KS_BACKEND_INSERT_ENROL_CODE_SQL("$1, $2, $3, $4, $5, $6, $7"),
    [KS_BACKEND_SQL_TAKE_ENROL_CODE] =
        KS_BACKEND_TAKE_ENROL_CODE_SQL("$1::text", "$2::text", "$3::bigint"),
    [KS_BACKEND_SQL_FORGET_ENROL_CODES] = KS_BACKEND_FORGET_ENROL_CODES_SQL("$1::bigint"),
    [KS_BACKEND_SQL_ENROL_DEVICE] = KS_BACKEND_ENROL_DEVICE_SQL("$1, $2, $3, $4, $5, $6"),
    [KS_BACKEND_SQL_REVOKE_DEVICE] =
        KS_BACKEND_REVOKE_DEVICE_SQL("$1::text", "$2::bigint", "$3::text"),
    [KS_BACKEND_SQL_DEVICES] = KS_BACKEND_DEVICES_SQL("$1::text"),
    [KS_BACKEND_SQL_PEERS] = KS_BACKEND_PEERS_SQL("$1::text"),
    [KS_BACKEND_SQL_ORDER_VIEW] = KS_BACKEND_ORDER_VIEW_SQL("$1::text"),
    [KS_BACKEND_SQL_ORDER_FIND] = KS_BACKEND_ORDER_FIND_SQL("$1::text", "$2::text", "$3::bigint"),
    [KS_BACKEND_SQL_ORDER_REFUNDS] =
        KS_BACKEND_ORDER_REFUNDS_SQL("$1::text", KS_BACKEND_STAFF_OF_JSON("f.refund_json"),
                                     KS_BACKEND_TERMINAL_REF_OF_JSON("f.refund_json")),
    [KS_BACKEND_SQL_ORDER_REFUND_REQUESTS] = KS_BACKEND_ORDER_REFUND_REQUESTS_SQL("$1::text"),
    [KS_BACKEND_SQL_ORDER_INTERVENTIONS] = KS_BACKEND_ORDER_INTERVENTIONS_SQL("$1::text"),
    [KS_BACKEND_SQL_ORDER_PAYING] = KS_BACKEND_ORDER_PAYING_SQL("$1::text", "$2::text"),
    [KS_BACKEND_SQL_ORDER_KITCHEN] = KS_BACKEND_ORDER_KITCHEN_SQL("$1::text"),
    [KS_BACKEND_SQL_ORDER_EINVOICES] = KS_BACKEND_ORDER_EINVOICES_SQL("$1::text", "$2::text"),
    [KS_BACKEND_SQL_PRICES] = KS_BACKEND_PRICES_SQL("$1::text"),
    [KS_BACKEND_SQL_STORE_TERMS] = KS_BACKEND_STORE_TERMS_SQL("$1::text"),
};

/* SQLSTATE (or its two-character class) -> storage error; the first match wins. */
static const struct {
    const char *prefix;
    enum ks_db_error err;
} sqlstates[] = {
    {"23", KS_DB_ERR_CONSTRAINT},   /* integrity constraint violation */
    {"53100", KS_DB_ERR_FULL},      /* disk full */
    {"53200", KS_DB_ERR_NO_MEMORY}, /* out of memory */
    {"53", KS_DB_ERR_BUSY},         /* too many connections, other resources */
    {"40", KS_DB_ERR_BUSY},         /* serialization failure, deadlock */
    {"55P03", KS_DB_ERR_BUSY},      /* lock not available */
    {"57014", KS_DB_ERR_BUSY},      /* statement timeout */
    {"57P", KS_DB_ERR_IO},          /* server shutting down or starting */
    {"08", KS_DB_ERR_IO},           /* connection exception */
    {"58", KS_DB_ERR_IO},           /* system error (I/O) */
    {"XX001", KS_DB_ERR_CORRUPT},   /* data corrupted */
    {"XX002", KS_DB_ERR_CORRUPT},   /* index corrupted */
    {"22", KS_DB_ERR_INVALID},      /* data exception (a value the column refuses) */
    {"28", KS_DB_ERR_OPEN},         /* authentication failed */
    {"3D000", KS_DB_ERR_OPEN},      /* no such database */
};

/*
 * Logs a failed statement (res may be NULL) while doing, and maps it: a
 * connection that is gone is KS_DB_ERR_IO, else the SQLSTATE decides.
 */
static enum ks_db_error fail(PGconn *conn, const PGresult *res, const char *doing)
{
    enum ks_db_error err = KS_DB_ERR_INTERNAL;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (PQstatus(conn) == CONNECTION_BAD) {
        err = KS_DB_ERR_IO;
    } else {
        for (size_t i = 0; state && i < sizeof sqlstates / sizeof sqlstates[0]; i++)
            if (strncmp(state, sqlstates[i].prefix, strlen(sqlstates[i].prefix)) == 0) {
                err = sqlstates[i].err;
                break;
            }
    }
    const char *message = res ? PQresultErrorMessage(res) : "";
    if (!message[0])
        message = PQerrorMessage(conn);
    /* libpq's messages end in a newline. */
    int len = (int)strcspn(message, "\n");
    LOG_ERROR("PostgreSQL, %s: %s[%s] %.*s", doing,
              PQstatus(conn) == CONNECTION_BAD ? "connection lost: " : "", state ? state : "-", len,
              message);
    return err;
}

/* Runs one parameterless command (BEGIN, a migration); a failure is logged. */
static enum ks_db_error run(PGconn *conn, const char *sql, const char *doing)
{
    PGresult *res = PQexec(conn, sql);
    ExecStatusType status = PQresultStatus(res);
    enum ks_db_error err =
        status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? KS_DB_OK : fail(conn, res, doing);
    PQclear(res);
    return err;
}

/* The first column of the first row of sql's answer, as an integer (NULL answer: 0). */
static enum ks_db_error query_int(PGconn *conn, const char *sql, int64_t *out)
{
    PGresult *res = PQexec(conn, sql);
    enum ks_db_error err = KS_DB_OK;
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1)
        err = fail(conn, res, "reading the tables' version");
    else
        *out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return err;
}

/* In one transaction: the version table, then every migration past its version. */
static enum ks_db_error migrate_in_transaction(PGconn *conn)
{
    int64_t version = 0;
    enum ks_db_error err =
        run(conn, "SELECT pg_advisory_xact_lock(" MIGRATION_LOCK ")", "locking the tables");
    if (err == KS_DB_OK)
        err = run(conn, "CREATE TABLE IF NOT EXISTS be_schema (version integer NOT NULL)",
                  "creating the version table");
    if (err == KS_DB_OK)
        err = query_int(conn, "SELECT coalesce(max(version), 0) FROM be_schema", &version);
    if (err == KS_DB_OK && version > SCHEMA_VERSION) {
        LOG_ERROR("backend tables of version %lld, newer than this program's %d",
                  (long long)version, SCHEMA_VERSION);
        return KS_DB_ERR_TOO_NEW;
    }
    for (int64_t v = version; err == KS_DB_OK && v < SCHEMA_VERSION; v++) {
        char step[24];
        snprintf(step, sizeof step, "%lld", (long long)v + 1);
        const char *params[] = {step};
        err = run(conn, migrations[v], "upgrading the tables");
        if (err != KS_DB_OK)
            return err == KS_DB_ERR_IO ? err : KS_DB_ERR_MIGRATION;
        PGresult *res = PQexecParams(conn, "INSERT INTO be_schema (version) VALUES ($1)", 1, NULL,
                                     params, NULL, NULL, 0);
        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            err = fail(conn, res, "recording the tables' version");
        PQclear(res);
        if (err == KS_DB_OK)
            LOG_INFO("backend tables upgraded to version %s", step);
    }
    return err;
}

static enum ks_db_error end_transaction(PGconn *conn, enum ks_db_error err);

static enum ks_db_error migrate(PGconn *conn)
{
    enum ks_db_error err = run(conn, "BEGIN", "starting the upgrade");
    return err == KS_DB_OK ? end_transaction(conn, migrate_in_transaction(conn)) : err;
}

/* Prepares every statement on this connection as be_0, be_1 ... */
static enum ks_db_error prepare(PGconn *conn)
{
    enum ks_db_error err = KS_DB_OK;
    for (int i = 0; err == KS_DB_OK && i < KS_BACKEND_SQL_N; i++) {
        char name[16];
        snprintf(name, sizeof name, "be_%d", i);
        PGresult *res = PQprepare(conn, name, sql_text[i], 0, NULL);
        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            err = fail(conn, res, "preparing a statement");
        PQclear(res);
    }
    return err;
}

/* Notices (a CREATE ... IF NOT EXISTS that skipped) go to the log, not to stderr. */
static void on_notice(void *ctx, const char *message)
{
    (void)ctx;
    LOG_DEBUG("PostgreSQL: %.*s", (int)strcspn(message, "\n"), message);
}

/* Sets this session's statement_timeout (ms; 0: none). */
static enum ks_db_error set_statement_timeout(PGconn *conn, int ms)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SET statement_timeout = %d", ms);
    return run(conn, sql, "setting the statement timeout");
}

/*
 * Plans each statement of the session for the values it is run with. The
 * server's default (auto) plans a prepared statement for its values five
 * times, then once for any values when that generic plan's estimate is not
 * above theirs; the reports' generic plans guess a date range's rows
 * (BETWEEN $1 AND $2: a fraction of the table) and keep "($4 = '' OR
 * store_id = $4)" as a filter: a year's rows were sorted on disk, and one
 * store's year read as the whole chain's (#15, kiosk/docs/backend-api.md,
 * "Reports planned for their values").
 */
static enum ks_db_error set_custom_plans(PGconn *conn)
{
    return run(conn, "SET plan_cache_mode = force_custom_plan", "planning for the values");
}

/* What every new connection (first or made again) sets up before use. */
static enum ks_db_error set_up(PGconn *conn)
{
    PQsetNoticeProcessor(conn, on_notice, NULL);
    if (PQsetClientEncoding(conn, "UTF8") != 0)
        return fail(conn, NULL, "choosing UTF-8");
    PGresult *res = PQexec(conn, "SHOW synchronous_commit");
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
        enum ks_db_error err = fail(conn, res, "reading synchronous_commit");
        PQclear(res);
        return err;
    }
    const char *commit = PQgetvalue(res, 0, 0);
    enum ks_db_error err = KS_DB_OK;
    /* on, remote_write, remote_apply: the local WAL is flushed before COMMIT returns. */
    if (strcmp(commit, "off") == 0) {
        LOG_WARN("PostgreSQL has synchronous_commit = off: turned on for the backend");
        err = run(conn, "SET synchronous_commit = on", "turning synchronous_commit on");
    }
    PQclear(res);
    /*
     * No JIT compiling: the server compiles a plan costed above jit_above_cost
     * again at every execution (it keeps no code between them), and for the
     * reports' prepared statements that cost more than it saved: at 10 M order
     * lines the staff report over the chain's year spent 0.9 s of the server's
     * CPU compiling, of 1.9 s, and sales per hour over the chain's last week
     * 129 ms (EXPLAIN ANALYZE, #15). Intake's statements are never costed so high.
     */
    if (err == KS_DB_OK)
        err = run(conn, "SET jit = off", "turning JIT compiling off");
    return err;
}

static void *pg_open(const char *target, enum ks_db_error *err)
{
    /*
     * Later keywords override earlier ones: the operator's string may change
     * these defaults. A frozen or cut link fails within seconds: keepalives
     * probe an idle one, tcp_user_timeout bounds unacknowledged data.
     */
    static const char *const keys[] = {
        "connect_timeout",
        "application_name",
        "keepalives",
        "keepalives_idle",
        "keepalives_interval",
        "keepalives_count",
        "tcp_user_timeout",
        "dbname",
        NULL,
    };
    const char *const values[] = {"5", "kiosk-backend", "1", "10", "3", "3", "10000", target, NULL};
    struct pg *pg = calloc(1, sizeof *pg);
    PGconn *conn = pg ? PQconnectdbParams(keys, values, 1) : NULL;
    if (!conn) {
        free(pg);
        *err = KS_DB_ERR_NO_MEMORY;
        return NULL;
    }
    pg->pq = conn;
    if (PQstatus(conn) != CONNECTION_OK) {
        LOG_ERROR("PostgreSQL: cannot connect: %.*s", (int)strcspn(PQerrorMessage(conn), "\n"),
                  PQerrorMessage(conn));
        *err = KS_DB_ERR_OPEN;
        goto error;
    }
    *err = set_up(conn);
    if (*err == KS_DB_OK)
        *err = migrate(conn);
    if (*err == KS_DB_OK)
        *err = prepare(conn);
    if (*err != KS_DB_OK)
        goto error;
    LOG_INFO("PostgreSQL %d, database %s on %s, tables version %d", PQserverVersion(conn),
             PQdb(conn), PQhost(conn), SCHEMA_VERSION);
    return pg;
error:
    PQfinish(conn);
    free(pg);
    return NULL;
}

static void pg_close(void *conn)
{
    struct pg *pg = conn;
    if (pg)
        PQfinish(pg->pq);
    free(pg);
}

static bool pg_reconnect(void *conn)
{
    struct pg *pg = conn;
    if (PQstatus(pg->pq) != CONNECTION_BAD)
        return false;
    PQreset(pg->pq);
    if (PQstatus(pg->pq) != CONNECTION_OK) {
        LOG_ERROR("PostgreSQL: cannot connect again: %.*s",
                  (int)strcspn(PQerrorMessage(pg->pq), "\n"), PQerrorMessage(pg->pq));
        return false;
    }
    bool ok = set_up(pg->pq) == KS_DB_OK && prepare(pg->pq) == KS_DB_OK &&
              (!pg->timeout_ms || set_statement_timeout(pg->pq, pg->timeout_ms) == KS_DB_OK) &&
              (!pg->plan_each_call || set_custom_plans(pg->pq) == KS_DB_OK);
    if (ok)
        LOG_INFO("PostgreSQL: connected again");
    return ok;
}

static enum ks_db_error pg_set_timeout(void *conn, int ms)
{
    struct pg *pg = conn;
    pg->timeout_ms = ms;
    return set_statement_timeout(pg->pq, ms);
}

static enum ks_db_error pg_plan_each_call(void *conn)
{
    struct pg *pg = conn;
    pg->plan_each_call = true;
    return set_custom_plans(pg->pq);
}

static enum ks_db_error pg_setting(void *conn, const char *name, char *value, size_t cap)
{
    struct pg *pg = conn;
    const char *params[] = {name};
    /* missing_ok: an unknown name is NULL, not an error that aborts a transaction. */
    PGresult *res =
        PQexecParams(pg->pq, "SELECT current_setting($1, true)", 1, NULL, params, NULL, NULL, 0);
    enum ks_db_error err = KS_DB_OK;
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1)
        err = fail(pg->pq, res, "reading a setting");
    else if (PQgetisnull(res, 0, 0))
        err = KS_DB_ERR_NOT_FOUND;
    else
        snprintf(value, cap, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return err;
}

static enum ks_db_error pg_begin(void *conn, bool snapshot)
{
    struct pg *pg = conn;
    /* A lost connection is made again by pg_reconnect only, once per call. */
    if (PQstatus(pg->pq) == CONNECTION_BAD)
        return KS_DB_ERR_IO;
    return snapshot ? run(pg->pq, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                          "starting a read-only transaction")
                    : run(pg->pq, "BEGIN", "starting a transaction");
}

static enum ks_db_error end_transaction(PGconn *conn, enum ks_db_error err)
{
    if (err != KS_DB_OK) {
        /* Nothing to roll back on a lost connection: the server did it. */
        if (PQstatus(conn) != CONNECTION_BAD)
            run(conn, "ROLLBACK", "rolling back");
        return err;
    }
    PGresult *res = PQexec(conn, "COMMIT");
    /* COMMIT of a failed transaction answers ROLLBACK, and is a failure here. */
    if (PQresultStatus(res) != PGRES_COMMAND_OK || strcmp(PQcmdStatus(res), "COMMIT") != 0)
        err = fail(conn, res, "committing");
    PQclear(res);
    return err;
}

static enum ks_db_error pg_end(void *conn, bool snapshot, enum ks_db_error err)
{
    (void)snapshot; /* a read-only transaction ends as any other */
    return end_transaction(((struct pg *)conn)->pq, err);
}

/* A prepared statement's name and its parameters' text, from values[n]. */
struct statement {
    char name[16];
    char numbers[KS_BACKEND_VALUES_MAX][24];
    const char *params[KS_BACKEND_VALUES_MAX];
};

static enum ks_db_error statement_of(PGconn *conn, enum ks_backend_sql sql,
                                     const ks_backend_value *values, size_t n, struct statement *st)
{
    if (n > KS_BACKEND_VALUES_MAX)
        return KS_DB_ERR_INVALID;
    if (PQstatus(conn) == CONNECTION_BAD)
        return KS_DB_ERR_IO;
    for (size_t i = 0; i < n; i++) {
        st->params[i] = values[i].text;
        if (!st->params[i]) {
            snprintf(st->numbers[i], sizeof st->numbers[i], "%lld",
                     (long long)ks_backend_value_int(&values[i]));
            st->params[i] = st->numbers[i];
        }
    }
    snprintf(st->name, sizeof st->name, "be_%d", (int)sql);
    return KS_DB_OK;
}

/* Runs the prepared sql with values[n]; the result (PQclear) in *res. */
static enum ks_db_error execute(PGconn *conn, enum ks_backend_sql sql,
                                const ks_backend_value *values, size_t n, ExecStatusType want,
                                PGresult **res)
{
    *res = NULL;
    struct statement st;
    enum ks_db_error err = statement_of(conn, sql, values, n, &st);
    if (err != KS_DB_OK)
        return err;
    *res = PQexecPrepared(conn, st.name, (int)n, n ? st.params : NULL, NULL, NULL, 0);
    if (PQresultStatus(*res) == want)
        return KS_DB_OK;
    return fail(conn, *res, want == PGRES_TUPLES_OK ? "reading" : "writing");
}

static enum ks_db_error pg_exec(void *conn, enum ks_backend_sql sql, const ks_backend_value *values,
                                size_t n, int64_t *changed)
{
    PGresult *res;
    enum ks_db_error err = execute(((struct pg *)conn)->pq, sql, values, n, PGRES_COMMAND_OK, &res);
    *changed = err == KS_DB_OK ? strtoll(PQcmdTuples(res), NULL, 10) : 0;
    PQclear(res);
    return err;
}

/*
 * res's rows (one in single-row mode, none in the closing result) given to
 * sink: text columns as text ("" for NULL, as the SQLite store), integer
 * columns as their digits (0 for NULL), not parsed and printed again.
 */
static enum ks_db_error give_rows(const PGresult *res, const ks_backend_sink *sink)
{
    int columns = PQnfields(res);
    if (columns > KS_BACKEND_VALUES_MAX)
        return KS_DB_ERR_INTERNAL;
    const char *names[KS_BACKEND_VALUES_MAX];
    bool integer[KS_BACKEND_VALUES_MAX];
    for (int c = 0; c < columns; c++) {
        Oid type = PQftype(res, c);
        names[c] = PQfname(res, c);
        integer[c] = type == INT2_OID || type == INT4_OID || type == INT8_OID;
    }
    enum ks_db_error err = KS_DB_OK;
    for (int r = 0; err == KS_DB_OK && r < PQntuples(res); r++) {
        ks_backend_value row[KS_BACKEND_VALUES_MAX];
        for (int c = 0; c < columns; c++) {
            const char *text = PQgetvalue(res, r, c);
            if (!integer[c])
                row[c] = (ks_backend_value){.text = text};
            else if (PQgetisnull(res, r, c))
                row[c] = (ks_backend_value){.integer = 0};
            else
                row[c] = (ks_backend_value){.digits = text};
        }
        err = sink->row(sink->ctx, names, row, (size_t)columns);
    }
    return err;
}

/*
 * Asks the server to stop the statement running on pq (a sink failed: the
 * client of a streamed report went away): its rows stop coming, and the
 * statement ends in an error that the caller reads and drops. A failed
 * request is logged; the rest of the answer is then read as it comes.
 */
static void cancel(PGconn *pq)
{
    char why[256] = "";
    PGcancel *c = PQgetCancel(pq);
    if (!c || !PQcancel(c, why, sizeof why))
        LOG_WARN("PostgreSQL: the statement could not be cancelled: %s", c ? why : "no memory");
    PQfreeCancel(c);
}

/*
 * The rows of the prepared sql with values[n], each given to sink as libpq
 * reads it off the connection (single-row mode): the chain's year of sales
 * by day and kiosk is 90,000 rows, some 20 MB of text, that were gathered
 * into one result before the first was written. After a sink's failure the
 * statement is cancelled and the rest of its answer read and dropped (the
 * connection stays usable); a failure of the statement after some rows is
 * still the query's error.
 */
static enum ks_db_error pg_query(void *conn, enum ks_backend_sql sql,
                                 const ks_backend_value *values, size_t n,
                                 const ks_backend_sink *sink)
{
    PGconn *pq = ((struct pg *)conn)->pq;
    struct statement st;
    enum ks_db_error err = statement_of(pq, sql, values, n, &st);
    if (err != KS_DB_OK)
        return err;
    if (!PQsendQueryPrepared(pq, st.name, (int)n, n ? st.params : NULL, NULL, NULL, 0))
        return fail(pq, NULL, "reading");
    /* Refused only when the query is already done: its answer comes whole then. */
    (void)PQsetSingleRowMode(pq);
    PGresult *res;
    bool cancelled = false;
    while ((res = PQgetResult(pq)) != NULL) {
        ExecStatusType status = PQresultStatus(res);
        if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK) {
            /* The cancelled statement's own error is no news. */
            enum ks_db_error failed = cancelled ? err : fail(pq, res, "reading");
            if (err == KS_DB_OK)
                err = failed;
        } else if (err == KS_DB_OK) {
            err = give_rows(res, sink);
            if (err != KS_DB_OK && status == PGRES_SINGLE_TUPLE) {
                cancel(pq);
                cancelled = true;
            }
        }
        PQclear(res);
    }
    return err;
}

const ks_backend_driver ks_backend_pg_driver = {
    .name = "PostgreSQL",
    .open = pg_open,
    .close = pg_close,
    .begin = pg_begin,
    .end = pg_end,
    .exec = pg_exec,
    .query = pg_query,
    .reconnect = pg_reconnect,
    .set_timeout = pg_set_timeout,
    .plan_each_call = pg_plan_each_call,
    .setting = pg_setting,
};
