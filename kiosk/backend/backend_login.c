/* The login body and the session cookie, checked: see kiosk/backend/backend_login.h. */
#include "kiosk/backend/backend_login.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

bool ks_login_parse(const char *body, size_t len, ks_login *out, const char **reason, char *path,
                    size_t cap)
{
    memset(out, 0, sizeof *out);
    snprintf(path, cap, "%s", "");
    *reason = "expected a JSON object of name and password";
    json_t *root = body && len <= KS_LOGIN_BODY_MAX
                       ? json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL)
                       : NULL;
    bool ok = json_is_object(root);
    const char *key;
    json_t *value;
    json_object_foreach (root, key, value) {
        if (ok && strcmp(key, "name") != 0 && strcmp(key, "password") != 0) {
            snprintf(path, cap, "%s", key);
            *reason = "unknown member";
            ok = false;
        }
    }
    json_t *name = json_object_get(root, "name"), *password = json_object_get(root, "password");
    size_t password_len = json_string_length(password);
    if (ok && (!json_is_string(name) || !ks_person_name_ok(json_string_value(name)) ||
               strlen(json_string_value(name)) != json_string_length(name))) {
        snprintf(path, cap, "%s", "name");
        *reason = "expected 1-64 characters of a-z 0-9 . _ @ -";
        ok = false;
    } else if (ok &&
               (!json_is_string(password) || password_len == 0 || password_len > KS_PASSWORD_MAX)) {
        snprintf(path, cap, "%s", "password");
        *reason = "expected a password of 1-1024 bytes";
        ok = false;
    }
    if (ok) {
        memcpy(out->name, json_string_value(name), json_string_length(name) + 1);
        memcpy(out->password, json_string_value(password), password_len);
        out->password_len = password_len;
    }
    json_decref(root);
    return ok;
}

bool ks_login_cookie(const char *header, char *id)
{
    static const char name[] = KS_SESSION_COOKIE "=";
    const size_t name_len = sizeof name - 1;
    for (const char *p = header; p && *p;) {
        while (*p == ' ' || *p == ';')
            p++;
        size_t len = strcspn(p, ";");
        if (len == name_len + KS_SESSION_HEX_LEN && strncmp(p, name, name_len) == 0) {
            memcpy(id, p + name_len, KS_SESSION_HEX_LEN);
            id[KS_SESSION_HEX_LEN] = '\0';
            return ks_session_hex_ok(id);
        }
        p += len;
    }
    return false;
}
