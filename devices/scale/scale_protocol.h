/*
 * Serial produce-scale protocols: the weight request a driver sends and the
 * reply it gets, for the three dialects checkout scales speak (see
 * /work/shared/reference/devices.md section 5):
 *   Datalogic Magellan single cable  S14 CR -> S144<5-digit grams> CR, or
 *                                    S140 no zero, S141 unstable, S142 over
 *                                    capacity, S143 zero, S145 under zero;
 *                                    S11 CR -> S11<5-digit grams> CR when stable
 *   Mettler Toledo 8217 (7E1)        W -> STX xx.xxx CR, or STX ? <status> CR
 *                                    (status bit 0 motion, 1 over capacity,
 *                                    2 under zero, 3 not zeroed, 4 centre of
 *                                    zero, 5 net, 6 always set)
 *   NCI / SCP                        W CR -> LF xx.xxxkg CR LF s1 s2 CR ETX
 *                                    (s1 = 0x30 + bit 0 motion, 1 at zero,
 *                                    2 RAM error, 3 EEPROM error; s2 = 0x30 +
 *                                    bit 0 under, 1 over, 2 ROM error, 3 bad
 *                                    calibration, 6 another status byte follows)
 * Weights are kg on the wire (three decimals; NCI may send two) and integer grams here; a
 * scale set to pounds reads as an error since trade in KSA is in kg. Trade
 * rules allow only stable, non-negative, in-range weights: dev_scale_accept.
 */
#ifndef DEVICES_SCALE_SCALE_PROTOCOL_H
#define DEVICES_SCALE_SCALE_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest reply frame of any dialect, in bytes; longer input is malformed. */
#define DEV_SCALE_REPLY_MAX 32

enum dev_scale_dialect {
    DEV_SCALE_MAGELLAN,
    DEV_SCALE_MT8217,
    DEV_SCALE_NCI,
};

enum dev_scale_status {
    DEV_SCALE_STABLE,     /* grams is valid */
    DEV_SCALE_UNSTABLE,   /* in motion */
    DEV_SCALE_OVERLOAD,   /* over capacity */
    DEV_SCALE_UNDER_ZERO, /* below zero */
    DEV_SCALE_NO_ZERO,    /* not zeroed since power-up */
    DEV_SCALE_ERROR,      /* a malformed reply, a fault bit, or pounds */
};

struct dev_scale_reading {
    enum dev_scale_status status;
    int64_t grams; /* DEV_SCALE_STABLE only, else 0 */
};

/* Writes the weight request for dialect into out; its length, or 0 when cap is too small. */
size_t dev_scale_request(enum dev_scale_dialect dialect, uint8_t *out, size_t cap);

/* The byte that ends a reply frame of dialect (CR, or ETX for NCI). */
uint8_t dev_scale_reply_end(enum dev_scale_dialect dialect);

/*
 * Parses one reply frame buf[0..len), up to and including its end byte.
 * Always writes out; false (and DEV_SCALE_ERROR) when the frame is
 * malformed, longer than DEV_SCALE_REPLY_MAX, or buf is NULL.
 */
bool dev_scale_parse_reply(enum dev_scale_dialect dialect, const uint8_t *buf, size_t len,
                           struct dev_scale_reading *out);

/*
 * Builds the reply a scale of dialect sends for reading (for simulators);
 * its length, or 0 when cap is too small or the reading cannot be sent
 * (grams above 99999, or a status the dialect has no word for).
 */
size_t dev_scale_reply_build(enum dev_scale_dialect dialect,
                             const struct dev_scale_reading *reading, uint8_t *out, size_t cap);

/*
 * The trade rule: true, with *grams set, only for a stable reading with
 * 0 <= grams <= max_grams. NULL r or grams gives false.
 */
bool dev_scale_accept(const struct dev_scale_reading *r, int64_t max_grams, int64_t *grams);

/* A static English name of status; never NULL. */
const char *dev_scale_status_name(enum dev_scale_status status);

#endif
