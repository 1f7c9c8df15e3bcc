/*
 * The display's beat for frames while something moves: frames are due on a
 * fixed grid of instants (60 Hz: every 16,667 us from the first), not "16 ms
 * after the last frame ended", so drawing time does not stretch the period
 * and the error does not add up from frame to frame. A frame that ends past
 * one or more beats waits for the next beat on the grid instead of hurrying
 * (the beats it missed are counted). When a renderer's present waits for
 * vertical blank itself, the next beat is already due and nothing waits.
 * Pure arithmetic on the caller's monotonic microseconds; UI thread.
 */
#ifndef UI_FRAME_CLOCK_H
#define UI_FRAME_CLOCK_H

#include <stdint.h>

#define UI_FRAME_CLOCK_60HZ_US 16667

struct ui_frame_clock {
    int64_t period_us;
    int64_t next_us; /* the next beat; 0: not started */
    int64_t missed;  /* beats that passed while a frame was being drawn */
};

/* A clock of period_us (> 0), its first beat at now_us. */
void ui_frame_clock_start(struct ui_frame_clock *c, int64_t period_us, int64_t now_us);

/* Milliseconds to wait at now_us before the next beat, rounded up; 0 when it is due. */
int ui_frame_clock_wait_ms(const struct ui_frame_clock *c, int64_t now_us);

/*
 * A frame was drawn for the beat that was due, and finished at now_us: the
 * next beat is the first on the grid after now_us; the beats skipped on the
 * way are added to missed.
 */
void ui_frame_clock_drawn(struct ui_frame_clock *c, int64_t now_us);

#endif
