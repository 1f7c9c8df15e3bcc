/*
 * The process's font mappings (see ui/font_file.h): a list of
 * reference-counted read-only mappings under one mutex. Fonts are few (six
 * faces), so a list is enough.
 */
#include "ui/font_file.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct ui_font_file {
    struct ui_font_file *next;
    dev_t dev;
    ino_t ino;
    const unsigned char *data; /* owned mapping */
    size_t size;
    unsigned holds;
};

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ui_font_file *registry; /* guarded by registry_lock */

static struct ui_font_file *map_file(int fd, const struct stat *st)
{
    struct ui_font_file *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    void *data = mmap(NULL, (size_t)st->st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (data == MAP_FAILED) {
        free(f);
        return NULL;
    }
    *f = (struct ui_font_file){
        .dev = st->st_dev, .ino = st->st_ino, .data = data, .size = (size_t)st->st_size};
    return f;
}

struct ui_font_file *ui_font_file_acquire(const char *path)
{
    if (!path)
        return NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    struct ui_font_file *f = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (size_t)st.st_size > UI_FONT_FILE_MAX_BYTES)
        goto done;
    pthread_mutex_lock(&registry_lock);
    for (f = registry; f && !(f->dev == st.st_dev && f->ino == st.st_ino); f = f->next)
        ;
    if (!f && (f = map_file(fd, &st)) != NULL) {
        f->next = registry;
        registry = f;
    }
    if (f)
        f->holds++;
    pthread_mutex_unlock(&registry_lock);
done:
    close(fd);
    return f;
}

void ui_font_file_release(struct ui_font_file *file)
{
    if (!file)
        return;
    pthread_mutex_lock(&registry_lock);
    bool last = --file->holds == 0;
    if (last)
        for (struct ui_font_file **p = &registry; *p; p = &(*p)->next)
            if (*p == file) {
                *p = file->next;
                break;
            }
    pthread_mutex_unlock(&registry_lock);
    if (last) {
        munmap((void *)file->data, file->size);
        free(file);
    }
}

const unsigned char *ui_font_file_data(const struct ui_font_file *file)
{
    return file->data;
}

size_t ui_font_file_size(const struct ui_font_file *file)
{
    return file->size;
}

size_t ui_font_file_mapped(void)
{
    size_t n = 0;
    pthread_mutex_lock(&registry_lock);
    for (const struct ui_font_file *f = registry; f; f = f->next)
        n++;
    pthread_mutex_unlock(&registry_lock);
    return n;
}
