/*
 * End to end: the real kiosk program, under SDL's offscreen video driver,
 * driven by the scripts in tests/e2e/ (taps on named widgets on a virtual
 * clock, see kiosk/screens/script.h) through whole customer journeys with
 * the simulated terminal and printer; then what it stored in its SQLite
 * file is checked: the order, its lines and details, the payments and the
 * outbox messages for the kitchen and the backend. A script's shot is
 * checked too: the menu's order bar after adding, in both languages.
 */
#include "tests/support/check.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>

#include "devices/sim/scale_sim.h"
#include "devices/sim/sim_pty.h"
#include "kiosk/app/delivery.h"
#include "kiosk/app/office_refunds.h"
#include "kiosk/app/peer_pull.h"
#include "kiosk/attendant/att_config.h"
#include "kiosk/app/secret_file.h"
#include "kiosk/app/zatca_credentials.h"
#include "kiosk/common/staff_secret.h"
#include "kiosk/domain/catalog.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/domain/zatca_qr.h"
#include "devices/printer/profile.h"
#include "kiosk/einvoice/einvoice_verify.h"
#include "kiosk/render/print_render.h"
#include "kiosk/screens/theme_file.h"
#include "kiosk/zatca/zatca_sim.h"
#include "tests/support/zatca_fixture.h"
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_backend_session_fixture.h"
#include "tests/unit/test_nexo_fixture.h"
#include "tests/unit/test_programs.h"
#include "tests/unit/test_zatca_fixture.h"
#include "ui/png.h"

#define RUN_LIMIT_S 180
/* lane-01's token: on the attendant console and, as kiosk-01, the backend. */
#define LANE_TOKEN "lane-01-Tq7Wm3Zr9Xp5Kv2Bn8"
#define LANE_MANAGER "mgr-lane-Wp4Rt8Yu2Io6Pa9Sd3F" /* the backend's manager token */

static struct nexo_fixture fx;

/* When set, the kiosk runs as under kiosk.service (Type=notify, 10 s watchdog), told this socket.
 */
static const char *notify_socket;

/*
 * Starts the kiosk on script (in tests/e2e, or an absolute path) with the
 * database at db (fresh: removed first) and the devices given (NULL:
 * simulated); its pid, or -1.
 */
static pid_t start_kiosk(const char *script, const char *db, bool fresh, const char *terminal,
                         const char *printer, const char *config, const char *menu_file)
{
    char program[4096], script_path[4096], assets[4096], menu[4096];
    if (!program_path("kiosk", program, sizeof program))
        return -1;
    if (script[0] == '/')
        snprintf(script_path, sizeof script_path, "%s", script);
    else
        snprintf(script_path, sizeof script_path, "%s/tests/e2e/%s", check_source_dir(), script);
    snprintf(assets, sizeof assets, "%s/assets", check_source_dir());
    snprintf(menu, sizeof menu, "%s/assets/menus/%s", check_source_dir(),
             menu_file ? menu_file : "restaurant.json");
    if (fresh)
        program_remove_database(db);
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        if (notify_socket) {
            char pid_text[32];
            snprintf(pid_text, sizeof pid_text, "%ld", (long)getpid());
            setenv("NOTIFY_SOCKET", notify_socket, 1);
            setenv("WATCHDOG_USEC", "10000000", 1);
            setenv("WATCHDOG_PID", pid_text, 1);
        }
        const char *argv[16] = {program,    "--script", script_path, "--db", db,
                                "--assets", assets,     "--menu",    menu};
        int n = 9;
        if (terminal) {
            argv[n++] = "--terminal";
            argv[n++] = terminal;
        }
        if (printer) {
            argv[n++] = "--printer";
            argv[n++] = printer;
        }
        if (config) {
            argv[n++] = "--config";
            argv[n++] = config;
        }
        argv[n] = NULL;
        execv(program, (char *const *)argv);
        _exit(127);
    }
    return pid;
}

/* Runs the kiosk as start_kiosk on a fresh database; its exit status. */
static int run_kiosk_with(const char *script, const char *db, const char *terminal,
                          const char *printer, const char *config, const char *menu_file)
{
    pid_t pid = start_kiosk(script, db, true, terminal, printer, config, menu_file);
    return pid < 0 ? -1 : program_wait(pid, RUN_LIMIT_S);
}

static int run_kiosk_on(const char *script, const char *db, const char *terminal,
                        const char *printer)
{
    return run_kiosk_with(script, db, terminal, printer, NULL, NULL);
}

static int run_kiosk(const char *script, const char *db)
{
    return run_kiosk_on(script, db, NULL, NULL);
}

/* The first column of the first row of sql, as an integer; -1 when there is none. */
static long long query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "  %s: %s\n", sql, sqlite3_errmsg(db));
        return -1;
    }
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The first column of the rows of sql joined by ',' into out. */
static const char *query_list(sqlite3 *db, const char *sql, char *out, size_t cap)
{
    sqlite3_stmt *st;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return out;
    size_t len = 0;
    while (sqlite3_step(st) == SQLITE_ROW && len < cap) {
        const unsigned char *text = sqlite3_column_text(st, 0);
        len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? "," : "",
                                text ? (const char *)text : "");
    }
    sqlite3_finalize(st);
    return out;
}

static sqlite3 *open_db(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

/*
 * The nexo terminal simulator, approving every payment, and its URI for
 * --terminal in uri; NULL when it cannot start.
 */
static dev_nexo_sim *approving_terminal(char *uri, size_t cap)
{
    if (!nexo_fixture_init(&fx))
        return NULL;
    dev_nexo_sim_config sc = nexo_fixture_sim_config(&fx);
    dev_nexo_sim *sim = dev_nexo_sim_start(&sc, NULL, 0);
    if (sim)
        nexo_fixture_uri(&fx, dev_nexo_sim_port(sim), NULL, "", uri, cap);
    return sim;
}

/* The same, declining the first payment. */
static dev_nexo_sim *declining_terminal(char *uri, size_t cap)
{
    dev_nexo_sim *sim = approving_terminal(uri, cap);
    if (sim && !dev_nexo_sim_script(sim, DEV_NEXO_SIM_DECLINE)) {
        dev_nexo_sim_stop(sim);
        return NULL;
    }
    return sim;
}

/*
 * The kiosk's copies of its orders for the backend whose payment names
 * the terminal's reference of their approved payment, as the kiosk
 * recorded it (a simulator's: "SIM...", #15).
 */
static long long backend_copies_naming_terminal_ref(sqlite3 *db)
{
    return query_int(db,
                     "SELECT count(*) FROM outbox o JOIN payments p ON p.status = "
                     "'approved' WHERE o.destination = 'backend' AND p.terminal_ref "
                     "LIKE 'SIM%' AND json_extract(o.payload, '$.payment.terminal_ref') "
                     "= p.terminal_ref AND json_extract(o.payload, '$.payment.brand') = 'mada'");
}

static void test_order_paid(void)
{
    char path[4096], list[1024];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "order_paid.db"));
    CHECK_EQ_INT(run_kiosk("order_paid.script", path), 0);
    sqlite3 *db = open_db(path);
    CHECK(db != NULL);
    CHECK_EQ_INT(query_int(db, "SELECT count(*) FROM orders"), 1);
    CHECK_EQ_STR(query_list(db, "SELECT status || ' ' || service || ' ' || lang FROM orders", list,
                            sizeof list),
                 "paid dine_in en");
    /* 18.00 + 30.00 + 5.60 (7.00 less 20 %), VAT included: 53.60 * 15 / 115 = 6.99. */
    CHECK_EQ_INT(query_int(db, "SELECT total FROM orders"), 5360);
    CHECK_EQ_INT(query_int(db, "SELECT discount FROM orders"), 140);
    CHECK_EQ_INT(query_int(db, "SELECT total_vat FROM orders"), 699);
    CHECK_EQ_STR(query_list(db,
                            "SELECT item_id || ' x' || quantity || ' ' || gross FROM order_lines "
                            "ORDER BY line_no",
                            list, sizeof list),
                 "beef-burger x1 1800,cheeseburger-meal x1 3000,vanilla-sundae x1 560");
    CHECK_EQ_STR(query_list(db,
                            "SELECT detail_id FROM order_line_details WHERE line_no = 0 "
                            "ORDER BY detail_no",
                            list, sizeof list),
                 "cheddar,jalapeno");
    CHECK_EQ_STR(query_list(db,
                            "SELECT detail_id FROM order_line_details WHERE line_no = 1 AND "
                            "depth = 0 ORDER BY detail_no",
                            list, sizeof list),
                 "large,cheese-burger,curly-fries,cola");
    CHECK_EQ_STR(query_list(db, "SELECT status || ' ' || amount FROM payments", list, sizeof list),
                 "approved 5360");
    CHECK_EQ_STR(
        query_list(db, "SELECT destination FROM outbox ORDER BY destination", list, sizeof list),
        "backend,kitchen");
    /* The simulated terminal's reference of the payment, as a real one's (#15). */
    CHECK_EQ_INT(backend_copies_naming_terminal_ref(db), 1);
    sqlite3_close(db);
}

static void test_declined_then_paid(void)
{
    char path[4096], list[1024];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "declined.db"));
    CHECK_EQ_INT(run_kiosk("declined_then_paid.script", path), 0);
    sqlite3 *db = open_db(path);
    CHECK(db != NULL);
    CHECK_EQ_STR(query_list(db,
                            "SELECT status || ' ' || service || ' ' || lang || ' ' || total "
                            "FROM orders",
                            list, sizeof list),
                 "paid takeaway ar 1800");
    /* The same order, two sale ids: the refusal is kept beside the approval. */
    CHECK_EQ_STR(
        query_list(db, "SELECT status FROM payments ORDER BY created_at, rowid", list, sizeof list),
        "declined,approved");
    CHECK_EQ_INT(query_int(db, "SELECT count(DISTINCT sale_txn_id) FROM payments"), 2);
    CHECK_EQ_INT(query_int(db, "SELECT count(*) FROM outbox"), 2);
    sqlite3_close(db);
}

static void test_idle_reset(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "idle.db"));
    CHECK_EQ_INT(run_kiosk("idle_reset.script", path), 0);
    sqlite3 *db = open_db(path);
    CHECK(db != NULL);
    CHECK_EQ_INT(query_int(db, "SELECT count(*) FROM orders"), 0);
    CHECK_EQ_INT(query_int(db, "SELECT count(*) FROM payments"), 0);
    CHECK_EQ_INT(query_int(db, "SELECT count(*) FROM outbox"), 0);
    sqlite3_close(db);
}

/*
 * Under systemd (kiosk.service: Type=notify, WatchdogSec=10s) the kiosk
 * says READY=1 once, after its first frame, and pings the watchdog from its
 * UI loop; its status says whether anybody is ordering (idle on the attract
 * screen, ordering once the customer taps), which kiosk-reboot-when-idle
 * reads; the datagrams it sent wait in the socket once it has exited.
 */
static void test_tells_systemd_ready_and_alive(void)
{
    char path[4096], sock_path[4096];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "notify.db"));
    snprintf(sock_path, sizeof sock_path, "%s", check_path(check_tmp_dir(), "notify.sock"));
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    CHECK(strlen(sock_path) < sizeof addr.sun_path);
    memcpy(addr.sun_path, sock_path, strlen(sock_path) + 1);
    unlink(sock_path);
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    CHECK(fd >= 0);
    CHECK(bind(fd, (const struct sockaddr *)&addr, sizeof addr) == 0);
    notify_socket = sock_path;
    int status = run_kiosk("idle_reset.script", path);
    notify_socket = NULL;
    int ready = 0, pings = 0, other = 0;
    char msg[512], statuses[256] = "";
    ssize_t n;
    while ((n = recv(fd, msg, sizeof msg - 1, MSG_DONTWAIT)) > 0) {
        msg[n] = '\0';
        if (strncmp(msg, "READY=1\n", 8) == 0)
            ready++;
        else if (strcmp(msg, "WATCHDOG=1") == 0)
            pings++;
        else if (strncmp(msg, "STATUS=idle: ", 13) == 0 ||
                 strncmp(msg, "STATUS=ordering: ", 17) == 0) {
            size_t len = strlen(statuses);
            if (len + 1 < sizeof statuses) { /* 'i' or 'o' */
                statuses[len] = msg[7];
                statuses[len + 1] = '\0';
            }
        } else
            other++;
    }
    close(fd);
    unlink(sock_path);
    CHECK_EQ_INT(status, 0);
    CHECK_EQ_INT(ready, 1);
    CHECK(pings >= 1);
    CHECK_EQ_INT(other, 0);
    /* Idle on the attract screen, then ordering, each told once per change. */
    CHECK(strncmp(statuses, "io", 2) == 0);
    CHECK(strstr(statuses, "ii") == NULL && strstr(statuses, "oo") == NULL);
}

static void test_real_devices(void)
{
    /* The payment worker talks nexo over TLS to a simulator in this process ... */
    char uri[16384], path[4096], list[1024];
    dev_nexo_sim *sim = declining_terminal(uri, sizeof uri);
    CHECK(sim != NULL);
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "devices.db"));
    /* ... and the print worker renders the receipt for a simulated ESC/POS printer. */
    int status = run_kiosk_on("devices_declined_then_paid.script", path, uri, "sim://");
    dev_nexo_sim_stop(sim);
    CHECK_EQ_INT(status, 0);
    sqlite3 *db = open_db(path);
    CHECK(db != NULL);
    CHECK_EQ_STR(query_list(db, "SELECT status || ' ' || total FROM orders", list, sizeof list),
                 "paid 1800");
    CHECK_EQ_STR(
        query_list(db, "SELECT status FROM payments ORDER BY created_at, rowid", list, sizeof list),
        "declined,approved");
    CHECK_EQ_INT(query_int(db, "SELECT count(*) FROM outbox"), 2);
    /* The backend's copy carries the terminal's reference of the approved payment (#15): the
     * simulator's, from the payment worker's answer. */
    CHECK_EQ_INT(backend_copies_naming_terminal_ref(db), 1);
    sqlite3_close(db);
}

/*
 * The same journey with ZATCA phase 2 set up ([zatca] with the SDK's test
 * stamp): the payment worker signs the invoice in the paying transaction;
 * the stored document verifies, its report is queued, and the receipt was
 * printed from it.
 */
static void test_signed_einvoice(void)
{
    char cert[4096], key[4096], config[4096], path[4096], uri[16384], list[1024];
    CHECK(zatca_fixture_stamp(check_tmp_dir(), cert, key, sizeof cert));
    snprintf(config, sizeof config, "%s", check_path(check_tmp_dir(), "zatca.ini"));
    FILE *f = fopen(config, "w");
    CHECK(f);
    fprintf(f, "[kiosk]\nstaff_pin = 86420\n[zatca]\ncertificate = %s\nprivate_key = %s\n", cert,
            key);
    fclose(f);
    dev_nexo_sim *sim = declining_terminal(uri, sizeof uri);
    CHECK(sim != NULL);
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "einvoice.db"));
    int status =
        run_kiosk_with("devices_declined_then_paid.script", path, uri, "sim://", config, NULL);
    dev_nexo_sim_stop(sim);
    CHECK_EQ_INT(status, 0);
    sqlite3 *db = open_db(path);
    CHECK(db != NULL);
    CHECK_EQ_STR(query_list(db,
                            "SELECT icv || ' ' || kind || ' ' || (order_uuid = uuid) "
                            "FROM einvoices",
                            list, sizeof list),
                 "1 388 1");
    /* The order for the backend, its invoice's copy for the chain's archive, the kitchen's
     * ticket and the report to ZATCA. */
    CHECK_EQ_STR(query_list(db,
                            "SELECT destination || '/' || path FROM outbox "
                            "ORDER BY destination, path",
                            list, sizeof list),
                 "backend/,backend/einvoices,kitchen/,zatca/");
    sqlite3_stmt *st = NULL;
    CHECK(sqlite3_prepare_v2(db, "SELECT xml, qr, hash FROM einvoices", -1, &st, NULL) ==
          SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    char why[256] = "", hash[KS_INVOICE_HASH_B64];
    bool verified = ks_einvoice_verify(sqlite3_column_blob(st, 0),
                                       (size_t)sqlite3_column_bytes(st, 0), hash, why, sizeof why);
    ks_zatca_qr_fields qr;
    const char *qr_text = (const char *)sqlite3_column_text(st, 1);
    bool decoded = ks_zatca_qr_decode(qr_text, strlen(qr_text), &qr) == KS_ZATCA_QR_OK;
    bool same_hash = strcmp(hash, (const char *)sqlite3_column_text(st, 2)) == 0;
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (!verified)
        fprintf(stderr, "  %s\n", why);
    CHECK(verified && decoded && same_hash);
    CHECK(qr.field[KS_ZATCA_TAG_STAMP_SIGNATURE].present);
}

/*
 * Runs the kiosk to the menu in lang ("en" or "ar"), adds a meal from its
 * item page, lets the "Added" toast go and takes a shot of the menu, as
 * image/qemu-order.script does; the shot's pixels (RGBA, 1080 x 1920, the
 * caller frees) or NULL.
 */
static uint8_t *menu_shot_after_adding(const char *lang, int *w, int *h)
{
    char name[64], script[4096], shot[4096], db[4096];
    snprintf(name, sizeof name, "order-bar-%s.png", lang);
    snprintf(shot, sizeof shot, "%s", check_path(check_tmp_dir(), name));
    snprintf(name, sizeof name, "order-bar-%s.db", lang);
    snprintf(db, sizeof db, "%s", check_path(check_tmp_dir(), name));
    snprintf(name, sizeof name, "order-bar-%s.script", lang);
    snprintf(script, sizeof script, "%s", check_path(check_tmp_dir(), name));
    FILE *f = fopen(script, "w");
    bool written = f && fprintf(f,
                                "tap start\nuntil language\ntap lang-%s\nuntil service\n"
                                "tap takeaway\nuntil menu\ntap item:cheeseburger-meal\n"
                                "until item\ntap add-to-order\nuntil menu\nwait 3000\n"
                                "shot %s\n",
                                lang, shot) > 0;
    if (f && fclose(f) != 0)
        written = false;
    remove(shot);
    if (!written || run_kiosk(script, db) != 0)
        return NULL;
    return ui_png_read(shot, w, h);
}

/* Pixels of colour c in the bottom rows of the shot (the order bar), in its left and right halves.
 */
static void count_in_bar(const uint8_t *rgba, int w, int h, SDL_Color c, long *left, long *right)
{
    *left = *right = 0;
    for (int y = h - h / 12; y < h; y++)
        for (int x = 0; x < w; x++) {
            const uint8_t *p = rgba + ((size_t)y * (size_t)w + (size_t)x) * 4;
            if (p[0] == c.r && p[1] == c.g && p[2] == c.b)
                (x < w / 2 ? left : right)[0]++;
        }
}

/*
 * The shot of the menu after adding shows the order bar whole: the enabled
 * "View order" button (a primary fill of 380 x 96, less its text) at the
 * bar's end, on the right in English and on the left in Arabic. A shot
 * reads the window's pixels before any present; it once found only the
 * part of the frame SDL had carried out when the bag's arc changed the arc
 * mask, so the bar showed nothing but the accessibility button.
 */
static void test_shot_shows_the_order_bar(void)
{
    struct ui_theme theme;
    ks_ini_error err;
    ui_theme_defaults(&theme);
    CHECK(ks_theme_load(&theme, check_path(check_source_dir(), "assets/theme/default.ini"), &err));
    SDL_Color primary = ui_theme_color(&theme, UI_COLOR_PRIMARY);
    static const char *const langs[] = {"en", "ar"};
    for (int i = 0; i < 2; i++) {
        int w = 0, h = 0;
        uint8_t *rgba = menu_shot_after_adding(langs[i], &w, &h);
        CHECK(rgba != NULL);
        if (!rgba)
            continue;
        long left, right;
        count_in_bar(rgba, w, h, primary, &left, &right);
        free(rgba);
        long end = i == 0 ? right : left, start = i == 0 ? left : right;
        if (end < 25000)
            fprintf(stderr, "  %s: %ld primary pixels at the bar's end, %ld at its start\n",
                    langs[i], end, start);
        CHECK(end >= 25000);
        CHECK(start < end);
    }
}

/* A script of the paying journey of devices_declined_then_paid.script (with pay) or none, then
 * a long wait (the kiosk runs until killed), written to name in the test's folder. */
static bool write_waiting_script(const char *name, bool pay, char *path, size_t cap)
{
    char source[4096];
    snprintf(source, sizeof source, "%s/tests/e2e/devices_declined_then_paid.script",
             check_source_dir());
    char *journey = pay ? check_read_file(source, NULL) : NULL;
    snprintf(path, cap, "%s", check_path(check_tmp_dir(), name));
    FILE *f = fopen(path, "w");
    bool ok = f && (!pay || (journey && fputs(journey, f) >= 0)) &&
              fputs("await never-shown 600000\n", f) >= 0;
    if (f && fclose(f) != 0)
        ok = false;
    free(journey);
    return ok;
}

/* Kills the kiosk once done(ctx) is true, polling with a generous deadline; done's last answer.
 * False at once when the kiosk ended by itself. */
static bool kill_kiosk_when(pid_t pid, bool (*done)(void *ctx), void *ctx)
{
    bool reached = false;
    int status = 0;
    for (int64_t end = check_now_ms() + 4 * CHECK_WAIT_MS;
         !(reached = done(ctx)) && check_now_ms() < end; check_sleep_ms(20))
        if (waitpid(pid, &status, WNOHANG) == pid)
            return false;
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return reached;
}

static bool sim_took_one(void *sim)
{
    uint64_t requests = 0, accepted = 0;
    ks_zatca_sim_counts(sim, &requests, &accepted);
    return accepted >= 1;
}

static bool report_recorded(void *db_path)
{
    sqlite3 *db = open_db(db_path);
    long long n = db ? query_int(db, "SELECT count(*) FROM outbox WHERE destination = 'zatca' "
                                     "AND delivered_at IS NOT NULL")
                     : -1;
    sqlite3_close(db);
    return n == 1;
}

/*
 * ZATCA reporting end to end: the real kiosk program pays an order on the
 * nexo terminal simulator, signs its invoice in the paying transaction and
 * its delivery worker reports it to zatca-sim on loopback, which checks it
 * (hash, uuid, the XML) and takes it, but its answer is lost (the "lost"
 * outcome holds it) and the kiosk is killed before it records anything.
 * Restarted, the kiosk sends it again, hears "already reported" (409) and
 * records it as done: ZATCA counted exactly one report.
 */
static void test_einvoice_reported_once(void)
{
    static const enum ks_zatca_sim_outcome lost[] = {KS_ZATCA_SIM_LOST};
    const ks_zatca_sim_options so = {.listen = "127.0.0.1:0",
                                     .token = ZATCA_TEST_TOKEN,
                                     .secret = ZATCA_TEST_SECRET,
                                     .script = lost,
                                     .script_len = 1,
                                     .outcome = KS_ZATCA_SIM_REPORTED,
                                     .hold_ms = 600000};
    ks_zatca_sim *zatca = ks_zatca_sim_start(&so);
    CHECK(zatca != NULL);
    char cert[4096], key[4096], csid[4096], config[4096], path[4096], uri[16384];
    char pay[4096], idle[4096], list[256];
    CHECK(zatca_fixture_stamp(check_tmp_dir(), cert, key, sizeof cert));
    snprintf(csid, sizeof csid, "%s", check_path(check_tmp_dir(), "reported-csid.json"));
    static const char credentials[] =
        "{\"requestID\": 1, \"binarySecurityToken\": \"" ZATCA_TEST_TOKEN
        "\", \"secret\": \"" ZATCA_TEST_SECRET "\"}";
    CHECK(ks_secret_file_write(csid, credentials, strlen(credentials)));
    snprintf(config, sizeof config, "%s", check_path(check_tmp_dir(), "reported.ini"));
    FILE *f = fopen(config, "w");
    CHECK(f);
    fprintf(f,
            "[kiosk]\nstaff_pin = 86420\n[zatca]\ncertificate = %s\nprivate_key = %s\n"
            "reporting_url = http://127.0.0.1:%u\ncredentials = %s\n",
            cert, key, (unsigned)ks_zatca_sim_port(zatca), csid);
    fclose(f);
    CHECK(write_waiting_script("reported-pay.script", true, pay, sizeof pay));
    CHECK(write_waiting_script("reported-idle.script", false, idle, sizeof idle));
    dev_nexo_sim *sim = declining_terminal(uri, sizeof uri);
    CHECK(sim != NULL);
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "reported.db"));

    /* Paid, signed, sent and taken; killed while the answer is on its way. */
    pid_t pid = start_kiosk(pay, path, true, uri, "sim://", config, NULL);
    CHECK(pid > 0);
    CHECK(kill_kiosk_when(pid, sim_took_one, zatca));
    sqlite3 *db = open_db(path);
    CHECK(db != NULL);
    char uuid[37] = "";
    snprintf(uuid, sizeof uuid, "%s",
             query_list(db, "SELECT uuid FROM einvoices", list, sizeof list));
    CHECK_EQ_STR(query_list(db, "SELECT count(*) || ' ' || kind FROM einvoices", list, sizeof list),
                 "1 388");
    CHECK_EQ_INT(query_int(db, "SELECT count(*) FROM outbox WHERE destination = 'zatca' AND "
                               "delivered_at IS NULL"),
                 1);
    sqlite3_close(db);
    ks_zatca_sim_invoice_stats st;
    ks_zatca_sim_invoice_stats_get(zatca, uuid, &st);
    CHECK_EQ_INT(st.accepted, 1);

    /* Restarted: sent again, "already reported", recorded as done. */
    pid = start_kiosk(idle, path, false, uri, "sim://", config, NULL);
    CHECK(pid > 0);
    CHECK(kill_kiosk_when(pid, report_recorded, path));
    dev_nexo_sim_stop(sim);
    ks_zatca_sim_invoice_stats_get(zatca, uuid, &st);
    uint64_t requests = 0, accepted = 0;
    ks_zatca_sim_counts(zatca, &requests, &accepted);
    ks_zatca_sim_stop(zatca);
    CHECK_EQ_INT(st.accepted, 1);
    CHECK_EQ_INT(st.repeats, 1);
    CHECK_EQ_INT(st.requests, 2);
    CHECK_EQ_INT(accepted, 1);
    CHECK_EQ_INT(requests, 2);
    db = open_db(path);
    CHECK(db != NULL);
    CHECK_EQ_STR(query_list(db, "SELECT outcome || ' ' || http_status FROM zatca_reports", list,
                            sizeof list),
                 "already reported 409");
    sqlite3_close(db);
}

static void test_staff_prints_summary(void)
{
    char path[4096], list[1024];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "summary.db"));
    /* The print worker on a simulated ESC/POS printer: jobs recorded as the printer answered. */
    CHECK_EQ_INT(run_kiosk_on("staff_summary.script", path, NULL, "sim://"), 0);
    sqlite3 *db = open_db(path);
    CHECK(db != NULL);
    CHECK_EQ_STR(query_list(db,
                            "SELECT kind || ' ' || status || ' ' || coalesce(business_date, '-')"
                            " FROM print_jobs ORDER BY id",
                            list, sizeof list),
                 "receipt printed -,summary printed 2026-11-24");
    /* The summary is of the day the order was sold on (the script's virtual clock). */
    CHECK_EQ_STR(query_list(db, "SELECT business_date FROM orders", list, sizeof list),
                 "2026-11-24");
    /* Without a configuration file the demo PIN let staff in; every step is audited. */
    CHECK_EQ_STR(query_list(db,
                            "SELECT place || ' ' || action || ' ' || outcome FROM staff_audit "
                            "ORDER BY seq",
                            list, sizeof list),
                 "staff-pin pin ok,staff summary ok,staff exit ok");
    sqlite3_close(db);
}

/* A kiosk configured without a staff PIN does not start: there is no default PIN to guess. */
/* True when the n bytes of needle occur in b. */
static bool holds(const dev_buffer *b, const uint8_t *needle, size_t n)
{
    for (size_t i = 0; i + n <= b->len; i++)
        if (memcmp(b->data + i, needle, n) == 0)
            return true;
    return false;
}

/* True when the ESC/POS job in b starts the printer (ESC @), holds a raster (GS v 0) and cuts. */
static bool escpos_job(const dev_buffer *b)
{
    static const uint8_t init[] = {0x1b, 0x40}, raster[] = {0x1d, 0x76, 0x30}, cut[] = {0x1d, 0x56};
    return b->len > 1000 && memcmp(b->data, init, 2) == 0 && holds(b, raster, sizeof raster) &&
           holds(b, cut, sizeof cut);
}

/*
 * staff_refund.script: a burger and fries paid by card on the nexo
 * simulator, then the fries given back at the staff refund screen: the
 * refund is done by card through the terminal (a nexo refund: the
 * script's day is not the terminal's), exactly one backend message
 * carries it, its slip printed, and the order is still paid (in part).
 */
static void test_staff_refunds_a_line(void)
{
    char uri[16384], path[4096], list[2048];
    dev_nexo_sim *sim = approving_terminal(uri, sizeof uri);
    CHECK(sim != NULL);
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "refund.db"));
    int status = run_kiosk_on("staff_refund.script", path, uri, "sim://");
    dev_nexo_sim_stop(sim);
    CHECK_EQ_INT(status, 0);
    sqlite3 *db = open_db(path);
    CHECK(db != NULL);
    CHECK_EQ_STR(query_list(db, "SELECT status || ' ' || total FROM orders", list, sizeof list),
                 "paid 2400");
    CHECK_EQ_STR(query_list(db,
                            "SELECT status || ' ' || method || ' ' || amount || ' ' || reason || "
                            "' ' || via || ' ' || attempt FROM refunds",
                            list, sizeof list),
                 "done card 600 quality refund 1");
    CHECK_EQ_STR(
        query_list(db, "SELECT line_no || 'x' || quantity FROM refund_lines", list, sizeof list),
        "1x1");
    CHECK_EQ_STR(query_list(db,
                            "SELECT json_extract(payload, '$.method') || ' ' || "
                            "json_extract(payload, '$.amount') || ' ' || "
                            "json_extract(payload, '$.lines[0].line_no') || ' ' || "
                            "json_array_length(payload, '$.lines') || ' ' || "
                            "(json_extract(payload, '$.refund_id') = (SELECT id FROM refunds)) "
                            "FROM outbox WHERE destination = 'backend_refund'",
                            list, sizeof list),
                 "card 600 1 1 1");
    CHECK_EQ_STR(query_list(db, "SELECT kind || ' ' || status FROM print_jobs ORDER BY id", list,
                            sizeof list),
                 "receipt printed,refund printed");
    CHECK_EQ_STR(query_list(db,
                            "SELECT place || ' ' || action FROM staff_audit WHERE action LIKE "
                            "'refund%' ORDER BY seq",
                            list, sizeof list),
                 "staff refund,staff-screen refund");
    sqlite3_close(db);
    /* The slip's bytes, as the print worker made them from the database. */
    ks_db *kdb = ks_db_open(path, NULL);
    CHECK(kdb != NULL);
    ks_config cfg;
    ks_config_defaults(&cfg);
    ks_print_renderer *r = ks_print_renderer_new(check_path(check_source_dir(), "assets/fonts"),
                                                 dev_printer_profile_default(), &cfg, KS_LANG_AR);
    CHECK(r != NULL);
    ks_print_job job = {0};
    CHECK_EQ_INT(ks_print_store_load(kdb, 2, &job), KS_DB_OK);
    CHECK_EQ_INT(job.kind, KS_PRINT_REFUND);
    dev_buffer bytes;
    dev_buffer_init(&bytes, 1 << 22);
    char why[256] = "";
    CHECK(ks_print_render_stored(r, kdb, &job, &bytes, why, sizeof why));
    CHECK(escpos_job(&bytes));
    /* A slip of the fries only: shorter than the receipt of the whole order. */
    ks_print_job receipt = {0};
    dev_buffer whole;
    dev_buffer_init(&whole, 1 << 22);
    CHECK_EQ_INT(ks_print_store_load(kdb, 1, &receipt), KS_DB_OK);
    CHECK(ks_print_render_stored(r, kdb, &receipt, &whole, why, sizeof why));
    CHECK(whole.len != bytes.len);
    dev_buffer_free(&bytes);
    dev_buffer_free(&whole);
    ks_print_renderer_free(r);
    ks_db_close(kdb);
}

/*
 * A refund the back office asked for (kiosk/app/office_refunds.h), given
 * back at the staff refund screen: an order paid by card
 * (order_paid.script); the back office's request of its beef burger taken
 * in as the heartbeat would; the kiosk started again on that database:
 * the refund screen lists the request, opens it as asked (not declined),
 * with its reason and who asked, and "refund now" gives it back through
 * the terminal; the request is then done, off the list, and the backend's
 * refund message names it. The list's page is shot in Arabic (the
 * refund-asked-ar.png in the test's folder).
 */
static void test_back_office_refund_at_the_screen(void)
{
    char uri[16384], path[4096], list[2048], script[4096], shot[4096];
    dev_nexo_sim *sim = approving_terminal(uri, sizeof uri);
    CHECK(sim != NULL);
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "office-refund.db"));
    CHECK_EQ_INT(run_kiosk_on("order_paid.script", path, uri, "sim://"), 0);
    ks_db *kdb = ks_db_open(path, NULL);
    CHECK(kdb != NULL);
    ks_office_refund asked = {.asked_at = 1795478400, .n_lines = 1, .lines = {{0, 1}}};
    snprintf(asked.request_id, sizeof asked.request_id, "5eed0000-0000-4000-8000-0000000000c7");
    snprintf(asked.reason, sizeof asked.reason, "cold");
    snprintf(asked.person, sizeof asked.person, "سارة");
    sqlite3 *db = open_db(path);
    CHECK(db != NULL);
    query_list(db, "SELECT uuid FROM orders", asked.order_uuid, sizeof asked.order_uuid);
    CHECK_EQ_INT(strlen(asked.order_uuid), 36); /* the one order */
    CHECK_EQ_INT(ks_office_refunds_take(kdb, &asked, 1, time(NULL), 0), 1);
    ks_db_close(kdb);
    snprintf(shot, sizeof shot, "%s", check_path(check_tmp_dir(), "refund-asked-ar.png"));
    snprintf(script, sizeof script, "%s", check_path(check_tmp_dir(), "office-refund.script"));
    FILE *f = fopen(script, "w");
    CHECK(f && fprintf(f,
                       "expect attract\n"
                       "tap staff-corner\ntap staff-corner\ntap staff-corner\n"
                       "tap staff-corner\ntap staff-corner\n"
                       "until staff-pin\n"
                       "tap pin-1\ntap pin-2\ntap pin-3\ntap pin-4\ntap pin-ok\n"
                       "until staff\n"
                       "tap refund\n"
                       "until refund\n"
                       "present refund-asked:0\n"
                       "absent refund-asked:1\n"
                       "shot %s\n"
                       "tap refund-asked:0\n"
                       "await refund-asked\n"
                       "present refund-detail\n"
                       "shot %s.open.png\n"
                       "present refund-cancel\n"
                       "tap refund-retry\n"
                       "await refund-given 120000\n"
                       "tap refund-another\n"
                       "present number-ok\n"
                       "absent refund-asked:0\n"
                       "tap back\n"
                       "until staff\n"
                       "tap exit\n"
                       "until attract\n",
                       shot, shot) > 0);
    if (f)
        fclose(f);
    pid_t pid = start_kiosk(script, path, false, uri, "sim://", NULL, NULL);
    CHECK_EQ_INT(pid < 0 ? -1 : program_wait(pid, RUN_LIMIT_S), 0);
    dev_nexo_sim_stop(sim);
    CHECK_EQ_STR(query_list(db,
                            "SELECT r.status || ' ' || r.method || ' ' || r.staff || ' ' || "
                            "r.reason || ' ' || o.status FROM refunds r JOIN office_refunds o "
                            "ON o.refund_id = r.id",
                            list, sizeof list),
                 "done card سارة cold done");
    CHECK_EQ_STR(query_list(db,
                            "SELECT json_extract(payload, '$.request_id') FROM outbox "
                            "WHERE destination = 'backend_refund'",
                            list, sizeof list),
                 "5eed0000-0000-4000-8000-0000000000c7");
    sqlite3_close(db);
    int w = 0, h = 0;
    uint8_t *rgba = ui_png_read(shot, &w, &h);
    CHECK(rgba != NULL && w > 0 && h > 0);
    free(rgba);
}

/*
 * The database's whole check runs after the first frame
 * (ks_db_open_check_later): a file with a fault deep in one table (a cell
 * pointer out of its page: the header and schema read fine) still shows
 * the attract screen at once, and then the kiosk stops with a failure, as
 * a refused file always made it; the same file whole runs to the end.
 */
static void test_corrupt_database_stops_after_first_frame(void)
{
    char path[4096], script[4096], shot[4096];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "late-check.db"));
    CHECK_EQ_INT(run_kiosk("order_paid.script", path), 0);
    snprintf(shot, sizeof shot, "%s", check_path(check_tmp_dir(), "late-check.png"));
    snprintf(script, sizeof script, "%s", check_path(check_tmp_dir(), "late-check.script"));
    FILE *f = fopen(script, "w");
    CHECK(f && fprintf(f, "expect attract\nshot %s\n", shot) > 0);
    if (f)
        fclose(f);
    pid_t pid = start_kiosk(script, path, false, NULL, NULL, NULL, NULL);
    CHECK_EQ_INT(pid < 0 ? -1 : program_wait(pid, RUN_LIMIT_S), 0);
    sqlite3 *db = open_db(path);
    CHECK(db != NULL);
    long long root = query_int(db, "SELECT rootpage FROM sqlite_schema WHERE name = 'order_lines'");
    long long page_size = query_int(db, "PRAGMA page_size");
    sqlite3_close(db);
    CHECK(root > 1 && page_size > 0);
    int fd = open(path, O_RDWR);
    CHECK(fd >= 0);
    /* A leaf page's header is 8 bytes (an interior page's 12): its first cell pointer follows. */
    unsigned char type = 0;
    bool read_ok = pread(fd, &type, 1, (off_t)(root - 1) * page_size) == 1;
    static const unsigned char past_the_page[2] = {0xff, 0xff};
    bool written = read_ok && pwrite(fd, past_the_page, 2,
                                     (off_t)(root - 1) * page_size + (type == 0x0d ? 8 : 12)) == 2;
    CHECK(close(fd) == 0 && written);
    remove(shot);
    pid = start_kiosk(script, path, false, NULL, NULL, NULL, NULL);
    int status = pid < 0 ? -1 : program_wait(pid, RUN_LIMIT_S);
    CHECK_EQ_INT(status, EXIT_FAILURE);
    CHECK(access(shot, F_OK) == 0); /* the attract screen came first */
}

static void test_no_staff_pin_no_start(void)
{
    char config[4096], path[4096];
    snprintf(config, sizeof config, "%s", check_path(check_tmp_dir(), "no-pin.ini"));
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "no-pin.db"));
    FILE *f = fopen(config, "w");
    CHECK(f && fputs("[kiosk]\nid = kiosk-07\n", f) >= 0 && fclose(f) == 0);
    int status = run_kiosk_with("order_paid.script", path, NULL, NULL, config, NULL);
    CHECK_EQ_INT(status, EXIT_FAILURE);
    sqlite3 *db = open_db(path);
    CHECK(db == NULL || query_int(db, "SELECT count(*) FROM orders") == 0);
    if (db)
        sqlite3_close(db);
}

/* Runs the kiosk with args (NULL-terminated, after the program name); its exit status. */
static int run_args(const char *const *args)
{
    const char *build = getenv("KIOSK_BUILD_DIR");
    char program[4096];
    snprintf(program, sizeof program, "%s/kiosk/programs/kiosk", build ? build : ".");
    const char *argv[16] = {program};
    for (int i = 0; args[i] && i < 14; i++)
        argv[i + 1] = args[i];
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        execv(program, (char *const *)argv);
        _exit(127);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_render_from_the_command_line(void)
{
    char assets[4096], menu[4096], out[4096];
    snprintf(assets, sizeof assets, "%s/assets", check_source_dir());
    snprintf(menu, sizeof menu, "%s/assets/menus/restaurant.json", check_source_dir());
    snprintf(out, sizeof out, "%s", check_path(check_tmp_dir(), "cart.png"));
    unlink(out);
    const char *const good[] = {"--render", "cart",     "--lang", "ar",     "--size",
                                "270x480",  "--assets", assets,   "--menu", menu,
                                "--out",    out,        NULL};
    CHECK_EQ_INT(run_args(good), 0);
    size_t len = 0;
    char *png = check_read_file(out, &len);
    CHECK(png != NULL && len > 8 && memcmp(png, "\x89PNG", 4) == 0);
    free(png);
    const char *const unknown[] = {"--render", "checkout", "--lang", "en", "--assets", assets,
                                   "--menu",   menu,       "--out",  out,  NULL};
    CHECK_EQ_INT(run_args(unknown), 1);
    const char *const no_lang[] = {"--render", "cart", "--out", out, NULL};
    CHECK_EQ_INT(run_args(no_lang), 2);
}

/* A product the self-checkout test scans: counted, barcoded, no minimum age, no offer, cheap. */
static bool plain_product(const ks_catalog *cat, const ks_item *item)
{
    if (item->unit != KS_UNIT_EACH || item->n_barcodes == 0 || item->min_age > 0 ||
        item->price > 800) /* 25 of them stay below the whole-basket offer */
        return false;
    size_t n;
    const ks_promotion *promos = ks_catalog_promotions(cat, &n);
    for (size_t p = 0; p < n; p++) {
        for (size_t i = 0; i < promos[p].target.n_items; i++)
            if (promos[p].target.items[i] == item)
                return false;
        for (size_t c = 0; c < promos[p].target.n_categories; c++)
            if (promos[p].target.categories[c] == item->category)
                return false;
    }
    return true;
}

static bool write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    return f && fputs(text, f) >= 0 && fclose(f) == 0;
}

/* The demo supermarket's catalog, read here to compute what the lane must charge. */
static ks_catalog *supermarket_catalog(void)
{
    size_t len;
    char *json =
        check_read_file(check_path(check_source_dir(), "assets/menus/supermarket.json"), &len);
    ks_catalog *cat = json ? ks_menu_import(json, len, NULL) : NULL;
    free(json);
    return cat;
}

/*
 * The store floor around a lane: a serial scanner, a produce scale and a
 * bagging-area scale (magellan) on pseudo-terminals behind stable links,
 * which the lane's real drivers open. The lane's script leaves a mark (a
 * screenshot, "mark-N.png") where the shopper acts; this thread then does
 * what marks[N] says.
 */
struct floor_mark {
    const char *codes;           /* written to the scanner as they are ("CODE\r..."), or NULL */
    enum dev_scale_status scale; /* the produce scale's status ... */
    int64_t scale_grams;         /* ... and weight; -1: unchanged */
    int64_t bagging_grams;       /* the bagging scale, stable; -1: unchanged */
};

struct store_floor {
    dev_scale_sim *scale, *bagging;
    int scanner; /* the scanner's pty master */
    char scanner_link[4096], scale_link[4096], bagging_link[4096], mark[8][4096];
    const struct floor_mark *marks;
    int n_marks;
    pthread_t thread;
    volatile sig_atomic_t stop;
};

static void *floor_run(void *arg)
{
    struct store_floor *f = arg;
    int next = 0;
    while (!f->stop) {
        dev_scale_sim_serve(f->scale, 10);
        dev_scale_sim_serve(f->bagging, 10);
        if (next >= f->n_marks || access(f->mark[next], F_OK) != 0)
            continue;
        const struct floor_mark *m = &f->marks[next++];
        if (m->codes)
            dev_sim_write_all(f->scanner, m->codes, strlen(m->codes));
        if (m->scale_grams >= 0)
            dev_scale_sim_set(f->scale, m->scale, m->scale_grams);
        if (m->bagging_grams >= 0)
            dev_scale_sim_set(f->bagging, DEV_SCALE_STABLE, m->bagging_grams);
    }
    return NULL;
}

/* Points a stable path at a pty's slave, as udev's /dev/serial/by-id links do. */
static bool link_to(char *link, const char *leaf, const char *target)
{
    snprintf(link, 4096, "%s", check_path(check_tmp_dir(), leaf));
    unlink(link);
    return symlink(target, link) == 0;
}

/* Starts the floor's devices and thread for marks (at most 8). */
static bool floor_start(struct store_floor *f, const struct floor_mark *marks, int n_marks)
{
    char tty[64];
    *f = (struct store_floor){.scale = dev_scale_sim_new(DEV_SCALE_MAGELLAN),
                              .bagging = dev_scale_sim_new(DEV_SCALE_MAGELLAN),
                              .scanner = dev_sim_pty_open(tty, sizeof tty),
                              .marks = marks,
                              .n_marks = n_marks};
    if (!f->scale || !f->bagging || f->scanner < 0 || n_marks > 8 ||
        !link_to(f->scanner_link, "scanner", tty) ||
        !link_to(f->scale_link, "scale", dev_scale_sim_tty_path(f->scale)) ||
        !link_to(f->bagging_link, "bagging-scale", dev_scale_sim_tty_path(f->bagging)))
        return false;
    for (int i = 0; i < n_marks; i++) {
        char leaf[32];
        snprintf(leaf, sizeof leaf, "mark-%d.png", i);
        snprintf(f->mark[i], sizeof f->mark[i], "%s", check_path(check_tmp_dir(), leaf));
        unlink(f->mark[i]);
    }
    return pthread_create(&f->thread, NULL, floor_run, f) == 0;
}

static void floor_stop(struct store_floor *f)
{
    f->stop = 1;
    pthread_join(f->thread, NULL);
    dev_scale_sim_free(f->scale);
    dev_scale_sim_free(f->bagging);
    close(f->scanner);
}

/* The [supermarket] lines for the floor's scanner, and its scale and bagging scale when asked. */
static void floor_config(const struct store_floor *f, bool scale, bool bagging, char *out,
                         size_t cap)
{
    static const char magellan[] = "dialect=magellan&poll_ms=50&reply_ms=500";
    int n = snprintf(out, cap, "scanner = serial://%s\n", f->scanner_link);
    if (scale)
        n +=
            snprintf(out + n, cap - (size_t)n, "scale = serial://%s?%s\n", f->scale_link, magellan);
    if (bagging)
        snprintf(out + n, cap - (size_t)n, "bagging_scale = serial://%s?%s\n", f->bagging_link,
                 magellan);
}

/*
 * The lane's queued order (its database at lane_db; the lane's id kiosk) delivered by the
 * kiosk's own delivery worker to a real backend on loopback: true when the
 * backend then holds that one order, at the total expected, and a second
 * delivery pass sends nothing more. With staff (may be NULL) the backend's
 * staff report of every day, as its JSON answer, into staff[cap].
 */
/* The chain's backend, with kiosk known by LANE_TOKEN, on a fresh lane-backend.db into *run. */
static bool lane_backend_start(struct backend_run *run, const char *kiosk)
{
    static ks_backend_config cfg;
    char ini[256], why[256] = "";
    snprintf(ini, sizeof ini,
             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " LANE_MANAGER
             "\n[kiosks]\n%s = " LANE_TOKEN "\n",
             kiosk);
    const char *be_db = check_path(check_tmp_dir(), "lane-backend.db");
    program_remove_database(be_db);
    ks_backend_config_defaults(&cfg);
    if (!ks_backend_config_parse(&cfg, ini, strlen(ini), why, sizeof why) ||
        !backend_run_start(run, &cfg, be_db)) {
        fprintf(stderr, "  the backend did not start: %s\n", why);
        return false;
    }
    return true;
}

static bool backend_holds_once_on(struct backend_run *run, const char *lane_db, ks_money expected,
                                  char *staff, size_t cap);

/* lane_backend_start, then backend_holds_once_on, and the backend stopped. */
static bool backend_holds_once(const char *lane_db, const char *kiosk, ks_money expected,
                               char *staff, size_t cap)
{
    struct backend_run run;
    if (!lane_backend_start(&run, kiosk))
        return false;
    bool held = backend_holds_once_on(&run, lane_db, expected, staff, cap);
    backend_run_stop(&run);
    return held;
}

/*
 * The lane's orders (and its sign-ins for the back office), delivered by the lane's own
 * delivery worker to the backend run (lane_backend_start), each once, its one order stored, at
 * expected; the backend's staff report of every day into staff[cap] (NULL:
 * not asked).
 */
static bool backend_holds_once_on(struct backend_run *run, const char *lane_db, ks_money expected,
                                  char *staff, size_t cap)
{
    char url[128];
    snprintf(url, sizeof url, "%s/v1/orders", run->base);
    const ks_delivery_config dc = {
        .db_path = lane_db, .backend_url = url, .token = LANE_TOKEN, .time_scale = 1000};
    /* Its messages: the order, and any sign-in at the lane for the back office (#15). */
    sqlite3 *lane = open_db(lane_db);
    long long queued = lane ? query_int(lane, "SELECT count(*) FROM outbox") : -1;
    sqlite3_close(lane);
    uint64_t delivered = 0;
    for (int pass = 0; pass < 2; pass++) {
        ks_delivery *d = ks_delivery_start(&dc);
        ks_delivery_stats st = {0};
        for (int64_t end = check_now_ms() + (pass == 0 ? CHECK_WAIT_MS : 1000);
             d && (pass > 0 || (long long)st.delivered < queued) && check_now_ms() < end;
             check_sleep_ms(20)) {
            ks_delivery_wake(d);
            ks_delivery_get_stats(d, &st);
        }
        ks_delivery_stop(d);
        delivered += st.delivered;
    }
    int64_t stored = -1;
    ks_backend_store_count_orders(run->store, &stored);
    if (staff) {
        struct http_reply *r = calloc(1, sizeof *r);
        snprintf(url, sizeof url, "%s/v1/reports/staff?from=2000-01-01&to=2099-12-31", run->base);
        http_call(&(struct http_request){.method = "GET", .url = url, .token = LANE_MANAGER}, r);
        size_t n = r->status == 200 ? strnlen(r->body, cap - 1) : 0; /* cut at cap - 1 */
        memcpy(staff, r->body, n);
        staff[n] = '\0';
        free(r);
    }
    sqlite3 *db = open_db(check_path(check_tmp_dir(), "lane-backend.db"));
    long long total = db ? query_int(db, "SELECT total FROM be_orders") : -1;
    sqlite3_close(db);
    if ((long long)delivered != queued || stored != 1 || total != expected)
        fprintf(stderr, "  delivered %llu, stored %lld, total %lld (want %lld, 1, %lld)\n",
                (unsigned long long)delivered, (long long)stored, total, queued,
                (long long)expected);
    return (long long)delivered == queued && stored == 1 && total == expected;
}

/*
 * The self-checkout on the real program with its real serial scanner and
 * produce scale: 25 scans of six products with repeats, a weight label and
 * a price label, an unknown code (nothing added), all read by the scanner;
 * an age-restricted product approved at the lane with the staff PIN;
 * bananas weighed on the scale (unsettled first: not sellable, then
 * stable); a line removed with the attendant's approval; a card declined
 * then approved. The script is written here from the demo catalog, and
 * every amount expected is computed here from the catalog's prices, never
 * read back from the program.
 */
static void test_self_checkout(void)
{
    size_t n_items;
    ks_catalog *cat = supermarket_catalog();
    CHECK(cat != NULL);
    const ks_item *items = ks_catalog_items(cat, &n_items);
    const ks_item *picked[6] = {0}, *adult = NULL;
    size_t n_picked = 0;
    for (size_t i = 0; i < n_items; i++) {
        if (n_picked < 6 && plain_product(cat, &items[i]))
            picked[n_picked++] = &items[i];
        if (!adult && items[i].min_age > 0 && items[i].n_barcodes > 0)
            adult = &items[i];
    }
    CHECK_EQ_INT(n_picked, 6);
    CHECK(adult != NULL);
    const ks_item *bananas = ks_catalog_find_plu(cat, "10001"),
                  *apples = ks_catalog_find_plu(cat, "10002");
    CHECK(bananas && apples && bananas->unit == KS_UNIT_KG);
    /* 25 scans; product 0 is scanned first (line 1) and later removed. */
    static const int pattern[25] = {0, 1, 1, 2, 3, 3, 3, 4, 5, 5, 1, 2, 0,
                                    4, 4, 5, 3, 1, 2, 2, 5, 4, 3, 1, 0};
    int count[6] = {0};
    char codes[2048], script[8192], cfg[16384 + 128], extra[16384], db_path[4096],
        script_path[4096];
    size_t at = 0;
    for (int i = 0; i < 25; i++) {
        count[pattern[i]]++;
        at += (size_t)snprintf(codes + at, sizeof codes - at, "%s\r",
                               picked[pattern[i]]->barcodes[0]);
    }
    /* Labels in the default layouts: bananas 1.234 kg (20), red apples at 18.80 (22); unknown. */
    snprintf(codes + at, sizeof codes - at, "2010001012344\r2210002018806\r6290000000009\r");
    const struct floor_mark marks[] = {
        {codes, DEV_SCALE_STABLE, -1, -1},
        {NULL, DEV_SCALE_UNSTABLE, 1500, -1}, /* bananas put on the scale: settling */
        {NULL, DEV_SCALE_STABLE, 1236, -1},   /* settled */
    };
    struct store_floor fl;
    CHECK(floor_start(&fl, marks, 3));
    at = (size_t)snprintf(script, sizeof script,
                          /* the scanner reads the codes; the unknown one, last, shows its notice */
                          "expect attract\nshot %s\nawait notice 600000\nawait remove:8\n"
                          "scan %s\npresent age-waits\n"
                          /* payment waits for the age check; the shopper goes back */
                          "tap pay\nuntil attendant\ntap back\nuntil basket\n"
                          /* bananas by their PLU onto the scale: unsettled is not sold */
                          "tap lookup\ntap by-plu\ntap plu-1\ntap plu-0\ntap plu-0\ntap plu-0\n"
                          "tap plu-1\ntap plu-ok\nuntil weigh\nsays weight 0.000 600000\n"
                          "shot %s\nsays weight -.--- 600000\npresent add-weight-waiting\n"
                          "shot %s\nawait add-weight 600000\nsays weight 1.236\n"
                          "tap add-weight\nuntil basket\n"
                          /* a removal: the lane waits; the staff PIN settles everything */
                          "tap remove:1\nuntil attendant\n"
                          "tap pin-1\ntap pin-2\ntap pin-3\ntap pin-4\ntap pin-ok\n"
                          "until basket\nabsent age-waits\nabsent remove:1\n",
                          fl.mark[0], adult->barcodes[0], fl.mark[1], fl.mark[2]);
    ks_money expected = 0;
    for (int p = 1; p < 6; p++) /* product 0's line was removed */
        expected += picked[p]->price * count[p];
    expected += (bananas->price * 1234 + 500) / 1000 + 1880 + adult->price +
                (bananas->price * 1236 + 500) / 1000;
    /* The simulated terminal declines amounts ending in .13 (its test trigger): not this one. */
    CHECK(expected % 100 != 13);
    /* No offer on the whole basket applies to it either (they start at a minimum order). */
    size_t n_promos;
    const ks_promotion *promos = ks_catalog_promotions(cat, &n_promos);
    for (size_t p = 0; p < n_promos; p++)
        if (promos[p].whole_order)
            CHECK(promos[p].min_order > expected);
    at += (size_t)snprintf(script + at, sizeof script - at,
                           "says total %lld.%02lld\nterminal decline\ntap pay\nuntil payment\n"
                           "wait 3000\nexpect payment\ntap retry\nuntil printing\nuntil done\n",
                           (long long)(expected / 100), (long long)(expected % 100));
    CHECK(at < sizeof script);
    snprintf(script_path, sizeof script_path, "%s", check_path(check_tmp_dir(), "lane.script"));
    snprintf(db_path, sizeof db_path, "%s", check_path(check_tmp_dir(), "lane.db"));
    CHECK(write_text(script_path, script));
    floor_config(&fl, true, false, extra, sizeof extra);
    snprintf(cfg, sizeof cfg, "[kiosk]\nmode = supermarket\nstaff_pin = 1234\n[supermarket]\n%s",
             extra);
    char cfg_path[4096];
    snprintf(cfg_path, sizeof cfg_path, "%s", check_path(check_tmp_dir(), "lane.ini"));
    CHECK(write_text(cfg_path, cfg));
    int status = run_kiosk_with(script_path, db_path, NULL, NULL, cfg_path, "supermarket.json");
    floor_stop(&fl);
    CHECK_EQ_INT(status, 0);
    sqlite3 *db = open_db(db_path);
    CHECK(db != NULL);
    char list[4096], want[4096];
    CHECK_EQ_INT(query_int(db, "SELECT count(*) FROM orders"), 1);
    CHECK_EQ_INT(query_int(db, "SELECT total FROM orders WHERE status = 'paid'"), expected);
    CHECK_EQ_STR(
        query_list(db, "SELECT status FROM payments ORDER BY created_at, rowid", list, sizeof list),
        "declined,approved");
    /* The removed product is not sold; the others with their counts, the labels as one line each,
     * the weighed bananas in grams. */
    size_t w = 0;
    for (int p = 1; p < 6; p++)
        w += (size_t)snprintf(want + w, sizeof want - w, "%s x%d,", picked[p]->id, count[p]);
    snprintf(want + w, sizeof want - w, "bananas x1234,red-apples x1,%s x1,bananas x1236",
             adult->id);
    CHECK_EQ_STR(query_list(db,
                            "SELECT item_id || ' x' || quantity FROM order_lines ORDER BY line_no",
                            list, sizeof list),
                 want);
    /* To the backend only: a self-checkout has no kitchen. Beside the order, the attendant's
     * sign-in at the lane goes to the back office's staff actions (#15). */
    CHECK_EQ_STR(query_list(db,
                            "SELECT destination || ' ' || coalesce(json_extract(payload, "
                            "'$.action'), 'order') FROM outbox ORDER BY id",
                            list, sizeof list),
                 "backend_refund sign_in,backend order");
    char ref[80];
    query_list(db, "SELECT terminal_ref FROM payments WHERE status = 'approved'", ref, sizeof ref);
    CHECK_EQ_INT(backend_copies_naming_terminal_ref(db), 1);
    sqlite3_close(db);
    /* And the chain's backend stores it once, at the amount computed here, with the simulated
     * terminal's reference of the payment (the back office's order page shows it, #15). */
    CHECK(backend_holds_once(db_path, "kiosk-01", expected, NULL, 0));
    db = open_db(check_path(check_tmp_dir(), "lane-backend.db"));
    CHECK(db != NULL);
    snprintf(want, sizeof want, "card mada %s", ref);
    CHECK_EQ_STR(query_list(db,
                            "SELECT method || ' ' || brand || ' ' || terminal_ref "
                            "FROM be_payments",
                            list, sizeof list),
                 want);
    sqlite3_close(db);
    ks_catalog_free(cat);
}

/* A free TCP port on loopback (bound and released: the console takes it next). */
/* Starts the attendant console on config and script; its pid, or -1. */
static pid_t start_console(const char *config, const char *script)
{
    char program[4096];
    if (!program_path("attendant-console", program, sizeof program))
        return -1;
    const char *argv[] = {program, "--config", config, "--script", script, NULL};
    return program_start(argv);
}

/* Paths of one program's files in the test's folder, named after it. */
struct program_files {
    char config[4096], script[4096], db[4096];
};

static void name_files(struct program_files *f, const char *name)
{
    char leaf[128];
    snprintf(leaf, sizeof leaf, "%s.ini", name);
    snprintf(f->config, sizeof f->config, "%s", check_path(check_tmp_dir(), leaf));
    snprintf(leaf, sizeof leaf, "%s.script", name);
    snprintf(f->script, sizeof f->script, "%s", check_path(check_tmp_dir(), leaf));
    snprintf(leaf, sizeof leaf, "%s.db", name);
    snprintf(f->db, sizeof f->db, "%s", check_path(check_tmp_dir(), leaf));
    program_remove_database(f->db);
}

/* The store of the enrolled attendant console (att-01) and of its staff. */
#define CONSOLE_STORE "riyadh-01"

/*
 * The attendant console on port, for lane-01, with staff-07 whose PIN is
 * 4321 (hashed in its configuration), signing in with 4321 and then
 * running steps. With base (a backend's http://127.0.0.1:PORT; NULL: none)
 * it is att-01 at CONSOLE_STORE of that backend ([backend], its token
 * file console-token beside it, to be enrolled: console_enrol).
 */
static bool write_console(struct program_files *f, unsigned port, const char *base,
                          const char *steps)
{
    char pin[KS_STAFF_SECRET_MAX + 1], text[16384], backend[6000] = "";
    name_files(f, "console");
    if (!ks_staff_secret_hash("4321", pin))
        return false;
    if (base) {
        const char *token_file = check_path(check_tmp_dir(), "console-token");
        remove(token_file);
        snprintf(backend, sizeof backend,
                 "[backend]\nurl = %s/v1\ndevice_id = att-01\nstore = " CONSOLE_STORE
                 "\ntoken_file = %s\n",
                 base, token_file);
    }
    snprintf(text, sizeof text,
             "[console]\nlisten = 127.0.0.1:%u\nlanguage = en\ndatabase = %s\nassets = %s/assets\n"
             "[lanes]\nlane-01 = " LANE_TOKEN "\n[staff]\nstaff-07 = %s\n%s",
             port, f->db, check_source_dir(), pin, backend);
    if (!write_text(f->config, text))
        return false;
    snprintf(text, sizeof text, "tap pin-4\ntap pin-3\ntap pin-2\ntap pin-1\ntap pin-ok\n%s",
             steps);
    return write_text(f->script, text);
}

/*
 * The back office of run (lane_backend_start) gives omar, a staff member
 * at CONSOLE_STORE, the kiosk PIN 4321 (staff-07's PIN in the console's
 * INI: the pulled list must win), and a code for att-01 that
 * `attendant-console --config desk->config --enrol CODE` trades for the
 * console's token. Then the console's staff list is pulled into its
 * database by the console's own puller (ks_peer_pull_start_for on its
 * own INI, as attendant_main.c starts it) until it is stored, so that the
 * script's PIN does not race the program's first poll; the program's own
 * puller finds it unchanged.
 */
static bool console_enrol(struct backend_run *run, const struct program_files *desk)
{
    struct http_reply r;
    char code[64] = "";
    bool ok =
        call(run->base, "POST", "/v1/stores", NULL, NULL, LANE_MANAGER,
             "{\"store_id\":\"" CONSOLE_STORE "\",\"name_ar\":\"الرياض\",\"name_en\":\"Riyadh\"}",
             &r) == 201 &&
        add_person_to(run->store, "omar", KS_ROLE_STAFF, CONSOLE_STORE, "omar-secret-passphrase") &&
        call(run->base, "POST", "/v1/people/omar/kiosk-pin", NULL, NULL, LANE_MANAGER,
             "{\"pin\":\"4321\"}", &r) == 200 &&
        call(run->base, "POST", "/v1/devices/enrolment-codes", NULL, NULL, LANE_MANAGER,
             "{\"store_id\":\"" CONSOLE_STORE "\",\"device_id\":\"att-01\",\"kind\":\"attendant\"}",
             &r) == 201 &&
        member(r.body, "code", code, sizeof code)[0];
    char program[4096];
    if (!ok || !program_path("attendant-console", program, sizeof program))
        return false;
    const char *argv[] = {program, "--config", desk->config, "--enrol", code, NULL};
    if (program_wait(program_start(argv), RUN_LIMIT_S) != 0)
        return false;
    static ks_att_config cfg;
    ks_att_config_defaults(&cfg);
    ks_att_config_error err;
    if (!ks_att_config_load(&cfg, desk->config, &err))
        return false;
    cfg.backend.poll_s = 0; /* the first poll only */
    ks_peer_pull *pp =
        ks_peer_pull_start_for(&cfg.backend, cfg.database, "attendant-console", true, NULL, NULL);
    ks_peer_pull_stats st = {0};
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS; pp && st.passes == 0 && check_now_ms() < end;
         check_sleep_ms(20))
        ks_peer_pull_get_stats(pp, &st);
    ks_peer_pull_stop(pp);
    if (st.staff_lists != 1)
        fprintf(stderr, "  the console's staff list was not pulled (%llu lists)\n",
                (unsigned long long)st.staff_lists);
    return st.staff_lists == 1;
}

/* Self-checkout lane-01 reporting to the console on port, [supermarket] extra added, and its
 * script. */
static bool write_lane(struct program_files *f, unsigned port, const char *extra,
                       const char *script)
{
    char text[16384 + 512];
    name_files(f, "lane-01");
    snprintf(
        text, sizeof text,
        "[kiosk]\nmode = supermarket\nid = lane-01\nidle_timeout_seconds = 600\nstaff_pin = 2468\n"
        "[network]\ntoken = " LANE_TOKEN "\n[supermarket]\n"
        "attendant_console = http://127.0.0.1:%u/v1\n%s",
        port, extra);
    return write_text(f->config, text) && write_text(f->script, script);
}

/* Runs the lane to the end of its script beside the console; both must end well. */
/*
 * Waits (at most CHECK_WAIT_MS) until the console's own delivery worker has
 * sent every staff action it queued for the back office (an enrolled
 * console's sign-ins; none without a backend), so stopping it does not race
 * its last post on a busy machine.
 */
static void wait_console_sent(const char *desk_db)
{
    for (int64_t end = check_now_ms() + CHECK_WAIT_MS; check_now_ms() < end; check_sleep_ms(50)) {
        sqlite3 *db = open_db(desk_db);
        long long waiting = db ? query_int(db, "SELECT count(*) FROM outbox WHERE path = "
                                               "'staff-actions' AND delivered_at IS NULL")
                               : -1;
        sqlite3_close(db);
        if (waiting == 0)
            return;
    }
}

static void run_lane_and_console(const struct program_files *lane, const struct program_files *desk)
{
    pid_t console = start_console(desk->config, desk->script);
    CHECK(console > 0);
    int status =
        run_kiosk_with(lane->script, lane->db, NULL, NULL, lane->config, "supermarket.json");
    wait_console_sent(desk->db);
    kill(console, SIGTERM);
    int console_status = -1;
    waitpid(console, &console_status, 0);
    CHECK_EQ_INT(status, 0);
    CHECK(WIFEXITED(console_status) && WEXITSTATUS(console_status) == 0);
}

/* Both sides hold the attendant's decisions, each applied once: want lists the actions. */
static void check_decisions(const struct program_files *lane, const struct program_files *desk,
                            const char *want_lane, const char *want_console)
{
    char list[1024];
    sqlite3 *db = open_db(lane->db);
    CHECK(db != NULL);
    CHECK_EQ_STR(query_list(db,
                            "SELECT staff || ' ' || outcome FROM att_link_decisions "
                            "ORDER BY received_at, rowid",
                            list, sizeof list),
                 want_lane);
    sqlite3_close(db);
    db = open_db(desk->db);
    CHECK(db != NULL);
    CHECK_EQ_STR(query_list(db,
                            "SELECT action || ' ' || staff || ' ' || (applied_at_ms IS NOT NULL) "
                            "FROM att_decisions ORDER BY seq",
                            list, sizeof list),
                 want_console);
    sqlite3_close(db);
}

/* The paid order's lines and total, as the lane stored them. */
static void check_sold(const struct program_files *lane, const ks_item *item)
{
    char list[1024];
    sqlite3 *db = open_db(lane->db);
    CHECK(db != NULL);
    CHECK_EQ_INT(query_int(db, "SELECT total FROM orders WHERE status = 'paid'"), item->price);
    CHECK_EQ_STR(query_list(db, "SELECT item_id FROM order_lines", list, sizeof list), item->id);
    sqlite3_close(db);
}

/* The demo catalog's first plain product and first age-restricted one with a barcode. */
static void pick_products(const ks_catalog *cat, const ks_item **plain, const ks_item **adult)
{
    size_t n_items;
    const ks_item *items = ks_catalog_items(cat, &n_items);
    *plain = *adult = NULL;
    for (size_t i = 0; i < n_items; i++) {
        if (!*plain && plain_product(cat, &items[i]))
            *plain = &items[i];
        if (!*adult && items[i].min_age > 0 && items[i].n_barcodes > 0)
            *adult = &items[i];
    }
}

/*
 * A real lane, a real attendant console and the chain's backend on
 * loopback, each with its own database: the console is enrolled at its
 * store (attendant-console --enrol) and pulls its staff list, where the
 * back office gave omar the kiosk PIN 4321. An age-restricted product
 * scanned, payment waits, omar signs in at the console with his PIN (the
 * INI's staff-07 has the same PIN: the pulled list wins) and approves the
 * age from the console; the shopper asks for a line to be removed and
 * omar approves it there too; the basket is paid. Both databases then
 * hold the two decisions, applied once, by omar; the order has the adult
 * product only, at its catalog price. Delivered by the lane's own
 * delivery worker to the same backend, the order carries both: the
 * backend's staff report has omar with one age check and one removal, the
 * removal a void of the plain product's price, and no staff-07.
 */
static void test_attendant_console(void)
{
    ks_catalog *cat = supermarket_catalog();
    CHECK(cat != NULL);
    const ks_item *plain, *adult;
    pick_products(cat, &plain, &adult);
    CHECK(plain && adult && adult->price % 100 != 13);
    unsigned port = program_free_port();
    CHECK(port != 0);
    struct program_files desk, lane;
    struct backend_run run;
    CHECK(lane_backend_start(&run, "lane-01"));
    if (!write_console(&desk, port, run.base,
                       "await approve_age:lane-01 120000\ntap approve_age:lane-01\n"
                       "await approve_removal:lane-01 120000\n"
                       "tap approve_removal:lane-01\nwait 600000\n") ||
        !console_enrol(&run, &desk)) {
        backend_run_stop(&run);
        CHECK(!"the console is enrolled and has pulled omar");
    }
    char script[4096];
    snprintf(script, sizeof script,
             "expect attract\nscan %s\nscan %s\npresent age-waits\n"
             /* payment waits for the age check: approved on the console */
             "tap pay\nuntil attendant\nuntil basket 600000\nabsent age-waits\n"
             /* a removal waits for the attendant: approved on the console */
             "tap remove:1\nuntil attendant\nuntil basket 600000\nabsent remove:1\n"
             "says total %lld.%02lld\ntap pay\nuntil printing\nuntil done\n",
             plain->barcodes[0], adult->barcodes[0], (long long)(adult->price / 100),
             (long long)(adult->price % 100));
    CHECK(write_lane(&lane, port, "", script));
    run_lane_and_console(&lane, &desk);
    static char staff[65536];
    bool held = backend_holds_once_on(&run, lane.db, adult->price, staff, sizeof staff);
    /* omar's sign-in at the console went to the back office by the console's own queue: its
     * outbox and delivery worker, with its enrolled token (#15). */
    char days[160];
    struct http_reply signed_in;
    int64_t now = (int64_t)time(NULL);
    char from[11], to[11];
    ks_business_date(now - 2 * 86400, 0, 0, from);
    ks_business_date(now + 2 * 86400, 0, 0, to);
    snprintf(days, sizeof days, "/v1/staff-actions?from=%s&to=%s&kind=sign_in", from, to);
    long listed = call(run.base, "GET", days, NULL, NULL, LANE_MANAGER, NULL, &signed_in);
    backend_run_stop(&run);
    CHECK(held);
    CHECK_EQ_INT(listed, 200);
    CHECK_CONTAINS(signed_in.body, "\"store_id\":\"" CONSOLE_STORE "\",\"kiosk_id\":\"att-01\","
                                   "\"staff\":\"omar\",\"kind\":\"sign_in\"");
    CHECK_CONTAINS(signed_in.body, "\"place\":\"console\"");
    sqlite3 *desk_db = open_db(desk.db);
    CHECK(desk_db != NULL);
    long long undelivered = query_int(desk_db, "SELECT count(*) FROM outbox WHERE "
                                               "path = 'staff-actions' AND delivered_at IS NULL");
    sqlite3_close(desk_db);
    CHECK_EQ_INT(undelivered, 0);
    check_sold(&lane, adult);
    check_decisions(&lane, &desk, "omar applied,omar applied", "0 omar 1,1 omar 1");
    char want[256];
    CHECK(strstr(staff, "staff-07") == NULL);
    snprintf(want, sizeof want,
             "\"staff\":\"omar\",\"interventions\":2,\"age\":1,\"removal\":1,\"bagging\":0,"
             "\"unknown\":0,\"help\":0,\"idle\":0,\"unasked\":0,");
    CHECK(strstr(staff, want) != NULL);
    snprintf(want, sizeof want, "\"voids\":1,\"voided\":%lld,", (long long)plain->price);
    CHECK(strstr(staff, want) != NULL);
    if (!strstr(staff, want))
        fprintf(stderr, "  staff report: %s\n", staff);
    ks_catalog_free(cat);
}

/*
 * A lane with its real scanner and bagging scale, and the console with no
 * backend (its INI's staff-07 signs in: the fallback while no staff list
 * is pulled): the shopper scans a product (scanner) and puts it in the bag together with
 * something unscanned (bagging scale): the lane waits, the attendant
 * clears the alert on the console. The shopper scans an age-restricted
 * product and goes to pay; the attendant voids that line on the console
 * instead of approving it. The order holds the first product only, at its
 * catalog price; both sides hold the two decisions, applied once.
 */
static void test_bagging_and_void_on_the_console(void)
{
    ks_catalog *cat = supermarket_catalog();
    CHECK(cat != NULL);
    const ks_item *berries = ks_catalog_find_item(cat, "kharj-farms-strawberries-250-g"), *plain,
                  *adult;
    pick_products(cat, &plain, &adult);
    CHECK(berries && adult && berries->expected_weight_g > 0 && berries->price % 100 != 13);
    char berries_code[64], adult_code[64], extra[16384], script[16384];
    snprintf(berries_code, sizeof berries_code, "%s\r", berries->barcodes[0]);
    snprintf(adult_code, sizeof adult_code, "%s\r", adult->barcodes[0]);
    const struct floor_mark marks[] = {
        /* the product in the bag, and 600 g of something not scanned */
        {berries_code, DEV_SCALE_STABLE, -1, berries->expected_weight_g + 600},
        /* the age-restricted product scanned, never put down: voided on the console */
        {adult_code, DEV_SCALE_STABLE, -1, -1},
    };
    struct store_floor fl;
    CHECK(floor_start(&fl, marks, 2));
    unsigned port = program_free_port();
    CHECK(port != 0);
    struct program_files desk, lane;
    CHECK(write_console(&desk, port, NULL,
                        "await clear_bagging:lane-01 120000\ntap clear_bagging:lane-01\n"
                        "await void_line:lane-01 120000\ntap void_line:lane-01\nwait 600000\n"));
    floor_config(&fl, false, true, extra, sizeof extra);
    snprintf(script, sizeof script,
             "expect attract\nshot %s\nawait remove:1 600000\n"
             /* the bag is heavier than what was scanned: the lane waits, the console clears it
              * (not "present need:bagging": the console may clear it before the script looks;
              * the console's clear_bagging:lane-01 and the decisions below show it) */
             "until attendant 600000\nuntil basket 600000\n"
             "shot %s\nawait remove:2 600000\n"
             /* payment waits for the age check: the console voids the line instead */
             "tap pay\nuntil attendant 600000\nuntil basket 600000\nabsent remove:2\n"
             "says total %lld.%02lld\ntap pay\nuntil printing\nuntil done\n",
             fl.mark[0], fl.mark[1], (long long)(berries->price / 100),
             (long long)(berries->price % 100));
    CHECK(write_lane(&lane, port, extra, script));
    run_lane_and_console(&lane, &desk);
    floor_stop(&fl);
    check_sold(&lane, berries);
    check_decisions(&lane, &desk, "staff-07 applied,staff-07 applied", "5 staff-07 1,3 staff-07 1");
    ks_catalog_free(cat);
}

/* The console's staff audit rows of outcome (and detail), or -1. */
static long long console_audited(const char *db_path, const char *outcome, const char *detail)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM staff_audit WHERE place = 'console' AND action = 'pin' "
             "AND outcome = '%s' AND detail = '%s'",
             outcome, detail);
    sqlite3 *db = open_db(db_path);
    long long n = db ? query_int(db, sql) : -1;
    sqlite3_close(db);
    return n;
}

/*
 * The real console program, by script: three wrong PINs on its keypad
 * lock sign-in (its screen says so with the kiosk's words,
 * "sign-in-locked"); restarted, it is still locked from its first frame,
 * and its keypad takes no PIN (a script tapping one fails). Its database
 * holds the lockout's end, about 300 s after the third PIN, and the
 * audit: three wrong PINs, the third "locked out".
 */
static void test_console_pin_lockout(void)
{
    unsigned port = program_free_port();
    CHECK(port != 0);
    struct program_files desk;
    CHECK(write_console(&desk, port, NULL, ""));
    static const char wrong[] = "tap pin-9\ntap pin-9\ntap pin-9\ntap pin-9\ntap pin-ok\n";
    char script[1024];
    snprintf(script, sizeof script,
             "%spresent sign-in-prompt\n%spresent sign-in-prompt\n%spresent sign-in-locked\n"
             "absent sign-in-prompt\n",
             wrong, wrong, wrong);
    CHECK(write_text(desk.script, script));
    int64_t before = (int64_t)time(NULL);
    CHECK_EQ_INT(program_wait(start_console(desk.config, desk.script), RUN_LIMIT_S), 0);
    CHECK(write_text(desk.script, "present sign-in-locked\n"));
    CHECK_EQ_INT(program_wait(start_console(desk.config, desk.script), RUN_LIMIT_S), 0);
    CHECK(write_text(desk.script, "tap pin-4\n"));
    CHECK_EQ_INT(program_wait(start_console(desk.config, desk.script), RUN_LIMIT_S), 1);
    sqlite3 *db = open_db(desk.db);
    CHECK(db != NULL);
    long long failures = query_int(db, "SELECT failures FROM staff_lockout"),
              until = query_int(db, "SELECT locked_until FROM staff_lockout");
    sqlite3_close(db);
    CHECK_EQ_INT(failures, 0);
    CHECK(until >= before + 300 && until <= (int64_t)time(NULL) + 301);
    CHECK_EQ_INT(console_audited(desk.db, "wrong", ""), 2);
    CHECK_EQ_INT(console_audited(desk.db, "wrong", "locked out"), 1);
    CHECK_EQ_INT(console_audited(desk.db, "ok", ""), 0);
}

static void test_script_failure_is_reported(void)
{
    /* A script that expects what cannot happen must fail the program. */
    char path[4096];
    snprintf(path, sizeof path, "%s", check_path(check_tmp_dir(), "failing.db"));
    CHECK_EQ_INT(run_kiosk("failing.script", path), 1);
}

static const struct check_case cases[] = {
    {"a configured kiosk without a staff PIN does not start", test_no_staff_pin_no_start},
    {"an order with modifiers, a meal and a suggestion, paid and printed", test_order_paid},
    {"a card declined, then paid", test_declined_then_paid},
    {"a customer walks away: the cart is wiped, nothing stored", test_idle_reset},
    {"a script's shot after adding shows the order bar, in English and Arabic",
     test_shot_shows_the_order_bar},
    {"systemd hears READY once and watchdog pings", test_tells_systemd_ready_and_alive},
    {"real payment and print workers: declined, then paid and printed", test_real_devices},
    {"with e-invoicing: the paid order's invoice is signed, verified and reported",
     test_signed_einvoice},
    {"with ZATCA reporting: the invoice is reported once, also when the answer is lost and the "
     "kiosk killed",
     test_einvoice_reported_once},
    {"staff refund one line of a card order", test_staff_refunds_a_line},
    {"a refund the back office asked for, given at the screen",
     test_back_office_refund_at_the_screen},
    {"a corrupt database stops the kiosk after its first frame",
     test_corrupt_database_stops_after_first_frame},
    {"staff print the end-of-day summary", test_staff_prints_summary},
    {"self-checkout, real scanner and scale: scans, labels, unknown code, age, weighing, removal, "
     "declined then paid",
     test_self_checkout},
    {"self-checkout with the enrolled attendant console: age and removal approved there by a "
     "person pulled from the backend",
     test_attendant_console},
    {"self-checkout with real scanner and bagging scale: alert cleared, line voided on a console "
     "without a backend (INI staff)",
     test_bagging_and_void_on_the_console},
    {"the console's PIN lockout on its screen, across a restart", test_console_pin_lockout},
    {"a failing script fails the run", test_script_failure_is_reported},
    {"--render from the command line, and its refusals", test_render_from_the_command_line},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
