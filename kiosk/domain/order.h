/*
 * An order: the frozen snapshot of a priced cart that is stored, printed,
 * sent to the kitchen and to the backend. Everything a receipt or a kitchen
 * ticket needs is copied in (names in both languages, prices, VAT), so an
 * order never depends on the menu that was active when it was placed.
 *
 * Lifecycle (ks_order_can_transition):
 *   created -> paid -> sent_to_kitchen -> in_preparation -> ready -> collected
 *   created -> cancelled;  paid .. collected -> refunded
 *   (sent_to_kitchen may be skipped: paid -> in_preparation or ready)
 * Timestamps are UTC Unix seconds.
 */
#ifndef KIOSK_DOMAIN_ORDER_H
#define KIOSK_DOMAIN_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/catalog.h"
#include "kiosk/domain/intervention.h"
#include "kiosk/domain/money.h"
#include "kiosk/domain/zatca_qr.h"

enum ks_order_status {
    KS_ORDER_CREATED,
    KS_ORDER_PAID,
    KS_ORDER_SENT_TO_KITCHEN,
    KS_ORDER_IN_PREPARATION,
    KS_ORDER_READY,
    KS_ORDER_COLLECTED,
    KS_ORDER_CANCELLED,
    KS_ORDER_REFUNDED,
};
#define KS_ORDER_STATUS_COUNT 8

enum ks_service { KS_SERVICE_DINE_IN, KS_SERVICE_TAKEAWAY };

/*
 * How a paid order was paid, as the kiosk knows it: the backend's payment
 * report counts by it. Unknown for an order not paid (yet), and for an
 * order of a kiosk that predates it.
 */
enum ks_paid_by {
    KS_PAID_BY_UNKNOWN,
    KS_PAID_BY_CARD,         /* at the kiosk's own card terminal (nexo) */
    KS_PAID_BY_COUNTER_CASH, /* at the counter, in cash */
    KS_PAID_BY_COUNTER_CARD, /* at the counter, on its own terminal (the kiosk is not told the
                                brand) */
};
#define KS_PAID_BY_COUNT 4

/* Longest card brand: the terminal's scheme name, "mada", "visa", "mastercard". */
#define KS_CARD_BRAND_MAX 32
/*
 * Longest terminal reference: the nexo answer's POIData.POITransactionID
 * (DEV_NEXO_ID_MAX), the terminal's own name of the transaction
 * ("SIM000007.V400m" from the simulator) that the acquirer looks it up by.
 */
#define KS_TERMINAL_REF_MAX 64
/* A run of this many digits (spaces and dashes inside it not breaking it) could be a card number.
 */
#define KS_TERMINAL_REF_PAN_DIGITS 13

typedef struct ks_order_payment {
    enum ks_paid_by by;
    /* With KS_PAID_BY_CARD, the scheme in 1-32 of a-z 0-9 _ . - ("" when the terminal named none
     * that fits); "" otherwise */
    char brand[KS_CARD_BRAND_MAX + 1];
    /* With KS_PAID_BY_CARD, the terminal's reference of the approved transaction
     * (ks_terminal_ref_ok; "" when it named none that fits, and for an older kiosk's order); ""
     * otherwise */
    char terminal_ref[KS_TERMINAL_REF_MAX + 1];
} ks_order_payment;

/* Stable names of the order JSON's payment.method: "unknown", "card", "counter_cash" ... */
const char *ks_paid_by_name(enum ks_paid_by by);

/*
 * Whether ref (may be NULL) may be shown as a terminal reference: 1 to
 * KS_TERMINAL_REF_MAX bytes of printable ASCII (0x20-0x7e) holding no run
 * of KS_TERMINAL_REF_PAN_DIGITS digits or more (spaces and dashes between
 * them count as part of the run): the terminal's transaction reference is
 * never a card number, and nothing shaped like one leaves the kiosk.
 */
bool ks_terminal_ref_ok(const char *ref);

/*
 * The payment of an order paid at the kiosk's terminal whose answer named
 * scheme and terminal_ref (each may be NULL): the brand is scheme in
 * lowercase when that is 1-32 of a-z 0-9 _ . -, else ""; the reference is
 * terminal_ref when ks_terminal_ref_ok, else "".
 */
ks_order_payment ks_order_payment_card(const char *scheme, const char *terminal_ref);

/* Stable lowercase names used in storage and JSON ("created", "in_preparation", "dine_in"). */
const char *ks_order_status_name(enum ks_order_status status);
bool ks_order_status_parse(const char *name, enum ks_order_status *out);
const char *ks_service_name(enum ks_service service);
bool ks_service_parse(const char *name, enum ks_service *out);

/* The pure lifecycle rule. Same status to itself is not a transition. */
bool ks_order_can_transition(enum ks_order_status from, enum ks_order_status to);

enum ks_order_detail_kind {
    KS_DETAIL_MODIFIER,   /* a chosen modifier option */
    KS_DETAIL_COMBO_ITEM, /* the product chosen for a combo slot */
    KS_DETAIL_SIZE,       /* the combo size */
};

typedef struct ks_order_detail {
    enum ks_order_detail_kind kind;
    char *id;          /* option, item or size id; owned */
    char *category_id; /* owned; a combo item's menu category (kitchen stations route by it); ""
                          otherwise */
    char *name_ar, *name_en; /* owned */
    ks_money price_delta;    /* per unit, catalog tax treatment */
    int32_t depth;           /* 0 under the line; 1 for a modifier of a combo item */
} ks_order_detail;

typedef struct ks_order_line {
    char *item_id;           /* owned */
    char *category_id;       /* owned; kitchen station routing uses it */
    char *name_ar, *name_en; /* owned */
    enum ks_unit unit;
    int32_t quantity;         /* count, or grams for KS_UNIT_KG */
    ks_money unit_price;      /* per piece or per kg, with details, catalog tax treatment */
    ks_order_detail *details; /* owned, n_details entries */
    size_t n_details;
    char *note; /* owned, "" when none */
    int32_t vat_rate_bp;
    /* ZATCA's VAT category and exemption code, from the item's tax category; category 0: not
     * declared (an order made elsewhere), the rate's (ks_order_line_vat) */
    ks_vat_treatment vat_treatment;
    ks_money discount; /* total discount on this line, catalog tax treatment */
    ks_money net;      /* excluding VAT, after discount */
    ks_money vat;
    ks_money gross;                      /* net + vat */
    char *promo_note_ar, *promo_note_en; /* owned; which promotions applied, "" when none */
} ks_order_line;

typedef struct ks_order_vat {
    int32_t rate_bp;
    ks_money taxable; /* sum of net at this rate */
    ks_money vat;
} ks_order_vat;

/* Characters of a receipt token: 128 random bits as lowercase hex. */
#define KS_RECEIPT_TOKEN_LEN 32

typedef struct ks_order {
    char uuid[37]; /* client-generated v4 UUID, lowercase */
    /* Who holds it may read the order's e-receipt (the backend's GET /r/<token>): random, made
     * at checkout; "" for an order placed before e-receipts (KS_RECEIPT_TOKEN_LEN hex) */
    char receipt_token[KS_RECEIPT_TOKEN_LEN + 1];
    /* The signed e-invoice's phase 2 QR text (tags 1-9), for the e-receipt: only in the
     * backend's copy of a paid order, which the e-invoice is made with; "" otherwise */
    char zatca_qr[KS_ZATCA_QR_MAX_CHARS + 1];
    char store_id[33];
    char kiosk_id[33];
    int32_t number;         /* human order number, per store per business day, from 1 */
    char business_date[11]; /* YYYY-MM-DD in store-local business-day terms */
    enum ks_service service;
    enum ks_order_status status;
    enum ks_lang lang; /* the customer's language */
    char currency[4];
    int exponent;
    bool prices_include_tax;
    char menu_version[65];
    int64_t created_at; /* UTC seconds */
    int64_t updated_at;
    /* How it was paid (only a paid order's backend copy says; KS_PAID_BY_UNKNOWN otherwise) */
    ks_order_payment payment;
    /* A self-checkout's attendant interventions in the order they were decided (owned, NULL
     * when none): the backend's copy carries them for the staff report */
    ks_order_intervention *interventions;
    size_t n_interventions;
    ks_order_line *lines; /* owned */
    size_t n_lines;
    ks_order_vat *vat; /* owned, one row per rate, ascending */
    size_t n_vat;
    ks_money subtotal; /* sum of line amounts before discounts, catalog tax treatment */
    ks_money discount; /* total discounts */
    ks_money total_net;
    ks_money total_vat;
    ks_money total; /* what the customer pays: total_net + total_vat */
} ks_order;

/* The line's VAT treatment: as declared, else ks_vat_treatment_for_rate of its rate. */
ks_vat_treatment ks_order_line_vat(const ks_order_line *line);

/* Frees what the line owns (not the struct). */
void ks_order_line_clear(ks_order_line *line);

/* Frees everything the order owns, and the order itself. Accepts NULL. */
void ks_order_free(ks_order *order);

/* Writes 16 random bytes (the caller gets them from the OS) as a receipt token into out[33]. */
void ks_receipt_token_format(const uint8_t random16[16], char out[KS_RECEIPT_TOKEN_LEN + 1]);

/* True when text is exactly KS_RECEIPT_TOKEN_LEN lowercase hex digits. NULL is false. */
bool ks_receipt_token_ok(const char *text);

/*
 * The store-local business date "YYYY-MM-DD" for a UTC time: local time is
 * UTC + utc_offset_min; a business day starts at day_start_min after local
 * midnight (e.g. 240: orders at 02:00 still count for the previous day).
 */
void ks_business_date(int64_t unix_seconds, int utc_offset_min, int day_start_min, char out[11]);

/*
 * True when text is a business date as written everywhere (orders, reports,
 * print jobs, queries): "YYYY-MM-DD" naming a day of the Gregorian calendar
 * (2026-02-30 and 2026-04-31 are not; 2028-02-29 is). NULL is false.
 */
bool ks_business_date_ok(const char *text);

/* Days from 1970-01-01 to date, a business date that ks_business_date_ok accepts. */
int64_t ks_business_date_days(const char *date);

/* Bytes of a store or kiosk id at most. */
#define KS_DEVICE_ID_MAX 32

/*
 * True when id is 1-max bytes of [a-z0-9_.-]: the ids of orders (items,
 * categories, options) and of devices. NULL is false.
 */
bool ks_id_ok(const char *id, size_t max);

/*
 * The one rule for store and kiosk ids in every program (kiosk
 * configuration, orders, kitchen display, backend configuration and
 * queries): 1-KS_DEVICE_ID_MAX bytes of [a-z0-9_.-], lowercase so that an
 * id is written one way only and goes into a URL unescaped. NULL is false.
 */
bool ks_device_id_ok(const char *id);

/* Bytes of a kitchen station's name at most. */
#define KS_STATION_NAME_MAX 32

/*
 * The one rule for kitchen station names (grill, fryer, drinks) in every
 * program (the kitchen display's [stations], the kitchen events the
 * backend receives): 1-KS_STATION_NAME_MAX bytes, no control character
 * (below 0x20, 0x7f), no space first or last. NULL is false.
 */
bool ks_station_name_ok(const char *name);

/* Checks that totals add up exactly (lines, VAT rows, order). For tests and before storing. */
bool ks_order_totals_consistent(const ks_order *order);

#endif
