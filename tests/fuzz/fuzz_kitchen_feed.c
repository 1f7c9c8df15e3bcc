/*
 * Fuzz target for the kiosk's reading of a kitchen display's status feed
 * (ks_kitchen_feed_apply, kiosk/app/kitchen_feed.c): the input is the
 * page as a display would answer it, applied to a kiosk database that
 * holds one unpaid counter order (the uuid the seeds name).
 *
 * A page is applied whole or not at all: a refused page must give a
 * reason, leave the cursor untouched and write nothing (the outbox and the
 * order's status as they were); an accepted one a cursor no smaller than
 * zero and an empty reason. Seeds in tests/fuzz/corpus/kitchen_feed/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/app/checkout.h"
#include "kiosk/app/kitchen_feed.h"
#include "kiosk/common/log.h"
#include "kiosk/domain/order_json.h"
#include "kiosk/store/kitchen_feed_store.h"
#include "kiosk/store/order_store.h"
#include "tests/fuzz/fuzz_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The unpaid counter order the kiosk holds: the seeds name its uuid. */
#define KNOWN_UUID "5eed0000-0000-4000-8000-000000000001"
#define KNOWN_ORDER                                                                                \
    "{\"format\":\"kiosk-order/1\",\"uuid\":\"" KNOWN_UUID "\",\"store_id\":\"s1\","               \
    "\"kiosk_id\":\"k1\",\"number\":7,\"business_date\":\"2026-11-24\",\"service\":\"dine_in\","   \
    "\"status\":\"created\",\"lang\":\"ar\",\"currency\":\"SAR\",\"exponent\":2,"                  \
    "\"prices_include_tax\":true,\"menu_version\":\"1\",\"created_at\":1795500000,"                \
    "\"updated_at\":1795500000,\"lines\":[{\"item_id\":\"cola\",\"category_id\":\"drinks\","       \
    "\"name\":{\"ar\":\"كولا\",\"en\":\"Cola\"},\"unit\":\"each\",\"quantity\":1,"             \
    "\"unit_price\":600,\"details\":[],\"note\":\"\",\"vat_rate_bp\":1500,\"discount\":0,"         \
    "\"net\":522,\"vat\":78,\"gross\":600,\"promo_note\":{\"ar\":\"\",\"en\":\"\"}}],"             \
    "\"vat\":[{\"rate_bp\":1500,\"taxable\":522,\"vat\":78}],\"subtotal\":600,\"discount\":0,"     \
    "\"total_net\":522,\"total_vat\":78,\"total\":600}"

static ks_db *db;

static int64_t count(const char *sql)
{
    int64_t n = -1;
    ks_db_binder b = ks_db_bind(db, sql);
    if (ks_db_query_int(db, &b, &n) != KS_DB_OK)
        abort();
    return n;
}

static void setup(void)
{
    ks_log_set_level(KS_LOG_ERROR);
    char dir[] = "/tmp/fuzz_kitchen_feed.XXXXXX";
    if (!mkdtemp(dir))
        abort();
    char path[64];
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    db = ks_kitchen_feed_store_open(path, NULL);
    ks_order *order = ks_order_from_json(KNOWN_ORDER, strlen(KNOWN_ORDER), NULL);
    int32_t number = 0;
    if (!db || !order || ks_order_store_insert(db, order, 0, &number) != KS_DB_OK)
        abort();
    ks_order_free(order);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db)
        setup();
    size_t len;
    bool is_c_string;
    char *text = fuzz_case_text(data, size, KS_KITCHEN_FEED_PAGE_MAX, &len, &is_c_string);
    if (!text)
        return 0;
    int64_t messages = count("SELECT count(*) FROM outbox");
    int64_t events = count("SELECT count(*) FROM order_events");
    int64_t next = -7;
    ks_json_error why = {.reason = "unset"};
    bool ok = ks_kitchen_feed_apply(db, NULL, text, len, &next, NULL, &why);
    if (ok ? (why.reason[0] != '\0' || why.path[0] != '\0' || next < 0)
           : (why.reason[0] == '\0' || next != -7))
        __builtin_trap();
    if (!ok && (count("SELECT count(*) FROM outbox") != messages ||
                count("SELECT count(*) FROM order_events") != events))
        __builtin_trap();
    free(text);
    return 0;
}
