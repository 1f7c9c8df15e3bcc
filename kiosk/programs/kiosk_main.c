/*
 * The kiosk program: configuration, the database, the menu import, then
 * the customer journey on screen (kiosk/programs/kiosk_loop.h); also
 * headless tools: renders of any screen, the demo, receipts.
 *
 *   kiosk [--config FILE]... [--db FILE] [--assets DIR] [--menu FILE]
 *         [--windowed] [--landscape] [--script FILE]
 *         [--terminal URI] [--printer URI]
 *         [--headless-demo] [--orders N] [--import-menu FILE]
 *   kiosk --config FILE... --check-config
 *   kiosk --config FILE... --enrol CODE [--force]
 *   kiosk --render SCREEN --lang ar|en --out FILE.png [--size WxH] [--item ID]
 *   kiosk --receipt demo|ORDER_UUID --out FILE.png|FILE.escpos
 *   kiosk --summary YYYY-MM-DD|today --out FILE.png|FILE.escpos
 *         [--printer-profile NAME] [--lang ar|en]
 */
#define LOG_TAG "kiosk"
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/printer/escpos.h"
#include "devices/printer/profile.h"
#include "devices/printer/raster_png.h"
#include "kiosk/app/config.h"
#include "kiosk/app/device_token.h"
#include "kiosk/common/bounded_file.h"
#include "kiosk/common/log.h"
#include "kiosk/app/headless_demo.h"
#include "kiosk/domain/menu_import.h"
#include "kiosk/programs/kiosk_loop.h"
#include "kiosk/programs/kiosk_start.h"
#include "kiosk/render/print_render.h"
#include "kiosk/render/receipt_demo.h"
#include "kiosk/store/report_store.h"
#include "kiosk/screens/screen_render.h"
#include "kiosk/screens/stage.h"
#include "kiosk/store/db.h"
#include "kiosk/store/menu_store.h"
#include "ui/sdl_on_demand.h"

/* The staff PIN of a demo run (no configuration file); a configured kiosk must name its own. */
#define DEMO_STAFF_PIN "1234"
/* --config files, each read on top of the ones before it. */
#define MAX_CONFIGS 4

struct options {
    const char *configs[MAX_CONFIGS];
    int n_configs;
    bool check_config; /* read the configuration, say what is wrong, and exit */
    const char *enrol; /* a one-time enrolment code to trade for the backend token */
    bool force;        /* --enrol over a token file already there */
    const char *db;
    const char *assets;
    const char *menu;
    const char *import_menu;
    bool demo;
    int orders;
    const char *receipt; /* "demo" or an order uuid */
    const char *summary; /* a business day "YYYY-MM-DD" or "today" */
    const char *out;
    const char *profile;
    const char *lang;
    const char *render; /* a screen to render headlessly */
    int width, height;  /* --size */
    const char *item;
    ks_loop_options loop;
};

static void usage(FILE *out)
{
    fputs("usage: kiosk [--config FILE]... [--db FILE] [--assets DIR] [--menu FILE]\n"
          "             [--windowed] [--landscape] [--script FILE]\n"
          "             [--terminal URI] [--printer URI]\n"
          "             [--headless-demo [--orders N]] [--import-menu FILE]\n"
          "       kiosk --config FILE... --check-config\n"
          "       kiosk --config FILE... --enrol CODE [--force]\n"
          "       kiosk --render SCREEN --lang ar|en --out FILE.png [--size WxH] [--item ID]\n"
          "  --config FILE       INI configuration (see README.md); given again (at most 4),\n"
          "                      each file's settings replace the ones before\n"
          "  --check-config      read the configuration as a kiosk start would, print the\n"
          "                      first problem with its file and line, and exit (0: good)\n"
          "  --enrol CODE        trade a one-time code (from the back office) for this\n"
          "                      kiosk's backend token, kept in [network] token_file;\n"
          "                      exit 0 enrolled, 1 failed, 3 code refused, 4 backend\n"
          "                      unreachable, 5 enrolled already (--force replaces it)\n"
          "  --db FILE           SQLite database (overrides [paths] database)\n"
          "  --assets DIR        assets folder (overrides [paths] assets)\n"
          "  --menu FILE         menu imported at start (overrides [paths] menu)\n"
          "  --windowed          a development window instead of the fullscreen kiosk\n"
          "  --landscape         a 1920x1080 screen instead of 1080x1920\n"
          "  --script FILE       drive the kiosk by a script on a virtual clock, then exit\n"
          "  --terminal URI      the card terminal (nexo+https://...; default: [devices]\n"
          "                      terminal, else simulated)\n"
          "  --printer URI       the receipt printer (usb://, tcp://, file://, sim://;\n"
          "                      default: [devices] printer, else simulated)\n"
          "  --headless-demo     place demo orders without a screen and print them (--demo)\n"
          "  --orders N          how many demo orders (default 3)\n"
          "  --import-menu FILE  import a menu file, report, and exit\n"
          "  --receipt demo|UUID write the receipt of the demo order or a stored order\n"
          "    --out FILE          as a PNG image (.png) or the printer's bytes (.escpos)\n"
          "    --printer-profile NAME  printer width and commands\n"
          "    --lang ar|en        the receipt's main language (default: the order's)\n"
          "  --summary DAY       write the end-of-day summary of DAY (YYYY-MM-DD or today)\n"
          "                      with --out, --printer-profile and --lang as for --receipt\n"
          "  --render SCREEN     draw one screen of the demo menu without a display:\n"
          "    attract language service menu item combo upsell cart payment-method payment\n"
          "    declined printing done idle staff-pin staff out-of-service\n"
          "    --lang ar|en --out FILE.png [--size WxH (default 1080x1920)] [--item ID]\n",
          out);
}

/* "540x960" -> 540, 960; each side 64..4096. */
static bool parse_size(const char *text, int *w, int *h)
{
    char *end;
    long a = strtol(text, &end, 10);
    if (end == text || *end != 'x')
        return false;
    const char *rest = end + 1;
    long b = strtol(rest, &end, 10);
    if (end == rest || *end || a < 64 || b < 64 || a > 4096 || b > 4096)
        return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}

static bool parse_options(int argc, char **argv, struct options *opt)
{
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'},
        {"check-config", no_argument, NULL, 'C'},
        {"enrol", required_argument, NULL, 'E'},
        {"force", no_argument, NULL, 'F'},
        {"db", required_argument, NULL, 'd'},
        {"assets", required_argument, NULL, 'a'},
        {"menu", required_argument, NULL, 'm'},
        {"demo", no_argument, NULL, 'D'},
        {"orders", required_argument, NULL, 'n'},
        {"import-menu", required_argument, NULL, 'i'},
        {"help", no_argument, NULL, 'h'},
        {"receipt", required_argument, NULL, 'r'},
        {"out", required_argument, NULL, 'o'},
        {"printer-profile", required_argument, NULL, 'p'},
        {"lang", required_argument, NULL, 'l'},
        {"headless-demo", no_argument, NULL, 'D'},
        {"render", required_argument, NULL, 'R'},
        {"size", required_argument, NULL, 's'},
        {"item", required_argument, NULL, 'I'},
        {"windowed", no_argument, NULL, 'W'},
        {"landscape", no_argument, NULL, 'L'},
        {"script", required_argument, NULL, 'S'},
        {"terminal", required_argument, NULL, 'T'},
        {"printer", required_argument, NULL, 'P'},
        {"summary", required_argument, NULL, 'Y'},
        {NULL, 0, NULL, 0},
    };
    *opt = (struct options){.orders = 3};
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            if (opt->n_configs == MAX_CONFIGS) {
                fprintf(stderr, "kiosk: at most %d --config files\n", MAX_CONFIGS);
                return false;
            }
            opt->configs[opt->n_configs++] = optarg;
            break;
        case 'C':
            opt->check_config = true;
            break;
        case 'E':
            opt->enrol = optarg;
            break;
        case 'F':
            opt->force = true;
            break;
        case 'd':
            opt->db = optarg;
            break;
        case 'a':
            opt->assets = optarg;
            break;
        case 'm':
            opt->menu = optarg;
            break;
        case 'D':
            opt->demo = true;
            break;
        case 'i':
            opt->import_menu = optarg;
            break;
        case 'r':
            opt->receipt = optarg;
            break;
        case 'Y':
            opt->summary = optarg;
            break;
        case 'o':
            opt->out = optarg;
            break;
        case 'p':
            opt->profile = optarg;
            break;
        case 'l':
            opt->lang = optarg;
            break;
        case 'R':
            opt->render = optarg;
            break;
        case 'I':
            opt->item = optarg;
            break;
        case 'W':
            opt->loop.windowed = true;
            break;
        case 'L':
            opt->loop.landscape = true;
            break;
        case 'S':
            opt->loop.script = optarg;
            break;
        case 'T':
            opt->loop.terminal_uri = optarg;
            break;
        case 'P':
            opt->loop.printer_uri = optarg;
            break;
        case 's':
            if (!parse_size(optarg, &opt->width, &opt->height)) {
                fprintf(stderr, "kiosk: --size must be WxH, e.g. 540x960\n");
                return false;
            }
            break;
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
        case 'h':
            usage(stdout);
            exit(0);
        default:
            usage(stderr);
            return false;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return false;
    }
    bool document = opt->receipt || opt->summary;
    if (opt->check_config && opt->n_configs == 0) {
        fprintf(stderr, "kiosk: --check-config needs --config FILE\n");
        return false;
    }
    if (opt->enrol && opt->n_configs == 0) {
        fprintf(stderr, "kiosk: --enrol needs --config FILE (the kiosk's id and backend)\n");
        return false;
    }
    if (opt->force && !opt->enrol) {
        fprintf(stderr, "kiosk: --force goes with --enrol\n");
        return false;
    }
    if (opt->receipt && opt->summary) {
        fprintf(stderr, "kiosk: --receipt or --summary, not both\n");
        return false;
    }
    if ((opt->out || opt->lang) && !document && !opt->render) {
        fprintf(stderr, "kiosk: --out and --lang go with --receipt, --summary or --render\n");
        return false;
    }
    if (opt->profile && !document) {
        fprintf(stderr, "kiosk: --printer-profile goes with --receipt or --summary\n");
        return false;
    }
    if ((opt->width || opt->item) && !opt->render) {
        fprintf(stderr, "kiosk: --size and --item go with --render\n");
        return false;
    }
    if (opt->render && (!opt->out || !opt->lang)) {
        fprintf(stderr, "kiosk: --render needs --lang ar|en and --out FILE.png\n");
        return false;
    }
    if (document && !opt->out) {
        fprintf(stderr, "kiosk: --receipt and --summary need --out FILE.png or FILE.escpos\n");
        return false;
    }
    if (opt->lang && strcmp(opt->lang, "ar") != 0 && strcmp(opt->lang, "en") != 0) {
        fprintf(stderr, "kiosk: --lang must be ar or en\n");
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

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

static bool write_bytes(const char *path, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

/* Writes the raster as PNG or, for .escpos, the job bytes for profile. */
static bool write_document(const char *path, const dev_raster *raster,
                           const dev_printer_profile *profile)
{
    if (ends_with(path, ".png"))
        return dev_raster_write_png(raster, path);
    dev_buffer job;
    dev_buffer_init(&job, (size_t)64 << 20);
    enum dev_escpos_error err = dev_escpos_build_job(&job, profile, raster);
    bool ok = err == DEV_ESCPOS_OK && write_bytes(path, job.data, job.len);
    if (err != DEV_ESCPOS_OK)
        LOG_ERROR("%s: %s", path, dev_escpos_strerror(err));
    dev_buffer_free(&job);
    return ok;
}

/* The printer profile of --receipt or --summary, once --out names a known format; NULL (logged)
 * otherwise. */
static const dev_printer_profile *document_profile(const struct options *opt)
{
    if (!ends_with(opt->out, ".png") && !ends_with(opt->out, ".escpos")) {
        LOG_ERROR("--out %s: the name must end in .png or .escpos", opt->out);
        return NULL;
    }
    const dev_printer_profile *profile =
        opt->profile ? dev_printer_profile_find(opt->profile) : dev_printer_profile_default();
    if (!profile)
        LOG_ERROR("no printer profile \"%s\"", opt->profile);
    return profile;
}

/* --summary: a business day's end-of-day summary (store-local day) as a file. */
static bool run_summary(ks_db *db, const ks_config *cfg, const struct options *opt)
{
    const dev_printer_profile *profile = document_profile(opt);
    if (!profile)
        return false;
    char day[11];
    if (strcmp(opt->summary, "today") == 0)
        ks_business_date((int64_t)time(NULL), cfg->utc_offset_min, cfg->business_day_start_min,
                         day);
    else if (!set_path(day, sizeof day, opt->summary))
        day[0] = '\0'; /* too long: ks_report_day refuses it */
    ks_day_report report;
    enum ks_db_error err = ks_report_day(db, cfg->store_id, day, &report);
    if (err != KS_DB_OK) {
        LOG_ERROR("--summary %s: %s", opt->summary, ks_db_strerror(err));
        return false;
    }
    enum ks_lang lang = cfg->language;
    if (opt->lang)
        lang = strcmp(opt->lang, "ar") == 0 ? KS_LANG_AR : KS_LANG_EN;
    char fonts[2048];
    snprintf(fonts, sizeof fonts, "%s/fonts", cfg->assets);
    const ks_print_request req = {
        .kind = KS_PRINT_SUMMARY,
        .report = &report,
        .issued_at = (int64_t)time(NULL),
        .lang = lang,
    };
    ks_print_renderer *renderer = ks_print_renderer_new(fonts, profile, cfg, lang);
    dev_raster *raster = renderer ? ks_print_render_raster(renderer, &req) : NULL;
    bool ok = raster && write_document(opt->out, raster, profile);
    if (ok)
        LOG_INFO("summary of %s written to %s: %lld orders paid", day, opt->out,
                 (long long)report.orders);
    else
        LOG_ERROR("the summary of %s cannot be written to %s", day, opt->out);
    dev_raster_free(raster);
    ks_print_renderer_free(renderer);
    return ok;
}

/* --receipt: the demo order's receipt, or a stored order's, as a file. */
static bool run_receipt(const ks_config *cfg, const struct options *opt)
{
    bool ok = false;
    ks_db *db = NULL;
    ks_order *demo = NULL;
    ks_print_renderer *renderer = NULL;
    dev_raster *raster = NULL;
    ks_print_stored stored = {0};
    const dev_printer_profile *profile = document_profile(opt);
    if (!profile)
        return false;
    char path[2048];
    ks_print_request req;
    ks_receipt_payment payment;
    if (strcmp(opt->receipt, "demo") == 0) {
        char err[256] = "";
        snprintf(path, sizeof path, "%s/menus/restaurant.json", cfg->assets);
        enum ks_lang lang = cfg->language;
        if (opt->lang)
            lang = strcmp(opt->lang, "ar") == 0 ? KS_LANG_AR : KS_LANG_EN;
        demo = ks_receipt_demo_order(path, cfg, lang, KS_RECEIPT_DEMO_LINES, err, sizeof err);
        if (!demo) {
            LOG_ERROR("demo receipt: %s", err);
            goto end;
        }
        payment = ks_receipt_demo_payment(demo);
        req = (ks_print_request){.kind = KS_PRINT_RECEIPT,
                                 .order = demo,
                                 .payment = &payment,
                                 .issued_at = KS_RECEIPT_DEMO_PAID_AT,
                                 .lang = lang};
    } else {
        enum ks_db_error db_err;
        db = ks_db_open(cfg->database, &db_err);
        if (db)
            db_err = ks_print_stored_load(db, opt->receipt, KS_PRINT_RECEIPT, &stored);
        if (db_err != KS_DB_OK) {
            LOG_ERROR("order %s: %s", opt->receipt, ks_db_strerror(db_err));
            goto end;
        }
        req = stored.req;
        if (opt->lang)
            req.lang = strcmp(opt->lang, "ar") == 0 ? KS_LANG_AR : KS_LANG_EN;
    }
    snprintf(path, sizeof path, "%s/fonts", cfg->assets);
    renderer = ks_print_renderer_new(path, profile, cfg, cfg->language);
    raster = renderer ? ks_print_render_raster(renderer, &req) : NULL;
    if (!raster) {
        LOG_ERROR("the receipt cannot be drawn (fonts in %s?)", path);
        goto end;
    }
    ok = write_document(opt->out, raster, profile);
    if (ok)
        LOG_INFO("receipt written to %s (%ux%u dots, %s)", opt->out, raster->width, raster->height,
                 profile->name);
    else
        LOG_ERROR("cannot write %s", opt->out);
end:
    dev_raster_free(raster);
    ks_print_renderer_free(renderer);
    ks_print_stored_free(&stored);
    ks_order_free(demo);
    ks_db_close(db);
    return ok;
}

/* --render: one screen of the menu file, drawn headlessly into a PNG. */
static bool run_render(const ks_config *cfg, const struct options *opt)
{
    if (!ks_stage_known(opt->render)) {
        fprintf(stderr, "kiosk: unknown screen \"%s\"; screens:", opt->render);
        for (size_t i = 0; i < ks_stage_count; i++)
            fprintf(stderr, " %s", ks_stage_names[i]);
        fputc('\n', stderr);
        return false;
    }
    size_t len;
    char why_read[PATH_MAX + 64];
    char *json =
        ks_bounded_file_read(cfg->menu, KS_MENU_MAX_BYTES, &len, why_read, sizeof why_read);
    if (!json) {
        LOG_ERROR("menu: %s", why_read);
        return false;
    }
    ks_menu_error menu_err = {0};
    ks_catalog *catalog = ks_menu_import(json, len, &menu_err);
    free(json);
    if (!catalog) {
        LOG_ERROR("menu %s refused: %s: %s", cfg->menu, menu_err.path, menu_err.reason);
        return false;
    }
    const ks_screen_render_request req = {
        .stage = opt->render,
        .lang = strcmp(opt->lang, "ar") == 0 ? KS_LANG_AR : KS_LANG_EN,
        .item_id = opt->item,
        .width = opt->width,
        .height = opt->height,
        .cfg = cfg,
        .catalog = catalog,
    };
    char why[512];
    bool ok = ks_screen_render_png(&req, opt->out, why, sizeof why);
    if (ok)
        LOG_INFO("%s written to %s", opt->render, opt->out);
    else
        LOG_ERROR("--render %s: %s", opt->render, why);
    ks_catalog_free(catalog);
    return ok;
}

/* Whether the run draws with SDL: the screens, a render, or a document rasterised to print. */
static bool uses_sdl(const struct options *opt)
{
    if (opt->render || opt->receipt || opt->summary)
        return true;
    return !opt->check_config && !opt->enrol && !opt->import_menu && !opt->demo;
}

int main(int argc, char **argv)
{
    int status = EXIT_FAILURE;
    ks_db *db = NULL;       /* --import-menu and --summary */
    ks_start *start = NULL; /* the screen's run and the demo */
    struct options opt;
    if (!parse_options(argc, argv, &opt))
        return 2;
    /*
     * SDL2 is not loaded before main (ui/sdl_on_demand.c): its libraries load on a thread
     * while this one reads the configuration and the start's thread opens the database and
     * the menu; the first SDL call waits for them. A screen's run starts that load only once
     * the start's thread exists: while a dlopen maps and relocates, glibc holds the lock that
     * pthread_create takes to set up a new thread's TLS, so the database waited for SDL2.
     */
    bool screens = uses_sdl(&opt) && !opt.render && !opt.receipt && !opt.summary;
    if (uses_sdl(&opt) && !screens)
        ui_sdl_load_early();

    ks_config cfg;
    ks_config_error cfg_err;
    ks_config_defaults(&cfg);
    for (int i = 0; i < opt.n_configs; i++) {
        if (!ks_config_load(&cfg, opt.configs[i], &cfg_err)) {
            LOG_ERROR("%s:%d: %s", opt.configs[i], cfg_err.line, cfg_err.message);
            goto end;
        }
    }
    if ((opt.db && !set_path(cfg.database, sizeof cfg.database, opt.db)) ||
        (opt.assets && !set_path(cfg.assets, sizeof cfg.assets, opt.assets)) ||
        (opt.menu && !set_path(cfg.menu, sizeof cfg.menu, opt.menu))) {
        LOG_ERROR("a path given on the command line is too long");
        goto end;
    }
    if (opt.receipt) {
        status = run_receipt(&cfg, &opt) ? EXIT_SUCCESS : EXIT_FAILURE;
        goto end;
    }
    if (opt.render) {
        status = run_render(&cfg, &opt) ? EXIT_SUCCESS : EXIT_FAILURE;
        goto end;
    }
    if (opt.enrol) {
        status = (int)ks_device_token_enrol(&cfg, opt.enrol, opt.force);
        goto end;
    }
    /* No PIN anyone could guess: a configured kiosk brings its own; only a demo run without a
     * configuration file gets the demo PIN. */
    if (!cfg.staff_pin[0] && opt.n_configs > 0) {
        LOG_ERROR("%s has no [kiosk] staff_pin (4-8 digits): a kiosk does not run with a default "
                  "staff PIN",
                  opt.configs[opt.n_configs - 1]);
        goto end;
    }
    if (opt.check_config) {
        LOG_INFO("configuration good");
        status = EXIT_SUCCESS;
        goto end;
    }
    if (!cfg.staff_pin[0]) {
        snprintf(cfg.staff_pin, sizeof cfg.staff_pin, "%s", DEMO_STAFF_PIN);
        LOG_WARN("no configuration file: demo run, staff PIN %s", DEMO_STAFF_PIN);
    }
    /*
     * The token the backend gets: the INI's, else the enrolled one (kiosk/app/device_token.h).
     * Not read by --check-config: provisioning runs that as root, and the file is the kiosk
     * user's alone; nor by a demo run without a configuration file.
     */
    if (opt.n_configs > 0 && !ks_device_token_apply(&cfg))
        goto end;

    if (opt.import_menu || opt.summary) {
        enum ks_db_error db_err;
        db = ks_db_open(cfg.database, &db_err);
        if (!db) {
            LOG_ERROR("database %s: %s", cfg.database, ks_db_strerror(db_err));
            goto end;
        }
        if (opt.import_menu)
            status = ks_start_import_menu(db, opt.import_menu, NULL) ? EXIT_SUCCESS : EXIT_FAILURE;
        else
            status = run_summary(db, &cfg, &opt) ? EXIT_SUCCESS : EXIT_FAILURE;
        goto end;
    }
    /*
     * The database and the menu: a screen's run loads them on a thread while
     * the loop opens the window and the fonts, and checks the whole file
     * after its first frame (kiosk_loop.c); the demo loads them here.
     */
    const ks_start_request sr = {
        .cfg = &cfg,
        .check_later = !opt.demo,
        .menu_named = opt.menu != NULL,
        .threaded = !opt.demo,
    };
    start = ks_start_begin(&sr);
    if (screens)
        ui_sdl_load_early();
    if (!start)
        goto end;
    if (opt.demo) {
        if (!ks_start_wait(start) ||
            !ks_headless_demo_run(ks_start_db(start), &cfg, ks_start_catalog(start), opt.orders,
                                  (int64_t)time(NULL), stdout))
            goto end;
        status = EXIT_SUCCESS;
        goto end;
    }
    if (!opt.loop.terminal_uri && cfg.terminal_uri[0])
        opt.loop.terminal_uri = cfg.terminal_uri;
    if (!opt.loop.printer_uri && cfg.printer_uri[0])
        opt.loop.printer_uri = cfg.printer_uri;
    status = ks_loop_run(&cfg, start, &opt.loop);
end:
    ks_start_free(start);
    ks_db_close(db);
    return status;
}
