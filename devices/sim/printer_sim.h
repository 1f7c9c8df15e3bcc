/*
 * A simulated ESC/POS receipt printer for tests and demos. It consumes the
 * byte stream a driver sends, in pieces of any size, and:
 *
 *  - prints raster images (GS v 0, GS ( L / GS 8 L fn 112 + fn 50) into a
 *    1-bit raster per job, a job running from its first command to the cut;
 *  - answers DLE EOT n from its simulated state (paper, cover, offline,
 *    cutter, head, failure), also when the bytes 10 04 n occur inside image
 *    data, as real printers do;
 *  - follows a script of faults (paper runs out after N rows, the cover opens
 *    after N jobs, it stops answering after N bytes ...).
 *
 * Everything it keeps is capped (rows per job, bytes per job, pending jobs,
 * pending answers), so garbage or a hostile header announcing a 65535 x 65535
 * image costs counting, not memory. What it cannot print it skips by the
 * command's own length and records as an anomaly of the job.
 */
#ifndef DEVICES_SIM_PRINTER_SIM_H
#define DEVICES_SIM_PRINTER_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/common/buffer.h"
#include "devices/printer/raster.h"

#define DEV_SIM_MAX_FAULTS 16
#define DEV_SIM_MAX_OUTPUT 4096 /* answers not yet read; more are dropped */

typedef struct dev_printer_sim dev_printer_sim;

typedef struct dev_printer_sim_config {
    uint32_t paper_width_dots; /* 8..DEV_RASTER_MAX_WIDTH; dots past it are clipped */
    uint32_t max_job_rows;     /* 1..DEV_RASTER_MAX_HEIGHT; rows past it are lost */
    size_t max_job_bytes;      /* raw bytes kept per job; the rest is not kept */
    size_t max_pending_jobs;   /* finished jobs not yet taken; newer ones are dropped */
    bool realtime_in_data;     /* answer 10 04 n found inside other commands' data */
} dev_printer_sim_config;

/* 576 dots, 65535 rows, 16 MiB, 16 jobs, real-time commands in data. */
void dev_printer_sim_config_default(dev_printer_sim_config *config);

enum dev_sim_event {
    DEV_SIM_PAPER_OK,
    DEV_SIM_PAPER_NEAR_END,
    DEV_SIM_PAPER_OUT,
    DEV_SIM_COVER_OPEN,
    DEV_SIM_COVER_CLOSE,
    DEV_SIM_OFFLINE, /* offline with no cause given (n = 2, 3 answer clean) */
    DEV_SIM_ONLINE,
    DEV_SIM_CUTTER_JAM, /* recoverable: DLE ENQ 1 or 2 clears it */
    DEV_SIM_CUTTER_CLEAR,
    DEV_SIM_HEAD_HOT, /* auto-recoverable error */
    DEV_SIM_HEAD_COOL,
    DEV_SIM_FAILURE, /* unrecoverable error, for good */
    DEV_SIM_MUTE,    /* stops answering DLE EOT */
    DEV_SIM_UNMUTE,
};

enum dev_sim_trigger {
    DEV_SIM_AFTER_BYTES, /* once count bytes were received (0: at once) */
    DEV_SIM_AFTER_ROWS,  /* once count rows were printed: row count + 1 sees it */
    DEV_SIM_AFTER_JOBS,  /* once count jobs were finished */
};

typedef struct dev_sim_fault {
    enum dev_sim_trigger trigger;
    uint64_t count;
    enum dev_sim_event event;
} dev_sim_fault;

/*
 * Parses a fault as written on the simulator's command line:
 * "rows=3000:paper-out", "jobs=2:cover-open", "bytes=100:mute", or an event
 * alone ("offline") for at once. Events: paper-ok, paper-near-end, paper-out,
 * cover-open, cover-close, offline, online, cutter-jam, cutter-clear,
 * head-hot, head-cool, failure, mute, unmute. False on anything else.
 */
bool dev_sim_fault_parse(const char *text, dev_sim_fault *out);

/* What a job holds beside its dots; bits of dev_sim_job.anomalies. */
enum dev_sim_anomaly {
    DEV_SIM_UNKNOWN_COMMAND = 1u << 0, /* a prefix byte followed by a command it does not know */
    DEV_SIM_UNSUPPORTED = 1u << 1,     /* a command it skips: scaled or colour images, QR ... */
    DEV_SIM_MALFORMED = 1u << 2,       /* lengths that do not add up, bad parameters */
    DEV_SIM_CLIPPED = 1u << 3,         /* an image wider than the paper */
    DEV_SIM_ROW_LIMIT = 1u << 4,       /* rows past max_job_rows (or memory) were lost */
    DEV_SIM_BYTES_TRUNCATED = 1u << 5, /* raw bytes past max_job_bytes were not kept */
    DEV_SIM_TEXT = 1u << 6,            /* text bytes, which it counts but does not draw */
};

enum dev_sim_cut { DEV_SIM_CUT_NONE, DEV_SIM_CUT_FULL, DEV_SIM_CUT_PARTIAL };

typedef struct dev_sim_job {
    unsigned number;       /* 1, 2, ... in the order jobs finished; a gap is a dropped job */
    dev_raster *raster;    /* owned; NULL when no row printed; width = widest image printed */
    dev_buffer bytes;      /* owned: the job's bytes, from its first command through the cut */
    enum dev_sim_cut cut;  /* NONE when it ended by disconnection or could not cut (offline) */
    uint32_t feed_lines;   /* LF and ESC d n */
    uint32_t feed_dots;    /* ESC J n */
    uint32_t rows_lost;    /* image rows received but not printed: offline, paper out, limit */
    uint32_t text_bytes;   /* printable bytes outside commands */
    unsigned anomalies;    /* DEV_SIM_* anomaly bits */
    bool dle_dc4_disabled; /* GS ( D had DLE DC4 fn 1 and 2 off when the first row printed */
} dev_sim_job;

/* Frees a job and what it owns. Accepts NULL. */
void dev_sim_job_free(dev_sim_job *job);

/*
 * A printer with paper, cover closed, online. NULL config means defaults.
 * NULL when config is out of range or memory runs out.
 */
dev_printer_sim *dev_printer_sim_new(const dev_printer_sim_config *config);

/* Frees the simulator, its pending jobs and answers. Accepts NULL. */
void dev_printer_sim_free(dev_printer_sim *sim);

/* Applies an event now. */
void dev_printer_sim_apply(dev_printer_sim *sim, enum dev_sim_event event);

/*
 * Adds a fault to the script; it fires at once if already due. False when
 * DEV_SIM_MAX_FAULTS are scheduled.
 */
bool dev_printer_sim_schedule(dev_printer_sim *sim, const dev_sim_fault *fault);

/*
 * Consumes data[0..len) as received from the host. Never fails: what cannot
 * be kept is counted in the job's anomalies, and while memory is exhausted
 * bytes are dropped.
 */
void dev_printer_sim_feed(dev_printer_sim *sim, const uint8_t *data, size_t len);

/* Copies up to cap pending answer bytes to dst and removes them; returns how many. */
size_t dev_printer_sim_read(dev_printer_sim *sim, uint8_t *dst, size_t cap);

/* The next finished job, oldest first, now owned by the caller; NULL when none. */
dev_sim_job *dev_printer_sim_take_job(dev_printer_sim *sim);

/*
 * The host went away: a command in progress is abandoned and a started job
 * is finished without a cut (it is then available from take_job).
 */
void dev_printer_sim_disconnect(dev_printer_sim *sim);

/*
 * Serves one readable event on fd (a socket, pipe or pty): one read() of up
 * to 64 KiB fed to the simulator, then as many pending answers written as fd
 * takes. False at end of file or on an error other than EAGAIN/EINTR; the
 * caller then closes fd and calls dev_printer_sim_disconnect. Writing to a
 * socket whose peer has gone raises SIGPIPE unless the caller ignores it.
 */
bool dev_printer_sim_serve_fd(dev_printer_sim *sim, int fd);

#endif
