/*
 * Golden images of the kitchen display: the kitchen screen (five tickets,
 * four shown: one red, one amber with a line struck through and selected,
 * two green; a weighed item, notes, modifiers, the all-day panel) and the
 * customers' order-ready board, in English and in Arabic. Rendered
 * headless at 1920 x 1080 with fonts from assets/fonts only and compared
 * exactly with tests/golden/kitchen/NAME.png (tests/support/golden.h:
 * NAME_err.png on a mismatch, KIOSK_UPDATE_GOLDEN=1 rewrites).
 */
#include "tests/unit/test_kitchen_fixture.h"

#include "kiosk/kitchen/kds_queue.h"
#include "kiosk/kitchen/kds_screen.h"
#include "tests/support/golden.h"
#include "ui/render_png.h"

/* The screen's clock: an hour after the fixture orders were made. */
#define NOW (KITCHEN_NOON + 3600)

struct ticket_spec {
    unsigned lines; /* fixture lines kept (bits) */
    int32_t number;
    enum ks_service service;
    int age_s;
};

/* clang-format off */
static const struct ticket_spec specs[] = {
    {0x07, 41, KS_SERVICE_TAKEAWAY, 12 * 60 + 30}, /* meal, fries, cola with a note: red */
    {0x11, 42, KS_SERVICE_DINE_IN, 7 * 60 + 5},    /* meal (struck through), water: amber */
    {0x0e, 43, KS_SERVICE_TAKEAWAY, 2 * 60 + 10},  /* fries, cola, dates by weight: green */
    {0x04, 44, KS_SERVICE_DINE_IN, 40},
    {0x01, 45, KS_SERVICE_DINE_IN, 5},             /* on the next page: "showing 1 to 4 of 5" */
};
/* clang-format on */

static ks_kds_store *kitchen_with_tickets(void)
{
    ks_kds_store *store = ks_kds_store_open(kitchen_fresh_path("golden.db"), NULL);
    for (size_t i = 0; store && i < sizeof specs / sizeof specs[0]; i++) {
        ks_order *o =
            kitchen_order(100 + (unsigned)i, specs[i].lines, specs[i].number, specs[i].service);
        char *json = ks_order_to_json(o, NULL);
        bool duplicate;
        bool ok = json && ks_kds_store_add(store, o, json, strlen(json), NOW - specs[i].age_s,
                                           &duplicate) == KS_DB_OK;
        if (ok && i == 1)
            ok = ks_kds_store_set_line_done(store, o->uuid, 0, true, NOW) == KS_DB_OK;
        free(json);
        ks_order_free(o);
        if (!ok) {
            ks_kds_store_close(store);
            return NULL;
        }
    }
    return store;
}

static bool render_and_compare(const char *name, struct ui_widget *screen, enum ks_lang lang)
{
    struct ui_theme theme;
    ks_kds_screen_theme(&theme);
    char fonts[4200];
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", check_source_dir());
    struct ui_render_png *rp = ui_render_png_new(KS_KDS_SCREEN_W, KS_KDS_SCREEN_H, fonts, &theme);
    if (!rp) {
        ui_widget_free(screen);
        return false;
    }
    struct ui_tree *tree = ui_render_png_tree(rp);
    ui_tree_set_dir(tree, lang == KS_LANG_AR ? UI_DIR_RTL : UI_DIR_LTR);
    ui_tree_set_root(tree, screen);
    bool drawn = ui_render_png_frame(rp, 1000);
    SDL_Surface *s = ui_render_png_surface(rp);
    bool match =
        drawn && golden_match_rgba("kitchen", name, s->pixels, s->w, s->h, (size_t)s->pitch);
    ui_render_png_free(rp);
    return match;
}

static void check_kitchen(const char *name, enum ks_lang lang)
{
    ks_kds_store *store = kitchen_with_tickets();
    CHECK(store != NULL);
    ks_kds_queue *q = ks_kds_queue_new(store, NULL);
    CHECK(q != NULL);
    CHECK_EQ_INT(ks_kds_queue_reload(q), KS_DB_OK);
    CHECK_EQ_INT(ks_kds_queue_count(q), 5);
    ks_kds_queue_select(q, 1);
    ks_kds_tap tap;
    /* The store's 86 list under the all-day counts. */
    static const ks_mark sold_out[] = {{.item_id = "apple-pie",
                                        .sold_out = true,
                                        .name_ar = "فطيرة التفاح",
                                        .name_en = "Apple pie"}};
    const ks_kds_kitchen_view view = {.queue = q,
                                      .lang = lang,
                                      .amber_s = 300,
                                      .red_s = 600,
                                      .now = NOW,
                                      .tap = &tap,
                                      .sold_out = sold_out,
                                      .n_sold_out = 1};
    bool match = render_and_compare(name, ks_kds_kitchen_screen(&view), lang);
    ks_kds_queue_free(q);
    ks_kds_store_close(store);
    CHECK(match);
}

static void check_board(const char *name, enum ks_lang lang)
{
    ks_kds_summary preparing[4] = {{.number = 41}, {.number = 43}, {.number = 44}, {.number = 45}};
    ks_kds_summary ready[3] = {{.number = 38}, {.number = 39}, {.number = 40}};
    CHECK(render_and_compare(name, ks_kds_board_screen(preparing, 4, ready, 3, lang, NULL), lang));
}

static void check_counter(const char *name, enum ks_lang lang)
{
    ks_kds_summary unpaid[3] = {
        {.number = 52, .total = 4600, .received_at = NOW - 240, .service = KS_SERVICE_TAKEAWAY},
        {.number = 2007, .total = 123450, .received_at = NOW - 90, .service = KS_SERVICE_DINE_IN},
        {.number = 55, .total = 900, .received_at = NOW - 10, .service = KS_SERVICE_TAKEAWAY},
    };
    ks_kds_summary ready[2] = {{.number = 38}, {.number = 2004}};
    ks_kds_tap tap;
    const ks_kds_counter_view view = {.unpaid = unpaid,
                                      .n_unpaid = 3,
                                      .ready = ready,
                                      .n_ready = 2,
                                      .lang = lang,
                                      .now = NOW,
                                      .tap = &tap};
    CHECK(render_and_compare(name, ks_kds_counter_screen(&view), lang));
}

static void test_counter_en(void)
{
    check_counter("counter_en", KS_LANG_EN);
}

static void test_counter_ar(void)
{
    check_counter("counter_ar", KS_LANG_AR);
}

static void test_kitchen_en(void)
{
    check_kitchen("kitchen_en", KS_LANG_EN);
}

static void test_kitchen_ar(void)
{
    check_kitchen("kitchen_ar", KS_LANG_AR);
}

static void test_board_en(void)
{
    check_board("board_en", KS_LANG_EN);
}

static void test_board_ar(void)
{
    check_board("board_ar", KS_LANG_AR);
}

static const struct check_case cases[] = {
    {"kitchen screen, English", test_kitchen_en},  {"kitchen screen, Arabic", test_kitchen_ar},
    {"order-ready board, English", test_board_en}, {"order-ready board, Arabic", test_board_ar},
    {"counter, English", test_counter_en},         {"counter, Arabic", test_counter_ar},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
