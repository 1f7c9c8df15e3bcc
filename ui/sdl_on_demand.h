/*
 * SDL2 loaded by the program rather than before its main: for a program
 * linked with ui_sdl_on_demand instead of SDL2 (the kiosk; see
 * ui/sdl_on_demand.c). Its SDL calls are written as usual.
 */
#ifndef UI_SDL_ON_DEMAND_H
#define UI_SDL_ON_DEMAND_H

#include <stdbool.h>

/*
 * Starts loading SDL2 on a thread of its own and returns at once, so that
 * its ~50 shared objects load beside the caller's work; the first SDL call
 * waits for that load if it is still under way. Call once, early in main,
 * in a run that will use SDL. False when no thread could be started (the
 * first SDL call then loads it).
 */
bool ui_sdl_load_early(void);

/* Why SDL2 could not be loaded, in words ("cannot load libSDL2-2.0.so.0: ..."); "" unless it
 * failed. Static storage. SDL_GetError says the same once a call failed for that reason. */
const char *ui_sdl_load_error(void);

#endif
