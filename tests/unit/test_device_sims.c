/*
 * The simulator programs (scale-sim, scanner-sim) run as child processes
 * and read through the real drivers, as a demo or a technician would use
 * them: the scale through devices/scale/scale_serial.h, the scanner
 * through devices/common/serial_port.h and the CDC parser.
 */
#include "devices/scale/scale_serial.h"
#include "devices/scanner/scanner_serial.h"
#include "tests/support/check.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct child {
    pid_t pid;
    int in;        /* the program's stdin, written by the test */
    char pty[128]; /* from its first line, "pty /dev/pts/N" */
};

/* Starts build/devices/PROGRAM with args (NULL-terminated); false when it does not say "pty ...".
 */
static bool spawn(struct child *c, const char *program, const char *const *args)
{
    const char *build = getenv("KIOSK_BUILD_DIR");
    char path[1024];
    snprintf(path, sizeof(path), "%s/devices/%s", build ? build : ".", program);
    int in[2], out[2];
    if (pipe(in) != 0)
        return false;
    if (pipe(out) != 0) {
        close(in[0]);
        close(in[1]);
        return false;
    }
    const char *argv[8] = {path};
    for (size_t i = 0; args[i] && i < 6; i++)
        argv[i + 1] = args[i];
    c->pid = fork();
    if (c->pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        close(in[0]);
        close(in[1]);
        close(out[0]);
        close(out[1]);
        execv(path, (char *const *)argv);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    c->in = in[1];
    char line[160];
    size_t len = 0;
    while (len < sizeof(line) - 1) {
        struct pollfd p = {.fd = out[0], .events = POLLIN};
        if (poll(&p, 1, 5000) != 1 || read(out[0], line + len, 1) != 1 || line[len] == '\n')
            break;
        len++;
    }
    line[len] = '\0';
    close(out[0]);
    if (c->pid < 0 || strncmp(line, "pty /dev/", 9) != 0) {
        fprintf(stderr, "  %s did not start (KIOSK_BUILD_DIR must point at the build): \"%s\"\n",
                path, line);
        return false;
    }
    size_t path_len = strlen(line + 4);
    if (path_len >= sizeof c->pty) {
        fprintf(stderr, "  %s: pty path too long: \"%s\"\n", path, line + 4);
        return false;
    }
    memcpy(c->pty, line + 4, path_len + 1);
    return true;
}

static bool say(const struct child *c, const char *line)
{
    size_t n = strlen(line);
    return write(c->in, line, n) == (ssize_t)n;
}

/* Closes its stdin (which ends it) and reaps it; true on a clean exit. */
static bool finish(struct child *c)
{
    if (c->pid <= 0)
        return false;
    close(c->in);
    int status = 0;
    bool reaped = waitpid(c->pid, &status, 0) == c->pid;
    return reaped && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Polls the driver's state until link, fault and status match or CHECK_WAIT_MS pass. */
static bool scale_reaches(dev_scale_serial *s, enum dev_scale_link link, enum dev_scale_fault fault,
                          enum dev_scale_status status, int64_t grams)
{
    struct dev_scale_state st;
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < end; usleep(20000)) {
        dev_scale_serial_state(s, &st);
        if (st.link == link && st.fault == fault && st.reading.status == status &&
            st.reading.grams == grams)
            return true;
    }
    fprintf(stderr, "  scale is %s/%s/%s %lld\n", dev_scale_link_name(st.link),
            dev_scale_fault_name(st.fault), dev_scale_status_name(st.reading.status),
            (long long)st.reading.grams);
    return false;
}

static void test_scale_sim_program(void)
{
    char link[400], uri[600];
    snprintf(link, sizeof(link), "%s/scale-sim-link", check_tmp_dir());
    snprintf(uri, sizeof(uri), "serial://%s?dialect=magellan&max_g=15000&poll_ms=50&reply_ms=200",
             link);
    struct child c;
    const char *const args[] = {"--dialect", "magellan", "--link", link, NULL};
    CHECK(spawn(&c, "scale-sim", args));
    struct dev_scale_serial_config cfg;
    bool parsed = dev_scale_serial_uri_parse(uri, &cfg, NULL, 0);
    dev_scale_serial *s = parsed ? dev_scale_serial_start(&cfg, NULL, NULL) : NULL;
    int64_t g = -1;
    bool stable =
        s && say(&c, "1250\n") &&
        scale_reaches(s, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_STABLE, 1250) &&
        dev_scale_serial_weight(s, &g);
    bool unstable =
        s && say(&c, "unstable\n") &&
        scale_reaches(s, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_UNSTABLE, 0);
    bool over = s && say(&c, "over\n") &&
                scale_reaches(s, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_OVERLOAD, 0);
    bool under = s && say(&c, "under\n") &&
                 scale_reaches(s, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_UNDER_ZERO, 0);
    bool nozero = s && say(&c, "nozero\n") &&
                  scale_reaches(s, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_NO_ZERO, 0);
    bool garble = s && say(&c, "garble\n") &&
                  scale_reaches(s, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_GARBLED, DEV_SCALE_ERROR, 0);
    bool silent =
        s && say(&c, "silent\n") &&
        scale_reaches(s, DEV_SCALE_LINK_SILENT, DEV_SCALE_FAULT_NO_ANSWER, DEV_SCALE_ERROR, 0);
    bool clean = finish(&c);
    /* the program is gone: its pty hung up and its link was removed */
    bool down =
        s && scale_reaches(s, DEV_SCALE_LINK_DOWN, DEV_SCALE_FAULT_NOT_FOUND, DEV_SCALE_ERROR, 0);
    dev_scale_serial_stop(s);
    CHECK(parsed && s);
    CHECK(stable);
    CHECK_EQ_INT(g, 1250);
    CHECK(unstable && over && under && nozero);
    CHECK(garble && silent);
    CHECK(clean);
    CHECK(down);
}

struct codes {
    char text[256];
    int count;
};

static void on_code(void *user, const char *code, size_t len)
{
    struct codes *c = user;
    size_t used = strlen(c->text);
    snprintf(c->text + used, sizeof(c->text) - used, "%.*s|", (int)len, code);
    c->count++;
}

static void test_scanner_sim_program(void)
{
    char link[400], uri[600];
    snprintf(link, sizeof(link), "%s/scanner-sim-link", check_tmp_dir());
    snprintf(uri, sizeof(uri), "serial://%s?baud=115200", link);
    struct child c;
    const char *const args[] = {"--link", link, NULL};
    CHECK(spawn(&c, "scanner-sim", args));
    struct dev_serial_config cfg;
    bool parsed = dev_serial_uri_parse(uri, &cfg, NULL, NULL, NULL, 0);
    dev_serial *port = parsed ? dev_serial_open(&cfg, NULL) : NULL;
    struct dev_scanner_serial parser;
    dev_scanner_serial_init(&parser, NULL);
    struct codes got = {"", 0};
    /* an EAN-13, a line with a tab (garbage), a QR payload */
    bool sent = port && say(&c, "6281007040019\nab\tcd\nhttps://example.sa/m/42\n");
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS;
         sent && got.count < 2 && check_now_ms() < end;) {
        enum dev_serial_error e = dev_scanner_serial_read(&parser, port, 100, on_code, &got);
        if (e != DEV_SERIAL_OK && e != DEV_SERIAL_ERR_TIMEOUT)
            break;
    }
    bool clean = finish(&c);
    enum dev_serial_error after = DEV_SERIAL_ERR_TIMEOUT;
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS;
         port && after == DEV_SERIAL_ERR_TIMEOUT && check_now_ms() < end;)
        after = dev_scanner_serial_read(&parser, port, 100, on_code, &got);
    dev_serial_close(port);
    CHECK(parsed && port);
    CHECK(sent);
    CHECK_EQ_STR(got.text, "6281007040019|https://example.sa/m/42|");
    CHECK_EQ_INT(parser.stats.garbage, 1);
    CHECK(clean);
    CHECK_EQ_INT(after, DEV_SERIAL_ERR_UNPLUGGED);
}

static const struct check_case cases[] = {
    {"scale-sim through the scale driver", test_scale_sim_program},
    {"scanner-sim through the serial parser", test_scanner_sim_program},
};

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
