/*
 * Pseudo-terminals for the serial device simulators (scale, scanner): the
 * simulator holds the master, the driver opens the slave as it would
 * /dev/ttyUSB0 or /dev/ttyACM0.
 */
#ifndef DEVICES_SIM_SIM_PTY_H
#define DEVICES_SIM_SIM_PTY_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Opens a raw (no echo, no line editing) pty master, close-on-exec, and
 * writes its slave's path (/dev/pts/N) into slave (cap bytes). The master
 * fd, owned by the caller, or -1 on failure.
 */
int dev_sim_pty_open(char *slave, size_t cap);

/* Writes all of data[0..n) to fd, retrying short writes; false on an error. */
bool dev_sim_write_all(int fd, const void *data, size_t n);

#endif
