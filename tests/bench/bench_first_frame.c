/*
 * Any kiosk program as a customer meets it, timed from outside: for each run a
 * fresh Xvfb (no window manager), the root window's damage watched with the
 * DAMAGE extension, COMMAND forked and exec'd with DISPLAY set, and its first
 * frame taken as the first damage after exec whose pixels (read back with
 * XGetImage) differ from the empty root: a frame counts when its pixels reach
 * the X server. Then the RSS and PSS of the command's process tree at that
 * first frame and after a settle time; the tree is killed and Xvfb stopped.
 *
 *   bench_first_frame [--runs N] [--size WxH] [--settle MS] [--timeout MS] [--check]
 *                     [-- COMMAND ARGS...]
 *
 * Without COMMAND: this tree's kiosk full screen, with bench_startup's arguments.
 * Prints median and p99; a run that never drew within the timeout is counted,
 * not a failure. --check (the ctest smoke check): exit non-zero unless every run
 * drew and every figure is positive. Figures are never asserted on time.
 */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/bench/bench_util.h"
#include "tests/support/xvfb.h"

#define MAX_RUNS 1000
#define MAX_TREE 4096

struct options {
    int runs;
    char geometry[32]; /* "WxHx24" for Xvfb */
    int settle_ms, timeout_ms;
    bool check;
    char *const *argv; /* the command; borrowed from main's argv or a static table */
};

/* One run's figures; drew false when no frame arrived within the timeout. */
struct run {
    bool drew;
    double first_frame_ms;
    double rss_first, pss_first, rss_settled, pss_settled; /* MiB */
};

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

/* Parses the options up to "--"; false with a message on bad input. */
static bool parse_options(int argc, char **argv, struct options *o)
{
    int width = 1080, height = 1920;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *option = argv[i];
        if (strcmp(option, "--check") == 0) {
            o->check = true;
            continue;
        }
        /* Every other option takes a value. */
        const char *value = ++i < argc ? argv[i] : NULL;
        char tail;
        bool ok = false;
        if (strcmp(option, "--runs") == 0)
            ok = parse_int(value, 1, MAX_RUNS, &o->runs);
        else if (strcmp(option, "--settle") == 0)
            ok = parse_int(value, 0, 600000, &o->settle_ms);
        else if (strcmp(option, "--timeout") == 0)
            ok = parse_int(value, 1, 3600000, &o->timeout_ms);
        else if (strcmp(option, "--size") == 0)
            ok = value && sscanf(value, "%5dx%5d%c", &width, &height, &tail) == 2 && width > 0 &&
                 height > 0;
        if (!ok) {
            fprintf(stderr, "usage: bench_first_frame [--runs N] [--size WxH] [--settle MS] "
                            "[--timeout MS] [--check] [-- COMMAND ARGS...]\n");
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

/* True when the w x h area at x, y of the screen differs from the empty root in empty. */
static bool area_drawn(Display *dpy, XImage *empty, int x, int y, int w, int h)
{
    XImage *now =
        XGetImage(dpy, DefaultRootWindow(dpy), x, y, (unsigned)w, (unsigned)h, AllPlanes, ZPixmap);
    bool drawn = false;
    for (int j = 0; now && j < h && !drawn; j++)
        for (int i = 0; i < w && !drawn; i++)
            drawn = XGetPixel(now, i, j) != XGetPixel(empty, x + i, y + j);
    if (now)
        XDestroyImage(now);
    return drawn;
}

/*
 * Waits for the first damage whose pixels differ from empty; its arrival time in
 * *at_ns. False when none came within timeout_ms.
 */
static bool wait_first_frame(Display *dpy, int damage_event, XImage *empty, int timeout_ms,
                             int64_t *at_ns)
{
    int64_t deadline = bench_now_ns() + (int64_t)timeout_ms * 1000000;
    for (;;) {
        while (XPending(dpy)) {
            XEvent ev;
            XNextEvent(dpy, &ev);
            if (ev.type != damage_event + XDamageNotify)
                continue;
            int64_t arrived = bench_now_ns();
            const XDamageNotifyEvent *d = (const XDamageNotifyEvent *)&ev;
            if (area_drawn(dpy, empty, d->area.x, d->area.y, d->area.width, d->area.height)) {
                *at_ns = arrived;
                return true;
            }
        }
        int64_t left_ms = (deadline - bench_now_ns()) / 1000000;
        if (left_ms <= 0)
            return false;
        struct pollfd p = {.fd = ConnectionNumber(dpy), .events = POLLIN};
        poll(&p, 1, (int)(left_ms < 1000 ? left_ms : 1000));
    }
}

/* One run on a fresh X server; false when the server or the DAMAGE extension is missing. */
static bool measure_run(const struct options *o, struct run *r)
{
    char display[32];
    pid_t server = xvfb_start(o->geometry, NULL, display, sizeof display);
    Display *dpy = server > 0 ? XOpenDisplay(display) : NULL;
    int damage_event, damage_error;
    if (!dpy || !XDamageQueryExtension(dpy, &damage_event, &damage_error)) {
        fprintf(stderr, "bench_first_frame: no X server with the DAMAGE extension\n");
        if (dpy)
            XCloseDisplay(dpy);
        xvfb_stop(server);
        return false;
    }
    Window root = DefaultRootWindow(dpy);
    int width = DisplayWidth(dpy, DefaultScreen(dpy));
    int height = DisplayHeight(dpy, DefaultScreen(dpy));
    /* The root's damage includes what its children draw (no compositing here). */
    Damage damage = XDamageCreate(dpy, root, XDamageReportRawRectangles);
    XImage *empty =
        XGetImage(dpy, root, 0, 0, (unsigned)width, (unsigned)height, AllPlanes, ZPixmap);
    XSync(dpy, False);
    int64_t t0 = bench_now_ns(), frame_ns = 0;
    pid_t pid = empty ? start_command(o->argv, display) : -1;
    r->drew = pid > 0 && wait_first_frame(dpy, damage_event, empty, o->timeout_ms, &frame_ns);
    if (r->drew) {
        r->first_frame_ms = (double)(frame_ns - t0) / 1e6;
        tree_memory(server, &r->rss_first, &r->pss_first);
        /* Stop the events: a program that keeps drawing would fill this connection. */
        XDamageDestroy(dpy, damage);
        XSync(dpy, True);
        usleep((useconds_t)o->settle_ms * 1000);
        tree_memory(server, &r->rss_settled, &r->pss_settled);
    }
    kill_tree(server);
    if (empty)
        XDestroyImage(empty);
    XCloseDisplay(dpy);
    xvfb_stop(server);
    return empty != NULL && pid > 0;
}

static bool report(const struct options *o, const struct run *runs)
{
    static double ms[MAX_RUNS], rss1[MAX_RUNS], pss1[MAX_RUNS], rss2[MAX_RUNS], pss2[MAX_RUNS];
    size_t n = 0;
    bool positive = true;
    for (int i = 0; i < o->runs; i++) {
        if (!runs[i].drew)
            continue;
        ms[n] = runs[i].first_frame_ms;
        rss1[n] = runs[i].rss_first;
        pss1[n] = runs[i].pss_first;
        rss2[n] = runs[i].rss_settled;
        pss2[n] = runs[i].pss_settled;
        positive =
            positive && ms[n] > 0 && rss1[n] > 0 && pss1[n] > 0 && rss2[n] > 0 && pss2[n] > 0;
        n++;
    }
    printf("first frame of %s under Xvfb %s, %d runs (median, p99)\n", o->argv[0], o->geometry,
           o->runs);
    if (n > 0) {
        bench_report("exec to first frame", ms, n, "ms");
        bench_report("RSS of the process tree at the first frame", rss1, n, "MiB");
        bench_report("PSS of the process tree at the first frame", pss1, n, "MiB");
        char name[96];
        snprintf(name, sizeof name, "RSS of the process tree %d ms later", o->settle_ms);
        bench_report(name, rss2, n, "MiB");
        snprintf(name, sizeof name, "PSS of the process tree %d ms later", o->settle_ms);
        bench_report(name, pss2, n, "MiB");
    }
    printf("runs that never drew within %d ms: %d\n", o->timeout_ms, o->runs - (int)n);
    return n == (size_t)o->runs && positive;
}

int main(int argc, char **argv)
{
    struct options o = {.runs = 7, .settle_ms = 2000, .timeout_ms = 30000};
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
    for (int i = 0; i < o.runs; i++)
        if (!measure_run(&o, &runs[i]))
            return 1;
    bool complete = report(&o, runs);
    return o.check && !complete ? 1 : 0;
}
