/* Easing, tweens and transition geometry (see ui/anim.h). */
#include "ui/anim.h"

#include <math.h>

double ui_ease(enum ui_ease ease, double t)
{
    if (t <= 0.0)
        return 0.0;
    if (t >= 1.0)
        return 1.0;
    switch (ease) {
    case UI_EASE_OUT_CUBIC: {
        double u = 1.0 - t;
        return 1.0 - u * u * u;
    }
    case UI_EASE_IN_OUT_CUBIC:
        if (t < 0.5)
            return 4.0 * t * t * t;
        {
            double u = -2.0 * t + 2.0;
            return 1.0 - u * u * u / 2.0;
        }
    case UI_EASE_LINEAR:
    default:
        return t;
    }
}

void ui_tween_start(struct ui_tween *tw, int from, int to, int duration_ms, enum ui_ease ease,
                    uint64_t now_ms)
{
    *tw = (struct ui_tween){
        .start_ms = now_ms, .duration_ms = duration_ms, .from = from, .to = to, .ease = ease};
}

static double tween_progress(const struct ui_tween *tw, uint64_t now_ms)
{
    if (tw->duration_ms <= 0)
        return 1.0;
    if (now_ms <= tw->start_ms)
        return 0.0;
    return (double)(now_ms - tw->start_ms) / tw->duration_ms;
}

int ui_tween_value(const struct ui_tween *tw, uint64_t now_ms)
{
    double p = ui_ease(tw->ease, tween_progress(tw, now_ms));
    return (int)lround(tw->from + (tw->to - tw->from) * p);
}

bool ui_tween_done(const struct ui_tween *tw, uint64_t now_ms)
{
    return tween_progress(tw, now_ms) >= 1.0;
}

void ui_transition_frame(enum ui_transition_kind kind, bool rtl, int screen_w, double progress,
                         struct ui_transition_frame *out)
{
    double p = progress < 0.0 ? 0.0 : progress > 1.0 ? 1.0 : progress;
    *out = (struct ui_transition_frame){0};
    switch (kind) {
    case UI_TRANSITION_SLIDE_FORWARD:
    case UI_TRANSITION_SLIDE_BACK: {
        /* Forward in a left-to-right tree: the old screen leaves to the left. */
        int sign = (kind == UI_TRANSITION_SLIDE_FORWARD) != rtl ? -1 : 1;
        int travel = (int)lround(p * screen_w);
        out->draw_old = travel < screen_w;
        out->draw_new = true;
        out->old_dx = sign * travel;
        out->new_dx = -sign * (screen_w - travel);
        return;
    }
    case UI_TRANSITION_FADE:
        if (p < 0.5) {
            out->draw_old = true;
            out->veil_alpha = (int)lround(p * 2.0 * 255.0);
        } else {
            out->draw_new = true;
            out->veil_alpha = (int)lround((1.0 - p) * 2.0 * 255.0);
        }
        return;
    case UI_TRANSITION_NONE:
    default:
        out->draw_new = true;
        return;
    }
}
