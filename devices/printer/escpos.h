/*
 * ESC/POS job builder: turns a 1-bit raster into the byte stream a receipt
 * printer prints and cuts, following a printer profile:
 *
 *   ESC @                                  init
 *   GS ( D 03 00 14 01 00, GS ( D 03 00 14 02 00
 *                                          (profile) no drawer pulse / power-off inside images
 *   GS v 0 0 xL xH yL yH d...              one band per profile.band_rows rows
 *     or GS ( L fn 112 + GS ( L fn 50      (profile) store, then print each band
 *   ESC d n                                (profile) feed n lines
 *   GS V ...                               cut, per profile
 *
 * Everything is raster: Arabic shaping, the riyal sign and the ZATCA QR are
 * drawn by the caller, so the printer's code pages never matter.
 */
#ifndef DEVICES_PRINTER_ESCPOS_H
#define DEVICES_PRINTER_ESCPOS_H

#include "devices/common/buffer.h"
#include "devices/printer/profile.h"
#include "devices/printer/raster.h"

/* Command prefixes, shared by the builder, the status codec and the simulator. */
#define DEV_ESCPOS_LF 0x0A
#define DEV_ESCPOS_DLE 0x10
#define DEV_ESCPOS_EOT 0x04
#define DEV_ESCPOS_ESC 0x1B
#define DEV_ESCPOS_GS 0x1D

/* GS ( L fn 112 header after pH: m fn a bx by c xL xH yL yH. */
#define DEV_ESCPOS_GS_L_STORE_HEADER 10

enum dev_escpos_error {
    DEV_ESCPOS_OK,
    DEV_ESCPOS_EMPTY,       /* no raster, or a raster without rows */
    DEV_ESCPOS_TOO_WIDE,    /* raster wider than the profile's print width */
    DEV_ESCPOS_BAD_PROFILE, /* no profile, width not 1..DEV_RASTER_MAX_WIDTH, band not 1..256 */
    DEV_ESCPOS_TOO_LARGE,   /* the output buffer's limit was reached or memory ran out */
};

/* A short English description of err; never NULL. */
const char *dev_escpos_strerror(enum dev_escpos_error err);

/*
 * Appends one complete job printing raster (left-aligned; dots past its
 * width in the last byte of a row are sent white) to out. raster and
 * profile are borrowed. On failure out keeps its previous length.
 */
enum dev_escpos_error dev_escpos_build_job(dev_buffer *out, const dev_printer_profile *profile,
                                           const dev_raster *raster);

#endif
