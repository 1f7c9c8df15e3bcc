/*
 * The worker primitive (devices/common/worker.h) and its result queue
 * (devices/common/result_queue.h): a wake given before the sleep is not
 * lost and many count as one, stop ends a sleep without limit, a stop wins
 * over a wake, a timeout is a timeout, and a full queue drops its oldest.
 *
 * The test thread and the worker meet on semaphores with a 60 s deadline:
 * a lost wake or a stop that does not end a sleep shows as a failure (or,
 * for the join, as the alarm), never as a tight timing assertion.
 */
#include "devices/common/result_queue.h"
#include "devices/common/worker.h"
#include "tests/support/check.h"

#include <pthread.h>
#include <semaphore.h>
#include <time.h>
#include <unistd.h>

#define GENEROUS_S 60

struct rig {
    struct dev_worker worker;
    sem_t go;    /* test -> worker: sleep now */
    sem_t slept; /* worker -> test: a sleep returned, its answer in seen[] */
    int sleep_ms;
    enum dev_worker_wait seen[4];
    int n_sleeps;
    bool stopping_seen;
};

static bool sem_wait_generous(sem_t *s)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += GENEROUS_S;
    return sem_timedwait(s, &until) == 0;
}

/* Sleeps n_sleeps times, each after the test says go, reporting each answer. */
static void *sleeper(void *arg)
{
    struct rig *r = arg;
    for (int i = 0; i < r->n_sleeps; i++) {
        if (!sem_wait_generous(&r->go))
            return NULL;
        r->seen[i] = dev_worker_sleep(&r->worker, r->sleep_ms);
        if (r->seen[i] == DEV_WORKER_STOP)
            r->stopping_seen = dev_worker_stopping(&r->worker);
        sem_post(&r->slept);
    }
    return NULL;
}

static void rig_start(struct rig *r, int n_sleeps, int sleep_ms)
{
    memset(r, 0, sizeof *r);
    sem_init(&r->go, 0, 0);
    sem_init(&r->slept, 0, 0);
    r->n_sleeps = n_sleeps;
    r->sleep_ms = sleep_ms;
    CHECK(dev_worker_start(&r->worker, sleeper, r));
}

static void rig_stop(struct rig *r)
{
    alarm(GENEROUS_S); /* a stop that does not reach the thread hangs the join */
    dev_worker_stop(&r->worker);
    alarm(0);
    sem_destroy(&r->go);
    sem_destroy(&r->slept);
}

static void test_wake_before_sleep(void)
{
    struct rig r;
    rig_start(&r, 2, GENEROUS_S * 2 * 1000);
    dev_worker_wake(&r.worker);
    dev_worker_wake(&r.worker); /* two wakes before the sleep count as one */
    sem_post(&r.go);
    CHECK(sem_wait_generous(&r.slept));
    CHECK(r.seen[0] == DEV_WORKER_WOKEN);
    CHECK(!dev_worker_stopping(&r.worker));
    /* the second sleep finds no wake left: only the stop ends it */
    sem_post(&r.go);
    rig_stop(&r);
    CHECK(r.seen[1] == DEV_WORKER_STOP);
    CHECK(r.stopping_seen);
}

static void test_wake_during_sleep(void)
{
    struct rig r;
    rig_start(&r, 1, -1);
    sem_post(&r.go);
    dev_worker_wake(&r.worker); /* before or during the sleep: either way it is seen */
    CHECK(sem_wait_generous(&r.slept));
    CHECK(r.seen[0] == DEV_WORKER_WOKEN);
    rig_stop(&r);
}

static void test_stop_while_sleeping(void)
{
    struct rig r;
    rig_start(&r, 1, -1); /* without limit: only the stop can end it */
    sem_post(&r.go);
    rig_stop(&r);
    CHECK(r.seen[0] == DEV_WORKER_STOP);
    CHECK(r.stopping_seen);
}

/* Sleeps once, after the test has both woken and stopped it. */
static void *late_sleeper(void *arg)
{
    struct rig *r = arg;
    dev_worker_nap(&r->worker, -1); /* naps leave wakes alone: only the stop ends this one */
    r->seen[0] = dev_worker_sleep(&r->worker, -1);
    return NULL;
}

static void test_stop_wins_over_wake(void)
{
    struct rig r;
    memset(&r, 0, sizeof r);
    CHECK(dev_worker_start(&r.worker, late_sleeper, &r));
    dev_worker_wake(&r.worker);
    alarm(GENEROUS_S);
    dev_worker_stop(&r.worker);
    alarm(0);
    CHECK(r.seen[0] == DEV_WORKER_STOP);
}

static void test_timeout(void)
{
    struct rig r;
    rig_start(&r, 2, 20);
    int64_t before = dev_worker_now_ms();
    sem_post(&r.go);
    CHECK(sem_wait_generous(&r.slept));
    CHECK(r.seen[0] == DEV_WORKER_TIMEOUT);
    CHECK(dev_worker_now_ms() - before >= 20); /* a lower bound only: never too early */
    r.sleep_ms = 0;
    sem_post(&r.go);
    CHECK(sem_wait_generous(&r.slept));
    CHECK(r.seen[1] == DEV_WORKER_TIMEOUT);
    rig_stop(&r);
}

static void test_queue_drops_oldest(void)
{
    struct dev_result_queue q;
    CHECK(dev_result_queue_init(&q, sizeof(int), 3));
    int got = -1;
    CHECK(!dev_result_queue_take(&q, &got));
    CHECK(got == -1);
    for (int i = 1; i <= 3; i++)
        CHECK(dev_result_queue_push(&q, &i));
    for (int i = 4; i <= 5; i++)
        CHECK(!dev_result_queue_push(&q, &i)); /* full: 1, then 2, are dropped */
    CHECK(dev_result_queue_dropped(&q) == 2);
    for (int want = 3; want <= 5; want++) {
        CHECK(dev_result_queue_take(&q, &got));
        CHECK(got == want);
    }
    CHECK(!dev_result_queue_take(&q, &got));
    CHECK(!dev_result_queue_wait(&q, &got, 1));
    dev_result_queue_destroy(&q);
}

static void *pusher(void *arg)
{
    int seven = 7;
    dev_result_queue_push(arg, &seven);
    return NULL;
}

static void test_queue_wait(void)
{
    struct dev_result_queue q;
    CHECK(dev_result_queue_init(&q, sizeof(int), 2));
    pthread_t t;
    CHECK(pthread_create(&t, NULL, pusher, &q) == 0);
    int got = 0;
    CHECK(dev_result_queue_wait(&q, &got, GENEROUS_S * 1000));
    CHECK(got == 7);
    pthread_join(t, NULL);
    CHECK(dev_result_queue_dropped(&q) == 0);
    dev_result_queue_destroy(&q);
}

static const struct check_case cases[] = {
    {"a wake before the sleep is kept, and two count as one", test_wake_before_sleep},
    {"a wake during a sleep without limit ends it", test_wake_during_sleep},
    {"stop ends a sleep without limit", test_stop_while_sleeping},
    {"stop wins over a pending wake", test_stop_wins_over_wake},
    {"a sleep times out, never early", test_timeout},
    {"a full queue drops its oldest and counts it", test_queue_drops_oldest},
    {"waiting for a result sees a push from another thread", test_queue_wait},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
