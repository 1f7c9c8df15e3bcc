/* The kitchen screen's working set and actions: see kiosk/kitchen/kds_queue.h. */
#define LOG_TAG "kds_queue"
#include "kiosk/kitchen/kds_queue.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"
#include "kiosk/kitchen/kds_soldout.h"

struct ks_kds_queue {
    ks_kds_store *store; /* borrowed */
    ks_kds_station station;
    bool all_stations;
    bool cook_unpaid;       /* unpaid counter orders are shown too */
    ks_kds_ticket *tickets; /* n, each owning its order, oldest first */
    size_t n;
    ks_kds_count *all_day; /* n_all_day, borrowing names from the tickets */
    size_t n_all_day;
    int selected;
    char selected_uuid[37]; /* followed across reloads */
};

ks_kds_queue *ks_kds_queue_new(ks_kds_store *store, const ks_kds_station *station)
{
    ks_kds_queue *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->store = store;
    q->all_stations = station == NULL;
    if (station)
        q->station = *station;
    q->selected = -1;
    return q;
}

static void clear(ks_kds_ticket *tickets, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ks_kds_ticket_clear(&tickets[i]);
}

void ks_kds_queue_free(ks_kds_queue *q)
{
    if (!q)
        return;
    clear(q->tickets, q->n);
    free(q->tickets);
    free(q->all_day);
    free(q);
}

const ks_kds_station *ks_kds_queue_station(const ks_kds_queue *q)
{
    return q->all_stations ? NULL : &q->station;
}

static bool has_pending(const ks_kds_ticket *t, const ks_kds_station *station)
{
    for (size_t i = 0; i < t->order->n_lines; i++)
        if (ks_kds_line_pending(t, i, station))
            return true;
    return false;
}

/*
 * Ticket s into *t: the order taken over from old (n_old tickets, the
 * previous reload; its slot emptied) when it was there, else read; its
 * struck lines read again either way. False when it cannot be read.
 */
static bool load(ks_kds_queue *q, const ks_kds_summary *s, ks_kds_ticket *old, size_t n_old,
                 size_t *hint, ks_kds_ticket *t)
{
    memset(t, 0, sizeof *t);
    /* Both lists are in arrival order: the search resumes where the last one stopped. */
    for (size_t k = *hint; k < n_old && !t->order; k++)
        if (old[k].order && old[k].seq == s->seq) {
            *t = old[k];
            old[k] = (ks_kds_ticket){0};
            *hint = k + 1;
        }
    if (t->order) {
        if (ks_kds_store_load_done(q->store, s->uuid, t->done, t->order->n_lines) != KS_DB_OK) {
            ks_kds_ticket_clear(t);
            return false;
        }
    } else if (ks_kds_store_load(q->store, s->uuid, &t->order, &t->done) != KS_DB_OK) {
        return false;
    }
    t->status = s->status;
    t->received_at = s->received_at;
    t->seq = s->seq;
    return true;
}

void ks_kds_queue_set_cook_unpaid(ks_kds_queue *q, bool cook_unpaid)
{
    q->cook_unpaid = cook_unpaid;
}

/* Every active ticket's summary, oldest first, into a new array *rows of *n. */
static enum ks_db_error list_active(ks_kds_store *store, bool cook_unpaid, ks_kds_summary **rows,
                                    size_t *n)
{
    const unsigned active = KS_KDS_STATUS(KS_ORDER_PAID) | KS_KDS_STATUS(KS_ORDER_SENT_TO_KITCHEN) |
                            KS_KDS_STATUS(KS_ORDER_IN_PREPARATION) |
                            (cook_unpaid ? KS_KDS_STATUS(KS_ORDER_CREATED) : 0u);
    int64_t count = 0;
    enum ks_db_error err = ks_kds_store_count_status(store, active, &count);
    *rows = NULL;
    *n = 0;
    if (err != KS_DB_OK || count == 0)
        return err;
    *rows = calloc((size_t)count, sizeof **rows);
    err = *rows ? ks_kds_store_list(store, active, *rows, (size_t)count, n) : KS_DB_ERR_NO_MEMORY;
    return err;
}

enum ks_db_error ks_kds_queue_reload(ks_kds_queue *q)
{
    ks_kds_summary *rows = NULL;
    size_t n = 0, hint = 0;
    enum ks_db_error err = list_active(q->store, q->cook_unpaid, &rows, &n);
    ks_kds_ticket *old = q->tickets, *fresh = n ? calloc(n, sizeof *fresh) : NULL;
    size_t n_old = q->n;
    if (err == KS_DB_OK && n && !fresh)
        err = KS_DB_ERR_NO_MEMORY;
    if (err != KS_DB_OK) {
        free(rows);
        free(fresh);
        return err; /* the tickets shown stay */
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        ks_kds_ticket *t = &fresh[kept];
        if (!load(q, &rows[i], old, n_old, &hint, t)) {
            LOG_ERROR("ticket %s cannot be shown", rows[i].uuid);
            continue;
        }
        if (has_pending(t, ks_kds_queue_station(q)))
            kept++;
        else
            ks_kds_ticket_clear(t);
    }
    free(rows);
    clear(old, n_old);
    free(old);
    q->tickets = fresh;
    q->n = kept;
    /* The all-day counts once per change, not once per frame; at most one item per line. */
    size_t lines = 0;
    for (size_t i = 0; i < q->n; i++)
        lines += q->tickets[i].order->n_lines;
    free(q->all_day);
    q->all_day = lines ? calloc(lines, sizeof *q->all_day) : NULL;
    q->n_all_day =
        q->all_day ? ks_kds_all_day(q->tickets, q->n, ks_kds_queue_station(q), q->all_day, lines)
                   : 0;
    /* Keep the selected ticket selected; if it went, select the one now in its place. */
    int keep = -1;
    for (size_t i = 0; i < q->n && keep < 0; i++)
        if (strcmp(q->tickets[i].order->uuid, q->selected_uuid) == 0)
            keep = (int)i;
    if (keep < 0)
        keep = q->selected < 0 ? 0 : q->selected < (int)q->n ? q->selected : (int)q->n - 1;
    ks_kds_queue_select(q, q->n ? keep : -1);
    return KS_DB_OK;
}

const ks_kds_count *ks_kds_queue_all_day(const ks_kds_queue *q, size_t *n)
{
    *n = q->n_all_day;
    return q->all_day;
}

size_t ks_kds_queue_page_first(const ks_kds_queue *q)
{
    return q->selected > 0 ? (size_t)q->selected / KS_KDS_QUEUE_PAGE * KS_KDS_QUEUE_PAGE : 0;
}

size_t ks_kds_queue_count(const ks_kds_queue *q)
{
    return q->n;
}

const ks_kds_ticket *ks_kds_queue_ticket(const ks_kds_queue *q, size_t i)
{
    return i < q->n ? &q->tickets[i] : NULL;
}

int ks_kds_queue_selected(const ks_kds_queue *q)
{
    return q->selected;
}

void ks_kds_queue_select(ks_kds_queue *q, int i)
{
    if (i < -1 || i >= (int)q->n || (i == -1 && q->n > 0))
        return;
    q->selected = i;
    if (i >= 0)
        memcpy(q->selected_uuid, q->tickets[i].order->uuid, sizeof q->selected_uuid);
    else
        q->selected_uuid[0] = '\0';
}

/* Moves an order the kitchen touched from paid to in_preparation (a no-op later on). */
static enum ks_db_error start(ks_kds_queue *q, const ks_kds_ticket *t, int64_t now)
{
    if (t->status != KS_ORDER_PAID && t->status != KS_ORDER_SENT_TO_KITCHEN)
        return KS_DB_OK;
    return ks_kds_store_set_status(q->store, t->order->uuid, KS_ORDER_IN_PREPARATION, now, NULL);
}

enum ks_db_error ks_kds_queue_bump(ks_kds_queue *q, int i, int64_t now)
{
    const ks_kds_ticket *t = ks_kds_queue_ticket(q, (size_t)i);
    if (i < 0 || !t)
        return KS_DB_ERR_NOT_FOUND;
    enum ks_db_error err = KS_DB_OK;
    bool all_done = true;
    for (size_t k = 0; err == KS_DB_OK && k < t->order->n_lines; k++) {
        if (ks_kds_station_takes(ks_kds_queue_station(q), t->order->lines[k].category_id))
            err = ks_kds_store_set_line_done(q->store, t->order->uuid, (int32_t)k, true, now);
        else
            all_done = all_done && t->done[k];
    }
    /* An unpaid order made early stays unpaid: it is ready as the counter takes the money. */
    bool unpaid = t->status == KS_ORDER_CREATED;
    if (err == KS_DB_OK && !unpaid && !q->all_stations)
        err = ks_kds_store_station_ready(q->store, t->order->uuid, q->station.name, now);
    if (err == KS_DB_OK && all_done && !unpaid)
        err = ks_kds_store_set_status(q->store, t->order->uuid, KS_ORDER_READY, now, NULL);
    else if (err == KS_DB_OK)
        err = start(q, t, now);
    if (err != KS_DB_OK) {
        LOG_ERROR("bumping order %s failed: %s", t->order->uuid, ks_db_strerror(err));
        return err;
    }
    return ks_kds_queue_reload(q);
}

enum ks_db_error ks_kds_queue_toggle_line(ks_kds_queue *q, int i, size_t line_no, int64_t now)
{
    const ks_kds_ticket *t = ks_kds_queue_ticket(q, (size_t)i);
    if (i < 0 || !t || line_no >= t->order->n_lines)
        return KS_DB_ERR_NOT_FOUND;
    enum ks_db_error err = ks_kds_store_set_line_done(q->store, t->order->uuid, (int32_t)line_no,
                                                      !t->done[line_no], now);
    if (err == KS_DB_OK)
        err = start(q, t, now);
    if (err != KS_DB_OK) {
        LOG_ERROR("striking a line of order %s failed: %s", t->order->uuid, ks_db_strerror(err));
        return err;
    }
    return ks_kds_queue_reload(q);
}

enum ks_db_error ks_kds_queue_toggle_sold_out(ks_kds_queue *q, int i, size_t line_no, int64_t now,
                                              bool *sold_out)
{
    const ks_kds_ticket *t = ks_kds_queue_ticket(q, (size_t)i);
    if (i < 0 || !t || line_no >= t->order->n_lines)
        return KS_DB_ERR_NOT_FOUND;
    const ks_order_line *line = &t->order->lines[line_no];
    return ks_kds_soldout_toggle(q->store, line->item_id, line->name_ar, line->name_en, now,
                                 sold_out);
}

enum ks_db_error ks_kds_queue_recall(ks_kds_queue *q, int64_t now)
{
    char uuid[37];
    enum ks_db_error err = ks_kds_store_last_bumped(q->store, uuid);
    ks_order *order = NULL;
    if (err == KS_DB_OK)
        err = ks_kds_store_load(q->store, uuid, &order, NULL);
    for (size_t k = 0; err == KS_DB_OK && k < order->n_lines; k++)
        if (ks_kds_station_takes(ks_kds_queue_station(q), order->lines[k].category_id))
            err = ks_kds_store_set_line_done(q->store, uuid, (int32_t)k, false, now);
    ks_order_free(order);
    if (err == KS_DB_OK)
        err = ks_kds_store_set_status(q->store, uuid, KS_ORDER_IN_PREPARATION, now, NULL);
    if (err == KS_DB_OK) {
        memcpy(q->selected_uuid, uuid, sizeof q->selected_uuid);
        err = ks_kds_queue_reload(q);
    } else if (err != KS_DB_ERR_NOT_FOUND) {
        LOG_ERROR("recalling order %s failed: %s", uuid, ks_db_strerror(err));
    }
    return err;
}

enum ks_db_error ks_kds_queue_hand_over(ks_kds_queue *q, int64_t now)
{
    char uuid[37];
    enum ks_db_error err = ks_kds_store_last_bumped(q->store, uuid);
    if (err == KS_DB_OK)
        err = ks_kds_store_set_status(q->store, uuid, KS_ORDER_COLLECTED, now, NULL);
    if (err != KS_DB_OK && err != KS_DB_ERR_NOT_FOUND)
        LOG_ERROR("handing over order %s failed: %s", uuid, ks_db_strerror(err));
    return err;
}

enum ks_db_error ks_kds_queue_key(ks_kds_queue *q, enum ks_kds_key key, int64_t now)
{
    int last = (int)q->n - 1;
    switch (key) {
    case KS_KDS_KEY_PREV:
        ks_kds_queue_select(q, q->selected > 0 ? q->selected - 1 : q->selected);
        return KS_DB_OK;
    case KS_KDS_KEY_NEXT:
        ks_kds_queue_select(q, q->selected < last ? q->selected + 1 : q->selected);
        return KS_DB_OK;
    case KS_KDS_KEY_BUMP:
        return q->selected >= 0 ? ks_kds_queue_bump(q, q->selected, now) : KS_DB_OK;
    case KS_KDS_KEY_RECALL:
        return ks_kds_queue_recall(q, now);
    case KS_KDS_KEY_HAND_OVER:
        return ks_kds_queue_hand_over(q, now);
    default:
        /* The n-th of the page shown; 5-9 reach into the next page. */
        if (key >= KS_KDS_KEY_1 && key <= KS_KDS_KEY_9)
            ks_kds_queue_select(q,
                                (int)(ks_kds_queue_page_first(q) + (size_t)(key - KS_KDS_KEY_1)));
        return KS_DB_OK;
    }
}
