/* The audit log's rows: see kiosk/backend/backend_audit.h. */
#include "kiosk/common/utf8_cut.h"
#include "kiosk/backend/backend_audit.h"

#include "kiosk/backend/backend_store_driver.h"

enum ks_db_error ks_backend_audit_write(ks_backend_store *store, const ks_backend_actor *actor,
                                        const char *action, const char *store_id,
                                        const char *target, const char *before, const char *after,
                                        int64_t at)
{
    if (!actor)
        return KS_DB_OK;
    /* The summaries cut to KS_AUDIT_SUMMARY_MAX bytes, not inside a UTF-8 character. */
    char was[KS_AUDIT_SUMMARY_MAX + 1], now[KS_AUDIT_SUMMARY_MAX + 1];
    const ks_backend_value row[] = {
        KS_BV_INT(at),
        KS_BV_TEXT(actor->name),
        KS_BV_TEXT(actor->role),
        KS_BV_TEXT(action),
        KS_BV_TEXT(store_id ? store_id : ""),
        KS_BV_TEXT(target ? target : ""),
        KS_BV_TEXT(ks_utf8_cut(before, KS_AUDIT_SUMMARY_MAX, was)),
        KS_BV_TEXT(ks_utf8_cut(after, KS_AUDIT_SUMMARY_MAX, now)),
    };
    int64_t changed;
    return store->driver->exec(store->conn, KS_BACKEND_SQL_INSERT_AUDIT, row, 8, &changed);
}

enum ks_db_error ks_backend_store_audit(ks_backend_store *store, const char *store_id, int limit,
                                        json_t **rows)
{
    const ks_backend_value args[] = {KS_BV_TEXT(store_id), KS_BV_INT(limit)};
    return ks_backend_query_rows(store, KS_BACKEND_SQL_AUDIT, args, 2, rows);
}
