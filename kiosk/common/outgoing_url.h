/*
 * Where this project's programs may send requests: the one URL policy for
 * every outgoing connection (the kiosk's orders, heartbeats and menu pulls
 * to the backend, its kitchen displays, the attendant console, ZATCA), and
 * the one limit on a configured URL's length.
 */
#ifndef KIOSK_COMMON_OUTGOING_URL_H
#define KIOSK_COMMON_OUTGOING_URL_H

#include <stdbool.h>

/* The longest URL a configuration may name, in bytes. */
#define KS_URL_MAX 160

/*
 * Whether a request may go to url: https:// to any host (the certificate is
 * verified), http:// only to localhost, 127.0.0.0/8, [::1] or the RFC 1918
 * networks (10/8, 172.16/12, 192.168/16) written as an address, since a
 * name could resolve anywhere. No user info, fragment, spaces or control
 * characters; at most KS_URL_MAX bytes. On false, *why (may be NULL) is a
 * static English reason. Pure.
 */
bool ks_outgoing_url_ok(const char *url, const char **why);

#endif
