/*
 * What a sign-in with a person's kiosk PIN costs on the kiosk
 * (kiosk/store/staff_pin_store.h, ks_staff_pin_store_match, the check the
 * staff screen and the lane make on the UI thread): the stored staff list
 * read from the kiosk's SQLite file and the typed PIN derived by
 * PBKDF2-SHA256 at KS_KIOSK_PIN_ITERATIONS, as the backend hashes it. The
 * backend gives every PIN of a store one salt (backend_kiosk_pin.h), so a
 * list costs one derivation however long it is; the last rows show what a
 * salt per person would cost instead (each derived in turn). Prints median
 * and p99 per list size, for the last person's PIN and for a wrong PIN
 * (which must read every entry), in wall time and in the thread's CPU time
 * (what a busy machine does not inflate). The goal: well under 100 ms on the
 * kiosk's CPU.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/backend/backend_kiosk_pin.h"
#include "kiosk/common/log.h"
#include "kiosk/common/staff_secret.h"
#include "kiosk/store/staff_pin_store.h"
#include "tests/bench/bench_util.h"

#define ROUNDS 30

/* This thread's CPU time: the figure a busy machine does not inflate. */
static int64_t cpu_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* A list of n people, PINs 100000 + i, one salt for all (or one each). */
static bool make_list(ks_staff_list *list, size_t n, bool one_salt)
{
    list->n = n;
    list->people = calloc(n, sizeof *list->people);
    for (size_t i = 0; list->people && i < n; i++) {
        char pin[16];
        snprintf(pin, sizeof pin, "%zu", 100000 + i);
        snprintf(list->people[i].id, sizeof list->people[i].id, "person-%03zu", i);
        if (!ks_staff_secret_hash_with(pin, KS_KIOSK_PIN_ITERATIONS,
                                       one_salt && i ? list->people[0].pin_hash : NULL,
                                       list->people[i].pin_hash))
            return false;
    }
    return list->people != NULL;
}

static void measure(ks_db *db, size_t n, bool one_salt)
{
    ks_staff_list list = {0};
    if (!make_list(&list, n, one_salt) ||
        ks_staff_pin_store_replace(db, &list, "\"bench\"", 1) != KS_DB_OK) {
        fprintf(stderr, "bench_staff_pin: cannot store %zu people\n", n);
        exit(1);
    }
    char last[16], name[96], who[KS_STAFF_ID_MAX + 1];
    snprintf(last, sizeof last, "%zu", 100000 + n - 1);
    static const char *const kinds[] = {"last person's PIN", "a wrong PIN"};
    for (int k = 0; k < 2; k++) {
        double ms[ROUNDS], cpu[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            bool pulled;
            int64_t t0 = bench_now_ns(), c0 = cpu_ns();
            ks_staff_pin_store_match(db, k == 0 ? last : "99999999", who, &pulled);
            ms[r] = (double)(bench_now_ns() - t0) / 1e6;
            cpu[r] = (double)(cpu_ns() - c0) / 1e6;
            if ((k == 0) != (who[0] != '\0')) {
                fprintf(stderr, "bench_staff_pin: a wrong answer for %s\n", kinds[k]);
                exit(1);
            }
        }
        snprintf(name, sizeof name, "sign-in, %zu people, %s, %s", n,
                 one_salt ? "one salt" : "a salt each", kinds[k]);
        bench_report(name, ms, ROUNDS, "ms");
        char cpu_name[sizeof name + 16];
        snprintf(cpu_name, sizeof cpu_name, "%s (CPU time)", name);
        bench_report(cpu_name, cpu, ROUNDS, "ms");
    }
    ks_staff_list_clear(&list);
}

int main(void)
{
    ks_log_set_level(KS_LOG_WARN);
    char dir[] = "/tmp/bench_staff_pin.XXXXXX", path[64];
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    ks_db *db = ks_db_open(path, NULL);
    if (!db)
        return 1;
    printf("PBKDF2-SHA256 at %d iterations\n", KS_KIOSK_PIN_ITERATIONS);
    static const size_t sizes[] = {1, 20, 100, KS_STAFF_LIST_MAX};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        measure(db, sizes[i], true);
    measure(db, 5, false);
    measure(db, 20, false);
    ks_db_close(db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
