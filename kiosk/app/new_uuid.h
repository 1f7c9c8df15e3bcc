/*
 * Fresh identifiers for what the kiosk creates (orders, payments' sale
 * ids, credit notes, attendant requests, ZATCA's compliance documents):
 * a version-4 UUID from the kernel's random source; and each order's
 * receipt token, 128 bits from the same source (getrandom, which blocks
 * only until the kernel's pool is first seeded).
 */
#ifndef KIOSK_APP_NEW_UUID_H
#define KIOSK_APP_NEW_UUID_H

#include <stdbool.h>

#include "kiosk/domain/order.h"

/* A new lowercase v4 UUID into out[37]; false (out untouched) when getrandom fails. */
bool ks_new_uuid(char out[37]);

/* A new receipt token (ks_receipt_token_ok) into out; false (out untouched) when getrandom fails.
 */
bool ks_new_receipt_token(char out[KS_RECEIPT_TOKEN_LEN + 1]);

#endif
