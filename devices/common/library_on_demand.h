/*
 * A shared library loaded when the program first needs it, instead of by the
 * dynamic loader before main: the one mechanism behind libcurl
 * (devices/common/curl_on_demand.c) and SDL2 (ui/sdl_on_demand.c). Each
 * defines the library's functions it calls, with the library's own
 * prototypes, and forwards them through a table of function pointers that
 * this part fills: dlopen of the library's soname, dlsym of each function,
 * an optional start (curl_global_init), and the reason in words when any of
 * it fails. It happens once per process, by whichever comes first: the
 * first forwarded call, on its own thread, or a thread started for it
 * (dev_library_load_early) so that the library loads beside other work;
 * every caller that comes meanwhile waits for that one load (a condition
 * variable, no spinning) and then calls through. The library stays loaded
 * for the life of the process, like a linked one.
 * kiosk/docs/ARCHITECTURE.md, "Start-up".
 */
#ifndef DEVICES_COMMON_LIBRARY_ON_DEMAND_H
#define DEVICES_COMMON_LIBRARY_ON_DEMAND_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/* One function of the library: its name, and where its address goes. */
struct dev_library_symbol {
    const char *name; /* the exported name, "SDL_CreateWindow" */
    void *slot;       /* borrowed: the address of the function pointer to fill */
};

/*
 * A library to load on demand, in static storage (DEV_LIBRARY_INIT); the
 * fields after start are this part's.
 */
struct dev_library {
    const char *soname;                       /* "libSDL2-2.0.so.0" */
    const struct dev_library_symbol *symbols; /* borrowed, static: the table to resolve */
    size_t n_symbols;
    /* Optional: run once after every symbol is resolved; NULL when the library is started,
     * else what failed, in words ("curl_global_init"). */
    const char *(*start)(void);
    pthread_mutex_t lock; /* guards state's changes and error */
    pthread_cond_t done;  /* broadcast when the load ends */
    atomic_int state;     /* DEV_LIBRARY_* below; read without the lock once it is final */
    char error[256];      /* why the load failed; final once state is */
};

enum { DEV_LIBRARY_NOT_LOADED, DEV_LIBRARY_LOADING, DEV_LIBRARY_LOADED, DEV_LIBRARY_FAILED };

#define DEV_LIBRARY_INIT(soname_, symbols_, start_)                                                \
    {                                                                                              \
        .soname = (soname_), .symbols = (symbols_),                                                \
        .n_symbols = sizeof(symbols_) / sizeof((symbols_)[0]), .start = (start_),                  \
        .lock = PTHREAD_MUTEX_INITIALIZER, .done = PTHREAD_COND_INITIALIZER,                       \
        .state = DEV_LIBRARY_NOT_LOADED, .error = ""                                               \
    }

/*
 * True once lib is loaded, resolved and started: loads it on this thread if
 * nobody has begun, waits for the load under way if another thread has.
 * False, for good, when it failed: dev_library_error says why. Cheap once
 * the load has ended (one atomic read), so every forwarded call asks.
 */
bool dev_library_ready(struct dev_library *lib);

/*
 * Starts lib's load on a thread of its own (detached) and returns at once,
 * so it proceeds beside the caller's work. False when no thread could be
 * started: the first call then loads it as without this.
 */
bool dev_library_load_early(struct dev_library *lib);

/* Why lib could not be loaded ("cannot load libSDL2-2.0.so.0: ..."); "" while it is not known
 * to have failed. Owned by lib, lives as long as the process. */
const char *dev_library_error(const struct dev_library *lib);

/*
 * Forwarders made from a table of functions, an X-macro whose entries are
 * F(type, name, parameters, arguments, value when the library is missing)
 * for functions that return a value and V(name, parameters, arguments) for
 * the others. The file that uses them names its struct of function
 * pointers `real` and defines DEV_LIBRARY_THIS as its struct dev_library:
 *   static struct { TABLE(DEV_LIBRARY_SLOT, DEV_LIBRARY_VOID_SLOT) } real;
 *   static const struct dev_library_symbol symbols[] = {
 *       TABLE(DEV_LIBRARY_SYMBOL, DEV_LIBRARY_VOID_SYMBOL)};
 *   TABLE(DEV_LIBRARY_FORWARD, DEV_LIBRARY_VOID_FORWARD)
 * Each forwarder has the library's own prototype (its header declares the
 * function, so the compiler refuses one that differs); the names are in
 * parentheses, as headers may define function-like macros of them.
 */
#define DEV_LIBRARY_SLOT(type, name, params, args, fail) type(*name) params;
#define DEV_LIBRARY_VOID_SLOT(name, params, args) void(*name) params;
#define DEV_LIBRARY_SYMBOL(type, name, params, args, fail) {#name, &real.name},
#define DEV_LIBRARY_VOID_SYMBOL(name, params, args) {#name, &real.name},
#define DEV_LIBRARY_FORWARD(type, name, params, args, fail)                                        \
    type(name) params                                                                              \
    {                                                                                              \
        return dev_library_ready(&DEV_LIBRARY_THIS) ? real.name args : fail;                       \
    }
#define DEV_LIBRARY_VOID_FORWARD(name, params, args)                                               \
    void(name) params                                                                              \
    {                                                                                              \
        if (dev_library_ready(&DEV_LIBRARY_THIS))                                                  \
            real.name args;                                                                        \
    }

#endif
