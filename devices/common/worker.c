/* Device worker threads, their stop request and reconnect backoff: see devices/common/worker.h. */
#include "devices/common/worker.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

bool dev_worker_start(struct dev_worker *w, void *(*run)(void *), void *arg)
{
    w->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (w->stop_fd < 0)
        return false;
    if (pthread_mutex_init(&w->lock, NULL) != 0)
        goto error_fd;
    if (pthread_create(&w->thread, NULL, run, arg) != 0)
        goto error_lock;
    return true;
error_lock:
    pthread_mutex_destroy(&w->lock);
error_fd:
    close(w->stop_fd);
    w->stop_fd = -1;
    return false;
}

void dev_worker_stop(struct dev_worker *w)
{
    uint64_t one = 1;
    /* never read back, so the eventfd stays readable for every later wait */
    while (write(w->stop_fd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->lock);
    close(w->stop_fd);
    w->stop_fd = -1;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

enum dev_worker_wait dev_worker_wait(struct dev_worker *w, int fd, short events, int timeout_ms,
                                     short *revents)
{
    int64_t deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
    for (;;) {
        int wait = -1;
        if (timeout_ms >= 0) {
            int64_t left = deadline - now_ms();
            wait = left <= 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left;
        }
        /* a negative fd is skipped by poll(): then only a stop ends the wait early */
        struct pollfd p[2] = {{.fd = w->stop_fd, .events = POLLIN}, {.fd = fd, .events = events}};
        int n = poll(p, 2, wait);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            if (revents)
                *revents = POLLERR;
            return DEV_WORKER_READY;
        }
        if (revents)
            *revents = p[1].revents;
        if (p[0].revents)
            return DEV_WORKER_STOP;
        return n > 0 ? DEV_WORKER_READY : DEV_WORKER_TIMEOUT;
    }
}

bool dev_worker_nap(struct dev_worker *w, int ms)
{
    return dev_worker_wait(w, -1, 0, ms, NULL) == DEV_WORKER_STOP;
}

void dev_reconnect_init(struct dev_reconnect *r)
{
    r->delay_ms = DEV_RECONNECT_MIN_MS;
    r->opened_before = false;
}

bool dev_reconnect_opened(struct dev_reconnect *r)
{
    bool again = r->opened_before;
    r->delay_ms = DEV_RECONNECT_MIN_MS;
    r->opened_before = true;
    return again;
}

int dev_reconnect_failed(struct dev_reconnect *r)
{
    int now = r->delay_ms;
    r->delay_ms = now * 2 > DEV_RECONNECT_MAX_MS ? DEV_RECONNECT_MAX_MS : now * 2;
    return now;
}
