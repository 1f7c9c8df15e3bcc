/* The kitchen's pure rules: see kiosk/kitchen/kds_ticket.h. */
#include "kiosk/kitchen/kds_ticket.h"

#include <stdlib.h>
#include <string.h>

bool ks_kds_can_transition(enum ks_order_status from, enum ks_order_status to)
{
    if (from == KS_ORDER_READY && to == KS_ORDER_IN_PREPARATION)
        return true; /* recall: bumped by mistake, or the customer sent it back */
    return ks_order_can_transition(from, to);
}

int64_t ks_kds_business_day_began(int64_t now, int utc_offset_min, int day_start_min)
{
    int64_t local = now + (int64_t)utc_offset_min * 60 - (int64_t)day_start_min * 60;
    int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    return day * 86400 + (int64_t)day_start_min * 60 - (int64_t)utc_offset_min * 60;
}

enum ks_kds_age ks_kds_age_level(int64_t age_s, int amber_s, int red_s)
{
    if (age_s >= red_s)
        return KS_KDS_AGE_OVERDUE;
    return age_s >= amber_s ? KS_KDS_AGE_LATE : KS_KDS_AGE_FRESH;
}

bool ks_kds_station_takes(const ks_kds_station *station, const char *category_id)
{
    if (!station)
        return true;
    for (int i = 0; i < station->n_categories; i++)
        if (strcmp(station->categories[i], category_id) == 0)
            return true;
    return false;
}

void ks_kds_ticket_clear(ks_kds_ticket *ticket)
{
    if (!ticket)
        return;
    ks_order_free(ticket->order);
    free(ticket->done);
    ticket->order = NULL;
    ticket->done = NULL;
}

bool ks_kds_line_pending(const ks_kds_ticket *ticket, size_t i, const ks_kds_station *station)
{
    return i < ticket->order->n_lines && !ticket->done[i] &&
           ks_kds_station_takes(station, ticket->order->lines[i].category_id);
}

static int by_quantity(const void *a, const void *b)
{
    const ks_kds_count *x = a, *y = b;
    if (x->quantity != y->quantity)
        return x->quantity > y->quantity ? -1 : 1;
    return strcmp(x->item_id, y->item_id);
}

size_t ks_kds_all_day(const ks_kds_ticket *tickets, size_t n, const ks_kds_station *station,
                      ks_kds_count *out, size_t max)
{
    /* Every distinct item is kept while summing, then sorted, then cut to max. */
    size_t lines = 0;
    for (size_t t = 0; t < n; t++)
        lines += tickets[t].order->n_lines;
    ks_kds_count *all = lines ? calloc(lines, sizeof *all) : NULL;
    size_t distinct = 0;
    for (size_t t = 0; all && t < n; t++) {
        const ks_order *o = tickets[t].order;
        for (size_t i = 0; i < o->n_lines; i++) {
            if (!ks_kds_line_pending(&tickets[t], i, station))
                continue;
            const ks_order_line *line = &o->lines[i];
            int64_t q = line->unit == KS_UNIT_KG ? 1 : line->quantity;
            size_t k = 0;
            while (k < distinct && strcmp(all[k].item_id, line->item_id) != 0)
                k++;
            if (k == distinct)
                all[distinct++] = (ks_kds_count){line->item_id, line->name_ar, line->name_en, 0};
            all[k].quantity += q;
        }
    }
    if (distinct > 1)
        qsort(all, distinct, sizeof *all, by_quantity);
    for (size_t k = 0; k < distinct && k < max; k++)
        out[k] = all[k];
    free(all);
    return distinct;
}
