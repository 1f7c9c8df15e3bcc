/*
 * An X server's screen watched from outside, as a customer sees it: every
 * damage of the root window (X DAMAGE extension) timed when it is read off the
 * connection, and after each burst of damage the whole screen read back through
 * MIT-SHM and hashed (XXH3), so that the screen's state after every burst is
 * known. From that: the first damage that changed the screen, when the screen
 * settled (no change for a quiet time) and when it became visually complete
 * (the first burst after which the screen equals the settled screen, the
 * Speed Index definition). Used by bench_first_frame.
 */
#ifndef TESTS_BENCH_SCREEN_WATCH_H
#define TESTS_BENCH_SCREEN_WATCH_H

#include <X11/Xlib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct screen_watch;

/* What one watch saw; times are bench_now_ns() values. */
struct screen_watch_result {
    bool changed;            /* some damage left pixels unlike the screen at the start */
    int64_t first_change_ns; /* arrival of the first such damage (when changed) */
    bool settled;            /* no change for the quiet time before the deadline */
    int64_t complete_ns;     /* visually complete (when changed and settled) */
    size_t damages;          /* damage events seen, changing or not */
    size_t frames;           /* the frame intervals below, from the first change to complete */
    double *frame_ms;        /* owned by the watch, valid until its next run or free */
};

/*
 * Starts watching the root window of dpy (borrowed; must outlive the watch)
 * and takes the screen as it is now as the first reference. NULL when the
 * server lacks DAMAGE or MIT-SHM, or memory runs out.
 */
struct screen_watch *screen_watch_new(Display *dpy);

/* Accepts NULL. */
void screen_watch_free(struct screen_watch *w);

/*
 * Watches until the screen settles: no damage changed it for quiet_ms (a
 * redraw of the same pixels does not count), measured from the start when
 * wait_for_change is false, else from the first change (the first screen:
 * nothing counts before the program drew). Gives up at deadline_ns (settled
 * false). The reference for "changed" is the screen at the start of this
 * call. on_first_change (may be NULL) is called once, at the first change,
 * with user. The screen at the end becomes the next call's reference.
 */
void screen_watch_run(struct screen_watch *w, int quiet_ms, bool wait_for_change,
                      int64_t deadline_ns, void (*on_first_change)(void *user), void *user,
                      struct screen_watch_result *out);

/* What one whole-screen read-back and its hash take, in ms (median of n <= 64), for the report. */
double screen_watch_readback_ms(struct screen_watch *w, int n);

#endif
