/*
 * The kitchen's rules and working set (kds_ticket.c, kds_queue.c) on a real
 * display database: ages and their colours, the status lifecycle with
 * recall, station routing, bumping at a station and at the expo screen,
 * striking single lines, recall, the bump bar's keys, the all-day counts.
 */
#include "tests/unit/test_kitchen_fixture.h"

#include "kiosk/kitchen/kds_queue.h"
#include "kiosk/kitchen/kds_ticket.h"

#define NOW (KITCHEN_NOON + 600)

static void test_age_levels(void)
{
    static const struct {
        int64_t age;
        enum ks_kds_age level;
    } table[] = {
        {0, KS_KDS_AGE_FRESH},  {299, KS_KDS_AGE_FRESH},   {300, KS_KDS_AGE_LATE},
        {599, KS_KDS_AGE_LATE}, {600, KS_KDS_AGE_OVERDUE}, {86400, KS_KDS_AGE_OVERDUE},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (ks_kds_age_level(table[i].age, 300, 600) != table[i].level)
            check_fail(__FILE__, __LINE__, "age %lld", (long long)table[i].age);
}

static void test_lifecycle_with_recall(void)
{
    static const struct {
        enum ks_order_status from, to;
        bool allowed;
    } table[] = {
        {KS_ORDER_PAID, KS_ORDER_IN_PREPARATION, true},
        {KS_ORDER_PAID, KS_ORDER_READY, true},
        {KS_ORDER_IN_PREPARATION, KS_ORDER_READY, true},
        {KS_ORDER_READY, KS_ORDER_IN_PREPARATION, true}, /* recall */
        {KS_ORDER_READY, KS_ORDER_COLLECTED, true},
        {KS_ORDER_COLLECTED, KS_ORDER_READY, false},
        {KS_ORDER_COLLECTED, KS_ORDER_IN_PREPARATION, false},
        {KS_ORDER_READY, KS_ORDER_PAID, false},
        {KS_ORDER_IN_PREPARATION, KS_ORDER_COLLECTED, false},
        {KS_ORDER_PAID, KS_ORDER_COLLECTED, false},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (ks_kds_can_transition(table[i].from, table[i].to) != table[i].allowed)
            check_fail(__FILE__, __LINE__, "%s -> %s", ks_order_status_name(table[i].from),
                       ks_order_status_name(table[i].to));
}

/*
 * Three tickets, arriving in this order (fixture lines: 0 meal, 1 fries,
 * 2 cola x2, 3 dates by weight, 4 water):
 *   #1 meal, fries x2, cola x2     #2 meal only     #3 cola x2, water
 */
static ks_kds_store *three_tickets(const char *name, char uuids[3][37])
{
    static const unsigned lines[3] = {0x07, 0x01, 0x14};
    ks_kds_store *store = ks_kds_store_open(kitchen_fresh_path(name), NULL);
    for (int i = 0; store && i < 3; i++) {
        ks_order *o = kitchen_order(200 + (unsigned)i, lines[i], i + 1, KS_SERVICE_TAKEAWAY);
        char *json = ks_order_to_json(o, NULL);
        bool duplicate;
        bool ok = json && ks_kds_store_add(store, o, json, strlen(json), NOW - 60 * (3 - i),
                                           &duplicate) == KS_DB_OK;
        memcpy(uuids[i], o->uuid, 37);
        free(json);
        ks_order_free(o);
        if (!ok) {
            ks_kds_store_close(store);
            return NULL;
        }
    }
    return store;
}

static const ks_kds_station drinks = {
    .name = "drinks", .categories = {"drinks"}, .n_categories = 1};

static enum ks_order_status status_of(ks_kds_store *store, const char *uuid)
{
    ks_kds_summary rows[8];
    size_t n = 0;
    ks_kds_store_list(store, ~0u, rows, 8, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].uuid, uuid) == 0)
            return rows[i].status;
    return KS_ORDER_CANCELLED; /* not found */
}

static void test_station_routing_and_all_day(void)
{
    char uuids[3][37];
    ks_kds_store *store = three_tickets("route.db", uuids);
    CHECK(store != NULL);
    ks_kds_queue *bar = ks_kds_queue_new(store, &drinks);
    ks_kds_queue *expo = ks_kds_queue_new(store, NULL);
    CHECK(bar && expo);
    CHECK_EQ_INT(ks_kds_queue_reload(bar), KS_DB_OK);
    CHECK_EQ_INT(ks_kds_queue_reload(expo), KS_DB_OK);
    /* The drinks station never sees ticket #2 (a meal only). */
    CHECK_EQ_INT(ks_kds_queue_count(bar), 2);
    CHECK_EQ_INT(ks_kds_queue_ticket(bar, 0)->order->number, 1);
    CHECK_EQ_INT(ks_kds_queue_ticket(bar, 1)->order->number, 3);
    CHECK_EQ_INT(ks_kds_queue_count(expo), 3);

    ks_kds_ticket t[3];
    for (size_t i = 0; i < 3; i++)
        t[i] = *ks_kds_queue_ticket(expo, i);
    ks_kds_count counts[8];
    /* Drinks: cola 2 + 2 = 4, water 1. */
    CHECK_EQ_INT(ks_kds_all_day(t, 3, &drinks, counts, 8), 2);
    CHECK_EQ_STR(counts[0].item_id, "cola");
    CHECK_EQ_INT(counts[0].quantity, 4);
    CHECK_EQ_STR(counts[1].item_id, "water");
    CHECK_EQ_INT(counts[1].quantity, 1);
    /* Everything: cola 4, the meals' classic-burger 2, fries 2, water 1 (ties by id); cut to 2. */
    CHECK_EQ_INT(ks_kds_all_day(t, 3, NULL, counts, 2), 4);
    CHECK_EQ_STR(counts[0].item_id, "cola");
    CHECK_EQ_STR(counts[1].item_id, "classic-burger");
    CHECK_EQ_INT(counts[1].quantity, 2);
    ks_kds_queue_free(bar);
    ks_kds_queue_free(expo);
    ks_kds_store_close(store);
}

static bool add_detail(ks_order_line *line, enum ks_order_detail_kind kind, const char *id,
                       const char *category, const char *name, int32_t depth)
{
    ks_order_detail *grown = realloc(line->details, (line->n_details + 1) * sizeof *grown);
    if (!grown)
        return false;
    line->details = grown;
    grown[line->n_details++] = (ks_order_detail){.kind = kind,
                                                 .id = strdup(id),
                                                 .category_id = strdup(category),
                                                 .name_ar = strdup(name),
                                                 .name_en = strdup(name),
                                                 .depth = depth};
    return true;
}

/*
 * A large meal x2 of burger (with cheddar), fries (no salt) and cola: the
 * grill, the fryer and the bar each see their item with the meal's size,
 * quantity and its own modifiers; the expo screen sees all three; the fryer
 * bumping leaves the burger and the cola to make.
 */
static void test_meal_items_routed(void)
{
    ks_order *o = kitchen_order(300, 0x01, 9, KS_SERVICE_TAKEAWAY);
    CHECK(o && o->n_lines == 1 && o->lines[0].n_details == 3);
    o->lines[0].quantity = 2;
    ks_order_line *meal = &o->lines[0];
    CHECK(add_detail(meal, KS_DETAIL_COMBO_ITEM, "fries", "sides", "Fries", 0) &&
          add_detail(meal, KS_DETAIL_MODIFIER, "no-salt", "", "No salt", 1) &&
          add_detail(meal, KS_DETAIL_COMBO_ITEM, "cola", "drinks", "Cola", 0));
    char *json = ks_order_to_json(o, NULL);
    CHECK(json);
    ks_kds_store *store = ks_kds_store_open(kitchen_fresh_path("meal.db"), NULL);
    bool duplicate = false;
    CHECK(store && ks_kds_store_add(store, o, json, strlen(json), NOW, &duplicate) == KS_DB_OK);
    free(json);
    ks_order_free(o);

    static const ks_kds_station grill = {
        .name = "grill", .categories = {"burgers"}, .n_categories = 1};
    static const ks_kds_station fryer = {
        .name = "fryer", .categories = {"sides"}, .n_categories = 1};
    const ks_kds_station *stations[3] = {&grill, &fryer, &drinks};
    static const char *const made[3] = {"classic-burger", "fries", "cola"};
    for (int s = 0; s < 3; s++) {
        ks_kds_queue *q = ks_kds_queue_new(store, stations[s]);
        CHECK(q && ks_kds_queue_reload(q) == KS_DB_OK && ks_kds_queue_count(q) == 1);
        ks_kds_count counts[4];
        size_t n = ks_kds_all_day(ks_kds_queue_ticket(q, 0), 1, stations[s], counts, 4);
        bool right = n == 1 && strcmp(counts[0].item_id, made[s]) == 0 && counts[0].quantity == 2;
        ks_kds_queue_free(q);
        CHECK(right);
    }
    ks_kds_queue *expo = ks_kds_queue_new(store, NULL);
    CHECK(expo && ks_kds_queue_reload(expo) == KS_DB_OK);
    const ks_order *k = ks_kds_queue_ticket(expo, 0)->order;
    CHECK_EQ_INT(k->n_lines, 3);
    /* Each item carries the meal's size; the fries their own "no salt", depth 0 now. */
    CHECK_EQ_STR(k->lines[0].details[0].id, "large");
    CHECK_EQ_STR(k->lines[0].details[1].id, "cheddar");
    CHECK_EQ_INT(k->lines[1].n_details, 2);
    CHECK_EQ_STR(k->lines[1].details[1].id, "no-salt");
    CHECK_EQ_INT(k->lines[1].details[1].depth, 0);
    CHECK_EQ_INT(k->lines[2].n_details, 1);
    /* The meal's amounts go with its first item, so the order still adds up. */
    CHECK(k->lines[1].gross == 0 && k->lines[2].gross == 0 && k->lines[0].gross > 0);

    ks_kds_queue *fry = ks_kds_queue_new(store, &fryer);
    CHECK(fry && ks_kds_queue_reload(fry) == KS_DB_OK);
    CHECK_EQ_INT(ks_kds_queue_bump(fry, 0, NOW + 10), KS_DB_OK);
    CHECK_EQ_INT(ks_kds_queue_reload(expo), KS_DB_OK);
    const ks_kds_ticket *t = ks_kds_queue_ticket(expo, 0);
    CHECK(!t->done[0] && t->done[1] && !t->done[2]);
    ks_kds_queue_free(fry);
    ks_kds_queue_free(expo);
    ks_kds_store_close(store);
}

static void test_bump_at_station_then_expo(void)
{
    char uuids[3][37];
    ks_kds_store *store = three_tickets("bump.db", uuids);
    CHECK(store != NULL);
    ks_kds_queue *bar = ks_kds_queue_new(store, &drinks);
    ks_kds_queue *expo = ks_kds_queue_new(store, NULL);
    CHECK_EQ_INT(ks_kds_queue_reload(bar), KS_DB_OK);
    /* The bar bumps #1: its cola is done, the meal and fries are not, so it is only started. */
    CHECK_EQ_INT(ks_kds_queue_bump(bar, 0, NOW), KS_DB_OK);
    CHECK_EQ_INT(ks_kds_queue_count(bar), 1);
    CHECK_EQ_INT(ks_kds_queue_ticket(bar, 0)->order->number, 3);
    CHECK_EQ_INT(status_of(store, uuids[0]), KS_ORDER_IN_PREPARATION);
    CHECK_EQ_INT(ks_kds_queue_reload(expo), KS_DB_OK);
    const ks_kds_ticket *first = ks_kds_queue_ticket(expo, 0);
    CHECK_EQ_INT(first->order->number, 1);
    CHECK(!first->done[0] && !first->done[1] && first->done[2]);
    /* The expo screen bumps it: every line done, the order is ready and leaves the screen. */
    CHECK_EQ_INT(ks_kds_queue_bump(expo, 0, NOW + 5), KS_DB_OK);
    CHECK_EQ_INT(status_of(store, uuids[0]), KS_ORDER_READY);
    CHECK_EQ_INT(ks_kds_queue_count(expo), 2);
    /* The bar bumps #3, all drinks: ready at once. */
    CHECK_EQ_INT(ks_kds_queue_bump(bar, 0, NOW + 6), KS_DB_OK);
    CHECK_EQ_INT(status_of(store, uuids[2]), KS_ORDER_READY);
    CHECK_EQ_INT(ks_kds_queue_count(bar), 0);
    CHECK_EQ_INT(ks_kds_queue_selected(bar), -1);
    CHECK_EQ_INT(ks_kds_queue_bump(bar, 0, NOW), KS_DB_ERR_NOT_FOUND);
    ks_kds_queue_free(bar);
    ks_kds_queue_free(expo);
    ks_kds_store_close(store);
}

static void test_strike_lines(void)
{
    char uuids[3][37];
    ks_kds_store *store = three_tickets("strike.db", uuids);
    ks_kds_queue *expo = ks_kds_queue_new(store, NULL);
    CHECK_EQ_INT(ks_kds_queue_reload(expo), KS_DB_OK);
    CHECK_EQ_INT(ks_kds_queue_toggle_line(expo, 0, 1, NOW), KS_DB_OK);
    CHECK(ks_kds_queue_ticket(expo, 0)->done[1]);
    CHECK_EQ_INT(status_of(store, uuids[0]), KS_ORDER_IN_PREPARATION);
    CHECK_EQ_INT(ks_kds_queue_toggle_line(expo, 0, 1, NOW), KS_DB_OK);
    CHECK(!ks_kds_queue_ticket(expo, 0)->done[1]);
    CHECK_EQ_INT(ks_kds_queue_toggle_line(expo, 0, 3, NOW), KS_DB_ERR_NOT_FOUND); /* 3 lines */
    CHECK_EQ_INT(ks_kds_store_set_line_done(store, uuids[0], -1, true, NOW), KS_DB_ERR_NOT_FOUND);
    ks_kds_queue_free(expo);
    ks_kds_store_close(store);
}

static void test_bump_bar_keys_and_recall(void)
{
    char uuids[3][37];
    ks_kds_store *store = three_tickets("keys.db", uuids);
    ks_kds_queue *q = ks_kds_queue_new(store, NULL);
    CHECK_EQ_INT(ks_kds_queue_reload(q), KS_DB_OK);
    CHECK_EQ_INT(ks_kds_queue_selected(q), 0);
    CHECK_EQ_INT(ks_kds_queue_key(q, KS_KDS_KEY_PREV, NOW), KS_DB_OK); /* stays at the first */
    CHECK_EQ_INT(ks_kds_queue_selected(q), 0);
    ks_kds_queue_key(q, KS_KDS_KEY_NEXT, NOW);
    ks_kds_queue_key(q, KS_KDS_KEY_NEXT, NOW);
    ks_kds_queue_key(q, KS_KDS_KEY_NEXT, NOW); /* stays at the last */
    CHECK_EQ_INT(ks_kds_queue_selected(q), 2);
    ks_kds_queue_key(q, KS_KDS_KEY_1 + 1, NOW); /* "2" */
    CHECK_EQ_INT(ks_kds_queue_selected(q), 1);
    ks_kds_queue_key(q, KS_KDS_KEY_9, NOW); /* no 9th ticket: ignored */
    CHECK_EQ_INT(ks_kds_queue_selected(q), 1);

    /* Bump #2; the selection moves to what is now in its place (#3). */
    CHECK_EQ_INT(ks_kds_queue_key(q, KS_KDS_KEY_BUMP, NOW), KS_DB_OK);
    CHECK_EQ_INT(status_of(store, uuids[1]), KS_ORDER_READY);
    CHECK_EQ_INT(ks_kds_queue_count(q), 2);
    CHECK_EQ_INT(ks_kds_queue_ticket(q, (size_t)ks_kds_queue_selected(q))->order->number, 3);
    /* Bump #1 by the keys too, then recall: #1 (bumped last) comes back, selected, unstruck. */
    ks_kds_queue_key(q, KS_KDS_KEY_1, NOW);
    CHECK_EQ_INT(ks_kds_queue_key(q, KS_KDS_KEY_BUMP, NOW + 1), KS_DB_OK);
    CHECK_EQ_INT(ks_kds_queue_count(q), 1);
    CHECK_EQ_INT(ks_kds_queue_key(q, KS_KDS_KEY_RECALL, NOW + 2), KS_DB_OK);
    CHECK_EQ_INT(status_of(store, uuids[0]), KS_ORDER_IN_PREPARATION);
    CHECK_EQ_INT(ks_kds_queue_count(q), 2);
    const ks_kds_ticket *back = ks_kds_queue_ticket(q, (size_t)ks_kds_queue_selected(q));
    CHECK_EQ_INT(back->order->number, 1);
    CHECK(!back->done[0] && !back->done[2]);
    /* Recall again: #2 is the last ready one now. */
    CHECK_EQ_INT(ks_kds_queue_recall(q, NOW + 3), KS_DB_OK);
    CHECK_EQ_INT(ks_kds_queue_count(q), 3);
    CHECK_EQ_INT(ks_kds_queue_recall(q, NOW + 4), KS_DB_ERR_NOT_FOUND);
    ks_kds_queue_free(q);
    ks_kds_store_close(store);
}

/* 81 active tickets: every one held and counted, shown a page of four at a time. */
static void test_every_ticket_held_and_paged(void)
{
    enum { TICKETS = 81 };
    ks_kds_store *store = ks_kds_store_open(kitchen_fresh_path("volume.db"), NULL);
    CHECK(store != NULL);
    for (int i = 0; store && i < TICKETS; i++) {
        ks_order *o = kitchen_order(300 + (unsigned)i, 0x05, i + 1, KS_SERVICE_TAKEAWAY);
        char *json = ks_order_to_json(o, NULL);
        bool duplicate;
        CHECK(json && ks_kds_store_add(store, o, json, strlen(json), NOW - TICKETS + i,
                                       &duplicate) == KS_DB_OK);
        free(json);
        ks_order_free(o);
    }
    ks_kds_queue *q = ks_kds_queue_new(store, NULL);
    CHECK_EQ_INT(ks_kds_queue_reload(q), KS_DB_OK);
    CHECK_EQ_INT(ks_kds_queue_count(q), TICKETS);
    CHECK_EQ_INT(ks_kds_queue_ticket(q, TICKETS - 1)->order->number, TICKETS); /* the newest */
    CHECK_EQ_INT(ks_kds_queue_page_first(q), 0);
    /* The all-day counts cover every ticket: meal and cola x2 on each. */
    size_t n_counts = 0;
    const ks_kds_count *counts = ks_kds_queue_all_day(q, &n_counts);
    CHECK_EQ_INT(n_counts, 2);
    CHECK_EQ_INT(counts[0].quantity, 2 * TICKETS);
    CHECK_EQ_INT(counts[1].quantity, TICKETS);
    /* The arrows move through the pages; the number keys pick within the page shown. */
    for (int i = 0; i < 5; i++)
        ks_kds_queue_key(q, KS_KDS_KEY_NEXT, NOW);
    CHECK_EQ_INT(ks_kds_queue_selected(q), 5);
    CHECK_EQ_INT(ks_kds_queue_page_first(q), 4);
    ks_kds_queue_key(q, KS_KDS_KEY_1 + 2, NOW); /* "3": the third of tickets 5-8 */
    CHECK_EQ_INT(ks_kds_queue_selected(q), 6);
    ks_kds_queue_select(q, TICKETS - 1);
    CHECK_EQ_INT(ks_kds_queue_page_first(q), 80);
    /* Bumping the newest leaves 80, the selection on the one now last, and one fewer meal. */
    CHECK_EQ_INT(ks_kds_queue_key(q, KS_KDS_KEY_BUMP, NOW), KS_DB_OK);
    CHECK_EQ_INT(ks_kds_queue_count(q), TICKETS - 1);
    CHECK_EQ_INT(ks_kds_queue_selected(q), TICKETS - 2);
    counts = ks_kds_queue_all_day(q, &n_counts);
    CHECK_EQ_INT(counts[1].quantity, TICKETS - 1);
    ks_kds_queue_free(q);
    ks_kds_store_close(store);
}

static void test_store_survives_reopen(void)
{
    char uuids[3][37];
    ks_kds_store *store = three_tickets("reopen.db", uuids);
    CHECK(store != NULL);
    CHECK_EQ_INT(ks_kds_store_set_status(store, uuids[0], KS_ORDER_READY, NOW, NULL), KS_DB_OK);
    CHECK_EQ_INT(ks_kds_store_set_line_done(store, uuids[1], 0, true, NOW), KS_DB_OK);
    ks_kds_store_close(store);
    store = ks_kds_store_open(check_path(check_tmp_dir(), "reopen.db"), NULL);
    CHECK(store != NULL);
    CHECK_EQ_INT(status_of(store, uuids[0]), KS_ORDER_READY);
    ks_order *o = NULL;
    bool *done = NULL;
    CHECK_EQ_INT(ks_kds_store_load(store, uuids[1], &o, &done), KS_DB_OK);
    bool first_done = done[0];
    ks_order_free(o);
    free(done);
    CHECK(first_done);
    char last[37];
    CHECK_EQ_INT(ks_kds_store_last_bumped(store, last), KS_DB_OK);
    CHECK_EQ_STR(last, uuids[0]);
    /* Same status again: no change, no error; an illegal one: refused. */
    enum ks_order_status before;
    CHECK_EQ_INT(ks_kds_store_set_status(store, uuids[0], KS_ORDER_READY, NOW, &before), KS_DB_OK);
    CHECK_EQ_INT(before, KS_ORDER_READY);
    CHECK_EQ_INT(ks_kds_store_set_status(store, uuids[0], KS_ORDER_PAID, NOW, NULL),
                 KS_DB_ERR_ILLEGAL_TRANSITION);
    ks_kds_store_close(store);
}

static const struct check_case cases[] = {
    {"age levels", test_age_levels},
    {"lifecycle with recall", test_lifecycle_with_recall},
    {"station routing and all-day counts", test_station_routing_and_all_day},
    {"bump at a station, then at the expo screen", test_bump_at_station_then_expo},
    {"a meal's items go to their own stations", test_meal_items_routed},
    {"strike single lines", test_strike_lines},
    {"bump bar keys and recall", test_bump_bar_keys_and_recall},
    {"81 tickets: every one held, counted and paged", test_every_ticket_held_and_paged},
    {"the store survives a reopen", test_store_survives_reopen},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
