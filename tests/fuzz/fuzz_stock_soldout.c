/*
 * Fuzz target for the backend's sold-out list from stock as the kiosk's
 * menu puller reads it (kiosk/domain/stock_soldout.h), through the pulled
 * lists' harness (tests/fuzz/fuzz_pulled_list.h: read for "riyadh-01").
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
#include "tests/fuzz/fuzz_pulled_list.h"

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
    json_t *root = json_pack("{s:s, s:o}", "store", FUZZ_PULLED_STORE, "items", items);
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    return text;
}

FUZZ_PULLED_LIST(ks_stock_soldout, ids, ks_stock_soldout_parse, ks_stock_soldout_clear,
                 KS_STOCK_SOLDOUT_BODY_MAX, promises_kept, written, NULL)
