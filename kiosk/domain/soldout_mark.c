/* Sold-out marks on the store's LAN: see kiosk/domain/soldout_mark.h. */
#include "kiosk/domain/soldout_mark.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Set times from 2020 to 2200, so a clock gone wild or a typo is refused. */
#define SET_AT_MIN 1577836800
#define SET_AT_MAX 7258118400

/* No control characters: what is shown on a screen and logged. */
static bool printable(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return false;
    return true;
}

static bool id_ok(const char *id)
{
    size_t len = strlen(id);
    return len >= 1 && len <= KS_MARK_ID_MAX && printable(id);
}

bool ks_mark_key_ok(const ks_mark *m)
{
    if (m->item_id[0])
        return id_ok(m->item_id) && !m->group_id[0] && !m->option_id[0];
    return id_ok(m->group_id) && id_ok(m->option_id);
}

bool ks_mark_same_key(const ks_mark *a, const ks_mark *b)
{
    return strcmp(a->item_id, b->item_id) == 0 && strcmp(a->group_id, b->group_id) == 0 &&
           strcmp(a->option_id, b->option_id) == 0;
}

/* The members every mark has; the key's members only when set. */
static json_t *mark_json(const ks_mark *m, bool from_hub)
{
    json_t *o = json_pack("{s:b, s:s, s:I}", "sold_out", m->sold_out, "set_by", m->set_by, "set_at",
                          (json_int_t)m->set_at);
    bool ok = o != NULL;
    if (ok && m->item_id[0])
        ok = json_object_set_new(o, "item_id", json_string(m->item_id)) == 0;
    if (ok && !m->item_id[0])
        ok = json_object_set_new(o, "group_id", json_string(m->group_id)) == 0 &&
             json_object_set_new(o, "option_id", json_string(m->option_id)) == 0;
    if (ok && m->name_ar[0])
        ok = json_object_set_new(o, "name_ar", json_string(m->name_ar)) == 0;
    if (ok && m->name_en[0])
        ok = json_object_set_new(o, "name_en", json_string(m->name_en)) == 0;
    if (ok && from_hub)
        ok = json_object_set_new(o, "seq", json_integer(m->seq)) == 0 &&
             json_object_set_new(o, "set_where", json_string(m->set_where)) == 0;
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static char *dump(json_t *root)
{
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    return text;
}

char *ks_mark_body(const ks_mark *m)
{
    return dump(mark_json(m, false));
}

char *ks_marks_answer(const ks_mark *marks, size_t n, int64_t latest)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++)
        if (json_array_append_new(list, mark_json(&marks[i], true)) != 0) {
            json_decref(list);
            list = NULL;
        }
    return dump(list ? json_pack("{s:o, s:I}", "marks", list, "latest", (json_int_t)latest) : NULL);
}

static bool refuse(ks_mark_error *err, const char *reason)
{
    if (err)
        snprintf(err->reason, sizeof err->reason, "%s", reason);
    return false;
}

/* Copies text (NULL: "") into out[cap]; false when it does not fit or is not printable. */
static bool copy(char *out, size_t cap, const char *text)
{
    text = text ? text : "";
    size_t len = strlen(text);
    if (len >= cap || !printable(text))
        return false;
    memcpy(out, text, len + 1);
    return true;
}

/* One mark object into *m; from_hub: it carries seq and set_where (the hub's). */
static bool read_mark(json_t *obj, bool from_hub, ks_mark *m, ks_mark_error *err)
{
    const char *item = NULL, *group = NULL, *option = NULL, *by = NULL, *where = NULL;
    const char *ar = NULL, *en = NULL;
    int sold_out = 0;
    json_int_t at = 0, seq = 0;
    json_error_t jerr;
    /* The hub's marks add seq and set_where; a kiosk's may not carry them. */
    const char *format = from_hub ? "{s?s, s?s, s?s, s:b, s:s, s:I, s?s, s?s, s:I, s:s !}"
                                  : "{s?s, s?s, s?s, s:b, s:s, s:I, s?s, s?s !}";
    int rc = json_unpack_ex(obj, &jerr, 0, format, "item_id", &item, "group_id", &group,
                            "option_id", &option, "sold_out", &sold_out, "set_by", &by, "set_at",
                            &at, "name_ar", &ar, "name_en", &en, "seq", &seq, "set_where", &where);
    if (rc != 0)
        return refuse(err, jerr.text);
    *m = (ks_mark){.sold_out = sold_out != 0, .set_at = at, .seq = seq};
    if (!copy(m->item_id, sizeof m->item_id, item) ||
        !copy(m->group_id, sizeof m->group_id, group) ||
        !copy(m->option_id, sizeof m->option_id, option) || !ks_mark_key_ok(m))
        return refuse(err, "expected \"item_id\", or \"group_id\" and \"option_id\": 1-64 bytes "
                           "of printable text");
    if (!copy(m->set_by, sizeof m->set_by, by) || !id_ok(m->set_by))
        return refuse(err, "\"set_by\": expected 1-64 bytes of printable text");
    if (at < SET_AT_MIN || at > SET_AT_MAX)
        return refuse(err, "\"set_at\": expected UTC seconds from 2020 to 2200");
    if (!copy(m->name_ar, sizeof m->name_ar, ar) || !copy(m->name_en, sizeof m->name_en, en))
        return refuse(err, "\"name_ar\", \"name_en\": at most 200 bytes of printable text");
    if (from_hub &&
        (seq < 1 || !copy(m->set_where, sizeof m->set_where, where) || !id_ok(m->set_where)))
        return refuse(err, "\"seq\" from 1 and \"set_where\" of 1-64 bytes expected");
    return true;
}

static json_t *load(const char *text, size_t len, size_t max, ks_mark_error *err)
{
    json_t *root = text && len <= max ? json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
    if (!json_is_object(root)) {
        refuse(err, "expected a JSON object");
        json_decref(root);
        return NULL;
    }
    return root;
}

bool ks_mark_from_body(const char *body, size_t len, ks_mark *out, ks_mark_error *err)
{
    json_t *root = load(body, len, KS_MARK_BODY_MAX, err);
    bool ok = root && read_mark(root, false, out, err);
    json_decref(root);
    return ok;
}

bool ks_marks_from_answer(const char *text, size_t len, ks_mark *out, size_t max, size_t *n,
                          int64_t *latest, ks_mark_error *err)
{
    *n = 0;
    json_t *root = load(text, len, (size_t)KS_MARK_PAGE_MAX * KS_MARK_BODY_MAX, err);
    json_t *list = NULL;
    json_int_t last = 0;
    json_error_t jerr;
    if (root &&
        json_unpack_ex(root, &jerr, 0, "{s:o, s:I !}", "marks", &list, "latest", &last) != 0) {
        refuse(err, jerr.text);
        list = NULL;
    }
    bool ok = list != NULL;
    if (ok && (!json_is_array(list) || json_array_size(list) > max || last < 0))
        ok = refuse(err, "\"marks\": expected an array of at most a page; \"latest\" from 0");
    for (size_t i = 0; ok && i < json_array_size(list); i++) {
        ok = read_mark(json_array_get(list, i), true, &out[i], err);
        if (ok && out[i].seq > last)
            ok = refuse(err, "a mark's \"seq\" is past \"latest\"");
        *n = ok ? i + 1 : 0;
    }
    if (ok)
        *latest = last;
    else
        *n = 0;
    json_decref(root);
    return ok;
}
