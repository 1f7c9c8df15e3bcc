/*
 * TLS on the store's network (kiosk/http/http_tls.h and the kiosk's
 * [network] ca_certificate): the settings and where plain HTTP may be
 * served; the key file's mode; then a real kitchen display serving HTTPS
 * on loopback with a certificate made here (openssl, an EC key, the
 * address in its subjectAltName) and a real kiosk delivery worker that
 * delivers to it trusting that certificate as the store's CA, while one
 * that trusts only the system's CAs delivers nothing, and a plain HTTP
 * request to the HTTPS port gets no answer.
 */
#include "tests/unit/test_kitchen_fixture.h"

#include <curl/curl.h>
#include <sys/stat.h>

#include "kiosk/app/delivery.h"
#include "kiosk/http/http_tls.h"

static void test_settings(void)
{
    ks_http_tls_config t = {0};
    const char *why = NULL;
    CHECK_EQ_INT(ks_http_tls_setting(&t, "listen", "x", &why), KS_HTTP_TLS_NOT_MINE);
    CHECK_EQ_INT(ks_http_tls_setting(&t, "tls_certificate", "kds.pem", &why), KS_HTTP_TLS_TAKEN);
    CHECK_EQ_INT(ks_http_tls_setting(&t, "tls_key", "kds.key", &why), KS_HTTP_TLS_TAKEN);
    CHECK_EQ_INT(ks_http_tls_setting(&t, "plain_http", "maybe", &why), KS_HTTP_TLS_REFUSED);
    CHECK_CONTAINS(why, "yes or no");
    CHECK_EQ_INT(ks_http_tls_setting(&t, "plain_http", "yes", &why), KS_HTTP_TLS_TAKEN);
    CHECK(t.plain_http);
    CHECK(ks_http_tls_resolve(&t, "/etc/kiosk/kitchen.ini"));
    CHECK_EQ_STR(t.certificate, "/etc/kiosk/kds.pem");
    CHECK_EQ_STR(t.key, "/etc/kiosk/kds.key");
}

static void test_where_plain_http_is_served(void)
{
    static const struct {
        const char *listen;
        bool tls, plain_http, ok;
    } cases[] = {
        {"127.0.0.1:8090", false, false, true},     /* this machine */
        {"192.168.1.20:8090", false, false, false}, /* the LAN: only when said so */
        {"192.168.1.20:8090", false, true, true},
        {"10.0.0.5:8090", false, true, true},
        {"172.20.0.5:8090", false, true, true},
        {"0.0.0.0:8090", false, true, false}, /* every interface: TLS */
        {"203.0.113.9:443", false, true, false},
        {"203.0.113.9:443", true, false, true},
        {"0.0.0.0:8090", true, false, true},
        {"", false, false, true}, /* no receiver */
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_http_tls_config t = {.plain_http = cases[i].plain_http};
        if (cases[i].tls) {
            snprintf(t.certificate, sizeof t.certificate, "/etc/kiosk/kds.pem");
            snprintf(t.key, sizeof t.key, "/etc/kiosk/kds.key");
        }
        char why[256] = "";
        if (ks_http_tls_check(&t, cases[i].listen, why, sizeof why) != cases[i].ok)
            check_fail(__FILE__, __LINE__, "case %zu (%s): %s", i, cases[i].listen, why);
    }
    ks_http_tls_config half = {0};
    snprintf(half.certificate, sizeof half.certificate, "/etc/kiosk/kds.pem");
    char why[256];
    CHECK(!ks_http_tls_check(&half, "127.0.0.1:8090", why, sizeof why));
    CHECK_CONTAINS(why, "go together");
}

/* A self-signed certificate for 127.0.0.1 and its key, in the test's folder. */
static bool make_certificate(ks_http_tls_config *t)
{
    snprintf(t->certificate, sizeof t->certificate, "%s", check_path(check_tmp_dir(), "kds.pem"));
    snprintf(t->key, sizeof t->key, "%s", check_path(check_tmp_dir(), "kds.key"));
    char command[3 * 4096];
    snprintf(command, sizeof command,
             "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
             "-days 2 -subj /CN=kitchen-display -addext subjectAltName=IP:127.0.0.1 "
             "-keyout '%s' -out '%s' 2>/dev/null",
             t->key, t->certificate);
    return system(command) == 0 && chmod(t->key, 0600) == 0;
}

static void test_key_readable_by_others_refused(void)
{
    ks_http_tls_config t = {0};
    CHECK(make_certificate(&t));
    ks_http_tls loaded;
    char why[512];
    CHECK(ks_http_tls_load(&t, &loaded, why, sizeof why));
    CHECK(strstr(loaded.certificate_pem, "BEGIN CERTIFICATE") != NULL);
    CHECK(strstr(loaded.key_pem, "PRIVATE KEY") != NULL);
    ks_http_tls_free(&loaded);
    CHECK(chmod(t.key, 0644) == 0);
    CHECK(!ks_http_tls_load(&t, &loaded, why, sizeof why));
    CHECK_CONTAINS(why, "every user");
    CHECK(loaded.key_pem == NULL && loaded.certificate_pem == NULL);
    snprintf(t.key, sizeof t.key, "%s", check_path(check_tmp_dir(), "missing.key"));
    CHECK(!ks_http_tls_load(&t, &loaded, why, sizeof why));
    CHECK_CONTAINS(why, "cannot open");
}

/* Pays one fixture order in a fresh kiosk database and delivers it with ca_file; delivered? */
static bool deliver_one(const char *name, const char *url, const char *ca_file, unsigned index,
                        int64_t wait_ms)
{
    char db_path[4200];
    fixture_fresh_db(check_tmp_dir(), name, db_path, sizeof db_path);
    ks_db *db = ks_db_open(db_path, NULL);
    ks_order *o = fixture_order(index, "riyadh-01", KITCHEN_NOON, 240);
    int32_t number = 0;
    bool ok = db && o && ks_order_store_insert(db, o, 0, &number) == KS_DB_OK;
    if (ok) {
        o->number = number;
        ok = ks_checkout_mark_paid(db, o, KITCHEN_NOON + 60, NULL, KS_PAYMENT_CARD, false) ==
             KS_DB_OK;
    }
    const char *urls[] = {url};
    const ks_delivery_config cfg = {.db_path = db_path,
                                    .kitchen_urls = urls,
                                    .n_kitchen_urls = 1,
                                    .token = KITCHEN_TOKEN,
                                    .ca_file = ca_file,
                                    .time_scale = 1000};
    ks_delivery *d = ok ? ks_delivery_start(&cfg) : NULL;
    ks_delivery_stats st = {0};
    for (int64_t end = check_now_ms() + wait_ms; d && st.delivered == 0 && check_now_ms() < end;
         check_sleep_ms(20)) {
        ks_delivery_wake(d);
        ks_delivery_get_stats(d, &st);
    }
    ks_delivery_stop(d);
    ks_order_free(o);
    ks_db_close(db);
    return st.delivered == 1;
}

static void test_kitchen_over_https(void)
{
    ks_http_tls_config t = {0};
    CHECK(make_certificate(&t));
    ks_kds_store *store = ks_kds_store_open(kitchen_fresh_path("tls-kds.db"), NULL);
    static const ks_kds_credentials creds = {.kiosks = {{"kiosk-02", KITCHEN_TOKEN}},
                                             .n_kiosks = 1};
    ks_kds_api *api = store ? ks_kds_api_new(store, &creds, NULL, NULL) : NULL;
    ks_http_server *server = api ? ks_kds_server_start(api, "127.0.0.1:0", &t) : NULL;
    CHECK(server != NULL);
    char https[96], plain[96];
    snprintf(https, sizeof https, "https://127.0.0.1:%u/v1/orders",
             (unsigned)ks_http_server_port(server));
    snprintf(plain, sizeof plain, "http://127.0.0.1:%u/v1/orders",
             (unsigned)ks_http_server_port(server));
    /* Trusting the store's CA (here the certificate itself): delivered once. */
    bool trusted = deliver_one("tls-kiosk.db", https, t.certificate, 1, CHECK_WAIT_MS);
    /* Trusting only the system's CAs: the certificate is refused, nothing delivered. */
    bool untrusted = deliver_one("tls-kiosk-system.db", https, NULL, 2, 3000);
    /* Plain HTTP to the HTTPS port: no answer. */
    struct http_reply a;
    kitchen_http("GET", plain, KITCHEN_TOKEN, NULL, NULL, 0, &a);
    int64_t tickets = -1;
    ks_kds_store_count(store, &tickets);
    ks_http_server_stop(server);
    ks_kds_api_free(api);
    ks_kds_store_close(store);
    CHECK(trusted);
    CHECK(!untrusted);
    CHECK(a.status == 0 || a.status == 400);
    CHECK_EQ_INT(tickets, 1);
}

/* A server asked to serve plain HTTP on the LAN without plain_http does not start. */
static void test_plain_lan_refused_at_start(void)
{
    ks_kds_store *store = ks_kds_store_open(kitchen_fresh_path("tls-lan.db"), NULL);
    static const ks_kds_credentials creds = {.kiosks = {{"kiosk-02", KITCHEN_TOKEN}},
                                             .n_kiosks = 1};
    ks_kds_api *api = store ? ks_kds_api_new(store, &creds, NULL, NULL) : NULL;
    CHECK(api != NULL);
    CHECK(ks_kds_server_start(api, "192.168.255.254:0", NULL) == NULL);
    ks_kds_api_free(api);
    ks_kds_store_close(store);
}

static const struct check_case cases[] = {
    {"the TLS settings", test_settings},
    {"plain HTTP on loopback, or on a private address when said so",
     test_where_plain_http_is_served},
    {"a key readable by others is refused", test_key_readable_by_others_refused},
    {"a kitchen display over HTTPS: the store's CA delivers, the system's does not",
     test_kitchen_over_https},
    {"plain HTTP on the LAN without plain_http: no start", test_plain_lan_refused_at_start},
};

int main(int argc, char **argv)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int status = check_run(cases, CHECK_COUNT(cases), argc, argv);
    curl_global_cleanup();
    return status;
}
