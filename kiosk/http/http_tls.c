/* TLS settings of the store's servers (see kiosk/http/http_tls.h). */
#include "kiosk/http/http_tls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/bounded_file.h"
#include "kiosk/common/ini_text.h"
#include "kiosk/common/net_address.h"
#include "kiosk/http/http_server.h"

enum ks_http_tls_setting ks_http_tls_setting(ks_http_tls_config *tls, const char *key,
                                             const char *value, const char **why)
{
    if (strcmp(key, "tls_certificate") == 0 || strcmp(key, "tls_key") == 0) {
        char *target = strcmp(key, "tls_key") == 0 ? tls->key : tls->certificate;
        *why = "expected a file path of at most 1023 bytes";
        return ks_ini_copy_value(target, sizeof tls->key, value) ? KS_HTTP_TLS_TAKEN
                                                                 : KS_HTTP_TLS_REFUSED;
    }
    if (strcmp(key, "plain_http") == 0) {
        *why = "expected yes or no";
        if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
            return KS_HTTP_TLS_REFUSED;
        tls->plain_http = value[0] == 'y';
        return KS_HTTP_TLS_TAKEN;
    }
    return KS_HTTP_TLS_NOT_MINE;
}

bool ks_http_tls_resolve(ks_http_tls_config *tls, const char *ini_path)
{
    return (!tls->certificate[0] ||
            ks_ini_resolve_path(tls->certificate, sizeof tls->certificate, ini_path)) &&
           (!tls->key[0] || ks_ini_resolve_path(tls->key, sizeof tls->key, ini_path));
}

bool ks_http_tls_check(const ks_http_tls_config *tls, const char *listen, char *why, size_t cap)
{
    char address[16];
    uint16_t port;
    if (!tls->certificate[0] != !tls->key[0]) {
        snprintf(why, cap, "tls_certificate and tls_key go together");
        return false;
    }
    if (tls->certificate[0] || !listen || !listen[0])
        return true;
    if (!ks_http_parse_listen(listen, address, &port)) {
        snprintf(why, cap, "listen address \"%s\" is not IPv4-ADDRESS:PORT", listen);
        return false;
    }
    if (ks_address_loopback(address) || (tls->plain_http && ks_address_private(address)))
        return true;
    snprintf(why, cap,
             "%s is not this machine: serving it needs tls_certificate and tls_key (or, on a "
             "private address, plain_http = yes)",
             address);
    return false;
}

/* The whole file at path as a NUL-terminated string (owned); NULL with why. */
static char *read_pem(const char *path, bool secret, char *why, size_t cap)
{
    size_t len = 0;
    char *text = secret ? ks_secret_file_read(path, KS_HTTP_TLS_PEM_MAX, &len, why, cap)
                        : ks_bounded_file_read(path, KS_HTTP_TLS_PEM_MAX, &len, why, cap);
    if (!text)
        return NULL;
    char *pem = NULL;
    if (len == 0 || len > KS_HTTP_TLS_PEM_MAX)
        snprintf(why, cap, "%s is not a PEM file of at most 64 KiB", path);
    else if (!(pem = realloc(text, len + 1)))
        snprintf(why, cap, "out of memory");
    if (!pem) {
        free(text);
        return NULL;
    }
    pem[len] = '\0';
    return pem;
}

bool ks_http_tls_load(const ks_http_tls_config *tls, ks_http_tls *out, char *why, size_t cap)
{
    *out = (ks_http_tls){0};
    if (!tls->certificate[0])
        return true;
    out->certificate_pem = read_pem(tls->certificate, false, why, cap);
    out->key_pem = out->certificate_pem ? read_pem(tls->key, true, why, cap) : NULL;
    if (out->key_pem)
        return true;
    ks_http_tls_free(out);
    return false;
}

void ks_http_tls_free(ks_http_tls *out)
{
    if (out->key_pem) {
        explicit_bzero(out->key_pem, strlen(out->key_pem));
        free(out->key_pem);
    }
    free(out->certificate_pem);
    *out = (ks_http_tls){0};
}
