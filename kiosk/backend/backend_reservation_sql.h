/*
 * What the live reservations of a store hold of an item, as one SQL text
 * for both store drivers (the sold-out list and the reservation's own
 * check use it), so that SQLite and PostgreSQL count holds alike: the
 * holds (be_reservation_holds: the lines' items and their recipes'
 * ingredients, worked out when the reservation was made) of reservations
 * still in state reserved whose expires_at is after now. A hold past its
 * time counts nowhere, whether or not a later call marked it expired. Not
 * for other users.
 */
#ifndef KIOSK_BACKEND_BACKEND_RESERVATION_SQL_H
#define KIOSK_BACKEND_BACKEND_RESERVATION_SQL_H

/*
 * STORE, ITEM, NOW: the driver's spelling of the store id, the item id and
 * the time (UTC seconds). A scalar subquery: NULL when nothing is held.
 */
#define KS_BACKEND_RESERVED_SQL(STORE, ITEM, NOW)                                                  \
    "(SELECT sum(h.quantity) FROM be_reservation_holds h\n"                                        \
    "     JOIN be_reservations r ON r.reservation_id = h.reservation_id\n"                         \
    "     WHERE r.store_id = " STORE " AND h.item_id = " ITEM " AND r.state = 'reserved'\n"        \
    "       AND r.expires_at > " NOW ")"

/*
 * The sold-out list of store STORE at NOW (the driver's spelling of both):
 * its tracked items whose stock not held (on_hand - what live holds take)
 * is at or below their sold-out floor, and the items whose recipe needs of
 * such a tracked ingredient more than is left above its floor for one
 * piece (quantity per piece, or per kilogram for items sold by weight), by
 * item_id, each once.
 */
#define KS_BACKEND_STOCK_SOLDOUT_SQL(STORE, NOW)                                                   \
    "SELECT s.item_id AS item_id FROM be_stock s\n"                                                \
    "WHERE s.store_id = " STORE "\n"                                                               \
    "  AND s.on_hand - coalesce(" KS_BACKEND_RESERVED_SQL(                                         \
        "s.store_id", "s.item_id",                                                                 \
        NOW) ", 0) <= s.sold_out_at\n"                                                             \
             "UNION\n"                                                                             \
             "SELECT r.item_id FROM be_recipes r\n"                                                \
             "     JOIN be_stock s ON s.store_id = " STORE " AND s.item_id = r.ingredient_id\n"    \
             "WHERE s.on_hand - coalesce(" KS_BACKEND_RESERVED_SQL(                                \
                 "s.store_id", "s.item_id", NOW) ", 0) - r.quantity < s.sold_out_at\n"             \
                                                 "ORDER BY item_id"

/*
 * The holds of the reservations made before holds were kept apart from the
 * lines (each held the items it named, all tracked): PostgreSQL's
 * migration 16, SQLite's every open. Nothing once the table has a row, as
 * every reservation since holds at least one item.
 */
#define KS_BACKEND_FILL_RESERVATION_HOLDS_SQL                                                      \
    "INSERT INTO be_reservation_holds (reservation_id, item_id, quantity)\n"                       \
    "SELECT reservation_id, item_id, quantity FROM be_reservation_lines\n"                         \
    "WHERE NOT EXISTS (SELECT 1 FROM be_reservation_holds)"

#endif
