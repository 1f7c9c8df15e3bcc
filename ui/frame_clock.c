/* Frames on a fixed beat: see ui/frame_clock.h. */
#include "ui/frame_clock.h"

#include <assert.h>

void ui_frame_clock_start(struct ui_frame_clock *c, int64_t period_us, int64_t now_us)
{
    assert(period_us > 0);
    *c = (struct ui_frame_clock){.period_us = period_us, .next_us = now_us};
}

int ui_frame_clock_wait_ms(const struct ui_frame_clock *c, int64_t now_us)
{
    int64_t left = c->next_us - now_us;
    return left <= 0 ? 0 : (int)((left + 999) / 1000);
}

void ui_frame_clock_drawn(struct ui_frame_clock *c, int64_t now_us)
{
    /* The beat this frame was drawn for, then the first one after it ends. */
    c->next_us += c->period_us;
    if (now_us >= c->next_us) {
        int64_t late = (now_us - c->next_us) / c->period_us + 1;
        c->missed += late;
        c->next_us += late * c->period_us;
    }
}
