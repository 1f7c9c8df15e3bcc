/*
 * The pieces under the menu puller: the images manifest parser and its
 * rules, the content-addressed image cache (hash checked, atomic files,
 * pruning), the heartbeat document, and the backend's API root.
 */
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "kiosk/app/backend_client.h"
#include "kiosk/app/heartbeat.h"
#include "kiosk/domain/image_manifest.h"
#include "kiosk/store/image_cache.h"

#define H64 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define B64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
/* SHA-256 of the 3 bytes "abc" (FIPS 180-2, appendix B.1). */
#define ABC_SHA "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static void test_manifest_parse(void)
{
    static const struct {
        const char *name, *json, *why; /* why: NULL when accepted */
        size_t entries;
    } cases[] = {
        {"two entries",
         "{\"menu\":\"" H64 "\",\"images\":{\"p/b.png\":\"" B64 "\",\"p/a.png\":\"" H64 "\"}}",
         NULL, 2},
        {"none", "{\"images\":{},\"menu\":\"" H64 "\"}", NULL, 0},
        {"not JSON", "{", "not valid JSON", 0},
        {"array", "[]", "must be an object", 0},
        {"unknown member", "{\"menu\":\"" H64 "\",\"images\":{},\"x\":1}", "unknown member", 0},
        {"menu hash short", "{\"menu\":\"abc\",\"images\":{}}", "menu: expected a SHA-256", 0},
        {"upper-case hash", "{\"menu\":\"" H64 "\",\"images\":{\"a.png\":\"" H64 "A\"}}",
         "images: expected a SHA-256", 0},
        {"dot-dot", "{\"menu\":\"" H64 "\",\"images\":{\"../a.png\":\"" H64 "\"}}",
         "images: a path", 0},
        {"leading slash", "{\"menu\":\"" H64 "\",\"images\":{\"/a.png\":\"" H64 "\"}}",
         "images: a path", 0},
        {"duplicate path",
         "{\"menu\":\"" H64 "\",\"images\":{\"a.png\":\"" H64 "\",\"a.png\":\"" H64 "\"}}",
         "not valid JSON", 0},
        {"images missing", "{\"menu\":\"" H64 "\"}", "missing member \"images\"", 0},
        {"images an array", "{\"menu\":\"" H64 "\",\"images\":[]}", "images: must be an object", 0},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        char why[256] = "";
        ks_image_manifest *m =
            ks_image_manifest_parse(cases[i].json, strlen(cases[i].json), why, sizeof why);
        bool accepted = m != NULL;
        size_t n = m ? ks_image_manifest_count(m) : 0;
        ks_image_manifest_free(m);
        if (accepted != (cases[i].why == NULL) || n != cases[i].entries ||
            (cases[i].why && !strstr(why, cases[i].why))) {
            check_fail(__FILE__, __LINE__, "%s: accepted %d, %zu entries, why \"%s\"",
                       cases[i].name, accepted, n, why);
            return;
        }
    }
}

static void test_manifest_lookup_and_resolve(void)
{
    const char *json =
        "{\"menu\":\"" H64 "\",\"images\":{\"p/b.png\":\"" B64 "\",\"p/a.png\":\"" H64 "\"}}";
    ks_image_manifest *m = ks_image_manifest_parse(json, strlen(json), NULL, 0);
    CHECK(m);
    const char *path, *sha;
    ks_image_manifest_entry(m, 0, &path, &sha); /* sorted by path */
    bool sorted = strcmp(path, "p/a.png") == 0 && strcmp(sha, H64) == 0;
    const char *b = ks_image_manifest_find(m, "p/b.png");
    const char *missing = ks_image_manifest_find(m, "p/c.png");
    char cached[256], assets[256], small[8], none[16];
    bool r1 = ks_image_manifest_resolve(m, "/cache", "/assets", "p/b.png", cached, sizeof cached);
    bool r2 = ks_image_manifest_resolve(m, "/cache", "/assets", "p/c.png", assets, sizeof assets);
    bool r3 = ks_image_manifest_resolve(m, "/cache", "/assets", "p/b.png", small, sizeof small);
    bool r4 = ks_image_manifest_resolve(m, "/cache", "/assets", "", none, sizeof none);
    bool r5 =
        ks_image_manifest_resolve(NULL, "/cache", "/assets", "p/b.png", assets, sizeof assets);
    char b_copy[80];
    snprintf(b_copy, sizeof b_copy, "%s", b ? b : "");
    ks_image_manifest_free(m);
    CHECK(sorted);
    CHECK_EQ_STR(b_copy, B64);
    CHECK(missing == NULL);
    CHECK(r1);
    CHECK_EQ_STR(cached, "/cache/" B64);
    CHECK(r2);
    CHECK(!r3);
    CHECK(!r4);
    CHECK(r5);
    CHECK_EQ_STR(assets, "/assets/p/b.png");
}

static void test_path_rules(void)
{
    static const struct {
        const char *path;
        bool ok;
    } cases[] = {
        {"pictures/a.png", true}, {"a", true},         {"", false},
        {"/a.png", false},        {"a/", false},       {"a/../b", false},
        {"a b.png", false},       {"a\\b.png", false}, {"ä.png", false},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++)
        if (ks_image_path_ok(cases[i].path) != cases[i].ok) {
            check_fail(__FILE__, __LINE__, "\"%s\"", cases[i].path);
            return;
        }
    char long_path[KS_IMAGE_PATH_MAX + 2];
    memset(long_path, 'a', sizeof long_path - 1);
    long_path[KS_IMAGE_PATH_MAX] = '\0'; /* 256: the longest allowed */
    CHECK(ks_image_path_ok(long_path));
    long_path[KS_IMAGE_PATH_MAX] = 'a';
    long_path[KS_IMAGE_PATH_MAX + 1] = '\0'; /* 257 */
    CHECK(!ks_image_path_ok(long_path));
}

static void test_cache_put_and_prune(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/cache", check_tmp_dir());
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    CHECK(ks_image_cache_prepare(dir));
    char sha[65];
    CHECK(ks_image_cache_hash("abc", 3, sha));
    CHECK_EQ_STR(sha, ABC_SHA);
    /* Bytes cut short are refused, and nothing is left behind. */
    CHECK_EQ_INT(ks_image_cache_put(dir, ABC_SHA, "ab", 2), KS_IMAGE_CACHE_MISMATCH);
    CHECK(!ks_image_cache_has(dir, ABC_SHA));
    CHECK_EQ_INT(ks_image_cache_put(dir, "nothex", "abc", 3), KS_IMAGE_CACHE_INVALID);
    CHECK_EQ_INT(ks_image_cache_put(dir, ABC_SHA, "abc", 3), KS_IMAGE_CACHE_OK);
    CHECK(ks_image_cache_has(dir, ABC_SHA));
    CHECK_EQ_INT(ks_image_cache_put(dir, ABC_SHA, "abc", 3), KS_IMAGE_CACHE_OK); /* again */
    char other[65];
    CHECK(ks_image_cache_hash("xyz", 3, other));
    CHECK_EQ_INT(ks_image_cache_put(dir, other, "xyz", 3), KS_IMAGE_CACHE_OK);
    /* A crash's leftover and a stranger's file. */
    char path[1200];
    snprintf(path, sizeof path, "%s/.tmp-%s-1", dir, other);
    FILE *f = fopen(path, "w");
    CHECK(f);
    fclose(f);
    snprintf(path, sizeof path, "%s/README", dir);
    f = fopen(path, "w");
    CHECK(f);
    fclose(f);
    const char *keep[] = {ABC_SHA};
    /* removed: the "xyz" picture and the temporary file; README is not the cache's */
    CHECK_EQ_INT(ks_image_cache_prune(dir, keep, 1), 2);
    CHECK(ks_image_cache_has(dir, ABC_SHA));
    CHECK(!ks_image_cache_has(dir, other));
    CHECK(access(path, F_OK) == 0);
}

static void test_heartbeat_body(void)
{
    const ks_heartbeat_device devices[] = {{"printer", "paper_out"}, {"terminal", "ok"}};
    char *body = ks_heartbeat_body("kiosk-02", "1.4.0", 3, devices, 2);
    CHECK(body);
    int same = strcmp(body, "{\"kiosk_id\":\"kiosk-02\",\"version\":\"1.4.0\",\"unsent\":3,"
                            "\"devices\":{\"printer\":\"paper_out\",\"terminal\":\"ok\"}}");
    free(body);
    CHECK_EQ_INT(same, 0);
    body = ks_heartbeat_body("kiosk-02", "1.4.0", 2000000000, NULL, 0);
    CHECK_CONTAINS(body, "\"unsent\":1000000000"); /* clamped to the backend's maximum */
    free(body);
    const ks_heartbeat_device bad[] = {{"Printer", "ok"}};
    CHECK(ks_heartbeat_body("kiosk-02", "1.4.0", 0, bad, 1) == NULL);
    const ks_heartbeat_device twice[] = {{"printer", "ok"}, {"printer", "ok"}};
    CHECK(ks_heartbeat_body("kiosk-02", "1.4.0", 0, twice, 2) == NULL);
    CHECK(ks_heartbeat_body("kiosk-02", "1.4 beta", 0, NULL, 0) == NULL);
    CHECK(ks_heartbeat_body("", "1.4.0", 0, NULL, 0) == NULL);
}

static void test_api_root(void)
{
    char root[64];
    CHECK(ks_backend_client_root("https://b.example/v1/orders", root, sizeof root));
    CHECK_EQ_STR(root, "https://b.example/v1");
    CHECK(!ks_backend_client_root("https://b.example/v1/order", root, sizeof root));
    CHECK(!ks_backend_client_root("/orders", root, sizeof root)); /* nothing before it */
    CHECK(!ks_backend_client_root("https://b.example/v1/orders", root, 8));
    CHECK(!ks_backend_client_root(NULL, root, sizeof root));
}

static const struct check_case cases[] = {
    {"manifest parse", test_manifest_parse},
    {"manifest lookup and resolve", test_manifest_lookup_and_resolve},
    {"image path rules", test_path_rules},
    {"cache put, refuse, prune", test_cache_put_and_prune},
    {"heartbeat body", test_heartbeat_body},
    {"API root from the orders URL", test_api_root},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
