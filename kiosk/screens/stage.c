/*
 * Demonstration states (see kiosk/screens/stage.h). The items named here
 * come from assets/menus/restaurant.json; a stage refuses a menu without
 * them rather than showing something else.
 */
#include "kiosk/screens/stage.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/screens/lane_stage.h"
#include "kiosk/screens/refund.h"
#include "kiosk/screens/screen.h"

#define DEMO_ORDER_NUMBER 42
#define IDLE_SECONDS_SHOWN 12
/* 2026-11-24 11:40 in Riyadh: when the staff screen's demo marks were set. */
#define DEMO_MARKED_AT 1795509600

const char *const ks_stage_names[] = {
    "attract",
    "language",
    "service",
    "menu",
    "item",
    "combo",
    "upsell",
    "cart",
    "payment-method",
    "payment",
    "declined",
    "printing",
    "done",
    "idle",
    "staff-pin",
    "staff",
    "out-of-service",
    "refund",
    "refund-pick",
    "refund-done",
    /* the self-checkout (kiosk/screens/lane_stage.h) */
    KS_LANE_STAGE_NAMES,
};
const size_t ks_stage_count = sizeof ks_stage_names / sizeof ks_stage_names[0];

bool ks_stage_known(const char *name)
{
    for (size_t i = 0; name && i < ks_stage_count; i++)
        if (strcmp(ks_stage_names[i], name) == 0)
            return true;
    return false;
}

static const ks_item *find(ks_kiosk_ui *k, const char *id, char *why, size_t cap)
{
    const ks_item *item = ks_catalog_find_item(k->c.catalog, id);
    if (!item)
        snprintf(why, cap, "the menu has no item \"%s\"", id);
    return item;
}

/* Index of an option or slot choice by id; SIZE_MAX when absent. */
static size_t option_index(const ks_modifier_group *g, const char *id)
{
    for (size_t o = 0; o < g->n_options; o++)
        if (strcmp(g->options[o].id, id) == 0)
            return o;
    return SIZE_MAX;
}

/* Chooses option_id in the item's group group_id (no slot); quietly nothing when absent. */
static void choose(ks_kiosk_ui *k, ks_line_id line, const char *group_id, const char *option_id)
{
    const ks_item *item = ks_cart_find(k->cart, line)->item;
    for (size_t g = 0; g < item->n_modifier_groups; g++) {
        if (strcmp(item->modifier_groups[g]->id, group_id) != 0)
            continue;
        size_t o = option_index(item->modifier_groups[g], option_id);
        if (o != SIZE_MAX &&
            !ks_cart_option_chosen(ks_cart_find(k->cart, line), KS_CART_NO_SLOT, g, o))
            ks_cart_toggle_option(k->cart, line, KS_CART_NO_SLOT, g, o);
    }
}

/* Makes a meal large and swaps its side, when it has those. */
static void upgrade_meal(ks_kiosk_ui *k, ks_line_id line)
{
    const ks_item *meal = ks_cart_find(k->cart, line)->item;
    for (size_t s = 0; s < meal->n_sizes; s++)
        if (strcmp(meal->sizes[s].id, "large") == 0)
            ks_cart_choose_size(k->cart, line, s);
    for (size_t s = 0; s < meal->n_slots; s++)
        for (size_t c = 0; c < meal->slots[s].n_choices; c++)
            if (strcmp(meal->slots[s].choices[c].item->id, "curly-fries") == 0)
                ks_cart_choose_slot(k->cart, line, s, c);
}

static bool add(ks_kiosk_ui *k, const char *id, int32_t quantity, ks_line_id *line, char *why,
                size_t cap)
{
    const ks_item *item = find(k, id, why, cap);
    ks_line_id got;
    if (!item || ks_cart_add(k->cart, item, quantity, &got) != KS_CART_OK)
        return false;
    if (line)
        *line = got;
    return true;
}

/* The order being reviewed in every stage from the cart on: offers on three of its lines. */
static bool fill_cart(ks_kiosk_ui *k, char *why, size_t cap)
{
    ks_line_id meal, burger;
    bool ok = add(k, "cheeseburger-meal", 1, &meal, why, cap) &&
              add(k, "mushroom-swiss-burger", 1, &burger, why, cap) &&
              add(k, "fries", 2, NULL, why, cap) && add(k, "vanilla-sundae", 1, NULL, why, cap);
    if (!ok)
        return false;
    upgrade_meal(k, meal);
    choose(k, burger, "burger-remove", "no-onion");
    ks_cart_set_note(k->cart, burger, ks_str(KS_STR_NOTE_CUT_HALF, k->journey.lang));
    return true;
}

/* Opens the item screen on a new line of id, as a tap on its card would. */
static bool open_item(ks_kiosk_ui *k, const char *id, char *why, size_t cap)
{
    ks_line_id line;
    if (!add(k, id, 1, &line, why, cap))
        return false;
    k->session.line = line;
    k->journey.back_to = KS_SCREEN_MENU;
    const ks_item *item = ks_cart_find(k->cart, line)->item;
    if (item->kind == KS_ITEM_COMBO) {
        upgrade_meal(k, line);
    } else {
        choose(k, line, "cheese-add", "cheddar");
        choose(k, line, "burger-extras", "jalapeno");
    }
    return true;
}

static void go(ks_kiosk_ui *k, enum ks_screen screen)
{
    k->journey.screen = screen;
    k->journey.screen_since_ms = k->now_ms;
    k->journey.last_activity_ms = k->now_ms;
}

static bool place(ks_kiosk_ui *k, char *why, size_t cap)
{
    if (!fill_cart(k, why, cap))
        return false;
    k->order = ks_ui_unstored_order(k);
    if (!k->order) {
        snprintf(why, cap, "the demo order could not be built");
        return false;
    }
    k->order->number = DEMO_ORDER_NUMBER;
    k->journey.order_placed = true;
    return true;
}

/* Two of the store's sold-out marks, one from another kiosk and one from the kitchen, at noon. */
static void mark_demo_sold_out(ks_kiosk_ui *k)
{
    static const ks_mark marks[] = {
        {.item_id = "double-cheese-meal",
         .sold_out = true,
         .set_by = "kiosk-02",
         .set_where = "kiosk-02",
         .set_at = DEMO_MARKED_AT},
        {.item_id = "spicy-chicken-meal",
         .sold_out = true,
         .set_by = "kitchen",
         .set_where = KS_MARK_KITCHEN,
         .set_at = DEMO_MARKED_AT + 25 * 60},
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        ks_soldout_apply(k->soldout, &marks[i]);
}

/*
 * The refund screen with the demo order paid by card ("refund-pick": one of
 * its two fries and the sundae picked, for quality; "refund-done": that
 * refund given back), or looking for an order ("refund").
 */
static bool refund_stage(ks_kiosk_ui *k, const char *name, char *why, size_t cap)
{
    go(k, KS_SCREEN_REFUND);
    if (strcmp(name, "refund") == 0)
        return true;
    ks_order *order = fill_cart(k, why, cap) ? ks_ui_unstored_order(k) : NULL;
    ks_cart_clear(k->cart);
    if (!order)
        return false;
    order->number = DEMO_ORDER_NUMBER;
    order->status = KS_ORDER_PAID;
    ks_refund_desk_order desk = {.sheet = ks_refund_sheet_new(order, NULL, 0),
                                 .method = KS_REFUND_CARD};
    if (!desk.sheet || ks_refund_sheet_order(desk.sheet)->n_lines < 4) {
        snprintf(why, cap, "the demo order could not be built");
        ks_refund_sheet_free(desk.sheet);
        return false;
    }
    ks_refund_sheet_set(desk.sheet, 2, 1);
    ks_refund_sheet_set(desk.sheet, 3, 1);
    ks_refund_sheet_set_reason(desk.sheet, KS_REASON_QUALITY);
    ks_refund_screen_show(k, &desk);
    if (strcmp(name, "refund-done") == 0) {
        k->refund.phase = KS_DESK_OUTCOME;
        k->refund.result.outcome = KS_REFUND_GIVEN;
        ks_refund_sheet_total(desk.sheet, &k->refund.result.amount);
    }
    return true;
}

bool ks_stage_enter(ks_kiosk_ui *k, const char *name, enum ks_lang lang, const char *item_id,
                    bool reach, char *why, size_t cap)
{
    if (!ks_stage_known(name)) {
        snprintf(why, cap, "unknown screen \"%s\"", name ? name : "");
        return false;
    }
    k->journey.lang = lang;
    k->journey.service = KS_SERVICE_DINE_IN;
    k->session.reach = reach;
    bool ok = true;
    if (ks_lane_stage_known(name)) {
        ok = ks_lane_stage_enter(k, name, why, cap);
        k->journey.lang = lang; /* a scan from the attract screen took the kiosk's own */
    } else if (strcmp(name, "attract") == 0) {
        go(k, KS_SCREEN_ATTRACT);
    } else if (strcmp(name, "language") == 0) {
        go(k, KS_SCREEN_LANGUAGE);
    } else if (strcmp(name, "service") == 0) {
        go(k, KS_SCREEN_SERVICE);
    } else if (strcmp(name, "menu") == 0 || strcmp(name, "idle") == 0) {
        ok = add(k, "cheese-burger", 1, NULL, why, cap) && add(k, "fries", 2, NULL, why, cap);
        k->session.category = 1; /* burgers, after the meals */
        go(k, KS_SCREEN_MENU);
        if (strcmp(name, "idle") == 0) {
            k->journey.idle_warning = true;
            k->journey.idle_deadline_ms = k->now_ms + IDLE_SECONDS_SHOWN * 1000;
        }
    } else if (strcmp(name, "item") == 0 || strcmp(name, "combo") == 0) {
        const char *id = item_id                     ? item_id
                         : strcmp(name, "item") == 0 ? "beef-burger"
                                                     : "cheeseburger-meal";
        ok = open_item(k, id, why, cap);
        go(k, KS_SCREEN_ITEM);
    } else if (strcmp(name, "upsell") == 0) {
        ok = add(k, "cheese-burger", 1, NULL, why, cap) &&
             add(k, "spicy-chicken-burger", 1, NULL, why, cap);
        go(k, KS_SCREEN_UPSELL);
    } else if (strcmp(name, "cart") == 0) {
        ok = fill_cart(k, why, cap);
        go(k, KS_SCREEN_CART);
    } else if (strcmp(name, "payment-method") == 0) {
        ok = fill_cart(k, why, cap);
        go(k, KS_SCREEN_PAYMENT);
    } else if (strcmp(name, "payment") == 0 || strcmp(name, "declined") == 0) {
        ok = place(k, why, cap);
        k->journey.payment =
            strcmp(name, "payment") == 0 ? KS_PAY_PHASE_WAITING : KS_PAY_PHASE_DECLINED;
        go(k, KS_SCREEN_PAYMENT);
    } else if (strcmp(name, "printing") == 0 || strcmp(name, "done") == 0) {
        ok = place(k, why, cap);
        k->journey.order_placed = false;
        go(k, strcmp(name, "printing") == 0 ? KS_SCREEN_PRINTING : KS_SCREEN_DONE);
    } else if (strcmp(name, "staff-pin") == 0) {
        go(k, KS_SCREEN_STAFF_PIN);
    } else if (strcmp(name, "staff") == 0) {
        mark_demo_sold_out(k);
        go(k, KS_SCREEN_STAFF);
    } else if (strncmp(name, "refund", 6) == 0) {
        ok = refund_stage(k, name, why, cap);
    } else {
        k->journey.closed = true;
        go(k, KS_SCREEN_OUT_OF_SERVICE);
    }
    k->journey.cart_empty = ks_cart_count(ks_ui_cart(k)) == 0;
    ks_ui_refresh(k);
    return ok;
}
