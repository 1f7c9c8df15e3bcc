/*
 * Helpers for benchmarks: a monotonic clock, median/p99 of a sample set, and
 * the process's peak resident memory. Benchmarks print figures; they never
 * assert on time.
 */
#ifndef TESTS_BENCH_BENCH_UTIL_H
#define TESTS_BENCH_BENCH_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Monotonic time in nanoseconds. */
int64_t bench_now_ns(void);

/* Sorts samples in place and returns the value at the given percentile (0..100). */
double bench_percentile(double *samples, size_t n, double percentile);

/* Peak resident set size of this process in KiB (VmHWM), or -1. */
long bench_peak_rss_kib(void);

/* Resident memory of this process now, in KiB; -1 when unknown. */
long bench_rss_kib(void);

/* Resident (Rss) and proportional (Pss) memory of pid in KiB from its smaps_rollup;
 * false when unreadable (gone, or a zombie). */
bool bench_memory_of(pid_t pid, long *rss_kib, long *pss_kib);

/* Prints "name: median X unit, p99 Y unit (n samples)". Sorts samples. */
void bench_report(const char *name, double *samples, size_t n, const char *unit);

#endif
