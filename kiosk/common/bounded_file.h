/*
 * Reading a small file (a configuration) whole, with a byte limit: one
 * byte past the limit is read so the parser can tell, and refuse, a file
 * that is too large without reading any more of it.
 */
#ifndef KIOSK_COMMON_BOUNDED_FILE_H
#define KIOSK_COMMON_BOUNDED_FILE_H

#include <stddef.h>

/*
 * Reads at most max_bytes + 1 bytes of the file at path into an owned
 * buffer (free(); not NUL-terminated) and its length into *len. NULL when
 * the file cannot be opened or read, or out of memory, with "cannot open
 * PATH" or "cannot read PATH" written to why[why_size].
 */
char *ks_bounded_file_read(const char *path, size_t max_bytes, size_t *len, char *why,
                           size_t why_size);

#endif
