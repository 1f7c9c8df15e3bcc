/*
 * escpos-printer-sim: a simulated ESC/POS receipt printer on TCP (like a
 * network printer's port 9100) or on a pseudo-terminal (like a USB-serial
 * one). Each job, from its first command to the cut, is written to the
 * output folder as job-N.escpos (the bytes received) and job-N.png (what
 * would be on the paper). Faults can be scripted:
 *
 *   escpos-printer-sim --listen 127.0.0.1:9100 --out /tmp/receipts \
 *       --fault rows=3000:paper-out --fault jobs=2:cover-open
 *
 * One client at a time, as on a real printer. The first line on stdout says
 * where it listens ("listening on 127.0.0.1:9100" or "pty /dev/pts/3"), so
 * scripts can pass --listen 127.0.0.1:0 and read the port.
 */
/* posix_openpt, grantpt, unlockpt, ptsname are XSI. */
#define _XOPEN_SOURCE 700

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "devices/printer/profile.h"
#include "devices/printer/raster_png.h"
#include "devices/sim/printer_sim.h"

struct options {
    char host[64];
    unsigned long port;
    bool pty;
    const char *out_dir;
    uint32_t width_dots;
    unsigned long max_jobs; /* 0: run until a signal */
    dev_sim_fault faults[DEV_SIM_MAX_FAULTS];
    size_t fault_count;
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void usage(FILE *to)
{
    fprintf(to,
            "usage: escpos-printer-sim [--listen HOST:PORT | --pty] [--out DIR]\n"
            "                          [--profile NAME | --width DOTS] [--fault SPEC]...\n"
            "                          [--jobs N]\n"
            "  --listen HOST:PORT  serve TCP (default 127.0.0.1:9100; port 0 picks a free port)\n"
            "  --pty               serve a pseudo-terminal; its path is printed\n"
            "  --out DIR           where job-N.png and job-N.escpos go (default .)\n"
            "  --profile NAME      paper width of a printer profile (default generic-80mm-203dpi)\n"
            "  --width DOTS        paper width in dots, 8..%d\n"
            "  --fault SPEC        TRIGGER=COUNT:EVENT or EVENT, e.g. rows=3000:paper-out,\n"
            "                      jobs=1:cover-open, bytes=100:mute, offline; repeatable\n"
            "  --jobs N            exit after N jobs\n",
            DEV_RASTER_MAX_WIDTH);
}

static bool parse_ulong(const char *text, unsigned long min, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long value = strtoul(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-' || value < min || value > max)
        return false;
    *out = value;
    return true;
}

static bool parse_listen(const char *text, struct options *opt)
{
    const char *colon = strrchr(text, ':');
    if (!colon || (size_t)(colon - text) >= sizeof opt->host || colon == text)
        return false;
    memcpy(opt->host, text, (size_t)(colon - text));
    opt->host[colon - text] = '\0';
    return parse_ulong(colon + 1, 0, 65535, &opt->port);
}

static bool parse_options(int argc, char **argv, struct options *opt)
{
    static const struct option longs[] = {
        {"listen", required_argument, NULL, 'l'},
        {"pty", no_argument, NULL, 'p'},
        {"out", required_argument, NULL, 'o'},
        {"profile", required_argument, NULL, 'P'},
        {"width", required_argument, NULL, 'w'},
        {"fault", required_argument, NULL, 'f'},
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memcpy(opt->host, "127.0.0.1", sizeof "127.0.0.1");
    opt->port = 9100;
    opt->out_dir = ".";
    opt->width_dots = dev_printer_profile_default()->width_dots;
    unsigned long value;
    const dev_printer_profile *profile;
    int c;
    while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
        switch (c) {
        case 'l':
            if (!parse_listen(optarg, opt)) {
                fprintf(stderr, "escpos-printer-sim: --listen wants HOST:PORT, got \"%s\"\n",
                        optarg);
                return false;
            }
            break;
        case 'p':
            opt->pty = true;
            break;
        case 'o':
            opt->out_dir = optarg;
            break;
        case 'P':
            profile = dev_printer_profile_find(optarg);
            if (!profile) {
                fprintf(stderr, "escpos-printer-sim: no printer profile \"%s\"\n", optarg);
                return false;
            }
            opt->width_dots = profile->width_dots;
            break;
        case 'w':
            if (!parse_ulong(optarg, 8, DEV_RASTER_MAX_WIDTH, &value)) {
                fprintf(stderr, "escpos-printer-sim: --width wants 8..%d dots\n",
                        DEV_RASTER_MAX_WIDTH);
                return false;
            }
            opt->width_dots = (uint32_t)value;
            break;
        case 'f':
            if (opt->fault_count == DEV_SIM_MAX_FAULTS ||
                !dev_sim_fault_parse(optarg, &opt->faults[opt->fault_count])) {
                fprintf(stderr, "escpos-printer-sim: bad or too many --fault \"%s\"\n", optarg);
                return false;
            }
            opt->fault_count++;
            break;
        case 'j':
            if (!parse_ulong(optarg, 1, 1000000, &opt->max_jobs)) {
                fprintf(stderr, "escpos-printer-sim: --jobs wants a positive count\n");
                return false;
            }
            break;
        case 'h':
            usage(stdout);
            exit(0);
        default:
            usage(stderr);
            return false;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return false;
    }
    return true;
}

static int open_listener(const struct options *opt)
{
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)opt->port)};
    if (inet_pton(AF_INET, opt->host, &addr.sin_addr) != 1) {
        fprintf(stderr, "escpos-printer-sim: \"%s\" is not an IPv4 address\n", opt->host);
        return -1;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        goto error;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 4) != 0)
        goto error;
    socklen_t len = sizeof addr;
    if (getsockname(fd, (struct sockaddr *)&addr, &len) != 0)
        goto error;
    printf("listening on %s:%u\n", opt->host, ntohs(addr.sin_port));
    fflush(stdout);
    return fd;
error:
    fprintf(stderr, "escpos-printer-sim: %s:%lu: %s\n", opt->host, opt->port, strerror(errno));
    if (fd >= 0)
        close(fd);
    return -1;
}

/*
 * A pseudo-terminal in raw mode. We keep the slave side open ourselves so
 * the master never reports a hang-up between clients.
 */
static int open_pty(int *slave_out)
{
    int slave = -1;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        goto error;
    const char *name = ptsname(master);
    if (!name)
        goto error;
    slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    struct termios tio;
    if (slave < 0 || tcgetattr(slave, &tio) != 0)
        goto error;
    cfmakeraw(&tio);
    if (tcsetattr(slave, TCSANOW, &tio) != 0)
        goto error;
    printf("pty %s\n", name);
    fflush(stdout);
    *slave_out = slave;
    return master;
error:
    fprintf(stderr, "escpos-printer-sim: pseudo-terminal: %s\n", strerror(errno));
    if (slave >= 0)
        close(slave);
    if (master >= 0)
        close(master);
    return -1;
}

static bool write_file(const char *path, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

/* Writes the finished jobs out; returns how many. */
static unsigned long save_jobs(dev_printer_sim *sim, const char *out_dir)
{
    static const char *const cuts[] = {"no cut", "full cut", "partial cut"};
    unsigned long saved = 0;
    dev_sim_job *job;
    while ((job = dev_printer_sim_take_job(sim))) {
        char path[4096];
        snprintf(path, sizeof path, "%s/job-%u.escpos", out_dir, job->number);
        if (!write_file(path, job->bytes.data, job->bytes.len))
            fprintf(stderr, "escpos-printer-sim: %s: %s\n", path, strerror(errno));
        if (job->raster) {
            snprintf(path, sizeof path, "%s/job-%u.png", out_dir, job->number);
            if (!dev_raster_write_png(job->raster, path))
                fprintf(stderr, "escpos-printer-sim: %s: cannot write\n", path);
        }
        fprintf(stderr,
                "escpos-printer-sim: job %u: %ux%u dots, %s, %zu bytes, %u rows lost, "
                "feed %u lines %u dots, anomalies 0x%02x\n",
                job->number, job->raster ? job->raster->width : 0,
                job->raster ? job->raster->height : 0, cuts[job->cut], job->bytes.len,
                job->rows_lost, job->feed_lines, job->feed_dots, job->anomalies);
        dev_sim_job_free(job);
        saved++;
    }
    return saved;
}

/* Serves until a signal, or until max_jobs were saved. */
static int serve(const struct options *opt, dev_printer_sim *sim, int listen_fd, int pty_fd)
{
    int client = pty_fd;
    unsigned long jobs = 0;
    while (!stop_requested && (opt->max_jobs == 0 || jobs < opt->max_jobs)) {
        struct pollfd pfd = {.fd = client >= 0 ? client : listen_fd, .events = POLLIN};
        int ready = poll(&pfd, 1, -1);
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "escpos-printer-sim: poll: %s\n", strerror(errno));
            return 1;
        }
        if (client < 0) {
            client = accept(listen_fd, NULL, NULL);
            if (client < 0 && errno != EINTR && errno != ECONNABORTED)
                fprintf(stderr, "escpos-printer-sim: accept: %s\n", strerror(errno));
            continue;
        }
        if (!dev_printer_sim_serve_fd(sim, client)) {
            dev_printer_sim_disconnect(sim);
            if (client == pty_fd) {
                fprintf(stderr, "escpos-printer-sim: pty: %s\n", strerror(errno));
                jobs += save_jobs(sim, opt->out_dir);
                return 1;
            }
            close(client);
            client = -1;
        }
        jobs += save_jobs(sim, opt->out_dir);
    }
    if (client >= 0 && client != pty_fd)
        close(client);
    dev_printer_sim_disconnect(sim);
    save_jobs(sim, opt->out_dir);
    return 0;
}

int main(int argc, char **argv)
{
    int status = 1, listen_fd = -1, pty_fd = -1, pty_slave = -1;
    dev_printer_sim *sim = NULL;
    struct options opt = {0};
    if (!parse_options(argc, argv, &opt))
        goto end;

    struct stat st;
    if (stat(opt.out_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "escpos-printer-sim: %s is not a folder\n", opt.out_dir);
        goto end;
    }
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    dev_printer_sim_config config;
    dev_printer_sim_config_default(&config);
    config.paper_width_dots = opt.width_dots;
    sim = dev_printer_sim_new(&config);
    if (!sim) {
        fprintf(stderr, "escpos-printer-sim: out of memory\n");
        goto end;
    }
    for (size_t i = 0; i < opt.fault_count; i++)
        dev_printer_sim_schedule(sim, &opt.faults[i]);

    if (opt.pty)
        pty_fd = open_pty(&pty_slave);
    else
        listen_fd = open_listener(&opt);
    if (pty_fd < 0 && listen_fd < 0)
        goto end;
    status = serve(&opt, sim, listen_fd, pty_fd);
end:
    dev_printer_sim_free(sim);
    if (listen_fd >= 0)
        close(listen_fd);
    if (pty_fd >= 0)
        close(pty_fd);
    if (pty_slave >= 0)
        close(pty_slave);
    return status;
}
