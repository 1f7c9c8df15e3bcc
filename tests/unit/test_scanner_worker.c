/*
 * The scanner worker (devices/scanner/scanner_worker.h): its URIs, and each
 * kind of scanner read on the worker thread, unplugged and plugged back on
 * the same path without restarting it.
 *
 * serial:// runs over an in-process pty behind a symlink that is repointed
 * at a fresh pty on re-plug, as /dev/serial/by-id would be. hidraw:// and
 * evdev:// cannot be had without hardware, and a SOCK_SEQPACKET socketpair
 * (the hidraw parser tests' stand-in) has no path to reopen, so both run
 * over a FIFO in the test folder: it is opened by path like a device node,
 * one write of one report (or of a batch of input_event records) arrives as
 * one read, and closing the writer reads as end of file with POLLHUP, which
 * is how the worker sees an unplug. Re-plug renames a new FIFO, already
 * held open by the test's writer, onto the path, so the worker never opens
 * a FIFO without a writer.
 */
#include "devices/scanner/scanner_worker.h"
#include "devices/sim/sim_pty.h"
#include "tests/support/check.h"

#include <fcntl.h>
#include <linux/input.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- URIs ------------------------------------------------------------------------ */

struct uri_case {
    const char *name;
    const char *uri;
    bool ok;
    enum dev_scanner_kind kind;
    const char *where; /* port path, hidraw URI or evdev path */
    size_t max_len;    /* as configured (0: the parser's default) */
};

static const struct uri_case uri_cases[] = {
    {"CDC scanner", "serial:///dev/ttyACM0?baud=9600", true, DEV_SCANNER_SERIAL, "/dev/ttyACM0", 0},
    {"by-id with prefix, suffix and limit",
     "serial-by-id://usb-Datalogic_*-if00?prefix=%5D&suffix=0d03&max_len=20", true,
     DEV_SCANNER_SERIAL, "/dev/serial/by-id/usb-Datalogic_*-if00", 20},
    {"hidraw node", "hidraw:///dev/hidraw3", true, DEV_SCANNER_HIDRAW, "hidraw:///dev/hidraw3", 0},
    {"hidraw VID:PID with timeout", "hidraw://0c2e:0b61?timeout_ms=800", true, DEV_SCANNER_HIDRAW,
     "hidraw://0c2e:0b61", 0},
    {"evdev, shared keys", "evdev:///dev/input/by-id/usb-Honeywell-event-kbd?grab=0&max_len=64",
     true, DEV_SCANNER_EVDEV, "/dev/input/by-id/usb-Honeywell-event-kbd", 64},
    {"unknown scheme", "usb://0c2e:0b61", false, 0, NULL, 0},
    {"hidraw VID too long", "hidraw://10c2e:0b61", false, 0, NULL, 0},
    {"hidraw no PID", "hidraw://0c2e", false, 0, NULL, 0},
    {"hidraw escaped path", "hidraw:///dev/hid%72aw3", false, 0, NULL, 0},
    {"evdev relative", "evdev://input/event3", false, 0, NULL, 0},
    {"max_len zero", "serial:///dev/ttyACM0?max_len=0", false, 0, NULL, 0},
    {"max_len over the maximum", "serial:///dev/ttyACM0?max_len=129", false, 0, NULL, 0},
    {"prefix too long", "serial:///dev/ttyACM0?prefix=123456789", false, 0, NULL, 0},
    {"suffix not hex", "serial:///dev/ttyACM0?suffix=%0D", false, 0, NULL, 0},
    {"suffix NUL", "serial:///dev/ttyACM0?suffix=0d00", false, 0, NULL, 0},
    {"suffix odd", "serial:///dev/ttyACM0?suffix=0d0", false, 0, NULL, 0},
    {"grab is evdev's", "serial:///dev/ttyACM0?grab=0", false, 0, NULL, 0},
    {"suffix is serial's", "hidraw:///dev/hidraw0?suffix=0d", false, 0, NULL, 0},
    {"grab not 0 or 1", "evdev:///dev/input/event3?grab=2", false, 0, NULL, 0},
    {"repeated key", "evdev:///dev/input/event3?grab=0&grab=0", false, 0, NULL, 0},
    {"typo", "hidraw:///dev/hidraw0?timeout=5", false, 0, NULL, 0},
};

static void test_uris(void)
{
    for (size_t i = 0; i < CHECK_COUNT(uri_cases); i++) {
        const struct uri_case *c = &uri_cases[i];
        struct dev_scanner_worker_config cfg;
        char why[128] = "";
        bool ok = dev_scanner_worker_uri_parse(c->uri, &cfg, why, sizeof(why));
        if (ok != c->ok) {
            check_fail(__FILE__, __LINE__, "%s: ok %d (%s)", c->name, ok, why);
            continue;
        }
        if (!ok)
            continue;
        const char *where = cfg.kind == DEV_SCANNER_SERIAL   ? cfg.port.path
                            : cfg.kind == DEV_SCANNER_HIDRAW ? cfg.hidraw_uri
                                                             : cfg.evdev_path;
        size_t max_len = cfg.kind == DEV_SCANNER_SERIAL   ? cfg.serial.max_len
                         : cfg.kind == DEV_SCANNER_HIDRAW ? cfg.hidraw.max_len
                                                          : cfg.wedge.max_len;
        if (cfg.kind != c->kind || strcmp(where, c->where) != 0 || max_len != c->max_len)
            check_fail(__FILE__, __LINE__, "%s: kind %d at %s, max_len %zu", c->name, cfg.kind,
                       where, max_len);
    }
    struct dev_scanner_worker_config cfg;
    CHECK(dev_scanner_worker_uri_parse(uri_cases[1].uri, &cfg, NULL, 0));
    CHECK_EQ_STR(cfg.serial.prefix, "]");
    CHECK_EQ_STR(cfg.serial.terminators, "\r\x03");
    CHECK(dev_scanner_worker_uri_parse(uri_cases[3].uri, &cfg, NULL, 0));
    CHECK_EQ_INT(cfg.hidraw.timeout_ms, 800);
    CHECK(dev_scanner_worker_uri_parse(uri_cases[4].uri, &cfg, NULL, 0));
    CHECK(!cfg.grab);
    CHECK(dev_scanner_worker_uri_parse("evdev:///dev/input/event3", &cfg, NULL, 0));
    CHECK(cfg.grab); /* the default: a wedge's keys must not also type into the UI */
}

/* ---- codes as the program would receive them --------------------------------------- */

struct inbox {
    pthread_mutex_t lock; /* the worker writes, the test reads */
    char codes[8][DEV_SCANNER_CODE_MAX + 1];
    size_t count;
};

static void on_code(void *user, const char *code, size_t len)
{
    struct inbox *in = user;
    pthread_mutex_lock(&in->lock);
    if (in->count < 8)
        memcpy(in->codes[in->count++], code, len + 1);
    pthread_mutex_unlock(&in->lock);
}

/* Waits up to CHECK_WAIT_MS for code number n (from 0) and checks it is want. */
static bool got_code(struct inbox *in, size_t n, const char *want)
{
    for (int64_t deadline = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < deadline;
         usleep(5000)) {
        pthread_mutex_lock(&in->lock);
        bool there = in->count > n;
        bool same = there && strcmp(in->codes[n], want) == 0;
        pthread_mutex_unlock(&in->lock);
        if (there) {
            if (!same)
                fprintf(stderr, "  code %zu: \"%s\", want \"%s\"\n", n, in->codes[n], want);
            return same;
        }
    }
    fprintf(stderr, "  code %zu (\"%s\") never came\n", n, want);
    return false;
}

/* Waits up to CHECK_WAIT_MS for the link (and fault) to be as given; *st gets the last state seen.
 */
static bool wait_link(dev_scanner_worker *w, enum dev_scanner_link link,
                      enum dev_scanner_fault fault, struct dev_scanner_state *st)
{
    for (int64_t deadline = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < deadline;
         usleep(5000)) {
        dev_scanner_worker_state(w, st);
        if (st->link == link && st->fault == fault)
            return true;
    }
    fprintf(stderr, "  waited for %s/%s, have %s/%s\n", dev_scanner_link_name(link),
            dev_scanner_fault_name(fault), dev_scanner_link_name(st->link),
            dev_scanner_fault_name(st->fault));
    return false;
}

/* Waits up to CHECK_WAIT_MS for the state's garbage count to reach n. */
static bool wait_garbage(dev_scanner_worker *w, unsigned long n)
{
    struct dev_scanner_state st;
    for (int64_t deadline = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < deadline;
         usleep(5000)) {
        dev_scanner_worker_state(w, &st);
        if (st.stats.garbage >= n)
            return st.stats.garbage == n;
    }
    return false;
}

/* Starts a worker on scheme + path + query, delivering into in (may be NULL); NULL if refused. */
static dev_scanner_worker *start_at(const char *scheme, const char *path, const char *query,
                                    struct inbox *in)
{
    char uri[700];
    snprintf(uri, sizeof(uri), "%s%s%s", scheme, path, query);
    struct dev_scanner_worker_config cfg;
    char why[128] = "";
    if (!dev_scanner_worker_uri_parse(uri, &cfg, why, sizeof(why))) {
        fprintf(stderr, "  %s refused: %s\n", uri, why);
        return NULL;
    }
    return dev_scanner_worker_start(&cfg, in ? on_code : NULL, in);
}

/* Points link at target in one step, as udev replaces a by-id link. */
static bool repoint(const char *link, const char *target)
{
    char tmp[600];
    snprintf(tmp, sizeof(tmp), "%s.new", link);
    unlink(tmp);
    return symlink(target, tmp) == 0 && rename(tmp, link) == 0;
}

/* ---- serial:// over a pty ------------------------------------------------------------ */

static void test_serial_unplug_replug(void)
{
    struct inbox in = {.lock = PTHREAD_MUTEX_INITIALIZER};
    char link[512], slave[64];
    snprintf(link, sizeof(link), "%s/scanner-tty", check_tmp_dir());
    int master = dev_sim_pty_open(slave, sizeof(slave));
    CHECK(master >= 0);
    CHECK(repoint(link, slave));
    dev_scanner_worker *w = start_at("serial://", link, "?baud=115200", &in);
    CHECK(w);
    struct dev_scanner_state st;
    bool up = wait_link(w, DEV_SCANNER_LINK_UP, DEV_SCANNER_FAULT_NONE, &st);
    bool path_ok = strcmp(st.path, link) == 0; /* the configured path, for the staff screen */
    /* CR LF after the code: one code, the LF's empty line skipped */
    bool sent = dev_sim_write_all(master, "6281007040019\r\n", 15);
    bool first = up && sent && got_code(&in, 0, "6281007040019");
    /* a control byte inside a line: the line is dropped and counted */
    static const char bad_line[] = "62\x01"
                                   "81\r";
    bool garbage = dev_sim_write_all(master, bad_line, sizeof(bad_line) - 1) && wait_garbage(w, 1);

    /* Unplugged: the link goes first (as udev's by-id link), so that no pty opened meanwhile
     * elsewhere under the freed number can be found through it; then the pty. */
    unlink(link);
    close(master);
    bool down = wait_link(w, DEV_SCANNER_LINK_DOWN, DEV_SCANNER_FAULT_NOT_FOUND, &st);
    master = dev_sim_pty_open(slave, sizeof(slave));
    bool replugged = master >= 0 && repoint(link, slave);
    bool up_again = replugged && wait_link(w, DEV_SCANNER_LINK_UP, DEV_SCANNER_FAULT_NONE, &st);
    bool again = up_again && dev_sim_write_all(master, "5901234123457\r", 14) &&
                 got_code(&in, 1, "5901234123457");
    dev_scanner_worker_state(w, &st);
    dev_scanner_worker_stop(w);
    if (master >= 0)
        close(master);
    unlink(link);
    CHECK(up);
    CHECK(path_ok);
    CHECK(first);
    CHECK(garbage);
    CHECK(down);
    CHECK(again);
    CHECK_EQ_INT(st.reconnects, 1);
    CHECK_EQ_INT(st.stats.codes, 2); /* counts survive the reconnect */
    CHECK_EQ_INT(st.stats.garbage, 1);
    CHECK_EQ_INT(in.count, 2);
}

/*
 * With the device absent the worker sleeps out a backoff that has grown to
 * 1.6 s (100 + 200 + 400 + 800 ms of failed tries first); stop must not wait
 * for it. Stop while the device is open and idle is covered by every other
 * case: the worker is then blocked in poll() without a time limit.
 */
static void test_stop_while_absent(void)
{
    dev_scanner_worker *w =
        start_at("serial://", check_path(check_tmp_dir(), "no-such-scanner"), "", NULL);
    CHECK(w);
    struct dev_scanner_state st;
    bool down = wait_link(w, DEV_SCANNER_LINK_DOWN, DEV_SCANNER_FAULT_NOT_FOUND, &st);
    usleep(1600 * 1000);
    int64_t t0 = check_now_ms();
    dev_scanner_worker_stop(w);
    int64_t took = check_now_ms() - t0;
    CHECK(down);
    /*
     * A prompt stop takes a few ms; one that sleeps the backoff out takes up
     * to 1.5 s more. The bound leaves a loaded machine a whole second.
     */
    if (took > 1000)
        check_fail(__FILE__, __LINE__, "stop took %lld ms", (long long)took);
}

/* ---- hidraw:// and evdev:// over a FIFO ----------------------------------------------- */

/* Puts a FIFO at path, held open by the returned writer; -1 on failure. */
static int fifo_plug(const char *path)
{
    char tmp[600];
    snprintf(tmp, sizeof(tmp), "%s.new", path);
    unlink(tmp);
    if (mkfifo(tmp, 0600) != 0)
        return -1;
    /* O_RDWR: a FIFO opened for writing alone would block until a reader came */
    int fd = open(tmp, O_RDWR | O_CLOEXEC);
    if (fd >= 0 && rename(tmp, path) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

/* The device node goes first, then the writer: the worker reads EOF and finds no path. */
static void fifo_unplug(const char *path, int fd)
{
    unlink(path);
    close(fd);
}

/* A 64-byte Scanned Data report holding code (at most 56 bytes) behind AIM "]E0". */
static void hid_report(uint8_t *r, uint8_t id, const char *code)
{
    memset(r, 0, DEV_SCANNER_HID_REPORT_SIZE);
    size_t n = strlen(code);
    r[0] = id;
    r[1] = (uint8_t)n;
    memcpy(r + 2, "]E0", 3);
    memcpy(r + 5, code, n);
}

static void test_hidraw_unplug_replug(void)
{
    struct inbox in = {.lock = PTHREAD_MUTEX_INITIALIZER};
    char node[512];
    snprintf(node, sizeof(node), "%s/hidraw-scanner", check_tmp_dir());
    int dev = fifo_plug(node);
    CHECK(dev >= 0);
    dev_scanner_worker *w = start_at("hidraw://", node, "", &in);
    CHECK(w);
    struct dev_scanner_state st;
    uint8_t r[DEV_SCANNER_HID_REPORT_SIZE];
    bool up = wait_link(w, DEV_SCANNER_LINK_UP, DEV_SCANNER_FAULT_NONE, &st);
    hid_report(r, DEV_SCANNER_HID_REPORT_ID, "6281007040019");
    bool first = up && dev_sim_write_all(dev, r, sizeof(r)) && got_code(&in, 0, "6281007040019");
    hid_report(r, DEV_SCANNER_HID_REPORT_ID, "X");
    r[1] = 57; /* one byte more than a report holds */
    bool garbage = dev_sim_write_all(dev, r, sizeof(r)) && wait_garbage(w, 1);

    fifo_unplug(node, dev);
    bool down = wait_link(w, DEV_SCANNER_LINK_DOWN, DEV_SCANNER_FAULT_NOT_FOUND, &st);
    dev = fifo_plug(node);
    bool up_again = dev >= 0 && wait_link(w, DEV_SCANNER_LINK_UP, DEV_SCANNER_FAULT_NONE, &st);
    hid_report(r, DEV_SCANNER_HID_REPORT_ID, "96385074");
    bool again = up_again && dev_sim_write_all(dev, r, sizeof(r)) && got_code(&in, 1, "96385074");
    dev_scanner_worker_state(w, &st);
    dev_scanner_worker_stop(w);
    if (dev >= 0)
        fifo_unplug(node, dev);
    CHECK(first);
    CHECK(garbage);
    CHECK(down);
    CHECK(again);
    CHECK_EQ_INT(st.reconnects, 1);
    CHECK_EQ_INT(st.stats.codes, 2);
    CHECK_EQ_INT(st.stats.garbage, 1);
}

/* Appends press and release of key at *ms (then 10 ms later) to ev. */
static size_t key_events(struct input_event *ev, size_t n, uint16_t key, uint64_t *ms)
{
    for (int value = 1; value >= 0; value--) {
        memset(&ev[n], 0, sizeof(ev[n]));
        ev[n].input_event_sec = (time_t)(*ms / 1000);
        ev[n].input_event_usec = (suseconds_t)(*ms % 1000 * 1000);
        ev[n].type = EV_KEY;
        ev[n].code = key;
        ev[n].value = value;
        n++;
        *ms += 5;
    }
    return n;
}

static void test_evdev_codes_and_unplug(void)
{
    struct inbox in = {.lock = PTHREAD_MUTEX_INITIALIZER};
    char node[512];
    snprintf(node, sizeof(node), "%s/event-kbd", check_tmp_dir());
    int dev = fifo_plug(node);
    CHECK(dev >= 0);
    /* grab=0: a FIFO is no input device, so EVIOCGRAB would refuse it */
    dev_scanner_worker *w = start_at("evdev://", node, "?grab=0", &in);
    CHECK(w);
    struct dev_scanner_state st;
    bool up = wait_link(w, DEV_SCANNER_LINK_UP, DEV_SCANNER_FAULT_NONE, &st);
    struct input_event ev[8];
    uint64_t ms = 1000;
    size_t n = key_events(ev, 0, KEY_4, &ms);
    n = key_events(ev, n, KEY_2, &ms);
    n = key_events(ev, n, KEY_ENTER, &ms);
    bool code = up && dev_sim_write_all(dev, ev, n * sizeof(ev[0])) && got_code(&in, 0, "42");
    fifo_unplug(node, dev);
    bool down = wait_link(w, DEV_SCANNER_LINK_DOWN, DEV_SCANNER_FAULT_NOT_FOUND, &st);
    dev_scanner_worker_stop(w);
    CHECK(code);
    CHECK(down);
    CHECK_EQ_INT(st.stats.codes, 1);
    CHECK_EQ_INT(st.reconnects, 0);
}

/* ---- names ------------------------------------------------------------------------------ */

static void test_names(void)
{
    CHECK_EQ_STR(dev_scanner_link_name(DEV_SCANNER_LINK_UP), "connected");
    CHECK_EQ_STR(dev_scanner_link_name(DEV_SCANNER_LINK_DOWN), "disconnected");
    CHECK_EQ_STR(dev_scanner_fault_name(DEV_SCANNER_FAULT_UNPLUGGED), "unplugged");
    CHECK_EQ_STR(dev_scanner_fault_name((enum dev_scanner_fault)99), "unknown");
    dev_scanner_worker_stop(NULL); /* ignored */
    CHECK(!dev_scanner_worker_start(NULL, NULL, NULL));
}

static const struct check_case cases[] = {
    {"URIs for every kind, and refusals", test_uris},
    {"serial: codes, garbage, unplug and re-plug on the same symlink", test_serial_unplug_replug},
    {"stop is prompt while the device is absent", test_stop_while_absent},
    {"hidraw over a FIFO: codes, a bad report, unplug and re-plug", test_hidraw_unplug_replug},
    {"evdev over a FIFO: keys make a code, unplug is seen", test_evdev_codes_and_unplug},
    {"names and NULL handling", test_names},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
