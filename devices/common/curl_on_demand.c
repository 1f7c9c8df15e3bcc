/*
 * libcurl, loaded when it is first called instead of at every start.
 *
 * Debian's libcurl brings 30 shared objects (LDAP, Kerberos, SSH, RTMP,
 * GnuTLS, IDN, PSL...) whose loading and relocation cost the kiosk about
 * 10 ms before main, on the way to its first frame, though it talks to
 * servers only after that frame. So no program links libcurl: this file
 * defines each libcurl function the tree calls, with libcurl's own
 * prototype from <curl/curl.h>, and each forwards to the real function,
 * which the first call finds with dlopen("libcurl.so.4") and dlsym. The
 * callers, and the compiler's type checks of curl_easy_setopt, are those
 * of a linked libcurl. A function the tree starts calling must be added
 * here, or the link fails (nothing else defines it).
 *
 * The first call also starts libcurl (curl_global_init with its defaults),
 * once for the process whichever threads call first, so no caller needs to:
 * curl_easy_init may be the first call. curl_global_init and
 * curl_global_cleanup still count their own calls, as libcurl's do.
 *
 * When libcurl cannot be loaded or started (the package is missing), every call fails
 * the way libcurl fails when it cannot start: curl_global_init and the
 * options CURLE_FAILED_INIT, curl_easy_init and curl_slist_append NULL,
 * curl_easy_strerror says why, and the clean-ups do nothing.
 *
 * curl_easy_setopt and curl_easy_getinfo take one argument after the
 * option, whose type the option's number tells (CURLOPTTYPE_*: long,
 * object pointer, function pointer, curl_off_t, blob pointer; every
 * getinfo argument is a pointer), so it is read with its own type and
 * passed on as that type. The loading is devices/common/library_on_demand.c's,
 * shared with SDL2's. kiosk/docs/ARCHITECTURE.md, "Start-up".
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <curl/curl.h>

#include "devices/common/library_on_demand.h"

static struct {
    CURLcode (*global_init)(long flags);
    void (*global_cleanup)(void);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *curl, CURLoption option, ...);
    CURLcode (*easy_perform)(CURL *curl);
    CURLcode (*easy_getinfo)(CURL *curl, CURLINFO info, ...);
    void (*easy_cleanup)(CURL *curl);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
    void (*slist_free_all)(struct curl_slist *list);
} real;

static const struct dev_library_symbol symbols[] = {
    {"curl_global_init", &real.global_init},   {"curl_global_cleanup", &real.global_cleanup},
    {"curl_easy_init", &real.easy_init},       {"curl_easy_setopt", &real.easy_setopt},
    {"curl_easy_perform", &real.easy_perform}, {"curl_easy_getinfo", &real.easy_getinfo},
    {"curl_easy_cleanup", &real.easy_cleanup}, {"curl_easy_strerror", &real.easy_strerror},
    {"curl_slist_append", &real.slist_append}, {"curl_slist_free_all", &real.slist_free_all},
};

static const char *start(void)
{
    return real.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? NULL : "curl_global_init";
}

static struct dev_library libcurl = DEV_LIBRARY_INIT("libcurl.so.4", symbols, start);

static bool ready(void)
{
    return dev_library_ready(&libcurl);
}

/* The names are in parentheses: <curl/curl.h> may define function-like macros of them. */

CURLcode(curl_global_init)(long flags)
{
    return ready() ? real.global_init(flags) : CURLE_FAILED_INIT;
}

void(curl_global_cleanup)(void)
{
    if (ready())
        real.global_cleanup();
}

CURL *(curl_easy_init)(void)
{
    return ready() ? real.easy_init() : NULL;
}

CURLcode(curl_easy_setopt)(CURL *curl, CURLoption option, ...)
{
    if (!ready())
        return CURLE_FAILED_INIT;
    va_list ap;
    va_start(ap, option);
    CURLcode code;
    if (option < CURLOPTTYPE_OBJECTPOINT)
        code = real.easy_setopt(curl, option, va_arg(ap, long));
    else if (option < CURLOPTTYPE_FUNCTIONPOINT)
        code = real.easy_setopt(curl, option, va_arg(ap, void *));
    else if (option < CURLOPTTYPE_OFF_T)
        code = real.easy_setopt(curl, option, va_arg(ap, void (*)(void)));
    else if (option < CURLOPTTYPE_BLOB)
        code = real.easy_setopt(curl, option, va_arg(ap, curl_off_t));
    else
        code = real.easy_setopt(curl, option, va_arg(ap, struct curl_blob *));
    va_end(ap);
    return code;
}

CURLcode(curl_easy_perform)(CURL *curl)
{
    return ready() ? real.easy_perform(curl) : CURLE_FAILED_INIT;
}

CURLcode(curl_easy_getinfo)(CURL *curl, CURLINFO info, ...)
{
    if (!ready())
        return CURLE_FAILED_INIT;
    va_list ap;
    va_start(ap, info);
    CURLcode code = real.easy_getinfo(curl, info, va_arg(ap, void *));
    va_end(ap);
    return code;
}

void(curl_easy_cleanup)(CURL *curl)
{
    if (ready())
        real.easy_cleanup(curl);
}

const char *(curl_easy_strerror)(CURLcode code)
{
    return ready() ? real.easy_strerror(code) : dev_library_error(&libcurl);
}

struct curl_slist *(curl_slist_append)(struct curl_slist *list, const char *string)
{
    return ready() ? real.slist_append(list, string) : NULL;
}

void(curl_slist_free_all)(struct curl_slist *list)
{
    if (ready())
        real.slist_free_all(list);
}
