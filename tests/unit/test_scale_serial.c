/*
 * The serial scale driver (devices/scale/scale_serial.h) against the pty
 * scale simulator, through a symlink in the test folder that is repointed
 * when the "scale" is unplugged and plugged back, so the configured path
 * never changes, as with /dev/serial/by-id.
 */
#include "devices/scale/scale_serial.h"
#include "devices/sim/scale_sim.h"
#include "tests/support/check.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- URIs ---------------------------------------------------------------------- */

struct uri_case {
    const char *name;
    const char *uri;
    bool ok;
    enum dev_scale_dialect dialect;
    int64_t max_grams;
    unsigned data_bits;
};

static const struct uri_case uri_cases[] = {
    {"8217 as the issue gives it",
     "serial:///dev/ttyUSB0?baud=9600&format=7E1&dialect=mt8217&max_g=15000", true,
     DEV_SCALE_MT8217, 15000, 7},
    {"magellan, default max", "serial:///dev/ttyACM0?dialect=magellan", true, DEV_SCALE_MAGELLAN,
     15000, 8},
    {"nci 30 kg", "serial-by-id://usb-NCI*?dialect=nci&max_g=30000&poll_ms=100&reply_ms=300", true,
     DEV_SCALE_NCI, 30000, 8},
    {"no dialect", "serial:///dev/ttyUSB0", false, 0, 0, 0},
    {"unknown dialect", "serial:///dev/ttyUSB0?dialect=cas", false, 0, 0, 0},
    {"max too big", "serial:///dev/ttyUSB0?dialect=nci&max_g=100000", false, 0, 0, 0},
    {"max zero", "serial:///dev/ttyUSB0?dialect=nci&max_g=0", false, 0, 0, 0},
    {"poll too fast", "serial:///dev/ttyUSB0?dialect=nci&poll_ms=10", false, 0, 0, 0},
    {"repeated dialect", "serial:///dev/ttyUSB0?dialect=nci&dialect=nci", false, 0, 0, 0},
    {"typo", "serial:///dev/ttyUSB0?dialect=nci&maxg=1", false, 0, 0, 0},
};

static void test_uris(void)
{
    for (size_t i = 0; i < CHECK_COUNT(uri_cases); i++) {
        const struct uri_case *c = &uri_cases[i];
        struct dev_scale_serial_config cfg;
        char why[128] = "";
        bool ok = dev_scale_serial_uri_parse(c->uri, &cfg, why, sizeof(why));
        if (ok != c->ok)
            check_fail(__FILE__, __LINE__, "%s: ok %d (%s)", c->name, ok, why);
        else if (ok && (cfg.dialect != c->dialect || cfg.max_grams != c->max_grams ||
                        cfg.port.data_bits != c->data_bits))
            check_fail(__FILE__, __LINE__, "%s: dialect %d max %lld bits %u", c->name, cfg.dialect,
                       (long long)cfg.max_grams, cfg.port.data_bits);
    }
}

/* ---- a scale on a pty behind a symlink ------------------------------------------ */

struct rig {
    dev_scale_sim *sim; /* NULL while unplugged */
    int keep;           /* a slave descriptor of our own, so the pty never idles in HUP */
    char link[400];
    dev_scale_serial *scale;
    pthread_mutex_t lock; /* guards the two below, written by the driver's thread */
    struct dev_scale_state last;
    unsigned changes;
};

static void on_change(void *user, const struct dev_scale_state *state)
{
    struct rig *r = user;
    pthread_mutex_lock(&r->lock);
    r->last = *state;
    r->changes++;
    pthread_mutex_unlock(&r->lock);
}

static bool plug(struct rig *r, enum dev_scale_dialect dialect)
{
    r->sim = dev_scale_sim_new(dialect);
    if (!r->sim)
        return false;
    r->keep = open(dev_scale_sim_tty_path(r->sim), O_RDWR | O_NOCTTY | O_CLOEXEC);
    char tmp[420];
    snprintf(tmp, sizeof(tmp), "%s.new", r->link);
    unlink(tmp);
    return r->keep >= 0 && symlink(dev_scale_sim_tty_path(r->sim), tmp) == 0 &&
           rename(tmp, r->link) == 0;
}

/*
 * Unplugged as udev sees it: the by-id link goes first, then the port. (The
 * other way round, a pty opened meanwhile by another test could take the
 * freed number and be found through the dangling link.)
 */
static void unplug(struct rig *r)
{
    unlink(r->link);
    if (r->keep >= 0)
        close(r->keep);
    r->keep = -1;
    dev_scale_sim_free(r->sim);
    r->sim = NULL;
}

static bool rig_start(struct rig *r, const char *name, enum dev_scale_dialect dialect)
{
    memset(r, 0, sizeof(*r));
    r->keep = -1;
    pthread_mutex_init(&r->lock, NULL);
    snprintf(r->link, sizeof(r->link), "%s/%s", check_tmp_dir(), name);
    if (!plug(r, dialect))
        return false;
    struct dev_scale_serial_config cfg;
    char uri[600];
    static const char *const names[] = {"magellan", "mt8217", "nci"};
    snprintf(uri, sizeof(uri), "serial://%s?dialect=%s&max_g=15000&poll_ms=50&reply_ms=150%s",
             r->link, names[dialect], dialect == DEV_SCALE_MT8217 ? "&format=7E1" : "");
    if (!dev_scale_serial_uri_parse(uri, &cfg, NULL, 0))
        return false;
    r->scale = dev_scale_serial_start(&cfg, on_change, r);
    return r->scale != NULL;
}

static void rig_stop(struct rig *r)
{
    dev_scale_serial_stop(r->scale);
    unplug(r);
    unlink(r->link);
    pthread_mutex_destroy(&r->lock);
}

/*
 * Answers requests (when plugged in) until the driver's state has link,
 * fault and reading status (and grams, >= 0 to check) or CHECK_WAIT_MS pass.
 */
static bool wait_for(struct rig *r, enum dev_scale_link link, enum dev_scale_fault fault,
                     enum dev_scale_status status, int64_t grams, struct dev_scale_state *seen)
{
    int64_t deadline = check_now_ms() + CHECK_WAIT_MS;
    while (check_now_ms() < deadline) {
        if (r->sim)
            dev_scale_sim_serve(r->sim, 20);
        else
            usleep(20000);
        dev_scale_serial_state(r->scale, seen);
        if (seen->link == link && seen->fault == fault && seen->reading.status == status &&
            (grams < 0 || seen->reading.grams == grams))
            return true;
    }
    fprintf(stderr, "  waited for %s/%s/%s, have %s/%s/%s %lld\n", dev_scale_link_name(link),
            dev_scale_fault_name(fault), dev_scale_status_name(status),
            dev_scale_link_name(seen->link), dev_scale_fault_name(seen->fault),
            dev_scale_status_name(seen->reading.status), (long long)seen->reading.grams);
    return false;
}

/* ---- readings -------------------------------------------------------------------- */

static void weighs(enum dev_scale_dialect dialect, const char *name)
{
    struct rig r;
    bool started = rig_start(&r, name, dialect);
    struct dev_scale_state st;
    int64_t g = -1;
    dev_scale_sim_set(r.sim, DEV_SCALE_STABLE, 1234); /* 1.234 kg of tomatoes */
    bool stable = started && wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_STABLE,
                                      1234, &st);
    bool tradable = dev_scale_serial_weight(r.scale, &g);
    dev_scale_sim_set(r.sim, DEV_SCALE_UNSTABLE, 0);
    bool unstable =
        wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_UNSTABLE, 0, &st);
    bool unstable_refused = !dev_scale_serial_weight(r.scale, &g);
    dev_scale_sim_set(r.sim, DEV_SCALE_OVERLOAD, 0);
    bool over = wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_OVERLOAD, 0, &st);
    dev_scale_sim_set(r.sim, DEV_SCALE_UNDER_ZERO, 0);
    bool under =
        wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_UNDER_ZERO, 0, &st);
    bool under_refused = !dev_scale_serial_weight(r.scale, &g);
    pthread_mutex_lock(&r.lock);
    struct dev_scale_state last = r.last;
    unsigned changes = r.changes;
    pthread_mutex_unlock(&r.lock);
    rig_stop(&r);
    CHECK(started && stable);
    CHECK(tradable);
    CHECK_EQ_INT(g, 1234);
    CHECK(unstable && unstable_refused);
    CHECK(over);
    CHECK(under && under_refused);
    /* the callback heard each change: down -> 1234 -> unstable -> over -> under, at least */
    CHECK(changes >= 4);
    CHECK_EQ_INT(last.reading.status, DEV_SCALE_UNDER_ZERO);
    CHECK(st.replies >= 4);
}

static void test_magellan(void)
{
    weighs(DEV_SCALE_MAGELLAN, "magellan");
}
static void test_mt8217(void)
{
    weighs(DEV_SCALE_MT8217, "mt8217");
}
static void test_nci(void)
{
    weighs(DEV_SCALE_NCI, "nci");
}

static void test_trade_limit(void)
{
    struct rig r;
    bool started = rig_start(&r, "limit", DEV_SCALE_NCI);
    struct dev_scale_state st;
    int64_t g = -1;
    dev_scale_sim_set(r.sim, DEV_SCALE_STABLE, 15001); /* 1 g over the 15 kg the store sells */
    bool seen = started &&
                wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_STABLE, 15001, &st);
    bool refused = !dev_scale_serial_weight(r.scale, &g);
    dev_scale_sim_set(r.sim, DEV_SCALE_STABLE, 15000);
    bool at_limit =
        wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_STABLE, 15000, &st);
    bool accepted = dev_scale_serial_weight(r.scale, &g);
    bool null_refused =
        !dev_scale_serial_weight(r.scale, NULL) && !dev_scale_serial_weight(NULL, &g);
    rig_stop(&r);
    CHECK(seen && refused);
    CHECK(at_limit && accepted);
    CHECK_EQ_INT(g, 15000);
    CHECK(null_refused);
}

static void test_garbled(void)
{
    struct rig r;
    bool started = rig_start(&r, "garbled", DEV_SCALE_MT8217);
    struct dev_scale_state st;
    int64_t g;
    dev_scale_sim_set(r.sim, DEV_SCALE_STABLE, 500);
    bool good = started &&
                wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_STABLE, 500, &st);
    dev_scale_sim_fault(r.sim, DEV_SCALE_SIM_GARBLE);
    bool garbled =
        wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_GARBLED, DEV_SCALE_ERROR, 0, &st);
    bool refused = !dev_scale_serial_weight(r.scale, &g);
    dev_scale_sim_fault(r.sim, DEV_SCALE_SIM_ANSWER);
    bool recovered =
        wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_STABLE, 500, &st);
    rig_stop(&r);
    CHECK(good);
    CHECK(garbled && refused);
    CHECK(st.garbled >= 1);
    CHECK(recovered);
}

static void test_no_answer(void)
{
    struct rig r;
    bool started = rig_start(&r, "silent", DEV_SCALE_MAGELLAN);
    struct dev_scale_state st;
    int64_t g;
    dev_scale_sim_set(r.sim, DEV_SCALE_STABLE, 700);
    bool good = started &&
                wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_STABLE, 700, &st);
    dev_scale_sim_fault(r.sim, DEV_SCALE_SIM_SILENT);
    bool silent =
        wait_for(&r, DEV_SCALE_LINK_SILENT, DEV_SCALE_FAULT_NO_ANSWER, DEV_SCALE_ERROR, 0, &st);
    bool refused = !dev_scale_serial_weight(r.scale, &g);
    dev_scale_sim_fault(r.sim, DEV_SCALE_SIM_ANSWER);
    bool back = wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_STABLE, 700, &st);
    rig_stop(&r);
    CHECK(good);
    CHECK(silent && refused);
    CHECK(st.no_answers >= 1);
    CHECK(back);
    CHECK_EQ_INT(st.reconnects, 0); /* silence is not an unplug: the port stayed open */
}

static void test_unplug_replug(void)
{
    struct rig r;
    bool started = rig_start(&r, "replug", DEV_SCALE_NCI);
    struct dev_scale_state st;
    int64_t g;
    dev_scale_sim_set(r.sim, DEV_SCALE_STABLE, 250);
    bool good = started &&
                wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_STABLE, 250, &st);
    unplug(&r);
    /* first the hang-up is seen, then the dangling link is not found while retrying */
    bool down =
        wait_for(&r, DEV_SCALE_LINK_DOWN, DEV_SCALE_FAULT_NOT_FOUND, DEV_SCALE_ERROR, 0, &st);
    bool refused = !dev_scale_serial_weight(r.scale, &g);
    bool replugged = plug(&r, DEV_SCALE_NCI);
    if (replugged)
        dev_scale_sim_set(r.sim, DEV_SCALE_STABLE, 260);
    bool back = replugged &&
                wait_for(&r, DEV_SCALE_LINK_UP, DEV_SCALE_FAULT_NONE, DEV_SCALE_STABLE, 260, &st);
    bool accepted = dev_scale_serial_weight(r.scale, &g);
    rig_stop(&r);
    CHECK(good);
    CHECK(down && refused);
    CHECK(replugged && back);
    CHECK(accepted);
    CHECK_EQ_INT(g, 260);
    /* At least the one reconnect; a slow machine may see the new port fail once before it opens. */
    CHECK(st.reconnects >= 1);
}

static void test_missing_port(void)
{
    struct dev_scale_serial_config cfg;
    char uri[600];
    snprintf(uri, sizeof(uri), "serial://%s/no-such-scale?dialect=nci", check_tmp_dir());
    CHECK(dev_scale_serial_uri_parse(uri, &cfg, NULL, 0));
    dev_scale_serial *s = dev_scale_serial_start(&cfg, NULL, NULL);
    CHECK(s != NULL);
    struct dev_scale_state st;
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < end; check_sleep_ms(20)) {
        dev_scale_serial_state(s, &st);
        if (st.fault == DEV_SCALE_FAULT_NOT_FOUND)
            break;
    }
    dev_scale_serial_stop(s); /* interrupts the backoff wait */
    dev_scale_serial_stop(NULL);
    CHECK_EQ_INT(st.link, DEV_SCALE_LINK_DOWN);
    CHECK_EQ_INT(st.fault, DEV_SCALE_FAULT_NOT_FOUND);
    CHECK_EQ_STR(dev_scale_link_name(DEV_SCALE_LINK_SILENT), "not answering");
    CHECK_EQ_STR(dev_scale_fault_name(DEV_SCALE_FAULT_GARBLED), "garbled reply");
}

static const struct check_case cases[] = {
    {"uris", test_uris},
    {"magellan readings", test_magellan},
    {"mt8217 readings", test_mt8217},
    {"nci readings", test_nci},
    {"trade limit", test_trade_limit},
    {"garbled reply", test_garbled},
    {"no answer", test_no_answer},
    {"unplug then replug", test_unplug_replug},
    {"missing port", test_missing_port},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
