/* HID POS barcode scanner reports over hidraw: see devices/scanner/scanner_hidraw.h. */
#include "devices/scanner/scanner_hidraw.h"
#include "devices/common/uri_text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/hidraw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define OFF_LENGTH 1
#define OFF_AIM 2
#define OFF_DATA 5
#define OFF_FLAGS 63
#define FLAG_CONTINUED 0x01

void dev_scanner_hidraw_init(struct dev_scanner_hidraw *h,
                             const struct dev_scanner_hidraw_config *config)
{
    memset(h, 0, sizeof(*h));
    if (config)
        h->config = *config;
    if (h->config.timeout_ms == 0)
        h->config.timeout_ms = 500;
    if (h->config.max_len == 0 || h->config.max_len > DEV_SCANNER_CODE_MAX)
        h->config.max_len = DEV_SCANNER_CODE_MAX;
}

static void reset(struct dev_scanner_hidraw *h)
{
    h->len = 0;
    h->pending = false;
    h->too_long = false;
    h->garbage = false;
}

/* The three AIM bytes are "]" and two printable characters, or all zero. */
static bool aim_valid(const uint8_t *a)
{
    if (a[0] == 0 && a[1] == 0 && a[2] == 0)
        return true;
    return a[0] == ']' && a[1] > 0x20 && a[1] < 0x7f && a[2] > 0x20 && a[2] < 0x7f;
}

void dev_scanner_hidraw_feed(struct dev_scanner_hidraw *h, const uint8_t *report, size_t len,
                             uint64_t now_ms, dev_scanner_code_fn on_code, void *user)
{
    if (!report || len == 0)
        return;
    if (report[0] != DEV_SCANNER_HID_REPORT_ID) {
        h->other_reports++;
        return;
    }
    /* a continuation that came too late belongs to nothing: the first part is lost */
    if (h->pending && now_ms - h->last_ms > h->config.timeout_ms) {
        h->stats.timeouts++;
        reset(h);
    }
    size_t n = len == DEV_SCANNER_HID_REPORT_SIZE ? report[OFF_LENGTH] : 0;
    if (len != DEV_SCANNER_HID_REPORT_SIZE || n > DEV_SCANNER_HID_DATA_MAX ||
        !aim_valid(report + OFF_AIM)) {
        /* the frame cannot be trusted, not even its continuation flag */
        h->stats.garbage++;
        reset(h);
        return;
    }
    char aim[4] = {0};
    if (report[OFF_AIM] != 0)
        memcpy(aim, report + OFF_AIM, 3);
    if (!h->pending)
        memcpy(h->aim, aim, sizeof(aim));
    else if (memcmp(h->aim, aim, sizeof(aim)) != 0)
        h->garbage = true; /* the symbology changed mid-code */
    for (size_t i = 0; i < n; i++) {
        uint8_t c = report[OFF_DATA + i];
        if (c < 0x20 || c > 0x7e)
            h->garbage = true;
        else if (h->len >= h->config.max_len)
            h->too_long = true;
        else
            h->code[h->len++] = (char)c;
    }
    h->last_ms = now_ms;
    if (report[OFF_FLAGS] & FLAG_CONTINUED) {
        h->pending = true;
        return;
    }
    if (h->too_long)
        h->stats.too_long++;
    else if (h->garbage || h->len == 0)
        h->stats.garbage++;
    else {
        h->stats.codes++;
        h->code[h->len] = '\0';
        if (on_code)
            on_code(user, h->code, h->len);
    }
    reset(h);
}

/* True when the hidraw node at path reports vendor:product. */
static bool node_matches(const char *path, uint16_t vendor, uint16_t product)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct hidraw_devinfo info;
    bool match = ioctl(fd, HIDIOCGRAWINFO, &info) == 0 && (uint16_t)info.vendor == vendor &&
                 (uint16_t)info.product == product;
    close(fd);
    return match;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_hidraw(const struct dirent *e)
{
    return strncmp(e->d_name, "hidraw", 6) == 0;
}

bool dev_scanner_hidraw_resolve(const char *uri, const char *dir, char *path, size_t cap)
{
    static const char scheme[] = "hidraw://";
    if (!uri || !path || cap == 0 ||
        strnlen(uri, DEV_SCANNER_HID_PATH_MAX) >= DEV_SCANNER_HID_PATH_MAX ||
        strncmp(uri, scheme, sizeof(scheme) - 1) != 0)
        goto invalid;
    const char *target = uri + sizeof(scheme) - 1;
    if (target[0] == '/') {
        if ((size_t)snprintf(path, cap, "%s", target) >= cap)
            goto invalid;
        return true;
    }
    const char *colon = strchr(target, ':');
    uint16_t vendor, product;
    if (!colon || !dev_uri_hex16(target, (size_t)(colon - target), &vendor) ||
        !dev_uri_hex16(colon + 1, strlen(colon + 1), &product))
        goto invalid;
    if (!dir)
        dir = "/dev";
    struct dirent **names = NULL;
    int count = scandir(dir, &names, is_hidraw, by_name);
    bool found = false;
    for (int i = 0; i < count; i++) {
        if (!found && (size_t)snprintf(path, cap, "%s/%s", dir, names[i]->d_name) < cap)
            found = node_matches(path, vendor, product);
        free(names[i]);
    }
    free(names);
    if (found)
        return true;
    path[0] = '\0';
    errno = ENOENT;
    return false;
invalid:
    if (path && cap > 0)
        path[0] = '\0';
    errno = EINVAL;
    return false;
}

int dev_scanner_hidraw_open(const char *path)
{
    if (!path) {
        errno = EINVAL;
        return -1;
    }
    return open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
}

bool dev_scanner_hidraw_read(int fd, struct dev_scanner_hidraw *h, dev_scanner_code_fn on_code,
                             void *user)
{
    /* one byte more than a report, so an oversized one shows as such instead of being cut */
    uint8_t report[DEV_SCANNER_HID_REPORT_SIZE + 1];
    for (;;) {
        ssize_t n = read(fd, report, sizeof(report));
        if (n == 0)
            return false;
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        uint64_t ms = (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
        dev_scanner_hidraw_feed(h, report, (size_t)n, ms, on_code, user);
    }
}
