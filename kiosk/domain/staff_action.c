/* A staff action's message: see kiosk/domain/staff_action.h. */
#include "kiosk/domain/staff_action.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/uuid.h"
#include "kiosk/domain/order.h"
#include "kiosk/domain/order_json.h"
#include "kiosk/domain/staff_list.h"

static const char *const kind_names[KS_STAFF_ACTION_KINDS] = {"sold_out",     "on_sale", "reprint",
                                                              "intervention", "paying",  "sign_in",
                                                              "pin_lockout",  "close",   "open"};
/* By enum ks_staff_action_place: none has no name. */
#define PLACES 4
static const char *const place_names[PLACES] = {NULL, "staff_screen", "lane", "console"};
static const char *const method_names[] = {"pin", "badge"};

const char *ks_staff_action_name(enum ks_staff_action_kind kind)
{
    return (unsigned)kind < KS_STAFF_ACTION_KINDS ? kind_names[kind] : NULL;
}

const char *ks_staff_action_place_name(enum ks_staff_action_place place)
{
    return (unsigned)place < PLACES ? place_names[place] : NULL;
}

bool ks_staff_action_has_intervention(enum ks_staff_action_kind kind)
{
    return kind == KS_STAFF_ACTION_INTERVENTION || kind == KS_STAFF_ACTION_PAYING;
}

const char *ks_staff_action_who(const ks_staff_action *a)
{
    return ks_staff_action_has_intervention(a->kind) ? a->intervention.staff : a->staff;
}

/* The members each kind has beside uuid, action, business_date and at: what it names. */
static bool marks(enum ks_staff_action_kind kind)
{
    return kind == KS_STAFF_ACTION_SOLD_OUT || kind == KS_STAFF_ACTION_ON_SALE;
}

/* The sign-in kinds: where it happened is named. */
static bool placed(enum ks_staff_action_kind kind)
{
    return kind == KS_STAFF_ACTION_SIGN_IN || kind == KS_STAFF_ACTION_PIN_LOCKOUT;
}

/* The lockout's members (failures, until) after the others: on false *member names the one. */
static bool lockout_ok(const ks_staff_action *a, const char **member)
{
    bool lockout = a->kind == KS_STAFF_ACTION_PIN_LOCKOUT;
    if (lockout ? a->failures < 1 || a->failures > KS_PIN_LOCKOUT_FAILURES_MAX : a->failures != 0)
        *member = "failures";
    else if (lockout ? a->until <= a->at || a->until - a->at > KS_STAFF_ACTION_LOCKOUT_MAX_S
                     : a->until != 0)
        *member = "until";
    else
        return true;
    return false;
}

/* The rules both sides keep; on false *member names the one at fault. */
static bool action_ok(const ks_staff_action *a, const char **member)
{
    const char *iv_member = NULL;
    bool has_iv = ks_staff_action_has_intervention(a->kind);
    /* Nobody is named by an intervention (its decider is) nor by a lockout (nobody is known). */
    bool nameless = has_iv || a->kind == KS_STAFF_ACTION_PIN_LOCKOUT;
    if (!ks_uuid_ok(a->uuid))
        *member = "uuid";
    else if (!ks_staff_action_name(a->kind))
        *member = "action";
    else if (!ks_business_date_ok(a->business_date))
        *member = "business_date";
    else if (a->at < 0 || a->at > KS_ORDER_MAX_TIME)
        *member = "at";
    else if (a->staff[0] && (nameless || !ks_staff_id_ok(a->staff)))
        *member = "staff";
    else if (placed(a->kind) ? !ks_staff_action_place_name(a->place)
                             : a->place != KS_STAFF_PLACE_NONE)
        *member = "place";
    else if (a->badge && a->kind != KS_STAFF_ACTION_SIGN_IN)
        *member = "method";
    else if (marks(a->kind) != (a->item[0] != '\0') ||
             (a->item[0] && !ks_id_ok(a->item, KS_STAFF_ACTION_ITEM_MAX)))
        *member = "item";
    else if (a->order_uuid[0]
                 ? (a->kind != KS_STAFF_ACTION_REPRINT && a->kind != KS_STAFF_ACTION_PAYING) ||
                       !ks_uuid_ok(a->order_uuid)
                 : a->kind == KS_STAFF_ACTION_PAYING)
        *member = "order_uuid";
    else if (a->order_number < 0 || (a->order_number > 0 && !a->order_uuid[0]))
        *member = "order_number";
    else if (has_iv && !ks_intervention_ok(&a->intervention, KS_ORDER_MAX_TIME, KS_ORDER_MAX_MONEY,
                                           &iv_member))
        *member = "intervention";
    else
        return lockout_ok(a, member);
    return false;
}

char *ks_staff_action_to_json(const ks_staff_action *a)
{
    const char *member = NULL;
    if (!a || !action_ok(a, &member))
        return NULL;
    json_t *root =
        json_pack("{s:s, s:s, s:s, s:I}", "uuid", a->uuid, "action", ks_staff_action_name(a->kind),
                  "business_date", a->business_date, "at", (json_int_t)a->at);
    bool ok = root != NULL;
    if (ok && a->staff[0])
        ok = json_object_set_new(root, "staff", json_string(a->staff)) == 0;
    if (ok && a->item[0])
        ok = json_object_set_new(root, "item", json_string(a->item)) == 0;
    if (ok && a->order_uuid[0])
        ok = json_object_set_new(root, "order_uuid", json_string(a->order_uuid)) == 0;
    if (ok && a->order_number)
        ok = json_object_set_new(root, "order_number", json_integer(a->order_number)) == 0;
    if (ok && placed(a->kind))
        ok = json_object_set_new(root, "place",
                                 json_string(ks_staff_action_place_name(a->place))) == 0;
    if (ok && a->kind == KS_STAFF_ACTION_SIGN_IN)
        ok = json_object_set_new(root, "method", json_string(method_names[a->badge])) == 0;
    if (ok && a->kind == KS_STAFF_ACTION_PIN_LOCKOUT)
        ok = json_object_set_new(root, "failures", json_integer(a->failures)) == 0 &&
             json_object_set_new(root, "until", json_integer((json_int_t)a->until)) == 0;
    if (ok && ks_staff_action_has_intervention(a->kind)) {
        json_t *iv = ks_intervention_to_json(&a->intervention);
        ok = iv && json_object_set_new(root, "intervention", iv) == 0;
    }
    char *text = ok ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    return text;
}

/* Why action_ok refuses member, in the reader's words. */
static const char *refusal(const char *member)
{
    static const struct {
        const char *member, *why;
    } whys[] = {
        {"business_date", "expected YYYY-MM-DD, a day of the calendar"},
        {"staff", "a person's name (1-64 of a-z 0-9 . _ @ -), never on intervention, paying or "
                  "pin_lockout"},
        {"item", "an item id, on sold_out and on_sale only (and required there)"},
        {"order_uuid", "an order's uuid, on reprint (optional) and paying (required) only"},
        {"order_number", "with order_uuid only"},
        {"method", "pin or badge, on sign_in only (and required there)"},
        {"place", "staff_screen, lane or console, on sign_in and pin_lockout only (and required "
                  "there)"},
        {"failures", "the wrong PINs that locked, 1-10, on pin_lockout only (and required there)"},
        {"until", "the lockout's end, after at and at most 3601 s after it, on pin_lockout only "
                  "(and required there)"},
    };
    for (size_t i = 0; i < sizeof whys / sizeof whys[0]; i++)
        if (strcmp(member, whys[i].member) == 0)
            return whys[i].why;
    return "outside the intervention's rules";
}

static bool read_action(ks_json_reader *r, json_t *root, ks_staff_action *out)
{
    static const char *const members[] = {"uuid",         "action", "business_date", "at",
                                          "staff",        "item",   "order_uuid",    "order_number",
                                          "intervention", "place",  "method",        "failures",
                                          "until",        NULL};
    int kind = 0, place = -1, method = -1;
    json_t *iv = NULL;
    if (!ks_json_object(r, root, NULL, members) ||
        !ks_json_uuid(r, root, "uuid", true, out->uuid) ||
        !ks_json_enum(r, root, "action", true, kind_names, KS_STAFF_ACTION_KINDS, &kind) ||
        !ks_json_copy(r, root, "business_date", true, 10, sizeof out->business_date,
                      KS_JSON_PRINTABLE, out->business_date) ||
        !ks_json_int(r, root, "at", true, 0, KS_ORDER_MAX_TIME, &out->at) ||
        !ks_json_copy(r, root, "staff", false, 1, sizeof out->staff, KS_JSON_PRINTABLE,
                      out->staff) ||
        !ks_json_copy(r, root, "item", false, 1, sizeof out->item, KS_JSON_ID, out->item) ||
        !ks_json_uuid(r, root, "order_uuid", false, out->order_uuid) ||
        !ks_json_i32(r, root, "order_number", false, 1, INT32_MAX, &out->order_number) ||
        !ks_json_member(r, root, "intervention", false, &iv) ||
        !ks_json_enum(r, root, "place", false, place_names, PLACES, &place) ||
        !ks_json_enum(r, root, "method", false, method_names, 2, &method) ||
        !ks_json_i32(r, root, "failures", false, 1, KS_PIN_LOCKOUT_FAILURES_MAX, &out->failures) ||
        !ks_json_int(r, root, "until", false, 1, KS_ORDER_MAX_TIME, &out->until))
        return false;
    out->kind = (enum ks_staff_action_kind)kind;
    if (place >= 0)
        out->place = (enum ks_staff_action_place)place;
    /* A sign-in names its method: absent is refused there (and present anywhere else). */
    if ((method >= 0) != (out->kind == KS_STAFF_ACTION_SIGN_IN))
        return ks_json_fail(r, "method", "pin or badge, on sign_in only (and required there)");
    out->badge = method == 1;
    bool has_iv = ks_staff_action_has_intervention(out->kind);
    if (iv && !has_iv)
        return ks_json_fail(r, "intervention", "only intervention and paying carry one");
    if (has_iv) {
        if (!iv)
            return ks_json_fail(r, "intervention", "intervention and paying must carry one");
        if (!ks_json_enter_key(r, "intervention") ||
            !ks_intervention_read(r, iv, &out->intervention))
            return false;
        ks_json_leave(r);
    }
    const char *member = NULL;
    if (!action_ok(out, &member))
        return ks_json_fail(r, member, "%s", refusal(member));
    return true;
}

bool ks_staff_action_parse(const char *body, size_t len, ks_staff_action *out, ks_json_error *why)
{
    ks_json_reader r;
    ks_json_reader_init(&r);
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    bool ok = ks_json_load(&r, body, len, KS_STAFF_ACTION_JSON_MAX, &root) &&
              ks_json_object(&r, root, NULL, NULL) && read_action(&r, root, out);
    json_decref(root);
    if (!ok)
        memset(out, 0, sizeof *out);
    *why = r.error;
    return ok;
}
