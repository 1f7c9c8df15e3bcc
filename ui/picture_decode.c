/* Picture files decoded with libpng, libjpeg-turbo and libwebp (see ui/picture_decode.h). */
#include "ui/picture_decode.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jpeglib.h>
#include <png.h>
#include <webp/decode.h>

/* What libjpeg may allocate for one picture (a progressive one keeps all its coefficients). */
#define JPEG_MAX_MEMORY ((long)256 * 1024 * 1024)

static const unsigned char PNG_SIGNATURE[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

static bool side_ok(uint64_t w, uint64_t h, int max_side)
{
    if (w == 0 || h == 0 || w > (uint64_t)max_side || h > (uint64_t)max_side) {
        SDL_SetError("a picture of %llu x %llu pixels (1 to %d a side)", (unsigned long long)w,
                     (unsigned long long)h, max_side);
        return false;
    }
    return true;
}

static SDL_Surface *new_surface(uint64_t w, uint64_t h)
{
    return SDL_CreateRGBSurfaceWithFormat(0, (int)w, (int)h, 32, SDL_PIXELFORMAT_ARGB8888);
}

/* ---- PNG ---- */

struct png_source {
    const unsigned char *at;
    size_t left;
};

static void png_read_bytes(png_structp png, png_bytep out, size_t n)
{
    struct png_source *s = png_get_io_ptr(png);
    if (n > s->left)
        png_error(png, "the file ends early");
    memcpy(out, s->at, n);
    s->at += n;
    s->left -= n;
}

static void png_fail(png_structp png, png_const_charp message)
{
    SDL_SetError("PNG: %s", message);
    png_longjmp(png, 1);
}

static void png_ignore_warning(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message;
}

static SDL_Surface *decode_png(const unsigned char *bytes, size_t len, int max_side)
{
    png_structp png =
        png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_ignore_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    SDL_Surface *volatile out = NULL;
    png_bytep *volatile rows = NULL;
    struct png_source source = {bytes, len};
    if (!info) {
        SDL_OutOfMemory();
        goto done;
    }
    if (setjmp(png_jmpbuf(png))) {
        SDL_FreeSurface(out);
        out = NULL;
        goto done;
    }
    png_set_read_fn(png, &source, png_read_bytes);
    png_set_user_limits(png, (png_uint_32)max_side, (png_uint_32)max_side);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    if (!side_ok(w, h, max_side))
        goto done;
    /* Palette and low-depth grey to 8-bit RGB, tRNS to alpha, 16 bits to their high byte. */
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
#if SDL_BYTEORDER == SDL_LIL_ENDIAN
    png_set_bgr(png); /* ARGB8888 is B, G, R, A in memory */
    png_set_filler(png, 0xFF, PNG_FILLER_AFTER);
#else
    png_set_swap_alpha(png); /* A, R, G, B */
    png_set_filler(png, 0xFF, PNG_FILLER_BEFORE);
#endif
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    out = new_surface(w, h);
    rows = out ? malloc(h * sizeof *rows) : NULL;
    if (!rows) {
        SDL_FreeSurface(out);
        out = NULL;
        SDL_OutOfMemory();
        goto done;
    }
    for (png_uint_32 y = 0; y < h; y++)
        rows[y] = (png_bytep)out->pixels + (size_t)y * (size_t)out->pitch;
    png_read_image(png, rows);
done:
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    return out;
}

/* ---- JPEG ---- */

struct jpeg_failure {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
};

static void jpeg_fail(j_common_ptr cinfo)
{
    char message[JMSG_LENGTH_MAX];
    cinfo->err->format_message(cinfo, message);
    SDL_SetError("JPEG: %s", message);
    longjmp(((struct jpeg_failure *)(void *)cinfo->err)->jump, 1);
}

/* Warnings (a damaged stream libjpeg goes on decoding) are not reported. */
static void jpeg_ignore_message(j_common_ptr cinfo, int level)
{
    (void)cinfo;
    (void)level;
}

/* Adobe's CMYK JPEGs store the inks inverted: each channel is ink times black, over 255. */
static void cmyk_row_to_argb(const JSAMPLE *cmyk, Uint32 *argb, JDIMENSION w)
{
    for (JDIMENSION x = 0; x < w; x++, cmyk += 4) {
        Uint32 k = cmyk[3];
        argb[x] = 0xFF000000u | (cmyk[0] * k / 255u) << 16 | (cmyk[1] * k / 255u) << 8 |
                  (cmyk[2] * k / 255u);
    }
}

static SDL_Surface *decode_jpeg(const unsigned char *bytes, size_t len, int max_side)
{
    struct jpeg_decompress_struct cinfo;
    struct jpeg_failure failure;
    SDL_Surface *volatile out = NULL;
    JSAMPLE *volatile cmyk = NULL;
    cinfo.err = jpeg_std_error(&failure.manager);
    failure.manager.error_exit = jpeg_fail;
    failure.manager.emit_message = jpeg_ignore_message;
    if (setjmp(failure.jump)) {
        SDL_FreeSurface(out);
        out = NULL;
        goto done;
    }
    jpeg_create_decompress(&cinfo);
    cinfo.mem->max_memory_to_use = JPEG_MAX_MEMORY;
    jpeg_mem_src(&cinfo, bytes, (unsigned long)len);
    jpeg_read_header(&cinfo, TRUE);
    if (!side_ok(cinfo.image_width, cinfo.image_height, max_side))
        goto done;
    bool inverted_cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
#if SDL_BYTEORDER == SDL_LIL_ENDIAN
    cinfo.out_color_space = inverted_cmyk ? JCS_CMYK : JCS_EXT_BGRA;
#else
    cinfo.out_color_space = inverted_cmyk ? JCS_CMYK : JCS_EXT_ARGB;
#endif
    jpeg_start_decompress(&cinfo);
    out = new_surface(cinfo.output_width, cinfo.output_height);
    if (inverted_cmyk && out)
        cmyk = malloc((size_t)cinfo.output_width * 4);
    if (!out || (inverted_cmyk && !cmyk)) {
        SDL_OutOfMemory();
        SDL_FreeSurface(out);
        out = NULL;
        goto done;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPLE *row = (JSAMPLE *)out->pixels + (size_t)cinfo.output_scanline * (size_t)out->pitch;
        JSAMPROW target = inverted_cmyk ? cmyk : row;
        if (jpeg_read_scanlines(&cinfo, &target, 1) != 1)
            break; /* cannot happen with a memory source: it ends the data with an EOI */
        if (inverted_cmyk)
            cmyk_row_to_argb(cmyk, (Uint32 *)(void *)row, cinfo.output_width);
    }
    jpeg_finish_decompress(&cinfo);
done:
    free(cmyk);
    jpeg_destroy_decompress(&cinfo);
    return out;
}

/* ---- WebP ---- */

static SDL_Surface *decode_webp(const unsigned char *bytes, size_t len, int max_side)
{
    int w, h;
    if (!WebPGetInfo(bytes, len, &w, &h)) {
        SDL_SetError("WebP: not a picture this decoder reads");
        return NULL;
    }
    if (!side_ok((uint64_t)w, (uint64_t)h, max_side))
        return NULL;
    SDL_Surface *out = new_surface((uint64_t)w, (uint64_t)h);
    if (!out) {
        SDL_OutOfMemory();
        return NULL;
    }
    size_t size = (size_t)out->pitch * (size_t)h;
#if SDL_BYTEORDER == SDL_LIL_ENDIAN
    bool decoded = WebPDecodeBGRAInto(bytes, len, out->pixels, size, out->pitch) != NULL;
#else
    bool decoded = WebPDecodeARGBInto(bytes, len, out->pixels, size, out->pitch) != NULL;
#endif
    if (!decoded) {
        SDL_FreeSurface(out);
        SDL_SetError("WebP: corrupt or truncated");
        return NULL;
    }
    return out;
}

SDL_Surface *ui_picture_decode(const void *bytes, size_t len, int max_side)
{
    const unsigned char *b = bytes;
    if (!b || max_side <= 0) {
        SDL_InvalidParamError("bytes");
        return NULL;
    }
    if (len >= sizeof PNG_SIGNATURE && memcmp(b, PNG_SIGNATURE, sizeof PNG_SIGNATURE) == 0)
        return decode_png(b, len, max_side);
    if (len >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        return decode_jpeg(b, len, max_side);
    if (len >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
        return decode_webp(b, len, max_side);
    SDL_SetError("not a PNG, JPEG or WebP picture");
    return NULL;
}

/* The whole file at path into an owned buffer; NULL with SDL_GetError() set. */
static unsigned char *read_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        SDL_SetError("cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    unsigned char *bytes = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (uint64_t)st.st_size > UI_PICTURE_MAX_FILE_BYTES) {
        SDL_SetError("%s is not a picture file of 1 byte to %zu MiB", path,
                     UI_PICTURE_MAX_FILE_BYTES >> 20);
        goto done;
    }
    bytes = malloc((size_t)st.st_size);
    if (!bytes) {
        SDL_OutOfMemory();
        goto done;
    }
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, bytes + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            SDL_SetError("cannot read %s: %s", path, n < 0 ? strerror(errno) : "it got shorter");
            free(bytes);
            bytes = NULL;
            goto done;
        }
        got += (size_t)n;
    }
    *len = got;
done:
    close(fd);
    return bytes;
}

SDL_Surface *ui_picture_load(const char *path, int max_side)
{
    size_t len = 0;
    unsigned char *bytes = path ? read_file(path, &len) : NULL;
    if (!bytes)
        return NULL;
    SDL_Surface *out = ui_picture_decode(bytes, len, max_side);
    free(bytes);
    return out;
}
