/*
 * The two servers (kitchen display, backend on SQLite) attacked over real
 * sockets on loopback while a real kiosk (libcurl, 127.0.0.1) orders:
 * slow clients trickling headers, a flood of idle connections from one
 * address and from many, an unauthenticated large body, a chunked body
 * over the limit, a kiosk token used for another kiosk, token guessing,
 * and managers running reports. The attackers come from other loopback addresses
 * (127.0.0.2 and up: every 127/8 address is this machine), as they would
 * from other machines on the store's network.
 *
 * Each case asserts that the kiosk's order was answered (201) and that
 * nothing was stored that should not be; the kiosk's latencies are
 * printed, not asserted (the machine may be loaded).
 */
#include <curl/curl.h>
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kiosk/backend/backend_store.h"
#include "kiosk/http/auth_limit.h"
#include "tests/unit/test_backend_fixture.h"
#include "tests/unit/test_kitchen_fixture.h"

#define MANAGER_TOKEN "mgr-Qw3Er8Ty5Ui2Op7As4Df9Gh1"

static struct kitchen_kds kds;
static uint16_t kds_port;

static bool kds_start(const char *name)
{
    if (!kitchen_kds_start(&kds, kitchen_fresh_path(name), "127.0.0.1:0"))
        return false;
    kds_port = ks_http_server_port(kds.server);
    return true;
}

/* A TCP connection from 127.0.0.<host> to 127.0.0.1:port; -1 when refused. */
static int connect_from(unsigned host, uint16_t port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in from = {.sin_family = AF_INET};
    from.sin_addr.s_addr = htonl(0x7f000000u | host);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&from, sizeof from) != 0 ||
        connect(fd, (struct sockaddr *)&to, sizeof to) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool send_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* Reads until the end of the headers or the connection; the status code, 0 when none. */
static int read_status(int fd, int wait_ms)
{
    char buf[4096];
    size_t len = 0;
    int64_t until = check_now_ms() + wait_ms;
    while (len + 1 < sizeof buf && check_now_ms() < until) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 200) <= 0)
            continue;
        ssize_t n = recv(fd, buf + len, sizeof buf - 1 - len, 0);
        if (n <= 0)
            break;
        len += (size_t)n;
        buf[len] = '\0';
        if (strstr(buf, "\r\n\r\n"))
            break;
    }
    buf[len] = '\0';
    int status = 0;
    return sscanf(buf, "HTTP/1.%*d %d", &status) == 1 ? status : 0;
}

/* True once the server closed fd (end of file or reset), waiting at most wait_ms. */
static bool closed_by_server(int fd, int wait_ms)
{
    int64_t until = check_now_ms() + wait_ms;
    char buf[512];
    while (check_now_ms() < until) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 200) <= 0)
            continue;
        ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
            return true;
    }
    return false;
}

/* A real kiosk's order to url: the status, and the time it took in *ms. */
static long kiosk_post(const char *url, const char *token, const char *body, double *ms)
{
    struct http_reply a;
    int64_t start = check_now_ms();
    long status = http_call(&(struct http_request){.method = "POST",
                                                   .url = url,
                                                   .token = token,
                                                   .body = body,
                                                   .timeout_ms = CHECK_WAIT_MS},
                            &a);
    *ms = (double)(check_now_ms() - start);
    return status;
}

/* The kiosk orders fixture order `index` on the kitchen display; its status, latency printed. */
static long kds_order(unsigned index, const char *what)
{
    char *json = kitchen_paid_json(index, (int32_t)index);
    double ms = 0;
    long status = kiosk_post(kds.url, KITCHEN_TOKEN, json, &ms);
    free(json);
    printf("kitchen display, %s: kiosk order answered %ld in %.1f ms\n", what, status, ms);
    return status;
}

/* Trickles a request's headers, one line a second, on fds until told to stop. */
struct trickle {
    int *fds;
    size_t n;
    atomic_bool stop;
};

static void *trickle_run(void *arg)
{
    struct trickle *t = arg;
    for (int line = 0; !atomic_load(&t->stop) && line < 120; line++) {
        char text[64];
        int len = snprintf(text, sizeof text, "X-Slow-%d: %d\r\n", line, line);
        for (size_t i = 0; i < t->n; i++)
            if (t->fds[i] >= 0 && !send_all(t->fds[i], text, (size_t)len)) {
                close(t->fds[i]);
                t->fds[i] = -1;
            }
        check_sleep_ms(1000);
    }
    return NULL;
}

/*
 * 48 slow clients from three addresses send a header line a second: the
 * kiosk's order is answered meanwhile, and each slow client is cut off by
 * the whole-request deadline (10 s) although it never stops sending.
 */
static void test_slow_clients(void)
{
    CHECK(kds_start("attack-slow.db"));
    enum { N = 48 };
    int fds[N];
    struct trickle t = {.fds = fds, .n = N};
    for (size_t i = 0; i < N; i++) {
        fds[i] = connect_from(2 + (unsigned)i % 3, kds_port);
        if (fds[i] >= 0)
            send_all(fds[i], "POST /v1/orders HTTP/1.1\r\nHost: kds\r\n", 37);
    }
    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, trickle_run, &t) == 0);
    long status = kds_order(1, "48 slow clients");
    int64_t start = check_now_ms();
    size_t cut = 0;
    for (size_t i = 0; i < N; i++) {
        int fd = fds[i];
        if (fd < 0 || closed_by_server(fd, CHECK_WAIT_MS))
            cut++;
    }
    double cut_s = (double)(check_now_ms() - start) / 1000.0;
    atomic_store(&t.stop, true);
    pthread_join(thread, NULL);
    for (size_t i = 0; i < N; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    printf("kitchen display: %zu of %d slow clients cut off, the last %.1f s after the order\n",
           cut, N, cut_s);
    CHECK_EQ_INT(status, 201);
    CHECK_EQ_INT(cut, N);
    CHECK_EQ_INT(kitchen_kds_count(&kds), 1);
    kitchen_kds_stop(&kds);
}

/*
 * 40 idle connections from one address: at most 16 are kept, the rest are
 * closed at once; 300 more from 20 addresses do not lock the kiosk out.
 */
static void test_connection_flood(void)
{
    CHECK(kds_start("attack-flood.db"));
    enum { ONE = 40, MANY = 300 };
    int one[ONE], many[MANY];
    for (size_t i = 0; i < ONE; i++)
        one[i] = connect_from(7, kds_port);
    for (size_t i = 0; i < MANY; i++)
        many[i] = connect_from(20 + (unsigned)(i % 20), kds_port);
    long status = kds_order(2, "340 idle connections");
    size_t refused = 0;
    for (size_t i = 0; i < ONE; i++)
        if (one[i] < 0 || closed_by_server(one[i], 2000))
            refused++;
    for (size_t i = 0; i < ONE; i++)
        if (one[i] >= 0)
            close(one[i]);
    for (size_t i = 0; i < MANY; i++)
        if (many[i] >= 0)
            close(many[i]);
    printf("kitchen display: %zu of %d connections from one address refused\n", refused, ONE);
    CHECK_EQ_INT(status, 201);
    CHECK(refused >= ONE - 16);
    CHECK_EQ_INT(kitchen_kds_count(&kds), 1);
    kitchen_kds_stop(&kds);
}

/* A large body without a token is answered 401 from the headers alone: no byte of it is sent. */
static void test_unauthenticated_body(void)
{
    CHECK(kds_start("attack-noauth.db"));
    int fd = connect_from(2, kds_port);
    CHECK(fd >= 0);
    static const char head[] = "POST /v1/orders HTTP/1.1\r\nHost: kds\r\n"
                               "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n";
    CHECK(send_all(fd, head, sizeof head - 1));
    int status = read_status(fd, CHECK_WAIT_MS);
    close(fd);
    /* A wrong token, likewise. */
    fd = connect_from(2, kds_port);
    CHECK(fd >= 0);
    static const char wrong[] = "POST /v1/orders HTTP/1.1\r\nHost: kds\r\n"
                                "Authorization: Bearer not-a-token-of-this-kitchen\r\n"
                                "Content-Length: 1000000\r\n\r\n";
    CHECK(send_all(fd, wrong, sizeof wrong - 1));
    int wrong_status = read_status(fd, CHECK_WAIT_MS);
    close(fd);
    long order = kds_order(3, "after unauthenticated 1 MB bodies");
    CHECK_EQ_INT(status, 401);
    CHECK_EQ_INT(wrong_status, 401);
    CHECK_EQ_INT(order, 201);
    CHECK_EQ_INT(kitchen_kds_count(&kds), 1);
    kitchen_kds_stop(&kds);
}

/*
 * One request from 127.0.0.<host> to port with token (NULL: none), on its own connection;
 * the status, 0 when there was no answer.
 */
static int request_from(unsigned host, uint16_t port, const char *method, const char *path,
                        const char *token)
{
    int fd = connect_from(host, port);
    if (fd < 0)
        return 0;
    char request[512];
    int n = snprintf(request, sizeof request,
                     "%s %s HTTP/1.1\r\nHost: server\r\nConnection: close\r\n%s%s%s"
                     "Content-Length: 0\r\n\r\n",
                     method, path, token ? "Authorization: Bearer " : "", token ? token : "",
                     token ? "\r\n" : "");
    int status = send_all(fd, request, (size_t)n) ? read_status(fd, CHECK_WAIT_MS) : 0;
    close(fd);
    return status;
}

/*
 * Guesses from one address: refused (401) until KS_AUTH_LIMIT_FAILURES,
 * then 429 for everything, a right token included; n401 and n429 counted
 * over guesses requests.
 */
static void guess_tokens(uint16_t port, const char *method, const char *path, int guesses,
                         int *n401, int *n429)
{
    *n401 = *n429 = 0;
    for (int i = 0; i < guesses; i++) {
        char guess[64];
        snprintf(guess, sizeof guess, "guess-%08x-%08x", (unsigned)i * 2654435761u, (unsigned)i);
        int status = request_from(3, port, method, path, guess);
        *n401 += status == 401;
        *n429 += status == 429;
    }
}

/* Token guessing on the kitchen display: limited per address, the kiosk served meanwhile. */
static void test_token_guessing(void)
{
    CHECK(kds_start("attack-guess.db"));
    int n401, n429;
    guess_tokens(kds_port, "GET", "/v1/orders", 100, &n401, &n429);
    /* The guesser is now refused even with a right token; the kiosk next to it is not. */
    int right = request_from(3, kds_port, "GET", "/v1/orders", KITCHEN_TOKEN);
    long order = kds_order(4, "while an address guesses tokens");
    CHECK_EQ_INT(n401, KS_AUTH_LIMIT_FAILURES);
    CHECK_EQ_INT(n429, 100 - KS_AUTH_LIMIT_FAILURES);
    CHECK_EQ_INT(right, 429);
    CHECK_EQ_INT(order, 201);
    kitchen_kds_stop(&kds);
}

/* A chunked body past 1 MiB, with a valid token: 413, nothing stored, the kiosk answered. */
static void test_chunked_oversize(void)
{
    CHECK(kds_start("attack-chunked.db"));
    int fd = connect_from(2, kds_port);
    CHECK(fd >= 0);
    static const char head[] = "POST /v1/orders HTTP/1.1\r\nHost: kds\r\n"
                               "Authorization: Bearer " KITCHEN_TOKEN "\r\n"
                               "Content-Type: application/json\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n";
    bool sent = send_all(fd, head, sizeof head - 1);
    static char chunk[64 * 1024 + 16];
    int n = snprintf(chunk, sizeof chunk, "%x\r\n", 64 * 1024);
    memset(chunk + n, ' ', 64 * 1024);
    memcpy(chunk + n + 64 * 1024, "\r\n", 2);
    size_t chunk_len = (size_t)n + 64 * 1024 + 2;
    for (int i = 0; sent && i < 24; i++) /* 1.5 MiB */
        sent = send_all(fd, chunk, chunk_len);
    sent = sent && send_all(fd, "0\r\n\r\n", 5);
    int status = read_status(fd, CHECK_WAIT_MS);
    close(fd);
    long order = kds_order(4, "after a chunked 1.5 MiB body");
    CHECK(sent);
    CHECK_EQ_INT(status, 413);
    CHECK_EQ_INT(order, 201);
    CHECK_EQ_INT(kitchen_kds_count(&kds), 1);
    kitchen_kds_stop(&kds);
}

/* ---- The backend ------------------------------------------------------------------- */

static struct backend_run be;
static char be_orders_url[96];

static bool be_start(const char *name)
{
    static ks_backend_config cfg;
    char why[256];
    static const char ini[] =
        "[backend]\nlisten = 127.0.0.1:0\nmanager_token = " MANAGER_TOKEN
        "\n[kiosks]\nkiosk-02 = " KITCHEN_TOKEN "\nkiosk-03 = " KITCHEN_OTHER_TOKEN "\n";
    ks_backend_config_defaults(&cfg);
    if (!ks_backend_config_parse(&cfg, ini, sizeof ini - 1, why, sizeof why)) {
        fprintf(stderr, "config: %s\n", why);
        return false;
    }
    if (!backend_run_start(&be, &cfg, kitchen_fresh_path(name)))
        return false;
    snprintf(be_orders_url, sizeof be_orders_url, "%s/v1/orders", be.base);
    return true;
}

static int64_t be_orders(void)
{
    int64_t n = -1;
    return ks_backend_store_count_orders(be.store, &n) == KS_DB_OK ? n : -1;
}

/* A kiosk token used for another kiosk's order: 403, nothing stored. */
static void test_backend_wrong_kiosk(void)
{
    CHECK(be_start("attack-be-wrong.db"));
    char *json = kitchen_paid_json(5, 5); /* from kiosk-02 */
    double ms = 0;
    long wrong = kiosk_post(be_orders_url, KITCHEN_OTHER_TOKEN, json, &ms);
    long right = kiosk_post(be_orders_url, KITCHEN_TOKEN, json, &ms);
    printf("backend: kiosk order answered %ld in %.1f ms\n", right, ms);
    free(json);
    CHECK_EQ_INT(wrong, 403);
    CHECK_EQ_INT(right, 201);
    CHECK_EQ_INT(be_orders(), 1);
    backend_run_stop(&be);
}

/* Managers running reports in a loop on their own threads. */
struct managers {
    atomic_bool stop;
    atomic_long reports;
    char url[160];
};

static void *manager_run(void *arg)
{
    struct managers *m = arg;
    while (!atomic_load(&m->stop)) {
        struct http_reply a;
        kitchen_http("GET", m->url, MANAGER_TOKEN, NULL, NULL, 0, &a);
        if (a.status == 200)
            atomic_fetch_add(&m->reports, 1);
    }
    return NULL;
}

/*
 * How many threads of this process run at each niceness -20..19, into
 * counts[niceness + 20], from field 19 of /proc/self/task/TID/stat; -1 when
 * one cannot be read.
 */
static int thread_niceness(int counts[40])
{
    DIR *tasks = opendir("/proc/self/task");
    if (!tasks)
        return -1;
    int failed = 0;
    for (struct dirent *e; (e = readdir(tasks));) {
        if (e->d_name[0] == '.')
            continue;
        char path[300], line[1024] = "";
        snprintf(path, sizeof path, "/proc/self/task/%s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        bool read = f && fgets(line, sizeof line, f);
        if (f)
            fclose(f);
        /* After the name's closing parenthesis: state (field 3), then 4..19 apart by spaces. */
        char *p = read ? strrchr(line, ')') : NULL;
        int field = 2;
        while (p && field < 19) {
            while (*p == ' ' || *p == ')')
                p++;
            field++;
            if (field < 19)
                p = strchr(p, ' ');
        }
        long nice = p ? strtol(p, NULL, 10) : 99;
        if (field != 19 || nice < -20 || nice > 19)
            failed = -1;
        else
            counts[nice + 20]++;
    }
    closedir(tasks);
    return failed;
}

/*
 * Three managers refresh the items report without pause while 32 slow
 * clients hold connections: every kiosk order is answered 201.
 */
static void test_backend_reports_and_slow_clients(void)
{
    CHECK(be_start("attack-be-reports.db"));
    enum { SLOW = 32, ORDERS = 20 };
    int fds[SLOW];
    for (size_t i = 0; i < SLOW; i++) {
        fds[i] = connect_from(2 + (unsigned)i % 4, ks_backend_server_port(be.server));
        if (fds[i] >= 0)
            send_all(fds[i], "GET /v1/kiosks HTTP/1.1\r\n", 25);
    }
    struct managers m = {0};
    snprintf(m.url, sizeof m.url, "%s/v1/reports/items?from=2026-01-01&to=2026-12-31", be.base);
    pthread_t threads[3];
    for (int i = 0; i < 3; i++)
        CHECK(pthread_create(&threads[i], NULL, manager_run, &m) == 0);
    long created = 0;
    double worst = 0, sum = 0;
    for (unsigned i = 0; i < ORDERS; i++) {
        char *json = kitchen_paid_json(100 + i, (int32_t)(100 + i));
        double ms = 0;
        created += kiosk_post(be_orders_url, KITCHEN_TOKEN, json, &ms) == 201;
        free(json);
        sum += ms;
        worst = ms > worst ? ms : worst;
    }
    /* On a busy box the orders may all be in before a report at niceness 10 has had its year
     * counted: the managers go on until one is answered (or the generous limit), so the check
     * below is of the answer, not of the race. */
    for (int waited_ms = 0; atomic_load(&m.reports) == 0 && waited_ms < 120000; waited_ms += 20)
        usleep(20 * 1000);
    atomic_store(&m.stop, true);
    for (int i = 0; i < 3; i++)
        pthread_join(threads[i], NULL);
    for (size_t i = 0; i < SLOW; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    printf("backend, 3 managers' reports (%ld answered) and %d slow clients: %ld of %d orders "
           "created, mean %.1f ms, worst %.1f ms\n",
           atomic_load(&m.reports), SLOW, created, ORDERS, sum / ORDERS, worst);
    CHECK_EQ_INT(created, ORDERS);
    CHECK_EQ_INT(be_orders(), ORDERS);
    CHECK(atomic_load(&m.reports) > 0);
    /* The reports' threads yield the CPU to the orders' (niceness 10 against 0). */
    int niceness[40] = {0};
    CHECK(thread_niceness(niceness) == 0);
    CHECK_EQ_INT(niceness[20 + 10], KS_BACKEND_SLOW_WORKERS);
    backend_run_stop(&be);
}

/*
 * The order that broke every report (10^15 halalas, 9,300 times): any
 * amount past KS_ORDER_MAX_MONEY is refused with 400 and not stored.
 */
static void test_backend_money_limit(void)
{
    CHECK(be_start("attack-be-money.db"));
    char *json = kitchen_paid_json(6, 6);
    json_t *root = json_loads(json, 0, NULL);
    free(json);
    CHECK(root != NULL);
    json_object_set_new(root, "total", json_integer(1000000000000000LL));
    char *huge = json_dumps(root, JSON_COMPACT);
    json_object_set_new(root, "total", json_integer(KS_ORDER_MAX_MONEY + 1));
    char *over = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    double ms = 0;
    long huge_status = kiosk_post(be_orders_url, KITCHEN_TOKEN, huge, &ms);
    long over_status = kiosk_post(be_orders_url, KITCHEN_TOKEN, over, &ms);
    free(huge);
    free(over);
    CHECK_EQ_INT(huge_status, 400);
    CHECK_EQ_INT(over_status, 400);
    CHECK_EQ_INT(be_orders(), 0);
    /* The bound leaves room for billions of orders at the maximum in one 64-bit sum. */
    CHECK(KS_ORDER_SUMMABLE_ORDERS > INT64_C(9000000000));
    backend_run_stop(&be);
}

/* An unauthenticated 1 MB body on the backend: 401 from the headers alone. */
static void test_backend_unauthenticated_body(void)
{
    CHECK(be_start("attack-be-noauth.db"));
    int fd = connect_from(2, ks_backend_server_port(be.server));
    CHECK(fd >= 0);
    static const char head[] = "POST /v1/orders HTTP/1.1\r\nHost: backend\r\n"
                               "Content-Length: 1000000\r\n\r\n";
    CHECK(send_all(fd, head, sizeof head - 1));
    int status = read_status(fd, CHECK_WAIT_MS);
    close(fd);
    CHECK_EQ_INT(status, 401);
    CHECK_EQ_INT(be_orders(), 0);
    backend_run_stop(&be);
}

/*
 * GET path?query with one more header of pad_bytes ('a's, none when 0) from
 * 127.0.0.<host> as the manager, on its own connection: the status, 0 when
 * there was no answer.
 */
static int padded_request(unsigned host, uint16_t port, const char *path, const char *query,
                          size_t query_pad, size_t header_pad)
{
    size_t cap = strlen(path) + strlen(query) + query_pad + header_pad + 512;
    char *request = malloc(cap);
    int fd = request ? connect_from(host, port) : -1;
    if (fd < 0) {
        free(request);
        return 0;
    }
    int n = snprintf(request, cap, "GET %s?%s", path, query);
    memset(request + n, 'a', query_pad);
    size_t len = (size_t)n + query_pad;
    n = snprintf(request + len, cap - len,
                 " HTTP/1.1\r\nHost: backend\r\nConnection: close\r\n"
                 "Authorization: Bearer " MANAGER_TOKEN "\r\nX-Pad: ");
    len += (size_t)n;
    memset(request + len, 'a', header_pad);
    len += header_pad;
    n = snprintf(request + len, cap - len, "\r\n\r\n");
    len += (size_t)n;
    int status = send_all(fd, request, len) ? read_status(fd, CHECK_WAIT_MS) : 0;
    close(fd);
    free(request);
    return status;
}

/*
 * A request line or headers past the connection's memory
 * (KS_HTTP_CONNECTION_MEMORY) are refused by libmicrohttpd before any
 * handler sees them (414, 431), as before the request's strings were
 * copied for its handler; a large request within it is answered whole from
 * the copy; the kiosk is served meanwhile.
 */
static void test_backend_oversized_request(void)
{
    CHECK(be_start("attack-be-oversized.db"));
    uint16_t port = ks_backend_server_port(be.server);
    static const char sales[] = "/v1/reports/sales";
    static const char query[] = "from=2026-01-01&to=2026-01-01&sort=";
    int long_line = padded_request(4, port, sales, query, KS_HTTP_CONNECTION_MEMORY + 1024, 0);
    int long_header = padded_request(4, port, sales, query, 0, KS_HTTP_CONNECTION_MEMORY + 1024);
    int large = padded_request(4, port, sales, query, KS_HTTP_CONNECTION_MEMORY / 4,
                               KS_HTTP_CONNECTION_MEMORY / 4);
    char *json = kitchen_paid_json(7, 7);
    double ms = 0;
    long order = kiosk_post(be_orders_url, KITCHEN_TOKEN, json, &ms);
    free(json);
    printf("backend, oversized requests: %d %d %d, kiosk order answered %ld in %.1f ms\n",
           long_line, long_header, large, order, ms);
    CHECK_EQ_INT(long_line, 414);
    CHECK_EQ_INT(long_header, 431);
    CHECK_EQ_INT(large, 200);
    CHECK_EQ_INT(order, 201);
    backend_run_stop(&be);
}

/* Guessing the manager's token on the backend: limited per address, kiosks served meanwhile. */
static void test_backend_token_guessing(void)
{
    CHECK(be_start("attack-be-guess.db"));
    uint16_t port = ks_backend_server_port(be.server);
    int n401, n429;
    guess_tokens(port, "GET", "/v1/kiosks", 60, &n401, &n429);
    int right = request_from(3, port, "GET", "/v1/kiosks", MANAGER_TOKEN);
    char *json = kitchen_paid_json(6, 6);
    double ms = 0;
    long order = kiosk_post(be_orders_url, KITCHEN_TOKEN, json, &ms);
    free(json);
    printf("backend, while an address guesses tokens: kiosk order answered %ld in %.1f ms\n", order,
           ms);
    CHECK_EQ_INT(n401, KS_AUTH_LIMIT_FAILURES);
    CHECK_EQ_INT(n429, 60 - KS_AUTH_LIMIT_FAILURES);
    CHECK_EQ_INT(right, 429);
    CHECK_EQ_INT(order, 201);
    backend_run_stop(&be);
}

int main(int argc, char **argv)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    static const struct check_case cases[] = {
        {"slow_clients", test_slow_clients},
        {"connection_flood", test_connection_flood},
        {"unauthenticated_body", test_unauthenticated_body},
        {"chunked_oversize", test_chunked_oversize},
        {"token_guessing", test_token_guessing},
        {"backend_wrong_kiosk", test_backend_wrong_kiosk},
        {"backend_reports_and_slow_clients", test_backend_reports_and_slow_clients},
        {"backend_unauthenticated_body", test_backend_unauthenticated_body},
        {"backend_money_limit", test_backend_money_limit},
        {"backend_token_guessing", test_backend_token_guessing},
        {"backend_oversized_request", test_backend_oversized_request},
    };
    int status = check_run(cases, CHECK_COUNT(cases), argc, argv);
    curl_global_cleanup();
    return status;
}
