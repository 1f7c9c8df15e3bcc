/* READY and watchdog pings to systemd: see kiosk/common/service_notify.h. */
#define LOG_TAG "notify"
#include "kiosk/common/service_notify.h"

#include <systemd/sd-daemon.h>

#include "kiosk/common/log.h"

void ks_service_notify_init(ks_service_notify *n)
{
    uint64_t usec = 0;
    *n = (ks_service_notify){.pinged_at_ms = -1, .idle_told = -1};
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        n->ping_every_ms = (int64_t)(usec / 2000);
        LOG_INFO("systemd watchdog: %lld ms, pinged every %lld ms", (long long)(usec / 1000),
                 (long long)n->ping_every_ms);
    }
}

void ks_service_notify_frame(ks_service_notify *n)
{
    if (n->ready_sent)
        return;
    n->ready_sent = true;
    if (sd_notify(0, "READY=1\nSTATUS=first frame on the screen") > 0)
        LOG_INFO("told systemd: ready (first frame on the screen)");
}

void ks_service_notify_idle(ks_service_notify *n, bool idle)
{
    if (!n->ready_sent || n->idle_told == (int)idle)
        return;
    n->idle_told = idle;
    sd_notify(0, idle ? "STATUS=idle: nobody ordering" : "STATUS=ordering: a customer is ordering");
}

void ks_service_notify_status(const ks_service_notify *n, const char *status)
{
    if (n->ready_sent)
        sd_notifyf(0, "STATUS=%s", status);
}

void ks_service_notify_alive(ks_service_notify *n, int64_t now_ms)
{
    if (n->ping_every_ms <= 0 ||
        (n->pinged_at_ms >= 0 && now_ms - n->pinged_at_ms < n->ping_every_ms))
        return;
    n->pinged_at_ms = now_ms;
    sd_notify(0, "WATCHDOG=1");
}
