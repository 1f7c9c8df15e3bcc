/*
 * The printer driver (devices/printer/printer.c) and its transports: URIs,
 * the guarantee that a job counts as printed only when the printer took
 * every byte and reported no error after it, each fault's reason, and the
 * same receipt arriving dot for dot at a simulated printer in-process
 * (sim://), over TCP and over a pseudo-terminal (the escpos-printer-sim
 * program, started here on an ephemeral port).
 */
#include "devices/printer/escpos.h"
#include "devices/printer/printer.h"
#include "devices/printer/profile.h"
#include "devices/printer/transport.h"
#include "devices/sim/printer_sim.h"
#include "tests/support/check.h"
#include "ui/png.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- a small job ----------------------------------------------------------- */

/* 576 x rows dots: a frame and a diagonal, so any lost or shifted row shows. */
static dev_raster *test_raster(uint32_t rows)
{
    dev_raster *r = dev_raster_new(576, rows);
    for (uint32_t y = 0; r && y < rows; y++) {
        dev_raster_set(r, 0, y, true);
        dev_raster_set(r, 575, y, true);
        dev_raster_set(r, (y * 3) % 576, y, true);
        if (y % 64 == 0)
            for (uint32_t x = 0; x < 576; x++)
                dev_raster_set(r, x, y, true);
    }
    return r;
}

static bool build_job(const dev_raster *raster, dev_buffer *job)
{
    dev_buffer_init(job, (size_t)16 << 20);
    return dev_escpos_build_job(job, dev_printer_profile_default(), raster) == DEV_ESCPOS_OK;
}

/* ---- URIs ------------------------------------------------------------------ */

static void test_uris(void)
{
    static const struct {
        const char *uri;
        enum dev_printer_error err;
    } table[] = {
        {"tcp://192.168.1.50:9100", DEV_PRINTER_OK},
        {"tcp://printer.local", DEV_PRINTER_OK},
        {"tcp://[::1]:9100/", DEV_PRINTER_OK},
        {"file:///dev/usb/lp0", DEV_PRINTER_OK},
        {"usb://", DEV_PRINTER_OK},
        {"usb://04b8:0202", DEV_PRINTER_OK},
        {"usb://04B8:0E15/", DEV_PRINTER_OK},
        {"sim://", DEV_PRINTER_OK},
        {"sim://?width=384&fault=rows=10:paper-out&fault=cover-open", DEV_PRINTER_OK},
        {"sim://?packet=1", DEV_PRINTER_OK},
        {"sim://?packet=0", DEV_PRINTER_ERR_BAD_URI},
        {"tcp://", DEV_PRINTER_ERR_BAD_URI},
        {"tcp://host:0", DEV_PRINTER_ERR_BAD_URI},
        {"tcp://host:65536", DEV_PRINTER_ERR_BAD_URI},
        {"tcp://host:91x0", DEV_PRINTER_ERR_BAD_URI},
        {"tcp://::1:9100", DEV_PRINTER_ERR_BAD_URI},
        {"tcp://bad host", DEV_PRINTER_ERR_BAD_URI},
        {"file://dev/usb/lp0", DEV_PRINTER_ERR_BAD_URI},
        {"file:///dev/../etc/passwd", DEV_PRINTER_ERR_BAD_URI},
        {"usb://4b8:202", DEV_PRINTER_ERR_BAD_URI},
        {"usb://04b8:02g2", DEV_PRINTER_ERR_BAD_URI},
        {"sim://?width=7", DEV_PRINTER_ERR_BAD_URI},
        {"sim://?fault=rows=1:explode", DEV_PRINTER_ERR_BAD_URI},
        {"sim://?colour=red", DEV_PRINTER_ERR_BAD_URI},
        {"lpt://1", DEV_PRINTER_ERR_BAD_URI},
        {"9100", DEV_PRINTER_ERR_BAD_URI},
        {"", DEV_PRINTER_ERR_BAD_URI},
    };
    for (size_t i = 0; i < CHECK_COUNT(table); i++) {
        enum dev_printer_error err = DEV_PRINTER_ERR_IO;
        dev_printer *p = dev_printer_new(table[i].uri, NULL, &err);
        if (err != table[i].err)
            fprintf(stderr, "  %s\n", table[i].uri);
        CHECK_EQ_INT(err, table[i].err);
        CHECK((p != NULL) == (table[i].err == DEV_PRINTER_OK));
        if (p)
            CHECK_EQ_STR(dev_printer_uri(p), table[i].uri);
        dev_printer_free(p);
    }
    CHECK(dev_printer_new(NULL, NULL, NULL) == NULL);
}

/* ---- in-process simulator ---------------------------------------------------- */

struct sim_print {
    enum dev_printer_error err;
    dev_print_report report;
    dev_sim_job *job; /* the simulator's job, or NULL */
};

/* Prints raster's job on printer p and takes what the simulator made of it. */
static struct sim_print print_on(dev_printer *p, const dev_raster *raster)
{
    struct sim_print out = {.err = DEV_PRINTER_ERR_IO};
    dev_buffer job;
    if (build_job(raster, &job)) {
        out.err = dev_printer_print(p, job.data, job.len, &out.report);
        out.job = dev_printer_sim_take_job(dev_printer_sim_of(p));
    }
    dev_buffer_free(&job);
    return out;
}

static void test_sim_prints_bit_for_bit(void)
{
    dev_printer *p = dev_printer_new("sim://", NULL, NULL);
    dev_raster *raster = test_raster(700);
    CHECK(p && raster);
    dev_buffer job;
    CHECK(build_job(raster, &job));
    struct sim_print r = print_on(p, raster);
    CHECK_EQ_INT(r.err, DEV_PRINTER_OK);
    CHECK_EQ_INT(r.report.bytes_written, job.len);
    CHECK(r.report.have_before && r.report.have_after);
    CHECK(r.report.first_byte_ns > 0);
    CHECK_EQ_INT(dev_printer_status_condition(&r.report.after), DEV_PRINTER_READY);
    CHECK(r.job);
    CHECK(dev_raster_equal(r.job->raster, raster));
    CHECK_EQ_INT(r.job->cut, DEV_SIM_CUT_PARTIAL);
    CHECK_EQ_INT(r.job->rows_lost, 0);
    /* What the printer received is exactly the job: status requests are not part of it. */
    CHECK_EQ_INT(r.job->bytes.len, job.len);
    CHECK(memcmp(r.job->bytes.data, job.data, job.len) == 0);
    dev_buffer_free(&job);
    dev_sim_job_free(r.job);
    dev_raster_free(raster);
    dev_printer_free(p);
}

/* A fault scheduled through the URI gives err, and the job is not printed. */
static void check_fault(const char *uri, enum dev_printer_error want, bool sent)
{
    dev_printer *p = dev_printer_new(uri, NULL, NULL);
    dev_raster *raster = test_raster(300);
    CHECK(p && raster);
    struct sim_print r = print_on(p, raster);
    if (r.err != want)
        fprintf(stderr, "  %s: %s\n", uri, dev_printer_strerror(r.err));
    CHECK_EQ_INT(r.err, want);
    /* Refused before sending: not a byte went out; failed after: it all went out. */
    CHECK_EQ_INT(r.report.bytes_written > 0, sent);
    CHECK_EQ_INT(r.job != NULL, sent);
    dev_sim_job_free(r.job);
    dev_raster_free(raster);
    dev_printer_free(p);
}

static void test_faults(void)
{
    check_fault("sim://?fault=rows=100:paper-out", DEV_PRINTER_ERR_PAPER_OUT, true);
    check_fault("sim://?fault=paper-out", DEV_PRINTER_ERR_PAPER_OUT, false);
    check_fault("sim://?fault=cover-open", DEV_PRINTER_ERR_COVER_OPEN, false);
    check_fault("sim://?fault=rows=10:cover-open", DEV_PRINTER_ERR_COVER_OPEN, true);
    check_fault("sim://?fault=offline", DEV_PRINTER_ERR_OFFLINE, false);
    check_fault("sim://?fault=cutter-jam", DEV_PRINTER_ERR_CUTTER, false);
    check_fault("sim://?fault=head-hot", DEV_PRINTER_ERR_RECOVERING, false);
    check_fault("sim://?fault=rows=200:failure", DEV_PRINTER_ERR_FAILURE, true);
    check_fault("sim://?fault=mute", DEV_PRINTER_ERR_NO_ANSWER, false);
    /* Mute after the job's first bytes: everything was sent, nobody confirmed it. */
    check_fault("sim://?fault=bytes=100:mute", DEV_PRINTER_ERR_NO_ANSWER, true);
}

static void test_paper_out_mid_job_then_reprint(void)
{
    dev_printer *p = dev_printer_new("sim://?fault=rows=100:paper-out", NULL, NULL);
    dev_raster *raster = test_raster(300);
    CHECK(p && raster);
    struct sim_print first = print_on(p, raster);
    CHECK_EQ_INT(first.err, DEV_PRINTER_ERR_PAPER_OUT);
    CHECK(first.job);
    /* Rows 0..99 printed; 200 were lost, and the printer could not cut. */
    CHECK_EQ_INT(first.job->raster->height, 100);
    CHECK_EQ_INT(first.job->rows_lost, 200);
    CHECK_EQ_INT(first.job->cut, DEV_SIM_CUT_NONE);
    CHECK(first.report.have_after);
    CHECK(first.report.after.flags & DEV_STATUS_PAPER_OUT);
    dev_sim_job_free(first.job);

    /* Staff load paper; the same job prints whole. */
    dev_printer_sim_apply(dev_printer_sim_of(p), DEV_SIM_PAPER_OK);
    struct sim_print again = print_on(p, raster);
    CHECK_EQ_INT(again.err, DEV_PRINTER_OK);
    CHECK(again.job && dev_raster_equal(again.job->raster, raster));
    dev_sim_job_free(again.job);
    dev_raster_free(raster);
    dev_printer_free(p);
}

static void test_paper_near_end_still_prints(void)
{
    dev_printer *p = dev_printer_new("sim://?fault=paper-near-end", NULL, NULL);
    dev_raster *raster = test_raster(50);
    CHECK(p && raster);
    struct sim_print r = print_on(p, raster);
    CHECK_EQ_INT(r.err, DEV_PRINTER_OK);
    CHECK_EQ_INT(dev_printer_status_condition(&r.report.after), DEV_PRINTER_PAPER_NEAR_END);
    dev_sim_job_free(r.job);
    dev_raster_free(raster);
    dev_printer_free(p);
}

static void test_status_requests_inside_image_data(void)
{
    /* Row 0 holds the bytes 10 04 01 and 10 04 04: the printer answers both, in the
     * middle of the image, and the driver must not take those for its own answers. */
    dev_raster *raster = dev_raster_new(576, 40);
    CHECK(raster);
    const uint8_t requests[] = {0x10, 0x04, 0x01, 0x10, 0x04, 0x04};
    memcpy(raster->bits + 8, requests, sizeof requests);
    dev_printer *p = dev_printer_new("sim://?fault=rows=20:paper-out", NULL, NULL);
    CHECK(p);
    struct sim_print r = print_on(p, raster);
    /* The strays, answered while the paper was still there, say "ready"; the
     * answers after the job say paper out. */
    CHECK_EQ_INT(r.err, DEV_PRINTER_ERR_PAPER_OUT);
    dev_sim_job_free(r.job);
    dev_printer_sim_apply(dev_printer_sim_of(p), DEV_SIM_PAPER_OK);
    r = print_on(p, raster);
    CHECK_EQ_INT(r.err, DEV_PRINTER_OK);
    CHECK(r.job && dev_raster_equal(r.job->raster, raster));
    dev_sim_job_free(r.job);
    dev_raster_free(raster);
    dev_printer_free(p);
}

static void test_late_answers_in_data_are_not_the_status(void)
{
    /*
     * Paper runs out at row 20; row 30 holds 10 04 01, which the printer then
     * answers "offline" (1A) before its answers to the driver: 1A 32 12 7E.
     * One byte per read, as USB packets come: a driver that stopped at four
     * status bytes would parse 1A 1A 32 12 and see an unrecoverable error
     * (n = 3 answering 32) instead of paper out.
     */
    dev_raster *raster = dev_raster_new(576, 40);
    CHECK(raster);
    const uint8_t request[] = {0x10, 0x04, 0x01};
    memcpy(raster->bits + 30 * raster->stride + 8, request, sizeof request);
    dev_printer *p = dev_printer_new("sim://?packet=1&fault=rows=20:paper-out", NULL, NULL);
    CHECK(p);
    struct sim_print r = print_on(p, raster);
    CHECK_EQ_INT(r.err, DEV_PRINTER_ERR_PAPER_OUT);
    CHECK_EQ_INT(r.report.after.answers[2], 0x12);
    dev_sim_job_free(r.job);
    dev_raster_free(raster);
    dev_printer_free(p);
}

static void test_status_query(void)
{
    dev_printer *p = dev_printer_new("sim://?fault=paper-out", NULL, NULL);
    CHECK(p);
    dev_printer_status st;
    CHECK_EQ_INT(dev_printer_query_status(p, &st), DEV_PRINTER_OK);
    CHECK_EQ_INT(dev_printer_status_condition(&st), DEV_PRINTER_PAPER_OUT);
    /* Answers as the manuals give them: 1 offline, 2 stopped at paper end, 4 paper end. */
    CHECK_EQ_INT(st.answers[0], 0x1A);
    CHECK_EQ_INT(st.answers[1], 0x32);
    CHECK_EQ_INT(st.answers[2], 0x12);
    CHECK_EQ_INT(st.answers[3], 0x7E);
    dev_printer_free(p);
}

/* ---- the simulator program ---------------------------------------------------- */

struct sim_program {
    pid_t pid;
    char where[256]; /* "127.0.0.1:PORT" or "/dev/pts/N" */
    char out_dir[4096];
};

/* Starts escpos-printer-sim with args (NULL-terminated) and reads where it listens. */
static bool sim_start(struct sim_program *s, const char *name, const char *const *args)
{
    const char *build = getenv("KIOSK_BUILD_DIR");
    char program[4096];
    snprintf(program, sizeof program, "%s/devices/escpos-printer-sim", build ? build : ".");
    /* A fresh folder per start, so no job file of an earlier run can be mistaken for ours. */
    static int starts;
    snprintf(s->out_dir, sizeof s->out_dir, "%s/%s-%d-%d", check_tmp_dir(), name, (int)getpid(),
             ++starts);
    if (mkdir(s->out_dir, 0700) != 0)
        return false;
    int out[2];
    if (pipe(out) != 0)
        return false;
    const char *argv[24] = {program, "--out", s->out_dir};
    size_t n = 3;
    for (size_t i = 0; args[i] && n < 23; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    s->pid = fork();
    if (s->pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        execv(program, (char *const *)argv);
        _exit(127);
    }
    close(out[1]);
    char line[256]; /* as long as s->where: the address is copied there */
    size_t len = 0;
    while (len < sizeof line - 1) {
        ssize_t got = read(out[0], line + len, 1);
        if (got <= 0 || line[len] == '\n')
            break;
        len++;
    }
    line[len] = '\0';
    close(out[0]);
    const char *tcp = "listening on ", *pty = "pty ";
    size_t skip;
    if (strncmp(line, tcp, strlen(tcp)) == 0)
        skip = strlen(tcp);
    else if (strncmp(line, pty, strlen(pty)) == 0)
        skip = strlen(pty);
    else
        return false;
    memcpy(s->where, line + skip, len - skip + 1);
    return s->pid > 0;
}

/* Stops the program (it saves its jobs first) and waits for it. */
static bool sim_stop(struct sim_program *s)
{
    int status = 0;
    kill(s->pid, SIGTERM);
    return waitpid(s->pid, &status, 0) == s->pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The raster the program saved as job-N.png equals raster, dot for dot. */
static bool saved_png_equals(const struct sim_program *s, int n, const dev_raster *raster)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/job-%d.png", s->out_dir, n);
    int w = 0, h = 0;
    uint8_t *rgba = ui_png_read(path, &w, &h);
    bool same = rgba && (uint32_t)w == raster->width && (uint32_t)h == raster->height;
    for (uint32_t y = 0; same && y < raster->height; y++)
        for (uint32_t x = 0; same && x < raster->width; x++)
            same =
                (rgba[((size_t)y * raster->width + x) * 4] < 128) == dev_raster_get(raster, x, y);
    free(rgba);
    return same;
}

static bool saved_bytes_equal(const struct sim_program *s, int n, const dev_buffer *job)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/job-%d.escpos", s->out_dir, n);
    size_t len = 0;
    char *data = check_read_file(path, &len);
    bool same = data && len == job->len && memcmp(data, job->data, len) == 0;
    free(data);
    return same;
}

static void check_program_round_trip(const char *name, const char *const *args, const char *scheme)
{
    struct sim_program s;
    CHECK(sim_start(&s, name, args));
    char uri[512];
    snprintf(uri, sizeof uri, "%s://%s", scheme, s.where);
    dev_printer *p = dev_printer_new(uri, NULL, NULL);
    dev_raster *raster = test_raster(1000);
    dev_buffer job;
    bool built = raster && build_job(raster, &job);
    enum dev_printer_error err = DEV_PRINTER_ERR_IO, err2 = DEV_PRINTER_ERR_IO;
    if (p && built) {
        err = dev_printer_print(p, job.data, job.len, NULL);
        /* Hang up between jobs: the next one connects again by itself. */
        dev_printer_disconnect(p);
        err2 = dev_printer_print(p, job.data, job.len, NULL);
    }
    dev_printer_free(p);
    bool stopped = sim_stop(&s);
    CHECK(built);
    CHECK_EQ_INT(err, DEV_PRINTER_OK);
    CHECK_EQ_INT(err2, DEV_PRINTER_OK);
    CHECK(stopped);
    CHECK(saved_png_equals(&s, 1, raster));
    CHECK(saved_png_equals(&s, 2, raster));
    CHECK(saved_bytes_equal(&s, 1, &job));
    dev_buffer_free(&job);
    dev_raster_free(raster);
}

static void test_tcp_round_trip(void)
{
    static const char *const args[] = {"--listen", "127.0.0.1:0", NULL};
    check_program_round_trip("tcp", args, "tcp");
}

static void test_pty_round_trip(void)
{
    static const char *const args[] = {"--pty", NULL};
    check_program_round_trip("pty", args, "file");
}

/* One job to the program started with a fault; the driver must give want. */
static void check_program_fault(const char *fault, enum dev_printer_error want)
{
    const char *const args[] = {"--listen", "127.0.0.1:0", "--fault", fault, NULL};
    struct sim_program s;
    CHECK(sim_start(&s, "fault", args));
    char uri[512];
    snprintf(uri, sizeof uri, "tcp://%s", s.where);
    const dev_printer_options opt = {.status_timeout_ms = 300};
    dev_printer *p = dev_printer_new(uri, &opt, NULL);
    dev_raster *raster = test_raster(400);
    dev_buffer job;
    bool built = raster && build_job(raster, &job);
    enum dev_printer_error err =
        p && built ? dev_printer_print(p, job.data, job.len, NULL) : DEV_PRINTER_ERR_IO;
    dev_printer_free(p);
    sim_stop(&s);
    if (built)
        dev_buffer_free(&job);
    dev_raster_free(raster);
    if (err != want)
        fprintf(stderr, "  --fault %s: %s\n", fault, dev_printer_strerror(err));
    CHECK_EQ_INT(err, want);
}

static void test_tcp_faults(void)
{
    check_program_fault("rows=200:paper-out", DEV_PRINTER_ERR_PAPER_OUT);
    check_program_fault("cover-open", DEV_PRINTER_ERR_COVER_OPEN);
    check_program_fault("offline", DEV_PRINTER_ERR_OFFLINE);
    check_program_fault("mute", DEV_PRINTER_ERR_NO_ANSWER);
}

static void test_tcp_printer_gone_and_back(void)
{
    static const char *const args[] = {"--listen", "127.0.0.1:0", NULL};
    struct sim_program s;
    CHECK(sim_start(&s, "gone", args));
    char uri[512], listen[300];
    snprintf(uri, sizeof uri, "tcp://%s", s.where);
    snprintf(listen, sizeof listen, "%s", s.where);
    const dev_printer_options opt = {.status_timeout_ms = 300, .connect_timeout_ms = 500};
    dev_printer *p = dev_printer_new(uri, &opt, NULL);
    dev_raster *raster = test_raster(100);
    dev_buffer job;
    CHECK(p && raster && build_job(raster, &job));
    CHECK_EQ_INT(dev_printer_print(p, job.data, job.len, NULL), DEV_PRINTER_OK);

    /* Switched off: the open connection breaks, then nobody answers the port. */
    CHECK(sim_stop(&s));
    enum dev_printer_error gone = dev_printer_print(p, job.data, job.len, NULL);
    CHECK(gone == DEV_PRINTER_ERR_UNPLUGGED || gone == DEV_PRINTER_ERR_IO);
    CHECK_EQ_INT(dev_printer_print(p, job.data, job.len, NULL), DEV_PRINTER_ERR_OPEN);

    /* Switched on again at the same address: the next job connects and prints. */
    const char *const again[] = {"--listen", listen, NULL};
    CHECK(sim_start(&s, "back", again));
    CHECK_EQ_INT(dev_printer_print(p, job.data, job.len, NULL), DEV_PRINTER_OK);
    CHECK(sim_stop(&s));
    CHECK(saved_png_equals(&s, 1, raster));
    dev_buffer_free(&job);
    dev_raster_free(raster);
    dev_printer_free(p);
}

static void test_missing_devices(void)
{
    dev_printer *p = dev_printer_new("file:///nonexistent/lp9", NULL, NULL);
    dev_printer_status st;
    CHECK(p);
    CHECK_EQ_INT(dev_printer_query_status(p, &st), DEV_PRINTER_ERR_NOT_FOUND);
    dev_printer_free(p);
    /* No USB bus here (or no such model): not found, never a crash. */
    p = dev_printer_new("usb://ffff:fffe", NULL, NULL);
    CHECK(p);
    enum dev_printer_error err = dev_printer_query_status(p, &st);
    CHECK(err == DEV_PRINTER_ERR_NOT_FOUND || err == DEV_PRINTER_ERR_IO);
    dev_printer_free(p);
}

static void test_strerror(void)
{
    for (int e = DEV_PRINTER_OK; e <= DEV_PRINTER_ERR_NO_MEMORY; e++)
        CHECK(strcmp(dev_printer_strerror((enum dev_printer_error)e), "unknown printer error"));
    CHECK_EQ_STR(dev_printer_strerror(DEV_PRINTER_ERR_PAPER_OUT), "out of paper");
    CHECK_EQ_INT(dev_printer_error_from_condition(DEV_PRINTER_PAPER_NEAR_END), DEV_PRINTER_OK);
    CHECK_EQ_INT(dev_printer_error_from_condition(DEV_PRINTER_COVER_OPEN),
                 DEV_PRINTER_ERR_COVER_OPEN);
}

static const struct check_case cases[] = {
    {"URIs", test_uris},
    {"sim prints bit for bit", test_sim_prints_bit_for_bit},
    {"faults give their reason", test_faults},
    {"paper out mid-job, then reprint", test_paper_out_mid_job_then_reprint},
    {"paper near end still prints", test_paper_near_end_still_prints},
    {"status requests inside image data", test_status_requests_inside_image_data},
    {"late answers in data are not the status", test_late_answers_in_data_are_not_the_status},
    {"status query", test_status_query},
    {"tcp round trip", test_tcp_round_trip},
    {"pty round trip", test_pty_round_trip},
    {"tcp faults", test_tcp_faults},
    {"tcp printer gone and back", test_tcp_printer_gone_and_back},
    {"missing devices", test_missing_devices},
    {"strerror", test_strerror},
};

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
