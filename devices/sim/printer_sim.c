/*
 * ESC/POS printer simulator: see devices/sim/printer_sim.h.
 *
 * One byte at a time through a state machine, so a command split across
 * reads costs nothing special. A command's fixed parameters are gathered in
 * head[]; a length-prefixed payload (GS ( x, GS 8 L, images) is consumed by
 * counting down payload_left, keeping only what the simulator can print.
 * An unknown command byte after a prefix is re-read as a fresh command, so
 * the parser falls back into step after garbage.
 */
#include "devices/sim/printer_sim.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/printer/escpos.h"
#include "devices/printer/escpos_status.h"

#define SIM_HEAD_MAX 16      /* parameter bytes kept for decoding */
#define SIM_READ_CHUNK 16384 /* bytes per read() in dev_printer_sim_serve_fd */
#define SIM_MAX_PENDING_JOBS 1024
#define ENQ 0x05
#define DC4 0x14

enum parse_state {
    P_IDLE,
    P_ESC,      /* after ESC: the command byte */
    P_GS,       /* after GS */
    P_DLE,      /* after DLE */
    P_GS_V,     /* after GS v: '0' */
    P_GS_PAREN, /* after GS (: the function letter */
    P_GS_8,     /* after GS 8: 'L' */
    P_ARGS,     /* fixed parameters of cmd, into head[] */
    P_PAYLOAD,  /* the first bytes of a length-prefixed payload, into head[] */
    P_IMAGE,    /* image data */
    P_SKIP,     /* payload_left bytes to ignore */
};

enum command {
    CMD_PLAIN,      /* fixed parameters that change nothing the simulator draws */
    CMD_FEED_LINES, /* ESC d n */
    CMD_FEED_DOTS,  /* ESC J n */
    CMD_BIT_IMAGE,  /* ESC * m nL nH, column data follows */
    CMD_CUT,        /* GS V m */
    CMD_CUT_FEED,   /* GS V m n */
    CMD_RASTER,     /* GS v 0 m xL xH yL yH */
    CMD_PAREN_LEN,  /* GS ( f pL pH */
    CMD_8L_LEN,     /* GS 8 L p1 p2 p3 p4 */
    CMD_DLE_EOT,    /* DLE EOT n */
    CMD_DLE_ENQ,    /* DLE ENQ n */
    CMD_DLE_DC4,    /* DLE DC4 fn a b */
};

struct dev_printer_sim {
    dev_printer_sim_config config;
    size_t paper_bytes; /* (paper_width_dots + 7) / 8 */

    /* Simulated hardware. */
    enum dev_sim_event paper; /* DEV_SIM_PAPER_OK, _NEAR_END or _OUT */
    bool cover_open, offline, cutter_jam, head_hot, failed, mute;
    bool dc4_drawer, dc4_power; /* DLE DC4 fn 1 and fn 2 enabled (GS ( D) */

    uint64_t bytes_received, rows_printed, jobs_finished;
    dev_sim_fault faults[DEV_SIM_MAX_FAULTS];
    bool fired[DEV_SIM_MAX_FAULTS];
    size_t fault_count;
    size_t byte_faults_waiting; /* unfired AFTER_BYTES faults: no per-byte check when 0 */

    uint8_t recent[2]; /* the two bytes before the current one, to spot 10 04 n anywhere */

    /* Parser. */
    enum parse_state state;
    enum command cmd;
    uint8_t letter; /* GS ( letter, or the m of GS V m n */
    uint8_t head[SIM_HEAD_MAX];
    size_t head_need, head_got;
    uint64_t payload_left;

    struct {
        size_t width_bytes;  /* bytes per row on the wire */
        uint32_t width_dots; /* dots kept per row, at most the paper width */
        size_t col;
        bool store; /* GS ( L fn 112: into stored; otherwise printed */
    } image;
    uint8_t row[DEV_RASTER_MAX_WIDTH / 8];
    dev_raster *stored; /* owned: the GS ( L fn 112 image until fn 50 prints it */

    /* The job being received. */
    dev_sim_job *job; /* owned; NULL only while memory is exhausted */
    bool job_started;
    uint32_t job_width;

    dev_sim_job **done; /* owned, max_pending_jobs slots, oldest first */
    size_t done_count;
    dev_buffer answers;
};

void dev_printer_sim_config_default(dev_printer_sim_config *config)
{
    config->paper_width_dots = 576;
    config->max_job_rows = DEV_RASTER_MAX_HEIGHT;
    config->max_job_bytes = (size_t)16 << 20;
    config->max_pending_jobs = 16;
    config->realtime_in_data = true;
}

/* ---- faults --------------------------------------------------------------- */

static const struct {
    const char *name;
    enum dev_sim_event event;
} event_names[] = {
    {"paper-ok", DEV_SIM_PAPER_OK},
    {"paper-near-end", DEV_SIM_PAPER_NEAR_END},
    {"paper-out", DEV_SIM_PAPER_OUT},
    {"cover-open", DEV_SIM_COVER_OPEN},
    {"cover-close", DEV_SIM_COVER_CLOSE},
    {"offline", DEV_SIM_OFFLINE},
    {"online", DEV_SIM_ONLINE},
    {"cutter-jam", DEV_SIM_CUTTER_JAM},
    {"cutter-clear", DEV_SIM_CUTTER_CLEAR},
    {"head-hot", DEV_SIM_HEAD_HOT},
    {"head-cool", DEV_SIM_HEAD_COOL},
    {"failure", DEV_SIM_FAILURE},
    {"mute", DEV_SIM_MUTE},
    {"unmute", DEV_SIM_UNMUTE},
};

static const char *const trigger_names[] = {
    [DEV_SIM_AFTER_BYTES] = "bytes",
    [DEV_SIM_AFTER_ROWS] = "rows",
    [DEV_SIM_AFTER_JOBS] = "jobs",
};

/* Digits only, no sign, no overflow. */
static bool parse_count(const char *s, size_t len, uint64_t *out)
{
    if (len == 0)
        return false;
    uint64_t value = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        unsigned digit = (unsigned)(s[i] - '0');
        if (value > (UINT64_MAX - digit) / 10)
            return false;
        value = value * 10 + digit;
    }
    *out = value;
    return true;
}

bool dev_sim_fault_parse(const char *text, dev_sim_fault *out)
{
    if (!text || !out)
        return false;
    dev_sim_fault fault = {.trigger = DEV_SIM_AFTER_BYTES, .count = 0};
    const char *event = text;
    const char *colon = strchr(text, ':');
    if (colon) {
        const char *eq = memchr(text, '=', (size_t)(colon - text));
        if (!eq)
            return false;
        size_t name_len = (size_t)(eq - text);
        bool known = false;
        for (size_t t = 0; t < sizeof trigger_names / sizeof trigger_names[0]; t++) {
            if (strlen(trigger_names[t]) == name_len &&
                memcmp(trigger_names[t], text, name_len) == 0) {
                fault.trigger = (enum dev_sim_trigger)t;
                known = true;
            }
        }
        if (!known || !parse_count(eq + 1, (size_t)(colon - eq - 1), &fault.count))
            return false;
        event = colon + 1;
    }
    for (size_t i = 0; i < sizeof event_names / sizeof event_names[0]; i++) {
        if (strcmp(event_names[i].name, event) == 0) {
            fault.event = event_names[i].event;
            *out = fault;
            return true;
        }
    }
    return false;
}

void dev_printer_sim_apply(dev_printer_sim *sim, enum dev_sim_event event)
{
    switch (event) {
    case DEV_SIM_PAPER_OK:
    case DEV_SIM_PAPER_NEAR_END:
    case DEV_SIM_PAPER_OUT:
        sim->paper = event;
        break;
    case DEV_SIM_COVER_OPEN:
        sim->cover_open = true;
        break;
    case DEV_SIM_COVER_CLOSE:
        sim->cover_open = false;
        break;
    case DEV_SIM_OFFLINE:
        sim->offline = true;
        break;
    case DEV_SIM_ONLINE:
        sim->offline = false;
        break;
    case DEV_SIM_CUTTER_JAM:
        sim->cutter_jam = true;
        break;
    case DEV_SIM_CUTTER_CLEAR:
        sim->cutter_jam = false;
        break;
    case DEV_SIM_HEAD_HOT:
        sim->head_hot = true;
        break;
    case DEV_SIM_HEAD_COOL:
        sim->head_hot = false;
        break;
    case DEV_SIM_FAILURE:
        sim->failed = true;
        break;
    case DEV_SIM_MUTE:
        sim->mute = true;
        break;
    case DEV_SIM_UNMUTE:
        sim->mute = false;
        break;
    }
}

static void fire_due(dev_printer_sim *sim, enum dev_sim_trigger trigger, uint64_t value)
{
    for (size_t i = 0; i < sim->fault_count; i++) {
        if (sim->fired[i] || sim->faults[i].trigger != trigger || value < sim->faults[i].count)
            continue;
        sim->fired[i] = true;
        if (trigger == DEV_SIM_AFTER_BYTES)
            sim->byte_faults_waiting--;
        dev_printer_sim_apply(sim, sim->faults[i].event);
    }
}

bool dev_printer_sim_schedule(dev_printer_sim *sim, const dev_sim_fault *fault)
{
    if (sim->fault_count == DEV_SIM_MAX_FAULTS)
        return false;
    sim->faults[sim->fault_count] = *fault;
    sim->fired[sim->fault_count] = false;
    sim->fault_count++;
    if (fault->trigger == DEV_SIM_AFTER_BYTES)
        sim->byte_faults_waiting++;
    fire_due(sim, DEV_SIM_AFTER_BYTES, sim->bytes_received);
    fire_due(sim, DEV_SIM_AFTER_ROWS, sim->rows_printed);
    fire_due(sim, DEV_SIM_AFTER_JOBS, sim->jobs_finished);
    return true;
}

/* ---- state and status ----------------------------------------------------- */

static bool can_print(const dev_printer_sim *sim)
{
    return !sim->offline && !sim->cover_open && sim->paper != DEV_SIM_PAPER_OUT &&
           !sim->cutter_jam && !sim->head_hot && !sim->failed;
}

/* The answer to DLE EOT n, n = 1..4, composed from the simulated hardware. */
static uint8_t status_answer(const dev_printer_sim *sim, uint8_t n)
{
    bool paper_out = sim->paper == DEV_SIM_PAPER_OUT;
    uint8_t answer = DEV_ESCPOS_STATUS_FIXED;
    switch (n) {
    case DEV_ESCPOS_QUERY_PRINTER:
        if (!can_print(sim))
            answer |= DEV_ESCPOS_ST1_OFFLINE;
        break;
    case DEV_ESCPOS_QUERY_OFFLINE_CAUSE:
        if (sim->cover_open)
            answer |= DEV_ESCPOS_ST2_COVER_OPEN;
        if (paper_out)
            answer |= DEV_ESCPOS_ST2_PAPER_STOP;
        if (sim->cutter_jam || sim->head_hot || sim->failed)
            answer |= DEV_ESCPOS_ST2_ERROR;
        break;
    case DEV_ESCPOS_QUERY_ERROR_CAUSE:
        if (sim->cutter_jam)
            answer |= DEV_ESCPOS_ST3_AUTOCUTTER;
        if (sim->failed)
            answer |= DEV_ESCPOS_ST3_UNRECOVERABLE;
        if (sim->head_hot)
            answer |= DEV_ESCPOS_ST3_AUTO_RECOVERABLE;
        break;
    case DEV_ESCPOS_QUERY_PAPER:
        /* Past the end of the roll the near-end sensor sees no paper either. */
        if (paper_out || sim->paper == DEV_SIM_PAPER_NEAR_END)
            answer |= DEV_ESCPOS_ST4_NEAR_END;
        if (paper_out)
            answer |= DEV_ESCPOS_ST4_PAPER_OUT;
        break;
    }
    return answer;
}

static void answer_status(dev_printer_sim *sim, uint8_t n)
{
    /* A muted printer says nothing; a full queue drops, as a printer whose host stopped reading. */
    if (!sim->mute)
        dev_buffer_append_byte(&sim->answers, status_answer(sim, n));
}

/* ---- jobs ----------------------------------------------------------------- */

static dev_sim_job *job_new(const dev_printer_sim *sim)
{
    dev_sim_job *job = calloc(1, sizeof *job);
    if (job)
        dev_buffer_init(&job->bytes, sim->config.max_job_bytes);
    return job;
}

void dev_sim_job_free(dev_sim_job *job)
{
    if (!job)
        return;
    dev_raster_free(job->raster);
    dev_buffer_free(&job->bytes);
    free(job);
}

static void flag(dev_printer_sim *sim, unsigned anomaly)
{
    sim->job->anomalies |= anomaly;
}

static void add_saturating(uint32_t *counter, uint32_t n)
{
    *counter = *counter > UINT32_MAX - n ? UINT32_MAX : *counter + n;
}

static void job_finish(dev_printer_sim *sim, enum dev_sim_cut cut)
{
    dev_sim_job *job = sim->job;
    job->cut = cut;
    job->number = (unsigned)++sim->jobs_finished;
    if (job->raster)
        job->raster->width = sim->job_width;
    if (sim->done_count < sim->config.max_pending_jobs)
        sim->done[sim->done_count++] = job;
    else
        dev_sim_job_free(job);
    /* NULL while memory is exhausted; dev_printer_sim_feed tries again. */
    sim->job = job_new(sim);
    sim->job_started = false;
    sim->job_width = 0;
    fire_due(sim, DEV_SIM_AFTER_JOBS, sim->jobs_finished);
}

static void cut(dev_printer_sim *sim, enum dev_sim_cut kind)
{
    job_finish(sim, can_print(sim) ? kind : DEV_SIM_CUT_NONE);
}

static void feed(dev_printer_sim *sim, uint32_t lines, uint32_t dots)
{
    if (!can_print(sim))
        return;
    add_saturating(&sim->job->feed_lines, lines);
    add_saturating(&sim->job->feed_dots, dots);
}

/* Copies the first width_dots dots of src to dst, the dots after them in the last byte white. */
static void copy_row(uint8_t *dst, const uint8_t *src, uint32_t width_dots)
{
    size_t full = width_dots / 8;
    memcpy(dst, src, full);
    if (width_dots % 8)
        dst[full] = src[full] & (uint8_t)(0xFF00u >> (width_dots % 8));
}

static void lose_row(dev_printer_sim *sim, unsigned anomaly)
{
    add_saturating(&sim->job->rows_lost, 1);
    flag(sim, anomaly);
}

static void print_row(dev_printer_sim *sim, const uint8_t *row, uint32_t width_dots)
{
    fire_due(sim, DEV_SIM_AFTER_ROWS, sim->rows_printed);
    dev_sim_job *job = sim->job;
    if (!can_print(sim)) {
        lose_row(sim, 0);
        return;
    }
    if (!job->raster) {
        job->raster = dev_raster_new(sim->config.paper_width_dots, 0);
        if (!job->raster) {
            lose_row(sim, DEV_SIM_ROW_LIMIT);
            return;
        }
        job->dle_dc4_disabled = !sim->dc4_drawer && !sim->dc4_power;
    }
    uint32_t y = job->raster->height;
    if (y >= sim->config.max_job_rows || !dev_raster_grow(job->raster, y + 1)) {
        lose_row(sim, DEV_SIM_ROW_LIMIT);
        return;
    }
    copy_row(job->raster->bits + (size_t)y * job->raster->stride, row, width_dots);
    if (width_dots > sim->job_width)
        sim->job_width = width_dots;
    sim->rows_printed++;
}

static void store_row(dev_printer_sim *sim)
{
    dev_raster *stored = sim->stored;
    uint32_t y = stored->height;
    if (y >= sim->config.max_job_rows || !dev_raster_grow(stored, y + 1)) {
        lose_row(sim, DEV_SIM_ROW_LIMIT);
        return;
    }
    copy_row(stored->bits + (size_t)y * stored->stride, sim->row, stored->width);
}

/* GS ( L fn 50: prints the stored image once. */
static void print_stored(dev_printer_sim *sim)
{
    dev_raster *stored = sim->stored;
    if (!stored)
        return;
    for (uint32_t y = 0; y < stored->height; y++)
        print_row(sim, stored->bits + (size_t)y * stored->stride, stored->width);
    dev_raster_free(stored);
    sim->stored = NULL;
}

/* ---- parser --------------------------------------------------------------- */

static void expect_args(dev_printer_sim *sim, enum command cmd, size_t need)
{
    sim->cmd = cmd;
    sim->head_need = need;
    sim->head_got = 0;
    sim->state = P_ARGS;
}

static void skip(dev_printer_sim *sim, uint64_t n)
{
    sim->payload_left = n;
    sim->state = n ? P_SKIP : P_IDLE;
}

/*
 * Starts receiving an image of rows x width_bytes bytes (payload_left
 * already holds that product), printed or stored, keeping width_dots dots
 * per row up to the paper width.
 */
static void start_image(dev_printer_sim *sim, size_t width_bytes, uint32_t width_dots, bool store)
{
    if (width_dots > sim->config.paper_width_dots) {
        flag(sim, DEV_SIM_CLIPPED);
        width_dots = sim->config.paper_width_dots;
    }
    if (store) {
        dev_raster_free(sim->stored);
        sim->stored = dev_raster_new(width_dots, 0);
        if (!sim->stored) {
            flag(sim, DEV_SIM_ROW_LIMIT);
            skip(sim, sim->payload_left);
            return;
        }
    }
    sim->image.width_bytes = width_bytes;
    sim->image.width_dots = width_dots;
    sim->image.col = 0;
    sim->image.store = store;
    sim->state = P_IMAGE;
}

static void image_byte(dev_printer_sim *sim, uint8_t b)
{
    if (sim->image.col < sim->paper_bytes)
        sim->row[sim->image.col] = b;
    if (++sim->image.col == sim->image.width_bytes) {
        sim->image.col = 0;
        if (sim->image.store)
            store_row(sim);
        else
            print_row(sim, sim->row, sim->image.width_dots);
    }
    if (--sim->payload_left == 0)
        sim->state = P_IDLE;
}

/* GS ( L / GS 8 L, after the first head_got (at most 10) bytes of the payload. */
static void graphics_head(dev_printer_sim *sim)
{
    const uint8_t *h = sim->head;
    uint8_t fn = h[1];
    if (h[0] != 0x30) {
        flag(sim, DEV_SIM_MALFORMED);
    } else if (fn == 50) {
        if (sim->head_got != 2 || sim->payload_left)
            flag(sim, DEV_SIM_MALFORMED); /* pL pH must be 2 */
        print_stored(sim);
    } else if (fn == 112 && sim->head_got == DEV_ESCPOS_GS_L_STORE_HEADER) {
        /* a bx by c xL xH yL yH: monochrome, unscaled, first colour is all we print. */
        uint32_t x = h[6] | (uint32_t)h[7] << 8, y = h[8] | (uint32_t)h[9] << 8;
        size_t width_bytes = (x + 7) / 8;
        if (h[2] != 0x30 || h[3] != 1 || h[4] != 1 || h[5] != 0x31) {
            flag(sim, DEV_SIM_UNSUPPORTED);
        } else if (x == 0 || y == 0 || (uint64_t)width_bytes * y != sim->payload_left) {
            flag(sim, DEV_SIM_MALFORMED);
        } else {
            start_image(sim, width_bytes, x, true);
            return;
        }
    } else if (fn == 112) {
        flag(sim, DEV_SIM_MALFORMED);
    } else {
        /* NV graphics, capacities, other fns: nothing the simulator draws. */
        flag(sim, DEV_SIM_UNSUPPORTED);
    }
    skip(sim, sim->payload_left);
}

/* GS ( D m [a b]...: m = 20, a = 1 drawer pulse / 2 power-off, b = 0|48 off, 1|49 on. */
static void realtime_switches(dev_printer_sim *sim)
{
    const uint8_t *h = sim->head;
    if (h[0] != 20 || sim->head_got % 2 == 0 || sim->payload_left) {
        flag(sim, DEV_SIM_MALFORMED);
        skip(sim, sim->payload_left);
        return;
    }
    for (size_t i = 1; i + 1 < sim->head_got; i += 2) {
        uint8_t b = h[i + 1];
        bool on = b == 1 || b == 49;
        if ((!on && b != 0 && b != 48) || (h[i] != 1 && h[i] != 2)) {
            flag(sim, DEV_SIM_MALFORMED);
            continue;
        }
        if (h[i] == 1)
            sim->dc4_drawer = on;
        else
            sim->dc4_power = on;
    }
}

static void begin_payload(dev_printer_sim *sim, uint64_t len)
{
    sim->payload_left = len;
    size_t want = 0;
    if (sim->letter == 'L' && len >= 2)
        want = DEV_ESCPOS_GS_L_STORE_HEADER;
    else if (sim->letter == 'D' && len >= 1)
        want = SIM_HEAD_MAX;
    if (want == 0) {
        bool known = sim->letter == 'L' || sim->letter == 'D';
        flag(sim, known ? DEV_SIM_MALFORMED : DEV_SIM_UNSUPPORTED);
        skip(sim, len);
        return;
    }
    sim->head_need = len < want ? (size_t)len : want;
    sim->head_got = 0;
    sim->state = P_PAYLOAD;
}

static void run_command(dev_printer_sim *sim)
{
    const uint8_t *h = sim->head;
    sim->state = P_IDLE;
    switch (sim->cmd) {
    case CMD_PLAIN:
        break;
    case CMD_FEED_LINES:
        feed(sim, h[0], 0);
        break;
    case CMD_FEED_DOTS:
        feed(sim, 0, h[0]);
        break;
    case CMD_BIT_IMAGE: {
        /* ESC * m nL nH: n columns of 1 byte (8-dot modes) or 3 bytes (24-dot). */
        uint64_t n = h[1] | (uint64_t)h[2] << 8;
        if (h[0] == 0 || h[0] == 1 || h[0] == 32 || h[0] == 33) {
            flag(sim, DEV_SIM_UNSUPPORTED);
            skip(sim, h[0] >= 32 ? 3 * n : n);
        } else {
            flag(sim, DEV_SIM_MALFORMED);
        }
        break;
    }
    case CMD_CUT:
        if (h[0] == 0 || h[0] == 48) {
            cut(sim, DEV_SIM_CUT_FULL);
        } else if (h[0] == 1 || h[0] == 49) {
            cut(sim, DEV_SIM_CUT_PARTIAL);
        } else if (h[0] == 65 || h[0] == 66 || h[0] == 97 || h[0] == 98 || h[0] == 103 ||
                   h[0] == 104) {
            sim->letter = h[0];
            expect_args(sim, CMD_CUT_FEED, 1);
        } else {
            flag(sim, DEV_SIM_MALFORMED);
        }
        break;
    case CMD_CUT_FEED:
        /* GS V 65/66 n: feed to the cutter plus n motion units, then cut.
         * 97/98/103/104 set a cut position for later: not simulated. */
        if (sim->letter == 65 || sim->letter == 66) {
            feed(sim, 0, h[0]);
            cut(sim, sim->letter == 65 ? DEV_SIM_CUT_FULL : DEV_SIM_CUT_PARTIAL);
        } else {
            flag(sim, DEV_SIM_UNSUPPORTED);
        }
        break;
    case CMD_RASTER: {
        size_t width_bytes = h[1] | (size_t)h[2] << 8;
        uint32_t rows = h[3] | (uint32_t)h[4] << 8;
        sim->payload_left = (uint64_t)width_bytes * rows;
        if (sim->payload_left == 0) {
            flag(sim, DEV_SIM_MALFORMED);
        } else if (h[0] != 0 && h[0] != 48) {
            flag(sim, DEV_SIM_UNSUPPORTED); /* double width or height */
            skip(sim, sim->payload_left);
        } else {
            start_image(sim, width_bytes,
                        width_bytes > DEV_RASTER_MAX_WIDTH / 8 ? DEV_RASTER_MAX_WIDTH
                                                               : (uint32_t)width_bytes * 8,
                        false);
        }
        break;
    }
    case CMD_PAREN_LEN:
        begin_payload(sim, h[0] | (uint64_t)h[1] << 8);
        break;
    case CMD_8L_LEN:
        begin_payload(sim,
                      h[0] | (uint64_t)h[1] << 8 | (uint64_t)h[2] << 16 | (uint64_t)h[3] << 24);
        break;
    case CMD_DLE_EOT:
        if (h[0] < 1 || h[0] > 4)
            flag(sim, DEV_SIM_MALFORMED);
        else if (!sim->config.realtime_in_data)
            answer_status(sim, h[0]);
        break;
    case CMD_DLE_ENQ:
        /* 1: recover and go on, 2: recover and clear buffers. A jammed cutter is recoverable. */
        if (h[0] == 1 || h[0] == 2)
            sim->cutter_jam = false;
        else
            flag(sim, DEV_SIM_MALFORMED);
        break;
    case CMD_DLE_DC4:
        break; /* drawer pulse, power-off, buffer clear: no drawer here */
    }
}

static int plain_args(const char *one, const char *two, const char *three, uint8_t b)
{
    if (b == 0)
        return 0;
    if (strchr(one, b))
        return 1;
    if (strchr(two, b))
        return 2;
    if (strchr(three, b))
        return 3;
    return 0;
}

static void process(dev_printer_sim *sim, uint8_t b);

/* b does not follow the prefix before it: note it and read b as a new command. */
static void resync(dev_printer_sim *sim, uint8_t b)
{
    flag(sim, DEV_SIM_UNKNOWN_COMMAND);
    sim->state = P_IDLE;
    process(sim, b);
}

static void process_idle(dev_printer_sim *sim, uint8_t b)
{
    /* Real-time commands and NUL padding between jobs do not start a job. */
    if (b != DEV_ESCPOS_DLE && b != 0)
        sim->job_started = true;
    switch (b) {
    case DEV_ESCPOS_ESC:
        sim->state = P_ESC;
        break;
    case DEV_ESCPOS_GS:
        sim->state = P_GS;
        break;
    case DEV_ESCPOS_DLE:
        sim->state = P_DLE;
        break;
    case DEV_ESCPOS_LF:
        feed(sim, 1, 0);
        break;
    case 0:
    case '\r':
        break;
    default:
        if (b < 0x20) {
            flag(sim, DEV_SIM_UNKNOWN_COMMAND);
        } else {
            add_saturating(&sim->job->text_bytes, 1);
            flag(sim, DEV_SIM_TEXT);
        }
    }
}

static void process_esc(dev_printer_sim *sim, uint8_t b)
{
    sim->state = P_IDLE;
    switch (b) {
    case '@':
        /* Modes back to power-on; the print buffer, and a stored image with it, is cleared. */
        sim->dc4_drawer = sim->dc4_power = true;
        dev_raster_free(sim->stored);
        sim->stored = NULL;
        break;
    case 'i':
    case 'm':
        cut(sim, DEV_SIM_CUT_PARTIAL);
        break;
    case '2':
        break;
    case 'd':
        expect_args(sim, CMD_FEED_LINES, 1);
        break;
    case 'J':
        expect_args(sim, CMD_FEED_DOTS, 1);
        break;
    case '*':
        expect_args(sim, CMD_BIT_IMAGE, 3);
        break;
    default: {
        int n = plain_args("!-3EGMRUVaert{ ", "c$\\", "p", b);
        if (n)
            expect_args(sim, CMD_PLAIN, (size_t)n);
        else
            resync(sim, b);
    }
    }
}

static void process_gs(dev_printer_sim *sim, uint8_t b)
{
    sim->state = P_IDLE;
    switch (b) {
    case 'v':
        sim->state = P_GS_V;
        break;
    case '(':
        sim->state = P_GS_PAREN;
        break;
    case '8':
        sim->state = P_GS_8;
        break;
    case 'V':
        expect_args(sim, CMD_CUT, 1);
        break;
    default: {
        int n = plain_args("!BHIabfhrw", "LPW", "", b);
        if (n)
            expect_args(sim, CMD_PLAIN, (size_t)n);
        else
            resync(sim, b);
    }
    }
}

static void process_dle(dev_printer_sim *sim, uint8_t b)
{
    sim->state = P_IDLE;
    if (b == DEV_ESCPOS_EOT)
        expect_args(sim, CMD_DLE_EOT, 1);
    else if (b == ENQ)
        expect_args(sim, CMD_DLE_ENQ, 1);
    else if (b == DC4)
        expect_args(sim, CMD_DLE_DC4, 3);
    else
        resync(sim, b);
}

static void process(dev_printer_sim *sim, uint8_t b)
{
    switch (sim->state) {
    case P_IDLE:
        process_idle(sim, b);
        break;
    case P_ESC:
        process_esc(sim, b);
        break;
    case P_GS:
        process_gs(sim, b);
        break;
    case P_DLE:
        process_dle(sim, b);
        break;
    case P_GS_V:
        if (b == '0')
            expect_args(sim, CMD_RASTER, 5);
        else
            resync(sim, b);
        break;
    case P_GS_PAREN:
        /* Function letters are 'A'..'z'; anything else means we lost step. */
        if (b >= 'A' && b <= 'z') {
            sim->letter = b;
            expect_args(sim, CMD_PAREN_LEN, 2);
        } else {
            resync(sim, b);
        }
        break;
    case P_GS_8:
        if (b == 'L') {
            sim->letter = b;
            expect_args(sim, CMD_8L_LEN, 4);
        } else {
            resync(sim, b);
        }
        break;
    case P_ARGS:
        sim->head[sim->head_got++] = b;
        if (sim->head_got == sim->head_need)
            run_command(sim);
        break;
    case P_PAYLOAD:
        sim->head[sim->head_got++] = b;
        sim->payload_left--;
        if (sim->head_got == sim->head_need) {
            sim->state = P_IDLE;
            if (sim->letter == 'L')
                graphics_head(sim);
            else
                realtime_switches(sim);
        }
        break;
    case P_IMAGE:
        image_byte(sim, b);
        break;
    case P_SKIP:
        if (--sim->payload_left == 0)
            sim->state = P_IDLE;
        break;
    }
}

/* Real printers act on 10 04 n wherever it occurs, image data included. */
static void realtime_scan(dev_printer_sim *sim, uint8_t b)
{
    if (sim->recent[0] == DEV_ESCPOS_DLE && sim->recent[1] == DEV_ESCPOS_EOT && b >= 1 && b <= 4)
        answer_status(sim, b);
    sim->recent[0] = sim->recent[1];
    sim->recent[1] = b;
}

/* ---- public --------------------------------------------------------------- */

dev_printer_sim *dev_printer_sim_new(const dev_printer_sim_config *config)
{
    dev_printer_sim_config defaults;
    if (!config) {
        dev_printer_sim_config_default(&defaults);
        config = &defaults;
    }
    if (config->paper_width_dots < 8 || config->paper_width_dots > DEV_RASTER_MAX_WIDTH ||
        config->max_job_rows < 1 || config->max_job_rows > DEV_RASTER_MAX_HEIGHT ||
        config->max_pending_jobs < 1 || config->max_pending_jobs > SIM_MAX_PENDING_JOBS)
        return NULL;
    dev_printer_sim *sim = calloc(1, sizeof *sim);
    if (!sim)
        goto error;
    sim->config = *config;
    sim->paper_bytes = (config->paper_width_dots + 7) / 8;
    sim->paper = DEV_SIM_PAPER_OK;
    sim->dc4_drawer = sim->dc4_power = true;
    dev_buffer_init(&sim->answers, DEV_SIM_MAX_OUTPUT);
    sim->done = calloc(config->max_pending_jobs, sizeof *sim->done);
    if (!sim->done)
        goto error;
    sim->job = job_new(sim);
    if (!sim->job)
        goto error;
    return sim;
error:
    dev_printer_sim_free(sim);
    return NULL;
}

void dev_printer_sim_free(dev_printer_sim *sim)
{
    if (!sim)
        return;
    for (size_t i = 0; i < sim->done_count; i++)
        dev_sim_job_free(sim->done[i]);
    free(sim->done);
    dev_sim_job_free(sim->job);
    dev_raster_free(sim->stored);
    dev_buffer_free(&sim->answers);
    free(sim);
}

void dev_printer_sim_feed(dev_printer_sim *sim, const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!sim->job && !(sim->job = job_new(sim)))
            continue;
        uint8_t b = data[i];
        if (sim->byte_faults_waiting)
            fire_due(sim, DEV_SIM_AFTER_BYTES, sim->bytes_received);
        sim->bytes_received++;
        /* Between jobs keep only the command being read, so status polls do not pile up. */
        if (sim->state == P_IDLE && !sim->job_started)
            sim->job->bytes.len = 0;
        if (!dev_buffer_append_byte(&sim->job->bytes, b))
            flag(sim, DEV_SIM_BYTES_TRUNCATED);
        if (sim->config.realtime_in_data)
            realtime_scan(sim, b);
        process(sim, b);
    }
}

size_t dev_printer_sim_read(dev_printer_sim *sim, uint8_t *dst, size_t cap)
{
    size_t n = sim->answers.len < cap ? sim->answers.len : cap;
    if (n) {
        memcpy(dst, sim->answers.data, n);
        dev_buffer_consume(&sim->answers, n);
    }
    return n;
}

dev_sim_job *dev_printer_sim_take_job(dev_printer_sim *sim)
{
    if (sim->done_count == 0)
        return NULL;
    dev_sim_job *job = sim->done[0];
    memmove(sim->done, sim->done + 1, (sim->done_count - 1) * sizeof *sim->done);
    sim->done_count--;
    return job;
}

void dev_printer_sim_disconnect(dev_printer_sim *sim)
{
    sim->state = P_IDLE;
    sim->payload_left = 0;
    sim->recent[0] = sim->recent[1] = 0;
    if (!sim->job)
        return;
    if (sim->job_started)
        job_finish(sim, DEV_SIM_CUT_NONE);
    else
        sim->job->bytes.len = 0;
}

bool dev_printer_sim_serve_fd(dev_printer_sim *sim, int fd)
{
    uint8_t buf[SIM_READ_CHUNK];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0)
        return false;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        return false;
    if (n > 0)
        dev_printer_sim_feed(sim, buf, (size_t)n);
    while (sim->answers.len) {
        ssize_t written = write(fd, sim->answers.data, sim->answers.len);
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK;
        dev_buffer_consume(&sim->answers, (size_t)written);
    }
    return true;
}
