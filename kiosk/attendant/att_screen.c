/* The attendant console's screens on ui/: see kiosk/attendant/att_screen.h. */
#include "kiosk/attendant/att_screen.h"

#include "kiosk/domain/texts.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ui/w_button.h"
#include "ui/w_container.h"
#include "ui/w_keypad.h"
#include "ui/w_label.h"
#include "ui/w_scroll.h"

#define NAME_MAX_LEN 64
#define CARD_COLUMNS 2

/* The texts of statuses and actions are read by their number: the table keeps their order. */
_Static_assert(KS_STR_ATT_STATUS_IDLE - KS_STR_ATT_STATUS_OFFLINE == KS_ATT_STATUS_IDLE &&
                   KS_STR_ATT_STATUS_HELP_REQUESTED - KS_STR_ATT_STATUS_OFFLINE ==
                       KS_ATT_STATUS_HELP,
               "attendant status texts out of order");
_Static_assert(KS_STR_ATT_ACTION_HELP_GIVEN - KS_STR_ATT_ACTION_APPROVE_AGE ==
                       KS_DECIDE_HELP_GIVEN - KS_DECIDE_APPROVE_AGE &&
                   KS_STR_ATT_ACTION_VOID_LINE - KS_STR_ATT_ACTION_APPROVE_AGE ==
                       KS_DECIDE_VOID_LINE - KS_DECIDE_APPROVE_AGE,
               "attendant action texts out of order");

void ks_att_screen_theme(struct ui_theme *theme)
{
    ui_theme_defaults(theme);
}

enum ks_att_status ks_att_lane_status(const ks_att_lane *lane, int64_t now_ms)
{
    const ks_att_report *r = &lane->report;
    unsigned needs = 0;
    for (size_t i = 0; i < r->n_requests; i++)
        needs |= r->requests[i].need;
    if (now_ms - lane->seen_at_ms > KS_ATT_OFFLINE_MS)
        return KS_ATT_STATUS_OFFLINE;
    if (r->faults)
        return KS_ATT_STATUS_FAULT;
    if (needs & (KS_NEED_AGE | KS_NEED_REMOVAL | KS_NEED_BAGGING))
        return KS_ATT_STATUS_WAITING;
    if (needs)
        return KS_ATT_STATUS_HELP;
    switch (r->activity) {
    case KS_ATT_CLOSED:
        return KS_ATT_STATUS_CLOSED;
    case KS_ATT_PAYING:
        return KS_ATT_STATUS_PAYING;
    case KS_ATT_SCANNING:
        return KS_ATT_STATUS_SCANNING;
    default:
        return KS_ATT_STATUS_IDLE;
    }
}

static int need_index(unsigned need)
{
    int i = 0;
    while (i < 6 && !(need & (1u << i)))
        i++;
    return i < 6 ? i : 5;
}

/* ---- taps: each button carries what it means in its user data ---- */

#define NO_REQUEST 0xffu

/* lane, request (NO_REQUEST: none) and action packed in one value. */
static uintptr_t pack_tap(size_t lane, size_t request, enum ks_attendant_decision action)
{
    return (uintptr_t)lane << 16 | (uintptr_t)(request == SIZE_MAX ? NO_REQUEST : request) << 8 |
           (uintptr_t)action;
}

static void on_action(struct ui_widget *w, void *user)
{
    ks_att_tap *tap = user;
    uintptr_t code = (uintptr_t)ui_widget_user_data(w);
    size_t request = (code >> 8) & 0xffu;
    *tap = (ks_att_tap){.kind = KS_ATT_TAP_ACTION,
                        .lane = code >> 16,
                        .request = request == NO_REQUEST ? SIZE_MAX : request,
                        .action = (enum ks_attendant_decision)(code & 0xffu)};
}

static void on_sign_out(struct ui_widget *w, void *user)
{
    ks_att_tap *tap = user;
    (void)w;
    *tap = (ks_att_tap){.kind = KS_ATT_TAP_SIGN_OUT};
}

static void on_pin(struct ui_widget *w, void *user)
{
    ks_att_tap *tap = user;
    *tap = (ks_att_tap){.kind = KS_ATT_TAP_PIN};
    snprintf(tap->pin, sizeof tap->pin, "%s", ui_keypad_value(w));
    ui_keypad_clear(w);
}

static struct ui_widget *action_button(const ks_att_view *v, size_t lane, size_t request,
                                       enum ks_attendant_decision action,
                                       enum ui_button_style style)
{
    struct ui_widget *b = ui_button_new(
        ks_str(KS_STR_ATT_ACTION_APPROVE_AGE + (action - KS_DECIDE_APPROVE_AGE), v->lang), style);
    char name[NAME_MAX_LEN];
    snprintf(name, sizeof name, "%s:%s", ks_att_action_name(action), v->lanes[lane].report.lane_id);
    ui_widget_set_name(b, name);
    ui_widget_set_user_data(b, (void *)pack_tap(lane, request, action));
    ui_widget_on_click(b, on_action, v->tap);
    return b;
}

static struct ui_widget *request_row(const ks_att_view *v, size_t lane, size_t i)
{
    const ks_att_request *q = &v->lanes[lane].report.requests[i];
    struct ui_widget *col = ui_column_new(8);
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_AUTO);
    char text[KS_ATT_ITEM_MAX + 96];
    if (q->item[0])
        snprintf(text, sizeof text, "%s: %s (%s %u)",
                 ks_str(KS_STR_ATT_NEED_AGE_CHECK + need_index(q->need), v->lang), q->item,
                 ks_str(KS_STR_ATT_LINE, v->lang), (unsigned)q->line);
    else
        snprintf(text, sizeof text, "%s",
                 ks_str(KS_STR_ATT_NEED_AGE_CHECK + need_index(q->need), v->lang));
    ui_widget_add(col, ui_label_new_styled(text, UI_TYPE_BODY, UI_FONT_BOLD, UI_COLOR_DANGER));
    struct ui_widget *buttons = ui_widget_add(col, ui_row_new(8));
    switch (q->need) {
    case KS_NEED_AGE:
        ui_widget_add(buttons, action_button(v, lane, i, KS_DECIDE_APPROVE_AGE, UI_BUTTON_PRIMARY));
        if (q->line)
            ui_widget_add(buttons,
                          action_button(v, lane, i, KS_DECIDE_VOID_LINE, UI_BUTTON_SECONDARY));
        break;
    case KS_NEED_REMOVAL:
        ui_widget_add(buttons,
                      action_button(v, lane, i, KS_DECIDE_APPROVE_REMOVAL, UI_BUTTON_PRIMARY));
        ui_widget_add(buttons,
                      action_button(v, lane, i, KS_DECIDE_DECLINE_REMOVAL, UI_BUTTON_SECONDARY));
        break;
    case KS_NEED_BAGGING:
        ui_widget_add(buttons,
                      action_button(v, lane, i, KS_DECIDE_CLEAR_BAGGING, UI_BUTTON_PRIMARY));
        break;
    default:
        ui_widget_add(buttons, action_button(v, lane, i, KS_DECIDE_HELP_GIVEN, UI_BUTTON_PRIMARY));
        break;
    }
    return col;
}

static enum ui_color_role status_color(enum ks_att_status s)
{
    switch (s) {
    case KS_ATT_STATUS_OFFLINE:
    case KS_ATT_STATUS_FAULT:
    case KS_ATT_STATUS_WAITING:
        return UI_COLOR_DANGER;
    case KS_ATT_STATUS_HELP:
        return UI_COLOR_ACCENT;
    case KS_ATT_STATUS_PAYING:
    case KS_ATT_STATUS_SCANNING:
        return UI_COLOR_SUCCESS;
    default:
        return UI_COLOR_TEXT_MUTED;
    }
}

static struct ui_widget *lane_card(const ks_att_view *v, size_t lane)
{
    const ks_att_lane *l = &v->lanes[lane];
    const ks_att_report *r = &l->report;
    enum ks_att_status status = ks_att_lane_status(l, v->now_ms);
    struct ui_widget *card = ui_column_new(10);
    ui_container_set_background(card, UI_COLOR_SURFACE, 16);
    ui_widget_set_padding_all(card, 16);
    ui_widget_set_size(card, UI_SIZE_FILL, UI_SIZE_AUTO);
    char name[NAME_MAX_LEN];
    snprintf(name, sizeof name, "lane:%s", r->lane_id);
    ui_widget_set_name(card, name);
    struct ui_widget *head = ui_widget_add(card, ui_row_new(12));
    ui_widget_set_size(head, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_widget_add(head,
                  ui_label_new_styled(r->lane_id, UI_TYPE_HEADING, UI_FONT_BOLD, UI_COLOR_TEXT));
    struct ui_widget *st = ui_widget_add(
        head, ui_label_new_styled(ks_str(KS_STR_ATT_STATUS_OFFLINE + status, v->lang),
                                  UI_TYPE_HEADING, UI_FONT_BOLD, status_color(status)));
    snprintf(name, sizeof name, "status:%s", r->lane_id);
    ui_widget_set_name(st, name);
    char money[KS_MONEY_FORMAT_CAP], text[160];
    ks_money_format(money, sizeof money, r->total, &KS_CURRENCY_SAR, v->lang, KS_NUMERALS_WESTERN);
    snprintf(text, sizeof text, "%u %s  \xC2\xB7  %s", (unsigned)r->items,
             ks_str(KS_STR_ATT_PIECES, v->lang), money);
    ui_widget_add(card,
                  ui_label_new_styled(text, UI_TYPE_BODY, UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    if (r->faults) {
        char faults[160] = "";
        size_t used = 0;
        for (int i = 0; i < 4; i++)
            if (r->faults & (1u << i))
                used +=
                    (size_t)snprintf(faults + used, sizeof faults - used, "%s%s", used ? ", " : "",
                                     ks_str(KS_STR_ATT_FAULT_PRINTER + i, v->lang));
        ui_widget_add(card,
                      ui_label_new_styled(faults, UI_TYPE_BODY, UI_FONT_BOLD, UI_COLOR_DANGER));
    }
    for (size_t i = 0; i < r->n_requests; i++)
        ui_widget_add(card, request_row(v, lane, i));
    if (status != KS_ATT_STATUS_OFFLINE &&
        (r->activity == KS_ATT_SCANNING || r->activity == KS_ATT_PAYING))
        ui_widget_add(card, action_button(v, lane, SIZE_MAX, KS_DECIDE_CANCEL, UI_BUTTON_GHOST));
    return card;
}

static struct ui_widget *lanes_screen(const ks_att_view *v, struct ui_widget *root)
{
    struct ui_widget *bar = ui_widget_add(root, ui_row_new(16));
    ui_widget_set_size(bar, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_container_set_align(bar, UI_ALIGN_CENTER);
    struct ui_widget *title =
        ui_widget_add(bar, ui_label_new_styled(ks_str(KS_STR_ATT_TITLE, v->lang), UI_TYPE_TITLE,
                                               UI_FONT_BOLD, UI_COLOR_TEXT));
    ui_widget_set_size(title, UI_SIZE_FILL, UI_SIZE_AUTO);
    char who[96];
    snprintf(who, sizeof who, "%s %s", ks_str(KS_STR_ATT_SIGNED_IN, v->lang), v->staff);
    ui_widget_add(bar,
                  ui_label_new_styled(who, UI_TYPE_BODY, UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
    struct ui_widget *out = ui_widget_add(
        bar, ui_button_new(ks_str(KS_STR_ATT_SIGN_OUT, v->lang), UI_BUTTON_SECONDARY));
    ui_widget_set_name(out, "sign-out");
    ui_widget_on_click(out, on_sign_out, v->tap);
    if (v->n_lanes == 0) {
        ui_widget_add(root,
                      ui_label_new_styled(ks_str(KS_STR_ATT_NO_LANES, v->lang), UI_TYPE_HEADING,
                                          UI_FONT_REGULAR, UI_COLOR_TEXT_MUTED));
        return root;
    }
    struct ui_widget *scroll = ui_widget_add(root, ui_scroll_new());
    ui_widget_set_size(scroll, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_set_name(scroll, KS_ATT_LANES_LIST);
    struct ui_widget *grid = ui_widget_add(scroll, ui_grid_new(CARD_COLUMNS, 16));
    ui_widget_set_size(grid, UI_SIZE_FILL, UI_SIZE_AUTO);
    for (size_t i = 0; i < v->n_lanes; i++)
        ui_widget_add(grid, lane_card(v, i));
    return root;
}

static struct ui_widget *sign_in_screen(const ks_att_view *v, struct ui_widget *root)
{
    /* A tablet lies on its side: the words on one half, the keypad on the other. */
    struct ui_widget *halves = ui_widget_add(root, ui_row_new(48));
    ui_widget_set_size(halves, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_container_set_align(halves, UI_ALIGN_CENTER);
    struct ui_widget *words = ui_widget_add(halves, ui_column_new(24));
    ui_widget_set_size(words, UI_SIZE_FILL, UI_SIZE_AUTO);
    ui_container_set_align(words, UI_ALIGN_CENTER);
    ui_widget_add(words, ui_label_new_styled(ks_str(KS_STR_ATT_TITLE, v->lang), UI_TYPE_TITLE,
                                             UI_FONT_BOLD, UI_COLOR_TEXT));
    /* Locked: the kiosk's own words for it (kiosk/screens/attendant.c). */
    enum ks_str said = v->locked      ? KS_STR_PIN_LOCKED
                       : v->wrong_pin ? KS_STR_ATT_WRONG
                                      : KS_STR_ATT_SIGN_IN;
    struct ui_widget *prompt = ui_widget_add(
        words,
        ui_label_new_styled(ks_str(said, v->lang), UI_TYPE_HEADING, UI_FONT_BOLD,
                            said != KS_STR_ATT_SIGN_IN ? UI_COLOR_DANGER : UI_COLOR_TEXT_MUTED));
    ui_widget_set_name(prompt, v->locked ? "sign-in-locked" : "sign-in-prompt");
    struct ui_widget *pad = ui_keypad_new(UI_KEYPAD_PIN, KS_ATT_PIN_MIN, KS_ATT_PIN_MAX,
                                          ks_str(KS_STR_ATT_OK, v->lang));
    ui_widget_set_size(pad, 500, UI_SIZE_AUTO);
    ui_widget_set_name(pad, "pin");
    ui_widget_on_click(pad, on_pin, v->tap);
    static const char *const keys[12] = {"1", "2", "3", "4",    "5", "6",
                                         "7", "8", "9", "back", "0", "ok"};
    struct ui_widget *grid = ui_widget_child(pad, 1);
    for (int i = 0; i < 12 && i < ui_widget_child_count(grid); i++) {
        char name[NAME_MAX_LEN];
        snprintf(name, sizeof name, "pin-%s", keys[i]);
        ui_widget_set_name(ui_widget_child(grid, i), name);
    }
    ui_widget_set_enabled(pad, !v->locked);
    ui_widget_add(halves, pad);
    return root;
}

struct ui_widget *ks_att_screen(const ks_att_view *v)
{
    struct ui_widget *root = ui_column_new(16);
    if (!root)
        return NULL;
    ui_container_set_background(root, UI_COLOR_BACKGROUND, 0);
    ui_widget_set_size(root, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_set_padding_all(root, 24);
    return v->staff ? lanes_screen(v, root) : sign_in_screen(v, root);
}
