/* A program's own versioned tables: see kiosk/store/own_schema.h. */
#define LOG_TAG "own_schema"
#include "kiosk/store/own_schema.h"

#include <stdint.h>

#include "kiosk/common/log.h"

/* Runs the upgrades from version `from` to the schema's, and records the new version. */
static enum ks_db_error upgrade(ks_db *db, const ks_own_schema *schema, int64_t from)
{
    enum ks_db_error err = KS_DB_OK;
    for (int64_t v = from; err == KS_DB_OK && v < schema->version; v++) {
        ks_db_binder b = ks_db_bind(db, schema->upgrade[v - 1]);
        err = ks_db_exec(db, &b);
    }
    if (err == KS_DB_OK) {
        ks_db_binder b = ks_db_bind(db, schema->sql_set_version);
        ks_db_bind_int(&b, schema->version);
        err = ks_db_exec(db, &b);
    }
    if (err == KS_DB_OK && from > 1)
        LOG_INFO("%s tables upgraded from version %lld to %d", schema->what, (long long)from,
                 schema->version);
    return err;
}

static enum ks_db_error create_schema(ks_db *db, const ks_own_schema *schema)
{
    if (schema->version != 1 + (int)schema->n_upgrade)
        return KS_DB_ERR_INVALID;
    enum ks_db_error err = KS_DB_OK;
    for (size_t i = 0; err == KS_DB_OK && i < schema->n_create; i++) {
        ks_db_binder b = ks_db_bind(db, schema->create[i]);
        err = ks_db_exec(db, &b);
    }
    int64_t version = 0;
    if (err == KS_DB_OK) {
        ks_db_binder b = ks_db_bind(db, schema->sql_version);
        err = ks_db_query_int(db, &b, &version);
        if (err == KS_DB_ERR_NOT_FOUND) {
            /* A new file: version 1's tables were just made. */
            version = 1;
            err = KS_DB_OK;
        } else if (err == KS_DB_OK && version == schema->version) {
            return KS_DB_OK;
        }
    }
    if (err == KS_DB_OK && version > schema->version) {
        LOG_ERROR("%s tables of version %lld, newer than this program's %d", schema->what,
                  (long long)version, schema->version);
        return KS_DB_ERR_TOO_NEW;
    }
    if (err == KS_DB_OK && version < 1)
        err = KS_DB_ERR_CORRUPT;
    return err == KS_DB_OK ? upgrade(db, schema, version) : err;
}

ks_db *ks_own_schema_open(const char *path, const ks_own_schema *schema, enum ks_db_error *err)
{
    enum ks_db_error result = KS_DB_ERR_NO_MEMORY;
    ks_db *db = ks_db_open(path, &result);
    if (db) {
        result = ks_db_begin(db);
        if (result == KS_DB_OK)
            result = ks_db_end(db, create_schema(db, schema));
    }
    if (db && result != KS_DB_OK) {
        ks_db_close(db);
        db = NULL;
    }
    if (err)
        *err = result;
    return db;
}
