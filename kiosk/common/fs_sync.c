/* fsync of files and folders: see kiosk/common/fs_sync.h. */
#include "kiosk/common/fs_sync.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static bool sync_opened(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    int saved = errno;
    close(fd);
    errno = saved;
    return ok;
}

bool ks_fsync_path(const char *path)
{
    return sync_opened(path, O_RDONLY);
}

bool ks_fsync_dir(const char *dir)
{
    return sync_opened(dir, O_RDONLY | O_DIRECTORY);
}
