/* Staff sold-out marks: see kiosk/store/soldout_store.h. */
#define LOG_TAG "soldout"
#include "kiosk/store/soldout_store.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "kiosk/common/log.h"

/* A mark: an item id, or a group and option id. */
struct mark {
    char item[KS_SOLDOUT_ID_MAX + 1];
    char group[KS_SOLDOUT_ID_MAX + 1];
    char option[KS_SOLDOUT_ID_MAX + 1];
};

struct ks_soldout {
    struct mark *marks; /* owned */
    size_t n, cap;
};

static const char sql_set[] =
    "INSERT INTO sold_out_overrides (item_id, group_id, option_id, sold_out, set_by, set_at)\n"
    "VALUES (?, ?, ?, ?, ?, ?)\n"
    "ON CONFLICT (item_id, group_id, option_id) DO UPDATE SET\n"
    "    sold_out = excluded.sold_out, set_by = excluded.set_by, set_at = excluded.set_at";

static const char sql_load[] =
    "SELECT item_id, group_id, option_id FROM sold_out_overrides WHERE sold_out = 1\n"
    "ORDER BY item_id, group_id, option_id";

ks_soldout *ks_soldout_new(void)
{
    return calloc(1, sizeof(ks_soldout));
}

void ks_soldout_free(ks_soldout *set)
{
    if (!set)
        return;
    free(set->marks);
    free(set);
}

static bool id_ok(const char *id)
{
    return ks_db_text_ok(id, KS_SOLDOUT_ID_MAX);
}

/* True for exactly one of: an item id alone, or a group and an option id. */
static bool key_ok(const char *item_id, const char *group_id, const char *option_id)
{
    if (item_id)
        return id_ok(item_id) && !group_id && !option_id;
    return id_ok(group_id) && id_ok(option_id);
}

static bool same(const struct mark *m, const char *item_id, const char *group_id,
                 const char *option_id)
{
    return strcmp(m->item, item_id ? item_id : "") == 0 &&
           strcmp(m->group, group_id ? group_id : "") == 0 &&
           strcmp(m->option, option_id ? option_id : "") == 0;
}

static void copy_id(char out[KS_SOLDOUT_ID_MAX + 1], const char *id)
{
    size_t len = id ? strlen(id) : 0;
    memcpy(out, id ? id : "", len);
    out[len] = '\0';
}

bool ks_soldout_mark(ks_soldout *set, const char *item_id, const char *group_id,
                     const char *option_id, bool sold_out)
{
    if (!set || !key_ok(item_id, group_id, option_id))
        return false;
    for (size_t i = 0; i < set->n; i++) {
        if (!same(&set->marks[i], item_id, group_id, option_id))
            continue;
        if (!sold_out)
            set->marks[i] = set->marks[--set->n];
        return true;
    }
    if (!sold_out)
        return true;
    if (set->n == KS_SOLDOUT_MAX)
        return false;
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 16;
        struct mark *grown = realloc(set->marks, cap * sizeof *grown);
        if (!grown)
            return false;
        set->marks = grown;
        set->cap = cap;
    }
    struct mark *m = &set->marks[set->n++];
    copy_id(m->item, item_id);
    copy_id(m->group, group_id);
    copy_id(m->option, option_id);
    return true;
}

bool ks_soldout_item(const ks_soldout *set, const char *item_id)
{
    if (!set || !item_id)
        return false;
    for (size_t i = 0; i < set->n; i++)
        if (set->marks[i].item[0] && strcmp(set->marks[i].item, item_id) == 0)
            return true;
    return false;
}

bool ks_soldout_option(const ks_soldout *set, const char *option_id)
{
    if (!set || !option_id)
        return false;
    for (size_t i = 0; i < set->n; i++)
        if (set->marks[i].option[0] && strcmp(set->marks[i].option, option_id) == 0)
            return true;
    return false;
}

size_t ks_soldout_count(const ks_soldout *set)
{
    return set ? set->n : 0;
}

bool ks_soldout_check(void *ctx, const char *item_id, const char *option_id)
{
    const ks_soldout *set = ctx;
    return option_id ? ks_soldout_option(set, option_id) : ks_soldout_item(set, item_id);
}

enum ks_db_error ks_soldout_store_set(ks_db *db, const char *item_id, const char *group_id,
                                      const char *option_id, bool sold_out, const char *staff,
                                      int64_t now)
{
    if (!db || !key_ok(item_id, group_id, option_id) || !id_ok(staff))
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_set);
    ks_db_bind_text(&b, item_id);
    ks_db_bind_text(&b, group_id);
    ks_db_bind_text(&b, option_id);
    ks_db_bind_int(&b, sold_out ? 1 : 0);
    ks_db_bind_text(&b, staff);
    ks_db_bind_int(&b, now);
    enum ks_db_error err = ks_db_exec(db, &b);
    if (err != KS_DB_OK)
        LOG_ERROR("sold-out mark for %s%s%s not recorded: %s", item_id ? item_id : group_id,
                  item_id ? "" : "/", item_id ? "" : option_id, ks_db_strerror(err));
    return err;
}

static enum ks_db_error load_row(sqlite3_stmt *stmt, void *ctx)
{
    const char *item = ks_db_column_text(stmt, 0);
    const char *group = ks_db_column_text(stmt, 1);
    const char *option = ks_db_column_text(stmt, 2);
    bool ok = item[0] ? ks_soldout_mark(ctx, item, NULL, NULL, true)
                      : ks_soldout_mark(ctx, NULL, group, option, true);
    /* A mark this program could not have written (an over-long id) is skipped, not fatal. */
    if (!ok && ks_soldout_count(ctx) == KS_SOLDOUT_MAX)
        return KS_DB_ERR_NO_MEMORY;
    return KS_DB_OK;
}

enum ks_db_error ks_soldout_store_load(ks_db *db, ks_soldout *set)
{
    if (!db || !set)
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_load);
    return ks_db_query(db, &b, load_row, set, NULL);
}
