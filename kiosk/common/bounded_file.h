/*
 * Reading a small file (a configuration, a key) whole, with a byte limit:
 * one byte past the limit is read so the parser can tell, and refuse, a
 * file that is too large without reading any more of it. A file that holds
 * secrets is read only when no other user of the machine can read it: the
 * mode is checked on the descriptor that is read, so the answer is about
 * that very file.
 */
#ifndef KIOSK_COMMON_BOUNDED_FILE_H
#define KIOSK_COMMON_BOUNDED_FILE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Reads at most max_bytes + 1 bytes of the file at path into an owned
 * buffer (free(); not NUL-terminated) and its length into *len. NULL when
 * the file cannot be opened or read, or out of memory, with "cannot open
 * PATH" or "cannot read PATH" written to why[why_size].
 */
char *ks_bounded_file_read(const char *path, size_t max_bytes, size_t *len, char *why,
                           size_t why_size);

/*
 * ks_bounded_file_read for a file that holds secrets (tokens, a PIN, a
 * private key): also NULL, with "PATH can be read by every user of this
 * machine (mode 0644) and holds secrets: chmod o-rwx PATH", when the file
 * is not a regular file or grants other users any access. Owner and group
 * may read it (the package installs /etc/kiosk files 0640 root:kiosk).
 */
char *ks_secret_file_read(const char *path, size_t max_bytes, size_t *len, char *why,
                          size_t why_size);

#endif
