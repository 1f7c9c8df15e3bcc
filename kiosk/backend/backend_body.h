/*
 * Reading a JSON request body strictly, as every body the backend takes
 * is read (refunds, stock adjustments): members listed, integers within
 * bounds, lowercase uuids, short texts without control characters, and on
 * a refusal a static reason with the path of the member at fault. Pure:
 * no I/O.
 */
#ifndef KIOSK_BACKEND_BACKEND_BODY_H
#define KIOSK_BACKEND_BACKEND_BODY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where a refusal goes: the reason (static) and path[cap]. */
typedef struct ks_body_reader {
    const char **reason;
    char *path;
    size_t cap;
} ks_body_reader;

/* Sets the reason why and the path (copied, cut to cap); always false. */
bool ks_body_fail(const ks_body_reader *r, const char *why, const char *path);

/* True when object holds only members named in names[n]; else fails at prefix + the member. */
bool ks_body_members_ok(const ks_body_reader *r, json_t *object, const char *const *names, size_t n,
                        const char *prefix);

/* The integer member name of object within [min, max] into *out; false otherwise. */
bool ks_body_integer(json_t *object, const char *name, int64_t min, int64_t max, int64_t *out);

/* The member name of object, a lowercase uuid, into out[37]; false otherwise. */
bool ks_body_uuid(json_t *object, const char *name, char out[37]);

/*
 * The string member name of object of 1..max bytes without control
 * characters (jansson keeps only valid UTF-8) into out[max + 1]; false
 * otherwise.
 */
bool ks_body_text(json_t *object, const char *name, size_t max, char *out);

/*
 * Element i of the array named array: an object with only the members
 * names[n]; prefix[cap] becomes "array[i]." for the paths of its members.
 * False (and the refusal set) otherwise.
 */
bool ks_body_element(const ks_body_reader *r, json_t *element, const char *array, size_t i,
                     const char *const *names, size_t n, char *prefix, size_t cap);

/*
 * Reads body[len] (NULL: none) as one JSON object without a member twice
 * and hands it to read(r, object, out); false with "expected a JSON object"
 * when it is not one. On false out[size] is zeroed.
 */
bool ks_body_read(const char *body, size_t len, const ks_body_reader *r,
                  bool (*read)(const ks_body_reader *r, json_t *object, void *out), void *out,
                  size_t size);

#endif
