/*
 * Fuzz target: arbitrary bytes as the body of POST
 * /v1/stock/reservations/{id}/confirm (ks_reservation_sale_parse), what
 * another sales channel says it charged. A refusal always says why and
 * leaves nothing half read; an empty body is a confirmation without
 * prices and nothing else; an accepted priced one holds only what the
 * contract allows, recomputed here apart from the parser: 1-50 lines in
 * strictly increasing item order, quantities from 1 to 10^9, amounts of
 * 0 or more with gross = net + vat and vat within one halala of 15 % of
 * net (in 128 bits), totals that are the lines' exact sums (in 128 bits,
 * within int64), a known method; and, written back as JSON, it reads
 * again to exactly the same sale.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/backend/backend_reservation_sale.h"
#include "kiosk/domain/order.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What an accepted line promises. */
static bool line_ok(const ks_reservation_sale_line *line)
{
    __int128 gap = (__int128)line->vat * 20 - (__int128)line->net * 3;
    return ks_id_ok(line->item_id, KS_STOCK_ITEM_MAX) && line->quantity >= 1 &&
           line->quantity <= KS_STOCK_QUANTITY_MAX && line->net >= 0 && line->vat >= 0 &&
           (__int128)line->net + line->vat == line->gross && gap >= -20 && gap <= 20 &&
           !line->name_en && !line->name_ar && !line->by_weight;
}

/* What an accepted sale promises. */
static bool sale_ok(const ks_reservation_sale *sale, size_t size)
{
    if (!sale->priced) {
        static const ks_reservation_sale empty;
        return size == 0 && memcmp(sale, &empty, sizeof empty) == 0;
    }
    if (size == 0 || sale->n_lines < 1 || sale->n_lines > KS_RESERVATION_LINES_MAX ||
        !ks_channel_paid_by_name(sale->paid_by)[0] || sale->business_date[0])
        return false;
    __int128 net = 0, vat = 0, total = 0;
    for (size_t i = 0; i < sale->n_lines; i++) {
        const ks_reservation_sale_line *line = &sale->lines[i];
        if (!line_ok(line) || (i > 0 && strcmp(sale->lines[i - 1].item_id, line->item_id) >= 0))
            return false;
        net += line->net;
        vat += line->vat;
        total += line->gross;
    }
    return net == sale->total_net && vat == sale->total_vat && total == sale->total;
}

/* True when sale (priced) written as a body reads back to sale itself. */
static bool round_trip(const ks_reservation_sale *sale)
{
    json_t *lines = json_array();
    for (size_t i = 0; lines && i < sale->n_lines; i++) {
        const ks_reservation_sale_line *l = &sale->lines[i];
        json_array_append_new(lines, json_pack("{s:s, s:I, s:I, s:I, s:I}", "item_id", l->item_id,
                                               "quantity", (json_int_t)l->quantity, "net",
                                               (json_int_t)l->net, "vat", (json_int_t)l->vat,
                                               "gross", (json_int_t)l->gross));
    }
    json_t *root = json_pack("{s:o, s:s}", "lines", lines, "payment_method",
                             ks_channel_paid_by_name(sale->paid_by));
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    ks_reservation_sale *again = malloc(sizeof *again);
    ks_json_error why;
    /* Out of memory proves nothing either way. */
    bool same = !text || !again ||
                (ks_reservation_sale_parse(text, strlen(text), again, &why) &&
                 memcmp(again, sale, sizeof *sale) == 0 && ks_reservation_sale_same(again, sale));
    free(again);
    free(text);
    return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_reservation_sale *sale = malloc(sizeof *sale);
    if (!sale)
        return 0;
    ks_json_error why = FUZZ_WHY_UNSET;
    bool accepted = ks_reservation_sale_parse((const char *)data, size, sale, &why);
    if (!fuzz_answer_ok(accepted, &why, sale, sizeof *sale) ||
        (accepted && (!sale_ok(sale, size) || (sale->priced && !round_trip(sale)))))
        __builtin_trap();
    free(sale);
    return 0;
}
