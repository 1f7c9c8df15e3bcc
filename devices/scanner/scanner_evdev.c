/* evdev adapter for keyboard-wedge scanners: see devices/scanner/scanner_evdev.h. */
#include "devices/scanner/scanner_evdev.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>
#include <unistd.h>

int dev_scanner_evdev_open(const char *path, bool grab)
{
    if (!path) {
        errno = EINVAL;
        return -1;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (grab && ioctl(fd, EVIOCGRAB, (void *)1) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

bool dev_scanner_evdev_read(int fd, struct dev_scanner_wedge *w, dev_scanner_code_fn on_code,
                            void *user)
{
    struct input_event ev[64];
    for (;;) {
        ssize_t n = read(fd, ev, sizeof(ev));
        if (n == 0)
            return false;
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        /* evdev never splits a record; a partial one would mean this is not evdev */
        size_t count = (size_t)n / sizeof(ev[0]);
        for (size_t i = 0; i < count; i++) {
            if (ev[i].type != EV_KEY)
                continue;
            uint64_t ms =
                (uint64_t)ev[i].input_event_sec * 1000u + (uint64_t)ev[i].input_event_usec / 1000u;
            dev_scanner_wedge_key(w, ev[i].code, ev[i].value, ms, on_code, user);
        }
        if ((size_t)n < sizeof(ev))
            return true;
    }
}

void dev_scanner_evdev_close(int fd)
{
    if (fd < 0)
        return;
    /* a non-evdev fd or an ungrabbed device just fails the ioctl */
    (void)ioctl(fd, EVIOCGRAB, (void *)0);
    close(fd);
}
