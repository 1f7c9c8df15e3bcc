/*
 * What the live reservations of a store hold of an item, as one SQL text
 * for both store drivers (the sold-out list and the reservation's own
 * check use it), so that SQLite and PostgreSQL count holds alike: lines of
 * reservations still in state reserved whose expires_at is after now. A
 * hold past its time counts nowhere, whether or not a later call marked
 * it expired. Not for other users.
 */
#ifndef KIOSK_BACKEND_BACKEND_RESERVATION_SQL_H
#define KIOSK_BACKEND_BACKEND_RESERVATION_SQL_H

/*
 * STORE, ITEM, NOW: the driver's spelling of the store id, the item id and
 * the time (UTC seconds). A scalar subquery: NULL when nothing is held.
 */
#define KS_BACKEND_RESERVED_SQL(STORE, ITEM, NOW)                                                  \
    "(SELECT sum(l.quantity) FROM be_reservation_lines l\n"                                        \
    "     JOIN be_reservations r ON r.reservation_id = l.reservation_id\n"                         \
    "     WHERE r.store_id = " STORE " AND l.item_id = " ITEM " AND r.state = 'reserved'\n"        \
    "       AND r.expires_at > " NOW ")"

#endif
