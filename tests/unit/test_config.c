/* The INI configuration loader (kiosk/app/config.c). */
#include "kiosk/app/config.h"
#include "kiosk/backend/backend_config.h"
#include "kiosk/common/staff_secret.h"
#include "kiosk/domain/order.h"
#include "tests/support/check.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool parse(ks_config *cfg, const char *text, ks_config_error *err)
{
    ks_config_defaults(cfg);
    return ks_config_parse(cfg, text, strlen(text), err);
}

static void test_defaults_run_the_demo(void)
{
    ks_config cfg;
    ks_config_defaults(&cfg);
    CHECK_EQ_STR(cfg.vat_number, "399999999900003");
    CHECK_EQ_INT(cfg.utc_offset_min, 180);
    CHECK_EQ_INT(cfg.business_day_start_min, 240);
    CHECK_EQ_INT(cfg.language, KS_LANG_AR);
    /* A checkout's build reads the repository's demo menu and keeps its database in build/demo. */
    char path[4096];
    snprintf(path, sizeof path, "%s/assets/menus/restaurant.json", check_source_dir());
    CHECK_EQ_STR(cfg.menu, path);
    snprintf(path, sizeof path, "%s/build/demo/kiosk.db", check_source_dir());
    CHECK_EQ_STR(cfg.database, path);
    /* The default ids follow the one rule, so a kiosk on defaults can deliver to a backend. */
    CHECK(ks_device_id_ok(cfg.kiosk_id));
    CHECK(ks_device_id_ok(cfg.store_id));
    ks_backend_config be;
    ks_backend_config_defaults(&be);
    char ini[256], why[256] = "";
    snprintf(ini, sizeof ini, "[kiosks]\n%s = kt-7Rq2xW9mZp4LvB8nC3sJ6dF1\n", cfg.kiosk_id);
    CHECK(ks_backend_config_parse(&be, ini, strlen(ini), why, sizeof why));
    CHECK_EQ_STR(why, "");
}

static void test_full_file(void)
{
    ks_config cfg;
    ks_config_error err;
    CHECK(parse(&cfg,
                "; a comment\n"
                "[store]\n"
                "id = jeddah-07\n"
                "name_en = Tahlia Burger\n"
                "name_ar = برجر التحلية\n"
                "vat_number = 310122393500003\n"
                "utc_offset_minutes = 180\n"
                "business_day_start = 05:30\n"
                "[kiosk]\n"
                "id = kiosk-03\n"
                "mode = supermarket\n"
                "language = en\n"
                "numerals = arabic-indic\n"
                "idle_timeout_seconds = 45\n"
                "pay_at_counter = false\n"
                "staff_pin = 908172\n"
                "[paths]\n"
                "database = /var/lib/kiosk/kiosk.db\n",
                &err));
    CHECK_EQ_STR(cfg.store_id, "jeddah-07");
    CHECK_EQ_STR(cfg.store_name_ar, "برجر التحلية");
    CHECK_EQ_STR(cfg.vat_number, "310122393500003");
    CHECK_EQ_INT(cfg.business_day_start_min, 5 * 60 + 30);
    CHECK_EQ_INT(cfg.mode, KS_MODE_SUPERMARKET);
    CHECK_EQ_INT(cfg.language, KS_LANG_EN);
    CHECK_EQ_INT(cfg.numerals, KS_NUMERALS_ARABIC_INDIC);
    CHECK_EQ_STR(cfg.database, "/var/lib/kiosk/kiosk.db");
    CHECK_EQ_STR(cfg.kiosk_id, "kiosk-03");
    CHECK_EQ_INT(cfg.idle_timeout_s, 45);
    CHECK_EQ_INT(cfg.idle_countdown_s, 15); /* default kept */
    CHECK(!cfg.pay_at_counter);
    CHECK(cfg.upsell);
    CHECK_EQ_STR(cfg.staff_pin, "908172");
}

struct bad_case {
    const char *text;
    int line;
    const char *message;
};

static const struct bad_case bad_cases[] = {
    {"[store]\nvat_number = 123\n", 2,
     "[store] vat_number: must be 15 digits that start and end with 3"},
    {"[store]\nvat_number = 399999999900004\n", 2, "start and end with 3"},
    {"[store]\nbuilding_number = 12a4\n", 2, "[store] building_number: must be 4 digits"},
    {"[store]\npostal_code = 1221\n", 2, "[store] postal_code: must be 5 digits"},
    {"[store]\ncrn = 10100100001\n", 2, "[store] crn: must be 10 digits"},
    {"[zatca]\ncertificate =\n", 2, "[zatca] certificate: must not be empty"},
    {"[store]\nutc_offset_minutes = 9999\n", 2, "from -720 to 840"},
    {"[store]\nutc_offset_minutes = 3h\n", 2, "whole number"},
    {"[store]\nbusiness_day_start = 24:00\n", 2, "HH:MM"},
    {"[kiosk]\nlanguage = fr\n", 2, "one of: ar en"},
    {"[kiosk]\nlangauge = ar\n", 2, "[kiosk] langauge: unknown setting"},
    {"[printer]\nuri = usb://1\n", 2, "[printer] uri: unknown setting"},
    {"\n\n[store\nid = x\n", 3, "syntax error"},
    {"[paths]\ndatabase =\n", 2, "must not be empty"},
    {"[kiosk]\npay_at_counter = yes\n", 2, "[kiosk] pay_at_counter: must be true or false"},
    {"[kiosk]\nstaff_pin = 12a4\n", 2, "4 to 8 digits"},
    {"[kiosk]\nstaff_pin = 123\n", 2, "4 to 8 digits"},
    {"[kiosk]\nidle_timeout_seconds = 5\n", 2, "from 10 to 600"},
    {"[paths]\n\nmenu = "
     "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaa.json\n",
     3, "line longer than"},
    {"[store]\nid = 0123456789012345678901234567890123456789\n", 2, "1-32 characters"},
    /* One rule for ids in every program (backend, kitchen display): lowercase. */
    {"[kiosk]\nid = K1\n", 2, "[kiosk] id: expected 1-32 characters of a-z 0-9 _ . - (lowercase)"},
    {"[store]\nid = riyadh 01\n", 2, "[store] id: expected 1-32"},
    {"[network]\nkitchen_urls = http://8.8.8.8/v1/orders\n", 2, "plain http:// only to localhost"},
    {"[network]\nkitchen_urls = http://10.0.0.5/v1/orders, http://kds.local/v1/orders\n", 2,
     "plain http://"},
    {"[network]\nkitchen_urls = ftp://10.0.0.5/v1/orders\n", 2,
     "must start with http:// or https://"},
    {"[network]\nkitchen_urls = http://10.0.0.5/a,,http://10.0.0.6/a\n", 2, "empty entry"},
    {"[network]\nkitchen_urls = http://10.0.0.1/a, http://10.0.0.2/a, http://10.0.0.3/a, "
     "http://10.0.0.4/a, http://10.0.0.5/a\n",
     2, "at most 4 URLs"},
    {"[network]\nbackend_url = http://203.0.113.9/orders\n", 2,
     "[network] backend_url: plain http://"},
    {"[network]\nreceipt_url = http://203.0.113.9/r/\n", 2, "[network] receipt_url: plain http://"},
    {"[network]\nreceipt_url = https://backend.example.com/r\n", 2,
     "[network] receipt_url: must end in '/'"},
    {"[network]\ntoken = short\n", 2, "[network] token: must be empty or 16 to 128"},
    {"[network]\ntoken = has space in it 0123456789\n", 2, "16 to 128"},
    {"[network]\ntimeout_seconds = 0\n", 2, "from 1 to 60"},
    {"[zatca]\nreporting_url = http://203.0.113.9/e-invoicing\n", 2,
     "[zatca] reporting_url: plain http://"},
    {"[zatca]\noverdue_hours = 24\n", 2, "from 1 to 23"},
    {"[zatca]\ncsid = x\n", 2, "[zatca] csid: unknown setting"},
    {"[network]\nkitchen_url = http://10.0.0.5/v1/orders\n", 2,
     "[network] kitchen_url: unknown setting"},
    {"[supermarket]\nlabels = 20IIIIWWWWW\n", 2,
     "[supermarket] labels: layout 1 \"20IIIIWWWWW\": 9 letters after the prefix, need 10"},
    {"[supermarket]\nlabels = 20IIIIIWWWWW, 20IIIIIPPPPP\n", 2, "prefix 20 is given twice"},
    {"[supermarket]\nlabels = 19IIIIIWWWWW\n", 2, "prefix 20 to 29"},
    {"[supermarket]\nremove_needs_attendant = maybe\n", 2, "must be true or false"},
    {"[supermarket]\nscaner = serial:///dev/ttyACM0\n", 2, "[supermarket] scaner: unknown setting"},
    {"[devices]\nterminal = https://10.0.0.7:8443/nexo\n", 2, "[devices] terminal:"},
    {"[devices]\nterminal = nexo+https://10.0.0.7/nexo?poi=P&sale=S\n", 2, "[devices] terminal:"},
    {"[devices]\nprinter = lpt://1\n", 2, "[devices] printer:"},
    {"[devices]\nprinter = tcp://10.0.0.9:99999\n", 2, "[devices] printer:"},
    {"[devices]\nscale = serial:///dev/ttyUSB0\n", 2, "[devices] scale: unknown setting"},
};

static void test_bad_files_refused_with_line_and_reason(void)
{
    for (size_t i = 0; i < CHECK_COUNT(bad_cases); i++) {
        ks_config cfg;
        ks_config_error err;
        CHECK(!parse(&cfg, bad_cases[i].text, &err));
        CHECK_EQ_INT(err.line, bad_cases[i].line);
        CHECK_CONTAINS(err.message, bad_cases[i].message);
    }
}

static void test_network_section(void)
{
    ks_config cfg;
    ks_config_error err;
    ks_config_defaults(&cfg);
    /* Defaults: no kitchen display, no backend, no token, 5 s. */
    CHECK_EQ_INT(cfg.n_kitchen_urls, 0);
    CHECK_EQ_STR(cfg.backend_url, "");
    CHECK_EQ_STR(cfg.receipt_url, ""); /* no e-receipt QR */
    CHECK_EQ_STR(cfg.token, "");
    CHECK_EQ_INT(cfg.delivery_timeout_s, 5);
    CHECK(parse(
        &cfg,
        "[network]\n"
        "kitchen_urls = http://192.168.1.20:8080/v1/orders ,https://kds.example.com/v1/orders\n"
        "token = Zm9vYmFyLWtpb3NrLTAx.~_-+/=\n"
        "backend_url = https://backend.example.com/v1/orders\n"
        "receipt_url = https://backend.example.com/r/\n"
        "timeout_seconds = 3\n",
        &err));
    CHECK_EQ_INT(cfg.n_kitchen_urls, 2);
    CHECK_EQ_STR(cfg.kitchen_urls[0], "http://192.168.1.20:8080/v1/orders");
    CHECK_EQ_STR(cfg.kitchen_urls[1], "https://kds.example.com/v1/orders");
    CHECK_EQ_STR(cfg.token, "Zm9vYmFyLWtpb3NrLTAx.~_-+/=");
    CHECK_EQ_STR(cfg.backend_url, "https://backend.example.com/v1/orders");
    CHECK_EQ_STR(cfg.receipt_url, "https://backend.example.com/r/");
    CHECK_EQ_INT(cfg.delivery_timeout_s, 3);
    CHECK(parse(&cfg,
                "[zatca]\n"
                "reporting_url = https://gw-fatoora.zatca.gov.sa/e-invoicing/simulation\n"
                "credentials = /var/lib/kiosk/zatca-csid.json\n"
                "overdue_hours = 6\n",
                &err));
    CHECK_EQ_STR(cfg.zatca_url, "https://gw-fatoora.zatca.gov.sa/e-invoicing/simulation");
    CHECK_EQ_STR(cfg.zatca_credentials, "/var/lib/kiosk/zatca-csid.json");
    CHECK_EQ_INT(cfg.zatca_overdue_hours, 6);
    /* A later line replaces the list; an empty value clears it. */
    const char *one = "[network]\nkitchen_urls = http://127.0.0.1:8080/v1/orders\n";
    CHECK(ks_config_parse(&cfg, one, strlen(one), &err));
    CHECK_EQ_INT(cfg.n_kitchen_urls, 1);
    const char *none = "[network]\nkitchen_urls =\nbackend_url =\nreceipt_url =\n";
    CHECK(ks_config_parse(&cfg, none, strlen(none), &err));
    CHECK_EQ_INT(cfg.n_kitchen_urls, 0);
    CHECK_EQ_STR(cfg.backend_url, "");
    CHECK_EQ_STR(cfg.receipt_url, "");
}

static void test_supermarket_section(void)
{
    ks_config cfg;
    ks_config_error err;
    ks_config_defaults(&cfg);
    /* Defaults: no devices, removal through the attendant, weight labels 20, price labels 22. */
    CHECK_EQ_STR(cfg.scanner_uri, "");
    CHECK_EQ_STR(cfg.bagging_scale_uri, "");
    CHECK(cfg.remove_needs_attendant);
    CHECK_EQ_INT(cfg.n_labels, 2);
    CHECK_EQ_STR(cfg.labels[0].prefix, "20");
    CHECK_EQ_INT(cfg.labels[0].value_kind, KS_BARCODE_VALUE_GRAMS);
    CHECK_EQ_STR(cfg.labels[1].prefix, "22");
    CHECK_EQ_INT(cfg.labels[1].value_kind, KS_BARCODE_VALUE_HALALAS);
    CHECK(parse(&cfg,
                "[supermarket]\n"
                "scanner = serial:///dev/serial/by-id/usb-Datalogic*?baud=9600\n"
                "scale = serial:///dev/ttyUSB0?baud=9600&format=7E1&protocol=magellan\n"
                "bagging_scale = serial:///dev/ttyUSB1?baud=9600\n"
                "remove_needs_attendant = false\n"
                "labels = 21IIIIIVPPPP ,23IIIIWWWWWW\n",
                &err));
    CHECK_EQ_STR(cfg.scanner_uri, "serial:///dev/serial/by-id/usb-Datalogic*?baud=9600");
    CHECK_EQ_STR(cfg.bagging_scale_uri, "serial:///dev/ttyUSB1?baud=9600");
    CHECK(!cfg.remove_needs_attendant);
    CHECK_EQ_INT(cfg.n_labels, 2);
    CHECK_EQ_STR(cfg.labels[0].prefix, "21");
    CHECK(cfg.labels[0].price_check);
    CHECK_EQ_INT(cfg.labels[0].value_digits, 4);
    CHECK_EQ_INT(cfg.labels[1].item_digits, 4);
    CHECK_EQ_INT(cfg.labels[1].value_digits, 6);
    /* An empty value: no layouts, every 20-29 code is a plain GTIN. */
    const char *none = "[supermarket]\nlabels =\n";
    CHECK(ks_config_parse(&cfg, none, strlen(none), &err));
    CHECK_EQ_INT(cfg.n_labels, 0);
}

/* [devices]: the card terminal and the receipt printer, checked by their drivers' parsers. */
static void test_devices_section(void)
{
    ks_config cfg;
    ks_config_error err;
    ks_config_defaults(&cfg);
    CHECK_EQ_STR(cfg.terminal_uri, ""); /* simulated */
    CHECK_EQ_STR(cfg.printer_uri, "");
    const char *terminal = "nexo+https://10.0.0.7:8443/nexo?poi=P400-1&sale=KIOSK-03&key_id=K"
                           "&key_version=1&passphrase_file=/etc/kiosk/nexo.key"
                           "&ca=/etc/kiosk/terminal-ca.pem";
    char text[512];
    snprintf(text, sizeof text, "[devices]\nterminal = %s\nprinter = tcp://10.0.0.9:9100\n",
             terminal);
    CHECK(parse(&cfg, text, &err));
    CHECK_EQ_STR(cfg.terminal_uri, terminal);
    CHECK_EQ_STR(cfg.printer_uri, "tcp://10.0.0.9:9100");
    const char *none = "[devices]\nterminal =\nprinter =\n";
    CHECK(ks_config_parse(&cfg, none, strlen(none), &err));
    CHECK_EQ_STR(cfg.terminal_uri, "");
    CHECK_EQ_STR(cfg.printer_uri, "");
}

/* [badges]: staff badges the lane takes, hashed; a code in clear, a bad id or a repeat refused. */
static void test_badges_section(void)
{
    ks_config cfg;
    ks_config_error err;
    ks_config_defaults(&cfg);
    CHECK_EQ_INT(cfg.n_badges, 0);
    char hash[KS_STAFF_SECRET_MAX + 1], text[512];
    CHECK(ks_staff_secret_hash("STAFF-0007", hash));
    snprintf(text, sizeof text, "[badges]\nstaff-07 = %s\n", hash);
    CHECK(ks_config_parse(&cfg, text, strlen(text), &err));
    CHECK_EQ_INT(cfg.n_badges, 1);
    CHECK_EQ_STR(cfg.badges[0].staff, "staff-07");
    CHECK(ks_staff_secret_matches("STAFF-0007", cfg.badges[0].hash));
    ks_config_defaults(&cfg);
    const char *clear = "[badges]\nstaff-07 = STAFF-0007\n";
    CHECK(!ks_config_parse(&cfg, clear, strlen(clear), &err));
    CHECK_CONTAINS(err.message, "attendant-console --hash");
    ks_config_defaults(&cfg);
    snprintf(text, sizeof text, "[badges]\nstaff-07 = %s\nstaff-07 = %s\n", hash, hash);
    CHECK(!ks_config_parse(&cfg, text, strlen(text), &err));
    CHECK_EQ_INT(err.line, 3);
    CHECK_CONTAINS(err.message, "given twice");
}

static void test_nul_byte_and_size_limit(void)
{
    ks_config cfg;
    ks_config_error err;
    ks_config_defaults(&cfg);
    CHECK(!ks_config_parse(&cfg, "[store]\0id=x\n", 13, &err));
    CHECK_CONTAINS(err.message, "NUL");
    static char big[70 * 1024];
    memset(big, ';', sizeof big);
    CHECK(!ks_config_parse(&cfg, big, sizeof big, &err));
    CHECK_CONTAINS(err.message, "larger than");
}

static void test_load_resolves_relative_paths(void)
{
    const char *dir = check_tmp_dir();
    char path[4096];
    snprintf(path, sizeof path, "%s/kiosk.ini", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    fputs("[paths]\ndatabase = data/kiosk.db\nmenu = /srv/menu.json\n", f);
    fclose(f);
    ks_config cfg;
    ks_config_error err;
    ks_config_defaults(&cfg);
    CHECK(ks_config_load(&cfg, path, &err));
    char expected[4096];
    snprintf(expected, sizeof expected, "%s/data/kiosk.db", dir);
    CHECK_EQ_STR(cfg.database, expected);
    CHECK_EQ_STR(cfg.menu, "/srv/menu.json");
    CHECK(!ks_config_load(&cfg, "/nonexistent/kiosk.ini", &err));
    CHECK_CONTAINS(err.message, "cannot open /nonexistent/kiosk.ini");
}

/* The package's /etc/kiosk files (image/etc) load, and leave the package's folders alone. */
static void test_shipped_configurations_load(void)
{
    char path[4096], why[256] = "";
    ks_config cfg;
    ks_config_error err = {0};
    ks_config_defaults(&cfg);
    const char *installed = check_installed_copy("image/etc/kiosk.ini");
    CHECK(installed != NULL);
    snprintf(path, sizeof path, "%s", installed);
    CHECK(ks_config_load(&cfg, path, &err));
    CHECK_EQ_STR(err.message, "");
    /* No PIN ships: the image build writes one on the placeholder line. */
    CHECK_EQ_STR(cfg.staff_pin, "");
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    char line[256];
    bool placeholder = false;
    while (f && fgets(line, sizeof line, f))
        placeholder = placeholder || strcmp(line, "; staff_pin =\n") == 0;
    if (f)
        fclose(f);
    CHECK(placeholder);
    snprintf(path, sizeof path, "%s/build/demo/kiosk.db", check_source_dir());
    CHECK_EQ_STR(cfg.database, path);
    /* The enrolled token is kept in the state folder: /etc/kiosk is read-only to the kiosk. */
    CHECK_EQ_STR(cfg.token_file, "/var/lib/kiosk/device-token");
    ks_backend_config be;
    ks_backend_config_defaults(&be);
    installed = check_installed_copy("image/etc/backend.ini");
    CHECK(installed != NULL);
    CHECK(ks_backend_config_load(&be, installed, why, sizeof why));
    CHECK_EQ_STR(why, "");
    CHECK_EQ_STR(be.listen, "127.0.0.1:8091");
}

static const struct check_case cases[] = {
    {"defaults run the demo", test_defaults_run_the_demo},
    {"full file", test_full_file},
    {"shipped configurations load", test_shipped_configurations_load},
    {"bad files refused with line and reason", test_bad_files_refused_with_line_and_reason},
    {"[network] section", test_network_section},
    {"[supermarket] section", test_supermarket_section},
    {"[devices] section", test_devices_section},
    {"[badges]: staff badges, hashed", test_badges_section},
    {"NUL byte and size limit", test_nul_byte_and_size_limit},
    {"load resolves relative paths", test_load_resolves_relative_paths},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
