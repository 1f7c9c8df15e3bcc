/* GS1 check digits and the GTIN-14 form: see kiosk/domain/gtin.h. */
#include "kiosk/domain/gtin.h"

#include <string.h>

int ks_gtin_check_digit(const char *digits, size_t n)
{
    if (!digits || n == 0)
        return -1;
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)digits[n - 1 - i];
        if (c < '0' || c > '9')
            return -1;
        sum += (c - '0') * (i % 2 == 0 ? 3u : 1u);
    }
    return (int)((10 - sum % 10) % 10);
}

bool ks_gtin_valid(const char *s, size_t len)
{
    if (!s || (len != 8 && len != 12 && len != 13 && len != 14))
        return false;
    int check = ks_gtin_check_digit(s, len - 1);
    return check >= 0 && s[len - 1] == '0' + check;
}

bool ks_gtin_normalize(const char *s, size_t len, char out[15])
{
    if (!ks_gtin_valid(s, len))
        return false;
    memset(out, '0', 14 - len);
    memcpy(out + 14 - len, s, len);
    out[14] = '\0';
    return true;
}
