/*
 * The backend's HTTP receiver: libmicrohttpd on one internal thread, which
 * gathers each request (bodies up to KS_ORDER_JSON_MAX_BYTES; a larger one
 * is answered 413 without being kept) and answers it through backend_api.h.
 * That thread is the only user of the API and its store while it runs.
 */
#ifndef KIOSK_BACKEND_BACKEND_SERVER_H
#define KIOSK_BACKEND_BACKEND_SERVER_H

#include <stdint.h>

#include "kiosk/backend/backend_api.h"

typedef struct ks_backend_server ks_backend_server;

/*
 * Starts serving api (borrowed; it must outlive the server, and nothing
 * else may use it or its store meanwhile) on listen ("0.0.0.0:8090",
 * "127.0.0.1:0" for any free port). NULL (logged) when the address is
 * malformed or taken.
 */
ks_backend_server *ks_backend_server_start(ks_backend_api *api, const char *listen);

/* The port listened on (the one chosen when 0 was asked). */
uint16_t ks_backend_server_port(const ks_backend_server *server);

/* Stops serving (requests under way finish first) and frees server. Accepts NULL. */
void ks_backend_server_stop(ks_backend_server *server);

#endif
