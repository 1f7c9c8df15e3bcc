/*
 * The libusb transport (devices/printer/usb_printer.c) against a USB
 * printer that is not there: umockdev-run gives this program a hand-written
 * device (tests/umockdev/pos58-printer.umockdev: a 0416:5011 "POS58"
 * printer-class device, bulk OUT 0x01 and IN 0x81 of 64 bytes) and replays
 * the usbdevfs conversation recorded in tests/umockdev/NAME.ioctl: the
 * status requests DLE EOT 1-4 as one bulk OUT, each answer as a 1-byte bulk
 * IN, then the job, then the status again. A byte of the job that differs
 * from the recording fails the transfer, so the replay also pins the
 * ESC/POS bytes of a small raster.
 *
 * tests/umockdev/fake_printer.py (python3-gi, UMockdev.IoctlBase) plays a
 * printer that answers status requests from its state: a 28 KB job goes
 * out in 16 KiB bulk transfers and arrives whole; paper running out in the
 * middle of a job makes it "not printed"; a cable pulled mid-job
 * (ENODEV) makes it "unplugged", and the next job finds the printer again.
 *
 * Each case runs this program again as a child under umockdev (the parent
 * itself never touches USB); umockdev and python3-gi come with the test
 * packages (image/packages.list).
 */
#include "devices/printer/escpos.h"
#include "devices/printer/printer.h"
#include "devices/printer/profile.h"
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILD_ENV "KIOSK_USB_PRINTER_CHILD"

/* ---- in the child, under umockdev ------------------------------------------ */

/*
 * The job the child prints. Small: 16 x 4 dots, the bytes of tests/umockdev/
 * print-ok.ioctl. Big: 576 x 400 dots, 28,8 KB of image, so more than one
 * 16 KiB bulk transfer. Neither holds the byte pair 10 04, so the printer
 * answers nothing inside the data.
 */
static bool make_job(bool big, dev_buffer *job)
{
    static const uint8_t rows[4][2] = {{0xFF, 0x00}, {0x0F, 0xF0}, {0xAA, 0x55}, {0x81, 0x18}};
    dev_raster *raster = big ? dev_raster_new(576, 400) : dev_raster_new(16, 4);
    if (!raster)
        return false;
    if (big)
        for (size_t i = 0; i < (size_t)raster->height * raster->stride; i++)
            raster->bits[i] = (uint8_t)(i % 7 ? 0xA5 : 0x3C);
    else
        memcpy(raster->bits, rows, sizeof rows);
    dev_buffer_init(job, 1 << 20);
    bool ok = dev_escpos_build_job(job, dev_printer_profile_default(), raster) == DEV_ESCPOS_OK;
    dev_raster_free(raster);
    return ok;
}

/* Prints a job on uri; 0 when the result is want (and the bytes written as expected). */
static int child_print(const char *uri, bool big, enum dev_printer_error want, size_t want_written)
{
    dev_buffer job;
    if (!make_job(big, &job))
        return 2;
    const dev_printer_options opt = {.status_timeout_ms = 2000, .write_timeout_ms = 2000};
    dev_printer *p = dev_printer_new(uri, &opt, NULL);
    dev_print_report report = {0};
    enum dev_printer_error err =
        p ? dev_printer_print(p, job.data, job.len, &report) : DEV_PRINTER_ERR_BAD_URI;
    size_t written = want_written == SIZE_MAX ? job.len : want_written;
    int rc = err == want && report.bytes_written == written ? 0 : 1;
    if (rc)
        fprintf(stderr, "  %s: %s (want %s), %zu of %zu bytes written\n", uri,
                dev_printer_strerror(err), dev_printer_strerror(want), report.bytes_written,
                job.len);
    dev_printer_free(p);
    dev_buffer_free(&job);
    return rc;
}

/*
 * The cable is pulled during the job's second bulk transfer: the job fails
 * as unplugged after the first 16 KiB, and the next job finds the printer
 * again and prints.
 */
static int child_unplug(void)
{
    dev_buffer job;
    if (!make_job(true, &job))
        return 2;
    const dev_printer_options opt = {.status_timeout_ms = 2000, .write_timeout_ms = 2000};
    dev_printer *p = dev_printer_new("usb://0416:5011", &opt, NULL);
    dev_print_report first = {0}, second = {0};
    enum dev_printer_error e1 =
        p ? dev_printer_print(p, job.data, job.len, &first) : DEV_PRINTER_ERR_BAD_URI;
    enum dev_printer_error e2 =
        p ? dev_printer_print(p, job.data, job.len, &second) : DEV_PRINTER_ERR_BAD_URI;
    int rc = e1 == DEV_PRINTER_ERR_UNPLUGGED && first.bytes_written == 16384 &&
                     e2 == DEV_PRINTER_OK && second.bytes_written == job.len
                 ? 0
                 : 1;
    if (rc)
        fprintf(stderr, "  unplug: %s after %zu bytes, then %s after %zu of %zu\n",
                dev_printer_strerror(e1), first.bytes_written, dev_printer_strerror(e2),
                second.bytes_written, job.len);
    dev_printer_free(p);
    dev_buffer_free(&job);
    return rc;
}

static int run_child(const char *which)
{
    if (strcmp(which, "print-ok") == 0)
        return child_print("usb://0416:5011", false, DEV_PRINTER_OK, SIZE_MAX);
    if (strcmp(which, "print-ok-any") == 0)
        return child_print("usb://", false, DEV_PRINTER_OK, SIZE_MAX);
    if (strcmp(which, "paper-out") == 0)
        return child_print("usb://0416:5011", false, DEV_PRINTER_ERR_PAPER_OUT, 0);
    if (strcmp(which, "other-model") == 0)
        return child_print("usb://04b8:0202", false, DEV_PRINTER_ERR_NOT_FOUND, 0);
    if (strcmp(which, "fake-paper-out") == 0)
        return child_print("usb://0416:5011", true, DEV_PRINTER_ERR_PAPER_OUT, SIZE_MAX);
    if (strcmp(which, "fake-big") == 0)
        return child_print("usb://0416:5011", true, DEV_PRINTER_OK, SIZE_MAX);
    if (strcmp(which, "fake-unplug") == 0)
        return child_unplug();
    fprintf(stderr, "  unknown child case %s\n", which);
    return 2;
}

/* ---- in the parent ----------------------------------------------------------- */

/* Runs argv with CHILD_ENV=which; its exit status, or -1 when it did not exit. */
static int run(const char *const *argv, const char *which)
{
    pid_t pid = fork();
    if (pid == 0) {
        setenv(CHILD_ENV, which, 1);
        /* umockdev preloads its library; AddressSanitizer wants to come first otherwise. */
        setenv("ASAN_OPTIONS", "verify_asan_link_order=0:detect_leaks=0", 1);
        execvp(argv[0], (char *const *)argv);
        fprintf(stderr, "  cannot run %s\n", argv[0]);
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

static const char *self(void)
{
    static char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    path[n > 0 ? n : 0] = '\0';
    return path;
}

/* Replays tests/umockdev/ioctl_name.ioctl to child case `which`. */
static void check_replay(const char *ioctl_name, const char *which)
{
    char device[4096], ioctl[4200];
    snprintf(device, sizeof device, "%s/tests/umockdev/pos58-printer.umockdev", check_source_dir());
    snprintf(ioctl, sizeof ioctl, "/dev/bus/usb/001/002=%s/tests/umockdev/%s.ioctl",
             check_source_dir(), ioctl_name);
    const char *argv[] = {"umockdev-run", "--device", device, "--ioctl", ioctl, "--", self(), NULL};
    CHECK_EQ_INT(run(argv, which), 0);
}

static void test_replay_print(void)
{
    check_replay("print-ok", "print-ok");
}

static void test_replay_any_printer_class(void)
{
    check_replay("print-ok", "print-ok-any");
}

static void test_replay_paper_out_before_job(void)
{
    check_replay("paper-out", "paper-out");
}

static void test_other_model_not_found(void)
{
    check_replay("paper-out", "other-model");
}

/*
 * Runs child case `which` against the Python printer with paper for
 * paper_bytes bytes of job data, unplugged after unplug_bytes OUT bytes
 * (NULL: never). Unless it was unplugged, the job bytes it received must
 * be the big job's.
 */
static void check_fake_printer(const char *which, const char *paper_bytes, const char *unplug_bytes)
{
    char script[4096], device[4096], capture[4096];
    snprintf(script, sizeof script, "%s/tests/umockdev/fake_printer.py", check_source_dir());
    snprintf(device, sizeof device, "%s/tests/umockdev/pos58-printer.umockdev", check_source_dir());
    snprintf(capture, sizeof capture, "%s/%s.escpos", check_tmp_dir(), which);
    remove(capture);
    /* Debian's python3 with gi, not a pyenv one; under umockdev-wrapper for the preload. */
    const char *argv[16] = {
        "umockdev-wrapper",  "/usr/bin/python3", script,      "--device", device,
        "--paper-out-after", paper_bytes,        "--capture", capture};
    size_t n = 9;
    if (unplug_bytes) {
        argv[n++] = "--unplug-after";
        argv[n++] = unplug_bytes;
    }
    argv[n++] = "--";
    argv[n++] = self();
    argv[n] = NULL;
    CHECK_EQ_INT(run(argv, which), 0);
    if (unplug_bytes)
        return;
    dev_buffer job;
    CHECK(make_job(true, &job));
    size_t len = 0;
    char *got = check_read_file(capture, &len);
    bool same = got && len == job.len && memcmp(got, job.data, len) == 0;
    free(got);
    dev_buffer_free(&job);
    CHECK(same);
}

static void test_fake_printer_big_job(void)
{
    check_fake_printer("fake-big", "1000000", NULL);
}

static void test_fake_printer_paper_out_mid_job(void)
{
    check_fake_printer("fake-paper-out", "10000", NULL);
}

static void test_fake_printer_unplugged_and_back(void)
{
    /* 12 bytes of status requests, then the first 16 KiB of the job. */
    check_fake_printer("fake-unplug", "1000000", "16396");
}

static const struct check_case cases[] = {
    {"replay: print with status before and after", test_replay_print},
    {"replay: any printer-class device", test_replay_any_printer_class},
    {"replay: paper out refuses the job", test_replay_paper_out_before_job},
    {"replay: another model is not found", test_other_model_not_found},
    {"fake printer: a job of several bulk transfers", test_fake_printer_big_job},
    {"fake printer: paper out mid-job", test_fake_printer_paper_out_mid_job},
    {"fake printer: unplugged mid-job, found again", test_fake_printer_unplugged_and_back},
};

int main(int argc, char **argv)
{
    const char *child = getenv(CHILD_ENV);
    if (child)
        return run_child(child);
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
