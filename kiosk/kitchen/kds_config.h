/*
 * The kitchen display's configuration: one INI file (documented in
 * kiosk/docs/http-api.md, "Running a kitchen display"), every key
 * optional, unknown keys refused with their line.
 *
 *   [kitchen]
 *   listen = 192.168.1.20:8080   ; the address to serve on; "" (the default): no receiver
 *                                ; (a second screen on the same database)
 *   tls_certificate = kds.pem    ; HTTPS (kiosk/http/http_tls.h); without it plain HTTP is
 *   tls_key = kds.key            ; served on loopback, or on a private address with
 *   plain_http = yes             ; plain_http = yes
 *   bump_token = TOKEN           ; bump bars and other screens: preparing, ready (optional)
 *   collect_token = TOKEN        ; the counter: collected (optional)
 *   board_token = TOKEN          ; an order-ready board elsewhere: the list (optional)
 *   language = ar                ; ar | en: the kitchen's language
 *   mode = kitchen               ; kitchen | board (the customers' order-ready board)
 *                                ; | counter (orders to pay at the counter; hand-over)
 *   cook_unpaid = no             ; yes: counter orders go to the kitchen before they are paid
 *   board_clear_minutes = 15     ; a ready number leaves the board after this, collected or not
 *   utc_offset_minutes = 180     ; the store's time, and when its business day starts:
 *   business_day_start = 04:00   ; unpaid counter orders of an earlier day are cancelled
 *   station = grill              ; "" : every line (the expo screen)
 *   amber_minutes = 5            ; a ticket turns amber at this age ...
 *   red_minutes = 10             ; ... and red at this one
 *   database = kitchen.db        ; relative paths: to the file's folder
 *   assets = assets
 *   [kiosks]
 *   kiosk-01 = TOKEN             ; each kiosk and its bearer token: it sends its own orders
 *   [backend]                    ; an enrolled display (kiosk/common/device_backend.h): the
 *   url = https://b.example/v1   ; store's enrolled kiosks send their orders with their own
 *   device_id = kds-01           ; tokens, checked against the list pulled from the backend
 *   store = riyadh-01
 *   [stations]
 *   grill = burgers, chicken, meals   ; station = menu categories, comma-separated
 *
 * Every token must meet kiosk/common/bearer_token.h (kitchen-display
 * --new-token makes one) and be used once.
 */
#ifndef KIOSK_KITCHEN_KDS_CONFIG_H
#define KIOSK_KITCHEN_KDS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/common/device_backend.h"
#include "kiosk/common/ini_text.h"
#include "kiosk/domain/money.h"
#include "kiosk/http/http_tls.h"
#include "kiosk/kitchen/kds_api.h"
#include "kiosk/kitchen/kds_ticket.h"

#define KS_KDS_MAX_STATIONS 8

enum ks_kds_mode { KS_KDS_MODE_KITCHEN, KS_KDS_MODE_BOARD, KS_KDS_MODE_COUNTER };

typedef struct ks_kds_config {
    char listen[32];
    ks_http_tls_config tls;
    ks_kds_credentials creds;
    enum ks_lang language;
    enum ks_kds_mode mode;
    char station[KS_KDS_STATION_NAME_MAX + 1]; /* "" : all */
    int amber_s, red_s;                        /* seconds */
    int board_clear_s;                         /* a ready number's time on the board */
    bool cook_unpaid;           /* counter orders reach the kitchen screens before payment */
    int utc_offset_min;         /* the store's local time */
    int business_day_start_min; /* minutes after local midnight */
    char database[1024];
    char assets[1024];
    ks_kds_station stations[KS_KDS_MAX_STATIONS];
    size_t n_stations;
    ks_device_backend backend; /* [backend]: enrolment and the store's kiosks (url "": none) */
} ks_kds_config;

/* The first problem of a file, with its line. */
typedef ks_ini_error ks_kds_config_error;

/*
 * The defaults: no receiver (listen ""), Arabic, kitchen mode, every line,
 * 5 and 10 minutes, ready numbers on the board for 15 minutes, counter
 * orders cooked once paid, UTC+3 with the business day from 04:00.
 */
void ks_kds_config_defaults(ks_kds_config *cfg);

/*
 * Parses len bytes of INI text (at most 64 KiB, lines under 200 bytes) over
 * cfg. False with err filled on the first problem; cfg may then be partly
 * updated. The station named by `station` must be defined in [stations].
 */
bool ks_kds_config_parse(ks_kds_config *cfg, const char *text, size_t len,
                         ks_kds_config_error *err);

/* Reads path and parses it; relative paths are resolved against its folder. */
bool ks_kds_config_load(ks_kds_config *cfg, const char *path, ks_kds_config_error *err);

/* The station this display shows, NULL for every line (or when the name is unknown). */
const ks_kds_station *ks_kds_config_station(const ks_kds_config *cfg);

#endif
