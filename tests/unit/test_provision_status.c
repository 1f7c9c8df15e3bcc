/*
 * The provisioning status the kiosk shows (kiosk/app/provision_status.h):
 * a refusal's reason is taken, cut to fit; an applied file, another
 * state, an empty reason, a control or non-ASCII byte or an over-long file
 * show nothing; the file is read from disk.
 */
#include "tests/support/check.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/app/provision_status.h"

static bool refusal(const char *text, char *out, size_t cap)
{
    return ks_provision_status_refusal(text, strlen(text), out, cap);
}

static void test_refusal_taken(void)
{
    char out[256];
    CHECK(refusal("refused\nkiosk-provision.ini line 4: [network] backend_url: bad\n", out,
                  sizeof out));
    CHECK_EQ_STR(out, "kiosk-provision.ini line 4: [network] backend_url: bad");
    CHECK(refusal("refused\nno newline at the end", out, sizeof out));
    CHECK_EQ_STR(out, "no newline at the end");
    char small[8];
    CHECK(refusal("refused\nkiosk-provision.ini line 4\n", small, sizeof small));
    CHECK_EQ_STR(small, "kiosk-p");
}

static void test_others_show_nothing(void)
{
    static const char *const texts[] = {
        "applied\nkiosk-provision.ini applied to /etc/kiosk/provisioned.ini\n",
        "refused\n",
        "refused\n\nreason on line 3\n",
        "refused",
        "Refused\nreason\n",
        "refused \nreason\n",
        "refused\nreason with a tab\there\n",
        "refused\nreason with \xd8\xb3 Arabic\n",
        "",
    };
    for (size_t i = 0; i < CHECK_COUNT(texts); i++) {
        char out[64] = "untouched";
        if (refusal(texts[i], out, sizeof out) || out[0])
            check_fail(__FILE__, __LINE__, "text %zu shows \"%s\"", i, out);
    }
    char big[KS_PROVISION_STATUS_MAX + 2];
    memset(big, 'a', sizeof big);
    memcpy(big, "refused\n", 8);
    char out[64];
    CHECK(!ks_provision_status_refusal(big, sizeof big, out, sizeof out));
    CHECK(ks_provision_status_refusal(big, KS_PROVISION_STATUS_MAX, out, sizeof out));
    CHECK(!ks_provision_status_refusal("refused\nx\0y", 11, out, sizeof out));
}

static void test_read_from_file(void)
{
    char path[512], out[128];
    snprintf(path, sizeof path, "%s/provisioning", check_tmp_dir());
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("refused\nkiosk-provision.ini line 2: [store] id: expected 1-32 characters\n", f);
    fclose(f);
    CHECK(ks_provision_status_read(path, out, sizeof out));
    CHECK_EQ_STR(out, "kiosk-provision.ini line 2: [store] id: expected 1-32 characters");
    remove(path);
    CHECK(!ks_provision_status_read(path, out, sizeof out));
    CHECK_EQ_STR(out, "");
}

static const struct check_case cases[] = {
    {"a refusal's reason is taken", test_refusal_taken},
    {"anything else shows nothing", test_others_show_nothing},
    {"read from the file", test_read_from_file},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
