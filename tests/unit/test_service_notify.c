/*
 * What the kiosk tells systemd (kiosk/common/service_notify.c), read from a
 * real notify socket as systemd reads it (NOTIFY_SOCKET, a unix datagram
 * socket): nothing before the first frame; READY=1 once; whether anybody
 * is ordering, only when that changes; watchdog pings at half of
 * WATCHDOG_USEC, the first turn included.
 */
#include "tests/support/check.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "kiosk/common/service_notify.h"

static int sock = -1;

/* The next datagram sent to the socket, "" when none is waiting, "?" when it cannot be read. */
static const char *next_message(void)
{
    static char buf[512];
    ssize_t n = recv(sock, buf, sizeof buf - 1, MSG_DONTWAIT);
    if (n < 0)
        return errno == EAGAIN || errno == EWOULDBLOCK ? "" : "?";
    buf[n] = '\0';
    return buf;
}

static void test_messages(void)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    int len = snprintf(addr.sun_path, sizeof addr.sun_path, "%s/notify.sock", check_tmp_dir());
    CHECK(len > 0 && (size_t)len < sizeof addr.sun_path);
    unlink(addr.sun_path);
    sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    CHECK(sock >= 0);
    CHECK(bind(sock, (struct sockaddr *)&addr, sizeof addr) == 0);
    CHECK(setenv("NOTIFY_SOCKET", addr.sun_path, 1) == 0);
    char pid[32];
    snprintf(pid, sizeof pid, "%ld", (long)getpid());
    CHECK(setenv("WATCHDOG_PID", pid, 1) == 0);
    CHECK(setenv("WATCHDOG_USEC", "10000000", 1) == 0);

    ks_service_notify n;
    ks_service_notify_init(&n);
    CHECK(n.ping_every_ms == 5000);

    /* Before the first frame: pings, but no idle state (systemd still says "starting"). */
    ks_service_notify_alive(&n, 1000);
    CHECK_EQ_STR(next_message(), "WATCHDOG=1");
    ks_service_notify_idle(&n, true);
    CHECK_EQ_STR(next_message(), "");

    ks_service_notify_frame(&n);
    CHECK_EQ_STR(next_message(), "READY=1\nSTATUS=first frame on the screen");
    ks_service_notify_frame(&n);
    CHECK_EQ_STR(next_message(), "");

    ks_service_notify_idle(&n, true);
    CHECK_EQ_STR(next_message(), "STATUS=idle: nobody ordering");
    ks_service_notify_idle(&n, true);
    CHECK_EQ_STR(next_message(), "");
    ks_service_notify_idle(&n, false);
    CHECK_EQ_STR(next_message(), "STATUS=ordering: a customer is ordering");
    ks_service_notify_idle(&n, false);
    CHECK_EQ_STR(next_message(), "");
    ks_service_notify_idle(&n, true);
    CHECK_EQ_STR(next_message(), "STATUS=idle: nobody ordering");

    /* Pings at half the watchdog's interval, not more often. */
    ks_service_notify_alive(&n, 5999);
    CHECK_EQ_STR(next_message(), "");
    ks_service_notify_alive(&n, 6000);
    CHECK_EQ_STR(next_message(), "WATCHDOG=1");
    ks_service_notify_alive(&n, 7000);
    CHECK_EQ_STR(next_message(), "");

    close(sock);
    unlink(addr.sun_path);
}

static const struct check_case cases[] = {
    {"ready, idle state and pings on a notify socket", test_messages},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
