/* The common main loop of the pty simulator programs: see devices/sim/sim_program.h. */
#include "devices/sim/sim_program.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* Points link at target, replacing what was there without a moment of absence. */
static bool make_link(const char *link, const char *target)
{
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.%d", link, (int)getpid()) >= sizeof(tmp))
        return false;
    unlink(tmp);
    return symlink(target, tmp) == 0 && rename(tmp, link) == 0;
}

/* Serves the device and hands stdin lines on until the end; the exit status. */
static int loop(const struct dev_sim_program *p)
{
    char line[DEV_SIM_LINE_MAX + 1];
    size_t len = 0;
    while (!stop_requested) {
        struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
                                {.fd = p->serve_fd, .events = POLLIN}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "%s: poll: %s\n", p->name, strerror(errno));
            return 1;
        }
        if ((fds[1].revents & POLLIN) && p->serve)
            p->serve(p->user);
        if (!(fds[0].revents & (POLLIN | POLLHUP)))
            continue;
        /* byte by byte, so nothing waits in a stdio buffer while the device is served */
        char c;
        ssize_t n = read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        if (c != '\n') {
            if (len < DEV_SIM_LINE_MAX)
                line[len++] = c;
            continue;
        }
        line[len] = '\0';
        len = 0;
        enum dev_sim_line r = p->line(p->user, line);
        if (r == DEV_SIM_LINE_UNKNOWN)
            fprintf(stderr, "%s: not a command: %s\n", p->name, line);
        if (r == DEV_SIM_LINE_FAILED) {
            fprintf(stderr, "%s: the device side failed: %s\n", p->name, strerror(errno));
            return 1;
        }
    }
    return 0;
}

int dev_sim_program_run(const struct dev_sim_program *p)
{
    int status = 1;
    bool linked = false;
    /* our own slave descriptor keeps the pty up while no driver has it open */
    int keep = open(p->slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (keep < 0 || (p->link && !(linked = make_link(p->link, p->slave)))) {
        fprintf(stderr, "%s: slave or link: %s\n", p->name, strerror(errno));
        goto end;
    }
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    printf("pty %s\n", p->slave);
    fflush(stdout);
    status = loop(p);
end:
    if (linked)
        unlink(p->link);
    if (keep >= 0)
        close(keep);
    return status;
}
