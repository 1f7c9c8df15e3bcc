/* The store's kiosks for its peers: see kiosk/domain/peer_list.h. */
#include "kiosk/domain/peer_list.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/domain/store_list.h"

/* One entry, {"id", "token_sha256"} and nothing else, into *item (a ks_peer). */
static bool read_peer(json_t *entry, void *item)
{
    ks_peer *p = item;
    const char *id = NULL, *verifier = NULL;
    json_error_t jerr;
    if (json_unpack_ex(entry, &jerr, 0, "{s:s, s:s !}", "id", &id, "token_sha256", &verifier) !=
            0 ||
        json_string_length(json_object_get(entry, "id")) != strlen(id) || !ks_device_id_ok(id) ||
        !ks_token_verifier_valid(verifier))
        return false;
    /* Both fit: checked above (KS_DEVICE_ID_MAX bytes, KS_TOKEN_VERIFIER_HEX digits). */
    memcpy(p->id, id, strlen(id) + 1);
    memcpy(p->token_sha256, verifier, KS_TOKEN_VERIFIER_HEX + 1);
    return true;
}

static const ks_store_list_form peer_form = {
    KS_PEER_LIST_MAX,
    sizeof(ks_peer),
    read_peer,
    "\"kiosks\": expected an array of at most 256 kiosks",
    "\"kiosks\": expected {\"id\": a device id, \"token_sha256\": 64 lowercase hex digits}",
    "\"kiosks\": a kiosk is listed twice",
};

bool ks_peer_list_parse(const char *text, size_t len, const char *store_id, ks_peer_list *out,
                        char *why, size_t why_cap)
{
    void *kiosks = NULL;
    bool ok = ks_store_list_read(text, len, KS_PEER_LIST_BODY_MAX, store_id, "kiosks",
                                 "expected a JSON object of at most the size of 256 kiosks",
                                 &peer_form, &kiosks, &out->n, why, why_cap);
    out->kiosks = kiosks;
    return ok;
}

const ks_peer *ks_peer_list_find(const ks_peer_list *list, const char *token)
{
    const ks_peer *found = NULL;
    for (size_t i = 0; list && token && i < list->n; i++)
        if (ks_token_verifier_matches(token, list->kiosks[i].token_sha256) && !found)
            found = &list->kiosks[i];
    return found;
}

void ks_peer_list_clear(ks_peer_list *list)
{
    if (!list)
        return;
    free(list->kiosks);
    *list = (ks_peer_list){0};
}
