/* A worker's bounded result queue, dropping the oldest: see devices/common/result_queue.h. */
#include "devices/common/result_queue.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool dev_result_queue_init(struct dev_result_queue *q, size_t item_size, size_t capacity)
{
    assert(item_size > 0 && capacity > 0);
    memset(q, 0, sizeof *q);
    q->items = calloc(capacity, item_size);
    if (!q->items)
        return false;
    q->item_size = item_size;
    q->capacity = capacity;
    pthread_condattr_t attr;
    bool ok = pthread_condattr_init(&attr) == 0;
    if (ok) {
        ok = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 &&
             pthread_cond_init(&q->pushed, &attr) == 0;
        pthread_condattr_destroy(&attr);
    }
    if (ok && pthread_mutex_init(&q->lock, NULL) != 0) {
        pthread_cond_destroy(&q->pushed);
        ok = false;
    }
    if (!ok) {
        free(q->items);
        q->items = NULL;
    }
    return ok;
}

void dev_result_queue_destroy(struct dev_result_queue *q)
{
    if (!q->items)
        return;
    pthread_cond_destroy(&q->pushed);
    pthread_mutex_destroy(&q->lock);
    free(q->items);
    q->items = NULL;
}

static unsigned char *slot(struct dev_result_queue *q, size_t i)
{
    return q->items + ((q->first + i) % q->capacity) * q->item_size;
}

bool dev_result_queue_push(struct dev_result_queue *q, const void *item)
{
    pthread_mutex_lock(&q->lock);
    bool room = q->count < q->capacity;
    if (!room) {
        q->first = (q->first + 1) % q->capacity;
        q->count--;
        q->dropped++;
    }
    memcpy(slot(q, q->count), item, q->item_size);
    q->count++;
    pthread_cond_broadcast(&q->pushed);
    pthread_mutex_unlock(&q->lock);
    return room;
}

/* The lock is held. */
static bool take_locked(struct dev_result_queue *q, void *out)
{
    if (q->count == 0)
        return false;
    memcpy(out, slot(q, 0), q->item_size);
    q->first = (q->first + 1) % q->capacity;
    q->count--;
    return true;
}

bool dev_result_queue_take(struct dev_result_queue *q, void *out)
{
    pthread_mutex_lock(&q->lock);
    bool ok = take_locked(q, out);
    pthread_mutex_unlock(&q->lock);
    return ok;
}

bool dev_result_queue_wait(struct dev_result_queue *q, void *out, int timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&q->lock);
    bool ok;
    while (!(ok = take_locked(q, out)))
        if (pthread_cond_timedwait(&q->pushed, &q->lock, &until) == ETIMEDOUT) {
            ok = take_locked(q, out);
            break;
        }
    pthread_mutex_unlock(&q->lock);
    return ok;
}

uint64_t dev_result_queue_dropped(struct dev_result_queue *q)
{
    pthread_mutex_lock(&q->lock);
    uint64_t n = q->dropped;
    pthread_mutex_unlock(&q->lock);
    return n;
}
