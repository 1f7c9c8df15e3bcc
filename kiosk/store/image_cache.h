/*
 * Pictures pulled from the backend, stored by content: one file per
 * picture, named by the SHA-256 of its bytes in lowercase hex, in one
 * cache folder ([paths] image_cache). A file is written to a temporary
 * name, fsync'ed, then renamed into place, so a name that exists always
 * holds the whole picture with that hash; bytes whose hash differs from
 * the name asked for are refused. The same picture under any path, in
 * any menu, is stored and downloaded once.
 *
 * Plain functions on a folder: safe from any thread, since every write
 * ends in an atomic rename and readers only ever see whole files.
 */
#ifndef KIOSK_STORE_IMAGE_CACHE_H
#define KIOSK_STORE_IMAGE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/image_manifest.h"

enum ks_image_cache_error {
    KS_IMAGE_CACHE_OK,
    KS_IMAGE_CACHE_MISMATCH, /* the bytes' SHA-256 is not the one asked for */
    KS_IMAGE_CACHE_INVALID,  /* not a SHA-256 in hex, or a folder path too long */
    KS_IMAGE_CACHE_IO,       /* the folder or file cannot be written (see the log) */
};

/* A static English sentence for err. Never NULL. */
const char *ks_image_cache_strerror(enum ks_image_cache_error err);

/* The SHA-256 of len bytes of data (NULL only when len is 0) in lowercase hex. */
bool ks_image_cache_hash(const void *data, size_t len, char out[KS_SHA256_HEX_LEN + 1]);

/* Creates dir (one level) when missing; false (logged) when it cannot. */
bool ks_image_cache_prepare(const char *dir);

/* dir/<sha256> into out[cap]; false when sha256 is not hex or it does not fit. */
bool ks_image_cache_path(const char *dir, const char *sha256, char *out, size_t cap);

/* Whether the picture with that hash is in the cache. */
bool ks_image_cache_has(const char *dir, const char *sha256);

/*
 * Stores len bytes as the picture sha256 after checking their hash, durably
 * (temporary file, fsync, rename, fsync of the folder). Storing a picture
 * already there succeeds without writing.
 */
enum ks_image_cache_error ks_image_cache_put(const char *dir, const char *sha256, const void *data,
                                             size_t len);

/*
 * Deletes every picture in dir whose hash is not among keep[0..n_keep)
 * (borrowed, any order), and leftover temporary files. Files that are not
 * named like cache entries are left alone. Returns how many were deleted.
 */
size_t ks_image_cache_prune(const char *dir, const char *const *keep, size_t n_keep);

#endif
