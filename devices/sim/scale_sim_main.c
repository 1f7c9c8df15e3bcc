/*
 * scale-sim: a produce scale on a pseudo-terminal, for demos and tests of
 * the real driver (devices/scale/scale_serial.h). It answers every weight
 * request in the chosen dialect with the reading set by lines on stdin:
 *
 *   scale-sim --dialect mt8217 --link /tmp/scale
 *   1250        stable, 1.250 kg
 *   unstable | over | under | nozero    that status
 *   garble      framed replies with line noise inside
 *   silent      no replies at all
 *
 * A weight or status line also ends garble and silent. The first line on
 * stdout is "pty /dev/pts/N"; --link PATH also points a symlink there (a
 * stable path for a serial:// URI, removed at exit). End of stdin, SIGINT
 * or SIGTERM stop it.
 */

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/sim/scale_sim.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void usage(FILE *to)
{
    fprintf(to, "usage: scale-sim [--dialect magellan|mt8217|nci] [--link PATH]\n"
                "  stdin lines: GRAMS (0..99999), unstable, over, under, nozero, garble, silent\n");
}

/* Points link at target, replacing what was there without a moment of absence. */
static bool make_link(const char *link, const char *target)
{
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.%d", link, (int)getpid()) >= sizeof(tmp))
        return false;
    unlink(tmp);
    return symlink(target, tmp) == 0 && rename(tmp, link) == 0;
}

/* Applies one stdin command; false when it is not one. */
static bool command(dev_scale_sim *sim, const char *line)
{
    static const struct {
        const char *word;
        enum dev_scale_status status;
    } words[] = {
        {"unstable", DEV_SCALE_UNSTABLE},
        {"over", DEV_SCALE_OVERLOAD},
        {"under", DEV_SCALE_UNDER_ZERO},
        {"nozero", DEV_SCALE_NO_ZERO},
    };
    if (strcmp(line, "garble") == 0) {
        dev_scale_sim_fault(sim, DEV_SCALE_SIM_GARBLE);
        return true;
    }
    if (strcmp(line, "silent") == 0) {
        dev_scale_sim_fault(sim, DEV_SCALE_SIM_SILENT);
        return true;
    }
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strcmp(line, words[i].word) == 0) {
            dev_scale_sim_set(sim, words[i].status, 0);
            dev_scale_sim_fault(sim, DEV_SCALE_SIM_ANSWER);
            return true;
        }
    char *end;
    errno = 0;
    long grams = strtol(line, &end, 10);
    if (errno || end == line || *end || grams < 0 || grams > 99999)
        return false;
    dev_scale_sim_set(sim, DEV_SCALE_STABLE, grams);
    dev_scale_sim_fault(sim, DEV_SCALE_SIM_ANSWER);
    return true;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"dialect", required_argument, NULL, 'd'},
        {"link", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    enum dev_scale_dialect dialect = DEV_SCALE_MAGELLAN;
    const char *link = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "d:l:h", options, NULL)) != -1) {
        if (opt == 'd' && strcmp(optarg, "magellan") == 0)
            dialect = DEV_SCALE_MAGELLAN;
        else if (opt == 'd' && strcmp(optarg, "mt8217") == 0)
            dialect = DEV_SCALE_MT8217;
        else if (opt == 'd' && strcmp(optarg, "nci") == 0)
            dialect = DEV_SCALE_NCI;
        else if (opt == 'l')
            link = optarg;
        else {
            usage(opt == 'h' ? stdout : stderr);
            return opt == 'h' ? 0 : 2;
        }
    }
    int status = 1;
    int keep = -1;
    dev_scale_sim *sim = dev_scale_sim_new(dialect);
    if (!sim) {
        perror("scale-sim: pty");
        goto end;
    }
    /* our own slave descriptor keeps the pty up while no driver has it open */
    keep = open(dev_scale_sim_tty_path(sim), O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (keep < 0 || (link && !make_link(link, dev_scale_sim_tty_path(sim)))) {
        perror("scale-sim: slave or link");
        goto end;
    }
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    printf("pty %s\n", dev_scale_sim_tty_path(sim));
    fflush(stdout);
    char line[64];
    size_t len = 0;
    while (!stop_requested) {
        struct pollfd p[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
                              {.fd = dev_scale_sim_fd(sim), .events = POLLIN}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            perror("scale-sim: poll");
            goto end;
        }
        if (p[1].revents & POLLIN)
            dev_scale_sim_serve(sim, 0);
        if (!(p[0].revents & (POLLIN | POLLHUP)))
            continue;
        char c;
        ssize_t n = read(STDIN_FILENO, &c, 1);
        if (n <= 0)
            break;
        if (c != '\n') {
            if (len + 1 < sizeof(line))
                line[len++] = c;
            continue;
        }
        line[len] = '\0';
        len = 0;
        if (!command(sim, line))
            fprintf(stderr, "scale-sim: not a command: %s\n", line);
    }
    status = 0;
end:
    if (link)
        unlink(link);
    if (keep >= 0)
        close(keep);
    dev_scale_sim_free(sim);
    return status;
}
