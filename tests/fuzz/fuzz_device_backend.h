/*
 * For the fuzz targets of the configurations with a [backend] section
 * (kiosk/common/device_backend.h: the kitchen display's, the attendant
 * console's): what an accepted section must hold.
 */
#ifndef TESTS_FUZZ_FUZZ_DEVICE_BACKEND_H
#define TESTS_FUZZ_FUZZ_DEVICE_BACKEND_H

#include <stdbool.h>

#include "kiosk/common/device_backend.h"
#include "kiosk/domain/order.h"

/* No url, or one the URL policy allows with the device's id and store; a token file; 5-3600 s. */
static inline bool fuzz_device_backend_ok(const ks_device_backend *b)
{
    return !((b->url[0] && (!ks_outgoing_url_ok(b->url, NULL) || !ks_device_id_ok(b->device_id) ||
                            !ks_device_id_ok(b->store_id))) ||
             (b->device_id[0] && !ks_device_id_ok(b->device_id)) ||
             (b->store_id[0] && !ks_device_id_ok(b->store_id)) || !b->token_file[0] ||
             b->poll_s < 5 || b->poll_s > 3600);
}

#endif
