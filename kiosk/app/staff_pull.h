/*
 * The store's staff list as a device pulls it (GET /v1/staff?store=ID,
 * kiosk/docs/backend-api.md "Kiosk PINs and the staff list"): one kind of
 * pulled list (kiosk/app/list_pull.h) for the kiosk's menu puller
 * (kiosk/app/menu_pull.h) and the attendant console's peers' puller
 * (kiosk/app/peer_pull.h). A 200 is read strictly
 * (kiosk/domain/staff_list.h) and stored in place of the old list
 * (kiosk/store/staff_pin_store.h), where the device's PIN check finds the
 * person (ks_staff_pin_store_match). Used on a puller's worker only.
 */
#ifndef KIOSK_APP_STAFF_PULL_H
#define KIOSK_APP_STAFF_PULL_H

#include <stdint.h>

#include "kiosk/app/list_pull.h"

/* Who takes the list: the kind's ctx. */
typedef struct ks_staff_taker {
    const ks_list_puller *puller; /* borrowed: its database, store and lock */
    uint64_t *lists;              /* the owner's counter of lists stored (under the lock) */
} ks_staff_taker;

/* The staff list's kind; its ctx is a ks_staff_taker. */
extern const ks_list_kind ks_staff_list_kind;

#endif
