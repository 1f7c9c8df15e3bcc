/*
 * The frame clock (ui/frame_clock.c): beats on a fixed grid whatever each
 * frame costs, no drift over a minute of frames, a late frame waits for the
 * next beat on the grid and counts the beats it missed, waits rounded up.
 */
#include "tests/support/check.h"

#include "ui/frame_clock.h"

static void test_grid(void)
{
    struct ui_frame_clock c;
    ui_frame_clock_start(&c, UI_FRAME_CLOCK_60HZ_US, 1000000);
    CHECK_EQ_INT(ui_frame_clock_wait_ms(&c, 1000000), 0); /* the first beat is due at once */
    /* A minute of frames each drawn in 5 ms: every beat exactly on the grid. */
    int64_t beat = 1000000;
    for (int f = 0; f < 3600; f++) {
        int64_t now = beat + 5000;
        ui_frame_clock_drawn(&c, now);
        beat += UI_FRAME_CLOCK_60HZ_US;
        CHECK_EQ_INT(c.next_us, beat);
        CHECK_EQ_INT(ui_frame_clock_wait_ms(&c, now), 12); /* 11,667 us, rounded up */
    }
    CHECK_EQ_INT(c.missed, 0);
    CHECK_EQ_INT(c.next_us - 1000000, 3600LL * UI_FRAME_CLOCK_60HZ_US);
}

static void test_late_frames(void)
{
    struct ui_frame_clock c;
    ui_frame_clock_start(&c, 16000, 0);
    ui_frame_clock_drawn(&c, 20000); /* 4 ms past the next beat: it is skipped */
    CHECK_EQ_INT(c.missed, 1);
    CHECK_EQ_INT(c.next_us, 32000);
    CHECK_EQ_INT(ui_frame_clock_wait_ms(&c, 20000), 12);
    ui_frame_clock_drawn(&c, 32000 + 16000 * 3); /* exactly on a beat: that beat is gone too */
    CHECK_EQ_INT(c.missed, 4);
    CHECK_EQ_INT(c.next_us, 96000);
    ui_frame_clock_drawn(&c, 96000 + 15999); /* just in time */
    CHECK_EQ_INT(c.missed, 4);
    CHECK_EQ_INT(c.next_us, 112000);
    CHECK_EQ_INT(ui_frame_clock_wait_ms(&c, 111001), 1);
    CHECK_EQ_INT(ui_frame_clock_wait_ms(&c, 112000), 0);
}

static const struct check_case cases[] = {
    {"beats on a fixed grid without drift", test_grid},
    {"a late frame waits for the next beat and counts the missed ones", test_late_frames},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
