/*
 * Fuzz target for the backend's sold-out list from stock as the kiosk's
 * menu puller reads it (kiosk/domain/stock_soldout.h). The first byte is
 * skipped (the corpus's convention); the rest is the answer, read for the
 * store "riyadh-01".
 *
 * What is accepted must keep the reader's promises: at most
 * KS_STOCK_SOLDOUT_MAX ids of 1-64 printable bytes, sorted and distinct;
 * the same text is refused for another store; and the list written again
 * as the backend writes it reads back the same.
 * Seeds in tests/fuzz/corpus/stock_soldout/.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/stock_soldout.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define STORE "riyadh-01"

static bool promises_kept(const ks_stock_soldout *list)
{
    if (list->n > KS_STOCK_SOLDOUT_MAX)
        return false;
    for (size_t i = 0; i < list->n; i++) {
        size_t len = strlen(list->ids[i]);
        if (len < 1 || len > KS_STOCK_SOLDOUT_ID_MAX)
            return false;
        for (size_t c = 0; c < len; c++)
            if ((unsigned char)list->ids[i][c] < 0x20 || list->ids[i][c] == 0x7f)
                return false;
        if (i > 0 && strcmp(list->ids[i - 1], list->ids[i]) >= 0)
            return false;
    }
    return true;
}

/* The list as the backend's GET /v1/stock/soldout writes it; malloc'd. */
static char *written(const ks_stock_soldout *list)
{
    json_t *items = json_array();
    for (size_t i = 0; items && i < list->n; i++)
        json_array_append_new(items, json_string(list->ids[i]));
    json_t *root = json_pack("{s:s, s:o}", "store", STORE, "items", items);
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len;
    bool is_c_string;
    char *text = fuzz_case_text(data, size, KS_STOCK_SOLDOUT_BODY_MAX, &len, &is_c_string);
    if (!text)
        return 0;
    ks_stock_soldout list, again, other;
    char why[160];
    if (ks_stock_soldout_parse(text, len, STORE, &list, why, sizeof why)) {
        if (!promises_kept(&list) ||
            ks_stock_soldout_parse(text, len, "jeddah-02", &other, why, sizeof why))
            __builtin_trap();
        char *back = written(&list);
        if (!back || !ks_stock_soldout_parse(back, strlen(back), STORE, &again, why, sizeof why) ||
            again.n != list.n ||
            (list.n && memcmp(again.ids, list.ids, list.n * sizeof *list.ids) != 0))
            __builtin_trap();
        free(back);
        ks_stock_soldout_clear(&again);
        ks_stock_soldout_clear(&list);
    } else if (list.n != 0 || list.ids != NULL || !why[0]) {
        __builtin_trap(); /* a refusal leaves nothing behind and says why */
    }
    free(text);
    return 0;
}
