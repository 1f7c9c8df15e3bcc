/* Card payments on disk: see kiosk/store/payment_store.h. */
#define LOG_TAG "payment_store"
#include "kiosk/store/payment_store.h"

#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"
#include "kiosk/store/order_store.h"

/* PCI DSS: a masked number may show at most the first six and last four digits. */
#define MASKED_CARD_MAX_DIGITS 10

static const char sql_approved_for_order[] =
    "SELECT count(*) FROM payments WHERE order_uuid = ? AND status = 'approved'";

static const char sql_create[] =
    "INSERT INTO payments (sale_txn_id, order_uuid, status, amount, created_at, updated_at)\n"
    "VALUES (?, ?, 'pending', ?, ?4, ?4)";

static const char sql_update[] = "UPDATE payments SET status = ?,\n"
                                 "    method = coalesce(nullif(?, ''), method),\n"
                                 "    masked_card = coalesce(nullif(?, ''), masked_card),\n"
                                 "    approval_code = coalesce(nullif(?, ''), approval_code),\n"
                                 "    terminal_ref = coalesce(nullif(?, ''), terminal_ref),\n"
                                 "    updated_at = ?\n"
                                 "WHERE sale_txn_id = ?";

#define PAYMENT_COLUMNS                                                                            \
    "sale_txn_id, order_uuid, status, amount, method, masked_card, approval_code,\n"               \
    "    terminal_ref, created_at, updated_at\n"

static const char sql_load[] = "SELECT " PAYMENT_COLUMNS "FROM payments WHERE sale_txn_id = ?";

/* Served by the indexes payments_unresolved and payments_by_order. */
static const char sql_unresolved[] =
    "SELECT * FROM (\n"
    "    SELECT " PAYMENT_COLUMNS "    FROM payments WHERE status IN ('pending', 'unknown')\n"
    "    UNION ALL\n"
    "    SELECT p.sale_txn_id, p.order_uuid, p.status, p.amount, p.method, p.masked_card,\n"
    "        p.approval_code, p.terminal_ref, p.created_at, p.updated_at\n"
    "    FROM payments p JOIN orders o ON o.uuid = p.order_uuid\n"
    "    WHERE p.status = 'approved' AND o.status = 'created'\n"
    ") ORDER BY created_at, sale_txn_id LIMIT ?";

static const char sql_for_order[] = "SELECT " PAYMENT_COLUMNS "FROM payments WHERE order_uuid = ?\n"
                                    "ORDER BY created_at, sale_txn_id LIMIT ?";

static const char sql_orphaned[] =
    "SELECT p.sale_txn_id, p.order_uuid, p.status, p.amount, p.method, p.masked_card,\n"
    "    p.approval_code, p.terminal_ref, p.created_at, p.updated_at\n"
    "FROM payments p JOIN orders o ON o.uuid = p.order_uuid\n"
    "WHERE p.status = 'approved' AND o.status = 'cancelled'\n"
    "ORDER BY p.created_at, p.sale_txn_id LIMIT ?";

static const char *const status_names[KS_PAYMENT_STATUS_COUNT] = {
    [KS_PAYMENT_PENDING] = "pending",   [KS_PAYMENT_APPROVED] = "approved",
    [KS_PAYMENT_DECLINED] = "declined", [KS_PAYMENT_CANCELLED] = "cancelled",
    [KS_PAYMENT_FAILED] = "failed",     [KS_PAYMENT_UNKNOWN] = "unknown",
    [KS_PAYMENT_REFUNDED] = "refunded",
};

const char *ks_payment_status_name(enum ks_payment_status status)
{
    return (unsigned)status < KS_PAYMENT_STATUS_COUNT ? status_names[status] : "invalid";
}

bool ks_payment_status_parse(const char *name, enum ks_payment_status *out)
{
    int i = 0;
    if (!ks_db_parse_name(status_names, KS_PAYMENT_STATUS_COUNT, name, &i))
        return false;
    *out = (enum ks_payment_status)i;
    return true;
}

/* Allowed transitions, row = from, bit = to; see the lifecycle in the header. */
#define BIT(s) (1u << (s))
#define ANSWERS                                                                                    \
    (BIT(KS_PAYMENT_APPROVED) | BIT(KS_PAYMENT_DECLINED) | BIT(KS_PAYMENT_CANCELLED) |             \
     BIT(KS_PAYMENT_FAILED))
static const unsigned transitions[KS_PAYMENT_STATUS_COUNT] = {
    [KS_PAYMENT_PENDING] = ANSWERS | BIT(KS_PAYMENT_UNKNOWN),
    [KS_PAYMENT_UNKNOWN] = ANSWERS,
    [KS_PAYMENT_APPROVED] = BIT(KS_PAYMENT_REFUNDED),
};

bool ks_payment_can_transition(enum ks_payment_status from, enum ks_payment_status to)
{
    if ((unsigned)from >= KS_PAYMENT_STATUS_COUNT || (unsigned)to >= KS_PAYMENT_STATUS_COUNT)
        return false;
    return from == to || (transitions[from] & BIT(to)) != 0;
}

static bool optional_text_ok(const char *text, size_t max)
{
    return !text || !text[0] || ks_db_text_ok(text, max);
}

static bool masked_card_ok(const char *masked)
{
    int digits = 0;
    for (const char *c = masked; c && *c; c++)
        digits += *c >= '0' && *c <= '9';
    return digits <= MASKED_CARD_MAX_DIGITS;
}

/* The checks and the insert of ks_payment_store_create, inside its transaction. */
static enum ks_db_error create_locked(ks_db *db, const char *sale_txn_id, const char *order_uuid,
                                      ks_money amount, int64_t now)
{
    enum ks_order_status order_status = KS_ORDER_CREATED;
    enum ks_db_error err = ks_order_store_status(db, order_uuid, &order_status);
    if (err == KS_DB_ERR_NOT_FOUND)
        LOG_ERROR("payment %s: no order %s", sale_txn_id, order_uuid);
    if (err != KS_DB_OK)
        return err;
    int64_t approved = 0;
    ks_db_binder b = ks_db_bind(db, sql_approved_for_order);
    ks_db_bind_text(&b, order_uuid);
    err = ks_db_query_int(db, &b, &approved);
    if (err != KS_DB_OK)
        return err;
    if (approved > 0) {
        LOG_ERROR("payment %s: order %s is already paid by card", sale_txn_id, order_uuid);
        return KS_DB_ERR_ALREADY_APPROVED;
    }
    if (order_status != KS_ORDER_CREATED) {
        LOG_ERROR("payment %s: order %s is %s, not waiting for payment", sale_txn_id, order_uuid,
                  ks_order_status_name(order_status));
        return KS_DB_ERR_ILLEGAL_TRANSITION;
    }
    b = ks_db_bind(db, sql_create);
    ks_db_bind_text(&b, sale_txn_id);
    ks_db_bind_text(&b, order_uuid);
    ks_db_bind_int(&b, amount);
    ks_db_bind_int(&b, now);
    err = ks_db_exec(db, &b);
    if (err == KS_DB_ERR_CONSTRAINT)
        LOG_ERROR("payment %s: that sale transaction id was used before", sale_txn_id);
    return err;
}

enum ks_db_error ks_payment_store_create(ks_db *db, const char *sale_txn_id, const char *order_uuid,
                                         ks_money amount, int64_t now)
{
    if (!ks_db_text_ok(sale_txn_id, 64) || !ks_uuid_ok(order_uuid) || amount <= 0) {
        LOG_ERROR("refusing a payment with a bad sale id, order or amount");
        return KS_DB_ERR_INVALID;
    }
    enum ks_db_error err = ks_db_begin(db);
    if (err == KS_DB_OK)
        err = ks_db_end(db, create_locked(db, sale_txn_id, order_uuid, amount, now));
    return err;
}

/* The transition check and the update of ks_payment_store_update, inside its transaction. */
static enum ks_db_error update_locked(ks_db *db, const char *sale_txn_id, enum ks_payment_status to,
                                      const ks_payment_terminal_info *info, int64_t now)
{
    ks_payment current;
    enum ks_db_error err = ks_payment_store_load(db, sale_txn_id, &current);
    if (err != KS_DB_OK)
        return err;
    if (!ks_payment_can_transition(current.status, to)) {
        LOG_WARN("payment %s: %s -> %s is not allowed", sale_txn_id,
                 ks_payment_status_name(current.status), ks_payment_status_name(to));
        return KS_DB_ERR_ILLEGAL_TRANSITION;
    }
    ks_db_binder b = ks_db_bind(db, sql_update);
    ks_db_bind_text(&b, ks_payment_status_name(to));
    ks_db_bind_text(&b, info ? info->method : NULL);
    ks_db_bind_text(&b, info ? info->masked_card : NULL);
    ks_db_bind_text(&b, info ? info->approval_code : NULL);
    ks_db_bind_text(&b, info ? info->terminal_ref : NULL);
    ks_db_bind_int(&b, now);
    ks_db_bind_text(&b, sale_txn_id);
    err = ks_db_exec(db, &b);
    /* The only constraint an update can break is payments_one_approved_per_order. */
    if (err == KS_DB_ERR_CONSTRAINT) {
        LOG_ERROR("payment %s approved, but order %s already has an approved payment: the card "
                  "was charged twice; void this sale",
                  sale_txn_id, current.order_uuid);
        err = KS_DB_ERR_ALREADY_APPROVED;
    }
    return err;
}

enum ks_db_error ks_payment_store_update(ks_db *db, const char *sale_txn_id,
                                         enum ks_payment_status status,
                                         const ks_payment_terminal_info *info, int64_t now)
{
    if (!ks_db_text_ok(sale_txn_id, 64) || (unsigned)status >= KS_PAYMENT_STATUS_COUNT ||
        (info && (!optional_text_ok(info->method, 32) || !optional_text_ok(info->masked_card, 32) ||
                  !optional_text_ok(info->approval_code, 16) ||
                  !optional_text_ok(info->terminal_ref, 64)))) {
        LOG_ERROR("refusing a payment update with a bad sale id, status or terminal field");
        return KS_DB_ERR_INVALID;
    }
    if (info && !masked_card_ok(info->masked_card)) {
        /* Never log the value: it may be a whole card number. */
        LOG_ERROR("payment %s: refusing a masked card number with more than %d digits", sale_txn_id,
                  MASKED_CARD_MAX_DIGITS);
        return KS_DB_ERR_INVALID;
    }
    enum ks_db_error err = ks_db_begin(db);
    if (err == KS_DB_OK)
        err = ks_db_end(db, update_locked(db, sale_txn_id, status, info, now));
    return err;
}

static enum ks_db_error read_payment(sqlite3_stmt *stmt, ks_payment *p)
{
    p->amount = sqlite3_column_int64(stmt, 3);
    p->created_at = sqlite3_column_int64(stmt, 8);
    p->updated_at = sqlite3_column_int64(stmt, 9);
    bool ok = ks_db_column_copy(stmt, 0, p->sale_txn_id, sizeof p->sale_txn_id) &&
              ks_db_column_copy(stmt, 1, p->order_uuid, sizeof p->order_uuid) &&
              ks_payment_status_parse(ks_db_column_text(stmt, 2), &p->status) &&
              ks_db_column_copy(stmt, 4, p->method, sizeof p->method) &&
              ks_db_column_copy(stmt, 5, p->masked_card, sizeof p->masked_card) &&
              ks_db_column_copy(stmt, 6, p->approval_code, sizeof p->approval_code) &&
              ks_db_column_copy(stmt, 7, p->terminal_ref, sizeof p->terminal_ref);
    if (!ok)
        LOG_ERROR("a payment row holds values this program never writes");
    return ok ? KS_DB_OK : KS_DB_ERR_CORRUPT;
}

static enum ks_db_error read_one(sqlite3_stmt *stmt, void *ctx)
{
    return read_payment(stmt, ctx);
}

enum ks_db_error ks_payment_store_load(ks_db *db, const char *sale_txn_id, ks_payment *out)
{
    memset(out, 0, sizeof *out);
    if (!ks_db_text_ok(sale_txn_id, 64))
        return KS_DB_ERR_INVALID;
    size_t rows = 0;
    ks_db_binder b = ks_db_bind(db, sql_load);
    ks_db_bind_text(&b, sale_txn_id);
    enum ks_db_error err = ks_db_query(db, &b, read_one, out, &rows);
    return err == KS_DB_OK && rows == 0 ? KS_DB_ERR_NOT_FOUND : err;
}

struct list_ctx {
    ks_payment *out;
    size_t max, n;
};

static enum ks_db_error read_next(sqlite3_stmt *stmt, void *ctx)
{
    struct list_ctx *c = ctx;
    if (c->n == c->max)
        return KS_DB_OK;
    enum ks_db_error err = read_payment(stmt, &c->out[c->n]);
    c->n += err == KS_DB_OK;
    return err;
}

enum ks_db_error ks_payment_store_find_unresolved(ks_db *db, ks_payment *out, size_t max, size_t *n)
{
    struct list_ctx list = {.out = out, .max = max};
    ks_db_binder b = ks_db_bind(db, sql_unresolved);
    ks_db_bind_int(&b, max > INT32_MAX ? INT32_MAX : (int64_t)max);
    enum ks_db_error err = ks_db_query(db, &b, read_next, &list, NULL);
    *n = list.n;
    return err;
}

enum ks_db_error ks_payment_store_list_for_order(ks_db *db, const char *order_uuid, ks_payment *out,
                                                 size_t max, size_t *n)
{
    *n = 0;
    if (!ks_uuid_ok(order_uuid))
        return KS_DB_ERR_INVALID;
    struct list_ctx list = {.out = out, .max = max};
    ks_db_binder b = ks_db_bind(db, sql_for_order);
    ks_db_bind_text(&b, order_uuid);
    ks_db_bind_int(&b, max > INT32_MAX ? INT32_MAX : (int64_t)max);
    enum ks_db_error err = ks_db_query(db, &b, read_next, &list, NULL);
    *n = list.n;
    return err;
}

enum ks_db_error ks_payment_store_find_orphaned(ks_db *db, ks_payment *out, size_t max, size_t *n)
{
    struct list_ctx list = {.out = out, .max = max};
    ks_db_binder b = ks_db_bind(db, sql_orphaned);
    ks_db_bind_int(&b, max > INT32_MAX ? INT32_MAX : (int64_t)max);
    enum ks_db_error err = ks_db_query(db, &b, read_next, &list, NULL);
    *n = list.n;
    return err;
}
