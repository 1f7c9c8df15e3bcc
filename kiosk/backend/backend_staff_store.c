/* The staff report in the database: see kiosk/backend/backend_staff_store.h. */
#include "kiosk/backend/backend_staff_store.h"

#include "kiosk/backend/backend_store_driver.h"

enum ks_db_error ks_backend_store_staff(ks_backend_store *store, const char *from, const char *to,
                                        const char *store_id, const ks_backend_sink *sink)
{
    const ks_backend_value args[] = {KS_BV_TEXT(from), KS_BV_TEXT(to), KS_BV_TEXT(store_id)};
    return ks_backend_query_sink(store, KS_BACKEND_SQL_STAFF, args, sizeof args / sizeof args[0],
                                 sink);
}
