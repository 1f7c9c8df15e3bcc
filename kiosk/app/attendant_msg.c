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

#include "kiosk/domain/intervention.h"
#include "kiosk/domain/json_read.h"
#include "kiosk/store/db.h"

#define REPORT_FORMAT "attendant-report/1"
#define DECISIONS_FORMAT "attendant-decisions/1"
#define MAX_TIME INT64_C(253402300799) /* 9999-12-31T23:59:59Z */
#define MAX_LINE UINT32_C(1000000)

/* Need bit i and action a are named as the orders' interventions name them (one table). */
#define N_NEEDS KS_INTERVENTION_NEEDS_CALLED
_Static_assert(KS_NEED_IDLE == 1u << (N_NEEDS - 1), "need bit i is KS_INTERVENTION_* i");
_Static_assert((int)KS_NEED_REMOVAL == 1 << KS_INTERVENTION_REMOVAL &&
                   (int)KS_NEED_HELP == 1 << KS_INTERVENTION_HELP,
               "need bit i is KS_INTERVENTION_* i");
#define N_ACTIONS KS_INTERVENTION_DECISION_COUNT
_Static_assert((int)KS_DECIDE_HELP_GIVEN == (int)KS_INTERVENTION_HELP_GIVEN &&
                   (int)KS_DECIDE_VOID_LINE == (int)KS_INTERVENTION_VOID_LINE &&
                   (int)KS_DECIDE_CLEAR_BAGGING == (int)KS_INTERVENTION_CLEAR_BAGGING,
               "ks_attendant_decision follows ks_intervention_decision");

/* The needs each action settles. */
static const unsigned action_settles[N_ACTIONS] = {
    [KS_DECIDE_APPROVE_AGE] = KS_NEED_AGE,
    [KS_DECIDE_APPROVE_REMOVAL] = KS_NEED_REMOVAL,
    [KS_DECIDE_DECLINE_REMOVAL] = KS_NEED_REMOVAL,
    [KS_DECIDE_CLEAR_BAGGING] = KS_NEED_BAGGING,
    [KS_DECIDE_HELP_GIVEN] = KS_NEED_HELP | KS_NEED_UNKNOWN | KS_NEED_IDLE,
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
    for (size_t i = 0; i < N_NEEDS; i++)
        if (need == 1u << i)
            return ks_intervention_need_names[i];
    return NULL;
}

const char *ks_att_action_name(enum ks_attendant_decision action)
{
    return (unsigned)action < N_ACTIONS ? ks_intervention_decision_names[action] : NULL;
}

const char *ks_att_activity_name(enum ks_att_activity activity)
{
    return (unsigned)activity <= KS_ATT_CLOSED ? activity_names[activity] : "idle";
}

unsigned ks_att_action_settles(enum ks_attendant_decision action)
{
    return (unsigned)action < N_ACTIONS ? action_settles[action] : 0;
}

/* The member key of obj, a lowercase uuid or "" (a decision that answers no request), into out[37].
 */
static bool read_request_uuid(ks_json_reader *r, json_t *obj, const char *key, char out[37])
{
    const char *text = NULL;
    if (!ks_json_string(r, obj, key, true, 0, 36, KS_JSON_ANY, &text))
        return false;
    out[0] = '\0';
    return !text[0] || ks_json_uuid(r, obj, key, true, out);
}

/* The document: a JSON object of at most KS_ATT_DOC_MAX_BYTES, with members and this format. */
static json_t *load(ks_json_reader *r, const char *json, size_t len, const char *format,
                    const char *const *members)
{
    json_t *root = NULL;
    const char *const formats[] = {format};
    int which;
    if (ks_json_load(r, json, len, KS_ATT_DOC_MAX_BYTES, &root) &&
        ks_json_object(r, root, NULL, members) &&
        ks_json_enum(r, root, "format", true, formats, 1, &which))
        return root;
    json_decref(root);
    return NULL;
}

/* Hands the first error to *err (may be NULL); returns ok. */
static bool finish(const ks_json_reader *r, bool ok, ks_json_error *err)
{
    if (!ok && err)
        *err = r->error;
    return ok;
}

static bool read_request(ks_json_reader *r, json_t *obj, ks_att_request *q, unsigned *seen)
{
    static const char *const members[] = {"uuid", "need", "line", "item", "raised_at", NULL};
    int need = 0;
    int64_t line = 0, at = 0;
    if (!ks_json_object(r, obj, NULL, members) || !ks_json_uuid(r, obj, "uuid", true, q->uuid) ||
        !ks_json_enum(r, obj, "need", true, ks_intervention_need_names, N_NEEDS, &need) ||
        !ks_json_int(r, obj, "line", true, 0, MAX_LINE, &line) ||
        !ks_json_copy(r, obj, "item", true, 0, sizeof q->item, KS_JSON_TEXT, q->item) ||
        !ks_json_int(r, obj, "raised_at", true, 0, MAX_TIME, &at))
        return false;
    q->need = 1u << need;
    if (*seen & q->need)
        return ks_json_fail(r, "need", "names a need another request of the report names");
    *seen |= q->need;
    q->line = (uint32_t)line;
    q->raised_at = at;
    return true;
}

static bool read_faults(ks_json_reader *r, json_t *root, unsigned *faults)
{
    json_t *arr = NULL;
    size_t n_names = sizeof fault_names / sizeof fault_names[0];
    if (!ks_json_array(r, root, "faults", true, 0, n_names, &arr) ||
        !ks_json_enter_key(r, "faults"))
        return false;
    *faults = 0;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        int k = 0;
        if (!ks_json_enter_index(r, i) ||
            !ks_json_enum(r, json_array_get(arr, i), NULL, true, fault_names, n_names, &k))
            return false;
        if (*faults & (1u << k))
            return ks_json_fail(r, NULL, "names a fault twice");
        *faults |= 1u << k;
        ks_json_leave(r);
    }
    ks_json_leave(r);
    return true;
}

static bool read_report(ks_json_reader *r, json_t *root, ks_att_report *out)
{
    json_t *reqs = NULL, *applied = NULL;
    int activity = 0;
    int64_t items = 0, total = 0;
    if (!ks_json_copy(r, root, "lane", true, 1, sizeof out->lane_id, KS_JSON_PRINTABLE,
                      out->lane_id))
        return false;
    if (!ks_device_id_ok(out->lane_id))
        return ks_json_fail(r, "lane", "must be a device id (a-z, 0-9, '-', '_')");
    if (!ks_json_enum(r, root, "activity", true, activity_names, KS_ATT_CLOSED + 1, &activity) ||
        !read_faults(r, root, &out->faults) ||
        !ks_json_int(r, root, "items", true, 0, MAX_LINE, &items) ||
        !ks_json_int(r, root, "total", true, 0, KS_ORDER_MAX_MONEY, &total) ||
        !ks_json_array(r, root, "requests", true, 0, KS_ATT_MAX_REQUESTS, &reqs) ||
        !ks_json_array(r, root, "applied", true, 0, KS_ATT_MAX_DECISIONS, &applied))
        return false;
    out->activity = (enum ks_att_activity)activity;
    out->items = (uint32_t)items;
    out->total = total;
    unsigned seen = 0;
    for (size_t i = 0; i < json_array_size(reqs); i++) {
        if (!ks_json_enter_key(r, "requests") || !ks_json_enter_index(r, i) ||
            !read_request(r, json_array_get(reqs, i), &out->requests[i], &seen))
            return false;
        ks_json_leave(r);
        ks_json_leave(r);
    }
    out->n_requests = json_array_size(reqs);
    for (size_t i = 0; i < json_array_size(applied); i++) {
        if (!ks_json_enter_key(r, "applied") || !ks_json_enter_index(r, i) ||
            !ks_json_uuid(r, json_array_get(applied, i), NULL, true, out->applied[i]))
            return false;
        ks_json_leave(r);
        ks_json_leave(r);
    }
    out->n_applied = json_array_size(applied);
    return true;
}

bool ks_att_report_from_json(const char *json, size_t len, ks_att_report *out, ks_json_error *err)
{
    static const char *const members[] = {"format", "lane",     "activity", "faults", "items",
                                          "total",  "requests", "applied",  NULL};
    memset(out, 0, sizeof *out);
    ks_json_reader r;
    ks_json_reader_init(&r);
    json_t *root = load(&r, json, len, REPORT_FORMAT, members);
    bool ok = root && read_report(&r, root, out);
    json_decref(root);
    return finish(&r, ok, err);
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

static bool read_decision(ks_json_reader *r, json_t *obj, ks_att_decision *d)
{
    static const char *const members[] = {"uuid",  "request",    "action", "line",
                                          "staff", "decided_at", NULL};
    int action = 0;
    int64_t line = 0, at = 0;
    if (!ks_json_object(r, obj, NULL, members) || !ks_json_uuid(r, obj, "uuid", true, d->uuid) ||
        !read_request_uuid(r, obj, "request", d->request) ||
        !ks_json_enum(r, obj, "action", true, ks_intervention_decision_names, N_ACTIONS, &action) ||
        !ks_json_int(r, obj, "line", true, 0, MAX_LINE, &line) ||
        !ks_json_copy(r, obj, "staff", true, 1, sizeof d->staff, KS_JSON_PRINTABLE, d->staff) ||
        !ks_json_int(r, obj, "decided_at", true, 0, MAX_TIME, &at))
        return false;
    d->action = (enum ks_attendant_decision)action;
    if (!ks_id_ok(d->staff, KS_ATT_STAFF_MAX))
        return ks_json_fail(r, "staff", "must be an id");
    if ((d->action == KS_DECIDE_VOID_LINE) != (line != 0))
        return ks_json_fail(r, "line", "a void names its line, nothing else does");
    d->line = (uint32_t)line;
    d->decided_at = at;
    return true;
}

bool ks_att_decisions_from_json(const char *json, size_t len, ks_att_decision *out, size_t max,
                                size_t *n, ks_json_error *err)
{
    static const char *const members[] = {"format", "decisions", NULL};
    *n = 0;
    ks_json_reader r;
    ks_json_reader_init(&r);
    json_t *root = load(&r, json, len, DECISIONS_FORMAT, members), *arr = NULL;
    size_t most = max < KS_ATT_MAX_DECISIONS ? max : (size_t)KS_ATT_MAX_DECISIONS;
    bool ok = root && ks_json_array(&r, root, "decisions", true, 0, most, &arr);
    for (size_t i = 0; ok && i < json_array_size(arr); i++) {
        memset(&out[i], 0, sizeof out[i]);
        ok = ks_json_enter_key(&r, "decisions") && ks_json_enter_index(&r, i) &&
             read_decision(&r, json_array_get(arr, i), &out[i]);
        ks_json_leave(&r);
        ks_json_leave(&r);
    }
    if (ok)
        *n = json_array_size(arr);
    json_decref(root);
    return finish(&r, ok, err);
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
