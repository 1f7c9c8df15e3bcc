/*
 * The real kiosk program in a real X11 window: Xvfb as the display, the
 * kiosk opened --windowed on it (SDL's x11 driver, not the offscreen one
 * the other end-to-end tests use), and a mouse click sent by xdotool
 * through the X server. The click on the attract screen must take the
 * journey to the language screen, which the kiosk logs; then SIGTERM must
 * close it cleanly. This is the path a touch screen's events take. With no
 * session bus, the kiosk must not have libdbus start one (a dbus-launch
 * first in PATH records any call) on the way to its first frame.
 */
#include "tests/support/check.h"
#include "tests/support/xvfb.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WAIT_MS 30000

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Starts argv[0] (searched in PATH) with stdout and stderr to log (NULL: kept); its pid. */
static pid_t spawn(const char *const *argv, const char *log, const char *display)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    if (log) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 || dup2(fd, STDERR_FILENO) < 0)
            _exit(126);
    }
    if (display)
        setenv("DISPLAY", display, 1);
    execvp(argv[0], (char *const *)argv);
    _exit(127);
}

/* Runs argv to its end with stdout into out[cap]; its exit status, -1 when it did not exit. */
static int run_capture(const char *const *argv, const char *display, char *out, size_t cap)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        setenv("DISPLAY", display, 1);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    size_t len = 0;
    ssize_t n;
    while (len + 1 < cap && (n = read(fds[0], out + len, cap - 1 - len)) > 0)
        len += (size_t)n;
    out[len] = '\0';
    close(fds[0]);
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

/* Waits until the file at path contains needle; false after WAIT_MS. */
static bool log_shows(const char *path, const char *needle)
{
    for (int waited = 0; waited < WAIT_MS; waited += 100) {
        char *text = check_read_file(path, NULL);
        bool found = text && strstr(text, needle);
        free(text);
        if (found)
            return true;
        sleep_ms(100);
    }
    fprintf(stderr, "  %s never showed \"%s\"\n", path, needle);
    return false;
}

static void test_click_in_a_real_window(void)
{
    char display[32];
    pid_t xvfb = xvfb_start("1280x1024x24", check_path(check_tmp_dir(), "xvfb.log"), display,
                            sizeof display);
    CHECK(xvfb > 0);
    if (xvfb <= 0)
        return;

    const char *build = getenv("KIOSK_BUILD_DIR");
    char program[4096], assets[4096], menu[4096], db[4096], log[4096];
    snprintf(program, sizeof program, "%s/kiosk/programs/kiosk", build ? build : ".");
    snprintf(assets, sizeof assets, "%s/assets", check_source_dir());
    snprintf(menu, sizeof menu, "%s/assets/menus/restaurant.json", check_source_dir());
    snprintf(db, sizeof db, "%s", check_path(check_tmp_dir(), "x11.db"));
    snprintf(log, sizeof log, "%s", check_path(check_tmp_dir(), "kiosk.log"));
    unlink(db);
    char suppressions[4200];
    snprintf(suppressions, sizeof suppressions, "suppressions=%s/tests/support/lsan.supp",
             check_source_dir());
    setenv("LSAN_OPTIONS", suppressions, 1);
    setenv("SDL_VIDEODRIVER", "x11", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    /* No session bus; a dbus-launch that records being run, found before any other. */
    unsetenv("DBUS_SESSION_BUS_ADDRESS");
    char bin[4096], launcher[4200], launched[4200], path[8192];
    snprintf(bin, sizeof bin, "%s", check_path(check_tmp_dir(), "bin"));
    snprintf(launcher, sizeof launcher, "%s/dbus-launch", bin);
    snprintf(launched, sizeof launched, "%s/dbus-launch.ran", bin);
    mkdir(bin, 0700);
    unlink(launched);
    FILE *script = fopen(launcher, "w");
    CHECK(script);
    fprintf(script, "#!/bin/sh\necho \"$@\" > '%s'\nexit 1\n", launched);
    fclose(script);
    CHECK(chmod(launcher, 0700) == 0);
    const char *old_path = getenv("PATH");
    snprintf(path, sizeof path, "%s:%s", bin, old_path ? old_path : "/usr/bin:/bin");
    setenv("PATH", path, 1);
    const char *const kiosk_argv[] = {program, "--windowed", "--db", db,  "--assets",
                                      assets,  "--menu",     menu,   NULL};
    pid_t kiosk = spawn(kiosk_argv, log, display);
    CHECK(kiosk > 0);
    CHECK(log_shows(log, "ready"));
    CHECK(log_shows(log, "screen attract"));
    CHECK(access(launched, F_OK) != 0); /* no session bus was started for the kiosk */

    /* The window as X sees it, found by its title. */
    char out[256];
    const char *const search[] = {"xdotool", "search", "--sync", "--name", "^Kiosk$", NULL};
    CHECK_EQ_INT(run_capture(search, display, out, sizeof out), 0);
    char window[32];
    snprintf(window, sizeof window, "%.*s", (int)strcspn(out, "\n"), out);
    CHECK(window[0] != '\0');

    /* A click in the middle of the attract screen starts an order. */
    const char *const click[] = {"xdotool", "mousemove", "--window", window, "200",
                                 "300",     "click",     "1",        NULL};
    CHECK_EQ_INT(run_capture(click, display, out, sizeof out), 0);
    CHECK(log_shows(log, "screen language"));

    kill(kiosk, SIGTERM);
    int status = 0;
    CHECK(waitpid(kiosk, &status, 0) == kiosk);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    xvfb_stop(xvfb);
}

static const struct check_case cases[] = {
    {"a click through X11 reaches the journey", test_click_in_a_real_window},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
