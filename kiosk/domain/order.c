/* Order lifecycle, identifiers and business dates: see kiosk/domain/order.h. */
#include "kiosk/domain/order.h"

#include <stdlib.h>
#include <string.h>

static const char *const status_names[KS_ORDER_STATUS_COUNT] = {
    [KS_ORDER_CREATED] = "created",
    [KS_ORDER_PAID] = "paid",
    [KS_ORDER_SENT_TO_KITCHEN] = "sent_to_kitchen",
    [KS_ORDER_IN_PREPARATION] = "in_preparation",
    [KS_ORDER_READY] = "ready",
    [KS_ORDER_COLLECTED] = "collected",
    [KS_ORDER_CANCELLED] = "cancelled",
    [KS_ORDER_REFUNDED] = "refunded",
};

static const char *const service_names[] = {
    [KS_SERVICE_DINE_IN] = "dine_in",
    [KS_SERVICE_TAKEAWAY] = "takeaway",
};

const char *ks_order_status_name(enum ks_order_status status)
{
    return (unsigned)status < KS_ORDER_STATUS_COUNT ? status_names[status] : "unknown";
}

bool ks_order_status_parse(const char *name, enum ks_order_status *out)
{
    for (int i = 0; name && i < KS_ORDER_STATUS_COUNT; i++) {
        if (strcmp(name, status_names[i]) == 0) {
            *out = (enum ks_order_status)i;
            return true;
        }
    }
    return false;
}

const char *ks_service_name(enum ks_service service)
{
    return service == KS_SERVICE_TAKEAWAY ? service_names[KS_SERVICE_TAKEAWAY]
                                          : service_names[KS_SERVICE_DINE_IN];
}

static const char *const paid_by_names[KS_PAID_BY_COUNT] = {
    [KS_PAID_BY_UNKNOWN] = "unknown",
    [KS_PAID_BY_CARD] = "card",
    [KS_PAID_BY_COUNTER_CASH] = "counter_cash",
    [KS_PAID_BY_COUNTER_CARD] = "counter_card",
};

const char *ks_paid_by_name(enum ks_paid_by by)
{
    return (unsigned)by < KS_PAID_BY_COUNT ? paid_by_names[by] : paid_by_names[KS_PAID_BY_UNKNOWN];
}

bool ks_terminal_ref_ok(const char *ref)
{
    size_t n = ref ? strnlen(ref, KS_TERMINAL_REF_MAX + 1) : 0;
    if (n == 0 || n > KS_TERMINAL_REF_MAX)
        return false;
    int run = 0;
    for (size_t i = 0; i < n; i++) {
        char c = ref[i];
        if (c < 0x20 || c > 0x7e)
            return false;
        if (c >= '0' && c <= '9')
            run++;
        else if (c != ' ' && c != '-')
            run = 0;
        if (run >= KS_TERMINAL_REF_PAN_DIGITS)
            return false;
    }
    return true;
}

/* scheme in lowercase into brand when it is 1-32 of a-z 0-9 _ . -; brand untouched otherwise. */
static void brand_copy(char brand[KS_CARD_BRAND_MAX + 1], const char *scheme)
{
    char b[KS_CARD_BRAND_MAX + 1] = "";
    size_t n = scheme ? strnlen(scheme, KS_CARD_BRAND_MAX + 1) : 0;
    if (n == 0 || n > KS_CARD_BRAND_MAX)
        return;
    for (size_t i = 0; i < n; i++) {
        char c = scheme[i] >= 'A' && scheme[i] <= 'Z' ? (char)(scheme[i] - 'A' + 'a') : scheme[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
            return;
        b[i] = c;
    }
    memcpy(brand, b, sizeof b);
}

ks_order_payment ks_order_payment_card(const char *scheme, const char *terminal_ref)
{
    ks_order_payment p = {.by = KS_PAID_BY_CARD};
    brand_copy(p.brand, scheme);
    if (ks_terminal_ref_ok(terminal_ref))
        memcpy(p.terminal_ref, terminal_ref, strlen(terminal_ref) + 1);
    return p;
}

bool ks_service_parse(const char *name, enum ks_service *out)
{
    for (int i = 0; name && i < 2; i++) {
        if (strcmp(name, service_names[i]) == 0) {
            *out = (enum ks_service)i;
            return true;
        }
    }
    return false;
}

/*
 * Allowed transitions, row = from, bit = to. The kitchen path only moves
 * forward; a kitchen display that never reports "sent" or "in preparation"
 * may skip those steps. Refunds apply to anything that was paid.
 */
#define BIT(s) (1u << (s))
static const unsigned transitions[KS_ORDER_STATUS_COUNT] = {
    [KS_ORDER_CREATED] = BIT(KS_ORDER_PAID) | BIT(KS_ORDER_CANCELLED),
    [KS_ORDER_PAID] = BIT(KS_ORDER_SENT_TO_KITCHEN) | BIT(KS_ORDER_IN_PREPARATION) |
                      BIT(KS_ORDER_READY) | BIT(KS_ORDER_REFUNDED),
    [KS_ORDER_SENT_TO_KITCHEN] =
        BIT(KS_ORDER_IN_PREPARATION) | BIT(KS_ORDER_READY) | BIT(KS_ORDER_REFUNDED),
    [KS_ORDER_IN_PREPARATION] = BIT(KS_ORDER_READY) | BIT(KS_ORDER_REFUNDED),
    [KS_ORDER_READY] = BIT(KS_ORDER_COLLECTED) | BIT(KS_ORDER_REFUNDED),
    [KS_ORDER_COLLECTED] = BIT(KS_ORDER_REFUNDED),
    [KS_ORDER_CANCELLED] = 0,
    [KS_ORDER_REFUNDED] = 0,
};

bool ks_order_can_transition(enum ks_order_status from, enum ks_order_status to)
{
    if ((unsigned)from >= KS_ORDER_STATUS_COUNT || (unsigned)to >= KS_ORDER_STATUS_COUNT)
        return false;
    return (transitions[from] & BIT(to)) != 0;
}

ks_vat_treatment ks_order_line_vat(const ks_order_line *line)
{
    return line->vat_treatment.category ? line->vat_treatment
                                        : ks_vat_treatment_for_rate(line->vat_rate_bp);
}

void ks_order_line_clear(ks_order_line *line)
{
    for (size_t j = 0; line->details && j < line->n_details; j++) {
        free(line->details[j].id);
        free(line->details[j].category_id);
        free(line->details[j].name_ar);
        free(line->details[j].name_en);
    }
    free(line->details);
    free(line->item_id);
    free(line->category_id);
    free(line->name_ar);
    free(line->name_en);
    free(line->note);
    free(line->promo_note_ar);
    free(line->promo_note_en);
    memset(line, 0, sizeof *line);
}

void ks_order_free(ks_order *order)
{
    if (!order)
        return;
    for (size_t i = 0; order->lines && i < order->n_lines; i++)
        ks_order_line_clear(&order->lines[i]);
    free(order->lines);
    free(order->vat);
    free(order->interventions);
    free(order);
}

void ks_receipt_token_format(const uint8_t random16[16], char out[KS_RECEIPT_TOKEN_LEN + 1])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        out[2 * i] = hex[random16[i] >> 4];
        out[2 * i + 1] = hex[random16[i] & 15];
    }
    out[KS_RECEIPT_TOKEN_LEN] = '\0';
}

bool ks_receipt_token_ok(const char *text)
{
    if (!text)
        return false;
    for (size_t i = 0; i < KS_RECEIPT_TOKEN_LEN; i++)
        if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
            return false;
    return text[KS_RECEIPT_TOKEN_LEN] == '\0';
}

/* Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm). */
static void civil_from_days(int64_t z, int *year, int *month, int *day)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)(y + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void ks_business_date(int64_t unix_seconds, int utc_offset_min, int day_start_min, char out[11])
{
    int64_t local = unix_seconds + (int64_t)(utc_offset_min - day_start_min) * 60;
    int year, month, day;
    civil_from_days(floor_div(local, 86400), &year, &month, &day);
    /* Digits written by hand: the ranges are known, and snprintf cannot prove them. */
    const int fields[3][2] = {{year, 4}, {month, 2}, {day, 2}};
    size_t o = 0;
    for (int f = 0; f < 3; f++) {
        if (f > 0)
            out[o++] = '-';
        int value = fields[f][0] < 0 ? 0 : fields[f][0];
        for (int d = fields[f][1] - 1; d >= 0; d--) {
            out[o + (size_t)d] = (char)('0' + value % 10);
            value /= 10;
        }
        o += (size_t)fields[f][1];
    }
    out[o] = '\0';
}

bool ks_business_date_ok(const char *text)
{
    if (!text || strnlen(text, 11) != 10)
        return false;
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? text[i] != '-' : (text[i] < '0' || text[i] > '9'))
            return false;
    }
    int year = 0;
    for (int i = 0; i < 4; i++)
        year = year * 10 + (text[i] - '0');
    int month = (text[5] - '0') * 10 + (text[6] - '0');
    int day = (text[8] - '0') * 10 + (text[9] - '0');
    if (month < 1 || month > 12 || day < 1)
        return false;
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap);
}

int64_t ks_business_date_days(const char *date)
{
    /* Howard Hinnant's days_from_civil, the inverse of civil_from_days above. */
    int64_t y = 0;
    for (int i = 0; i < 4; i++)
        y = y * 10 + (date[i] - '0');
    int64_t m = (date[5] - '0') * 10 + (date[6] - '0');
    int64_t d = (date[8] - '0') * 10 + (date[9] - '0');
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool ks_id_ok(const char *id, size_t max)
{
    size_t len = id ? strnlen(id, max + 1) : 0;
    if (len == 0 || len > max)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') || id[i] == '_' ||
              id[i] == '.' || id[i] == '-'))
            return false;
    return true;
}

bool ks_device_id_ok(const char *id)
{
    return ks_id_ok(id, KS_DEVICE_ID_MAX);
}

bool ks_station_name_ok(const char *name)
{
    size_t len = name ? strnlen(name, KS_STATION_NAME_MAX + 1) : 0;
    if (len == 0 || len > KS_STATION_NAME_MAX || name[0] == ' ' || name[len - 1] == ' ')
        return false;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return false;
    return true;
}

bool ks_order_totals_consistent(const ks_order *order)
{
    ks_money net = 0, vat = 0, discount = 0;
    for (size_t i = 0; i < order->n_lines; i++) {
        const ks_order_line *line = &order->lines[i];
        if (line->net + line->vat != line->gross)
            return false;
        net += line->net;
        vat += line->vat;
        discount += line->discount;
    }
    ks_money rows_net = 0, rows_vat = 0;
    for (size_t i = 0; i < order->n_vat; i++) {
        rows_net += order->vat[i].taxable;
        rows_vat += order->vat[i].vat;
        if (i > 0 && order->vat[i].rate_bp <= order->vat[i - 1].rate_bp)
            return false;
    }
    return net == order->total_net && vat == order->total_vat && rows_net == net &&
           rows_vat == vat && discount == order->discount &&
           order->total == order->total_net + order->total_vat &&
           order->subtotal - order->discount ==
               (order->prices_include_tax ? order->total : order->total_net);
}
