/*
 * The database and the menu a start serves, loaded beside the window's
 * opening (see kiosk/programs/kiosk_start.h). Its messages are the kiosk
 * program's, word for word what a start logged when it did this first.
 */
#define LOG_TAG "kiosk"
#include "kiosk/programs/kiosk_start.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "kiosk/common/log.h"
#include "kiosk/store/menu_store.h"

struct ks_start {
    ks_start_request req;
    ks_db *db;           /* owned, closed in ks_start_free; NULL until loaded */
    ks_catalog *catalog; /* owned, freed in ks_start_free; NULL until loaded */
    bool ok;             /* the load's verdict, read after the join */
    pthread_t thread;
    bool joinable;
};

bool ks_start_import_menu(ks_db *db, const char *path, ks_catalog **catalog)
{
    char why[PATH_MAX + 64] = "";
    ks_menu_error menu_err = {0};
    ks_catalog *imported = NULL;
    bool changed = false;
    enum ks_db_error err = ks_menu_store_import_file(db, path, (int64_t)time(NULL), &imported,
                                                     &changed, &menu_err, why, sizeof why);
    if (err == KS_DB_ERR_OPEN) {
        LOG_ERROR("menu not imported: %s", why);
        return false;
    }
    if (catalog)
        *catalog = imported;
    else
        ks_catalog_free(imported);
    if (err == KS_DB_ERR_BAD_MENU) {
        LOG_ERROR("menu %s refused: %s: %s (the previous menu keeps serving)", path, menu_err.path,
                  menu_err.reason);
        return false;
    }
    if (err != KS_DB_OK) {
        LOG_ERROR("menu %s not imported: %s", path, ks_db_strerror(err));
        return false;
    }
    LOG_INFO(changed ? "menu %s imported" : "menu %s unchanged since its import", path);
    return true;
}

/* The load itself, on whichever thread runs it: sets db, catalog and ok. */
static void load(ks_start *s)
{
    const ks_config *cfg = s->req.cfg;
    enum ks_db_error db_err;
    s->db = s->req.check_later ? ks_db_open_check_later(cfg->database, &db_err)
                               : ks_db_open(cfg->database, &db_err);
    if (!s->db) {
        LOG_ERROR("database %s: %s", cfg->database, ks_db_strerror(db_err));
        return;
    }
    /*
     * When the backend's menu is pulled, the menu file only seeds a kiosk
     * that has none yet (or is named with --menu): importing it at every
     * start would undo what was pulled.
     */
    ks_menu_info active;
    bool pulled = cfg->backend_url[0] && cfg->menu_poll_s > 0 && !s->req.menu_named &&
                  ks_menu_store_active_info(s->db, &active) == KS_DB_OK;
    if (!pulled) /* on failure the stored menu keeps serving */
        ks_start_import_menu(s->db, cfg->menu, &s->catalog);
    if (!s->catalog) /* the stored menu, parsed once */
        s->catalog = ks_menu_store_load_active(s->db, &db_err);
    if (!s->catalog) {
        LOG_ERROR("no menu to serve: %s", ks_db_strerror(db_err));
        return;
    }
    LOG_INFO("serving menu %s", ks_catalog_version(s->catalog));
    s->ok = true;
}

static void *load_thread(void *arg)
{
    load(arg);
    return NULL;
}

ks_start *ks_start_begin(const ks_start_request *req)
{
    ks_start *s = calloc(1, sizeof *s);
    if (!s) {
        LOG_ERROR("out of memory");
        return NULL;
    }
    s->req = *req;
    s->joinable = req->threaded && pthread_create(&s->thread, NULL, load_thread, s) == 0;
    if (!s->joinable) /* no thread wanted, or none to be had: loaded here */
        load(s);
    return s;
}

bool ks_start_wait(ks_start *start)
{
    if (!start)
        return false;
    if (start->joinable)
        pthread_join(start->thread, NULL);
    start->joinable = false;
    return start->ok;
}

ks_db *ks_start_db(const ks_start *start)
{
    return start ? start->db : NULL;
}

const ks_catalog *ks_start_catalog(const ks_start *start)
{
    return start ? start->catalog : NULL;
}

void ks_start_free(ks_start *start)
{
    if (!start)
        return;
    ks_start_wait(start);
    ks_catalog_free(start->catalog);
    ks_db_close(start->db);
    free(start);
}
