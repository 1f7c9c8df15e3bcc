/* zbarimg from the tests: see zbar.h. */
#include "tests/support/zbar.h"

#include <stdio.h>
#include <sys/wait.h>

bool zbar_read(const char *path, char *out, size_t cap)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    if (!p)
        return false;
    size_t n = fread(out, 1, cap - 1, p);
    int status = pclose(p);
    out[n] = '\0';
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
        out[--n] = '\0';
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 && n > 0;
}
