/*
 * Fuzz target for the attendant console's configuration
 * (kiosk/attendant/att_config.h, with the hashed PINs of att_secret.h):
 * the input is the INI text. An accepted file must hold what the parser
 * promises: lanes with valid ids and tokens, attendants with valid ids
 * and hashes that parse, a listen address that parses; a refusal must
 * name a line within the text. Seeds in tests/fuzz/corpus/attendant_config/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/attendant/att_config.h"
#include "kiosk/domain/order.h"
#include "kiosk/http/http_server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    static ks_att_config cfg;
    ks_att_config_defaults(&cfg);
    ks_att_config_error err = {0};
    if (ks_att_config_parse(&cfg, text, size, &err)) {
        char address[16];
        uint16_t port;
        if (cfg.listen[0] && !ks_http_parse_listen(cfg.listen, address, &port))
            __builtin_trap();
        for (size_t i = 0; i < cfg.n_lanes; i++)
            if (!ks_device_id_ok(cfg.lanes[i].lane) || strlen(cfg.lanes[i].token) < 16)
                __builtin_trap();
        for (size_t i = 0; i < cfg.n_staff; i++)
            if (!ks_id_ok(cfg.staff[i].id, KS_ATT_STAFF_MAX) ||
                (cfg.staff[i].pin[0] && !ks_att_secret_valid(cfg.staff[i].pin)) ||
                (cfg.staff[i].badge[0] && !ks_att_secret_valid(cfg.staff[i].badge)))
                __builtin_trap();
    } else if (err.line < 0 || !err.message[0]) {
        __builtin_trap();
    }
    free(text);
    return 0;
}
