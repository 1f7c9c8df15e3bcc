/*
 * The bounded queue that carries a worker's results back to the thread that
 * reads them (the UI thread): fixed-size items copied in and out, a fixed
 * capacity, and one overflow policy: a push into a full queue drops the
 * oldest result and counts it. A worker never blocks on a reader that does
 * not collect, and what is dropped is a notice only: everything a result
 * reports that must last (orders, payments, print jobs) is already in the
 * database when it is pushed, so the newest results, which describe the
 * present, are the ones kept.
 */
#ifndef DEVICES_COMMON_RESULT_QUEUE_H
#define DEVICES_COMMON_RESULT_QUEUE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Embedded in the owner's object; set up by dev_result_queue_init. */
struct dev_result_queue {
    pthread_mutex_t lock;  /* guards everything below */
    pthread_cond_t pushed; /* CLOCK_MONOTONIC; broadcast at each push */
    unsigned char *items;  /* owned ring of capacity * item_size bytes */
    size_t item_size, capacity, first, count;
    uint64_t dropped; /* results dropped by the overflow policy so far */
};

/* A queue of capacity (> 0) items of item_size (> 0) bytes; false when out of memory. */
bool dev_result_queue_init(struct dev_result_queue *q, size_t item_size, size_t capacity);

/* Frees the ring and the lock; no thread may use the queue any more. */
void dev_result_queue_destroy(struct dev_result_queue *q);

/*
 * Copies item_size bytes from item to the end of the queue. When it is
 * full the oldest result is dropped first and counted; then false.
 */
bool dev_result_queue_push(struct dev_result_queue *q, const void *item);

/* Copies the oldest result to out and removes it; false (out untouched) when empty. */
bool dev_result_queue_take(struct dev_result_queue *q, void *out);

/* dev_result_queue_take, waiting up to timeout_ms (monotonic) for a result to come. */
bool dev_result_queue_wait(struct dev_result_queue *q, void *out, int timeout_ms);

/* The number of results dropped by the overflow policy since init. */
uint64_t dev_result_queue_dropped(struct dev_result_queue *q);

#endif
