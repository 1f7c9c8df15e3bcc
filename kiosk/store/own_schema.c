/* A program's own versioned tables: see kiosk/store/own_schema.h. */
#define LOG_TAG "own_schema"
#include "kiosk/store/own_schema.h"

#include <stdint.h>

#include "kiosk/common/log.h"

static enum ks_db_error create_schema(ks_db *db, const ks_own_schema *schema)
{
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
            b = ks_db_bind(db, schema->sql_set_version);
            ks_db_bind_int(&b, schema->version);
            err = ks_db_exec(db, &b);
            version = schema->version;
        }
    }
    if (err == KS_DB_OK && version > schema->version) {
        LOG_ERROR("%s tables of version %lld, newer than this program's %d", schema->what,
                  (long long)version, schema->version);
        err = KS_DB_ERR_TOO_NEW;
    }
    return err;
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
