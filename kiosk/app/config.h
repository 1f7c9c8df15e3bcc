/*
 * The kiosk's configuration: one INI file (documented in README.md, with
 * defaults that run the demo). Every key is listed in one table in
 * config.c with its type and bounds; unknown sections or keys are refused so
 * that a typo never silently falls back to a default.
 */
#ifndef KIOSK_APP_CONFIG_H
#define KIOSK_APP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/common/ini_text.h"
#include "kiosk/common/outgoing_url.h"
#include "kiosk/common/staff_secret.h"
#include "kiosk/domain/barcode.h"
#include "kiosk/domain/label_layout.h"
#include "kiosk/domain/money.h"

enum ks_kiosk_mode { KS_MODE_RESTAURANT, KS_MODE_SUPERMARKET };
enum ks_orientation { KS_ORIENTATION_PORTRAIT, KS_ORIENTATION_LANDSCAPE };

/* [network] limits: kitchen displays per kiosk and bytes per token (per URL: KS_URL_MAX). */
#define KS_CONFIG_MAX_KITCHENS 4
#define KS_CONFIG_TOKEN_MAX 128
/* [supermarket] limit: bytes per device URI. */
#define KS_CONFIG_DEVICE_URI_MAX 255
#define KS_CONFIG_MAX_BADGES 32
#define KS_CONFIG_STAFF_ID_MAX 32

/* A staff member's badge, as [badges] lists it: who, and the code hashed (staff_secret.h). */
typedef struct ks_config_badge {
    char staff[KS_CONFIG_STAFF_ID_MAX + 1];
    char hash[KS_STAFF_SECRET_MAX + 1];
} ks_config_badge;

typedef struct ks_config {
    /* [store] */
    char store_id[33];
    char store_name_ar[129];
    char store_name_en[129];
    char vat_number[16]; /* 15 digits, first and last '3' (ZATCA BR-KSA-39) */
    /* The seller as registered with ZATCA: the e-invoice's AccountingSupplierParty. */
    char legal_name[129]; /* registration name; "" = store_name_ar */
    char crn[11];         /* commercial registration number, 10 digits */
    char street[129];
    char building_number[5]; /* 4 digits (BR-KSA-37) */
    char district[129];
    char city[129];
    char postal_code[6];        /* 5 digits (BR-KSA-66) */
    int utc_offset_min;         /* +180 for Riyadh */
    int business_day_start_min; /* minutes after local midnight a business day starts */
    /* [kiosk] */
    char kiosk_id[33];
    /*
     * This kiosk's series of order numbers, 1-9, a different one for each
     * kiosk of the store (series 2 numbers 2001, 2002 ...:
     * kiosk/domain/order_number.h); 0: 1, 2, 3 ... for a store with one kiosk.
     */
    int number_series;
    enum ks_kiosk_mode mode;
    enum ks_lang language; /* the language a new customer sees first */
    enum ks_numerals numerals;
    enum ks_orientation orientation;              /* the screen: 1080 x 1920 or 1920 x 1080 */
    int idle_timeout_s;                           /* inactivity before "are you still there?" */
    int idle_countdown_s;                         /* length of that countdown */
    int done_timeout_s;                           /* how long the order number stays on screen */
    bool pay_at_counter;                          /* offer "order here, pay at the counter" */
    bool upsell;                                  /* suggest add-ons before the cart */
    char staff_pin[9];                            /* 4-8 digits; no default ("" until configured) */
    ks_config_badge badges[KS_CONFIG_MAX_BADGES]; /* [badges]: staff badges taken at the lane */
    size_t n_badges;
    int staff_pin_max_failures; /* wrong PINs before the lockout */
    int staff_pin_lockout_s;
    /* [paths] (relative paths are relative to the config file's folder) */
    char database[1024];
    char menu[1024];
    char assets[1024];
    char image_cache[1024]; /* pictures pulled from the backend, by hash (kiosk/store/image_cache.h)
                             */
    /*
     * [zatca] the device's stamp (CSID): PEM certificate and private key
     * (mode 0600). Both "" = no phase 2 e-invoices, only the phase 1 QR.
     */
    char zatca_certificate[1024];
    char zatca_private_key[1024];
    /* [network] (URLs pass ks_outgoing_url_ok: plain http only to private addresses) */
    char kitchen_urls[KS_CONFIG_MAX_KITCHENS][KS_URL_MAX + 1]; /* POST /v1/orders of each */
    int n_kitchen_urls; /* 0: no kitchen display, tickets stay queued */
    /* [network] token: this kiosk's bearer token for the store's kitchen displays and attendant
     * console, and for the backend unless it enrolled; "" when none */
    char token[KS_CONFIG_TOKEN_MAX + 1];
    /* The token kiosk --enrol keeps (kiosk/app/device_token.h), the backend's alone;
     * "" (default): device-token beside [zatca] credentials */
    char token_file[1024];
    /* Not in the INI: the enrolled token read from token_file at start (ks_device_token_apply);
     * "" when the kiosk has not enrolled. Read through ks_config_backend_token. */
    char enrolled_token[KS_CONFIG_TOKEN_MAX + 1];
    char backend_url[KS_URL_MAX + 1]; /* "" (default): no backend delivery */
    int delivery_timeout_s;           /* connect + answer, per request */
    int menu_poll_s;                  /* seconds between menu pulls from the backend; 0: off */
    int heartbeat_s;                  /* seconds between heartbeats to the backend; 0: off */
    /* The e-receipts' base URL, ending in '/': the done screen's QR is it + the order's receipt
     * token (the backend's GET /r/<token>); "" (default): no e-receipt QR */
    char receipt_url[KS_URL_MAX + 1];
    /* [zatca] (phase 2 reporting, kiosk/docs/zatca.md) */
    char zatca_url[KS_URL_MAX + 1]; /* ZATCA's base URL; "" (default): not reported */
    char ca_certificate[1024];      /* the store's CA for its servers (PEM); "": the system's CAs */
    char zatca_credentials[1024];   /* the CSID file (kiosk-zatca-onboard), mode 0600 */
    int zatca_overdue_hours;        /* unreported invoices older than this are flagged */
    /* [retention] (kiosk/store/retention_store.h): orders and delivered messages older than
     * retention_days, past refund_days and safely elsewhere leave the database; 0: kept for ever */
    int retention_days;
    int refund_days; /* an order this young may still be refunded here: kept */
    /* [supermarket] (the self-checkout; device URIs are checked by their drivers when opened) */
    char scanner_uri[KS_CONFIG_DEVICE_URI_MAX + 1];       /* "" = none */
    char scale_uri[KS_CONFIG_DEVICE_URI_MAX + 1];         /* the produce scale; "" = none */
    char bagging_scale_uri[KS_CONFIG_DEVICE_URI_MAX + 1]; /* "" = no bagging-area check */
    bool remove_needs_attendant; /* removing a scanned line waits for the attendant */
    /*
     * The attendant console's API root ("http://10.0.0.5:8090/v1", ks_outgoing_url_ok);
     * "" (default): none, the staff PIN at the lane only. The lane posts as [kiosk] id with
     * ks_config_peer_token ([network] token, else the enrolled one).
     */
    char attendant_url[KS_URL_MAX + 1];
    struct ks_barcode_rule labels[KS_LABEL_LAYOUTS_MAX]; /* variable-measure label layouts */
    size_t n_labels;
    /*
     * [devices] (the command line's --terminal and --printer override them). Checked as
     * their drivers check them, without opening anything: the terminal by
     * dev_nexo_uri_parse, the printer by dev_printer_new. "" (default): simulated.
     */
    char terminal_uri[KS_CONFIG_DEVICE_URI_MAX + 1];
    char printer_uri[KS_CONFIG_DEVICE_URI_MAX + 1];
} ks_config;

/*
 * The token the backend gets (kiosk/docs/backend-api.md, "Stores and devices"): the enrolled
 * one when the kiosk has enrolled, else [network] token. Its peers get ks_config_peer_token.
 */
const char *ks_config_backend_token(const ks_config *cfg);

/*
 * The token the kiosk's kitchen displays and attendant console get:
 * [network] token when the INI has one (a display that lists the kiosk in
 * its [kiosks], a console in its [lanes], knows it), else the enrolled
 * token, which an enrolled display or console checks against its store's
 * kiosks pulled from the backend (kiosk/app/peer_pull.h): then no second
 * token is needed.
 */
const char *ks_config_peer_token(const ks_config *cfg);

/* [retention] refund_days in seconds: how long after it was placed an order may still be
 * refunded here, and is kept for it (0: no window). */
int64_t ks_config_refund_window_s(const ks_config *cfg);

/* The first problem of a file, with its line: "[store] vat_number: must be 15 digits ...". */
typedef ks_ini_error ks_config_error;

/* Fills cfg with the built-in defaults (the demo's values). */
void ks_config_defaults(ks_config *cfg);

/*
 * Parses INI text of len bytes on top of what cfg already holds. Returns
 * false with err filled on the first problem; cfg may then be partly
 * updated, so callers parse into a copy. Texts over 64 KiB are refused.
 */
bool ks_config_parse(ks_config *cfg, const char *text, size_t len, ks_config_error *err);

/*
 * Reads and parses a file; relative [paths] are resolved against the
 * file's folder. Same error convention as ks_config_parse.
 */
bool ks_config_load(ks_config *cfg, const char *path, ks_config_error *err);

#endif
