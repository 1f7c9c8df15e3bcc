/*
 * The nexo+https terminal driver: Adyen's Terminal API on the local network.
 * Each operation is one HTTPS POST of a sealed SaleToPOIRequest to the URI's
 * host (nexo_uri.h), answered by a sealed SaleToPOIResponse, or by an empty
 * body for an abort (as Adyen terminals do).
 *
 * ServiceIDs: a payment's ServiceID is derived from its sale transaction id
 * (dev_nexo_payment_service_id), because a TransactionStatusRequest must
 * name the payment by ServiceID and the kiosk may have crashed in between;
 * deriving it means nothing beyond the sale id has to be stored before
 * sending. Abort, status and reversal requests draw random ServiceIDs.
 * Every answer must carry the ServiceID, SaleID and POIID of its request,
 * and an approval must name the sale and the amount asked for.
 */
#ifndef DEVICES_PAYMENT_NEXO_TERMINAL_H
#define DEVICES_PAYMENT_NEXO_TERMINAL_H

#include "devices/payment/nexo_json.h"
#include "devices/payment/terminal.h"

extern const dev_terminal_driver dev_nexo_driver;

/*
 * The ServiceID of the payment with this sale transaction id: ten characters
 * of [0-9a-z] from its SHA-256, the same on every call. False when OpenSSL
 * fails.
 */
bool dev_nexo_payment_service_id(const char *sale_txn_id, char out[DEV_NEXO_SERVICE_ID_MAX + 1]);

#endif
