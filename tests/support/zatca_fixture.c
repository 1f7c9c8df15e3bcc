/* ZATCA SDK data for the tests: see zatca_fixture.h. */
#include "tests/support/zatca_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "tests/support/check.h"

const char *zatca_fixture_sdk_dir(void)
{
    const char *dir = getenv("KIOSK_ZATCA_SDK");
    return dir && dir[0] ? dir : "/work/shared/reference/zatca-sdk";
}

char *zatca_fixture_read(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", zatca_fixture_sdk_dir(), name);
    char *text = check_read_file(path, len);
    if (!text)
        fprintf(stderr, "  cannot read %s\n", path);
    return text;
}

bool zatca_fixture_write_pem(const char *sdk_name, const char *label, const char *path, mode_t mode)
{
    size_t len = 0;
    char *b64 = zatca_fixture_read(sdk_name, &len);
    FILE *f = b64 ? fopen(path, "w") : NULL;
    bool ok = f != NULL;
    if (f) {
        fprintf(f, "-----BEGIN %s-----\n", label);
        for (size_t i = 0; i < len; i += 64)
            fprintf(f, "%.*s\n", (int)(len - i < 64 ? len - i : 64), b64 + i);
        fprintf(f, "-----END %s-----\n", label);
        ok = fclose(f) == 0 && chmod(path, mode) == 0;
    }
    free(b64);
    return ok;
}

bool zatca_fixture_stamp(const char *dir, char *cert, char *key, size_t cap)
{
    snprintf(cert, cap, "%s/stamp-cert.pem", dir);
    snprintf(key, cap, "%s/stamp-key.pem", dir);
    bool ok = zatca_fixture_write_pem("Certificates/cert.pem", "CERTIFICATE", cert, 0644) &&
              zatca_fixture_write_pem("Certificates/ec-secp256k1-priv-key.pem", "EC PRIVATE KEY",
                                      key, 0600);
    if (!ok)
        fprintf(stderr, "  the SDK's test certificate and key cannot be written to %s\n", dir);
    return ok;
}

bool zatca_fixture_stamped_config(ks_config *cfg)
{
    ks_config_defaults(cfg);
    return zatca_fixture_stamp(check_tmp_dir(), cfg->zatca_certificate, cfg->zatca_private_key,
                               sizeof cfg->zatca_certificate);
}

ks_einvoicing *zatca_fixture_einvoicing(ks_config *cfg)
{
    char why[256] = "";
    ks_einvoicing *e =
        zatca_fixture_stamped_config(cfg) ? ks_einvoicing_open(cfg, why, sizeof why) : NULL;
    if (!e)
        fprintf(stderr, "  e-invoicing: %s\n", why);
    return e;
}
