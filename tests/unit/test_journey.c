/*
 * The journey state machine (kiosk/app/journey.c), as scenarios: each step
 * is an event at a time, the screen expected after it and the effects it
 * must ask for. The rules are fixed here so times are easy to follow.
 */
#include "kiosk/app/journey.h"
#include "tests/support/check.h"

#include <string.h>

#define S(x) KS_SCREEN_##x
#define E(x) KS_EV_##x

struct step {
    enum ks_event_kind kind;
    int64_t at_ms;
    int arg;               /* lang, service, cart_empty or pin_ok, by event */
    enum ks_screen screen; /* expected after the step */
    unsigned effects;      /* expected, exactly */
};

struct scenario {
    const char *name;
    enum ks_kiosk_mode mode;
    bool pay_at_counter;
    bool from_cart; /* steps start on the cart screen, reached by to_cart[] */
    const struct step *steps;
    size_t n;
};

static ks_journey_rules rules_for(const struct scenario *sc)
{
    return (ks_journey_rules){
        .mode = sc->mode,
        .default_lang = KS_LANG_AR,
        .idle_timeout_ms = 60000,
        .idle_countdown_ms = 15000,
        .done_timeout_ms = 10000,
        .pay_at_counter = sc->pay_at_counter,
        .upsell = true,
        .pin = {3, 300000},
        .remove_needs_attendant = true,
    };
}

static ks_event event_of(const struct step *st)
{
    ks_event ev = {.kind = st->kind, .now_ms = st->at_ms};
    switch (st->kind) {
    case KS_EV_CHOOSE_LANGUAGE:
        ev.arg.lang = (enum ks_lang)st->arg;
        break;
    case KS_EV_CHOOSE_SERVICE:
        ev.arg.service = (enum ks_service)st->arg;
        break;
    case KS_EV_CART_CHANGED:
        ev.arg.cart_empty = st->arg != 0;
        break;
    case KS_EV_PIN_ENTERED:
        ev.arg.pin_ok = st->arg != 0;
        break;
    case KS_EV_SCANNED:
        ev.arg.scan = (enum ks_scanned)st->arg;
        break;
    case KS_EV_ATTENDANT_DECISION:
        ev.arg.decision = (enum ks_attendant_decision)st->arg;
        break;
    default:
        break;
    }
    return ev;
}

/* A dine-in customer with something in the cart, past the suggestions, at time 0. */
static const struct step to_cart[] = {
    {E(START), 0, 0, S(LANGUAGE), 0},
    {E(CHOOSE_LANGUAGE), 0, KS_LANG_EN, S(SERVICE), 0},
    {E(CHOOSE_SERVICE), 0, KS_SERVICE_DINE_IN, S(MENU), 0},
    {E(CART_CHANGED), 0, 0, S(MENU), 0},
    {E(VIEW_CART), 0, 0, S(UPSELL), 0},
    {E(CHECKOUT), 0, 0, S(CART), 0},
};

static bool run_scenario(const struct scenario *sc)
{
    ks_journey_rules rules = rules_for(sc);
    ks_journey j;
    ks_journey_init(&j, &rules, 0);
    size_t skip = sc->from_cart ? 0 : CHECK_COUNT(to_cart);
    for (size_t i = skip; i < CHECK_COUNT(to_cart) + sc->n; i++) {
        const struct step *st =
            i < CHECK_COUNT(to_cart) ? &to_cart[i] : &sc->steps[i - CHECK_COUNT(to_cart)];
        ks_event ev = event_of(st);
        unsigned fx = ks_journey_step(&j, &rules, &ev);
        if (j.screen != st->screen || fx != st->effects) {
            check_fail(__FILE__, __LINE__, "%s, step %zu: screen %s effects 0x%x, expected %s 0x%x",
                       sc->name, i + 1, ks_screen_name(j.screen), fx, ks_screen_name(st->screen),
                       st->effects);
            return false;
        }
    }
    return true;
}

/* The happy path of a restaurant order, with an upsell and a card payment. */
static const struct step restaurant_order[] = {
    {E(START), 1000, 0, S(LANGUAGE), 0},
    {E(CHOOSE_LANGUAGE), 2000, KS_LANG_EN, S(SERVICE), 0},
    {E(CHOOSE_SERVICE), 3000, KS_SERVICE_TAKEAWAY, S(MENU), 0},
    {E(VIEW_CART), 3500, 0, S(MENU), 0}, /* empty cart: nothing to review */
    {E(OPEN_ITEM), 4000, 0, S(ITEM), 0},
    {E(CART_CHANGED), 5000, 0, S(ITEM), 0},
    {E(ITEM_ADDED), 5000, 0, S(MENU), 0},
    {E(VIEW_CART), 6000, 0, S(UPSELL), 0},
    {E(CHECKOUT), 7000, 0, S(CART), 0},
    {E(CHECKOUT), 8000, 0, S(PAYMENT), KS_FX_PLACE_ORDER | KS_FX_START_PAYMENT},
    {E(PAYMENT_APPROVED), 20000, 0, S(PRINTING), KS_FX_SEND_ORDER | KS_FX_PRINT_RECEIPT},
    {E(RECEIPT_DONE), 23000, 0, S(DONE), 0},
    {E(TICK), 32999, 0, S(DONE), 0},
    {E(TICK), 33000, 0, S(ATTRACT), KS_FX_CLEAR_CART},
};

/* Declined, retried, approved: one order placed, two payment attempts. */
static const struct step declined_then_paid[] = {
    {E(START), 0, 0, S(LANGUAGE), 0},
    {E(CHOOSE_LANGUAGE), 0, KS_LANG_AR, S(SERVICE), 0},
    {E(CHOOSE_SERVICE), 0, KS_SERVICE_DINE_IN, S(MENU), 0},
    {E(CART_CHANGED), 0, 0, S(MENU), 0},
    {E(VIEW_CART), 0, 0, S(UPSELL), 0},
    {E(BACK), 0, 0, S(CART), 0},
    {E(CHECKOUT), 0, 0, S(PAYMENT), 0}, /* pay at counter offered: choose the method */
    {E(PAY_CARD), 0, 0, S(PAYMENT), KS_FX_PLACE_ORDER | KS_FX_START_PAYMENT},
    {E(PAYMENT_DECLINED), 0, 0, S(PAYMENT), 0},
    {E(PAY_CARD), 0, 0, S(PAYMENT), KS_FX_START_PAYMENT}, /* same order, new attempt */
    {E(PAYMENT_APPROVED), 0, 0, S(PRINTING), KS_FX_SEND_ORDER | KS_FX_PRINT_RECEIPT},
    {E(PAYMENT_APPROVED), 0, 0, S(PRINTING), 0}, /* a duplicate answer changes nothing */
    {E(RECEIPT_DONE), 0, 0, S(DONE), 0},
    {E(ACTIVITY), 0, 0, S(ATTRACT), KS_FX_CLEAR_CART},
};

/* Idle mid-order: countdown, then reset; "still here" cancels it. */
static const struct step idle_mid_order[] = {
    {E(START), 0, 0, S(LANGUAGE), 0},
    {E(CHOOSE_LANGUAGE), 0, KS_LANG_EN, S(SERVICE), 0},
    {E(CHOOSE_SERVICE), 0, KS_SERVICE_DINE_IN, S(MENU), 0},
    {E(CART_CHANGED), 1000, 0, S(MENU), 0},
    {E(TICK), 60999, 0, S(MENU), 0},
    {E(TICK), 61000, 0, S(MENU), 0}, /* countdown starts (checked below) */
    {E(STILL_HERE), 70000, 0, S(MENU), 0},
    {E(TICK), 129999, 0, S(MENU), 0},
    {E(TICK), 130000, 0, S(MENU), 0}, /* countdown again */
    {E(TICK), 144999, 0, S(MENU), 0},
    {E(TICK), 145000, 0, S(ATTRACT), KS_FX_CLEAR_CART},
};

/* The idle timer never fires while the terminal is waiting for the card. */
static const struct step idle_during_payment[] = {
    {E(CHECKOUT), 0, 0, S(PAYMENT), KS_FX_PLACE_ORDER | KS_FX_START_PAYMENT},
    {E(TICK), 600000, 0, S(PAYMENT), 0},
    {E(TICK), 900000, 0, S(PAYMENT), 0},
    {E(PAYMENT_APPROVED), 900001, 0, S(PRINTING), KS_FX_SEND_ORDER | KS_FX_PRINT_RECEIPT},
    {E(TICK), 2000000, 0, S(PRINTING), 0},
    {E(RECEIPT_DONE), 2000001, 0, S(DONE), 0},
};

/* A declined customer who walks away: the unpaid order is cancelled on reset. */
static const struct step declined_then_abandoned[] = {
    {E(CHECKOUT), 0, 0, S(PAYMENT), KS_FX_PLACE_ORDER | KS_FX_START_PAYMENT},
    {E(PAYMENT_DECLINED), 1000, 0, S(PAYMENT), 0},
    {E(TICK), 61000, 0, S(PAYMENT), 0},
    {E(TICK), 76000, 0, S(ATTRACT), KS_FX_CLEAR_CART | KS_FX_CANCEL_ORDER},
};

/* Cancel on the kiosk while the terminal waits; the approval races the abort and wins. */
static const struct step abort_races_approval[] = {
    {E(CHECKOUT), 0, 0, S(PAYMENT), KS_FX_PLACE_ORDER | KS_FX_START_PAYMENT},
    {E(CANCEL_PAYMENT), 0, 0, S(PAYMENT), KS_FX_ABORT_PAYMENT},
    {E(START_OVER), 0, 0, S(PAYMENT), 0}, /* not while the terminal is engaged */
    {E(PAYMENT_APPROVED), 0, 0, S(PRINTING), KS_FX_SEND_ORDER | KS_FX_PRINT_RECEIPT},
};

/* Abort confirmed, then back to the cart: the stale unpaid order is cancelled. */
static const struct step abort_then_edit[] = {
    {E(CHECKOUT), 0, 0, S(PAYMENT), KS_FX_PLACE_ORDER | KS_FX_START_PAYMENT},
    {E(CANCEL_PAYMENT), 0, 0, S(PAYMENT), KS_FX_ABORT_PAYMENT},
    {E(PAYMENT_ABORTED), 0, 0, S(PAYMENT), 0},
    {E(BACK), 0, 0, S(CART), KS_FX_CANCEL_ORDER},
    {E(CHECKOUT), 0, 0, S(PAYMENT), KS_FX_PLACE_ORDER | KS_FX_START_PAYMENT},
};

static const struct step pay_at_counter[] = {
    {E(CHECKOUT), 0, 0, S(PAYMENT), 0},
    {E(PAY_AT_COUNTER), 0, 0, S(PRINTING), KS_FX_PLACE_ORDER | KS_FX_COUNTER_TICKET},
    {E(RECEIPT_DONE), 0, 0, S(DONE), 0},
};

/* Without pay-at-counter, checkout goes straight to the card; the counter event is ignored. */
static const struct step card_only[] = {
    {E(CHECKOUT), 0, 0, S(PAYMENT), KS_FX_PLACE_ORDER | KS_FX_START_PAYMENT},
    {E(PAYMENT_DECLINED), 0, 0, S(PAYMENT), 0},
    {E(PAY_AT_COUNTER), 0, 0, S(PAYMENT), 0},
};

/* Supermarket: language, then scanning; no service choice, no upsell. */
#define CALL KS_FX_CALL_ATTENDANT
#define SCAN_AS(outcome) KS_SCANNED_##outcome
#define DECIDE(d) KS_DECIDE_##d

/* A tap starts with the language; the basket, a declined card, back, paid. */
static const struct step supermarket[] = {
    {E(START), 0, 0, S(LANGUAGE), 0},
    {E(CHOOSE_LANGUAGE), 0, KS_LANG_AR, S(BASKET), 0},
    {E(CHECKOUT), 0, 0, S(BASKET), 0}, /* nothing to pay */
    {E(SCANNED), 0, SCAN_AS(ADDED), S(BASKET), 0},
    {E(CART_CHANGED), 0, 0, S(BASKET), 0},
    {E(CHECKOUT), 0, 0, S(PAYMENT), KS_FX_PLACE_ORDER | KS_FX_START_PAYMENT},
    {E(PAYMENT_DECLINED), 0, 0, S(PAYMENT), 0},
    {E(BACK), 0, 0, S(BASKET), KS_FX_CANCEL_ORDER},
    {E(CHECKOUT), 0, 0, S(PAYMENT), KS_FX_PLACE_ORDER | KS_FX_START_PAYMENT},
    {E(PAYMENT_APPROVED), 0, 0, S(PRINTING), KS_FX_SEND_ORDER | KS_FX_PRINT_RECEIPT},
    {E(RECEIPT_DONE), 0, 0, S(DONE), 0},
    {E(TICK), 10000, 0, S(ATTRACT), KS_FX_CLEAR_CART}, /* a paid basket is no wipe */
};

/* A scan starts at once; weighing, look-up, quantity; unknown and bad codes call the attendant. */
static const struct step lane_scanning[] = {
    {E(SCANNED), 0, SCAN_AS(NEEDS_WEIGHING), S(WEIGH), 0},
    {E(WEIGHED), 0, 0, S(BASKET), 0},
    {E(CART_CHANGED), 0, 0, S(BASKET), 0},
    {E(LOOKUP), 0, 0, S(LOOKUP), 0},
    {E(BACK), 0, 0, S(BASKET), 0},
    {E(LOOKUP), 0, 0, S(LOOKUP), 0},
    {E(SCANNED), 0, SCAN_AS(ADDED), S(BASKET), 0}, /* an item chosen from the grid */
    {E(EDIT_QUANTITY), 0, 0, S(QUANTITY), 0},
    {E(QUANTITY_SET), 0, 0, S(BASKET), 0},
    {E(SCANNED), 0, SCAN_AS(REFUSED), S(BASKET), CALL},
    {E(SCANNED), 0, SCAN_AS(REFUSED), S(BASKET), CALL}, /* every bad code alerts */
    {E(ATTENDANT_DECISION), 0, DECIDE(HELP_GIVEN), S(BASKET), 0},
    {E(HELP), 0, 0, S(ATTENDANT), CALL},
    {E(BACK), 0, 0, S(BASKET), 0},    /* help does not pause the lane */
    {E(HELP), 0, 0, S(ATTENDANT), 0}, /* already asked */
    {E(ATTENDANT_DECISION), 0, DECIDE(HELP_GIVEN), S(BASKET), 0},
    {E(START_OVER), 0, 0, S(ATTRACT), KS_FX_CLEAR_CART | KS_FX_BASKET_WIPED},
};

/* Age: scanning goes on, payment waits; approval at the lane lets it through. */
static const struct step lane_age[] = {
    {E(SCANNED), 0, SCAN_AS(AGE_RESTRICTED), S(BASKET), CALL},
    {E(CART_CHANGED), 0, 0, S(BASKET), 0},
    {E(SCANNED), 0, SCAN_AS(ADDED), S(BASKET), 0},
    {E(SCANNED), 0, SCAN_AS(AGE_RESTRICTED), S(BASKET), 0}, /* already asked */
    {E(CHECKOUT), 0, 0, S(ATTENDANT), 0},
    {E(BACK), 0, 0, S(BASKET), 0},
    {E(CHECKOUT), 0, 0, S(ATTENDANT), 0},
    {E(ATTENDANT_DECISION), 0, DECIDE(APPROVE_AGE), S(BASKET), 0},
    {E(CHECKOUT), 0, 0, S(PAYMENT), KS_FX_PLACE_ORDER | KS_FX_START_PAYMENT},
};

/* Removal waits for the attendant; a paused lane takes no scans; bagging pauses too. */
static const struct step lane_removal_bagging[] = {
    {E(SCANNED), 0, SCAN_AS(ADDED), S(BASKET), 0},
    {E(CART_CHANGED), 0, 0, S(BASKET), 0},
    {E(REMOVE_LINE), 0, 0, S(ATTENDANT), CALL},
    {E(SCANNED), 0, SCAN_AS(ADDED), S(ATTENDANT), 0},
    {E(BACK), 0, 0, S(ATTENDANT), 0},
    {E(START_OVER), 0, 0, S(ATTENDANT), 0},
    {E(TICK), 500000, 0, S(ATTENDANT), 0}, /* no countdown while waiting */
    {E(ATTENDANT_DECISION), 500000, DECIDE(APPROVE_REMOVAL), S(BASKET), KS_FX_REMOVE_LINE},
    {E(ATTENDANT_DECISION), 500000, DECIDE(APPROVE_REMOVAL), S(BASKET), 0}, /* twice: once */
    {E(BAGGING_ALERT), 500000, 0, S(ATTENDANT), CALL},
    {E(CHECKOUT), 500000, 0, S(ATTENDANT), 0},
    {E(ATTENDANT_DECISION), 500000, DECIDE(CLEAR_BAGGING), S(BASKET), 0},
    {E(ATTENDANT_DECISION), 500000, DECIDE(VOID_LINE), S(BASKET), KS_FX_REMOVE_LINE},
    {E(ATTENDANT_DECISION), 500000, DECIDE(CANCEL), S(ATTRACT),
     KS_FX_CLEAR_CART | KS_FX_BASKET_WIPED},
};

/* Idle with a basket: the countdown, then the attendant, never a silent wipe. */
static const struct step lane_idle[] = {
    {E(SCANNED), 0, SCAN_AS(ADDED), S(BASKET), 0},
    {E(CART_CHANGED), 0, 0, S(BASKET), 0},
    {E(TICK), 60000, 0, S(BASKET), 0}, /* "are you still there?" */
    {E(TICK), 75000, 0, S(ATTENDANT), CALL},
    {E(TICK), 900000, 0, S(ATTENDANT), 0},
    {E(STILL_HERE), 900001, 0, S(BASKET), 0}, /* back: the call stands as help */
    {E(TICK), 960001, 0, S(BASKET), 0},
    {E(TICK), 975001, 0, S(ATTENDANT), CALL},
    {E(ATTENDANT_DECISION), 975002, DECIDE(HELP_GIVEN), S(BASKET), 0},
    {E(CART_CHANGED), 975003, 1, S(BASKET), 0},
    {E(TICK), 1035003, 0, S(BASKET), 0},
    {E(TICK), 1050003, 0, S(ATTRACT), KS_FX_CLEAR_CART}, /* an empty basket just resets */
};

/* Staff: gesture, wrong PINs lock out, right PIN opens staff mode, close and reopen. */
static const struct step staff[] = {
    {E(STAFF_GESTURE), 0, 0, S(STAFF_PIN), 0},
    {E(PIN_ENTERED), 0, 0, S(STAFF_PIN), 0},
    {E(PIN_ENTERED), 0, 0, S(STAFF_PIN), 0},
    {E(PIN_ENTERED), 1000, 0, S(ATTRACT), 0}, /* third wrong PIN: locked out */
    {E(STAFF_GESTURE), 2000, 0, S(ATTRACT), 0},
    {E(STAFF_GESTURE), 300999, 0, S(ATTRACT), 0},
    {E(STAFF_GESTURE), 301000, 0, S(STAFF_PIN), 0},
    {E(PIN_ENTERED), 302000, 1, S(STAFF), 0},
    {E(STAFF_CLOSE), 303000, 0, S(OUT_OF_SERVICE), 0},
    {E(START), 304000, 0, S(OUT_OF_SERVICE), 0}, /* customers cannot order */
    {E(TICK), 999000, 0, S(OUT_OF_SERVICE), 0},
    {E(STAFF_GESTURE), 999001, 0, S(STAFF_PIN), 0},
    {E(PIN_ENTERED), 999002, 1, S(STAFF), 0},
    {E(TICK), 1059002, 0, S(OUT_OF_SERVICE), 0}, /* staff idle: logged out, still closed */
    {E(STAFF_GESTURE), 1059003, 0, S(STAFF_PIN), 0},
    {E(PIN_ENTERED), 1059004, 1, S(STAFF), 0},
    {E(STAFF_OPEN), 1059005, 0, S(ATTRACT), 0},
};

/* A staff gesture in the middle of an order does nothing. */
static const struct step staff_gesture_mid_order[] = {
    {E(START), 0, 0, S(LANGUAGE), 0},
    {E(STAFF_GESTURE), 0, 0, S(LANGUAGE), 0},
    {E(BACK), 0, 0, S(ATTRACT), KS_FX_CLEAR_CART},
};

#define SCENARIO(name, mode, counter, steps)                                                       \
    {                                                                                              \
        name, mode, counter, false, steps, CHECK_COUNT(steps)                                      \
    }
#define FROM_CART(name, counter, steps)                                                            \
    {                                                                                              \
        name, KS_MODE_RESTAURANT, counter, true, steps, CHECK_COUNT(steps)                         \
    }

static const struct scenario scenarios[] = {
    SCENARIO("restaurant order", KS_MODE_RESTAURANT, false, restaurant_order),
    SCENARIO("declined then paid", KS_MODE_RESTAURANT, true, declined_then_paid),
    SCENARIO("idle mid-order", KS_MODE_RESTAURANT, true, idle_mid_order),
    FROM_CART("idle during payment", false, idle_during_payment),
    FROM_CART("declined then abandoned", false, declined_then_abandoned),
    FROM_CART("abort races approval", false, abort_races_approval),
    FROM_CART("abort then edit", false, abort_then_edit),
    FROM_CART("pay at counter", true, pay_at_counter),
    FROM_CART("card only", false, card_only),
    SCENARIO("supermarket", KS_MODE_SUPERMARKET, false, supermarket),
    SCENARIO("lane: scanning", KS_MODE_SUPERMARKET, false, lane_scanning),
    SCENARIO("lane: age", KS_MODE_SUPERMARKET, false, lane_age),
    SCENARIO("lane: removal and bagging", KS_MODE_SUPERMARKET, false, lane_removal_bagging),
    SCENARIO("lane: idle", KS_MODE_SUPERMARKET, false, lane_idle),
    SCENARIO("staff", KS_MODE_RESTAURANT, false, staff),
    SCENARIO("staff gesture mid-order", KS_MODE_RESTAURANT, false, staff_gesture_mid_order),
};

static void test_scenarios(void)
{
    for (size_t i = 0; i < CHECK_COUNT(scenarios); i++)
        CHECK(run_scenario(&scenarios[i]));
}

static void test_countdown_visible_and_measured(void)
{
    const struct scenario sc = {.mode = KS_MODE_RESTAURANT};
    ks_journey_rules rules = rules_for(&sc);
    ks_journey j;
    ks_journey_init(&j, &rules, 0);
    ks_event ev = {.kind = KS_EV_START, .now_ms = 0};
    ks_journey_step(&j, &rules, &ev);
    CHECK(!ks_journey_idle_protected(&j));
    ev = (ks_event){.kind = KS_EV_TICK, .now_ms = 59999};
    ks_journey_step(&j, &rules, &ev);
    CHECK(!j.idle_warning);
    ev.now_ms = 60000;
    ks_journey_step(&j, &rules, &ev);
    CHECK(j.idle_warning);
    CHECK_EQ_INT(ks_journey_idle_remaining(&j, 60000), 15000);
    CHECK_EQ_INT(ks_journey_idle_remaining(&j, 70000), 5000);
    ev = (ks_event){.kind = KS_EV_ACTIVITY, .now_ms = 71000};
    ks_journey_step(&j, &rules, &ev);
    CHECK(!j.idle_warning);
    CHECK_EQ_INT(ks_journey_idle_remaining(&j, 71000), 0);
}

static void test_rules_from_config(void)
{
    ks_config cfg;
    ks_config_defaults(&cfg);
    cfg.idle_timeout_s = 45;
    cfg.mode = KS_MODE_SUPERMARKET;
    ks_journey_rules rules;
    ks_journey_rules_from_config(&rules, &cfg);
    CHECK_EQ_INT(rules.idle_timeout_ms, 45000);
    CHECK_EQ_INT(rules.idle_countdown_ms, 15000);
    CHECK_EQ_INT(rules.mode, KS_MODE_SUPERMARKET);
    CHECK_EQ_INT(rules.pin.max_failures, 3);
    CHECK(rules.pay_at_counter);
}

static void test_screen_names(void)
{
    CHECK_EQ_STR(ks_screen_name(KS_SCREEN_ATTRACT), "attract");
    CHECK_EQ_STR(ks_screen_name(KS_SCREEN_OUT_OF_SERVICE), "out-of-service");
    CHECK_EQ_STR(ks_screen_name((enum ks_screen)99), "unknown");
    /* Every screen has its own name: none falls through to "unknown", no two alike. */
    for (int s = 0; s < KS_SCREEN_COUNT; s++) {
        CHECK(strcmp(ks_screen_name((enum ks_screen)s), "unknown") != 0);
        for (int t = 0; t < s; t++)
            CHECK(strcmp(ks_screen_name((enum ks_screen)s), ks_screen_name((enum ks_screen)t)) !=
                  0);
    }
}

static const struct check_case cases[] = {
    {"scenarios", test_scenarios},
    {"countdown visible and measured", test_countdown_visible_and_measured},
    {"rules from config", test_rules_from_config},
    {"screen names", test_screen_names},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
