/* The login body and the session cookie, checked: see kiosk/backend/backend_login.h. */
#include "kiosk/backend/backend_login.h"

#include <jansson.h>
#include <string.h>

#include "kiosk/backend/backend_body.h"

static bool read_login(ks_json_reader *r, json_t *root, void *into)
{
    ks_login *out = into;
    static const char *const members[] = {"name", "password", NULL};
    const char *name = NULL, *password = NULL;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_json_string(r, root, "name", true, 1, KS_PERSON_NAME_MAX, KS_JSON_PRINTABLE, &name))
        return false;
    if (!ks_person_name_ok(name))
        return ks_json_fail(r, "name", "must be 1-64 characters of a-z 0-9 . _ @ -");
    if (!ks_json_string(r, root, "password", true, 1, KS_PASSWORD_MAX, KS_JSON_ANY, &password))
        return false;
    memcpy(out->name, name, strlen(name) + 1);
    out->password_len = strlen(password);
    memcpy(out->password, password, out->password_len);
    return true;
}

bool ks_login_parse(const char *body, size_t len, ks_login *out, ks_json_error *why)
{
    if (len > KS_LOGIN_BODY_MAX) {
        memset(out, 0, sizeof *out);
        *why = (ks_json_error){.reason = "the body is larger than a login's"};
        return false;
    }
    return ks_body_read(body, len, read_login, out, sizeof *out, why);
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
