/* Waiting for the attendant (see kiosk/screens/attendant.h). */
#include "kiosk/screens/attendant.h"

#include <stdio.h>

#include "kiosk/app/attendant_msg.h"
#include "kiosk/common/staff_secret.h"
#include "kiosk/domain/intervention.h"
#include "kiosk/domain/order.h"
#include "kiosk/screens/kit.h"
#include "kiosk/screens/staff_access.h"
#include "kiosk/screens/staff_pin.h"
#include "ui/w_container.h"
#include "ui/w_keypad.h"
#include "ui/w_label.h"

/* Each need with what the shopper reads and what a right staff PIN decides for it. */
static const struct {
    unsigned need;
    enum ks_str text;
    enum ks_attendant_decision decision;
} needs[] = {
    {KS_NEED_BAGGING, KS_STR_NEED_BAGGING, KS_DECIDE_CLEAR_BAGGING},
    {KS_NEED_REMOVAL, KS_STR_NEED_REMOVAL, KS_DECIDE_APPROVE_REMOVAL},
    {KS_NEED_AGE, KS_STR_NEED_AGE, KS_DECIDE_APPROVE_AGE},
    {KS_NEED_UNKNOWN, KS_STR_NEED_UNKNOWN, KS_DECIDE_HELP_GIVEN},
    {KS_NEED_IDLE, KS_STR_NEED_IDLE, KS_DECIDE_HELP_GIVEN},
    {KS_NEED_HELP, KS_STR_NEED_HELP, KS_DECIDE_HELP_GIVEN},
};
#define N_NEEDS (sizeof needs / sizeof needs[0])

/* Staff at the lane (staff: who, NULL for the PIN's holder) settle everything it waits for. */
static void settle_all(ks_kiosk_ui *k, const char *staff)
{
    unsigned waiting = k->journey.attendant;
    for (size_t i = 0; i < N_NEEDS; i++)
        if (waiting & needs[i].need)
            ks_lane_decide(k, needs[i].decision, staff, 0);
}

static void on_pin(struct ui_widget *w, void *user)
{
    ks_kiosk_ui *k = user;
    bool ok = ks_staff_pin_try(k, ui_keypad_value(w), "lane");
    ui_keypad_clear(w);
    k->pin_wrong = !ok;
    /* A listed person decides under their name when it is a staff id a lane's order carries
     * (kiosk/domain/intervention.h); else, and for the shared PIN, as "lane-pin". */
    const char *who = ks_staff_who(k, NULL);
    if (ok)
        settle_all(k, who && ks_id_ok(who, KS_INTERVENTION_STAFF_MAX) ? who : NULL);
    else if (ks_staff_locked(k))
        ks_ui_toast(k, ks_ui_str(k, KS_STR_PIN_LOCKED));
    ks_ui_refresh(k);
}

bool ks_attendant_badge(ks_kiosk_ui *k, const char *code)
{
    const ks_config *cfg = k->c.cfg;
    const char *holder = NULL;
    /* Every badge is checked, whichever matches, so the time says nothing of the code. */
    for (size_t i = 0; i < cfg->n_badges; i++)
        if (ks_staff_secret_matches(code, cfg->badges[i].hash) && !holder)
            holder = cfg->badges[i].staff;
    if (!holder)
        return false;
    bool locked = ks_staff_locked(k);
    ks_staff_badge_audit(k, "lane", holder, !locked);
    if (locked) {
        ks_ui_toast(k, ks_ui_str(k, KS_STR_PIN_LOCKED));
        return true;
    }
    k->pin_wrong = false;
    settle_all(k, holder);
    ks_ui_refresh(k);
    return true;
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    bool paused = ks_journey_lane_paused(&k->journey);
    ui_widget_add(body, ks_kit_header(k, paused ? 0 : KS_KIT_HEADER_BACK, NULL));
    struct ui_widget *col = ui_widget_add(body, ui_column_new(20));
    ui_container_set_align(col, UI_ALIGN_CENTER);
    ui_widget_set_size(col, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_set_padding(col, (struct ui_insets){24, 24, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ks_ui_name(ui_widget_add(col, ks_kit_centered(ks_ui_str(k, KS_STR_ATTENDANT_COMING),
                                                  UI_TYPE_DISPLAY, UI_FONT_BOLD, UI_COLOR_TEXT)),
               "attendant-coming");
    for (size_t i = 0; i < N_NEEDS; i++) {
        if (!(k->journey.attendant & needs[i].need))
            continue;
        enum ks_str text =
            needs[i].need == KS_NEED_BAGGING ? ks_lane_bagging_text(k) : needs[i].text;
        struct ui_widget *reason =
            ui_widget_add(col, ks_kit_centered(ks_ui_str(k, text), UI_TYPE_HEADING, UI_FONT_BOLD,
                                               paused ? UI_COLOR_DANGER : UI_COLOR_TEXT_MUTED));
        ui_widget_set_size(reason, UI_SIZE_FILL, UI_SIZE_AUTO);
        ks_ui_name2(reason, "need", ks_att_need_name(needs[i].need));
    }
    if (k->journey.attendant & KS_NEED_IDLE)
        ui_widget_add(col, ks_kit_event_button(k, ks_ui_str(k, KS_STR_STILL_HERE),
                                               UI_BUTTON_PRIMARY, KS_EV_STILL_HERE, "still-here"));
    ui_widget_add(col, ks_kit_fill());
    ui_widget_add(
        col, ks_kit_centered(ks_ui_str(k, k->pin_wrong ? KS_STR_WRONG_PIN : KS_STR_STAFF_APPROVE),
                             UI_TYPE_BODY, UI_FONT_BOLD,
                             k->pin_wrong ? UI_COLOR_DANGER : UI_COLOR_TEXT_MUTED));
    struct ui_widget *pad = ui_widget_add(col, ks_staff_pin_pad(k, on_pin));
    ui_widget_set_enabled(pad, !ks_staff_locked(k));
    return root;
}

static void leave(ks_kiosk_ui *k)
{
    k->pin_wrong = false;
}

/* The keypad opens again when the lockout's time is over, without waiting for a rebuild. */
static void update(ks_kiosk_ui *k, int64_t now_ms)
{
    (void)now_ms;
    struct ui_widget *pad = ks_kiosk_ui_find(k, "keypad");
    bool open = !ks_staff_locked(k);
    if (pad && ui_widget_is_enabled(pad) != open) {
        ui_widget_set_enabled(pad, open);
        ks_ui_refresh(k); /* and the line above it stops saying "locked" */
    }
}

const ks_screen_ops ks_screen_attendant = {.build = build, .update = update, .leave = leave};
