/* The manager's web app, compiled in: see kiosk/backend/backend_page.h. */
#include "kiosk/backend/backend_page.h"

#include <string.h>

const ks_backend_asset *ks_backend_asset_find(const char *path)
{
    for (size_t i = 0; path && i < ks_backend_n_assets; i++)
        if (strcmp(ks_backend_assets[i].path, path) == 0)
            return &ks_backend_assets[i];
    return NULL;
}
