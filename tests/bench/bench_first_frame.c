/*
 * Any kiosk program as a customer meets it, timed from outside: for each run a
 * fresh Xvfb (no window manager) whose root window is watched with the DAMAGE
 * extension (tests/bench/screen_watch.h: every damage timed, the whole screen
 * read back through MIT-SHM and hashed after each burst of damage), COMMAND
 * forked and exec'd with DISPLAY set: a frame counts when its pixels reach the
 * X server.
 *
 *   bench_first_frame [--runs N] [--size WxH] [--quiet MS] [--timeout MS]
 *                     [--tap X,Y]... [--tap-wait MS] [--kiosk-browse] [--check]
 *                     [-- COMMAND ARGS...]
 *
 * First paint: exec to the first damage that left pixels unlike the empty
 * screen (for a browser, its plain window, before the page). The screen has
 * settled when no damage changed it for --quiet ms (500; a redraw of the same
 * pixels does not count). Visually complete: the first damage after which the
 * screen equals the settled screen (the Speed Index definition; resolution one
 * read-back, whose time is printed). Then each --tap in order (XTest: pointer
 * moved to X,Y, button 1 pressed and released), --tap-wait ms (0) after the
 * previous screen settled: tap to the first damage that changed the screen
 * (response) and to visually complete, the screen settled again. A tap that
 * changed nothing within --quiet is "no response"; a screen that did not
 * settle within --timeout ms (30000, counted from exec or from the tap) is
 * "not settled", and that run's later taps are not sent. RSS and PSS of the
 * command's whole process tree at the first paint (read by a second thread,
 * so the watch goes on), when the first screen settled and after the last
 * tap settled. Frame pacing seen from outside: from a tap's first change to
 * its visually complete, the intervals between damages (damages less than
 * 1 ms apart are one frame); Xvfb has no vsync, so this is the output paced
 * as the server received it, not as a panel would show it.
 *
 * --kiosk-browse appends the taps that take this tree's kiosk (restaurant
 * demo menu, 1080 x 1920, full screen) from its first screen through every
 * category: attract (Arabic first; anywhere starts) 540,960; language
 * "English" 540,1284; service "Eat here" 282,1014; the menu opens on Meals;
 * then the category rail at x 116: Burgers 116,366, Chicken 116,526, Wraps &
 * Sandwiches 116,684, Sides 116,874, Drinks 116,1034, Desserts 116,1192,
 * Kids 116,1352, Sauces & Extras 116,1510. In the breakfast hours a Breakfast
 * category sits after Wraps and the last five taps land one category earlier
 * (Sauces & Extras is then not visited).
 *
 * Without COMMAND: this tree's kiosk full screen, with bench_startup's
 * arguments. Prints median and p99, then one line for scripts:
 * "summary" followed by key=value pairs ("na" when there is no sample):
 *   program runs drew settled (counts of runs), first_paint_ms_*,
 *   complete_ms_* (exec to visually complete), taps (per run), tap_sent,
 *   tap_responses, tap_no_response, tap_not_settled (counts over all runs),
 *   tap_response_ms_*, tap_complete_ms_*, rss_first_mib_*, pss_first_mib_*,
 *   rss_settled_mib_*, pss_settled_mib_*, rss_taps_mib_*, pss_taps_mib_*
 *   (after the last tap), frame_intervals, frames_over_16_7ms, frames_over_33_4ms (counts),
 *   frame_ms_*, readback_ms (median of one read-back and hash), where * is
 *   median or p99.
 * --check (the ctest smoke check): exit non-zero unless every run drew and
 * settled, every tap responded and settled, and the figures are positive and
 * consistent (complete not before the first change). Never a bound on time.
 */
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/bench/bench_util.h"
#include "tests/bench/screen_watch.h"
#include "tests/support/xvfb.h"

#define MAX_RUNS 1000
#define MAX_TAPS 64
#define MAX_TREE 4096
#define MAX_FRAMES 200000
#define SLOW_FRAME_MS 16.7

struct point {
    int x, y;
};

/* This tree's kiosk from its first screen through every category (the top comment). */
static const struct point kiosk_browse[] = {
    {540, 960}, {540, 1284}, {282, 1014}, {116, 366},  {116, 526},  {116, 684},
    {116, 874}, {116, 1034}, {116, 1192}, {116, 1352}, {116, 1510},
};

struct options {
    int runs;
    char geometry[32]; /* "WxHx24" for Xvfb */
    int quiet_ms, timeout_ms, tap_wait_ms;
    struct point taps[MAX_TAPS];
    int n_taps;
    bool check;
    char *const *argv; /* the command; borrowed from main's argv or a static table */
};

struct memory {
    double rss, pss; /* MiB; 0 when not measured */
};

struct tap_result {
    bool sent, responded, settled;
    double response_ms, complete_ms; /* from the tap */
};

/* One run's figures. */
struct run {
    bool drew, settled;
    double first_paint_ms, complete_ms; /* from exec */
    struct memory first, at_settle, after_taps;
    struct tap_result taps[MAX_TAPS];
};

/* Every frame interval of every tap of every run. */
static double frame_ms[MAX_FRAMES];
static size_t n_frame_ms;

static bool parse_int(const char *text, int min, int max, int *out)
{
    char *end;
    errno = 0;
    long v = text ? strtol(text, &end, 10) : 0;
    if (!text || errno || end == text || *end || v < min || v > max)
        return false;
    *out = (int)v;
    return true;
}

static bool add_tap(struct options *o, int x, int y)
{
    if (o->n_taps == MAX_TAPS || x < 0 || y < 0)
        return false;
    o->taps[o->n_taps++] = (struct point){x, y};
    return true;
}

/* Parses the options up to "--"; false with a message on bad input. */
static bool parse_options(int argc, char **argv, struct options *o)
{
    int width = 1080, height = 1920;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *option = argv[i];
        bool ok = false;
        if (strcmp(option, "--check") == 0) {
            o->check = true;
            continue;
        }
        if (strcmp(option, "--kiosk-browse") == 0) {
            for (size_t t = 0; t < sizeof kiosk_browse / sizeof kiosk_browse[0]; t++)
                ok = add_tap(o, kiosk_browse[t].x, kiosk_browse[t].y);
            if (ok)
                continue;
        }
        /* Every other option takes a value. */
        const char *value = ++i < argc ? argv[i] : NULL;
        char tail;
        int x, y;
        if (strcmp(option, "--runs") == 0)
            ok = parse_int(value, 1, MAX_RUNS, &o->runs);
        else if (strcmp(option, "--quiet") == 0)
            ok = parse_int(value, 1, 600000, &o->quiet_ms);
        else if (strcmp(option, "--timeout") == 0)
            ok = parse_int(value, 1, 3600000, &o->timeout_ms);
        else if (strcmp(option, "--tap-wait") == 0)
            ok = parse_int(value, 0, 600000, &o->tap_wait_ms);
        else if (strcmp(option, "--tap") == 0)
            ok = value && sscanf(value, "%5d,%5d%c", &x, &y, &tail) == 2 && add_tap(o, x, y);
        else if (strcmp(option, "--size") == 0)
            ok = value && sscanf(value, "%5dx%5d%c", &width, &height, &tail) == 2 && width > 0 &&
                 height > 0;
        if (!ok) {
            fprintf(stderr, "usage: bench_first_frame [--runs N] [--size WxH] [--quiet MS] "
                            "[--timeout MS] [--tap X,Y]... [--tap-wait MS] [--kiosk-browse] "
                            "[--check] [-- COMMAND ARGS...]\n");
            return false;
        }
    }
    snprintf(o->geometry, sizeof o->geometry, "%dx%dx24", width, height);
    o->argv = i + 1 < argc ? argv + i + 1 : NULL;
    return true;
}

/*
 * The pids below root in the process tree (root excluded), skipping the subtree
 * of skip; at most cap of them in out. This process is a child subreaper, so
 * the command's orphans stay below it.
 */
static size_t descendants_of(pid_t root, pid_t skip, pid_t *out, size_t cap)
{
    static pid_t pids[MAX_TREE], parents[MAX_TREE];
    size_t n = 0;
    DIR *proc = opendir("/proc");
    struct dirent *d;
    while (proc && (d = readdir(proc)) && n < MAX_TREE) {
        long pid = strtol(d->d_name, NULL, 10);
        char path[64], line[1024];
        if (pid <= 0)
            continue;
        snprintf(path, sizeof path, "/proc/%ld/stat", pid);
        FILE *f = fopen(path, "r");
        bool ok = f && fgets(line, sizeof line, f);
        if (f)
            fclose(f);
        const char *rest = ok ? strrchr(line, ')') : NULL;
        int parent;
        if (rest && sscanf(rest + 1, " %*c %d", &parent) == 1) {
            pids[n] = (pid_t)pid;
            parents[n++] = (pid_t)parent;
        }
    }
    if (proc)
        closedir(proc);
    /* Breadth first: out[] is the queue of the descendants found so far. */
    size_t found = 0;
    pid_t parent = root;
    for (size_t head = 0;; head++) {
        for (size_t i = 0; i < n && found < cap; i++)
            if (parents[i] == parent && pids[i] != skip)
                out[found++] = pids[i];
        if (head >= found)
            break;
        parent = out[head];
    }
    return found;
}

/* RSS and PSS in MiB summed over this process's descendants except the X server's. */
static void tree_memory(pid_t server, double *rss, double *pss)
{
    static pid_t tree[MAX_TREE];
    size_t n = descendants_of(getpid(), server, tree, MAX_TREE);
    long rss_sum = 0, pss_sum = 0;
    for (size_t i = 0; i < n; i++) {
        long r, p;
        if (bench_memory_of(tree[i], &r, &p)) {
            rss_sum += r;
            pss_sum += p;
        }
    }
    *rss = (double)rss_sum / 1024.0;
    *pss = (double)pss_sum / 1024.0;
}

/* Kills and reaps every descendant but the X server (the command and whatever it started). */
static void kill_tree(pid_t server)
{
    static pid_t tree[MAX_TREE];
    size_t n;
    while ((n = descendants_of(getpid(), server, tree, MAX_TREE)) > 0) {
        for (size_t i = 0; i < n; i++)
            kill(tree[i], SIGKILL);
        for (size_t i = 0; i < n; i++)
            waitpid(tree[i], NULL, 0); /* not our child (yet): ECHILD, found again next round */
    }
}

static pid_t start_command(char *const *argv, const char *display)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    setenv("DISPLAY", display, 1);
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) {
        dup2(devnull, STDOUT_FILENO);
        dup2(devnull, STDERR_FILENO);
    }
    execvp(argv[0], argv);
    _exit(127);
}

static void tree_memory_now(pid_t server, struct memory *m)
{
    tree_memory(server, &m->rss, &m->pss);
}

/* The memory at the first paint, read on a second thread while the screen watch goes on. */
struct memory_probe {
    pid_t server;
    pthread_t thread;
    bool started;
    struct memory m;
};

static void *memory_probe_main(void *arg)
{
    struct memory_probe *p = arg;
    tree_memory_now(p->server, &p->m);
    return NULL;
}

static void memory_probe_start(void *user)
{
    struct memory_probe *p = user;
    p->started = pthread_create(&p->thread, NULL, memory_probe_main, p) == 0;
}

static void memory_probe_join(struct memory_probe *p)
{
    if (p->started)
        pthread_join(p->thread, NULL);
    p->started = false;
}

static double ms_between(int64_t from_ns, int64_t to_ns)
{
    return (double)(to_ns - from_ns) / 1e6;
}

/* Keeps the frame intervals of a tap's change; the rest beyond MAX_FRAMES are dropped. */
static void keep_frames(const struct screen_watch_result *seen)
{
    for (size_t i = 0; i < seen->frames && n_frame_ms < MAX_FRAMES; i++)
        frame_ms[n_frame_ms++] = seen->frame_ms[i];
}

/* Sends each tap after the previous screen settled; stops at the first that does not settle. */
static void tap_through(const struct options *o, Display *dpy, struct screen_watch *watch,
                        struct run *r)
{
    for (int t = 0; t < o->n_taps; t++) {
        struct tap_result *tap = &r->taps[t];
        usleep((useconds_t)o->tap_wait_ms * 1000);
        int64_t at = bench_now_ns();
        XTestFakeMotionEvent(dpy, DefaultScreen(dpy), o->taps[t].x, o->taps[t].y, CurrentTime);
        XTestFakeButtonEvent(dpy, 1, True, CurrentTime);
        XTestFakeButtonEvent(dpy, 1, False, CurrentTime);
        XFlush(dpy);
        struct screen_watch_result seen;
        screen_watch_run(watch, o->quiet_ms, false, at + (int64_t)o->timeout_ms * 1000000, NULL,
                         NULL, &seen);
        tap->sent = true;
        tap->settled = seen.settled;
        tap->responded = seen.changed;
        if (seen.changed) {
            tap->response_ms = ms_between(at, seen.first_change_ns);
            tap->complete_ms = ms_between(at, seen.complete_ns);
            keep_frames(&seen);
        }
        if (!seen.settled)
            return;
    }
}

/*
 * One run on a fresh X server; false when the server, DAMAGE, MIT-SHM or XTEST
 * is missing or the command cannot start. *readback_ms: one read-back's time.
 */
static bool measure_run(const struct options *o, struct run *r, double *readback_ms)
{
    char display[32];
    pid_t server = xvfb_start(o->geometry, NULL, display, sizeof display);
    Display *dpy = server > 0 ? XOpenDisplay(display) : NULL;
    int event, error, major, minor;
    struct screen_watch *watch = dpy && XTestQueryExtension(dpy, &event, &error, &major, &minor)
                                     ? screen_watch_new(dpy)
                                     : NULL;
    pid_t pid = -1;
    struct memory_probe probe = {.server = server};
    struct screen_watch_result seen;
    if (!watch) {
        fprintf(stderr, "bench_first_frame: no X server with DAMAGE, MIT-SHM and XTEST\n");
        goto end;
    }
    *readback_ms = screen_watch_readback_ms(watch, 15);
    int64_t t0 = bench_now_ns();
    pid = start_command(o->argv, display);
    if (pid < 0)
        goto end;
    screen_watch_run(watch, o->quiet_ms, true, t0 + (int64_t)o->timeout_ms * 1000000,
                     memory_probe_start, &probe, &seen);
    memory_probe_join(&probe);
    r->first = probe.m;
    r->drew = seen.changed;
    r->settled = seen.settled;
    r->first_paint_ms = seen.changed ? ms_between(t0, seen.first_change_ns) : 0;
    r->complete_ms = seen.settled ? ms_between(t0, seen.complete_ns) : 0;
    if (r->settled) {
        tree_memory_now(server, &r->at_settle);
        tap_through(o, dpy, watch, r);
        if (o->n_taps > 0 && r->taps[o->n_taps - 1].settled)
            tree_memory_now(server, &r->after_taps);
    }
end:
    kill_tree(server);
    screen_watch_free(watch);
    if (dpy)
        XCloseDisplay(dpy);
    xvfb_stop(server);
    return watch && pid > 0;
}

/* The figures of one kind gathered from the runs, reported by name and summary key. */
struct samples {
    double v[MAX_RUNS * MAX_TAPS];
    size_t n;
};

static void samples_add(struct samples *s, double value)
{
    s->v[s->n++] = value;
}

/* " key_median=X key_p99=Y" for the summary line, "na" without samples. */
static void summary_pair(const char *key, struct samples *s)
{
    if (s->n == 0) {
        printf(" %s_median=na %s_p99=na", key, key);
        return;
    }
    double median = bench_percentile(s->v, s->n, 50), p99 = bench_percentile(s->v, s->n, 99);
    printf(" %s_median=%.1f %s_p99=%.1f", key, median, key, p99);
}

/* Every figure, by name and summary key. */
enum figure {
    FIRST_PAINT,
    COMPLETE,
    TAP_RESPONSE,
    TAP_COMPLETE,
    RSS_FIRST,
    PSS_FIRST,
    RSS_SETTLED,
    PSS_SETTLED,
    RSS_TAPS,
    PSS_TAPS,
    N_FIGURES
};

static const struct {
    const char *name, *key, *unit;
} figures[N_FIGURES] = {
    [FIRST_PAINT] = {"exec to first paint (first damage unlike the empty screen)", "first_paint_ms",
                     "ms"},
    [COMPLETE] = {"exec to visually complete (the screen as it settled)", "complete_ms", "ms"},
    [TAP_RESPONSE] = {"all taps: tap to the first change (response)", "tap_response_ms", "ms"},
    [TAP_COMPLETE] = {"all taps: tap to visually complete", "tap_complete_ms", "ms"},
    [RSS_FIRST] = {"RSS of the process tree at the first paint", "rss_first_mib", "MiB"},
    [PSS_FIRST] = {"PSS of the process tree at the first paint", "pss_first_mib", "MiB"},
    [RSS_SETTLED] = {"RSS of the process tree when the first screen settled", "rss_settled_mib",
                     "MiB"},
    [PSS_SETTLED] = {"PSS of the process tree when the first screen settled", "pss_settled_mib",
                     "MiB"},
    [RSS_TAPS] = {"RSS of the process tree after the last tap settled", "rss_taps_mib", "MiB"},
    [PSS_TAPS] = {"PSS of the process tree after the last tap settled", "pss_taps_mib", "MiB"},
};

/* The taps' counts over all runs. */
struct tap_counts {
    int sent, responses, no_response, not_settled;
};

/* Prints each tap's figures over the runs; adds them to the all-taps samples; false if any is
 * missing or inconsistent. */
static bool report_taps(const struct options *o, const struct run *runs, struct samples *all,
                        struct tap_counts *c)
{
    static struct samples response, complete;
    bool complete_set = true;
    for (int t = 0; t < o->n_taps; t++) {
        response.n = complete.n = 0;
        int none = 0, unsettled = 0;
        for (int i = 0; i < o->runs; i++) {
            const struct tap_result *tap = &runs[i].taps[t];
            c->sent += tap->sent;
            none += tap->sent && !tap->responded;
            unsettled += tap->sent && !tap->settled;
            complete_set = complete_set && tap->responded && tap->settled;
            if (!tap->responded)
                continue;
            samples_add(&response, tap->response_ms);
            samples_add(&all[TAP_RESPONSE], tap->response_ms);
            if (!tap->settled)
                continue;
            samples_add(&complete, tap->complete_ms);
            samples_add(&all[TAP_COMPLETE], tap->complete_ms);
            complete_set =
                complete_set && tap->response_ms > 0 && tap->complete_ms >= tap->response_ms;
        }
        c->responses += (int)response.n;
        c->no_response += none;
        c->not_settled += unsettled;
        char name[96];
        printf("tap %d at %d,%d: no response %d, not settled %d\n", t + 1, o->taps[t].x,
               o->taps[t].y, none, unsettled);
        snprintf(name, sizeof name, "  tap %d: tap to the first change (response)", t + 1);
        if (response.n > 0)
            bench_report(name, response.v, response.n, "ms");
        snprintf(name, sizeof name, "  tap %d: tap to visually complete", t + 1);
        if (complete.n > 0)
            bench_report(name, complete.v, complete.n, "ms");
    }
    return complete_set;
}

/* Prints the figures and the summary line; true when every figure is there and consistent. */
static bool report(const struct options *o, const struct run *runs, double readback_ms)
{
    static struct samples all[N_FIGURES];
    int drew = 0, settled = 0;
    bool consistent = true;
    for (int i = 0; i < o->runs; i++) {
        const struct run *r = &runs[i];
        drew += r->drew;
        settled += r->settled;
        if (!r->drew)
            continue;
        samples_add(&all[FIRST_PAINT], r->first_paint_ms);
        samples_add(&all[RSS_FIRST], r->first.rss);
        samples_add(&all[PSS_FIRST], r->first.pss);
        consistent = consistent && r->first_paint_ms > 0 && r->first.rss > 0 && r->first.pss > 0;
        if (!r->settled)
            continue;
        samples_add(&all[COMPLETE], r->complete_ms);
        samples_add(&all[RSS_SETTLED], r->at_settle.rss);
        samples_add(&all[PSS_SETTLED], r->at_settle.pss);
        consistent = consistent && r->complete_ms >= r->first_paint_ms && r->at_settle.rss > 0 &&
                     r->at_settle.pss > 0;
        if (o->n_taps == 0 || !r->taps[o->n_taps - 1].settled)
            continue;
        samples_add(&all[RSS_TAPS], r->after_taps.rss);
        samples_add(&all[PSS_TAPS], r->after_taps.pss);
        consistent = consistent && r->after_taps.rss > 0 && r->after_taps.pss > 0;
    }
    printf("%s under Xvfb %s, no window manager, %d runs, quiet %d ms (median, p99)\n", o->argv[0],
           o->geometry, o->runs, o->quiet_ms);
    printf("runs that never drew within %d ms: %d; drew but never settled: %d\n", o->timeout_ms,
           o->runs - drew, drew - settled);
    struct tap_counts taps = {0};
    bool taps_complete = report_taps(o, runs, all, &taps);
    if (o->n_taps > 0)
        printf("taps sent %d, responses %d, no response %d, not settled %d, not sent %d\n",
               taps.sent, taps.responses, taps.no_response, taps.not_settled,
               o->runs * o->n_taps - taps.sent);
    static struct samples frames;
    int slow = 0, missed = 0; /* over one 60 Hz frame; over two (a frame missed) */
    frames.n = 0;
    for (size_t i = 0; i < n_frame_ms; i++) {
        slow += frame_ms[i] > SLOW_FRAME_MS;
        missed += frame_ms[i] > 2 * SLOW_FRAME_MS;
        samples_add(&frames, frame_ms[i]);
    }
    if (o->n_taps > 0)
        printf(
            "frame intervals during the taps' changes (damages >= 1 ms apart; Xvfb has no vsync: "
            "the output as the server received it): %zu, over %.1f ms: %d, over %.1f ms: %d\n",
            frames.n, SLOW_FRAME_MS, slow, 2 * SLOW_FRAME_MS, missed);
    printf("one whole-screen read-back and hash (after each burst of damage): %.2f ms median\n",
           readback_ms);
    for (int f = 0; f < N_FIGURES; f++)
        if (all[f].n > 0)
            bench_report(figures[f].name, all[f].v, all[f].n, figures[f].unit);
    if (frames.n > 0)
        bench_report("frame interval during the taps' changes", frames.v, frames.n, "ms");
    const char *slash = strrchr(o->argv[0], '/');
    printf("summary program=%s runs=%d drew=%d settled=%d taps=%d tap_sent=%d tap_responses=%d "
           "tap_no_response=%d tap_not_settled=%d",
           slash ? slash + 1 : o->argv[0], o->runs, drew, settled, o->n_taps, taps.sent,
           taps.responses, taps.no_response, taps.not_settled);
    for (int f = 0; f < N_FIGURES; f++)
        summary_pair(figures[f].key, &all[f]);
    printf(" frame_intervals=%zu frames_over_16_7ms=%d frames_over_33_4ms=%d", frames.n, slow,
           missed);
    summary_pair("frame_ms", &frames);
    printf(" readback_ms=%.2f\n", readback_ms);
    return drew == o->runs && settled == o->runs && consistent &&
           (o->n_taps == 0 || (taps_complete && taps.sent == o->runs * o->n_taps));
}

int main(int argc, char **argv)
{
    struct options o = {.runs = 7, .quiet_ms = 500, .timeout_ms = 30000};
    if (!parse_options(argc, argv, &o))
        return 2;
    /* Without a command: this tree's kiosk full screen, as bench_startup starts it. */
    const char *src = getenv("KIOSK_SOURCE_DIR") ? getenv("KIOSK_SOURCE_DIR") : ".";
    const char *build = getenv("KIOSK_BUILD_DIR") ? getenv("KIOSK_BUILD_DIR") : "build/release";
    const char *tmp = getenv("KIOSK_TEST_TMPDIR") ? getenv("KIOSK_TEST_TMPDIR") : "/tmp";
    static char program[2048], db[2048], assets[2048], menu[2048];
    snprintf(program, sizeof program, "%s/kiosk/programs/kiosk", build);
    snprintf(db, sizeof db, "%s/bench_first_frame.db", tmp);
    snprintf(assets, sizeof assets, "%s/assets", src);
    snprintf(menu, sizeof menu, "%s/assets/menus/restaurant.json", src);
    char *const kiosk[] = {program, "--db", db, "--assets", assets, "--menu", menu, NULL};
    if (!o.argv) {
        o.argv = kiosk;
        setenv("SDL_VIDEODRIVER", "x11", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
    }
    /* The command's orphans (a browser's helpers) are re-parented here, to be measured and killed.
     */
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    static struct run runs[MAX_RUNS];
    double readback_ms = 0;
    for (int i = 0; i < o.runs; i++)
        if (!measure_run(&o, &runs[i], &readback_ms))
            return 1;
    bool complete = report(&o, runs, readback_ms);
    return o.check && !complete ? 1 : 0;
}
