/*
 * The backend's HTTP receiver on kiosk/http/http_server.h, so that reports
 * never delay order intake and a stuck database never silences the server:
 *
 * - the I/O thread refuses a request without a valid token from its
 *   headers (401, the body never read) and answers GET /v1/health itself,
 *   from what the health probe last saw, within milliseconds whatever the
 *   database does;
 * - KS_BACKEND_FAST_WORKERS threads answer the kiosks (orders, heartbeats,
 *   menus, pictures) and KS_BACKEND_SLOW_WORKERS the managers (reports,
 *   kiosk list), each thread with its own ks_backend_api and its own
 *   database connection (statement timeout KS_BACKEND_FAST_TIMEOUT_MS or
 *   KS_BACKEND_SLOW_TIMEOUT_MS on PostgreSQL);
 * - the health probe, a thread with one more connection, pings the
 *   database every second (statement timeout 1 s) and does the database's
 *   housekeeping (ks_backend_store_maintain: SQLite's WAL checkpoint) and,
 *   once a minute, ages the decisions taken while paying whose order never
 *   came (ks_backend_paying_age). /v1/health answers 200
 *   {"status":"ok","orders":N} while the last ping succeeded less than
 *   KS_BACKEND_HEALTH_STALE_MS ago and no worker saw the database fail
 *   since; else 503. N is the count of stored orders read at start plus
 *   the orders this server created since.
 */
#ifndef KIOSK_BACKEND_BACKEND_SERVER_H
#define KIOSK_BACKEND_BACKEND_SERVER_H

#include <stdint.h>

#include "kiosk/backend/backend_config.h"

#define KS_BACKEND_FAST_WORKERS 4
#define KS_BACKEND_SLOW_WORKERS 2
#define KS_BACKEND_FAST_TIMEOUT_MS 5000
#define KS_BACKEND_SLOW_TIMEOUT_MS 60000
#define KS_BACKEND_HEALTH_STALE_MS 3000

typedef struct ks_backend_server ks_backend_server;

/*
 * Starts serving cfg (copied): its database (opened once per worker and
 * for the probe, tables created or upgraded first), tokens, menus, on its
 * listen address. NULL (logged) when the database cannot be opened or the
 * address is malformed or taken.
 */
ks_backend_server *ks_backend_server_start(const ks_backend_config *cfg);

/* The port listened on (the one chosen when 0 was asked). */
uint16_t ks_backend_server_port(const ks_backend_server *server);

/* Stops serving (requests under way finish first) and frees server. Accepts NULL. */
void ks_backend_server_stop(ks_backend_server *server);

#endif
