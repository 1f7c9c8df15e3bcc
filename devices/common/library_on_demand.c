/*
 * A shared library loaded on demand: once, by the first caller or an early
 * thread, others waiting for it (see library_on_demand.h).
 */
#include "devices/common/library_on_demand.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* The load itself, on the one thread that runs it; false with lib->error set. */
static bool load(struct dev_library *lib)
{
    void *library = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *why = dlerror();
        snprintf(lib->error, sizeof lib->error, "cannot load %s: %s", lib->soname,
                 why ? why : "unknown error");
        return false;
    }
    for (size_t i = 0; i < lib->n_symbols; i++) {
        void *address = dlsym(library, lib->symbols[i].name);
        if (!address) {
            snprintf(lib->error, sizeof lib->error, "%s has no %s", lib->soname,
                     lib->symbols[i].name);
            return false;
        }
        /* POSIX: the data pointer dlsym returns converts to the function pointer it is. */
        memcpy(lib->symbols[i].slot, &address, sizeof address);
    }
    const char *failed = lib->start ? lib->start() : NULL;
    if (failed) {
        snprintf(lib->error, sizeof lib->error, "%s cannot start (%s)", lib->soname, failed);
        return false;
    }
    /* Kept loaded for the life of the process, like a linked library. */
    return true;
}

bool dev_library_ready(struct dev_library *lib)
{
    int state = atomic_load_explicit(&lib->state, memory_order_acquire);
    if (state == DEV_LIBRARY_LOADED)
        return true;
    if (state == DEV_LIBRARY_FAILED)
        return false;
    pthread_mutex_lock(&lib->lock);
    state = atomic_load_explicit(&lib->state, memory_order_relaxed);
    if (state == DEV_LIBRARY_NOT_LOADED) {
        atomic_store_explicit(&lib->state, DEV_LIBRARY_LOADING, memory_order_relaxed);
        pthread_mutex_unlock(&lib->lock);
        /* Outside the lock: the loader runs the library's constructors, which may take
         * their own locks; the other callers wait on the condition meanwhile. */
        state = load(lib) ? DEV_LIBRARY_LOADED : DEV_LIBRARY_FAILED;
        pthread_mutex_lock(&lib->lock);
        atomic_store_explicit(&lib->state, state, memory_order_release);
        pthread_cond_broadcast(&lib->done);
    }
    while (state == DEV_LIBRARY_LOADING) {
        pthread_cond_wait(&lib->done, &lib->lock);
        state = atomic_load_explicit(&lib->state, memory_order_relaxed);
    }
    pthread_mutex_unlock(&lib->lock);
    return state == DEV_LIBRARY_LOADED;
}

static void *load_thread(void *lib)
{
    dev_library_ready(lib);
    return NULL;
}

bool dev_library_load_early(struct dev_library *lib)
{
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0)
        return false;
    pthread_t thread;
    bool started = pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0 &&
                   pthread_create(&thread, &attr, load_thread, lib) == 0;
    pthread_attr_destroy(&attr);
    return started;
}

const char *dev_library_error(const struct dev_library *lib)
{
    /* The text is written before the state turns final, and never after. */
    bool failed = atomic_load_explicit(&lib->state, memory_order_acquire) == DEV_LIBRARY_FAILED;
    return failed ? lib->error : "";
}
