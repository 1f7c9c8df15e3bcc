/* Text UUIDs read and made: see kiosk/common/uuid.h. */
#include "kiosk/common/uuid.h"

#include <string.h>
#include <sys/random.h>
#include <sys/types.h>

static bool uuid_shaped(const char *text, bool upper_too)
{
    if (!text || strnlen(text, KS_UUID_LEN + 1) != KS_UUID_LEN)
        return false;
    for (int i = 0; i < KS_UUID_LEN; i++) {
        char c = text[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        bool hex =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (upper_too && c >= 'A' && c <= 'F');
        if (dash ? c != '-' : !hex)
            return false;
    }
    return true;
}

bool ks_uuid_ok(const char *text)
{
    return uuid_shaped(text, false);
}

bool ks_uuid_ok_any_case(const char *text)
{
    return uuid_shaped(text, true);
}

void ks_uuid_v4_format(const uint8_t random16[16], char out[KS_UUID_LEN + 1])
{
    uint8_t b[16];
    memcpy(b, random16, sizeof b);
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = hex[b[i] >> 4];
        out[o++] = hex[b[i] & 15];
    }
    out[o] = '\0';
}

bool ks_uuid_new(char out[KS_UUID_LEN + 1])
{
    uint8_t bytes[16];
    if (getrandom(bytes, sizeof bytes, 0) != (ssize_t)sizeof bytes)
        return false;
    ks_uuid_v4_format(bytes, out);
    return true;
}
