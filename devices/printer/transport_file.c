/*
 * file:///PATH: a printer behind a character device: the kernel's usblp
 * driver (/dev/usb/lp0), a serial port (/dev/ttyUSB0) or a pseudo-terminal
 * (the simulator's --pty). A terminal is switched to raw mode so that no
 * byte of an image is translated or eaten; its speed is left as configured
 * (stty), since printers differ.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "devices/printer/transport_fd.h"

/* An absolute path without NUL bytes or "..": anything else is a typo or worse. */
static enum dev_printer_error file_check(const char *target)
{
    size_t len = strnlen(target, DEV_PRINTER_URI_MAX + 1);
    if (len < 2 || len > DEV_PRINTER_URI_MAX || target[0] != '/' || strstr(target, "/../") ||
        (len >= 3 && strcmp(target + len - 3, "/..") == 0))
        return DEV_PRINTER_ERR_BAD_URI;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)target[i] < 0x20)
            return DEV_PRINTER_ERR_BAD_URI;
    return DEV_PRINTER_OK;
}

static enum dev_printer_error file_open(const char *target, void *device, int timeout_ms,
                                        void **state)
{
    (void)device;
    (void)timeout_ms; /* opening a device node does not wait */
    *state = NULL;
    if (file_check(target) != DEV_PRINTER_OK)
        return DEV_PRINTER_ERR_BAD_URI;
    int fd = open(target, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return dev_fd_error(errno);
    struct termios tio;
    if (isatty(fd) && tcgetattr(fd, &tio) == 0) {
        cfmakeraw(&tio);
        if (tcsetattr(fd, TCSANOW, &tio) != 0) {
            int err = errno;
            close(fd);
            return dev_fd_error(err);
        }
    }
    *state = dev_fd_link_new(fd, false);
    return *state ? DEV_PRINTER_OK : DEV_PRINTER_ERR_NO_MEMORY;
}

const dev_transport_class dev_transport_file = {
    .scheme = "file",
    .check = file_check,
    .open = file_open,
    .write = dev_fd_link_write,
    .read = dev_fd_link_read,
    .discard_input = dev_fd_link_discard_input,
    .close = dev_fd_link_close,
};
