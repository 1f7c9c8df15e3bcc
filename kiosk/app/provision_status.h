/*
 * The provisioning status the appliance's kiosk-provision.service leaves in
 * /run/kiosk/provisioning (image/provision/kiosk-provision.sh): a first line
 * "applied" or "refused", a second line saying what happened. The kiosk
 * shows a refusal at the foot of its attract screen, where the technician
 * who put the file on the boot partition looks.
 */
#ifndef KIOSK_APP_PROVISION_STATUS_H
#define KIOSK_APP_PROVISION_STATUS_H

#include <stdbool.h>
#include <stddef.h>

/* Largest status file read, in bytes; a longer one is not a status. */
#define KS_PROVISION_STATUS_MAX 1024

/* Where kiosk-provision.service writes it. */
#define KS_PROVISION_STATUS_PATH "/run/kiosk/provisioning"

/*
 * From the status text[0..len): true, with its second line in out[cap]
 * (NUL-terminated, cut to fit), when the first line is exactly "refused"
 * and the second is not empty and printable ASCII only (the script's and
 * the configuration parser's English). False, out "", for anything else:
 * "applied", another state, no second line, any other byte in it, over
 * KS_PROVISION_STATUS_MAX bytes. cap must be at least 1.
 */
bool ks_provision_status_refusal(const char *text, size_t len, char *out, size_t cap);

/* Reads the file at path into ks_provision_status_refusal; false when it cannot be read. */
bool ks_provision_status_read(const char *path, char *out, size_t cap);

#endif
