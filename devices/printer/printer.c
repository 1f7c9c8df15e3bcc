/*
 * The receipt printer driver: see devices/printer/printer.h.
 *
 * Status conversation: DLE EOT 1, 2, 3, 4 go out in one write (four
 * requests may be queued), then bytes are read until four status answers
 * came. Bytes that cannot be answers are skipped, and of the answers the
 * last four count (dev_escpos_status_parse). A printer also answers the
 * bytes 10 04 n wherever they occur inside image data, so after a job the
 * driver waits for one answer per such occurrence in the job plus its own
 * four, and settles for its own four when the printer does not answer in
 * data.
 */
#include "devices/printer/printer.h"

#include <stdlib.h>
#include <string.h>

#include "devices/printer/escpos.h"
#include "devices/printer/transport.h"
#include "devices/printer/transport_fd.h"

#define DEFAULT_CONNECT_MS 3000
#define DEFAULT_WRITE_MS 10000
#define DEFAULT_STATUS_MS 1000
#define STATUS_RX_MAX 512 /* bytes kept while waiting for answers; older ones are dropped */

struct dev_printer {
    char uri[DEV_PRINTER_URI_MAX + 1];
    const dev_transport_class *cls; /* static */
    const char *target;             /* points into uri */
    void *device;                   /* owned, from cls->device_new; NULL for real devices */
    void *link;                     /* owned connection state; NULL while closed */
    dev_printer_options opt;
};

const char *dev_printer_strerror(enum dev_printer_error err)
{
    switch (err) {
    case DEV_PRINTER_OK:
        return "printed";
    case DEV_PRINTER_ERR_BAD_URI:
        return "invalid printer address";
    case DEV_PRINTER_ERR_NOT_FOUND:
        return "printer not found";
    case DEV_PRINTER_ERR_OPEN:
        return "printer cannot be opened (refused, busy or no permission)";
    case DEV_PRINTER_ERR_UNPLUGGED:
        return "printer unplugged or connection lost";
    case DEV_PRINTER_ERR_TIMEOUT:
        return "printer stopped taking data (timeout)";
    case DEV_PRINTER_ERR_NO_ANSWER:
        return "printer does not answer status requests";
    case DEV_PRINTER_ERR_IO:
        return "printer communication error";
    case DEV_PRINTER_ERR_PAPER_OUT:
        return "out of paper";
    case DEV_PRINTER_ERR_COVER_OPEN:
        return "printer cover open";
    case DEV_PRINTER_ERR_OFFLINE:
        return "printer offline";
    case DEV_PRINTER_ERR_CUTTER:
        return "paper cutter jammed";
    case DEV_PRINTER_ERR_RECOVERING:
        return "printer recovering (head too hot)";
    case DEV_PRINTER_ERR_FAILURE:
        return "printer failure, needs service";
    case DEV_PRINTER_ERR_NO_MEMORY:
        return "out of memory";
    }
    return "unknown printer error";
}

enum dev_printer_error dev_printer_error_from_condition(enum dev_printer_condition condition)
{
    switch (condition) {
    case DEV_PRINTER_READY:
    case DEV_PRINTER_PAPER_NEAR_END:
        return DEV_PRINTER_OK;
    case DEV_PRINTER_UNRECOVERABLE:
        return DEV_PRINTER_ERR_FAILURE;
    case DEV_PRINTER_COVER_OPEN:
        return DEV_PRINTER_ERR_COVER_OPEN;
    case DEV_PRINTER_PAPER_OUT:
        return DEV_PRINTER_ERR_PAPER_OUT;
    case DEV_PRINTER_CUTTER_ERROR:
        return DEV_PRINTER_ERR_CUTTER;
    case DEV_PRINTER_RECOVERING:
        return DEV_PRINTER_ERR_RECOVERING;
    case DEV_PRINTER_OFFLINE:
        return DEV_PRINTER_ERR_OFFLINE;
    }
    return DEV_PRINTER_ERR_OFFLINE;
}

dev_printer *dev_printer_new(const char *uri, const dev_printer_options *opt,
                             enum dev_printer_error *err)
{
    enum dev_printer_error e = DEV_PRINTER_ERR_BAD_URI;
    dev_printer *printer = NULL;
    const char *target = NULL;
    size_t len = uri ? strnlen(uri, DEV_PRINTER_URI_MAX + 1) : 0;
    const dev_transport_class *cls =
        len <= DEV_PRINTER_URI_MAX ? dev_transport_find(uri, &target) : NULL;
    if (!cls || cls->check(target) != DEV_PRINTER_OK)
        goto error;
    e = DEV_PRINTER_ERR_NO_MEMORY;
    printer = calloc(1, sizeof *printer);
    if (!printer)
        goto error;
    memcpy(printer->uri, uri, len + 1);
    printer->cls = cls;
    printer->target = printer->uri + (target - uri);
    if (opt)
        printer->opt = *opt;
    if (printer->opt.connect_timeout_ms <= 0)
        printer->opt.connect_timeout_ms = DEFAULT_CONNECT_MS;
    if (printer->opt.write_timeout_ms <= 0)
        printer->opt.write_timeout_ms = DEFAULT_WRITE_MS;
    if (printer->opt.status_timeout_ms <= 0)
        printer->opt.status_timeout_ms = DEFAULT_STATUS_MS;
    if (cls->device_new) {
        printer->device = cls->device_new(printer->target);
        if (!printer->device)
            goto error;
    }
    if (err)
        *err = DEV_PRINTER_OK;
    return printer;
error:
    dev_printer_free(printer);
    if (err)
        *err = e;
    return NULL;
}

void dev_printer_disconnect(dev_printer *printer)
{
    if (printer && printer->link) {
        printer->cls->close(printer->link);
        printer->link = NULL;
    }
}

void dev_printer_free(dev_printer *printer)
{
    if (!printer)
        return;
    dev_printer_disconnect(printer);
    if (printer->device)
        printer->cls->device_free(printer->device);
    free(printer);
}

const char *dev_printer_uri(const dev_printer *printer)
{
    return printer->uri;
}

struct dev_printer_sim *dev_printer_sim_of(dev_printer *printer)
{
    return printer && printer->cls == &dev_transport_sim ? dev_transport_sim_of(printer->device)
                                                         : NULL;
}

static enum dev_printer_error ensure_open(dev_printer *printer)
{
    if (printer->link)
        return DEV_PRINTER_OK;
    return printer->cls->open(printer->target, printer->device, printer->opt.connect_timeout_ms,
                              &printer->link);
}

/* After a failure of the link itself, the next call starts from a fresh connection. */
static enum dev_printer_error link_failed(dev_printer *printer, enum dev_printer_error err)
{
    if (err == DEV_PRINTER_ERR_UNPLUGGED || err == DEV_PRINTER_ERR_IO ||
        err == DEV_PRINTER_ERR_TIMEOUT || err == DEV_PRINTER_ERR_NO_ANSWER)
        dev_printer_disconnect(printer);
    return err;
}

/* Writes all of data, each piece within the write timeout. *written counts what was taken. */
static enum dev_printer_error write_all(dev_printer *printer, const uint8_t *data, size_t len,
                                        size_t *written, uint64_t *first_byte_ns)
{
    *written = 0;
    while (*written < len) {
        size_t n = 0;
        if (first_byte_ns && *written == 0)
            *first_byte_ns = dev_fd_now_ns();
        enum dev_printer_error err = printer->cls->write(
            printer->link, data + *written, len - *written, printer->opt.write_timeout_ms, &n);
        *written += n;
        if (err != DEV_PRINTER_OK)
            return err;
    }
    return DEV_PRINTER_OK;
}

static size_t count_status_bytes(const uint8_t *rx, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += dev_escpos_is_status_byte(rx[i]);
    return n;
}

/*
 * Sends DLE EOT 1-4 and reads until `extra` + 4 answers came, or the
 * timeout; four are enough when the time is up.
 */
static enum dev_printer_error ask_status(dev_printer *printer, size_t extra,
                                         dev_printer_status *out)
{
    memset(out, 0, sizeof *out);
    uint8_t request[12];
    dev_buffer req;
    dev_buffer_init(&req, sizeof request);
    for (int n = DEV_ESCPOS_QUERY_PRINTER; n <= DEV_ESCPOS_QUERY_PAPER; n++)
        dev_escpos_append_status_request(&req, (enum dev_escpos_query)n);
    size_t written;
    enum dev_printer_error err = write_all(printer, req.data, req.len, &written, NULL);
    dev_buffer_free(&req);
    if (err != DEV_PRINTER_OK)
        return err;

    uint8_t rx[STATUS_RX_MAX];
    size_t len = 0, answers = 0, want = extra + 4;
    uint64_t deadline = dev_fd_now_ns() + (uint64_t)printer->opt.status_timeout_ms * 1000000u;
    while (answers < want) {
        if (len == sizeof rx) {
            /* Keep the newest half: the answers that count are the last ones. */
            memmove(rx, rx + sizeof rx / 2, sizeof rx / 2);
            len = sizeof rx / 2;
        }
        size_t got = 0;
        err = printer->cls->read(printer->link, rx + len, sizeof rx - len, dev_fd_ms_left(deadline),
                                 &got);
        if (err == DEV_PRINTER_ERR_TIMEOUT)
            break;
        if (err != DEV_PRINTER_OK)
            return err;
        answers += count_status_bytes(rx + len, got);
        len += got;
        if (dev_fd_ms_left(deadline) == 0 && answers >= 4)
            break;
    }
    return dev_escpos_status_parse(rx, len, out) ? DEV_PRINTER_OK : DEV_PRINTER_ERR_NO_ANSWER;
}

enum dev_printer_error dev_printer_query_status(dev_printer *printer, dev_printer_status *out)
{
    memset(out, 0, sizeof *out);
    enum dev_printer_error err = ensure_open(printer);
    if (err != DEV_PRINTER_OK)
        return err;
    if (printer->cls->discard_input)
        printer->cls->discard_input(printer->link);
    return link_failed(printer, ask_status(printer, 0, out));
}

/* How many DLE EOT n (n = 1..4) the printer will find in job and answer. */
static size_t count_requests_in(const uint8_t *job, size_t len)
{
    size_t n = 0;
    for (size_t i = 2; i < len; i++)
        n += job[i - 2] == DEV_ESCPOS_DLE && job[i - 1] == DEV_ESCPOS_EOT && job[i] >= 1 &&
             job[i] <= 4;
    return n;
}

enum dev_printer_error dev_printer_print(dev_printer *printer, const uint8_t *job, size_t len,
                                         dev_print_report *report)
{
    dev_print_report local;
    if (!report)
        report = &local;
    memset(report, 0, sizeof *report);
    enum dev_printer_error err = dev_printer_query_status(printer, &report->before);
    if (err != DEV_PRINTER_OK)
        return err;
    report->have_before = true;
    err = dev_printer_error_from_condition(dev_printer_status_condition(&report->before));
    if (err != DEV_PRINTER_OK)
        return err;

    err = write_all(printer, job, len, &report->bytes_written, &report->first_byte_ns);
    if (err != DEV_PRINTER_OK)
        return link_failed(printer, err);

    err = ask_status(printer, count_requests_in(job, len), &report->after);
    if (err != DEV_PRINTER_OK)
        return link_failed(printer, err);
    report->have_after = true;
    return dev_printer_error_from_condition(dev_printer_status_condition(&report->after));
}
