/*
 * Fuzz target for the store's kiosks as a kitchen display or attendant
 * console reads them (kiosk/domain/peer_list.h, GET
 * /v1/devices/peers?store=ID). The first byte is skipped (the corpus's
 * convention); the rest is the answer, read for the store "riyadh-01".
 *
 * What is accepted must keep the reader's promises, checked here by hand:
 * at most KS_PEER_LIST_MAX kiosks, sorted by id and distinct, each id 1-32
 * bytes of a-z 0-9 _ . -, each verifier 64 lowercase hex digits; the same
 * text is refused for another store; the list written again as the
 * backend writes it reads back the same; and a listed kiosk is found by no
 * token but its own (the id tried as a token is found only if its digest
 * is listed, which the oracle computes apart). Seeds in
 * tests/fuzz/corpus/peer_list/.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/peer_list.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define STORE "riyadh-01"

static bool promises_kept(const ks_peer_list *list)
{
    if (list->n > KS_PEER_LIST_MAX)
        return false;
    for (size_t i = 0; i < list->n; i++) {
        const char *id = list->kiosks[i].id, *v = list->kiosks[i].token_sha256;
        size_t len = strlen(id);
        if (len < 1 || len > 32 || strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_.-") != len ||
            strlen(v) != 64 || strspn(v, "0123456789abcdef") != 64)
            return false;
        if (i > 0 && strcmp(list->kiosks[i - 1].id, id) >= 0)
            return false;
    }
    return true;
}

/* The list as the backend's GET /v1/devices/peers writes it; malloc'd. */
static char *written(const ks_peer_list *list)
{
    json_t *kiosks = json_array();
    for (size_t i = 0; kiosks && i < list->n; i++)
        json_array_append_new(kiosks, json_pack("{s:s, s:s}", "id", list->kiosks[i].id,
                                                "token_sha256", list->kiosks[i].token_sha256));
    json_t *root = json_pack("{s:s, s:o}", "store", STORE, "kiosks", kiosks);
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    return text;
}

/* The entry whose verifier is token's digest, searched without the reader's own search. */
static const ks_peer *listed(const ks_peer_list *list, const char *token)
{
    char digest[KS_TOKEN_VERIFIER_HEX + 1];
    ks_token_verifier_of(token, digest);
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->kiosks[i].token_sha256, digest) == 0)
            return &list->kiosks[i];
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len;
    bool is_c_string;
    char *text = fuzz_case_text(data, size, KS_PEER_LIST_BODY_MAX, &len, &is_c_string);
    if (!text)
        return 0;
    ks_peer_list list, again, other;
    char why[160] = "";
    if (ks_peer_list_parse(text, len, STORE, &list, why, sizeof why)) {
        if (!promises_kept(&list) ||
            ks_peer_list_parse(text, len, "jeddah-02", &other, why, sizeof why))
            __builtin_trap();
        char *back = written(&list);
        if (!back || !ks_peer_list_parse(back, strlen(back), STORE, &again, why, sizeof why) ||
            again.n != list.n ||
            (list.n && memcmp(again.kiosks, list.kiosks, list.n * sizeof *list.kiosks) != 0))
            __builtin_trap();
        /* The ids and verifiers are no tokens of their own: found only when listed by digest. */
        for (size_t i = 0; i < list.n; i++)
            if (ks_peer_list_find(&list, list.kiosks[i].id) != listed(&list, list.kiosks[i].id) ||
                ks_peer_list_find(&list, list.kiosks[i].token_sha256) !=
                    listed(&list, list.kiosks[i].token_sha256))
                __builtin_trap();
        if (ks_peer_list_find(&list, NULL) != NULL)
            __builtin_trap();
        free(back);
        ks_peer_list_clear(&again);
        ks_peer_list_clear(&list);
    } else if (list.n != 0 || list.kiosks != NULL || !why[0]) {
        __builtin_trap(); /* a refusal leaves nothing behind and says why */
    }
    free(text);
    return 0;
}
