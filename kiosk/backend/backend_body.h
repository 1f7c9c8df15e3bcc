/*
 * The frame of every JSON request body the backend takes (refunds,
 * kitchen events, stock adjustments and thresholds, recipes,
 * reservations, prices, stores and devices, logins): one JSON object of
 * at most the route's bytes, no member twice, read member by member
 * through the kiosk's one JSON reader (kiosk/domain/json_read.h), so a
 * refusal always names the member at fault the same way
 * ("lines[2].quantity" + "must be between 1 and 2147483647 (got 0)").
 * Also the backend's id rules as reader getters. Pure: no I/O.
 */
#ifndef KIOSK_BACKEND_BACKEND_BODY_H
#define KIOSK_BACKEND_BACKEND_BODY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/json_read.h"
#include "kiosk/domain/order.h"

/*
 * Reads body[len] (NULL: none) as one JSON object and hands it to
 * read(r, object, out). On false *why holds the member at fault and the
 * reason, and out[size] is zeroed; on true *why is empty.
 */
bool ks_body_read(const char *body, size_t len,
                  bool (*read)(ks_json_reader *r, json_t *object, void *out), void *out,
                  size_t size, ks_json_error *why);

/* The member key of obj, an id of 1..max bytes of a-z 0-9 _ . - (ks_id_ok), into out[max + 1]. */
bool ks_body_id(ks_json_reader *r, json_t *obj, const char *key, size_t max, char *out);

/*
 * The member "item_id" of obj, an id of 1..max bytes (ks_body_id), into
 * the i-th of an array of entries whose ids lie stride bytes apart from
 * ids (the first entry's), refused with why ("names an item already
 * listed") when one of the i entries before it holds the same.
 */
bool ks_body_item_once(ks_json_reader *r, json_t *obj, size_t max, char *ids, size_t stride,
                       size_t i, const char *why);

/*
 * Steps into entry i of the array named key and checks it is an object
 * of only the members allowed (NULL-terminated); undo with two
 * ks_json_leave() on success.
 */
bool ks_body_enter_entry(ks_json_reader *r, json_t *entry, const char *key, size_t i,
                         const char *const *allowed);

/*
 * The entries of stores (the array member key, already got) as store ids
 * (ks_device_id_ok), each once, copied into ids[0..size); the caller
 * bounds the array's size.
 */
bool ks_body_store_ids(ks_json_reader *r, const char *key, json_t *stores,
                       char (*ids)[KS_DEVICE_ID_MAX + 1]);

#endif
