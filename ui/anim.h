/*
 * Animation driven by injected time: easing curves, tweens of an integer
 * value, and the geometry of transitions between two screens. Nothing here
 * reads a clock, so a test that gives the same times sees the same frames.
 */
#ifndef UI_ANIM_H
#define UI_ANIM_H

#include <stdbool.h>
#include <stdint.h>

enum ui_ease {
    UI_EASE_LINEAR,
    UI_EASE_OUT_CUBIC,    /* fast start, gentle stop: things arriving */
    UI_EASE_IN_OUT_CUBIC, /* gentle at both ends: things moving across */
};

/* Eased progress for t in [0, 1] (clamped); 0 -> 0 and 1 -> 1. */
double ui_ease(enum ui_ease ease, double t);

/* An integer value moving from one number to another over a duration. */
struct ui_tween {
    uint64_t start_ms;
    int duration_ms; /* <= 0: the value is at once `to` */
    int from, to;
    enum ui_ease ease;
};

void ui_tween_start(struct ui_tween *tw, int from, int to, int duration_ms, enum ui_ease ease,
                    uint64_t now_ms);

/* The value at now_ms, rounded to the nearest integer; `from` before the start. */
int ui_tween_value(const struct ui_tween *tw, uint64_t now_ms);

/* True once now_ms has reached the end. */
bool ui_tween_done(const struct ui_tween *tw, uint64_t now_ms);

enum ui_transition_kind {
    UI_TRANSITION_NONE,
    UI_TRANSITION_SLIDE_FORWARD, /* the next screen enters from the end side */
    UI_TRANSITION_SLIDE_BACK,    /* the next screen enters from the start side */
    UI_TRANSITION_FADE,          /* fade out to the background colour, then in */
};

/* What to draw at one moment of a transition. */
struct ui_transition_frame {
    bool draw_old, draw_new;
    int old_dx, new_dx; /* pixels each screen is moved along x */
    int veil_alpha;     /* 0..255: background colour drawn over the screens */
};

/*
 * The frame of a transition of kind at eased progress (0..1) across a
 * screen screen_w pixels wide. In a right-to-left tree the end side is the
 * left, so "forward" slides the other way.
 */
void ui_transition_frame(enum ui_transition_kind kind, bool rtl, int screen_w, double progress,
                         struct ui_transition_frame *out);

#endif
