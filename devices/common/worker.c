/* Worker threads, their stop and wake requests and reconnect backoff: see devices/common/worker.h.
 */
#include "devices/common/worker.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

bool dev_worker_start(struct dev_worker *w, void *(*run)(void *), void *arg)
{
    atomic_init(&w->stopping, false);
    w->owner = pthread_self();
    w->wake_fd = -1;
    w->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (w->stop_fd < 0)
        return false;
    w->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (w->wake_fd < 0)
        goto error_fd;
    if (pthread_mutex_init(&w->lock, NULL) != 0)
        goto error_fd;
    if (pthread_create(&w->thread, NULL, run, arg) != 0)
        goto error_lock;
    return true;
error_lock:
    pthread_mutex_destroy(&w->lock);
error_fd:
    if (w->wake_fd >= 0)
        close(w->wake_fd);
    close(w->stop_fd);
    w->stop_fd = w->wake_fd = -1;
    return false;
}

static void post(int fd)
{
    uint64_t one = 1;
    while (write(fd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
}

void dev_worker_ask_stop(struct dev_worker *w)
{
    assert(w->stop_fd >= 0 && "a worker is stopped once");
    assert(pthread_equal(pthread_self(), w->owner) && "a worker is stopped by its owner");
    if (atomic_exchange(&w->stopping, true))
        return;
    /* never read back, so the eventfd stays readable for every later wait */
    post(w->stop_fd);
}

void dev_worker_stop(struct dev_worker *w)
{
    dev_worker_ask_stop(w);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->lock);
    close(w->stop_fd);
    close(w->wake_fd);
    w->stop_fd = w->wake_fd = -1;
}

void dev_worker_wake(struct dev_worker *w)
{
    assert(w->wake_fd >= 0);
    post(w->wake_fd);
}

bool dev_worker_stopping(const struct dev_worker *w)
{
    return atomic_load(&w->stopping);
}

int64_t dev_worker_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The one wait: stop, then fd, then (when wakeable) the wake request, until
 * deadline_ms. The deadline is fixed before the first poll(), so EINTR only
 * shortens what is left.
 */
static enum dev_worker_wait wait_until(struct dev_worker *w, int fd, short events,
                                       int64_t deadline_ms, bool wakeable, short *revents)
{
    for (;;) {
        int wait = -1;
        if (deadline_ms != INT64_MAX) {
            int64_t left = deadline_ms - dev_worker_now_ms();
            wait = left <= 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left;
        }
        /* a negative fd is skipped by poll() */
        struct pollfd p[3] = {{.fd = w->stop_fd, .events = POLLIN},
                              {.fd = fd, .events = events},
                              {.fd = wakeable ? w->wake_fd : -1, .events = POLLIN}};
        int n = poll(p, 3, wait);
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
        if (p[1].revents)
            return DEV_WORKER_READY;
        if (p[2].revents) {
            uint64_t count;
            /* resets the counter: the wakes so far are seen, later ones are kept */
            while (read(w->wake_fd, &count, sizeof count) < 0 && errno == EINTR)
                ;
            return DEV_WORKER_WOKEN;
        }
        return DEV_WORKER_TIMEOUT;
    }
}

static int64_t deadline_after(int timeout_ms)
{
    return timeout_ms < 0 ? INT64_MAX : dev_worker_now_ms() + timeout_ms;
}

enum dev_worker_wait dev_worker_sleep_until(struct dev_worker *w, int64_t deadline_ms)
{
    return wait_until(w, -1, 0, deadline_ms, true, NULL);
}

enum dev_worker_wait dev_worker_sleep(struct dev_worker *w, int timeout_ms)
{
    return dev_worker_sleep_until(w, deadline_after(timeout_ms));
}

enum dev_worker_wait dev_worker_sleep_period(struct dev_worker *w, int period_ms, int64_t *next_ms)
{
    if (period_ms <= 0)
        return dev_worker_sleep_until(w, INT64_MAX);
    if (*next_ms == 0)
        *next_ms = dev_worker_now_ms() + period_ms;
    enum dev_worker_wait r = dev_worker_sleep_until(w, *next_ms);
    int64_t now = dev_worker_now_ms();
    if (r == DEV_WORKER_TIMEOUT)
        *next_ms += period_ms;
    if (r == DEV_WORKER_WOKEN || *next_ms <= now)
        *next_ms = now + period_ms;
    return r;
}

enum dev_worker_wait dev_worker_wait(struct dev_worker *w, int fd, short events, int timeout_ms,
                                     short *revents)
{
    return wait_until(w, fd, events, deadline_after(timeout_ms), false, revents);
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
