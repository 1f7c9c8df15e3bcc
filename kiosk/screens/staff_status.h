/*
 * What the staff screen tells about the kiosk's own state, read from the
 * database: order messages not yet delivered, print jobs not printed. Kept
 * apart so the screens need no storage headers of their own.
 */
#ifndef KIOSK_SCREENS_STAFF_STATUS_H
#define KIOSK_SCREENS_STAFF_STATUS_H

#include <stdint.h>

#include "kiosk/store/db.h"

typedef struct ks_staff_status {
    int64_t unsent;    /* outbox messages not delivered; -1 when unknown */
    int64_t unprinted; /* print jobs without a printed copy (queued, printing, failed); -1 */
} ks_staff_status;

/* Reads the counts through db (NULL: both unknown). */
void ks_staff_status_read(ks_db *db, ks_staff_status *out);

#endif
