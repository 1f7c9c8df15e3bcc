/*
 * Fuzz target: arbitrary bytes as the stream a host sends to the ESC/POS
 * printer simulator. The first byte picks the mode:
 *
 *   bit 7 clear: the rest is the stream, fed in pieces of (byte & 63) + 1
 *     bytes, real-time commands in data on or off (bit 6). Nothing may
 *     exceed the configured limits and every answer must be a status byte.
 *   bit 7 set: the rest is a raster (next two bytes: width - 1 in dots,
 *     height - 1 in rows, then the dots) sent through the job builder with
 *     profile (byte & 3) % 3; the simulator must print it back dot for dot.
 */
#include "devices/printer/escpos.h"
#include "devices/printer/escpos_status.h"
#include "devices/sim/printer_sim.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_PAPER_DOTS 384
#define FUZZ_MAX_ROWS 300
#define FUZZ_MAX_BYTES 8192
#define FUZZ_MAX_JOBS 4

static void check_job(dev_sim_job *job)
{
    if (job->bytes.len > FUZZ_MAX_BYTES)
        __builtin_trap();
    if (job->raster && (job->raster->width == 0 || job->raster->width > FUZZ_PAPER_DOTS ||
                        job->raster->height == 0 || job->raster->height > FUZZ_MAX_ROWS))
        __builtin_trap();
    dev_sim_job_free(job);
}

static void drain(dev_printer_sim *sim)
{
    uint8_t answers[DEV_SIM_MAX_OUTPUT + 1];
    size_t n = dev_printer_sim_read(sim, answers, sizeof answers);
    if (n > DEV_SIM_MAX_OUTPUT)
        __builtin_trap();
    for (size_t i = 0; i < n; i++)
        if (!dev_escpos_is_status_byte(answers[i]))
            __builtin_trap();
    dev_sim_job *job;
    while ((job = dev_printer_sim_take_job(sim)))
        check_job(job);
}

static void fuzz_stream(uint8_t mode, const uint8_t *data, size_t size)
{
    dev_printer_sim_config config;
    dev_printer_sim_config_default(&config);
    config.paper_width_dots = FUZZ_PAPER_DOTS;
    config.max_job_rows = FUZZ_MAX_ROWS;
    config.max_job_bytes = FUZZ_MAX_BYTES;
    config.max_pending_jobs = FUZZ_MAX_JOBS;
    config.realtime_in_data = mode & 0x40;
    dev_printer_sim *sim = dev_printer_sim_new(&config);
    if (!sim)
        __builtin_trap();
    size_t piece = (size_t)(mode & 63) + 1;
    for (size_t off = 0; off < size; off += piece) {
        dev_printer_sim_feed(sim, data + off, size - off < piece ? size - off : piece);
        drain(sim);
    }
    dev_printer_sim_disconnect(sim);
    drain(sim);
    dev_printer_sim_free(sim);
}

static void fuzz_round_trip(uint8_t mode, const uint8_t *data, size_t size)
{
    if (size < 2)
        return;
    const dev_printer_profile *profile = dev_printer_profile_at((size_t)(mode & 3) % 3);
    uint32_t width = (uint32_t)data[0] + 1, height = (uint32_t)data[1] % 64 + 1;
    if (width > profile->width_dots)
        width = profile->width_dots;
    dev_raster *in = dev_raster_new(width, height);
    size_t n = (size_t)height * in->stride;
    memcpy(in->bits, data + 2, size - 2 < n ? size - 2 : n);

    dev_buffer job;
    dev_buffer_init(&job, 1 << 20);
    if (dev_escpos_build_job(&job, profile, in) != DEV_ESCPOS_OK)
        __builtin_trap();
    dev_printer_sim_config config;
    dev_printer_sim_config_default(&config);
    config.paper_width_dots = profile->width_dots;
    dev_printer_sim *sim = dev_printer_sim_new(&config);
    dev_printer_sim_feed(sim, job.data, job.len);
    dev_sim_job *out = dev_printer_sim_take_job(sim);
    if (!out || !out->raster || out->anomalies || out->rows_lost || out->bytes.len != job.len)
        __builtin_trap();
    /* GS v 0 rounds the width up to whole bytes of white dots. */
    if (out->raster->width < width || out->raster->width > (width + 7) / 8 * 8)
        __builtin_trap();
    out->raster->width = width;
    if (!dev_raster_equal(in, out->raster))
        __builtin_trap();
    dev_sim_job_free(out);
    dev_printer_sim_free(sim);
    dev_buffer_free(&job);
    dev_raster_free(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] & 0x80)
        fuzz_round_trip(data[0], data + 1, size - 1);
    else
        fuzz_stream(data[0], data + 1, size - 1);
    return 0;
}
