/*
 * The kitchen display's sold-out endpoints (kiosk/docs/http-api.md,
 * "Sold-out marks"), answered by ks_kds_api_handle for /v1/soldout:
 *
 *   POST /v1/soldout           a mark (kiosk-side JSON, kiosk/domain/soldout_mark.h)
 *                              from a kiosk's token (set where: that kiosk)
 *                              or the bump token (set where: "kitchen");
 *                              200 with the stored mark and its seq
 *   GET  /v1/soldout?after=N   the marks changed after seq N (default 0),
 *                              oldest first, a page at most, and the latest
 *                              seq; kiosk and bump tokens
 *
 * Collect and board tokens get 403. A mark is on disk before the answer.
 */
#ifndef KIOSK_KITCHEN_KDS_SOLDOUT_API_H
#define KIOSK_KITCHEN_KDS_SOLDOUT_API_H

#include "kiosk/kitchen/kds_api.h"

#define KS_KDS_SOLDOUT_PATH "/v1/soldout"

/*
 * Answers req (its path is KS_KDS_SOLDOUT_PATH, its token role's, its
 * body checked for NUL bytes; kiosk_id that kiosk's id for a kiosk)
 * against store into *resp.
 */
void ks_kds_soldout_answer(ks_kds_store *store, const ks_kds_request *req, enum ks_kds_role role,
                           const char *kiosk_id, ks_kds_response *resp);

#endif
