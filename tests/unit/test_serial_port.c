/* Serial ports from URIs (devices/common/serial_port.h), over pseudo-terminals. */
#define _XOPEN_SOURCE 700 /* posix_openpt, grantpt, unlockpt, ptsname */
#include "devices/common/serial_port.h"
#include "tests/support/check.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

struct uri_case {
    const char *name;
    const char *uri;
    bool ok;
    const char *path;
    unsigned baud, data_bits;
    char parity;
    unsigned stop_bits;
};

static const struct uri_case uri_cases[] = {
    {"plain path", "serial:///dev/ttyACM0", true, "/dev/ttyACM0", 9600, 8, 'N', 1},
    {"baud and 7E1", "serial:///dev/ttyUSB0?baud=19200&format=7E1", true, "/dev/ttyUSB0", 19200, 7,
     'E', 1},
    {"8O2", "serial:///dev/ttyS0?format=8O2", true, "/dev/ttyS0", 9600, 8, 'O', 2},
    {"by-id glob", "serial:///dev/serial/by-id/usb-Datalogic_*-if00?baud=115200", true,
     "/dev/serial/by-id/usb-Datalogic_*-if00", 115200, 8, 'N', 1},
    {"by-id shorthand", "serial-by-id://usb-Mettler*", true, "/dev/serial/by-id/usb-Mettler*", 9600,
     8, 'N', 1},
    {"percent-decoded path", "serial:///dev/my%20port", true, "/dev/my port", 9600, 8, 'N', 1},
    {"relative path", "serial://dev/ttyUSB0", false, "", 0, 0, 0, 0},
    {"other scheme", "tcp://127.0.0.1:9100", false, "", 0, 0, 0, 0},
    {"no path", "serial://", false, "", 0, 0, 0, 0},
    {"odd baud", "serial:///dev/ttyS0?baud=9601", false, "", 0, 0, 0, 0},
    {"baud with junk", "serial:///dev/ttyS0?baud=9600x", false, "", 0, 0, 0, 0},
    {"bad format", "serial:///dev/ttyS0?format=9N1", false, "", 0, 0, 0, 0},
    {"repeated baud", "serial:///dev/ttyS0?baud=9600&baud=1200", false, "", 0, 0, 0, 0},
    {"unknown key", "serial:///dev/ttyS0?dialect=nci", false, "", 0, 0, 0, 0},
    {"no value", "serial:///dev/ttyS0?baud", false, "", 0, 0, 0, 0},
    {"encoded NUL", "serial:///dev/tty%00S0", false, "", 0, 0, 0, 0},
    {"by-id with a folder", "serial-by-id://a/b", false, "", 0, 0, 0, 0},
};

static void test_uris(void)
{
    for (size_t i = 0; i < CHECK_COUNT(uri_cases); i++) {
        const struct uri_case *c = &uri_cases[i];
        struct dev_serial_config cfg;
        char why[128] = "";
        bool ok = dev_serial_uri_parse(c->uri, &cfg, NULL, NULL, why, sizeof(why));
        if (ok != c->ok) {
            check_fail(__FILE__, __LINE__, "%s: ok %d (%s)", c->name, ok, why);
            continue;
        }
        if (!ok && why[0] == '\0')
            check_fail(__FILE__, __LINE__, "%s: refused without a reason", c->name);
        if (ok && (strcmp(cfg.path, c->path) != 0 || cfg.baud != c->baud ||
                   cfg.data_bits != c->data_bits || cfg.parity != c->parity ||
                   cfg.stop_bits != c->stop_bits))
            check_fail(__FILE__, __LINE__, "%s: got %s %u %u%c%u", c->name, cfg.path, cfg.baud,
                       cfg.data_bits, cfg.parity, cfg.stop_bits);
    }
}

/* A driver's key handler: takes "dialect" once, refuses the rest. */
static bool driver_param(void *user, const char *key, const char *value, char *why, size_t cap)
{
    char *dialect = user;
    if (strcmp(key, "dialect") != 0 || dialect[0]) {
        snprintf(why, cap, "no %s", key);
        return false;
    }
    snprintf(dialect, 16, "%s", value);
    return true;
}

static void test_driver_keys(void)
{
    struct dev_serial_config cfg;
    char dialect[16] = "";
    char why[64];
    CHECK(dev_serial_uri_parse("serial:///dev/ttyUSB0?dialect=mt8217&format=7E1", &cfg,
                               driver_param, dialect, why, sizeof(why)));
    CHECK_EQ_STR(dialect, "mt8217");
    CHECK_EQ_INT(cfg.data_bits, 7);
    dialect[0] = '\0';
    CHECK(!dev_serial_uri_parse("serial:///dev/ttyUSB0?max=1", &cfg, driver_param, dialect, why,
                                sizeof(why)));
    CHECK_EQ_STR(why, "no max");
    CHECK(!dev_serial_uri_parse(NULL, &cfg, NULL, NULL, NULL, 0));
}

/* A pty pair: the master stands for the device, *path is the slave. */
static int pty_master(char *path, size_t cap)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0 || !ptsname(m)) {
        if (m >= 0)
            close(m);
        return -1;
    }
    snprintf(path, cap, "%s", ptsname(m));
    struct termios t;
    tcgetattr(m, &t);
    cfmakeraw(&t);
    tcsetattr(m, TCSANOW, &t);
    return m;
}

static void test_open_configures(void)
{
    char slave[64];
    int m = pty_master(slave, sizeof(slave));
    CHECK(m >= 0);
    struct dev_serial_config cfg;
    dev_serial_config_default(&cfg);
    snprintf(cfg.path, sizeof(cfg.path), "%s", slave);
    cfg.baud = 19200;
    cfg.data_bits = 7;
    cfg.parity = 'E';
    cfg.stop_bits = 2;
    enum dev_serial_error err = DEV_SERIAL_ERR_IO;
    dev_serial *port = dev_serial_open(&cfg, &err);
    struct termios t = {0};
    bool got = port && tcgetattr(dev_serial_fd(port), &t) == 0;
    bool same_path = port && strcmp(dev_serial_path(port), slave) == 0;
    dev_serial_close(port);
    close(m);
    CHECK_EQ_INT(err, DEV_SERIAL_OK);
    CHECK(got && same_path);
    /* a pty forces CS8 and no parity whatever is asked; stop bits and speed it keeps */
    CHECK(t.c_cflag & CSTOPB);
    CHECK(t.c_cflag & CLOCAL);
    CHECK(!(t.c_lflag & (ICANON | ECHO)));
    CHECK_EQ_INT(cfgetospeed(&t), B19200);
}

static void test_round_trip_and_timeout(void)
{
    char slave[64];
    int m = pty_master(slave, sizeof(slave));
    CHECK(m >= 0);
    struct dev_serial_config cfg;
    dev_serial_config_default(&cfg);
    snprintf(cfg.path, sizeof(cfg.path), "%s", slave);
    dev_serial *port = dev_serial_open(&cfg, NULL);
    if (!port)
        close(m);
    CHECK(port != NULL);
    enum dev_serial_error w = dev_serial_write(port, (const uint8_t *)"W\r", 2, 500);
    char req[4] = "";
    ssize_t r = read(m, req, sizeof(req));
    ssize_t answered = write(m, "ok", 2);
    uint8_t buf[8];
    size_t got = 0;
    enum dev_serial_error e1 = dev_serial_read(port, buf, sizeof(buf), 500, &got);
    size_t got_then = got;
    enum dev_serial_error e2 = dev_serial_read(port, buf, sizeof(buf), 30, &got);
    dev_serial_close(port);
    close(m);
    CHECK_EQ_INT(w, DEV_SERIAL_OK);
    CHECK_EQ_INT(r, 2);
    CHECK(memcmp(req, "W\r", 2) == 0);
    CHECK_EQ_INT(answered, 2);
    CHECK_EQ_INT(e1, DEV_SERIAL_OK);
    CHECK_EQ_INT(got_then, 2);
    CHECK_EQ_INT(e2, DEV_SERIAL_ERR_TIMEOUT);
    CHECK_EQ_INT(got, 0);
}

static void test_unplug_is_reported(void)
{
    char slave[64];
    int m = pty_master(slave, sizeof(slave));
    CHECK(m >= 0);
    struct dev_serial_config cfg;
    dev_serial_config_default(&cfg);
    snprintf(cfg.path, sizeof(cfg.path), "%s", slave);
    dev_serial *port = dev_serial_open(&cfg, NULL);
    close(m); /* the device goes away: the pty hangs up like a pulled USB adapter */
    CHECK(port != NULL);
    uint8_t buf[8];
    size_t got;
    enum dev_serial_error r = dev_serial_read(port, buf, sizeof(buf), 500, &got);
    enum dev_serial_error w = dev_serial_write(port, (const uint8_t *)"W", 1, 100);
    dev_serial_close(port);
    CHECK_EQ_INT(r, DEV_SERIAL_ERR_UNPLUGGED);
    CHECK_EQ_INT(w, DEV_SERIAL_ERR_UNPLUGGED);
}

static void test_glob_and_refusals(void)
{
    char slave[64];
    int m = pty_master(slave, sizeof(slave));
    CHECK(m >= 0);
    char link[400], file[400];
    snprintf(link, sizeof(link), "%s/usb-Scale_0042-if00", check_tmp_dir());
    snprintf(file, sizeof(file), "%s/not-a-tty", check_tmp_dir());
    unlink(link);
    bool linked = symlink(slave, link) == 0;
    FILE *f = fopen(file, "w");
    if (f)
        fclose(f);
    struct dev_serial_config cfg;
    dev_serial_config_default(&cfg);
    snprintf(cfg.path, sizeof(cfg.path), "%s/usb-Scale_*-if00", check_tmp_dir());
    enum dev_serial_error by_glob, missing, not_tty, bad;
    dev_serial *port = dev_serial_open(&cfg, &by_glob);
    bool resolved = port && strcmp(dev_serial_path(port), link) == 0;
    dev_serial_close(port);
    snprintf(cfg.path, sizeof(cfg.path), "%s/usb-Nothing_*", check_tmp_dir());
    CHECK(dev_serial_open(&cfg, &missing) == NULL);
    snprintf(cfg.path, sizeof(cfg.path), "%s", file);
    CHECK(dev_serial_open(&cfg, &not_tty) == NULL);
    cfg.baud = 1234;
    CHECK(dev_serial_open(&cfg, &bad) == NULL);
    dev_serial_close(NULL);
    close(m);
    unlink(link);
    CHECK(linked);
    CHECK_EQ_INT(by_glob, DEV_SERIAL_OK);
    CHECK(resolved);
    CHECK_EQ_INT(missing, DEV_SERIAL_ERR_NOT_FOUND);
    CHECK_EQ_INT(not_tty, DEV_SERIAL_ERR_NOT_TTY);
    CHECK_EQ_INT(bad, DEV_SERIAL_ERR_BAD_URI);
    CHECK_EQ_STR(dev_serial_strerror(DEV_SERIAL_ERR_UNPLUGGED), "serial device unplugged");
}

static const struct check_case cases[] = {
    {"uris", test_uris},
    {"driver keys", test_driver_keys},
    {"open configures termios", test_open_configures},
    {"round trip and timeout", test_round_trip_and_timeout},
    {"unplug is reported", test_unplug_is_reported},
    {"glob and refusals", test_glob_and_refusals},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
