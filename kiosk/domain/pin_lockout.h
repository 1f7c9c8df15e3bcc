/*
 * The staff PIN's lockout, one rule for every device a person signs in
 * at with a PIN (the kiosk's staff screen and lane, through its journey;
 * the attendant console): wrong PINs in a row are counted, and the
 * max_failures-th locks PIN sign-in for lockout_ms, during which a PIN is
 * refused without being compared; a right PIN clears the count. The count
 * and the end of the lockout are stored by the device
 * (kiosk/store/staff_store.h, UTC seconds) so a restart does not clear
 * them: ks_pin_lockout_stored_until and ks_pin_lockout_restore turn the
 * lockout's end on the device's clock into UTC seconds and back.
 *
 * Times are milliseconds on the caller's clock (the kiosk's monotonic
 * one, the console's UTC one), which must only go forwards between calls.
 * Pure: no I/O.
 */
#ifndef KIOSK_DOMAIN_PIN_LOCKOUT_H
#define KIOSK_DOMAIN_PIN_LOCKOUT_H

#include <stdbool.h>
#include <stdint.h>

/* Defaults and bounds of a device's settings (the kiosk's [kiosk] staff_pin_*). */
#define KS_PIN_LOCKOUT_FAILURES 3
#define KS_PIN_LOCKOUT_FAILURES_MAX 10
#define KS_PIN_LOCKOUT_SECONDS 300
#define KS_PIN_LOCKOUT_SECONDS_MIN 10
#define KS_PIN_LOCKOUT_SECONDS_MAX 3600

typedef struct ks_pin_lockout_rules {
    int max_failures;   /* wrong PINs in a row that lock, >= 1 */
    int64_t lockout_ms; /* how long they lock */
} ks_pin_lockout_rules;

typedef struct ks_pin_lockout {
    int failures;            /* wrong PINs in a row since the last right one or lockout */
    int64_t locked_until_ms; /* on the caller's clock; 0 (or past): not locked */
} ks_pin_lockout;

/* True while the lockout lasts at now_ms. */
bool ks_pin_lockout_active(const ks_pin_lockout *l, int64_t now_ms);

/*
 * Counts one PIN compared at now_ms (ok: it was right). True when this
 * one locked: the max_failures-th wrong PIN in a row, which starts the
 * lockout and begins a new count. The caller refuses a PIN without
 * counting it while ks_pin_lockout_active.
 */
bool ks_pin_lockout_count(ks_pin_lockout *l, const ks_pin_lockout_rules *rules, bool ok,
                          int64_t now_ms);

/*
 * When l's lockout ends as UTC seconds, to be stored, given that now_ms
 * on the caller's clock is utc_now_s: rounded up, so a restart never ends
 * it early; 0 when it is not locked.
 */
int64_t ks_pin_lockout_stored_until(const ks_pin_lockout *l, int64_t now_ms, int64_t utc_now_s);

/*
 * The stored count and end (UTC seconds, 0: none) back into *l on the
 * caller's clock (now_ms being utc_now_s). A stored end further than
 * rules->lockout_ms and the second it was rounded up by ahead (the clock
 * was put back) is cut to that. True when it is still locked.
 */
bool ks_pin_lockout_restore(ks_pin_lockout *l, const ks_pin_lockout_rules *rules, int failures,
                            int64_t locked_until_s, int64_t now_ms, int64_t utc_now_s);

#endif
