/*
 * The HTTP side of stores, devices and enrolment (kiosk/docs/backend-api.md,
 * "Stores and devices"): the handlers backend_api.c routes to once it has
 * checked who calls and that the body fits KS_DEVICE_BODY_MAX.
 *
 *   GET  /v1/stores                      the stores: the INI's [menus] and the database's
 *   POST /v1/stores                      a new store (head office)
 *   GET  /v1/devices[?store=ID]          the devices: the INI's kiosks and the enrolled
 *   POST /v1/devices/enrolment-codes     a one-time code for a store, device id and kind
 *   POST /v1/devices/enrol               a device trades the code for its own token (no token)
 *   POST /v1/devices/<id>/revoke         the device's token opens nothing any more
 *
 * Failed enrolments are limited per client address as failed logins are
 * (backend_session.h, key "enrol:<address>").
 */
#ifndef KIOSK_BACKEND_BACKEND_ENROL_H
#define KIOSK_BACKEND_BACKEND_ENROL_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/backend/backend_handler.h"

/* The prefix and suffix of a device's revocation: /v1/devices/<id>/revoke. */
#define KS_DEVICES_PREFIX "/v1/devices/"
#define KS_DEVICES_REVOKE_SUFFIX "/revoke"

/* True when path is /v1/devices/<id>/revoke with a valid id (copied to id[KS_DEVICE_ID_MAX+1],
 * which may be NULL). */
bool ks_enrol_revoke_path(const char *path, char *id);

/*
 * True, with *err KS_DB_OK, when store_id is a store of cfg's [menus] or of
 * the database; the menu file it sells into *menu_path (may be NULL; NULL
 * when the store's menu names no store of [menus]).
 */
bool ks_enrol_store_known(ks_backend_store *store, const ks_backend_config *cfg,
                          const char *store_id, const char **menu_path, enum ks_db_error *err);

/* The handlers: each answers into *resp (the caller frees resp->body). */
void ks_enrol_get_stores(const ks_backend_call *c, ks_backend_response *resp);
void ks_enrol_post_store(const ks_backend_call *c, ks_backend_response *resp);
void ks_enrol_get_devices(const ks_backend_call *c, ks_backend_response *resp);
void ks_enrol_post_code(const ks_backend_call *c, ks_backend_response *resp);
void ks_enrol_post_enrol(const ks_backend_call *c, ks_backend_response *resp);
void ks_enrol_post_revoke(const ks_backend_call *c, ks_backend_response *resp);

#endif
