/*
 * The UI loop (see kiosk/programs/kiosk_loop.h). One thread: SDL events
 * become input for the tree; the controller turns taps into journey events
 * and carries out their effects; the tree redraws what changed. While
 * nothing moves, the loop sleeps in SDL_WaitEventTimeout until the next
 * journey tick, so an idle kiosk costs next to no CPU.
 */
#define LOG_TAG "loop"
#include "kiosk/programs/kiosk_loop.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/delivery.h"
#include "kiosk/app/einvoicing.h"
#include "kiosk/app/kitchen_feed.h"
#include "kiosk/app/heartbeat.h"
#include "kiosk/app/menu_pull.h"
#include "kiosk/app/provision_status.h"
#include "kiosk/app/retention.h"
#include "kiosk/app/soldout_sync.h"
#include "kiosk/common/log.h"
#include "kiosk/common/service_notify.h"
#include "kiosk/screens/kiosk_ui.h"
#include "kiosk/screens/screen_render.h"
#include "kiosk/screens/script.h"
#include "kiosk/screens/services.h"
#include "kiosk/screens/theme_file.h"
#include "kiosk/store/menu_pull_store.h"
#include "ui/frame_clock.h"
#include "ui/input.h"
#include "ui/png.h"
#include "ui/text.h"
#include "ui/tree.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"
#include "ui/window.h"

#define SCRIPT_STEP_MS 20
#define TAP_HOLD_MS 80
/* How often the devices' states are handed to the heartbeat. */
#define DEVICES_EVERY_MS 1000

static volatile sig_atomic_t stop_requested;
static Uint32 wake_event; /* SDL user event a device worker pushes when a result waits */
static Uint32 menu_event; /* SDL user event the menu puller pushes when a new menu waits */

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

struct loop {
    const ks_config *cfg;
    struct ui_window *win; /* owned */
    char buffer_note[224]; /* what the window draws into, as last logged (log_window_buffer) */
    struct ui_text *text;  /* owned */
    struct ui_tree *tree;  /* owned */
    struct ui_theme theme;
    ks_services *services;     /* owned */
    ks_delivery *delivery;     /* owned; NULL when no kitchen display or backend is configured */
    ks_menu_pull *menu_pull;   /* owned; NULL when menus are not pulled from the backend */
    ks_heartbeat *heartbeat;   /* owned; NULL when no heartbeat is sent */
    ks_retention *retention;   /* owned; NULL when [retention] days is 0 */
    ks_kitchen_feed *feed;     /* owned; the kitchen displays' news; NULL without a display */
    ks_einvoicing *einvoicing; /* owned; NULL: phase 2 e-invoicing is not set up */
    ks_lane_devices *lane;     /* owned; the self-checkout's scanner and scales; NULL: none */
    ks_att_link *attendant;    /* owned; the lane's link to the attendant console; NULL: none */
    ks_soldout_sync *soldout;  /* owned; the store's sold-out marks; NULL: no kitchen display */
    /* The catalog served since the last switch (owned; NULL: still the caller's), its pictures. */
    ks_catalog *catalog;
    ks_image_manifest *pictures; /* owned; NULL: the assets */
    /* A pulled menu waiting for the moment to switch (owned; NULL when none). */
    ks_catalog *next_catalog;
    ks_image_manifest *next_pictures;
    int64_t devices_at_ms;      /* when the devices' states last went to the heartbeat */
    ks_kiosk_ui *ui;            /* owned */
    bool virtual_clock;         /* script mode: time moves only when the script says */
    int64_t now_ms;             /* the virtual clock */
    bool animating;             /* the last frame drew something: more may come */
    struct ui_frame_clock beat; /* while animating: when the next frame is due (60 Hz grid) */
    ks_service_notify notify;   /* READY after the first frame, watchdog pings (systemd) */
    /* The database's whole check, after the first frame (ks_db_open_check_later). */
    pthread_t checker;
    bool checker_started;
    atomic_int db_verdict; /* an enum ks_db_error; DB_CHECK_RUNNING until it ends */
    bool db_unfit_said;    /* the verdict against the file was logged */
};

#define DB_CHECK_RUNNING (-1)

static int64_t real_ms(void)
{
    return (int64_t)SDL_GetTicks64();
}

/* Monotonic microseconds, for the frame clock. */
static int64_t real_us(void)
{
    static Uint64 per_second;
    if (!per_second)
        per_second = SDL_GetPerformanceFrequency();
    Uint64 t = SDL_GetPerformanceCounter();
    return (int64_t)(t / per_second * 1000000 + t % per_second * 1000000 / per_second);
}

static int64_t loop_now(const struct loop *l)
{
    return l->virtual_clock ? l->now_ms : real_ms();
}

/* Called on a worker thread: SDL_PushEvent is thread-safe, and wakes the loop's wait. */
static void wake_loop(void *ctx)
{
    SDL_Event ev = {.type = wake_event};
    SDL_PushEvent(&ev);
}

/* The checker thread: the whole database file read once, off the first frame's path. */
static void *check_database(void *arg)
{
    struct loop *l = arg;
    atomic_store(&l->db_verdict, (int)ks_db_check_file(l->cfg->database));
    if (wake_event && wake_event != (Uint32)-1)
        wake_loop(NULL);
    return NULL;
}

static void start_database_check(struct loop *l)
{
    atomic_store(&l->db_verdict, DB_CHECK_RUNNING);
    l->checker_started = pthread_create(&l->checker, NULL, check_database, l) == 0;
    if (!l->checker_started) /* no thread: checked here, late rather than never */
        check_database(l);
}

/* False (logged) once the check found the file unfit: the kiosk stops, as at a refused open. */
static bool database_fit(struct loop *l)
{
    int verdict = atomic_load(&l->db_verdict);
    if (verdict == DB_CHECK_RUNNING || verdict == KS_DB_OK)
        return true;
    if (!l->db_unfit_said)
        LOG_ERROR("database %s: %s; the kiosk stops", l->cfg->database,
                  ks_db_strerror((enum ks_db_error)verdict));
    l->db_unfit_said = true;
    return false;
}

/* Waits for the check's end; false when it found the file unfit. */
static bool database_checked(struct loop *l)
{
    if (l->checker_started)
        pthread_join(l->checker, NULL);
    l->checker_started = false;
    return database_fit(l);
}

/* Called on the menu puller's thread. */
static void wake_for_menu(void *ctx)
{
    SDL_Event ev = {.type = menu_event};
    SDL_PushEvent(&ev);
}

/*
 * Takes a menu the puller accepted and switches to it when no customer is
 * ordering (ks_kiosk_ui_set_menu refuses otherwise); the menu served
 * before is freed only once the screen no longer shows it.
 */
static void adopt_menu(struct loop *l)
{
    ks_catalog *catalog;
    ks_image_manifest *pictures;
    if (ks_menu_pull_take(l->menu_pull, &catalog, &pictures)) {
        ks_catalog_free(l->next_catalog);
        ks_image_manifest_free(l->next_pictures);
        l->next_catalog = catalog;
        l->next_pictures = pictures;
    }
    if (!l->next_catalog || !ks_kiosk_ui_set_menu(l->ui, l->next_catalog, l->next_pictures))
        return;
    ks_catalog_free(l->catalog);
    ks_image_manifest_free(l->pictures);
    l->catalog = l->next_catalog;
    l->pictures = l->next_pictures;
    l->next_catalog = NULL;
    l->next_pictures = NULL;
}

/* The devices as the staff screen shows them, in the heartbeat's words (a-z 0-9 _). */
static void report_devices(struct loop *l, int64_t now)
{
    if (!l->heartbeat || (l->devices_at_ms && now - l->devices_at_ms < DEVICES_EVERY_MS))
        return;
    l->devices_at_ms = now;
    static const char *const printer_words[] = {
        [KS_PRINTER_UNKNOWN] = "unknown",
        [KS_PRINTER_OK] = "ok",
        [KS_PRINTER_PAPER_NEAR_END] = "paper_near_end",
        [KS_PRINTER_PAPER_OUT] = "paper_out",
        [KS_PRINTER_COVER_OPEN] = "cover_open",
        [KS_PRINTER_OFFLINE] = "offline",
        [KS_PRINTER_UNPLUGGED] = "unplugged",
        [KS_PRINTER_SIMULATED] = "simulated",
    };
    static const char *const terminal_words[] = {
        [KS_TERMINAL_UNKNOWN] = "unknown",
        [KS_TERMINAL_REACHABLE] = "ok",
        [KS_TERMINAL_UNREACHABLE] = "unreachable",
        [KS_TERMINAL_SIMULATED] = "simulated",
    };
    enum ks_printer_state printer = KS_PRINTER_UNKNOWN;
    enum ks_terminal_state terminal = KS_TERMINAL_UNKNOWN;
    if (l->services->ops->device_status)
        l->services->ops->device_status(l->services->impl, &printer, &terminal);
    ks_heartbeat_set_device(l->heartbeat, "printer", printer_words[printer]);
    ks_heartbeat_set_device(l->heartbeat, "terminal", terminal_words[terminal]);
    /* ZATCA reporting as the staff screen shows it: the chain sees overdue invoices too. */
    static const char *const zatca_words[] = {
        [KS_ZATCA_LINK_OK] = "ok",
        [KS_ZATCA_LINK_REFUSED] = "invoices_refused",
        [KS_ZATCA_LINK_OVERDUE] = "invoices_overdue",
        [KS_ZATCA_LINK_CREDENTIALS] = "credentials_refused",
    };
    ks_delivery_stats stats = {0};
    if (l->delivery)
        ks_delivery_get_stats(l->delivery, &stats);
    int64_t count = 0;
    enum ks_zatca_link zatca =
        ks_staff_zatca_link(l->cfg->zatca_url[0] && l->delivery, &stats, &count);
    if (zatca != KS_ZATCA_LINK_NOT_CONFIGURED)
        ks_heartbeat_set_device(l->heartbeat, "zatca", zatca_words[zatca]);
    /* The kitchen displays, by whether each answered its last read of the feed. */
    static const char *const kitchen_words[] = {
        [KS_KITCHEN_LINK_UNKNOWN] = "unknown",
        [KS_KITCHEN_LINK_OK] = "ok",
        [KS_KITCHEN_LINK_PARTLY] = "partly_unreachable",
        [KS_KITCHEN_LINK_DOWN] = "unreachable",
    };
    if (l->feed)
        ks_heartbeat_set_device(l->heartbeat, "kitchen",
                                kitchen_words[ks_kitchen_feed_link(l->feed)]);
}

/* The payment worker marked an order paid (at start too): its messages go out now. */
static void deliver_now(void *ctx)
{
    ks_delivery_wake(ctx);
}

/*
 * The simulated devices, or the real ones when a URI names them; delivery
 * (may be NULL) is woken whenever the payment worker marks an order paid.
 */
static ks_services *open_services(const ks_config *cfg, ks_db *db, const ks_loop_options *opt,
                                  ks_delivery *delivery, const ks_einvoicing *einvoicing)
{
    if (!opt->terminal_uri && !opt->printer_uri)
        return ks_services_sim_new(&(ks_services_sim_config){.db = db});
    wake_event = SDL_RegisterEvents(1);
    const ks_services_devices_config dc = {
        .db = db,
        .db_path = cfg->database,
        .cfg = cfg,
        .terminal_uri = opt->terminal_uri,
        .printer_uri = opt->printer_uri,
        .einvoicing = einvoicing,
        .wake = wake_event != (Uint32)-1 ? wake_loop : NULL,
        .order_paid = delivery ? deliver_now : NULL,
        .order_paid_ctx = delivery,
    };
    char why[512];
    ks_services *services = ks_services_devices_new(&dc, why, sizeof why);
    if (!services)
        LOG_ERROR("devices: %s", why);
    return services;
}

/* Script runs see a fixed moment of the week, so menus and offers are the same every run. */
static int64_t virtual_utc(void *ctx)
{
    const struct loop *l = ctx;
    return KS_RENDER_UTC + l->now_ms / 1000;
}

/* Input that means a customer is there: a release or a key (a press may still turn into a tap). */
static bool is_activity(const SDL_Event *ev)
{
    return ev->type == SDL_FINGERUP || ev->type == SDL_MOUSEBUTTONUP || ev->type == SDL_KEYDOWN;
}

/* What the window draws into, in the log once, and again only when a resize changes it. */
static void log_window_buffer(struct loop *l)
{
    const char *note = ui_window_buffer_note(l->win);
    if (strcmp(note, l->buffer_note) == 0)
        return;
    snprintf(l->buffer_note, sizeof l->buffer_note, "%s", note);
    LOG_INFO("window: %s", note);
}

/* Handles one SDL event; false when the program should stop. */
static bool handle(struct loop *l, const SDL_Event *ev)
{
    if (ui_window_should_quit(l->win, ev))
        return false;
    if (ev->type == SDL_WINDOWEVENT && (ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
                                        ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)) {
        ui_tree_set_pixels(l->tree, ui_window_surface(l->win));
        ui_tree_invalidate_all(l->tree);
        log_window_buffer(l); /* a resize gives the X11 image up (ui/window.c) */
    }
    int64_t now = loop_now(l);
    if (ui_input_sdl_event(l->tree, ev, (uint64_t)now) && is_activity(ev))
        ks_kiosk_ui_activity(l->ui, now);
    return true;
}

/*
 * The attendant console's decisions (stored by the link, applied here
 * once, then reported applied) and the lane's state for its next report.
 */
static void exchange_with_attendant(struct loop *l)
{
    if (!l->attendant)
        return;
    ks_att_decision d;
    while (ks_att_link_take(l->attendant, &d)) {
        ks_kiosk_ui_decide(l->ui, d.action, d.staff, d.line);
        ks_att_link_applied(l->attendant, d.uuid);
    }
    ks_att_lane_state state;
    ks_kiosk_ui_lane_state(l->ui, &state);
    ks_att_link_publish(l->attendant, &state);
}

/* One turn: pending events, the controller, a frame. False when the program should stop. */
static bool turn(struct loop *l, int wait_ms)
{
    /* The window's first fill ends before SDL's events (a resize) or a frame touch its buffer. */
    ui_window_wait_fill(l->win);
    SDL_Event ev;
    bool got = wait_ms > 0 ? SDL_WaitEventTimeout(&ev, wait_ms) : SDL_PollEvent(&ev);
    while (got) {
        if (!handle(l, &ev))
            return false;
        got = SDL_PollEvent(&ev);
    }
    exchange_with_attendant(l); /* before the update, which shows what a decision changed */
    ks_kiosk_ui_update(l->ui, loop_now(l));
    adopt_menu(l);
    ks_kiosk_ui_set_soldout(l->ui, ks_soldout_sync_take(l->soldout));
    ks_kiosk_ui_set_central_soldout(l->ui, ks_menu_pull_take_soldout(l->menu_pull));
    report_devices(l, real_ms());
    bool was_animating = l->animating;
    int64_t frame_began = real_us();
    l->animating = ui_tree_render(l->tree, NULL);
    if (l->animating) {
        /* Movement starts a beat at this frame; later frames keep to its grid. */
        if (!was_animating)
            ui_frame_clock_start(&l->beat, UI_FRAME_CLOCK_60HZ_US, frame_began);
        ui_window_present(l->win, l->tree);
        ui_frame_clock_drawn(&l->beat, real_us());
        ks_service_notify_frame(&l->notify);
    }
    ks_service_notify_idle(&l->notify, ks_kiosk_ui_idle(l->ui));
    /* Real time, even under a script: systemd's watchdog counts real seconds. */
    ks_service_notify_alive(&l->notify, real_ms());
    return !stop_requested && database_fit(l);
}

/* ---- scripts ---- */

/* Lets ms of virtual time pass in steps of step_ms. */
static void advance_by(struct loop *l, int ms, int step_ms)
{
    for (int left = ms; left > 0; left -= step_ms) {
        l->now_ms += left < step_ms ? left : step_ms;
        turn(l, 0);
    }
}

static void advance(struct loop *l, int ms)
{
    advance_by(l, ms, SCRIPT_STEP_MS);
}

static void settle(struct loop *l)
{
    for (int i = 0; i < 100 && ui_tree_in_transition(l->tree); i++)
        advance(l, SCRIPT_STEP_MS);
}

static void push_finger(struct loop *l, Uint32 type, SDL_Point p)
{
    SDL_Event ev = {.type = type};
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = 1;
    ev.tfinger.x = ((float)p.x + 0.5f) / (float)ui_tree_width(l->tree);
    ev.tfinger.y = ((float)p.y + 0.5f) / (float)ui_tree_height(l->tree);
    ev.tfinger.pressure = 1.0f;
    SDL_PushEvent(&ev);
}

/* Scrolls the nearest scroll view so that w is wholly in view. */
static void reveal(struct loop *l, struct ui_widget *w)
{
    struct ui_widget *scroll = ui_scroll_find(ui_widget_parent(w));
    if (!scroll)
        return;
    SDL_Rect view = ui_widget_rect(scroll), r = ui_widget_rect(w);
    int offset = ui_scroll_offset(scroll);
    if (r.y < view.y)
        offset -= view.y - r.y;
    else if (r.y + r.h > view.y + view.h)
        offset += r.y + r.h - (view.y + view.h);
    else
        return;
    ui_scroll_set_offset(scroll, offset);
    advance(l, SCRIPT_STEP_MS);
}

static void list_name(const char *name, void *ctx)
{
    fprintf(ctx, " %s", name);
}

static bool tap(struct loop *l, const char *name, char *why, size_t cap)
{
    settle(l);
    struct ui_widget *w = ks_kiosk_ui_find(l->ui, name);
    if (!w) {
        fprintf(stderr, "names on this screen:");
        ks_kiosk_ui_names(l->ui, list_name, stderr);
        fputc('\n', stderr);
        snprintf(why, cap, "no widget \"%s\" on the %s screen", name,
                 ks_screen_name(ks_kiosk_ui_journey(l->ui)->screen));
        return false;
    }
    if (!ui_widget_is_enabled(w)) {
        snprintf(why, cap, "\"%s\" is disabled", name);
        return false;
    }
    reveal(l, w);
    SDL_Rect r = ui_widget_rect(w);
    SDL_Point centre = {r.x + r.w / 2, r.y + r.h / 2};
    /* Where a finger goes, for drivers from outside (image/qemu-check.py taps the same point). */
    LOG_INFO("script: tap %s at %d,%d on the %s screen", name, centre.x, centre.y,
             ks_screen_name(ks_kiosk_ui_journey(l->ui)->screen));
    push_finger(l, SDL_FINGERDOWN, centre);
    advance(l, TAP_HOLD_MS);
    push_finger(l, SDL_FINGERUP, centre);
    advance(l, SCRIPT_STEP_MS);
    return true;
}

static bool on_screen(const struct loop *l, const char *screen)
{
    return strcmp(ks_screen_name(ks_kiosk_ui_journey(l->ui)->screen), screen) == 0;
}

static bool shot(struct loop *l, const char *path, char *why, size_t cap)
{
    settle(l);
    ui_tree_invalidate_all(l->tree);
    ui_tree_render(l->tree, NULL);
    ui_window_present(l->win, l->tree); /* what is saved is what the window shows */
    SDL_Surface *s = ui_window_surface(l->win);
    if (!s || !ui_png_write_surface(path, s)) {
        snprintf(why, cap, "cannot write the screen to %s", path);
        return false;
    }
    return true;
}

/* The widget name's text (a label, or a button's) holds word. */
static bool says(struct loop *l, const char *name, const char *word, char *why, size_t cap)
{
    settle(l);
    struct ui_widget *w = ks_kiosk_ui_find(l->ui, name);
    const char *text = w ? ui_label_text(w) : NULL;
    if (!text && w && ui_widget_child_count(w) > 0)
        text = ui_label_text(ui_widget_child(w, 0));
    if (text && strstr(text, word))
        return true;
    snprintf(why, cap, "\"%s\" on the %s screen says \"%s\", not \"%s\"", name,
             ks_screen_name(ks_kiosk_ui_journey(l->ui)->screen), text ? text : "(no text)", word);
    return false;
}

static bool run_step(struct loop *l, const ks_script_step *st, char *why, size_t cap)
{
    switch (st->op) {
    case KS_SCRIPT_TAP:
        return tap(l, st->arg, why, cap);
    case KS_SCRIPT_WAIT:
        /* Long waits move a journey tick at a time: nothing the script sees moves faster. */
        advance_by(l, st->ms, KS_KIOSK_UI_TICK_MS);
        return true;
    case KS_SCRIPT_UNTIL:
    case KS_SCRIPT_AWAIT: {
        bool screen = st->op == KS_SCRIPT_UNTIL;
        /* Devices may answer from their own threads on real time: give them some of it too. */
        for (int waited = 0; screen ? !on_screen(l, st->arg) : !ks_kiosk_ui_find(l->ui, st->arg);
             waited += SCRIPT_STEP_MS) {
            if (waited >= st->ms) {
                snprintf(why, cap, "on the %s screen after %d ms, still waiting for %s",
                         ks_screen_name(ks_kiosk_ui_journey(l->ui)->screen), st->ms, st->arg);
                return false;
            }
            SDL_Delay(2);
            advance(l, SCRIPT_STEP_MS);
        }
        settle(l);
        return true;
    }
    case KS_SCRIPT_EXPECT:
        if (on_screen(l, st->arg))
            return true;
        snprintf(why, cap, "on the %s screen, expected %s",
                 ks_screen_name(ks_kiosk_ui_journey(l->ui)->screen), st->arg);
        return false;
    case KS_SCRIPT_PRESENT:
    case KS_SCRIPT_ABSENT: {
        settle(l);
        bool want = st->op == KS_SCRIPT_PRESENT;
        if ((ks_kiosk_ui_find(l->ui, st->arg) != NULL) == want)
            return true;
        snprintf(why, cap, "\"%s\" is %s the %s screen", st->arg, want ? "not on" : "on",
                 ks_screen_name(ks_kiosk_ui_journey(l->ui)->screen));
        return false;
    }
    case KS_SCRIPT_TERMINAL:
        if (l->services->ops->script && l->services->ops->script(l->services->impl, st->arg))
            return true;
        snprintf(why, cap, "the %s terminal cannot be told to %s", l->services->ops->name, st->arg);
        return false;
    case KS_SCRIPT_SHOT:
        return shot(l, st->arg, why, cap);
    case KS_SCRIPT_SCAN:
        settle(l);
        ks_kiosk_ui_scan(l->ui, st->arg);
        advance(l, SCRIPT_STEP_MS);
        return true;
    case KS_SCRIPT_SAYS:
        for (int waited = 0; !says(l, st->arg, st->text, why, cap); waited += SCRIPT_STEP_MS) {
            if (waited >= st->ms)
                return false;
            SDL_Delay(2);
            advance(l, SCRIPT_STEP_MS);
        }
        return true;
    case KS_SCRIPT_HOLD:
        /* The screen as the script left it, its memory as it is, for whoever reads them. */
        settle(l);
        ks_service_notify_status(&l->notify, "script holding");
        LOG_INFO("script: holding until stopped");
        while (turn(l, KS_KIOSK_UI_TICK_MS))
            ;
        return true;
    }
    return false;
}

static bool run_script(struct loop *l, const char *path)
{
    ks_script script;
    char why[512];
    bool ok = ks_script_load(path, &script, why, sizeof why);
    if (!ok) {
        LOG_ERROR("%s: %s", path, why);
        return false;
    }
    advance(l, SCRIPT_STEP_MS);
    /* A stop (SIGTERM) ends the script where it is. */
    for (size_t i = 0; ok && i < script.n && !stop_requested; i++) {
        ok = run_step(l, &script.steps[i], why, sizeof why);
        if (!ok)
            LOG_ERROR("%s:%d: %s", path, script.steps[i].line, why);
    }
    ks_script_free(&script);
    if (ok)
        LOG_INFO("script %s done", path);
    return ok;
}

/* ---- set-up ---- */

static bool open_ui(struct loop *l, const ks_loop_options *opt)
{
    char path[2048];
    ks_ini_error err;
    ui_theme_defaults(&l->theme);
    snprintf(path, sizeof path, "%s/theme/default.ini", l->cfg->assets);
    if (!ks_theme_load(&l->theme, path, &err))
        LOG_WARN("%s:%d: %s; the built-in look is used", path, err.line, err.message);
    bool landscape = opt->landscape || l->cfg->orientation == KS_ORIENTATION_LANDSCAPE;
    const struct ui_window_config wc = {
        .kiosk = !opt->windowed && !opt->script,
        .allow_quit = opt->windowed,
        .orientation = landscape ? UI_ORIENTATION_LANDSCAPE : UI_ORIENTATION_PORTRAIT,
        /* A script's window is the screen pixel for pixel, so shots need no scaling. */
        .window_percent = opt->script ? 100 : 45,
        .title = "Kiosk",
        /* Nothing on the screen before the start has all it needs (ks_loop_run). */
        .hidden = true,
        /* The attract screen's page, which is most of the first frame. */
        .first_fill = ui_theme_color(&l->theme, UI_COLOR_PRIMARY),
    };
    /*
     * The fonts first: they need no SDL, so they open while SDL2 may still be loading on its
     * thread (ui/sdl_on_demand.c), which the window's first SDL call would wait for.
     */
    snprintf(path, sizeof path, "%s/fonts", l->cfg->assets);
    l->text = ui_text_new(path, NULL, NULL);
    if (!l->text) {
        LOG_ERROR("no fonts in %s", path);
        return false;
    }
    l->win = ui_window_new(&wc);
    if (!l->win) {
        LOG_ERROR("the window cannot open: %s", SDL_GetError());
        return false;
    }
    log_window_buffer(l);
    if (!ui_text_set_renderer(l->text, ui_window_renderer(l->win))) {
        LOG_ERROR("out of memory");
        return false;
    }
    /* A script decodes pictures at once, so that what it sees never depends on a thread. */
    const struct ui_tree_config tc = {.threaded_images = !opt->script};
    l->tree = ui_tree_new(ui_window_renderer(l->win), l->text, &l->theme, ui_window_width(l->win),
                          ui_window_height(l->win), &tc);
    if (!l->tree)
        return false;
    if (ui_window_is_software(l->win))
        ui_tree_set_pixels(l->tree, ui_window_surface(l->win));
    else
        ui_tree_set_full_redraw(l->tree, true);
    return true;
}

/*
 * The menu puller, the heartbeat and the retention worker: nothing on the
 * screen waits for them, so a customer's first frame does not either.
 */
static void start_network_workers(struct loop *l)
{
    menu_event = SDL_RegisterEvents(1);
    l->menu_pull =
        ks_menu_pull_start_for(l->cfg, menu_event != (Uint32)-1 ? wake_for_menu : NULL, NULL);
    l->heartbeat = ks_heartbeat_start_for(l->cfg);
    l->retention = ks_retention_start_for(l->cfg);
    report_devices(l, real_ms());
    ks_heartbeat_wake(l->heartbeat);
}

/* The kitchen feed queued messages: the delivery worker sends them now. */
static void wake_delivery(void *delivery)
{
    ks_delivery_wake(delivery);
}

int ks_loop_run(const ks_config *cfg, ks_start *start, const ks_loop_options *opt)
{
    struct loop l = {.cfg = cfg, .virtual_clock = opt->script != NULL};
    int status = EXIT_FAILURE;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    ks_service_notify_init(&l.notify);
    /* The window and the fonts while start's thread opens the database and reads the menu. */
    bool ui_open = open_ui(&l, opt);
    if (!ks_start_wait(start) || !ui_open)
        goto end; /* the window, if open, was never shown */
    ks_db *db = ks_start_db(start);
    const ks_catalog *cat = ks_start_catalog(start);
    if (cfg->n_kitchen_urls > 0 || cfg->backend_url[0] || cfg->zatca_url[0]) {
        /* Paid orders wait in the outbox until this worker delivers them. */
        l.delivery = ks_delivery_start_for(cfg);
        if (!l.delivery)
            goto end;
    }
    /* Paid orders get their signed e-invoice in the paying transaction (kiosk/app/einvoicing.h). */
    char einvoice_why[256];
    l.einvoicing = ks_einvoicing_open(cfg, einvoice_why, sizeof einvoice_why);
    if (!l.einvoicing && einvoice_why[0]) {
        LOG_ERROR("e-invoicing: %s", einvoice_why);
        goto end;
    }
    if (!l.einvoicing)
        LOG_WARN("phase 2 e-invoicing is off ([zatca] certificate and private_key are not set "
                 "and there is no production CSID in %s): receipts carry the phase 1 QR code only",
                 cfg->zatca_credentials);
    /* The counter's payments and the kitchen's news come back through each display's feed. */
    if (cfg->n_kitchen_urls > 0 && !l.virtual_clock) {
        l.feed = ks_kitchen_feed_start_for(cfg, l.einvoicing, wake_delivery, l.delivery);
        if (!l.feed)
            goto end;
    }
    /* After the delivery worker, which the payment worker's recovery at start wakes. */
    l.services = open_services(cfg, db, opt, l.delivery, l.einvoicing);
    if (!l.services)
        goto end;
    /* A restaurant's scanner, when it has one, reads receipts at the staff refund screen. */
    if (cfg->mode == KS_MODE_SUPERMARKET || cfg->scanner_uri[0]) {
        /* The scanner and scales report on their workers; the loop wakes on the same event. */
        if (!wake_event)
            wake_event = SDL_RegisterEvents(1);
        const ks_lane_devices_config lc = {
            .scanner_uri = cfg->scanner_uri,
            .scale_uri = cfg->scale_uri,
            .bagging_scale_uri = cfg->bagging_scale_uri,
            .wake = wake_event != (Uint32)-1 ? wake_loop : NULL,
        };
        char why[512];
        l.lane = ks_lane_devices_start(&lc, why, sizeof why);
        if (!l.lane) {
            LOG_ERROR("self-checkout devices: %s", why);
            goto end;
        }
        if (cfg->mode == KS_MODE_SUPERMARKET && cfg->attendant_url[0]) {
            const ks_att_link_options ao = {
                .api_root = cfg->attendant_url,
                .token = ks_config_peer_token(cfg),
                .ca_file = cfg->ca_certificate,
                .lane_id = cfg->kiosk_id,
                .database = cfg->database,
                .wake = wake_event != (Uint32)-1 ? wake_loop : NULL,
            };
            l.attendant = ks_att_link_start(&ao);
            if (!l.attendant)
                goto end;
        }
    }
    /* The store's sold-out marks wake the loop on the same event as the devices. */
    if (!wake_event)
        wake_event = SDL_RegisterEvents(1);
    l.soldout = ks_soldout_sync_start_for(cfg, wake_event != (Uint32)-1 ? wake_loop : NULL, NULL);
    /* A menu pulled before this start keeps its pictures from the cache. */
    l.pictures = ks_menu_pull_store_active_manifest(db);
    /* A provisioning file refused at this boot (the appliance): said where the technician looks. */
    char notice[256] = ""; /* none under a script, which reads no file */
    if (!opt->script && ks_provision_status_read(KS_PROVISION_STATUS_PATH, notice, sizeof notice))
        LOG_WARN("provisioning: %s", notice);
    const ks_kiosk_ui_config kc = {
        .cfg = cfg,
        .catalog = cat,
        .pictures = l.pictures,
        .db = db,
        .tree = l.tree,
        .theme = &l.theme,
        .services = l.services,
        .delivery = l.delivery,
        .einvoicing = l.einvoicing,
        .utc_now = l.virtual_clock ? virtual_utc : NULL,
        .clock_ctx = &l,
        .animate = true,
        .sold_out_staff = cfg->kiosk_id,
        .soldout_sync = l.soldout,
        .lane_devices = l.lane,
        .notice = notice,
    };
    l.ui = ks_kiosk_ui_new(&kc, loop_now(&l));
    if (!l.ui) {
        LOG_ERROR("out of memory");
        goto end;
    }
    LOG_INFO("kiosk %s ready (devices: %s)", cfg->kiosk_id, l.services->ops->name);
    /* Shown once nothing can stop the start any more: its first frame follows. */
    ui_window_show(l.win);
    if (opt->script) {
        start_database_check(&l);
        start_network_workers(&l);
        /* A script's run ends with the check's verdict, whatever the script did meanwhile. */
        bool ran = run_script(&l, opt->script);
        status = database_checked(&l) && ran ? EXIT_SUCCESS : EXIT_FAILURE;
        goto end;
    }
    /* The first frame before the database's check and the workers that only talk to servers
     * (TLS set-up, threads). */
    bool go_on = turn(&l, 0);
    start_database_check(&l);
    start_network_workers(&l);
    /* While something moves, the next frame on the beat; else the journey's tick. */
    while (go_on &&
           turn(&l, l.animating ? ui_frame_clock_wait_ms(&l.beat, real_us()) : KS_KIOSK_UI_TICK_MS))
        ;
    status = database_checked(&l) ? EXIT_SUCCESS : EXIT_FAILURE;
end:
    if (l.checker_started)
        pthread_join(l.checker, NULL);
    ks_att_link_stop(l.attendant);
    ks_kiosk_ui_free(l.ui);
    ks_soldout_sync_stop(l.soldout); /* after the screen that pokes it */
    ks_lane_devices_stop(l.lane);
    ks_menu_pull_stop(l.menu_pull);
    ks_heartbeat_stop(l.heartbeat);
    ks_retention_stop(l.retention);
    ks_catalog_free(l.catalog);
    ks_catalog_free(l.next_catalog);
    ks_image_manifest_free(l.pictures);
    ks_image_manifest_free(l.next_pictures);
    ks_services_free(l.services); /* first: its payment worker wakes the delivery worker */
    ks_kitchen_feed_stop(l.feed); /* it signs and wakes the delivery worker too */
    ks_delivery_stop(l.delivery);
    ks_einvoicing_close(l.einvoicing); /* after the payment worker that signs with it */
    ui_tree_free(l.tree);
    ui_text_free(l.text);
    ui_window_free(l.win);
    return status;
}
