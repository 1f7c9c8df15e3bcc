/*
 * Xvfb for tests and benchmarks: a virtual X server on the first free
 * display, started and stopped by pid.
 */
#ifndef TESTS_SUPPORT_XVFB_H
#define TESTS_SUPPORT_XVFB_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Starts Xvfb with one screen of geometry ("WIDTHxHEIGHTxDEPTH") and its
 * output to log (NULL: discarded); waits until it accepts clients. Its pid
 * and the display name (":N") in display[cap], or -1 (not installed, or it
 * did not start).
 */
pid_t xvfb_start(const char *geometry, const char *log, char *display, size_t cap);

/*
 * xvfb_start without a log, and this process's SDL pointed at it (DISPLAY,
 * SDL_VIDEODRIVER=x11) when it started: for tests that open real windows.
 */
pid_t xvfb_start_for_sdl(const char *geometry, char *display, size_t cap);

/* Ends the server started by xvfb_start and waits for it; accepts -1. */
void xvfb_stop(pid_t pid);

#endif
