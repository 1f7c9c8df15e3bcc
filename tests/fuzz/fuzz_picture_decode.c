/*
 * Fuzz target for picture decoding (ui/picture_decode.h): menu pictures come
 * from the backend, so any bytes are either refused with a reason or give an
 * ARGB8888 surface of 1 to 256 pixels a side whose every pixel can be read,
 * and a JPEG (which has no transparency) gives only opaque pixels.
 * The input is copied into a buffer of exactly its size, so a read past the
 * end is seen. Seeds in tests/fuzz/corpus/picture_decode/: PNG (RGBA,
 * palette, interlaced 16-bit grey), JPEG (baseline, progressive, CMYK) and
 * WebP (lossy, lossless).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui/picture_decode.h"

#define MAX_SIDE 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    if (size)
        memcpy(copy, data, size);
    SDL_ClearError();
    SDL_Surface *s = ui_picture_decode(copy, size, MAX_SIDE);
    if (!s && !SDL_GetError()[0])
        abort(); /* a refusal always says why */
    if (s) {
        if (s->format->format != SDL_PIXELFORMAT_ARGB8888 || s->w < 1 || s->h < 1 ||
            s->w > MAX_SIDE || s->h > MAX_SIDE || s->pitch < s->w * 4)
            abort();
        bool jpeg = size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;
        for (int y = 0; y < s->h; y++) {
            const Uint32 *row =
                (const Uint32 *)(const void *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
            for (int x = 0; x < s->w; x++)
                if (jpeg && row[x] >> 24 != 0xFF)
                    abort();
        }
        SDL_FreeSurface(s);
    }
    free(copy);
    return 0;
}
