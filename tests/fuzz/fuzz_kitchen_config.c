/*
 * Fuzz target for the kitchen display's configuration
 * (kiosk/kitchen/kds_config.h): the input is the INI text. An accepted
 * file must hold what the parser promises: a listen address that parses,
 * kiosks with valid ids and tokens that meet the token rule, each token
 * used once, role tokens that meet it too, amber before red, a station that
 * is defined; a [backend] url only with a device id and store, and one
 * the URL policy allows, a poll of 5-3600 s; a refusal must name a line within the text (or 0 for a
 * rule between settings). Seeds in tests/fuzz/corpus/kitchen_config/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/bearer_token.h"
#include "kiosk/domain/order.h"
#include "kiosk/http/http_server.h"
#include "kiosk/kitchen/kds_config.h"
#include "tests/fuzz/fuzz_device_backend.h"
#include "tests/fuzz/fuzz_ini.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A role's token: none, or one that meets the rule. */
static bool role_ok(const char *token)
{
    return !token[0] || ks_token_strong(token, NULL, 0);
}

static ks_kds_config cfg_storage;
static const ks_kds_config *const cfg = &cfg_storage;

static bool parse(const char *text, size_t len, ks_ini_error *err)
{
    ks_kds_config_defaults(&cfg_storage);
    return ks_kds_config_parse(&cfg_storage, text, len, err);
}

static bool accepted_ok(void)
{
    char address[16];
    uint16_t port;
    if (cfg->listen[0] && !ks_http_parse_listen(cfg->listen, address, &port))
        return false;
    const ks_kds_credentials *c = &cfg->creds;
    if (c->n_kiosks > KS_KDS_MAX_KIOSKS || !role_ok(c->bump) || !role_ok(c->collect) ||
        !role_ok(c->board))
        return false;
    for (size_t i = 0; i < c->n_kiosks; i++) {
        if (!ks_device_id_ok(c->kiosks[i].kiosk_id) ||
            !ks_token_strong(c->kiosks[i].token, NULL, 0))
            return false;
        const char *roles[] = {c->bump, c->collect, c->board};
        for (size_t r = 0; r < 3; r++)
            if (strcmp(roles[r], c->kiosks[i].token) == 0)
                return false;
        for (size_t j = i + 1; j < c->n_kiosks; j++)
            if (strcmp(c->kiosks[i].token, c->kiosks[j].token) == 0 ||
                strcmp(c->kiosks[i].kiosk_id, c->kiosks[j].kiosk_id) == 0)
                return false;
    }
    if (!fuzz_device_backend_ok(&cfg->backend))
        return false;
    return cfg->amber_s < cfg->red_s && (!cfg->station[0] || ks_kds_config_station(cfg));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ini(data, size, parse, accepted_ok);
    return 0;
}
