/* The staff report in the database: see kiosk/backend/backend_staff_store.h. */
#include "kiosk/backend/backend_staff_store.h"

#include <stdbool.h>
#include <stdio.h>

#include "kiosk/backend/backend_store_driver.h"

/* Past every business date: the bounds of no whole month. */
#define NO_MONTH "9999-99-99"

/* The number the n digits at text spell (a valid business date's part). */
static int number(const char *text, int n)
{
    int value = 0;
    for (int i = 0; i < n; i++)
        value = value * 10 + (text[i] - '0');
    return value;
}

/* The days in month m (1-12) of year y (Gregorian). */
static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

/*
 * The whole months of from-to (valid business dates) as the staff report's
 * SQL takes them (backend_staff_sql.h, KS_BACKEND_STAFF_EDGES): lo the
 * first one's first date, hi the last one's "YYYY-MM-32"; both NO_MONTH
 * when no month lies whole between them.
 */
static void whole_months(const char *from, const char *to, char lo[32], char hi[32])
{
    int fy = number(from, 4), fm = number(from + 5, 2), ty = number(to, 4), tm = number(to + 5, 2);
    if (number(from + 8, 2) != 1 && ++fm > 12) {
        fm = 1;
        fy++;
    }
    if (number(to + 8, 2) != month_days(ty, tm) && --tm < 1) {
        tm = 12;
        ty--;
    }
    if (fy > ty || (fy == ty && fm > tm)) {
        snprintf(lo, 32, "%s", NO_MONTH);
        snprintf(hi, 32, "%s", NO_MONTH);
        return;
    }
    snprintf(lo, 32, "%04d-%02d-01", fy, fm);
    snprintf(hi, 32, "%04d-%02d-32", ty, tm);
}

enum ks_db_error ks_backend_store_staff(ks_backend_store *store, const char *from, const char *to,
                                        const char *store_id, const ks_backend_sink *sink)
{
    char lo[32], hi[32];
    whole_months(from, to, lo, hi);
    const ks_backend_value args[] = {KS_BV_TEXT(from), KS_BV_TEXT(to), KS_BV_TEXT(store_id),
                                     KS_BV_TEXT(lo), KS_BV_TEXT(hi)};
    return ks_backend_query_sink(store, KS_BACKEND_SQL_STAFF, args, sizeof args / sizeof args[0],
                                 sink);
}
