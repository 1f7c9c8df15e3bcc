/*
 * The address of a nexo terminal, as one URI in the kiosk's configuration:
 *
 *   nexo+https://192.168.1.20:8443/nexo?poi=V400m-324688179&sale=KIOSK-01
 *       &key_id=KIOSK_KEY&key_version=1&passphrase_file=/etc/kiosk/nexo.key
 *       &ca=/etc/kiosk/terminal-ca.pem&tls_name=V400m-324688179
 *
 *   host, port    where the terminal listens (port defaults to 8443, path to /nexo);
 *                 IPv6 in brackets
 *   poi           the terminal's POIID (required)
 *   sale          the kiosk's SaleID at the terminal (required)
 *   key_id, key_version, passphrase_file
 *                 the shared key of local message security (required); the
 *                 passphrase stays in its own file (mode 0600), so the URI can
 *                 be logged and shown on the staff screen
 *   ca            PEM file with the CA that signed the terminal's certificate (required)
 *   tls_name      the name the terminal's certificate carries when it is not
 *                 the host (terminals are reached by IP address but certified
 *                 by name); the connection still goes to host
 *   connect_timeout_ms   100..60000, default 5000
 *
 * Values are percent-decoded. Unknown, repeated or missing parameters refuse
 * the URI: a typo in a payment setting should stop the kiosk at start, not
 * at the first customer.
 */
#ifndef DEVICES_PAYMENT_NEXO_URI_H
#define DEVICES_PAYMENT_NEXO_URI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEV_NEXO_URI_MAX 8192
#define DEV_NEXO_URI_SCHEME "nexo+https"

typedef struct dev_nexo_uri {
    char host[256]; /* IPv6 keeps its brackets */
    unsigned port;
    char path[256];
    char poi_id[65];
    char sale_id[65];
    char key_id[65];
    uint32_t key_version;
    char passphrase_file[1024];
    char ca_file[1024];
    char tls_name[256]; /* "" when not given */
    long connect_timeout_ms;
} dev_nexo_uri;

/*
 * Parses uri (at most DEV_NEXO_URI_MAX bytes) into *out. False, with why
 * (may be NULL) holding a short English reason and *out zeroed, on anything
 * not described above.
 */
bool dev_nexo_uri_parse(const char *uri, dev_nexo_uri *out, char *why, size_t why_cap);

#endif
