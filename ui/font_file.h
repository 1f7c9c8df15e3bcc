/*
 * Font files mapped read-only once per process. Every text engine of the
 * process (the screen's, the printer renderer's on its worker thread)
 * builds its FreeType and HarfBuzz faces over the same mapping instead of
 * reading its own copy: the bytes are the page cache's, shared and clean,
 * and only the pages a face actually reads become resident.
 *
 * A file is identified by its device and inode, so two paths to one file
 * share a mapping. Files must be replaced by rename (as bundle installs do),
 * never rewritten in place: a mapping keeps the inode it was made from.
 *
 * Thread-safe.
 */
#ifndef UI_FONT_FILE_H
#define UI_FONT_FILE_H

#include <stddef.h>

/* Files larger than this are refused. */
#define UI_FONT_FILE_MAX_BYTES ((size_t)32 * 1024 * 1024)

struct ui_font_file;

/*
 * The mapping of the file at path, shared with every other holder of the
 * same file; each successful call needs one ui_font_file_release(). NULL
 * when path is NULL, the file is missing, empty, not a regular file, larger
 * than UI_FONT_FILE_MAX_BYTES or cannot be mapped.
 */
struct ui_font_file *ui_font_file_acquire(const char *path);

/* Drops one hold; the last one unmaps the file. Accepts NULL. */
void ui_font_file_release(struct ui_font_file *file);

/* The file's bytes, read-only, valid until the caller's last release. */
const unsigned char *ui_font_file_data(const struct ui_font_file *file);
size_t ui_font_file_size(const struct ui_font_file *file);

/* How many files are mapped in the process now (for tests and diagnostics). */
size_t ui_font_file_mapped(void);

#endif
