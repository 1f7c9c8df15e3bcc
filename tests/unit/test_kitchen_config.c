/* The kitchen display's INI configuration (kiosk/kitchen/kds_config.c). */
#include "kiosk/kitchen/kds_config.h"
#include "tests/support/check.h"

#include <stdio.h>
#include <stdlib.h>

static bool parse(ks_kds_config *cfg, const char *text, ks_kds_config_error *err)
{
    ks_kds_config_defaults(cfg);
    return ks_kds_config_parse(cfg, text, strlen(text), err);
}

static void test_defaults(void)
{
    ks_kds_config cfg;
    ks_kds_config_defaults(&cfg);
    CHECK_EQ_STR(cfg.listen, ""); /* no all-interfaces default: no receiver unless configured */
    CHECK_EQ_INT(cfg.language, KS_LANG_AR);
    CHECK_EQ_INT(cfg.mode, KS_KDS_MODE_KITCHEN);
    CHECK_EQ_INT(cfg.amber_s, 300);
    CHECK_EQ_INT(cfg.red_s, 600);
    CHECK_EQ_INT(cfg.creds.n_kiosks, 0);
    CHECK_EQ_STR(cfg.creds.bump, "");
    CHECK(ks_kds_config_station(&cfg) == NULL);
}

static void test_full_file(void)
{
    ks_kds_config cfg;
    ks_kds_config_error err;
    CHECK(parse(&cfg,
                "[kitchen]\n"
                "listen = 192.168.1.20:9000\n"
                "tls_certificate = /etc/kiosk/tls/kds.pem\n"
                "tls_key = /etc/kiosk/tls/kds.key\n"
                "bump_token = bump-Zx4Cv7Bn2Mq9Wl5Ek8Ry3Tu6\n"
                "collect_token = collect-Jh3Gf8Ds2Ab7Pq5Lw9Ok4\n"
                "board_token = board-Mn6Bv1Cx8Zl4Kj9Hg2Fd7S\n"
                "language = en\n"
                "mode = board\n"
                "station = drinks\n"
                "amber_minutes = 4\n"
                "red_minutes = 8\n"
                "database = /var/lib/kitchen.db\n"
                "[kiosks]\n"
                "kiosk-01 = kt-7Rq2xW9mZp4LvB8nC3sJ6dF1\n"
                "kiosk-02 = kt-Hy5Tg8Uk2Pw7Qe4Ra9Sd6Vb3\n"
                "[stations]\n"
                "grill = burgers, chicken,meals\n"
                "drinks = drinks\n",
                &err));
    CHECK_EQ_STR(cfg.listen, "192.168.1.20:9000");
    CHECK_EQ_STR(cfg.tls.certificate, "/etc/kiosk/tls/kds.pem");
    CHECK_EQ_STR(cfg.tls.key, "/etc/kiosk/tls/kds.key");
    CHECK(!cfg.tls.plain_http);
    CHECK_EQ_INT(cfg.creds.n_kiosks, 2);
    CHECK_EQ_STR(cfg.creds.kiosks[1].kiosk_id, "kiosk-02");
    CHECK_EQ_STR(cfg.creds.kiosks[1].token, "kt-Hy5Tg8Uk2Pw7Qe4Ra9Sd6Vb3");
    CHECK_EQ_STR(cfg.creds.bump, "bump-Zx4Cv7Bn2Mq9Wl5Ek8Ry3Tu6");
    CHECK_EQ_STR(cfg.creds.collect, "collect-Jh3Gf8Ds2Ab7Pq5Lw9Ok4");
    CHECK_EQ_STR(cfg.creds.board, "board-Mn6Bv1Cx8Zl4Kj9Hg2Fd7S");
    CHECK_EQ_INT(cfg.language, KS_LANG_EN);
    CHECK_EQ_INT(cfg.mode, KS_KDS_MODE_BOARD);
    CHECK_EQ_INT(cfg.amber_s, 240);
    CHECK_EQ_INT(cfg.red_s, 480);
    CHECK_EQ_INT(cfg.n_stations, 2);
    CHECK_EQ_INT(cfg.stations[0].n_categories, 3);
    CHECK_EQ_STR(cfg.stations[0].categories[2], "meals");
    const ks_kds_station *s = ks_kds_config_station(&cfg);
    CHECK(s != NULL);
    CHECK_EQ_STR(s->name, "drinks");
    CHECK(ks_kds_station_takes(s, "drinks"));
    CHECK(!ks_kds_station_takes(s, "burgers"));
}

static const struct {
    const char *text;
    int line;
    const char *message;
} bad[] = {
    {"[kitchen]\nlisten = 8080\n", 2, "[kitchen] listen: must be IPv4-ADDRESS:PORT"},
    {"[kitchen]\nlisten = kds.local:8080\n", 2, "IPv4-ADDRESS:PORT"},
    {"[kitchen]\nlisten = 0.0.0.0:70000\n", 2, "IPv4-ADDRESS:PORT"},
    {"[kitchen]\ntokens = kt-7Rq2xW9mZp4LvB8nC3sJ6dF1\n", 2,
     "[kitchen] tokens: each kiosk's token"},
    {"[kiosks]\nkiosk-01 = short\n", 2, "[kiosks] kiosk-01: a token is 16 to 128"},
    {"[kiosks]\nkiosk-01 = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", 2, "not random"},
    {"[kiosks]\nkiosk-01 = kiosk-token-0123456789\n", 2, "not random"},
    {"[kiosks]\nkiosk-01 = kt-7Rq2xW9mZp4Lv\n", 2, "too short for 128 bits"},
    {"[kiosks]\nKiosk 1 = kt-7Rq2xW9mZp4LvB8nC3sJ6dF1\n", 2, "a kiosk id is 1-32"},
    {"[kiosks]\nkiosk-01 = kt-7Rq2xW9mZp4LvB8nC3sJ6dF1\nkiosk-01 = kt-Hy5Tg8Uk2Pw7Qe4Ra9Sd6Vb3\n",
     3, "listed twice"},
    {"[kiosks]\nkiosk-01 = kt-7Rq2xW9mZp4LvB8nC3sJ6dF1\n[kitchen]\n"
     "bump_token = kt-7Rq2xW9mZp4LvB8nC3sJ6dF1\n",
     0, "a token is used twice"},
    {"[kitchen]\nboard_token = 1234567890123456\n", 2, "not random"},
    {"[kitchen]\nlanguage = fr\n", 2, "one of: ar en"},
    {"[kitchen]\nplain_http = sure\n", 2, "[kitchen] plain_http: expected yes or no"},
    {"[kitchen]\nmode = tv\n", 2, "one of: kitchen board"},
    {"[kitchen]\namber_minutes = 0\n", 2, "from 1 to 240"},
    {"[kitchen]\namber_minutes = 9\nred_minutes = 9\n", 0, "more than amber_minutes"},
    {"[kitchen]\nstation = fryer\n", 0, "\"fryer\" is not defined in [stations]"},
    {"[kitchen]\ndatabase =\n", 2, "must not be empty"},
    {"[kitchen]\ncolour = red\n", 2, "[kitchen] colour: unknown setting"},
    {"[printer]\nuri = x\n", 2, "[printer] uri: unknown setting"},
    {"[stations]\ngrill = a,,b\n", 2, "up to 16 category ids"},
    {"[stations]\ngrill\t2 = burgers\n", 2, "names of 1-32 bytes without control characters"},
    {"[stations]\na-station-name-of-exactly-33-byte = burgers\n", 2, "names of 1-32 bytes"},
    {"[kitchen\n", 1, "syntax error"},
};

static void test_bad_files(void)
{
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ks_kds_config cfg;
        ks_kds_config_error err;
        if (parse(&cfg, bad[i].text, &err) || err.line != bad[i].line ||
            !strstr(err.message, bad[i].message))
            check_fail(__FILE__, __LINE__, "case %zu: line %d: %s", i, err.line, err.message);
    }
}

static void test_load_resolves_paths(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/kitchen.ini", check_tmp_dir());
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    fputs("[kitchen]\ndatabase = data/kitchen.db\nassets = /srv/assets\n", f);
    fclose(f);
    ks_kds_config cfg;
    ks_kds_config_error err;
    ks_kds_config_defaults(&cfg);
    CHECK(ks_kds_config_load(&cfg, path, &err));
    char expected[4200];
    snprintf(expected, sizeof expected, "%s/data/kitchen.db", check_tmp_dir());
    CHECK_EQ_STR(cfg.database, expected);
    CHECK_EQ_STR(cfg.assets, "/srv/assets");
    CHECK(!ks_kds_config_load(&cfg, "/nonexistent/kitchen.ini", &err));
    CHECK_CONTAINS(err.message, "cannot open");
}

/* The file at path (from the source root), installed, loads into *cfg without a complaint. */
static bool loads(const char *path, ks_kds_config *cfg)
{
    ks_kds_config_error err = {0};
    ks_kds_config_defaults(cfg);
    const char *installed = check_installed_copy(path);
    bool ok = installed && ks_kds_config_load(cfg, installed, &err);
    if (!ok || err.message[0])
        fprintf(stderr, "  %s: %s\n", path, err.message);
    return ok && !err.message[0];
}

/* The package's /etc/kiosk/kitchen.ini (image/etc) loads. */
static void test_shipped_configuration_loads(void)
{
    ks_kds_config cfg;
    CHECK(loads("image/etc/kitchen.ini", &cfg));
    CHECK_EQ_STR(cfg.listen, "");
}

/* The demo's kitchen.ini (kiosk/demo.sh) loads and takes the demo kiosk's orders. */
static void test_demo_configuration_loads(void)
{
    ks_kds_config cfg;
    CHECK(loads("assets/demo/kitchen.ini", &cfg));
    CHECK_EQ_INT(cfg.creds.n_kiosks, 1);
    CHECK_EQ_STR(cfg.creds.kiosks[0].kiosk_id, "kiosk-01");
    size_t len;
    char *kiosk_ini =
        check_read_file(check_path(check_source_dir(), "assets/demo/kiosk.ini"), &len);
    char line[256];
    snprintf(line, sizeof line, "token = %s\n", cfg.creds.kiosks[0].token);
    CHECK(kiosk_ini && strstr(kiosk_ini, line));
    free(kiosk_ini);
}

static const struct check_case cases[] = {
    {"shipped configuration loads", test_shipped_configuration_loads},
    {"the demo's configuration loads and matches the demo kiosk", test_demo_configuration_loads},
    {"defaults", test_defaults},
    {"full file", test_full_file},
    {"bad files refused with line and reason", test_bad_files},
    {"load resolves relative paths", test_load_resolves_paths},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
