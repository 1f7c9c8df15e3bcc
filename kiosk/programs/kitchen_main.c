/*
 * The kitchen display program: receives paid orders from the kiosks over
 * HTTP (kiosk/docs/http-api.md), keeps them in its own database, and shows
 * them to the kitchen (or, in board mode, the order numbers to the
 * customers; in counter mode, the orders to pay at the counter). Keys of a
 * bump bar or keyboard: arrows and 1-9 select, Enter or B bumps, R
 * recalls, C hands the ticket bumped last over; a tap on a ticket's band
 * bumps it, on a line strikes the line through, and a long press on a line
 * marks its item sold out in the whole store ("86"), another puts it back
 * on sale. On the board a tap on a
 * ready number hands it over; at the counter Cash, Card and Cancel act on
 * an unpaid order. The receiver (the process with a listen address)
 * cancels the unpaid orders of an earlier business day once a minute.
 *
 *   kitchen-display [--config FILE] [--db FILE] [--listen ADDR:PORT|""]
 *                   [--station NAME] [--mode kitchen|board|counter] [--lang ar|en]
 *                   [--windowed]
 *   kitchen-display --render kitchen|board|counter --out FILE.png [--lang ar|en] ...
 *   kitchen-display --new-token   (prints a token for [kiosks] or a role)
 *   kitchen-display --config FILE --enrol CODE [--force]   (its [backend] token)
 *
 * Threads: libmicrohttpd's thread receives and stores (its own database
 * connection) and posts an SDL user event; this thread owns SDL, the
 * widget tree and another connection, and rebuilds the screen on that
 * event, on input and once a second for the ages.
 */
#define LOG_TAG "kitchen"
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/device_token.h"
#include "kiosk/app/peer_pull.h"
#include "kiosk/common/bearer_token.h"
#include "kiosk/common/log.h"
#include "kiosk/kitchen/kds_config.h"
#include "kiosk/kitchen/kds_queue.h"
#include "kiosk/kitchen/kds_screen.h"
#include "kiosk/kitchen/kds_server.h"
#include "kiosk/kitchen/kds_soldout.h"
#include "ui/input.h"
#include "ui/render_png.h"
#include "ui/tree.h"
#include "ui/window.h"

/* Tickets read for the board's and the counter's columns; sold-out marks for the kitchen's panel.
 */
#define BOARD_ROWS 200
#define SOLD_OUT_ROWS 32
/* Seconds between two looks for unpaid orders of an earlier business day. */
#define DAY_END_CHECK_S 60

struct options {
    const char *config, *db, *listen, *station, *mode, *lang, *render, *out, *enrol;
    bool windowed, force;
};

/* Everything the program owns; freed by one path at the end of main. */
struct kitchen {
    ks_kds_config cfg;
    ks_kds_store *ui_store;     /* owned: this thread's connection */
    ks_kds_store *server_store; /* owned: the receiver thread's connection */
    ks_kds_api *api;            /* owned */
    ks_http_server *server;     /* owned */
    ks_peer_pull *peers;        /* owned: the store's enrolled kiosks, into api; NULL: none */
    ks_kds_queue *queue;        /* owned; kitchen mode */
    struct ui_theme theme;
    struct ui_window *window; /* owned */
    struct ui_text *text;     /* owned */
    struct ui_tree *tree;     /* owned */
    Uint32 change_event;      /* SDL user event posted by the receiver */
    ks_kds_tap tap;
    /* What the board or the counter shows: taps name an index in these. */
    ks_kds_summary first[BOARD_ROWS], second[BOARD_ROWS];
    size_t n_first, n_second;
    ks_mark sold_out[SOLD_OUT_ROWS]; /* the store's 86 list, read at each build */
};

static volatile sig_atomic_t stop_requested;

/* The peers' puller's list (its worker, or main at the start) for the receiver's API. */
static void take_peers(void *ctx, const ks_peer_list *list)
{
    if (!ks_kds_api_set_peers(ctx, list))
        LOG_ERROR("out of memory: the store's kiosks stay as they were");
}

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void usage(FILE *out)
{
    fputs(
        "usage: kitchen-display [--config FILE] [--db FILE] [--listen ADDR:PORT]\n"
        "                       [--station NAME] [--mode kitchen|board|counter]\n"
        "                       [--lang ar|en] [--windowed]\n"
        "       kitchen-display --render kitchen|board|counter --out FILE.png [--lang ar|en] ...\n"
        "       kitchen-display --new-token\n"
        "       kitchen-display --config FILE --enrol CODE [--force]\n"
        "  --config FILE     INI configuration (kiosk/kitchen/kds_config.h)\n"
        "  --db FILE         the display's database (overrides [kitchen] database)\n"
        "  --listen A:P      receive orders there; \"\" for none (overrides [kitchen] listen)\n"
        "  --station NAME    show one station's lines (defined in [stations])\n"
        "  --mode M          kitchen (the staff's screen), board (the customers') or counter\n"
        "  --lang ar|en      the screen's language\n"
        "  --windowed        a development window instead of fullscreen\n"
        "  --render S        draw screen S from the database into --out and exit\n"
        "  --new-token       print a new random token (256 bits) and exit\n"
        "  --enrol CODE      trade the back office's one-time code for this display's token\n"
        "                    ([backend] token_file) and exit: 0 enrolled, 1 failed, 3 code\n"
        "                    refused, 4 backend unreachable, 5 enrolled already (--force)\n",
        out);
}

static bool parse_options(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'}, {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'}, {"station", required_argument, NULL, 's'},
        {"mode", required_argument, NULL, 'm'},   {"lang", required_argument, NULL, 'L'},
        {"render", required_argument, NULL, 'r'}, {"out", required_argument, NULL, 'o'},
        {"windowed", no_argument, NULL, 'w'},     {"new-token", no_argument, NULL, 't'},
        {"enrol", required_argument, NULL, 'e'},  {"force", no_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            o->config = optarg;
            break;
        case 'd':
            o->db = optarg;
            break;
        case 'l':
            o->listen = optarg;
            break;
        case 's':
            o->station = optarg;
            break;
        case 'm':
            o->mode = optarg;
            break;
        case 'L':
            o->lang = optarg;
            break;
        case 'r':
            o->render = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case 'w':
            o->windowed = true;
            break;
        case 'e':
            o->enrol = optarg;
            break;
        case 'f':
            o->force = true;
            break;
        case 't':
            exit(ks_print_new_token());
        case 'h':
            usage(stdout);
            exit(0);
        default:
            return false;
        }
    }
    return optind == argc;
}

static bool copy_option(char *out, size_t size, const char *value, const char *what)
{
    if (strlen(value) >= size) {
        fprintf(stderr, "kitchen-display: %s too long\n", what);
        return false;
    }
    memcpy(out, value, strlen(value) + 1);
    return true;
}

/* The configuration file (if any) with the command line on top. */
static bool configure(struct kitchen *k, const struct options *o)
{
    ks_kds_config *cfg = &k->cfg;
    ks_kds_config_defaults(cfg);
    ks_kds_config_error err;
    if (o->config && !ks_kds_config_load(cfg, o->config, &err)) {
        fprintf(stderr, "kitchen-display: %s:%d: %s\n", o->config, err.line, err.message);
        return false;
    }
    if ((o->db && !copy_option(cfg->database, sizeof cfg->database, o->db, "--db")) ||
        (o->listen && !copy_option(cfg->listen, sizeof cfg->listen, o->listen, "--listen")) ||
        (o->station && !copy_option(cfg->station, sizeof cfg->station, o->station, "--station")))
        return false;
    if (cfg->station[0] && !ks_kds_config_station(cfg)) {
        fprintf(stderr, "kitchen-display: station \"%s\" is not in [stations]\n", cfg->station);
        return false;
    }
    const char *mode = o->render ? o->render : o->mode;
    if (mode && strcmp(mode, "kitchen") != 0 && strcmp(mode, "board") != 0 &&
        strcmp(mode, "counter") != 0) {
        fprintf(stderr, "kitchen-display: the mode is kitchen, board or counter\n");
        return false;
    }
    if (mode)
        cfg->mode = mode[0] == 'b'   ? KS_KDS_MODE_BOARD
                    : mode[0] == 'c' ? KS_KDS_MODE_COUNTER
                                     : KS_KDS_MODE_KITCHEN;
    if (o->lang && strcmp(o->lang, "ar") != 0 && strcmp(o->lang, "en") != 0) {
        fprintf(stderr, "kitchen-display: --lang is ar or en\n");
        return false;
    }
    if (o->lang)
        cfg->language = o->lang[0] == 'a' ? KS_LANG_AR : KS_LANG_EN;
    return true;
}

/* Receiver thread: a ticket arrived or changed; the UI thread reloads. */
static void on_change(const char *uuid, enum ks_order_status status, bool is_new, void *ctx)
{
    const struct kitchen *k = ctx;
    SDL_Event ev = {.type = k->change_event};
    ev.user.code = is_new;
    SDL_PushEvent(&ev);
}

/* The screen for the current data at now. NULL when out of memory. */
static struct ui_widget *build_screen(struct kitchen *k, int64_t now)
{
    if (k->cfg.mode == KS_KDS_MODE_KITCHEN) {
        size_t n_sold_out = 0;
        if (ks_kds_soldout_active(k->ui_store, k->sold_out, SOLD_OUT_ROWS, &n_sold_out) != KS_DB_OK)
            LOG_ERROR("the kitchen cannot read the sold-out marks");
        const ks_kds_kitchen_view view = {
            .queue = k->queue,
            .lang = k->cfg.language,
            .station_name = k->cfg.station,
            .amber_s = k->cfg.amber_s,
            .red_s = k->cfg.red_s,
            .now = now,
            .tap = &k->tap,
            .sold_out = k->sold_out,
            .n_sold_out = n_sold_out,
        };
        return ks_kds_kitchen_screen(&view);
    }
    /* Ready numbers leave the board once collected, or after board_clear_minutes. */
    size_t n_ready = 0;
    if (ks_kds_store_list(k->ui_store, KS_KDS_STATUS(KS_ORDER_READY), k->second, BOARD_ROWS,
                          &n_ready) != KS_DB_OK)
        LOG_ERROR("the %s cannot read the tickets",
                  k->cfg.mode == KS_KDS_MODE_BOARD ? "board" : "counter");
    k->n_second = 0;
    for (size_t i = 0; i < n_ready; i++)
        if (now - k->second[i].status_at < k->cfg.board_clear_s)
            k->second[k->n_second++] = k->second[i];
    unsigned first = k->cfg.mode == KS_KDS_MODE_BOARD
                         ? KS_KDS_STATUS(KS_ORDER_PAID) | KS_KDS_STATUS(KS_ORDER_SENT_TO_KITCHEN) |
                               KS_KDS_STATUS(KS_ORDER_IN_PREPARATION)
                         : KS_KDS_STATUS(KS_ORDER_CREATED);
    if (ks_kds_store_list(k->ui_store, first, k->first, BOARD_ROWS, &k->n_first) != KS_DB_OK)
        k->n_first = 0;
    if (k->cfg.mode == KS_KDS_MODE_BOARD)
        return ks_kds_board_screen(k->first, k->n_first, k->second, k->n_second, k->cfg.language,
                                   &k->tap);
    const ks_kds_counter_view view = {
        .unpaid = k->first,
        .n_unpaid = k->n_first,
        .ready = k->second,
        .n_ready = k->n_second,
        .lang = k->cfg.language,
        .now = now,
        .tap = &k->tap,
    };
    return ks_kds_counter_screen(&view);
}

static int render_png(struct kitchen *k, const char *out)
{
    char fonts[1100];
    snprintf(fonts, sizeof fonts, "%s/fonts", k->cfg.assets);
    struct ui_render_png *rp =
        ui_render_png_new(KS_KDS_SCREEN_W, KS_KDS_SCREEN_H, fonts, &k->theme);
    if (!rp) {
        fprintf(stderr, "kitchen-display: cannot render (fonts in %s?)\n", fonts);
        return 1;
    }
    struct ui_tree *tree = ui_render_png_tree(rp);
    ui_tree_set_dir(tree, k->cfg.language == KS_LANG_AR ? UI_DIR_RTL : UI_DIR_LTR);
    bool ok = ui_tree_set_root(tree, build_screen(k, (int64_t)time(NULL))) &&
              ui_render_png_frame(rp, 0) && ui_render_png_save(rp, out);
    ui_render_png_free(rp);
    if (!ok)
        fprintf(stderr, "kitchen-display: cannot write %s\n", out);
    return ok ? 0 : 1;
}

/* The bump bar's key for an SDL key, or -1. */
static int bump_bar_key(SDL_Keycode sym)
{
    if (sym >= SDLK_1 && sym <= SDLK_9)
        return KS_KDS_KEY_1 + (int)(sym - SDLK_1);
    switch (sym) {
    case SDLK_LEFT:
        return KS_KDS_KEY_PREV;
    case SDLK_RIGHT:
        return KS_KDS_KEY_NEXT;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_b:
        return KS_KDS_KEY_BUMP;
    case SDLK_r:
        return KS_KDS_KEY_RECALL;
    case SDLK_c:
        return KS_KDS_KEY_HAND_OVER;
    default:
        return -1;
    }
}

/* The counter's or the board's tap: a payment, a cancel or a hand-over, written at once. */
static void act_at_counter(struct kitchen *k, ks_kds_tap tap, int64_t now)
{
    bool hand_over = tap.line == KS_KDS_COUNTER_HAND_OVER;
    const ks_kds_summary *list = hand_over ? k->second : k->first;
    size_t n = hand_over ? k->n_second : k->n_first;
    if ((size_t)tap.ticket >= n)
        return;
    const ks_kds_summary *o = &list[tap.ticket];
    enum ks_db_error err;
    if (tap.line == KS_KDS_COUNTER_CASH || tap.line == KS_KDS_COUNTER_CARD)
        err = ks_kds_store_pay(k->ui_store, o->uuid,
                               tap.line == KS_KDS_COUNTER_CASH ? "cash" : "card", now, NULL);
    else
        err = ks_kds_store_set_status(
            k->ui_store, o->uuid, hand_over ? KS_ORDER_COLLECTED : KS_ORDER_CANCELLED, now, NULL);
    if (err != KS_DB_OK)
        LOG_ERROR("order %d: %s", (int)o->number, ks_db_strerror(err));
    else
        LOG_INFO("order %d %s", (int)o->number,
                 hand_over                           ? "handed over"
                 : tap.line == KS_KDS_COUNTER_CANCEL ? "cancelled at the counter"
                                                     : "paid at the counter");
}

/* Acts on a tap the screen reported. */
static void act_on_tap(struct kitchen *k, int64_t now)
{
    ks_kds_tap tap = k->tap;
    k->tap = (ks_kds_tap){-1, -1, false};
    if (tap.ticket >= 0 && k->cfg.mode != KS_KDS_MODE_KITCHEN) {
        act_at_counter(k, tap, now);
        return;
    }
    if (tap.ticket < 0 || !k->queue)
        return;
    ks_kds_queue_select(k->queue, tap.ticket);
    if (tap.held)
        ks_kds_queue_toggle_sold_out(k->queue, tap.ticket, (size_t)tap.line, now, NULL);
    else if (tap.line < 0)
        ks_kds_queue_bump(k->queue, tap.ticket, now);
    else
        ks_kds_queue_toggle_line(k->queue, tap.ticket, (size_t)tap.line, now);
}

/* The receiver ends the business day: unpaid counter orders of earlier days are cancelled. */
static void cancel_unpaid_of_past_days(struct kitchen *k, int64_t now)
{
    int64_t began =
        ks_kds_business_day_began(now, k->cfg.utc_offset_min, k->cfg.business_day_start_min);
    size_t n = 0;
    enum ks_db_error err = ks_kds_store_cancel_unpaid(k->ui_store, began, now, &n);
    if (err != KS_DB_OK)
        LOG_ERROR("cancelling unpaid orders of earlier days failed: %s", ks_db_strerror(err));
    else if (n > 0)
        LOG_INFO("%zu unpaid counter orders of earlier business days cancelled", n);
}

static int run(struct kitchen *k, bool windowed)
{
    const struct ui_window_config wc = {.kiosk = !windowed,
                                        .allow_quit = true,
                                        .orientation = UI_ORIENTATION_LANDSCAPE,
                                        .title = "Kitchen display"};
    k->window = ui_window_new(&wc);
    if (!k->window) {
        LOG_ERROR("cannot open the window: %s", SDL_GetError());
        return 1;
    }
    char fonts[1100];
    snprintf(fonts, sizeof fonts, "%s/fonts", k->cfg.assets);
    k->text = ui_text_new(fonts, ui_window_renderer(k->window), NULL);
    k->tree = k->text ? ui_tree_new(ui_window_renderer(k->window), k->text, &k->theme,
                                    ui_window_width(k->window), ui_window_height(k->window), NULL)
                      : NULL;
    if (!k->tree) {
        LOG_ERROR("cannot start the screen (fonts in %s?)", fonts);
        return 1;
    }
    ui_tree_set_dir(k->tree, k->cfg.language == KS_LANG_AR ? UI_DIR_RTL : UI_DIR_LTR);
    ui_tree_set_full_redraw(k->tree, !ui_window_is_software(k->window));
    ui_tree_set_pixels(k->tree, ui_window_surface(k->window));

    bool dirty = true;
    int64_t shown_second = 0, day_checked = 0;
    while (!stop_requested) {
        SDL_Event ev;
        uint64_t ms = SDL_GetTicks64();
        int64_t now = (int64_t)time(NULL);
        if (SDL_WaitEventTimeout(&ev, 250)) {
            ms = SDL_GetTicks64();
            if (ui_window_should_quit(k->window, &ev))
                break;
            if (ev.type == k->change_event) {
                dirty = true;
            } else if (ev.type == SDL_KEYDOWN && k->queue && bump_bar_key(ev.key.keysym.sym) >= 0) {
                ks_kds_queue_key(k->queue, (enum ks_kds_key)bump_bar_key(ev.key.keysym.sym), now);
                dirty = true;
            } else {
                ui_input_sdl_event(k->tree, &ev, ms);
                if (k->tap.ticket >= 0) {
                    act_on_tap(k, now);
                    dirty = true;
                }
            }
        }
        if (k->cfg.listen[0] && now - day_checked >= DAY_END_CHECK_S) {
            cancel_unpaid_of_past_days(k, now);
            day_checked = now;
            dirty = true;
        }
        if (dirty && k->queue && ks_kds_queue_reload(k->queue) != KS_DB_OK)
            LOG_ERROR("reading the tickets failed");
        if (dirty || now != shown_second) {
            /* The board also refreshes each second: another process may bump on this database. */
            if (!ui_tree_set_root(k->tree, build_screen(k, now)))
                LOG_ERROR("out of memory building the screen");
            shown_second = now;
            dirty = false;
        }
        ui_tree_update(k->tree, ms);
        if (ui_tree_render(k->tree, NULL))
            ui_window_present(k->window, k->tree);
    }
    return 0;
}

static void shut_down(struct kitchen *k)
{
    ks_peer_pull_stop(k->peers);    /* first: it hands its lists to the API */
    ks_http_server_stop(k->server); /* then: its thread uses the API and its store */
    ks_kds_api_free(k->api);
    ks_kds_store_close(k->server_store);
    ks_kds_queue_free(k->queue);
    ui_tree_free(k->tree);
    ui_text_free(k->text);
    ui_window_free(k->window);
    ks_kds_store_close(k->ui_store);
}

int main(int argc, char **argv)
{
    struct options o = {0};
    if (!parse_options(argc, argv, &o) || (o.render && !o.out)) {
        usage(stderr);
        return 2;
    }
    static struct kitchen k;
    k.tap = (ks_kds_tap){-1, -1, false};
    int status = 1;
    if (!configure(&k, &o))
        goto end;
    if (o.enrol) {
        status = (int)ks_device_token_enrol_backend(&k.cfg.backend, o.enrol, o.force);
        goto end;
    }
    ks_kds_screen_theme(&k.theme);
    enum ks_db_error err;
    k.ui_store = ks_kds_store_open(k.cfg.database, &err);
    if (!k.ui_store) {
        fprintf(stderr, "kitchen-display: %s: %s\n", k.cfg.database, ks_db_strerror(err));
        goto end;
    }
    if (k.cfg.mode == KS_KDS_MODE_KITCHEN) {
        k.queue = ks_kds_queue_new(k.ui_store, ks_kds_config_station(&k.cfg));
        if (k.queue)
            ks_kds_queue_set_cook_unpaid(k.queue, k.cfg.cook_unpaid);
        if (!k.queue || ks_kds_queue_reload(k.queue) != KS_DB_OK)
            goto end;
    }
    if (o.render) {
        status = render_png(&k, o.out);
        goto end;
    }

    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        LOG_ERROR("SDL: %s", SDL_GetError());
        goto end;
    }
    k.change_event = SDL_RegisterEvents(1);
    if (k.cfg.listen[0]) {
        if (k.cfg.creds.n_kiosks == 0 && !k.cfg.backend.url[0])
            LOG_WARN("no kiosks in [kiosks]: every order will be refused (401)");
        k.server_store = ks_kds_store_open(k.cfg.database, NULL);
        k.api = k.server_store ? ks_kds_api_new(k.server_store, &k.cfg.creds, on_change, &k) : NULL;
        k.server = k.api ? ks_kds_server_start(k.api, k.cfg.listen, &k.cfg.tls) : NULL;
        if (!k.server)
            goto end;
        k.peers = ks_peer_pull_start_for(&k.cfg.backend, k.cfg.database, "kitchen-display", false,
                                         take_peers, k.api);
        if (k.cfg.backend.url[0] && !k.peers)
            goto end;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    status = run(&k, o.windowed);
end:
    shut_down(&k);
    if (SDL_WasInit(0))
        SDL_Quit();
    return status;
}
