/*
 * libcurl loaded on its first call (devices/common/curl_on_demand.c): the
 * test program, linked like every program, has no libcurl mapped until it
 * calls one of its functions; then options of every argument type (long,
 * string, object and function pointers, curl_off_t, blob) and the info
 * queries reach the real library with their values, as a transfer of a
 * local file shows. And no program names libcurl, libxml2, SDL2_image or
 * libusb among the libraries it loads at start (their NEEDED entries, read
 * with readelf; libxml2 and libusb are loaded on demand too,
 * devices/common/libxml2_on_demand.c, devices/common/libusb_on_demand.c).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "tests/support/check.h"

#define FILE_BYTES 1000

static void libcurl_is_loaded_by_the_first_call(void)
{
    void *before = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_NOLOAD);
    if (before)
        dlclose(before);
    CHECK(!before);
    CURL *c = curl_easy_init();
    CHECK(c);
    curl_easy_cleanup(c);
    void *after = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_NOLOAD);
    CHECK(after);
    dlclose(after);
}

struct collected {
    size_t bytes;
    int calls;
};

static size_t collect(char *data, size_t size, size_t n, void *ctx)
{
    (void)data;
    struct collected *c = ctx;
    c->bytes += size * n;
    c->calls++;
    return size * n;
}

static void options_of_every_type_reach_libcurl(void)
{
    char path[512], url[600];
    snprintf(path, sizeof path, "%s/thousand.bin", check_tmp_dir());
    FILE *f = fopen(path, "wb");
    CHECK(f);
    for (int i = 0; i < FILE_BYTES; i++)
        fputc(i & 0xFF, f);
    fclose(f);
    snprintf(url, sizeof url, "file://%s", path);
    CHECK_EQ_INT(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK);
    CURL *c = curl_easy_init();
    CHECK(c);
    struct collected got = {0, 0};
    CHECK_EQ_INT(curl_easy_setopt(c, CURLOPT_URL, url), CURLE_OK);               /* string */
    CHECK_EQ_INT(curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "file"), CURLE_OK);  /* string */
    CHECK_EQ_INT(curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L), CURLE_OK);           /* long */
    CHECK_EQ_INT(curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect), CURLE_OK); /* function */
    CHECK_EQ_INT(curl_easy_setopt(c, CURLOPT_WRITEDATA, &got), CURLE_OK);        /* object */
    CHECK_EQ_INT(curl_easy_perform(c), CURLE_OK);
    CHECK_EQ_INT(got.bytes, FILE_BYTES);
    CHECK(got.calls >= 1);
    curl_off_t size = -1;
    CHECK_EQ_INT(curl_easy_getinfo(c, CURLINFO_SIZE_DOWNLOAD_T, &size), CURLE_OK);
    CHECK_EQ_INT(size, FILE_BYTES);
    /* Resuming 10 bytes before the end gets those 10; beyond 4 GiB is past the end: the
     * curl_off_t arrived whole, upper half included. */
    got = (struct collected){0, 0};
    CHECK_EQ_INT(curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)FILE_BYTES - 10),
                 CURLE_OK);
    CHECK_EQ_INT(curl_easy_perform(c), CURLE_OK);
    CHECK_EQ_INT(got.bytes, 10);
    CHECK_EQ_INT(curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)1 << 33), CURLE_OK);
    CHECK_EQ_INT(curl_easy_perform(c), CURLE_BAD_DOWNLOAD_RESUME);
    CHECK_EQ_INT(curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)0), CURLE_OK);
    /* A long is checked by its value: a TLS version that does not exist is refused. */
    CHECK_EQ_INT(curl_easy_setopt(c, CURLOPT_SSLVERSION, 999L), CURLE_BAD_FUNCTION_ARGUMENT);
    CHECK_EQ_INT(curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2), CURLE_OK);
    struct curl_blob blob = {.data = (void *)"not a certificate", .len = 17, .flags = 0};
    CHECK_EQ_INT(curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &blob), CURLE_OK); /* blob */
    const char *scheme = NULL;
    CHECK_EQ_INT(curl_easy_getinfo(c, CURLINFO_SCHEME, &scheme), CURLE_OK);
    CHECK(scheme && strcmp(scheme, "FILE") == 0);
    curl_easy_cleanup(c);
    struct curl_slist *list = curl_slist_append(NULL, "Accept: */*");
    CHECK(list && strcmp(list->data, "Accept: */*") == 0);
    list = curl_slist_append(list, "X-Two: 2");
    CHECK(list->next && strcmp(list->next->data, "X-Two: 2") == 0);
    curl_slist_free_all(list);
    CHECK_EQ_STR(curl_easy_strerror(CURLE_OK), "No error");
    curl_global_cleanup();
}

/* The NEEDED entries of the program at path, one per line, into out. */
static bool needed_of(const char *path, char *out, size_t out_size)
{
    char command[1200];
    snprintf(command, sizeof command, "readelf --dynamic --wide '%s'", path);
    FILE *p = popen(command, "r");
    if (!p)
        return false;
    char line[1024];
    size_t used = 0;
    out[0] = '\0';
    while (fgets(line, sizeof line, p)) {
        const char *name = strstr(line, "(NEEDED)") ? strchr(line, '[') : NULL;
        if (name && used + strlen(name) < out_size)
            used += (size_t)snprintf(out + used, out_size - used, "%s", name);
    }
    return pclose(p) == 0 && used > 0;
}

static void no_program_loads_libcurl_at_start(void)
{
    static const char *const programs[] = {
        "kiosk/programs/kiosk",
        "kiosk/programs/kitchen-display",
        "kiosk/programs/kiosk-backend",
        "kiosk/programs/attendant-console",
        "kiosk/programs/kiosk-zatca-onboard",
    };
    const char *build = getenv("KIOSK_BUILD_DIR");
    CHECK(build);
    for (size_t i = 0; i < CHECK_COUNT(programs); i++) {
        char path[1024], needed[4096];
        snprintf(path, sizeof path, "%s/%s", build, programs[i]);
        CHECK(needed_of(path, needed, sizeof needed));
        CHECK_CONTAINS(needed, "[libc.so.6]"); /* the list was read */
        if (strstr(needed, "libcurl") || strstr(needed, "libxml2") ||
            strstr(needed, "SDL2_image") || strstr(needed, "libusb"))
            CHECK_EQ_STR(needed, "(no libcurl, no libxml2, no SDL2_image, no libusb)");
    }
}

static const struct check_case cases[] = {
    {"libcurl is loaded by the first call", libcurl_is_loaded_by_the_first_call},
    {"options of every type reach libcurl", options_of_every_type_reach_libcurl},
    {"no program loads libcurl, libxml2 or libusb at start", no_program_loads_libcurl_at_start},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
