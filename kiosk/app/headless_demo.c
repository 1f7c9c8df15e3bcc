/* The headless demo: see kiosk/app/headless_demo.h. */
#define LOG_TAG "demo"
#include "kiosk/app/headless_demo.h"

#include <inttypes.h>

#include "kiosk/app/checkout.h"
#include "kiosk/common/log.h"

/* Index of group in item's modifier groups, or SIZE_MAX. */
static size_t group_index(const ks_item *item, const ks_modifier_group *group)
{
    for (size_t g = 0; g < item->n_modifier_groups; g++)
        if (item->modifier_groups[g] == group)
            return g;
    return SIZE_MAX;
}

/*
 * Makes a freshly added line orderable the way a customer would: for every
 * required group left unsatisfied by the defaults, pick the first option
 * that is not sold out. False when the line still cannot be ordered.
 */
static bool satisfy_required(ks_cart *cart, ks_line_id id, ks_local_time at)
{
    for (int attempt = 0; attempt < 32; attempt++) {
        ks_line_issue issue = ks_cart_validate_line(ks_cart_find(cart, id), at, NULL, NULL);
        if (issue.problem == KS_LINE_OK)
            return true;
        if (issue.problem != KS_LINE_REQUIRED)
            return false;
        size_t slot = KS_CART_NO_SLOT;
        const ks_item *owner = ks_cart_find(cart, id)->item;
        if (issue.slot) {
            slot = (size_t)(issue.slot - owner->slots);
            owner = issue.item;
        }
        size_t g = group_index(owner, issue.group);
        bool picked = false;
        for (size_t o = 0; g != SIZE_MAX && o < issue.group->n_options && !picked; o++) {
            const ks_cart_line *line = ks_cart_find(cart, id);
            if (issue.group->options[o].sold_out || ks_cart_option_chosen(line, slot, g, o))
                continue;
            picked = ks_cart_toggle_option(cart, id, slot, g, o) == KS_CART_OK;
        }
        if (!picked)
            return false;
    }
    return false;
}

/* The n-th orderable item of the wanted kind (wrapping around), or NULL. */
static const ks_item *pick_item(const ks_catalog *cat, enum ks_item_kind kind, bool with_modifiers,
                                size_t n, ks_local_time at)
{
    size_t count;
    const ks_item *items = ks_catalog_items(cat, &count);
    const ks_item *matches[4096];
    size_t found = 0;
    for (size_t i = 0; i < count && found < sizeof matches / sizeof matches[0]; i++) {
        const ks_item *item = &items[i];
        if (item->kind == kind && item->unit == KS_UNIT_EACH && ks_item_orderable(item, at) &&
            (!with_modifiers || item->n_modifier_groups > 0))
            matches[found++] = item;
    }
    return found ? matches[n % found] : NULL;
}

static bool add_line(ks_cart *cart, const ks_item *item, int32_t quantity, ks_local_time at,
                     ks_line_id *id)
{
    if (!item || ks_cart_add(cart, item, quantity, id) != KS_CART_OK)
        return false;
    return satisfy_required(cart, *id, at);
}

/* Fills the cart for demo order i: a different mix each time. */
static bool fill_cart(ks_cart *cart, const ks_catalog *cat, int i, ks_local_time at)
{
    ks_line_id id;
    switch (i % 3) {
    case 0:
        if (!add_line(cart, pick_item(cat, KS_ITEM_PRODUCT, true, (size_t)i, at), 2, at, &id))
            return false;
        if (!add_line(cart, pick_item(cat, KS_ITEM_COMBO, false, (size_t)i, at), 1, at, &id))
            return false;
        if (ks_cart_find(cart, id)->item->n_sizes > 1)
            ks_cart_choose_size(cart, id, ks_cart_find(cart, id)->item->n_sizes - 1);
        return true;
    case 1:
        if (!add_line(cart, pick_item(cat, KS_ITEM_PRODUCT, false, (size_t)i * 7, at), 1, at, &id))
            return false;
        ks_cart_set_note(cart, id, "بدون ثلج / no ice");
        return add_line(cart, pick_item(cat, KS_ITEM_PRODUCT, false, (size_t)i * 7 + 3, at), 3, at,
                        &id);
    default:
        return add_line(cart, pick_item(cat, KS_ITEM_COMBO, false, (size_t)i + 1, at), 2, at, &id);
    }
}

static void print_amount(FILE *out, const ks_order *order, ks_money amount)
{
    const ks_currency cur = {.exponent = order->exponent, .symbol_en = "SAR", .symbol_ar = "SAR"};
    char text[64];
    ks_money_format(text, sizeof text, amount, &cur, KS_LANG_EN, KS_NUMERALS_WESTERN);
    fprintf(out, "%12s", text);
}

static void print_order(FILE *out, const ks_order *order)
{
    fprintf(out, "\nOrder %" PRId32 " (%s, %s), %s, business day %s\n", order->number,
            ks_service_name(order->service), order->lang == KS_LANG_AR ? "ar" : "en", order->uuid,
            order->business_date);
    for (size_t i = 0; i < order->n_lines; i++) {
        const ks_order_line *line = &order->lines[i];
        fprintf(out, "  %3" PRId32 " x %-28s %-24s", line->quantity, line->name_en, line->name_ar);
        print_amount(out, order, line->gross);
        fputc('\n', out);
        for (size_t d = 0; d < line->n_details; d++)
            fprintf(out, "        %*s+ %s / %s\n", (int)line->details[d].depth * 2, "",
                    line->details[d].name_en, line->details[d].name_ar);
        if (line->note[0])
            fprintf(out, "        note: %s\n", line->note);
        if (line->promo_note_en[0])
            fprintf(out, "        promotion: %s / %s\n", line->promo_note_en, line->promo_note_ar);
    }
    for (size_t v = 0; v < order->n_vat; v++) {
        fprintf(out, "  VAT %2" PRId32 ".%02" PRId32 " %% on", order->vat[v].rate_bp / 100,
                order->vat[v].rate_bp % 100);
        print_amount(out, order, order->vat[v].taxable);
        fputs("  =", out);
        print_amount(out, order, order->vat[v].vat);
        fputc('\n', out);
    }
    fputs("  discount", out);
    print_amount(out, order, order->discount);
    fputs("   total", out);
    print_amount(out, order, order->total);
    fprintf(out, "   (%s)\n", ks_order_status_name(order->status));
}

bool ks_headless_demo_run(ks_db *db, const ks_config *cfg, const ks_catalog *cat, int orders,
                          int64_t now, FILE *out)
{
    ks_local_time at = ks_local_time_from_utc(now, cfg->utc_offset_min);
    for (int i = 0; i < orders; i++) {
        ks_cart *cart = ks_cart_new(cat);
        if (!cart || !fill_cart(cart, cat, i, at)) {
            LOG_ERROR("demo order %d: the menu has nothing orderable to fill a cart with", i + 1);
            ks_cart_free(cart);
            return false;
        }
        const ks_checkout_request req = {
            .cart = cart,
            .service = i % 2 ? KS_SERVICE_TAKEAWAY : KS_SERVICE_DINE_IN,
            .lang = i % 2 ? KS_LANG_EN : KS_LANG_AR,
            .now = now + i,
        };
        ks_order *order = NULL;
        ks_line_issue issue;
        enum ks_checkout_result result = ks_checkout_place(db, cfg, &req, &order, &issue);
        ks_cart_free(cart);
        if (result != KS_CHECKOUT_OK) {
            char reason[256] = "";
            if (result == KS_CHECKOUT_INVALID_CART)
                ks_cart_issue_describe(&issue, KS_LANG_EN, reason, sizeof reason);
            LOG_ERROR("demo order %d: %s %s", i + 1, ks_checkout_strerror(result), reason);
            return false;
        }
        enum ks_db_error err =
            ks_checkout_mark_paid(db, order, now + i, NULL, KS_PAYMENT_CARD, false);
        if (err == KS_DB_OK)
            print_order(out, order);
        ks_order_free(order);
        if (err != KS_DB_OK)
            return false;
    }
    return true;
}
