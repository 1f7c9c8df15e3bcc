/*
 * The kiosk program. Today: configuration, the database, the menu import
 * and the headless demo; the SDL journey joins here (issue 4).
 *
 *   kiosk [--config FILE] [--db FILE] [--assets DIR] [--menu FILE]
 *         [--demo] [--orders N] [--import-menu FILE]
 */
#define LOG_TAG "kiosk"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/app/config.h"
#include "kiosk/common/log.h"
#include "kiosk/app/headless_demo.h"
#include "kiosk/store/db.h"
#include "kiosk/store/menu_store.h"

#define MENU_FILE_MAX (32u * 1024u * 1024u)

struct options {
    const char *config;
    const char *db;
    const char *assets;
    const char *menu;
    const char *import_menu;
    bool demo;
    int orders;
};

static void usage(FILE *out)
{
    fputs("usage: kiosk [--config FILE] [--db FILE] [--assets DIR] [--menu FILE]\n"
          "             [--demo [--orders N]] [--import-menu FILE]\n"
          "  --config FILE       INI configuration (see README.md)\n"
          "  --db FILE           SQLite database (overrides [paths] database)\n"
          "  --assets DIR        assets folder (overrides [paths] assets)\n"
          "  --menu FILE         menu imported at start (overrides [paths] menu)\n"
          "  --demo              place demo orders headlessly and print them\n"
          "  --orders N          how many demo orders (default 3)\n"
          "  --import-menu FILE  import a menu file, report, and exit\n",
          out);
}

static bool parse_options(int argc, char **argv, struct options *opt)
{
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'}, {"db", required_argument, NULL, 'd'},
        {"assets", required_argument, NULL, 'a'}, {"menu", required_argument, NULL, 'm'},
        {"demo", no_argument, NULL, 'D'},         {"orders", required_argument, NULL, 'n'},
        {"import-menu", required_argument, NULL, 'i'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *opt = (struct options){.orders = 3};
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': opt->config = optarg; break;
        case 'd': opt->db = optarg; break;
        case 'a': opt->assets = optarg; break;
        case 'm': opt->menu = optarg; break;
        case 'D': opt->demo = true; break;
        case 'i': opt->import_menu = optarg; break;
        case 'n': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 10000) {
                fprintf(stderr, "kiosk: --orders must be 1..10000\n");
                return false;
            }
            opt->orders = (int)n;
            break;
        }
        case 'h': usage(stdout); exit(0);
        default: usage(stderr); return false;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return false;
    }
    return true;
}

static bool set_path(char *dst, size_t cap, const char *src)
{
    size_t len = strlen(src);
    if (len >= cap)
        return false;
    memcpy(dst, src, len + 1);
    return true;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(MENU_FILE_MAX + 1);
    size_t n = buf ? fread(buf, 1, MENU_FILE_MAX + 1, f) : 0;
    bool failed = !buf || ferror(f) || n > MENU_FILE_MAX;
    fclose(f);
    if (failed) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Imports a menu file; a refused file leaves the active menu serving. */
static bool import_menu(ks_db *db, const char *path)
{
    size_t len;
    char *json = read_file(path, &len);
    if (!json) {
        LOG_ERROR("cannot read menu %s (missing, unreadable or over %u bytes)", path, MENU_FILE_MAX);
        return false;
    }
    ks_menu_error menu_err = {0};
    enum ks_db_error err = ks_menu_store_import(db, json, len, (int64_t)time(NULL), NULL, &menu_err);
    free(json);
    if (err == KS_DB_ERR_BAD_MENU) {
        LOG_ERROR("menu %s refused: %s: %s (the previous menu keeps serving)", path, menu_err.path,
                  menu_err.reason);
        return false;
    }
    if (err != KS_DB_OK) {
        LOG_ERROR("menu %s not imported: %s", path, ks_db_strerror(err));
        return false;
    }
    LOG_INFO("menu %s imported", path);
    return true;
}

int main(int argc, char **argv)
{
    int status = EXIT_FAILURE;
    ks_db *db = NULL;
    ks_catalog *catalog = NULL;
    struct options opt;
    if (!parse_options(argc, argv, &opt))
        return 2;

    ks_config cfg;
    ks_config_error cfg_err;
    ks_config_defaults(&cfg);
    if (opt.config && !ks_config_load(&cfg, opt.config, &cfg_err)) {
        LOG_ERROR("%s:%d: %s", opt.config, cfg_err.line, cfg_err.message);
        goto end;
    }
    if ((opt.db && !set_path(cfg.database, sizeof cfg.database, opt.db)) ||
        (opt.assets && !set_path(cfg.assets, sizeof cfg.assets, opt.assets)) ||
        (opt.menu && !set_path(cfg.menu, sizeof cfg.menu, opt.menu))) {
        LOG_ERROR("a path given on the command line is too long");
        goto end;
    }

    enum ks_db_error db_err;
    db = ks_db_open(cfg.database, &db_err);
    if (!db) {
        LOG_ERROR("database %s: %s", cfg.database, ks_db_strerror(db_err));
        goto end;
    }

    if (opt.import_menu) {
        status = import_menu(db, opt.import_menu) ? EXIT_SUCCESS : EXIT_FAILURE;
        goto end;
    }
    import_menu(db, cfg.menu); /* on failure the stored menu keeps serving */
    catalog = ks_menu_store_load_active(db, &db_err);
    if (!catalog) {
        LOG_ERROR("no menu to serve: %s", ks_db_strerror(db_err));
        goto end;
    }
    LOG_INFO("serving menu %s", ks_catalog_version(catalog));

    if (opt.demo) {
        if (!ks_headless_demo_run(db, &cfg, catalog, opt.orders, (int64_t)time(NULL), stdout))
            goto end;
    }
    status = EXIT_SUCCESS;
end:
    ks_catalog_free(catalog);
    ks_db_close(db);
    return status;
}
