/*
 * Golden images for tests: a rendering compared pixel for pixel with a
 * reference PNG under tests/golden/.
 *
 * - A mismatch (or a missing reference) writes the rendering as NAME_err.png
 *   beside NAME.png, says how many pixels differ, and fails.
 * - A match removes a stale NAME_err.png.
 * - With KIOSK_UPDATE_GOLDEN=1 in the environment the reference is
 *   rewritten instead; look at every rewritten image before committing it.
 */
#ifndef TESTS_SUPPORT_GOLDEN_H
#define TESTS_SUPPORT_GOLDEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Compares w x h RGBA pixels (stride bytes between rows) with
 * tests/golden/SUBDIR/NAME.png (subdir "" for tests/golden itself).
 */
bool golden_match_rgba(const char *subdir, const char *name, const uint8_t *rgba, int w, int h,
                       size_t stride);

/* Where NAME.png (suffix "") or NAME_err.png (suffix "_err") lives; a static buffer. */
const char *golden_path(const char *subdir, const char *name, const char *suffix);

#endif
