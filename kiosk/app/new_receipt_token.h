/*
 * Each order's receipt token: 128 bits from the kernel's random source
 * (getrandom, which blocks only until the kernel's pool is first seeded),
 * written as ks_receipt_token_format writes it. (New UUIDs: ks_uuid_new.)
 */
#ifndef KIOSK_APP_NEW_RECEIPT_TOKEN_H
#define KIOSK_APP_NEW_RECEIPT_TOKEN_H

#include <stdbool.h>

#include "kiosk/domain/order.h"

/* A new receipt token (ks_receipt_token_ok) into out; false (out untouched) when getrandom fails.
 */
bool ks_new_receipt_token(char out[KS_RECEIPT_TOKEN_LEN + 1]);

#endif
