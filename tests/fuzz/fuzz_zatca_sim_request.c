/*
 * Fuzz target for what zatca-sim parses from its clients
 * (kiosk/zatca/sim_invoice_check.h, kiosk/zatca/sim_csid.h): the bytes as
 * a reporting body (refused with a code and a message, or accepted with a
 * uuid and hash), and as the bodies of POST /compliance (a CSR) and
 * POST /production/csids. Fails (traps) on a refusal without a reason and
 * on an onboarding answer other than 200, 400 or 401 with a JSON body.
 * Seeds in tests/fuzz/corpus/zatca_sim_request/.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/zatca/sim_csid.h"
#include "kiosk/zatca/sim_invoice_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_onboarding(ks_zatca_sim_csids *c, const char *url, const char *auth,
                             const char *body, size_t len)
{
    int status = 0;
    char *answer = NULL;
    ks_zatca_sim_onboard(c, url, "123456", "123456", auth, body, len, &status, &answer);
    json_t *j = answer ? json_loads(answer, 0, NULL) : NULL;
    if (!j || (status != 200 && status != 400 && status != 401))
        __builtin_trap();
    json_decref(j);
    free(answer);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ks_zatca_sim_csids csids;
    static bool ready;
    if (!ready)
        ready = ks_zatca_sim_csids_init(&csids);
    if (!ready)
        __builtin_trap();
    const char *body = (const char *)data;
    ks_zatca_sim_invoice inv;
    const char *code = NULL;
    char message[200] = "";
    if (!ks_zatca_sim_check_invoice(body, size, &inv, &code, message, sizeof message) &&
        (!code || !message[0]))
        __builtin_trap();
    check_onboarding(&csids, "/compliance", NULL, body, size);
    check_onboarding(&csids, "/production/csids", csids.compliance_auth, body, size);
    return 0;
}
