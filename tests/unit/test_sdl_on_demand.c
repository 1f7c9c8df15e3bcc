/*
 * The kiosk program loads SDL2 itself (ui/sdl_on_demand.c), not the dynamic
 * loader before main: its NEEDED libraries name no SDL2; a screen's run
 * under the offscreen driver loads it with dlopen (the loader's own log,
 * LD_DEBUG=files, says "dynamically loaded", never "needed by") and
 * presents its first frame (READY=1 on NOTIFY_SOCKET, as bench_startup
 * times it); a run that draws nothing (--import-menu) never loads it; and
 * where SDL2 cannot be loaded (a file of that name that is no library, or
 * a library without SDL's functions, found first through LD_LIBRARY_PATH)
 * the kiosk stops with status 1 and says why, instead of crashing.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/check.h"
#include "tests/unit/test_programs.h"

#define SDL2_SONAME "libSDL2-2.0.so.0"

struct run {
    const char *const *argv;  /* argv[0] is the program's path */
    const char *library_path; /* LD_LIBRARY_PATH, or NULL */
    const char *notify;       /* NOTIFY_SOCKET, or NULL */
    const char *log;          /* stdout and stderr, with the loader's LD_DEBUG=files log */
};

/* Starts a run under the offscreen driver; its pid, or -1. */
static pid_t run_start(const struct run *r)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    setenv("LD_DEBUG", "files", 1);
    if (r->library_path)
        setenv("LD_LIBRARY_PATH", r->library_path, 1);
    if (r->notify)
        setenv("NOTIFY_SOCKET", r->notify, 1);
    int fd = open(r->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
    }
    execv(r->argv[0], (char *const *)r->argv);
    _exit(127);
}

/* The line of log (NUL-terminated) where the loader opens SDL2, or NULL. */
static const char *sdl2_load_line(const char *log)
{
    return strstr(log, "file=" SDL2_SONAME " [0];");
}

/* The paths a start needs: the database (removed first), the assets and the menu. */
struct start_paths {
    char program[1024], db[1024], assets[1024], menu[1024];
};

static bool start_paths_of(struct start_paths *p)
{
    snprintf(p->db, sizeof p->db, "%s/sdl_on_demand.db", check_tmp_dir());
    program_remove_database(p->db);
    snprintf(p->assets, sizeof p->assets, "%s/assets", check_source_dir());
    snprintf(p->menu, sizeof p->menu, "%s/assets/menus/restaurant.json", check_source_dir());
    return program_path("kiosk", p->program, sizeof p->program);
}

/* Nor libcrypto, loaded on its first call too (devices/common/libcrypto_on_demand.c). */
static void kiosk_names_no_sdl2_among_its_libraries(void)
{
    char path[1024], command[1200], line[1024];
    CHECK(program_path("kiosk", path, sizeof path));
    snprintf(command, sizeof command, "readelf --dynamic --wide '%s'", path);
    FILE *p = popen(command, "r");
    CHECK(p);
    int needed = 0;
    bool sdl2 = false, crypto = false;
    while (fgets(line, sizeof line, p)) {
        if (!strstr(line, "(NEEDED)"))
            continue;
        needed++;
        sdl2 = sdl2 || strstr(line, "SDL2");
        crypto = crypto || strstr(line, "libcrypto");
    }
    CHECK_EQ_INT(pclose(p), 0);
    CHECK(needed > 0); /* the list was read */
    CHECK(!sdl2);
    CHECK(!crypto);
}

static void screen_run_loads_sdl2_itself_and_presents_its_first_frame(void)
{
    struct start_paths p;
    CHECK(start_paths_of(&p));
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    snprintf(addr.sun_path, sizeof addr.sun_path, "/tmp/test_sdl_on_demand.%ld.sock",
             (long)getpid());
    unlink(addr.sun_path);
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    CHECK(fd >= 0);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        close(fd);
        CHECK(!"the notify socket is bound");
    }
    const char *argv[] = {p.program, "--db", p.db, "--assets", p.assets, "--menu", p.menu, NULL};
    char log[1024];
    snprintf(log, sizeof log, "%s/screen_run.log", check_tmp_dir());
    const struct run r = {.argv = argv, .notify = addr.sun_path, .log = log};
    pid_t pid = run_start(&r);
    bool ready = pid > 0 && program_wait_ready(fd, CHECK_WAIT_MS);
    bool stopped = program_stop(pid);
    close(fd);
    unlink(addr.sun_path);
    CHECK(ready);
    CHECK(stopped);
    char *text = check_read_file(log, NULL);
    CHECK(text);
    const char *line = sdl2_load_line(text);
    char first[512];
    snprintf(first, sizeof first, "%.*s", line ? (int)strcspn(line, "\n") : 0, line ? line : "");
    free(text);
    CHECK_CONTAINS(first, "dynamically loaded by");
}

static void run_that_draws_nothing_never_loads_sdl2(void)
{
    struct start_paths p;
    CHECK(start_paths_of(&p));
    const char *argv[] = {p.program, "--db", p.db, "--import-menu", p.menu, NULL};
    char log[1024];
    snprintf(log, sizeof log, "%s/import.log", check_tmp_dir());
    const struct run r = {.argv = argv, .log = log};
    CHECK_EQ_INT(program_wait(run_start(&r), CHECK_WAIT_MS / 1000), 0);
    char *text = check_read_file(log, NULL);
    CHECK(text);
    bool imported = strstr(text, "imported") != NULL;
    bool loaded = sdl2_load_line(text) != NULL;
    free(text);
    CHECK(imported); /* the log was read */
    CHECK(!loaded);
}

/*
 * A screen's run where LD_LIBRARY_PATH finds fake (a path made by make_fake in the
 * folder) as SDL2: status 1 and the words expected in its log, no sanitizer report.
 */
static void stops_without_sdl2(const char *name, bool (*make_fake)(const char *path),
                               const char *expected)
{
    struct start_paths p;
    CHECK(start_paths_of(&p));
    char folder[1024], fake[1100], log[1100];
    snprintf(folder, sizeof folder, "%s/%s", check_tmp_dir(), name);
    CHECK(mkdir(folder, 0700) == 0);
    snprintf(fake, sizeof fake, "%s/" SDL2_SONAME, folder);
    CHECK(make_fake(fake));
    snprintf(log, sizeof log, "%s.log", folder);
    const char *argv[] = {p.program, "--db", p.db, "--assets", p.assets, "--menu", p.menu, NULL};
    const struct run r = {.argv = argv, .library_path = folder, .log = log};
    CHECK_EQ_INT(program_wait(run_start(&r), CHECK_WAIT_MS / 1000), 1);
    char *text = check_read_file(log, NULL);
    CHECK(text);
    bool said = strstr(text, expected) != NULL;
    bool clean = !strstr(text, "Sanitizer") && !strstr(text, "runtime error");
    if (!said || !clean)
        fprintf(stderr, "  expected \"%s\" in %s\n", expected, log);
    free(text);
    CHECK(said);
    CHECK(clean);
}

static bool make_empty_file(const char *path)
{
    FILE *f = fopen(path, "w");
    return f && fclose(f) == 0;
}

/* A real shared library, one the kiosk loads anyway, under SDL2's name. */
static bool make_other_library(const char *path)
{
    const char *jansson = "/usr/lib/x86_64-linux-gnu/libjansson.so.4";
    return access(jansson, R_OK) == 0 && symlink(jansson, path) == 0;
}

static void stops_with_a_message_when_sdl2_cannot_load(void)
{
    stops_without_sdl2("no_library", make_empty_file,
                       "the window cannot open: cannot load " SDL2_SONAME ": ");
}

static void stops_with_a_message_when_sdl2_lacks_a_function(void)
{
    stops_without_sdl2("other_library", make_other_library,
                       "the window cannot open: " SDL2_SONAME " has no SDL_");
}

static const struct check_case cases[] = {
    {"kiosk names no SDL2 or libcrypto among its libraries",
     kiosk_names_no_sdl2_among_its_libraries},
    {"screen run loads SDL2 itself and presents its first frame",
     screen_run_loads_sdl2_itself_and_presents_its_first_frame},
    {"run that draws nothing never loads SDL2", run_that_draws_nothing_never_loads_sdl2},
    {"stops with a message when SDL2 cannot load", stops_with_a_message_when_sdl2_cannot_load},
    {"stops with a message when SDL2 lacks a function",
     stops_with_a_message_when_sdl2_lacks_a_function},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
