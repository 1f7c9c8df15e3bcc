/* Xvfb for tests and benchmarks (see tests/support/xvfb.h). */
#include "tests/support/xvfb.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

pid_t xvfb_start(const char *geometry, const char *log, char *display, size_t cap)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        int fd = open(log ? log : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
        }
        char fd_text[16];
        snprintf(fd_text, sizeof fd_text, "%d", fds[1]);
        /*
         * -noreset: by default the server resets when its last client leaves, and a
         * client connecting during that reset is refused (seen under load when a test
         * closes one window and connects again).
         */
        execlp("Xvfb", "Xvfb", "-displayfd", fd_text, "-screen", "0", geometry, "-nolisten", "tcp",
               "-noreset", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    /*
     * Xvfb writes the display number, then a newline, once it accepts
     * clients; it dies if the pipe is closed before the newline is written.
     */
    char number[16] = "";
    size_t n = 0;
    ssize_t got = 1;
    while (pid > 0 && got > 0 && n + 1 < sizeof number && !memchr(number, '\n', n)) {
        got = read(fds[0], number + n, sizeof number - 1 - n);
        n += got > 0 ? (size_t)got : 0;
    }
    close(fds[0]);
    if (n == 0 || !memchr(number, '\n', n)) {
        fprintf(stderr, "  Xvfb did not start (is the xvfb package installed?)\n");
        xvfb_stop(pid);
        return -1;
    }
    number[n] = '\0';
    number[strcspn(number, "\n")] = '\0';
    snprintf(display, cap, ":%s", number);
    return pid;
}

pid_t xvfb_start_for_sdl(const char *geometry, char *display, size_t cap)
{
    pid_t pid = xvfb_start(geometry, NULL, display, cap);
    if (pid > 0) {
        setenv("DISPLAY", display, 1);
        setenv("SDL_VIDEODRIVER", "x11", 1);
    }
    return pid;
}

void xvfb_stop(pid_t pid)
{
    if (pid <= 0)
        return;
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
}
