/* Serial (CDC) barcode scanner stream parsing: terminators, prefixes, limits, garbage. */
#include "devices/scanner/scanner_serial.h"
#include "tests/support/check.h"

#include <stdio.h>

struct seen {
    char codes[8][DEV_SCANNER_CODE_MAX + 1];
    size_t n;
};

static void collect(void *user, const char *code, size_t len)
{
    struct seen *s = user;
    if (s->n < 8 && len == strlen(code))
        snprintf(s->codes[s->n++], sizeof(s->codes[0]), "%s", code);
}

static void feed(struct dev_scanner_serial *p, const char *bytes, struct seen *seen)
{
    dev_scanner_serial_feed(p, (const uint8_t *)bytes, strlen(bytes), collect, seen);
}

static void test_cr_and_crlf(void)
{
    struct dev_scanner_serial p;
    struct seen seen = {0};
    dev_scanner_serial_init(&p, NULL);
    feed(&p, "4006381333931\r73513537\r\n036000291452\n", &seen);
    CHECK_EQ_INT(seen.n, 3);
    CHECK_EQ_STR(seen.codes[0], "4006381333931");
    CHECK_EQ_STR(seen.codes[1], "73513537");
    CHECK_EQ_STR(seen.codes[2], "036000291452");
    CHECK_EQ_INT(p.stats.codes, 3);
    CHECK_EQ_INT(p.stats.garbage + p.stats.too_long + p.stats.bad_prefix, 0);
}

static void test_split_anywhere(void)
{
    struct dev_scanner_serial p;
    struct seen seen = {0};
    dev_scanner_serial_init(&p, NULL);
    const char *stream = "2001234015004\r\n";
    for (size_t i = 0; stream[i]; i++)
        dev_scanner_serial_feed(&p, (const uint8_t *)stream + i, 1, collect, &seen);
    CHECK_EQ_INT(seen.n, 1);
    CHECK_EQ_STR(seen.codes[0], "2001234015004");
}

static void test_prefix_and_suffix(void)
{
    struct dev_scanner_serial_config cfg = {.prefix = "]E0", .terminators = "\x03"};
    struct dev_scanner_serial p;
    struct seen seen = {0};
    dev_scanner_serial_init(&p, &cfg);
    feed(&p,
         "]E04006381333931\x03"
         "73513537\x03]E0\x03",
         &seen);
    CHECK_EQ_INT(seen.n, 1);
    CHECK_EQ_STR(seen.codes[0], "4006381333931");
    CHECK_EQ_INT(p.stats.bad_prefix, 1); /* 73513537 came without ]E0 */
    CHECK_EQ_INT(p.stats.garbage, 1);    /* a prefix with no code */
}

static void test_too_long_dropped(void)
{
    struct dev_scanner_serial_config cfg = {.max_len = 13};
    struct dev_scanner_serial p;
    struct seen seen = {0};
    dev_scanner_serial_init(&p, &cfg);
    feed(&p, "40063813339310000\r4006381333931\r", &seen);
    CHECK_EQ_INT(seen.n, 1);
    CHECK_EQ_STR(seen.codes[0], "4006381333931");
    CHECK_EQ_INT(p.stats.too_long, 1);
    CHECK_EQ_INT(p.stats.codes, 1);
}

static void test_garbage_dropped(void)
{
    struct dev_scanner_serial p;
    struct seen seen = {0};
    dev_scanner_serial_init(&p, NULL);
    const uint8_t bytes[] = {'4', 0x00, '0', '\r', 0xff, 0x1b, '\r', '7', '3', '\r'};
    dev_scanner_serial_feed(&p, bytes, sizeof(bytes), collect, &seen);
    CHECK_EQ_INT(seen.n, 1);
    CHECK_EQ_STR(seen.codes[0], "73");
    CHECK_EQ_INT(p.stats.garbage, 2);
}

static void test_no_callback(void)
{
    struct dev_scanner_serial p;
    dev_scanner_serial_init(&p, NULL);
    dev_scanner_serial_feed(&p, (const uint8_t *)"123\r", 4, NULL, NULL);
    CHECK_EQ_INT(p.stats.codes, 1);
}

static const struct check_case cases[] = {
    {"cr and crlf", test_cr_and_crlf},
    {"split anywhere", test_split_anywhere},
    {"prefix and suffix", test_prefix_and_suffix},
    {"too long dropped", test_too_long_dropped},
    {"garbage dropped", test_garbage_dropped},
    {"no callback", test_no_callback},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
