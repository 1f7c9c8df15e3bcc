/*
 * The backend's INI configuration:
 *
 *   [backend]
 *   listen = 10.0.0.5:8090         ; required: IPv4-ADDRESS:PORT (port 0: any free port)
 *   tls_certificate = backend.pem  ; HTTPS (kiosk/http/http_tls.h); without it plain HTTP
 *   tls_key = backend.key          ; on loopback, or on a private address with
 *   plain_http = yes               ; plain_http = yes
 *   database = backend.db          ; SQLite file, sqlite:///path, or PostgreSQL:
 *                                  ; postgresql://... or "host=... dbname=..." (libpq)
 *   manager_token = <token>        ; reports, kiosk list (the manager page)
 *   utc_offset_min = 180           ; local time of the hourly reports (Riyadh), whole quarters
 *   assets = /srv/assets           ; the menus' pictures (their "image" paths) are under it
 *   [kiosks]
 *   kiosk-01 = <token> riyadh-01   ; one line per kiosk: its id, its bearer token and
 *                                  ; its store (a kiosk without a store, the old form
 *                                  ; "kiosk-01 = <token>", still loads: it is warned
 *                                  ; about at start and may file for any store)
 *                                  ; (kiosks enrolled through the API live in the
 *                                  ; database, backend_device.h)
 *   [channels]                     ; other sales channels (an online shop): stock
 *   web-shop = <token>             ; reservations at any store, nothing else, or
 *   app = <token> riyadh-01 jeddah-01 ; only at the stores listed after the token
 *   [menus]
 *   riyadh-01 = assets/menus/restaurant/menu.json   ; the menu file per store
 *   [receipts]                     ; the e-receipts, GET /r/<token> (backend-api.md)
 *   seller_ar = مطعم المثال         ; the seller, as on the kiosks' receipts (the
 *   seller_en = Example Restaurant ; ZATCA QR's seller is the Arabic name)
 *   vat_number = 300000000000003   ; 15 digits; unset: no e-receipt is served
 *   numerals = arabic-indic        ; digits of an Arabic receipt (default western)
 *   fonts = /usr/share/kiosk/fonts ; for the PNG; default the program's assets/fonts
 *
 * The file comes from the operator; every value has a length limit and an
 * unknown section or key is refused, so a typo is not silently ignored.
 */
#ifndef KIOSK_BACKEND_BACKEND_CONFIG_H
#define KIOSK_BACKEND_BACKEND_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/order.h"
#include "kiosk/http/http_tls.h"

#define KS_BACKEND_MAX_KIOSKS 64
#define KS_BACKEND_MAX_STORES 32
#define KS_BACKEND_MAX_CHANNELS 8
#define KS_BACKEND_ID_MAX KS_DEVICE_ID_MAX /* a kiosk or store id: ks_device_id_ok */
#define KS_BACKEND_TOKEN_MAX 128           /* bytes of a token; at least 16 */
#define KS_BACKEND_PATH_MAX 1024

typedef struct ks_backend_kiosk {
    char id[KS_BACKEND_ID_MAX + 1];
    char token[KS_BACKEND_TOKEN_MAX + 1]; /* "" for a device enrolled in the database */
    char store_id[KS_BACKEND_ID_MAX + 1]; /* the one store it serves; "": unbound (old INI) */
} ks_backend_kiosk;

/* A sales channel other than the kiosks: it may only reserve stock (backend_reservation.h). */
typedef struct ks_backend_channel {
    char name[KS_BACKEND_ID_MAX + 1]; /* ks_device_id_ok; the moves of its sales name it */
    char token[KS_BACKEND_TOKEN_MAX + 1];
    char stores[KS_BACKEND_MAX_STORES][KS_BACKEND_ID_MAX + 1]; /* where it may reserve */
    size_t n_stores;                                           /* 0: every store */
} ks_backend_channel;

/* True when channel may reserve stock at store_id (its list names it, or it has none). */
bool ks_backend_channel_sells_at(const ks_backend_channel *channel, const char *store_id);

typedef struct ks_backend_menu {
    char store_id[KS_BACKEND_ID_MAX + 1];
    char path[KS_BACKEND_PATH_MAX + 1];
} ks_backend_menu;

/* [receipts]: who sells, as the e-receipts say it. */
typedef struct ks_backend_receipts_config {
    char seller_ar[129], seller_en[129]; /* at least one when vat_number is set */
    char vat_number[16];                 /* "": e-receipts are not served */
    bool arabic_indic;                   /* an Arabic receipt's digits */
    char fonts[KS_BACKEND_PATH_MAX + 1];
} ks_backend_receipts_config;

struct ks_backend_request; /* backend_api.h */

typedef struct ks_backend_config {
    char listen[32];
    ks_http_tls_config tls;
    char database[KS_BACKEND_PATH_MAX + 1];
    char manager_token[KS_BACKEND_TOKEN_MAX + 1]; /* "": reports refused to everyone */
    int utc_offset_min;                           /* -720..840, a multiple of 15 */
    char assets[KS_BACKEND_PATH_MAX + 1]; /* the menus' image paths are under it; "": none */
    ks_backend_kiosk kiosks[KS_BACKEND_MAX_KIOSKS];
    size_t n_kiosks;
    ks_backend_channel channels[KS_BACKEND_MAX_CHANNELS];
    size_t n_channels;
    ks_backend_menu menus[KS_BACKEND_MAX_STORES];
    size_t n_menus;
    ks_backend_receipts_config receipts;
    /* Tests and fuzzing only, never read from the INI: the stand-in hash that an unknown
     * name's login is checked against is made at the minimum cost (backend_people.h). */
    bool fast_password_hash;
    /* Tests only, never read from the INI: called on the worker once the API has answered req
     * (a streamed answer written, or cut), before the server lets go of it; NULL: none. */
    void (*answered)(void *ctx, const struct ks_backend_request *req);
    void *answered_ctx; /* borrowed by answered */
} ks_backend_config;

/* No listen address (required), database backend.db, no tokens, no menus, UTC+3, no receipts. */
void ks_backend_config_defaults(ks_backend_config *cfg);

/*
 * Reads the INI text of len bytes (at most 64 KiB; no NUL needed) over the
 * values already in *cfg. False with why[size] (an English sentence naming
 * the section and key) on the first bad line; *cfg is then half-read.
 */
bool ks_backend_config_parse(ks_backend_config *cfg, const char *text, size_t len, char *why,
                             size_t size);

/* ks_backend_config_parse of the file at path. */
bool ks_backend_config_load(ks_backend_config *cfg, const char *path, char *why, size_t size);

/* Who a bearer token belongs to. */
enum ks_backend_caller {
    KS_BACKEND_CALLER_NONE,
    KS_BACKEND_CALLER_KIOSK,
    KS_BACKEND_CALLER_MANAGER,
    KS_BACKEND_CALLER_CHANNEL
};

/*
 * The owner of the token in an Authorization header ("Bearer <token>";
 * NULL: absent), comparing every configured token in constant time; *kiosk
 * and *channel (each may be NULL) are set to the kiosk's or the channel's
 * entry. Reads cfg only: any thread.
 */
enum ks_backend_caller ks_backend_config_caller(const ks_backend_config *cfg,
                                                const char *authorization,
                                                const ks_backend_kiosk **kiosk,
                                                const ks_backend_channel **channel);

#endif
