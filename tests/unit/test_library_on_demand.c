/*
 * The loading shared by libcurl's and SDL2's forwarders
 * (devices/common/library_on_demand.c): a table of functions resolved into
 * their slots; one load per process whoever asks, an early thread and
 * callers on other threads alike (the start hook counts its calls, and
 * every caller that came during the load gets its verdict, not a refusal);
 * and the reasons in words for a library that cannot load, a function it
 * lacks and a start that fails, each final.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "devices/common/library_on_demand.h"
#include "tests/support/check.h"

#define LIBM "libm.so.6"
#define CALLERS 8

static struct {
    double (*cos)(double);
    double (*floor)(double);
} m;

static const struct dev_library_symbol m_symbols[] = {
    {"cos", &m.cos},
    {"floor", &m.floor},
};

/* The start hook of the library the threads load: held until the callers have all come. */
static atomic_int starts;
static atomic_int callers_in;
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate = PTHREAD_COND_INITIALIZER;

static const char *start_when_all_came(void)
{
    atomic_fetch_add(&starts, 1);
    pthread_mutex_lock(&gate_lock);
    while (atomic_load(&callers_in) < CALLERS)
        pthread_cond_wait(&gate, &gate_lock);
    pthread_mutex_unlock(&gate_lock);
    return NULL;
}

static struct dev_library libm = DEV_LIBRARY_INIT(LIBM, m_symbols, start_when_all_came);

static void *caller(void *verdict)
{
    pthread_mutex_lock(&gate_lock);
    atomic_fetch_add(&callers_in, 1);
    pthread_cond_broadcast(&gate);
    pthread_mutex_unlock(&gate_lock);
    *(bool *)verdict = dev_library_ready(&libm) && m.cos && m.cos(0.0) == 1.0;
    return NULL;
}

static void one_load_for_an_early_thread_and_every_caller(void)
{
    CHECK_EQ_STR(dev_library_error(&libm), "");
    CHECK(dev_library_load_early(&libm));
    pthread_t threads[CALLERS];
    bool verdicts[CALLERS] = {false};
    for (int i = 0; i < CALLERS; i++)
        CHECK(pthread_create(&threads[i], NULL, caller, &verdicts[i]) == 0);
    for (int i = 0; i < CALLERS; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < CALLERS; i++)
        CHECK(verdicts[i]);
    CHECK_EQ_INT(atomic_load(&starts), 1);
    CHECK(dev_library_ready(&libm));
    CHECK(m.floor(2.5) == 2.0);
    CHECK_EQ_INT(atomic_load(&starts), 1);
    CHECK_EQ_STR(dev_library_error(&libm), "");
}

static void (*never)(void);
static const struct dev_library_symbol never_symbols[] = {{"never", &never}};

static void library_that_cannot_load_says_why(void)
{
    static struct dev_library none = DEV_LIBRARY_INIT("libkiosk-none.so.0", never_symbols, NULL);
    CHECK(!dev_library_ready(&none));
    CHECK_CONTAINS(dev_library_error(&none), "cannot load libkiosk-none.so.0: ");
    CHECK_CONTAINS(dev_library_error(&none), "No such file");
    CHECK(!dev_library_ready(&none)); /* final */
    CHECK(!never);
}

static void function_the_library_lacks_is_named(void)
{
    static const struct dev_library_symbol symbols[] = {
        {"cos", &m.cos},
        {"kiosk_not_in_libm", &never},
    };
    static struct dev_library lacking = DEV_LIBRARY_INIT(LIBM, symbols, NULL);
    CHECK(!dev_library_ready(&lacking));
    CHECK_EQ_STR(dev_library_error(&lacking), LIBM " has no kiosk_not_in_libm");
    CHECK(!never);
}

static int failed_starts;

static const char *start_that_fails(void)
{
    failed_starts++;
    return "its own start";
}

static void start_that_fails_is_final(void)
{
    static struct dev_library refusing = DEV_LIBRARY_INIT(LIBM, m_symbols, start_that_fails);
    CHECK(!dev_library_ready(&refusing));
    CHECK(!dev_library_ready(&refusing));
    CHECK_EQ_STR(dev_library_error(&refusing), LIBM " cannot start (its own start)");
    CHECK_EQ_INT(failed_starts, 1);
}

static const struct check_case cases[] = {
    {"one load for an early thread and every caller",
     one_load_for_an_early_thread_and_every_caller},
    {"library that cannot load says why", library_that_cannot_load_says_why},
    {"function the library lacks is named", function_the_library_lacks_is_named},
    {"start that fails is final", start_that_fails_is_final},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
