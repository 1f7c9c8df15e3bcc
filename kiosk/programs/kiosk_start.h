/*
 * What a kiosk's start needs from its database before the first tree is
 * built: the file opened (migrated when older), the menu file imported
 * when it changed, the menu to serve parsed. None of it touches SDL, so a
 * screen's start runs it on a thread of its own while the main thread
 * starts SDL's video and opens the window and the fonts (issue #16), and
 * joins it before the first tree is built.
 */
#ifndef KIOSK_PROGRAMS_KIOSK_START_H
#define KIOSK_PROGRAMS_KIOSK_START_H

#include <stdbool.h>

#include "kiosk/app/config.h"
#include "kiosk/domain/catalog.h"
#include "kiosk/store/db.h"

typedef struct ks_start ks_start;

typedef struct ks_start_request {
    const ks_config *cfg; /* borrowed; unchanged until ks_start_wait returns */
    /* ks_db_open_check_later (the screen's run checks the whole file after its first frame);
     * false: ks_db_open, checked now. */
    bool check_later;
    bool menu_named; /* --menu given: the file is imported even when menus are pulled */
    bool threaded;   /* on a thread of its own (else in ks_start_begin's caller) */
} ks_start_request;

/*
 * Starts the load: on a thread when req->threaded and one can be made,
 * else at once in the caller. NULL (logged) when out of memory. Errors of
 * the load itself (a refused database, no menu) are logged where they
 * happen, as a start logged them, and reported by ks_start_wait.
 */
ks_start *ks_start_begin(const ks_start_request *req);

/*
 * Waits for the load's end; true when the database is open and a menu
 * is there to serve. Called again, it answers the same. NULL: false.
 */
bool ks_start_wait(ks_start *start);

/* After a ks_start_wait that answered true: the database and the menu (owned by start). */
ks_db *ks_start_db(const ks_start *start);
const ks_catalog *ks_start_catalog(const ks_start *start);

/* Waits for the load, then closes the database and frees the menu. NULL: nothing. */
void ks_start_free(ks_start *start);

/*
 * Imports the menu file at path unless it is the active menu already
 * (then nothing is parsed or written); a refused file leaves the active
 * menu serving (logged). When catalog is not NULL, *catalog receives the
 * menu just imported (NULL when the stored one stays: load it). False
 * when the file was not imported.
 */
bool ks_start_import_menu(ks_db *db, const char *path, ks_catalog **catalog);

#endif
