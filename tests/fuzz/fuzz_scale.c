/*
 * Fuzz target: one scale reply (devices/scale/scale_protocol.c) in the
 * dialect the first byte picks (modulo 3: Magellan, Mettler Toledo 8217,
 * NCI/SCP), the rest being the reply's bytes. A reading must be
 * consistent, and a stable one must survive being built back into a reply
 * and parsed again.
 */
#include "devices/scale/scale_protocol.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum dev_scale_dialect dialects[] = {DEV_SCALE_MAGELLAN, DEV_SCALE_MT8217,
                                                      DEV_SCALE_NCI};
    if (size < 1)
        return 0;
    enum dev_scale_dialect dialect = dialects[data[0] % 3];
    data++;
    size--;
    struct dev_scale_reading r;
    bool ok = dev_scale_parse_reply(dialect, data, size, &r);
    if (r.status != DEV_SCALE_STABLE && r.grams != 0)
        __builtin_trap();
    if (!ok && r.status != DEV_SCALE_ERROR)
        __builtin_trap();
    if (!ok || r.status != DEV_SCALE_STABLE)
        return 0;
    uint8_t again[DEV_SCALE_REPLY_MAX];
    size_t n = dev_scale_reply_build(dialect, &r, again, sizeof(again));
    struct dev_scale_reading back;
    if (n == 0 || !dev_scale_parse_reply(dialect, again, n, &back) || back.status != r.status ||
        back.grams != r.grams)
        __builtin_trap();
    return 0;
}
