/*
 * The shell every pty simulator program (scale-sim, scanner-sim) shares:
 * keep the pty up while no driver has it open, point an optional symlink
 * at it (a stable path for a serial:// URI), print "pty /dev/pts/N", then
 * feed stdin to the program line by line while serving the device side,
 * until end of stdin, SIGINT or SIGTERM; the symlink is removed at the end.
 */
#ifndef DEVICES_SIM_SIM_PROGRAM_H
#define DEVICES_SIM_SIM_PROGRAM_H

#include <stdbool.h>

#define DEV_SIM_LINE_MAX 511 /* longer stdin lines are cut to this many bytes */

enum dev_sim_line {
    DEV_SIM_LINE_DONE,    /* the line was carried out */
    DEV_SIM_LINE_UNKNOWN, /* not a command: said on stderr, and the program goes on */
    DEV_SIM_LINE_FAILED,  /* the device side failed: the program stops with status 1 */
};

struct dev_sim_program {
    const char *name;          /* for messages on stderr: "scale-sim" */
    const char *slave;         /* the pty slave path, borrowed */
    const char *link;          /* symlink to create, or NULL */
    int serve_fd;              /* polled for input beside stdin; -1 for none */
    void (*serve)(void *user); /* called when serve_fd is readable */
    enum dev_sim_line (*line)(void *user, const char *line); /* one stdin line, no newline */
    void *user;
};

/* Runs the program as described above; the process exit status (0 or 1). */
int dev_sim_program_run(const struct dev_sim_program *p);

#endif
