/* The device's ZATCA secrets on disk: see kiosk/app/zatca_credentials.h. */
#define LOG_TAG "zatca"
#include "kiosk/app/zatca_credentials.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/app/secret_file.h"
#include "kiosk/common/log.h"

bool ks_zatca_credentials_load(const char *path, ks_zatca_csid *out)
{
    size_t len = 0;
    char *text = ks_secret_file_load(path, KS_ZATCA_ANSWER_MAX, &len);
    if (!text)
        return false;
    ks_json_error why;
    char line[sizeof why.path + sizeof why.reason];
    bool ok = ks_zatca_csid_parse(text, len, out, &why);
    if (!ok)
        LOG_ERROR("ZATCA credentials %s: %s", path, ks_json_error_line(&why, line, sizeof line));
    memset(text, 0, len);
    free(text);
    return ok;
}

bool ks_zatca_device_key_path(const ks_config *cfg, char *out, size_t cap)
{
    if (cfg->zatca_private_key[0])
        return (size_t)snprintf(out, cap, "%s", cfg->zatca_private_key) < cap;
    const char *slash = strrchr(cfg->zatca_credentials, '/');
    int folder = slash ? (int)(slash - cfg->zatca_credentials + 1) : 0;
    return (size_t)snprintf(out, cap, "%.*szatca-key.pem", folder, cfg->zatca_credentials) < cap;
}
