/* The kiosk's libcurl handles to its servers: see kiosk/app/http_handle.h. */
#include "kiosk/app/http_handle.h"

#include <stdbool.h>

CURL *ks_http_handle_new(const ks_http_handle_config *cfg)
{
    CURL *h = curl_easy_init();
    bool ok = h && curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
              curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
              curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, cfg->timeout_ms) == CURLE_OK &&
              curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, cfg->timeout_ms) == CURLE_OK &&
              curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
              curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
              curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
              curl_easy_setopt(h, CURLOPT_USERAGENT, cfg->user_agent) == CURLE_OK &&
              curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L) == CURLE_OK &&
              curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cfg->abandon) == CURLE_OK &&
              curl_easy_setopt(h, CURLOPT_XFERINFODATA, cfg->abandon_ctx) == CURLE_OK &&
              (!cfg->ca_file || !cfg->ca_file[0] ||
               curl_easy_setopt(h, CURLOPT_CAINFO, cfg->ca_file) == CURLE_OK);
    if (!ok) {
        curl_easy_cleanup(h);
        return NULL;
    }
    return h;
}
