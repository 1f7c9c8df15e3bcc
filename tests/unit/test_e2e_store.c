/*
 * One store, every program a process of its own on loopback: two kiosks
 * (number series 1 and 2), the kitchen display's receiver with its grill,
 * fryer, expo, board and counter screens on its database, and the chain's
 * backend (every one must end well when stopped). Kiosk 1 sells a meal paid by card, kiosk 2 an
 * order to pay at the counter; then both run as in the store (no script) while the counter takes
 * the money and the kitchen works. Checked in the programs' own databases: the two numbers differ;
 * the counter order reaches the kitchen unpaid, is paid at the counter, becomes paid on its kiosk
 * and reaches the backend exactly once; the meal's items are on their stations' screens (burger at
 * the grill, fries at the fryer); a collected order leaves the board, its kiosk learns every step
 * and the backend keeps the ready and collected times; the kitchen's "86" of an item reaches both
 * kiosks' sold-out marks.
 */
#include "tests/unit/test_kitchen_fixture.h"
#include "tests/unit/test_programs.h"

#include "kiosk/kitchen/kds_config.h"
#include "kiosk/kitchen/kds_queue.h"

#define KIOSK1_TOKEN "k1-Hq8Zr3Wx6Vm2Lp9Tc4Nb7Ys5"
#define KIOSK2_TOKEN "k2-Fd2Gm7Qk4Ru9Xs3Wp6Ht8Jz1"
#define MANAGER_TOKEN "mgr-Bn5Vc8Xz1Lk4Jh7Gf2Ds9Aq3"

/* The screens beside the receiver: two stations, the expo, the board and the counter. */
#define SCREENS 5

struct store_run {
    unsigned kds_port, backend_port;
    char kds_ini[4200], kds_db[4200], backend_ini[4200], backend_db[4200];
    char kiosk_ini[2][4200], kiosk_db[2][4200];
    pid_t kds, backend, kiosks[2];
    pid_t screens[SCREENS]; /* the kitchen's other screens, on the receiver's database */
};

static bool write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    bool ok = f && fputs(text, f) >= 0;
    return f && fclose(f) == 0 && ok;
}

static void name(struct store_run *s, char *out, const char *leaf)
{
    snprintf(out, 4200, "%s", check_path(check_tmp_dir(), leaf));
}

static bool write_configs(struct store_run *s)
{
    s->kds_port = program_free_port();
    s->backend_port = program_free_port();
    name(s, s->kds_ini, "kitchen.ini");
    name(s, s->kds_db, "kitchen.db");
    name(s, s->backend_ini, "backend.ini");
    name(s, s->backend_db, "backend.db");
    program_remove_database(s->kds_db);
    program_remove_database(s->backend_db);
    char text[16384];
    snprintf(text, sizeof text,
             "[kitchen]\nlisten = 127.0.0.1:%u\nbump_token = " KITCHEN_BUMP_TOKEN
             "\ncollect_token = " KITCHEN_COLLECT_TOKEN "\nboard_token = " KITCHEN_BOARD_TOKEN
             "\nlanguage = en\ndatabase = %s\nassets = %s/assets\n"
             "[kiosks]\nkiosk-01 = " KIOSK1_TOKEN "\nkiosk-02 = " KIOSK2_TOKEN "\n"
             "[stations]\ngrill = burgers\nfryer = sides\ndrinks = drinks\n",
             s->kds_port, s->kds_db, check_source_dir());
    if (!write_file(s->kds_ini, text))
        return false;
    snprintf(text, sizeof text,
             "[backend]\nlisten = 127.0.0.1:%u\ndatabase = %s\nmanager_token = " MANAGER_TOKEN
             "\n[kiosks]\nkiosk-01 = " KIOSK1_TOKEN "\nkiosk-02 = " KIOSK2_TOKEN "\n",
             s->backend_port, s->backend_db);
    if (!write_file(s->backend_ini, text))
        return false;
    for (int i = 0; i < 2; i++) {
        char leaf[32];
        snprintf(leaf, sizeof leaf, "kiosk-%d.ini", i + 1);
        name(s, s->kiosk_ini[i], leaf);
        snprintf(leaf, sizeof leaf, "kiosk-%d.db", i + 1);
        name(s, s->kiosk_db[i], leaf);
        program_remove_database(s->kiosk_db[i]);
        /* Its own picture cache: the default is the demo's (build/demo), which the menu pull
         * would share and prune. */
        char cache[32];
        snprintf(cache, sizeof cache, "image-cache-%d", i + 1);
        snprintf(text, sizeof text,
                 "[paths]\nimage_cache = %s\n"
                 "[kiosk]\nid = kiosk-0%d\nnumber_series = %d\nstaff_pin = 2468\n"
                 "[network]\nkitchen_urls = http://127.0.0.1:%u/v1/orders\n"
                 "backend_url = http://127.0.0.1:%u/v1/orders\ntoken = %s\n",
                 check_path(check_tmp_dir(), cache), i + 1, i + 1, s->kds_port, s->backend_port,
                 i == 0 ? KIOSK1_TOKEN : KIOSK2_TOKEN);
        if (!write_file(s->kiosk_ini[i], text))
            return false;
    }
    return true;
}

/* Starts the kitchen display's receiver and the backend; false when either cannot. */
static bool start_servers(struct store_run *s)
{
    char kds[4096], backend[4096];
    if (!program_path("kitchen-display", kds, sizeof kds) ||
        !program_path("kiosk-backend", backend, sizeof backend))
        return false;
    const char *kds_argv[] = {kds, "--config", s->kds_ini, "--windowed", NULL};
    const char *backend_argv[] = {backend, "--config", s->backend_ini, NULL};
    s->kds = program_start(kds_argv);
    s->backend = program_start(backend_argv);
    if (s->kds <= 0 || s->backend <= 0)
        return false;
    /* The other screens work on the receiver's database, as in the store. */
    const char *screens[SCREENS][4] = {{"--station", "grill"},
                                       {"--station", "fryer"},
                                       {"--station", ""},
                                       {"--mode", "board"},
                                       {"--mode", "counter"}};
    for (int i = 0; i < SCREENS; i++) {
        const char *argv[] = {kds,           "--config",    s->kds_ini,   "--listen", "",
                              screens[i][0], screens[i][1], "--windowed", NULL};
        s->screens[i] = program_start(argv);
        if (s->screens[i] <= 0)
            return false;
    }
    /* Both answer their health check before the kiosks come. */
    char url[96];
    struct http_reply a = {0};
    for (int i = 0; i < 2; i++) {
        snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/health",
                 i == 0 ? s->kds_port : s->backend_port);
        int64_t end = check_now_ms() + CHECK_WAIT_MS;
        do {
            kitchen_http("GET", url, NULL, NULL, NULL, 0, &a);
        } while (a.status != 200 && check_now_ms() < end && (check_sleep_ms(50), true));
        if (a.status != 200)
            return false;
    }
    return true;
}

/* Runs kiosk i through script (tests/e2e/ or an absolute path) to its end; its exit status. */
static int run_script(const struct store_run *s, int i, const char *script)
{
    char kiosk[4096], path[4096], assets[4096], menu[4096];
    if (!program_path("kiosk", kiosk, sizeof kiosk))
        return -1;
    snprintf(path, sizeof path, "%s/tests/e2e/%s", check_source_dir(), script);
    snprintf(assets, sizeof assets, "%s/assets", check_source_dir());
    snprintf(menu, sizeof menu, "%s/assets/menus/restaurant.json", check_source_dir());
    const char *argv[] = {kiosk,  "--script", path, "--db",     s->kiosk_db[i],  "--assets",
                          assets, "--menu",   menu, "--config", s->kiosk_ini[i], NULL};
    pid_t pid = program_start(argv);
    return pid > 0 ? program_wait(pid, 180) : -1;
}

/* Starts kiosk i as in the store: no script, its workers running, until stopped. */
static pid_t start_kiosk(const struct store_run *s, int i)
{
    char kiosk[4096], assets[4096];
    if (!program_path("kiosk", kiosk, sizeof kiosk))
        return -1;
    snprintf(assets, sizeof assets, "%s/assets", check_source_dir());
    const char *argv[] = {kiosk,      "--db",          s->kiosk_db[i], "--assets", assets,
                          "--config", s->kiosk_ini[i], "--windowed",   NULL};
    return program_start(argv);
}

/* Polls (generously: the machine may be busy) until query on path gives want; the last value. */
static int64_t wait_for(const char *path, const char *query, int64_t want)
{
    int64_t end = check_now_ms() + 60000, n;
    while ((n = fixture_sql_int(path, query)) != want && check_now_ms() < end)
        check_sleep_ms(50);
    return n;
}

static void status_change(const struct store_run *s, const char *token, const char *uuid,
                          const char *body, struct http_reply *a)
{
    char url[160];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/orders/%s/status", s->kds_port, uuid);
    kitchen_http("POST", url, token, NULL, body, strlen(body), a);
}

/* Whether the station's screen (a queue over the display's database) shows the order. */
static bool station_shows(const struct store_run *s, const char *station, const char *uuid)
{
    ks_kds_config cfg;
    ks_kds_config_defaults(&cfg);
    ks_kds_config_error err;
    if (!ks_kds_config_load(&cfg, s->kds_ini, &err))
        return false;
    snprintf(cfg.station, sizeof cfg.station, "%s", station);
    ks_kds_store *store = ks_kds_store_open(s->kds_db, NULL);
    ks_kds_queue *q = store ? ks_kds_queue_new(store, ks_kds_config_station(&cfg)) : NULL;
    bool shows = false;
    if (q && ks_kds_queue_reload(q) == KS_DB_OK)
        for (size_t i = 0; i < ks_kds_queue_count(q); i++)
            shows = shows || strcmp(ks_kds_queue_ticket(q, i)->order->uuid, uuid) == 0;
    ks_kds_queue_free(q);
    ks_kds_store_close(store);
    return shows;
}

/* The uuid of kiosk i's only order into out[37]. */
static bool only_order(const struct store_run *s, int i, char out[37])
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_open_v2(s->kiosk_db[i], &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(db, "SELECT uuid FROM orders", -1, &st, NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW;
    if (ok)
        snprintf(out, 37, "%s", (const char *)sqlite3_column_text(st, 0));
    ok = ok && sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ok;
}

/* Stops every program; true when each one that was started ended well (status 0). */
static bool stop_all(struct store_run *s)
{
    bool ok = true;
    for (int i = 0; i < 2; i++)
        if (s->kiosks[i] > 0)
            ok = program_stop(s->kiosks[i]) && ok;
    for (int i = 0; i < SCREENS; i++)
        if (s->screens[i] > 0)
            ok = program_stop(s->screens[i]) && ok;
    ok = program_stop(s->kds) && ok;
    return program_stop(s->backend) && ok;
}

/* The store's day, on programs started in s (stopped by the caller, whatever happens here). */
static void run_store(struct store_run *s)
{
    CHECK(write_configs(s));
    CHECK(start_servers(s));
    /* Kiosk 1: a burger, a meal with curly fries and a sundae, by card; kiosk 2: a meal, to pay
     * at the counter. */
    CHECK_EQ_INT(run_script(s, 0, "order_paid.script"), 0);
    CHECK_EQ_INT(run_script(s, 1, "pay_at_counter.script"), 0);
    char card[37], counter[37];
    CHECK(only_order(s, 0, card));
    CHECK(only_order(s, 1, counter));
    s->kiosks[0] = start_kiosk(s, 0);
    s->kiosks[1] = start_kiosk(s, 1);
    CHECK(s->kiosks[0] > 0 && s->kiosks[1] > 0);

    /* Both reach the kitchen: the counter's unpaid, with numbers of two series. */
    CHECK_EQ_INT(wait_for(s->kds_db, "SELECT count(*) FROM kds_tickets", 2), 2);
    char q[512];
    snprintf(q, sizeof q,
             "SELECT count(*) FROM kds_tickets WHERE uuid = '%s' AND status = 'created'", counter);
    CHECK_EQ_INT(fixture_sql_int(s->kds_db, q), 1);
    CHECK_EQ_INT(fixture_sql_int(s->kds_db, "SELECT count(DISTINCT number) FROM kds_tickets"), 2);
    CHECK_EQ_INT(fixture_sql_int(s->kds_db, "SELECT min(number) FROM kds_tickets"), 1001);
    CHECK_EQ_INT(fixture_sql_int(s->kds_db, "SELECT max(number) FROM kds_tickets"), 2001);
    /* Not cooked before it is paid (cook_unpaid = no): the grill has the card order only. */
    CHECK(station_shows(s, "grill", card));
    CHECK(!station_shows(s, "grill", counter));
    CHECK(station_shows(s, "fryer", card));  /* the meal's curly fries */
    CHECK(station_shows(s, "drinks", card)); /* the meal's drink */

    /* The counter takes cash: the kiosk marks it paid, the backend gets it once. */
    struct http_reply a;
    status_change(s, KITCHEN_COLLECT_TOKEN, counter, "{\"status\":\"paid\",\"method\":\"cash\"}",
                  &a);
    CHECK_EQ_INT(a.status, 200);
    snprintf(q, sizeof q, "SELECT count(*) FROM orders WHERE uuid = '%s' AND status = 'paid'",
             counter);
    CHECK_EQ_INT(wait_for(s->kiosk_db[1], q, 1), 1);
    CHECK_EQ_INT(wait_for(s->backend_db, "SELECT count(*) FROM be_orders", 2), 2);
    snprintf(q, sizeof q, "SELECT count(*) FROM be_orders WHERE uuid = '%s'", counter);
    CHECK_EQ_INT(fixture_sql_int(s->backend_db, q), 1);
    CHECK(station_shows(s, "grill", counter));
    /* Its paid version reached the display as the same ticket: nothing left undelivered. */
    CHECK_EQ_INT(wait_for(s->kiosk_db[1],
                          "SELECT count(*) FROM outbox WHERE destination IN ('kitchen', 'backend') "
                          "AND delivered_at IS NULL",
                          0),
                 0);
    CHECK_EQ_INT(fixture_sql_int(s->kds_db, "SELECT count(*) FROM kds_tickets"), 2);

    /* The kitchen makes the counter's order, the counter hands it over: it leaves the board, its
     * kiosk learns each step and the backend keeps the ready and collected times (the kitchen
     * speed report's). The card order's kiosk clock ran on the script's day, ten days back: the
     * backend would refuse its times as unbelievable. */
    status_change(s, KITCHEN_BUMP_TOKEN, counter, "{\"status\":\"ready\"}", &a);
    CHECK_EQ_INT(a.status, 200);
    snprintf(q, sizeof q, "SELECT count(*) FROM kds_tickets WHERE status = 'ready'");
    CHECK_EQ_INT(fixture_sql_int(s->kds_db, q), 1);
    status_change(s, KITCHEN_COLLECT_TOKEN, counter, "{\"status\":\"collected\"}", &a);
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_INT(fixture_sql_int(s->kds_db, q), 0);
    snprintf(q, sizeof q, "SELECT count(*) FROM orders WHERE uuid = '%s' AND status = 'collected'",
             counter);
    CHECK_EQ_INT(wait_for(s->kiosk_db[1], q, 1), 1);
    snprintf(q, sizeof q,
             "SELECT count(*) FROM be_kitchen WHERE uuid = '%s' AND station = '' AND status IN "
             "('ready', 'collected')",
             counter);
    CHECK_EQ_INT(wait_for(s->backend_db, q, 2), 2);

    /* The kitchen runs out of curly fries: every kiosk of the store stops selling them. */
    static const char mark[] = "{\"item_id\": \"curly-fries\", \"sold_out\": true, \"set_by\": "
                               "\"chef\", \"set_at\": 1796000000}";
    char url[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/soldout", s->kds_port);
    kitchen_http("POST", url, KITCHEN_BUMP_TOKEN, NULL, mark, strlen(mark), &a);
    CHECK_EQ_INT(a.status, 200);
    for (int i = 0; i < 2; i++)
        CHECK_EQ_INT(wait_for(s->kiosk_db[i],
                              "SELECT count(*) FROM sold_out_overrides WHERE item_id = "
                              "'curly-fries' AND sold_out = 1 AND set_where = 'kitchen'",
                              1),
                     1);
}

static void test_one_store(void)
{
    static struct store_run s;
    memset(&s, 0, sizeof s);
    run_store(&s);
    CHECK(stop_all(&s));
}

static const struct check_case cases[] = {
    {"one store: two kiosks, the kitchen, the counter and the backend as processes",
     test_one_store},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
