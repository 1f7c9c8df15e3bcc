/* Default data and state folders: see kiosk/common/dirs.h. */
#include "kiosk/common/dirs.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

/* Set by kiosk/CMakeLists.txt from GNUInstallDirs and the source folder. */
#ifndef KS_INSTALL_BINDIR
#error "KS_INSTALL_BINDIR, KS_INSTALL_DATADIR, KS_INSTALL_STATEDIR, KS_CHECKOUT_DIR must be set"
#endif

ks_dirs ks_dirs_for_exe(const char *exe_path)
{
    const char *slash = strrchr(exe_path, '/');
    size_t dir_len = slash ? (size_t)(slash - exe_path) : 0;
    bool installed = slash && dir_len == strlen(KS_INSTALL_BINDIR) &&
                     memcmp(exe_path, KS_INSTALL_BINDIR, dir_len) == 0;
    if (installed)
        return (ks_dirs){
            .installed = true, .data = KS_INSTALL_DATADIR, .state = KS_INSTALL_STATEDIR};
    return (ks_dirs){.data = KS_CHECKOUT_DIR "/assets", .state = KS_CHECKOUT_DIR "/build/demo"};
}

ks_dirs ks_dirs_default(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    return ks_dirs_for_exe(exe);
}
