/*
 * scanner-sim: a USB-CDC barcode scanner on a pseudo-terminal. Each line
 * read on stdin is "scanned": sent to the pty followed by CR, the factory
 * suffix of most CDC scanners, for the real parser
 * (devices/scanner/scanner_serial.h) to read through serial:// as it would
 * read /dev/ttyACM0.
 *
 *   scanner-sim --link /tmp/scanner
 *   6281007040019
 *
 * The first line on stdout is "pty /dev/pts/N"; --link PATH also points a
 * symlink there (removed at exit). End of stdin, SIGINT or SIGTERM stop
 * it. Lines are sent as they are, so a test can send garbage too.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "devices/sim/sim_program.h"
#include "devices/sim/sim_pty.h"

/* Sends one stdin line to the pty as a scan: the line, then CR. */
static enum dev_sim_line scan(void *user, const char *line)
{
    int master = *(const int *)user;
    size_t len = strlen(line);
    if (!dev_sim_write_all(master, line, len) || !dev_sim_write_all(master, "\r", 1))
        return DEV_SIM_LINE_FAILED;
    return DEV_SIM_LINE_DONE;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"link", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *link = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "l:h", options, NULL)) != -1) {
        if (opt == 'l')
            link = optarg;
        else {
            fprintf(opt == 'h' ? stdout : stderr, "usage: scanner-sim [--link PATH]\n");
            return opt == 'h' ? 0 : 2;
        }
    }
    char slave[64];
    int master = dev_sim_pty_open(slave, sizeof(slave));
    if (master < 0) {
        perror("scanner-sim: pty");
        return 1;
    }
    /* what the reader writes back (nothing, for a scanner) is not read: serve_fd -1 */
    struct dev_sim_program program = {
        .name = "scanner-sim",
        .slave = slave,
        .link = link,
        .serve_fd = -1,
        .line = scan,
        .user = &master,
    };
    int status = dev_sim_program_run(&program);
    close(master);
    return status;
}
