/*
 * The SQL of item costs (backend_cost.h): the chain's unit cost of each item
 * (be_costs) and the cost of each order line taken when the order is stored
 * (be_line_costs), one text for both store drivers with each driver's
 * spelling of its bound values, so that SQLite and PostgreSQL store and
 * answer alike. Not for other users.
 */
#ifndef KIOSK_BACKEND_BACKEND_COST_SQL_H
#define KIOSK_BACKEND_BACKEND_COST_SQL_H

#define KS_BACKEND_COST_SQL(ITEM) "SELECT unit_cost FROM be_costs WHERE item_id = " ITEM

/* VALUES: the three placeholders, in the order of the columns. */
#define KS_BACKEND_COST_SET_SQL(VALUES)                                                            \
    "INSERT INTO be_costs (item_id, unit_cost, updated_at) VALUES (" VALUES ")\n"                  \
    "ON CONFLICT (item_id) DO UPDATE SET unit_cost = excluded.unit_cost,\n"                        \
    "                                    updated_at = excluded.updated_at"

#define KS_BACKEND_COST_CLEAR_SQL(ITEM) "DELETE FROM be_costs WHERE item_id = " ITEM

#define KS_BACKEND_COSTS_SQL "SELECT item_id, unit_cost, updated_at FROM be_costs ORDER BY item_id"

/* Each line of the order UUID with a costed item: its cost, a kilogram's pro rata to the gram. */
#define KS_BACKEND_INSERT_LINE_COSTS_SQL(UUID)                                                     \
    "INSERT INTO be_line_costs (uuid, line_no, unit_cost, cost)\n"                                 \
    "SELECT l.uuid, l.line_no, c.unit_cost,\n"                                                     \
    "       CASE WHEN l.unit = 'kg' THEN (2 * l.quantity * c.unit_cost + 1000) / 2000\n"           \
    "            ELSE l.quantity * c.unit_cost END\n"                                              \
    "FROM be_lines l JOIN be_costs c ON c.item_id = l.item_id WHERE l.uuid = " UUID

#endif
