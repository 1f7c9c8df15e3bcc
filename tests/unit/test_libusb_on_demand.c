/*
 * libusb loaded on its first call (devices/common/libusb_on_demand.c): the
 * test program, linked like every program, has no libusb mapped until it
 * calls one of its functions; then a context made and the bus listed
 * through the forwarders (an empty list where the box has no USB bus) are
 * libusb's own. No program names libusb among the libraries it loads at
 * start (tests/unit/test_curl_on_demand.c reads their NEEDED entries); the
 * transport's conversation with a printer goes through the same forwarders
 * in unit.usb_printer.
 */
#include <dlfcn.h>

#include <libusb.h>

#include "tests/support/check.h"

static bool libusb_mapped(void)
{
    void *h = dlopen("libusb-1.0.so.0", RTLD_LAZY | RTLD_NOLOAD);
    if (h)
        dlclose(h);
    return h != NULL;
}

static void libusb_is_loaded_by_the_first_call(void)
{
    CHECK(!libusb_mapped());
    libusb_context *ctx = NULL;
    int rc = libusb_init(&ctx);
    CHECK(libusb_mapped());
    /* Not NOT_SUPPORTED, the forwarders' answer without libusb; a box without usbfs may refuse
     * the context otherwise. */
    CHECK(rc != LIBUSB_ERROR_NOT_SUPPORTED);
    if (rc != LIBUSB_SUCCESS)
        return;
    libusb_device **list = NULL;
    ssize_t n = libusb_get_device_list(ctx, &list);
    CHECK(n >= 0);
    if (n >= 0)
        libusb_free_device_list(list, 1);
    libusb_exit(ctx);
}

static const struct check_case cases[] = {
    {"libusb is loaded by the first call", libusb_is_loaded_by_the_first_call},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
