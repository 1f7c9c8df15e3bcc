/*
 * The manager's web app, compiled into the program: the files of
 * assets/backoffice/ (index.html, app.js, app.css, i18n.js) as byte arrays
 * that kiosk/backend/embed_backoffice.cmake writes at build time, each with
 * its URL path ("/" for index.html, "/app/<name>" for the others), its
 * content type and its ETag. Nothing is read from disk at run time and
 * nothing refers to another origin.
 */
#ifndef KIOSK_BACKEND_BACKEND_PAGE_H
#define KIOSK_BACKEND_BACKEND_PAGE_H

#include <stddef.h>

/* The prefix of the app's files besides "/". */
#define KS_BACKEND_APP_PREFIX "/app/"

typedef struct ks_backend_asset {
    const char *path;          /* "/" or "/app/app.js" */
    const char *content_type;  /* "text/javascript; charset=utf-8" ... */
    const unsigned char *data; /* len bytes (and a NUL after them) */
    size_t len;
    const char *etag; /* the quoted SHA-256 hex of the bytes */
} ks_backend_asset;

extern const ks_backend_asset ks_backend_assets[];
extern const size_t ks_backend_n_assets;

/* The asset served at path, or NULL when none is. */
const ks_backend_asset *ks_backend_asset_find(const char *path);

#endif
