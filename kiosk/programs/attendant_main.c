/*
 * The attendant console program: receives the self-checkout lanes'
 * reports over HTTP on the store's LAN (kiosk/docs/attendant-api.md),
 * keeps them in its own database, and shows every lane live to the
 * attendant signed in with their PIN or staff badge, whose decisions go
 * back to the lanes in the answers to their reports.
 *
 *   attendant-console --config FILE [--windowed] [--script FILE]
 *   attendant-console --hash           (a PIN or badge code on stdin -> its hash)
 *   attendant-console --new-token      (a token for a lane in [lanes])
 *   attendant-console --config FILE --enrol CODE [--force]   (its [backend] token)
 *
 * Enrolled ([backend], README "Enrolling an attendant console"), it pulls
 * its store's kiosks and staff list (kiosk/app/peer_pull.h): a kiosk
 * reports as its own lane with its own enrolled token, and the back
 * office's people sign in with their kiosk PINs, checked as a kiosk checks
 * them (kiosk/attendant/att_staff.h); [lanes] and [staff] serve without one.
 * Wrong PINs lock sign-in for a while, by the kiosk's rule, kept in the
 * console's database across a restart. Enrolled, its sign-ins and PIN
 * lockouts go to the back office through the kiosk's outbox in its
 * database and the kiosk's delivery worker (kiosk/app/delivery.h).
 *
 * A staff badge scanned by a keyboard-wedge scanner (its digits, then
 * Enter) signs in like a PIN. --script drives the console for tests
 * (kiosk/screens/script.h: tap, await, present, absent, wait, shot, and
 * scan for a badge) on real time, then exits.
 *
 * Threads: libmicrohttpd's thread receives and stores the reports (its own
 * database connection) and posts an SDL user event when a lane changed;
 * this thread owns SDL, the widget tree and another connection, stores
 * the attendant's decisions, and rebuilds the screen on that event, on
 * input and every 500 ms (lanes going silent turn offline).
 */
#define LOG_TAG "attendant"
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "kiosk/app/delivery.h"
#include "kiosk/app/device_token.h"
#include "kiosk/app/peer_pull.h"
#include "kiosk/attendant/att_config.h"
#include "kiosk/attendant/att_screen.h"
#include "kiosk/attendant/att_server.h"
#include "kiosk/attendant/att_staff.h"
#include "kiosk/common/bearer_token.h"
#include "kiosk/common/log.h"
#include "kiosk/common/uuid.h"
#include "kiosk/screens/script.h"
#include "ui/input.h"
#include "ui/png.h"
#include "ui/tree.h"
#include "ui/w_scroll.h"
#include "ui/window.h"

#define REFRESH_MS 500
#define BADGE_MAX 64

/* Everything the program owns; freed by one path at the end of main. */
struct console {
    ks_att_config cfg;
    ks_att_store *desk;     /* owned: this thread's connection */
    ks_att_store *receiver; /* owned: the receiver thread's connection */
    ks_att_api *api;        /* owned */
    ks_http_server *server; /* owned */
    ks_peer_pull *peers;    /* owned: the store's kiosks (into api) and staff list; NULL: none */
    ks_db *staff_db;        /* owned: this thread's connection for the staff list; NULL: none */
    ks_delivery *relay;     /* owned: sends the sign-ins and lockouts queued; NULL: not enrolled */
    struct ui_theme theme;
    struct ui_window *window; /* owned */
    struct ui_text *text;     /* owned */
    struct ui_tree *tree;     /* owned */
    Uint32 change_event;      /* posted by the receiver when a lane changed */
    ks_att_lane lanes[KS_ATT_MAX_LANES];
    size_t n_lanes;
    char staff[KS_STAFF_ID_MAX + 1]; /* who signed in: an INI attendant or a person; "": nobody */
    ks_att_guard guard;              /* the PIN lockout, kept in desk's database */
    bool wrong_pin;
    bool locked; /* the sign-in screen built says locked */
    ks_att_tap tap;
    char badge[BADGE_MAX + 1]; /* a wedge scanner's keys so far */
    size_t badge_len;
    bool dirty;         /* the console's own state changed: sign-in, a tap */
    bool lanes_changed; /* the receiver stored a lane's report since the last build */
    int64_t built_ms;
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static int64_t utc_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static void usage(FILE *out)
{
    fputs("usage: attendant-console --config FILE [--windowed] [--script FILE]\n"
          "       attendant-console --hash   (reads a PIN or badge code on stdin)\n"
          "       attendant-console --new-token   (prints a new random lane token)\n"
          "       attendant-console --config FILE --enrol CODE [--force]\n"
          "  --enrol CODE   trade the back office's one-time code for this console's token\n"
          "                 ([backend] token_file) and exit: 0 enrolled, 1 failed, 3 code\n"
          "                 refused, 4 backend unreachable, 5 enrolled already (--force)\n",
          out);
}

/* Reads one line from stdin and prints its hash for [staff] or [badges]. */
static int hash_stdin(void)
{
    char line[128];
    if (!fgets(line, sizeof line, stdin))
        return 1;
    line[strcspn(line, "\r\n")] = '\0';
    char out[KS_STAFF_SECRET_MAX + 1];
    if (!ks_staff_secret_hash(line, out)) {
        fputs("attendant-console: 1 to 64 characters are needed\n", stderr);
        return 1;
    }
    puts(out);
    return 0;
}

/* On the receiver's thread. */
static void on_change(const char *lane, void *ctx)
{
    const struct console *c = ctx;
    (void)lane;
    SDL_Event ev = {.type = c->change_event};
    SDL_PushEvent(&ev);
}

/* The peers' puller's list (its worker, or main at the start) for the receiver's API. */
static void take_peers(void *ctx, const ks_peer_list *list)
{
    if (ctx && !ks_att_api_set_peers(ctx, list))
        LOG_ERROR("out of memory: the store's kiosks stay as they were");
}

/*
 * The delivery worker for the sign-ins and lockouts an enrolled console queues in its database's
 * outbox (kiosk/attendant/att_staff.h): the kiosk's, sending beside the API root of b with the
 * console's enrolled token. NULL (logged) when it cannot start.
 */
static ks_delivery *start_relay(const ks_device_backend *b, const char *database)
{
    char token[KS_CONFIG_TOKEN_MAX + 1], orders[KS_URL_MAX + 16];
    /* The worker finds the API root as the kiosk's backend_url's folder: <root>/orders. */
    int n = snprintf(orders, sizeof orders, "%s/orders", b->url);
    if (n < 0 || (size_t)n >= sizeof orders ||
        !ks_device_token_load(b->token_file, token, "attendant-console"))
        return NULL;
    const ks_delivery_config dc = {
        .db_path = database, .backend_url = orders, .token = token, .ca_file = b->ca_certificate};
    ks_delivery *d = token[0] ? ks_delivery_start(&dc) : NULL;
    memset(token, 0, sizeof token);
    return d;
}

static void sign_in(struct console *c, const char *typed, bool badge)
{
    enum ks_att_sign_in got =
        ks_att_staff_try(&c->guard, &c->cfg, c->staff_db, typed, badge, utc_ms(), c->staff);
    c->wrong_pin = got != KS_ATT_SIGN_IN_OK;
    ks_delivery_wake(c->relay); /* a sign-in or lockout may be queued for the back office */
    if (got == KS_ATT_SIGN_IN_OK)
        LOG_INFO("%s signed in by %s", c->staff, badge ? "badge" : "PIN");
    else if (got == KS_ATT_SIGN_IN_WRONG)
        LOG_WARN("a %s matched no attendant", badge ? "badge" : "PIN");
    else
        LOG_WARN("a %s refused: sign-in is locked", badge ? "badge" : "PIN");
}

/* Stores the decision a tap on an action means; the lane gets it with its next report. */
static void decide(struct console *c, const ks_att_tap *tap)
{
    if (!c->staff[0] || tap->lane >= c->n_lanes)
        return;
    const ks_att_report *r = &c->lanes[tap->lane].report;
    const ks_att_request *q = tap->request < r->n_requests ? &r->requests[tap->request] : NULL;
    ks_att_decision d = {.action = tap->action, .decided_at = utc_ms() / 1000};
    if (!ks_uuid_new(d.uuid))
        return;
    snprintf(d.staff, sizeof d.staff, "%s", ks_att_staff_decider(c->staff));
    if (tap->action == KS_DECIDE_VOID_LINE)
        d.line = q ? q->line : 0; /* the request's line, decided on its own */
    else if (q)
        memcpy(d.request, q->uuid, sizeof d.request);
    enum ks_db_error err = ks_att_store_decide(c->desk, r->lane_id, &d);
    if (err == KS_DB_OK)
        LOG_INFO("%s: %s on %s (%s)", c->staff, ks_att_action_name(d.action), r->lane_id, d.uuid);
    else
        LOG_WARN("%s on %s not taken: %s", ks_att_action_name(d.action), r->lane_id,
                 ks_db_strerror(err));
}

static void act_on_tap(struct console *c)
{
    ks_att_tap tap = c->tap;
    c->tap.kind = KS_ATT_TAP_NONE;
    switch (tap.kind) {
    case KS_ATT_TAP_PIN:
        sign_in(c, tap.pin, false);
        break;
    case KS_ATT_TAP_ACTION:
        decide(c, &tap);
        break;
    case KS_ATT_TAP_SIGN_OUT:
        c->staff[0] = '\0';
        break;
    case KS_ATT_TAP_NONE:
        return;
    }
    c->dirty = true;
}

/* A wedge scanner's keys: digits and letters gather, Enter signs in with them as a badge. */
static bool badge_key(struct console *c, const SDL_Event *ev)
{
    if (c->staff[0])
        return false;
    if (ev->type == SDL_TEXTINPUT) {
        size_t len = strlen(ev->text.text);
        if (c->badge_len + len <= BADGE_MAX) {
            memcpy(c->badge + c->badge_len, ev->text.text, len + 1);
            c->badge_len += len;
        }
        return true;
    }
    if (ev->type == SDL_KEYDOWN &&
        (ev->key.keysym.sym == SDLK_RETURN || ev->key.keysym.sym == SDLK_KP_ENTER) &&
        c->badge_len > 0) {
        sign_in(c, c->badge, true);
        c->badge_len = 0;
        c->badge[0] = '\0';
        c->dirty = true;
        return true;
    }
    return false;
}

static void rebuild(struct console *c, int64_t now)
{
    if (ks_att_store_lanes(c->desk, c->lanes, KS_ATT_MAX_LANES, &c->n_lanes) != KS_DB_OK)
        LOG_ERROR("the lanes cannot be read");
    const ks_att_view view = {
        .lanes = c->lanes,
        .n_lanes = c->n_lanes,
        .lang = c->cfg.language,
        .now_ms = now,
        .staff = c->staff[0] ? c->staff : NULL,
        .wrong_pin = c->wrong_pin,
        .locked = ks_att_guard_locked(&c->guard, now),
        .tap = &c->tap,
    };
    c->locked = view.locked;
    /* The list stays where the attendant scrolled it. */
    struct ui_widget *before = ui_tree_find(c->tree, KS_ATT_LANES_LIST);
    int offset = before ? ui_scroll_offset(before) : 0;
    struct ui_widget *screen = ks_att_screen(&view);
    if (!ui_tree_set_root(c->tree, screen))
        LOG_ERROR("out of memory building the screen");
    struct ui_widget *after = screen ? ui_tree_find(c->tree, KS_ATT_LANES_LIST) : NULL;
    if (after && offset > 0) {
        ui_tree_update(c->tree, SDL_GetTicks64()); /* laid out, so the offset can be clamped */
        ui_scroll_set_offset(after, offset);
    }
    c->built_ms = now;
    c->dirty = false;
    c->lanes_changed = false;
}

/* One turn: events for up to wait_ms, the screen rebuilt when due, a frame. */
static bool turn(struct console *c, int wait_ms)
{
    SDL_Event ev;
    bool got = SDL_WaitEventTimeout(&ev, wait_ms);
    while (got) {
        if (ui_window_should_quit(c->window, &ev))
            return false;
        if (ev.type == c->change_event)
            c->lanes_changed = true;
        else if (!badge_key(c, &ev))
            ui_input_sdl_event(c->tree, &ev, SDL_GetTicks64());
        act_on_tap(c);
        got = SDL_PollEvent(&ev);
    }
    /*
     * The lanes' screen follows the lanes; the sign-in screen only its own
     * taps (a rebuild would clear the digits typed so far). Neither is
     * rebuilt under a finger, which would lose the press.
     */
    int64_t now = utc_ms();
    /* The keypad opens again when the lockout's time is over. */
    bool due = c->dirty || (c->staff[0] && (c->lanes_changed || now - c->built_ms >= REFRESH_MS)) ||
               (c->locked && !ks_att_guard_locked(&c->guard, now));
    if (due && !ui_input_pointer_down(c->tree))
        rebuild(c, now);
    ui_tree_update(c->tree, SDL_GetTicks64());
    if (ui_tree_render(c->tree, NULL))
        ui_window_present(c->window, c->tree);
    return !stop_requested;
}

/* ---- scripts (tests): real time, the kiosk's script language ---- */

static void push_finger(struct console *c, Uint32 type, SDL_Rect r)
{
    SDL_Event ev = {.type = type};
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = 1;
    ev.tfinger.x = ((float)(r.x + r.w / 2) + 0.5f) / (float)ui_tree_width(c->tree);
    ev.tfinger.y = ((float)(r.y + r.h / 2) + 0.5f) / (float)ui_tree_height(c->tree);
    ev.tfinger.pressure = 1.0f;
    SDL_PushEvent(&ev);
}

static bool run_step(struct console *c, const ks_script_step *st, char *why, size_t cap)
{
    struct ui_widget *w;
    switch (st->op) {
    case KS_SCRIPT_TAP:
        ui_tree_update(c->tree, SDL_GetTicks64()); /* laid out: the widget has its place */
        w = ui_tree_find(c->tree, st->arg);
        if (!w || !ui_widget_is_enabled(w)) {
            snprintf(why, cap, "no enabled widget \"%s\"", st->arg);
            return false;
        }
        push_finger(c, SDL_FINGERDOWN, ui_widget_rect(w));
        turn(c, 1);
        push_finger(c, SDL_FINGERUP, ui_widget_rect(w));
        turn(c, 1);
        turn(c, 1);
        return true;
    case KS_SCRIPT_AWAIT:
        for (int64_t end = utc_ms() + st->ms; !ui_tree_find(c->tree, st->arg);)
            if (!turn(c, 20))
                return true; /* stopped: the script ends here */
            else if (utc_ms() > end) {
                snprintf(why, cap, "no \"%s\" after %d ms", st->arg, st->ms);
                return false;
            }
        return true;
    case KS_SCRIPT_WAIT:
        for (int64_t end = utc_ms() + st->ms; utc_ms() < end && turn(c, 20);)
            ;
        return true;
    case KS_SCRIPT_PRESENT:
    case KS_SCRIPT_ABSENT:
        if ((ui_tree_find(c->tree, st->arg) != NULL) == (st->op == KS_SCRIPT_PRESENT))
            return true;
        snprintf(why, cap, "\"%s\" is %s the screen", st->arg,
                 st->op == KS_SCRIPT_PRESENT ? "not on" : "on");
        return false;
    case KS_SCRIPT_SCAN:
        sign_in(c, st->arg, true);
        rebuild(c, utc_ms());
        return true;
    case KS_SCRIPT_SHOT:
        rebuild(c, utc_ms());
        ui_tree_update(c->tree, SDL_GetTicks64());
        ui_tree_invalidate_all(c->tree);
        ui_tree_render(c->tree, NULL);
        ui_window_present(c->window, c->tree); /* what is saved is what the window shows */
        if (ui_png_write_surface(st->arg, ui_window_surface(c->window)))
            return true;
        snprintf(why, cap, "cannot write %s", st->arg);
        return false;
    default:
        snprintf(why, cap,
                 "the console's scripts take tap, await, wait, present, absent, "
                 "scan and shot");
        return false;
    }
}

static bool run_script(struct console *c, const char *path)
{
    ks_script script;
    char why[256];
    bool ok = ks_script_load(path, &script, why, sizeof why);
    rebuild(c, utc_ms());
    for (size_t i = 0; ok && i < script.n && !stop_requested; i++) {
        ok = run_step(c, &script.steps[i], why, sizeof why);
        if (!ok)
            LOG_ERROR("%s:%d: %s", path, script.steps[i].line, why);
    }
    if (!ok && !script.n)
        LOG_ERROR("%s: %s", path, why);
    ks_script_free(&script);
    return ok;
}

static bool open_screen(struct console *c, bool windowed, bool scripted)
{
    const struct ui_window_config wc = {.kiosk = !windowed && !scripted,
                                        .allow_quit = true,
                                        .orientation = UI_ORIENTATION_LANDSCAPE,
                                        .window_percent = scripted ? 100 : 60,
                                        .title = "Attendant console"};
    c->window = ui_window_new(&wc);
    if (!c->window) {
        LOG_ERROR("cannot open the window: %s", SDL_GetError());
        return false;
    }
    char fonts[1100];
    snprintf(fonts, sizeof fonts, "%s/fonts", c->cfg.assets);
    c->text = ui_text_new(fonts, ui_window_renderer(c->window), NULL);
    c->tree = c->text ? ui_tree_new(ui_window_renderer(c->window), c->text, &c->theme,
                                    ui_window_width(c->window), ui_window_height(c->window), NULL)
                      : NULL;
    if (!c->tree) {
        LOG_ERROR("cannot start the screen (fonts in %s?)", fonts);
        return false;
    }
    ui_tree_set_dir(c->tree, c->cfg.language == KS_LANG_AR ? UI_DIR_RTL : UI_DIR_LTR);
    ui_tree_set_full_redraw(c->tree, !ui_window_is_software(c->window));
    ui_tree_set_pixels(c->tree, ui_window_surface(c->window));
    SDL_StartTextInput();
    return true;
}

static void shut_down(struct console *c)
{
    ks_peer_pull_stop(c->peers); /* first: it hands its lists to the API */
    ks_delivery_stop(c->relay);
    ks_http_server_stop(c->server); /* then: its thread uses the API and its store */
    ks_att_api_free(c->api);
    ks_att_store_close(c->receiver);
    ui_tree_free(c->tree);
    ui_text_free(c->text);
    ui_window_free(c->window);
    ks_att_store_close(c->desk);
    ks_db_close(c->staff_db);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'},
        {"windowed", no_argument, NULL, 'w'},
        {"script", required_argument, NULL, 's'},
        {"hash", no_argument, NULL, 'H'},
        {"new-token", no_argument, NULL, 't'},
        {"enrol", required_argument, NULL, 'e'},
        {"force", no_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *config = NULL, *script = NULL, *enrol = NULL;
    bool windowed = false, force = false;
    for (int opt; (opt = getopt_long(argc, argv, "", longopts, NULL)) != -1;) {
        switch (opt) {
        case 'c':
            config = optarg;
            break;
        case 'w':
            windowed = true;
            break;
        case 's':
            script = optarg;
            break;
        case 'e':
            enrol = optarg;
            break;
        case 'f':
            force = true;
            break;
        case 'H':
            return hash_stdin();
        case 't':
            return ks_print_new_token();
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (!config || optind != argc) {
        usage(stderr);
        return 2;
    }
    static struct console c;
    int status = 1;
    ks_att_config_defaults(&c.cfg);
    ks_att_config_error err;
    if (!ks_att_config_load(&c.cfg, config, &err)) {
        fprintf(stderr, "attendant-console: %s:%d: %s\n", config, err.line, err.message);
        return 1;
    }
    if (enrol)
        return (int)ks_device_token_enrol_backend(&c.cfg.backend, enrol, force);
    if (c.cfg.n_staff == 0 && !c.cfg.backend.url[0])
        LOG_WARN("no attendants in [staff] or [badges]: nobody can sign in");
    ks_att_screen_theme(&c.theme);
    c.desk = ks_att_store_open(c.cfg.database, NULL);
    if (!c.desk || SDL_Init(SDL_INIT_EVENTS) != 0)
        goto end;
    ks_att_guard_init(&c.guard, &c.cfg, ks_att_store_db(c.desk), utc_ms());
    c.change_event = SDL_RegisterEvents(1);
    if (c.cfg.listen[0]) {
        c.receiver = ks_att_store_open(c.cfg.database, NULL);
        c.api = c.receiver ? ks_att_api_new(c.receiver, c.cfg.lanes, c.cfg.n_lanes, on_change, &c)
                           : NULL;
        c.server = c.api ? ks_att_server_start(c.api, c.cfg.listen, &c.cfg.tls) : NULL;
        if (!c.server)
            goto end;
        LOG_INFO("listening for %zu lanes%s on %s (port %u)", c.cfg.n_lanes,
                 c.cfg.backend.url[0] ? " and the store's enrolled kiosks" : "", c.cfg.listen,
                 (unsigned)ks_http_server_port(c.server));
    } else {
        LOG_WARN("no [console] listen: no lane can report");
    }
    /* Enrolled: the store's kiosks for the receiver, and its staff list for signing in. */
    c.peers = ks_peer_pull_start_for(&c.cfg.backend, c.cfg.database, "attendant-console", true,
                                     take_peers, c.api);
    if (c.cfg.backend.url[0] && (!c.peers || !(c.staff_db = ks_db_open(c.cfg.database, NULL)) ||
                                 !(c.relay = start_relay(&c.cfg.backend, c.cfg.database))))
        goto end;
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    if (!open_screen(&c, windowed, script != NULL))
        goto end;
    if (script) {
        status = run_script(&c, script) ? 0 : 1;
        goto end;
    }
    c.dirty = true;
    while (turn(&c, 100))
        ;
    status = 0;
end:
    shut_down(&c);
    if (SDL_WasInit(0))
        SDL_Quit();
    return status;
}
