/*
 * Durability on the file system: a file's bytes and a folder's entries
 * forced to the disk (fsync), for writes that must survive a power cut once
 * they are reported done (a picture in the cache, a database backup): write
 * under a temporary name, ks_fsync_path it, rename, ks_fsync_dir the folder.
 */
#ifndef KIOSK_COMMON_FS_SYNC_H
#define KIOSK_COMMON_FS_SYNC_H

#include <stdbool.h>

/* The file at path on the disk; false with errno set when it cannot be opened or synced. */
bool ks_fsync_path(const char *path);

/* The folder's entries (a rename, a removal) on the disk; false with errno set otherwise. */
bool ks_fsync_dir(const char *dir);

#endif
