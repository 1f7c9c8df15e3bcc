/*
 * The attendant protocol's documents: see kiosk/app/attendant_msg.h.
 * Reading is strict: the format string, no unknown or duplicate members,
 * every string within its limit, every number in its range, uuids
 * lowercase; writing checks the same rules so what is sent always parses.
 */
#include "kiosk/app/attendant_msg.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/uuid.h"
#include "kiosk/store/db.h"

#define REPORT_FORMAT "attendant-report/1"
#define DECISIONS_FORMAT "attendant-decisions/1"
#define MAX_TIME INT64_C(253402300799) /* 9999-12-31T23:59:59Z */
#define MAX_LINE UINT32_C(1000000)

static const struct {
    unsigned need;
    const char *name;
} need_names[] = {
    {KS_NEED_AGE, "age"},         {KS_NEED_REMOVAL, "removal"}, {KS_NEED_BAGGING, "bagging"},
    {KS_NEED_UNKNOWN, "unknown"}, {KS_NEED_HELP, "help"},       {KS_NEED_IDLE, "idle"},
};

/* Each action with its wire name and the needs it settles. */
static const struct {
    enum ks_attendant_decision action;
    const char *name;
    unsigned settles;
} actions[] = {
    {KS_DECIDE_APPROVE_AGE, "approve_age", KS_NEED_AGE},
    {KS_DECIDE_APPROVE_REMOVAL, "approve_removal", KS_NEED_REMOVAL},
    {KS_DECIDE_DECLINE_REMOVAL, "decline_removal", KS_NEED_REMOVAL},
    {KS_DECIDE_VOID_LINE, "void_line", 0},
    {KS_DECIDE_CANCEL, "cancel", 0},
    {KS_DECIDE_CLEAR_BAGGING, "clear_bagging", KS_NEED_BAGGING},
    {KS_DECIDE_HELP_GIVEN, "help_given", KS_NEED_HELP | KS_NEED_UNKNOWN | KS_NEED_IDLE},
};

static const char *const activity_names[] = {
    [KS_ATT_IDLE] = "idle",
    [KS_ATT_SCANNING] = "scanning",
    [KS_ATT_PAYING] = "paying",
    [KS_ATT_CLOSED] = "closed",
};

static const char *const fault_names[] = {"printer", "scale", "scanner", "bagging_scale"};

const char *ks_att_need_name(unsigned need)
{
    for (size_t i = 0; i < sizeof need_names / sizeof need_names[0]; i++)
        if (need_names[i].need == need)
            return need_names[i].name;
    return NULL;
}

const char *ks_att_action_name(enum ks_attendant_decision action)
{
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
        if (actions[i].action == action)
            return actions[i].name;
    return NULL;
}

const char *ks_att_activity_name(enum ks_att_activity activity)
{
    return (unsigned)activity <= KS_ATT_CLOSED ? activity_names[activity] : "idle";
}

unsigned ks_att_action_settles(enum ks_attendant_decision action)
{
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
        if (actions[i].action == action)
            return actions[i].settles;
    return 0;
}

__attribute__((format(printf, 3, 4))) static bool fail(ks_att_error *err, const char *path,
                                                       const char *fmt, ...)
{
    if (err) {
        snprintf(err->path, sizeof err->path, "%s", path);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->reason, sizeof err->reason, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* Only the members named in allowed (NULL-terminated) may appear. */
static bool only_members(json_t *obj, const char *const *allowed, const char *path,
                         ks_att_error *err)
{
    const char *key;
    json_t *value;
    json_object_foreach (obj, key, value) {
        bool known = false;
        for (size_t i = 0; allowed[i] && !known; i++)
            known = strcmp(key, allowed[i]) == 0;
        if (!known)
            return fail(err, path, "unknown member \"%.40s\"", key);
    }
    return true;
}

/* A string member of at most cap - 1 bytes (no NUL inside) copied into out. */
static bool read_text(json_t *obj, const char *name, const char *path, char *out, size_t cap,
                      ks_att_error *err)
{
    json_t *v = json_object_get(obj, name);
    if (!json_is_string(v))
        return fail(err, path, "\"%s\": expected a string", name);
    size_t len = json_string_length(v);
    const char *s = json_string_value(v);
    if (len >= cap || memchr(s, '\0', len))
        return fail(err, path, "\"%s\": too long or holds NUL", name);
    memcpy(out, s, len + 1);
    return true;
}

static bool read_uuid(json_t *obj, const char *name, const char *path, char out[37],
                      bool may_be_empty, ks_att_error *err)
{
    if (!read_text(obj, name, path, out, 37, err))
        return false;
    if ((may_be_empty && !out[0]) || ks_uuid_ok(out))
        return true;
    return fail(err, path, "\"%s\": expected a lowercase UUID", name);
}

static bool read_int(json_t *obj, const char *name, const char *path, int64_t min, int64_t max,
                     int64_t *out, ks_att_error *err)
{
    json_t *v = json_object_get(obj, name);
    if (!json_is_integer(v))
        return fail(err, path, "\"%s\": expected an integer", name);
    json_int_t n = json_integer_value(v);
    if (n < min || n > max)
        return fail(err, path, "\"%s\": out of range", name);
    *out = (int64_t)n;
    return true;
}

static json_t *load(const char *json, size_t len, const char *format, ks_att_error *err)
{
    if (!json || len > KS_ATT_DOC_MAX_BYTES) {
        fail(err, "", "missing or over %d bytes", KS_ATT_DOC_MAX_BYTES);
        return NULL;
    }
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!json_is_object(root)) {
        fail(err, "", "not a JSON object");
        json_decref(root);
        return NULL;
    }
    json_t *f = json_object_get(root, "format");
    if (!json_is_string(f) || strcmp(json_string_value(f), format) != 0) {
        fail(err, "format", "expected \"%s\"", format);
        json_decref(root);
        return NULL;
    }
    return root;
}

static bool read_request(json_t *obj, size_t i, ks_att_request *r, unsigned *seen,
                         ks_att_error *err)
{
    static const char *const members[] = {"uuid", "need", "line", "item", "raised_at", NULL};
    char path[32];
    snprintf(path, sizeof path, "requests[%zu]", i);
    char need[16];
    int64_t line = 0, at = 0;
    if (!json_is_object(obj))
        return fail(err, path, "expected an object");
    if (!only_members(obj, members, path, err) ||
        !read_uuid(obj, "uuid", path, r->uuid, false, err) ||
        !read_text(obj, "need", path, need, sizeof need, err) ||
        !read_int(obj, "line", path, 0, MAX_LINE, &line, err) ||
        !read_text(obj, "item", path, r->item, sizeof r->item, err) ||
        !read_int(obj, "raised_at", path, 0, MAX_TIME, &at, err))
        return false;
    r->need = 0;
    for (size_t k = 0; k < sizeof need_names / sizeof need_names[0]; k++)
        if (strcmp(need, need_names[k].name) == 0)
            r->need = need_names[k].need;
    if (!r->need)
        return fail(err, path, "unknown need");
    if (*seen & r->need)
        return fail(err, path, "a need asked twice");
    *seen |= r->need;
    r->line = (uint32_t)line;
    r->raised_at = at;
    return true;
}

static bool read_faults(json_t *arr, unsigned *faults, ks_att_error *err)
{
    if (!json_is_array(arr))
        return fail(err, "faults", "expected an array");
    *faults = 0;
    size_t i;
    json_t *v;
    json_array_foreach (arr, i, v) {
        unsigned bit = 0;
        for (size_t k = 0; k < sizeof fault_names / sizeof fault_names[0]; k++)
            if (json_is_string(v) && strcmp(json_string_value(v), fault_names[k]) == 0)
                bit = 1u << k;
        if (!bit || (*faults & bit))
            return fail(err, "faults", "unknown or repeated fault");
        *faults |= bit;
    }
    return true;
}

bool ks_att_report_from_json(const char *json, size_t len, ks_att_report *out, ks_att_error *err)
{
    static const char *const members[] = {"format", "lane",     "activity", "faults", "items",
                                          "total",  "requests", "applied",  NULL};
    memset(out, 0, sizeof *out);
    json_t *root = load(json, len, REPORT_FORMAT, err);
    if (!root)
        return false;
    bool ok = false;
    char activity[16];
    int64_t items = 0, total = 0;
    json_t *reqs = json_object_get(root, "requests");
    json_t *applied = json_object_get(root, "applied");
    if (!only_members(root, members, "", err) ||
        !read_text(root, "lane", "lane", out->lane_id, sizeof out->lane_id, err) ||
        !read_text(root, "activity", "activity", activity, sizeof activity, err) ||
        !read_faults(json_object_get(root, "faults"), &out->faults, err) ||
        !read_int(root, "items", "items", 0, MAX_LINE, &items, err) ||
        !read_int(root, "total", "total", 0, KS_ORDER_MAX_MONEY, &total, err))
        goto end;
    if (!ks_device_id_ok(out->lane_id)) {
        fail(err, "lane", "expected a device id");
        goto end;
    }
    bool known = false;
    for (size_t k = 0; k <= KS_ATT_CLOSED && !known; k++)
        if (strcmp(activity, activity_names[k]) == 0) {
            out->activity = (enum ks_att_activity)k;
            known = true;
        }
    if (!known) {
        fail(err, "activity", "unknown activity");
        goto end;
    }
    out->items = (uint32_t)items;
    out->total = total;
    if (!json_is_array(reqs) || json_array_size(reqs) > KS_ATT_MAX_REQUESTS) {
        fail(err, "requests", "expected an array of at most %d", KS_ATT_MAX_REQUESTS);
        goto end;
    }
    unsigned seen = 0;
    for (size_t i = 0; i < json_array_size(reqs); i++)
        if (!read_request(json_array_get(reqs, i), i, &out->requests[i], &seen, err))
            goto end;
    out->n_requests = json_array_size(reqs);
    if (!json_is_array(applied) || json_array_size(applied) > KS_ATT_MAX_DECISIONS) {
        fail(err, "applied", "expected an array of at most %d", KS_ATT_MAX_DECISIONS);
        goto end;
    }
    for (size_t i = 0; i < json_array_size(applied); i++) {
        json_t *v = json_array_get(applied, i);
        if (!json_is_string(v) || !ks_uuid_ok(json_string_value(v))) {
            fail(err, "applied", "expected lowercase UUIDs");
            goto end;
        }
        memcpy(out->applied[i], json_string_value(v), 37);
    }
    out->n_applied = json_array_size(applied);
    ok = true;
end:
    json_decref(root);
    return ok;
}

/* json_pack into *ok: false once any piece failed. */
static json_t *pack(bool *ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    json_t *v = json_vpack_ex(NULL, 0, fmt, ap);
    va_end(ap);
    if (!v)
        *ok = false;
    return v;
}

/* The compact text of root (consumed) when ok and it reads back through check. */
static char *dump(json_t *root, bool ok, bool (*check)(const char *, size_t))
{
    char *text = ok && root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (text && !check(text, strlen(text))) {
        free(text);
        return NULL;
    }
    return text;
}

static bool report_reads_back(const char *text, size_t len)
{
    ks_att_report back;
    return ks_att_report_from_json(text, len, &back, NULL);
}

char *ks_att_report_to_json(const ks_att_report *r)
{
    bool ok = r->n_requests <= KS_ATT_MAX_REQUESTS && r->n_applied <= KS_ATT_MAX_DECISIONS;
    if (!ok)
        return NULL;
    json_t *faults = json_array(), *reqs = json_array(), *applied = json_array();
    for (size_t k = 0; k < sizeof fault_names / sizeof fault_names[0]; k++)
        if (r->faults & (1u << k))
            ok &= json_array_append_new(faults, json_string(fault_names[k])) == 0;
    for (size_t i = 0; i < r->n_requests; i++) {
        const ks_att_request *q = &r->requests[i];
        const char *need = ks_att_need_name(q->need);
        ok &= need != NULL;
        if (ok)
            ok &= json_array_append_new(reqs,
                                        pack(&ok, "{s:s, s:s, s:I, s:s, s:I}", "uuid", q->uuid,
                                             "need", need, "line", (json_int_t)q->line, "item",
                                             q->item, "raised_at", (json_int_t)q->raised_at)) == 0;
    }
    for (size_t i = 0; i < r->n_applied; i++)
        ok &= json_array_append_new(applied, json_string(r->applied[i])) == 0;
    json_t *root = pack(&ok, "{s:s, s:s, s:s, s:o, s:I, s:I, s:o, s:o}", "format", REPORT_FORMAT,
                        "lane", r->lane_id, "activity", ks_att_activity_name(r->activity), "faults",
                        faults, "items", (json_int_t)r->items, "total", (json_int_t)r->total,
                        "requests", reqs, "applied", applied);
    return dump(root, ok, report_reads_back);
}

static bool read_decision(json_t *obj, size_t i, ks_att_decision *d, ks_att_error *err)
{
    static const char *const members[] = {"uuid",  "request",    "action", "line",
                                          "staff", "decided_at", NULL};
    char path[32];
    snprintf(path, sizeof path, "decisions[%zu]", i);
    char action[24];
    int64_t line = 0, at = 0;
    if (!json_is_object(obj))
        return fail(err, path, "expected an object");
    if (!only_members(obj, members, path, err) ||
        !read_uuid(obj, "uuid", path, d->uuid, false, err) ||
        !read_uuid(obj, "request", path, d->request, true, err) ||
        !read_text(obj, "action", path, action, sizeof action, err) ||
        !read_int(obj, "line", path, 0, MAX_LINE, &line, err) ||
        !read_text(obj, "staff", path, d->staff, sizeof d->staff, err) ||
        !read_int(obj, "decided_at", path, 0, MAX_TIME, &at, err))
        return false;
    bool known = false;
    for (size_t k = 0; k < sizeof actions / sizeof actions[0] && !known; k++)
        if (strcmp(action, actions[k].name) == 0) {
            d->action = actions[k].action;
            known = true;
        }
    if (!known)
        return fail(err, path, "unknown action");
    if (!ks_id_ok(d->staff, KS_ATT_STAFF_MAX))
        return fail(err, path, "\"staff\": expected an id");
    if ((d->action == KS_DECIDE_VOID_LINE) != (line != 0))
        return fail(err, path, "\"line\": a void names its line, nothing else does");
    d->line = (uint32_t)line;
    d->decided_at = at;
    return true;
}

bool ks_att_decisions_from_json(const char *json, size_t len, ks_att_decision *out, size_t max,
                                size_t *n, ks_att_error *err)
{
    static const char *const members[] = {"format", "decisions", NULL};
    *n = 0;
    json_t *root = load(json, len, DECISIONS_FORMAT, err);
    if (!root)
        return false;
    bool ok = false;
    json_t *arr = json_object_get(root, "decisions");
    if (!only_members(root, members, "", err))
        goto end;
    if (!json_is_array(arr) || json_array_size(arr) > max ||
        json_array_size(arr) > KS_ATT_MAX_DECISIONS) {
        fail(err, "decisions", "expected an array of at most %zu",
             max < KS_ATT_MAX_DECISIONS ? max : (size_t)KS_ATT_MAX_DECISIONS);
        goto end;
    }
    for (size_t i = 0; i < json_array_size(arr); i++) {
        memset(&out[i], 0, sizeof out[i]);
        if (!read_decision(json_array_get(arr, i), i, &out[i], err))
            goto end;
    }
    *n = json_array_size(arr);
    ok = true;
end:
    json_decref(root);
    return ok;
}

static bool decisions_read_back(const char *text, size_t len)
{
    ks_att_decision back[KS_ATT_MAX_DECISIONS];
    size_t n;
    return ks_att_decisions_from_json(text, len, back, KS_ATT_MAX_DECISIONS, &n, NULL);
}

char *ks_att_decisions_to_json(const ks_att_decision *d, size_t n)
{
    if (n > KS_ATT_MAX_DECISIONS)
        return NULL;
    bool ok = true;
    json_t *arr = json_array();
    for (size_t i = 0; i < n && ok; i++) {
        const char *action = ks_att_action_name(d[i].action);
        ok &= action != NULL;
        if (ok)
            ok &=
                json_array_append_new(
                    arr, pack(&ok, "{s:s, s:s, s:s, s:I, s:s, s:I}", "uuid", d[i].uuid, "request",
                              d[i].request, "action", action, "line", (json_int_t)d[i].line,
                              "staff", d[i].staff, "decided_at", (json_int_t)d[i].decided_at)) == 0;
    }
    json_t *root = pack(&ok, "{s:s, s:o}", "format", DECISIONS_FORMAT, "decisions", arr);
    return dump(root, ok, decisions_read_back);
}
