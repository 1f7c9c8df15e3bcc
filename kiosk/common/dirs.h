/*
 * The folders a program uses when neither its configuration file nor its
 * command line names one: where it reads its data (fonts, pictures, the
 * demo menus: the repository's assets/) and where it keeps its state
 * (databases, the picture cache).
 *
 * An installed program (its executable in the package's bin folder,
 * /usr/bin) uses the Debian package's folders: data in /usr/share/kiosk,
 * state in /var/lib/kiosk. Any other executable is a build of a checkout:
 * data in the checkout's assets/, state in its build/demo/ (where
 * kiosk/demo.sh keeps the demo's databases), whatever the current folder.
 */
#ifndef KIOSK_COMMON_DIRS_H
#define KIOSK_COMMON_DIRS_H

#include <stdbool.h>

typedef struct ks_dirs {
    bool installed;    /* the package's folders (else the checkout's) */
    const char *data;  /* static string, no trailing slash */
    const char *state; /* static string, no trailing slash */
} ks_dirs;

/* The folders of the executable at exe_path (an absolute, resolved path). */
ks_dirs ks_dirs_for_exe(const char *exe_path);

/* The folders of the running program (/proc/self/exe); the checkout's when it cannot be read. */
ks_dirs ks_dirs_default(void);

#endif
