/*
 * Onboarding (kiosk/app/csr_config.h, zatca_csr.h, zatca_onboard.h, the
 * kiosk-zatca-onboard program): ZATCA's csr-config files read and refused
 * by rule; the device key made once with mode 0600 and kept; the CSR
 * checked by `openssl req -verify -text` for ZATCA's subject, SAN dirName
 * and template in each environment; the compliance and production CSIDs
 * got from zatca-sim on loopback with the OTP, stored 0600, and the
 * production one accepted for reporting; a wrong OTP refused.
 */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "kiosk/app/csr_config.h"
#include "kiosk/app/einvoicing.h"
#include "kiosk/app/secret_file.h"
#include "kiosk/app/zatca_credentials.h"
#include "kiosk/app/zatca_csr.h"
#include "kiosk/app/zatca_onboard.h"
#include "kiosk/einvoice/einvoice_verify.h"
#include "kiosk/store/einvoice_store.h"
#include "kiosk/store/order_store.h"
#include "kiosk/zatca/zatca_sim.h"
#include "tests/unit/test_store_fixture.h"
#include "tests/unit/test_zatca_fixture.h"

#define GOOD                                                                                       \
    "csr.common.name=TST-886431145-399999999900003\n"                                              \
    "csr.serial.number=1-Kiosk|2-K1|3-ed22f1d8-e6a2-1118-9b58-d9a8f11e445f\n"                      \
    "csr.organization.identifier=399999999900003\n"                                                \
    "csr.organization.unit.name=Olaya Branch\n"                                                    \
    "csr.organization.name=Olaya Burger\n"                                                         \
    "csr.country.name=SA\n"                                                                        \
    "csr.invoice.type=0100\n"                                                                      \
    "csr.location.address=RRRD2929\n"                                                              \
    "csr.industry.business.category=Restaurants\n"

struct config_case {
    const char *name;
    const char *text;
    const char *reason; /* NULL: accepted */
};

/* clang-format off */
static const struct config_case configs[] = {
    {"good", GOOD, NULL},
    {"comments, blanks, spaces, CRLF", "# x\r\n! y\r\n\r\n" GOOD, NULL},
    {"missing key", "csr.common.name=x\n", "csr.serial.number is missing"},
    {"twice", GOOD "csr.country.name=SA\n", "line 10: csr.country.name given twice"},
    {"unknown key", GOOD "csr.email=x\n", "line 10: unknown key 'csr.email'"},
    {"no equals", "csr.common.name\n", "line 1: expected csr.NAME=value"},
    {"empty value", "csr.common.name=\n", "line 1: csr.common.name: must have 1 to 200 bytes"},
    {"country", "csr.country.name=AE\n", "line 1: csr.country.name: must be SA"},
    {"VAT length", "csr.organization.identifier=39999999990000\n", "line 1: csr.organization.identifier: must be the 15-digit VAT number, first and last digit 3"},
    {"VAT first digit", "csr.organization.identifier=299999999900003\n", "must be the 15-digit VAT number"},
    {"invoice type digit", "csr.invoice.type=1200\n", "line 1: csr.invoice.type: must be 4 digits of 0 and 1"},
    {"invoice type none", "csr.invoice.type=0000\n", "must be 4 digits"},
    {"serial", "csr.serial.number=1-a|3-c|2-b\n", "line 1: csr.serial.number: must be 1-solution|2-model|3-serial"},
    {"control character", "csr.common.name=a\x01" "b\n", "line 1: csr.common.name: not UTF-8 text"},
    {"bad UTF-8", "csr.common.name=\xc3\n", "not UTF-8 text"},
};
/* clang-format on */

static void test_csr_configs(void)
{
    for (size_t i = 0; i < CHECK_COUNT(configs); i++) {
        ks_csr_config c;
        ks_csr_config_error err;
        bool ok = ks_csr_config_parse(configs[i].text, strlen(configs[i].text), &c, &err);
        if (configs[i].reason ? ok || !strstr(err.reason, configs[i].reason) : !ok)
            check_fail(__FILE__, __LINE__, "%s: %s", configs[i].name, ok ? "ok" : err.reason);
    }
    CHECK(!ks_csr_config_parse("a\0b", 3, &(ks_csr_config){0}, NULL));
}

static void test_sdk_examples(void)
{
    static const char *const files[] = {
        "Input/csr-config-example-EN.properties",
        "Input/csr-config-example-AR.properties",
        "Input/csr-config-example-EN-VAT-group.properties",
        "Input/csr-config-example-AR-VAT-Group.properties",
    };
    CHECK(zatca_sdk_dir() != NULL);
    for (size_t i = 0; i < CHECK_COUNT(files); i++) {
        size_t len = 0;
        char *text = zatca_sdk_file(files[i], &len);
        ks_csr_config c;
        ks_csr_config_error err = {""};
        if (!text || !ks_csr_config_parse(text, len, &c, &err))
            check_fail(__FILE__, __LINE__, "%s: %s", files[i], err.reason);
        free(text);
    }
}

static bool same_public_key(EVP_PKEY *a, EVP_PKEY *b)
{
    return a && b && EVP_PKEY_eq(a, b) == 1;
}

static void test_device_key(void)
{
    char path[4200];
    zatca_fresh_path(path, sizeof path, "device-key.pem");
    EVP_PKEY *first = ks_zatca_device_key(path);
    struct stat st;
    CHECK(first && stat(path, &st) == 0);
    CHECK_EQ_INT(st.st_mode & 0777, 0600);
    EVP_PKEY *again = ks_zatca_device_key(path);
    bool same = same_public_key(first, again);
    EVP_PKEY_free(again);
    EVP_PKEY_free(first);
    CHECK(same);
    /* Readable by others: refused. */
    CHECK(chmod(path, 0644) == 0);
    CHECK(ks_zatca_device_key(path) == NULL);
    /* A key on another curve: refused. */
    EVP_PKEY *p256 = EVP_EC_gen("P-256");
    BIO *bio = BIO_new(BIO_s_mem());
    char *pem = NULL;
    long len = p256 && bio && PEM_write_bio_PrivateKey(bio, p256, NULL, NULL, 0, NULL, NULL)
                   ? BIO_get_mem_data(bio, &pem)
                   : 0;
    bool written = len > 0 && ks_secret_file_write(path, pem, (size_t)len);
    BIO_free(bio);
    EVP_PKEY_free(p256);
    CHECK(written);
    CHECK(ks_zatca_device_key(path) == NULL);
}

/* `openssl req -verify -text -noout` of pem; its output (malloc'd) or NULL when it fails. */
static char *openssl_req_text(const char *pem)
{
    char in[4200], out[4200], cmd[9000];
    zatca_fresh_path(in, sizeof in, "device.csr");
    zatca_fresh_path(out, sizeof out, "device.csr.txt");
    FILE *f = fopen(in, "w");
    if (!f || fputs(pem, f) < 0 || fclose(f) != 0)
        return NULL;
    snprintf(cmd, sizeof cmd, "openssl req -verify -text -noout -nameopt utf8 -in '%s' > '%s' 2>&1",
             in, out);
    int status = system(cmd);
    char *text = check_read_file(out, NULL);
    if (status != 0) {
        if (text)
            check_fail(__FILE__, __LINE__, "openssl: %s", text);
        free(text);
        return NULL;
    }
    return text;
}

/* The SAN of GOOD as openssl prints it. */
#define GOOD_SAN                                                                                   \
    "DirName:/SN=1-Kiosk|2-K1|3-ed22f1d8-e6a2-1118-9b58-d9a8f11e445f/UID=399999999900003/"         \
    "title=0100/registeredAddress=RRRD2929/businessCategory=Restaurants"

static void test_csr_verified_by_openssl(void)
{
    char path[4200];
    zatca_fresh_path(path, sizeof path, "csr-key.pem");
    EVP_PKEY *key = ks_zatca_device_key(path);
    ks_csr_config c;
    CHECK(key && ks_csr_config_parse(GOOD, strlen(GOOD), &c, NULL));
    static const char *const want[] = {
        "verify OK",
        "C=SA, OU=Olaya Branch, O=Olaya Burger, CN=TST-886431145-399999999900003",
        "ASN1 OID: secp256k1",
        "1.3.6.1.4.1.311.20.2:",
        GOOD_SAN,
        "ecdsa-with-SHA256",
    };
    for (int env = KS_ZATCA_ENV_SANDBOX; env <= KS_ZATCA_ENV_PRODUCTION; env++) {
        char *pem = ks_zatca_csr_pem(&c, (enum ks_zatca_env)env, key);
        char *text = pem ? openssl_req_text(pem) : NULL;
        for (size_t i = 0; text && i < CHECK_COUNT(want); i++)
            if (!strstr(text, want[i]))
                check_fail(__FILE__, __LINE__, "env %d: no '%s' in %s", env, want[i], text);
        if (text && !strstr(text, ks_zatca_env_template((enum ks_zatca_env)env)))
            check_fail(__FILE__, __LINE__, "env %d: no template name", env);
        if (!text)
            check_fail(__FILE__, __LINE__, "env %d: no CSR", env);
        free(text);
        free(pem);
    }
    EVP_PKEY_free(key);
}

/* A sim on loopback and a CSR for the GOOD configuration. */
struct onboarding {
    ks_zatca_sim *sim;
    char base[64];
    char *csr;
    char key_path[4200];
    ks_config config; /* the default seller */
};

static bool onboarding_start(struct onboarding *o)
{
    const ks_zatca_sim_options opt = {.listen = "127.0.0.1:0", .otp = "246810"};
    zatca_fresh_path(o->key_path, sizeof o->key_path, "onboard-key.pem");
    ks_config_defaults(&o->config);
    ks_csr_config c;
    EVP_PKEY *key = ks_zatca_device_key(o->key_path);
    o->csr = key && ks_csr_config_parse(GOOD, strlen(GOOD), &c, NULL)
                 ? ks_zatca_csr_pem(&c, KS_ZATCA_ENV_SANDBOX, key)
                 : NULL;
    EVP_PKEY_free(key);
    o->sim = ks_zatca_sim_start(&opt);
    if (o->sim)
        snprintf(o->base, sizeof o->base, "http://127.0.0.1:%u",
                 (unsigned)ks_zatca_sim_port(o->sim));
    return o->sim && o->csr;
}

static void onboarding_stop(struct onboarding *o)
{
    ks_zatca_sim_stop(o->sim);
    free(o->csr);
}

static void test_onboard_then_report(void)
{
    struct onboarding o = {0};
    char compliance[4200], production[4200], why[512] = "";
    zatca_fresh_path(compliance, sizeof compliance, "compliance.json");
    zatca_fresh_path(production, sizeof production, "production.json");
    bool ok = onboarding_start(&o);
    const ks_zatca_onboard_options opt = {
        .base_url = o.base,
        .otp = "246810",
        .csr_pem = o.csr,
        .key_path = o.key_path,
        .config = &o.config,
        .now = 1795500000,
        .compliance_path = compliance,
        .production_path = production,
    };
    ok = ok && ks_zatca_onboard(&opt, why, sizeof why);
    ks_zatca_csid csid = {0};
    struct stat st = {0};
    ok = ok && stat(production, &st) == 0 && ks_zatca_credentials_load(production, &csid);
    /* The production CSID reports; the compliance one does not. */
    char url[128], uuid[37];
    snprintf(url, sizeof url, "%s/invoices/reporting/single", o.base);
    char *body = zatca_sample_body(0, uuid);
    char *auth = malloc(KS_ZATCA_SIM_AUTH_MAX);
    struct http_reply *a = malloc(sizeof *a);
    long with_compliance = 0, with_production = 0;
    ks_zatca_csid compliance_csid = {0};
    if (ok && body && auth && a && ks_zatca_credentials_load(compliance, &compliance_csid)) {
        ks_zatca_sim_basic_auth(compliance_csid.token, compliance_csid.secret, auth);
        zatca_post(url, "V2", auth, NULL, body, a);
        with_compliance = a->status;
        ks_zatca_sim_basic_auth(csid.token, csid.secret, auth);
        zatca_post(url, "V2", auth, NULL, body, a);
        with_production = a->status;
    }
    free(a);
    free(auth);
    free(body);
    onboarding_stop(&o);
    if (!ok)
        check_fail(__FILE__, __LINE__, "onboarding failed: %s", why);
    CHECK(ok);
    CHECK_EQ_INT(st.st_mode & 0777, 0600);
    CHECK_EQ_INT(with_compliance, 401);
    CHECK_EQ_INT(with_production, 200);
}

static void test_wrong_otp(void)
{
    struct onboarding o = {0};
    char compliance[4200], production[4200], why[512] = "";
    zatca_fresh_path(compliance, sizeof compliance, "otp-compliance.json");
    zatca_fresh_path(production, sizeof production, "otp-production.json");
    bool started = onboarding_start(&o);
    const ks_zatca_onboard_options opt = {
        .base_url = o.base,
        .otp = "111111",
        .csr_pem = o.csr,
        .key_path = o.key_path,
        .config = &o.config,
        .now = 1795500000,
        .compliance_path = compliance,
        .production_path = production,
    };
    bool ok = started && ks_zatca_onboard(&opt, why, sizeof why);
    onboarding_stop(&o);
    CHECK(started && !ok);
    CHECK(strstr(why, "compliance: HTTP 400") && strstr(why, "Invalid-OTP"));
    CHECK(access(compliance, F_OK) != 0 && access(production, F_OK) != 0);
}

/*
 * ZATCA issues no production CSID before the compliance checks of the three
 * simplified documents: asked at once, or after only the invoice's check,
 * it refuses; the onboarding (which runs them) then gets it.
 */
static void test_production_waits_for_checks(void)
{
    struct onboarding o = {0};
    bool ok = onboarding_start(&o);
    size_t pem_len = ok ? strlen(o.csr) : 0;
    char *csr_b64 = malloc((pem_len + 2) / 3 * 4 + 1);
    char *request = malloc((pem_len + 2) / 3 * 4 + 64);
    char *auth = malloc(KS_ZATCA_SIM_AUTH_MAX);
    struct http_reply *a = malloc(sizeof *a);
    ks_zatca_csid *csid = calloc(1, sizeof *csid);
    ok = ok && csr_b64 && request && auth && a && csid;
    char url[128], production_request[160], uuid[37];
    long before = 0, after_one = 0, check = 0;
    if (ok) {
        EVP_EncodeBlock((unsigned char *)csr_b64, (const unsigned char *)o.csr, (int)pem_len);
        snprintf(request, (pem_len + 2) / 3 * 4 + 64, "{\"csr\":\"%s\"}", csr_b64);
        snprintf(url, sizeof url, "%s/compliance", o.base);
        zatca_post(url, "V2", NULL, "246810", request, a);
        ok = a->status == 200 && ks_zatca_csid_parse(a->body, a->len, csid, NULL) &&
             ks_zatca_sim_basic_auth(csid->token, csid->secret, auth);
    }
    if (ok) {
        snprintf(production_request, sizeof production_request,
                 "{\"compliance_request_id\":\"%s\"}", csid->request_id);
        snprintf(url, sizeof url, "%s/production/csids", o.base);
        zatca_post(url, "V2", auth, NULL, production_request, a);
        before = a->status;
        CHECK_CONTAINS(a->body, "Compliance-Checks-Missing");
        char *invoice = zatca_sample_body(0, uuid); /* a simplified invoice (388) */
        snprintf(url, sizeof url, "%s/compliance/invoices", o.base);
        if (invoice)
            zatca_post(url, "V2", auth, NULL, invoice, a);
        check = a->status;
        free(invoice);
        snprintf(url, sizeof url, "%s/production/csids", o.base);
        zatca_post(url, "V2", auth, NULL, production_request, a);
        after_one = a->status;
    }
    free(csid);
    free(a);
    free(auth);
    free(request);
    free(csr_b64);
    onboarding_stop(&o);
    CHECK(ok);
    CHECK_EQ_INT(before, 400);
    CHECK_EQ_INT(check, 200);
    CHECK_EQ_INT(after_one, 400);
}

/* The program: kiosk-zatca-onboard with a kiosk INI naming the simulator. */
/*
 * ks_einvoicing_open of cfg (no [zatca] certificate) signs a paid order
 * with the production CSID's certificate: the stamped invoice verifies
 * (ks_einvoice_verify) and carries that certificate.
 */
static void signed_with_csid(const ks_config *cfg, const ks_zatca_csid *csid)
{
    char why[512] = "", db_path[4200];
    ks_einvoicing *e = ks_einvoicing_open(cfg, why, sizeof why);
    if (!e)
        check_fail(__FILE__, __LINE__, "e-invoicing: %s", why);
    CHECK(e);
    zatca_fresh_path(db_path, sizeof db_path, "csid-signed.db");
    ks_db *db = ks_db_open(db_path, NULL);
    CHECK(db);
    ks_order *order = fixture_order(3, cfg->store_id, 1795500000, 0);
    int32_t number = 0;
    CHECK_EQ_INT(ks_order_store_insert(db, order, 0, &number), KS_DB_OK);
    CHECK_EQ_INT(ks_db_begin(db), KS_DB_OK);
    enum ks_db_error err =
        ks_einvoicing_issue_locked(e, db, order, KS_INVOICE_TAX, KS_PAYMENT_CARD, NULL, 1795500060);
    CHECK_EQ_INT(ks_db_end(db, err), KS_DB_OK);
    ks_einvoice_row row;
    CHECK_EQ_INT(ks_einvoice_store_find(db, order->uuid, KS_INVOICE_TAX, &row), KS_DB_OK);
    char *xml = NULL;
    size_t len = 0;
    CHECK_EQ_INT(ks_einvoice_store_xml(db, row.icv, &xml, &len), KS_DB_OK);
    CHECK(ks_einvoice_verify(xml, len, NULL, why, sizeof why));
    /* The token is base64 of the certificate's base64: the XML holds the inner text. */
    unsigned char cert_b64[KS_ZATCA_TOKEN_MAX];
    int n = EVP_DecodeBlock(cert_b64, (const unsigned char *)csid->token, (int)strlen(csid->token));
    CHECK(n > 0);
    while (n > 0 && cert_b64[n - 1] == '\0')
        n--;
    char certificate[KS_ZATCA_TOKEN_MAX + 64];
    snprintf(certificate, sizeof certificate, "<ds:X509Certificate>%.*s</ds:X509Certificate>", n,
             (const char *)cert_b64);
    CHECK_CONTAINS(xml, certificate);
    free(xml);
    ks_order_free(order);
    ks_db_close(db);
    ks_einvoicing_close(e);
}

static void test_program(void)
{
    struct onboarding o = {0};
    CHECK(onboarding_start(&o));
    char dir[4096], cmd[24000];
    snprintf(dir, sizeof dir, "%s", check_tmp_dir());
    char ini[4200], props[4200];
    snprintf(ini, sizeof ini, "%s/onboard.ini", dir);
    snprintf(props, sizeof props, "%s/csr-config.properties", dir);
    FILE *f = fopen(ini, "w");
    bool ok =
        f && fprintf(f, "[zatca]\nreporting_url = %s\ncredentials = prog-csid.json\n", o.base) > 0;
    ok = f && fclose(f) == 0 && ok;
    f = fopen(props, "w");
    ok = ok && f && fputs(GOOD, f) >= 0;
    ok = f && fclose(f) == 0 && ok;
    char csid[4200], key[4200];
    snprintf(csid, sizeof csid, "%s/prog-csid.json", dir);
    snprintf(key, sizeof key, "%s/zatca-key.pem", dir); /* the default: beside the CSID */
    unlink(csid);
    unlink(key);
    const char *build = getenv("KIOSK_BUILD_DIR");
    snprintf(cmd, sizeof cmd,
             "'%s/kiosk/programs/kiosk-zatca-onboard' --config '%s' --csr-config '%s' "
             "--otp 246810 --env sandbox > '%s/onboard.log' 2>&1",
             build ? build : ".", ini, props, dir);
    int status = ok ? system(cmd) : -1;
    if (status != 0) {
        char log[4200];
        snprintf(log, sizeof log, "%s/onboard.log", dir);
        char *text = check_read_file(log, NULL);
        check_fail(__FILE__, __LINE__, "kiosk-zatca-onboard: %s", text ? text : "(no output)");
        free(text);
    }
    ks_zatca_csid got;
    bool loaded = status == 0 && ks_zatca_credentials_load(csid, &got);
    onboarding_stop(&o);
    CHECK(ok);
    CHECK_EQ_INT(status, 0);
    CHECK(loaded);
    struct stat st = {0};
    CHECK_EQ_INT(stat(key, &st), 0);
    CHECK_EQ_INT(st.st_mode & 0777, 0600);

    /* The kiosk with that configuration signs with the production CSID and that key. */
    static ks_config cfg;
    ks_config_error cfg_err;
    ks_config_defaults(&cfg);
    CHECK(ks_config_load(&cfg, ini, &cfg_err));
    CHECK_EQ_STR(cfg.zatca_certificate, "");
    CHECK_EQ_STR(cfg.zatca_private_key, "");
    signed_with_csid(&cfg, &got);
    /* A CSID file open to others is refused. */
    CHECK_EQ_INT(chmod(csid, 0640), 0);
    char why[512] = "";
    CHECK(!ks_einvoicing_open(&cfg, why, sizeof why));
    CHECK_CONTAINS(why, "mode 0600");
    CHECK_EQ_INT(chmod(csid, 0600), 0);
    /* A key that is not the certificate's is refused. */
    unlink(key);
    EVP_PKEY_free(ks_zatca_device_key(key));
    CHECK(!ks_einvoicing_open(&cfg, why, sizeof why));
    CHECK(why[0] != '\0');
}

static const struct check_case cases[] = {
    {"csr-config files", test_csr_configs},
    {"the SDK's csr-config examples", test_sdk_examples},
    {"device key", test_device_key},
    {"CSR verified by openssl", test_csr_verified_by_openssl},
    {"onboard, then report", test_onboard_then_report},
    {"wrong OTP", test_wrong_otp},
    {"the production CSID waits for the compliance checks", test_production_waits_for_checks},
    {"kiosk-zatca-onboard, then the kiosk signs with the production CSID", test_program},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
