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

#endif
