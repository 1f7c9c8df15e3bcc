/* The policy for outgoing requests: see kiosk/common/outgoing_url.h. */
#include "kiosk/common/outgoing_url.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/common/net_address.h"

bool ks_outgoing_url_ok(const char *url, const char **why)
{
    const char *reason = NULL;
    size_t len = url ? strlen(url) : 0;
    bool plain = url && strncmp(url, "http://", 7) == 0;
    const char *host = !url                               ? NULL
                       : plain                            ? url + 7
                       : strncmp(url, "https://", 8) == 0 ? url + 8
                                                          : NULL;
    if (!url || len == 0)
        reason = "empty URL";
    else if (len > KS_URL_MAX)
        reason = "URL too long";
    else if (!host)
        reason = "must start with http:// or https://";
    for (size_t i = 0; !reason && i < len; i++)
        if ((unsigned char)url[i] <= ' ' || (unsigned char)url[i] >= 0x7f || url[i] == '#')
            reason = "spaces, control characters, non-ASCII and fragments are not allowed";
    /* The authority ends at the path; user info ("user@host") is refused. */
    size_t host_len = host ? strcspn(host, "/?") : 0;
    if (!reason && memchr(host, '@', host_len))
        reason = "user names in URLs are not allowed";
    char name[KS_URL_MAX + 1] = "";
    if (!reason) {
        const char *end = host + host_len;
        const char *colon = NULL;
        if (host[0] == '[') {
            const char *close = memchr(host, ']', host_len);
            colon = close && close + 1 < end && close[1] == ':' ? close + 1 : NULL;
            if (!close || (close + 1 < end && !colon))
                reason = "malformed [address]";
            else
                end = close + 1;
        } else {
            colon = memchr(host, ':', host_len);
            if (colon)
                end = colon;
        }
        if (!reason && colon) {
            char *stop;
            long port = strtol(colon + 1, &stop, 10);
            if (stop == colon + 1 || stop != host + host_len || port < 1 || port > 65535)
                reason = "the port must be a number from 1 to 65535";
        }
        if (!reason && end == host)
            reason = "no host";
        if (!reason) {
            memcpy(name, host, (size_t)(end - host));
            name[end - host] = '\0';
        }
    }
    if (!reason && plain && strcmp(name, "localhost") != 0 && strcmp(name, "[::1]") != 0 &&
        !ks_address_private(name))
        reason = "plain http:// only to localhost or a private address (10/8, 172.16/12, "
                 "192.168/16); use https:// elsewhere";
    if (why)
        *why = reason;
    return reason == NULL;
}
