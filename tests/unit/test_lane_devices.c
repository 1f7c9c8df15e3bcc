/*
 * The self-checkout's devices (kiosk/app/lane_devices.h) on real drivers:
 * a serial scanner on a pty behind a symlink delivers its codes through the
 * queue with a wake-up, in order, survives being unplugged and plugged in
 * again, and shows its state; refused URIs stop the start with the key
 * named.
 */
#include "tests/support/check.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "devices/sim/sim_pty.h"
#include "kiosk/app/lane_devices.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int wakes;

static void on_wake(void *ctx)
{
    (void)ctx;
    pthread_mutex_lock(&lock);
    wakes++;
    pthread_mutex_unlock(&lock);
}

/* Points link at target in one step, as udev replaces a by-id link. */
static bool repoint(const char *link, const char *target)
{
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.new", link);
    unlink(tmp);
    return symlink(target, tmp) == 0 && rename(tmp, link) == 0;
}

static bool wait_scanner_up(ks_lane_devices *d)
{
    ks_lane_devices_status st;
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < end; usleep(5000)) {
        ks_lane_devices_status_get(d, &st);
        if (st.has_scanner && st.scanner.link == DEV_SCANNER_LINK_UP)
            return true;
    }
    return false;
}

/* Waits for the next event and checks it is the code want. */
static bool next_code(ks_lane_devices *d, const char *want)
{
    ks_lane_event ev;
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < end; usleep(5000))
        if (ks_lane_devices_poll(d, &ev)) {
            if (ev.kind == KS_LANE_CODE && strcmp(ev.code, want) == 0)
                return true;
            fprintf(stderr, "  event %d \"%s\", want the code %s\n", ev.kind, ev.code, want);
            return false;
        }
    fprintf(stderr, "  %s never came\n", want);
    return false;
}

static void test_scanner_codes_and_replug(void)
{
    char link[512], slave[64], uri[600];
    snprintf(link, sizeof link, "%s/lane-scanner", check_tmp_dir());
    int master = dev_sim_pty_open(slave, sizeof slave);
    CHECK(master >= 0);
    CHECK(repoint(link, slave));
    snprintf(uri, sizeof uri, "serial://%s", link);
    char why[256];
    ks_lane_devices *d = ks_lane_devices_start(
        &(ks_lane_devices_config){.scanner_uri = uri, .wake = on_wake}, why, sizeof why);
    CHECK(d != NULL);
    CHECK(wait_scanner_up(d));
    CHECK(dev_sim_write_all(master, "6281007040019\r6285593036719\r", 28));
    CHECK(next_code(d, "6281007040019"));
    CHECK(next_code(d, "6285593036719"));
    pthread_mutex_lock(&lock);
    CHECK(wakes >= 1);
    pthread_mutex_unlock(&lock);
    ks_lane_event ev;
    CHECK(!ks_lane_devices_poll(d, &ev));
    /* Unplugged: the state says so; plugged in again (a new pty): codes flow again. The link
     * goes first, as udev's does, so no pty opened elsewhere under the freed number is found. */
    unlink(link);
    close(master);
    ks_lane_devices_status st;
    bool down = false;
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS; !down && check_now_ms() < end;
         usleep(5000)) {
        ks_lane_devices_status_get(d, &st);
        down = st.scanner.link == DEV_SCANNER_LINK_DOWN;
    }
    CHECK(down);
    master = dev_sim_pty_open(slave, sizeof slave);
    CHECK(master >= 0);
    CHECK(repoint(link, slave));
    CHECK(wait_scanner_up(d));
    CHECK(dev_sim_write_all(master, "2010001012344\r", 14));
    CHECK(next_code(d, "2010001012344"));
    ks_lane_devices_status_get(d, &st);
    CHECK(st.scanner.reconnects >= 1);
    CHECK(!st.has_scale && !st.has_bagging_scale);
    ks_lane_devices_stop(d);
    close(master);
    unlink(link);
}

static void test_refused_uris(void)
{
    char why[256];
    CHECK(ks_lane_devices_start(&(ks_lane_devices_config){.scanner_uri = "tcp://1.2.3.4"}, why,
                                sizeof why) == NULL);
    CHECK_CONTAINS(why, "[supermarket] scanner");
    CHECK(ks_lane_devices_start(&(ks_lane_devices_config){.scale_uri = "serial:///dev/ttyUSB0"},
                                why, sizeof why) == NULL);
    CHECK_CONTAINS(why, "[supermarket] scale");
    CHECK(ks_lane_devices_start(
              &(ks_lane_devices_config){.bagging_scale_uri = "serial:///dev/ttyUSB1?dialect=x"},
              why, sizeof why) == NULL);
    CHECK_CONTAINS(why, "[supermarket] bagging_scale");
    /* Nothing configured: nothing runs, nothing comes. */
    ks_lane_devices *d = ks_lane_devices_start(&(ks_lane_devices_config){0}, why, sizeof why);
    CHECK(d != NULL);
    ks_lane_event ev;
    CHECK(!ks_lane_devices_poll(d, &ev));
    ks_lane_devices_stop(d);
}

static const struct check_case cases[] = {
    {"scanner codes in order, through unplug and re-plug", test_scanner_codes_and_replug},
    {"refused URIs name their key", test_refused_uris},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
