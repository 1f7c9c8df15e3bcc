/*
 * The chain's central backend (reference server): receives the paid orders
 * and heartbeats of every kiosk, serves each store's menu, and answers
 * sales, best-seller and VAT reports and the manager's page, over HTTP
 * (kiosk/docs/backend-api.md), from one SQLite or PostgreSQL database.
 *
 *   kiosk-backend --config FILE [--db DATABASE] [--listen ADDR:PORT]
 *   kiosk-backend --new-token   (prints a token for [kiosks] or manager_token)
 *   kiosk-backend --config FILE --add-person NAME --role ROLE [--store ID]...
 *                 (the password is read from stdin: the first head-office person)
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
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/backend/backend_people.h"
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
          "  --listen A:P    address to serve on (overrides [backend] listen)\n"
          "       kiosk-backend --config FILE --add-person NAME --role ROLE [--store ID]...\n"
          "  adds a person to the database (ROLE head-office, store-manager with one\n"
          "  --store per store, auditor, or staff with one --store per store); the\n"
          "  password (12-1024 bytes) is read from stdin, one line (staff have none:\n"
          "  they sign in at kiosks with a kiosk PIN set from the back office)\n",
          out);
}

/* One line of stdin (without echo on a terminal) into pw[cap]; its length, or 0. */
static size_t read_password(char *pw, size_t cap)
{
    struct termios old, quiet;
    bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        fputs("password: ", stderr);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    size_t len = fgets(pw, (int)cap, stdin) ? strcspn(pw, "\r\n") : 0;
    pw[len] = '\0';
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    return len;
}

/* --add-person: person p into the database of cfg; the exit status. */
static int add_person(const ks_backend_config *cfg, ks_backend_person *p, const char *role)
{
    static char pw[KS_PASSWORD_MAX + 2];
    char hash[KS_PASSWORD_HASH_MAX];
    if (!ks_person_name_ok(p->name) || !ks_backend_role_parse(role, &p->role) ||
        ks_backend_role_has_stores(p->role) != (p->n_stores > 0)) {
        fputs("kiosk-backend: --add-person needs a name of 1-64 characters a-z 0-9 . _ @ -, a\n"
              "--role of head-office, store-manager, auditor or staff, and --store (only and at\n"
              "least one) for a store manager or staff\n",
              stderr);
        return 2;
    }
    /* Staff have no back-office password: "" is stored, which no password opens. */
    bool staff = p->role == KS_ROLE_STAFF;
    size_t len = staff ? 0 : read_password(pw, sizeof pw);
    if (!staff && (len < KS_PASSWORD_MIN || len > KS_PASSWORD_MAX)) {
        fputs("kiosk-backend: the password must be 12-1024 bytes on one line\n", stderr);
        return 2;
    }
    hash[0] = '\0';
    bool hashed = staff || ks_backend_password_hash(pw, len, KS_PWHASH_INTERACTIVE, hash);
    memset(pw, 0, sizeof pw);
    ks_backend_store *store = hashed ? ks_backend_store_open(cfg->database, NULL) : NULL;
    const ks_backend_actor console = {.name = "console", .role = "operator"};
    enum ks_db_error err =
        store ? ks_backend_store_add_person(store, p, hash, (int64_t)time(NULL), &console)
              : KS_DB_ERR_OPEN;
    ks_backend_store_close(store);
    if (err != KS_DB_OK) {
        fprintf(stderr, "kiosk-backend: cannot add %s: %s\n", p->name,
                err == KS_DB_ERR_CONSTRAINT ? "the name is taken" : ks_db_strerror(err));
        return 1;
    }
    printf("added %s (%s)\n", p->name, role);
    return 0;
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
        {"config", required_argument, NULL, 'c'},
        {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"new-token", no_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {"add-person", required_argument, NULL, 'p'},
        {"role", required_argument, NULL, 'r'},
        {"store", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0},
    };
    const char *config = NULL, *db = NULL, *listen = NULL, *role = NULL;
    static ks_backend_person person;
    bool adding = false, stores_ok = true;
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
        else if (c == 'p') {
            adding = true; /* a name too long stays "", which --add-person refuses */
            snprintf(person.name, sizeof person.name, "%s",
                     strlen(optarg) < sizeof person.name ? optarg : "");
        } else if (c == 'r')
            role = optarg;
        else if (c == 's') {
            stores_ok =
                stores_ok && person.n_stores < KS_BACKEND_MAX_STORES && ks_device_id_ok(optarg);
            if (stores_ok)
                snprintf(person.stores[person.n_stores++], sizeof person.stores[0], "%s", optarg);
        } else if (c == 'h') {
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
    if (adding) {
        status = stores_ok ? add_person(&cfg, &person, role) : 2;
        if (!stores_ok)
            fputs("kiosk-backend: --store: a store id, at most 32 stores\n", stderr);
        goto end;
    }
    if (!cfg.listen[0]) {
        fprintf(stderr,
                "kiosk-backend: %s: [backend] listen is required (IPv4-ADDRESS:PORT, e.g. "
                "10.0.0.5:8090; there is no all-interfaces default)\n",
                config);
        goto end;
    }
    for (size_t i = 0; i < cfg.n_kiosks; i++)
        if (!cfg.kiosks[i].store_id[0])
            LOG_WARN("[kiosks] %s names no store: it may file orders for any store; write its "
                     "store after its token (%s = <token> <store>)",
                     cfg.kiosks[i].id, cfg.kiosks[i].id);
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
