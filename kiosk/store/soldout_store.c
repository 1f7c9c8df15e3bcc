/* Staff sold-out marks: see kiosk/store/soldout_store.h. */
#define LOG_TAG "soldout"
#include "kiosk/store/soldout_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "kiosk/common/log.h"

/* A mark: an item id, or a group and option id; who set it, where ("": here) and when. */
struct mark {
    char item[KS_SOLDOUT_ID_MAX + 1];
    char group[KS_SOLDOUT_ID_MAX + 1];
    char option[KS_SOLDOUT_ID_MAX + 1];
    char by[KS_MARK_ID_MAX + 1];
    char where[KS_MARK_ID_MAX + 1];
    int64_t at;
};

struct ks_soldout {
    struct mark *marks; /* owned */
    size_t n, cap;
};

static const char sql_set[] =
    "INSERT INTO sold_out_overrides (item_id, group_id, option_id, sold_out, set_by, set_at,\n"
    "                                set_where, pending)\n"
    "VALUES (?, ?, ?, ?, ?, ?, '', 1)\n"
    "ON CONFLICT (item_id, group_id, option_id) DO UPDATE SET\n"
    "    sold_out = excluded.sold_out, set_by = excluded.set_by, set_at = excluded.set_at,\n"
    "    set_where = '', pending = 1";

#define COLUMNS                                                                                    \
    "SELECT item_id, group_id, option_id, sold_out, set_by, set_where, set_at, hub_seq\n"
static const char sql_load[] = COLUMNS "FROM sold_out_overrides WHERE sold_out = 1\n"
                                       "ORDER BY item_id, group_id, option_id";
static const char sql_pending[] = COLUMNS "FROM sold_out_overrides WHERE pending = 1\n"
                                          "ORDER BY set_at, item_id, group_id, option_id LIMIT ?";
static const char sql_taken[] =
    "UPDATE sold_out_overrides SET pending = 0, hub_seq = ?, set_where = ?\n"
    "WHERE item_id = ? AND group_id = ? AND option_id = ? AND pending = 1 AND sold_out = ?\n"
    "  AND set_by = ? AND set_at = ?";
static const char sql_apply[] =
    "INSERT INTO sold_out_overrides (item_id, group_id, option_id, sold_out, set_by, set_at,\n"
    "                                set_where, hub_seq, pending)\n"
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)\n"
    "ON CONFLICT (item_id, group_id, option_id) DO UPDATE SET\n"
    "    sold_out = excluded.sold_out, set_by = excluded.set_by, set_at = excluded.set_at,\n"
    "    set_where = excluded.set_where, hub_seq = excluded.hub_seq\n"
    "WHERE pending = 0 AND hub_seq < excluded.hub_seq";
static const char sql_hub_seq[] = "SELECT coalesce(max(hub_seq), 0) FROM sold_out_overrides";
static const char sql_hub_forget[] = "UPDATE sold_out_overrides SET hub_seq = 0";

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
    *m = (struct mark){0};
    copy_id(m->item, item_id);
    copy_id(m->group, group_id);
    copy_id(m->option, option_id);
    return true;
}

/* The mark on key in the set, or NULL. */
static struct mark *find(const ks_soldout *set, const char *item_id, const char *group_id,
                         const char *option_id)
{
    for (size_t i = 0; set && i < set->n; i++)
        if (same(&set->marks[i], item_id, group_id, option_id))
            return &set->marks[i];
    return NULL;
}

/* NULL for "": the set's and the table's way of saying "not this part of the key". */
static const char *part(const char *id)
{
    return id[0] ? id : NULL;
}

bool ks_soldout_apply(ks_soldout *set, const ks_mark *m)
{
    const char *item = part(m->item_id), *group = part(m->group_id), *option = part(m->option_id);
    if (!ks_soldout_mark(set, item, group, option, m->sold_out))
        return false;
    struct mark *kept = m->sold_out ? find(set, item, group, option) : NULL;
    if (kept) {
        snprintf(kept->by, sizeof kept->by, "%s", m->set_by);
        snprintf(kept->where, sizeof kept->where, "%s", m->set_where);
        kept->at = m->set_at;
    }
    return true;
}

bool ks_soldout_item_who(const ks_soldout *set, const char *item_id, const char **by,
                         const char **where, int64_t *at)
{
    const struct mark *m = item_id && item_id[0] ? find(set, item_id, NULL, NULL) : NULL;
    if (m && by)
        *by = m->by;
    if (m && where)
        *where = m->where;
    if (m && at)
        *at = m->at;
    return m != NULL;
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

/* A row of COLUMNS as a mark; false when a text does not fit (a row this program did not write). */
static bool read_row(sqlite3_stmt *stmt, ks_mark *m)
{
    *m = (ks_mark){.sold_out = sqlite3_column_int(stmt, 3) != 0,
                   .set_at = sqlite3_column_int64(stmt, 6),
                   .seq = sqlite3_column_int64(stmt, 7)};
    return ks_db_column_copy(stmt, 0, m->item_id, sizeof m->item_id) &&
           ks_db_column_copy(stmt, 1, m->group_id, sizeof m->group_id) &&
           ks_db_column_copy(stmt, 2, m->option_id, sizeof m->option_id) &&
           ks_db_column_copy(stmt, 4, m->set_by, sizeof m->set_by) &&
           ks_db_column_copy(stmt, 5, m->set_where, sizeof m->set_where);
}

static enum ks_db_error load_row(sqlite3_stmt *stmt, void *ctx)
{
    ks_mark m;
    bool ok = read_row(stmt, &m) && ks_soldout_apply(ctx, &m);
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

struct rows {
    ks_mark *out;
    size_t max, n;
};

static enum ks_db_error pending_row(sqlite3_stmt *stmt, void *ctx)
{
    struct rows *r = ctx;
    /* A row that does not fit a mark cannot be sent: it stays, and is logged. */
    if (r->n < r->max && !read_row(stmt, &r->out[r->n]))
        LOG_WARN("a pending sold-out mark is not sendable: skipped");
    else if (r->n < r->max)
        r->n++;
    return KS_DB_OK;
}

enum ks_db_error ks_soldout_store_pending(ks_db *db, ks_mark *out, size_t max, size_t *n)
{
    struct rows r = {out, max, 0};
    ks_db_binder b = ks_db_bind(db, sql_pending);
    ks_db_bind_int(&b, (int64_t)max);
    enum ks_db_error err = ks_db_query(db, &b, pending_row, &r, NULL);
    *n = err == KS_DB_OK ? r.n : 0;
    return err;
}

/* Binds m's key as the table keeps it: "" for the parts it does not have. */
static void bind_key(ks_db_binder *b, const ks_mark *m)
{
    ks_db_bind_text(b, m->item_id);
    ks_db_bind_text(b, m->group_id);
    ks_db_bind_text(b, m->option_id);
}

enum ks_db_error ks_soldout_store_taken(ks_db *db, const ks_mark *taken)
{
    ks_db_binder b = ks_db_bind(db, sql_taken);
    ks_db_bind_int(&b, taken->seq);
    ks_db_bind_text(&b, taken->set_where);
    bind_key(&b, taken);
    ks_db_bind_int(&b, taken->sold_out ? 1 : 0);
    ks_db_bind_text(&b, taken->set_by);
    ks_db_bind_int(&b, taken->set_at);
    return ks_db_exec(db, &b);
}

enum ks_db_error ks_soldout_store_apply(ks_db *db, const ks_mark *m, bool *applied)
{
    *applied = false;
    if (!ks_mark_key_ok(m) || m->seq < 1 || !id_ok(m->set_by) || !id_ok(m->set_where))
        return KS_DB_ERR_INVALID;
    ks_db_binder b = ks_db_bind(db, sql_apply);
    bind_key(&b, m);
    ks_db_bind_int(&b, m->sold_out ? 1 : 0);
    ks_db_bind_text(&b, m->set_by);
    ks_db_bind_int(&b, m->set_at);
    ks_db_bind_text(&b, m->set_where);
    ks_db_bind_int(&b, m->seq);
    enum ks_db_error err = ks_db_exec(db, &b);
    *applied = err == KS_DB_OK && ks_db_changes(db) > 0;
    return err;
}

enum ks_db_error ks_soldout_store_hub_seq(ks_db *db, int64_t *seq)
{
    ks_db_binder b = ks_db_bind(db, sql_hub_seq);
    return ks_db_query_int(db, &b, seq);
}

enum ks_db_error ks_soldout_store_hub_forget(ks_db *db)
{
    ks_db_binder b = ks_db_bind(db, sql_hub_forget);
    return ks_db_exec(db, &b);
}
