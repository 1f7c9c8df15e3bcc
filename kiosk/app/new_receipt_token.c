/* Fresh receipt tokens: see kiosk/app/new_receipt_token.h. */
#include "kiosk/app/new_receipt_token.h"

#include <stdint.h>
#include <sys/random.h>
#include <sys/types.h>

bool ks_new_receipt_token(char out[KS_RECEIPT_TOKEN_LEN + 1])
{
    uint8_t bytes[16];
    if (getrandom(bytes, sizeof bytes, 0) != (ssize_t)sizeof bytes)
        return false;
    ks_receipt_token_format(bytes, out);
    return true;
}
