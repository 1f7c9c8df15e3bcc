/* Counters every ui cache reports, so benchmarks and diagnostics print one format. */
#ifndef UI_CACHE_STATS_H
#define UI_CACHE_STATS_H

#include <stddef.h>
#include <stdint.h>

struct ui_cache_stats {
    uint64_t hits;
    uint64_t misses;
    uint64_t evictions; /* entries dropped to stay within the budget */
    size_t entries;
    size_t bytes;  /* memory held now */
    size_t budget; /* the most it may hold */
};

/* hits / (hits + misses), 0 when nothing was looked up. */
static inline double ui_cache_stats_hit_rate(const struct ui_cache_stats *stats)
{
    uint64_t total = stats->hits + stats->misses;
    return total ? (double)stats->hits / (double)total : 0.0;
}

#endif
