/* A store network's load on a server (see tests/bench/load_rig.h). */
#include "tests/bench/load_rig.h"

#include <curl/curl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/bench/bench_util.h"
#include "tests/unit/test_kitchen_fixture.h"

static void *kiosk(void *arg)
{
    load_rig *rig = arg;
    CURL *c = curl_easy_init();
    char auth[256];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", rig->token);
    struct curl_slist *headers = curl_slist_append(NULL, auth);
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");
    if (!c || !headers) {
        curl_slist_free_all(headers);
        curl_easy_cleanup(c);
        return NULL;
    }
    struct http_reply a;
    char from[48];
    int index = atomic_fetch_add(&rig->kiosk_addresses, 1);
    snprintf(from, sizeof from, "host!127.0.1.%d", 1 + index);
    /* Paced kiosks start spread over one pace, so their orders do not come in waves. */
    int64_t pace_ns = rig->pace_ms * 1000000, due = rig->t0_ns + pace_ns * index / rig->kiosks;
    curl_easy_setopt(c, CURLOPT_INTERFACE, from);
    curl_easy_setopt(c, CURLOPT_URL, rig->orders_url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 30000L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, http_reply_keep_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
    for (long i; (i = atomic_fetch_add(&rig->next, 1)) < rig->orders;) {
        memset(&a, 0, sizeof a);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, rig->bodies[i]);
        int64_t s = bench_now_ns();
        if (pace_ns) {
            if (due > s)
                usleep((useconds_t)((due - s) / 1000));
            s = due;
            due += pace_ns;
        }
        long status = 0;
        if (curl_easy_perform(c) == CURLE_OK)
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        rig->ms[i] = (double)(bench_now_ns() - s) / 1e6;
        rig->status[i] = status;
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return NULL;
}

/* A reader: its two URLs, one after the other, until the run ends. */
static void *reader(void *arg)
{
    load_rig *rig = arg;
    for (int i = 0; !atomic_load(&rig->stop); i++) {
        struct http_reply a;
        const char *url = rig->read_urls[i % 2 && rig->read_urls[1] ? 1 : 0];
        kitchen_http("GET", url, rig->read_token, NULL, NULL, 0, &a);
        atomic_fetch_add(a.status == 200 ? &rig->reads_done : &rig->reads_failed, 1);
    }
    return NULL;
}

/* A slow client's connection from 127.0.2.<host>, its request line sent; -1 on failure. */
static int slow_connect(uint16_t port, unsigned host)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in from = {.sin_family = AF_INET}, to = {.sin_family = AF_INET};
    from.sin_addr.s_addr = htonl(0x7f000200u | host);
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    static const char line[] = "POST /v1/orders HTTP/1.1\r\nHost: server\r\n";
    if (fd < 0 || bind(fd, (struct sockaddr *)&from, sizeof from) != 0 ||
        connect(fd, (struct sockaddr *)&to, sizeof to) != 0 ||
        send(fd, line, sizeof line - 1, MSG_NOSIGNAL) < 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

static void *slow_clients(void *arg)
{
    load_rig *rig = arg;
    int fds[LOAD_RIG_SLOW_CLIENTS];
    for (int i = 0; i < LOAD_RIG_SLOW_CLIENTS; i++)
        fds[i] = slow_connect(rig->port, 1 + (unsigned)i % 25);
    while (!atomic_load(&rig->stop)) {
        for (int i = 0; i < LOAD_RIG_SLOW_CLIENTS; i++) {
            if (fds[i] >= 0 && send(fds[i], "X-Slow: 1\r\n", 11, MSG_NOSIGNAL) < 0) {
                close(fds[i]);
                fds[i] = -1;
                atomic_fetch_add(&rig->cut, 1);
            }
            if (fds[i] < 0)
                fds[i] = slow_connect(rig->port, 1 + (unsigned)i % 25);
        }
        for (int ms = 0; ms < 1000 && !atomic_load(&rig->stop); ms += 50)
            usleep(50000);
    }
    for (int i = 0; i < LOAD_RIG_SLOW_CLIENTS; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    return NULL;
}

bool load_rig_run(load_rig *rig, int kiosks)
{
    if (kiosks < 1 || kiosks > LOAD_RIG_MAX_KIOSKS || rig->readers > LOAD_RIG_MAX_READERS)
        return false;
    free(rig->ms);
    free(rig->status);
    rig->ms = calloc((size_t)rig->orders, sizeof *rig->ms);
    rig->status = calloc((size_t)rig->orders, sizeof *rig->status);
    if (!rig->ms || !rig->status)
        return false;
    atomic_store(&rig->next, 0);
    atomic_store(&rig->kiosk_addresses, 0);
    atomic_store(&rig->stop, false);
    atomic_store(&rig->reads_done, 0);
    atomic_store(&rig->reads_failed, 0);
    atomic_store(&rig->cut, 0);
    pthread_t others[LOAD_RIG_MAX_READERS + 1], threads[LOAD_RIG_MAX_KIOSKS];
    int n_others = 0;
    while (rig->read_urls[0] && n_others < rig->readers &&
           pthread_create(&others[n_others], NULL, reader, rig) == 0)
        n_others++;
    if (pthread_create(&others[n_others], NULL, slow_clients, rig) == 0)
        n_others++;
    usleep(200000); /* the readers and slow clients under way before the first order */
    int started = 0;
    int64_t t0 = bench_now_ns();
    rig->kiosks = kiosks;
    rig->t0_ns = t0;
    while (started < kiosks && pthread_create(&threads[started], NULL, kiosk, rig) == 0)
        started++;
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    rig->seconds = (double)(bench_now_ns() - t0) / 1e9;
    atomic_store(&rig->stop, true);
    for (int i = 0; i < n_others; i++)
        pthread_join(others[i], NULL);
    rig->kiosks_started = started;
    rig->reads = atomic_load(&rig->reads_done);
    rig->read_failures = atomic_load(&rig->reads_failed);
    rig->slow_cut = atomic_load(&rig->cut);
    return started == kiosks;
}

long load_rig_refused(const load_rig *rig)
{
    long refused = 0;
    for (long i = 0; rig->status && i < rig->orders; i++)
        refused += rig->status[i] != 201;
    return refused;
}

void load_rig_report(const load_rig *rig, const char *what, long long stored, const char *readers)
{
    char pace[96] = "as fast as answered";
    if (rig->pace_ms)
        snprintf(pace, sizeof pace, "each an order every %ld ms: %.0f orders/s offered",
                 rig->pace_ms, rig->kiosks_started * 1000.0 / (double)rig->pace_ms);
    printf("%s: %.0f orders/s accepted over loopback HTTP (%ld orders, %d kiosks %s, %ld not "
           "201, %lld stored); meanwhile %d %s: %ld (%ld failed), %d slow clients held "
           "connections (%ld cut off by the deadline)\n",
           what, (double)rig->orders / rig->seconds, rig->orders, rig->kiosks_started, pace,
           load_rig_refused(rig), stored, rig->readers, readers, rig->reads, rig->read_failures,
           LOAD_RIG_SLOW_CLIENTS, rig->slow_cut);
    if (rig->ms && rig->kiosks_started > 0)
        bench_report("  POST /v1/orders, answer after the commit", rig->ms, (size_t)rig->orders,
                     "ms");
}

void load_rig_free(load_rig *rig)
{
    free(rig->ms);
    free(rig->status);
    rig->ms = NULL;
    rig->status = NULL;
}
