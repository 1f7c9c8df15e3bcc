/* Stores, devices and enrolment over HTTP: see kiosk/backend/backend_enrol.h. */
#define LOG_TAG "backend_enrol"
#include "kiosk/backend/backend_enrol.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/backend/backend_handler.h"
#include "kiosk/backend/backend_device.h"
#include "kiosk/backend/backend_session.h"
#include "kiosk/common/bearer_token.h"
#include "kiosk/common/log.h"

bool ks_enrol_revoke_path(const char *path, char *id)
{
    size_t prefix = strlen(KS_DEVICES_PREFIX), suffix = strlen(KS_DEVICES_REVOKE_SUFFIX);
    size_t len = path ? strlen(path) : 0;
    if (len <= prefix + suffix || len - prefix - suffix > KS_DEVICE_ID_MAX ||
        strncmp(path, KS_DEVICES_PREFIX, prefix) != 0 ||
        strcmp(path + len - suffix, KS_DEVICES_REVOKE_SUFFIX) != 0)
        return false;
    char copy[KS_DEVICE_ID_MAX + 1];
    memcpy(copy, path + prefix, len - prefix - suffix);
    copy[len - prefix - suffix] = '\0';
    if (!ks_device_id_ok(copy))
        return false;
    if (id)
        memcpy(id, copy, sizeof copy);
    return true;
}

/* The INI's menu of store_id, NULL when [menus] has none. */
static const ks_backend_menu *ini_menu(const ks_backend_config *cfg, const char *store_id)
{
    for (size_t i = 0; i < cfg->n_menus; i++)
        if (strcmp(cfg->menus[i].store_id, store_id) == 0)
            return &cfg->menus[i];
    return NULL;
}

bool ks_enrol_store_known(ks_backend_store *store, const ks_backend_config *cfg,
                          const char *store_id, const char **menu_path, enum ks_db_error *err)
{
    const ks_backend_menu *menu = ini_menu(cfg, store_id);
    ks_backend_store_record record = {0};
    *err = menu ? KS_DB_OK : ks_backend_store_find(store, store_id, &record);
    if (*err == KS_DB_OK && !menu)
        menu = ini_menu(cfg, record.menu_store[0] ? record.menu_store : store_id);
    if (menu_path)
        *menu_path = menu ? menu->path : NULL;
    bool known = *err == KS_DB_OK;
    if (*err == KS_DB_ERR_NOT_FOUND)
        *err = KS_DB_OK;
    return known;
}

void ks_enrol_get_stores(const ks_backend_call *c, ks_backend_response *resp)
{
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_store_stores(c->store, &rows);
    if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
        return;
    }
    json_t *stores = json_array();
    for (size_t i = 0; stores && i < c->cfg->n_menus; i++)
        if (ks_backend_person_has_store(c->person, c->cfg->menus[i].store_id))
            json_array_append_new(stores, json_pack("{s:s, s:s, s:s}", "store_id",
                                                    c->cfg->menus[i].store_id, "menu",
                                                    c->cfg->menus[i].store_id, "source", "ini"));
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        const char *id = json_string_value(json_object_get(row, "store_id"));
        if (stores && ks_backend_person_has_store(c->person, id) && !ini_menu(c->cfg, id) &&
            json_object_set_new(row, "source", json_string("database")) == 0)
            json_array_append(stores, row);
    }
    json_decref(rows);
    ks_backend_answer_json(resp, 200, stores ? json_pack("{s:o}", "stores", stores) : NULL);
}

void ks_enrol_post_store(const ks_backend_call *c, ks_backend_response *resp)
{
    ks_store_request req;
    ks_json_error why;
    enum ks_db_error err = KS_DB_OK;
    if (!ks_store_request_parse(c->req->body, c->req->body_len, &req, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
    } else if (ks_enrol_store_known(c->store, c->cfg, req.store_id, NULL, &err) || err) {
        if (err)
            ks_backend_refuse_db(resp, err);
        else
            ks_backend_refuse(resp, 409, "a store has that id already", "store_id");
    } else if (req.menu_store[0] && !ini_menu(c->cfg, req.menu_store)) {
        ks_backend_refuse(resp, 422, "no store of the configuration's [menus] has that id", "menu");
    } else if ((err = ks_backend_store_add_store(c->store, &req, c->actor, c->now)) ==
               KS_DB_ERR_CONSTRAINT) {
        ks_backend_refuse(resp, 409, "a store has that id already", "store_id");
    } else if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
    } else {
        LOG_INFO("store %s added by %s", req.store_id, c->actor->name);
        ks_backend_answer_json(
            resp, 201, json_pack("{s:s, s:s}", "status", "created", "store_id", req.store_id));
    }
}

void ks_enrol_get_devices(const ks_backend_call *c, ks_backend_response *resp)
{
    const char *only = c->req->store ? c->req->store : "";
    json_t *rows = NULL;
    enum ks_db_error err = ks_backend_store_devices(c->store, only, &rows);
    if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
        return;
    }
    /* The INI's kiosks first: configured by the operator, revoked by editing the file. */
    json_t *devices = json_array();
    for (size_t i = 0; devices && i < c->cfg->n_kiosks; i++) {
        const ks_backend_kiosk *k = &c->cfg->kiosks[i];
        if (!only[0] || strcmp(k->store_id, only) == 0)
            json_array_append_new(devices,
                                  json_pack("{s:s, s:s, s:s, s:s}", "device_id", k->id, "store_id",
                                            k->store_id, "kind", "kiosk", "source", "ini"));
    }
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        if (devices && json_object_set_new(row, "source", json_string("database")) == 0)
            json_array_append(devices, row);
    }
    json_decref(rows);
    ks_backend_answer_json(resp, 200, devices ? json_pack("{s:o}", "devices", devices) : NULL);
}

/* True when id is one of the INI's kiosks. */
static bool ini_kiosk(const ks_backend_config *cfg, const char *id)
{
    for (size_t i = 0; i < cfg->n_kiosks; i++)
        if (strcmp(cfg->kiosks[i].id, id) == 0)
            return true;
    return false;
}

/* True when id is one of the INI's sales channels: an enrolled one may not take its name, which
 * its reservations are kept under. */
static bool ini_channel(const ks_backend_config *cfg, const char *id)
{
    for (size_t i = 0; i < cfg->n_channels; i++)
        if (strcmp(cfg->channels[i].name, id) == 0)
            return true;
    return false;
}

void ks_enrol_post_code(const ks_backend_call *c, ks_backend_response *resp)
{
    ks_enrol_code_request req;
    ks_json_error why;
    char code[KS_ENROL_CODE_LEN + 1];
    enum ks_db_error err = KS_DB_OK;
    if (!ks_enrol_code_request_parse(c->req->body, c->req->body_len, &req, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
    } else if (!ks_backend_person_has_store(c->person, req.store_id)) {
        ks_backend_refuse(resp, 403, "not one of your stores", "store_id");
    } else if (!ks_enrol_store_known(c->store, c->cfg, req.store_id, NULL, &err)) {
        if (err)
            ks_backend_refuse_db(resp, err);
        else
            ks_backend_refuse(resp, 422, "no store has that id", "store_id");
    } else if (ini_kiosk(c->cfg, req.device_id)) {
        ks_backend_refuse(resp, 409, "a kiosk of the configuration has that id", "device_id");
    } else if (ini_channel(c->cfg, req.device_id)) {
        ks_backend_refuse(resp, 409, "a sales channel of the configuration has that name",
                          "device_id");
    } else if (!ks_enrol_code_new(code)) {
        ks_backend_refuse(resp, 503, "no random source", "");
    } else if ((err = ks_backend_store_add_enrol_code(c->store, &req, code, c->actor, c->now)) ==
               KS_DB_ERR_CONFLICT) {
        ks_backend_refuse(resp, 409, "a live device has that id: revoke it first", "device_id");
    } else if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
    } else {
        /* Shown once, with a dash in the middle for the eye; the database keeps its hash. */
        char shown[KS_ENROL_CODE_LEN + 2];
        snprintf(shown, sizeof shown, "%.5s-%s", code, code + 5);
        ks_backend_answer_json(resp, 201,
                               json_pack("{s:s, s:s, s:s, s:s, s:I}", "code", shown, "store_id",
                                         req.store_id, "device_id", req.device_id, "kind",
                                         ks_device_kind_name(req.kind), "expires_at",
                                         (json_int_t)(c->now + KS_ENROL_CODE_TTL_S)));
        sodium_memzero(shown, sizeof shown);
    }
    sodium_memzero(code, sizeof code);
}

/* After a code that did not fit: the failure counted against the client's address. */
static void enrol_failed(const ks_backend_call *c, const char *key, ks_backend_response *resp)
{
    enum ks_db_error err = ks_backend_login_failed(c->store, key, c->now);
    if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
        return;
    }
    LOG_WARN("failed enrolment from %s", c->req->client ? c->req->client : "?");
    ks_backend_refuse(resp, 401, "unknown, used or expired code, or another device id", "code");
    resp->refusal = true;
}

/* The stored device's answer: its token, once. */
static void answer_enrolled(const ks_backend_kiosk *device, const char *token,
                            const ks_enrol_request *req, ks_backend_response *resp)
{
    LOG_INFO("device %s of store %s enrolled", device->id, device->store_id);
    ks_backend_answer_json(resp, 201,
                           json_pack("{s:s, s:s, s:s, s:s}", "status", "enrolled", "device_id",
                                     req->device_id, "store_id", device->store_id, "token", token));
}

void ks_enrol_post_enrol(const ks_backend_call *c, ks_backend_response *resp)
{
    ks_enrol_request req;
    ks_json_error why;
    char key[KS_LOGIN_KEY_MAX + 1], token[KS_TOKEN_NEW_LEN + 1];
    snprintf(key, sizeof key, "enrol:%.64s", c->req->client ? c->req->client : "");
    int64_t wait = 0;
    enum ks_db_error err = ks_backend_login_wait(c->store, key, c->now, &wait);
    enum ks_enrol_result result = KS_ENROL_BAD_CODE;
    ks_backend_kiosk device;
    if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
    } else if (wait > 0) {
        ks_backend_refuse(resp, 429, "too many failed enrolments: try again later", "");
        resp->retry_after_s = wait;
    } else if (!ks_enrol_request_parse(c->req->body, c->req->body_len, &req, &why)) {
        ks_backend_refuse(resp, 400, why.reason, why.path);
    } else if (!ks_token_new(token)) {
        ks_backend_refuse(resp, 503, "no random source", "");
    } else if ((err = ks_backend_store_enrol(c->store, &req, token, c->now, &device, &result)) !=
               KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
    } else if (result == KS_ENROL_BAD_CODE) {
        enrol_failed(c, key, resp);
    } else if (result == KS_ENROL_DEVICE_LIVE) {
        ks_backend_refuse(resp, 409, "a live device has that id: revoke it first", "device_id");
    } else {
        answer_enrolled(&device, token, &req, resp);
    }
    sodium_memzero(token, sizeof token);
}

void ks_enrol_post_revoke(const ks_backend_call *c, ks_backend_response *resp)
{
    char id[KS_DEVICE_ID_MAX + 1], store_id[KS_DEVICE_ID_MAX + 1];
    enum ks_db_error err = KS_DB_OK;
    if (!ks_enrol_revoke_path(c->req->path, id)) {
        ks_backend_refuse(resp, 404, "no such resource", "");
    } else if (ini_kiosk(c->cfg, id)) {
        ks_backend_refuse(resp, 409, "a kiosk of the configuration: remove it from the INI file",
                          "");
    } else if ((err = ks_backend_store_live_device(c->store, id, store_id)) ==
               KS_DB_ERR_NOT_FOUND) {
        ks_backend_refuse(resp, 404, "no live device has that id", "");
    } else if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
    } else if (!ks_backend_person_has_store(c->person, store_id)) {
        ks_backend_refuse(resp, 403, "not one of your stores", "");
    } else if ((err = ks_backend_store_revoke_device(c->store, id, c->actor, c->now)) ==
               KS_DB_ERR_NOT_FOUND) {
        ks_backend_refuse(resp, 404, "no live device has that id", "");
    } else if (err != KS_DB_OK) {
        ks_backend_refuse_db(resp, err);
    } else {
        LOG_INFO("device %s of store %s revoked by %s", id, store_id, c->actor->name);
        ks_backend_answer_json(resp, 200,
                               json_pack("{s:s, s:s}", "status", "revoked", "device_id", id));
    }
}
