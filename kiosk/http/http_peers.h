/*
 * The store's enrolled kiosks a device's HTTP API admits by their own
 * tokens: the kitchen display's (kiosk/kitchen/kds_api.h) and the
 * attendant console's (kiosk/attendant/att_api.h). The list is the one
 * the device's peers' puller hands over (kiosk/app/peer_pull.h, GET
 * /v1/devices/peers), copied in place of the last under a lock, so the
 * puller's thread may set it while the receiver's threads look tokens up.
 */
#ifndef KIOSK_HTTP_HTTP_PEERS_H
#define KIOSK_HTTP_HTTP_PEERS_H

#include <pthread.h>
#include <stdbool.h>

#include "kiosk/domain/peer_list.h"

typedef struct ks_http_peers {
    pthread_mutex_t lock; /* guards list */
    ks_peer_list list;    /* owned: the last list set; empty at first */
} ks_http_peers;

/* An empty set. */
void ks_http_peers_init(ks_http_peers *p);

/* Frees the list and the lock. Accepts NULL. */
void ks_http_peers_destroy(ks_http_peers *p);

/* A copy of list in place of the last; false (the last kept) when out of memory. Thread-safe. */
bool ks_http_peers_set(ks_http_peers *p, const ks_peer_list *list);

/*
 * The id of the listed kiosk whose verifier token (NULL: none) matches
 * into id[KS_DEVICE_ID_MAX + 1] (may be NULL); false when none does. Every
 * entry is compared in constant time (ks_peer_list_find). Thread-safe.
 */
bool ks_http_peers_find(ks_http_peers *p, const char *token, char *id);

#endif
