/* HID POS scanner reports (devices/scanner/scanner_hidraw.h): the parser, the reader, the URI. */
#include "devices/scanner/scanner_hidraw.h"
#include "tests/support/check.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* One Scanned Data report as a scanner sends it; id 0 means DEV_SCANNER_HID_REPORT_ID. */
struct report {
    uint8_t id;
    const char *aim;  /* 3 bytes, or NULL for none */
    const char *data; /* NULL: no report */
    int length;       /* the length byte; -1 means strlen(data) */
    bool continued;
    size_t size; /* bytes on the wire; 0 means a full 64 */
    uint64_t at_ms;
};

static size_t build(const struct report *r, uint8_t *out)
{
    size_t data_len = strlen(r->data);
    memset(out, 0, DEV_SCANNER_HID_REPORT_SIZE + 8);
    out[0] = r->id ? r->id : DEV_SCANNER_HID_REPORT_ID;
    out[1] = (uint8_t)(r->length < 0 ? (int)data_len : r->length);
    if (r->aim)
        memcpy(out + 2, r->aim, 3);
    memcpy(out + 5, r->data, data_len > 56 ? 56 : data_len);
    out[63] = r->continued ? 1 : 0;
    return r->size ? r->size : DEV_SCANNER_HID_REPORT_SIZE;
}

struct seen {
    char codes[512]; /* "code@aim|code@aim|" */
};

static void collect(void *user, const char *code, size_t len)
{
    struct seen *s = user;
    size_t used = strlen(s->codes);
    snprintf(s->codes + used, sizeof(s->codes) - used, "%.*s|", (int)len, code);
}

#define A56 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

struct parse_case {
    const char *name;
    size_t max_len;
    struct report reports[3];
    const char *codes;
    const char *last_aim;
    unsigned long ok, too_long, garbage, timeouts, others;
};

/* clang-format off */
static const struct parse_case parse_cases[] = {
    {"EAN-13 in one report", 0, {{0, "]E0", "6281007040019", -1, false, 0, 0}},
     "6281007040019|", "]E0", 1, 0, 0, 0, 0},
    {"no symbology identifier", 0, {{0, NULL, "12345670", -1, false, 0, 0}}, "12345670|", "", 1, 0, 0,
     0, 0},
    {"continued over two reports", 0,
     {{0, "]C1", A56, -1, true, 0, 0}, {0, "]C1", "0102345", -1, false, 0, 5}},
     A56 "0102345|", "]C1", 1, 0, 0, 0, 0},
    {"padding past the length is ignored", 0, {{0, "]E0", "4006381333931XYZ", 13, false, 0, 0}},
     "4006381333931|", "]E0", 1, 0, 0, 0, 0},
    {"another report id is skipped", 0, {{0x04, "]E0", "123", -1, false, 0, 0}}, "", "", 0, 0, 0, 0,
     1},
    {"short report", 0, {{0, "]E0", "123", -1, false, 10, 0}}, "", "", 0, 0, 1, 0, 0},
    {"oversized report", 0, {{0, "]E0", "123", -1, false, 65, 0}}, "", "", 0, 0, 1, 0, 0},
    {"length beyond the data field", 0, {{0, "]E0", "123", 57, false, 0, 0}}, "", "", 0, 0, 1, 0, 0},
    {"control byte in the data", 0, {{0, "]E0", "12\x1d" "34", -1, false, 0, 0}}, "", "", 0, 0, 1, 0,
     0},
    {"bad symbology identifier", 0, {{0, "E0]", "123", -1, false, 0, 0}}, "", "", 0, 0, 1, 0, 0},
    {"empty code", 0, {{0, "]E0", "", -1, false, 0, 0}}, "", "", 0, 0, 1, 0, 0},
    {"longer than the limit", 20, {{0, "]Q1", "https://example.com/menu/42", -1, false, 0, 0}}, "", "",
     0, 1, 0, 0, 0},
    {"symbology changes mid-code", 0,
     {{0, "]C1", "0102", -1, true, 0, 0}, {0, "]E0", "345", -1, false, 0, 1}}, "", "", 0, 0, 1, 0, 0},
    {"continuation too late", 0,
     {{0, "]C1", "0102", -1, true, 0, 0}, {0, "]E0", "4006381333931", -1, false, 0, 600}},
     "4006381333931|", "]E0", 1, 0, 0, 1, 0},
    {"garbage then a good code", 0,
     {{0, "]E0", "123", 99, false, 0, 0}, {0, "]E0", "96385074", -1, false, 0, 10}}, "96385074|",
     "]E0", 1, 0, 1, 0, 0},
};
/* clang-format on */

static void test_parser(void)
{
    for (size_t i = 0; i < CHECK_COUNT(parse_cases); i++) {
        const struct parse_case *c = &parse_cases[i];
        struct dev_scanner_hidraw h;
        dev_scanner_hidraw_init(&h, &(struct dev_scanner_hidraw_config){.max_len = c->max_len});
        struct seen seen = {""};
        for (size_t r = 0; r < 3 && c->reports[r].data; r++) {
            uint8_t buf[DEV_SCANNER_HID_REPORT_SIZE + 8];
            size_t n = build(&c->reports[r], buf);
            dev_scanner_hidraw_feed(&h, buf, n, 1000 + c->reports[r].at_ms, collect, &seen);
        }
        if (strcmp(seen.codes, c->codes) != 0 || (c->ok && strcmp(h.aim, c->last_aim) != 0) ||
            h.stats.codes != c->ok || h.stats.too_long != c->too_long ||
            h.stats.garbage != c->garbage || h.stats.timeouts != c->timeouts ||
            h.other_reports != c->others)
            check_fail(
                __FILE__, __LINE__,
                "%s: codes \"%s\" aim \"%s\" ok %lu long %lu garbage %lu timeouts %lu other %lu",
                c->name, seen.codes, h.aim, h.stats.codes, h.stats.too_long, h.stats.garbage,
                h.stats.timeouts, h.other_reports);
    }
}

static void test_reader_over_seqpacket(void)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == 0);
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    const struct report reports[] = {
        {0, "]E0", "6281007040019", -1, false, 0, 0},
        {0, "]C1", A56, -1, true, 0, 0},
        {0, "]C1", "99", -1, false, 0, 0},
        {0x05, NULL, "status", -1, false, 0, 0},
    };
    bool written = true;
    for (size_t i = 0; i < CHECK_COUNT(reports); i++) {
        uint8_t buf[DEV_SCANNER_HID_REPORT_SIZE + 8];
        size_t n = build(&reports[i], buf);
        written = written && write(sv[1], buf, n) == (ssize_t)n; /* one report per write */
    }
    struct dev_scanner_hidraw h;
    dev_scanner_hidraw_init(&h, NULL);
    struct seen seen = {""};
    bool usable = dev_scanner_hidraw_read(sv[0], &h, collect, &seen);
    bool idle_usable = dev_scanner_hidraw_read(sv[0], &h, collect, &seen);
    close(sv[1]); /* unplugged */
    bool after_unplug = dev_scanner_hidraw_read(sv[0], &h, collect, &seen);
    close(sv[0]);
    CHECK(written);
    CHECK(usable && idle_usable);
    CHECK(!after_unplug);
    CHECK_EQ_STR(seen.codes, "6281007040019|" A56 "99|");
    CHECK_EQ_INT(h.other_reports, 1);
}

static void test_resolve(void)
{
    char path[DEV_SCANNER_HID_PATH_MAX];
    CHECK(dev_scanner_hidraw_resolve("hidraw:///dev/hidraw3", NULL, path, sizeof(path)));
    CHECK_EQ_STR(path, "/dev/hidraw3");
    /* a folder whose "hidraw0" is a plain file: HIDIOCGRAWINFO fails, nothing matches */
    char fake[400];
    snprintf(fake, sizeof(fake), "%s/hidraw0", check_tmp_dir());
    FILE *f = fopen(fake, "w");
    if (f)
        fclose(f);
    errno = 0;
    CHECK(!dev_scanner_hidraw_resolve("hidraw://0c2e:0b61", check_tmp_dir(), path, sizeof(path)));
    CHECK_EQ_INT(errno, ENOENT);
    CHECK_EQ_STR(path, "");
    static const char *const malformed[] = {
        "hidraw://0c2e",
        "hidraw://0c2e:",
        "hidraw://xyz0:0b61",
        "hidraw://12345:1",
        "usb://0c2e:0b61",
        "hidraw://",
        NULL,
    };
    for (size_t i = 0; malformed[i]; i++) {
        errno = 0;
        if (dev_scanner_hidraw_resolve(malformed[i], NULL, path, sizeof(path)) || errno != EINVAL)
            check_fail(__FILE__, __LINE__, "%s accepted", malformed[i]);
    }
    CHECK(!dev_scanner_hidraw_resolve(NULL, NULL, path, sizeof(path)));
    CHECK_EQ_INT(dev_scanner_hidraw_open(NULL), -1);
    int fd = dev_scanner_hidraw_open(fake); /* any readable file opens; its reports tell */
    if (fd >= 0)
        close(fd);
    CHECK(fd >= 0);
}

static const struct check_case cases[] = {
    {"parser", test_parser},
    {"reader over seqpacket", test_reader_over_seqpacket},
    {"resolve", test_resolve},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
