/* A request's strings copied out of the connection: see kiosk/http/http_request_copy.h. */
#include "kiosk/http/http_request_copy.h"

#include <microhttpd.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "kiosk/common/arena.h"

/* The kinds a handler reads (http_server.h's two accessors). */
#define COPIED_KINDS (MHD_HEADER_KIND | MHD_GET_ARGUMENT_KIND)

struct ks_http_copied_value {
    enum MHD_ValueKind kind;
    const char *name; /* name_len bytes and a NUL; NULL: libmicrohttpd had none */
    size_t name_len;
    const char *value; /* NULL: none ("?flag") */
};

/* The copy being filled, for copy_value. */
struct filling {
    ks_http_request_copy *copy;
    struct ks_http_copied_value *values; /* cap of them, in the copy's arena */
    size_t cap;
    bool failed; /* out of memory */
};

/* A NUL-terminated copy of len bytes of s (NULL: ""); NULL when out of memory. */
static const char *keep(ks_arena *arena, const char *s, size_t len)
{
    return ks_arena_strndup(arena, s ? s : "", s ? len : 0);
}

/* libmicrohttpd's iterator: one header or argument into the copy. */
static enum MHD_Result copy_value(void *cls, enum MHD_ValueKind kind, const char *key,
                                  size_t key_size, const char *value, size_t value_size)
{
    struct filling *f = cls;
    if (f->copy->n_values == f->cap)
        return MHD_NO;
    struct ks_http_copied_value *v = &f->values[f->copy->n_values];
    v->kind = kind;
    v->name = key ? keep(f->copy->arena, key, key_size) : NULL;
    v->name_len = key ? key_size : 0;
    v->value = value ? keep(f->copy->arena, value, value_size) : NULL;
    if ((key && !v->name) || (value && !v->value)) {
        f->failed = true;
        return MHD_NO;
    }
    f->copy->n_values++;
    return MHD_YES;
}

ks_http_request_copy *ks_http_request_copy_new(struct MHD_Connection *con, const char *method,
                                               const char *url, const char *client)
{
    ks_arena *arena = ks_arena_new();
    ks_http_request_copy *copy = arena ? ks_arena_alloc(arena, sizeof *copy) : NULL;
    if (!copy) {
        ks_arena_free(arena);
        return NULL;
    }
    copy->arena = arena;
    copy->method = keep(arena, method, method ? strlen(method) : 0);
    copy->url = keep(arena, url, url ? strlen(url) : 0);
    copy->client = keep(arena, client, client ? strlen(client) : 0);
    int n = MHD_get_connection_values_n(con, COPIED_KINDS, NULL, NULL);
    struct filling f = {.copy = copy, .cap = n > 0 ? (size_t)n : 0};
    f.values = ks_arena_array(arena, f.cap, sizeof *f.values);
    if (!copy->method || !copy->url || !copy->client || (f.cap && !f.values)) {
        ks_http_request_copy_free(copy);
        return NULL;
    }
    copy->values = f.values;
    if (f.cap)
        MHD_get_connection_values_n(con, COPIED_KINDS, copy_value, &f);
    if (f.failed) {
        ks_http_request_copy_free(copy);
        return NULL;
    }
    return copy;
}

/* The first value of kind named name (ASCII case ignored), as libmicrohttpd finds it. */
static const char *lookup(const ks_http_request_copy *copy, enum MHD_ValueKind kind,
                          const char *name)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < copy->n_values; i++) {
        const struct ks_http_copied_value *v = &copy->values[i];
        if (v->kind == kind && v->name && v->name_len == len &&
            strncasecmp(v->name, name, len) == 0)
            return v->value;
    }
    return NULL;
}

const char *ks_http_request_copy_header(const ks_http_request_copy *copy, const char *name)
{
    return lookup(copy, MHD_HEADER_KIND, name);
}

const char *ks_http_request_copy_query(const ks_http_request_copy *copy, const char *name)
{
    return lookup(copy, MHD_GET_ARGUMENT_KIND, name);
}

void ks_http_request_copy_free(ks_http_request_copy *copy)
{
    if (copy)
        ks_arena_free(copy->arena);
}
