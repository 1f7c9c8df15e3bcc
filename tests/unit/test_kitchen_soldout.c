/*
 * The store's sold-out marks (kiosk/docs/http-api.md, "Sold-out marks"):
 * the kitchen display's /v1/soldout as a function (roles, strict bodies,
 * the hub's sequence), the kitchen's own 86, and the kiosks' side over
 * real HTTP on loopback with a real display: a mark set on kiosk A
 * reaches kiosk B's table and set, a mark from the kitchen's screen
 * reaches a kiosk, a mark set while the display is down arrives after a
 * restart, and a kiosk's pending mark is not overwritten by an older one.
 */
#include "tests/unit/test_kitchen_fixture.h"

#include <stdatomic.h>

#include "kiosk/app/soldout_sync.h"
#include "kiosk/kitchen/kds_queue.h"
#include "kiosk/kitchen/kds_screen.h"
#include "kiosk/kitchen/kds_soldout.h"
#include "kiosk/kitchen/kds_soldout_api.h"
#include "ui/input.h"
#include "ui/render_png.h"
#include "ui/tree.h"

/* Generous: the machine is shared; nothing is timed, only waited for. */
#define DEADLINE_MS 30000

static const char fries_body[] =
    "{\"item_id\":\"fries\",\"sold_out\":true,\"set_by\":\"staff-7\",\"set_at\":1795510800,"
    "\"name_ar\":\"بطاطس\",\"name_en\":\"Fries\"}";

/* One request to the API function as the receiver would pass it. */
static void call(ks_kds_api *api, const char *method, const char *token, const char *after,
                 const char *body, ks_kds_response *resp)
{
    char auth[200];
    snprintf(auth, sizeof auth, "Bearer %s", token ? token : "");
    const ks_kds_request req = {
        .method = method,
        .path = KS_KDS_SOLDOUT_PATH,
        .after_query = after,
        .authorization = token ? auth : NULL,
        .body = body,
        .body_len = body ? strlen(body) : 0,
    };
    ks_kds_api_handle(api, &req, KITCHEN_NOON, resp);
}

static ks_kds_api *new_api(ks_kds_store *store)
{
    return ks_kds_api_new(store, &kitchen_credentials, NULL, NULL);
}

/* The answer's marks (at most 8) and latest; false when it is not the documented answer. */
static bool read_answer(const ks_kds_response *resp, ks_mark out[8], size_t *n, int64_t *latest)
{
    ks_mark_error why;
    return resp->status == 200 && resp->body &&
           ks_marks_from_answer(resp->body, strlen(resp->body), out, 8, n, latest, &why);
}

static void test_api_roles_and_sequence(void)
{
    ks_kds_store *store = ks_kds_store_open(kitchen_fresh_path("soldout-api.db"), NULL);
    ks_kds_api *api = new_api(store);
    CHECK(api != NULL);
    ks_kds_response resp;
    ks_mark m[8];
    size_t n = 0;
    int64_t latest = -1;

    /* A kiosk's mark is stored as that kiosk's, numbered 1. */
    call(api, "POST", KITCHEN_TOKEN, NULL, fries_body, &resp);
    CHECK(read_answer(&resp, m, &n, &latest));
    free(resp.body);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(m[0].seq, 1);
    CHECK_EQ_INT(latest, 1);
    CHECK_EQ_STR(m[0].set_where, "kiosk-02");
    CHECK_EQ_STR(m[0].set_by, "staff-7");
    CHECK_EQ_STR(m[0].name_en, "Fries");

    /* The bump token's marks are the kitchen's. */
    call(api, "POST", KITCHEN_BUMP_TOKEN, NULL,
         "{\"group_id\":\"drinks\",\"option_id\":\"ice\",\"sold_out\":true,\"set_by\":\"grill\","
         "\"set_at\":1795510860}",
         &resp);
    CHECK(read_answer(&resp, m, &n, &latest));
    free(resp.body);
    CHECK_EQ_INT(m[0].seq, 2);
    CHECK_EQ_STR(m[0].set_where, "kitchen");
    CHECK_EQ_STR(m[0].option_id, "ice");

    /* Back on sale from the other kiosk: the fries' row moves to number 3. */
    call(api, "POST", KITCHEN_OTHER_TOKEN, NULL,
         "{\"item_id\":\"fries\",\"sold_out\":false,\"set_by\":\"kiosk-03\",\"set_at\":1795510900}",
         &resp);
    CHECK(read_answer(&resp, m, &n, &latest));
    free(resp.body);
    CHECK_EQ_INT(m[0].seq, 3);

    /* Everything, oldest change first; then only what changed after 2. */
    call(api, "GET", KITCHEN_OTHER_TOKEN, NULL, NULL, &resp);
    CHECK(read_answer(&resp, m, &n, &latest));
    free(resp.body);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_INT(latest, 3);
    CHECK_EQ_STR(m[0].option_id, "ice");
    CHECK_EQ_STR(m[1].item_id, "fries");
    CHECK(!m[1].sold_out);
    CHECK_EQ_STR(m[1].set_where, "kiosk-03");
    CHECK_EQ_STR(m[1].name_ar, "بطاطس"); /* kept: the second mark named nothing */
    call(api, "GET", KITCHEN_BUMP_TOKEN, "2", NULL, &resp);
    CHECK(read_answer(&resp, m, &n, &latest));
    free(resp.body);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(m[0].seq, 3);
    call(api, "GET", KITCHEN_TOKEN, "3", NULL, &resp);
    CHECK(read_answer(&resp, m, &n, &latest));
    free(resp.body);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_INT(latest, 3);

    /* Refusals change nothing. */
    static const struct {
        const char *method, *token, *after, *body;
        int status;
    } refused[] = {
        {"GET", NULL, NULL, NULL, 401},
        {"GET", "kt-not-a-known-token-at-all", NULL, NULL, 401},
        {"GET", KITCHEN_COLLECT_TOKEN, NULL, NULL, 403},
        {"POST", KITCHEN_BOARD_TOKEN, NULL, fries_body, 403},
        {"PUT", KITCHEN_TOKEN, NULL, fries_body, 405},
        {"GET", KITCHEN_TOKEN, "-1", NULL, 400},
        {"GET", KITCHEN_TOKEN, "1x", NULL, 400},
        {"GET", KITCHEN_TOKEN, "", NULL, 400},
        {"POST", KITCHEN_TOKEN, NULL, NULL, 400},
        {"POST", KITCHEN_TOKEN, NULL, "[]", 400},
        {"POST", KITCHEN_TOKEN, NULL,
         "{\"item_id\":\"fries\",\"sold_out\":true,\"set_by\":\"s\",\"set_at\":1795510800,"
         "\"seq\":9}",
         400},
        {"POST", KITCHEN_TOKEN, NULL,
         "{\"item_id\":\"fries\",\"group_id\":\"g\",\"option_id\":\"o\",\"sold_out\":true,"
         "\"set_by\":\"s\",\"set_at\":1795510800}",
         400},
        {"POST", KITCHEN_TOKEN, NULL,
         "{\"item_id\":\"fries\",\"sold_out\":true,\"set_by\":\"s\",\"set_at\":12}", 400},
        {"POST", KITCHEN_TOKEN, NULL,
         "{\"item_id\":\"\",\"sold_out\":true,\"set_by\":\"s\",\"set_at\":1795510800}", 400},
        {"POST", KITCHEN_TOKEN, NULL,
         "{\"item_id\":\"fries\",\"sold_out\":1,\"set_by\":\"s\",\"set_at\":1795510800}", 400},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        call(api, refused[i].method, refused[i].token, refused[i].after, refused[i].body, &resp);
        if (resp.status != refused[i].status)
            fprintf(stderr, "  refusal %zu: %d %s\n", i, resp.status, resp.body);
        CHECK_EQ_INT(resp.status, refused[i].status);
        CHECK_CONTAINS(resp.body, "\"error\"");
        free(resp.body);
    }
    call(api, "GET", KITCHEN_TOKEN, NULL, NULL, &resp);
    CHECK(read_answer(&resp, m, &n, &latest));
    free(resp.body);
    CHECK_EQ_INT(latest, 3);
    ks_kds_api_free(api);
    ks_kds_store_close(store);
}

static void test_kitchen_86_toggles(void)
{
    ks_kds_store *store = ks_kds_store_open(kitchen_fresh_path("soldout-86.db"), NULL);
    bool sold_out = false;
    CHECK_EQ_INT(ks_kds_soldout_toggle(store, "burger", "برجر", "Burger", KITCHEN_NOON, &sold_out),
                 KS_DB_OK);
    CHECK(sold_out);
    ks_mark m[4];
    size_t n = 0;
    CHECK_EQ_INT(ks_kds_soldout_active(store, m, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_STR(m[0].item_id, "burger");
    CHECK_EQ_STR(m[0].set_where, "kitchen");
    CHECK_EQ_STR(m[0].name_ar, "برجر");
    CHECK_EQ_INT(ks_kds_soldout_toggle(store, "burger", "", "", KITCHEN_NOON + 60, &sold_out),
                 KS_DB_OK);
    CHECK(!sold_out);
    CHECK_EQ_INT(ks_kds_soldout_active(store, m, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 0);
    int64_t latest = 0;
    CHECK_EQ_INT(ks_kds_soldout_after(store, 0, m, 4, &n, &latest), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(latest, 2);
    CHECK_EQ_STR(m[0].name_en, "Burger"); /* names kept when the second gave none */
    CHECK_EQ_INT(ks_kds_soldout_toggle(store, "", "", "", KITCHEN_NOON, NULL), KS_DB_ERR_INVALID);
    ks_kds_store_close(store);
}

/* ---- kiosks over real HTTP ---- */

struct kiosk {
    char path[4096];
    ks_db *db; /* the UI thread's connection */
    ks_soldout_sync *sync;
    ks_soldout *set; /* what the UI thread holds, from ks_soldout_sync_take */
    atomic_int woken;
};

static void on_wake(void *ctx)
{
    struct kiosk *k = ctx;
    atomic_fetch_add(&k->woken, 1);
}

static void kiosk_start_sync(struct kiosk *k, const char *hub_url, const char *token)
{
    const ks_soldout_sync_options o = {
        .hub_url = hub_url,
        .token = token,
        .database = k->path,
        .period_ms = 100,
        .wake = on_wake,
        .ctx = k,
    };
    k->sync = ks_soldout_sync_start(&o);
    CHECK(k->sync != NULL);
}

static void kiosk_open(struct kiosk *k, const char *name, const char *hub_url, const char *token)
{
    fixture_fresh_db(check_tmp_dir(), name, k->path, sizeof k->path);
    k->db = ks_db_open(k->path, NULL);
    CHECK(k->db != NULL);
    k->set = ks_soldout_new();
    kiosk_start_sync(k, hub_url, token);
}

static void kiosk_close(struct kiosk *k)
{
    ks_soldout_sync_stop(k->sync);
    ks_soldout_free(k->set);
    ks_db_close(k->db);
    k->sync = NULL;
    k->set = NULL;
    k->db = NULL;
}

/* The UI thread's turn: takes a set the worker left. */
static void kiosk_turn(struct kiosk *k)
{
    ks_soldout *fresh = ks_soldout_sync_take(k->sync);
    if (fresh) {
        ks_soldout_free(k->set);
        k->set = fresh;
    }
}

/* Polls k's UI set until the item is (or is not) sold out; false past the deadline. */
static bool kiosk_wait_item(struct kiosk *k, const char *item, bool sold_out)
{
    for (int64_t until = kitchen_now_ms() + DEADLINE_MS; kitchen_now_ms() < until;) {
        kiosk_turn(k);
        if (ks_soldout_item(k->set, item) == sold_out)
            return true;
        kitchen_sleep_ms(10);
    }
    return false;
}

/* Staff set a mark on k as the staff screen does: stored, then the worker poked. */
static void kiosk_staff_mark(struct kiosk *k, const char *item, bool sold_out, int64_t at)
{
    CHECK_EQ_INT(ks_soldout_store_set(k->db, item, NULL, NULL, sold_out, "staff-7", at), KS_DB_OK);
    ks_soldout_sync_poke(k->sync);
}

static int64_t row_int(const char *path, const char *item, const char *column)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT %s FROM sold_out_overrides WHERE item_id = '%s'", column,
             item);
    return fixture_sql_int(path, sql);
}

static void test_mark_reaches_the_other_kiosk(void)
{
    char hub_path[4096];
    snprintf(hub_path, sizeof hub_path, "%s", kitchen_fresh_path("soldout-hub.db"));
    struct kitchen_kds kds;
    CHECK(kitchen_kds_start(&kds, hub_path, "127.0.0.1:0"));
    struct kiosk a = {0}, b = {0};
    kiosk_open(&a, "soldout-a.db", kds.url, KITCHEN_TOKEN);
    kiosk_open(&b, "soldout-b.db", kds.url, KITCHEN_OTHER_TOKEN);

    kiosk_staff_mark(&a, "fries", true, KITCHEN_NOON);
    CHECK(kiosk_wait_item(&b, "fries", true));
    /* B's table holds it, with who, where and the hub's number; A's is no longer pending. */
    CHECK_EQ_INT(row_int(b.path, "fries", "sold_out"), 1);
    CHECK_EQ_INT(row_int(b.path, "fries", "pending"), 0);
    CHECK_EQ_INT(row_int(b.path, "fries", "hub_seq"), 1);
    CHECK_EQ_INT(row_int(b.path, "fries", "set_at"), KITCHEN_NOON);
    const char *by = NULL, *where = NULL;
    int64_t at = 0;
    CHECK(ks_soldout_item_who(b.set, "fries", &by, &where, &at));
    CHECK_EQ_STR(by, "staff-7");
    CHECK_EQ_STR(where, "kiosk-02");
    CHECK_EQ_INT(at, KITCHEN_NOON);
    CHECK(atomic_load(&b.woken) >= 1);
    for (int64_t until = kitchen_now_ms() + DEADLINE_MS;
         row_int(a.path, "fries", "pending") != 0 && kitchen_now_ms() < until;)
        kitchen_sleep_ms(10);
    CHECK_EQ_INT(row_int(a.path, "fries", "pending"), 0);
    CHECK_EQ_INT(row_int(a.path, "fries", "hub_seq"), 1);

    /* Back on sale from B reaches A. */
    kiosk_staff_mark(&b, "fries", false, KITCHEN_NOON + 60);
    CHECK(kiosk_wait_item(&a, "fries", false));
    CHECK_EQ_INT(row_int(a.path, "fries", "sold_out"), 0);
    CHECK_EQ_INT(row_int(a.path, "fries", "hub_seq"), 2);

    /* The kitchen's 86 (its screen's store call, on the screen's own connection) reaches both. */
    ks_kds_store *screen = ks_kds_store_open(hub_path, NULL);
    CHECK_EQ_INT(ks_kds_soldout_toggle(screen, "cola", "كولا", "Cola", KITCHEN_NOON + 90, NULL),
                 KS_DB_OK);
    ks_kds_store_close(screen);
    CHECK(kiosk_wait_item(&a, "cola", true));
    CHECK(kiosk_wait_item(&b, "cola", true));
    CHECK(ks_soldout_item_who(a.set, "cola", &by, &where, &at));
    CHECK_EQ_STR(where, "kitchen");
    CHECK_EQ_INT(at, KITCHEN_NOON + 90);

    kiosk_close(&a);
    kiosk_close(&b);
    kitchen_kds_stop(&kds);
}

static void test_marks_survive_restarts(void)
{
    char hub_path[4096];
    snprintf(hub_path, sizeof hub_path, "%s", kitchen_fresh_path("soldout-restart-hub.db"));
    uint16_t port = kitchen_free_port();
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/orders", (unsigned)port);

    /* The display is down: the mark stays pending on A, through A's restart. */
    struct kiosk a = {0}, b = {0};
    kiosk_open(&a, "soldout-restart-a.db", url, KITCHEN_TOKEN);
    kiosk_staff_mark(&a, "burger", true, KITCHEN_NOON);
    kitchen_sleep_ms(300);
    ks_soldout_sync_stop(a.sync);
    a.sync = NULL;
    CHECK_EQ_INT(row_int(a.path, "burger", "pending"), 1);

    /* The display comes up; A starts again; B, new, learns the mark. */
    char listen[32];
    snprintf(listen, sizeof listen, "127.0.0.1:%u", (unsigned)port);
    struct kitchen_kds kds;
    CHECK(kitchen_kds_start(&kds, hub_path, listen));
    kiosk_start_sync(&a, url, KITCHEN_TOKEN);
    kiosk_open(&b, "soldout-restart-b.db", url, KITCHEN_OTHER_TOKEN);
    CHECK(kiosk_wait_item(&b, "burger", true));

    /* B restarts with the display gone: its table still says sold out, and loads so. */
    kiosk_close(&b);
    kitchen_kds_stop(&kds);
    ks_db *again = ks_db_open(b.path, NULL);
    ks_soldout *set = ks_soldout_new();
    CHECK_EQ_INT(ks_soldout_store_load(again, set), KS_DB_OK);
    CHECK(ks_soldout_item(set, "burger"));
    const char *where = NULL;
    CHECK(ks_soldout_item_who(set, "burger", NULL, &where, NULL));
    CHECK_EQ_STR(where, "kiosk-02");
    ks_soldout_free(set);
    ks_db_close(again);

    /* The display restarts on its database: the mark is still the store's. */
    CHECK(kitchen_kds_start(&kds, hub_path, "127.0.0.1:0"));
    ks_mark m[4];
    size_t n = 0;
    CHECK_EQ_INT(ks_kds_soldout_active(kds.store, m, 4, &n), KS_DB_OK);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_STR(m[0].item_id, "burger");
    kitchen_kds_stop(&kds);
    kiosk_close(&a);
}

/* A kiosk's mark not yet at the hub is not overwritten by an older one from it. */
static void test_pending_mark_wins_over_older(void)
{
    char path[4096];
    fixture_fresh_db(check_tmp_dir(), "soldout-pending.db", path, sizeof path);
    ks_db *db = ks_db_open(path, NULL);
    CHECK_EQ_INT(ks_soldout_store_set(db, "fries", NULL, NULL, false, "staff-7", KITCHEN_NOON),
                 KS_DB_OK);
    ks_mark older = {.seq = 4, .sold_out = true, .set_at = KITCHEN_NOON - 60};
    snprintf(older.item_id, sizeof older.item_id, "fries");
    snprintf(older.set_by, sizeof older.set_by, "kitchen");
    snprintf(older.set_where, sizeof older.set_where, "kitchen");
    bool applied = true;
    CHECK_EQ_INT(ks_soldout_store_apply(db, &older, &applied), KS_DB_OK);
    CHECK(!applied);
    CHECK_EQ_INT(row_int(path, "fries", "sold_out"), 0);
    /* Once the hub took it (number 5), an older number changes nothing, a newer one wins. */
    ks_mark taken = {.seq = 5, .sold_out = false, .set_at = KITCHEN_NOON};
    snprintf(taken.item_id, sizeof taken.item_id, "fries");
    snprintf(taken.set_by, sizeof taken.set_by, "staff-7");
    snprintf(taken.set_where, sizeof taken.set_where, "kiosk-02");
    CHECK_EQ_INT(ks_soldout_store_taken(db, &taken), KS_DB_OK);
    CHECK_EQ_INT(row_int(path, "fries", "pending"), 0);
    CHECK_EQ_INT(ks_soldout_store_apply(db, &older, &applied), KS_DB_OK);
    CHECK(!applied);
    older.seq = 6;
    CHECK_EQ_INT(ks_soldout_store_apply(db, &older, &applied), KS_DB_OK);
    CHECK(applied);
    CHECK_EQ_INT(row_int(path, "fries", "sold_out"), 1);
    int64_t seq = 0;
    CHECK_EQ_INT(ks_soldout_store_hub_seq(db, &seq), KS_DB_OK);
    CHECK_EQ_INT(seq, 6);
    CHECK_EQ_INT(ks_soldout_store_hub_forget(db), KS_DB_OK);
    CHECK_EQ_INT(ks_soldout_store_hub_seq(db, &seq), KS_DB_OK);
    CHECK_EQ_INT(seq, 0);
    ks_db_close(db);
}

/*
 * The kitchen's screen: a long press on a ticket's line reports it held,
 * the queue's 86 marks that line's item, and a kiosk gets the mark.
 */
static void test_long_press_on_a_line_reaches_a_kiosk(void)
{
    char hub_path[4096];
    snprintf(hub_path, sizeof hub_path, "%s", kitchen_fresh_path("soldout-press.db"));
    struct kitchen_kds kds;
    CHECK(kitchen_kds_start(&kds, hub_path, "127.0.0.1:0"));
    char *json = kitchen_paid_json(1, 17);
    struct http_reply answer;
    kitchen_http("POST", kds.url, KITCHEN_TOKEN, NULL, json, strlen(json), &answer);
    free(json);
    CHECK_EQ_INT(answer.status, 201);

    /* The screen's own connection and working set, as kitchen-display has them. */
    ks_kds_store *screen_store = ks_kds_store_open(hub_path, NULL);
    ks_kds_queue *q = ks_kds_queue_new(screen_store, NULL);
    CHECK_EQ_INT(ks_kds_queue_reload(q), KS_DB_OK);
    CHECK_EQ_INT(ks_kds_queue_count(q), 1);
    struct ui_theme theme;
    ks_kds_screen_theme(&theme);
    char fonts[4200];
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", check_source_dir());
    struct ui_render_png *rp = ui_render_png_new(KS_KDS_SCREEN_W, KS_KDS_SCREEN_H, fonts, &theme);
    CHECK(rp != NULL);
    struct ui_tree *tree = ui_render_png_tree(rp);
    ks_kds_tap tap;
    const ks_kds_kitchen_view view = {.queue = q,
                                      .lang = KS_LANG_EN,
                                      .amber_s = 300,
                                      .red_s = 600,
                                      .now = KITCHEN_NOON,
                                      .tap = &tap};
    CHECK(ui_tree_set_root(tree, ks_kds_kitchen_screen(&view)));
    CHECK(ui_render_png_frame(rp, 1000));
    struct ui_widget *line = ui_tree_find(tree, "line:0:0");
    CHECK(line != NULL);
    SDL_Rect r = ui_widget_rect(line);
    ui_input_pointer(tree, UI_POINTER_DOWN, r.x + r.w / 2, r.y + r.h / 2, 2000);
    ui_tree_update(tree, 2700); /* held past the long press */
    ui_input_pointer(tree, UI_POINTER_UP, r.x + r.w / 2, r.y + r.h / 2, 2750);
    CHECK_EQ_INT(tap.ticket, 0);
    CHECK_EQ_INT(tap.line, 0);
    CHECK(tap.held);
    char item[KS_MARK_ID_MAX + 1];
    snprintf(item, sizeof item, "%s", ks_kds_queue_ticket(q, 0)->order->lines[0].item_id);
    bool sold_out = false;
    CHECK_EQ_INT(
        ks_kds_queue_toggle_sold_out(q, tap.ticket, (size_t)tap.line, KITCHEN_NOON, &sold_out),
        KS_DB_OK);
    CHECK(sold_out);
    ui_render_png_free(rp);
    ks_kds_queue_free(q);
    ks_kds_store_close(screen_store);

    struct kiosk k = {0};
    kiosk_open(&k, "soldout-press-kiosk.db", kds.url, KITCHEN_OTHER_TOKEN);
    CHECK(kiosk_wait_item(&k, item, true));
    const char *where = NULL;
    CHECK(ks_soldout_item_who(k.set, item, NULL, &where, NULL));
    CHECK_EQ_STR(where, "kitchen");
    kiosk_close(&k);
    kitchen_kds_stop(&kds);
}

static const struct check_case cases[] = {
    {"the hub's API: roles, strict bodies, the sequence", test_api_roles_and_sequence},
    {"the kitchen's 86 toggles an item", test_kitchen_86_toggles},
    {"a sold-out mark reaches the other kiosk", test_mark_reaches_the_other_kiosk},
    {"a long press on a kitchen line reaches a kiosk", test_long_press_on_a_line_reaches_a_kiosk},
    {"marks survive restarts of the kiosks and the display", test_marks_survive_restarts},
    {"a pending mark is not overwritten by an older one", test_pending_mark_wins_over_older},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
