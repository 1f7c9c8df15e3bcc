/*
 * The SQL of the e-invoice archive (backend_einvoice_store.h): the signed
 * documents the kiosks send (be_einvoices), one text for both store
 * drivers with each driver's spelling of its bound values and types. Not
 * for other users.
 */
#ifndef KIOSK_BACKEND_BACKEND_EINVOICE_SQL_H
#define KIOSK_BACKEND_BACKEND_EINVOICE_SQL_H

/* TEXT, INT: the dialect's column types ("TEXT", "INTEGER" / "text COLLATE \"C\"", "bigint"). */
#define KS_BACKEND_EINVOICES_TABLE_SQL(TEXT, INT)                                                  \
    "CREATE TABLE IF NOT EXISTS be_einvoices (\n"                                                  \
    "    uuid        " TEXT " PRIMARY KEY,\n"                                                      \
    "    store_id    " TEXT " NOT NULL,\n"                                                         \
    "    device_id   " TEXT " NOT NULL,\n"                                                         \
    "    order_uuid  " TEXT " NOT NULL,\n"                                                         \
    "    number      " TEXT " NOT NULL,\n"                                                         \
    "    kind        " INT " NOT NULL,\n"                                                          \
    "    icv         " INT " NOT NULL,\n"                                                          \
    "    pih         " TEXT " NOT NULL,\n"                                                         \
    "    hash        " TEXT " NOT NULL,\n"                                                         \
    "    issued      " TEXT " NOT NULL,\n"                                                         \
    "    payable     " INT " NOT NULL,\n"                                                          \
    "    received_at " INT " NOT NULL,\n"                                                          \
    "    xml         " TEXT " NOT NULL\n"                                                          \
    ")"

/* A device's chain in ICV order, and a store's documents by issue time. */
#define KS_BACKEND_EINVOICES_INDEX_SQL                                                             \
    "CREATE INDEX IF NOT EXISTS be_einvoices_chain ON be_einvoices (store_id, device_id, icv)"
#define KS_BACKEND_EINVOICES_BY_ISSUE_SQL                                                          \
    "CREATE INDEX IF NOT EXISTS be_einvoices_by_issue ON be_einvoices (store_id, issued)"

/* V: the thirteen placeholders in the order of the columns above. */
#define KS_BACKEND_EINVOICE_INSERT_SQL(V)                                                          \
    "INSERT INTO be_einvoices (uuid, store_id, device_id, order_uuid, number, kind, icv, pih,\n"   \
    "                          hash, issued, payable, received_at, xml)\n"                         \
    "VALUES (" V ") ON CONFLICT (uuid) DO NOTHING"

#define KS_BACKEND_EINVOICE_STORED_SQL(UUID)                                                       \
    "SELECT store_id, device_id, hash FROM be_einvoices WHERE uuid = " UUID

/* The columns a list of documents gives. */
#define KS_BACKEND_EINVOICE_COLUMNS                                                                \
    "uuid, store_id, device_id, order_uuid, number, kind, icv, pih, hash, issued, payable,\n"      \
    "received_at"

/*
 * STORE, DEVICE ('' every device), FROM, TO (issue dates, inclusive), LIMIT:
 * the store's documents issued on those dates, by device and ICV.
 */
#define KS_BACKEND_EINVOICES_SQL(STORE, DEVICE, FROM, TO, LIMIT)                                   \
    "SELECT " KS_BACKEND_EINVOICE_COLUMNS " FROM be_einvoices\n"                                   \
    "WHERE store_id = " STORE " AND (" DEVICE " = '' OR device_id = " DEVICE ")\n"                 \
    "  AND issued >= " FROM " AND issued < " TO " || '~'\n"                                        \
    "ORDER BY device_id, icv, uuid LIMIT " LIMIT

/*
 * STORE, DEVICE ('' every device), FIRST (the PIH of ICV 1): each device's
 * chain checked in ICV order with its neighbour (window functions, so the
 * rows never leave the database): documents, first_icv, last_icv,
 * net_payable (invoices less credit notes), missing (ICVs not received:
 * before the first and in gaps) and first_missing (0 none), forks (an ICV
 * twice), breaks (a PIH that is not the hash of the ICV before, or ICV 1's
 * not FIRST) and first_break (0 none), by device.
 */
#define KS_BACKEND_EINVOICE_CHAINS_SQL(STORE, DEVICE, FIRST)                                       \
    "SELECT device_id, count(*) AS documents, min(icv) AS first_icv, max(icv) AS last_icv,\n"      \
    "  CAST(sum(CASE WHEN kind = 381 THEN -payable ELSE payable END) AS bigint) AS net_payable,\n" \
    "  CAST(sum(CASE WHEN prev_icv IS NULL THEN icv - 1\n"                                         \
    "                WHEN icv > prev_icv + 1 THEN icv - prev_icv - 1 ELSE 0 END) AS bigint)\n"     \
    "    AS missing,\n"                                                                            \
    "  coalesce(min(CASE WHEN prev_icv IS NULL AND icv > 1 THEN 1\n"                               \
    "                    WHEN icv > prev_icv + 1 THEN prev_icv + 1 END), 0) AS first_missing,\n"   \
    "  CAST(sum(CASE WHEN icv = prev_icv THEN 1 ELSE 0 END) AS bigint) AS forks,\n"                \
    "  CAST(sum(broken) AS bigint) AS breaks,\n"                                                   \
    "  coalesce(min(CASE WHEN broken = 1 OR icv = prev_icv THEN icv END), 0) AS first_break\n"     \
    "FROM (SELECT device_id, icv, kind, payable, prev_icv,\n"                                      \
    "             CASE WHEN (prev_icv IS NULL AND icv = 1 AND pih <> " FIRST ")\n"                 \
    "                    OR (icv = prev_icv + 1 AND pih <> prev_hash) THEN 1 ELSE 0 END\n"         \
    "               AS broken\n"                                                                   \
    "      FROM (SELECT device_id, icv, kind, payable, pih, lag(icv) OVER w AS prev_icv,\n"        \
    "                   lag(hash) OVER w AS prev_hash FROM be_einvoices\n"                         \
    "            WHERE store_id = " STORE " AND (" DEVICE " = '' OR device_id = " DEVICE ")\n"     \
    "            WINDOW w AS (PARTITION BY device_id ORDER BY icv, uuid)) linked) checked\n"       \
    "GROUP BY device_id ORDER BY device_id"

#define KS_BACKEND_EINVOICE_XML_SQL(STORE, UUID)                                                   \
    "SELECT number, xml FROM be_einvoices WHERE store_id = " STORE " AND uuid = " UUID

/* The number of the store's tax invoice (388) of order ORDER: its uuid is the order's. */
#define KS_BACKEND_EINVOICE_OF_ORDER_SQL(STORE, ORDER)                                             \
    "SELECT number FROM be_einvoices WHERE store_id = " STORE " AND uuid = " ORDER                 \
    "  AND order_uuid = " ORDER " AND kind = 388"

#endif
