/*
 * The menu puller and the heartbeat against the real backend API over real
 * HTTP on loopback. The backend is kiosk/backend's API behind the shared
 * HTTP server, with a thin handler in this file (as backend_server.c has)
 * that counts requests and can truncate the pictures it serves or stop
 * answering, to play a broken network. Then: the swap happens only where
 * no customer is ordering, on the real controller.
 */
#include "tests/support/check.h"
#include "tests/support/http_call.h"
#include "tests/unit/test_store_fixture.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/app/heartbeat.h"
#include "kiosk/app/menu_pull.h"
#include "kiosk/backend/backend_api.h"
#include "kiosk/backend/backend_kiosk_pin.h"
#include "kiosk/common/log.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/http/http_server.h"
#include "kiosk/screens/kiosk_ui.h"
#include "kiosk/screens/screen.h"
#include "kiosk/screens/staff_access.h"
#include "kiosk/store/image_cache.h"
#include "kiosk/store/menu_store.h"
#include "kiosk/store/soldout_store.h"
#include "ui/input.h"
#include "ui/render_png.h"
#include "ui/tree.h"

#define KIOSK_TOKEN "kt-7Rq2xW9mZp4LvB8nC3sJ6dF1"
#define MANAGER_TOKEN "mgr-Qw3Er8Ty5Ui2Op7As4Df9Gh1"
#define STORE "test-store"

/* ---- the backend ---- */

static struct {
    ks_backend_config cfg;
    ks_backend_store *store;
    ks_backend_api *api;
    ks_http_server *http;
    uint16_t port;
    _Atomic int requests; /* answered since the start (counted on the server's thread) */
    bool truncate_pictures;
    const char *soldout_answer; /* served for GET /v1/stock/soldout when set: a broken backend */
    char dir[1024];             /* the test's folder: assets/, menu.json, backend.db */
    char menu[1100];            /* the menu file the backend serves */
} be;

static void handle(void *ctx, void *worker, const ks_http_request *http, ks_http_response *out)
{
    ks_backend_request req = {
        .method = http->method,
        .path = http->url,
        .authorization = ks_http_request_header(http, "Authorization"),
        .if_none_match = ks_http_request_header(http, "If-None-Match"),
        .store = ks_http_request_query(http, "store"),
        .body = http->body,
        .body_len = http->body_len,
        .body_too_large = http->body_too_large,
    };
    bool broken = be.soldout_answer && strncmp(http->url, "/v1/stock/soldout", 17) == 0;
    if (broken)
        req.if_none_match = NULL;
    ks_backend_response resp;
    ks_backend_api_handle(be.api, &req, (int64_t)time(NULL), &resp);
    be.requests++;
    if (broken && resp.status == 200) { /* another body under another tag */
        free(resp.body);
        resp.body = strdup(be.soldout_answer);
        resp.body_len = resp.body ? strlen(resp.body) : 0;
        snprintf(resp.etag, sizeof resp.etag, "\"broken\"");
    }
    /* A picture cut short on the way, as a broken proxy would. */
    if (be.truncate_pictures && strncmp(http->url, "/v1/images/", 11) == 0 && resp.body_len > 1)
        resp.body_len /= 2;
    *out = (ks_http_response){.status = resp.status,
                              .body = resp.body,
                              .body_len = resp.body_len,
                              .content_type = resp.content_type,
                              .cache_control = resp.cache_control};
    memcpy(out->etag, resp.etag, sizeof resp.etag);
}

static void backend_stop(void)
{
    ks_http_server_stop(be.http);
    be.http = NULL;
}

/* Serves on be.port (0: any free port, remembered). */
static bool backend_serve(void)
{
    char listen[32];
    snprintf(listen, sizeof listen, "127.0.0.1:%u", (unsigned)be.port);
    const ks_http_options opt = {
        .name = "test-backend", .listen = listen, .max_body_bytes = 1 << 20, .handler = handle};
    be.http = ks_http_server_start(&opt);
    if (be.http)
        be.port = ks_http_server_port(be.http);
    return be.http != NULL;
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(text, 1, len, f);
        fclose(f);
    }
}

/* A stand-in picture for path: its bytes name it, and tag tells versions apart. */
static void write_picture(const char *path, const char *tag)
{
    char file[2048], bytes[512];
    snprintf(file, sizeof file, "%s/assets/%s", be.dir, path);
    /* Every folder on the way, as mkdir -p. */
    for (char *slash = strchr(file + strlen(be.dir) + 1, '/'); slash;
         slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(file, 0755);
        *slash = '/';
    }
    int n = snprintf(bytes, sizeof bytes, "picture of %s, %s", path, tag);
    write_file(file, bytes, (size_t)n);
}

static void picture_for(const char *path, void *ctx)
{
    write_picture(path, "first");
    (*(int *)ctx)++;
}

static char *demo_menu(size_t *len)
{
    return check_read_file(check_path(check_source_dir(), "assets/menus/restaurant.json"), len);
}

/* The demo menu with its "version" member's value replaced (same length or not). */
static char *menu_with_version(const char *version, size_t *len)
{
    char *json = demo_menu(len);
    json_t *root = json ? json_loadb(json, *len, 0, NULL) : NULL;
    free(json);
    if (!root)
        return NULL;
    json_object_set_new(root, "version", json_string(version));
    char *text = json_dumps(root, JSON_INDENT(1));
    json_decref(root);
    *len = text ? strlen(text) : 0;
    return text;
}

static int n_pictures; /* distinct pictures the demo menu uses */

/* A backend serving the demo menu with a stand-in for each of its pictures. */
static bool backend_start(const char *name)
{
    backend_stop();
    ks_backend_api_free(be.api);
    ks_backend_store_close(be.store);
    be.api = NULL;
    be.store = NULL;
    be.requests = 0;
    be.port = 0;
    be.truncate_pictures = false;
    be.soldout_answer = NULL;
    snprintf(be.dir, sizeof be.dir, "%s/%s", check_tmp_dir(), name);
    char cmd[2200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s/assets'", be.dir, be.dir);
    if (system(cmd) != 0)
        return false;
    size_t len;
    char *json = demo_menu(&len);
    ks_catalog *cat = json ? ks_menu_import(json, len, NULL) : NULL;
    n_pictures = 0;
    if (cat)
        ks_catalog_each_image(cat, picture_for, &n_pictures);
    ks_catalog_free(cat);
    snprintf(be.menu, sizeof be.menu, "%s/menu.json", be.dir);
    if (json)
        write_file(be.menu, json, len);
    free(json);

    ks_backend_config_defaults(&be.cfg);
    char ini[4096], why[256] = "";
    snprintf(ini, sizeof ini,
             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n"
             "assets = %s/assets\n"
             "[kiosks]\nkiosk-01 = " KIOSK_TOKEN "\n"
             "[menus]\n" STORE " = %s\n",
             be.dir, be.menu);
    if (!ks_backend_config_parse(&be.cfg, ini, strlen(ini), why, sizeof why)) {
        fprintf(stderr, "  config: %s\n", why);
        return false;
    }
    char db[2048];
    snprintf(db, sizeof db, "%s/backend.db", be.dir);
    be.store = ks_backend_store_open(db, NULL);
    be.api = be.store ? ks_backend_api_new(be.store, &be.cfg) : NULL;
    return be.api && n_pictures > 0 && backend_serve();
}

/* ---- the kiosk side ---- */

static char kiosk_db[2048], cache_dir[2048];

static ks_menu_pull *puller_start(void)
{
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/orders", (unsigned)be.port);
    const ks_menu_pull_config mc = {
        .db_path = kiosk_db,
        .backend_url = url,
        .token = KIOSK_TOKEN,
        .store_id = STORE,
        .cache_dir = cache_dir,
        .poll_s = 0, /* only when woken: the test decides when a poll happens */
        .timeout_ms = 2000,
    };
    return ks_menu_pull_start(&mc);
}

/* A kiosk with its own database and cache, beside the backend's folder. */
static void kiosk_paths(const char *name)
{
    snprintf(kiosk_db, sizeof kiosk_db, "%s/%s.db", be.dir, name);
    snprintf(cache_dir, sizeof cache_dir, "%s/%s-cache", be.dir, name);
}

/* The counters once the poll under way (the first one, or the one after a wake) ended. */
static bool poll_done(ks_menu_pull *mp, uint64_t passes_before, ks_menu_pull_stats *out)
{
    for (int i = 0; i < 1000; i++) {
        ks_menu_pull_get_stats(mp, out);
        if (out->passes > passes_before)
            return true;
        usleep(10000);
    }
    return false;
}

static bool poll_now(ks_menu_pull *mp, ks_menu_pull_stats *out)
{
    ks_menu_pull_stats before;
    ks_menu_pull_get_stats(mp, &before);
    ks_menu_pull_wake(mp);
    return poll_done(mp, before.passes, out);
}

static int cached_files(void)
{
    char cmd[2200];
    snprintf(cmd, sizeof cmd, "ls '%s' | wc -l", cache_dir);
    FILE *p = popen(cmd, "r");
    int n = -1;
    if (p) {
        if (fscanf(p, "%d", &n) != 1)
            n = -1;
        pclose(p);
    }
    return n;
}

static void active_version(char *out, size_t cap)
{
    ks_db *db = ks_db_open(kiosk_db, NULL);
    ks_menu_info info;
    snprintf(out, cap, "%s",
             db && ks_menu_store_active_info(db, &info) == KS_DB_OK ? info.version : "(none)");
    ks_db_close(db);
}

/* Errors the code under test logged, kept for the checks. */
static struct {
    int errors;
    char last[1024];
} logged;

static void keep_log(enum ks_log_level level, const char *tag, const char *msg, void *ctx)
{
    if (level < KS_LOG_ERROR)
        return;
    logged.errors++;
    snprintf(logged.last, sizeof logged.last, "%s: %s", tag, msg);
}

/* ---- cases ---- */

static void test_first_pull_then_304(void)
{
    CHECK(backend_start("first"));
    kiosk_paths("kiosk");
    ks_menu_pull *mp = puller_start();
    CHECK(mp);
    ks_menu_pull_stats st;
    CHECK(poll_done(mp, 0, &st));
    /* menu + manifest + one request per distinct picture + the sold-out list from stock + the
     * staff list */
    CHECK_EQ_INT(st.accepted, 1);
    CHECK_EQ_INT(st.soldout_lists, 1);
    CHECK_EQ_INT(st.staff_lists, 1);
    CHECK_EQ_INT(st.images_fetched, n_pictures);
    CHECK_EQ_INT(st.requests, 4 + n_pictures);
    CHECK_EQ_INT(st.not_modified, 0);
    CHECK_EQ_INT(cached_files(), n_pictures);
    ks_catalog *cat;
    ks_image_manifest *pictures;
    CHECK(ks_menu_pull_take(mp, &cat, &pictures));
    char version[80];
    active_version(version, sizeof version);
    CHECK_EQ_STR(ks_catalog_version(cat), version);
    /* A picture of the menu resolves into the cache, by the hash of its bytes. */
    const ks_category *cats = ks_catalog_categories(cat, &(size_t){0});
    char file[4096], expected[4096], sha[65];
    char bytes[512];
    int n = snprintf(bytes, sizeof bytes, "picture of %s, first", cats[0].image);
    CHECK(ks_image_cache_hash(bytes, (size_t)n, sha));
    snprintf(expected, sizeof expected, "%s/%s", cache_dir, sha);
    CHECK(
        ks_image_manifest_resolve(pictures, cache_dir, "assets", cats[0].image, file, sizeof file));
    CHECK_EQ_STR(file, expected);
    ks_catalog_free(cat);
    ks_image_manifest_free(pictures);

    int answered = be.requests;
    CHECK(poll_now(mp, &st));
    /* All unchanged: four requests (menu, manifest, sold-out list, staff list), all 304, nothing
     * else. */
    CHECK_EQ_INT(be.requests - answered, 4);
    CHECK_EQ_INT(st.not_modified, 4);
    CHECK_EQ_INT(st.soldout_lists, 1);
    CHECK_EQ_INT(st.accepted, 1);
    CHECK_EQ_INT(st.images_fetched, n_pictures);
    CHECK(!ks_menu_pull_take(mp, &cat, &pictures));
    ks_menu_pull_stop(mp);

    /* A restart remembers the ETags in the database: still nothing downloaded. */
    answered = be.requests;
    mp = puller_start();
    CHECK(mp);
    CHECK(poll_done(mp, 0, &st));
    CHECK_EQ_INT(be.requests - answered, 4);
    CHECK_EQ_INT(st.not_modified, 4);
    CHECK_EQ_INT(st.accepted, 0);
    CHECK_EQ_INT(st.soldout_lists, 0);
    ks_menu_pull_stop(mp);
}

static void test_changed_menu_keeps_pictures(void)
{
    CHECK(backend_start("changed"));
    kiosk_paths("kiosk");
    ks_menu_pull *mp = puller_start();
    ks_menu_pull_stats st;
    CHECK(mp && poll_done(mp, 0, &st));
    CHECK_EQ_INT(st.accepted, 1);

    size_t len;
    char *json = menu_with_version("2026-12-01.2", &len);
    CHECK(json);
    write_file(be.menu, json, len);
    free(json);
    CHECK(poll_now(mp, &st));
    /* The new menu is stored and handed over; its pictures did not change: none fetched. */
    CHECK_EQ_INT(st.accepted, 2);
    CHECK_EQ_INT(st.images_fetched, n_pictures);
    char version[80];
    active_version(version, sizeof version);
    CHECK_EQ_STR(version, "2026-12-01.2");
    ks_catalog *cat;
    ks_image_manifest *pictures;
    CHECK(ks_menu_pull_take(mp, &cat, &pictures));
    CHECK_EQ_STR(ks_catalog_version(cat), "2026-12-01.2");
    ks_catalog_free(cat);
    ks_image_manifest_free(pictures);

    /* One picture replaced on the backend, the menu file the same: only that one is fetched. */
    json = demo_menu(&len);
    ks_catalog *demo = json ? ks_menu_import(json, len, NULL) : NULL;
    free(json);
    CHECK(demo);
    char image[KS_IMAGE_PATH_MAX + 1];
    snprintf(image, sizeof image, "%s", ks_catalog_categories(demo, &(size_t){0})[0].image);
    ks_catalog_free(demo);
    write_picture(image, "second");
    CHECK(poll_now(mp, &st));
    CHECK_EQ_INT(st.accepted, 3);
    CHECK_EQ_INT(st.images_fetched, n_pictures + 1);
    CHECK(ks_menu_pull_take(mp, &cat, &pictures));
    char file[4096], sha[65], bytes[512];
    int n = snprintf(bytes, sizeof bytes, "picture of %s, second", image);
    CHECK(ks_image_cache_hash(bytes, (size_t)n, sha));
    CHECK_EQ_STR(ks_image_manifest_find(pictures, image), sha);
    CHECK(ks_image_manifest_resolve(pictures, cache_dir, "assets", image, file, sizeof file));
    CHECK(access(file, R_OK) == 0);
    /* The replaced picture stays cached: the menu before still uses it (the last two are kept). */
    CHECK_EQ_INT(cached_files(), n_pictures + 1);
    ks_catalog_free(cat);
    ks_image_manifest_free(pictures);
    ks_menu_pull_stop(mp);
}

static void test_malformed_menu_keeps_serving(void)
{
    CHECK(backend_start("malformed"));
    kiosk_paths("kiosk");
    ks_menu_pull *mp = puller_start();
    ks_menu_pull_stats st;
    CHECK(mp && poll_done(mp, 0, &st));
    CHECK_EQ_INT(st.accepted, 1);
    ks_catalog *cat;
    ks_image_manifest *pictures;
    CHECK(ks_menu_pull_take(mp, &cat, &pictures));
    ks_catalog_free(cat);
    ks_image_manifest_free(pictures);
    char before[80], after[80];
    active_version(before, sizeof before);

    /* The first item's price as a string: the importer refuses it with its path. */
    size_t len;
    char *json = demo_menu(&len);
    json_t *root = json_loadb(json, len, 0, NULL);
    free(json);
    CHECK(root);
    json_object_set_new(json_array_get(json_object_get(root, "items"), 0), "price",
                        json_string("18"));
    json = json_dumps(root, 0);
    json_decref(root);
    write_file(be.menu, json, strlen(json));
    free(json);

    logged.errors = 0;
    ks_log_set_sink(keep_log, NULL);
    CHECK(poll_now(mp, &st));
    CHECK_EQ_INT(st.refused, 1);
    CHECK_EQ_INT(st.accepted, 1);
    CHECK_EQ_INT(logged.errors, 1);
    CHECK_CONTAINS(logged.last, "items[0].price");
    active_version(after, sizeof after);
    CHECK_EQ_STR(after, before);
    CHECK(!ks_menu_pull_take(mp, &cat, &pictures));

    /* Asked again: the refused file is still the one served (304), and not logged twice. */
    CHECK(poll_now(mp, &st));
    ks_log_set_sink(NULL, NULL);
    CHECK_EQ_INT(st.refused, 1);
    /* the sold-out and staff lists' 304s on both polls, the menu's */
    CHECK_EQ_INT(st.not_modified, 5);
    CHECK_EQ_INT(logged.errors, 1);

    /* Fixed on the backend: taken at the next poll. */
    json = menu_with_version("2026-12-01.3", &len);
    write_file(be.menu, json, len);
    free(json);
    CHECK(poll_now(mp, &st));
    CHECK_EQ_INT(st.accepted, 2);
    active_version(after, sizeof after);
    CHECK_EQ_STR(after, "2026-12-01.3");
    ks_menu_pull_stop(mp);
}

static void test_truncated_picture_refused(void)
{
    CHECK(backend_start("truncated"));
    kiosk_paths("kiosk");
    be.truncate_pictures = true;
    logged.errors = 0;
    ks_log_set_sink(keep_log, NULL);
    ks_menu_pull *mp = puller_start();
    ks_menu_pull_stats st;
    CHECK(mp && poll_done(mp, 0, &st));
    ks_log_set_sink(NULL, NULL);
    /* The first picture's bytes do not match its hash: nothing stored, nothing switched. */
    CHECK_EQ_INT(st.accepted, 0);
    CHECK_EQ_INT(st.refused, 1);
    CHECK_EQ_INT(st.images_fetched, 0);
    CHECK_EQ_INT(cached_files(), 0);
    CHECK_CONTAINS(logged.last, "is not the one named");
    char version[80];
    active_version(version, sizeof version);
    CHECK_EQ_STR(version, "(none)");

    /* The network heals: the next poll takes everything. */
    be.truncate_pictures = false;
    CHECK(poll_now(mp, &st));
    CHECK_EQ_INT(st.accepted, 1);
    CHECK_EQ_INT(st.images_fetched, n_pictures);
    ks_menu_pull_stop(mp);
}

static void test_backend_down_then_back(void)
{
    CHECK(backend_start("down"));
    kiosk_paths("kiosk");
    ks_menu_pull *mp = puller_start();
    ks_menu_pull_stats st;
    CHECK(mp && poll_done(mp, 0, &st));
    CHECK_EQ_INT(st.accepted, 1);
    char before[80], after[80];
    active_version(before, sizeof before);

    size_t len;
    char *json = menu_with_version("2026-12-02.1", &len);
    write_file(be.menu, json, len);
    free(json);
    backend_stop();
    CHECK(poll_now(mp, &st));
    CHECK_EQ_INT(st.failed, 1);
    CHECK_EQ_INT(st.accepted, 1);
    active_version(after, sizeof after);
    CHECK_EQ_STR(after, before);

    /* Back on the same port: the next poll picks the new menu up. */
    CHECK(backend_serve());
    CHECK(poll_now(mp, &st));
    CHECK_EQ_INT(st.accepted, 2);
    active_version(after, sizeof after);
    CHECK_EQ_STR(after, "2026-12-02.1");
    ks_menu_pull_stop(mp);
}

/* ---- heartbeat ---- */

static void test_heartbeat_reaches_backend(void)
{
    CHECK(backend_start("heartbeat"));
    kiosk_paths("kiosk");
    ks_db *db = ks_db_open(kiosk_db, NULL);
    CHECK(db);
    ks_db_close(db);
    /* Three messages waiting (foreign keys are off on a raw connection: no orders needed). */
    CHECK_EQ_INT(fixture_sql_exec(kiosk_db,
                                  "INSERT INTO outbox (order_uuid, destination, payload, "
                                  "created_at, next_attempt_at) VALUES "
                                  "('a', 'backend', '{}', 0, 0), ('b', 'backend', '{}', 0, 0), "
                                  "('c', 'kitchen', '{}', 0, 0), "
                                  "('d', 'kitchen', '{}', 0, 0);"
                                  "UPDATE outbox SET delivered_at = 1 WHERE order_uuid = 'd';"),
                 SQLITE_OK);
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/orders", (unsigned)be.port);
    ks_heartbeat *hb = ks_heartbeat_start(&(ks_heartbeat_config){.db_path = kiosk_db,
                                                                 .backend_url = url,
                                                                 .token = KIOSK_TOKEN,
                                                                 .kiosk_id = "kiosk-01",
                                                                 .version = "1.2.3",
                                                                 .period_ms = 0,
                                                                 .timeout_ms = 2000});
    CHECK(hb);
    CHECK(ks_heartbeat_set_device(hb, "printer", "paper_out"));
    CHECK(ks_heartbeat_set_device(hb, "terminal", "ok"));
    CHECK(!ks_heartbeat_set_device(hb, "Printer", "ok"));
    ks_heartbeat_wake(hb);
    ks_heartbeat_stats st = {0};
    for (int i = 0; i < 500 && st.sent + st.failed == 0; i++) {
        usleep(10000);
        ks_heartbeat_get_stats(hb, &st);
    }
    ks_heartbeat_stop(hb);
    CHECK_EQ_INT(st.sent, 1);
    CHECK_EQ_INT(st.failed, 0);

    /* What the managers see: GET /v1/kiosks. */
    char kiosks[128];
    snprintf(kiosks, sizeof kiosks, "http://127.0.0.1:%u/v1/kiosks", (unsigned)be.port);
    struct http_reply *b = malloc(sizeof *b);
    CHECK(b);
    http_call(&(struct http_request){.method = "GET", .url = kiosks, .token = MANAGER_TOKEN}, b);
    CHECK_EQ_INT(b->status, 200);
    json_t *root = json_loads(b->body, 0, NULL);
    free(b);
    json_t *k = json_array_get(json_object_get(root, "kiosks"), 0);
    json_t *devices = json_object_get(k, "devices");
    bool ok = k && json_object_get(k, "kiosk_id") && json_object_get(k, "unsent") &&
              json_object_get(k, "version");
    const char *id = json_string_value(json_object_get(k, "kiosk_id"));
    const char *version = json_string_value(json_object_get(k, "version"));
    /* a, b, c undelivered; d delivered */
    long long unsent = (long long)json_integer_value(json_object_get(k, "unsent"));
    const char *printer = json_string_value(json_object_get(devices, "printer"));
    const char *terminal = json_string_value(json_object_get(devices, "terminal"));
    char copy[5][64];
    snprintf(copy[0], 64, "%s", id ? id : "");
    snprintf(copy[1], 64, "%s", version ? version : "");
    snprintf(copy[2], 64, "%s", printer ? printer : "");
    snprintf(copy[3], 64, "%s", terminal ? terminal : "");
    json_decref(root);
    CHECK(ok);
    CHECK_EQ_STR(copy[0], "kiosk-01");
    CHECK_EQ_STR(copy[1], "1.2.3");
    CHECK_EQ_INT(unsent, 3);
    CHECK_EQ_STR(copy[2], "paper_out");
    CHECK_EQ_STR(copy[3], "ok");
}

static void test_heartbeat_backend_down(void)
{
    CHECK(backend_start("heartbeat-down"));
    kiosk_paths("kiosk");
    backend_stop();
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/orders", (unsigned)be.port);
    ks_heartbeat *hb = ks_heartbeat_start(&(ks_heartbeat_config){.db_path = kiosk_db,
                                                                 .backend_url = url,
                                                                 .token = KIOSK_TOKEN,
                                                                 .kiosk_id = "kiosk-01",
                                                                 .period_ms = 20,
                                                                 .timeout_ms = 500});
    CHECK(hb);
    ks_heartbeat_stats st = {0};
    for (int i = 0; i < 500 && st.failed < 3; i++) {
        usleep(10000);
        ks_heartbeat_get_stats(hb, &st);
    }
    /* Tried every period, never blocking; then received once the backend is back. */
    CHECK(st.failed >= 3);
    CHECK_EQ_INT(st.sent, 0);
    CHECK(backend_serve());
    for (int i = 0; i < 500 && st.sent == 0; i++) {
        usleep(10000);
        ks_heartbeat_get_stats(hb, &st);
    }
    ks_heartbeat_stop(hb);
    CHECK(st.sent >= 1);
}

/* ---- when the catalog is switched ---- */

static void test_swap_ready(void)
{
    static const struct {
        const char *name;
        enum ks_screen screen;
        size_t cart;
        bool transition;
        bool ready;
    } cases[] = {
        {"attract, idle", KS_SCREEN_ATTRACT, 0, false, true},
        {"closed", KS_SCREEN_OUT_OF_SERVICE, 0, false, true},
        {"attract while a screen fades in", KS_SCREEN_ATTRACT, 0, true, false},
        {"attract with a cart (never: cleared first)", KS_SCREEN_ATTRACT, 1, false, false},
        {"language chosen", KS_SCREEN_LANGUAGE, 0, false, false},
        {"menu", KS_SCREEN_MENU, 0, false, false},
        {"item", KS_SCREEN_ITEM, 1, false, false},
        {"cart", KS_SCREEN_CART, 2, false, false},
        {"paying", KS_SCREEN_PAYMENT, 2, false, false},
        {"printing", KS_SCREEN_PRINTING, 0, false, false},
        {"order number shown", KS_SCREEN_DONE, 0, false, false},
        {"staff", KS_SCREEN_STAFF, 0, false, false},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        bool ready = ks_menu_swap_ready(cases[i].screen, cases[i].cart, cases[i].transition);
        if (ready != cases[i].ready) {
            check_fail(__FILE__, __LINE__, "%s: ready %d", cases[i].name, ready);
            return;
        }
    }
}

static int64_t tuesday_lunch(void *ctx)
{
    return 1795514400; /* Tuesday 13:00 in Riyadh */
}

struct rig {
    ks_kiosk_ui *k;
    struct ui_tree *tree;
    int64_t now;
};

static void pass_ms(struct rig *r, int ms)
{
    for (int t = 0; t < ms; t += 50)
        ks_kiosk_ui_update(r->k, r->now += 50);
}

/* A finger down and up on the named widget's centre; false when it is not on screen. */
static bool tap(struct rig *r, const char *name)
{
    pass_ms(r, 400); /* any transition is over */
    struct ui_widget *w = ks_kiosk_ui_find(r->k, name);
    if (!w) {
        fprintf(stderr, "  no \"%s\" on the %s screen\n", name,
                ks_screen_name(ks_kiosk_ui_journey(r->k)->screen));
        return false;
    }
    SDL_Rect rect = ui_widget_rect(w);
    ui_input_pointer(r->tree, UI_POINTER_DOWN, rect.x + rect.w / 2, rect.y + rect.h / 2,
                     (uint64_t)r->now);
    r->now += 60;
    ui_input_pointer(r->tree, UI_POINTER_UP, rect.x + rect.w / 2, rect.y + rect.h / 2,
                     (uint64_t)r->now);
    ks_kiosk_ui_activity(r->k, r->now);
    pass_ms(r, 100);
    return true;
}

/*
 * The controller itself: a customer on the menu, then with a line in the
 * cart, never sees the catalog change; once the idle timeout brought the
 * attract screen back, the switch happens at once.
 */
static void test_swap_waits_for_attract(void)
{
    ks_config cfg;
    ks_config_defaults(&cfg);
    snprintf(cfg.assets, sizeof cfg.assets, "%s/assets", check_source_dir());
    size_t len;
    char *json = demo_menu(&len);
    ks_catalog *old_cat = json ? ks_menu_import(json, len, NULL) : NULL;
    free(json);
    json = menu_with_version("2026-12-03.1", &len);
    ks_catalog *new_cat = json ? ks_menu_import(json, len, NULL) : NULL;
    free(json);
    struct ui_theme theme;
    ui_theme_defaults(&theme);
    char fonts[4096];
    snprintf(fonts, sizeof fonts, "%s/fonts", cfg.assets);
    struct ui_render_png *rp = ui_render_png_new(1080, 1920, fonts, &theme);
    ks_services *services = ks_services_sim_new(&(ks_services_sim_config){.payment_ms = 500});
    struct rig r = {.now = 1000};
    bool built = old_cat && new_cat && rp && services;
    if (built) {
        r.tree = ui_render_png_tree(rp);
        const ks_kiosk_ui_config kc = {.cfg = &cfg,
                                       .catalog = old_cat,
                                       .tree = r.tree,
                                       .theme = &theme,
                                       .services = services,
                                       .utc_now = tuesday_lunch};
        r.k = ks_kiosk_ui_new(&kc, r.now);
    }
    bool on_menu = false, in_cart = false, refused_on_menu = false, refused_with_cart = false;
    bool back = false, taken = false;
    if (r.k) {
        ks_kiosk_ui_update(r.k, r.now);
        on_menu = tap(&r, "start") && tap(&r, "lang-en") && tap(&r, "dine-in") &&
                  ks_kiosk_ui_journey(r.k)->screen == KS_SCREEN_MENU;
        refused_on_menu = !ks_kiosk_ui_set_menu(r.k, new_cat, NULL);
        in_cart = on_menu && tap(&r, "category:burgers") && tap(&r, "item:beef-burger") &&
                  tap(&r, "add-to-order") && ks_kiosk_ui_journey(r.k)->screen == KS_SCREEN_MENU;
        refused_with_cart = !ks_kiosk_ui_set_menu(r.k, new_cat, NULL);
        /* The customer walks away: idle timeout, countdown, cart wiped, attract screen. */
        for (int t = 0; t < 2000 && ks_kiosk_ui_journey(r.k)->screen != KS_SCREEN_ATTRACT; t++)
            ks_kiosk_ui_update(r.k, r.now += 100);
        pass_ms(&r, 1000);
        back = ks_kiosk_ui_journey(r.k)->screen == KS_SCREEN_ATTRACT;
        taken = ks_kiosk_ui_set_menu(r.k, new_cat, NULL);
    }
    /* The old catalog may go now: the screen was rebuilt from the new one. */
    ks_catalog_free(old_cat);
    pass_ms(&r, 200);
    bool still_drawn = r.k && ks_kiosk_ui_find(r.k, "start") != NULL;
    if (r.k)
        ui_tree_render(r.tree, NULL);
    ks_kiosk_ui_free(r.k);
    ks_services_free(services);
    ui_render_png_free(rp);
    ks_catalog_free(new_cat);
    CHECK(built && r.k);
    CHECK(on_menu);
    CHECK(refused_on_menu);
    CHECK(in_cart);
    CHECK(refused_with_cart);
    CHECK(back);
    CHECK(taken);
    CHECK(still_drawn);
}

/* ---- sold out from stock ---- */

/* A manager's POST of body to path at the backend; its status. */
static int manager_post(const char *path, const char *body)
{
    char auth[96];
    snprintf(auth, sizeof auth, "Bearer %s", MANAGER_TOKEN);
    const ks_backend_request req = {.method = "POST",
                                    .path = path,
                                    .authorization = auth,
                                    .body = body,
                                    .body_len = strlen(body)};
    ks_backend_response resp;
    ks_backend_api_handle(be.api, &req, (int64_t)time(NULL), &resp);
    free(resp.body);
    return resp.status;
}

/* A manager's stock adjustment at the backend (kind received, waste or count); its status. */
static int adjust(int n, const char *item, const char *kind, int quantity)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"request_id\":\"5eed0000-0000-4000-8000-%012d\",\"store_id\":\"" STORE "\","
             "\"item_id\":\"%s\",\"kind\":\"%s\",\"quantity\":%d,\"reason\":\"test\","
             "\"person\":\"Amal\"}",
             n, item, kind, quantity);
    return manager_post("/v1/stock/adjustments", body);
}

/* The kiosk's controller on the demo menu over the kiosk's database, as the program builds it. */
struct shop {
    ks_config cfg;
    struct ui_theme theme;
    ks_catalog *cat;
    struct ui_render_png *rp;
    ks_services *services;
    ks_db *db;
    ks_kiosk_ui *k;
};

static bool shop_open(struct shop *s)
{
    *s = (struct shop){0};
    ks_config_defaults(&s->cfg);
    snprintf(s->cfg.assets, sizeof s->cfg.assets, "%s/assets", check_source_dir());
    size_t len;
    char *json = demo_menu(&len), fonts[4096];
    s->cat = json ? ks_menu_import(json, len, NULL) : NULL;
    free(json);
    ui_theme_defaults(&s->theme);
    snprintf(fonts, sizeof fonts, "%s/fonts", s->cfg.assets);
    s->rp = ui_render_png_new(1080, 1920, fonts, &s->theme);
    s->services = ks_services_sim_new(&(ks_services_sim_config){.payment_ms = 500});
    s->db = ks_db_open(kiosk_db, NULL);
    if (!s->cat || !s->rp || !s->services || !s->db)
        return false;
    const ks_kiosk_ui_config kc = {.cfg = &s->cfg,
                                   .db = s->db,
                                   .catalog = s->cat,
                                   .tree = ui_render_png_tree(s->rp),
                                   .theme = &s->theme,
                                   .services = s->services,
                                   .utc_now = tuesday_lunch};
    s->k = ks_kiosk_ui_new(&kc, 1000);
    return s->k != NULL;
}

static void shop_close(struct shop *s)
{
    ks_kiosk_ui_free(s->k);
    ks_services_free(s->services);
    ui_render_png_free(s->rp);
    ks_catalog_free(s->cat);
    ks_db_close(s->db);
}

/* What the puller handed over goes to the controller, as the kiosk's loop does. */
static bool shop_take(struct shop *s, ks_menu_pull *mp, bool polled)
{
    ks_kiosk_ui_set_central_soldout(s->k, ks_menu_pull_take_soldout(mp));
    return polled;
}

/*
 * The puller's first pass, which starts with it. Waking it before that pass
 * ended would queue a second pass that runs on behind the test's back.
 */
static bool shop_first_poll(struct shop *s, ks_menu_pull *mp, ks_menu_pull_stats *st)
{
    return shop_take(s, mp, poll_done(mp, 0, st));
}

/* One more poll once the first has ended. */
static bool shop_poll(struct shop *s, ks_menu_pull *mp, ks_menu_pull_stats *st)
{
    return shop_take(s, mp, poll_now(mp, st));
}

/*
 * Stock at the backend drives the kiosk's catalog through the puller, over
 * real HTTP: zero sells out, goods received bring the item back, a staff
 * mark is never cleared by stock, an unchanged list costs a 304, a broken
 * answer leaves the marks serving, and a restart without the backend keeps them.
 */
static void test_sold_out_from_stock(void)
{
    CHECK(backend_start("stock"));
    kiosk_paths("kiosk");
    CHECK_EQ_INT(adjust(1, "beef-burger", "received", 1), 201);
    CHECK_EQ_INT(adjust(2, "cheese-burger", "count", 0), 201);
    struct shop s;
    bool opened = shop_open(&s);
    CHECK(opened);
    /* Staff 86 the cheese burger on this kiosk too. */
    CHECK_EQ_INT(ks_soldout_store_set(s.db, "cheese-burger", NULL, NULL, true, "staff-7",
                                      tuesday_lunch(NULL)),
                 KS_DB_OK);
    shop_close(&s);
    CHECK(shop_open(&s));
    ks_menu_pull *mp = puller_start();
    CHECK(mp);
    ks_menu_pull_stats st;
    CHECK(shop_first_poll(&s, mp, &st));
    CHECK_EQ_INT(st.soldout_lists, 1);
    CHECK(!ks_kiosk_ui_item_sold_out(s.k, "beef-burger"));
    CHECK(ks_kiosk_ui_item_sold_out(s.k, "cheese-burger"));
    CHECK(!ks_kiosk_ui_item_sold_out(s.k, "double-cheese-burger"));

    /* The last burger sold (here: wasted): sold out after the next poll. */
    CHECK_EQ_INT(adjust(3, "beef-burger", "waste", 1), 201);
    CHECK(shop_poll(&s, mp, &st));
    CHECK_EQ_INT(st.soldout_lists, 2);
    CHECK(ks_kiosk_ui_item_sold_out(s.k, "beef-burger"));

    /* Nothing changed: four 304s (menu, manifest, the two lists), nothing handed over. */
    int answered = be.requests;
    uint64_t not_modified = st.not_modified;
    CHECK(poll_now(mp, &st));
    CHECK_EQ_INT(be.requests - answered, 4);
    CHECK_EQ_INT(st.not_modified - not_modified, 4);
    CHECK(!ks_menu_pull_take_soldout(mp));

    /* Goods received: both back from stock, but the staff's mark on the cheese burger stays. */
    CHECK_EQ_INT(adjust(4, "beef-burger", "received", 10), 201);
    CHECK_EQ_INT(adjust(5, "cheese-burger", "received", 10), 201);
    CHECK(shop_poll(&s, mp, &st));
    CHECK_EQ_INT(st.soldout_lists, 3);
    CHECK(!ks_kiosk_ui_item_sold_out(s.k, "beef-burger"));
    CHECK(ks_kiosk_ui_item_sold_out(s.k, "cheese-burger"));

    /*
     * Sold out again, then the backend answers nonsense: refused, logged (each reason once),
     * the marks serve on.
     */
    CHECK_EQ_INT(adjust(6, "beef-burger", "count", 0), 201);
    CHECK(shop_poll(&s, mp, &st));
    CHECK(ks_kiosk_ui_item_sold_out(s.k, "beef-burger"));
    static const char *const broken[] = {
        "{\"store\":\"" STORE "\",\"items\":[\"a\",\"a\"]}",
        "{\"store\":\"another-store\",\"items\":[]}",
        "{\"store\":\"" STORE "\",\"items\":[7]}",
        "<html>502 Bad Gateway</html>",
    };
    CHECK_EQ_INT(adjust(7, "beef-burger", "received", 3), 201);
    for (size_t i = 0; i < CHECK_COUNT(broken); i++) {
        uint64_t refused = st.refused, lists = st.soldout_lists;
        logged.errors = 0;
        ks_log_set_sink(keep_log, NULL);
        be.soldout_answer = broken[i];
        bool polled = shop_poll(&s, mp, &st);
        ks_log_set_sink(NULL, NULL);
        CHECK(polled);
        CHECK_EQ_INT(st.refused - refused, 1);
        CHECK_EQ_INT(st.soldout_lists, lists);
        CHECK_EQ_INT(logged.errors, 1);
        CHECK_CONTAINS(logged.last, "sold-out list from stock is refused");
        CHECK(ks_kiosk_ui_item_sold_out(s.k, "beef-burger"));
    }
    be.soldout_answer = NULL;

    /* A restart without the backend: the stored marks, both kinds, still show. */
    ks_menu_pull_stop(mp);
    backend_stop();
    shop_close(&s);
    CHECK(shop_open(&s));
    CHECK(ks_kiosk_ui_item_sold_out(s.k, "beef-burger"));
    CHECK(ks_kiosk_ui_item_sold_out(s.k, "cheese-burger"));
    CHECK(!ks_kiosk_ui_item_sold_out(s.k, "double-cheese-burger"));
    shop_close(&s);

    /* The backend is back: the list (beef burger received) clears the central mark only. */
    CHECK(backend_serve());
    CHECK(shop_open(&s));
    mp = puller_start();
    CHECK(mp && shop_first_poll(&s, mp, &st));
    CHECK(!ks_kiosk_ui_item_sold_out(s.k, "beef-burger"));
    CHECK(ks_kiosk_ui_item_sold_out(s.k, "cheese-burger"));
    ks_menu_pull_stop(mp);
    shop_close(&s);
}

/* ---- a store's own price deltas ---- */

/* The catalog's delta of the combo's size, or of the group's option (combo NULL); -1: none. */
static ks_money size_or_option_delta(const ks_catalog *cat, const char *combo, const char *group,
                                     const char *id)
{
    const ks_item *meal = combo ? ks_catalog_find_item(cat, combo) : NULL;
    for (size_t i = 0; meal && i < meal->n_sizes; i++)
        if (strcmp(meal->sizes[i].id, id) == 0)
            return meal->sizes[i].price_delta;
    const ks_modifier_group *g = group ? ks_catalog_find_modifier_group(cat, group) : NULL;
    for (size_t i = 0; g && i < g->n_options; i++)
        if (strcmp(g->options[i].id, id) == 0)
            return g->options[i].price_delta;
    return -1;
}

/* The catalog's delta of the choice of item in the combo's slot; -1: none. */
static ks_money choice_delta(const ks_catalog *cat, const char *combo, const char *slot,
                             const char *item)
{
    const ks_item *meal = ks_catalog_find_item(cat, combo);
    for (size_t s = 0; meal && s < meal->n_slots; s++)
        for (size_t c = 0; strcmp(meal->slots[s].id, slot) == 0 && c < meal->slots[s].n_choices;
             c++)
            if (strcmp(meal->slots[s].choices[c].item->id, item) == 0)
                return meal->slots[s].choices[c].price_delta;
    return -1;
}

/* The catalog the puller took at its last poll (ks_catalog_free), or NULL. */
static ks_catalog *taken(ks_menu_pull *mp)
{
    ks_catalog *cat = NULL;
    ks_image_manifest *pictures = NULL;
    if (!ks_menu_pull_take(mp, &cat, &pictures))
        return NULL;
    ks_image_manifest_free(pictures);
    return cat;
}

#define DELTA_BODY(kind, ids)                                                                      \
    "{\"store_id\":\"" STORE "\",\"kind\":\"" kind "\"," ids ",\"price_delta\":"

/* The three deltas the case changes, as the catalog taken has them: each as expected. */
static void check_deltas(ks_catalog *cat, ks_money size, ks_money option, ks_money choice)
{
    CHECK(cat);
    CHECK_EQ_INT(size_or_option_delta(cat, "cheeseburger-meal", NULL, "large"), size);
    CHECK_EQ_INT(size_or_option_delta(cat, NULL, "drink-size", "large"), option);
    CHECK_EQ_INT(choice_delta(cat, "cheeseburger-meal", "drink", "orange-juice"), choice);
    /* The same size and choice of another meal keep the file's. */
    CHECK_EQ_INT(size_or_option_delta(cat, "double-cheese-meal", NULL, "large"), 300);
    CHECK_EQ_INT(choice_delta(cat, "double-cheese-meal", "drink", "orange-juice"), 400);
    ks_catalog_free(cat);
}

/*
 * The store's own deltas of a meal's size, a drink's option and a meal's choice, set at the
 * backend: the kiosk's next poll takes the menu (its manifest of the same bytes) through its
 * own importer, and its catalog has them; removed, the file's again.
 */
static void test_store_price_deltas_pulled(void)
{
    static const char *const bodies[] = {
        DELTA_BODY("size", "\"combo_id\":\"cheeseburger-meal\",\"size_id\":\"large\""),
        DELTA_BODY("option", "\"group_id\":\"drink-size\",\"option_id\":\"large\""),
        DELTA_BODY("choice", "\"combo_id\":\"cheeseburger-meal\",\"slot_id\":\"drink\","
                             "\"item_id\":\"orange-juice\""),
    };
    static const struct {
        const char *values[3];
        ks_money size, option, choice;
    } steps[] = {
        {{"450", "250", "350"}, 450, 250, 350},
        {{"null", "null", "null"}, 300, 200, 400},
    };
    CHECK(backend_start("deltas"));
    kiosk_paths("kiosk");
    ks_menu_pull *mp = puller_start();
    ks_menu_pull_stats st;
    CHECK(mp && poll_done(mp, 0, &st));
    check_deltas(taken(mp), 300, 200, 400);
    for (size_t i = 0; i < CHECK_COUNT(steps); i++) {
        for (size_t b = 0; b < CHECK_COUNT(bodies); b++) {
            char body[512];
            snprintf(body, sizeof body, "%s%s}", bodies[b], steps[i].values[b]);
            CHECK_EQ_INT(manager_post("/v1/price-deltas", body), 200);
        }
        CHECK(poll_now(mp, &st));
        CHECK_EQ_INT(st.accepted, 2 + i);
        check_deltas(taken(mp), steps[i].size, steps[i].option, steps[i].choice);
    }
    ks_menu_pull_stop(mp);
}

/*
 * The store's staff list drives the staff PIN through the puller, over
 * real HTTP: before any list the INI's shared PIN signs in (naming
 * nobody); once pulled with someone on it, only a listed person's PIN
 * does, and the staff audit records them; a PIN cleared at the backend
 * stops working at the next poll (the list empty, the shared PIN serves
 * again); without the backend the list stored keeps signing in.
 */
static void test_staff_list(void)
{
    CHECK(backend_start("staff"));
    kiosk_paths("kiosk");
    const ks_backend_actor console = {.name = "console", .role = "operator"};
    ks_backend_person omar = {.role = KS_ROLE_STAFF, .name = "omar", .n_stores = 1};
    snprintf(omar.stores[0], sizeof omar.stores[0], "%s", STORE);
    CHECK_EQ_INT(ks_backend_store_add_person(be.store, &omar, "", 1, &console), KS_DB_OK);
    CHECK_EQ_INT(ks_backend_store_set_kiosk_pin(be.store, "omar", "4321",
                                                (const char(*)[KS_BACKEND_ID_MAX + 1]) omar.stores,
                                                1, 1, &console, NULL),
                 KS_DB_OK);
    struct shop s;
    CHECK(shop_open(&s));
    snprintf(s.cfg.staff_pin, sizeof s.cfg.staff_pin, "%s", "9999");
    /* No list yet: the shared PIN, naming nobody. */
    CHECK(ks_staff_pin_try(s.k, "9999", "staff-pin"));
    CHECK_EQ_STR(s.k->staff_person, "");
    CHECK(!ks_staff_pin_try(s.k, "4321", "staff-pin"));

    ks_menu_pull *mp = puller_start();
    CHECK(mp);
    ks_menu_pull_stats st;
    CHECK(shop_first_poll(&s, mp, &st));
    CHECK_EQ_INT(st.staff_lists, 1);
    CHECK(ks_staff_pin_try(s.k, "4321", "staff-pin"));
    CHECK_EQ_STR(s.k->staff_person, "omar");
    ks_staff_audit(s.k, "staff", "reprint", NULL);
    CHECK_EQ_INT(fixture_sql_int(kiosk_db, "SELECT count(*) FROM staff_audit WHERE person = "
                                           "'omar' AND action IN ('pin', 'reprint')"),
                 2);
    CHECK(!ks_staff_pin_try(s.k, "9999", "staff-pin")); /* the shared PIN no longer */

    /* Cleared at the backend: refused after the next poll; with nobody listed, the shared PIN
     * serves again (a store whose people have no PINs keeps its staff screen). */
    size_t cleared = 0;
    CHECK_EQ_INT(
        ks_backend_store_clear_kiosk_pins(be.store, "omar", NULL, NULL, 2, &console, &cleared),
        KS_DB_OK);
    CHECK(shop_poll(&s, mp, &st));
    CHECK_EQ_INT(st.staff_lists, 2);
    CHECK(!ks_staff_pin_try(s.k, "4321", "staff-pin"));
    CHECK(ks_staff_pin_try(s.k, "9999", "staff-pin"));

    /* Set again, pulled, then the backend gone: the stored list still signs omar in. */
    CHECK_EQ_INT(ks_backend_store_set_kiosk_pin(be.store, "omar", "4321",
                                                (const char(*)[KS_BACKEND_ID_MAX + 1]) omar.stores,
                                                1, 3, &console, NULL),
                 KS_DB_OK);
    CHECK(shop_poll(&s, mp, &st));
    CHECK_EQ_INT(st.staff_lists, 3);
    ks_menu_pull_stop(mp);
    backend_stop();
    CHECK(ks_staff_pin_try(s.k, "4321", "staff-pin"));
    CHECK_EQ_STR(s.k->staff_person, "omar");
    shop_close(&s);
}

static const struct check_case cases[] = {
    {"first pull downloads menu and pictures, then 304", test_first_pull_then_304},
    {"changed menu switched, unchanged pictures kept", test_changed_menu_keeps_pictures},
    {"malformed menu refused, old one serving", test_malformed_menu_keeps_serving},
    {"truncated picture refused, menu not switched", test_truncated_picture_refused},
    {"backend down: nothing changes, retried", test_backend_down_then_back},
    {"heartbeat reaches the backend", test_heartbeat_reaches_backend},
    {"heartbeat with the backend down", test_heartbeat_backend_down},
    {"swap only where nobody orders (pure)", test_swap_ready},
    {"swap waits for the attract screen (controller)", test_swap_waits_for_attract},
    {"sold out from stock: on the catalog, back, staff marks kept", test_sold_out_from_stock},
    {"staff list: a listed person's PIN signs in and is recorded", test_staff_list},
    {"a store's own price deltas pulled into the catalog", test_store_price_deltas_pulled},
};

int main(int argc, char **argv)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int status = check_run(cases, CHECK_COUNT(cases), argc, argv);
    backend_stop();
    ks_backend_api_free(be.api);
    ks_backend_store_close(be.store);
    curl_global_cleanup();
    return status;
}
