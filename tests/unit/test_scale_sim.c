/* The scale simulator answered through a real tty, as a driver would talk to a scale. */
#include "devices/scale/scale_protocol.h"
#include "devices/sim/scale_sim.h"
#include "tests/support/check.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

/* Opens the slave raw; 9600 7E1 for the 8217, whose scales insist on it. */
static int open_tty(const char *path, enum dev_scale_dialect dialect)
{
    int fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct termios t;
    if (tcgetattr(fd, &t) != 0)
        goto error;
    cfmakeraw(&t);
    if (dialect == DEV_SCALE_MT8217) {
        t.c_cflag = (t.c_cflag & ~(tcflag_t)(CSIZE | CSTOPB)) | CS7 | PARENB;
        cfsetispeed(&t, B9600);
        cfsetospeed(&t, B9600);
    }
    if (tcsetattr(fd, TCSANOW, &t) != 0)
        goto error;
    return fd;
error:
    close(fd);
    return -1;
}

/*
 * Sends the dialect's request, lets the sim answer, reads one reply frame.
 * Input left from an earlier exchange is dropped first, and the waits are
 * generous (CHECK_WAIT_MS), so a loaded machine never fails a good reply.
 */
static bool weigh(dev_scale_sim *sim, int fd, enum dev_scale_dialect dialect,
                  struct dev_scale_reading *out)
{
    uint8_t buf[DEV_SCALE_REPLY_MAX];
    size_t n = dev_scale_request(dialect, buf, sizeof(buf));
    tcflush(fd, TCIFLUSH);
    if (n == 0 || write(fd, buf, n) != (ssize_t)n || dev_scale_sim_serve(sim, CHECK_WAIT_MS) != 1)
        return false;
    size_t len = 0;
    while (len < sizeof(buf)) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        if (poll(&pfd, 1, CHECK_WAIT_MS) != 1 || read(fd, buf + len, 1) != 1)
            return false;
        if (buf[len++] == dev_scale_reply_end(dialect))
            return dev_scale_parse_reply(dialect, buf, len, out);
    }
    return false;
}

static void run_dialect(enum dev_scale_dialect dialect)
{
    dev_scale_sim *sim = dev_scale_sim_new(dialect);
    CHECK(sim != NULL);
    int fd = open_tty(dev_scale_sim_tty_path(sim), dialect);
    if (fd < 0)
        dev_scale_sim_free(sim);
    CHECK(fd >= 0);
    struct dev_scale_reading r;
    int64_t grams = -1;
    bool ok = weigh(sim, fd, dialect, &r);
    bool zero_ok = ok && dev_scale_accept(&r, 15000, &grams) && grams == 0;
    dev_scale_sim_set(sim, DEV_SCALE_UNSTABLE, 0);
    bool unstable_ok = weigh(sim, fd, dialect, &r) && r.status == DEV_SCALE_UNSTABLE &&
                       !dev_scale_accept(&r, 15000, &grams);
    dev_scale_sim_set(sim, DEV_SCALE_STABLE, 1234); /* 1.234 kg of tomatoes */
    bool stable_ok =
        weigh(sim, fd, dialect, &r) && dev_scale_accept(&r, 15000, &grams) && grams == 1234;
    dev_scale_sim_set(sim, DEV_SCALE_OVERLOAD, 0);
    bool over_ok = weigh(sim, fd, dialect, &r) && r.status == DEV_SCALE_OVERLOAD;
    close(fd);
    dev_scale_sim_free(sim);
    CHECK(zero_ok);
    CHECK(unstable_ok);
    CHECK(stable_ok);
    CHECK(over_ok);
}

static void test_magellan(void)
{
    run_dialect(DEV_SCALE_MAGELLAN);
}
static void test_mt8217(void)
{
    run_dialect(DEV_SCALE_MT8217);
}
static void test_nci(void)
{
    run_dialect(DEV_SCALE_NCI);
}

static void test_silence_times_out(void)
{
    dev_scale_sim *sim = dev_scale_sim_new(DEV_SCALE_NCI);
    CHECK(sim != NULL);
    int n = dev_scale_sim_serve(sim, 10);
    dev_scale_sim_free(sim);
    dev_scale_sim_free(NULL);
    CHECK_EQ_INT(n, 0);
}

static const struct check_case cases[] = {
    {"magellan", test_magellan},
    {"mt8217", test_mt8217},
    {"nci", test_nci},
    {"silence times out", test_silence_times_out},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
