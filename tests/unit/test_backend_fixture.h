/*
 * Shared by the backend test and the backend benchmark: the backend over
 * loopback HTTP in this process on a given database, and the PostgreSQL
 * side of it: the private server of tests/support/postgres.sh, and a fresh
 * schema per run so that reruns start empty.
 *
 * The PostgreSQL server comes from the environment: KIOSK_TEST_PG is a
 * libpq connection string (ctest sets it from the "postgres" fixture,
 * tests/CMakeLists.txt); KIOSK_TEST_PG_DIR and KIOSK_TEST_PG_PORT name the
 * fixture's server, for a test that stops and starts it.
 */
#ifndef TESTS_UNIT_TEST_BACKEND_FIXTURE_H
#define TESTS_UNIT_TEST_BACKEND_FIXTURE_H

#include <curl/curl.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "kiosk/backend/backend_api.h"
#include "kiosk/backend/backend_server.h"
#include "kiosk/backend/backend_stock.h"
#include "kiosk/backend/backend_store.h"
#include "tests/support/check.h"
#include "tests/unit/test_kitchen_fixture.h"

/* The backend in this process. */
struct backend_run {
    ks_backend_store *store;   /* owned: the test's own connection, to look at what is stored */
    ks_backend_server *server; /* owned */
    char base[64];             /* http://127.0.0.1:PORT */
};

static inline void backend_run_stop(struct backend_run *b)
{
    ks_backend_server_stop(b->server);
    ks_backend_store_close(b->store);
    memset(b, 0, sizeof *b);
}

/*
 * Starts the backend of cfg (borrowed; its listen address, tokens, menus)
 * on database (a file path or a PostgreSQL connection string); false, with
 * nothing left running, on failure.
 */
static inline bool backend_run_start(struct backend_run *b, const ks_backend_config *cfg,
                                     const char *database)
{
    memset(b, 0, sizeof *b);
    static ks_backend_config with_db;
    with_db = *cfg;
    size_t len = strlen(database);
    if (len >= sizeof with_db.database)
        return false;
    memcpy(with_db.database, database, len + 1);
    b->store = ks_backend_store_open(database, NULL);
    b->server = b->store ? ks_backend_server_start(&with_db) : NULL;
    if (!b->server) {
        backend_run_stop(b);
        return false;
    }
    snprintf(b->base, sizeof b->base, "http://127.0.0.1:%u",
             (unsigned)ks_backend_server_port(b->server));
    return true;
}

/*
 * A fresh database called name (backend_fresh_database on pg) into
 * database[cap], cfg read from the INI text ini (its defaults first, and
 * the tests' fast stand-in password hash), and the backend of cfg on that
 * database into *b; false, reported as a
 * failure of the case, when any of it fails.
 */
static inline bool backend_start_ini(struct backend_run *b, ks_backend_config *cfg, const char *pg,
                                     const char *name, const char *ini, char *database, size_t cap);

/*
 * column ("on_hand", "held") of item's level at store_id in store at now:
 * INT64_MIN when untracked, INT64_MIN + 1 on a failure.
 */
static inline int64_t backend_stock_value(ks_backend_store *store, const char *store_id,
                                          const char *item, int64_t now, const char *column)
{
    json_t *rows = NULL;
    int64_t value = INT64_MIN;
    if (ks_backend_store_stock_levels(store, store_id, now, &rows) != KS_DB_OK)
        return INT64_MIN + 1;
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        if (strcmp(json_string_value(json_object_get(row, "item_id")), item) == 0)
            value = json_integer_value(json_object_get(row, column));
    }
    json_decref(rows);
    return value;
}

/* The level of item at store_id in store: INT64_MIN when untracked, INT64_MIN + 1 on a failure. */
static inline int64_t backend_stock_level(ks_backend_store *store, const char *store_id,
                                          const char *item)
{
    return backend_stock_value(store, store_id, item, 0, "on_hand");
}

/* POSTs the order o (freed here) to the backend at base as kiosk-02 does; the status. */
static inline long backend_post_order(const char *base, ks_order *o)
{
    char *json = ks_order_to_json(o, NULL);
    struct http_reply a;
    char url[128];
    snprintf(url, sizeof url, "%s/v1/orders", base);
    kitchen_http("POST", url, KITCHEN_TOKEN, o->uuid, json, json ? strlen(json) : 0, &a);
    free(json);
    ks_order_free(o);
    return a.status;
}

/* The environment's value of name, or NULL when unset or empty. */
static inline const char *backend_env(const char *name)
{
    const char *value = getenv(name);
    return value && value[0] ? value : NULL;
}

/*
 * Runs `bash tests/support/postgres.sh VERB DIR [PORT]` (port may be NULL)
 * from the source tree (KIOSK_SOURCE_DIR, else "."); true when it exits 0.
 */
static inline bool backend_pg_script(const char *verb, const char *dir, const char *port)
{
    const char *root = backend_env("KIOSK_SOURCE_DIR");
    char script[4200];
    snprintf(script, sizeof script, "%s/tests/support/postgres.sh", root ? root : ".");
    char *argv[] = {(char *)"bash", script, (char *)verb, (char *)dir, (char *)port, NULL};
    extern char **environ;
    pid_t pid;
    int status = 0;
    if (posix_spawnp(&pid, "bash", NULL, NULL, argv, environ) != 0 ||
        waitpid(pid, &status, 0) != pid)
        return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/*
 * out[cap]: conninfo (a key=value string or a postgres:// URI) with the
 * schema `schema` first on the search path; false when it does not fit.
 */
static inline bool backend_pg_in_schema(const char *conninfo, const char *schema, char *out,
                                        size_t cap)
{
    /* In a URI, options=-c search_path=SCHEMA is percent-encoded. */
    int n = strncmp(conninfo, "postgres", 8) == 0
                ? snprintf(out, cap, "%s%soptions=-csearch_path%%3D%s", conninfo,
                           strchr(conninfo, '?') ? "&" : "?", schema)
                : snprintf(out, cap, "%s options='-csearch_path=%s'", conninfo, schema);
    return n > 0 && (size_t)n < cap;
}

/*
 * Empties the schema `schema` ([a-z0-9_]) of the database at conninfo
 * (a key=value string or a postgres:// URI): dropped with its tables and
 * created again. On success out[cap] is conninfo with that schema first on
 * the search path (backend_pg_in_schema), so a store opened there starts
 * with no tables.
 */
static inline bool backend_pg_fresh(const char *conninfo, const char *schema, char *out, size_t cap)
{
    PGconn *conn = PQconnectdb(conninfo);
    bool ok = PQstatus(conn) == CONNECTION_OK;
    char sql[256];
    snprintf(sql, sizeof sql,
             "SET client_min_messages = warning; DROP SCHEMA IF EXISTS %s CASCADE; "
             "CREATE SCHEMA %s",
             schema, schema);
    PGresult *res = ok ? PQexec(conn, sql) : NULL;
    ok = ok && PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        fprintf(stderr, "PostgreSQL at %s, schema %s: %s", conninfo, schema, PQerrorMessage(conn));
    PQclear(res);
    PQfinish(conn);
    return backend_pg_in_schema(conninfo, schema, out, cap) && ok;
}

/*
 * SQL on a test's database, as backend_fresh_database named it: a
 * PostgreSQL connection string when on_pg, else an SQLite file. True when
 * every statement ran.
 */
static inline bool backend_database_exec(bool on_pg, const char *database, const char *sql)
{
    if (on_pg) {
        PGconn *conn = PQconnectdb(database);
        PGresult *res = PQstatus(conn) == CONNECTION_OK ? PQexec(conn, sql) : NULL;
        ExecStatusType status = PQresultStatus(res);
        bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
        if (!ok)
            fprintf(stderr, "  %s: %s", sql, PQerrorMessage(conn));
        PQclear(res);
        PQfinish(conn);
        return ok;
    }
    sqlite3 *db = NULL;
    char *error = NULL;
    bool ok = sqlite3_open(database, &db) == SQLITE_OK &&
              sqlite3_exec(db, sql, NULL, NULL, &error) == SQLITE_OK;
    if (!ok)
        fprintf(stderr, "  %s: %s\n", sql, error ? error : sqlite3_errmsg(db));
    sqlite3_free(error);
    sqlite3_close(db);
    return ok;
}

/*
 * A fresh, empty database called name in out[cap]: a schema of the server
 * pg (a connection string; backend_pg_fresh), or with pg NULL an SQLite
 * file in the test's folder.
 */
static inline bool backend_fresh_database(const char *pg, const char *name, char *out, size_t cap)
{
    if (pg)
        return backend_pg_fresh(pg, name, out, cap);
    char file[64];
    snprintf(file, sizeof file, "%s.db", name);
    return (size_t)snprintf(out, cap, "%s", kitchen_fresh_path(file)) < cap;
}

static inline bool backend_start_ini(struct backend_run *b, ks_backend_config *cfg, const char *pg,
                                     const char *name, const char *ini, char *database, size_t cap)
{
    backend_run_stop(b);
    if (!backend_fresh_database(pg, name, database, cap))
        return false;
    ks_backend_config_defaults(cfg);
    char why[256] = "";
    if (!ks_backend_config_parse(cfg, ini, strlen(ini), why, sizeof why)) {
        check_fail(__FILE__, __LINE__, "config: %s", why);
        return false;
    }
    cfg->fast_password_hash = true;
    return backend_run_start(b, cfg, database);
}

/* backend_start_ini when the test needs no name of the database. */
static inline bool backend_run_fresh(struct backend_run *b, ks_backend_config *cfg, const char *pg,
                                     const char *name, const char *ini)
{
    char database[4200];
    return backend_start_ini(b, cfg, pg, name, ini, database, sizeof database);
}

/*
 * The main of a backend test: with --pg first in argv, the cases run on
 * the PostgreSQL server of KIOSK_TEST_PG (*pg set to its connection
 * string; 1 when it is unset), else on SQLite files without the last
 * pg_only cases (those need a server). check_run's exit status.
 */
static inline int backend_test_main(int argc, char **argv, const struct check_case *cases, size_t n,
                                    size_t pg_only, const char **pg)
{
    *pg = NULL;
    if (argc > 1 && strcmp(argv[1], "--pg") == 0) {
        *pg = backend_env("KIOSK_TEST_PG");
        if (!*pg) {
            fprintf(stderr,
                    "%s --pg: KIOSK_TEST_PG is not set; it must be the libpq connection "
                    "string of a PostgreSQL server (ctest sets it from the \"postgres\" "
                    "fixture, tests/support/postgres.sh)\n",
                    argv[0]);
            return 1;
        }
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int rc = check_run(cases, n - (*pg ? 0 : pg_only), argc, argv);
    curl_global_cleanup();
    return rc;
}

#endif
