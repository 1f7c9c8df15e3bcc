/*
 * The schema, one step per version: see kiosk/store/migrations.h, and
 * kiosk/docs/storage.md for what each table is for. A released step never
 * changes; a change to the schema is a new step at the end.
 *
 * Conventions: STRICT tables (money columns can hold only integers), UTC
 * Unix seconds in *_at columns, statuses as the lowercase names the domain
 * uses, '' rather than NULL for absent text.
 */
#define LOG_TAG "migrations"
#include "kiosk/store/migrations.h"

#include "kiosk/common/log.h"

/* Step 1: orders as frozen snapshots, their lifecycle, and order numbering. */
static const char step1_orders[] =
    "CREATE TABLE orders (\n"
    "    uuid               TEXT NOT NULL PRIMARY KEY,\n"
    "    store_id           TEXT NOT NULL,\n"
    "    kiosk_id           TEXT NOT NULL,\n"
    "    business_date      TEXT NOT NULL, -- YYYY-MM-DD, store-local business day\n"
    "    number             INTEGER NOT NULL CHECK (number >= 1),\n"
    "    service            TEXT NOT NULL CHECK (service IN ('dine_in', 'takeaway')),\n"
    "    status             TEXT NOT NULL CHECK (status IN ('created', 'paid',\n"
    "                           'sent_to_kitchen', 'in_preparation', 'ready', 'collected',\n"
    "                           'cancelled', 'refunded')),\n"
    "    lang               TEXT NOT NULL CHECK (lang IN ('ar', 'en')),\n"
    "    currency           TEXT NOT NULL,\n"
    "    exponent           INTEGER NOT NULL,\n"
    "    prices_include_tax INTEGER NOT NULL CHECK (prices_include_tax IN (0, 1)),\n"
    "    menu_version       TEXT NOT NULL,\n"
    "    subtotal           INTEGER NOT NULL, -- minor units (halalas), as are all amounts\n"
    "    discount           INTEGER NOT NULL,\n"
    "    total_net          INTEGER NOT NULL,\n"
    "    total_vat          INTEGER NOT NULL,\n"
    "    total              INTEGER NOT NULL,\n"
    "    created_at         INTEGER NOT NULL,\n"
    "    updated_at         INTEGER NOT NULL,\n"
    "    UNIQUE (store_id, business_date, number)\n"
    ") STRICT;\n"
    "CREATE INDEX orders_by_created ON orders (created_at);\n"
    "\n"
    "CREATE TABLE order_lines (\n"
    "    order_uuid    TEXT NOT NULL REFERENCES orders (uuid) ON DELETE CASCADE,\n"
    "    line_no       INTEGER NOT NULL, -- position in the order, from 0\n"
    "    item_id       TEXT NOT NULL,\n"
    "    category_id   TEXT NOT NULL,\n"
    "    name_ar       TEXT NOT NULL,\n"
    "    name_en       TEXT NOT NULL,\n"
    "    unit          TEXT NOT NULL CHECK (unit IN ('each', 'kg')),\n"
    "    quantity      INTEGER NOT NULL CHECK (quantity > 0), -- count, or grams for 'kg'\n"
    "    unit_price    INTEGER NOT NULL,\n"
    "    note          TEXT NOT NULL,\n"
    "    vat_rate_bp   INTEGER NOT NULL,\n"
    "    discount      INTEGER NOT NULL,\n"
    "    net           INTEGER NOT NULL,\n"
    "    vat           INTEGER NOT NULL,\n"
    "    gross         INTEGER NOT NULL,\n"
    "    promo_note_ar TEXT NOT NULL,\n"
    "    promo_note_en TEXT NOT NULL,\n"
    "    PRIMARY KEY (order_uuid, line_no)\n"
    ") STRICT, WITHOUT ROWID;\n"
    "\n"
    "CREATE TABLE order_line_details (\n"
    "    order_uuid  TEXT NOT NULL,\n"
    "    line_no     INTEGER NOT NULL,\n"
    "    detail_no   INTEGER NOT NULL, -- position under the line, from 0\n"
    "    kind        TEXT NOT NULL CHECK (kind IN ('modifier', 'combo_item', 'size')),\n"
    "    detail_id   TEXT NOT NULL,\n"
    "    name_ar     TEXT NOT NULL,\n"
    "    name_en     TEXT NOT NULL,\n"
    "    price_delta INTEGER NOT NULL,\n"
    "    depth       INTEGER NOT NULL CHECK (depth >= 0),\n"
    "    PRIMARY KEY (order_uuid, line_no, detail_no),\n"
    "    FOREIGN KEY (order_uuid, line_no)\n"
    "        REFERENCES order_lines (order_uuid, line_no) ON DELETE CASCADE\n"
    ") STRICT, WITHOUT ROWID;\n"
    "\n"
    "CREATE TABLE order_vat (\n"
    "    order_uuid TEXT NOT NULL REFERENCES orders (uuid) ON DELETE CASCADE,\n"
    "    rate_bp    INTEGER NOT NULL,\n"
    "    taxable    INTEGER NOT NULL,\n"
    "    vat        INTEGER NOT NULL,\n"
    "    PRIMARY KEY (order_uuid, rate_bp)\n"
    ") STRICT, WITHOUT ROWID;\n"
    "\n"
    "CREATE TABLE order_events (\n"
    "    id          INTEGER PRIMARY KEY,\n"
    "    order_uuid  TEXT NOT NULL REFERENCES orders (uuid) ON DELETE CASCADE,\n"
    "    from_status TEXT, -- NULL for the event that created the order\n"
    "    to_status   TEXT NOT NULL,\n"
    "    at          INTEGER NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX order_events_by_order ON order_events (order_uuid, id);\n"
    "\n"
    "CREATE TABLE order_counters (\n"
    "    store_id      TEXT NOT NULL,\n"
    "    business_date TEXT NOT NULL,\n"
    "    last_number   INTEGER NOT NULL, -- the number given to the latest order of that day\n"
    "    PRIMARY KEY (store_id, business_date)\n"
    ") STRICT, WITHOUT ROWID;\n"
    "\n"
    "PRAGMA user_version = 1;\n";

/*
 * Step 2: card payments. The row is written, and committed, before the
 * terminal is asked for anything, so a crash mid-payment leaves a 'pending'
 * row to resolve at start instead of a charge nobody knows about.
 */
static const char step2_payments[] =
    "CREATE TABLE payments (\n"
    "    sale_txn_id   TEXT NOT NULL PRIMARY KEY, -- made by the kiosk, sent to the terminal\n"
    "    order_uuid    TEXT NOT NULL REFERENCES orders (uuid),\n"
    "    status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined',\n"
    "                      'cancelled', 'failed', 'unknown', 'refunded')),\n"
    "    amount        INTEGER NOT NULL CHECK (amount > 0),\n"
    "    method        TEXT NOT NULL DEFAULT '', -- scheme as the terminal names it: mada, visa\n"
    "    masked_card   TEXT NOT NULL DEFAULT '', -- at most first 6 and last 4 digits\n"
    "    approval_code TEXT NOT NULL DEFAULT '',\n"
    "    terminal_ref  TEXT NOT NULL DEFAULT '', -- the terminal's retrieval reference\n"
    "    created_at    INTEGER NOT NULL,\n"
    "    updated_at    INTEGER NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX payments_by_order ON payments (order_uuid);\n"
    "CREATE UNIQUE INDEX payments_one_approved_per_order ON payments (order_uuid)\n"
    "    WHERE status = 'approved';\n"
    "CREATE INDEX payments_unresolved ON payments (created_at)\n"
    "    WHERE status IN ('pending', 'unknown');\n"
    "\n"
    "PRAGMA user_version = 2;\n";

/* Step 3: messages waiting for the kitchen and the backend, and imported menus. */
static const char step3_outbox_menus[] =
    "CREATE TABLE outbox (\n"
    "    id              INTEGER PRIMARY KEY,\n"
    "    order_uuid      TEXT NOT NULL REFERENCES orders (uuid),\n"
    "    destination     TEXT NOT NULL, -- 'kitchen', 'backend'\n"
    "    payload         TEXT NOT NULL CHECK (json_valid(payload)),\n"
    "    created_at      INTEGER NOT NULL,\n"
    "    attempts        INTEGER NOT NULL DEFAULT 0,\n"
    "    next_attempt_at INTEGER NOT NULL,\n"
    "    delivered_at    INTEGER, -- NULL until the destination acknowledged it\n"
    "    last_error      TEXT NOT NULL DEFAULT ''\n"
    ") STRICT;\n"
    "CREATE INDEX outbox_due ON outbox (destination, next_attempt_at)\n"
    "    WHERE delivered_at IS NULL;\n"
    "\n"
    "CREATE TABLE menus (\n"
    "    id          INTEGER PRIMARY KEY,\n"
    "    version     TEXT NOT NULL,        -- the file's \"version\" member\n"
    "    sha256      TEXT NOT NULL UNIQUE, -- of source, lowercase hex\n"
    "    imported_at INTEGER NOT NULL,\n"
    "    source      BLOB NOT NULL,        -- the file exactly as imported\n"
    "    active      INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))\n"
    ") STRICT;\n"
    "CREATE UNIQUE INDEX menus_one_active ON menus (active) WHERE active = 1;\n"
    "\n"
    "PRAGMA user_version = 3;\n";

/* Step 4: staff marking items or modifier options sold out (or back on sale) over the menu. */
static const char step4_sold_out[] =
    "CREATE TABLE sold_out_overrides (\n"
    "    item_id   TEXT NOT NULL DEFAULT '', -- an item or combo ...\n"
    "    group_id  TEXT NOT NULL DEFAULT '', -- ... or a modifier option in a group\n"
    "    option_id TEXT NOT NULL DEFAULT '',\n"
    "    sold_out  INTEGER NOT NULL CHECK (sold_out IN (0, 1)), -- 0: back on sale\n"
    "    set_by    TEXT NOT NULL, -- staff id\n"
    "    set_at    INTEGER NOT NULL,\n"
    "    CHECK ((item_id <> '') <> (group_id <> '' AND option_id <> '')),\n"
    "    PRIMARY KEY (item_id, group_id, option_id)\n"
    ") STRICT, WITHOUT ROWID;\n"
    "\n"
    "PRAGMA user_version = 4;\n";

/*
 * Step 5: print jobs (receipts, kitchen tickets, counter slips) and their
 * outcome, so that nothing to print is lost and nothing counts as printed
 * unless the printer confirmed it. printed_at stays set once a job printed,
 * also while a reprint of it is queued or failed.
 */
static const char step5_print_jobs[] =
    "CREATE TABLE print_jobs (\n"
    "    id         INTEGER PRIMARY KEY,\n"
    "    order_uuid TEXT NOT NULL REFERENCES orders (uuid),\n"
    "    kind       TEXT NOT NULL CHECK (kind IN ('receipt', 'kitchen', 'counter')),\n"
    "    status     TEXT NOT NULL CHECK (status IN ('queued', 'printing', 'printed', 'failed')),\n"
    "    attempts   INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),\n"
    "    last_error TEXT NOT NULL DEFAULT '',\n"
    "    created_at INTEGER NOT NULL,\n"
    "    printed_at INTEGER -- NULL until the printer confirmed a copy\n"
    ") STRICT;\n"
    "CREATE INDEX print_jobs_queued ON print_jobs (id) WHERE status = 'queued';\n"
    "CREATE INDEX print_jobs_by_order ON print_jobs (order_uuid, kind);\n"
    "\n"
    "PRAGMA user_version = 5;\n";

/*
 * The end-of-day summary is printed through the same queue as receipts: a
 * job of a business day rather than of an order. SQLite cannot relax a
 * NOT NULL or a CHECK in place, so the table is rebuilt with its rows.
 */
static const char step6_summary_jobs[] =
    "CREATE TABLE print_jobs_v6 (\n"
    "    id            INTEGER PRIMARY KEY,\n"
    "    order_uuid    TEXT REFERENCES orders (uuid), -- NULL for a summary\n"
    "    business_date TEXT,                          -- a summary's day, YYYY-MM-DD\n"
    "    kind          TEXT NOT NULL\n"
    "                  CHECK (kind IN ('receipt', 'kitchen', 'counter', 'summary')),\n"
    "    status        TEXT NOT NULL\n"
    "                  CHECK (status IN ('queued', 'printing', 'printed', 'failed')),\n"
    "    attempts      INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),\n"
    "    last_error    TEXT NOT NULL DEFAULT '',\n"
    "    created_at    INTEGER NOT NULL,\n"
    "    printed_at    INTEGER, -- NULL until the printer confirmed a copy\n"
    "    CHECK ((kind = 'summary') = (order_uuid IS NULL)),\n"
    "    CHECK ((kind = 'summary') = (business_date IS NOT NULL))\n"
    ") STRICT;\n"
    "INSERT INTO print_jobs_v6 (id, order_uuid, kind, status, attempts, last_error, created_at,\n"
    "                           printed_at)\n"
    "    SELECT id, order_uuid, kind, status, attempts, last_error, created_at, printed_at\n"
    "    FROM print_jobs;\n"
    "DROP TABLE print_jobs;\n"
    "ALTER TABLE print_jobs_v6 RENAME TO print_jobs;\n"
    "CREATE INDEX print_jobs_queued ON print_jobs (id) WHERE status = 'queued';\n"
    "CREATE INDEX print_jobs_by_order ON print_jobs (order_uuid, kind);\n"
    "\n"
    "PRAGMA user_version = 6;\n";

/*
 * Step 7: the device's chain of signed e-invoices (ZATCA phase 2). The ICV
 * is the row id, so it is never reused; each row's pih is the hash of the
 * row before it; a document is written in the transaction that pays (or
 * refunds) its order, so the chain has neither gaps nor forks.
 */
static const char step7_einvoices[] =
    "CREATE TABLE einvoices (\n"
    "    icv        INTEGER NOT NULL PRIMARY KEY CHECK (icv >= 1), -- invoice counter value\n"
    "    uuid       TEXT NOT NULL UNIQUE,    -- the document's own uuid\n"
    "    number     TEXT NOT NULL UNIQUE,    -- the invoice number printed and reported\n"
    "    order_uuid TEXT NOT NULL REFERENCES orders (uuid),\n"
    "    kind       INTEGER NOT NULL CHECK (kind IN (388, 381)), -- invoice, credit note\n"
    "    issued_at  INTEGER NOT NULL,\n"
    "    pih        TEXT NOT NULL,           -- the previous document's hash, base64\n"
    "    hash       TEXT NOT NULL UNIQUE,    -- this document's invoice hash, base64\n"
    "    qr         TEXT NOT NULL,           -- the phase 2 QR text printed on the receipt\n"
    "    xml        BLOB NOT NULL,           -- the signed UBL document\n"
    "    UNIQUE (order_uuid, kind)\n"
    ") STRICT;\n"
    "\n"
    "PRAGMA user_version = 7;\n";

/* Step 8: a meal's items keep their menu category, so kitchen stations can route them. */
static const char step8_detail_categories[] =
    "ALTER TABLE order_line_details ADD COLUMN category_id TEXT NOT NULL DEFAULT '';\n"
    "\n"
    "PRAGMA user_version = 8;\n";

/*
 * Step 9: staff access. The PIN lockout outlives a restart (one row), and
 * every PIN attempt and staff action is kept in an append-only audit log.
 */
static const char step9_staff[] =
    "CREATE TABLE staff_lockout (\n"
    "    id           INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),\n"
    "    failures     INTEGER NOT NULL CHECK (failures >= 0), -- wrong PINs in a row\n"
    "    locked_until INTEGER NOT NULL                        -- UTC seconds; 0: not locked\n"
    ") STRICT;\n"
    "\n"
    "CREATE TABLE staff_audit (\n"
    "    seq     INTEGER NOT NULL PRIMARY KEY,\n"
    "    at      INTEGER NOT NULL,  -- UTC seconds\n"
    "    place   TEXT NOT NULL,     -- where: 'staff-pin', 'lane', 'staff'\n"
    "    action  TEXT NOT NULL,     -- 'pin', 'close', 'open', 'sold-out', ...\n"
    "    outcome TEXT NOT NULL,     -- 'ok', 'wrong', 'locked', 'failed'\n"
    "    detail  TEXT NOT NULL      -- what it was done to ('' when nothing)\n"
    ") STRICT;\n"
    "\n"
    "PRAGMA user_version = 9;\n";

/*
 * Step 10: sold-out marks shared by the store's kiosks through the
 * kitchen display (kiosk/app/soldout_sync.h). set_where: the kiosk id or
 * "kitchen" a mark came from ('' for this kiosk's own, until the hub
 * echoes it); hub_seq: the hub's number of the mark (0: not from the hub
 * yet); pending: set here and not yet taken by the hub. Marks set before
 * this step are pending, so they reach the other kiosks once.
 */
static const char step10_soldout_sync[] =
    "ALTER TABLE sold_out_overrides ADD COLUMN set_where TEXT NOT NULL DEFAULT '';\n"
    "ALTER TABLE sold_out_overrides ADD COLUMN hub_seq INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE sold_out_overrides ADD COLUMN\n"
    "    pending INTEGER NOT NULL DEFAULT 1 CHECK (pending IN (0, 1));\n"
    "\n"
    "PRAGMA user_version = 10;\n";

/*
 * Step 11: e-receipts. Each order keeps the random token its e-receipt is
 * served under (the backend's GET /r/<token>); '' for orders placed before.
 */
static const char step11_receipt_tokens[] =
    "ALTER TABLE orders ADD COLUMN receipt_token TEXT NOT NULL DEFAULT '';\n"
    "\n"
    "PRAGMA user_version = 11;\n";

/*
 * Step 12: refunds. A refund of a paid order, whole or some lines, under its
 * own uuid: requested (committed before the terminal is asked), given back
 * (with its credit note, report and backend message), done. The chain's
 * credit notes become a refund's each (einvoices.refund_id, '' for an
 * invoice), so an order may have one per refund: SQLite cannot change a
 * table's UNIQUE in place, so the step rebuilds einvoices, keeping every row.
 */
static const char step12_refunds[] =
    "CREATE TABLE refunds (\n"
    "    id           TEXT NOT NULL PRIMARY KEY,       -- the refund's uuid\n"
    "    order_uuid   TEXT NOT NULL REFERENCES orders (uuid),\n"
    "    status       TEXT NOT NULL CHECK (status IN ('requested', 'given_back', 'done')),\n"
    "    method       TEXT NOT NULL CHECK (method IN ('card', 'cash')),\n"
    "    amount       INTEGER NOT NULL CHECK (amount > 0), -- what is given back, VAT included\n"
    "    reason       TEXT NOT NULL,\n"
    "    staff        TEXT NOT NULL,\n"
    "    attempt      INTEGER NOT NULL DEFAULT 0 CHECK (attempt >= 0), -- terminal requests\n"
    "    via          TEXT NOT NULL DEFAULT '' CHECK (via IN ('', 'reversal', 'refund')),\n"
    "    terminal_ref TEXT NOT NULL DEFAULT '',\n"
    "    last_error   TEXT NOT NULL DEFAULT '',\n"
    "    created_at   INTEGER NOT NULL,\n"
    "    updated_at   INTEGER NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX refunds_by_order ON refunds (order_uuid);\n"
    "CREATE INDEX refunds_open ON refunds (status) WHERE status <> 'done';\n"
    "CREATE TABLE refund_lines (\n"
    "    refund_id TEXT NOT NULL REFERENCES refunds (id),\n"
    "    line_no   INTEGER NOT NULL CHECK (line_no >= 0), -- order_lines.line_no\n"
    "    quantity  INTEGER NOT NULL CHECK (quantity > 0),\n"
    "    PRIMARY KEY (refund_id, line_no)\n"
    ") STRICT;\n"
    "CREATE TABLE einvoices_12 (\n"
    "    icv        INTEGER NOT NULL PRIMARY KEY CHECK (icv >= 1),\n"
    "    uuid       TEXT NOT NULL UNIQUE,\n"
    "    number     TEXT NOT NULL UNIQUE,\n"
    "    order_uuid TEXT NOT NULL REFERENCES orders (uuid),\n"
    "    kind       INTEGER NOT NULL CHECK (kind IN (388, 381)),\n"
    "    issued_at  INTEGER NOT NULL,\n"
    "    pih        TEXT NOT NULL,\n"
    "    hash       TEXT NOT NULL UNIQUE,\n"
    "    qr         TEXT NOT NULL,\n"
    "    xml        BLOB NOT NULL,\n"
    "    refund_id  TEXT NOT NULL DEFAULT '', -- a credit note's refund; '' for an invoice\n"
    "    UNIQUE (order_uuid, kind, refund_id)\n"
    ") STRICT;\n"
    "INSERT INTO einvoices_12 (icv, uuid, number, order_uuid, kind, issued_at, pih, hash, qr, "
    "xml)\n"
    "    SELECT icv, uuid, number, order_uuid, kind, issued_at, pih, hash, qr, xml FROM "
    "einvoices;\n"
    "DROP TABLE einvoices;\n"
    "ALTER TABLE einvoices_12 RENAME TO einvoices;\n"
    "\n"
    "PRAGMA user_version = 12;\n";

/*
 * Step 13: each order line keeps ZATCA's VAT category and exemption code
 * from its menu's tax category (kiosk/domain/vat_category.h), for its
 * e-invoice. Lines before this step get what their rate meant then: S
 * above 0 %, else out of scope (O, VATEX-SA-OOS).
 */
static const char step13_vat_categories[] =
    "ALTER TABLE order_lines ADD COLUMN vat_category TEXT NOT NULL DEFAULT 'S'\n"
    "    CHECK (vat_category IN ('S', 'Z', 'E', 'O'));\n"
    "ALTER TABLE order_lines ADD COLUMN vat_exemption TEXT NOT NULL DEFAULT '';\n"
    "UPDATE order_lines SET vat_category = 'O', vat_exemption = 'VATEX-SA-OOS'\n"
    "    WHERE vat_rate_bp = 0;\n"
    "\n"
    "PRAGMA user_version = 13;\n";

/*
 * Step 14: staff at the kiosk's refund screen. A refund the terminal
 * declined may be cancelled by staff: it stays on record as 'cancelled'
 * and is never asked about again. A refund's slip is a print job of its
 * own (kind 'refund', naming the refund). SQLite cannot change a CHECK in
 * place, so both tables are rebuilt with their rows; refund_lines is
 * rebuilt with refunds, as it refers to it.
 */
static const char step14_refund_desk[] =
    "CREATE TABLE refunds_14 (\n"
    "    id           TEXT NOT NULL PRIMARY KEY,\n"
    "    order_uuid   TEXT NOT NULL REFERENCES orders (uuid),\n"
    "    status       TEXT NOT NULL\n"
    "                 CHECK (status IN ('requested', 'given_back', 'done', 'cancelled')),\n"
    "    method       TEXT NOT NULL CHECK (method IN ('card', 'cash')),\n"
    "    amount       INTEGER NOT NULL CHECK (amount > 0),\n"
    "    reason       TEXT NOT NULL,\n"
    "    staff        TEXT NOT NULL,\n"
    "    attempt      INTEGER NOT NULL DEFAULT 0 CHECK (attempt >= 0),\n"
    "    via          TEXT NOT NULL DEFAULT '' CHECK (via IN ('', 'reversal', 'refund')),\n"
    "    terminal_ref TEXT NOT NULL DEFAULT '',\n"
    "    last_error   TEXT NOT NULL DEFAULT '',\n"
    "    created_at   INTEGER NOT NULL,\n"
    "    updated_at   INTEGER NOT NULL\n"
    ") STRICT;\n"
    "INSERT INTO refunds_14 SELECT id, order_uuid, status, method, amount, reason, staff,\n"
    "    attempt, via, terminal_ref, last_error, created_at, updated_at FROM refunds ORDER BY "
    "rowid;\n"
    "CREATE TABLE refund_lines_14 (\n"
    "    refund_id TEXT NOT NULL REFERENCES refunds_14 (id),\n"
    "    line_no   INTEGER NOT NULL CHECK (line_no >= 0),\n"
    "    quantity  INTEGER NOT NULL CHECK (quantity > 0),\n"
    "    PRIMARY KEY (refund_id, line_no)\n"
    ") STRICT;\n"
    "INSERT INTO refund_lines_14 SELECT refund_id, line_no, quantity FROM refund_lines;\n"
    "DROP TABLE refund_lines;\n"
    "DROP TABLE refunds;\n"
    "ALTER TABLE refunds_14 RENAME TO refunds;\n"
    "ALTER TABLE refund_lines_14 RENAME TO refund_lines;\n"
    "CREATE INDEX refunds_by_order ON refunds (order_uuid);\n"
    "CREATE INDEX refunds_open ON refunds (status) WHERE status <> 'done';\n"
    "CREATE TABLE print_jobs_14 (\n"
    "    id            INTEGER PRIMARY KEY,\n"
    "    order_uuid    TEXT REFERENCES orders (uuid), -- NULL for a summary\n"
    "    business_date TEXT,                          -- a summary's day, YYYY-MM-DD\n"
    "    kind          TEXT NOT NULL\n"
    "                  CHECK (kind IN ('receipt', 'kitchen', 'counter', 'summary', 'refund')),\n"
    "    status        TEXT NOT NULL\n"
    "                  CHECK (status IN ('queued', 'printing', 'printed', 'failed')),\n"
    "    attempts      INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),\n"
    "    last_error    TEXT NOT NULL DEFAULT '',\n"
    "    created_at    INTEGER NOT NULL,\n"
    "    printed_at    INTEGER, -- NULL until the printer confirmed a copy\n"
    "    refund_id     TEXT NOT NULL DEFAULT '', -- a refund slip's refund; '' otherwise\n"
    "    CHECK ((kind = 'summary') = (order_uuid IS NULL)),\n"
    "    CHECK ((kind = 'summary') = (business_date IS NOT NULL)),\n"
    "    CHECK ((kind = 'refund') = (refund_id <> ''))\n"
    ") STRICT;\n"
    "INSERT INTO print_jobs_14 (id, order_uuid, business_date, kind, status, attempts,\n"
    "                           last_error, created_at, printed_at)\n"
    "    SELECT id, order_uuid, business_date, kind, status, attempts, last_error, created_at,\n"
    "           printed_at FROM print_jobs;\n"
    "DROP TABLE print_jobs;\n"
    "ALTER TABLE print_jobs_14 RENAME TO print_jobs;\n"
    "CREATE INDEX print_jobs_queued ON print_jobs (id) WHERE status = 'queued';\n"
    "CREATE INDEX print_jobs_by_order ON print_jobs (order_uuid, kind);\n"
    "\n"
    "PRAGMA user_version = 14;\n";

/*
 * Version 15: the backend's sold-out list from stock (kiosk/docs/backend-api.md,
 * GET /v1/stock/soldout), the "central" marks the menu puller keeps
 * (kiosk/store/stock_soldout_store.h). Apart from the staff's marks in
 * sold_out_overrides, so that stock arriving clears only these. One row per
 * item listed, and the list's ETag in a one-row table, replaced together.
 */
static const char step15_stock_soldout[] =
    "CREATE TABLE stock_soldout (\n"
    "    item_id TEXT NOT NULL PRIMARY KEY\n"
    ") STRICT;\n"
    "CREATE TABLE stock_soldout_list (\n"
    "    id        INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),\n"
    "    etag      TEXT NOT NULL,\n"
    "    pulled_at INTEGER NOT NULL\n"
    ") STRICT;\n"
    "\n"
    "PRAGMA user_version = 15;\n";

/*
 * Version 16: refunds the back office asked for (kiosk/docs/backend-api.md,
 * "Refund requests from the back office"; kiosk/store/office_refund_store.h):
 * each request as the backend handed it, with the uuid of the kiosk refund
 * that carries it out, chosen when it is first stored, so a repeated fetch
 * or a crash never records it twice. And an outbox message may name its own
 * path beside the API root (a refusal goes to refund-requests/<id>/refusal).
 */
static const char step16_office_refunds[] =
    "CREATE TABLE office_refunds (\n"
    "    request_id  TEXT NOT NULL PRIMARY KEY, -- the back office's uuid\n"
    "    order_uuid  TEXT NOT NULL, -- not a reference: a request may name an order not here\n"
    "    refund_id   TEXT NOT NULL UNIQUE, -- the kiosk refund (refunds.id) it is carried out "
    "under\n"
    "    reason      TEXT NOT NULL,\n"
    "    person      TEXT NOT NULL, -- who asked, as the backend names them\n"
    "    asked_at    INTEGER NOT NULL,\n"
    "    received_at INTEGER NOT NULL,\n"
    "    status      TEXT NOT NULL CHECK (status IN ('open', 'done', 'refused')),\n"
    "    refusal     TEXT NOT NULL DEFAULT '', -- why it was refused here, relayed to the backend\n"
    "    updated_at  INTEGER NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX office_refunds_open ON office_refunds (received_at) WHERE status = 'open';\n"
    "CREATE TABLE office_refund_lines (\n"
    "    request_id TEXT NOT NULL REFERENCES office_refunds (request_id) ON DELETE CASCADE,\n"
    "    line_no    INTEGER NOT NULL CHECK (line_no >= 0),\n"
    "    quantity   INTEGER NOT NULL CHECK (quantity > 0),\n"
    "    PRIMARY KEY (request_id, line_no)\n"
    ") STRICT;\n"
    "ALTER TABLE outbox ADD COLUMN path TEXT NOT NULL DEFAULT ''; -- '': the destination's own\n"
    "\n"
    "PRAGMA user_version = 16;\n";

/*
 * Version 17: the menu file as a start last found it (kiosk/store/menu_store.h,
 * ks_menu_store_import_file): where it is, its inode, size and modification
 * time, and the SHA-256 of its bytes then, so that a start finding it the
 * same, while its menu is still the active one, neither reads nor hashes it.
 */
static const char step17_menu_file[] =
    "CREATE TABLE menu_file (\n"
    "    id       INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),\n"
    "    path     TEXT NOT NULL,\n"
    "    device   INTEGER NOT NULL,\n"
    "    inode    INTEGER NOT NULL,\n"
    "    size     INTEGER NOT NULL,\n"
    "    mtime_ns INTEGER NOT NULL, -- nanoseconds since the epoch\n"
    "    sha256   TEXT NOT NULL     -- of the bytes read then, lowercase hex\n"
    ") STRICT;\n"
    "\n"
    "PRAGMA user_version = 17;\n";

/*
 * Version 18: a self-checkout order's attendant interventions
 * (kiosk/domain/intervention.h), stored with the order at checkout so that
 * the backend's copy carries them whoever marks it paid (the payment
 * worker loads the order from here).
 */
static const char step18_order_interventions[] =
    "CREATE TABLE order_interventions (\n"
    "    order_uuid  TEXT NOT NULL REFERENCES orders (uuid) ON DELETE CASCADE,\n"
    "    seq         INTEGER NOT NULL CHECK (seq >= 0), -- in the order they were decided\n"
    "    need        TEXT NOT NULL, -- age, removal, bagging, unknown, help, idle, unasked\n"
    "    decision    TEXT NOT NULL, -- approve_age ... help_given\n"
    "    staff       TEXT NOT NULL,\n"
    "    raised_at   INTEGER NOT NULL,\n"
    "    decided_at  INTEGER NOT NULL,\n"
    "    void_item   TEXT NOT NULL DEFAULT '', -- a void's line's item, '' for none\n"
    "    void_amount INTEGER NOT NULL DEFAULT 0,\n"
    "    PRIMARY KEY (order_uuid, seq)\n"
    ") STRICT;\n"
    "\n"
    "PRAGMA user_version = 18;\n";

/*
 * Version 19: retention (issues #15/#16). A signed document is stored once,
 * in einvoices: the ZATCA report and the archive copy for the backend name
 * it (outbox.document, its ICV) and get its XML at send time, as member
 * "invoice" in base64 (document_as 'invoice') or "xml" as text ('xml')
 * (kiosk/store/outbox.h). Messages waiting are rewritten to refer to the
 * document they carry, matched exactly (the report by the document's uuid,
 * the copy by its XML); delivered ones are never sent again and lose their
 * copy, but name their document too: a delivered archive copy is what lets
 * the prune remove a document. A document signed before the archive
 * existed (no archive copy at all) gets one queued, so the chain's archive
 * is whole from ICV 1 and the document may be pruned once it is stored
 * there. Indexes for the prune (kiosk/store/retention_store.h): an order's
 * messages, a document's messages (the foreign key's check), delivered
 * messages by age. retention: one row, what the prune has taken so far.
 */
static const char step19_retention[] =
    "ALTER TABLE outbox ADD COLUMN document INTEGER REFERENCES einvoices (icv);\n"
    "ALTER TABLE outbox ADD COLUMN document_as TEXT NOT NULL DEFAULT ''\n"
    "    CHECK (document_as IN ('', 'invoice', 'xml'));\n"
    "UPDATE outbox SET\n"
    "    document = (SELECT e.icv FROM einvoices e\n"
    "                WHERE e.uuid = json_extract(outbox.payload, '$.uuid')),\n"
    "    document_as = 'invoice'\n"
    "WHERE destination = 'zatca' AND json_type(payload, '$.invoice') = 'text'\n"
    "    AND EXISTS (SELECT 1 FROM einvoices e\n"
    "                WHERE e.uuid = json_extract(outbox.payload, '$.uuid'));\n"
    "UPDATE outbox SET\n"
    "    document = (SELECT e.icv FROM einvoices e WHERE e.order_uuid = outbox.order_uuid\n"
    "                AND CAST(e.xml AS TEXT) = json_extract(outbox.payload, '$.xml')),\n"
    "    document_as = 'xml'\n"
    "WHERE destination = 'backend' AND path = 'einvoices'\n"
    "    AND EXISTS (SELECT 1 FROM einvoices e WHERE e.order_uuid = outbox.order_uuid\n"
    "                AND CAST(e.xml AS TEXT) = json_extract(outbox.payload, '$.xml'));\n"
    "UPDATE outbox SET payload = json_remove(payload, '$.invoice')\n"
    "WHERE destination = 'zatca' AND (document IS NOT NULL OR delivered_at IS NOT NULL);\n"
    "UPDATE outbox SET payload = json_remove(payload, '$.xml')\n"
    "WHERE destination = 'backend' AND path = 'einvoices'\n"
    "    AND (document IS NOT NULL OR delivered_at IS NOT NULL);\n"
    "INSERT INTO outbox (order_uuid, destination, path, payload, created_at, next_attempt_at,\n"
    "                    document, document_as)\n"
    "SELECT e.order_uuid, 'backend', 'einvoices',\n"
    "       json_object('store_id', o.store_id, 'order_uuid', e.order_uuid),\n"
    "       e.issued_at, e.issued_at, e.icv, 'xml'\n"
    "FROM einvoices e JOIN orders o ON o.uuid = e.order_uuid\n"
    "WHERE NOT EXISTS (SELECT 1 FROM outbox m WHERE m.destination = 'backend'\n"
    "                  AND m.path = 'einvoices' AND m.document = e.icv)\n"
    "ORDER BY e.icv;\n"
    "CREATE INDEX outbox_by_order ON outbox (order_uuid);\n"
    "CREATE INDEX outbox_by_document ON outbox (document) WHERE document IS NOT NULL;\n"
    "CREATE INDEX outbox_delivered ON outbox (created_at) WHERE delivered_at IS NOT NULL;\n"
    "CREATE TABLE retention (\n"
    "    id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),\n"
    "    pruned_icv  INTEGER NOT NULL DEFAULT 0, -- the highest ICV pruned (0: none)\n"
    "    orders      INTEGER NOT NULL DEFAULT 0, -- orders pruned, all runs\n"
    "    messages    INTEGER NOT NULL DEFAULT 0, -- outbox messages pruned, all runs\n"
    "    documents   INTEGER NOT NULL DEFAULT 0, -- e-invoices pruned, all runs\n"
    "    last_run_at INTEGER NOT NULL DEFAULT 0  -- UTC seconds of the last batch\n"
    ") STRICT;\n"
    "INSERT INTO retention (id) VALUES (1);\n"
    "\n"
    "PRAGMA user_version = 19;\n";

/*
 * Version 20: the store's staff list from the backend (kiosk/docs/backend-api.md,
 * GET /v1/staff; kiosk/store/staff_pin_store.h): each person given a kiosk PIN
 * at this store, by name, with the PIN only as its staff secret, and the
 * list's ETag in a one-row table, replaced together. The staff audit names
 * the person who signed in ('' for the INI's shared PIN and rows before).
 */
static const char step20_staff_pins[] =
    "CREATE TABLE staff_pins (\n"
    "    id       TEXT NOT NULL PRIMARY KEY, -- the person's name in the back office\n"
    "    pin_hash TEXT NOT NULL              -- pbkdf2-sha256$N$salt$hash\n"
    ") STRICT;\n"
    "CREATE TABLE staff_pins_list (\n"
    "    id        INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),\n"
    "    etag      TEXT NOT NULL,\n"
    "    pulled_at INTEGER NOT NULL\n"
    ") STRICT;\n"
    "ALTER TABLE staff_audit ADD COLUMN person TEXT NOT NULL DEFAULT '';\n"
    "\n"
    "PRAGMA user_version = 20;\n";

/*
 * Version 21: staff actions reach the backend (kiosk/domain/staff_action.h):
 * a staff action (a sold-out mark, a reprint, an intervention in an unpaid
 * basket) is a staff audit row with a uuid, and its message to the backend
 * is an outbox message keyed by that uuid, not by an order. SQLite cannot
 * drop a foreign key in place, so the outbox is rebuilt with its rows and
 * indexes; nothing refers to it. ks_outbox_enqueue checks that the key is
 * a stored order or a staff action instead.
 */
static const char step21_staff_actions[] =
    "ALTER TABLE staff_audit ADD COLUMN uuid TEXT; -- a staff action sent to the backend\n"
    "CREATE UNIQUE INDEX staff_audit_uuid ON staff_audit (uuid);\n"
    "CREATE TABLE outbox_21 (\n"
    "    id              INTEGER PRIMARY KEY,\n"
    "    order_uuid      TEXT NOT NULL, -- the order's uuid, or a staff action's (staff_audit)\n"
    "    destination     TEXT NOT NULL,\n"
    "    payload         TEXT NOT NULL CHECK (json_valid(payload)),\n"
    "    created_at      INTEGER NOT NULL,\n"
    "    attempts        INTEGER NOT NULL DEFAULT 0,\n"
    "    next_attempt_at INTEGER NOT NULL,\n"
    "    delivered_at    INTEGER,\n"
    "    last_error      TEXT NOT NULL DEFAULT '',\n"
    "    path            TEXT NOT NULL DEFAULT '',\n"
    "    document        INTEGER REFERENCES einvoices (icv),\n"
    "    document_as     TEXT NOT NULL DEFAULT ''\n"
    "                    CHECK (document_as IN ('', 'invoice', 'xml'))\n"
    ") STRICT;\n"
    "INSERT INTO outbox_21 (id, order_uuid, destination, payload, created_at, attempts,\n"
    "                       next_attempt_at, delivered_at, last_error, path, document,\n"
    "                       document_as)\n"
    "    SELECT id, order_uuid, destination, payload, created_at, attempts, next_attempt_at,\n"
    "           delivered_at, last_error, path, document, document_as FROM outbox ORDER BY id;\n"
    "DROP TABLE outbox;\n"
    "ALTER TABLE outbox_21 RENAME TO outbox;\n"
    "CREATE INDEX outbox_due ON outbox (destination, next_attempt_at) WHERE delivered_at IS NULL;\n"
    "CREATE INDEX outbox_by_order ON outbox (order_uuid);\n"
    "CREATE INDEX outbox_by_document ON outbox (document) WHERE document IS NOT NULL;\n"
    "CREATE INDEX outbox_delivered ON outbox (created_at) WHERE delivered_at IS NOT NULL;\n"
    "\n"
    "PRAGMA user_version = 21;\n";

/*
 * Version 22: whether a message set aside (ks_outbox_mark_dead) still counts as unsent is the
 * message's own (outbox.aside_unsent, set when queued: kiosk/store/outbox.h), not its path's:
 * staff actions queued before are given 0, every other message 1.
 */
static const char step22_aside_unsent[] =
    "ALTER TABLE outbox ADD COLUMN aside_unsent INTEGER NOT NULL DEFAULT 1\n"
    "    CHECK (aside_unsent IN (0, 1));\n"
    "UPDATE outbox SET aside_unsent = 0 WHERE path = 'staff-actions';\n"
    "\n"
    "PRAGMA user_version = 22;\n";

/* steps[k - 1] takes the schema from version k - 1 to k. */
static const char *const steps[] = {
    step1_orders,          step2_payments,          step3_outbox_menus,
    step4_sold_out,        step5_print_jobs,        step6_summary_jobs,
    step7_einvoices,       step8_detail_categories, step9_staff,
    step10_soldout_sync,   step11_receipt_tokens,   step12_refunds,
    step13_vat_categories, step14_refund_desk,      step15_stock_soldout,
    step16_office_refunds, step17_menu_file,        step18_order_interventions,
    step19_retention,      step20_staff_pins,       step21_staff_actions,
    step22_aside_unsent,
};
#define STEP_COUNT ((int)(sizeof steps / sizeof steps[0]))

int ks_migrations_latest(void)
{
    return STEP_COUNT;
}

enum ks_db_error ks_migrations_version(sqlite3 *conn, int *version)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(conn, "PRAGMA user_version", -1, &stmt, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *version = sqlite3_column_int(stmt, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_OK ? KS_DB_OK : ks_db_fail(conn, rc, "reading the schema version");
}

/* Applies step version inside the caller's transaction; user_version must follow. */
static enum ks_db_error run_step(sqlite3 *conn, int version)
{
    int rc = sqlite3_exec(conn, steps[version - 1], NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        LOG_ERROR("schema step %d failed: %s", version, sqlite3_errmsg(conn));
        return KS_DB_ERR_MIGRATION;
    }
    int current = 0;
    enum ks_db_error err = ks_migrations_version(conn, &current);
    if (err == KS_DB_OK && current != version) {
        LOG_ERROR("schema step %d left user_version %d", version, current);
        err = KS_DB_ERR_MIGRATION;
    }
    return err;
}

/*
 * Every step from the version found (under the write lock: another process
 * may have migrated while we waited for it) up to target, in one
 * transaction: one sync for a new database, and a failed step leaves the
 * schema as it was.
 */
static enum ks_db_error run_steps(sqlite3 *conn, int target, int *from)
{
    int rc = sqlite3_exec(conn, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return ks_db_fail(conn, rc, "starting the migrations");
    enum ks_db_error err = ks_migrations_version(conn, from);
    for (int version = *from + 1; err == KS_DB_OK && version <= target; version++)
        err = run_step(conn, version);
    rc = sqlite3_exec(conn, err == KS_DB_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    if (err == KS_DB_OK && rc != SQLITE_OK)
        err = ks_db_fail(conn, rc, "committing the migrations");
    return err;
}

enum ks_db_error ks_migrations_run(sqlite3 *conn, int target)
{
    if (target < 0 || target > STEP_COUNT)
        return KS_DB_ERR_INVALID;
    int current = 0;
    enum ks_db_error err = ks_migrations_version(conn, &current);
    if (err != KS_DB_OK)
        return err;
    if (current > STEP_COUNT) {
        LOG_ERROR("database schema version %d is newer than this program's %d", current,
                  STEP_COUNT);
        return KS_DB_ERR_TOO_NEW;
    }
    if (current >= target)
        return KS_DB_OK;
    err = run_steps(conn, target, &current);
    if (err == KS_DB_OK && current < target)
        LOG_INFO("database schema at version %d (was %d)", target, current);
    return err;
}
