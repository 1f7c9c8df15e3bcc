/* The staff PIN's lockout: see kiosk/domain/pin_lockout.h. */
#include "kiosk/domain/pin_lockout.h"

bool ks_pin_lockout_active(const ks_pin_lockout *l, int64_t now_ms)
{
    return now_ms < l->locked_until_ms;
}

bool ks_pin_lockout_count(ks_pin_lockout *l, const ks_pin_lockout_rules *rules, bool ok,
                          int64_t now_ms)
{
    if (ok) {
        l->failures = 0;
        return false;
    }
    if (++l->failures < rules->max_failures)
        return false;
    l->failures = 0;
    l->locked_until_ms = now_ms + rules->lockout_ms;
    return true;
}

int64_t ks_pin_lockout_stored_until(const ks_pin_lockout *l, int64_t now_ms, int64_t utc_now_s)
{
    int64_t left_ms = l->locked_until_ms - now_ms;
    return left_ms > 0 ? utc_now_s + (left_ms + 999) / 1000 : 0;
}

bool ks_pin_lockout_restore(ks_pin_lockout *l, const ks_pin_lockout_rules *rules, int failures,
                            int64_t locked_until_s, int64_t now_ms, int64_t utc_now_s)
{
    l->failures = failures > 0 ? failures : 0;
    l->locked_until_ms = 0;
    int64_t left_s = locked_until_s - utc_now_s;
    if (left_s <= 0)
        return false;
    /* The stored end was rounded up to its second: a lockout's whole length is up to 1 s more. */
    int64_t left_ms = left_s * 1000, most_ms = rules->lockout_ms + 1000;
    l->locked_until_ms = now_ms + (left_ms < most_ms ? left_ms : most_ms);
    return true;
}
