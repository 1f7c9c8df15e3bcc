/* Raw pty masters for the device simulators: see devices/sim/sim_pty.h. */
/* posix_openpt, grantpt, unlockpt and ptsname are X/Open, not plain POSIX */
#define _XOPEN_SOURCE 700
#include "devices/sim/sim_pty.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

int dev_sim_pty_open(char *slave, size_t cap)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0)
        return -1;
    if (grantpt(master) != 0 || unlockpt(master) != 0)
        goto error;
    const char *name = ptsname(master);
    if (!name || (size_t)snprintf(slave, cap, "%s", name) >= cap)
        goto error;
    struct termios t;
    if (tcgetattr(master, &t) != 0)
        goto error;
    cfmakeraw(&t);
    if (tcsetattr(master, TCSANOW, &t) != 0)
        goto error;
    return master;
error:
    close(master);
    return -1;
}

bool dev_sim_write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}
