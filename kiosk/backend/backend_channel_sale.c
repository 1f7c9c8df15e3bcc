/* A sales channel's priced sale: see kiosk/backend/backend_channel_sale.h. */
#include "kiosk/backend/backend_channel_sale.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/backend/backend_store_driver.h"

#define TEXT KS_BV_TEXT
#define INT KS_BV_INT

enum ks_db_error ks_backend_channel_sale_insert(ks_backend_store *store, const char *channel,
                                                const char *id, const char *store_id,
                                                const ks_reservation_sale *sale, int64_t now)
{
    int64_t changed;
    const ks_backend_value row[] = {
        TEXT(id),
        TEXT(channel),
        TEXT(store_id),
        TEXT(sale->business_date),
        INT(now),
        TEXT(ks_channel_paid_by_name(sale->paid_by)),
        INT(sale->total_net),
        INT(sale->total_vat),
        INT(sale->total),
    };
    enum ks_db_error err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_CHANNEL_SALE, row,
                                               sizeof row / sizeof row[0], &changed);
    for (size_t i = 0; err == KS_DB_OK && i < sale->n_lines; i++) {
        const ks_reservation_sale_line *l = &sale->lines[i];
        const ks_backend_value line[] = {
            TEXT(id),
            INT((int64_t)i),
            TEXT(l->item_id),
            TEXT(l->name_en ? l->name_en : ""),
            TEXT(l->name_ar ? l->name_ar : ""),
            TEXT(l->by_weight ? "kg" : "each"),
            INT(l->quantity),
            INT(l->net),
            INT(l->vat),
            INT(l->gross),
        };
        err = store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_CHANNEL_LINE, line,
                                  sizeof line / sizeof line[0], &changed);
    }
    /* The lines' costs first: the profit summary takes them. */
    static const enum ks_backend_sql summaries[] = {
        KS_BACKEND_SQL_INSERT_CHANNEL_LINE_COSTS, KS_BACKEND_SQL_CHANNEL_DAY_ITEMS,
        KS_BACKEND_SQL_CHANNEL_DAY_VAT,           KS_BACKEND_SQL_CHANNEL_DAY_SALES,
        KS_BACKEND_SQL_CHANNEL_QUARTER_SALES,     KS_BACKEND_SQL_CHANNEL_DAY_PAYMENTS,
        KS_BACKEND_SQL_CHANNEL_DAY_PROFIT,        KS_BACKEND_SQL_CHANNEL_HOUR_SALES,
    };
    const ks_backend_value key[] = {TEXT(id)};
    for (size_t i = 0; err == KS_DB_OK && i < sizeof summaries / sizeof summaries[0]; i++)
        err = store->driver->exec(store->conn, summaries[i], key, 1, &changed);
    return err;
}

enum ks_db_error ks_backend_channel_sale_stored(ks_backend_store *store, const char *id,
                                                ks_reservation_sale *out)
{
    memset(out, 0, sizeof *out);
    json_t *rows = NULL;
    const ks_backend_value key[] = {TEXT(id)};
    enum ks_db_error err = ks_backend_query_once(store, KS_BACKEND_SQL_CHANNEL_SALE, key, 1, &rows);
    size_t i;
    json_t *row;
    json_array_foreach (rows, i, row) {
        if (i == 0) {
            out->priced = true;
            for (int by = 0; by < KS_CHANNEL_PAID_BY_COUNT; by++)
                if (strcmp(ks_backend_row_text(row, "method"), ks_channel_paid_by_name(by)) == 0)
                    out->paid_by = (enum ks_channel_paid_by)by;
            continue;
        }
        if (i > KS_RESERVATION_LINES_MAX)
            break;
        ks_reservation_sale_line *line = &out->lines[out->n_lines++];
        snprintf(line->item_id, sizeof line->item_id, "%s", ks_backend_row_text(row, "item_id"));
        line->quantity = ks_backend_row_int(row, "quantity");
        line->net = ks_backend_row_int(row, "net");
        line->vat = ks_backend_row_int(row, "vat");
        line->gross = ks_backend_row_int(row, "gross");
    }
    json_decref(rows);
    return err;
}
