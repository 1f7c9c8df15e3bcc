/*
 * The SQL of the people list (ks_backend_store_people, backend_people.h):
 * one text for both store drivers, like the costs' and the prices'.
 */
#ifndef KIOSK_BACKEND_BACKEND_PEOPLE_SQL_H
#define KIOSK_BACKEND_BACKEND_PEOPLE_SQL_H

#define KS_BACKEND_PEOPLE_SQL "SELECT name, role, created_at FROM be_people ORDER BY name"
#define KS_BACKEND_PEOPLE_STORES_SQL                                                               \
    "SELECT name, store_id FROM be_person_stores ORDER BY name, store_id"

#endif
