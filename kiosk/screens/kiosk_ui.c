/*
 * The screens' controller (see kiosk/screens/kiosk_ui.h): journey events
 * in, effects carried out, the right screen on the tree.
 */
#define LOG_TAG "screens"
#include "kiosk/screens/kiosk_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/checkout.h"
#include "kiosk/app/delivery.h"
#include "kiosk/app/menu_pull.h"
#include "kiosk/common/log.h"
#include "kiosk/domain/order_build.h"
#include "kiosk/screens/attendant.h"
#include "kiosk/screens/attract.h"
#include "kiosk/screens/basket.h"
#include "kiosk/screens/cart.h"
#include "kiosk/screens/done.h"
#include "kiosk/screens/idle.h"
#include "kiosk/screens/item.h"
#include "kiosk/screens/language.h"
#include "kiosk/screens/lookup.h"
#include "kiosk/screens/menu.h"
#include "kiosk/screens/out_of_service.h"
#include "kiosk/screens/payment.h"
#include "kiosk/screens/printing.h"
#include "kiosk/screens/quantity.h"
#include "kiosk/screens/screen.h"
#include "kiosk/screens/service.h"
#include "kiosk/screens/refund.h"
#include "kiosk/screens/staff.h"
#include "kiosk/screens/staff_access.h"
#include "kiosk/screens/staff_pin.h"
#include "kiosk/screens/upsell.h"
#include "kiosk/screens/weigh.h"
#include "kiosk/store/order_store.h"
#include "kiosk/store/stock_soldout_store.h"
#include "ui/input.h"
#include "ui/w_container.h"
#include "ui/w_scroll.h"
#include "ui/w_toast.h"

#define TRANSITION_MS 280
#define TOAST_MS 2200

static const ks_screen_ops *const screen_ops[KS_SCREEN_COUNT] = {
    [KS_SCREEN_ATTRACT] = &ks_screen_attract,
    [KS_SCREEN_LANGUAGE] = &ks_screen_language,
    [KS_SCREEN_SERVICE] = &ks_screen_service,
    [KS_SCREEN_MENU] = &ks_screen_menu,
    [KS_SCREEN_ITEM] = &ks_screen_item,
    [KS_SCREEN_UPSELL] = &ks_screen_upsell,
    [KS_SCREEN_CART] = &ks_screen_cart,
    [KS_SCREEN_PAYMENT] = &ks_screen_payment,
    [KS_SCREEN_PRINTING] = &ks_screen_printing,
    [KS_SCREEN_DONE] = &ks_screen_done,
    [KS_SCREEN_STAFF_PIN] = &ks_screen_staff_pin,
    [KS_SCREEN_STAFF] = &ks_screen_staff,
    [KS_SCREEN_OUT_OF_SERVICE] = &ks_screen_out_of_service,
    [KS_SCREEN_BASKET] = &ks_screen_basket,
    [KS_SCREEN_LOOKUP] = &ks_screen_lookup,
    [KS_SCREEN_WEIGH] = &ks_screen_weigh,
    [KS_SCREEN_QUANTITY] = &ks_screen_quantity,
    [KS_SCREEN_ATTENDANT] = &ks_screen_attendant,
    [KS_SCREEN_REFUND] = &ks_screen_refund,
};

const ks_screen_ops *ks_ui_screen_ops(enum ks_screen screen)
{
    return (unsigned)screen < KS_SCREEN_COUNT ? screen_ops[screen] : NULL;
}

/* ---- small shared services ---- */

int64_t ks_ui_utc_now(const ks_kiosk_ui *k)
{
    return k->c.utc_now ? k->c.utc_now(k->c.clock_ctx) : (int64_t)time(NULL);
}

ks_local_time ks_ui_local_time(const ks_kiosk_ui *k)
{
    return ks_local_time_from_utc(ks_ui_utc_now(k), k->c.cfg->utc_offset_min);
}

void ks_ui_print_summary(ks_kiosk_ui *k)
{
    char day[11];
    ks_business_date(ks_ui_utc_now(k), k->c.cfg->utc_offset_min, k->c.cfg->business_day_start_min,
                     day);
    bool queued = k->c.services->ops->print_summary(k->c.services->impl, day, k->now_ms);
    k->summary = queued ? KS_SUMMARY_PRINTING : KS_SUMMARY_NOT_PRINTED;
    LOG_INFO("end-of-day summary of %s %s", day, queued ? "asked for" : "could not be queued");
    ks_ui_refresh(k);
}

void ks_ui_staff_status(ks_kiosk_ui *k, ks_staff_status *out)
{
    *out = (ks_staff_status){.printer = KS_PRINTER_UNKNOWN,
                             .terminal = KS_TERMINAL_UNKNOWN,
                             .delivery = k->delivery_link};
    ks_staff_status_read(k->c.db, out);
    const ks_services_ops *ops = k->c.services->ops;
    if (ops->device_status)
        ops->device_status(k->c.services->impl, &out->printer, &out->terminal);
}

/*
 * Follows the delivery worker's counters; the staff screen is redrawn when
 * the link or ZATCA reporting's state changes.
 */
static void watch_delivery(ks_kiosk_ui *k)
{
    if (!k->c.delivery)
        return;
    ks_delivery_stats stats;
    ks_delivery_get_stats(k->c.delivery, &stats);
    enum ks_link_state before = k->delivery_link.state;
    bool zatca = k->c.cfg->zatca_url[0] != '\0';
    int64_t count_before = 0, count_after = 0;
    enum ks_zatca_link zatca_before =
        ks_staff_zatca_link(zatca, &k->delivery_link.last, &count_before);
    ks_staff_link_update(&k->delivery_link, &stats, ks_ui_utc_now(k));
    enum ks_zatca_link zatca_after =
        ks_staff_zatca_link(zatca, &k->delivery_link.last, &count_after);
    bool changed = k->delivery_link.state != before || zatca_after != zatca_before ||
                   count_after != count_before;
    if (changed && k->shown_any && k->shown == KS_SCREEN_STAFF)
        ks_ui_refresh(k);
}

enum ks_lang ks_ui_lang(const ks_kiosk_ui *k)
{
    /* Staff screens and the out-of-service notice speak the kiosk's own language. */
    return k->journey.lang;
}

const char *ks_ui_str(const ks_kiosk_ui *k, enum ks_str id)
{
    return ks_str(id, ks_ui_lang(k));
}

struct ui_widget *ks_ui_name(struct ui_widget *w, const char *name)
{
    if (w && !ui_widget_set_name(w, name))
        LOG_WARN("widget %s not named: out of memory", name);
    return w;
}

struct ui_widget *ks_ui_name2(struct ui_widget *w, const char *prefix, const char *id)
{
    char name[KS_UI_NAME_MAX];
    snprintf(name, sizeof name, "%s:%s", prefix, id);
    return ks_ui_name(w, name);
}

struct ui_widget *ks_ui_keep_scroll(ks_kiosk_ui *k, struct ui_widget *w)
{
    if (w && k->n_scrolls < KS_UI_MAX_SCROLLS)
        k->scrolls[k->n_scrolls++] = w;
    return w;
}

bool ks_ui_sold_out(const ks_kiosk_ui *k, const ks_item *item)
{
    return item->sold_out || ks_soldout_item(k->soldout, item->id) ||
           ks_soldout_item(k->central, item->id);
}

bool ks_ui_sold_out_check(void *ctx, const char *item_id, const char *option_id)
{
    const ks_kiosk_ui *k = ctx;
    return ks_soldout_check(k->soldout, item_id, option_id) ||
           (!option_id && ks_soldout_item(k->central, item_id));
}

void ks_ui_toast(ks_kiosk_ui *k, const char *text)
{
    ui_toast_show(k->c.tree, text, TOAST_MS);
}

const ks_cart *ks_ui_cart(const ks_kiosk_ui *k)
{
    return k->basket ? ks_basket_cart(k->basket) : k->cart;
}

const ks_pricing *ks_ui_pricing(ks_kiosk_ui *k)
{
    if (!k->pricing && ks_cart_count(ks_ui_cart(k)) > 0)
        k->pricing = ks_pricing_new(ks_ui_cart(k), ks_ui_local_time(k));
    return k->pricing;
}

void ks_ui_refresh(ks_kiosk_ui *k)
{
    k->rebuild = true;
}

void ks_ui_cart_changed(ks_kiosk_ui *k)
{
    ks_pricing_free(k->pricing);
    k->pricing = NULL;
    k->cart_changes++;
    ks_journey_step(&k->journey, &k->rules,
                    &(ks_event){.kind = KS_EV_CART_CHANGED,
                                .now_ms = k->now_ms,
                                .arg.cart_empty = ks_cart_count(ks_ui_cart(k)) == 0});
    ks_ui_refresh(k);
}

/* ---- effects ---- */

/* Forgets the customer: cart, order, choices, and the display modes they chose. */
static void clear_customer(ks_kiosk_ui *k)
{
    ks_cart_clear(k->cart);
    ks_lane_clear(k);
    ks_pricing_free(k->pricing);
    k->pricing = NULL;
    ks_order_free(k->order);
    k->order = NULL;
    k->session = (ks_session){0};
    struct ui_theme *theme = k->c.theme;
    if (theme->large_text != k->base_theme.large_text ||
        theme->high_contrast != k->base_theme.high_contrast) {
        theme->large_text = k->base_theme.large_text;
        theme->high_contrast = k->base_theme.high_contrast;
        ui_tree_set_theme(k->c.tree, theme);
    }
    ks_journey_step(
        &k->journey, &k->rules,
        &(ks_event){.kind = KS_EV_CART_CHANGED, .now_ms = k->now_ms, .arg.cart_empty = true});
}

ks_order *ks_ui_unstored_order(ks_kiosk_ui *k)
{
    const ks_pricing *pricing = ks_ui_pricing(k);
    if (!pricing)
        return NULL;
    char uuid[37], date[11];
    snprintf(uuid, sizeof uuid, "00000000-0000-4000-8000-%012d", ++k->unstored_orders);
    int64_t now = ks_ui_utc_now(k);
    ks_business_date(now, k->c.cfg->utc_offset_min, k->c.cfg->business_day_start_min, date);
    const ks_order_meta meta = {
        .uuid = uuid,
        .store_id = k->c.cfg->store_id,
        .kiosk_id = k->c.cfg->kiosk_id,
        .number = k->unstored_orders,
        .business_date = date,
        .service = k->journey.service,
        .lang = k->journey.lang,
        .created_at = now,
    };
    ks_order *order = ks_order_build(ks_ui_cart(k), pricing, &meta);
    if (order) /* as made up as the uuid: nothing serves it */
        snprintf(order->receipt_token, sizeof order->receipt_token, "%032d", k->unstored_orders);
    return order;
}

static bool place_order(ks_kiosk_ui *k)
{
    ks_order_free(k->order);
    k->order = NULL;
    if (!k->c.db) {
        k->order = ks_ui_unstored_order(k);
        return k->order != NULL;
    }
    ks_checkout_request req = {
        .cart = ks_ui_cart(k),
        .service = k->journey.service,
        .lang = k->journey.lang,
        .now = ks_ui_utc_now(k),
        .is_sold_out = ks_ui_sold_out_check,
        .sold_out_ctx = k,
    };
    ks_order_intervention interventions[KS_BASKET_MAX_INTERVENTIONS];
    if (k->basket) {
        req.n_interventions = ks_lane_placing(k, interventions);
        req.interventions = interventions;
    }
    ks_line_issue issue;
    enum ks_checkout_result r = ks_checkout_place(k->c.db, k->c.cfg, &req, &k->order, &issue);
    if (r != KS_CHECKOUT_OK) {
        LOG_ERROR("order not placed: %s", ks_checkout_strerror(r));
        return false;
    }
    LOG_INFO("order %d placed (%s), total %lld", k->order->number, k->order->uuid,
             (long long)k->order->total);
    return true;
}

static void cancel_order(ks_kiosk_ui *k)
{
    if (!k->order)
        return;
    if (k->c.db) {
        enum ks_db_error err = ks_order_store_set_status(k->c.db, k->order->uuid,
                                                         KS_ORDER_CANCELLED, ks_ui_utc_now(k));
        if (err != KS_DB_OK)
            LOG_ERROR("order %s not cancelled: %s", k->order->uuid, ks_db_strerror(err));
        else
            LOG_INFO("order %d cancelled", k->order->number);
    }
    ks_order_free(k->order);
    k->order = NULL;
}

static void mark_paid(ks_kiosk_ui *k)
{
    if (!k->order)
        return;
    if (!k->c.db) {
        k->order->status = KS_ORDER_PAID;
        return;
    }
    bool backend_only = k->basket != NULL; /* a self-checkout has no kitchen */
    /* Paid at this kiosk's terminal; the payment worker, which knows the brand, marked it paid
     * first when there is one, and this repeat then changes nothing. */
    if (k->order->payment.by == KS_PAID_BY_UNKNOWN)
        k->order->payment.by = KS_PAID_BY_CARD;
    enum ks_db_error err = ks_checkout_mark_paid(k->c.db, k->order, ks_ui_utc_now(k),
                                                 k->c.einvoicing, KS_PAYMENT_CARD, backend_only);
    if (err == KS_DB_OK) {
        LOG_INFO("order %d paid and queued for %s", k->order->number,
                 backend_only ? "the backend" : "the kitchen and the backend");
        ks_delivery_wake(k->c.delivery);
    }
}

/* The unpaid order goes to the counter's list (through the kitchen displays). */
static void send_to_counter(ks_kiosk_ui *k)
{
    k->session.counter = true;
    if (!k->order || !k->c.db)
        return;
    if (ks_checkout_send_to_counter(k->c.db, k->order, ks_ui_utc_now(k)) == KS_DB_OK)
        ks_delivery_wake(k->c.delivery);
}

static bool print(ks_kiosk_ui *k, enum ks_service_print_kind kind)
{
    if (!k->order || !k->c.services->ops->print(k->c.services->impl, k->order, kind, k->now_ms)) {
        LOG_ERROR("the %s could not be sent to the printer",
                  kind == KS_SERVICE_PRINT_RECEIPT ? "receipt" : "counter ticket");
        return false;
    }
    return true;
}

/* What went wrong while carrying out a step's effects, handled once the step is over. */
enum followup {
    FOLLOW_NONE,
    FOLLOW_PAYMENT_FAILED, /* the order or the payment could not start: back to the cart */
    FOLLOW_PRINT_FAILED,   /* nothing will print: go on to the done screen */
};

static enum followup apply(ks_kiosk_ui *k, unsigned fx)
{
    enum followup follow = FOLLOW_NONE;
    if (fx & KS_FX_CANCEL_ORDER)
        cancel_order(k);
    if ((fx & KS_FX_PLACE_ORDER) && !place_order(k)) {
        k->session.order_failed = true;
        follow = (fx & KS_FX_START_PAYMENT) ? FOLLOW_PAYMENT_FAILED : FOLLOW_PRINT_FAILED;
        fx &= ~(unsigned)(KS_FX_START_PAYMENT | KS_FX_COUNTER_TICKET);
    }
    if (fx & KS_FX_START_PAYMENT) {
        if (!k->order ||
            !k->c.services->ops->start_payment(k->c.services->impl, k->order, k->now_ms))
            follow = FOLLOW_PAYMENT_FAILED;
    }
    if (fx & KS_FX_ABORT_PAYMENT)
        k->c.services->ops->abort_payment(k->c.services->impl, k->now_ms);
    if (fx & KS_FX_SEND_ORDER)
        mark_paid(k);
    if (fx & KS_FX_COUNTER_TICKET)
        send_to_counter(k);
    if ((fx & KS_FX_PRINT_RECEIPT) && !print(k, KS_SERVICE_PRINT_RECEIPT))
        follow = FOLLOW_PRINT_FAILED;
    if ((fx & KS_FX_COUNTER_TICKET) && !print(k, KS_SERVICE_PRINT_COUNTER))
        follow = FOLLOW_PRINT_FAILED;
    ks_lane_apply(k, fx);
    if (fx & KS_FX_CLEAR_CART)
        clear_customer(k);
    return follow;
}

static unsigned step(ks_kiosk_ui *k, ks_event ev)
{
    ev.now_ms = k->now_ms;
    enum ks_screen before = k->journey.screen;
    unsigned calls_before = k->journey.attendant;
    unsigned fx = ks_journey_step(&k->journey, &k->rules, &ev);
    ks_lane_note_calls(k, calls_before);
    enum followup follow = apply(k, fx);
    switch (follow) {
    case FOLLOW_PAYMENT_FAILED:
        /* The terminal was never engaged: leave the payment as if it had been refused. */
        if (k->journey.payment == KS_PAY_PHASE_WAITING) {
            step(k, (ks_event){.kind = KS_EV_PAYMENT_DECLINED});
            if (k->session.order_failed)
                ks_ui_toast(k, ks_ui_str(k, KS_STR_ORDER_PROBLEM));
        }
        break;
    case FOLLOW_PRINT_FAILED:
        k->session.receipt_failed = true;
        step(k, (ks_event){.kind = KS_EV_RECEIPT_DONE});
        break;
    case FOLLOW_NONE:
        break;
    }
    if (k->journey.screen == KS_SCREEN_UPSELL && before != KS_SCREEN_UPSELL) {
        k->session.n_added = 0;
        /* Nothing to suggest for this cart: straight on to the cart. */
        if (ks_upsell_list(k, NULL, 0) == 0)
            step(k, (ks_event){.kind = KS_EV_VIEW_CART});
    }
    return fx;
}

void ks_ui_send_event(ks_kiosk_ui *k, ks_event ev)
{
    step(k, ev);
}

/* Staff actions that are journey events, for the audit log. */
static const char *staff_action(enum ks_event_kind kind)
{
    switch (kind) {
    case KS_EV_STAFF_CLOSE:
        return "close";
    case KS_EV_STAFF_OPEN:
        return "open";
    case KS_EV_STAFF_EXIT:
        return "exit";
    default:
        return NULL;
    }
}

void ks_ui_send(ks_kiosk_ui *k, enum ks_event_kind kind)
{
    const char *action = staff_action(kind);
    /* Closing the kiosk to customers and opening it again reach the back office (#15). */
    if (action && k->journey.screen == KS_SCREEN_STAFF && kind != KS_EV_STAFF_EXIT)
        ks_staff_act(k, "staff", action, NULL,
                     &(ks_staff_action){.kind = kind == KS_EV_STAFF_CLOSE ? KS_STAFF_ACTION_CLOSE
                                                                          : KS_STAFF_ACTION_OPEN});
    else if (action && k->journey.screen == KS_SCREEN_STAFF)
        ks_staff_audit(k, "staff", action, NULL);
    step(k, (ks_event){.kind = kind});
}

/* ---- the item screen's scratch line ---- */

/* Makes line to's choices those of line from (same item): options, slots, size, quantity, note. */
static bool copy_choices(ks_cart *cart, ks_line_id from_id, ks_line_id to_id)
{
    const ks_cart_line *from = ks_cart_find(cart, from_id);
    if (!from || !ks_cart_find(cart, to_id))
        return false;
    const ks_item *item = from->item;
    bool ok = ks_cart_set_quantity(cart, to_id, from->quantity) == KS_CART_OK &&
              ks_cart_set_note(cart, to_id, from->note) == KS_CART_OK;
    if (item->n_sizes > 0)
        ok = ok && ks_cart_choose_size(cart, to_id, from->size) == KS_CART_OK;
    for (size_t s = 0; s < item->n_slots; s++)
        ok = ok && ks_cart_choose_slot(cart, to_id, s,
                                       ks_cart_find(cart, from_id)->slots[s].choice) == KS_CART_OK;
    /* Each product's options: the line's item (no slot), then each slot's product. */
    for (size_t s = 0; ok && s <= item->n_slots; s++) {
        size_t slot = s == item->n_slots ? KS_CART_NO_SLOT : s;
        const ks_cart_line *f = ks_cart_find(cart, from_id);
        const ks_item *product = slot == KS_CART_NO_SLOT ? item : f->slots[s].mods.item;
        /* Deselect first, so that a full group has room for what is selected after. */
        for (int pass = 0; pass < 2; pass++)
            for (size_t g = 0; g < product->n_modifier_groups; g++)
                for (size_t o = 0; o < product->modifier_groups[g]->n_options; o++) {
                    bool want = ks_cart_option_chosen(ks_cart_find(cart, from_id), slot, g, o);
                    bool has = ks_cart_option_chosen(ks_cart_find(cart, to_id), slot, g, o);
                    if (want != has && want == (pass == 1))
                        ok = ok && ks_cart_toggle_option(cart, to_id, slot, g, o) == KS_CART_OK;
                }
    }
    return ok;
}

static unsigned notes_in(const char *note)
{
    static const enum ks_str presets[KS_NOTE_PRESETS] = {
        KS_STR_NOTE_NO_SALT, KS_STR_NOTE_SAUCE_SIDE, KS_STR_NOTE_CUT_HALF};
    unsigned notes = 0;
    for (int i = 0; i < KS_NOTE_PRESETS; i++)
        if (strstr(note, ks_str(presets[i], KS_LANG_AR)) ||
            strstr(note, ks_str(presets[i], KS_LANG_EN)))
            notes |= 1u << i;
    return notes;
}

void ks_ui_open_item(ks_kiosk_ui *k, const ks_item *item)
{
    ks_line_id id;
    if (ks_cart_add(k->cart, item, 1, &id) != KS_CART_OK) {
        LOG_WARN("item %s not added: the cart is full", item->id);
        return;
    }
    k->session.line = id;
    k->session.original = 0;
    k->session.notes = 0;
    ks_ui_cart_changed(k);
    ks_ui_send(k, KS_EV_OPEN_ITEM);
}

void ks_ui_edit_line(ks_kiosk_ui *k, ks_line_id line)
{
    const ks_cart_line *original = ks_cart_find(k->cart, line);
    ks_line_id id;
    if (!original || ks_cart_add(k->cart, original->item, 1, &id) != KS_CART_OK)
        return;
    if (!copy_choices(k->cart, line, id)) {
        ks_cart_remove(k->cart, id);
        return;
    }
    k->session.line = id;
    k->session.original = line;
    k->session.notes = notes_in(ks_cart_find(k->cart, id)->note);
    ks_ui_cart_changed(k);
    ks_ui_send(k, KS_EV_OPEN_ITEM);
}

void ks_ui_item_commit(ks_kiosk_ui *k)
{
    if (k->session.original) {
        copy_choices(k->cart, k->session.line, k->session.original);
        ks_cart_remove(k->cart, k->session.line);
    } else if (k->journey.back_to != KS_SCREEN_CART) {
        ks_ui_toast(k, ks_ui_str(k, KS_STR_ADDED));
    }
    k->session.line = k->session.original = 0;
    ks_ui_cart_changed(k);
    ks_ui_send(k, KS_EV_ITEM_ADDED);
}

void ks_ui_item_discard(ks_kiosk_ui *k)
{
    if (k->session.line)
        ks_cart_remove(k->cart, k->session.line);
    k->session.line = k->session.original = 0;
    ks_ui_cart_changed(k);
    ks_ui_send(k, KS_EV_BACK);
}

/* ---- showing screens ---- */

/* Rough depth of a screen along the journey, to slide the right way. */
static int screen_depth(enum ks_screen s)
{
    static const int depth[KS_SCREEN_COUNT] = {
        [KS_SCREEN_ATTRACT] = 0,    [KS_SCREEN_LANGUAGE] = 1, [KS_SCREEN_SERVICE] = 2,
        [KS_SCREEN_MENU] = 3,       [KS_SCREEN_BASKET] = 3,   [KS_SCREEN_ITEM] = 4,
        [KS_SCREEN_LOOKUP] = 4,     [KS_SCREEN_WEIGH] = 5,    [KS_SCREEN_QUANTITY] = 5,
        [KS_SCREEN_ATTENDANT] = 6,  [KS_SCREEN_UPSELL] = 5,   [KS_SCREEN_CART] = 6,
        [KS_SCREEN_PAYMENT] = 7,    [KS_SCREEN_PRINTING] = 8, [KS_SCREEN_DONE] = 9,
        [KS_SCREEN_STAFF_PIN] = 10, [KS_SCREEN_STAFF] = 11,   [KS_SCREEN_OUT_OF_SERVICE] = 12,
        [KS_SCREEN_REFUND] = 12,
    };
    return (unsigned)s < KS_SCREEN_COUNT ? depth[s] : 0;
}

static enum ui_transition_kind transition_for(enum ks_screen from, enum ks_screen to)
{
    int a = screen_depth(from), b = screen_depth(to);
    bool calm = from == KS_SCREEN_ATTRACT || to == KS_SCREEN_ATTRACT || a >= 9 || b >= 9;
    if (calm)
        return UI_TRANSITION_FADE;
    return b > a ? UI_TRANSITION_SLIDE_FORWARD : UI_TRANSITION_SLIDE_BACK;
}

static void sync_screen(ks_kiosk_ui *k)
{
    const ks_journey *j = &k->journey;
    bool moved = !k->shown_any || j->screen != k->shown;
    /* A refresh (new sold-out marks, say) waits while a finger is down: the
     * screen rebuilt under it would lose the press, and with it the tap. */
    bool refresh = k->rebuild && !ui_input_pointer_down(k->c.tree);
    bool changed = moved || j->lang != k->shown_lang || refresh ||
                   (j->screen == KS_SCREEN_PAYMENT && j->payment != k->shown_payment);
    if (!changed)
        return;
    k->n_restore = 0;
    if (!moved)
        for (int i = 0; i < k->n_scrolls; i++)
            k->restore[k->n_restore++] = ui_scroll_offset(k->scrolls[i]);
    if (moved && k->ops && k->ops->leave)
        k->ops->leave(k);
    if (moved) /* the customers' path through the journey, in the log */
        LOG_INFO("screen %s", ks_screen_name(j->screen));
    k->n_scrolls = 0;
    const ks_screen_ops *ops = ks_ui_screen_ops(j->screen);
    if (!ops)
        ops = &ks_screen_out_of_service; /* a screen this build does not have */
    enum ui_dir dir = j->lang == KS_LANG_AR ? UI_DIR_RTL : UI_DIR_LTR;
    ui_tree_set_dir(k->c.tree, dir);
    struct ui_widget *root = ops->build(k);
    if (!root) {
        LOG_ERROR("the %s screen could not be built", ks_screen_name(j->screen));
        return;
    }
    /* Each screen keeps its own direction, so the old one does not flip while it slides away. */
    ui_widget_set_dir(root, dir);
    if (moved && k->shown_any && k->c.animate)
        ui_tree_transition(k->c.tree, root, transition_for(k->shown, j->screen), TRANSITION_MS);
    else
        ui_tree_set_root(k->c.tree, root);
    k->ops = ops;
    k->shown = j->screen;
    k->shown_lang = j->lang;
    k->shown_payment = j->payment;
    k->shown_any = true;
    k->rebuild = false;
}

/* Puts the scroll views of a rebuilt screen back where the customer left them. */
static void restore_scrolls(ks_kiosk_ui *k)
{
    for (int i = 0; i < k->n_restore && i < k->n_scrolls; i++)
        ui_scroll_set_offset(k->scrolls[i], k->restore[i]);
    k->n_restore = 0;
}

void ks_kiosk_ui_scan(ks_kiosk_ui *k, const char *code)
{
    if (!ks_refund_screen_scan(k, code))
        ks_lane_scan(k, code);
}

void ks_kiosk_ui_scale(ks_kiosk_ui *k, const struct dev_scale_state *state)
{
    k->scale.state = *state;
    if (k->journey.screen == KS_SCREEN_WEIGH)
        ks_ui_refresh(k);
}

void ks_kiosk_ui_bagging_scale(ks_kiosk_ui *k, const struct dev_scale_state *state)
{
    k->bagging_scale = *state;
    ks_lane_bagging_watch(k);
}

void ks_kiosk_ui_decide(ks_kiosk_ui *k, enum ks_attendant_decision decision, const char *staff_id,
                        uint32_t line)
{
    ks_lane_decide(k, decision, staff_id, (ks_line_id)line);
}

/* Redraws the staff screen when a lane device comes or goes (the scanner reports no events). */
static void watch_lane(ks_kiosk_ui *k)
{
    if (!k->c.lane_devices || !k->shown_any || k->shown != KS_SCREEN_STAFF)
        return;
    ks_lane_devices_status st;
    ks_lane_devices_status_get(k->c.lane_devices, &st);
    unsigned links = (st.scanner.link == DEV_SCANNER_LINK_UP) |
                     (unsigned)(st.scale.link == DEV_SCALE_LINK_UP) << 1 |
                     (unsigned)(st.bagging_scale.link == DEV_SCALE_LINK_UP) << 2;
    if (links != k->lane_links_shown) {
        k->lane_links_shown = links;
        ks_ui_refresh(k);
    }
}

/* What the lane's scanner and scales reported since the last turn. */
static void take_lane_events(ks_kiosk_ui *k)
{
    ks_lane_event ev;
    while (ks_lane_devices_poll(k->c.lane_devices, &ev)) {
        switch (ev.kind) {
        case KS_LANE_CODE:
            ks_kiosk_ui_scan(k, ev.code);
            break;
        case KS_LANE_SCALE:
            ks_kiosk_ui_scale(k, &ev.scale);
            break;
        case KS_LANE_BAGGING_SCALE:
            ks_kiosk_ui_bagging_scale(k, &ev.scale);
            break;
        }
    }
}

static void take_results(ks_kiosk_ui *k)
{
    ks_service_result r;
    while (k->c.services->ops->poll(k->c.services->impl, k->now_ms, &r)) {
        bool ours = k->order && strcmp(r.order_uuid, k->order->uuid) == 0;
        switch (r.kind) {
        case KS_SERVICE_PAYMENT_APPROVED:
            if (!ours) {
                /* Money taken for an order no longer on screen: staff must look. */
                LOG_ERROR("approved payment for order %s arrived after it left the screen (%s)",
                          r.order_uuid, r.detail);
                break;
            }
            k->order->payment = r.payment; /* the order's copy for the backend names it */
            ks_ui_send(k, KS_EV_PAYMENT_APPROVED);
            break;
        case KS_SERVICE_PAYMENT_DECLINED:
            if (ours)
                ks_ui_send(k, KS_EV_PAYMENT_DECLINED);
            break;
        case KS_SERVICE_PAYMENT_ABORTED:
            if (ours)
                ks_ui_send(k, KS_EV_PAYMENT_ABORTED);
            break;
        case KS_SERVICE_REFUNDED:
            ks_refund_screen_result(k, &r.refund);
            break;
        case KS_SERVICE_PRINTED:
            if (r.print_kind == KS_SERVICE_PRINT_REFUND) {
                if (!r.printed)
                    LOG_ERROR("order %s: refund slip not printed: %s", r.order_uuid, r.detail);
                break;
            }
            if (r.print_kind == KS_SERVICE_PRINT_SUMMARY) {
                if (!r.printed)
                    LOG_ERROR("end-of-day summary not printed: %s", r.detail);
                k->summary = r.printed ? KS_SUMMARY_PRINTED : KS_SUMMARY_NOT_PRINTED;
                if (k->journey.screen == KS_SCREEN_STAFF)
                    ks_ui_refresh(k);
                break;
            }
            if (!r.printed)
                LOG_ERROR("order %s: not printed: %s", r.order_uuid, r.detail);
            if (ours && k->journey.screen == KS_SCREEN_PRINTING) {
                k->session.receipt_failed = !r.printed;
                ks_ui_send(k, KS_EV_RECEIPT_DONE);
            }
            break;
        }
    }
}

/* ---- public ---- */

ks_kiosk_ui *ks_kiosk_ui_new(const ks_kiosk_ui_config *cfg, int64_t now_ms)
{
    if (!cfg || !cfg->cfg || !cfg->catalog || !cfg->tree || !cfg->theme || !cfg->services)
        return NULL;
    ks_kiosk_ui *k = calloc(1, sizeof *k);
    if (!k)
        return NULL;
    k->c = *cfg;
    k->base_theme = *cfg->theme;
    k->cart = ks_cart_new(cfg->catalog);
    k->soldout = ks_soldout_new();
    k->central = ks_soldout_new();
    ks_refund_screen_clear(k);
    if (!k->cart || !k->soldout || !k->central)
        goto error;
    if (cfg->cfg->mode == KS_MODE_SUPERMARKET) {
        k->basket = ks_basket_new(cfg->catalog, cfg->cfg->labels, cfg->cfg->n_labels);
        if (!k->basket)
            goto error;
        k->scale.configured = cfg->cfg->scale_uri[0] != '\0';
    }
    if (cfg->db) {
        enum ks_db_error err = ks_soldout_store_load(cfg->db, k->soldout);
        if (err != KS_DB_OK)
            LOG_ERROR("sold-out marks not loaded: %s", ks_db_strerror(err));
        /* The backend's last list, so a restart without the backend still shows it. */
        if ((err = ks_stock_soldout_store_load(cfg->db, k->central)) != KS_DB_OK)
            LOG_ERROR("sold-out marks from stock not loaded: %s", ks_db_strerror(err));
    }
    ks_journey_rules_from_config(&k->rules, cfg->cfg);
    ks_journey_init(&k->journey, &k->rules, now_ms);
    k->now_ms = k->last_tick_ms = now_ms;
    ks_staff_access_restore(k);
    bool receivers = cfg->cfg->n_kitchen_urls > 0 || cfg->cfg->backend_url[0] != '\0';
    k->delivery_link.state = cfg->delivery && receivers ? KS_LINK_UNKNOWN : KS_LINK_NOT_CONFIGURED;
    return k;
error:
    ks_kiosk_ui_free(k);
    return NULL;
}

void ks_kiosk_ui_free(ks_kiosk_ui *k)
{
    if (!k)
        return;
    /* The tree outlives us: leave it a screen whose buttons call nobody. */
    if (k->shown_any) {
        if (k->idle.overlay)
            ui_tree_close_overlay(k->c.tree, k->idle.overlay);
        ui_tree_set_root(k->c.tree, ui_column_new(0));
    }
    ks_pricing_free(k->pricing);
    ks_order_free(k->order);
    ks_cart_free(k->cart);
    ks_basket_free(k->basket);
    ks_lane_bagging_forget(k);
    ks_soldout_free(k->soldout);
    ks_soldout_free(k->central);
    ks_refund_screen_clear(k);
    free(k);
}

void ks_kiosk_ui_activity(ks_kiosk_ui *k, int64_t now_ms)
{
    if (now_ms > k->now_ms)
        k->now_ms = now_ms;
    ks_ui_send(k, KS_EV_ACTIVITY);
}

void ks_kiosk_ui_update(ks_kiosk_ui *k, int64_t now_ms)
{
    if (now_ms > k->now_ms)
        k->now_ms = now_ms;
    take_results(k);
    take_lane_events(k);
    if (k->now_ms - k->last_tick_ms >= KS_KIOSK_UI_TICK_MS) {
        k->last_tick_ms = k->now_ms;
        watch_delivery(k);
        watch_lane(k);
        ks_lane_bagging_watch(k);
        ks_ui_send(k, KS_EV_TICK);
    }
    sync_screen(k);
    ks_idle_sync(k);
    if (k->ops && k->ops->update)
        k->ops->update(k, k->now_ms);
    ui_tree_update(k->c.tree, (uint64_t)k->now_ms);
    if (k->n_restore > 0) {
        restore_scrolls(k);
        ui_tree_update(k->c.tree, (uint64_t)k->now_ms);
    }
}

void ks_kiosk_ui_set_soldout(ks_kiosk_ui *k, ks_soldout *set)
{
    if (!set)
        return;
    ks_soldout_free(k->soldout);
    k->soldout = set;
    ks_ui_refresh(k);
}

void ks_kiosk_ui_set_central_soldout(ks_kiosk_ui *k, ks_soldout *set)
{
    if (!set)
        return;
    ks_soldout_free(k->central);
    k->central = set;
    ks_ui_refresh(k);
}

bool ks_kiosk_ui_item_sold_out(const ks_kiosk_ui *k, const char *item_id)
{
    const ks_item *item = ks_catalog_find_item(k->c.catalog, item_id);
    return item && ks_ui_sold_out(k, item);
}

bool ks_kiosk_ui_idle(const ks_kiosk_ui *k)
{
    return ks_menu_swap_ready(k->journey.screen, ks_cart_count(ks_ui_cart(k)),
                              ui_tree_in_transition(k->c.tree));
}

bool ks_kiosk_ui_set_menu(ks_kiosk_ui *k, const ks_catalog *catalog,
                          const ks_image_manifest *pictures)
{
    if (!catalog || !ks_kiosk_ui_idle(k))
        return false;
    ks_cart *cart = ks_cart_new(catalog);
    ks_basket *basket =
        k->basket ? ks_basket_new(catalog, k->c.cfg->labels, k->c.cfg->n_labels) : NULL;
    if (!cart || (k->basket && !basket)) {
        ks_cart_free(cart);
        ks_basket_free(basket);
        return false;
    }
    if (k->basket) {
        ks_basket_free(k->basket);
        k->basket = basket;
        k->lane = (ks_lane_state){0};
        ks_lane_bagging_forget(k);
    }
    /* What points into the old catalog goes: the empty cart, its pricing, the session. */
    ks_cart_free(k->cart);
    k->cart = cart;
    ks_pricing_free(k->pricing);
    k->pricing = NULL;
    k->session = (ks_session){0};
    k->c.catalog = catalog;
    k->c.pictures = pictures;
    k->rebuild = true;
    sync_screen(k);
    LOG_INFO("now serving menu %s", ks_catalog_version(catalog));
    return true;
}

const ks_journey *ks_kiosk_ui_journey(const ks_kiosk_ui *k)
{
    return &k->journey;
}

int32_t ks_kiosk_ui_order_number(const ks_kiosk_ui *k)
{
    return k->order ? k->order->number : 0;
}

struct ui_widget *ks_kiosk_ui_find(const ks_kiosk_ui *k, const char *name)
{
    return ui_tree_find(k->c.tree, name);
}

struct names_walk {
    void (*fn)(const char *name, void *ctx);
    void *ctx;
};

static void each_name(struct ui_widget *w, const char *name, void *ctx)
{
    (void)w;
    const struct names_walk *walk = ctx;
    walk->fn(name, walk->ctx);
}

void ks_kiosk_ui_names(const ks_kiosk_ui *k, void (*fn)(const char *name, void *ctx), void *ctx)
{
    struct names_walk walk = {fn, ctx};
    ui_tree_each_named(k->c.tree, each_name, &walk);
}
