/* A device's [backend] section: see kiosk/common/device_backend.h. */
#include "kiosk/common/device_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/ini_text.h"

void ks_device_backend_defaults(ks_device_backend *b)
{
    *b = (ks_device_backend){.poll_s = 60};
    snprintf(b->token_file, sizeof b->token_file, "device-token");
}

/* 1-32 bytes of a-z 0-9 _ . - (the backend's device and store ids). */
static bool id_ok(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= KS_DEVICE_BACKEND_ID_MAX &&
           strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_.-") == n;
}

static enum ks_device_backend_setting refused(const char **why, const char *reason)
{
    *why = reason;
    return KS_DEVICE_BACKEND_REFUSED;
}

enum ks_device_backend_setting ks_device_backend_key(ks_device_backend *b, const char *key,
                                                     const char *value, const char **why)
{
    if (strcmp(key, "url") == 0) {
        if (value[0] && !ks_outgoing_url_ok(value, why))
            return KS_DEVICE_BACKEND_REFUSED;
        return ks_ini_copy_value(b->url, sizeof b->url, value) ? KS_DEVICE_BACKEND_TAKEN
                                                               : refused(why, "too long");
    }
    if (strcmp(key, "device_id") == 0 || strcmp(key, "store") == 0) {
        if (!id_ok(value))
            return refused(why, "must be 1-32 characters of a-z 0-9 _ . -");
        memcpy(key[0] == 'd' ? b->device_id : b->store_id, value, strlen(value) + 1);
        return KS_DEVICE_BACKEND_TAKEN;
    }
    if (strcmp(key, "token_file") == 0 || strcmp(key, "ca_certificate") == 0) {
        char *target = key[0] == 't' ? b->token_file : b->ca_certificate;
        if (key[0] == 't' && !value[0])
            return refused(why, "must not be empty");
        return ks_ini_copy_value(target, sizeof b->token_file, value) ? KS_DEVICE_BACKEND_TAKEN
                                                                      : refused(why, "too long");
    }
    if (strcmp(key, "poll_seconds") == 0) {
        char *end;
        long v = strtol(value, &end, 10);
        if (end == value || *end != '\0' || v < 5 || v > 3600)
            return refused(why, "must be a whole number from 5 to 3600");
        b->poll_s = (int)v;
        return KS_DEVICE_BACKEND_TAKEN;
    }
    return refused(why, "unknown setting");
}

bool ks_device_backend_check(const ks_device_backend *b, const char **why)
{
    if (b->url[0] && (!b->device_id[0] || !b->store_id[0])) {
        *why = "[backend] url needs device_id and store";
        return false;
    }
    return true;
}

bool ks_device_backend_resolve(ks_device_backend *b, const char *ini_path)
{
    return ks_ini_resolve_path(b->token_file, sizeof b->token_file, ini_path) &&
           (!b->ca_certificate[0] ||
            ks_ini_resolve_path(b->ca_certificate, sizeof b->ca_certificate, ini_path));
}
