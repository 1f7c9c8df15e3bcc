/*
 * A store network's load on one of the store's servers, for the
 * benchmarks of the kitchen display and the backend: kiosk threads, each a
 * kept-alive libcurl connection from its own loopback address (127.0.1.N),
 * posting paid orders as fast as they are answered (saturation: the time
 * per order is then mostly the queue, kiosks / throughput) or one every
 * pace_ms (a stated load: the time per order counts from when the order
 * was due, so a late answer also delays, and is charged to, the orders
 * behind it); readers (managers'
 * reports, boards) asking without pause; and slow clients trickling a
 * header line a second from 127.0.2.N, opened again when the server cuts
 * them off.
 */
#ifndef TESTS_BENCH_LOAD_RIG_H
#define TESTS_BENCH_LOAD_RIG_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#define LOAD_RIG_MAX_KIOSKS 64
#define LOAD_RIG_MAX_READERS 8
#define LOAD_RIG_SLOW_CLIENTS 100

typedef struct load_rig {
    /* set by the caller */
    const char *orders_url; /* POST here */
    const char *token;      /* the kiosks' bearer token */
    char **bodies;          /* orders JSON texts, borrowed */
    long orders;
    const char *read_urls[2]; /* readers alternate between these (GET); NULL: no readers */
    const char *read_token;
    int readers;   /* 0..LOAD_RIG_MAX_READERS */
    long pace_ms;  /* 0: each kiosk posts as fast as it is answered; else one order every pace_ms */
    uint16_t port; /* for the slow clients */
    /* the outcome */
    double *ms;   /* per order: time to the answer */
    long *status; /* per order: HTTP status (0: none) */
    double seconds;
    long reads, read_failures, slow_cut;
    int kiosks_started;
    /* private */
    atomic_long next;
    atomic_int kiosk_addresses;
    int kiosks;
    int64_t t0_ns;
    atomic_bool stop;
    atomic_long reads_done, reads_failed, cut;
} load_rig;

/*
 * Runs kiosks kiosk threads over every order while the readers and the
 * slow clients press; fills the outcome (ms and status allocated, freed by
 * load_rig_free). False when the threads or memory could not be had.
 */
bool load_rig_run(load_rig *rig, int kiosks);

/* Orders not answered 201 in the last run. */
long load_rig_refused(const load_rig *rig);

/*
 * Prints the last run's figures: what ran ("backend, SQLite"), the orders
 * the server holds now (stored), who read (readers, "managers' reports");
 * then the time per order (median, p99).
 */
void load_rig_report(const load_rig *rig, const char *what, long long stored, const char *readers);

void load_rig_free(load_rig *rig);

#endif
