/* Growable byte buffer with a hard limit: see devices/common/buffer.h. */
#include "devices/common/buffer.h"

#include <stdlib.h>
#include <string.h>

/* First allocation; small enough for a status answer, doubled from there. */
#define BUFFER_MIN_CAP 64

void dev_buffer_init(dev_buffer *buf, size_t max)
{
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
    buf->max = max;
}

static bool buffer_reserve(dev_buffer *buf, size_t need)
{
    if (need <= buf->cap)
        return true;
    size_t cap = buf->cap ? buf->cap : BUFFER_MIN_CAP;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    if (cap > buf->max)
        cap = buf->max;
    uint8_t *data = realloc(buf->data, cap);
    if (!data)
        return false;
    buf->data = data;
    buf->cap = cap;
    return true;
}

bool dev_buffer_append(dev_buffer *buf, const void *data, size_t n)
{
    if (n == 0)
        return true;
    if (n > buf->max - buf->len || !buffer_reserve(buf, buf->len + n))
        return false;
    memcpy(buf->data + buf->len, data, n);
    buf->len += n;
    return true;
}

bool dev_buffer_append_byte(dev_buffer *buf, uint8_t byte)
{
    return dev_buffer_append(buf, &byte, 1);
}

void dev_buffer_consume(dev_buffer *buf, size_t n)
{
    if (n >= buf->len) {
        buf->len = 0;
        return;
    }
    memmove(buf->data, buf->data + n, buf->len - n);
    buf->len -= n;
}

void dev_buffer_free(dev_buffer *buf)
{
    if (!buf)
        return;
    free(buf->data);
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
}
