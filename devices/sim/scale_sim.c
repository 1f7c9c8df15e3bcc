/* A pty-backed scale simulator: see devices/sim/scale_sim.h. */
#include "devices/sim/scale_sim.h"
#include "devices/sim/sim_pty.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct dev_scale_sim {
    enum dev_scale_dialect dialect;
    int master; /* owned, closed in dev_scale_sim_free */
    char tty_path[64];
    struct dev_scale_reading reading;
    enum dev_scale_sim_fault fault;
    char request[16]; /* bytes of the request being received */
    size_t request_len;
};

dev_scale_sim *dev_scale_sim_new(enum dev_scale_dialect dialect)
{
    dev_scale_sim *sim = calloc(1, sizeof(*sim));
    if (!sim)
        return NULL;
    sim->dialect = dialect;
    sim->master = dev_sim_pty_open(sim->tty_path, sizeof(sim->tty_path));
    if (sim->master < 0)
        goto error;
    return sim;
error:
    dev_scale_sim_free(sim);
    return NULL;
}

void dev_scale_sim_free(dev_scale_sim *sim)
{
    if (!sim)
        return;
    if (sim->master >= 0)
        close(sim->master);
    free(sim);
}

const char *dev_scale_sim_tty_path(const dev_scale_sim *sim)
{
    return sim->tty_path;
}

void dev_scale_sim_set(dev_scale_sim *sim, enum dev_scale_status status, int64_t grams)
{
    sim->reading.status = status;
    sim->reading.grams = grams;
}

void dev_scale_sim_fault(dev_scale_sim *sim, enum dev_scale_sim_fault fault)
{
    sim->fault = fault;
}

int dev_scale_sim_fd(const dev_scale_sim *sim)
{
    return sim->master;
}

/* True when the request buffer now holds a whole request of the dialect. */
static bool request_complete(const dev_scale_sim *sim)
{
    char last = sim->request[sim->request_len - 1];
    return sim->dialect == DEV_SCALE_MT8217 ? last == 'W' : last == '\r';
}

int dev_scale_sim_serve(dev_scale_sim *sim, int timeout_ms)
{
    struct pollfd pfd = {.fd = sim->master, .events = POLLIN};
    int ready = poll(&pfd, 1, timeout_ms);
    if (ready <= 0)
        return ready;
    uint8_t in[64];
    ssize_t n = read(sim->master, in, sizeof(in));
    if (n < 0)
        return errno == EAGAIN || errno == EINTR ? 0 : -1;
    int replies = 0;
    for (ssize_t i = 0; i < n; i++) {
        if (sim->request_len == sizeof(sim->request))
            sim->request_len = 0; /* noise: start over */
        sim->request[sim->request_len++] = (char)in[i];
        if (!request_complete(sim))
            continue;
        sim->request_len = 0;
        uint8_t reply[DEV_SCALE_REPLY_MAX];
        size_t len = sim->fault == DEV_SCALE_SIM_SILENT
                         ? 0
                         : dev_scale_reply_build(sim->dialect, &sim->reading, reply, sizeof(reply));
        if (len > 1 && sim->fault == DEV_SCALE_SIM_GARBLE)
            reply[1] = '#'; /* framing intact, content not: the parser must refuse it */
        if (len > 0 && !dev_sim_write_all(sim->master, reply, len))
            return -1;
        replies++;
    }
    return replies;
}
