/* A streamed answer through a bounded queue: see kiosk/http/http_stream.h. */
#include "kiosk/http/http_stream.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The most the I/O thread asks of the reader at once (its connection's buffer is smaller). */
#define READ_BLOCK_BYTES (32u * 1024u)

struct ks_http_stream {
    pthread_mutex_t lock;
    pthread_cond_t taken; /* bytes were taken from the queue, or the answer was dropped */
    char queue[KS_HTTP_STREAM_QUEUE_BYTES]; /* a ring: used bytes from first, wrapping */
    size_t first, used;
    bool ended, whole;          /* the worker ended the body, whole or cut */
    bool dropped;               /* the response is gone: nothing more is read */
    bool suspended;             /* the connection waits for bytes (resumed under lock) */
    int refs;                   /* the worker's and the response's */
    struct MHD_Connection *con; /* borrowed: the connection the answer goes to */
};

static void unref(ks_http_stream *s)
{
    pthread_mutex_lock(&s->lock);
    bool last = --s->refs == 0;
    pthread_mutex_unlock(&s->lock);
    if (!last)
        return;
    pthread_cond_destroy(&s->taken);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* Under s's lock: the connection goes on once it has something to send. */
static void wake(ks_http_stream *s)
{
    if (s->suspended) {
        s->suspended = false;
        MHD_resume_connection(s->con);
    }
}

ks_http_stream *ks_http_stream_new(struct MHD_Connection *con)
{
    ks_http_stream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    if (pthread_mutex_init(&s->lock, NULL) != 0) {
        free(s);
        return NULL;
    }
    if (pthread_cond_init(&s->taken, NULL) != 0) {
        pthread_mutex_destroy(&s->lock);
        free(s);
        return NULL;
    }
    s->refs = 2;
    s->con = con;
    return s;
}

bool ks_http_stream_write(ks_http_stream *s, const char *bytes, size_t len)
{
    pthread_mutex_lock(&s->lock);
    while (len > 0 && !s->dropped && !s->ended) {
        if (s->used == sizeof s->queue) {
            pthread_cond_wait(&s->taken, &s->lock);
            continue;
        }
        size_t end = (s->first + s->used) % sizeof s->queue;
        size_t room = s->first + s->used < sizeof s->queue ? sizeof s->queue - end : s->first - end;
        size_t n = len < room ? len : room;
        memcpy(s->queue + end, bytes, n);
        s->used += n;
        bytes += n;
        len -= n;
        wake(s);
    }
    bool ok = len == 0 && !s->dropped;
    pthread_mutex_unlock(&s->lock);
    return ok;
}

void ks_http_stream_end(ks_http_stream *s, bool whole)
{
    pthread_mutex_lock(&s->lock);
    if (!s->ended) {
        s->ended = true;
        s->whole = whole;
        wake(s);
    }
    pthread_mutex_unlock(&s->lock);
}

/* libmicrohttpd's content reader, on the I/O thread: what the queue holds, or the end. */
static ssize_t read_queue(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    ks_http_stream *s = cls;
    pthread_mutex_lock(&s->lock);
    ssize_t given = 0;
    if (s->used > 0) {
        size_t n = 0;
        while (n < max && s->used > 0) {
            size_t run = sizeof s->queue - s->first;
            size_t part = s->used < run ? s->used : run;
            part = part < max - n ? part : max - n;
            memcpy(buf + n, s->queue + s->first, part);
            n += part;
            s->first = (s->first + part) % sizeof s->queue;
            s->used -= part;
        }
        pthread_cond_signal(&s->taken);
        given = (ssize_t)n;
    } else if (s->ended) {
        given = s->whole ? MHD_CONTENT_READER_END_OF_STREAM : MHD_CONTENT_READER_END_WITH_ERROR;
    } else {
        /* Nothing yet: parked until the worker writes or ends (wake, under this lock). */
        s->suspended = true;
        MHD_suspend_connection(s->con);
    }
    pthread_mutex_unlock(&s->lock);
    return given;
}

/* The response is gone (sent, or the connection closed): the worker's writes fail from now. */
static void drop(void *cls)
{
    ks_http_stream_drop(cls);
}

void ks_http_stream_drop(ks_http_stream *s)
{
    pthread_mutex_lock(&s->lock);
    s->dropped = true;
    pthread_cond_signal(&s->taken);
    pthread_mutex_unlock(&s->lock);
    unref(s);
}

struct MHD_Response *ks_http_stream_response(ks_http_stream *s)
{
    struct MHD_Response *r =
        MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, READ_BLOCK_BYTES, read_queue, s, drop);
    if (!r)
        drop(s);
    return r;
}

void ks_http_stream_release(ks_http_stream *s)
{
    if (!s)
        return;
    ks_http_stream_end(s, false);
    unref(s);
}
