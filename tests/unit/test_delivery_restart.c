/*
 * The kitchen display killed (SIGKILL, like a power cut) and started again
 * on the same database while a kiosk keeps selling: the display runs as a
 * child process (this program again, with --kds-serve), the delivery
 * worker in this one. Every paid order must end up on the display exactly
 * once: none lost to the kill, none doubled by the retries after it.
 */
#include "kiosk/app/delivery.h"
#include "tests/unit/test_kitchen_fixture.h"

#define ORDERS 30

static void test_display_restarted_mid_stream(void)
{
    char kiosk[4200], kds_path[4200];
    snprintf(kds_path, sizeof kds_path, "%s", kitchen_fresh_path("restart-kds.db"));
    fixture_fresh_db(check_tmp_dir(), "restart-kiosk.db", kiosk, sizeof kiosk);
    uint16_t port = kitchen_free_port();
    CHECK(port != 0);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/orders", (unsigned)port);

    pid_t child = kitchen_child_start(kds_path, port);
    CHECK(child > 0);
    ks_db *db = ks_db_open(kiosk, NULL);
    CHECK(db != NULL);
    const char *list[] = {url};
    const ks_delivery_config cfg = {.db_path = kiosk,
                                    .kitchen_urls = list,
                                    .n_kitchen_urls = 1,
                                    .token = KITCHEN_TOKEN,
                                    .timeout_ms = 1000,
                                    .time_scale = 1000};
    ks_delivery *d = ks_delivery_start(&cfg);
    CHECK(d != NULL);
    int restarts = 0;
    for (unsigned i = 1; i <= ORDERS; i++) {
        CHECK(kitchen_kiosk_pay(db, i));
        ks_delivery_wake(d);
        /* Killed with requests in flight, down for a while, killed and back at once, and killed
         * near the end. */
        if (i == 8 || i == 16 || i == 24 || i == 28) {
            kitchen_child_kill(child);
            child = -1;
        }
        if (i == 12 || i == 24) {
            child = kitchen_child_start(kds_path, port);
            restarts += child > 0;
        }
        kitchen_sleep_ms(3);
    }
    if (child < 0) {
        child = kitchen_child_start(kds_path, port);
        restarts += child > 0;
    }
    int64_t left = kitchen_wait_undelivered(kiosk, 0, CHECK_WAIT_MS);
    ks_delivery_stats st;
    ks_delivery_get_stats(d, &st);
    ks_delivery_stop(d);
    kitchen_child_kill(child);
    ks_db_close(db);
    CHECK_EQ_INT(restarts, 3);
    CHECK_EQ_INT(left, 0);
    CHECK_EQ_INT(st.delivered, ORDERS);
    CHECK(st.failed > 0); /* the kills were felt */
    CHECK_EQ_INT(kitchen_ticket_count(kds_path), ORDERS);
    CHECK(kitchen_all_there_once(kds_path, 1, ORDERS));
}

static const struct check_case cases[] = {
    {"display restarted mid-stream: no ticket lost or doubled", test_display_restarted_mid_stream},
};

int main(int argc, char **argv)
{
    int child = kitchen_child_main(argc, argv);
    if (child >= 0)
        return child;
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
