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
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "devices/sim/scale_sim.h"
#include "devices/sim/sim_program.h"

static void usage(FILE *to)
{
    fprintf(to, "usage: scale-sim [--dialect magellan|mt8217|nci] [--link PATH]\n"
                "  stdin lines: GRAMS (0..99999), unstable, over, under, nozero, garble, silent\n");
}

/* Applies one stdin command. */
static enum dev_sim_line command(void *user, const char *line)
{
    dev_scale_sim *sim = user;
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
        return DEV_SIM_LINE_DONE;
    }
    if (strcmp(line, "silent") == 0) {
        dev_scale_sim_fault(sim, DEV_SCALE_SIM_SILENT);
        return DEV_SIM_LINE_DONE;
    }
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strcmp(line, words[i].word) == 0) {
            dev_scale_sim_set(sim, words[i].status, 0);
            dev_scale_sim_fault(sim, DEV_SCALE_SIM_ANSWER);
            return DEV_SIM_LINE_DONE;
        }
    char *end;
    errno = 0;
    long grams = strtol(line, &end, 10);
    if (errno || end == line || *end || grams < 0 || grams > 99999)
        return DEV_SIM_LINE_UNKNOWN;
    dev_scale_sim_set(sim, DEV_SCALE_STABLE, grams);
    dev_scale_sim_fault(sim, DEV_SCALE_SIM_ANSWER);
    return DEV_SIM_LINE_DONE;
}

static void serve(void *user)
{
    dev_scale_sim_serve(user, 0);
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
    dev_scale_sim *sim = dev_scale_sim_new(dialect);
    if (!sim) {
        perror("scale-sim: pty");
        return 1;
    }
    struct dev_sim_program program = {
        .name = "scale-sim",
        .slave = dev_scale_sim_tty_path(sim),
        .link = link,
        .serve_fd = dev_scale_sim_fd(sim),
        .serve = serve,
        .line = command,
        .user = sim,
    };
    int status = dev_sim_program_run(&program);
    dev_scale_sim_free(sim);
    return status;
}
