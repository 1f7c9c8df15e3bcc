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
/* posix_openpt, grantpt, unlockpt, ptsname are XSI. */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static bool make_link(const char *link, const char *target)
{
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.%d", link, (int)getpid()) >= sizeof(tmp))
        return false;
    unlink(tmp);
    return symlink(target, tmp) == 0 && rename(tmp, link) == 0;
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
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
    int status = 1, keep = -1;
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    const char *slave = NULL;
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 || !(slave = ptsname(master))) {
        perror("scanner-sim: pty");
        goto end;
    }
    struct termios t;
    if (tcgetattr(master, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(master, TCSANOW, &t);
    }
    /* our own slave descriptor keeps the pty up while no reader has it open */
    keep = open(slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (keep < 0 || (link && !make_link(link, slave))) {
        perror("scanner-sim: slave or link");
        goto end;
    }
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    printf("pty %s\n", slave);
    fflush(stdout);
    char line[512];
    while (!stop_requested && fgets(line, sizeof(line), stdin)) {
        size_t len = strcspn(line, "\n");
        line[len++] = '\r';
        if (!write_all(master, line, len)) {
            perror("scanner-sim: write");
            goto end;
        }
    }
    status = 0;
end:
    if (link)
        unlink(link);
    if (keep >= 0)
        close(keep);
    if (master >= 0)
        close(master);
    return status;
}
