/*
 * sim://[?width=DOTS&packet=BYTES&fault=SPEC&fault=SPEC...]: the simulated
 * printer of devices/sim/printer_sim.h inside this process. The simulator
 * is the device: it lives as long as the dev_printer, so paper, scripted
 * faults and the jobs it printed survive reconnections. Fault specs are the
 * simulator program's ("rows=300:paper-out", "cover-open", "mute"). packet
 * caps the bytes one read returns (1..4096; default all that are waiting),
 * as a USB printer gives one answer per bulk IN packet.
 *
 * Reads never wait: the simulator answers while it is fed, so an answer
 * that is not there now never comes (a mute printer times out at once).
 */
#include <stdlib.h>
#include <string.h>

#include "devices/printer/transport.h"
#include "devices/sim/printer_sim.h"

#define OPTION_MAX 64       /* bytes of one name=value */
#define SIM_PACKET_MAX 4096 /* the most bytes one read returns */

struct sim_options {
    dev_printer_sim_config config;
    uint32_t packet; /* bytes per read */
    dev_sim_fault faults[DEV_SIM_MAX_FAULTS];
    size_t n_faults;
};

/* Digits only, min..max (both below 10000). */
static bool parse_number(const char *text, size_t len, uint32_t min, uint32_t max, uint32_t *out)
{
    uint32_t value = 0;
    if (len == 0 || len > 4)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (uint32_t)(text[i] - '0');
    }
    if (value < min || value > max)
        return false;
    *out = value;
    return true;
}

/* One name=value of the query (not NUL-terminated). */
static bool parse_option(const char *opt, size_t len, struct sim_options *out)
{
    char text[OPTION_MAX + 1];
    if (len > OPTION_MAX)
        return false;
    memcpy(text, opt, len);
    text[len] = '\0';
    if (strncmp(text, "width=", 6) == 0)
        return parse_number(text + 6, len - 6, 8, DEV_RASTER_MAX_WIDTH,
                            &out->config.paper_width_dots);
    if (strncmp(text, "packet=", 7) == 0)
        return parse_number(text + 7, len - 7, 1, SIM_PACKET_MAX, &out->packet);
    if (strncmp(text, "fault=", 6) == 0) {
        if (out->n_faults == DEV_SIM_MAX_FAULTS)
            return false;
        return dev_sim_fault_parse(text + 6, &out->faults[out->n_faults++]);
    }
    return false;
}

static bool parse_target(const char *target, struct sim_options *out)
{
    memset(out, 0, sizeof *out);
    dev_printer_sim_config_default(&out->config);
    out->packet = SIM_PACKET_MAX;
    size_t len = strnlen(target, DEV_PRINTER_URI_MAX + 1);
    if (len > DEV_PRINTER_URI_MAX)
        return false;
    if (len == 0)
        return true;
    if (target[0] != '?' || len == 1)
        return false;
    for (const char *p = target + 1; p <= target + len;) {
        const char *amp = memchr(p, '&', (size_t)(target + len - p));
        size_t n = amp ? (size_t)(amp - p) : (size_t)(target + len - p);
        if (!parse_option(p, n, out))
            return false;
        p += n + 1;
    }
    return true;
}

static enum dev_printer_error sim_check(const char *target)
{
    struct sim_options opt;
    return parse_target(target, &opt) ? DEV_PRINTER_OK : DEV_PRINTER_ERR_BAD_URI;
}

/* The device: the simulator and how it hands its answers over. */
struct sim_device {
    dev_printer_sim *sim; /* owned */
    uint32_t packet;
};

static void sim_device_free(void *device)
{
    struct sim_device *d = device;
    if (!d)
        return;
    dev_printer_sim_free(d->sim);
    free(d);
}

static void *sim_device_new(const char *target)
{
    struct sim_options opt;
    if (!parse_target(target, &opt))
        return NULL;
    struct sim_device *d = calloc(1, sizeof *d);
    if (!d)
        goto error;
    d->packet = opt.packet;
    d->sim = dev_printer_sim_new(&opt.config);
    if (!d->sim)
        goto error;
    for (size_t i = 0; i < opt.n_faults; i++)
        dev_printer_sim_schedule(d->sim, &opt.faults[i]);
    return d;
error:
    sim_device_free(d);
    return NULL;
}

struct dev_printer_sim *dev_transport_sim_of(void *device)
{
    return device ? ((struct sim_device *)device)->sim : NULL;
}

static enum dev_printer_error sim_open(const char *target, void *device, int timeout_ms,
                                       void **state)
{
    (void)target;
    (void)timeout_ms;
    *state = device;
    return device ? DEV_PRINTER_OK : DEV_PRINTER_ERR_NOT_FOUND;
}

static enum dev_printer_error sim_write(void *state, const uint8_t *data, size_t len,
                                        int timeout_ms, size_t *written)
{
    (void)timeout_ms;
    dev_printer_sim_feed(((struct sim_device *)state)->sim, data, len);
    *written = len;
    return DEV_PRINTER_OK;
}

static enum dev_printer_error sim_read(void *state, uint8_t *buf, size_t cap, int timeout_ms,
                                       size_t *got)
{
    (void)timeout_ms;
    struct sim_device *d = state;
    *got = dev_printer_sim_read(d->sim, buf, cap < d->packet ? cap : d->packet);
    return *got ? DEV_PRINTER_OK : DEV_PRINTER_ERR_TIMEOUT;
}

static void sim_discard_input(void *state)
{
    uint8_t junk[256];
    while (dev_printer_sim_read(((struct sim_device *)state)->sim, junk, sizeof junk) > 0) {
    }
}

/* The host hangs up; the simulated printer stays. */
static void sim_close(void *state)
{
    if (state)
        dev_printer_sim_disconnect(((struct sim_device *)state)->sim);
}

const dev_transport_class dev_transport_sim = {
    .scheme = "sim",
    .check = sim_check,
    .device_new = sim_device_new,
    .device_free = sim_device_free,
    .open = sim_open,
    .write = sim_write,
    .read = sim_read,
    .discard_input = sim_discard_input,
    .close = sim_close,
};
