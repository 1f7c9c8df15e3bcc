/*
 * The kitchen display's HTTP receiver on kiosk/http/http_server.h: the I/O
 * thread refuses a request without a valid token from its headers (401,
 * the body never read), gathers the others (bodies up to
 * KS_ORDER_JSON_MAX_BYTES; a larger one is answered 413 without being
 * kept), and one worker thread answers them through kds_api.h. That worker
 * is the only user of the API and its store once the server runs; it
 * never touches SDL: the API's change callback is how the screen hears of
 * new tickets.
 */
#ifndef KIOSK_KITCHEN_KDS_SERVER_H
#define KIOSK_KITCHEN_KDS_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/http/http_server.h"
#include "kiosk/http/http_tls.h"
#include "kiosk/kitchen/kds_api.h"

/*
 * Starts serving api (borrowed; it must outlive the server, and nothing
 * else may use it or its store meanwhile) on listen ("192.168.1.20:8080",
 * "127.0.0.1:0") with tls (NULL: plain HTTP, loopback only; see
 * kiosk/http/http_tls.h). NULL (logged) when the address is malformed or
 * taken, or TLS is needed there and missing or unreadable. Its port and
 * its stop are the shared layer's (ks_http_server_port, ks_http_server_stop).
 */
ks_http_server *ks_kds_server_start(ks_kds_api *api, const char *listen,
                                    const ks_http_tls_config *tls);

#endif
