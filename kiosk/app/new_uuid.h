/*
 * Fresh identifiers for what the kiosk creates (orders, payments' sale
 * ids, credit notes, attendant requests, ZATCA's compliance documents):
 * a version-4 UUID from the kernel's random source.
 */
#ifndef KIOSK_APP_NEW_UUID_H
#define KIOSK_APP_NEW_UUID_H

#include <stdbool.h>

/* A new lowercase v4 UUID into out[37]; false (out untouched) when getrandom fails. */
bool ks_new_uuid(char out[37]);

#endif
