/*
 * The SQL of the people list (ks_backend_store_people, backend_people.h)
 * and of a password change (ks_backend_session_password, backend_session.h):
 * one text for both store drivers, like the costs' and the prices'.
 */
#ifndef KIOSK_BACKEND_BACKEND_PEOPLE_SQL_H
#define KIOSK_BACKEND_BACKEND_PEOPLE_SQL_H

#define KS_BACKEND_PEOPLE_SQL "SELECT name, role, created_at FROM be_people ORDER BY name"
#define KS_BACKEND_PEOPLE_STORES_SQL                                                               \
    "SELECT name, store_id FROM be_person_stores ORDER BY name, store_id"
#define KS_BACKEND_PEOPLE_PINS_SQL                                                                 \
    "SELECT name, store_id FROM be_person_pins ORDER BY name, store_id"

/* A person's new password hash, and their sessions but one ended. */
#define KS_BACKEND_SET_PASSWORD_SQL(HASH, NAME)                                                    \
    "UPDATE be_people SET password_hash = " HASH " WHERE name = " NAME
#define KS_BACKEND_END_OTHER_SESSIONS_SQL(NAME, KEPT)                                              \
    "DELETE FROM be_sessions WHERE name = " NAME " AND id_hash <> " KEPT

/* Head office changing a person (ks_backend_store_change_person and the others, backend_people.h):
 * LOCK is the driver's row lock (" FOR UPDATE" or ""). */
#define KS_BACKEND_HEAD_OFFICE_SQL(LOCK)                                                           \
    "SELECT name FROM be_people WHERE role = 'head-office' ORDER BY name" LOCK
#define KS_BACKEND_SET_ROLE_SQL(ROLE, NAME)                                                        \
    "UPDATE be_people SET role = " ROLE " WHERE name = " NAME
#define KS_BACKEND_DELETE_PERSON_STORES_SQL(NAME) "DELETE FROM be_person_stores WHERE name = " NAME
#define KS_BACKEND_END_SESSIONS_SQL(NAME) "DELETE FROM be_sessions WHERE name = " NAME
#define KS_BACKEND_DELETE_PERSON_SQL(NAME) "DELETE FROM be_people WHERE name = " NAME

/*
 * Kiosk PINs (backend_kiosk_pin.h): one row per person and store, the PIN
 * only as its staff-secret hash (kiosk/common/staff_secret.h), every hash
 * of a store made with one salt, so the unique index says a PIN names one
 * person at a store. TEXT and INT: the driver's column types.
 */
#define KS_BACKEND_PINS_TABLE_SQL(TEXT, INT)                                                       \
    "CREATE TABLE IF NOT EXISTS be_person_pins (\n"                                                \
    "    name     " TEXT " NOT NULL REFERENCES be_people (name),\n"                                \
    "    store_id " TEXT " NOT NULL,\n"                                                            \
    "    pin_hash " TEXT " NOT NULL,\n"                                                            \
    "    set_at   " INT " NOT NULL,\n"                                                             \
    "    PRIMARY KEY (name, store_id)\n"                                                           \
    ")"
#define KS_BACKEND_PINS_INDEX_SQL                                                                  \
    "CREATE UNIQUE INDEX IF NOT EXISTS be_person_pins_one ON be_person_pins (store_id, pin_hash)"
/* A hash of the store's PINs, whose salt the next one takes. */
#define KS_BACKEND_PIN_SALT_SQL(STORE)                                                             \
    "SELECT pin_hash FROM be_person_pins WHERE store_id = " STORE " ORDER BY name LIMIT 1"
#define KS_BACKEND_DELETE_PIN_SQL(NAME, STORE)                                                     \
    "DELETE FROM be_person_pins WHERE name = " NAME " AND store_id = " STORE
#define KS_BACKEND_INSERT_PIN_SQL(VALUES)                                                          \
    "INSERT INTO be_person_pins (name, store_id, pin_hash, set_at) VALUES (" VALUES ")"
/* -> store_id: the person's PINs (removed one by one, each with its audit row). */
#define KS_BACKEND_PERSON_PINS_SQL(NAME)                                                           \
    "SELECT store_id FROM be_person_pins WHERE name = " NAME " ORDER BY store_id"
#define KS_BACKEND_DELETE_PINS_SQL(NAME) "DELETE FROM be_person_pins WHERE name = " NAME
/* NAME twice: the PINs at stores no longer the person's. */
#define KS_BACKEND_DELETE_PINS_ELSEWHERE_SQL(NAME, NAME2)                                          \
    "DELETE FROM be_person_pins WHERE name = " NAME " AND store_id NOT IN\n"                       \
    "    (SELECT store_id FROM be_person_stores WHERE name = " NAME2 ")"
/* -> id, pin_hash: the store's staff list as its kiosks pull it (GET /v1/staff). */
#define KS_BACKEND_STAFF_PINS_SQL(STORE)                                                           \
    "SELECT name AS id, pin_hash FROM be_person_pins WHERE store_id = " STORE " ORDER BY name"

#endif
