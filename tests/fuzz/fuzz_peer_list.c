/*
 * Fuzz target for the store's kiosks as a kitchen display or attendant
 * console reads them (kiosk/domain/peer_list.h, GET
 * /v1/devices/peers?store=ID), through the pulled lists' harness
 * (tests/fuzz/fuzz_pulled_list.h: read for "riyadh-01").
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
#include "tests/fuzz/fuzz_pulled_list.h"

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
    json_t *root = json_pack("{s:s, s:o}", "store", FUZZ_PULLED_STORE, "kiosks", kiosks);
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

/* The ids and verifiers are no tokens of their own: found only when listed by digest. */
static bool found_by_own_token(const void *kiosks)
{
    const ks_peer_list *list = kiosks;
    for (size_t i = 0; i < list->n; i++)
        if (ks_peer_list_find(list, list->kiosks[i].id) != listed(list, list->kiosks[i].id) ||
            ks_peer_list_find(list, list->kiosks[i].token_sha256) !=
                listed(list, list->kiosks[i].token_sha256))
            return false;
    return ks_peer_list_find(list, NULL) == NULL;
}

FUZZ_PULLED_LIST(ks_peer_list, kiosks, ks_peer_list_parse, ks_peer_list_clear,
                 KS_PEER_LIST_BODY_MAX, promises_kept, written, found_by_own_token)
