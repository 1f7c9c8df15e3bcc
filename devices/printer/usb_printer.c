/*
 * usb://[VID:PID]: a USB receipt printer driven through libusb, for models
 * the kernel's usblp does not take or when usblp is not loaded.
 *
 *   usb://               the first device with a printer-class (7) interface
 *   usb://04b8:0202      that model (hex), also when its interface is
 *                        vendor-specific, as on many clones
 *
 * The interface is claimed after detaching a kernel driver holding it (given
 * back on close). Writes go to the bulk OUT endpoint in pieces of at most
 * 16 KiB: one URB each, whatever the kernel's bulk-continuation support, so
 * a slow printer's timeout applies per piece. Status answers come on the
 * bulk IN endpoint, one packet per read; a printer without one has no way
 * back, and its status requests time out. LIBUSB_ERROR_NO_DEVICE (unplugged)
 * is reported as DEV_PRINTER_ERR_UNPLUGGED: the driver closes the link and
 * the next job looks for the printer again.
 *
 * Each link has its own libusb context, so links in different threads never
 * share libusb state.
 */
#include <libusb.h>
#include <stdlib.h>
#include <string.h>

#include "devices/common/uri_text.h"
#include "devices/printer/transport.h"

#define USB_CHUNK 16384     /* bytes per bulk OUT transfer */
#define USB_PACKET_MAX 1024 /* largest bulk IN packet we read at once (USB 3: 1024) */
#define USB_CLASS_PRINTER 7

struct usb_target {
    bool any; /* no VID:PID: the first printer-class device */
    uint16_t vid, pid;
};

struct usb_link {
    libusb_context *ctx;          /* owned */
    libusb_device_handle *handle; /* owned */
    int interface;
    bool claimed;
    bool reattach;                   /* we detached the kernel driver: give it back */
    uint8_t ep_out, ep_in;           /* ep_in 0: the printer cannot answer */
    uint16_t in_packet;              /* bytes asked per bulk IN read */
    uint8_t pending[USB_PACKET_MAX]; /* the rest of a packet the caller had no room for */
    size_t pending_off, pending_len;
};

static bool parse_target(const char *target, struct usb_target *out)
{
    size_t len = strnlen(target, DEV_PRINTER_URI_MAX + 1);
    if (len > 0 && target[len - 1] == '/')
        len--;
    *out = (struct usb_target){.any = len == 0};
    if (len == 0)
        return true;
    return len == 9 && target[4] == ':' && dev_uri_hex16(target, 4, &out->vid) &&
           dev_uri_hex16(target + 5, 4, &out->pid);
}

static enum dev_printer_error usb_check(const char *target)
{
    struct usb_target t;
    return parse_target(target, &t) ? DEV_PRINTER_OK : DEV_PRINTER_ERR_BAD_URI;
}

static enum dev_printer_error usb_error(int rc)
{
    switch (rc) {
    case LIBUSB_SUCCESS:
        return DEV_PRINTER_OK;
    case LIBUSB_ERROR_NO_DEVICE:
        return DEV_PRINTER_ERR_UNPLUGGED;
    case LIBUSB_ERROR_NOT_FOUND:
        return DEV_PRINTER_ERR_NOT_FOUND;
    case LIBUSB_ERROR_ACCESS:
    case LIBUSB_ERROR_BUSY:
        return DEV_PRINTER_ERR_OPEN;
    case LIBUSB_ERROR_TIMEOUT:
        return DEV_PRINTER_ERR_TIMEOUT;
    case LIBUSB_ERROR_NO_MEM:
        return DEV_PRINTER_ERR_NO_MEMORY;
    default:
        return DEV_PRINTER_ERR_IO;
    }
}

/*
 * The interface to use on dev: the first printer-class one with a bulk OUT
 * endpoint, or, when the model was named, any interface with one.
 */
static bool pick_interface(libusb_device *dev, bool any_class, struct usb_link *link)
{
    struct libusb_config_descriptor *cfg = NULL;
    if (libusb_get_active_config_descriptor(dev, &cfg) != 0 &&
        libusb_get_config_descriptor(dev, 0, &cfg) != 0)
        return false;
    bool found = false;
    for (int pass = 0; pass < (any_class ? 2 : 1) && !found; pass++) {
        for (uint8_t i = 0; i < cfg->bNumInterfaces && !found; i++) {
            if (cfg->interface[i].num_altsetting < 1)
                continue;
            const struct libusb_interface_descriptor *alt = &cfg->interface[i].altsetting[0];
            if (pass == 0 && alt->bInterfaceClass != USB_CLASS_PRINTER)
                continue;
            uint8_t out = 0, in = 0;
            uint16_t in_packet = 0;
            for (uint8_t e = 0; e < alt->bNumEndpoints; e++) {
                const struct libusb_endpoint_descriptor *ep = &alt->endpoint[e];
                if ((ep->bmAttributes & 0x03) != LIBUSB_TRANSFER_TYPE_BULK)
                    continue;
                if ((ep->bEndpointAddress & LIBUSB_ENDPOINT_IN) && !in) {
                    in = ep->bEndpointAddress;
                    in_packet = ep->wMaxPacketSize;
                } else if (!(ep->bEndpointAddress & LIBUSB_ENDPOINT_IN) && !out) {
                    out = ep->bEndpointAddress;
                }
            }
            if (!out)
                continue;
            link->interface = alt->bInterfaceNumber;
            link->ep_out = out;
            link->ep_in = in;
            link->in_packet = in_packet == 0 || in_packet > USB_PACKET_MAX ? 64 : in_packet;
            found = true;
        }
    }
    libusb_free_config_descriptor(cfg);
    return found;
}

static void usb_close(void *state)
{
    struct usb_link *link = state;
    if (!link)
        return;
    if (link->handle) {
        if (link->claimed)
            libusb_release_interface(link->handle, link->interface);
        if (link->reattach)
            libusb_attach_kernel_driver(link->handle, link->interface);
        libusb_close(link->handle);
    }
    if (link->ctx)
        libusb_exit(link->ctx);
    free(link);
}

/* Opens the first device matching t into link; DEV_PRINTER_ERR_NOT_FOUND when none does. */
static enum dev_printer_error open_device(struct usb_link *link, const struct usb_target *t)
{
    libusb_device **list = NULL;
    ssize_t n = libusb_get_device_list(link->ctx, &list);
    if (n < 0)
        return usb_error((int)n);
    enum dev_printer_error err = DEV_PRINTER_ERR_NOT_FOUND;
    for (ssize_t i = 0; i < n && !link->handle; i++) {
        struct libusb_device_descriptor desc;
        if (libusb_get_device_descriptor(list[i], &desc) != 0)
            continue;
        if (!t->any && (desc.idVendor != t->vid || desc.idProduct != t->pid))
            continue;
        if (!pick_interface(list[i], !t->any, link))
            continue;
        int rc = libusb_open(list[i], &link->handle);
        /* Gone between listing and opening: as if it had never been there. */
        err = rc == LIBUSB_ERROR_NO_DEVICE ? DEV_PRINTER_ERR_NOT_FOUND : usb_error(rc);
    }
    libusb_free_device_list(list, 1);
    return link->handle ? DEV_PRINTER_OK : err;
}

static enum dev_printer_error usb_open(const char *target, void *device, int timeout_ms,
                                       void **state)
{
    (void)device;
    (void)timeout_ms; /* enumeration and claiming do not wait on the printer */
    *state = NULL;
    struct usb_target t;
    if (!parse_target(target, &t))
        return DEV_PRINTER_ERR_BAD_URI;
    struct usb_link *link = calloc(1, sizeof *link);
    if (!link)
        return DEV_PRINTER_ERR_NO_MEMORY;
    enum dev_printer_error err = usb_error(libusb_init(&link->ctx));
    if (err != DEV_PRINTER_OK) {
        link->ctx = NULL;
        goto error;
    }
    err = open_device(link, &t);
    if (err != DEV_PRINTER_OK)
        goto error;
    /* usblp (or another driver) holds a printer interface until told to let go. */
    if (libusb_kernel_driver_active(link->handle, link->interface) == 1) {
        err = usb_error(libusb_detach_kernel_driver(link->handle, link->interface));
        if (err != DEV_PRINTER_OK)
            goto error;
        link->reattach = true;
    }
    err = usb_error(libusb_claim_interface(link->handle, link->interface));
    if (err != DEV_PRINTER_OK)
        goto error;
    link->claimed = true;
    *state = link;
    return DEV_PRINTER_OK;
error:
    usb_close(link);
    return err;
}

/* libusb reads 0 as "wait forever"; our 0 means "do not wait". */
static unsigned usb_timeout(int timeout_ms)
{
    return timeout_ms > 0 ? (unsigned)timeout_ms : 1u;
}

static enum dev_printer_error usb_write(void *state, const uint8_t *data, size_t len,
                                        int timeout_ms, size_t *written)
{
    struct usb_link *link = state;
    int chunk = len < USB_CHUNK ? (int)len : USB_CHUNK, done = 0;
    /* libusb takes a non-const buffer for both directions; an OUT transfer only reads it. */
    int rc = libusb_bulk_transfer(link->handle, link->ep_out, (unsigned char *)(uintptr_t)data,
                                  chunk, &done, usb_timeout(timeout_ms));
    *written = done > 0 ? (size_t)done : 0;
    if (rc == LIBUSB_ERROR_TIMEOUT && done > 0)
        return DEV_PRINTER_OK;
    return usb_error(rc);
}

static enum dev_printer_error usb_read(void *state, uint8_t *buf, size_t cap, int timeout_ms,
                                       size_t *got)
{
    struct usb_link *link = state;
    *got = 0;
    if (link->pending_off == link->pending_len) {
        if (!link->ep_in)
            return DEV_PRINTER_ERR_TIMEOUT;
        int n = 0;
        int rc = libusb_bulk_transfer(link->handle, link->ep_in, link->pending, link->in_packet, &n,
                                      usb_timeout(timeout_ms));
        if (rc != 0 && !(rc == LIBUSB_ERROR_TIMEOUT && n > 0))
            return usb_error(rc);
        link->pending_off = 0;
        link->pending_len = n > 0 ? (size_t)n : 0;
        if (link->pending_len == 0)
            return DEV_PRINTER_ERR_TIMEOUT; /* a zero-length packet says nothing */
    }
    size_t n = link->pending_len - link->pending_off;
    if (n > cap)
        n = cap;
    memcpy(buf, link->pending + link->pending_off, n);
    link->pending_off += n;
    *got = n;
    return DEV_PRINTER_OK;
}

const dev_transport_class dev_transport_usb = {
    .scheme = "usb",
    .check = usb_check,
    .open = usb_open,
    .write = usb_write,
    .read = usb_read,
    .discard_input = NULL,
    .close = usb_close,
};
