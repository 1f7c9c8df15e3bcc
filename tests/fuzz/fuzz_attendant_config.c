/*
 * Fuzz target for the attendant console's configuration
 * (kiosk/attendant/att_config.h, with the hashed PINs of staff_secret.h):
 * the input is the INI text. An accepted file must hold what the parser
 * promises: lanes with valid ids and tokens, attendants with valid ids
 * and hashes that parse, a listen address that parses, a [backend] url
 * only with a device id and store, and one the URL policy allows, a poll
 * of 5-3600 s, a PIN lockout of 1-10 wrong PINs and 10-3600 s, a business
 * day of UTC-12:00 to +14:00 starting within the day (the kiosk's keys); a
 * refusal must name a line within the text (or 0 for a rule between
 * settings). Seeds in tests/fuzz/corpus/attendant_config/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/attendant/att_config.h"
#include "kiosk/common/bearer_token.h"
#include "kiosk/domain/order.h"
#include "kiosk/http/http_server.h"
#include "tests/fuzz/fuzz_device_backend.h"
#include "tests/fuzz/fuzz_ini.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ks_att_config cfg;

static bool parse(const char *text, size_t len, ks_ini_error *err)
{
    ks_att_config_defaults(&cfg);
    return ks_att_config_parse(&cfg, text, len, err);
}

static bool accepted_ok(void)
{
    char address[16];
    uint16_t port;
    if (cfg.listen[0] && !ks_http_parse_listen(cfg.listen, address, &port))
        return false;
    for (size_t i = 0; i < cfg.n_lanes; i++)
        if (!ks_device_id_ok(cfg.lanes[i].lane) || !ks_token_strong(cfg.lanes[i].token, NULL, 0))
            return false;
    for (size_t i = 0; i < cfg.n_staff; i++)
        if (!ks_id_ok(cfg.staff[i].id, KS_ATT_STAFF_MAX) ||
            (cfg.staff[i].pin[0] && !ks_staff_secret_valid(cfg.staff[i].pin)) ||
            (cfg.staff[i].badge[0] && !ks_staff_secret_valid(cfg.staff[i].badge)))
            return false;
    if (cfg.pin_lockout.max_failures < 1 ||
        cfg.pin_lockout.max_failures > KS_PIN_LOCKOUT_FAILURES_MAX ||
        cfg.pin_lockout.lockout_ms < KS_PIN_LOCKOUT_SECONDS_MIN * 1000 ||
        cfg.pin_lockout.lockout_ms > KS_PIN_LOCKOUT_SECONDS_MAX * 1000 ||
        cfg.pin_lockout.lockout_ms % 1000 != 0)
        return false;
    if (cfg.utc_offset_min < KS_INI_UTC_OFFSET_MIN_LOW ||
        cfg.utc_offset_min > KS_INI_UTC_OFFSET_MIN_HIGH || cfg.business_day_start_min < 0 ||
        cfg.business_day_start_min >= 24 * 60)
        return false;
    return fuzz_device_backend_ok(&cfg.backend);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ini(data, size, parse, accepted_ok);
    return 0;
}
