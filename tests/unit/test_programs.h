/*
 * The real programs in tests: their paths in the build, started as child
 * processes under SDL's offscreen video driver (so screens run without a
 * display), waited for with a limit, stopped; a free loopback port; a
 * database removed with its WAL and shared-memory files. Shared by the
 * end-to-end tests that run the kiosk beside the other programs.
 */
#ifndef TESTS_UNIT_TEST_PROGRAMS_H
#define TESTS_UNIT_TEST_PROGRAMS_H

#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include "tests/support/check.h"

/* Removes a database left by an earlier run, with its WAL and shared-memory files. */
static inline void program_remove_database(const char *path)
{
    char companion[4400];
    unlink(path);
    snprintf(companion, sizeof companion, "%s-wal", path);
    unlink(companion);
    snprintf(companion, sizeof companion, "%s-shm", path);
    unlink(companion);
}

/* A loopback port that was free a moment ago; 0 on failure. */
static inline unsigned program_free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    unsigned port = 0;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

/* The built program kiosk/programs/<name> into out[cap]; false when it is not built. */
static inline bool program_path(const char *name, char *out, size_t cap)
{
    const char *build = getenv("KIOSK_BUILD_DIR");
    snprintf(out, cap, "%s/kiosk/programs/%s", build ? build : ".", name);
    if (access(out, X_OK) == 0)
        return true;
    fprintf(stderr, "  %s is not built (KIOSK_BUILD_DIR must point at the build)\n", out);
    return false;
}

/* Starts argv (argv[0]: the program's path) under the offscreen video driver; its pid, or -1. */
static inline pid_t program_start(const char *const *argv)
{
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    return pid;
}

/* Waits for pid to end, at most limit_s seconds (then kills it); its exit status, or -1. */
static inline int program_wait(pid_t pid, int limit_s)
{
    time_t deadline = time(NULL) + limit_s;
    int status;
    for (;;) {
        pid_t got = waitpid(pid, &status, WNOHANG);
        if (got == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        if (got < 0 || time(NULL) > deadline) {
            fprintf(stderr, "  process %ld did not finish in %d s\n", (long)pid, limit_s);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        usleep(20000);
    }
}

/* Asks pid to stop (SIGTERM) and waits for it; true when it ended with status 0. */
static inline bool program_stop(pid_t pid)
{
    if (pid <= 0)
        return false;
    kill(pid, SIGTERM);
    return program_wait(pid, 60) == 0;
}

/*
 * Waits on fd, the bound datagram socket a started program has as NOTIFY_SOCKET, for a
 * message holding notice ("READY=1", "STATUS=script holding"); false when limit_ms pass
 * without any message.
 */
static inline bool program_wait_notice(int fd, const char *notice, int limit_ms)
{
    char msg[512];
    for (;;) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        if (poll(&pfd, 1, limit_ms) <= 0)
            return false;
        ssize_t got = recv(fd, msg, sizeof msg - 1, 0);
        if (got < 0)
            return false;
        msg[got] = '\0';
        if (strstr(msg, notice))
            return true;
    }
}

/* READY=1, which the kiosk sends right after presenting its first frame. */
static inline bool program_wait_ready(int fd, int limit_ms)
{
    return program_wait_notice(fd, "READY=1", limit_ms);
}

#endif
