/* Benchmark helpers behind tests/bench/bench_util.h. */
#include "tests/bench/bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_percentile(double *samples, size_t n, double percentile)
{
    if (n == 0)
        return 0;
    qsort(samples, n, sizeof *samples, compare_doubles);
    size_t rank = (size_t)(percentile / 100.0 * (double)(n - 1) + 0.5);
    return samples[rank < n ? rank : n - 1];
}

/* The KiB figure of one line of /proc/self/status (field with its colon); -1 when absent. */
static long status_kib(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long kib = -1;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0)
            kib = strtol(line + n, NULL, 10);
    fclose(f);
    return kib;
}

long bench_peak_rss_kib(void)
{
    return status_kib("VmHWM:");
}

long bench_rss_kib(void)
{
    return status_kib("VmRSS:");
}

bool bench_memory_of(pid_t pid, long *rss_kib, long *pss_kib)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%ld/smaps_rollup", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    *rss_kib = *pss_kib = -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "Rss:", 4) == 0)
            *rss_kib = strtol(line + 4, NULL, 10);
        else if (strncmp(line, "Pss:", 4) == 0)
            *pss_kib = strtol(line + 4, NULL, 10);
    }
    fclose(f);
    return *rss_kib >= 0 && *pss_kib >= 0;
}

void bench_report(const char *name, double *samples, size_t n, const char *unit)
{
    double median = bench_percentile(samples, n, 50);
    double p99 = bench_percentile(samples, n, 99);
    printf("%s: median %.3f %s, p99 %.3f %s (%zu samples)\n", name, median, unit, p99, unit, n);
}
