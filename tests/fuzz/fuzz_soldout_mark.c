/*
 * Fuzz target for the sold-out marks' JSON (kiosk/domain/soldout_mark.h):
 * the first byte picks what the rest is:
 *
 *   even  a mark's POST body, as the kitchen display reads it
 *   odd   the hub's answer, as a kiosk reads it (its worker's GET and POST)
 *
 * What is accepted must keep the promises the readers make (a valid key,
 * set_by, set_at in range; from the hub, seq from 1 up to latest and
 * set_where) and must read back the same after it is written again.
 * Seeds in tests/fuzz/corpus/soldout_mark/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/soldout_mark.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same_mark(const ks_mark *a, const ks_mark *b)
{
    return ks_mark_same_key(a, b) && a->sold_out == b->sold_out && a->set_at == b->set_at &&
           a->seq == b->seq && strcmp(a->set_by, b->set_by) == 0 &&
           strcmp(a->set_where, b->set_where) == 0 && strcmp(a->name_ar, b->name_ar) == 0 &&
           strcmp(a->name_en, b->name_en) == 0;
}

static void body_case(const char *text, size_t len)
{
    ks_mark m, again;
    ks_mark_error why;
    if (!ks_mark_from_body(text, len, &m, &why))
        return;
    if (!ks_mark_key_ok(&m) || !m.set_by[0] || m.seq != 0 || m.set_where[0])
        __builtin_trap();
    char *written = ks_mark_body(&m);
    if (!written || !ks_mark_from_body(written, strlen(written), &again, &why) ||
        !same_mark(&m, &again))
        __builtin_trap();
    free(written);
}

static void answer_case(const char *text, size_t len)
{
    static ks_mark marks[KS_MARK_PAGE_MAX], again[KS_MARK_PAGE_MAX];
    size_t n = 0, n_again = 0;
    int64_t latest = 0, latest_again = 0;
    ks_mark_error why;
    if (!ks_marks_from_answer(text, len, marks, KS_MARK_PAGE_MAX, &n, &latest, &why))
        return;
    for (size_t i = 0; i < n; i++)
        if (!ks_mark_key_ok(&marks[i]) || marks[i].seq < 1 || marks[i].seq > latest ||
            !marks[i].set_where[0])
            __builtin_trap();
    char *written = ks_marks_answer(marks, n, latest);
    if (!written ||
        !ks_marks_from_answer(written, strlen(written), again, KS_MARK_PAGE_MAX, &n_again,
                              &latest_again, &why) ||
        n_again != n || latest_again != latest)
        __builtin_trap();
    for (size_t i = 0; i < n; i++)
        if (!same_mark(&marks[i], &again[i]))
            __builtin_trap();
    free(written);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len;
    bool is_c_string;
    char *text =
        fuzz_case_text(data, size, (size_t)KS_MARK_PAGE_MAX * KS_MARK_BODY_MAX, &len, &is_c_string);
    if (!text)
        return 0;
    if (data[0] % 2 == 0)
        body_case(text, len);
    else
        answer_case(text, len);
    free(text);
    return 0;
}
