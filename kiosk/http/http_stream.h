/*
 * A streamed answer: its body written by a worker while libmicrohttpd's
 * I/O thread sends it (chunked), through a bounded queue, so that a
 * report of any size holds KS_HTTP_STREAM_QUEUE_BYTES of it at a time.
 *
 * - The worker writes (ks_http_stream_write): the bytes are copied into
 *   the queue; while it is full the worker waits until the I/O thread has
 *   taken some, or until the answer was dropped (the client went away, the
 *   connection timed out): then the write says so and the worker stops.
 * - The I/O thread reads (the response's content reader): what the queue
 *   holds; when it is empty and the answer not ended, the connection is
 *   suspended (no busy wait) until the next write or the end resumes it.
 * - The end: whole, the last chunk goes out; cut, the connection closes
 *   without it (MHD_CONTENT_READER_END_WITH_ERROR), which a client sees as
 *   a transfer error (curl: 18), never as a complete answer.
 *
 * The stream is shared by the worker and the response (one reference
 * each) and freed by whichever lets go last.
 */
#ifndef KIOSK_HTTP_HTTP_STREAM_H
#define KIOSK_HTTP_HTTP_STREAM_H

#include <stdbool.h>
#include <stddef.h>

/* Bytes of a streamed answer queued at most between the worker and the I/O thread. */
#define KS_HTTP_STREAM_QUEUE_BYTES (256u * 1024u)

typedef struct ks_http_stream ks_http_stream;
struct MHD_Connection;
struct MHD_Response;

/*
 * Writes len bytes of the body (copied), waiting while the queue is full.
 * False when the answer was dropped (nothing more will be sent: stop) or
 * already ended.
 */
bool ks_http_stream_write(ks_http_stream *stream, const char *bytes, size_t len);

/*
 * Ends the body once the queue is sent: whole, or cut (the client sees a
 * transfer error). Later writes fail; a second end changes nothing.
 */
void ks_http_stream_end(ks_http_stream *stream, bool whole);

/*
 * For the server (http_server.c). A stream of con's answer, with the
 * worker's and the response's references; NULL when out of memory.
 */
ks_http_stream *ks_http_stream_new(struct MHD_Connection *con);

/*
 * The response that reads the stream (on the I/O thread; it holds the
 * response's reference), or NULL when out of memory: the reference is
 * dropped then, and the worker's writes fail.
 */
struct MHD_Response *ks_http_stream_response(ks_http_stream *stream);

/* Drops the response's reference when no response was made (the connection closed first). */
void ks_http_stream_drop(ks_http_stream *stream);

/* Drops the worker's reference (ending the body cut when it was not ended). Accepts NULL. */
void ks_http_stream_release(ks_http_stream *stream);

#endif
