/*
 * SDL2, loaded by the kiosk on a thread of its own instead of by the
 * dynamic loader before main.
 *
 * Debian's SDL2 brings about 50 shared objects (PulseAudio, ALSA, Wayland,
 * GBM, DRM, libsndfile, FLAC...) whose loading and relocation were most of
 * the kiosk's time from exec to main, on one core, before anything else
 * could start. A program linked with this file (the kiosk: ui_sdl_on_demand
 * in ui/CMakeLists.txt) does not link SDL2: this file defines each SDL
 * function the tree calls, with SDL's own prototype from its headers (the
 * compiler refuses a definition that differs), and each forwards to the
 * real function, which dlopen("libSDL2-2.0.so.0") and dlsym find once per
 * process (devices/common/library_on_demand.c, shared with libcurl's
 * forwarders). ui_sdl_load_early starts that load on a thread at the top of
 * main, so the libraries load while the main thread reads the configuration
 * and the start's thread opens the database and the menu; the first SDL call
 * waits for it if it is still under way. The callers are unchanged. A
 * function the tree starts calling must be added to the list below, or the
 * kiosk's link fails (nothing else defines it); the other programs, the
 * tests and the benchmarks link SDL2 itself.
 *
 * When SDL2 cannot be loaded (the package is missing, a library it needs is
 * absent), every call fails as SDL's own do: the constructors and
 * SDL_InitSubSystem with NULL or -1, SDL_GetError with the reason
 * ("cannot load libSDL2-2.0.so.0: ..."), so the kiosk stops with "the
 * window cannot open: ..." before anything is shown. Calls SDL has no
 * failure for (rectangles, colours, the clock) give a neutral value.
 * kiosk/docs/ARCHITECTURE.md, "Start-up".
 */
#include "ui/sdl_on_demand.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include <SDL2/SDL.h>
#include <SDL2/SDL_syswm.h>

#include "devices/common/library_on_demand.h"

/*
 * Every SDL function the tree calls but SDL_SetError (variadic, below):
 * F(type, name, parameters, arguments, value without SDL2) for those that
 * return a value, V(name, parameters, arguments) for the others.
 */
#define SDL_FUNCTIONS(F, V)                                                                        \
    /* Start-up, hints, errors. */                                                                 \
    F(int, SDL_InitSubSystem, (Uint32 flags), (flags), -1)                                         \
    V(SDL_QuitSubSystem, (Uint32 flags), (flags))                                                  \
    F(SDL_bool, SDL_SetHint, (const char *name, const char *value), (name, value), SDL_FALSE)      \
    F(const char *, SDL_GetError, (void), (), dev_library_error(&sdl2))                            \
    F(int, SDL_Error, (SDL_errorcode code), (code), -1)                                            \
    /* Video, windows, the display. */                                                             \
    F(const char *, SDL_GetCurrentVideoDriver, (void), (), NULL)                                   \
    F(int, SDL_GetDesktopDisplayMode, (int index, SDL_DisplayMode *mode), (index, mode), -1)       \
    F(SDL_Window *, SDL_CreateWindow,                                                              \
      (const char *title, int x, int y, int w, int h, Uint32 flags), (title, x, y, w, h, flags),   \
      NULL)                                                                                        \
    V(SDL_DestroyWindow, (SDL_Window * window), (window))                                          \
    V(SDL_ShowWindow, (SDL_Window * window), (window))                                             \
    V(SDL_GetWindowSize, (SDL_Window * window, int *w, int *h), (window, w, h))                    \
    F(SDL_Surface *, SDL_GetWindowSurface, (SDL_Window * window), (window), NULL)                  \
    F(int, SDL_UpdateWindowSurfaceRects, (SDL_Window * window, const SDL_Rect *rects, int n),      \
      (window, rects, n), -1)                                                                      \
    F(SDL_bool, SDL_GetWindowWMInfo, (SDL_Window * window, SDL_SysWMinfo * info), (window, info),  \
      SDL_FALSE)                                                                                   \
    V(SDL_DisableScreenSaver, (void), ())                                                          \
    F(int, SDL_ShowCursor, (int toggle), (toggle), -1)                                             \
    /* Events. */                                                                                  \
    F(int, SDL_PollEvent, (SDL_Event * event), (event), 0)                                         \
    F(int, SDL_WaitEventTimeout, (SDL_Event * event, int timeout), (event, timeout), 0)            \
    F(int, SDL_PushEvent, (SDL_Event * event), (event), -1)                                        \
    F(Uint32, SDL_RegisterEvents, (int n), (n), (Uint32)-1)                                        \
    /* Renderers and textures. */                                                                  \
    F(SDL_Renderer *, SDL_CreateRenderer, (SDL_Window * window, int index, Uint32 flags),          \
      (window, index, flags), NULL)                                                                \
    F(SDL_Renderer *, SDL_CreateSoftwareRenderer, (SDL_Surface * surface), (surface), NULL)        \
    V(SDL_DestroyRenderer, (SDL_Renderer * renderer), (renderer))                                  \
    F(int, SDL_RenderSetLogicalSize, (SDL_Renderer * renderer, int w, int h), (renderer, w, h),    \
      -1)                                                                                          \
    V(SDL_RenderGetScale, (SDL_Renderer * renderer, float *x, float *y), (renderer, x, y))         \
    V(SDL_RenderGetViewport, (SDL_Renderer * renderer, SDL_Rect * rect), (renderer, rect))         \
    V(SDL_RenderGetClipRect, (SDL_Renderer * renderer, SDL_Rect * rect), (renderer, rect))         \
    F(SDL_bool, SDL_RenderIsClipEnabled, (SDL_Renderer * renderer), (renderer), SDL_FALSE)         \
    F(SDL_Texture *, SDL_GetRenderTarget, (SDL_Renderer * renderer), (renderer), NULL)             \
    F(int, SDL_RenderSetClipRect, (SDL_Renderer * renderer, const SDL_Rect *rect),                 \
      (renderer, rect), -1)                                                                        \
    F(int, SDL_SetRenderDrawColor, (SDL_Renderer * renderer, Uint8 r, Uint8 g, Uint8 b, Uint8 a),  \
      (renderer, r, g, b, a), -1)                                                                  \
    F(int, SDL_SetRenderDrawBlendMode, (SDL_Renderer * renderer, SDL_BlendMode mode),              \
      (renderer, mode), -1)                                                                        \
    F(int, SDL_RenderClear, (SDL_Renderer * renderer), (renderer), -1)                             \
    F(int, SDL_RenderFillRectF, (SDL_Renderer * renderer, const SDL_FRect *rect),                  \
      (renderer, rect), -1)                                                                        \
    F(int, SDL_RenderCopy,                                                                         \
      (SDL_Renderer * renderer, SDL_Texture * texture, const SDL_Rect *from, const SDL_Rect *to),  \
      (renderer, texture, from, to), -1)                                                           \
    F(int, SDL_RenderCopyF,                                                                        \
      (SDL_Renderer * renderer, SDL_Texture * texture, const SDL_Rect *from, const SDL_FRect *to), \
      (renderer, texture, from, to), -1)                                                           \
    F(int, SDL_RenderFlush, (SDL_Renderer * renderer), (renderer), -1)                             \
    V(SDL_RenderPresent, (SDL_Renderer * renderer), (renderer))                                    \
    F(SDL_Texture *, SDL_CreateTexture,                                                            \
      (SDL_Renderer * renderer, Uint32 format, int access, int w, int h),                          \
      (renderer, format, access, w, h), NULL)                                                      \
    F(SDL_Texture *, SDL_CreateTextureFromSurface,                                                 \
      (SDL_Renderer * renderer, SDL_Surface * surface), (renderer, surface), NULL)                 \
    V(SDL_DestroyTexture, (SDL_Texture * texture), (texture))                                      \
    F(int, SDL_QueryTexture,                                                                       \
      (SDL_Texture * texture, Uint32 * format, int *access, int *w, int *h),                       \
      (texture, format, access, w, h), -1)                                                         \
    F(int, SDL_LockTexture,                                                                        \
      (SDL_Texture * texture, const SDL_Rect *rect, void **pixels, int *pitch),                    \
      (texture, rect, pixels, pitch), -1)                                                          \
    V(SDL_UnlockTexture, (SDL_Texture * texture), (texture))                                       \
    F(int, SDL_UpdateTexture,                                                                      \
      (SDL_Texture * texture, const SDL_Rect *rect, const void *pixels, int pitch),                \
      (texture, rect, pixels, pitch), -1)                                                          \
    F(int, SDL_SetTextureAlphaMod, (SDL_Texture * texture, Uint8 alpha), (texture, alpha), -1)     \
    F(int, SDL_SetTextureColorMod, (SDL_Texture * texture, Uint8 r, Uint8 g, Uint8 b),             \
      (texture, r, g, b), -1)                                                                      \
    F(int, SDL_SetTextureBlendMode, (SDL_Texture * texture, SDL_BlendMode mode), (texture, mode),  \
      -1)                                                                                          \
    /* Surfaces and pixels. */                                                                     \
    F(SDL_Surface *, SDL_CreateRGBSurfaceWithFormat,                                               \
      (Uint32 flags, int width, int height, int depth, Uint32 format),                             \
      (flags, width, height, depth, format), NULL)                                                 \
    F(SDL_Surface *, SDL_CreateRGBSurfaceWithFormatFrom,                                           \
      (void *pixels, int w, int h, int depth, int pitch, Uint32 format),                           \
      (pixels, w, h, depth, pitch, format), NULL)                                                  \
    F(SDL_Surface *, SDL_ConvertSurfaceFormat, (SDL_Surface * src, Uint32 format, Uint32 flags),   \
      (src, format, flags), NULL)                                                                  \
    V(SDL_FreeSurface, (SDL_Surface * surface), (surface))                                         \
    F(int, SDL_LockSurface, (SDL_Surface * surface), (surface), -1)                                \
    V(SDL_UnlockSurface, (SDL_Surface * surface), (surface))                                       \
    F(SDL_bool, SDL_SetClipRect, (SDL_Surface * surface, const SDL_Rect *rect), (surface, rect),   \
      SDL_FALSE)                                                                                   \
    F(int, SDL_SetSurfaceBlendMode, (SDL_Surface * surface, SDL_BlendMode mode), (surface, mode),  \
      -1)                                                                                          \
    F(int, SDL_UpperBlit,                                                                          \
      (SDL_Surface * src, const SDL_Rect *from, SDL_Surface *dst, SDL_Rect *to),                   \
      (src, from, dst, to), -1)                                                                    \
    F(int, SDL_SoftStretchLinear,                                                                  \
      (SDL_Surface * src, const SDL_Rect *from, SDL_Surface *dst, const SDL_Rect *to),             \
      (src, from, dst, to), -1)                                                                    \
    F(Uint32, SDL_MapRGBA, (const SDL_PixelFormat *format, Uint8 r, Uint8 g, Uint8 b, Uint8 a),    \
      (format, r, g, b, a), 0)                                                                     \
    /* Rectangles and numbers. */                                                                  \
    F(SDL_bool, SDL_HasIntersection, (const SDL_Rect *a, const SDL_Rect *b), (a, b), SDL_FALSE)    \
    F(SDL_bool, SDL_IntersectRect, (const SDL_Rect *a, const SDL_Rect *b, SDL_Rect *result),       \
      (a, b, result), SDL_FALSE)                                                                   \
    V(SDL_UnionRect, (const SDL_Rect *a, const SDL_Rect *b, SDL_Rect *result), (a, b, result))     \
    F(float, SDL_floorf, (float x), (x), floorf(x))                                                \
    /* Time. */                                                                                    \
    F(Uint64, SDL_GetTicks64, (void), (), 0)                                                       \
    F(Uint64, SDL_GetPerformanceCounter, (void), (), 0)                                            \
    F(Uint64, SDL_GetPerformanceFrequency, (void), (), 1)                                          \
    V(SDL_Delay, (Uint32 ms), (ms))                                                                \
    /* Threads and their locks. */                                                                 \
    F(SDL_Thread *, SDL_CreateThread, (SDL_ThreadFunction fn, const char *name, void *data),       \
      (fn, name, data), NULL)                                                                      \
    V(SDL_WaitThread, (SDL_Thread * thread, int *status), (thread, status))                        \
    F(SDL_mutex *, SDL_CreateMutex, (void), (), NULL)                                              \
    V(SDL_DestroyMutex, (SDL_mutex * mutex), (mutex))                                              \
    F(int, SDL_LockMutex, (SDL_mutex * mutex), (mutex), -1)                                        \
    F(int, SDL_UnlockMutex, (SDL_mutex * mutex), (mutex), -1)                                      \
    F(SDL_cond *, SDL_CreateCond, (void), (), NULL)                                                \
    V(SDL_DestroyCond, (SDL_cond * cond), (cond))                                                  \
    F(int, SDL_CondWait, (SDL_cond * cond, SDL_mutex * mutex), (cond, mutex), -1)                  \
    F(int, SDL_CondSignal, (SDL_cond * cond), (cond), -1)                                          \
    F(int, SDL_CondBroadcast, (SDL_cond * cond), (cond), -1)

/* The real functions, filled by the load. */
static struct {
    SDL_FUNCTIONS(DEV_LIBRARY_SLOT, DEV_LIBRARY_VOID_SLOT)
    int (*SDL_SetError)(const char *fmt, ...);
} real;

static const struct dev_library_symbol symbols[] = {
    SDL_FUNCTIONS(DEV_LIBRARY_SYMBOL, DEV_LIBRARY_VOID_SYMBOL){"SDL_SetError", &real.SDL_SetError},
};

static struct dev_library sdl2 = DEV_LIBRARY_INIT("libSDL2-2.0.so.0", symbols, NULL);

bool ui_sdl_load_early(void)
{
    return dev_library_load_early(&sdl2);
}

const char *ui_sdl_load_error(void)
{
    return dev_library_error(&sdl2);
}

#define DEV_LIBRARY_THIS sdl2
SDL_FUNCTIONS(DEV_LIBRARY_FORWARD, DEV_LIBRARY_VOID_FORWARD)

/* The message is formatted here and handed on whole: a variadic call cannot be forwarded. */
int(SDL_SetError)(const char *fmt, ...)
{
    if (!dev_library_ready(&sdl2))
        return -1;
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    return real.SDL_SetError("%s", message);
}
