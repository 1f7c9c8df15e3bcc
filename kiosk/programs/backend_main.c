/*
 * The chain's central backend (reference server): receives the paid orders
 * and heartbeats of every kiosk, serves each store's menu, and answers
 * sales, best-seller and VAT reports and the manager's page, over HTTP
 * (kiosk/docs/backend-api.md), from one SQLite or PostgreSQL database.
 *
 *   kiosk-backend --config FILE [--db DATABASE] [--listen ADDR:PORT]
 *   kiosk-backend --new-token   (prints a token for [kiosks] or manager_token)
 *
 * The server's threads (kiosk/backend/backend_server.h: an I/O thread,
 * workers with a database connection each, a health probe) do all the
 * work; this thread only waits for SIGINT or SIGTERM.
 */
#define LOG_TAG "backend"
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/backend/backend_server.h"
#include "kiosk/common/bearer_token.h"
#include "kiosk/common/log.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void usage(FILE *out)
{
    fputs("usage: kiosk-backend --config FILE [--db DATABASE] [--listen ADDR:PORT]\n"
          "       kiosk-backend --new-token   (prints a new random token, 256 bits)\n"
          "  --config FILE   INI configuration (kiosk/backend/backend_config.h)\n"
          "  --db DATABASE   SQLite file or PostgreSQL connection string (overrides\n"
          "                  [backend] database)\n"
          "  --listen A:P    address to serve on (overrides [backend] listen)\n",
          out);
}

static bool override(char *out, size_t size, const char *value, const char *what)
{
    size_t len = strlen(value);
    if (len == 0 || len >= size) {
        fprintf(stderr, "kiosk-backend: %s empty or too long\n", what);
        return false;
    }
    memcpy(out, value, len + 1);
    return true;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'}, {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'}, {"new-token", no_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *config = NULL, *db = NULL, *listen = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'c')
            config = optarg;
        else if (c == 'd')
            db = optarg;
        else if (c == 'l')
            listen = optarg;
        else if (c == 't')
            return ks_print_new_token();
        else if (c == 'h') {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!config || optind != argc) {
        usage(stderr);
        return 2;
    }

    int status = 1;
    ks_backend_server *server = NULL;
    static ks_backend_config cfg;
    char why[256];
    ks_backend_config_defaults(&cfg);
    if (!ks_backend_config_load(&cfg, config, why, sizeof why)) {
        fprintf(stderr, "kiosk-backend: %s: %s\n", config, why);
        goto end;
    }
    if ((db && !override(cfg.database, sizeof cfg.database, db, "--db")) ||
        (listen && !override(cfg.listen, sizeof cfg.listen, listen, "--listen")))
        goto end;
    if (!cfg.listen[0]) {
        fprintf(stderr,
                "kiosk-backend: %s: [backend] listen is required (IPv4-ADDRESS:PORT, e.g. "
                "10.0.0.5:8090; there is no all-interfaces default)\n",
                config);
        goto end;
    }
    server = ks_backend_server_start(&cfg);
    if (!server)
        goto end;

    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    while (!stop_requested)
        pause();
    LOG_INFO("stopping");
    status = 0;
end:
    ks_backend_server_stop(server);
    return status;
}
