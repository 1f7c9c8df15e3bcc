/*
 * The attendant console's HTTP receiver on kiosk/http/http_server.h, as
 * the kitchen display's: the I/O thread refuses a report without its
 * lane's token from the headers (401, the body never read), and one worker
 * thread answers through att_api.h, the only user of the API and its store
 * once the server runs.
 */
#ifndef KIOSK_ATTENDANT_ATT_SERVER_H
#define KIOSK_ATTENDANT_ATT_SERVER_H

#include <stdint.h>

#include "kiosk/attendant/att_api.h"
#include "kiosk/http/http_server.h"
#include "kiosk/http/http_tls.h"

/*
 * Starts serving api (borrowed; it must outlive the server, and nothing
 * else may use it or its store meanwhile) on listen ("192.168.1.20:8090",
 * "127.0.0.1:0") with tls (NULL: plain HTTP, loopback only; see
 * kiosk/http/http_tls.h). NULL (logged) when the address is malformed or
 * taken, or TLS is needed there and missing or unreadable. Its port and
 * its stop are the shared layer's (ks_http_server_port, ks_http_server_stop).
 */
ks_http_server *ks_att_server_start(ks_att_api *api, const char *listen,
                                    const ks_http_tls_config *tls);

#endif
