/* Failed authentication per client address (see kiosk/http/auth_limit.h). */
#define LOG_TAG "auth"
#include "kiosk/http/auth_limit.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/log.h"

#define ADDRESS_MAX 46 /* INET6_ADDRSTRLEN */

struct entry {
    char client[ADDRESS_MAX]; /* "" : free */
    int64_t window_start_ms;  /* the first failure counted */
    unsigned failures;        /* in the window */
    int64_t blocked_until_ms; /* 0 : not blocked */
    int64_t last_ms;          /* the last failure, to find the quietest */
};

struct ks_auth_limit {
    char name[64];
    pthread_mutex_t lock;
    struct entry entries[KS_AUTH_LIMIT_ADDRESSES];
};

ks_auth_limit *ks_auth_limit_new(const char *name)
{
    ks_auth_limit *limit = calloc(1, sizeof *limit);
    if (!limit)
        return NULL;
    snprintf(limit->name, sizeof limit->name, "%s", name ? name : "server");
    pthread_mutex_init(&limit->lock, NULL);
    return limit;
}

void ks_auth_limit_free(ks_auth_limit *limit)
{
    if (!limit)
        return;
    pthread_mutex_destroy(&limit->lock);
    free(limit);
}

/* client's entry, NULL when it has none. Under the lock. */
static struct entry *find(ks_auth_limit *limit, const char *client)
{
    for (size_t i = 0; i < KS_AUTH_LIMIT_ADDRESSES; i++)
        if (limit->entries[i].client[0] && strcmp(limit->entries[i].client, client) == 0)
            return &limit->entries[i];
    return NULL;
}

/* A free entry, or the one quiet for longest (blocked ones last). Under the lock. */
static struct entry *take(ks_auth_limit *limit, int64_t now_ms)
{
    struct entry *best = &limit->entries[0];
    for (size_t i = 0; i < KS_AUTH_LIMIT_ADDRESSES; i++) {
        struct entry *e = &limit->entries[i];
        if (!e->client[0])
            return e;
        bool e_blocked = e->blocked_until_ms > now_ms,
             best_blocked = best->blocked_until_ms > now_ms;
        if (e_blocked != best_blocked ? !e_blocked : e->last_ms < best->last_ms)
            best = e;
    }
    return best;
}

bool ks_auth_limit_blocked(ks_auth_limit *limit, const char *client, int64_t now_ms)
{
    if (!limit || !client)
        return false;
    pthread_mutex_lock(&limit->lock);
    const struct entry *e = find(limit, client);
    bool blocked = e && e->blocked_until_ms > now_ms;
    pthread_mutex_unlock(&limit->lock);
    return blocked;
}

void ks_auth_limit_failed(ks_auth_limit *limit, const char *client, int64_t now_ms)
{
    if (!limit || !client || strlen(client) >= ADDRESS_MAX)
        return;
    pthread_mutex_lock(&limit->lock);
    struct entry *e = find(limit, client);
    if (!e) {
        e = take(limit, now_ms);
        *e = (struct entry){0};
        memcpy(e->client, client, strlen(client) + 1);
    }
    if (e->failures == 0 || now_ms - e->window_start_ms >= KS_AUTH_LIMIT_WINDOW_S * 1000) {
        e->window_start_ms = now_ms;
        e->failures = 0;
        LOG_WARN("%s: refused credentials from %s", limit->name, client);
    }
    e->failures++;
    e->last_ms = now_ms;
    if (e->failures >= KS_AUTH_LIMIT_FAILURES && e->blocked_until_ms <= now_ms) {
        e->blocked_until_ms = now_ms + KS_AUTH_LIMIT_BLOCK_S * 1000;
        e->failures = 0;
        LOG_WARN("%s: %s refused %d times within %d s: answered 429 for %d s", limit->name, client,
                 KS_AUTH_LIMIT_FAILURES, KS_AUTH_LIMIT_WINDOW_S, KS_AUTH_LIMIT_BLOCK_S);
    }
    pthread_mutex_unlock(&limit->lock);
}
