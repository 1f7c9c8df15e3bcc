/*
 * The HTTP side of one order's page in the back office (#15;
 * kiosk/docs/backend-api.md, "GET /v1/orders/{uuid}"): the handlers
 * backend_api.c routes to once it has checked that the caller is of the
 * back office (head office, a store manager, an auditor).
 *
 *   GET /v1/orders/<uuid>                         the order and what names it
 *   GET /v1/orders?store=&date=YYYY-MM-DD&number=N  the orders of that number
 *
 * A store manager reads only their own stores' orders: another store's
 * order is 404, as if none were stored, so that its existence does not
 * leak; the find names a store (theirs, else 403, checked by the router).
 */
#ifndef KIOSK_BACKEND_BACKEND_ORDER_ROUTES_H
#define KIOSK_BACKEND_BACKEND_ORDER_ROUTES_H

#include "kiosk/backend/backend_handler.h"

/* The handlers: each answers into *resp (the caller frees resp->body). uuid: the path's, checked
 * lowercase. */
void ks_order_get_view(const ks_backend_call *c, const char *uuid, ks_backend_response *resp);
void ks_order_get_find(const ks_backend_call *c, ks_backend_response *resp);

#endif
