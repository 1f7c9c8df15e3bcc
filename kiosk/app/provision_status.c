/* The provisioning status: see kiosk/app/provision_status.h. */
#include "kiosk/app/provision_status.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/common/bounded_file.h"

bool ks_provision_status_refusal(const char *text, size_t len, char *out, size_t cap)
{
    static const char state[] = "refused\n";
    out[0] = '\0';
    if (len > KS_PROVISION_STATUS_MAX || len < sizeof state - 1 ||
        memcmp(text, state, sizeof state - 1) != 0)
        return false;
    const char *line = text + sizeof state - 1;
    size_t rest = len - (sizeof state - 1);
    size_t n = 0;
    while (n < rest && line[n] != '\n') {
        if (line[n] < 0x20 || line[n] > 0x7e)
            return false;
        n++;
    }
    if (n == 0)
        return false;
    size_t kept = n < cap - 1 ? n : cap - 1;
    memcpy(out, line, kept);
    out[kept] = '\0';
    return true;
}

bool ks_provision_status_read(const char *path, char *out, size_t cap)
{
    size_t len;
    char why[64];
    char *text = ks_bounded_file_read(path, KS_PROVISION_STATUS_MAX, &len, why, sizeof why);
    out[0] = '\0';
    if (!text)
        return false;
    bool refused = ks_provision_status_refusal(text, len, out, cap);
    free(text);
    return refused;
}
