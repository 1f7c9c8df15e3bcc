/*
 * What a program tells systemd (sd_notify, libsystemd): READY=1 once its
 * first frame is on the screen, so that "started" means "selling", then
 * WATCHDOG=1 from the UI loop at least twice per WatchdogSec, so that a
 * stalled UI thread is killed and restarted, and STATUS= whether anybody is
 * ordering, so that an update reboots the box only when nobody is
 * (image/rauc/kiosk-update.sh reads it with `systemctl show -p StatusText`).
 * Without a notify socket (a
 * program not started by a Type=notify unit) every call does nothing.
 *
 * UI thread only.
 */
#ifndef KIOSK_COMMON_SERVICE_NOTIFY_H
#define KIOSK_COMMON_SERVICE_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

typedef struct ks_service_notify {
    bool ready_sent;
    int64_t ping_every_ms; /* half of the unit's WatchdogSec; 0: no watchdog */
    int64_t pinged_at_ms;  /* the last ping; -1: none yet */
    int idle_told;         /* the last idle state told: 1 idle, 0 ordering, -1 none yet */
} ks_service_notify;

/* Reads the watchdog interval systemd set (WATCHDOG_USEC for this process). */
void ks_service_notify_init(ks_service_notify *n);

/* A frame was presented: READY=1 the first time. */
void ks_service_notify_frame(ks_service_notify *n);

/* Tells systemd "STATUS=idle: ..." or "STATUS=ordering: ..." when idle differs from the last
 * state told (after the first frame only). */
void ks_service_notify_idle(ks_service_notify *n, bool idle);

/* Tells systemd "STATUS=" followed by status (a script's progress, say); nothing before the
 * first frame. */
void ks_service_notify_status(const ks_service_notify *n, const char *status);

/* One turn of the UI loop at now_ms (a monotonic clock): WATCHDOG=1 when due, the first turn
 * included. */
void ks_service_notify_alive(ks_service_notify *n, int64_t now_ms);

#endif
