/* Keyboard-wedge scanner decoding from evdev key codes, and the evdev adapter over a pipe. */
#include "devices/scanner/scanner_evdev.h"
#include "devices/scanner/scanner_wedge.h"
#include "tests/support/check.h"

#include <errno.h>
#include <linux/input.h>
#include <stdio.h>
#include <unistd.h>

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

/* Presses and releases each key 5 ms apart starting at *t, as a scanner types. */
static void type_keys(struct dev_scanner_wedge *w, const uint16_t *keys, size_t n, uint64_t *t,
                      struct seen *seen)
{
    for (size_t i = 0; i < n; i++) {
        dev_scanner_wedge_key(w, keys[i], 1, *t, collect, seen);
        dev_scanner_wedge_key(w, keys[i], 0, *t + 2, collect, seen);
        *t += 5;
    }
}

static void test_digits_and_enter(void)
{
    struct dev_scanner_wedge w;
    struct seen seen = {0};
    uint64_t t = 1000;
    dev_scanner_wedge_init(&w, NULL);
    const uint16_t keys[] = {KEY_7, KEY_3, KEY_5,     KEY_1, KEY_3, KEY_5,
                             KEY_3, KEY_7, KEY_ENTER, KEY_0, KEY_9, KEY_KPENTER};
    type_keys(&w, keys, CHECK_COUNT(keys), &t, &seen);
    CHECK_EQ_INT(seen.n, 2);
    CHECK_EQ_STR(seen.codes[0], "73513537");
    CHECK_EQ_STR(seen.codes[1], "09");
    CHECK_EQ_INT(w.stats.codes, 2);
}

static void test_shift_letters_and_capslock(void)
{
    struct dev_scanner_wedge w;
    struct seen seen = {0};
    uint64_t t = 0;
    dev_scanner_wedge_init(&w, NULL);
    const uint16_t before[] = {KEY_CAPSLOCK, KEY_A};
    type_keys(&w, before, CHECK_COUNT(before), &t, &seen);
    dev_scanner_wedge_key(&w, KEY_LEFTSHIFT, 1, t, collect, &seen);
    const uint16_t shifted[] = {KEY_B, KEY_MINUS};
    type_keys(&w, shifted, CHECK_COUNT(shifted), &t, &seen);
    dev_scanner_wedge_key(&w, KEY_LEFTSHIFT, 0, t, collect, &seen);
    const uint16_t after[] = {KEY_C, KEY_ENTER};
    type_keys(&w, after, CHECK_COUNT(after), &t, &seen);
    CHECK_EQ_INT(seen.n, 1);
    CHECK_EQ_STR(seen.codes[0], "aB_c"); /* Caps Lock ignored, Shift honoured */
}

static void test_timeout_drops_partial(void)
{
    struct dev_scanner_wedge_config cfg = {.timeout_ms = 50};
    struct dev_scanner_wedge w;
    struct seen seen = {0};
    dev_scanner_wedge_init(&w, &cfg);
    dev_scanner_wedge_key(&w, KEY_1, 1, 100, collect, &seen);
    dev_scanner_wedge_key(&w, KEY_2, 1, 140, collect, &seen); /* 40 ms: same code */
    dev_scanner_wedge_key(&w, KEY_9, 1, 300, collect, &seen); /* 160 ms: "12" dropped */
    dev_scanner_wedge_key(&w, KEY_ENTER, 1, 310, collect, &seen);
    CHECK_EQ_INT(seen.n, 1);
    CHECK_EQ_STR(seen.codes[0], "9");
    CHECK_EQ_INT(w.stats.timeouts, 1);
}

static void test_terminator_key_and_limits(void)
{
    struct dev_scanner_wedge_config cfg = {.terminator_key = KEY_TAB, .max_len = 3};
    struct dev_scanner_wedge w;
    struct seen seen = {0};
    uint64_t t = 0;
    dev_scanner_wedge_init(&w, &cfg);
    const uint16_t keys[] = {KEY_1, KEY_2,     KEY_3,   KEY_4, KEY_TAB, /* too long */
                             KEY_1, KEY_F1,    KEY_TAB,                 /* F1 is no character */
                             KEY_4, KEY_ENTER, KEY_TAB}; /* Enter is not the terminator */
    type_keys(&w, keys, CHECK_COUNT(keys), &t, &seen);
    CHECK_EQ_INT(seen.n, 0);
    CHECK_EQ_INT(w.stats.too_long, 1);
    CHECK_EQ_INT(w.stats.garbage, 2);
    const uint16_t ok[] = {KEY_1, KEY_2, KEY_3, KEY_TAB};
    type_keys(&w, ok, CHECK_COUNT(ok), &t, &seen);
    CHECK_EQ_INT(seen.n, 1);
    CHECK_EQ_STR(seen.codes[0], "123");
}

static void test_keymap(void)
{
    CHECK_EQ_INT(dev_scanner_wedge_char(KEY_0, false), '0');
    CHECK_EQ_INT(dev_scanner_wedge_char(KEY_1, true), '!');
    CHECK_EQ_INT(dev_scanner_wedge_char(KEY_Z, false), 'z');
    CHECK_EQ_INT(dev_scanner_wedge_char(KEY_ENTER, false), 0);
    CHECK_EQ_INT(dev_scanner_wedge_char(KEY_MAX, false), 0);
}

static void write_key(int fd, uint16_t code, int32_t value, long usec)
{
    struct input_event ev = {.type = EV_KEY, .code = code, .value = value};
    ev.input_event_sec = 5;
    ev.input_event_usec = usec;
    if (write(fd, &ev, sizeof(ev)) != (ssize_t)sizeof(ev))
        check_fail(__FILE__, __LINE__, "pipe write");
    struct input_event syn = {.type = EV_SYN};
    if (write(fd, &syn, sizeof(syn)) != (ssize_t)sizeof(syn))
        check_fail(__FILE__, __LINE__, "pipe write");
}

static void test_evdev_adapter_over_pipe(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    write_key(fds[1], KEY_4, 1, 1000);
    write_key(fds[1], KEY_4, 0, 2000);
    write_key(fds[1], KEY_2, 1, 3000);
    write_key(fds[1], KEY_ENTER, 1, 4000);
    struct dev_scanner_wedge w;
    struct seen seen = {0};
    dev_scanner_wedge_init(&w, NULL);
    CHECK(dev_scanner_evdev_read(fds[0], &w, collect, &seen));
    close(fds[1]);
    bool alive = dev_scanner_evdev_read(fds[0], &w, collect, &seen);
    close(fds[0]);
    CHECK(!alive); /* the writer went away: end of file */
    CHECK_EQ_INT(seen.n, 1);
    CHECK_EQ_STR(seen.codes[0], "42");
}

static void test_evdev_open_refuses_non_device(void)
{
    const char *path = check_path(check_tmp_dir(), "not-an-input-device");
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    fclose(f);
    errno = 0;
    CHECK_EQ_INT(dev_scanner_evdev_open(path, true), -1);
    CHECK_EQ_INT(errno, ENOTTY);
    int fd = dev_scanner_evdev_open(path, false);
    CHECK(fd >= 0);
    dev_scanner_evdev_close(fd);
    CHECK_EQ_INT(dev_scanner_evdev_open(NULL, false), -1);
    dev_scanner_evdev_close(-1);
}

static const struct check_case cases[] = {
    {"digits and enter", test_digits_and_enter},
    {"shift letters and capslock", test_shift_letters_and_capslock},
    {"timeout drops partial", test_timeout_drops_partial},
    {"terminator key and limits", test_terminator_key_and_limits},
    {"keymap", test_keymap},
    {"evdev adapter over pipe", test_evdev_adapter_over_pipe},
    {"evdev open refuses non device", test_evdev_open_refuses_non_device},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
