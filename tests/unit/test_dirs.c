/* Default data and state folders (kiosk/common/dirs.c): the package's or the checkout's. */
#include "kiosk/common/dirs.h"
#include "tests/support/check.h"

#include <stdio.h>

struct exe_case {
    const char *exe;
    bool installed;
};

static const struct exe_case exe_cases[] = {
    {"/usr/bin/kiosk", true},
    {"/usr/bin/kitchen-display", true},
    {"/usr/bin/sub/kiosk", false},
    {"/usr/binx/kiosk", false},
    {"/usr/bi/kiosk", false},
    {"/usr/local/bin/kiosk", false},
    {"/home/dev/kiosk/build/release/kiosk/programs/kiosk", false},
    {"kiosk", false},
    {"", false},
};

static void test_package_folders_only_for_the_package_bin_folder(void)
{
    char data[4096], state[4096];
    snprintf(data, sizeof data, "%s/assets", check_source_dir());
    snprintf(state, sizeof state, "%s/build/demo", check_source_dir());
    for (size_t i = 0; i < CHECK_COUNT(exe_cases); i++) {
        const struct exe_case *c = &exe_cases[i];
        ks_dirs d = ks_dirs_for_exe(c->exe);
        CHECK(d.installed == c->installed);
        CHECK_EQ_STR(d.data, c->installed ? "/usr/share/kiosk" : data);
        CHECK_EQ_STR(d.state, c->installed ? "/var/lib/kiosk" : state);
    }
}

static void test_a_build_of_the_checkout_uses_the_checkout(void)
{
    ks_dirs d = ks_dirs_default();
    CHECK(!d.installed);
    char data[4096];
    snprintf(data, sizeof data, "%s/assets", check_source_dir());
    CHECK_EQ_STR(d.data, data);
}

static const struct check_case cases[] = {
    {"package folders only for the package's bin folder",
     test_package_folders_only_for_the_package_bin_folder},
    {"a build of the checkout uses the checkout", test_a_build_of_the_checkout_uses_the_checkout},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
