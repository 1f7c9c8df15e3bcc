/*
 * The process's shared font mappings (ui/font_file.h): one mapping per file
 * however many holders and paths, the file's exact bytes, unmapped at the
 * last release, refusals of what is no font file, and two font sets (the
 * screen's and the printer's) sharing their six files.
 */
#include "tests/support/check.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ui/font.h"
#include "ui/font_file.h"

static char font_dir[2048];

static const char *font_path(const char *file)
{
    static char path[2200];
    snprintf(path, sizeof path, "%s/%s", font_dir, file);
    return path;
}

static void test_one_mapping_per_file(void)
{
    CHECK_EQ_INT(ui_font_file_mapped(), 0);
    struct ui_font_file *a = ui_font_file_acquire(font_path("NotoSans-Regular.ttf"));
    struct ui_font_file *b = ui_font_file_acquire(font_path("NotoSans-Regular.ttf"));
    CHECK(a != NULL && a == b);
    CHECK_EQ_INT(ui_font_file_mapped(), 1);
    size_t len = 0;
    char *bytes = check_read_file(font_path("NotoSans-Regular.ttf"), &len);
    CHECK(bytes != NULL && a && ui_font_file_size(a) == len &&
          memcmp(ui_font_file_data(a), bytes, len) == 0);
    free(bytes);
    ui_font_file_release(a);
    CHECK_EQ_INT(ui_font_file_mapped(), 1); /* b still holds it */
    ui_font_file_release(b);
    CHECK_EQ_INT(ui_font_file_mapped(), 0);
    ui_font_file_release(NULL);
}

static void test_another_path_shares_the_mapping(void)
{
    struct ui_font_file *a = ui_font_file_acquire(font_path("NotoSans-Bold.ttf"));
    struct ui_font_file *b = ui_font_file_acquire(font_path("./NotoSans-Bold.ttf"));
    const char *link = check_path(check_tmp_dir(), "linked.ttf");
    unlink(link);
    CHECK(symlink(font_path("NotoSans-Bold.ttf"), link) == 0);
    struct ui_font_file *c = ui_font_file_acquire(link);
    struct ui_font_file *other = ui_font_file_acquire(font_path("NotoSans-Regular.ttf"));
    CHECK(a != NULL && a == b && a == c && other != NULL && other != a);
    CHECK_EQ_INT(ui_font_file_mapped(), 2);
    ui_font_file_release(a);
    ui_font_file_release(b);
    ui_font_file_release(c);
    ui_font_file_release(other);
    CHECK_EQ_INT(ui_font_file_mapped(), 0);
}

static void test_refusals(void)
{
    const char *empty = check_path(check_tmp_dir(), "empty.ttf");
    FILE *f = fopen(empty, "wb");
    CHECK(f != NULL);
    if (f)
        fclose(f);
    CHECK(ui_font_file_acquire(NULL) == NULL);
    CHECK(ui_font_file_acquire(font_path("missing.ttf")) == NULL);
    CHECK(ui_font_file_acquire(font_dir) == NULL); /* a folder */
    CHECK(ui_font_file_acquire(empty) == NULL);
    CHECK_EQ_INT(ui_font_file_mapped(), 0);
}

static void test_two_font_sets_share_six_files(void)
{
    struct ui_fonts *screen = ui_fonts_new(font_dir);
    CHECK(screen != NULL);
    CHECK_EQ_INT(ui_font_file_mapped(), UI_FONT_FACE_COUNT);
    struct ui_fonts *printer = ui_fonts_new(font_dir);
    CHECK(printer != NULL);
    CHECK_EQ_INT(ui_font_file_mapped(), UI_FONT_FACE_COUNT);
    ui_fonts_free(screen);
    CHECK_EQ_INT(ui_font_file_mapped(), UI_FONT_FACE_COUNT);
    /* The remaining set still reads its faces after the other one went. */
    CHECK(printer && ui_fonts_has(printer, ui_fonts_face(UI_FONT_BOLD, UI_FONT_ROLE_LATIN), 'A'));
    CHECK(printer && ui_fonts_ft_face(printer, 0, 24) != NULL);
    ui_fonts_free(printer);
    CHECK_EQ_INT(ui_font_file_mapped(), 0);
    CHECK(ui_fonts_new(check_tmp_dir()) == NULL); /* no fonts there: nothing stays mapped */
    CHECK_EQ_INT(ui_font_file_mapped(), 0);
}

/* arg: the path of a font file, shared read-only by the threads. */
static void *hold_and_release(void *arg)
{
    const char *path = arg;
    for (int i = 0; i < 2000; i++) {
        struct ui_font_file *f = ui_font_file_acquire(path);
        if (!f || ui_font_file_size(f) == 0)
            return (void *)1;
        ui_font_file_release(f);
    }
    return NULL;
}

static void test_threads_share_safely(void)
{
    /* font_path's buffer is not for two threads at once: each gets this copy. */
    char path[2200];
    snprintf(path, sizeof path, "%s", font_path("SaudiRiyal-Regular.otf"));
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        CHECK(pthread_create(&t[i], NULL, hold_and_release, path) == 0);
    for (int i = 0; i < 2; i++) {
        void *failed = NULL;
        pthread_join(t[i], &failed);
        CHECK(failed == NULL);
    }
    CHECK_EQ_INT(ui_font_file_mapped(), 0);
}

static const struct check_case cases[] = {
    {"one mapping per file", test_one_mapping_per_file},
    {"another path shares the mapping", test_another_path_shares_the_mapping},
    {"refusals", test_refusals},
    {"two font sets share six files", test_two_font_sets_share_six_files},
    {"threads share safely", test_threads_share_safely},
};

int main(int argc, char **argv)
{
    /* Absolute, so that the symbolic link made in the temporary folder resolves. */
    char *dir = realpath(check_path(check_source_dir(), "assets/fonts"), NULL);
    snprintf(font_dir, sizeof font_dir, "%s", dir ? dir : "assets/fonts");
    free(dir);
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
