/* Where the kitchen feed stands: see kiosk/store/kitchen_feed_store.h. */
#include "kiosk/store/kitchen_feed_store.h"

#include "kiosk/store/own_schema.h"

static const char *const schema[] = {
    "CREATE TABLE IF NOT EXISTS kf_schema (version INTEGER NOT NULL) STRICT",
    "CREATE TABLE IF NOT EXISTS kf_cursors (\n"
    "    url   TEXT NOT NULL PRIMARY KEY,\n"
    "    after INTEGER NOT NULL CHECK (after >= 0)\n"
    ") STRICT",
};

static const ks_own_schema own_schema = {
    .create = schema,
    .n_create = sizeof schema / sizeof schema[0],
    .sql_version = "SELECT max(version) FROM kf_schema HAVING count(*) > 0",
    .sql_set_version = "INSERT INTO kf_schema (version) VALUES (?)",
    .version = 1,
    .what = "kitchen feed",
};

ks_db *ks_kitchen_feed_store_open(const char *path, enum ks_db_error *err)
{
    return ks_own_schema_open(path, &own_schema, err);
}

enum ks_db_error ks_kitchen_feed_store_get(ks_db *db, const char *url, int64_t *after)
{
    *after = 0;
    ks_db_binder b = ks_db_bind(db, "SELECT after FROM kf_cursors WHERE url = ?");
    ks_db_bind_text(&b, url);
    enum ks_db_error err = ks_db_query_int(db, &b, after);
    return err == KS_DB_ERR_NOT_FOUND ? KS_DB_OK : err;
}

enum ks_db_error ks_kitchen_feed_store_set(ks_db *db, const char *url, int64_t after)
{
    ks_db_binder b =
        ks_db_bind(db, "INSERT INTO kf_cursors (url, after) VALUES (?, ?)\n"
                       "ON CONFLICT (url) DO UPDATE SET after = max(after, excluded.after)");
    ks_db_bind_text(&b, url);
    ks_db_bind_int(&b, after);
    return ks_db_exec(db, &b);
}
