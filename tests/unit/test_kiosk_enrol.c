/*
 * A kiosk enrolling itself (kiosk --enrol CODE, kiosk/app/device_token.h)
 * with a real kiosk-backend on loopback (in this process) and the real
 * kiosk program as a child process: a code made through the API is traded
 * for the kiosk's own token, kept 0600 in the token file and never printed;
 * the kiosk's next requests (a heartbeat, the menu) go with it; a used code
 * is refused with the backend's reason and exit status 3, a code of
 * another device likewise; a second enrolment does not overwrite the file
 * without --force, and with --force and a new code replaces it; an
 * unreachable backend is exit status 4. One token per peer: a kiosk with
 * an INI token enrols beside it, and its orders reach the kitchen display
 * with the INI token and the backend with the enrolled one.
 *
 * Run once per store: `test_kiosk_enrol` on SQLite (unit.kiosk_enrol),
 * `test_kiosk_enrol --pg` on PostgreSQL (unit.kiosk_enrol_pg).
 */
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_backend_session_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"
#include "tests/unit/test_programs.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>

#include "kiosk/app/backend_client.h"
#include "kiosk/app/delivery.h"
#include "kiosk/app/device_token.h"
#include "kiosk/app/heartbeat.h"
#include "kiosk/common/bearer_token.h"

#define MANAGER_TOKEN "mgr-Qw8Er3Ty6Ui1Op4As7Df2Gh5"
#define STORE "riyadh-01"
#define KIOSK "kiosk-21"

static const char *pg; /* the PostgreSQL connection string with --pg, else NULL */
static struct backend_run run;
static ks_backend_config cfg; /* the running backend's */
static char database[4200];

/* A fresh database called name and a backend on it serving riyadh-01's menu; extra INI lines. */
static bool start_with(const char *name, const char *extra)
{
    char ini[2048];
    snprintf(ini, sizeof ini,
             "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN "\n%s"
             "[menus]\n" STORE " = %s/assets/menus/restaurant.json\n",
             extra, check_source_dir());
    return backend_start_ini(&run, &cfg, pg, name, ini, database, sizeof database);
}

/* A fresh database called name and a backend on it serving riyadh-01's menu. */
static bool start(const char *name)
{
    return start_with(name, "[kiosks]\nkiosk-02 = " KITCHEN_TOKEN " " STORE "\n");
}

/* A code for device id at riyadh-01 made with the manager token into code[cap]; the status. */
static long new_code(const char *id, char *code, size_t cap)
{
    char body[256];
    snprintf(body, sizeof body,
             "{\"store_id\":\"" STORE "\",\"device_id\":\"%s\",\"kind\":\"kiosk\"}", id);
    struct http_reply r;
    long status =
        call(run.base, "POST", "/v1/devices/enrolment-codes", NULL, NULL, MANAGER_TOKEN, body, &r);
    member(r.body, "code", code, cap);
    return status;
}

/*
 * The kiosk's INI in folder dir (made 0700) of the test's folder, mode 0640,
 * for the backend at base (an orders URL is made of it), with extra lines
 * appended; its path into out[cap].
 */
static bool kiosk_ini_as(const char *dir, const char *kiosk_id, const char *base, const char *extra,
                         char *out, size_t cap)
{
    char folder[4200], secrets[4300];
    snprintf(folder, sizeof folder, "%s", check_path(check_tmp_dir(), dir));
    snprintf(secrets, sizeof secrets, "%s/secrets", folder);
    mkdir(folder, 0700);
    mkdir(secrets, 0700);
    snprintf(out, cap, "%s/kiosk.ini", folder);
    char text[2048];
    int n = snprintf(text, sizeof text,
                     "[store]\nid = " STORE "\n[kiosk]\nid = %s\nstaff_pin = 4821\n"
                     "[paths]\ndatabase = kiosk.db\n"
                     "[network]\nbackend_url = %s/v1/orders\ntimeout_seconds = 10\n"
                     "[zatca]\ncredentials = secrets/zatca-csid.json\n%s",
                     kiosk_id, base, extra);
    int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    bool ok = fd >= 0 && n > 0 && write(fd, text, (size_t)n) == n;
    if (fd >= 0)
        close(fd);
    return ok;
}

/* kiosk_ini_as for KIOSK. */
static bool kiosk_ini(const char *dir, const char *base, const char *extra, char *out, size_t cap)
{
    return kiosk_ini_as(dir, KIOSK, base, extra, out, cap);
}

/* The token file beside the INI at ini (as the kiosk finds it) into out[cap]. */
static bool token_path(const char *ini, char *out, size_t cap)
{
    ks_config kc;
    ks_config_error err;
    ks_config_defaults(&kc);
    return ks_config_load(&kc, ini, &err) && ks_device_token_path(&kc, out, cap);
}

/*
 * Runs `kiosk --config ini --enrol code [--force]`, its stdout and stderr
 * into a file read back into said[cap]; its exit status, or -1.
 */
static int kiosk_enrol(const char *ini, const char *code, bool force, char *said, size_t cap)
{
    char program[4200], log[4200];
    if (!program_path("kiosk", program, sizeof program))
        return -1;
    snprintf(log, sizeof log, "%s", check_path(check_tmp_dir(), "enrol.log"));
    const char *argv[] = {program, "--config", ini, "--enrol", code, force ? "--force" : NULL,
                          NULL};
    posix_spawn_file_actions_t io;
    posix_spawn_file_actions_init(&io);
    posix_spawn_file_actions_addopen(&io, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&io, 1, 2);
    extern char **environ;
    pid_t pid;
    int spawned = posix_spawn(&pid, program, &io, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&io);
    int status = spawned == 0 ? program_wait(pid, CHECK_WAIT_MS / 1000) : -1;
    char *text = check_read_file(log, NULL);
    snprintf(said, cap, "%s", text ? text : "");
    free(text);
    fprintf(stderr, "  kiosk --enrol %s%s: exit %d\n%s", code, force ? " --force" : "", status,
            said);
    return status;
}

/* The token file's bytes into out[cap] ("" when absent); its mode into *mode. */
static void token_file(const char *path, char *out, size_t cap, unsigned *mode)
{
    struct stat st;
    *mode = stat(path, &st) == 0 ? (unsigned)(st.st_mode & 07777) : 0;
    char *text = check_read_file(path, NULL);
    snprintf(out, cap, "%s", text ? text : "");
    free(text);
}

/* The kiosk configured by ini as it starts: its INI, then its token (ks_device_token_apply). */
static bool kiosk_config(const char *ini, ks_config *kc)
{
    ks_config_error err;
    ks_config_defaults(kc);
    return ks_config_load(kc, ini, &err) && ks_device_token_apply(kc);
}

/* A heartbeat and a menu pull of the kiosk kc through its backend client; true when both 200. */
static bool kiosk_requests_pass(const ks_config *kc)
{
    const ks_backend_client_config cc = {.orders_url = kc->backend_url,
                                         .token = ks_config_backend_token(kc),
                                         .timeout_ms = CHECK_WAIT_MS,
                                         .user_agent = "test-kiosk-enrol/1"};
    ks_backend_client *client = ks_backend_client_new(&cc);
    char *beat = ks_heartbeat_body(kc->kiosk_id, "1.0.0", 0, NULL, 0);
    ks_backend_answer a = {0}, m = {0};
    bool ok = client && beat && ks_backend_client_post_json(client, "/heartbeat", beat, &a) &&
              a.status == 200 &&
              ks_backend_client_get(client, "/menu?store=" STORE, NULL, 8u << 20, &m) &&
              m.status == 200;
    if (!ok)
        fprintf(stderr, "  heartbeat %ld %s, menu %ld %s\n", a.status, a.error, m.status, m.error);
    ks_backend_answer_clear(&a);
    ks_backend_answer_clear(&m);
    free(beat);
    ks_backend_client_free(client);
    return ok;
}

static void test_enrol_and_use(void)
{
    CHECK(start("ke_flow"));
    char ini[4400], path[1100], code[32], said[8192], token[256], again[256];
    unsigned mode = 0;
    CHECK(kiosk_ini("flow", run.base, "", ini, sizeof ini));
    CHECK(token_path(ini, path, sizeof path));
    CHECK(strstr(path, "/flow/secrets/device-token") != NULL);
    CHECK_EQ_INT(new_code(KIOSK, code, sizeof code), 201);

    /* Enrolled: the token in its file, 0600, 43 characters, and printed nowhere. */
    CHECK_EQ_INT(kiosk_enrol(ini, code, false, said, sizeof said), 0);
    token_file(path, token, sizeof token, &mode);
    CHECK_EQ_INT(mode, 0600);
    CHECK_EQ_INT(strlen(token), KS_TOKEN_NEW_LEN);
    CHECK(ks_enrol_token_ok(token, strlen(token)));
    CHECK(strstr(said, token) == NULL);
    CHECK_CONTAINS(said, "enrolled for store " STORE);

    /* The kiosk's next requests go with it; the backend sees the device's heartbeat. */
    ks_config kc;
    CHECK(kiosk_config(ini, &kc));
    CHECK_EQ_STR(ks_config_backend_token(&kc), token);
    /* Its kitchen displays: [network] token when the INI has one, else the enrolled token. */
    ks_config peer = kc;
    snprintf(peer.token, sizeof peer.token, "Kd7Lp2Qw9Xe4Rt6Yu1Io3Pa8Sd5Fg0Hj");
    CHECK_EQ_STR(ks_config_peer_token(&peer), "Kd7Lp2Qw9Xe4Rt6Yu1Io3Pa8Sd5Fg0Hj");
    peer.token[0] = '\0';
    CHECK_EQ_STR(ks_config_peer_token(&peer), token);
    CHECK(kiosk_requests_pass(&kc));
    struct http_reply r;
    CHECK_EQ_INT(call(run.base, "GET", "/v1/devices", NULL, NULL, MANAGER_TOKEN, NULL, &r), 200);
    CHECK_CONTAINS(r.body, "\"device_id\":\"" KIOSK "\"");
    CHECK(strstr(r.body, "\"last_seen\":0") == NULL);

    /* Enrolled already: refused without a request; with --force the used code is refused. */
    CHECK_EQ_INT(kiosk_enrol(ini, code, false, said, sizeof said), 5);
    CHECK_CONTAINS(said, "enrolled already");
    CHECK_EQ_INT(kiosk_enrol(ini, code, true, said, sizeof said), 3);
    CHECK_CONTAINS(said, "unknown, used or expired code");
    token_file(path, again, sizeof again, &mode);
    CHECK_EQ_STR(again, token);

    /* Revoked, a new code and --force: a new token replaces the old one, which opens nothing. */
    CHECK_EQ_INT(
        call(run.base, "POST", "/v1/devices/" KIOSK "/revoke", NULL, NULL, MANAGER_TOKEN, "", &r),
        200);
    CHECK(!kiosk_requests_pass(&kc));
    CHECK_EQ_INT(new_code(KIOSK, code, sizeof code), 201);
    CHECK_EQ_INT(kiosk_enrol(ini, code, true, said, sizeof said), 0);
    token_file(path, again, sizeof again, &mode);
    CHECK_EQ_INT(mode, 0600);
    CHECK(strcmp(again, token) != 0 && strlen(again) == KS_TOKEN_NEW_LEN);
    CHECK(kiosk_config(ini, &kc));
    CHECK(kiosk_requests_pass(&kc));
    backend_run_stop(&run);
}

static void test_refusals(void)
{
    CHECK(start("ke_refused"));
    char ini[4400], path[1100], code[32], said[8192], token[256];
    unsigned mode = 0;
    /* A code made for another device id: the backend's reason, exit 3, no file. */
    CHECK(kiosk_ini("other", run.base, "", ini, sizeof ini));
    CHECK(token_path(ini, path, sizeof path));
    CHECK_EQ_INT(new_code("kiosk-22", code, sizeof code), 201);
    CHECK_EQ_INT(kiosk_enrol(ini, code, false, said, sizeof said), 3);
    CHECK_CONTAINS(said, "another device id");
    token_file(path, token, sizeof token, &mode);
    CHECK_EQ_INT(mode, 0);
    /* No backend at the address: exit 4, no file. */
    char nobody[64];
    snprintf(nobody, sizeof nobody, "http://127.0.0.1:%u", program_free_port());
    CHECK(kiosk_ini("unreachable", nobody, "", ini, sizeof ini));
    CHECK(token_path(ini, path, sizeof path));
    CHECK_EQ_INT(kiosk_enrol(ini, "ABCDE-23456", false, said, sizeof said), 4);
    CHECK_CONTAINS(said, "cannot be reached");
    token_file(path, token, sizeof token, &mode);
    CHECK_EQ_INT(mode, 0);
    backend_run_stop(&run);
}

/* A token file the kiosk did not write safely stops it rather than being used. */
static void test_token_file_checked(void)
{
    char ini[4400], path[1100];
    CHECK(kiosk_ini("loose", "http://127.0.0.1:9", "", ini, sizeof ini));
    CHECK(token_path(ini, path, sizeof path));
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    CHECK(fd >= 0 && write(fd, "Zq8Xw3Lp0Rt6Vy1Bn5Mk9Hj2Gf4Dc7Sa", 32) == 32);
    close(fd);
    chmod(path, 0644);
    ks_config kc;
    CHECK(!kiosk_config(ini, &kc));
    chmod(path, 0600);
    CHECK(kiosk_config(ini, &kc));
    CHECK_EQ_STR(ks_config_backend_token(&kc), "Zq8Xw3Lp0Rt6Vy1Bn5Mk9Hj2Gf4Dc7Sa");
    /* Not a token: refused. */
    fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    CHECK(fd >= 0 && write(fd, "not a token\n", 12) == 12);
    close(fd);
    CHECK(!kiosk_config(ini, &kc));
}

/*
 * One token per peer: kiosk-02 keeps its INI token, which the kitchen
 * display knows and this backend does not, and enrols beside it; its paid
 * orders then reach the kitchen display with the INI token and the backend
 * with the enrolled one, each exactly once.
 */
static void test_token_per_peer(void)
{
    CHECK(start_with("ke_peers", "")); /* the backend knows no INI kiosk */
    struct kitchen_kds kds;
    char kds_db[4200];
    snprintf(kds_db, sizeof kds_db, "%s", kitchen_fresh_path("ke-peers-kds.db"));
    CHECK(kitchen_kds_start(&kds, kds_db, "127.0.0.1:0"));
    char ini[4400], extra[256], code[32], said[8192];
    snprintf(extra, sizeof extra, "[network]\ntoken = " KITCHEN_TOKEN "\nkitchen_urls = %s\n",
             kds.url);
    CHECK(kiosk_ini_as("peers", "kiosk-02", run.base, extra, ini, sizeof ini));
    ks_config kc;
    CHECK(kiosk_config(ini, &kc));
    CHECK(!kiosk_requests_pass(&kc)); /* the INI token opens nothing at this backend */

    CHECK_EQ_INT(new_code("kiosk-02", code, sizeof code), 201);
    CHECK_EQ_INT(kiosk_enrol(ini, code, false, said, sizeof said), 0);
    CHECK(kiosk_config(ini, &kc));
    CHECK_EQ_STR(kc.token, KITCHEN_TOKEN);
    CHECK(strcmp(ks_config_backend_token(&kc), KITCHEN_TOKEN) != 0);
    CHECK(kiosk_requests_pass(&kc));

    char kiosk_db[4200];
    fixture_fresh_db(check_path(check_tmp_dir(), "peers"), "kiosk.db", kiosk_db, sizeof kiosk_db);
    CHECK_EQ_STR(kiosk_db, kc.database);
    ks_db *db = ks_db_open(kc.database, NULL);
    CHECK(db && kitchen_kiosk_pay(db, 41) && kitchen_kiosk_pay(db, 42));
    ks_db_close(db);
    kc.delivery_timeout_s = 5;
    ks_delivery *d = ks_delivery_start_for(&kc);
    CHECK(d != NULL);
    int64_t end = kitchen_now_ms() + CHECK_WAIT_MS;
    while (fixture_sql_int(kc.database, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL") !=
               0 &&
           kitchen_now_ms() < end)
        kitchen_sleep_ms(5);
    ks_delivery_stop(d);
    CHECK(kitchen_all_there_once(kds_db, 41, 42));
    struct http_reply r;
    CHECK_EQ_INT(call(run.base, "GET", "/v1/health", NULL, NULL, MANAGER_TOKEN, NULL, &r), 200);
    CHECK_CONTAINS(r.body, "\"orders\":2");
    kitchen_kds_stop(&kds);
    backend_run_stop(&run);
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"enrol_and_use", test_enrol_and_use},
        {"refusals", test_refusals},
        {"token_file_checked", test_token_file_checked},
        {"token_per_peer", test_token_per_peer},
    };
    return backend_test_main(argc, argv, cases, CHECK_COUNT(cases), 0, &pg);
}
