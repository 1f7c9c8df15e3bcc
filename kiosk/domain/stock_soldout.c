/* The backend's sold-out list from stock: see kiosk/domain/stock_soldout.h. */
#include "kiosk/domain/stock_soldout.h"

#include "kiosk/domain/store_list.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1-KS_STOCK_SOLDOUT_ID_MAX bytes, no control characters, no NUL inside. */
static bool id_ok(const json_t *id)
{
    const char *s = json_string_value(id);
    size_t len = s ? json_string_length(id) : 0;
    if (len < 1 || len > KS_STOCK_SOLDOUT_ID_MAX || strlen(s) != len)
        return false;
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return false;
    return true;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Copies the array's ids into list, sorted; false on a bad or repeated id. */
static bool read_items(const json_t *items, ks_stock_soldout *list, char *why, size_t why_cap)
{
    size_t n = json_array_size(items);
    if (!json_is_array(items) || n > KS_STOCK_SOLDOUT_MAX)
        return ks_store_list_refuse(why, why_cap,
                                    "\"items\": expected an array of at most 4096 item ids");
    list->ids = n ? calloc(n, sizeof *list->ids) : NULL;
    if (n && !list->ids)
        return ks_store_list_refuse(why, why_cap, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const json_t *id = json_array_get(items, i);
        if (!id_ok(id))
            return ks_store_list_refuse(
                why, why_cap, "\"items\": expected item ids of 1-64 bytes of printable text");
        memcpy(list->ids[i], json_string_value(id), json_string_length(id) + 1);
        list->n = i + 1;
    }
    if (n > 1)
        qsort(list->ids, n, sizeof *list->ids, by_id);
    for (size_t i = 1; i < n; i++)
        if (strcmp(list->ids[i - 1], list->ids[i]) == 0)
            return ks_store_list_refuse(why, why_cap, "\"items\": an item id is listed twice");
    return true;
}

bool ks_stock_soldout_parse(const char *text, size_t len, const char *store_id,
                            ks_stock_soldout *out, char *why, size_t why_cap)
{
    *out = (ks_stock_soldout){0};
    json_t *root = NULL, *items = NULL;
    bool ok = ks_store_list_open(text, len, KS_STOCK_SOLDOUT_BODY_MAX, store_id, "items",
                                 "expected a JSON object of at most the size of 4096 ids", &root,
                                 &items, why, why_cap) &&
              read_items(items, out, why, why_cap);
    json_decref(root);
    if (!ok)
        ks_stock_soldout_clear(out);
    return ok;
}

void ks_stock_soldout_clear(ks_stock_soldout *list)
{
    if (!list)
        return;
    free(list->ids);
    *list = (ks_stock_soldout){0};
}
