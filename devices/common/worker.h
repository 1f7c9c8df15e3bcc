/*
 * What every device worker thread (scale, scanner) is made of: the thread
 * and a lock for the state it shares, a stop request that wakes it at once
 * whether it sleeps out a backoff or waits on the device's descriptor (an
 * eventfd polled beside it), and the reconnect backoff that doubles from
 * 100 ms to 5 s while the device stays away and starts over once it is back.
 */
#ifndef DEVICES_COMMON_WORKER_H
#define DEVICES_COMMON_WORKER_H

#include <pthread.h>
#include <stdbool.h>

#define DEV_RECONNECT_MIN_MS 100
#define DEV_RECONNECT_MAX_MS 5000

/* Embedded in the driver's object; set up by dev_worker_start. */
struct dev_worker {
    pthread_t thread;
    pthread_mutex_t lock; /* free for the driver: guards what it shares with other threads */
    int stop_fd;          /* owned eventfd, readable once stop is asked */
};

enum dev_worker_wait {
    DEV_WORKER_TIMEOUT, /* neither the descriptor nor a stop within the time */
    DEV_WORKER_READY,   /* the descriptor has events (hang-ups and errors included) */
    DEV_WORKER_STOP,    /* stop was asked: the thread must return */
};

/*
 * Sets up the lock and the stop request, then runs run(arg) on a new
 * thread. False when any of them cannot be had; nothing is left to free.
 */
bool dev_worker_start(struct dev_worker *w, void *(*run)(void *), void *arg);

/* Asks the thread to stop, waits for it to return, frees the lock and the eventfd. */
void dev_worker_stop(struct dev_worker *w);

/*
 * On the worker thread: waits up to timeout_ms (negative: without limit)
 * for events on fd (negative: none, a plain sleep) or a stop, which wins
 * when both come. *revents (may be NULL) gets fd's events; a failing
 * poll() reports POLLERR, so the caller drops the device and reopens it.
 */
enum dev_worker_wait dev_worker_wait(struct dev_worker *w, int fd, short events, int timeout_ms,
                                     short *revents);

/* On the worker thread: sleeps ms unless stop is asked; true when the thread must return. */
bool dev_worker_nap(struct dev_worker *w, int ms);

/* Plain state of the worker thread; zero it with dev_reconnect_init. */
struct dev_reconnect {
    int delay_ms;       /* the wait before the next try */
    bool opened_before; /* a later open is a reconnect */
};

void dev_reconnect_init(struct dev_reconnect *r);

/* An open succeeded: the backoff starts over. True when it is not the first open. */
bool dev_reconnect_opened(struct dev_reconnect *r);

/* An open failed or the link was lost: the milliseconds to wait now (the next wait doubles). */
int dev_reconnect_failed(struct dev_reconnect *r);

#endif
