/*
 * Fuzz target for ZATCA's answers (kiosk/app/zatca_answer.h): the first
 * byte picks the HTTP status, the rest is the body, read both as a
 * reporting answer and as a CSID answer. Fails (traps) on an outcome the
 * status does not allow (only 200/202 report, only 409 is "already", only
 * 400 sets aside), on messages past their bound, and on a CSID accepted
 * with a token that is not base64 or a secret that is not printable.
 * Seeds in tests/fuzz/corpus/zatca_answer/.
 */
#include <stdint.h>
#include <string.h>

#include "kiosk/app/zatca_answer.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const long statuses[] = {0, 200, 202, 204, 302, 400, 401, 403, 404, 408, 409, 429, 500, 503};

static void check_answer(long status, const char *body, size_t len)
{
    ks_zatca_answer a;
    ks_zatca_answer_parse(status, body, len, &a);
    if (strlen(a.messages) > KS_ZATCA_MESSAGES_MAX || a.messages[0] == '\0')
        __builtin_trap();
    bool ok;
    switch (a.outcome) {
    case KS_ZATCA_REPORTED:
        ok = status == 200 && a.warnings == 0;
        break;
    case KS_ZATCA_REPORTED_WARNED:
        ok = status == 202 || (status == 200 && a.warnings > 0);
        break;
    case KS_ZATCA_ALREADY_REPORTED:
        ok = status == 409;
        break;
    case KS_ZATCA_NOT_REPORTED:
        ok = status == 400;
        break;
    case KS_ZATCA_MISCONFIGURED:
        ok = status >= 401 && status <= 499 && status != 408 && status != 409 && status != 429;
        break;
    case KS_ZATCA_RETRY:
        ok = status == 0 || status == 408 || status == 429 || status >= 500 ||
             (status >= 200 && status <= 399);
        break;
    default:
        ok = false;
    }
    if (!ok)
        __builtin_trap();
}

static void check_csid(const char *body, size_t len)
{
    ks_zatca_csid csid;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool ok = ks_zatca_csid_parse(body, len, &csid, &why);
    if (!fuzz_answer_ok(ok, &why, &csid, sizeof csid))
        __builtin_trap();
    if (!ok)
        return;
    size_t n = strlen(csid.token);
    if (n == 0 || n % 4 != 0 ||
        strspn(csid.token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
                           "vwxyz0123456789+/=") != n)
        __builtin_trap();
    for (const char *s = csid.secret; *s; s++)
        if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f)
            __builtin_trap();
    if (csid.secret[0] == '\0')
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    long status = statuses[data[0] % (sizeof statuses / sizeof statuses[0])];
    const char *body = (const char *)data + 1;
    check_answer(status, body, size - 1);
    check_csid(body, size - 1);
    return 0;
}
