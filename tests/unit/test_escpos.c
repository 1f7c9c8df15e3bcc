/*
 * The ESC/POS job builder (devices/printer/escpos.c) with its profiles,
 * rasters, byte buffer and PNG writer. Expected streams are written out byte
 * by byte from the command tables, not produced by the code under test.
 */
#include "devices/common/buffer.h"
#include "devices/printer/escpos.h"
#include "devices/printer/profile.h"
#include "devices/printer/raster.h"
#include "devices/printer/raster_png.h"
#include "tests/support/check.h"

#include <png.h>
#include <stdlib.h>

static const dev_printer_profile *profile(const char *name)
{
    return dev_printer_profile_find(name);
}

/* A raster whose rows are given as bytes (stride = (width + 7) / 8). */
static dev_raster *raster_from(uint32_t width, uint32_t height, const uint8_t *rows)
{
    dev_raster *r = dev_raster_new(width, height);
    if (r)
        memcpy(r->bits, rows, (size_t)height * r->stride);
    return r;
}

static bool bytes_equal(const dev_buffer *buf, const uint8_t *want, size_t len)
{
    return buf->len == len && memcmp(buf->data, want, len) == 0;
}

static void test_generic_80mm_job_bytes(void)
{
    /* 16 x 3 dots: two bytes per row. */
    static const uint8_t rows[] = {0x80, 0x01, 0xFF, 0x00, 0x10, 0x04};
    dev_raster *r = raster_from(16, 3, rows);
    dev_buffer out;
    dev_buffer_init(&out, 1 << 20);
    CHECK_EQ_INT(dev_escpos_build_job(&out, profile("generic-80mm-203dpi"), r), DEV_ESCPOS_OK);
    /* clang-format off */
    static const uint8_t want[] = {
        0x1B, 0x40,                                     /* ESC @ */
        0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00, /* GS v 0, m 0, 2 bytes x 3 rows */
        0x80, 0x01, 0xFF, 0x00, 0x10, 0x04,
        0x1D, 0x56, 0x42, 0x00,                         /* GS V 66 0: feed to cutter, partial cut */
    };
    /* clang-format on */
    CHECK(bytes_equal(&out, want, sizeof want));
    dev_buffer_free(&out);
    dev_raster_free(r);
}

static void test_bands_of_128_rows(void)
{
    dev_raster *r = dev_raster_new(576, 300);
    CHECK(r);
    dev_buffer out;
    dev_buffer_init(&out, 1 << 20);
    CHECK_EQ_INT(dev_escpos_build_job(&out, profile("generic-80mm-203dpi"), r), DEV_ESCPOS_OK);
    /* 300 rows = 128 + 128 + 44; each band: 8 header bytes + 72 bytes per row.
     * 2 (init) + 3 * 8 + 300 * 72 + 4 (cut) = 21630. */
    CHECK_EQ_INT(out.len, 21630);
    size_t band2 = 2 + 8 + 128 * 72, band3 = band2 + 8 + 128 * 72;
    static const uint8_t head128[] = {0x1D, 0x76, 0x30, 0x00, 72, 0x00, 128, 0x00};
    static const uint8_t head44[] = {0x1D, 0x76, 0x30, 0x00, 72, 0x00, 44, 0x00};
    CHECK(memcmp(out.data + 2, head128, 8) == 0);
    CHECK(memcmp(out.data + band2, head128, 8) == 0);
    CHECK(memcmp(out.data + band3, head44, 8) == 0);
    dev_buffer_free(&out);
    dev_raster_free(r);
}

static void test_tm_t88v_gs_l_with_gs_d_and_padding(void)
{
    /* 12 dots wide: the last 4 bits of each row's second byte must go out white. */
    static const uint8_t rows[] = {0xA5, 0xFF, 0x0F, 0x3C};
    dev_raster *r = raster_from(12, 2, rows);
    dev_buffer out;
    dev_buffer_init(&out, 1 << 20);
    CHECK_EQ_INT(dev_escpos_build_job(&out, profile("epson-tm-t88v"), r), DEV_ESCPOS_OK);
    /* clang-format off */
    static const uint8_t want[] = {
        0x1B, 0x40,
        0x1D, 0x28, 0x44, 0x03, 0x00, 0x14, 0x01, 0x00, /* GS ( D: DLE DC4 fn 1 off */
        0x1D, 0x28, 0x44, 0x03, 0x00, 0x14, 0x02, 0x00, /* GS ( D: DLE DC4 fn 2 off */
        /* GS ( L fn 112: pL = 10 + 2 bytes x 2 rows = 14; a=48 bx=1 by=1 c=49 x=12 y=2 */
        0x1D, 0x28, 0x4C, 0x0E, 0x00, 0x30, 0x70, 0x30, 0x01, 0x01, 0x31, 0x0C, 0x00, 0x02, 0x00,
        0xA5, 0xF0, 0x0F, 0x30,
        0x1D, 0x28, 0x4C, 0x02, 0x00, 0x30, 0x32,       /* GS ( L fn 50: print */
        0x1D, 0x56, 0x42, 0x00,
    };
    /* clang-format on */
    CHECK(bytes_equal(&out, want, sizeof want));
    dev_buffer_free(&out);
    dev_raster_free(r);
}

static void test_58mm_feeds_then_partial_cut(void)
{
    static const uint8_t rows[] = {0xFF};
    dev_raster *r = raster_from(8, 1, rows);
    dev_buffer out;
    dev_buffer_init(&out, 1 << 20);
    CHECK_EQ_INT(dev_escpos_build_job(&out, profile("generic-58mm"), r), DEV_ESCPOS_OK);
    /* clang-format off */
    static const uint8_t want[] = {
        0x1B, 0x40, 0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x01, 0x00, 0xFF,
        0x1B, 0x64, 0x04, /* ESC d 4 */
        0x1D, 0x56, 0x01, /* GS V 1 */
    };
    /* clang-format on */
    CHECK(bytes_equal(&out, want, sizeof want));
    dev_buffer_free(&out);
    dev_raster_free(r);
}

static void test_cut_modes(void)
{
    static const struct {
        enum dev_cut_mode mode;
        uint8_t n;
        uint8_t want[4];
        size_t len;
    } cases[] = {
        {DEV_CUT_FULL, 0, {0x1D, 0x56, 0x00}, 3},
        {DEV_CUT_PARTIAL, 0, {0x1D, 0x56, 0x01}, 3},
        {DEV_CUT_FEED_FULL, 24, {0x1D, 0x56, 0x41, 24}, 4},
        {DEV_CUT_FEED_PARTIAL, 5, {0x1D, 0x56, 0x42, 5}, 4},
    };
    dev_raster *r = dev_raster_new(8, 1);
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        dev_printer_profile p = *profile("generic-80mm-203dpi");
        p.cut = cases[i].mode;
        p.cut_feed = cases[i].n;
        dev_buffer out;
        dev_buffer_init(&out, 1 << 20);
        CHECK_EQ_INT(dev_escpos_build_job(&out, &p, r), DEV_ESCPOS_OK);
        CHECK(out.len > cases[i].len);
        CHECK(memcmp(out.data + out.len - cases[i].len, cases[i].want, cases[i].len) == 0);
        dev_buffer_free(&out);
    }
    dev_raster_free(r);
}

static void test_gs_l_band_fits_its_length_field(void)
{
    /* 2048 dots = 256 bytes a row: (65535 - 10) / 256 = 255 rows per GS ( L, not 256. */
    dev_printer_profile p = *profile("epson-tm-t88v");
    p.width_dots = 2048;
    p.band_rows = 256;
    p.disable_dle_dc4 = false;
    dev_raster *r = dev_raster_new(2048, 256);
    dev_buffer out;
    dev_buffer_init(&out, 1 << 20);
    CHECK_EQ_INT(dev_escpos_build_job(&out, &p, r), DEV_ESCPOS_OK);
    /* First band: pL pH = 10 + 255 * 256 = 65290 = 0xFF0A, y = 255. */
    static const uint8_t head[] = {0x1D, 0x28, 0x4C, 0x0A, 0xFF, 0x30, 0x70, 0x30,
                                   0x01, 0x01, 0x31, 0x00, 0x08, 0xFF, 0x00};
    CHECK(memcmp(out.data + 2, head, sizeof head) == 0);
    /* Second band after 15 + 65280 data + 7 (fn 50): one row, pL = 10 + 256 = 0x010A. */
    size_t second = 2 + 15 + 255 * 256 + 7;
    static const uint8_t head2[] = {0x1D, 0x28, 0x4C, 0x0A, 0x01, 0x30, 0x70};
    CHECK(memcmp(out.data + second, head2, sizeof head2) == 0);
    dev_buffer_free(&out);
    dev_raster_free(r);
}

static void test_refusals_leave_buffer_alone(void)
{
    dev_buffer out;
    dev_buffer_init(&out, 200);
    CHECK(dev_buffer_append(&out, "abc", 3));
    dev_raster *wide = dev_raster_new(577, 1);
    dev_raster *empty = dev_raster_new(8, 0);
    dev_raster *big = dev_raster_new(576, 10);
    dev_printer_profile bad = *profile("generic-58mm");
    bad.band_rows = 257;
    CHECK_EQ_INT(dev_escpos_build_job(&out, profile("generic-80mm-203dpi"), wide),
                 DEV_ESCPOS_TOO_WIDE);
    CHECK_EQ_INT(dev_escpos_build_job(&out, profile("generic-80mm-203dpi"), empty),
                 DEV_ESCPOS_EMPTY);
    CHECK_EQ_INT(dev_escpos_build_job(&out, profile("generic-80mm-203dpi"), NULL),
                 DEV_ESCPOS_EMPTY);
    CHECK_EQ_INT(dev_escpos_build_job(&out, NULL, big), DEV_ESCPOS_BAD_PROFILE);
    CHECK_EQ_INT(dev_escpos_build_job(&out, &bad, big), DEV_ESCPOS_BAD_PROFILE);
    /* 576 x 10 needs 2 + 8 + 720 + 4 bytes; the buffer holds 200. */
    CHECK_EQ_INT(dev_escpos_build_job(&out, profile("generic-80mm-203dpi"), big),
                 DEV_ESCPOS_TOO_LARGE);
    CHECK_EQ_INT(out.len, 3);
    CHECK(memcmp(out.data, "abc", 3) == 0);
    CHECK_EQ_STR(dev_escpos_strerror(DEV_ESCPOS_TOO_WIDE), "image wider than the printer");
    dev_raster_free(wide);
    dev_raster_free(empty);
    dev_raster_free(big);
    dev_buffer_free(&out);
}

static void test_profiles(void)
{
    static const struct {
        const char *name;
        int width, dpi;
        enum dev_graphics_command graphics;
        bool gs_d;
    } want[] = {
        {"generic-80mm-203dpi", 576, 203, DEV_GRAPHICS_GS_V0, false},
        {"epson-tm-t88v", 512, 180, DEV_GRAPHICS_GS_L, true},
        {"generic-58mm", 384, 203, DEV_GRAPHICS_GS_V0, false},
    };
    CHECK_EQ_INT(dev_printer_profile_count(), CHECK_COUNT(want));
    for (size_t i = 0; i < CHECK_COUNT(want); i++) {
        const dev_printer_profile *p = dev_printer_profile_find(want[i].name);
        CHECK(p);
        CHECK(p == dev_printer_profile_at(i));
        CHECK_EQ_INT(p->width_dots, want[i].width);
        CHECK_EQ_INT(p->dpi, want[i].dpi);
        CHECK_EQ_INT(p->band_rows, 128);
        CHECK_EQ_INT(p->graphics, want[i].graphics);
        CHECK_EQ_INT(p->disable_dle_dc4, want[i].gs_d);
    }
    CHECK(dev_printer_profile_find("tm-t88v") == NULL);
    CHECK(dev_printer_profile_find(NULL) == NULL);
    CHECK(dev_printer_profile_at(3) == NULL);
    CHECK_EQ_STR(dev_printer_profile_default()->name, "generic-80mm-203dpi");
}

static void test_raster_limits_and_dots(void)
{
    CHECK(dev_raster_new(0, 1) == NULL);
    CHECK(dev_raster_new(DEV_RASTER_MAX_WIDTH + 1, 1) == NULL);
    CHECK(dev_raster_new(8, DEV_RASTER_MAX_HEIGHT + 1) == NULL);
    dev_raster *r = dev_raster_new(10, 2);
    CHECK(r);
    CHECK_EQ_INT(r->stride, 2);
    dev_raster_set(r, 0, 0, true);
    dev_raster_set(r, 9, 1, true);
    dev_raster_set(r, 10, 0, true); /* outside: ignored */
    CHECK_EQ_INT(r->bits[0], 0x80);
    CHECK_EQ_INT(r->bits[3], 0x40); /* dot 9 = second byte, second bit */
    CHECK(dev_raster_get(r, 9, 1));
    CHECK(!dev_raster_get(r, 8, 1));
    CHECK(!dev_raster_get(r, 10, 0));
    CHECK(dev_raster_grow(r, 300));
    CHECK_EQ_INT(r->height, 300);
    CHECK(dev_raster_get(r, 9, 1));
    CHECK(!dev_raster_get(r, 0, 299));
    CHECK(!dev_raster_grow(r, DEV_RASTER_MAX_HEIGHT + 1));
    CHECK_EQ_INT(r->height, 300);
    dev_raster_free(r);
    dev_raster_free(NULL);
}

static void test_raster_equal_ignores_padding_and_stride(void)
{
    dev_raster *a = dev_raster_new(10, 2);
    dev_raster *b = dev_raster_new(16, 2);
    b->width = 10; /* stride 2 as well, but set junk past dot 10 */
    dev_raster_set(a, 3, 1, true);
    dev_raster_set(b, 3, 1, true);
    b->bits[1] = 0x3F;
    b->bits[3] = 0x3F;
    CHECK(dev_raster_equal(a, b));
    dev_raster_set(b, 9, 0, true);
    CHECK(!dev_raster_equal(a, b));
    CHECK(dev_raster_equal(NULL, NULL));
    CHECK(!dev_raster_equal(a, NULL));
    dev_raster_free(a);
    dev_raster_free(b);
}

static void test_buffer_limit_and_consume(void)
{
    dev_buffer b;
    dev_buffer_init(&b, 5);
    CHECK(dev_buffer_append(&b, "abcd", 4));
    CHECK(!dev_buffer_append(&b, "ef", 2));
    CHECK_EQ_INT(b.len, 4);
    CHECK(dev_buffer_append_byte(&b, 'e'));
    CHECK(!dev_buffer_append_byte(&b, 'f'));
    CHECK(dev_buffer_append(&b, NULL, 0));
    dev_buffer_consume(&b, 2);
    CHECK_EQ_INT(b.len, 3);
    CHECK(memcmp(b.data, "cde", 3) == 0);
    dev_buffer_consume(&b, 10);
    CHECK_EQ_INT(b.len, 0);
    dev_buffer_free(&b);
    CHECK(b.data == NULL);
    dev_buffer_free(NULL);
}

static void test_png_round_trip(void)
{
    dev_raster *r = dev_raster_new(13, 3);
    dev_raster_set(r, 0, 0, true);
    dev_raster_set(r, 12, 1, true);
    dev_raster_set(r, 6, 2, true);
    const char *path = check_path(check_tmp_dir(), "raster.png");
    CHECK(dev_raster_write_png(r, path));

    png_image image = {.version = PNG_IMAGE_VERSION};
    CHECK(png_image_begin_read_from_file(&image, path));
    CHECK_EQ_INT(image.width, 13);
    CHECK_EQ_INT(image.height, 3);
    image.format = PNG_FORMAT_GRAY;
    uint8_t pixels[13 * 3];
    CHECK(png_image_finish_read(&image, NULL, pixels, 13, NULL));
    for (uint32_t y = 0; y < 3; y++)
        for (uint32_t x = 0; x < 13; x++)
            CHECK_EQ_INT(pixels[y * 13 + x], dev_raster_get(r, x, y) ? 0 : 255);
    /* Dots set above by hand, so the loop cannot pass on an all-white image. */
    CHECK_EQ_INT(pixels[0], 0);
    CHECK_EQ_INT(pixels[1 * 13 + 12], 0);
    CHECK_EQ_INT(pixels[1], 255);

    dev_raster *empty = dev_raster_new(8, 0);
    CHECK(!dev_raster_write_png(empty, path));
    CHECK(!dev_raster_write_png(r, check_path(check_tmp_dir(), "no/such/dir.png")));
    dev_raster_free(empty);
    dev_raster_free(r);
}

static const struct check_case cases[] = {
    {"generic 80mm job bytes", test_generic_80mm_job_bytes},
    {"bands of 128 rows", test_bands_of_128_rows},
    {"tm-t88v GS ( L with GS ( D and padding", test_tm_t88v_gs_l_with_gs_d_and_padding},
    {"58mm feeds then partial cut", test_58mm_feeds_then_partial_cut},
    {"cut modes", test_cut_modes},
    {"GS ( L band fits its length field", test_gs_l_band_fits_its_length_field},
    {"refusals leave the buffer alone", test_refusals_leave_buffer_alone},
    {"profiles", test_profiles},
    {"raster limits and dots", test_raster_limits_and_dots},
    {"raster equality ignores padding and stride", test_raster_equal_ignores_padding_and_stride},
    {"buffer limit and consume", test_buffer_limit_and_consume},
    {"PNG round trip", test_png_round_trip},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
