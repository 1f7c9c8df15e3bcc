/*
 * The attendant console's configuration: one INI file (README, "The
 * attendant console"), unknown keys refused with their line.
 *
 *   [console]
 *   listen = 192.168.1.5:8090  ; where the lanes post their reports; "" (default): nowhere
 *   tls_certificate = att.pem  ; HTTPS (kiosk/http/http_tls.h); without it plain HTTP on
 *   tls_key = att.key          ; loopback, or on a private address with
 *   plain_http = yes           ; plain_http = yes
 *   language = ar              ; ar | en
 *   staff_pin_max_failures = 3 ; wrong PINs in a row that lock sign-in by PIN and badge
 *   staff_pin_lockout_seconds = 300  ; for this long (1-10, 10-3600: the kiosk's keys)
 *   utc_offset_minutes = 180   ; the store's time, and when its business day starts, that
 *   business_day_start = 04:00 ; date the sign-ins relayed (the kiosk's [store] keys)
 *   database = attendant.db    ; relative paths: to the file's folder
 *   assets = assets
 *   [lanes]
 *   lane-01 = TOKEN            ; each lane's own bearer token (16-128 printable characters)
 *   [staff]
 *   staff-07 = pbkdf2-sha256$…  ; an attendant's PIN, hashed (attendant-console --hash)
 *   [badges]
 *   staff-07 = pbkdf2-sha256$…  ; the code of that attendant's staff badge, hashed alike
 *   [backend]                   ; an enrolled console (kiosk/common/device_backend.h):
 *   url = https://b.example/v1  ; the store's enrolled kiosks report as their lanes with
 *   device_id = att-01          ; their own tokens, and the back office's people sign in
 *   store = riyadh-01           ; with their kiosk PINs (GET /v1/staff)
 *
 * There is no default PIN: a console without [staff] and without a backend
 * lets nobody sign in. With a backend, while the store's staff list pulled
 * has anybody, only its people sign in by PIN ([staff] serves while it has
 * nobody, as a kiosk's shared PIN does); [badges] always serve (the back
 * office keeps no badges).
 */
#ifndef KIOSK_ATTENDANT_ATT_CONFIG_H
#define KIOSK_ATTENDANT_ATT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/attendant/att_api.h"
#include "kiosk/common/device_backend.h"
#include "kiosk/common/staff_secret.h"
#include "kiosk/common/ini_text.h"
#include "kiosk/domain/money.h"
#include "kiosk/domain/pin_lockout.h"
#include "kiosk/http/http_tls.h"

#define KS_ATT_MAX_STAFF 32

typedef struct ks_att_staff {
    char id[KS_ATT_STAFF_MAX + 1];       /* ks_id_ok */
    char pin[KS_STAFF_SECRET_MAX + 1];   /* hashed; "" when the attendant has no PIN */
    char badge[KS_STAFF_SECRET_MAX + 1]; /* hashed; "" when no badge */
} ks_att_staff;

typedef struct ks_att_config {
    char listen[32];
    ks_http_tls_config tls;
    enum ks_lang language;
    char database[1024];
    char assets[1024];
    ks_att_lane_token lanes[KS_ATT_MAX_LANES];
    size_t n_lanes;
    ks_att_staff staff[KS_ATT_MAX_STAFF];
    size_t n_staff;
    ks_device_backend
        backend; /* [backend]: enrolment, the store's kiosks and staff (url "": none) */
    ks_pin_lockout_rules pin_lockout; /* [console] staff_pin_max_failures, _lockout_seconds */
    int utc_offset_min;         /* [console] utc_offset_minutes: the store's offset from UTC */
    int business_day_start_min; /* [console] business_day_start: minutes after local midnight */
} ks_att_config;

typedef ks_ini_error ks_att_config_error;

/* Defaults: no listening, Arabic, attendant.db, assets, no lanes, no staff; the kiosk's lockout
 * (3 wrong PINs, 300 s) and business day (UTC+3, from 04:00). */
void ks_att_config_defaults(ks_att_config *cfg);

/* Parses len bytes of INI text over cfg; false with err filled on the first problem. */
bool ks_att_config_parse(ks_att_config *cfg, const char *text, size_t len,
                         ks_att_config_error *err);

/* Reads path and parses it; relative paths are resolved against its folder. */
bool ks_att_config_load(ks_att_config *cfg, const char *path, ks_att_config_error *err);

/*
 * The attendant whose PIN (badge false) or badge code (badge true) typed
 * is, or NULL. Checks every attendant's hash, so the time does not say
 * which one matched.
 */
const ks_att_staff *ks_att_config_sign_in(const ks_att_config *cfg, const char *typed, bool badge);

#endif
