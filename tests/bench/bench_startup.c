/*
 * The kiosk program as a customer meets it, started the way systemd starts
 * it (Type=notify): exec to the first frame presented (the READY=1 the loop
 * sends on NOTIFY_SOCKET right after presenting its first frame) and the
 * CPU time its main thread took to get there (read on READY=1), the
 * resident (RSS) and proportional (PSS) memory on that first screen, the
 * shared objects mapped, and the RSS and PSS at the end of a run whose
 * script visits every category the menu shows (read while the kiosk holds
 * there, before it is stopped) with that run's peak RSS. On a new database
 * (the first boot: every migration and the menu import) and on the database
 * the previous run left. Under SDL's offscreen driver, and under Xvfb
 * (1080 x 1920) windowed and fullscreen when Xvfb is installed (a browse in
 * each); and, offscreen, on the database of a kiosk with a month of orders.
 * Medians and p99 of RUNS runs; figures printed, never asserted on time
 * (--check, the suite's smoke check: one browse offscreen, its memory
 * figures checked consistent). Frame times of a category change and of
 * the idle overlay are bench_screens' full draws of "menu" and "idle".
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kiosk/app/config.h"
#include "kiosk/domain/catalog.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/screens/screen_render.h"
#include "tests/bench/bench_util.h"
#include "tests/support/xvfb.h"
#include "tests/unit/test_programs.h"

#define RUNS 7
/* Orders in the database of a kiosk that has sold for a month or so (57 MB of SQLite). */
#define HISTORY_ORDERS "10000"
#define READY_LIMIT_MS 20000
/* The longest quiet on the notify socket while the browse runs (an ASan build is slow). */
#define BROWSE_LIMIT_MS 120000

struct env {
    const char *name;
    const char *driver;  /* SDL_VIDEODRIVER */
    const char *display; /* DISPLAY, or NULL */
    pid_t server;        /* the X server on display; 0: none */
    bool windowed;
};

struct paths {
    char program[2048], assets[2048], menu[2048], db[2048], script[2048], notify[108];
};

/*
 * Milliseconds pid's main thread has run on a CPU (/proc/PID/schedstat); -1 when unreadable.
 * On a busy box the wall time to the first frame includes waits for a CPU; this does not.
 * For the X server (single-threaded), its CPU time.
 */
static double main_thread_cpu_ms(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/schedstat", (long)pid);
    FILE *f = fopen(path, "r");
    unsigned long long ns = 0;
    bool ok = f && fscanf(f, "%llu", &ns) == 1;
    if (f)
        fclose(f);
    return ok ? (double)ns / 1e6 : -1.0;
}

/* Minor page faults pid has taken (/proc/PID/stat); -1 when unreadable. */
static long minor_faults_of(pid_t pid)
{
    char path[64], line[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "r");
    bool ok = f && fgets(line, sizeof line, f);
    if (f)
        fclose(f);
    /* The fields after the command's closing parenthesis: state, ppid, ... minflt is the 8th. */
    const char *rest = ok ? strrchr(line, ')') : NULL;
    long faults = -1;
    if (!rest || sscanf(rest + 1, " %*c %*d %*d %*d %*d %*d %*u %ld", &faults) != 1)
        return -1;
    return faults;
}

/* Distinct shared objects (".so" in the path) mapped by pid; -1 when unreadable. */
static int shared_objects_of(pid_t pid)
{
    char path[64], line[4096], last[4096] = "";
    snprintf(path, sizeof path, "/proc/%ld/maps", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        const char *file = strchr(line, '/');
        if (!file || !strstr(file, ".so") || strcmp(file, last) == 0)
            continue;
        /* The maps of one object follow each other. */
        snprintf(last, sizeof last, "%s", file);
        n++;
    }
    fclose(f);
    return n;
}

static pid_t start_kiosk(const struct env *e, const struct paths *p, const char *script)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    setenv("SDL_VIDEODRIVER", e->driver, 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (e->display)
        setenv("DISPLAY", e->display, 1);
    setenv("NOTIFY_SOCKET", p->notify, 1);
    const char *argv[16] = {p->program, "--db", p->db, "--assets", p->assets, "--menu", p->menu};
    int n = 7;
    if (e->windowed)
        argv[n++] = "--windowed";
    if (script) {
        argv[n++] = "--script";
        argv[n++] = script;
    }
    argv[n] = NULL;
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) {
        dup2(devnull, STDERR_FILENO);
        dup2(devnull, STDOUT_FILENO);
    }
    execv(p->program, (char *const *)argv);
    _exit(127);
}

static void remove_database(const char *db)
{
    const char *suffixes[] = {"", "-wal", "-shm"};
    char path[2100];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", db, suffixes[i]);
        unlink(path);
    }
}

/* The database a start finds: none, the one the previous start left, one made before. */
enum start_db { NEW_DB, EXISTING_DB, HISTORY_DB };

/* RUNS starts to the first frame in environment e; false when the kiosk never got there. */
static bool measure_start(const struct env *e, const struct paths *p, int fd, enum start_db kind)
{
    double ms[RUNS], cpu[RUNS], rss[RUNS], pss[RUNS], server_cpu[RUNS], server_faults[RUNS];
    int objects = -1;
    if (kind != HISTORY_DB)
        remove_database(p->db);
    for (int i = 0; i < RUNS; i++) {
        if (kind == NEW_DB)
            remove_database(p->db);
        double server0 = e->server > 0 ? main_thread_cpu_ms(e->server) : 0.0;
        long faults0 = e->server > 0 ? minor_faults_of(e->server) : 0;
        int64_t t0 = bench_now_ns();
        pid_t pid = start_kiosk(e, p, NULL);
        bool ready = pid > 0 && program_wait_ready(fd, READY_LIMIT_MS);
        ms[i] = (double)(bench_now_ns() - t0) / 1e6;
        /* The X server's share of the way to the first frame: its CPU and page faults. */
        server_cpu[i] = e->server > 0 ? main_thread_cpu_ms(e->server) - server0 : 0.0;
        server_faults[i] = e->server > 0 ? (double)(minor_faults_of(e->server) - faults0) : 0.0;
        cpu[i] = ready ? main_thread_cpu_ms(pid) : -1.0;
        long r = -1, s = -1;
        if (ready && bench_memory_of(pid, &r, &s))
            objects = shared_objects_of(pid);
        rss[i] = (double)r / 1024.0;
        pss[i] = (double)s / 1024.0;
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, NULL, 0);
        }
        if (!ready) {
            fprintf(stderr, "%s: the kiosk presented no frame\n", e->name);
            return false;
        }
    }
    const char *db = kind == NEW_DB        ? "new database"
                     : kind == EXISTING_DB ? "existing database"
                                           : "database of " HISTORY_ORDERS " orders";
    char name[160];
    snprintf(name, sizeof name, "%s, %s: exec to first frame", e->name, db);
    bench_report(name, ms, RUNS, "ms");
    snprintf(name, sizeof name, "%s, %s: the main thread's CPU to the first frame", e->name, db);
    bench_report(name, cpu, RUNS, "ms");
    if (e->server > 0) {
        snprintf(name, sizeof name, "%s, %s: the X server's CPU to the first frame", e->name, db);
        bench_report(name, server_cpu, RUNS, "ms");
        snprintf(name, sizeof name, "%s, %s: the X server's page faults to the first frame",
                 e->name, db);
        bench_report(name, server_faults, RUNS, "");
    }
    snprintf(name, sizeof name, "%s, %s: RSS on the first screen", e->name, db);
    bench_report(name, rss, RUNS, "MiB");
    snprintf(name, sizeof name, "%s, %s: PSS on the first screen", e->name, db);
    bench_report(name, pss, RUNS, "MiB");
    printf("%s: %d shared objects mapped\n", e->name, objects);
    return true;
}

/*
 * RUNS scripted runs that visit every category: the RSS and PSS of the kiosk at the end of the
 * browse, read while it holds (the script's last step, "hold", tells STATUS=script holding on
 * the notify socket and keeps the program running until it is stopped), and the run's peak
 * RSS. With check, false unless each run's figures are consistent: 0 < PSS <= RSS, a peak
 * (the peak is the kernel's counters, the RSS a walk of the pages: they need not agree).
 */
static bool measure_browse(const struct env *e, const struct paths *p, int fd, int runs, bool check)
{
    double peak[RUNS], rss[RUNS], pss[RUNS];
    for (int i = 0; i < runs; i++) {
        pid_t pid = start_kiosk(e, p, p->script);
        long r = -1, s = -1;
        bool held = pid > 0 && program_wait_notice(fd, "STATUS=script holding", BROWSE_LIMIT_MS) &&
                    bench_memory_of(pid, &r, &s);
        if (pid > 0)
            kill(pid, SIGTERM);
        int status = -1;
        struct rusage ru = {0};
        if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0 || !held) {
            fprintf(stderr, "%s: the browsing script failed\n", e->name);
            return false;
        }
        peak[i] = (double)ru.ru_maxrss / 1024.0;
        rss[i] = (double)r / 1024.0;
        pss[i] = (double)s / 1024.0;
        if (check && !(0 < s && s <= r && ru.ru_maxrss > 0)) {
            fprintf(stderr,
                    "%s: inconsistent memory after browsing: RSS %ld, PSS %ld, peak %ld KiB\n",
                    e->name, r, s, ru.ru_maxrss);
            return false;
        }
        char drain[512];
        while (recv(fd, drain, sizeof drain, MSG_DONTWAIT) > 0)
            ;
    }
    char name[160];
    snprintf(name, sizeof name, "%s: RSS after visiting every category", e->name);
    bench_report(name, rss, (size_t)runs, "MiB");
    snprintf(name, sizeof name, "%s: PSS after visiting every category", e->name);
    bench_report(name, pss, (size_t)runs, "MiB");
    snprintf(name, sizeof name, "%s: peak RSS after visiting every category", e->name);
    bench_report(name, peak, (size_t)runs, "MiB");
    return true;
}

/* A script through the start to the menu, then a tap on every category of the menu. */
static bool write_browse_script(const struct paths *p)
{
    FILE *f = fopen(p->menu, "rb");
    char *json = malloc(KS_MENU_MAX_BYTES);
    size_t len = f && json ? fread(json, 1, KS_MENU_MAX_BYTES, f) : 0;
    if (f)
        fclose(f);
    ks_catalog *cat = len ? ks_menu_import(json, len, NULL) : NULL;
    free(json);
    FILE *out = cat ? fopen(p->script, "w") : NULL;
    if (!out) {
        ks_catalog_free(cat);
        return false;
    }
    fputs("expect attract\ntap start\nuntil language\ntap lang-en\nuntil service\n"
          "tap dine-in\nuntil menu\n",
          out);
    size_t n, n_items;
    const ks_category *categories = ks_catalog_categories(cat, &n);
    const ks_item *items = ks_catalog_items(cat, &n_items);
    ks_config cfg;
    ks_config_defaults(&cfg);
    /* The menu shows the categories with an item on offer at the script's moment. */
    ks_local_time at = ks_local_time_from_utc(KS_RENDER_UTC, cfg.utc_offset_min);
    for (size_t i = 0; i < n; i++) {
        bool offered = false;
        for (size_t j = 0; j < n_items && !offered; j++)
            offered = items[j].category == &categories[i] &&
                      (items[j].n_available == 0 ||
                       ks_time_windows_contain(items[j].available, items[j].n_available, at));
        if (offered)
            fprintf(out, "tap category:%s\nwait 1000\n", categories[i].id);
    }
    fputs("hold\n", out); /* the memory is read here */
    ks_catalog_free(cat);
    return fclose(out) == 0;
}

/*
 * Exec to the first frame on a database holding HISTORY_ORDERS demo orders
 * (made once with kiosk --headless-demo): what a kiosk with history costs
 * at start, where the check that reads the whole file runs after the first
 * frame (ks_db_open_check_later).
 */
static bool measure_history(const struct env *e, const struct paths *p, int fd)
{
    struct paths big = *p;
    snprintf(big.db, sizeof big.db, "%.2000s.history", p->db);
    remove_database(big.db);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) {
            dup2(devnull, STDERR_FILENO);
            dup2(devnull, STDOUT_FILENO);
        }
        const char *argv[] = {p->program, "--headless-demo", "--orders", HISTORY_ORDERS, "--db",
                              big.db,     "--assets",        p->assets,  "--menu",       p->menu,
                              NULL};
        execv(p->program, (char *const *)argv);
        _exit(127);
    }
    int status = -1;
    struct stat st;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0 || stat(big.db, &st) != 0) {
        fprintf(stderr, "bench_startup: the database of %s orders could not be made\n",
                HISTORY_ORDERS);
        return false;
    }
    printf("%s: a database of %s orders, %.1f MB\n", e->name, HISTORY_ORDERS,
           (double)st.st_size / 1e6);
    bool ok = measure_start(e, &big, fd, HISTORY_DB);
    remove_database(big.db);
    return ok;
}

static bool measure_env(const struct env *e, const struct paths *p, int fd)
{
    return measure_start(e, p, fd, NEW_DB) && measure_start(e, p, fd, EXISTING_DB) &&
           measure_browse(e, p, fd, RUNS, false);
}

int main(int argc, char **argv)
{
    /* --check (the ctest smoke check): one browse offscreen, its figures checked consistent. */
    bool check = argc == 2 && strcmp(argv[1], "--check") == 0;
    if (argc > 1 && !check) {
        fputs("usage: bench_startup [--check]\n", stderr);
        return 2;
    }
    const char *src = getenv("KIOSK_SOURCE_DIR") ? getenv("KIOSK_SOURCE_DIR") : ".";
    const char *build = getenv("KIOSK_BUILD_DIR") ? getenv("KIOSK_BUILD_DIR") : "build/release";
    const char *tmp = getenv("KIOSK_TEST_TMPDIR") ? getenv("KIOSK_TEST_TMPDIR") : "/tmp";
    struct paths p;
    snprintf(p.program, sizeof p.program, "%s/kiosk/programs/kiosk", build);
    snprintf(p.assets, sizeof p.assets, "%s/assets", src);
    snprintf(p.menu, sizeof p.menu, "%s/assets/menus/restaurant.json", src);
    snprintf(p.db, sizeof p.db, "%s/bench_startup.db", tmp);
    snprintf(p.script, sizeof p.script, "%s/bench_startup.script", tmp);
    snprintf(p.notify, sizeof p.notify, "/tmp/bench_startup.%ld.sock", (long)getpid());
    if (access(p.program, X_OK) != 0 || !write_browse_script(&p)) {
        fprintf(stderr,
                "bench_startup: %s not built or the menu unreadable (set KIOSK_BUILD_DIR "
                "and KIOSK_SOURCE_DIR)\n",
                p.program);
        return 1;
    }
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s", p.notify);
    unlink(p.notify);
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        fprintf(stderr, "bench_startup: %s: %s\n", p.notify, strerror(errno));
        return 1;
    }
    const struct env offscreen = {.name = "offscreen", .driver = "offscreen"};
    if (check) {
        bool ok = measure_browse(&offscreen, &p, fd, 1, true);
        close(fd);
        unlink(p.notify);
        return ok ? 0 : 1;
    }
    printf("kiosk start-up, %d runs each (median, p99)\n", RUNS);
    /* The history's database is the headless demo's, whose menu items keep hours: at some
     * times of day it cannot be made; the X11 figures are measured all the same. */
    bool ok = measure_env(&offscreen, &p, fd);
    ok = measure_history(&offscreen, &p, fd) && ok;
    char display[32];
    pid_t xvfb = xvfb_start("1080x1920x24", NULL, display, sizeof display);
    if (xvfb < 0) {
        printf("Xvfb: not installed or not started; X11 figures skipped\n");
    } else {
        const struct env windowed = {.name = "Xvfb windowed",
                                     .driver = "x11",
                                     .display = display,
                                     .server = xvfb,
                                     .windowed = true};
        const struct env fullscreen = {
            .name = "Xvfb fullscreen", .driver = "x11", .display = display, .server = xvfb};
        ok = measure_start(&windowed, &p, fd, EXISTING_DB) &&
             measure_browse(&windowed, &p, fd, RUNS, false) &&
             measure_start(&fullscreen, &p, fd, EXISTING_DB) &&
             measure_browse(&fullscreen, &p, fd, RUNS, false) && ok;
        xvfb_stop(xvfb);
    }
    close(fd);
    unlink(p.notify);
    return ok ? 0 : 1;
}
