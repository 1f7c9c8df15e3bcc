/* Fresh v4 UUIDs and receipt tokens: see kiosk/app/new_uuid.h. */
#include "kiosk/app/new_uuid.h"

#include <stdint.h>
#include <sys/random.h>
#include <sys/types.h>

#include "kiosk/domain/order.h"

bool ks_new_uuid(char out[37])
{
    uint8_t bytes[16];
    if (getrandom(bytes, sizeof bytes, 0) != (ssize_t)sizeof bytes)
        return false;
    ks_uuid_v4_format(bytes, out);
    return true;
}

bool ks_new_receipt_token(char out[KS_RECEIPT_TOKEN_LEN + 1])
{
    uint8_t bytes[16];
    if (getrandom(bytes, sizeof bytes, 0) != (ssize_t)sizeof bytes)
        return false;
    ks_receipt_token_format(bytes, out);
    return true;
}
