/*
 * The attendant console's configuration (kiosk/attendant/att_config.h)
 * and its hashed PINs and badges (staff_secret.h): a whole file read back,
 * a table of refusals with their lines, sign-in by PIN and by badge
 * (nobody without [staff]), and hashes that are salted and checked.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/attendant/att_config.h"
#include "tests/support/check.h"

static char pin_hash[KS_STAFF_SECRET_MAX + 1], badge_hash[KS_STAFF_SECRET_MAX + 1];

static void test_secrets(void)
{
    char a[KS_STAFF_SECRET_MAX + 1], b[KS_STAFF_SECRET_MAX + 1];
    CHECK(ks_staff_secret_hash("4321", a));
    CHECK(ks_staff_secret_hash("4321", b));
    CHECK(strcmp(a, b) != 0); /* salted */
    CHECK(ks_staff_secret_valid(a));
    CHECK(ks_staff_secret_matches("4321", a));
    CHECK(ks_staff_secret_matches("4321", b));
    CHECK(!ks_staff_secret_matches("4322", a));
    CHECK(!ks_staff_secret_matches("", a));
    CHECK(!ks_staff_secret_hash("", a));
    static const char *const malformed[] = {
        "4321",
        "pbkdf2-sha256$999$00112233445566778899aabbccddeeff$"
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        "pbkdf2-sha256$020000$00112233445566778899aabbccddeeff$"
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        "pbkdf2-sha256$20000$00112233445566778899AABBCCDDEEFF$"
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        "pbkdf2-sha256$20000$00112233445566778899aabbccddeeff$00",
        "pbkdf2-sha1$20000$00112233445566778899aabbccddeeff$"
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
    };
    for (size_t i = 0; i < CHECK_COUNT(malformed); i++)
        if (ks_staff_secret_valid(malformed[i]) || ks_staff_secret_matches("4321", malformed[i]))
            check_fail(__FILE__, __LINE__, "malformed %zu accepted", i);
    CHECK(
        ks_staff_secret_valid("pbkdf2-sha256$20000$00112233445566778899aabbccddeeff$"
                              "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
}

static void test_whole_file(void)
{
    CHECK(ks_staff_secret_hash("4321", pin_hash) && ks_staff_secret_hash("BADGE-0007", badge_hash));
    char text[1024];
    snprintf(text, sizeof text,
             "[console]\nlisten = 127.0.0.1:8090\nlanguage = en\ndatabase = att.db\n"
             "[lanes]\nlane-01 = one-Ry5Tu8Ii2Oo6Pp3Aa9Ss4D\nlane-02 = two-Wq4Es7Rd1Tf8Yg5Uh2Ij9K\n"
             "[staff]\nstaff-07 = %s\n[badges]\nstaff-07 = %s\n",
             pin_hash, badge_hash);
    ks_att_config cfg;
    ks_att_config_defaults(&cfg);
    ks_att_config_error err = {0};
    CHECK(ks_att_config_parse(&cfg, text, strlen(text), &err));
    CHECK_EQ_STR(cfg.listen, "127.0.0.1:8090");
    CHECK_EQ_INT(cfg.language, KS_LANG_EN);
    CHECK_EQ_STR(cfg.database, "att.db");
    CHECK_EQ_INT(cfg.n_lanes, 2);
    CHECK_EQ_STR(cfg.lanes[1].token, "two-Wq4Es7Rd1Tf8Yg5Uh2Ij9K");
    CHECK_EQ_INT(cfg.n_staff, 1);
    const ks_att_staff *s = ks_att_config_sign_in(&cfg, "4321", false);
    CHECK(s != NULL);
    CHECK_EQ_STR(s->id, "staff-07");
    CHECK(ks_att_config_sign_in(&cfg, "BADGE-0007", true) == s);
    CHECK(ks_att_config_sign_in(&cfg, "BADGE-0007", false) == NULL); /* a badge is no PIN */
    CHECK(ks_att_config_sign_in(&cfg, "1234", false) == NULL);
    ks_att_config_defaults(&cfg);
    CHECK(ks_att_config_sign_in(&cfg, "1234", false) == NULL); /* no default PIN */
}

static void test_refusals(void)
{
    static const struct {
        const char *text;
        int line;
        const char *says;
    } cases[] = {
        {"[console]\nlisten = 0.0.0.0\n", 2, "IPv4-ADDRESS:PORT"},
        {"[console]\nlanguage = fr\n", 2, "ar or en"},
        {"[console]\ncolour = red\n", 2, "unknown key"},
        {"[lanes]\nLane-01 = one-Ry5Tu8Ii2Oo6Pp3Aa9Ss4D\n", 2, "lane id"},
        {"[lanes]\nlane-01 = short\n", 2, "16 to 128"},
        {"[lanes]\nlane-01 = lane-01-token-0123456789\n", 2, "not random"},
        {"[lanes]\nlane-01 = one-Ry5Tu8Ii2Oo6Pp3Aa9Ss4D\nlane-01 = one-Ry5Tu8Ii2Oo6Pp3Aa9Ss4D\n", 3,
         "twice"},
        {"[staff]\nstaff-07 = 1234\n", 2, "--hash"},
        {"[printer]\nuri = x\n", 2, "unknown section"},
        {"[backend]\nurl = https://b.example/v1\ndevice_id = att-01\n", 0, "device_id and store"},
        {"[backend]\nurl = ftp://b.example/v1\n", 2, "url"},
        {"[backend]\npoll_seconds = 1\n", 2, "5"},
        {"[backend]\ncolour = red\n", 2, "unknown"},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_att_config cfg;
        ks_att_config_defaults(&cfg);
        ks_att_config_error err = {0};
        if (ks_att_config_parse(&cfg, cases[i].text, strlen(cases[i].text), &err))
            check_fail(__FILE__, __LINE__, "case %zu accepted", i);
        else if (err.line != cases[i].line || !strstr(err.message, cases[i].says))
            check_fail(__FILE__, __LINE__, "case %zu: line %d: %s", i, err.line, err.message);
    }
}

/* [backend]: an enrolled console's backend, store and token file (beside the INI). */
static void test_backend_section(void)
{
    static const char text[] = "[backend]\nurl = https://b.example/v1\ndevice_id = att-01\n"
                               "store = riyadh-01\npoll_seconds = 30\n";
    ks_att_config cfg;
    ks_att_config_defaults(&cfg);
    CHECK_EQ_STR(cfg.backend.url, "");
    ks_att_config_error err = {0};
    CHECK(ks_att_config_parse(&cfg, text, strlen(text), &err));
    CHECK_EQ_STR(cfg.backend.url, "https://b.example/v1");
    CHECK_EQ_STR(cfg.backend.device_id, "att-01");
    CHECK_EQ_STR(cfg.backend.store_id, "riyadh-01");
    CHECK_EQ_STR(cfg.backend.token_file, "device-token");
    CHECK_EQ_INT(cfg.backend.poll_s, 30);
}

/* The package's /etc/kiosk/attendant.ini (image/etc) loads: Arabic, /var/lib/kiosk, nobody in. */
static void test_shipped_file_loads(void)
{
    const char *path = check_installed_copy("image/etc/attendant.ini");
    CHECK(path != NULL);
    ks_att_config cfg;
    ks_att_config_error err = {0};
    ks_att_config_defaults(&cfg);
    CHECK(ks_att_config_load(&cfg, path, &err));
    CHECK_EQ_STR(err.message, "");
    CHECK_EQ_STR(cfg.database, "/var/lib/kiosk/attendant.db");
    CHECK_EQ_STR(cfg.assets, "/usr/share/kiosk");
    CHECK_EQ_INT(cfg.language, KS_LANG_AR);
    CHECK_EQ_STR(cfg.listen, "");
    CHECK_EQ_INT((int)cfg.n_staff, 0); /* no default PIN */
}

static const struct check_case cases[] = {
    {"secrets", test_secrets},
    {"whole file", test_whole_file},
    {"refusals", test_refusals},
    {"backend section", test_backend_section},
    {"the shipped file loads", test_shipped_file_loads},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
