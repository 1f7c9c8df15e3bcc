/*
 * kiosk-zatca-onboard: onboards this device with ZATCA (kiosk/docs/zatca.md).
 *
 *   kiosk-zatca-onboard --config kiosk.ini --csr-config csr-config.properties \
 *       --otp 123456 [--key /var/lib/kiosk/zatca-key.pem] [--env simulation] \
 *       [--csr-out device.csr] [--compliance-out FILE]
 *
 * Makes the device's secp256k1 key (kept when the file exists; mode 0600;
 * by default where the kiosk looks for it, ks_zatca_device_key_path),
 * the CSR from the csr-config file, asks ZATCA ([zatca] reporting_url) for
 * the compliance CSID with the OTP, passes the compliance checks (a
 * simplified invoice, credit note and debit note of the configured seller,
 * signed with that CSID), then asks for the production CSID, and
 * stores it in [zatca] credentials (mode 0600), where reporting reads it.
 * Exit status 0 when onboarded, 1 on failure (said on stderr), 2 on usage.
 */
#include <getopt.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/config.h"
#include "kiosk/app/csr_config.h"
#include "kiosk/app/zatca_credentials.h"
#include "kiosk/app/zatca_csr.h"
#include "kiosk/app/zatca_onboard.h"
#include "kiosk/common/bounded_file.h"

static void usage(FILE *to)
{
    fprintf(to, "usage: kiosk-zatca-onboard --config FILE --csr-config FILE --otp CODE\n"
                "  --key FILE            the device key (default: [zatca] private_key, else\n"
                "                        zatca-key.pem beside [zatca] credentials)\n"
                "  --env ENV             sandbox, simulation (default) or production\n"
                "  --csr-out FILE        also write the CSR (PEM) there\n"
                "  --compliance-out FILE the compliance CSID (default: [zatca] credentials"
                ".compliance)\n");
}

int main(int argc, char **argv)
{
    static const struct option longs[] = {
        {"config", required_argument, NULL, 'c'},
        {"csr-config", required_argument, NULL, 'p'},
        {"otp", required_argument, NULL, 'o'},
        {"key", required_argument, NULL, 'k'},
        {"env", required_argument, NULL, 'e'},
        {"csr-out", required_argument, NULL, 'r'},
        {"compliance-out", required_argument, NULL, 'C'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *config_path = NULL, *csr_config_path = NULL, *otp = NULL, *key_path = NULL;
    const char *csr_out = NULL, *compliance_out = NULL;
    enum ks_zatca_env env = KS_ZATCA_ENV_SIMULATION;
    int c;
    while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
        switch (c) {
        case 'c':
            config_path = optarg;
            break;
        case 'p':
            csr_config_path = optarg;
            break;
        case 'o':
            otp = optarg;
            break;
        case 'k':
            key_path = optarg;
            break;
        case 'e':
            if (!ks_zatca_env_parse(optarg, &env)) {
                usage(stderr);
                return 2;
            }
            break;
        case 'r':
            csr_out = optarg;
            break;
        case 'C':
            compliance_out = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind != argc || !config_path || !csr_config_path || !otp) {
        usage(stderr);
        return 2;
    }
    int status = 1;
    char *text = NULL, *csr = NULL;
    EVP_PKEY *key = NULL;
    static ks_config cfg;
    ks_config_error cfg_err;
    ks_config_defaults(&cfg);
    if (!ks_config_load(&cfg, config_path, &cfg_err)) {
        fprintf(stderr, "kiosk-zatca-onboard: %s: line %d: %s\n", config_path, cfg_err.line,
                cfg_err.message);
        goto end;
    }
    if (!cfg.zatca_url[0]) {
        fprintf(stderr, "kiosk-zatca-onboard: %s has no [zatca] reporting_url\n", config_path);
        goto end;
    }
    char default_key[sizeof cfg.zatca_private_key + 16];
    if (!key_path && !ks_zatca_device_key_path(&cfg, default_key, sizeof default_key)) {
        fprintf(stderr, "kiosk-zatca-onboard: the device key's path is too long\n");
        goto end;
    }
    if (!key_path)
        key_path = default_key;
    size_t len = 0;
    static ks_csr_config csr_config;
    ks_csr_config_error err;
    text = ks_bounded_file_read(csr_config_path, KS_CSR_CONFIG_MAX_BYTES, &len, err.reason,
                                sizeof err.reason);
    if (!text || !ks_csr_config_parse(text, len, &csr_config, &err)) {
        fprintf(stderr, "kiosk-zatca-onboard: %s: %s\n", csr_config_path, err.reason);
        goto end;
    }
    key = ks_zatca_device_key(key_path);
    csr = key ? ks_zatca_csr_pem(&csr_config, env, key) : NULL;
    if (!csr)
        goto end;
    FILE *f = csr_out ? fopen(csr_out, "w") : NULL;
    if (csr_out && (!f || fputs(csr, f) < 0 || fclose(f) != 0)) {
        fprintf(stderr, "kiosk-zatca-onboard: cannot write %s\n", csr_out);
        goto end;
    }
    char compliance[1100];
    snprintf(compliance, sizeof compliance, "%s.compliance", cfg.zatca_credentials);
    const ks_zatca_onboard_options opt = {
        .base_url = cfg.zatca_url,
        .otp = otp,
        .csr_pem = csr,
        .key_path = key_path,
        .config = &cfg,
        .now = (int64_t)time(NULL),
        .compliance_path = compliance_out ? compliance_out : compliance,
        .production_path = cfg.zatca_credentials,
    };
    char why[512];
    if (!ks_zatca_onboard(&opt, why, sizeof why)) {
        fprintf(stderr, "kiosk-zatca-onboard: %s\n", why);
        goto end;
    }
    printf("onboarded: production CSID in %s\n", cfg.zatca_credentials);
    status = 0;
end:
    free(csr);
    EVP_PKEY_free(key);
    free(text);
    return status;
}
