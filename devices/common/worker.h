/*
 * The one worker thread primitive, for the device drivers (scale, scanner)
 * and the kiosk's workers (delivery, heartbeat, menu pull, print, sold-out
 * sync, kitchen feed): the thread and a lock for the state it shares, a
 * stop request that wakes it at once whether it sleeps or waits on a
 * device's descriptor (an eventfd polled beside it), a wake request that
 * is never lost (an eventfd that keeps it until the thread's next sleep),
 * and the reconnect backoff that doubles from 100 ms to 5 s while a device
 * stays away and starts over once it is back.
 *
 * Every wait is poll() against a deadline on CLOCK_MONOTONIC computed once,
 * so an interrupted wait does not drift and the wall clock does not matter.
 * Results that flow back to another thread go through
 * devices/common/result_queue.h.
 */
#ifndef DEVICES_COMMON_WORKER_H
#define DEVICES_COMMON_WORKER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#define DEV_RECONNECT_MIN_MS 100
#define DEV_RECONNECT_MAX_MS 5000

/* Embedded in the owner's object; set up by dev_worker_start. */
struct dev_worker {
    pthread_t thread;
    pthread_t owner;      /* the thread that started it: the only one that may stop it */
    pthread_mutex_t lock; /* free for the owner: guards what it shares with the thread */
    int stop_fd;          /* owned eventfd, readable once stop is asked; -1 once stopped */
    int wake_fd;          /* owned eventfd, readable while a wake waits for the thread */
    atomic_bool stopping; /* true once stop is asked: for callbacks that poll a flag (libcurl) */
};

enum dev_worker_wait {
    DEV_WORKER_TIMEOUT, /* nothing happened within the time */
    DEV_WORKER_READY,   /* the descriptor has events (hang-ups and errors included) */
    DEV_WORKER_STOP,    /* stop was asked: the thread must return */
    DEV_WORKER_WOKEN,   /* dev_worker_wake was called since the last sleep that saw it */
};

/*
 * Sets up the lock, the stop and wake requests, then runs run(arg) on a new
 * thread. False when any of them cannot be had; nothing is left to free.
 * The calling thread becomes the owner: it alone may stop the worker.
 */
bool dev_worker_start(struct dev_worker *w, void *(*run)(void *), void *arg);

/*
 * On the owner thread, exactly once: asks the thread to stop (unless
 * dev_worker_ask_stop did), waits for it to return, frees the lock and the
 * eventfds. Debug builds assert both.
 */
void dev_worker_stop(struct dev_worker *w);

/*
 * On the owner thread: the first half of dev_worker_stop, without the wait,
 * for an owner that must also wake the thread from a wait of its own (a
 * condition variable) once dev_worker_stopping is true. Again: no effect.
 */
void dev_worker_ask_stop(struct dev_worker *w);

/*
 * From any thread: the worker's next sleep (or the one under way) returns
 * DEV_WORKER_WOKEN. Wakes before that sleep are kept and count as one.
 */
void dev_worker_wake(struct dev_worker *w);

/* From any thread: true once stop was asked. */
bool dev_worker_stopping(const struct dev_worker *w);

/* Milliseconds on CLOCK_MONOTONIC: the clock of dev_worker_sleep_until's deadlines. */
int64_t dev_worker_now_ms(void);

/*
 * On the worker thread: sleeps until deadline_ms (dev_worker_now_ms's clock;
 * INT64_MAX: without limit), a wake or a stop. Stop wins over a wake; a
 * wake is consumed by the sleep that returns DEV_WORKER_WOKEN. Never
 * returns DEV_WORKER_READY.
 */
enum dev_worker_wait dev_worker_sleep_until(struct dev_worker *w, int64_t deadline_ms);

/* dev_worker_sleep_until for timeout_ms from now (negative: without limit). */
enum dev_worker_wait dev_worker_sleep(struct dev_worker *w, int timeout_ms);

/*
 * On the worker thread: sleeps until the next beat of a schedule of one
 * beat every period_ms (<= 0: no beats, only a wake or a stop end the
 * sleep), kept in *next_ms (0: start the schedule now). A beat moves the
 * schedule on by one period from the last, not from the end of the work
 * that followed, so it does not drift; beats missed by work that overran
 * are skipped, not run back to back; a wake starts the schedule over.
 */
enum dev_worker_wait dev_worker_sleep_period(struct dev_worker *w, int period_ms, int64_t *next_ms);

/*
 * On a device's worker thread: waits up to timeout_ms (negative: without
 * limit) for events on fd (negative: none, a plain sleep) or a stop, which
 * wins when both come; wakes are left for the next sleep. *revents (may be
 * NULL) gets fd's events; a failing poll() reports POLLERR, so the caller
 * drops the device and reopens it.
 */
enum dev_worker_wait dev_worker_wait(struct dev_worker *w, int fd, short events, int timeout_ms,
                                     short *revents);

/* On the worker thread: sleeps ms unless stop is asked (wakes do not end it); true on stop. */
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
