/*
 * The kiosk's own secrets on disk: the ZATCA CSIDs and device key
 * (kiosk/app/zatca_credentials.h) and the backend token the kiosk enrolled
 * for (kiosk/app/device_token.h). Each is a file only the kiosk's service
 * user may read: a regular file (no symbolic link), owned by this user,
 * mode 0600. It is written whole and atomically, so a power cut leaves the
 * old file or the new one, never a part: a temporary file beside it,
 * synced, renamed over it, and the folder synced.
 */
#ifndef KIOSK_APP_SECRET_FILE_H
#define KIOSK_APP_SECRET_FILE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The whole secret file at path (malloc'd, NUL-terminated, *len bytes;
 * the caller wipes and frees it). NULL (logged) when it is missing, not a
 * regular file (symbolic links refused), not owned by this user, open to
 * group or others, empty or over max bytes.
 */
char *ks_secret_file_load(const char *path, size_t max, size_t *len);

/*
 * Writes len bytes of text to path with mode 0600, atomically: PATH.tmp
 * (O_EXCL after removing a stale one, never through a symbolic link),
 * fsync, rename over path, fsync of path's folder. False (logged) on any
 * failure, with the temporary file removed and an earlier file at path
 * left as it was.
 */
bool ks_secret_file_write(const char *path, const char *text, size_t len);

#endif
