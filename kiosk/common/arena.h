/*
 * A bump allocator for data that lives and dies together (a catalog and
 * everything hung on it): allocation is a pointer increment, freeing is one
 * call. Memory comes in chunks that grow from 16 KiB to 1 MiB; a request
 * larger than a quarter chunk gets a chunk of its own. Not thread-safe.
 */
#ifndef KIOSK_COMMON_ARENA_H
#define KIOSK_COMMON_ARENA_H

#include <stddef.h>

typedef struct ks_arena ks_arena;

/* An empty arena; NULL when out of memory. */
ks_arena *ks_arena_new(void);

/*
 * size bytes, zeroed and aligned for any type, valid until ks_arena_free().
 * NULL when out of memory. A size of 0 returns a pointer not to be dereferenced.
 */
void *ks_arena_alloc(ks_arena *arena, size_t size);

/* A zeroed array of n elements of size bytes; NULL on overflow or out of memory. */
void *ks_arena_array(ks_arena *arena, size_t n, size_t size);

/* A NUL-terminated copy of s[0..len) (which may hold no NUL); NULL when out of memory. */
char *ks_arena_strndup(ks_arena *arena, const char *s, size_t len);

/* Releases every allocation. Accepts NULL. */
void ks_arena_free(ks_arena *arena);

#endif
