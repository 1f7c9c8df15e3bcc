/*
 * The kiosks' staff actions in the backend's database (be_staff_actions,
 * backend_staff_action_store.h): one row per action under its uuid, with
 * its store, kiosk, business date, who the staff report counts it under
 * ("" nobody: the shared PIN), its action name and its body as received.
 * One text for both store drivers; TEXT and INT are the driver's column
 * types. The staff report counts them (backend_staff_sql.h, KS_BACKEND_STAFF_ACTIONS_CTE).
 */
#ifndef KIOSK_BACKEND_BACKEND_STAFF_ACTION_SQL_H
#define KIOSK_BACKEND_BACKEND_STAFF_ACTION_SQL_H

#include "kiosk/backend/backend_staff_sql.h"

#define KS_BACKEND_STAFF_ACTIONS_TABLE_SQL(TEXT, INT)                                              \
    "CREATE TABLE IF NOT EXISTS be_staff_actions (\n"                                              \
    "    uuid          " TEXT " NOT NULL PRIMARY KEY,\n"                                           \
    "    store_id      " TEXT " NOT NULL,\n"                                                       \
    "    kiosk_id      " TEXT " NOT NULL,\n"                                                       \
    "    business_date " TEXT " NOT NULL,\n"                                                       \
    "    staff         " TEXT " NOT NULL,\n"                                                       \
    "    action        " TEXT " NOT NULL,\n"                                                       \
    "    at            " INT " NOT NULL,\n"                                                        \
    "    received_at   " INT " NOT NULL,\n"                                                        \
    "    action_json   " TEXT " NOT NULL\n"                                                        \
    ")"
#define KS_BACKEND_STAFF_ACTIONS_INDEX_SQL                                                         \
    "CREATE INDEX IF NOT EXISTS be_staff_actions_by_day ON be_staff_actions (business_date, "      \
    "store_id)"
/* VALUES: uuid, store_id, kiosk_id, business_date, staff, action, at, received_at, action_json;
 * writes nothing when the uuid is stored. */
#define KS_BACKEND_INSERT_STAFF_ACTION_SQL(VALUES)                                                 \
    "INSERT INTO be_staff_actions (uuid, store_id, kiosk_id, business_date, staff, action, at,\n"  \
    "                              received_at, action_json)\n"                                    \
    "VALUES (" VALUES ") ON CONFLICT (uuid) DO NOTHING"
/* -> kiosk_id, action_json: the action stored under UUID. */
#define KS_BACKEND_STAFF_ACTION_SQL(UUID)                                                          \
    "SELECT kiosk_id, action_json FROM be_staff_actions WHERE uuid = " UUID

/*
 * The page of single staff actions (GET /v1/staff-actions, PostgreSQL
 * migration 28, SQLite at open): each action's day, store, person, kind
 * and time, in that order, so that a chain's or a store's days are read
 * from the index alone (INCLUDE: ") INCLUDE (" where the driver has
 * non-key columns, else ", "), and the rows' bodies only for the page.
 */
#define KS_BACKEND_STAFF_ACTIONS_BY_DAY_SQL(INCLUDE)                                               \
    "CREATE INDEX IF NOT EXISTS be_staff_actions_listed ON be_staff_actions (business_date, "      \
    "store_id" INCLUDE "staff, action, at, uuid)"

/* A member of the body (FIELD as below) as text, '' when absent; as a bigint, 0 when absent. */
#define KS_BACKEND_ACTION_TEXT(FIELD, PG, SQLITE) "coalesce(" FIELD(PG, SQLITE) ", '')"
#define KS_BACKEND_ACTION_INT(FIELD, PG, SQLITE)                                                   \
    "coalesce(CAST(" FIELD(PG, SQLITE) " AS bigint), 0)"

/*
 * The single staff actions of business dates FROM to TO at STORE ('' every
 * store) by STAFF ('' anyone) of kind KIND ('' every kind), newest first,
 * LIMIT of them after OFFSET: the kiosks' actions (be_staff_actions) and
 * the refunds a person gave at a kiosk with their own PIN (be_refunds, on
 * their order's business date, kind "refund"; the staff report's second
 * source, backend_staff_sql.h). Chosen first by time and uuid alone (k), the
 * chosen rows' bodies are read after. FIELD(PG, SQLITE): the driver's
 * reading of a member of s.action_json by its path; STAFF_OF, REQUEST_OF:
 * its reading of f.refund_json (backend_staff_sql.h). Columns: at,
 * business_date, store_id, kiosk_id, staff, kind, item, order_uuid,
 * order_number, need, decision, wait_s, amount (a refund's, or a void's:
 * halalas), uuid (the action's, or the refund's id), place, failures and
 * until_at (a sign-in's or PIN lockout's: where, the wrong PINs that locked,
 * when the lockout ends in UTC seconds; '', 0, 0 on the others).
 */
/* clang-format off */
#define KS_BACKEND_STAFF_ACTIONS_LIST_SQL(FROM, TO, STORE, STAFF, KIND, LIMIT, OFFSET, FIELD,     \
                                          STAFF_OF, REQUEST_OF)                                    \
    "WITH k AS (SELECT s.uuid AS uuid, s.at AS at, 0 AS refund FROM be_staff_actions s\n"          \
    "           WHERE s.business_date BETWEEN " FROM " AND " TO "\n"                               \
    "             AND (" STORE " = '' OR s.store_id = " STORE ")\n"                                \
    "             AND (" STAFF " = '' OR s.staff = " STAFF ")\n"                                   \
    "             AND (" KIND " = '' OR s.action = " KIND ")\n"                                    \
    "           UNION ALL\n"                                                                       \
    "           SELECT f.refund_id, f.at, 1\n"                                                     \
    "           FROM be_refunds f JOIN be_orders o ON o.uuid = f.uuid\n"                           \
    "           WHERE o.business_date BETWEEN " FROM " AND " TO "\n"                               \
    "             AND (" STORE " = '' OR o.store_id = " STORE ")\n"                                \
    "             AND " STAFF_OF " IS NOT NULL AND " REQUEST_OF " IS NULL\n"                       \
    "             AND (" STAFF " = '' OR " STAFF_OF " = " STAFF ")\n"                              \
    "             AND (" KIND " = '' OR " KIND " = 'refund')\n"                                    \
    "           ORDER BY at DESC, uuid DESC LIMIT " LIMIT " OFFSET " OFFSET ")\n"                  \
    "SELECT * FROM (\n"                                                                            \
    "SELECT k.at AS at, s.business_date AS business_date, s.store_id AS store_id,\n"               \
    "       s.kiosk_id AS kiosk_id, s.staff AS staff, s.action AS kind,\n"                         \
    "       " KS_BACKEND_ACTION_TEXT(FIELD, "item", "item") " AS item,\n"                          \
    "       " KS_BACKEND_ACTION_TEXT(FIELD, "order_uuid", "order_uuid") " AS order_uuid,\n"        \
    "       " KS_BACKEND_ACTION_INT(FIELD, "order_number", "order_number") " AS order_number,\n"   \
    "       " KS_BACKEND_ACTION_TEXT(FIELD, "intervention,need", "intervention.need")             \
    "           AS need,\n"                                                                        \
    "       " KS_BACKEND_ACTION_TEXT(FIELD, "intervention,decision", "intervention.decision")      \
    "           AS decision,\n"                                                                    \
    "       coalesce(CAST(" FIELD("intervention,decided_at", "intervention.decided_at") "\n"       \
    "                     AS bigint)\n"                                                            \
    "                - CAST(" FIELD("intervention,raised_at", "intervention.raised_at") "\n"       \
    "                       AS bigint), 0) AS wait_s,\n"                                           \
    "       " KS_BACKEND_ACTION_INT(FIELD, "intervention,void_amount", "intervention.void_amount") \
    "           AS amount,\n"                                                                      \
    "       k.uuid AS uuid,\n"                                                                     \
    "       " KS_BACKEND_ACTION_TEXT(FIELD, "place", "place") " AS place,\n"                       \
    "       " KS_BACKEND_ACTION_INT(FIELD, "failures", "failures") " AS failures,\n"               \
    "       " KS_BACKEND_ACTION_INT(FIELD, "until", "until") " AS until_at,\n"                     \
    "       coalesce((SELECT " KS_BACKEND_PAYING_STATE("p.placed") "\n"                           \
    "                 FROM be_paying_decisions p WHERE p.uuid = k.uuid), '') AS paying_state\n"  \
    "FROM k JOIN be_staff_actions s ON s.uuid = k.uuid WHERE k.refund = 0\n"                       \
    "UNION ALL\n"                                                                                  \
    "SELECT k.at, o.business_date, o.store_id, o.kiosk_id, " STAFF_OF ", 'refund', '', o.uuid,\n"  \
    "       CAST(o.number AS bigint), '', '', 0, f.amount, k.uuid, '', 0, 0, ''\n"                \
    "FROM k JOIN be_refunds f ON f.refund_id = k.uuid JOIN be_orders o ON o.uuid = f.uuid\n"       \
    "WHERE k.refund = 1) x\n"                                                                      \
    "ORDER BY at DESC, uuid DESC"
/* clang-format on */

/*
 * The lane decisions taken while an order was being paid (kind "paying"),
 * each under its staff action's uuid with the order it names, its store
 * and the decision's columns as be_interventions holds them
 * (backend_staff_sql.h); placed 0 while it waits for its order, 1 once it
 * was copied among that order's interventions, which the staff report's
 * waits, needs and voids read. Whichever of the action and the order
 * reaches the backend second places it, in its own transaction
 * (ks_backend_paying_place, ks_backend_paying_take:
 * backend_staff_action_store.h). PostgreSQL migration 28, SQLite at open.
 */
#define KS_BACKEND_PAYING_TABLE_SQL(TEXT, INT)                                                     \
    "CREATE TABLE IF NOT EXISTS be_paying_decisions (\n"                                           \
    "    uuid          " TEXT " NOT NULL PRIMARY KEY,\n"                                           \
    "    order_uuid    " TEXT " NOT NULL,\n"                                                       \
    "    store_id      " TEXT " NOT NULL,\n"                                                       \
    "    staff         " TEXT " NOT NULL,\n"                                                       \
    "    need          " TEXT " NOT NULL,\n"                                                       \
    "    decision      " TEXT " NOT NULL,\n"                                                       \
    "    raised_at     " INT " NOT NULL,\n"                                                        \
    "    decided_at    " INT " NOT NULL,\n"                                                        \
    "    void_item     " TEXT " NOT NULL,\n"                                                       \
    "    void_amount   " INT " NOT NULL,\n"                                                        \
    "    placed        " INT " NOT NULL\n"                                                         \
    ")"
/* Only the waiting ones: each order's intake looks for its own there. */
#define KS_BACKEND_PAYING_INDEX_SQL                                                                \
    "CREATE INDEX IF NOT EXISTS be_paying_waiting ON be_paying_decisions (order_uuid) "            \
    "WHERE placed = 0"
/* VALUES: uuid, order_uuid, store_id, staff, need, decision, raised_at, decided_at, void_item,
 * void_amount: a decision waiting for its order. */
#define KS_BACKEND_INSERT_PAYING_SQL(VALUES)                                                       \
    "INSERT INTO be_paying_decisions (uuid, order_uuid, store_id, staff, need, decision,\n"        \
    "                                 raised_at, decided_at, void_item, void_amount, placed)\n"    \
    "VALUES (" VALUES ", 0)"
/*
 * The waiting decisions p whose order (o) WHERE picks (a condition on p:
 * "p.order_uuid = <its uuid>", or true for every order) is stored at their
 * store, and NOT "NOT " paid or "" cancelled unpaid. A paid order takes
 * them among its interventions (placed 1); one cancelled unpaid takes
 * them as the attendant's work in a basket never paid (placed 2: the
 * staff report counts them with the unpaid baskets' interventions,
 * backend_staff_sql.h). Columns: p's and o's.
 */
#define KS_BACKEND_PAYING_WAITING(WHERE, NOT)                                                      \
    "FROM be_paying_decisions p JOIN be_orders o ON o.uuid = p.order_uuid\n"                       \
    "WHERE " WHERE " AND p.placed = 0 AND o.store_id = p.store_id\n"                               \
    "  AND " NOT "EXISTS (SELECT 1 FROM be_cancelled c WHERE c.uuid = o.uuid)"
#define KS_BACKEND_PAYING_PLACEABLE(WHERE) KS_BACKEND_PAYING_WAITING(WHERE, "NOT ")
/* WHERE of the decisions of order ORDER (a placeholder), of every order. */
#define KS_BACKEND_PAYING_OF(ORDER) "p.order_uuid = " ORDER
#define KS_BACKEND_PAYING_OF_ANY "p.placed = 0"
/*
 * The payment's row of paid order ORDER (its uuid; METHOD, BRAND, REF: the
 * other values, REF its card terminal's reference), answering "waiting"
 * (KS_BACKEND_PAYING_WAITING_COUNT): how many decisions taken while it was paid wait for it. Its
 * intake asks this beside a row it writes anyway, not in a statement of its own (PostgreSQL: after
 * taking the order's lock with its row, backend_store_pg.c), and places them only when there are
 * any: every order pays this lookup, one in a thousand finds one.
 */
#define KS_BACKEND_PAYING_WAITING_COUNT(ORDER)                                                     \
    "RETURNING (SELECT count(*) FROM be_paying_decisions\n"                                        \
    "           WHERE order_uuid = " ORDER " AND placed = 0) AS waiting"
#define KS_BACKEND_INSERT_PAYMENT_SQL(ORDER, METHOD, BRAND, REF)                                   \
    "INSERT INTO be_payments (uuid, method, brand, terminal_ref)\n"                                \
    "VALUES (" ORDER ", " METHOD ", " BRAND ", " REF ")\n" KS_BACKEND_PAYING_WAITING_COUNT(ORDER)
/* The mark of order ORDER cancelled unpaid, answering "waiting" as the payment's row does: its
 * decisions are then taken as unpaid work only when there are any. */
#define KS_BACKEND_INSERT_CANCELLED_SQL(ORDER)                                                     \
    "INSERT INTO be_cancelled (uuid) VALUES (" ORDER ")\n" KS_BACKEND_PAYING_WAITING_COUNT(ORDER)
/* Copies them among their paid orders' interventions, numbered after those each carries, on its
 * date. */
#define KS_BACKEND_PLACE_PAYING_SQL(WHERE)                                                         \
    "INSERT INTO be_interventions (uuid, seq, business_date, store_id, staff, need, decision,\n"   \
    "                              raised_at, decided_at, void_item, void_amount)\n"               \
    "SELECT o.uuid, (SELECT coalesce(max(i.seq), -1) FROM be_interventions i\n"                    \
    "                WHERE i.uuid = o.uuid)\n"                                                     \
    "               + row_number() OVER (PARTITION BY o.uuid ORDER BY p.uuid),\n"                  \
    "       o.business_date, o.store_id, p.staff, p.need, p.decision, p.raised_at,\n"              \
    "       p.decided_at, p.void_item, p.void_amount\n" KS_BACKEND_PAYING_PLACEABLE(WHERE)
/* Then marks them placed (1), and those of orders cancelled unpaid taken as unpaid (2). */
#define KS_BACKEND_PLACED_PAYING_SQL(WHERE)                                                        \
    "UPDATE be_paying_decisions SET placed = 1\n"                                                  \
    "WHERE uuid IN (SELECT p.uuid " KS_BACKEND_PAYING_PLACEABLE(WHERE) ")"
#define KS_BACKEND_UNPAID_PAYING_SQL(WHERE)                                                        \
    "UPDATE be_paying_decisions SET placed = 2\n"                                                  \
    "WHERE uuid IN (SELECT p.uuid " KS_BACKEND_PAYING_WAITING(WHERE, "") ")"

/*
 * A decision's placed (column PLACED) as the back office words it: "waiting"
 * (0), "placed" among its paid order's interventions (1), "unpaid" (2: its
 * order was cancelled unpaid) or "lost" (3: its order never arrived).
 */
#define KS_BACKEND_PAYING_STATE(PLACED)                                                            \
    "CASE " PLACED " WHEN 0 THEN 'waiting' WHEN 1 THEN 'placed' WHEN 2 THEN 'unpaid'\n"            \
    "    ELSE 'lost' END"

/*
 * The decisions still waiting whose staff action reached the backend
 * before CUTOFF (be_staff_actions.received_at, the backend's clock: now -
 * KS_BACKEND_PAYING_GRACE_S), oldest first, at most LIMIT: their order
 * never came (ks_backend_paying_age). Columns uuid, order_uuid.
 */
#define KS_BACKEND_PAYING_AGED_SQL(CUTOFF, LIMIT)                                                  \
    "SELECT p.uuid AS uuid, p.order_uuid AS order_uuid\n"                                          \
    "FROM be_paying_decisions p JOIN be_staff_actions s ON s.uuid = p.uuid\n"                      \
    "WHERE p.placed = 0 AND s.received_at < " CUTOFF "\n"                                          \
    "ORDER BY s.received_at, p.uuid LIMIT " LIMIT
/*
 * Marks decision UUID, when it still waits, as decided on an order that
 * never arrived (placed 3: the staff report counts it in
 * lost_interventions, backend_staff_sql.h; no order takes it after).
 */
#define KS_BACKEND_PAYING_LOSE_SQL(UUID)                                                           \
    "UPDATE be_paying_decisions SET placed = 3 WHERE uuid = " UUID " AND placed = 0"

/*
 * The decisions taken while paying that a backend before PostgreSQL
 * migration 28 (SQLite: before be_paying_decisions) kept in
 * be_staff_actions only, copied into be_paying_decisions, waiting, from
 * their bodies (FIELD(PG, SQLITE): the driver's reading of a member of
 * s.action_json by its path, backend_staff_action_sql.h above); those
 * there already (every one stored since) are left alone, so it runs once
 * whenever it runs. Then KS_BACKEND_PLACE_PAYING_SQL and the others with
 * KS_BACKEND_PAYING_OF_ANY place them (backend_store_pg.c migration 31,
 * backend_store_sqlite.c upgrades to version 5-9).
 */
/* The statement's lines as they read: */
/* clang-format off */
#define KS_BACKEND_PAYING_MEMBER(FIELD, NAME) FIELD("intervention," NAME, "intervention." NAME)
#define KS_BACKEND_PAYING_FROM_ACTIONS_SQL(FIELD)                                                  \
    "INSERT INTO be_paying_decisions (uuid, order_uuid, store_id, staff, need, decision,\n"        \
    "                                 raised_at, decided_at, void_item, void_amount, placed)\n"    \
    "SELECT s.uuid, " FIELD("order_uuid", "order_uuid") ", s.store_id,\n"                          \
    "       " KS_BACKEND_PAYING_MEMBER(FIELD, "staff") ",\n"                                       \
    "       " KS_BACKEND_PAYING_MEMBER(FIELD, "need") ",\n"                                        \
    "       " KS_BACKEND_PAYING_MEMBER(FIELD, "decision") ",\n"                                    \
    "       CAST(" KS_BACKEND_PAYING_MEMBER(FIELD, "raised_at") " AS bigint),\n"                   \
    "       CAST(" KS_BACKEND_PAYING_MEMBER(FIELD, "decided_at") " AS bigint),\n"                  \
    "       coalesce(" KS_BACKEND_PAYING_MEMBER(FIELD, "void_item") ", ''),\n"                     \
    "       coalesce(CAST(" KS_BACKEND_PAYING_MEMBER(FIELD, "void_amount") " AS bigint), 0), 0\n"  \
    "FROM be_staff_actions s\n"                                                                    \
    "WHERE s.action = 'paying'\n"                                                                  \
    "  AND NOT EXISTS (SELECT 1 FROM be_paying_decisions d WHERE d.uuid = s.uuid)"

/*
 * The last interventions of every paid order that its waiting decisions
 * taken while paying are about to join (before they are marked placed):
 * as many of its last ones (by seq) as it has such decisions, added to
 * their months (KS_BACKEND_STAFF_MONTHS_UPSERT, backend_staff_sql.h; AGG,
 * CAT the driver's spellings there). After KS_BACKEND_PLACE_PAYING_SQL
 * with KS_BACKEND_PAYING_OF_ANY.
 */
#define KS_BACKEND_ADD_PAYING_MONTHS_SQL(AGG, CAT)                                                 \
    KS_BACKEND_STAFF_MONTHS_UPSERT(                                                                \
        "uuid IN (SELECT p.order_uuid "                                                            \
        KS_BACKEND_PAYING_PLACEABLE(KS_BACKEND_PAYING_OF_ANY) ")\n"                                \
        "  AND seq > (SELECT max(l.seq) FROM be_interventions l "                                  \
        "WHERE l.uuid = be_interventions.uuid)\n"                                                  \
        "            - (SELECT count(*) "                                                          \
        KS_BACKEND_PAYING_PLACEABLE(KS_BACKEND_PAYING_OF("be_interventions.uuid")) ")",            \
        AGG, CAT)
/* clang-format on */

#endif
