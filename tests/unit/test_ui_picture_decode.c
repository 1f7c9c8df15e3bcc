/*
 * Picture decoding (ui/picture_decode.h): PNG of every colour type the
 * kiosk may meet (RGBA, palette with transparency, 16-bit grey with alpha
 * interlaced, 1-bit grey), JPEG (colour, grey, Adobe CMYK) and WebP, each
 * encoded here with its own library so the pixels are known, decoded to
 * exactly those ARGB8888 pixels (JPEG, being lossy, within a few levels);
 * and the refusals: unknown bytes, truncated files, sides over the limit,
 * files that are missing, empty or not files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jpeglib.h>
#include <png.h>
#include <webp/encode.h>

#include "tests/support/check.h"
#include "ui/picture_decode.h"

#define ARGB(a, r, g, b) ((Uint32)(a) << 24 | (Uint32)(r) << 16 | (Uint32)(g) << 8 | (Uint32)(b))

struct bytes {
    unsigned char *data;
    size_t len;
};

static Uint32 pixel(const SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)(const void *)((const Uint8 *)s->pixels + (size_t)y * s->pitch))[x];
}

/* ---- encoders ---- */

static void png_collect(png_structp png, png_bytep data, size_t n)
{
    struct bytes *b = png_get_io_ptr(png);
    unsigned char *grown = realloc(b->data, b->len + n);
    if (!grown)
        png_error(png, "out of memory");
    memcpy(grown + b->len, data, n);
    b->data = grown;
    b->len += n;
}

static void png_flush_nothing(png_structp png)
{
    (void)png;
}

struct png_spec {
    int w, h, depth, color, interlace;
    const png_color *palette;
    int n_palette;
    const png_byte *trns;
    int n_trns;
    const unsigned char *rows; /* h rows of packed samples, rowbytes each */
};

static struct bytes encode_png(const struct png_spec *p)
{
    struct bytes out = {NULL, 0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(out.data);
        return (struct bytes){NULL, 0};
    }
    png_set_write_fn(png, &out, png_collect, png_flush_nothing);
    png_set_IHDR(png, info, (png_uint_32)p->w, (png_uint_32)p->h, p->depth, p->color, p->interlace,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (p->palette)
        png_set_PLTE(png, info, p->palette, p->n_palette);
    if (p->trns)
        png_set_tRNS(png, info, p->trns, p->n_trns, NULL);
    png_write_info(png, info);
    size_t rowbytes = png_get_rowbytes(png, info);
    png_bytep rows[16];
    for (int y = 0; y < p->h && y < 16; y++)
        rows[y] = (png_bytep)p->rows + (size_t)y * rowbytes;
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return out;
}

/* A JPEG of w x h pixels all of one colour, in components (1 grey, 3 RGB, 4 CMYK with Adobe's
 * marker). */
static struct bytes encode_jpeg(int w, int h, int components, const unsigned char *colour)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr err;
    unsigned char *data = NULL;
    unsigned long len = 0;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, &data, &len);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = components;
    c.in_color_space = components == 1 ? JCS_GRAYSCALE : components == 3 ? JCS_RGB : JCS_CMYK;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 95, TRUE);
    jpeg_start_compress(&c, TRUE);
    unsigned char row[64 * 4];
    for (int x = 0; x < w; x++)
        memcpy(row + x * components, colour, (size_t)components);
    while (c.next_scanline < c.image_height) {
        JSAMPROW r = row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    return (struct bytes){data, len};
}

static bool near(Uint32 got, Uint32 want, int tolerance)
{
    for (int shift = 0; shift < 32; shift += 8) {
        int d = (int)((got >> shift) & 0xFF) - (int)((want >> shift) & 0xFF);
        if (d > tolerance || d < -tolerance)
            return false;
    }
    return true;
}

/* ---- PNG ---- */

static void png_rgba_exact(void)
{
    const unsigned char rows[] = {
        255, 0,   0, 255, 0,   255,
        0,   128, 0, 0,   255, 0, /* red, half-transparent green, clear blue */
        1,   2,   3, 4,   250, 251,
        252, 253, 9, 8,   7,   255,
    };
    struct bytes b = encode_png(
        &(struct png_spec){3, 2, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE, .rows = rows});
    CHECK(b.data);
    SDL_Surface *s = ui_picture_decode(b.data, b.len, 64);
    free(b.data);
    CHECK(s);
    CHECK_EQ_INT(s->format->format, SDL_PIXELFORMAT_ARGB8888);
    CHECK_EQ_INT(s->w, 3);
    CHECK_EQ_INT(s->h, 2);
    const Uint32 want[] = {ARGB(255, 255, 0, 0), ARGB(128, 0, 255, 0),     ARGB(0, 0, 0, 255),
                           ARGB(4, 1, 2, 3),     ARGB(253, 250, 251, 252), ARGB(255, 9, 8, 7)};
    for (int i = 0; i < 6; i++)
        CHECK_EQ_INT(pixel(s, i % 3, i / 3), want[i]);
    SDL_FreeSurface(s);
}

static void png_palette_with_transparency(void)
{
    const png_color palette[] = {{10, 20, 30}, {40, 50, 60}, {70, 80, 90}};
    const png_byte trns[] = {0, 128}; /* the third entry has none: opaque */
    const unsigned char rows[] = {0, 1, 2, 2, 1, 0};
    struct bytes b = encode_png(&(struct png_spec){3, 2, 8, PNG_COLOR_TYPE_PALETTE,
                                                   PNG_INTERLACE_NONE, palette, 3, trns, 2, rows});
    CHECK(b.data);
    SDL_Surface *s = ui_picture_decode(b.data, b.len, 64);
    free(b.data);
    CHECK(s);
    const Uint32 want[] = {ARGB(0, 10, 20, 30),   ARGB(128, 40, 50, 60), ARGB(255, 70, 80, 90),
                           ARGB(255, 70, 80, 90), ARGB(128, 40, 50, 60), ARGB(0, 10, 20, 30)};
    for (int i = 0; i < 6; i++)
        CHECK_EQ_INT(pixel(s, i % 3, i / 3), want[i]);
    SDL_FreeSurface(s);
}

static void png_grey_16_bit_interlaced(void)
{
    /* Grey and alpha, 16 bits each, big-endian: the high byte is kept. */
    const unsigned char rows[] = {
        0x12, 0x34, 0xFF, 0xFF, 0xAB, 0xCD, 0x80, 0x01,
        0x00, 0xFF, 0x00, 0x00, 0xFF, 0x00, 0x7F, 0xFF,
    };
    struct bytes b = encode_png(
        &(struct png_spec){2, 2, 16, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_INTERLACE_ADAM7, .rows = rows});
    CHECK(b.data);
    SDL_Surface *s = ui_picture_decode(b.data, b.len, 64);
    free(b.data);
    CHECK(s);
    CHECK_EQ_INT(pixel(s, 0, 0), ARGB(0xFF, 0x12, 0x12, 0x12));
    CHECK_EQ_INT(pixel(s, 1, 0), ARGB(0x80, 0xAB, 0xAB, 0xAB));
    CHECK_EQ_INT(pixel(s, 0, 1), ARGB(0x00, 0x00, 0x00, 0x00));
    CHECK_EQ_INT(pixel(s, 1, 1), ARGB(0x7F, 0xFF, 0xFF, 0xFF));
    SDL_FreeSurface(s);
}

static void png_one_bit_grey(void)
{
    const unsigned char rows[] = {0xA0, 0x40}; /* 1 0 1 / 0 1 0 */
    struct bytes b = encode_png(
        &(struct png_spec){3, 2, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, .rows = rows});
    CHECK(b.data);
    SDL_Surface *s = ui_picture_decode(b.data, b.len, 64);
    free(b.data);
    CHECK(s);
    const Uint32 white = ARGB(255, 255, 255, 255), black = ARGB(255, 0, 0, 0);
    const Uint32 want[] = {white, black, white, black, white, black};
    for (int i = 0; i < 6; i++)
        CHECK_EQ_INT(pixel(s, i % 3, i / 3), want[i]);
    SDL_FreeSurface(s);
}

/* ---- JPEG ---- */

static void check_jpeg_solid(int components, const unsigned char *colour, Uint32 want)
{
    struct bytes b = encode_jpeg(24, 16, components, colour);
    CHECK(b.data);
    SDL_Surface *s = ui_picture_decode(b.data, b.len, 64);
    free(b.data);
    CHECK(s);
    CHECK_EQ_INT(s->format->format, SDL_PIXELFORMAT_ARGB8888);
    CHECK_EQ_INT(s->w, 24);
    CHECK_EQ_INT(s->h, 16);
    for (int y = 0; y < 16; y++)
        for (int x = 0; x < 24; x++)
            if (!near(pixel(s, x, y), want, 3))
                CHECK_EQ_INT(pixel(s, x, y), want);
    SDL_FreeSurface(s);
}

static void jpeg_colour_and_grey(void)
{
    check_jpeg_solid(3, (const unsigned char[]){200, 100, 50}, ARGB(255, 200, 100, 50));
    check_jpeg_solid(1, (const unsigned char[]){77}, ARGB(255, 77, 77, 77));
}

static void jpeg_adobe_cmyk(void)
{
    /* Inverted inks as Adobe writes them: 255 is no ink. Half black over no colour is grey 128. */
    check_jpeg_solid(4, (const unsigned char[]){255, 255, 255, 128}, ARGB(255, 128, 128, 128));
    /* Full cyan ink (stored 0) over no black: red 0, green and blue full. */
    check_jpeg_solid(4, (const unsigned char[]){0, 255, 255, 255}, ARGB(255, 0, 255, 255));
}

/* ---- WebP ---- */

static void webp_lossless_exact(void)
{
    const Uint32 argb[] = {ARGB(255, 255, 0, 0), ARGB(128, 0, 255, 0),     ARGB(0, 0, 0, 0),
                           ARGB(4, 1, 2, 3),     ARGB(253, 250, 251, 252), ARGB(255, 9, 8, 7)};
    uint8_t *data = NULL;
    /* ARGB8888 words on a little-endian machine are B, G, R, A bytes. */
    size_t len = WebPEncodeLosslessBGRA((const uint8_t *)argb, 3, 2, 3 * 4, &data);
    CHECK(len > 0);
    SDL_Surface *s = ui_picture_decode(data, len, 64);
    WebPFree(data);
    CHECK(s);
    CHECK_EQ_INT(s->w, 3);
    for (int i = 0; i < 6; i++)
        if (argb[i] >> 24) /* a clear pixel's colour is not kept */
            CHECK_EQ_INT(pixel(s, i % 3, i / 3), argb[i]);
    CHECK_EQ_INT(pixel(s, 2, 0) >> 24, 0);
    SDL_FreeSurface(s);
}

/* ---- refusals ---- */

static void refuse(const void *bytes, size_t len, int max_side, const char *reason)
{
    SDL_ClearError();
    SDL_Surface *s = ui_picture_decode(bytes, len, max_side);
    if (s)
        SDL_FreeSurface(s);
    CHECK(!s);
    CHECK_CONTAINS(SDL_GetError(), reason);
}

static void refuses_what_is_not_a_picture(void)
{
    refuse("GIF89a", 6, 64, "not a PNG, JPEG or WebP");
    refuse("", 0, 64, "not a PNG, JPEG or WebP");
    const unsigned char rows[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    struct bytes b = encode_png(
        &(struct png_spec){2, 2, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, .rows = rows});
    CHECK(b.data);
    refuse(b.data, b.len / 2, 64, "PNG: ");
    b.data[b.len - 20] ^= 0x55; /* in the image data: its checksum fails */
    refuse(b.data, b.len, 64, "PNG: ");
    free(b.data);
    uint8_t *webp = NULL;
    const Uint32 argb[4] = {0};
    size_t len = WebPEncodeLosslessBGRA((const uint8_t *)argb, 2, 2, 8, &webp);
    CHECK(len > 0);
    refuse(webp, len - 4, 64, "WebP: ");
    WebPFree(webp);
    const unsigned char jpeg_start[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10};
    refuse(jpeg_start, sizeof jpeg_start, 64, "JPEG: ");
}

static void refuses_sides_over_the_limit(void)
{
    const unsigned char rows[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    struct bytes b = encode_png(
        &(struct png_spec){2, 2, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, .rows = rows});
    CHECK(b.data);
    refuse(b.data, b.len, 1, "PNG: ");
    SDL_Surface *s = ui_picture_decode(b.data, b.len, 2);
    CHECK(s);
    SDL_FreeSurface(s);
    free(b.data);
    struct bytes j = encode_jpeg(24, 16, 3, (const unsigned char[]){1, 2, 3});
    refuse(j.data, j.len, 16, "24 x 16 pixels (1 to 16 a side)");
    free(j.data);
    uint8_t *webp = NULL;
    const Uint32 argb[6] = {0};
    size_t len = WebPEncodeLosslessBGRA((const uint8_t *)argb, 3, 2, 12, &webp);
    CHECK(len > 0);
    refuse(webp, len, 2, "3 x 2 pixels (1 to 2 a side)");
    WebPFree(webp);
}

static void loads_files_and_refuses_others(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/assets/pictures/restaurant", check_source_dir());
    SDL_ClearError();
    CHECK(!ui_picture_load(path, 64)); /* a folder */
    CHECK_CONTAINS(SDL_GetError(), "is not a picture file");
    snprintf(path, sizeof path, "%s/empty.png", check_tmp_dir());
    FILE *f = fopen(path, "w");
    CHECK(f);
    fclose(f);
    CHECK(!ui_picture_load(path, 64));
    CHECK_CONTAINS(SDL_GetError(), "is not a picture file");
    snprintf(path, sizeof path, "%s/missing.png", check_tmp_dir());
    CHECK(!ui_picture_load(path, 64));
    CHECK_CONTAINS(SDL_GetError(), "cannot open");
    const unsigned char rows[] = {0, 1, 2, 2, 1, 0};
    const png_color palette[] = {{10, 20, 30}, {40, 50, 60}, {70, 80, 90}};
    struct bytes b = encode_png(&(struct png_spec){3, 2, 8, PNG_COLOR_TYPE_PALETTE,
                                                   PNG_INTERLACE_NONE, palette, 3, .rows = rows});
    snprintf(path, sizeof path, "%s/small.png", check_tmp_dir());
    f = fopen(path, "wb");
    CHECK(f && fwrite(b.data, 1, b.len, f) == b.len);
    fclose(f);
    free(b.data);
    SDL_Surface *s = ui_picture_load(path, 64);
    CHECK(s);
    CHECK_EQ_INT(pixel(s, 1, 1), ARGB(255, 40, 50, 60));
    SDL_FreeSurface(s);
}

static const struct check_case cases[] = {
    {"png rgba exact", png_rgba_exact},
    {"png palette with transparency", png_palette_with_transparency},
    {"png grey 16 bit interlaced", png_grey_16_bit_interlaced},
    {"png one bit grey", png_one_bit_grey},
    {"jpeg colour and grey", jpeg_colour_and_grey},
    {"jpeg adobe cmyk", jpeg_adobe_cmyk},
    {"webp lossless exact", webp_lossless_exact},
    {"refuses what is not a picture", refuses_what_is_not_a_picture},
    {"refuses sides over the limit", refuses_sides_over_the_limit},
    {"loads files and refuses others", loads_files_and_refuses_others},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
