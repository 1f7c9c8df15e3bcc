/*
 * Fuzz target for the attendant protocol's parsers (kiosk/app/attendant_msg.h):
 * the first byte picks the document the rest is, copied into a buffer of
 * exactly its size:
 *
 *   even  a lane's report (the console reads it from the network)
 *   odd   the console's decisions (the lane reads them from the network)
 *
 * What is accepted must be written again and read back to the same
 * struct (the writer holds the same rules as the reader); anything else
 * traps. Seeds in tests/fuzz/corpus/attendant_msg/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/app/attendant_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void report(const char *text, size_t len)
{
    ks_att_report r, back;
    if (!ks_att_report_from_json(text, len, &r, NULL))
        return;
    char *again = ks_att_report_to_json(&r);
    if (!again || !ks_att_report_from_json(again, strlen(again), &back, NULL) ||
        memcmp(&r, &back, sizeof r) != 0)
        __builtin_trap();
    free(again);
}

static void decisions(const char *text, size_t len)
{
    ks_att_decision d[KS_ATT_MAX_DECISIONS], back[KS_ATT_MAX_DECISIONS];
    size_t n, n_back;
    memset(d, 0, sizeof d);
    memset(back, 0, sizeof back);
    if (!ks_att_decisions_from_json(text, len, d, KS_ATT_MAX_DECISIONS, &n, NULL))
        return;
    char *again = ks_att_decisions_to_json(d, n);
    if (!again ||
        !ks_att_decisions_from_json(again, strlen(again), back, KS_ATT_MAX_DECISIONS, &n_back,
                                    NULL) ||
        n_back != n || memcmp(d, back, sizeof d) != 0)
        __builtin_trap();
    free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > KS_ATT_DOC_MAX_BYTES + 2)
        return 0;
    size_t len = size - 1;
    char *text = malloc(len ? len : 1);
    if (!text)
        return 0;
    memcpy(text, data + 1, len);
    if (data[0] % 2 == 0)
        report(text, len);
    else
        decisions(text, len);
    free(text);
    return 0;
}
