/*
 * TLS for the store's servers (kitchen display, backend, attendant
 * console), and where they may serve plain HTTP instead.
 *
 * Each server's section of its INI file takes three keys
 * (ks_http_tls_setting):
 *
 *   tls_certificate = /etc/kiosk/tls/kitchen.pem   ; PEM: the certificate, then its chain
 *   tls_key = /etc/kiosk/tls/kitchen.key           ; PEM private key, not readable by others
 *   plain_http = no                                ; yes: plain HTTP on a private address
 *
 * With a certificate and key the server speaks HTTPS only (libmicrohttpd
 * with GnuTLS), and the kiosks verify it against the store's CA
 * ([network] ca_certificate). Without them, plain HTTP is served on
 * loopback (this machine) always, on a private address (10/8, 172.16/12,
 * 192.168/16) only when plain_http = yes says so, and nowhere else: a
 * server asked to listen elsewhere without TLS refuses to start
 * (ks_http_tls_check).
 */
#ifndef KIOSK_HTTP_HTTP_TLS_H
#define KIOSK_HTTP_HTTP_TLS_H

#include <stdbool.h>
#include <stddef.h>

/* Largest PEM file read (a certificate chain or a key). */
#define KS_HTTP_TLS_PEM_MAX (64u * 1024u)

typedef struct ks_http_tls_config {
    char certificate[1024]; /* "" : no TLS */
    char key[1024];
    bool plain_http;
} ks_http_tls_config;

/* What a key of a server's section was to the TLS settings. */
enum ks_http_tls_setting {
    KS_HTTP_TLS_NOT_MINE, /* not a TLS key: the caller's */
    KS_HTTP_TLS_TAKEN,
    KS_HTTP_TLS_REFUSED, /* a TLS key with a bad value: *why says so */
};

enum ks_http_tls_setting ks_http_tls_setting(ks_http_tls_config *tls, const char *key,
                                             const char *value, const char **why);

/* Resolves relative paths against the INI file at ini_path's folder; false when too long. */
bool ks_http_tls_resolve(ks_http_tls_config *tls, const char *ini_path);

/*
 * True when a server listening on listen ("ADDRESS:PORT") may start with
 * tls: both files or neither, and without them a loopback address, or a
 * private one with plain_http. False with the reason in why.
 */
bool ks_http_tls_check(const ks_http_tls_config *tls, const char *listen, char *why, size_t cap);

/* The certificate and key as PEM text for the server; both NULL when plain. */
typedef struct ks_http_tls {
    char *certificate_pem; /* owned */
    char *key_pem;         /* owned; wiped when freed */
} ks_http_tls;

/*
 * Reads the files of tls (nothing when it has none). The key must be a
 * regular file that others cannot read (mode & 007 == 0). False with the
 * reason in why.
 */
bool ks_http_tls_load(const ks_http_tls_config *tls, ks_http_tls *out, char *why, size_t cap);

/* Frees out's texts (the key wiped first); accepts a zeroed one. */
void ks_http_tls_free(ks_http_tls *out);

#endif
