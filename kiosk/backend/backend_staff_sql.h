/*
 * The staff report's SQL (ks_backend_store_staff, backend_staff_store.h)
 * as one text for both store drivers, each filling in its spelling of the
 * bound values, so that SQLite and PostgreSQL give the same rows by the
 * same arithmetic. Not for other users.
 *
 * be_interventions holds each paid order's attendant interventions as the
 * lane sent them (kiosk/domain/intervention.h), with the order's business
 * date and store. Per store and staff id: the count per need, the median
 * and 90th percentile of the seconds from raised to decided by nearest
 * rank (the values at ranks ceil(n / 2) = (n + 1) / 2 and ceil(0.9 n) =
 * (9 n + 9) / 10 in ascending order, exact in both, each driver's way:
 * below), the voids and their amount; beside them the back office's refund
 * requests that person asked (their name is the staff column) of the
 * orders of those dates, those carried out and what those refunds gave
 * back, and the refunds a person made at a kiosk's staff screen signed in
 * with their own kiosk PIN (the refund's "staff", backend_kiosk_pin.h),
 * each counted as asked and carried out by them; and the kiosks' staff
 * actions of those dates per person (be_staff_actions,
 * backend_staff_action_sql.h): sold-out marks and unmarks, reprints, the
 * lanes' interventions in baskets never paid and those decided while an
 * order was being paid that no stored paid order took (be_paying_decisions
 * placed 1: those are among be_interventions, counted once there; placed 2,
 * taken by an order cancelled unpaid: counted with the unpaid baskets';
 * placed 3, aged by ks_backend_paying_age: their order never arrived,
 * counted as lost_interventions) (an
 * action under the shared PIN names nobody, '', and counts for nobody;
 * sign-ins, PIN lockouts, closes and opens are listed apart, GET
 * /v1/staff-actions, and make nobody a row here). Every wait is at most a day and
 * every amount at most 10^9, so the 64-bit sums cannot overflow.
 */
#ifndef KIOSK_BACKEND_BACKEND_STAFF_SQL_H
#define KIOSK_BACKEND_BACKEND_STAFF_SQL_H

/* VALUES: the eleven placeholders, in the order of the columns. */
#define KS_BACKEND_INSERT_INTERVENTION_SQL(VALUES)                                                 \
    "INSERT INTO be_interventions (uuid, seq, business_date, store_id, staff, need, decision,\n"   \
    "                              raised_at, decided_at, void_item, void_amount)\n"               \
    "VALUES (" VALUES ")"

/*
 * The staff report's index (PostgreSQL migration 23, SQLite at open): every
 * column the report reads, in (store, staff) order, so that PostgreSQL
 * groups a year's waits straight from the index (an index-only scan) with
 * neither reading the table's wide rows nor sorting them first. The chain's
 * year at 10 M order lines (612,585 waits), the server's CPU for the SQL,
 * interleaved runs in one session: 0.87-1.23 s -> 0.27-0.58 s (1.75-2.21 s
 * -> 0.26-0.43 s while JIT compiling was on: the plan, costed lower, is no
 * longer compiled). INCLUDE: ") INCLUDE (" where the driver has
 * non-key columns (PostgreSQL), else ", " (SQLite: all of them keys).
 */
#define KS_BACKEND_INTERVENTIONS_BY_STAFF_SQL(INCLUDE)                                             \
    "CREATE INDEX IF NOT EXISTS be_interventions_by_staff\n"                                       \
    "ON be_interventions (store_id, staff, business_date" INCLUDE                                  \
    "need, void_item, void_amount, raised_at, decided_at)"

/* One need's count among a staff member's interventions. */
#define KS_BACKEND_STAFF_NEED(NEED)                                                                \
    "       CAST(sum(CASE WHEN need = '" NEED "' THEN 1 ELSE 0 END) AS bigint) AS " NEED ",\n"

/* The eleven counts and sums of be_staff_months, in its columns' order. */
#define KS_BACKEND_STAFF_MONTH_SUMS                                                                \
    "interventions, age, removal, bagging, unknown, help, idle, unasked, voids, voided"

/*
 * be_staff_months (PostgreSQL migration 27, SQLite at open): per store,
 * staff id and month ("YYYY-MM") of the business dates, the paid orders'
 * interventions' count, counts per need, voids and voided amount, and
 * every wait of the month in WAITS, the driver's list of integers in no
 * order (PostgreSQL integer[], SQLite a JSON array as text: the spellings
 * below). The staff report takes the months its dates cover whole from
 * here and only the days at either end from be_interventions: the chain's
 * year is 7,200 rows of 50 stores' 12 staff ids instead of 612,585
 * intervention rows (10 M order lines). TEXT, INT: the driver's types.
 *
 * A month is one row or more, its chunks (0, 1, ...; PostgreSQL migration
 * 30): each order's upsert adds to the newest chunk until it holds
 * KS_BACKEND_STAFF_CHUNK_WAITS waits, then starts the next, so that one
 * order rewrites a bounded list however busy its attendant's month (one
 * list of 5,000 waits was rewritten whole at each order). The report adds
 * up the rows and reads every chunk's waits: the same answer. Those filled
 * at once (at open, by migration 27 or the benchmark's load) are chunk 0
 * whatever their length. The PostgreSQL table is made by migration 27's
 * KS_BACKEND_STAFF_MONTHS_TABLE_SQL and 30's ..._CHUNKED_SQL (which runs
 * again on its own result, as the tests' older schemas make it); SQLite's
 * by ..._CHUNKS_TABLE_SQL, the same columns in the same order.
 */
#define KS_BACKEND_STAFF_CHUNK_WAITS "256"
#define KS_BACKEND_STAFF_MONTHS_COLUMNS(TEXT, INT, WAITS)                                          \
    "    store_id      " TEXT " NOT NULL,\n"                                                       \
    "    staff         " TEXT " NOT NULL,\n"                                                       \
    "    month         " TEXT " NOT NULL,\n"                                                       \
    "    interventions " INT " NOT NULL,\n"                                                        \
    "    age           " INT " NOT NULL,\n"                                                        \
    "    removal       " INT " NOT NULL,\n"                                                        \
    "    bagging       " INT " NOT NULL,\n"                                                        \
    "    unknown       " INT " NOT NULL,\n"                                                        \
    "    help          " INT " NOT NULL,\n"                                                        \
    "    idle          " INT " NOT NULL,\n"                                                        \
    "    unasked       " INT " NOT NULL,\n"                                                        \
    "    voids         " INT " NOT NULL,\n"                                                        \
    "    voided        " INT " NOT NULL,\n"                                                        \
    "    waits         " WAITS " NOT NULL,\n"
#define KS_BACKEND_STAFF_MONTHS_TABLE_SQL(TEXT, INT, WAITS)                                        \
    "CREATE TABLE IF NOT EXISTS be_staff_months (\n" KS_BACKEND_STAFF_MONTHS_COLUMNS(              \
        TEXT, INT, WAITS) "    PRIMARY KEY (store_id, staff, month)\n"                             \
                          ")"
#define KS_BACKEND_STAFF_CHUNKS_TABLE_SQL(TEXT, INT, WAITS)                                        \
    "CREATE TABLE IF NOT EXISTS be_staff_months (\n" KS_BACKEND_STAFF_MONTHS_COLUMNS(              \
        TEXT, INT, WAITS) "    chunk         " INT " NOT NULL DEFAULT 0,\n"                        \
                          "    PRIMARY KEY (store_id, staff, month, chunk)\n"                      \
                          ")"
#define KS_BACKEND_STAFF_MONTHS_CHUNKED_SQL                                                        \
    "ALTER TABLE be_staff_months ADD COLUMN IF NOT EXISTS chunk bigint NOT NULL DEFAULT 0;\n"      \
    "ALTER TABLE be_staff_months DROP CONSTRAINT be_staff_months_pkey;\n"                          \
    "ALTER TABLE be_staff_months ADD PRIMARY KEY (store_id, staff, month, chunk)"

/*
 * The waits' list as each driver spells it: its type, the list of a
 * group's waits (aggregate of X), two lists joined (OLD, NEW: columns) and
 * the list of COL as a table of one column, j.value (in a FROM clause).
 */
#define KS_BACKEND_STAFF_WAITS_ARRAY "integer[]"
#define KS_BACKEND_STAFF_WAITS_ARRAY_AGG(X) "array_agg(CAST(" X " AS integer))"
#define KS_BACKEND_STAFF_WAITS_ARRAY_CAT(OLD, NEW) OLD " || " NEW
#define KS_BACKEND_STAFF_WAITS_UNNEST(COL) "unnest(" COL ") AS j(value)"
#define KS_BACKEND_STAFF_WAITS_JSON "TEXT"
#define KS_BACKEND_STAFF_WAITS_JSON_AGG(X) "'[' || group_concat(" X ") || ']'"
#define KS_BACKEND_STAFF_WAITS_JSON_CAT(OLD, NEW)                                                  \
    "substr(" OLD ", 1, length(" OLD ") - 1) || ',' || substr(" NEW ", 2)"
#define KS_BACKEND_STAFF_WAITS_JSON_EACH(COL) "json_each(" COL ") AS j"

/* clang-format off */
/* The interventions of be_interventions that COND picks, summed per store, staff id and month. */
#define KS_BACKEND_STAFF_MONTHS_OF(COND, AGG)                                                      \
    "SELECT store_id, staff, substr(business_date, 1, 7) AS month, count(*) AS interventions,\n"   \
    KS_BACKEND_STAFF_NEED("age")                                                                   \
    KS_BACKEND_STAFF_NEED("removal")                                                               \
    KS_BACKEND_STAFF_NEED("bagging")                                                               \
    KS_BACKEND_STAFF_NEED("unknown")                                                               \
    KS_BACKEND_STAFF_NEED("help")                                                                  \
    KS_BACKEND_STAFF_NEED("idle")                                                                  \
    KS_BACKEND_STAFF_NEED("unasked")                                                               \
    "       CAST(sum(CASE WHEN void_item <> '' THEN 1 ELSE 0 END) AS bigint) AS voids,\n"          \
    "       CAST(sum(void_amount) AS bigint) AS voided, " AGG("decided_at - raised_at") " AS waits\n" \
    "FROM be_interventions WHERE " COND "\n"                                                       \
    "GROUP BY store_id, staff, substr(business_date, 1, 7)\n"
/* Those rows written into be_staff_months (each month one chunk). */
#define KS_BACKEND_STAFF_MONTHS_SUM(COND, AGG)                                                     \
    "INSERT INTO be_staff_months (store_id, staff, month, " KS_BACKEND_STAFF_MONTH_SUMS            \
    ", waits)\n" KS_BACKEND_STAFF_MONTHS_OF(COND, AGG)

/* Every stored intervention, when the table is made (PostgreSQL) or empty (SQLite). */
#define KS_BACKEND_FILL_STAFF_MONTHS_SQL(AGG)                                                      \
    KS_BACKEND_STAFF_MONTHS_SUM("NOT EXISTS (SELECT 1 FROM be_staff_months)", AGG)

/*
 * The last LAST interventions (by seq) of paid order UUID (placeholders)
 * added to their months' rows, in the transaction that stored them: all
 * of a new order's at its intake (its own and the decisions taken while
 * it was paid that came first), or those a decision taken while paying
 * added to an order stored before (ks_backend_paying_place), into each
 * month's newest chunk, or a new one when they would take it past
 * KS_BACKEND_STAFF_CHUNK_WAITS (two orders at once may both add to one
 * chunk: a bound within a few waits). AGG, CAT: the driver's spellings
 * above.
 */
#define KS_BACKEND_STAFF_MONTH_ADD(C) C " = be_staff_months." C " + excluded." C
#define KS_BACKEND_ADD_STAFF_MONTHS_SQL(UUID, LAST, AGG, CAT)                                      \
    KS_BACKEND_STAFF_MONTHS_UPSERT("uuid = " UUID " AND seq > (SELECT max(l.seq) FROM "            \
                                   "be_interventions l WHERE l.uuid = " UUID ") - " LAST, AGG, CAT)
/*
 * The interventions COND picks added to their months' rows, each month's
 * newest chunk or a new one (made when missing).
 */
#define KS_BACKEND_STAFF_MONTHS_UPSERT(COND, AGG, CAT)                                             \
    "INSERT INTO be_staff_months (store_id, staff, month, chunk, " KS_BACKEND_STAFF_MONTH_SUMS     \
    ", waits)\n"                                                                                   \
    "SELECT store_id, staff, month,\n"                                                             \
    "       coalesce((SELECT CASE WHEN c.interventions + a.interventions > "                       \
    KS_BACKEND_STAFF_CHUNK_WAITS " THEN c.chunk + 1 ELSE c.chunk END\n"                            \
    "                 FROM be_staff_months c\n"                                                    \
    "                 WHERE c.store_id = a.store_id AND c.staff = a.staff AND c.month = a.month\n" \
    "                 ORDER BY c.chunk DESC LIMIT 1), 0),\n"                                       \
    "       " KS_BACKEND_STAFF_MONTH_SUMS ", waits\n"                                              \
    "FROM (" KS_BACKEND_STAFF_MONTHS_OF(COND, AGG) ") a WHERE true\n"                              \
    "ON CONFLICT (store_id, staff, month, chunk) DO UPDATE\n"                                      \
    "SET " KS_BACKEND_STAFF_MONTH_ADD("interventions") ",\n"                                       \
    "    " KS_BACKEND_STAFF_MONTH_ADD("age") ",\n"                                                 \
    "    " KS_BACKEND_STAFF_MONTH_ADD("removal") ",\n"                                             \
    "    " KS_BACKEND_STAFF_MONTH_ADD("bagging") ",\n"                                             \
    "    " KS_BACKEND_STAFF_MONTH_ADD("unknown") ",\n"                                             \
    "    " KS_BACKEND_STAFF_MONTH_ADD("help") ",\n"                                                \
    "    " KS_BACKEND_STAFF_MONTH_ADD("idle") ",\n"                                                \
    "    " KS_BACKEND_STAFF_MONTH_ADD("unasked") ",\n"                                             \
    "    " KS_BACKEND_STAFF_MONTH_ADD("voids") ",\n"                                               \
    "    " KS_BACKEND_STAFF_MONTH_ADD("voided") ",\n"                                              \
    "    waits = " CAT("be_staff_months.waits", "excluded.waits")
/* clang-format on */

/*
 * The median and 90th percentile by nearest rank, as each driver spells
 * them: PostgreSQL's ordered-set aggregate, one sort of the waits (the
 * chain's year at 1 M order lines, 61,388 waits: 419 -> 219 ms of SQL,
 * EXPLAIN ANALYZE; percentile_disc(f) takes rank ceil(f n), as the
 * kitchen report's, backend_kitchen_sql.h), or, where there is none
 * (SQLite), each wait's rank and its group's count from two windows.
 */
#define KS_BACKEND_STAFF_P50_DISC "percentile_disc(0.5) WITHIN GROUP (ORDER BY wait_s)"
#define KS_BACKEND_STAFF_P90_DISC "percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_s)"
#define KS_BACKEND_STAFF_RANKS                                                                     \
    ",\n"                                                                                          \
    "                  row_number() OVER (PARTITION BY store_id, staff\n"                          \
    "                                     ORDER BY wait_s) AS rn,\n"                               \
    "                  count(*) OVER (PARTITION BY store_id, staff) AS n"
#define KS_BACKEND_STAFF_P50_RANKED "max(CASE WHEN rn = (n + 1) / 2 THEN wait_s END)"
#define KS_BACKEND_STAFF_P90_RANKED "max(CASE WHEN rn = (9 * n + 9) / 10 THEN wait_s END)"

/*
 * A kiosk refund's person and the back office's request it carries out,
 * read from its stored body (be_refunds.refund_json, kiosk/docs/backend-api.md,
 * POST /v1/orders/{uuid}/refunds; BODY: the column as the statement names
 * it), each driver's way; NULL when absent.
 */
#define KS_BACKEND_STAFF_OF_JSON(BODY) "((" BODY " ->> 'staff') COLLATE \"C\")"
#define KS_BACKEND_REQUEST_OF_JSON(BODY) "(" BODY " ->> 'request_id')"
#define KS_BACKEND_STAFF_OF_EXTRACT(BODY) "json_extract(" BODY ", '$.staff')"
#define KS_BACKEND_REQUEST_OF_EXTRACT(BODY) "json_extract(" BODY ", '$.request_id')"
/* And its card terminal's reference (the order's page), the same ways. */
#define KS_BACKEND_TERMINAL_REF_OF_JSON(BODY) "(" BODY " ->> 'terminal_ref')"
#define KS_BACKEND_TERMINAL_REF_OF_EXTRACT(BODY) "json_extract(" BODY ", '$.terminal_ref')"

/*
 * The refunds the staff report counts as a person's at a kiosk (their own
 * PIN, no back-office request: the report's second source below), indexed
 * apart (migration 23, SQLite at open), so that the report finds them
 * without reading every refund's body: at 10 M order lines a store's day
 * took 33-53 ms of which most was reading the 30,917 bodies, 2.5-23 ms
 * with the index (interleaved runs in one session); the statement is the
 * same, the index chosen because its condition is the report's, word for
 * word. STAFF_OF, REQUEST_OF: the driver's spelling above of
 * "refund_json".
 */
#define KS_BACKEND_REFUNDS_BY_STAFF_SQL(STAFF_OF, REQUEST_OF)                                      \
    "CREATE INDEX IF NOT EXISTS be_refunds_by_staff ON be_refunds (uuid)\n"                        \
    "WHERE " STAFF_OF " IS NOT NULL AND " REQUEST_OF " IS NULL"

/*
 * The interventions of the days at either end of the dates FROM-TO that
 * no whole month of LO-HI covers (LO: the first whole month's first
 * date, HI: the last whole month's "YYYY-MM-32"; both past TO when none),
 * COLS of those COND picks: two ranges of the business date, so each
 * reads its days by an index, each behind a condition of the bound values
 * alone (the server tests it once), so that the chain's year reads no
 * page of be_interventions: cold, PostgreSQL's search of the staff ids'
 * empty ranges read 800 of the index's pages (1 M order lines).
 */
#define KS_BACKEND_STAFF_EDGES(COLS, FROM, TO, LO, HI, COND)                                       \
    "SELECT " COLS " FROM be_interventions\n"                                                      \
    "WHERE " FROM " < " LO " AND business_date >= " FROM " AND business_date < " LO "\n"           \
    "  AND business_date <= " TO " AND " COND "\n"                                                 \
    "UNION ALL\n"                                                                                  \
    "SELECT " COLS " FROM be_interventions\n"                                                      \
    "WHERE " HI " < " TO " AND business_date > " HI " AND business_date >= " FROM "\n"             \
    "  AND business_date <= " TO " AND " COND "\n"

/*
 * The whole months of LO-HI (above), of the rows of be_staff_months COND
 * picks: none, and no page read, when there are none (LO = HI).
 */
#define KS_BACKEND_STAFF_MONTHS_IN(LO, HI, COND)                                                   \
    LO " < " HI " AND month BETWEEN substr(" LO ", 1, 7) AND substr(" HI ", 1, 7) AND " COND

/*
 * The percentiles' CTE p (store_id, staff, wait_p50_s, wait_p90_s) over
 * the staff ids of s, from the waits of their whole months
 * (be_staff_months) and of the edge days (e), as each driver does it:
 * PostgreSQL's ordered-set aggregate over one staff id's waits at a time
 * (its months by the primary key, its edge days' waits listed per staff
 * id once, ea), so that no sort of all the waits by store and staff id
 * comes first (612,585 of them over the chain's year at 10 M lines: on
 * disk with the default work_mem); SQLite's ranks from two windows over
 * all the waits at once.
 */
/* clang-format off */
#define KS_BACKEND_STAFF_PERCENTILES_DISC(LO, HI)                                                  \
    "ea AS (SELECT store_id, staff, array_agg(wait_s) AS waits FROM e GROUP BY store_id, staff),\n" \
    "p AS (SELECT g.store_id, g.staff, q.wait_p50_s, q.wait_p90_s\n"                               \
    "      FROM s g LEFT JOIN ea ON ea.store_id = g.store_id AND ea.staff = g.staff\n"             \
    "      CROSS JOIN LATERAL\n"                                                                   \
    "      (SELECT " KS_BACKEND_STAFF_P50_DISC " AS wait_p50_s,\n"                                 \
    "              " KS_BACKEND_STAFF_P90_DISC " AS wait_p90_s\n"                                  \
    "       FROM (SELECT j.value AS wait_s\n"                                                      \
    "             FROM be_staff_months m CROSS JOIN " KS_BACKEND_STAFF_WAITS_UNNEST("m.waits") "\n" \
    "             WHERE m.store_id = g.store_id AND m.staff = g.staff\n"                           \
    "               AND " KS_BACKEND_STAFF_MONTHS_IN(LO, HI, "true") "\n"                          \
    "             UNION ALL\n"                                                                     \
    "             SELECT unnest(ea.waits) AS wait_s) y) q),\n"
#define KS_BACKEND_STAFF_PERCENTILES_RANKED                                                        \
    "v AS (SELECT store_id, staff, wait_s" KS_BACKEND_STAFF_RANKS "\n"                             \
    "      FROM (SELECT m.store_id, m.staff, j.value AS wait_s\n"                                  \
    "            FROM m CROSS JOIN " KS_BACKEND_STAFF_WAITS_JSON_EACH("m.waits") "\n"              \
    "            UNION ALL SELECT store_id, staff, wait_s FROM e) y),\n"                           \
    "p AS (SELECT store_id, staff, " KS_BACKEND_STAFF_P50_RANKED " AS wait_p50_s,\n"               \
    "             " KS_BACKEND_STAFF_P90_RANKED " AS wait_p90_s\n"                                 \
    "      FROM v GROUP BY store_id, staff),\n"
/* clang-format on */

/* A need's 1 or 0 for one intervention, and a column's sum over a staff id's rows. */
#define KS_BACKEND_STAFF_ONE(NEED) "CASE WHEN need = '" NEED "' THEN 1 ELSE 0 END AS " NEED
#define KS_BACKEND_STAFF_SUM(C) "CAST(sum(" C ") AS bigint) AS " C

/*
 * FROM, TO, STORE: the bound values; LO, HI: the whole months' bounds of
 * KS_BACKEND_STAFF_EDGES (bound values too, ks_backend_store_staff works
 * them out); PERCENTILES: the driver's CTE p, above
 * (KS_BACKEND_STAFF_PERCENTILES_DISC of the same bound values, or
 * ..._RANKED); STAFF_OF, REQUEST_OF: the driver's reading of a refund's
 * body (above). The sums per store and staff id (s) add up the whole
 * months' rows of be_staff_months (m) and the edge days' interventions (e).
 */
/* clang-format off */
#define KS_BACKEND_STAFF_SQL(FROM, TO, STORE, LO, HI, PERCENTILES, STAFF_OF, REQUEST_OF)          \
    "WITH e AS (" KS_BACKEND_STAFF_EDGES("store_id, staff, need, decided_at - raised_at AS "      \
                                         "wait_s, void_item, void_amount", FROM, TO, LO, HI,      \
                                         "(" STORE " = '' OR store_id = " STORE ")") "),\n"       \
    "m AS (SELECT * FROM be_staff_months\n"                                                        \
    "      WHERE " KS_BACKEND_STAFF_MONTHS_IN(LO, HI, "(" STORE " = '' OR store_id = " STORE ")")  \
    "),\n"                                                                                         \
    "s AS (SELECT store_id, staff, " KS_BACKEND_STAFF_SUM("interventions") ",\n"                   \
    "             " KS_BACKEND_STAFF_SUM("age") ", " KS_BACKEND_STAFF_SUM("removal") ",\n"         \
    "             " KS_BACKEND_STAFF_SUM("bagging") ", " KS_BACKEND_STAFF_SUM("unknown") ",\n"     \
    "             " KS_BACKEND_STAFF_SUM("help") ", " KS_BACKEND_STAFF_SUM("idle") ",\n"           \
    "             " KS_BACKEND_STAFF_SUM("unasked") ", " KS_BACKEND_STAFF_SUM("voids") ",\n"       \
    "             " KS_BACKEND_STAFF_SUM("voided") "\n"                                            \
    "      FROM (SELECT store_id, staff, 1 AS interventions,\n"                                    \
    "                   " KS_BACKEND_STAFF_ONE("age") ", " KS_BACKEND_STAFF_ONE("removal") ",\n"   \
    "                   " KS_BACKEND_STAFF_ONE("bagging") ",\n"                                    \
    "                   " KS_BACKEND_STAFF_ONE("unknown") ",\n"                                    \
    "                   " KS_BACKEND_STAFF_ONE("help") ", " KS_BACKEND_STAFF_ONE("idle") ",\n"     \
    "                   " KS_BACKEND_STAFF_ONE("unasked") ",\n"                                    \
    "                   CASE WHEN void_item <> '' THEN 1 ELSE 0 END AS voids,\n"                   \
    "                   void_amount AS voided\n"                                                   \
    "            FROM e\n"                                                                         \
    "            UNION ALL\n"                                                                      \
    "            SELECT store_id, staff, " KS_BACKEND_STAFF_MONTH_SUMS " FROM m) x\n"              \
    "      GROUP BY store_id, staff),\n"                                                           \
    PERCENTILES                                                                                    \
    "i AS (SELECT s.*, p.wait_p50_s, p.wait_p90_s\n"                                               \
    "      FROM s JOIN p ON p.store_id = s.store_id AND p.staff = s.staff),\n"                     \
                           "r AS (SELECT store_id, staff, count(*) AS asked,\n"                    \
                           "             CAST(sum(done) AS bigint) AS done,\n"                     \
                           "             CAST(coalesce(sum(refunded), 0) AS bigint) AS refunded\n" \
                           "      FROM (SELECT q.store_id, q.person AS staff,\n"                   \
                           "                   CASE WHEN f.refund_id IS NULL THEN 0 ELSE 1 END "   \
                           "AS done,\n"                                                            \
                           "                   f.amount AS refunded\n"                             \
                           "            FROM be_refund_requests q JOIN be_orders o ON o.uuid = "   \
                           "q.order_uuid\n"                                                        \
                           "            LEFT JOIN be_refunds f ON q.status = 'done' AND "          \
                           "f.refund_id = q.refund_id\n"                                           \
                           "            WHERE o.business_date BETWEEN " FROM " AND " TO "\n"       \
                           "              AND (" STORE " = '' OR q.store_id = " STORE ")\n"        \
                           "            UNION ALL\n"                                               \
                           "            SELECT o.store_id, " STAFF_OF " AS staff, 1 AS done,\n"    \
                           "                   f.amount AS refunded\n"                             \
                           "            FROM be_refunds f JOIN be_orders o ON o.uuid = f.uuid\n"   \
                           "            WHERE o.business_date BETWEEN " FROM " AND " TO "\n"       \
                           "              AND (" STORE " = '' OR o.store_id = " STORE ")\n"        \
                           "              AND " STAFF_OF " IS NOT NULL AND " REQUEST_OF " IS "     \
                           "NULL) x\n"                                                             \
                           "      GROUP BY store_id, staff),\n"                                    \
                           "a AS (SELECT s.store_id AS store_id, s.staff AS staff,\n"              \
                           "             CAST(sum(CASE WHEN action IN ('sold_out', 'on_sale') "    \
                           "THEN 1 ELSE 0 END) AS bigint) AS soldout_marks,\n"                     \
                           "             CAST(sum(CASE WHEN action = 'reprint' THEN 1 ELSE 0 "     \
                           "END) "                                                                 \
                           "AS bigint) AS reprints,\n"                                             \
                           "             CAST(sum(CASE WHEN action = 'intervention' OR "          \
                           "p.placed = 2 THEN 1 ELSE 0 END) AS bigint) AS unpaid_interventions,\n" \
                           "             CAST(sum(CASE WHEN action = 'paying' AND p.uuid IS "      \
                           "NULL THEN 1 ELSE 0 END) AS bigint) AS paying_interventions,\n"         \
                           "             CAST(sum(CASE WHEN p.placed = 3 THEN 1 ELSE 0 END) "      \
                           "AS bigint) AS lost_interventions\n"                                    \
                           "      FROM be_staff_actions s\n"                                       \
                           "      LEFT JOIN be_paying_decisions p ON p.uuid = s.uuid AND "         \
                           "p.placed > 0\n"                                                        \
                           "      WHERE s.business_date BETWEEN " FROM " AND " TO "\n"             \
                           "        AND (" STORE " = '' OR s.store_id = " STORE                    \
                           ") AND s.staff <> ''\n"                                                 \
                           "        AND s.action NOT IN ('sign_in', 'pin_lockout', 'close', "       \
                           "'open')\n"                                                             \
                           "      GROUP BY s.store_id, s.staff),\n"                                \
                           "k AS (SELECT store_id, staff FROM i UNION SELECT store_id, staff "     \
                           "FROM r UNION SELECT store_id, staff FROM a)\n"                         \
                           "SELECT k.store_id AS store_id, k.staff AS staff,\n"                    \
                           "       coalesce(i.interventions, 0) AS interventions, "                \
                           "coalesce(i.age, 0) AS age,\n"                                          \
                           "       coalesce(i.removal, 0) AS removal, coalesce(i.bagging, 0) AS "  \
                           "bagging,\n"                                                            \
                           "       coalesce(i.unknown, 0) AS unknown, coalesce(i.help, 0) AS "     \
                           "help,\n"                                                               \
                           "       coalesce(i.idle, 0) AS idle, coalesce(i.unasked, 0) AS "        \
                           "unasked,\n"                                                            \
                           "       coalesce(i.wait_p50_s, 0) AS wait_p50_s, "                      \
                           "coalesce(i.wait_p90_s, 0) AS wait_p90_s,\n"                            \
                           "       coalesce(i.voids, 0) AS voids, coalesce(i.voided, 0) AS "       \
                           "voided,\n"                                                             \
                           "       coalesce(r.asked, 0) AS refunds_asked, coalesce(r.done, 0) AS " \
                           "refunds_done,\n"                                                       \
                           "       coalesce(r.refunded, 0) AS refunded,\n"                         \
                           "       coalesce(a.soldout_marks, 0) AS soldout_marks, "                \
                           "coalesce(a.reprints, 0) AS reprints,\n"                                \
                           "       coalesce(a.unpaid_interventions, 0) AS unpaid_interventions,\n" \
                           "       coalesce(a.paying_interventions, 0) AS paying_interventions,\n" \
                           "       coalesce(a.lost_interventions, 0) AS lost_interventions\n"      \
                           "FROM k LEFT JOIN i ON i.store_id = k.store_id AND i.staff = k.staff\n" \
                           "LEFT JOIN r ON r.store_id = k.store_id AND r.staff = k.staff\n"        \
                           "LEFT JOIN a ON a.store_id = k.store_id AND a.staff = k.staff\n"        \
                           "ORDER BY k.store_id, k.staff"
/* clang-format on */

#endif
