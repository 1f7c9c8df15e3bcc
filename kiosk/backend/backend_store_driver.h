/*
 * Inside the backend store: what a database driver (SQLite, PostgreSQL)
 * provides to backend_store.c, which holds everything the two share (the
 * choice of driver, the values each statement binds, the order's
 * transaction, the retry after a lost connection, the JSON rows). A driver
 * only knows its SQL dialect and its client library. Not for other users.
 */
#ifndef KIOSK_BACKEND_BACKEND_STORE_DRIVER_H
#define KIOSK_BACKEND_BACKEND_STORE_DRIVER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/backend/backend_refund.h"
#include "kiosk/backend/backend_row.h"
#include "kiosk/domain/order.h"
#include "kiosk/store/db.h"

/*
 * The statements each driver writes in its dialect, with the parameters
 * bound in this order (1, 2, 3 ...) and result columns named as listed,
 * so that both stores give byte-identical rows.
 */
enum ks_backend_sql {
    /* uuid, store_id, kiosk_id, number, business_date, created_at, received_at, total_net,
     * total_vat, total, order_json; writes nothing when the uuid is stored already. PostgreSQL
     * takes the order's KS_BACKEND_SQL_LOCK_PAYING lock with it */
    KS_BACKEND_SQL_INSERT_ORDER,
    /* uuid -> order_json (the body stored under that uuid, as text) */
    KS_BACKEND_SQL_ORDER_BODY,
    /* uuid, line_no, item_id, name_en, name_ar, unit, quantity, net, vat, gross */
    KS_BACKEND_SQL_INSERT_LINE,
    /* uuid, rate_bp, taxable, vat */
    KS_BACKEND_SQL_INSERT_VAT,
    /* -> orders (the count of stored orders, paid and cancelled) */
    KS_BACKEND_SQL_COUNT,
    /* -> ok (1): the database answers */
    KS_BACKEND_SQL_PING,
    /* kiosk_id, at, version, unsent, devices; replaces the kiosk's row */
    KS_BACKEND_SQL_HEARTBEAT,
    /* -> kiosk_id, at, version, unsent, devices, by kiosk_id */
    KS_BACKEND_SQL_KIOSKS,
    /* from, to, group (0 day, 1 month), by_store (0/1), store ('' every store) -> the sales
     * columns of backend_store.h (refunds counted with the orders they give back), from
     * be_day_sales */
    KS_BACKEND_SQL_SALES,
    /* from, to, store -> the same columns per day and kiosk: be_day_sales' own rows */
    KS_BACKEND_SQL_SALES_BY_DAY_KIOSK,
    /* from, to, utc offset in seconds, by_store (0/1), store -> the same columns per local
     * hour of created_at ("YYYY-MM-DD HH:00"), from be_hour_sales (backend_channel_sql.h) */
    KS_BACKEND_SQL_SALES_BY_HOUR,
    /* uuid: a newly stored order (paid or cancelled; after its cancellation mark) added to
     * be_day_sales and be_hour_sales, and when paid (after its payment and its lines' costs)
     * to be_quarter_sales, be_day_payments and be_day_profit (backend_summary_sql.h) */
    KS_BACKEND_SQL_ADD_DAY_SALES,
    KS_BACKEND_SQL_ADD_HOUR_SALES,
    KS_BACKEND_SQL_ADD_QUARTER_SALES,
    KS_BACKEND_SQL_ADD_DAY_PAYMENTS,
    KS_BACKEND_SQL_ADD_DAY_PROFIT,
    /* refund_id: a newly stored refund (after its lines) added to be_day_sales,
     * be_hour_sales (its order's quarter), be_day_refunds, be_day_payments and
     * be_day_profit on its order's business date */
    KS_BACKEND_SQL_REFUND_DAY_SALES,
    KS_BACKEND_SQL_REFUND_HOUR_SALES,
    KS_BACKEND_SQL_ADD_DAY_REFUNDS,
    KS_BACKEND_SQL_REFUND_DAY_PAYMENTS,
    KS_BACKEND_SQL_REFUND_DAY_PROFIT,
    /* from, to, by_revenue (0/1), store, limit -> the items columns (from be_day_items) */
    KS_BACKEND_SQL_ITEMS,
    /* uuid: a newly stored paid order's lines added to be_day_items (backend_summary_sql.h) */
    KS_BACKEND_SQL_ADD_DAY_ITEMS,
    /* from, to, store -> rate_bp, orders, taxable, vat (from be_day_vat) */
    KS_BACKEND_SQL_VAT,
    /* uuid: a newly stored paid order's VAT rows added to be_day_vat (backend_summary_sql.h) */
    KS_BACKEND_SQL_ADD_DAY_VAT,
    /* from, to, store, utc offset in seconds -> weekday (0 Sunday .. 6 Saturday), hour (0-23),
     * orders, total: the paid orders per local weekday and hour of created_at, by those
     * (from be_quarter_sales) */
    KS_BACKEND_SQL_PEAK,
    /* from, to, store -> method, reason, refunds, amount, vat: the refunds of the orders of
     * those business dates, per method and reason, by those (from be_day_refunds) */
    KS_BACKEND_SQL_REFUNDS,
    /* token, uuid: the order's receipt token */
    KS_BACKEND_SQL_INSERT_RECEIPT,
    /* token -> order_json (the body of the paid order with that receipt token, as text; an
     * order cancelled unpaid has none) */
    KS_BACKEND_SQL_RECEIPT,
    /* uuid -> waiting: marks the order (stored just before) as cancelled unpaid, answering how
     * many decisions taken while it was being paid wait for it (backend_staff_action_sql.h) */
    KS_BACKEND_SQL_INSERT_CANCELLED,
    /* uuid -> kiosk_id, paid_at (the order's updated_at), cancelled (0/1); no row when no
     * order has that uuid */
    KS_BACKEND_SQL_KITCHEN_ORDER,
    /* uuid, status, station, at, paid_at, received_at; writes nothing when the same uuid,
     * status, station and at are stored already */
    KS_BACKEND_SQL_INSERT_KITCHEN,
    /* uuid -> locked: one row when the order exists. PostgreSQL holds a lock of the order's
     * business month and store until the transaction ends, so that two events of that month
     * and store write be_kitchen_days and be_kitchen_seconds one after the other, and a refresh
     * of be_kitchen_months waits for them (SQLite's writes are one at a time) */
    KS_BACKEND_SQL_LOCK_KITCHEN,
    /* uuid: takes the order's be_kitchen_times rows out of be_kitchen_seconds (before
     * KS_BACKEND_SQL_DELETE_KITCHEN_TIMES) */
    KS_BACKEND_SQL_UNCOUNT_KITCHEN_SECONDS,
    /* uuid: deletes the order's rows of be_kitchen_times, then writes them again from its
     * events (backend_kitchen_sql.h) */
    KS_BACKEND_SQL_DELETE_KITCHEN_TIMES,
    KS_BACKEND_SQL_KITCHEN_TIMES,
    /* uuid: counts the order's new be_kitchen_times rows into be_kitchen_seconds */
    KS_BACKEND_SQL_COUNT_KITCHEN_SECONDS,
    /* uuid: deletes the be_kitchen_days rows of the order's date and store, then writes them
     * again from be_kitchen_times (backend_kitchen_sql.h) */
    KS_BACKEND_SQL_DELETE_KITCHEN_DAY,
    KS_BACKEND_SQL_KITCHEN_DAY,
    /* uuid: marks the order's month and store stale in be_kitchen_stale */
    KS_BACKEND_SQL_STALE_KITCHEN_MONTH,
    /* -> locked: PostgreSQL holds the one lock of refreshes of be_kitchen_months until the
     * transaction ends (two reports refresh one after the other) */
    KS_BACKEND_SQL_LOCK_KITCHEN_REFRESH,
    /* month from, month to ("YYYY-MM"), store ('' every store): marks those stale months taken
     * for the refresh (PostgreSQL first waits for the events of each in progress, and holds
     * their locks); then be_kitchen_months' rows of the taken months deleted, written again
     * from be_kitchen_seconds, and the taken months' marks deleted */
    KS_BACKEND_SQL_TAKE_KITCHEN_STALE,
    KS_BACKEND_SQL_DELETE_KITCHEN_MONTHS,
    KS_BACKEND_SQL_REFRESH_KITCHEN_MONTHS,
    KS_BACKEND_SQL_DROP_KITCHEN_STALE,
    /* from, to, store ('' every store), utc offset in seconds -> the kitchen columns of
     * backend_store.h (per hour from be_kitchen_times, per day from be_kitchen_days) */
    KS_BACKEND_SQL_KITCHEN,
    KS_BACKEND_SQL_KITCHEN_BY_DAY,
    /* from, to, store, month from, month to (the whole months among those dates, "YYYY-MM")
     * -> the kitchen columns per month: the whole months from be_kitchen_months, the others
     * from be_kitchen_times */
    KS_BACKEND_SQL_KITCHEN_BY_MONTH,
    /* uuid -> kiosk_id, total, cancelled (0/1), refunded (the sum of its refunds); no row when
     * no order has that uuid. PostgreSQL locks the order's row until the transaction ends,
     * so that two refunds of one order are checked one after the other */
    KS_BACKEND_SQL_REFUND_ORDER,
    /* refund_id -> refund_json (the body stored under that id, as text) */
    KS_BACKEND_SQL_REFUND_BODY,
    /* refund_id, uuid, method, amount, vat, reason, at, received_at, refund_json */
    KS_BACKEND_SQL_INSERT_REFUND,
    /* uuid -> store_id, line_no, item_id, quantity: the lines of a paid order, by line_no */
    KS_BACKEND_SQL_ORDER_LINES,
    /* store_id, item_id, delta -> on_hand (after): adds delta to a tracked item's stock; no
     * row when the item has no stock record there (untracked). Locks the row until the end */
    KS_BACKEND_SQL_STOCK_APPLY,
    /* store_id, item_id: a stock record of 0 when there is none (the item becomes tracked) */
    KS_BACKEND_SQL_STOCK_TRACK,
    /* store_id, item_id -> on_hand; locks the row until the transaction ends (PostgreSQL) */
    KS_BACKEND_SQL_STOCK_LEVEL,
    /* store_id, item_id, quantity (signed), on_hand (after), reason, person, ref, at */
    KS_BACKEND_SQL_INSERT_STOCK_MOVE,
    /* store ('' every store), now -> store_id, item_id, on_hand, low_at, held (what live
     * reservations hold, as KS_BACKEND_SQL_STOCK_RESERVED), by store_id and item_id */
    KS_BACKEND_SQL_STOCK_LEVELS,
    /* store ('' every store), item ('' every item), limit -> seq, store_id, item_id, quantity,
     * on_hand, reason, person, ref, at; newest first */
    KS_BACKEND_SQL_STOCK_MOVES,
    /* request_id -> request_json (the body of the stock request stored under that id) */
    KS_BACKEND_SQL_STOCK_REQUEST_BODY,
    /* request_id, request_json, received_at */
    KS_BACKEND_SQL_INSERT_STOCK_REQUEST,
    /* item_id -> ingredient_id, quantity: the item's recipe */
    KS_BACKEND_SQL_RECIPE,
    /* item_id: removes the item's recipe */
    KS_BACKEND_SQL_DELETE_RECIPE,
    /* item_id, ingredient_id, quantity */
    KS_BACKEND_SQL_INSERT_RECIPE,
    /* -> item_id, ingredient_id, quantity: every recipe, by item_id and ingredient_id */
    KS_BACKEND_SQL_RECIPES,
    /* store_id, item_id, low_at, sold_out_at: the item's low-stock threshold and sold-out floor
     * (tracked from 0 when it was not) */
    KS_BACKEND_SQL_STOCK_SET_LOW,
    /* store -> store_id, item_id, on_hand, low_at: the items at or below their threshold */
    KS_BACKEND_SQL_STOCK_ALERTS,
    /* store, now -> item_id: the tracked items whose stock not held by a live reservation
     * (on_hand - reserved, as KS_BACKEND_SQL_STOCK_RESERVED) is at or below their sold-out
     * floor, and the items one piece of which needs more of such an ingredient than is left
     * above its floor, by item_id (KS_BACKEND_STOCK_SOLDOUT_SQL) */
    KS_BACKEND_SQL_STOCK_SOLDOUT,
    /* store, since, until -> item_id, on_hand, sold: each tracked item with the units its sale
     * moves took away in [since, until) */
    KS_BACKEND_SQL_STOCK_SOLD,
    /* name, role, password_hash, created_at; KS_DB_ERR_CONSTRAINT when the name is taken */
    KS_BACKEND_SQL_INSERT_PERSON,
    /* name -> role, password_hash; no row when nobody has that name */
    KS_BACKEND_SQL_PERSON,
    /* name, store_id: one of a store manager's stores */
    KS_BACKEND_SQL_INSERT_PERSON_STORE,
    /* name -> store_id: the person's stores, by store_id */
    KS_BACKEND_SQL_PERSON_STORES,
    /* -> name, role, created_at: everyone, by name */
    KS_BACKEND_SQL_PEOPLE,
    /* -> name, store_id: every store manager's stores, by name and store_id */
    KS_BACKEND_SQL_PEOPLE_STORES,
    /* -> name, store_id: every kiosk PIN's person and store, by name and store_id */
    KS_BACKEND_SQL_PEOPLE_PINS,
    /* password_hash, name */
    KS_BACKEND_SQL_SET_PASSWORD,
    /* name, id_hash: the person's sessions but that one ended */
    KS_BACKEND_SQL_END_OTHER_SESSIONS,
    /* -> name: the head-office people, by name; locks their rows until the transaction ends
     * (PostgreSQL), so that two changes cannot each leave the other as the last one */
    KS_BACKEND_SQL_HEAD_OFFICE,
    /* role, name */
    KS_BACKEND_SQL_SET_ROLE,
    /* name: a person's stores removed */
    KS_BACKEND_SQL_DELETE_PERSON_STORES,
    /* name: every session of the person ended */
    KS_BACKEND_SQL_END_SESSIONS,
    /* name: the person removed (after their stores and sessions) */
    KS_BACKEND_SQL_DELETE_PERSON,
    /* store_id -> pin_hash: one kiosk PIN hash of the store (its salt), or no row */
    KS_BACKEND_SQL_PIN_SALT,
    /* name, store_id: the person's kiosk PIN at the store removed */
    KS_BACKEND_SQL_DELETE_PIN,
    /* name, store_id, pin_hash, set_at; KS_DB_ERR_CONSTRAINT when another has that hash there */
    KS_BACKEND_SQL_INSERT_PIN,
    /* name -> store_id: the stores of the person's kiosk PINs */
    KS_BACKEND_SQL_PERSON_PINS,
    /* name: every kiosk PIN of the person removed */
    KS_BACKEND_SQL_DELETE_PINS,
    /* name, name: the person's kiosk PINs at stores no longer theirs removed */
    KS_BACKEND_SQL_DELETE_PINS_ELSEWHERE,
    /* store_id -> id, pin_hash: the store's kiosk PINs, by person */
    KS_BACKEND_SQL_STAFF_PINS,
    /* id_hash, name, csrf, created_at, last_seen */
    KS_BACKEND_SQL_INSERT_SESSION,
    /* id_hash -> name, csrf, created_at, last_seen; no row when there is no such session */
    KS_BACKEND_SQL_SESSION,
    /* id_hash, last_seen */
    KS_BACKEND_SQL_TOUCH_SESSION,
    /* id_hash */
    KS_BACKEND_SQL_DELETE_SESSION,
    /* idle_before, created_before: removes the sessions past either expiry */
    KS_BACKEND_SQL_DELETE_EXPIRED_SESSIONS,
    /* key: a login limit row of no failures when there is none */
    KS_BACKEND_SQL_LIMIT_TRACK,
    /* key -> failures, last_failure; locks the row until the transaction ends (PostgreSQL) */
    KS_BACKEND_SQL_LIMIT,
    /* key, failures, last_failure */
    KS_BACKEND_SQL_LIMIT_SET,
    /* at, actor, role, action, store_id, target, before_summary, after_summary */
    KS_BACKEND_SQL_INSERT_AUDIT,
    /* store ('' every store), limit -> seq, at, actor, role, action, store_id, target,
     * before_summary, after_summary; newest first */
    KS_BACKEND_SQL_AUDIT,
    /* store_id, item_id -> low_at, sold_out_at; no row when the item is untracked there */
    KS_BACKEND_SQL_STOCK_LIMITS,
    /* store_id, item_id -> on_hand, sold_out_at; no row when untracked. Locks the row until the
     * transaction ends (PostgreSQL), so that reservations of one item are checked one after the
     * other */
    KS_BACKEND_SQL_STOCK_HOLD,
    /* store_id, item_id, now -> reserved: the quantity of the item that reservations of the store
     * still in state reserved and not expired at now hold (0 when none). A statement of its own
     * after KS_BACKEND_SQL_STOCK_HOLD: on PostgreSQL it then sees what the transaction that held
     * the lock before committed */
    KS_BACKEND_SQL_STOCK_RESERVED,
    /* reservation_id, now -> channel, store_id, state, created_at, expires_at, ended_at; state
     * "expired" for one still reserved whose expires_at is at or before now; no row when there
     * is no such reservation. Locks the row until the transaction ends (PostgreSQL) */
    KS_BACKEND_SQL_RESERVATION,
    /* reservation_id -> item_id, quantity: the reservation's lines, by item_id */
    KS_BACKEND_SQL_RESERVATION_LINES,
    /* reservation_id, channel, store_id, created_at, expires_at: a new reservation, reserved;
     * KS_DB_ERR_CONSTRAINT when the id is taken */
    KS_BACKEND_SQL_INSERT_RESERVATION,
    /* reservation_id, item_id, quantity */
    KS_BACKEND_SQL_INSERT_RESERVATION_LINE,
    /* reservation_id -> item_id, quantity: the stock the reservation holds (its lines' items and
     * their recipes' ingredients, tracked when it was made), by item_id */
    KS_BACKEND_SQL_RESERVATION_HOLDS,
    /* reservation_id, item_id, quantity */
    KS_BACKEND_SQL_INSERT_RESERVATION_HOLD,
    /* reservation_id, state, ended_at: the reservation confirmed, released or expired */
    KS_BACKEND_SQL_END_RESERVATION,
    /* reservation_id, channel, store_id, business_date, created_at, method, total_net, total_vat,
     * total: a channel's priced sale (backend_channel_sql.h) */
    KS_BACKEND_SQL_INSERT_CHANNEL_SALE,
    /* reservation_id, line_no, item_id, name_en, name_ar, unit, quantity, net, vat, gross */
    KS_BACKEND_SQL_INSERT_CHANNEL_LINE,
    /* reservation_id -> method, line_no, item_id, quantity, net, vat, gross: the sale's row
     * (line_no 0, its method), then its lines (line_no from 1, by item_id); no row when the
     * reservation was confirmed without prices */
    KS_BACKEND_SQL_CHANNEL_SALE,
    /* reservation_id: the sale's lines' costs, then its share of each report summary
     * (KS_BACKEND_SQL_ADD_DAY_ITEMS and the others' channel twins), in that order */
    KS_BACKEND_SQL_INSERT_CHANNEL_LINE_COSTS,
    KS_BACKEND_SQL_CHANNEL_DAY_ITEMS,
    KS_BACKEND_SQL_CHANNEL_DAY_VAT,
    KS_BACKEND_SQL_CHANNEL_DAY_SALES,
    KS_BACKEND_SQL_CHANNEL_QUARTER_SALES,
    KS_BACKEND_SQL_CHANNEL_HOUR_SALES,
    KS_BACKEND_SQL_CHANNEL_DAY_PAYMENTS,
    KS_BACKEND_SQL_CHANNEL_DAY_PROFIT,
    /* store_id, item_id -> price; no row when the store has no price of its own for the item */
    KS_BACKEND_SQL_PRICE,
    /* store_id, item_id, price, updated_at: the store's price of the item, set or replaced */
    KS_BACKEND_SQL_PRICE_SET,
    /* store_id, item_id: the store's price of the item removed (the menu file's again) */
    KS_BACKEND_SQL_PRICE_CLEAR,
    /* store -> item_id, price, updated_at: the store's own prices, by item_id */
    KS_BACKEND_SQL_PRICES,
    KS_BACKEND_SQL_STORE_TERMS,
    /* store_id, item_id -> available (0 or 1); no row when the store follows the menu file */
    KS_BACKEND_SQL_AVAILABILITY,
    /* store_id, item_id, available, updated_at: whether the store sells the item, set */
    KS_BACKEND_SQL_AVAILABILITY_SET,
    /* store_id, item_id: the store follows the menu file's sold_out for the item again */
    KS_BACKEND_SQL_AVAILABILITY_CLEAR,
    /* store -> item_id, available, updated_at: the store's own availability, by item_id */
    KS_BACKEND_SQL_AVAILABILITIES,
    /* store_id, kind, owner_id, slot_id, part_id -> price_delta; no row: the menu file's */
    KS_BACKEND_SQL_PRICE_DELTA,
    /* store_id, kind, owner_id, slot_id, part_id, price_delta, updated_at: set or replaced */
    KS_BACKEND_SQL_PRICE_DELTA_SET,
    /* store_id, kind, owner_id, slot_id, part_id: the menu file's delta again */
    KS_BACKEND_SQL_PRICE_DELTA_CLEAR,
    /* store -> kind, owner_id, slot_id, part_id, price_delta, updated_at: by kind and ids */
    KS_BACKEND_SQL_PRICE_DELTAS,
    /* store_id -> menu (the store whose menu it sells, '' its own); no row when not stored */
    KS_BACKEND_SQL_STORE,
    /* store_id, name_ar, name_en, menu, created_at, created_by; KS_DB_ERR_CONSTRAINT when the id
     * is taken */
    KS_BACKEND_SQL_INSERT_STORE,
    /* -> store_id, name_ar, name_en, menu, created_at, created_by, by store_id */
    KS_BACKEND_SQL_STORES,
    /* token_hash -> device_id, store_id, kind, token_hash: the live device of that token */
    KS_BACKEND_SQL_DEVICE_BY_TOKEN,
    /* device_id -> store_id, kind: the device when it is live; no row otherwise. Locks the row
     * until the transaction ends (PostgreSQL) */
    KS_BACKEND_SQL_LIVE_DEVICE,
    /* code_hash, store_id, device_id, kind, created_at, expires_at, created_by */
    KS_BACKEND_SQL_INSERT_ENROL_CODE,
    /* code_hash, device_id, now -> store_id, kind, created_by: marks the code of that device
     * used at now when it is unused and expires after now; no row (and nothing written)
     * otherwise */
    KS_BACKEND_SQL_TAKE_ENROL_CODE,
    /* before: removes the codes used before it, and the unused ones that expired before it */
    KS_BACKEND_SQL_FORGET_ENROL_CODES,
    /* device_id, store_id, kind, token_hash, enrolled_at, enrolled_by: a new device, or a revoked
     * one of that id enrolled again; writes nothing when a live device has the id */
    KS_BACKEND_SQL_ENROL_DEVICE,
    /* device_id, revoked_at, revoked_by: the live device revoked */
    KS_BACKEND_SQL_REVOKE_DEVICE,
    /* store ('' every store) -> device_id, store_id, kind, enrolled_at, enrolled_by, revoked_at,
     * revoked_by, last_seen (its last heartbeat's at, 0 none), by device_id */
    KS_BACKEND_SQL_DEVICES,
    /* uuid, method, brand, terminal_ref -> waiting: how a paid order (stored just before) was
     * paid (terminal_ref: its card terminal's reference, "" none), and how
     * many decisions taken while it was paid wait for it (backend_staff_action_sql.h) */
    KS_BACKEND_SQL_INSERT_PAYMENT,
    /* from, to, store -> method, brand, orders, amount, refunds, refunded, net: the paid orders
     * of those business dates per payment method and brand ("unknown", "" for orders stored
     * without a payment), with their refunds (whatever way the money went back), by those */
    KS_BACKEND_SQL_PAYMENTS,
    /* item_id -> unit_cost; no row when the item has no cost */
    KS_BACKEND_SQL_COST,
    /* item_id, unit_cost, updated_at: the item's cost set or replaced */
    KS_BACKEND_SQL_COST_SET,
    /* item_id: the item's cost removed */
    KS_BACKEND_SQL_COST_CLEAR,
    /* -> item_id, unit_cost, updated_at: every cost, by item_id */
    KS_BACKEND_SQL_COSTS,
    /* uuid: each line of the order (stored just before) whose item has a cost takes it: the unit
     * cost and the line's cost (quantity x unit cost; for kg, grams x unit cost / 1000 rounded
     * half up) */
    KS_BACKEND_SQL_INSERT_LINE_COSTS,
    /* refund_id, uuid, line_no, quantity, amount: a line of a refund (stored just before) */
    KS_BACKEND_SQL_INSERT_REFUND_LINE,
    /* from, to, store -> the profit columns of backend_cost_store.h, by item_id and unit */
    KS_BACKEND_SQL_PROFIT,
    /* uuid, store_id, device_id, order_uuid, number, kind, icv, pih, hash, issued, payable,
     * received_at, xml: a signed e-invoice archived; writes nothing when its uuid is stored */
    KS_BACKEND_SQL_EINVOICE_INSERT,
    /* uuid -> store_id, device_id, hash: the e-invoice archived under that uuid; no row when none
     */
    KS_BACKEND_SQL_EINVOICE_STORED,
    /* store, device ('' every device), from, to, limit -> uuid, store_id, device_id, order_uuid,
     * number, kind, icv, pih, hash, issued, payable, received_at, by device_id and icv */
    KS_BACKEND_SQL_EINVOICES,
    /* store, device ('' every device), the first PIH -> the chain columns of
     * backend_einvoice_sql.h, by device_id */
    KS_BACKEND_SQL_EINVOICE_CHAINS,
    /* store, uuid -> number, xml */
    KS_BACKEND_SQL_EINVOICE_XML,
    KS_BACKEND_SQL_EINVOICE_OF_ORDER,
    /* uuid -> store_id, kiosk_id, cancelled (0/1): the order a refund request asks about; no row
     * when no order has that uuid. Locks the order's row until the transaction ends (PostgreSQL),
     * as KS_BACKEND_SQL_REFUND_ORDER does, so that its requests and refunds are checked one after
     * the other */
    KS_BACKEND_SQL_REQUEST_ORDER,
    /* uuid -> line_no, sold, refunded, asked: each line of the order, with the quantity its stored
     * refunds gave back and its requests still open ask, by line_no */
    KS_BACKEND_SQL_REQUEST_LINES_LEFT,
    /* request_id -> order_uuid, store_id, kiosk_id, status, request_json, refund_id; no row when
     * none. Locks the row until the transaction ends (PostgreSQL) */
    KS_BACKEND_SQL_REFUND_REQUEST,
    /* request_id, order_uuid, store_id, kiosk_id, reason, request_json, person, asked_at: a new
     * request, status requested */
    KS_BACKEND_SQL_INSERT_REFUND_REQUEST,
    /* request_id, line_no, quantity */
    KS_BACKEND_SQL_INSERT_REFUND_REQUEST_LINE,
    /* request_id, status, refused_reason, refund_id, settled_at: an open request settled; writes
     * nothing when it is not open */
    KS_BACKEND_SQL_SETTLE_REFUND_REQUEST,
    /* store ('' any), kiosk ('' any), open only (0/1), limit -> request_id, order_uuid, store_id,
     * kiosk_id, reason, person, asked_at, status, refused_reason, refund_id, settled_at: the
     * latest requests, newest first */
    KS_BACKEND_SQL_REFUND_REQUESTS,
    /* the same four -> request_id, line_no, quantity: those requests' lines */
    KS_BACKEND_SQL_REFUND_REQUEST_LINES,
    /* uuid, seq, business_date, store_id, staff, need, decision, raised_at, decided_at,
     * void_item, void_amount: one attendant intervention of a paid order (stored just before) */
    KS_BACKEND_SQL_INSERT_INTERVENTION,
    /* uuid: a newly stored paid order's interventions (stored just before) added to their
     * months' rows of be_staff_months (backend_staff_sql.h) */
    KS_BACKEND_SQL_ADD_STAFF_MONTHS,
    /* from, to, store ('' every store), the first whole month's first date and the last one's
     * "YYYY-MM-32" (both "9999-99-99" when none) -> the staff columns of backend_staff_store.h,
     * by store_id and staff (backend_staff_sql.h) */
    KS_BACKEND_SQL_STAFF,
    /* uuid, store_id, kiosk_id, business_date, staff, action, at, received_at, action_json: a
     * kiosk's staff action (backend_staff_action_sql.h); writes nothing when the uuid is stored */
    KS_BACKEND_SQL_INSERT_STAFF_ACTION,
    /* uuid -> kiosk_id, action_json: the staff action stored under that uuid; no row when none */
    KS_BACKEND_SQL_STAFF_ACTION,
    /* order_uuid -> locked: the lock of that order's decisions taken while paying until the
     * transaction ends (PostgreSQL; SQLite's write transaction is alone already), taken by such
     * a decision's intake, and by the order's with its row (KS_BACKEND_SQL_INSERT_ORDER), so
     * that the second sees the first */
    KS_BACKEND_SQL_LOCK_PAYING,
    /* uuid, order_uuid, store_id, staff, need, decision, raised_at, decided_at, void_item,
     * void_amount: a decision taken while paying, waiting for its order
     * (backend_staff_action_sql.h) */
    KS_BACKEND_SQL_INSERT_PAYING,
    /* order_uuid: its waiting decisions copied among its interventions, then marked placed; or,
     * when it was cancelled unpaid, marked taken as unpaid (backend_staff_action_sql.h) */
    KS_BACKEND_SQL_PLACE_PAYING,
    KS_BACKEND_SQL_PLACED_PAYING,
    KS_BACKEND_SQL_UNPAID_PAYING,
    /* cutoff, limit -> uuid, order_uuid: the decisions waiting whose action reached the backend
     * before cutoff, oldest first (KS_BACKEND_PAYING_AGED_SQL) */
    KS_BACKEND_SQL_PAYING_AGED,
    /* uuid: that decision, when it still waits, marked decided on an order that never arrived
     * (placed 3) */
    KS_BACKEND_SQL_PAYING_LOSE,
    /* from, to, store, staff, kind ('' any of those three), limit, offset -> the columns of
     * KS_BACKEND_STAFF_ACTIONS_LIST_SQL (backend_staff_action_sql.h), newest first */
    KS_BACKEND_SQL_STAFF_ACTIONS,
    /* store -> id, token_sha256: its live enrolled kiosks, by id */
    KS_BACKEND_SQL_PEERS,
    /* One order's page (backend_order_view_sql.h, the columns there): uuid -> the order's row;
     * store, date, number -> uuid, kiosk_id; uuid -> its refunds, refund requests,
     * interventions; uuid, store -> its decisions taken while paying; uuid -> its kitchen
     * events; uuid, store -> its e-invoices */
    KS_BACKEND_SQL_ORDER_VIEW,
    KS_BACKEND_SQL_ORDER_FIND,
    KS_BACKEND_SQL_ORDER_REFUNDS,
    KS_BACKEND_SQL_ORDER_REFUND_REQUESTS,
    KS_BACKEND_SQL_ORDER_INTERVENTIONS,
    KS_BACKEND_SQL_ORDER_PAYING,
    KS_BACKEND_SQL_ORDER_KITCHEN,
    KS_BACKEND_SQL_ORDER_EINVOICES,
    KS_BACKEND_SQL_N
};

/* The most parameters a statement above binds (an e-invoice: 13), or columns it gives (staff:
 * 22). */
#define KS_BACKEND_VALUES_MAX 22

/* A driver's function table; conn is what open returned. */
typedef struct ks_backend_driver {
    /* For the log: "SQLite", "PostgreSQL". */
    const char *name;
    /*
     * Connects to target (borrowed: a file path or a libpq connection
     * string), creates or upgrades the be_* tables and checks their
     * version. NULL with *err set (never NULL err); the reason is logged.
     */
    void *(*open)(const char *target, enum ks_db_error *err);
    /* Closes what open returned. Accepts NULL. */
    void (*close)(void *conn);
    /*
     * Starts a write transaction; or, snapshot, a read-only one whose every statement sees the
     * database as its first did (PostgreSQL REPEATABLE READ READ ONLY; SQLite a read
     * transaction, which neither waits for the writers nor holds them up).
     */
    enum ks_db_error (*begin)(void *conn, bool snapshot);
    /* Commits when err is KS_DB_OK (durable on return), else rolls back; the final error.
     * snapshot: as begin was given it. */
    enum ks_db_error (*end)(void *conn, bool snapshot, enum ks_db_error err);
    /* Runs sql with values[n] (borrowed) bound in order; *changed: rows written. */
    enum ks_db_error (*exec)(void *conn, enum ks_backend_sql sql, const ks_backend_value *values,
                             size_t n, int64_t *changed);
    /* Runs sql with values[n] bound, giving each row to sink, in order. */
    enum ks_db_error (*query)(void *conn, enum ks_backend_sql sql, const ks_backend_value *values,
                              size_t n, const ks_backend_sink *sink);
    /*
     * After a failed call: makes a lost connection again and returns true
     * when the call may be run once more; false when the connection was
     * not lost or cannot be made again. NULL when connections are not lost.
     */
    bool (*reconnect)(void *conn);
    /*
     * Bounds each statement of this connection to ms milliseconds (and
     * keeps the bound for a connection made again). NULL when statements
     * cannot run away (a local file).
     */
    enum ks_db_error (*set_timeout)(void *conn, int ms);
    /*
     * Plans each later statement of this connection for its values (and
     * keeps doing so on a connection made again). NULL when the driver
     * has no plans made once for any values.
     */
    enum ks_db_error (*plan_each_call)(void *conn);
    /* The connection's setting name into value[cap]; NULL when it has none. */
    enum ks_db_error (*setting)(void *conn, const char *name, char *value, size_t cap);
    /*
     * Housekeeping the commits of this store's connections leave to one
     * connection, called about once a second (SQLite: the WAL checkpoint,
     * so no kiosk's commit pays for copying the log into the file). NULL
     * when the database does its own.
     */
    enum ks_db_error (*maintain)(void *conn);
} ks_backend_driver;

/* A store: its driver and connection (backend_store.c opens it). */
struct ks_backend_store {
    const ks_backend_driver *driver; /* static */
    void *conn;                      /* owned, closed by driver->close */
    bool in_transaction;             /* inside ks_backend_in_transaction's change */
};

/* A bound value of text (borrowed) or of an integer. */
#define KS_BV_TEXT(s)                                                                              \
    {                                                                                              \
        .text = (s)                                                                                \
    }
#define KS_BV_INT(i)                                                                               \
    {                                                                                              \
        .integer = (i)                                                                             \
    }

/* After a failed call: true when the call may be run once more on a connection made again. */
bool ks_backend_may_retry(struct ks_backend_store *store, enum ks_db_error err);

/*
 * Runs change(store, args) in a transaction of its own (committed when it
 * answers KS_DB_OK, else rolled back), once more on a connection made
 * again when the first try lost it; the last try's error.
 */
enum ks_db_error ks_backend_in_transaction(struct ks_backend_store *store,
                                           enum ks_db_error (*change)(struct ks_backend_store *,
                                                                      void *),
                                           void *args);

/*
 * Runs read(store, args), which only reads, in a read-only transaction of
 * its own (the driver's begin, snapshot): its statements see one state of
 * the database, none of the writes committed meanwhile; once more on a
 * connection made again when the first try lost it; the last try's error.
 */
enum ks_db_error ks_backend_in_snapshot(struct ks_backend_store *store,
                                        enum ks_db_error (*read)(struct ks_backend_store *, void *),
                                        void *args);

/*
 * Runs sql with values[n] into a new array *rows (json_decref; NULL on
 * error), inside the caller's transaction when there is one: no retry.
 */
enum ks_db_error ks_backend_query_once(struct ks_backend_store *store, enum ks_backend_sql sql,
                                       const ks_backend_value *values, size_t n, json_t **rows);

/* Column name of row (an answer's object; NULL: none) as an integer, 0 when absent. */
int64_t ks_backend_row_int(json_t *row, const char *name);

/* Column name of row as text (borrowed from row), "" when absent or not text. */
const char *ks_backend_row_text(json_t *row, const char *name);

/* One line of a sale as the stock sees it. */
typedef struct ks_stock_line {
    const char *item_id; /* borrowed */
    int64_t quantity;    /* pieces, or grams when by_weight */
    bool by_weight;      /* its recipe's quantities are per kilogram */
} ks_stock_line;

/* What a sale takes away of one item. */
typedef struct ks_stock_take {
    const char *item_id; /* borrowed from the lines, or from ks_stock_takes.recipes */
    int64_t quantity;    /* > 0 */
} ks_stock_take;

/* What selling some lines takes away, item by item (ks_backend_stock_takes). */
typedef struct ks_stock_takes {
    ks_stock_take *take; /* owned, freed by ks_stock_takes_free: n of them, by item_id */
    size_t n;
    json_t *recipes; /* owned: line i's recipe rows {ingredient_id, quantity} at index i */
} ks_stock_takes;

/*
 * The one expansion of lines into stock moves, shared by the kiosks' sales
 * and the channels' reservations: each line's item and its recipe's
 * ingredients as they are now (ks_recipe_consumed), summed per item, each
 * item once, by item_id (the order rows are locked in), into *out (freed
 * by ks_stock_takes_free; zeroed on an error). Inside the caller's
 * transaction; whether an item is tracked is the caller's to see.
 */
enum ks_db_error ks_backend_stock_takes(struct ks_backend_store *store, const ks_stock_line *lines,
                                        size_t n, ks_stock_takes *out);

/* Frees what t holds and zeroes it; NULL or a zeroed t: nothing. */
void ks_stock_takes_free(ks_stock_takes *t);

/*
 * Inside the order's transaction, just after a new paid order's row:
 * takes its lines, and the ingredients of their recipes, away from the
 * stock of its store (ks_backend_stock_takes; one move per tracked item,
 * reason "sale", person its kiosk, ref its uuid, at its creation).
 */
enum ks_db_error ks_backend_stock_sell(struct ks_backend_store *store, const ks_order *o);

/*
 * Inside the refund's transaction, just after a new refund's row: puts
 * its lines back (each at most its order line's quantity; reason
 * "refund", person kiosk_id, ref its refund id, at its time).
 */
enum ks_db_error ks_backend_stock_return(struct ks_backend_store *store, const ks_backend_refund *r,
                                         const char *kiosk_id);

/*
 * Inside the caller's transaction: moves the stock of item_id at store_id
 * by delta and journals the move (reason, person, ref, at), when the item
 * is tracked there; *on_hand (may be NULL) the level after. A level that
 * a take (delta < 0) leaves below zero is logged.
 */
enum ks_db_error ks_backend_stock_move(struct ks_backend_store *store, const char *store_id,
                                       const char *item_id, int64_t delta, const char *reason,
                                       const char *person, const char *ref, int64_t at,
                                       int64_t *on_hand);

/* ks_backend_query_once, run once more after a lost connection was made again when it is on
 * its own (outside ks_backend_in_transaction, whose transaction is retried whole instead). */
enum ks_db_error ks_backend_query_rows(struct ks_backend_store *store, enum ks_backend_sql sql,
                                       const ks_backend_value *values, size_t n, json_t **rows);

/*
 * sql's rows given to sink, in order; run once more after a lost connection
 * was made again when no row had reached sink yet (as ks_backend_query_rows).
 */
enum ks_db_error ks_backend_query_sink(struct ks_backend_store *store, enum ks_backend_sql sql,
                                       const ks_backend_value *values, size_t n,
                                       const ks_backend_sink *sink);

/* The text held by body[len] with a NUL after it, malloc'd; NULL when out of memory. */
char *ks_backend_text_copy(const char *body, size_t len);

extern const ks_backend_driver ks_backend_sqlite_driver;
extern const ks_backend_driver ks_backend_pg_driver;

/*
 * Appends to rows one object of the n columns names[i] = values[i]:
 * integers stay integers, text stays text, except "devices", which holds
 * a JSON object. KS_DB_ERR_NO_MEMORY (or KS_DB_ERR_INTERNAL for devices
 * that are not JSON) on failure, rows then unchanged.
 */
enum ks_db_error ks_backend_row_add(json_t *rows, const char *const *names,
                                    const ks_backend_value *values, size_t n);

#endif
