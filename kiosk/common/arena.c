/* Chunked bump allocator: see kiosk/common/arena.h. */
#include "kiosk/common/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_CHUNK (16u * 1024u)
#define MAX_CHUNK (1024u * 1024u)
#define ALIGN alignof(max_align_t)

struct chunk {
    struct chunk *next; /* the chunk filled before this one */
    size_t cap, used;
    alignas(max_align_t) unsigned char data[];
};

struct ks_arena {
    struct chunk *head; /* owned list; head is the chunk being filled */
    size_t next_cap;    /* size of the next regular chunk */
};

ks_arena *ks_arena_new(void)
{
    ks_arena *arena = calloc(1, sizeof *arena);
    if (arena)
        arena->next_cap = FIRST_CHUNK;
    return arena;
}

/* calloc'd so every allocation starts zeroed without a memset per call. */
static struct chunk *chunk_new(size_t cap)
{
    if (cap > SIZE_MAX - sizeof(struct chunk))
        return NULL;
    struct chunk *c = calloc(1, sizeof *c + cap);
    if (c)
        c->cap = cap;
    return c;
}

/* Raw bytes with the given alignment (1 or ALIGN). */
static void *take(ks_arena *arena, size_t size, size_t align)
{
    struct chunk *c = arena->head;
    if (c) {
        size_t at = (c->used + align - 1) & ~(align - 1);
        if (at <= c->cap && size <= c->cap - at) {
            c->used = at + size;
            return c->data + at;
        }
    }
    if (size > arena->next_cap / 4) {
        /* A big block gets its own chunk, queued behind the one being filled. */
        struct chunk *big = chunk_new(size ? size : 1);
        if (!big)
            return NULL;
        big->used = big->cap;
        if (c) {
            big->next = c->next;
            c->next = big;
        } else {
            arena->head = big;
        }
        return big->data;
    }
    struct chunk *fresh = chunk_new(arena->next_cap);
    if (!fresh)
        return NULL;
    if (arena->next_cap < MAX_CHUNK)
        arena->next_cap *= 2;
    fresh->next = c;
    fresh->used = size;
    arena->head = fresh;
    return fresh->data;
}

void *ks_arena_alloc(ks_arena *arena, size_t size)
{
    return take(arena, size, ALIGN);
}

void *ks_arena_array(ks_arena *arena, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return take(arena, n * size, ALIGN);
}

char *ks_arena_strndup(ks_arena *arena, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *copy = take(arena, len + 1, 1);
    if (copy) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

void ks_arena_free(ks_arena *arena)
{
    if (!arena)
        return;
    struct chunk *c = arena->head;
    while (c) {
        struct chunk *next = c->next;
        free(c);
        c = next;
    }
    free(arena);
}
