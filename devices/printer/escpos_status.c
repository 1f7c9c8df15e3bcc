/* DLE EOT status requests and answers: see devices/printer/escpos_status.h. */
#include "devices/printer/escpos_status.h"

#include <string.h>

#include "devices/printer/escpos.h"

bool dev_escpos_append_status_request(dev_buffer *out, enum dev_escpos_query n)
{
    if (n < DEV_ESCPOS_QUERY_PRINTER || n > DEV_ESCPOS_QUERY_PAPER)
        return false;
    const uint8_t request[] = {DEV_ESCPOS_DLE, DEV_ESCPOS_EOT, (uint8_t)n};
    return dev_buffer_append(out, request, sizeof request);
}

bool dev_escpos_is_status_byte(uint8_t byte)
{
    return (byte & DEV_ESCPOS_STATUS_FIXED_MASK) == DEV_ESCPOS_STATUS_FIXED;
}

/* A bit of an answer and the flag it raises. */
struct status_bit {
    uint8_t mask;
    unsigned flag;
};

/*
 * Per query. The paper bits come in pairs (two sensors or a doubled bit);
 * either one raises the flag, since a kiosk should rather warn than take
 * money it cannot give a receipt for.
 */
static const struct status_bit query_bits[4][4] = {
    {{DEV_ESCPOS_ST1_DRAWER_PIN3, DEV_STATUS_DRAWER_PIN3},
     {DEV_ESCPOS_ST1_OFFLINE, DEV_STATUS_OFFLINE}},
    {{DEV_ESCPOS_ST2_COVER_OPEN, DEV_STATUS_COVER_OPEN},
     {DEV_ESCPOS_ST2_FEED_BUTTON, DEV_STATUS_FEED_BUTTON},
     {DEV_ESCPOS_ST2_PAPER_STOP, DEV_STATUS_STOPPED_AT_PAPER_END},
     {DEV_ESCPOS_ST2_ERROR, DEV_STATUS_ERROR}},
    {{DEV_ESCPOS_ST3_AUTOCUTTER, DEV_STATUS_AUTOCUTTER_ERROR},
     {DEV_ESCPOS_ST3_UNRECOVERABLE, DEV_STATUS_UNRECOVERABLE_ERROR},
     {DEV_ESCPOS_ST3_AUTO_RECOVERABLE, DEV_STATUS_AUTO_RECOVERABLE_ERROR}},
    {{DEV_ESCPOS_ST4_NEAR_END, DEV_STATUS_PAPER_NEAR_END},
     {DEV_ESCPOS_ST4_PAPER_OUT, DEV_STATUS_PAPER_OUT}},
};

unsigned dev_escpos_status_flags(enum dev_escpos_query n, uint8_t answer)
{
    if (n < DEV_ESCPOS_QUERY_PRINTER || n > DEV_ESCPOS_QUERY_PAPER ||
        !dev_escpos_is_status_byte(answer))
        return 0;
    unsigned flags = 0;
    for (size_t i = 0; i < 4 && query_bits[n - 1][i].mask; i++)
        if (answer & query_bits[n - 1][i].mask)
            flags |= query_bits[n - 1][i].flag;
    return flags;
}

bool dev_escpos_status_parse(const uint8_t *rx, size_t len, dev_printer_status *out)
{
    memset(out, 0, sizeof *out);
    uint8_t last[4];
    size_t found = 0;
    /* Walk backwards: the newest four status bytes are the answers, oldest first. */
    for (size_t i = len; i > 0 && found < 4; i--)
        if (dev_escpos_is_status_byte(rx[i - 1]))
            last[3 - found++] = rx[i - 1];
    if (found < 4)
        return false;
    for (int n = DEV_ESCPOS_QUERY_PRINTER; n <= DEV_ESCPOS_QUERY_PAPER; n++) {
        out->answers[n - 1] = last[n - 1];
        out->flags |= dev_escpos_status_flags((enum dev_escpos_query)n, last[n - 1]);
    }
    return true;
}

enum dev_printer_condition dev_printer_status_condition(const dev_printer_status *status)
{
    /* Most serious first: a broken printer needs service whatever else it says;
     * an open cover also reads as paper out on many models. */
    static const struct {
        unsigned flags;
        enum dev_printer_condition condition;
    } order[] = {
        {DEV_STATUS_UNRECOVERABLE_ERROR, DEV_PRINTER_UNRECOVERABLE},
        {DEV_STATUS_COVER_OPEN, DEV_PRINTER_COVER_OPEN},
        {DEV_STATUS_PAPER_OUT | DEV_STATUS_STOPPED_AT_PAPER_END, DEV_PRINTER_PAPER_OUT},
        {DEV_STATUS_AUTOCUTTER_ERROR, DEV_PRINTER_CUTTER_ERROR},
        {DEV_STATUS_AUTO_RECOVERABLE_ERROR, DEV_PRINTER_RECOVERING},
        {DEV_STATUS_OFFLINE | DEV_STATUS_ERROR, DEV_PRINTER_OFFLINE},
        {DEV_STATUS_PAPER_NEAR_END, DEV_PRINTER_PAPER_NEAR_END},
    };
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (status->flags & order[i].flags)
            return order[i].condition;
    return DEV_PRINTER_READY;
}

const char *dev_printer_condition_strerror(enum dev_printer_condition condition)
{
    switch (condition) {
    case DEV_PRINTER_READY:
        return "ready";
    case DEV_PRINTER_PAPER_NEAR_END:
        return "paper roll nearly empty";
    case DEV_PRINTER_UNRECOVERABLE:
        return "printer failure, needs service";
    case DEV_PRINTER_COVER_OPEN:
        return "printer cover open";
    case DEV_PRINTER_PAPER_OUT:
        return "out of paper";
    case DEV_PRINTER_CUTTER_ERROR:
        return "paper cutter jammed";
    case DEV_PRINTER_RECOVERING:
        return "printer recovering (head too hot)";
    case DEV_PRINTER_OFFLINE:
        return "printer offline";
    }
    return "unknown printer condition";
}
