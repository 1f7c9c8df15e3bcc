/*
 * libusb, loaded when it is first called instead of at every start.
 *
 * Only the USB printer's transport (devices/printer/usb_printer.c) calls
 * libusb, on the printer's worker thread, and only when a usb:// printer
 * is configured; yet linked, the loader mapped and relocated it before
 * every program's main (about 20 page faults of the kiosk's start). So no
 * program links libusb: this file defines each libusb function the tree
 * calls, with libusb's own prototype from its header (the compiler refuses
 * one that differs), and each forwards to the real function, which the
 * first call finds with dlopen("libusb-1.0.so.0") and dlsym, once per
 * process whichever thread calls first (devices/common/library_on_demand.c,
 * shared with libcurl's, libxml2's, libcrypto's and SDL2's). A function the
 * tree starts calling must be added below, or the link fails.
 *
 * When libusb cannot be loaded (the package is missing) every call fails
 * with LIBUSB_ERROR_NOT_SUPPORTED (libusb_init first, so the transport
 * reports the printer as not opened and makes no other call); the void
 * ones do nothing. kiosk/docs/ARCHITECTURE.md, "Start-up".
 */
#include <libusb.h>

#include "devices/common/library_on_demand.h"

/*
 * Every libusb function the tree calls: F(type, name, parameters,
 * arguments, value without libusb) for those that return a value,
 * V(name, parameters, arguments) for the others.
 */
#define USB_FUNCTIONS(F, V)                                                                        \
    /* The context and the devices on the bus. */                                                  \
    F(int, libusb_init, (libusb_context * *ctx), (ctx), LIBUSB_ERROR_NOT_SUPPORTED)                \
    V(libusb_exit, (libusb_context * ctx), (ctx))                                                  \
    F(ssize_t, libusb_get_device_list, (libusb_context * ctx, libusb_device * **list),             \
      (ctx, list), LIBUSB_ERROR_NOT_SUPPORTED)                                                     \
    V(libusb_free_device_list, (libusb_device * *list, int unref_devices), (list, unref_devices))  \
    F(int, libusb_get_device_descriptor,                                                           \
      (libusb_device * dev, struct libusb_device_descriptor * desc), (dev, desc),                  \
      LIBUSB_ERROR_NOT_SUPPORTED)                                                                  \
    F(int, libusb_get_active_config_descriptor,                                                    \
      (libusb_device * dev, struct libusb_config_descriptor * *config), (dev, config),             \
      LIBUSB_ERROR_NOT_SUPPORTED)                                                                  \
    F(int, libusb_get_config_descriptor,                                                           \
      (libusb_device * dev, uint8_t config_index, struct libusb_config_descriptor * *config),      \
      (dev, config_index, config), LIBUSB_ERROR_NOT_SUPPORTED)                                     \
    V(libusb_free_config_descriptor, (struct libusb_config_descriptor * config), (config))         \
    /* A device opened, its interface claimed from the kernel's driver, transfers. */              \
    F(int, libusb_open, (libusb_device * dev, libusb_device_handle * *dev_handle),                 \
      (dev, dev_handle), LIBUSB_ERROR_NOT_SUPPORTED)                                               \
    V(libusb_close, (libusb_device_handle * dev_handle), (dev_handle))                             \
    F(int, libusb_kernel_driver_active, (libusb_device_handle * dev_handle, int interface_number), \
      (dev_handle, interface_number), LIBUSB_ERROR_NOT_SUPPORTED)                                  \
    F(int, libusb_detach_kernel_driver, (libusb_device_handle * dev_handle, int interface_number), \
      (dev_handle, interface_number), LIBUSB_ERROR_NOT_SUPPORTED)                                  \
    F(int, libusb_attach_kernel_driver, (libusb_device_handle * dev_handle, int interface_number), \
      (dev_handle, interface_number), LIBUSB_ERROR_NOT_SUPPORTED)                                  \
    F(int, libusb_claim_interface, (libusb_device_handle * dev_handle, int interface_number),      \
      (dev_handle, interface_number), LIBUSB_ERROR_NOT_SUPPORTED)                                  \
    F(int, libusb_release_interface, (libusb_device_handle * dev_handle, int interface_number),    \
      (dev_handle, interface_number), LIBUSB_ERROR_NOT_SUPPORTED)                                  \
    F(int, libusb_bulk_transfer,                                                                   \
      (libusb_device_handle * dev_handle, unsigned char endpoint, unsigned char *data, int length, \
       int *actual_length, unsigned int timeout),                                                  \
      (dev_handle, endpoint, data, length, actual_length, timeout), LIBUSB_ERROR_NOT_SUPPORTED)

/* The real functions, filled by the load. */
static struct {
    USB_FUNCTIONS(DEV_LIBRARY_SLOT, DEV_LIBRARY_VOID_SLOT)
} real;

static const struct dev_library_symbol symbols[] = {
    USB_FUNCTIONS(DEV_LIBRARY_SYMBOL, DEV_LIBRARY_VOID_SYMBOL)};

static struct dev_library libusb = DEV_LIBRARY_INIT("libusb-1.0.so.0", symbols, NULL);

#define DEV_LIBRARY_THIS libusb
USB_FUNCTIONS(DEV_LIBRARY_FORWARD, DEV_LIBRARY_VOID_FORWARD)
