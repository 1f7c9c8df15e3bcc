/* The enrolled kiosks a device's API admits: see kiosk/http/http_peers.h. */
#include "kiosk/http/http_peers.h"

#include <stdlib.h>
#include <string.h>

void ks_http_peers_init(ks_http_peers *p)
{
    pthread_mutex_init(&p->lock, NULL);
    p->list = (ks_peer_list){0};
}

void ks_http_peers_destroy(ks_http_peers *p)
{
    if (!p)
        return;
    ks_peer_list_clear(&p->list);
    pthread_mutex_destroy(&p->lock);
}

bool ks_http_peers_set(ks_http_peers *p, const ks_peer_list *list)
{
    ks_peer_list copy = {0, list->n ? calloc(list->n, sizeof *list->kiosks) : NULL};
    if (list->n && !copy.kiosks)
        return false;
    if (list->n)
        memcpy(copy.kiosks, list->kiosks, list->n * sizeof *list->kiosks);
    copy.n = list->n;
    pthread_mutex_lock(&p->lock);
    ks_peer_list old = p->list;
    p->list = copy;
    pthread_mutex_unlock(&p->lock);
    ks_peer_list_clear(&old);
    return true;
}

bool ks_http_peers_find(ks_http_peers *p, const char *token, char *id)
{
    pthread_mutex_lock(&p->lock);
    const ks_peer *peer = ks_peer_list_find(&p->list, token);
    if (peer && id)
        memcpy(id, peer->id, sizeof peer->id);
    pthread_mutex_unlock(&p->lock);
    return peer != NULL;
}
