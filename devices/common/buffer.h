/*
 * A growable byte buffer with a hard size limit, used for protocol streams
 * (an ESC/POS job, a simulator's answers, raw bytes captured from a link).
 * The limit is the point: anything that grows from outside input stops at a
 * size chosen by its owner instead of at the end of memory.
 */
#ifndef DEVICES_COMMON_BUFFER_H
#define DEVICES_COMMON_BUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dev_buffer {
    uint8_t *data; /* owned, freed by dev_buffer_free; NULL while empty */
    size_t len;    /* bytes in use */
    size_t cap;    /* bytes allocated */
    size_t max;    /* len never exceeds this */
} dev_buffer;

/* An empty buffer that will hold at most max bytes. Allocates nothing. */
void dev_buffer_init(dev_buffer *buf, size_t max);

/*
 * Appends data[0..n). False, with the buffer unchanged, when the result would
 * exceed buf->max or memory runs out. n = 0 always succeeds (data may be NULL).
 */
bool dev_buffer_append(dev_buffer *buf, const void *data, size_t n);

/* Appends one byte; same failure rule as dev_buffer_append. */
bool dev_buffer_append_byte(dev_buffer *buf, uint8_t byte);

/* Drops the first n bytes (all of them when n >= len), keeping the allocation. */
void dev_buffer_consume(dev_buffer *buf, size_t n);

/* Releases the memory and leaves an empty buffer with the same max. Accepts NULL. */
void dev_buffer_free(dev_buffer *buf);

#endif
