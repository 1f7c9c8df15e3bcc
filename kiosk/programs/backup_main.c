/*
 * kiosk-backup: backups of the programs' SQLite databases, taken while they
 * run, and their restore (kiosk/store/db_backup.h).
 *
 *   kiosk-backup [--keep N] DIR DATABASE...   one backup of each DATABASE into DIR,
 *                                             the N newest of each kept (default 48)
 *   kiosk-backup --restore BACKUP DATABASE    DATABASE's content replaced by BACKUP
 *                                             (stop its program first)
 *
 * kiosk-backup.timer runs the first form every hour on a box
 * (image/systemd/kiosk-backup.service). A database that does not exist is
 * skipped (a box runs the kiosk but no backend); any other failure makes
 * the exit status 1 after the other databases were backed up.
 */
#define LOG_TAG "backup"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "kiosk/common/log.h"
#include "kiosk/store/db_backup.h"

#define KEEP_DEFAULT 48

static int usage(FILE *to, int status)
{
    fputs("usage: kiosk-backup [--keep N] DIR DATABASE...\n"
          "       kiosk-backup --restore BACKUP DATABASE\n"
          "  --keep N           backups kept of each database (default 48)\n"
          "  --restore BACKUP   replace DATABASE's content with BACKUP (stop its program first)\n",
          to);
    return status;
}

static int back_up(const char *dir, char **dbs, int n, int keep)
{
    int status = 0;
    int64_t now = (int64_t)time(NULL);
    for (int i = 0; i < n; i++) {
        ks_backup_result r;
        char why[512];
        switch (ks_db_backup(dbs[i], dir, keep, now, &r, why, sizeof why)) {
        case KS_BACKUP_DONE:
            LOG_INFO("%s backed up to %s (%lld bytes; %d older removed)", dbs[i], r.path,
                     (long long)r.bytes, r.removed);
            break;
        case KS_BACKUP_NO_DATABASE:
            LOG_INFO("%s does not exist: skipped", dbs[i]);
            break;
        case KS_BACKUP_FAILED:
            LOG_ERROR("%s not backed up: %s", dbs[i], why);
            status = 1;
            break;
        }
    }
    return status;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"keep", required_argument, NULL, 'k'},
        {"restore", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *restore = NULL;
    int keep = KEEP_DEFAULT;
    for (int c; (c = getopt_long(argc, argv, "", options, NULL)) != -1;) {
        char *end = NULL;
        switch (c) {
        case 'k':
            keep = (int)strtol(optarg, &end, 10);
            if (!end || *end || keep < 1 || keep > 10000) {
                fprintf(stderr, "kiosk-backup: --keep wants a number from 1 to 10000\n");
                return 2;
            }
            break;
        case 'r':
            restore = optarg;
            break;
        case 'h':
            return usage(stdout, 0);
        default:
            return usage(stderr, 2);
        }
    }
    int rest = argc - optind;
    if (restore) {
        if (rest != 1)
            return usage(stderr, 2);
        char why[512];
        if (!ks_db_restore(restore, argv[optind], why, sizeof why)) {
            LOG_ERROR("not restored: %s", why);
            return 1;
        }
        LOG_INFO("%s restored from %s", argv[optind], restore);
        return 0;
    }
    if (rest < 2)
        return usage(stderr, 2);
    return back_up(argv[optind], argv + optind + 1, rest - 1, keep);
}
