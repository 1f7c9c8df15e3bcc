/*
 * Whether a window manager runs on an X display. SDL's fullscreen
 * (SDL_WINDOW_FULLSCREEN_DESKTOP) asks the window manager for it and waits
 * up to 100 ms for the answer; a kiosk's X server often runs none, and then
 * every start pays the whole wait. ui/window.c asks this first, on SDL's
 * own connection.
 */
#ifndef UI_X11_WM_H
#define UI_X11_WM_H

#include <stdbool.h>

#include <X11/Xlib.h>

/*
 * True when the X display has an EWMH window manager: the root window's
 * _NET_SUPPORTING_WM_CHECK names a window. display is borrowed (SDL's
 * connection: one round trip, the atom being in Xlib's cache since SDL's
 * start). Also true when display is NULL (then nothing is known, and
 * waiting for a manager is the safe choice).
 */
bool ui_x11_wm_running(Display *display);

#endif
