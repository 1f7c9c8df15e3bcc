/*
 * The ESC/POS printer simulator (devices/sim/printer_sim.c): jobs built by
 * the real builder go through a socketpair, as through a TCP or USB link,
 * and must come back dot for dot; status answers follow each scripted
 * fault; hostile headers and garbage cost no memory and do not derail it.
 */
#include "devices/printer/escpos.h"
#include "devices/printer/escpos_status.h"
#include "devices/sim/printer_sim.h"
#include "tests/support/check.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

/* A simulator at one end of a socketpair, the test as the host at the other. */
struct link {
    dev_printer_sim *sim;
    int host, printer;
};

static bool link_open(struct link *l, const dev_printer_sim_config *config)
{
    int fds[2];
    l->sim = dev_printer_sim_new(config);
    if (!l->sim || socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0)
        return false;
    l->host = fds[0];
    l->printer = fds[1];
    return fcntl(l->host, F_SETFL, O_NONBLOCK) == 0 && fcntl(l->printer, F_SETFL, O_NONBLOCK) == 0;
}

static void link_close(struct link *l)
{
    dev_printer_sim_free(l->sim);
    close(l->host);
    close(l->printer);
}

/* Lets the simulator read everything waiting on its end. */
static void link_pump(struct link *l)
{
    struct pollfd p = {.fd = l->printer, .events = POLLIN};
    while (poll(&p, 1, 0) > 0 && (p.revents & POLLIN))
        if (!dev_printer_sim_serve_fd(l->sim, l->printer))
            break;
}

/* Sends bytes in pieces of `piece`, letting the simulator keep up. */
static bool link_send(struct link *l, const uint8_t *data, size_t len, size_t piece)
{
    for (size_t off = 0; off < len;) {
        size_t n = len - off < piece ? len - off : piece;
        ssize_t w = write(l->host, data + off, n);
        if (w < 0 && errno != EAGAIN)
            return false;
        off += w > 0 ? (size_t)w : 0;
        link_pump(l);
    }
    return true;
}

/* Everything the printer has answered so far. */
static size_t link_receive(struct link *l, uint8_t *rx, size_t cap)
{
    ssize_t n = read(l->host, rx, cap);
    return n > 0 ? (size_t)n : 0;
}

/* DLE EOT 1..4 and the parsed answers; false when fewer than four came. */
static bool link_status(struct link *l, dev_printer_status *st)
{
    dev_buffer req;
    dev_buffer_init(&req, 16);
    for (int n = 1; n <= 4; n++)
        dev_escpos_append_status_request(&req, (enum dev_escpos_query)n);
    bool sent = link_send(l, req.data, req.len, req.len);
    dev_buffer_free(&req);
    uint8_t rx[64];
    size_t got = link_receive(l, rx, sizeof rx);
    return sent && dev_escpos_status_parse(rx, got, st);
}

/* A reproducible noisy raster (LCG), so every byte value occurs in the image data. */
static dev_raster *noise_raster(uint32_t width, uint32_t height, uint32_t seed)
{
    dev_raster *r = dev_raster_new(width, height);
    for (size_t i = 0; r && i < (size_t)height * r->stride; i++) {
        seed = seed * 1103515245u + 12345u;
        r->bits[i] = (uint8_t)(seed >> 16);
    }
    return r;
}

static bool build(dev_buffer *out, const char *profile, const dev_raster *r)
{
    dev_buffer_init(out, 64u << 20);
    return dev_escpos_build_job(out, dev_printer_profile_find(profile), r) == DEV_ESCPOS_OK;
}

static void check_round_trip(const char *profile, uint32_t width, uint32_t height, size_t piece,
                             uint32_t expect_width)
{
    struct link l;
    CHECK(link_open(&l, NULL));
    dev_raster *in = noise_raster(width, height, width * 7 + height);
    dev_buffer job;
    CHECK(build(&job, profile, in));
    CHECK(link_send(&l, job.data, job.len, piece));

    dev_sim_job *got = dev_printer_sim_take_job(l.sim);
    CHECK(got);
    CHECK_EQ_INT(got->number, 1);
    CHECK_EQ_INT(got->cut, DEV_SIM_CUT_PARTIAL);
    CHECK_EQ_INT(got->rows_lost, 0);
    CHECK(got->raster);
    CHECK_EQ_INT(got->raster->width, expect_width);
    CHECK_EQ_INT(got->raster->height, height);
    /* GS v 0 pads rows to whole bytes: the dots past the input's width come back white. */
    for (uint32_t y = 0; y < height; y++)
        for (uint32_t x = width; x < expect_width; x++)
            CHECK(!dev_raster_get(got->raster, x, y));
    got->raster->width = width;
    CHECK(dev_raster_equal(in, got->raster));
    /* The job's bytes are exactly what the builder made, and nothing looked odd. */
    CHECK_EQ_INT(got->bytes.len, job.len);
    CHECK(memcmp(got->bytes.data, job.data, job.len) == 0);
    CHECK_EQ_INT(got->anomalies, 0);
    CHECK(dev_printer_sim_take_job(l.sim) == NULL);

    dev_printer_status st;
    CHECK(link_status(&l, &st));
    CHECK_EQ_INT(dev_printer_status_condition(&st), DEV_PRINTER_READY);
    dev_sim_job_free(got);
    dev_buffer_free(&job);
    dev_raster_free(in);
    link_close(&l);
}

static void test_round_trip_generic_80mm(void)
{
    check_round_trip("generic-80mm-203dpi", 576, 1000, 4096, 576);
}

static void test_round_trip_tm_t88v_gs_l(void)
{
    check_round_trip("epson-tm-t88v", 512, 700, 65536, 512);
}

static void test_round_trip_58mm_byte_by_byte(void)
{
    check_round_trip("generic-58mm", 384, 60, 1, 384);
}

static void test_round_trip_odd_width_gs_v0_pads(void)
{
    /* 570 dots go as 72 bytes: the printer sees 576 dots, the last 6 white. */
    check_round_trip("generic-80mm-203dpi", 570, 130, 999, 576);
}

static void test_round_trip_odd_width_gs_l_exact(void)
{
    /* GS ( L carries the width in dots, so 501 comes back as 501. */
    check_round_trip("epson-tm-t88v", 501, 129, 4096, 501);
}

static void test_tm_t88v_disables_dle_dc4(void)
{
    dev_printer_sim *sim = dev_printer_sim_new(NULL);
    dev_raster *in = noise_raster(64, 4, 1);
    static const char *const names[] = {"epson-tm-t88v", "generic-80mm-203dpi"};
    for (int i = 0; i < 2; i++) {
        dev_buffer job;
        CHECK(build(&job, names[i], in));
        dev_printer_sim_feed(sim, job.data, job.len);
        dev_buffer_free(&job);
        dev_sim_job *got = dev_printer_sim_take_job(sim);
        CHECK(got);
        CHECK_EQ_INT(got->dle_dc4_disabled, i == 0);
        dev_sim_job_free(got);
    }
    dev_raster_free(in);
    dev_printer_sim_free(sim);
}

struct fault_case {
    const char *fault;
    uint8_t answers[4];
    enum dev_printer_condition condition;
};

/* Answers written from the bit tables: 0x12 fixed, +0x08 offline (n=1) ... */
static const struct fault_case fault_cases[] = {
    {"paper-ok", {0x12, 0x12, 0x12, 0x12}, DEV_PRINTER_READY},
    {"paper-near-end", {0x12, 0x12, 0x12, 0x1E}, DEV_PRINTER_PAPER_NEAR_END},
    {"paper-out", {0x1A, 0x32, 0x12, 0x7E}, DEV_PRINTER_PAPER_OUT},
    {"cover-open", {0x1A, 0x16, 0x12, 0x12}, DEV_PRINTER_COVER_OPEN},
    {"offline", {0x1A, 0x12, 0x12, 0x12}, DEV_PRINTER_OFFLINE},
    {"cutter-jam", {0x1A, 0x52, 0x1A, 0x12}, DEV_PRINTER_CUTTER_ERROR},
    {"head-hot", {0x1A, 0x52, 0x52, 0x12}, DEV_PRINTER_RECOVERING},
    {"failure", {0x1A, 0x52, 0x32, 0x12}, DEV_PRINTER_UNRECOVERABLE},
};

static void test_status_for_each_fault(void)
{
    for (size_t i = 0; i < CHECK_COUNT(fault_cases); i++) {
        const struct fault_case *c = &fault_cases[i];
        struct link l;
        dev_sim_fault fault;
        CHECK(link_open(&l, NULL));
        CHECK(dev_sim_fault_parse(c->fault, &fault));
        CHECK(dev_printer_sim_schedule(l.sim, &fault));
        dev_printer_status st;
        bool ok = link_status(&l, &st);
        link_close(&l);
        if (!ok || memcmp(st.answers, c->answers, 4) != 0 ||
            dev_printer_status_condition(&st) != c->condition) {
            check_fail(__FILE__, __LINE__, "%s: got %02x %02x %02x %02x", c->fault, st.answers[0],
                       st.answers[1], st.answers[2], st.answers[3]);
            return;
        }
    }
}

static void test_mute_stops_answers(void)
{
    struct link l;
    CHECK(link_open(&l, NULL));
    dev_sim_fault fault;
    /* The first poll (12 bytes) is answered; from byte 12 on the printer is silent. */
    CHECK(dev_sim_fault_parse("bytes=12:mute", &fault));
    CHECK(dev_printer_sim_schedule(l.sim, &fault));
    dev_printer_status st;
    CHECK(link_status(&l, &st));
    CHECK(!link_status(&l, &st));
    dev_printer_sim_apply(l.sim, DEV_SIM_UNMUTE);
    CHECK(link_status(&l, &st));
    link_close(&l);
}

static void test_paper_runs_out_after_rows(void)
{
    struct link l;
    CHECK(link_open(&l, NULL));
    dev_sim_fault fault;
    CHECK(dev_sim_fault_parse("rows=100:paper-out", &fault));
    CHECK(dev_printer_sim_schedule(l.sim, &fault));
    dev_raster *in = noise_raster(576, 300, 5);
    dev_buffer job;
    CHECK(build(&job, "generic-80mm-203dpi", in));
    CHECK(link_send(&l, job.data, job.len, 8192));
    dev_sim_job *got = dev_printer_sim_take_job(l.sim);
    CHECK(got);
    CHECK_EQ_INT(got->raster->height, 100);
    CHECK_EQ_INT(got->rows_lost, 200);
    CHECK_EQ_INT(got->cut, DEV_SIM_CUT_NONE); /* no paper, no cut */
    /* The 100 rows that printed are the first 100 of the input. */
    in->height = 100;
    CHECK(dev_raster_equal(in, got->raster));
    dev_printer_status st;
    CHECK(link_status(&l, &st));
    CHECK_EQ_INT(dev_printer_status_condition(&st), DEV_PRINTER_PAPER_OUT);
    dev_sim_job_free(got);
    dev_buffer_free(&job);
    dev_raster_free(in);
    link_close(&l);
}

static void test_cover_opens_after_first_job(void)
{
    struct link l;
    CHECK(link_open(&l, NULL));
    dev_sim_fault fault;
    CHECK(dev_sim_fault_parse("jobs=1:cover-open", &fault));
    CHECK(dev_printer_sim_schedule(l.sim, &fault));
    dev_raster *in = noise_raster(384, 50, 9);
    dev_buffer job;
    CHECK(build(&job, "generic-58mm", in));
    CHECK(link_send(&l, job.data, job.len, 4096));
    CHECK(link_send(&l, job.data, job.len, 4096));
    dev_sim_job *first = dev_printer_sim_take_job(l.sim);
    dev_sim_job *second = dev_printer_sim_take_job(l.sim);
    CHECK(first && second);
    CHECK_EQ_INT(first->rows_lost, 0);
    CHECK_EQ_INT(first->feed_lines, 4);
    CHECK_EQ_INT(second->number, 2);
    CHECK(second->raster == NULL);
    CHECK_EQ_INT(second->rows_lost, 50);
    CHECK_EQ_INT(second->feed_lines, 0);
    dev_printer_status st;
    CHECK(link_status(&l, &st));
    CHECK_EQ_INT(dev_printer_status_condition(&st), DEV_PRINTER_COVER_OPEN);
    dev_sim_job_free(first);
    dev_sim_job_free(second);
    dev_buffer_free(&job);
    dev_raster_free(in);
    link_close(&l);
}

static void test_dle_enq_clears_cutter_jam(void)
{
    dev_printer_sim *sim = dev_printer_sim_new(NULL);
    dev_printer_sim_apply(sim, DEV_SIM_CUTTER_JAM);
    static const uint8_t poll1[] = {0x10, 0x04, 3, 0x10, 0x05, 2, 0x10, 0x04, 3};
    dev_printer_sim_feed(sim, poll1, sizeof poll1);
    uint8_t rx[8];
    CHECK_EQ_INT(dev_printer_sim_read(sim, rx, sizeof rx), 2);
    CHECK_EQ_INT(rx[0], 0x1A); /* n=3: autocutter error */
    CHECK_EQ_INT(rx[1], 0x12);
    dev_printer_sim_free(sim);
}

static void test_status_inside_image_data(void)
{
    /* One image row holding 10 04 01: a real printer answers it; the host's
     * parser must still read the right four answers after its own poll. */
    /* clang-format off */
    static const uint8_t stream[] = {
        0x1B, 0x40, 0x1D, 0x76, 0x30, 0x00, 0x03, 0x00, 0x01, 0x00, 0x10, 0x04, 0x01,
        0x1D, 0x56, 0x00,
    };
    /* clang-format on */
    for (int realtime = 1; realtime >= 0; realtime--) {
        dev_printer_sim_config config;
        dev_printer_sim_config_default(&config);
        config.realtime_in_data = realtime;
        dev_printer_sim *sim = dev_printer_sim_new(&config);
        dev_printer_sim_feed(sim, stream, sizeof stream);
        uint8_t rx[16];
        CHECK_EQ_INT(dev_printer_sim_read(sim, rx, sizeof rx), realtime ? 1 : 0);
        dev_sim_job *job = dev_printer_sim_take_job(sim);
        CHECK(job && job->raster);
        CHECK_EQ_INT(job->raster->bits[0], 0x10);
        CHECK_EQ_INT(job->raster->bits[2], 0x01);
        CHECK_EQ_INT(job->cut, DEV_SIM_CUT_FULL);
        dev_sim_job_free(job);
        /* As a command, DLE EOT is answered either way. */
        static const uint8_t poll4[] = {0x10, 0x04, 0x04};
        dev_printer_sim_feed(sim, poll4, sizeof poll4);
        CHECK_EQ_INT(dev_printer_sim_read(sim, rx, sizeof rx), 1);
        CHECK_EQ_INT(rx[0], 0x12);
        dev_printer_sim_free(sim);
    }
}

static void test_hostile_raster_header_costs_no_memory(void)
{
    /* GS v 0 announcing 65535 bytes x 65535 rows (4 GiB), then 70000 bytes:
     * one row (65535 bytes) arrives, clipped to 576 dots. */
    dev_printer_sim_config config;
    dev_printer_sim_config_default(&config);
    dev_printer_sim *sim = dev_printer_sim_new(&config);
    static const uint8_t head[] = {0x1B, 0x40, 0x1D, 0x76, 0x30, 0x00, 0xFF, 0xFF, 0xFF, 0xFF};
    dev_printer_sim_feed(sim, head, sizeof head);
    uint8_t *data = calloc(70000, 1);
    memset(data, 0xFF, 70000);
    dev_printer_sim_feed(sim, data, 70000);
    free(data);
    dev_printer_sim_disconnect(sim);
    dev_sim_job *job = dev_printer_sim_take_job(sim);
    CHECK(job && job->raster);
    CHECK_EQ_INT(job->raster->height, 1);
    CHECK_EQ_INT(job->raster->width, 576);
    CHECK(job->raster->cap_rows < 1024);
    CHECK(job->anomalies & DEV_SIM_CLIPPED);
    CHECK_EQ_INT(job->cut, DEV_SIM_CUT_NONE);
    dev_sim_job_free(job);

    /* GS 8 L with a 4 GiB length is skipped by counting; the next job is fine. */
    static const uint8_t gs8l[] = {0x1B, 0x40, 0x1D, 0x38, 0x4C, 0xFF,
                                   0xFF, 0xFF, 0xFF, 0x30, 0x70};
    dev_printer_sim_feed(sim, gs8l, sizeof gs8l);
    dev_printer_sim_disconnect(sim);
    job = dev_printer_sim_take_job(sim);
    CHECK(job && !job->raster);
    dev_sim_job_free(job);
    dev_printer_sim_free(sim);
}

static void test_row_limit(void)
{
    dev_printer_sim_config config;
    dev_printer_sim_config_default(&config);
    config.max_job_rows = 50;
    dev_printer_sim *sim = dev_printer_sim_new(&config);
    dev_raster *in = noise_raster(576, 130, 3);
    dev_buffer job;
    CHECK(build(&job, "generic-80mm-203dpi", in));
    dev_printer_sim_feed(sim, job.data, job.len);
    dev_sim_job *got = dev_printer_sim_take_job(sim);
    CHECK(got);
    CHECK_EQ_INT(got->raster->height, 50);
    CHECK_EQ_INT(got->rows_lost, 80);
    CHECK(got->anomalies & DEV_SIM_ROW_LIMIT);
    CHECK_EQ_INT(got->cut, DEV_SIM_CUT_PARTIAL);
    dev_sim_job_free(got);
    dev_buffer_free(&job);

    /* The cap holds for an image stored with GS ( L too. Bands of 128 + 2 rows:
     * band 1 stores 50 rows and loses 78, prints the 50; band 2 stores 2 rows
     * that the job, full at 50, loses: 50 kept, 78 + 2 = 80 lost. */
    dev_raster *narrow = noise_raster(512, 130, 6);
    CHECK(build(&job, "epson-tm-t88v", narrow));
    dev_printer_sim_feed(sim, job.data, job.len);
    got = dev_printer_sim_take_job(sim);
    CHECK(got);
    CHECK_EQ_INT(got->raster->height, 50);
    CHECK_EQ_INT(got->rows_lost, 80);
    CHECK(got->anomalies & DEV_SIM_ROW_LIMIT);
    narrow->height = 50;
    CHECK(dev_raster_equal(narrow, got->raster));
    dev_sim_job_free(got);
    dev_buffer_free(&job);
    dev_raster_free(narrow);
    dev_raster_free(in);
    dev_printer_sim_free(sim);
}

static void test_limits_on_bytes_and_pending_jobs(void)
{
    dev_printer_sim_config config;
    dev_printer_sim_config_default(&config);
    config.max_job_bytes = 100;
    config.max_pending_jobs = 2;
    dev_printer_sim *sim = dev_printer_sim_new(&config);
    dev_raster *in = noise_raster(576, 4, 3);
    dev_buffer job;
    CHECK(build(&job, "generic-80mm-203dpi", in));
    for (int i = 0; i < 3; i++)
        dev_printer_sim_feed(sim, job.data, job.len);
    dev_sim_job *a = dev_printer_sim_take_job(sim);
    dev_sim_job *b = dev_printer_sim_take_job(sim);
    CHECK(a && b);
    CHECK(dev_printer_sim_take_job(sim) == NULL); /* the third was dropped */
    CHECK_EQ_INT(a->number, 1);
    CHECK_EQ_INT(b->number, 2);
    CHECK_EQ_INT(a->bytes.len, 100);
    CHECK(a->anomalies & DEV_SIM_BYTES_TRUNCATED);
    /* The raster does not depend on the raw-byte cap. */
    CHECK(dev_raster_equal(in, a->raster));
    dev_sim_job_free(a);
    dev_sim_job_free(b);
    dev_buffer_free(&job);
    dev_raster_free(in);
    dev_printer_sim_free(sim);
}

static void test_status_polls_stay_out_of_jobs(void)
{
    dev_printer_sim *sim = dev_printer_sim_new(NULL);
    static const uint8_t polls[] = {0x10, 0x04, 1, 0x00, 0x10, 0x04, 4};
    dev_raster *in = noise_raster(8, 2, 1);
    dev_buffer job;
    CHECK(build(&job, "generic-80mm-203dpi", in));
    dev_printer_sim_feed(sim, polls, sizeof polls);
    dev_printer_sim_feed(sim, job.data, job.len);
    dev_printer_sim_feed(sim, polls, sizeof polls);
    dev_printer_sim_disconnect(sim); /* only polls since the cut: no second job */
    dev_sim_job *got = dev_printer_sim_take_job(sim);
    CHECK(got);
    CHECK_EQ_INT(got->bytes.len, job.len);
    CHECK(memcmp(got->bytes.data, job.data, job.len) == 0);
    CHECK(dev_printer_sim_take_job(sim) == NULL);
    uint8_t rx[8];
    CHECK_EQ_INT(dev_printer_sim_read(sim, rx, sizeof rx), 4);
    dev_sim_job_free(got);
    dev_buffer_free(&job);
    dev_raster_free(in);
    dev_printer_sim_free(sim);
}

static void test_garbage_then_a_clean_job(void)
{
    dev_printer_sim *sim = dev_printer_sim_new(NULL);
    /* Text, an unknown ESC, an unknown GS, LF, a GS ( k QR store, ESC a 1, a full cut. */
    /* clang-format off */
    static const uint8_t garbage[] = {
        'H', 'i', 0x1B, 0x07, 0x1D, 0xF0, 0x0A,
        0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x50, 0x30, 'Q',
        0x1B, 0x61, 0x01, 0x1D, 0x56, 0x30,
    };
    /* clang-format on */
    dev_printer_sim_feed(sim, garbage, sizeof garbage);
    dev_sim_job *got = dev_printer_sim_take_job(sim);
    CHECK(got);
    CHECK_EQ_INT(got->text_bytes, 2 + 1); /* "Hi" and 0xF0 read again as text */
    CHECK_EQ_INT(got->feed_lines, 1);
    CHECK_EQ_INT(got->cut, DEV_SIM_CUT_FULL);
    CHECK_EQ_INT(got->anomalies, DEV_SIM_TEXT | DEV_SIM_UNKNOWN_COMMAND | DEV_SIM_UNSUPPORTED);
    dev_sim_job_free(got);

    dev_raster *in = noise_raster(200, 9, 4);
    dev_buffer job;
    CHECK(build(&job, "generic-80mm-203dpi", in));
    dev_printer_sim_feed(sim, job.data, job.len);
    got = dev_printer_sim_take_job(sim);
    CHECK(got && got->raster);
    CHECK_EQ_INT(got->raster->width, 200);
    CHECK(dev_raster_equal(in, got->raster));
    CHECK_EQ_INT(got->number, 2);
    dev_sim_job_free(got);
    dev_buffer_free(&job);
    dev_raster_free(in);
    dev_printer_sim_free(sim);
}

static void test_malformed_graphics(void)
{
    dev_printer_sim *sim = dev_printer_sim_new(NULL);
    /* GS ( L fn 112 whose pL says 12 but 8 x 8 dots need 10 + 8: skipped whole,
     * then fn 50 has nothing to print; GS ( D with an odd pair count. */
    /* clang-format off */
    static const uint8_t stream[] = {
        0x1B, 0x40,
        0x1D, 0x28, 0x4C, 0x0C, 0x00, 0x30, 0x70, 0x30, 1, 1, 0x31, 8, 0, 8, 0, 0xAA, 0xBB,
        0x1D, 0x28, 0x4C, 0x02, 0x00, 0x30, 0x32,
        0x1D, 0x28, 0x44, 0x02, 0x00, 0x14, 0x01,
        0x1D, 0x56, 0x01,
    };
    /* clang-format on */
    dev_printer_sim_feed(sim, stream, sizeof stream);
    dev_sim_job *got = dev_printer_sim_take_job(sim);
    CHECK(got);
    CHECK(got->raster == NULL);
    CHECK_EQ_INT(got->anomalies, DEV_SIM_MALFORMED);
    CHECK_EQ_INT(got->cut, DEV_SIM_CUT_PARTIAL);
    dev_sim_job_free(got);

    /* A good fn 112, then fn 50 with pL = 3: printed, but noted. */
    /* clang-format off */
    static const uint8_t odd_print[] = {
        0x1D, 0x28, 0x4C, 0x0B, 0x00, 0x30, 0x70, 0x30, 1, 1, 0x31, 8, 0, 1, 0, 0xC3,
        0x1D, 0x28, 0x4C, 0x03, 0x00, 0x30, 0x32, 0x00,
        0x1D, 0x56, 0x01,
    };
    /* clang-format on */
    dev_printer_sim_feed(sim, odd_print, sizeof odd_print);
    got = dev_printer_sim_take_job(sim);
    CHECK(got && got->raster);
    CHECK_EQ_INT(got->raster->bits[0], 0xC3);
    CHECK_EQ_INT(got->anomalies, DEV_SIM_MALFORMED);
    dev_sim_job_free(got);
    dev_printer_sim_free(sim);
}

struct command_case {
    const char *name;
    uint8_t stream[24];
    size_t len;
    unsigned anomalies;
    enum dev_sim_cut cut;
    uint32_t feed_lines, feed_dots, text_bytes;
};

/* Each stream starts with ESC @; one without a cut is ended by disconnection. */
/* clang-format off */
static const struct command_case command_cases[] = {
    {"plain ESC and GS commands",
     {0x1B, 0x40, 0x1B, 0x21, 0x00, 0x1B, 0x24, 0x10, 0x00, 0x1B, 0x70, 0x00, 0x19, 0xFA, 0x1B,
      0x32, 0x1D, 0x21, 0x11, 0x1D, 0x4C, 0x00, 0x00, 0x0D},
     24, 0, DEV_SIM_CUT_NONE, 0, 0, 0},
    {"ESC NUL", {0x1B, 0x40, 0x1B, 0x00, 0x1D, 0x56, 0x00}, 7, DEV_SIM_UNKNOWN_COMMAND,
     DEV_SIM_CUT_FULL, 0, 0, 0},
    {"GS v without 0", {0x1B, 0x40, 0x1D, 0x76, 0x31, 0x1D, 0x56, 0x00}, 8,
     DEV_SIM_UNKNOWN_COMMAND | DEV_SIM_TEXT, DEV_SIM_CUT_FULL, 0, 0, 1},
    {"GS ( then LF", {0x1B, 0x40, 0x1D, 0x28, 0x0A, 0x1D, 0x56, 0x00}, 8, DEV_SIM_UNKNOWN_COMMAND,
     DEV_SIM_CUT_FULL, 1, 0, 0},
    {"GS 8 without L", {0x1B, 0x40, 0x1D, 0x38, 0x4B, 0x1D, 0x56, 0x00}, 8,
     DEV_SIM_UNKNOWN_COMMAND | DEV_SIM_TEXT, DEV_SIM_CUT_FULL, 0, 0, 1},
    {"DLE A", {0x1B, 0x40, 0x10, 0x41, 0x1D, 0x56, 0x00}, 7, DEV_SIM_UNKNOWN_COMMAND | DEV_SIM_TEXT,
     DEV_SIM_CUT_FULL, 0, 0, 1},
    {"ESC * mode 5", {0x1B, 0x40, 0x1B, 0x2A, 0x05, 0x01, 0x00, 0x1D, 0x56, 0x00}, 10,
     DEV_SIM_MALFORMED, DEV_SIM_CUT_FULL, 0, 0, 0},
    {"ESC * 24-dot column", {0x1B, 0x40, 0x1B, 0x2A, 0x21, 0x01, 0x00, 0xAA, 0xBB, 0xCC, 0x1D, 0x56,
     0x00}, 13, DEV_SIM_UNSUPPORTED, DEV_SIM_CUT_FULL, 0, 0, 0},
    {"GS V 7", {0x1B, 0x40, 0x1D, 0x56, 0x07, 0x1D, 0x56, 0x00}, 8, DEV_SIM_MALFORMED,
     DEV_SIM_CUT_FULL, 0, 0, 0},
    {"GS V 97 n", {0x1B, 0x40, 0x1D, 0x56, 0x61, 0x00, 0x1D, 0x56, 0x01}, 9, DEV_SIM_UNSUPPORTED,
     DEV_SIM_CUT_PARTIAL, 0, 0, 0},
    {"GS V 65 5", {0x1B, 0x40, 0x1D, 0x56, 0x41, 0x05}, 6, 0, DEV_SIM_CUT_FULL, 0, 5, 0},
    {"ESC d, ESC J, LF", {0x1B, 0x40, 0x1B, 0x64, 0x03, 0x1B, 0x4A, 0x10, 0x0A, 0x1B, 0x6D}, 11, 0,
     DEV_SIM_CUT_PARTIAL, 4, 16, 0},
    {"ESC i", {0x1B, 0x40, 0x1B, 0x69}, 4, 0, DEV_SIM_CUT_PARTIAL, 0, 0, 0},
    {"DLE ENQ 7", {0x1B, 0x40, 0x10, 0x05, 0x07, 0x1D, 0x56, 0x00}, 8, DEV_SIM_MALFORMED,
     DEV_SIM_CUT_FULL, 0, 0, 0},
    {"DLE EOT 7", {0x1B, 0x40, 0x10, 0x04, 0x07, 0x1D, 0x56, 0x00}, 8, DEV_SIM_MALFORMED,
     DEV_SIM_CUT_FULL, 0, 0, 0},
    {"DLE DC4 drawer pulse", {0x1B, 0x40, 0x10, 0x14, 0x01, 0x00, 0x01, 0x1D, 0x56, 0x00}, 10, 0,
     DEV_SIM_CUT_FULL, 0, 0, 0},
    {"GS ( L m 49", {0x1B, 0x40, 0x1D, 0x28, 0x4C, 0x02, 0x00, 0x31, 0x32, 0x1D, 0x56, 0x00}, 12,
     DEV_SIM_MALFORMED, DEV_SIM_CUT_FULL, 0, 0, 0},
    {"GS ( L fn 112 cut short", {0x1B, 0x40, 0x1D, 0x28, 0x4C, 0x05, 0x00, 0x30, 0x70, 0x30, 0x01,
     0x01, 0x1D, 0x56, 0x00}, 15, DEV_SIM_MALFORMED, DEV_SIM_CUT_FULL, 0, 0, 0},
    {"GS ( L fn 69", {0x1B, 0x40, 0x1D, 0x28, 0x4C, 0x02, 0x00, 0x30, 0x45, 0x1D, 0x56, 0x00}, 12,
     DEV_SIM_UNSUPPORTED, DEV_SIM_CUT_FULL, 0, 0, 0},
    {"GS ( L empty", {0x1B, 0x40, 0x1D, 0x28, 0x4C, 0x00, 0x00, 0x1D, 0x56, 0x00}, 10,
     DEV_SIM_MALFORMED, DEV_SIM_CUT_FULL, 0, 0, 0},
    {"GS ( L colour 2", {0x1B, 0x40, 0x1D, 0x28, 0x4C, 0x0B, 0x00, 0x30, 0x70, 0x30, 0x01, 0x01,
     0x32, 0x08, 0x00, 0x01, 0x00, 0xFF, 0x1D, 0x56, 0x00}, 21, DEV_SIM_UNSUPPORTED,
     DEV_SIM_CUT_FULL, 0, 0, 0},
    {"GS ( D fn 3", {0x1B, 0x40, 0x1D, 0x28, 0x44, 0x03, 0x00, 0x14, 0x03, 0x00, 0x1D, 0x56, 0x00},
     13, DEV_SIM_MALFORMED, DEV_SIM_CUT_FULL, 0, 0, 0},
    {"GS ( D m 21", {0x1B, 0x40, 0x1D, 0x28, 0x44, 0x03, 0x00, 0x15, 0x01, 0x00, 0x1D, 0x56, 0x00},
     13, DEV_SIM_MALFORMED, DEV_SIM_CUT_FULL, 0, 0, 0},
    {"GS v 0 of zero rows", {0x1B, 0x40, 0x1D, 0x76, 0x30, 0x00, 0x05, 0x00, 0x00, 0x00, 0x1D, 0x56,
     0x00}, 13, DEV_SIM_MALFORMED, DEV_SIM_CUT_FULL, 0, 0, 0},
    {"GS v 0 double size", {0x1B, 0x40, 0x1D, 0x76, 0x30, 0x03, 0x01, 0x00, 0x01, 0x00, 0xFF, 0x1D,
     0x56, 0x00}, 14, DEV_SIM_UNSUPPORTED, DEV_SIM_CUT_FULL, 0, 0, 0},
};
/* clang-format on */

static void test_every_command_kind(void)
{
    for (size_t i = 0; i < CHECK_COUNT(command_cases); i++) {
        const struct command_case *c = &command_cases[i];
        dev_printer_sim *sim = dev_printer_sim_new(NULL);
        CHECK(sim);
        dev_printer_sim_feed(sim, c->stream, c->len);
        dev_printer_sim_disconnect(sim);
        dev_sim_job *job = dev_printer_sim_take_job(sim);
        bool ok = job && job->anomalies == c->anomalies && job->cut == c->cut &&
                  job->feed_lines == c->feed_lines && job->feed_dots == c->feed_dots &&
                  job->text_bytes == c->text_bytes && !job->raster &&
                  !dev_printer_sim_take_job(sim);
        if (!ok)
            check_fail(__FILE__, __LINE__, "%s: anomalies 0x%x cut %d feed %u/%u text %u", c->name,
                       job ? job->anomalies : 0, job ? (int)job->cut : -1,
                       job ? job->feed_lines : 0, job ? job->feed_dots : 0,
                       job ? job->text_bytes : 0);
        dev_sim_job_free(job);
        dev_printer_sim_free(sim);
        if (!ok)
            return;
    }
}

static void test_faults_clear_again(void)
{
    static const enum dev_sim_event pairs[][2] = {
        {DEV_SIM_COVER_OPEN, DEV_SIM_COVER_CLOSE},  {DEV_SIM_OFFLINE, DEV_SIM_ONLINE},
        {DEV_SIM_CUTTER_JAM, DEV_SIM_CUTTER_CLEAR}, {DEV_SIM_HEAD_HOT, DEV_SIM_HEAD_COOL},
        {DEV_SIM_PAPER_OUT, DEV_SIM_PAPER_OK},
    };
    for (size_t i = 0; i < CHECK_COUNT(pairs); i++) {
        struct link l;
        dev_printer_status st;
        CHECK(link_open(&l, NULL));
        dev_printer_sim_apply(l.sim, pairs[i][0]);
        CHECK(link_status(&l, &st));
        CHECK(st.flags & DEV_STATUS_OFFLINE);
        dev_printer_sim_apply(l.sim, pairs[i][1]);
        CHECK(link_status(&l, &st));
        CHECK_EQ_INT(st.flags, 0);
        link_close(&l);
    }
}

static void test_fault_parse(void)
{
    static const struct {
        const char *text;
        bool ok;
        enum dev_sim_trigger trigger;
        uint64_t count;
        enum dev_sim_event event;
    } cases[] = {
        {"rows=3000:paper-out", true, DEV_SIM_AFTER_ROWS, 3000, DEV_SIM_PAPER_OUT},
        {"jobs=2:cover-open", true, DEV_SIM_AFTER_JOBS, 2, DEV_SIM_COVER_OPEN},
        {"bytes=0:mute", true, DEV_SIM_AFTER_BYTES, 0, DEV_SIM_MUTE},
        {"offline", true, DEV_SIM_AFTER_BYTES, 0, DEV_SIM_OFFLINE},
        {"bytes=18446744073709551615:unmute", true, DEV_SIM_AFTER_BYTES, UINT64_MAX,
         DEV_SIM_UNMUTE},
        {"bytes=18446744073709551616:unmute", false, 0, 0, 0},
        {"rows=-1:paper-out", false, 0, 0, 0},
        {"rows=:paper-out", false, 0, 0, 0},
        {"lines=5:paper-out", false, 0, 0, 0},
        {"rows5:paper-out", false, 0, 0, 0},
        {"rows=5:paper", false, 0, 0, 0},
        {"", false, 0, 0, 0},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        dev_sim_fault f = {0};
        bool ok = dev_sim_fault_parse(cases[i].text, &f);
        if (ok != cases[i].ok || (ok && (f.trigger != cases[i].trigger ||
                                         f.count != cases[i].count || f.event != cases[i].event))) {
            check_fail(__FILE__, __LINE__, "\"%s\"", cases[i].text);
            return;
        }
    }
    CHECK(!dev_sim_fault_parse(NULL, NULL));
}

static void test_serve_fd_end_of_file_and_pending_jobs(void)
{
    struct link l;
    CHECK(link_open(&l, NULL));
    dev_raster *in = noise_raster(64, 3, 2);
    dev_buffer job;
    CHECK(build(&job, "generic-58mm", in));
    CHECK(link_send(&l, job.data, job.len, job.len));
    CHECK(link_send(&l, job.data, 20, 20)); /* a second job, cut off */
    close(l.host);
    CHECK(!dev_printer_sim_serve_fd(l.sim, l.printer));
    dev_printer_sim_disconnect(l.sim);
    l.host = -1;
    /* Two jobs left pending: freeing the simulator frees them (ASan checks). */
    dev_printer_sim_free(l.sim);
    l.sim = NULL;
    close(l.printer);
    dev_buffer_free(&job);
    dev_raster_free(in);
}

static void test_config_limits(void)
{
    dev_printer_sim *sim = dev_printer_sim_new(NULL);
    dev_sim_fault fault = {DEV_SIM_AFTER_JOBS, 1000, DEV_SIM_OFFLINE};
    for (int i = 0; i < DEV_SIM_MAX_FAULTS; i++)
        CHECK(dev_printer_sim_schedule(sim, &fault));
    CHECK(!dev_printer_sim_schedule(sim, &fault));
    dev_printer_sim_free(sim);

    dev_printer_sim_config config;
    dev_printer_sim_config_default(&config);
    CHECK_EQ_INT(config.paper_width_dots, 576);
    config.paper_width_dots = 4;
    CHECK(dev_printer_sim_new(&config) == NULL);
    config.paper_width_dots = DEV_RASTER_MAX_WIDTH + 1;
    CHECK(dev_printer_sim_new(&config) == NULL);
    dev_printer_sim_config_default(&config);
    config.max_job_rows = 0;
    CHECK(dev_printer_sim_new(&config) == NULL);
    dev_printer_sim_free(NULL);
    dev_sim_job_free(NULL);
}

static const struct check_case cases[] = {
    {"round trip generic 80mm", test_round_trip_generic_80mm},
    {"round trip tm-t88v GS ( L", test_round_trip_tm_t88v_gs_l},
    {"round trip 58mm byte by byte", test_round_trip_58mm_byte_by_byte},
    {"round trip odd width GS v 0 pads", test_round_trip_odd_width_gs_v0_pads},
    {"round trip odd width GS ( L exact", test_round_trip_odd_width_gs_l_exact},
    {"tm-t88v disables DLE DC4", test_tm_t88v_disables_dle_dc4},
    {"status for each fault", test_status_for_each_fault},
    {"mute stops answers", test_mute_stops_answers},
    {"paper runs out after rows", test_paper_runs_out_after_rows},
    {"cover opens after first job", test_cover_opens_after_first_job},
    {"DLE ENQ clears cutter jam", test_dle_enq_clears_cutter_jam},
    {"status inside image data", test_status_inside_image_data},
    {"hostile raster header costs no memory", test_hostile_raster_header_costs_no_memory},
    {"row limit", test_row_limit},
    {"limits on bytes and pending jobs", test_limits_on_bytes_and_pending_jobs},
    {"status polls stay out of jobs", test_status_polls_stay_out_of_jobs},
    {"garbage then a clean job", test_garbage_then_a_clean_job},
    {"malformed graphics", test_malformed_graphics},
    {"every command kind", test_every_command_kind},
    {"faults clear again", test_faults_clear_again},
    {"fault parse", test_fault_parse},
    {"serve_fd end of file, pending jobs", test_serve_fd_end_of_file_and_pending_jobs},
    {"config limits", test_config_limits},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
