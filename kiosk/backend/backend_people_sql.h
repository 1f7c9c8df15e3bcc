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

#endif
