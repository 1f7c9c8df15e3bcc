/* E-receipts: see kiosk/backend/backend_receipt.h. */
#define LOG_TAG "backend_receipt"
#include "kiosk/backend/backend_receipt.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/printer/profile.h"
#include "devices/printer/raster_png.h"
#include "kiosk/common/bounded_file.h"
#include "kiosk/common/log.h"
#include "kiosk/render/doc_html.h"
#include "kiosk/render/doc_raster.h"
#include "kiosk/render/receipt.h"

struct ks_backend_receipts {
    ks_config cfg; /* the receipt layout's settings: seller, VAT number, offset */
    char fonts[KS_BACKEND_PATH_MAX + 1];
    ks_doc_renderer *renderer; /* owned; made at the first PNG */
    char *css;                 /* owned: the riyal sign's fonts for the page; NULL without them */
};

/* The riyal sign's faces in the fonts folder (assets/fonts/README.md), a few KiB each. */
static const struct {
    const char *file;
    int weight;
} riyal_faces[] = {{"SaudiRiyal-Regular.otf", 400}, {"SaudiRiyal-Bold.otf", 700}};
#define RIYAL_FACE_MAX 65536

/*
 * @font-face rules that give the page the riyal sign (U+20C1) from the
 * fonts folder, inline (the page loads nothing); NULL when a face cannot be
 * read (logged: the page then shows the phone's own glyph, if it has one).
 */
static char *riyal_css(const char *fonts)
{
    char *css = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&css, &size);
    bool ok = out != NULL;
    for (size_t i = 0; ok && i < sizeof riyal_faces / sizeof riyal_faces[0]; i++) {
        char path[KS_BACKEND_PATH_MAX + 64], why[KS_BACKEND_PATH_MAX + 96];
        snprintf(path, sizeof path, "%s/%s", fonts, riyal_faces[i].file);
        size_t len = 0;
        char *face = ks_bounded_file_read(path, RIYAL_FACE_MAX, &len, why, sizeof why);
        char *b64 = face && len <= RIYAL_FACE_MAX ? malloc(4 * ((len + 2) / 3) + 1) : NULL;
        ok = b64 != NULL;
        if (ok) {
            EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)face, (int)len);
            fprintf(out,
                    "@font-face{font-family:\"Saudi Riyal\";font-weight:%d;unicode-range:U+20C1;"
                    "src:url(data:font/otf;base64,%s) format(\"opentype\")}",
                    riyal_faces[i].weight, b64);
        } else {
            LOG_WARN("e-receipt pages without the riyal sign's font: %s", face ? path : why);
        }
        free(b64);
        free(face);
    }
    if (out && fclose(out) != 0)
        ok = false;
    if (!ok) {
        free(css);
        return NULL;
    }
    return css;
}

bool ks_backend_receipt_path(const char *path, char out[KS_RECEIPT_TOKEN_LEN + 1], bool *png)
{
    static const char prefix[] = KS_BACKEND_RECEIPT_PREFIX;
    if (!path || strncmp(path, prefix, sizeof prefix - 1) != 0)
        return false;
    const char *token = path + sizeof prefix - 1;
    if (strnlen(token, KS_RECEIPT_TOKEN_LEN) < KS_RECEIPT_TOKEN_LEN)
        return false;
    const char *rest = token + KS_RECEIPT_TOKEN_LEN;
    if (strcmp(rest, "") != 0 && strcmp(rest, ".png") != 0)
        return false;
    memcpy(out, token, KS_RECEIPT_TOKEN_LEN);
    out[KS_RECEIPT_TOKEN_LEN] = '\0';
    *png = rest[0] != '\0';
    return ks_receipt_token_ok(out);
}

ks_backend_receipts *ks_backend_receipts_new(const ks_backend_config *cfg)
{
    ks_backend_receipts *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    const ks_backend_receipts_config *rc = &cfg->receipts;
    ks_config_defaults(&r->cfg);
    snprintf(r->cfg.store_name_ar, sizeof r->cfg.store_name_ar, "%s", rc->seller_ar);
    snprintf(r->cfg.store_name_en, sizeof r->cfg.store_name_en, "%s", rc->seller_en);
    snprintf(r->cfg.vat_number, sizeof r->cfg.vat_number, "%s", rc->vat_number);
    r->cfg.utc_offset_min = cfg->utc_offset_min;
    r->cfg.numerals = rc->arabic_indic ? KS_NUMERALS_ARABIC_INDIC : KS_NUMERALS_WESTERN;
    snprintf(r->fonts, sizeof r->fonts, "%s", rc->fonts);
    r->css = rc->vat_number[0] ? riyal_css(r->fonts) : NULL;
    return r;
}

void ks_backend_receipts_free(ks_backend_receipts *receipts)
{
    if (receipts) {
        ks_doc_renderer_free(receipts->renderer);
        free(receipts->css);
    }
    free(receipts);
}

/* The PNG of doc as the default printer profile prints it. */
static char *render_png(ks_backend_receipts *r, const ks_doc *doc, size_t *len)
{
    if (!r->renderer) {
        const dev_printer_profile *profile = dev_printer_profile_default();
        r->renderer = ks_doc_renderer_new(r->fonts, profile->width_dots, profile->dpi);
        if (!r->renderer) {
            LOG_ERROR("no receipt renderer: fonts missing from %s?", r->fonts);
            return NULL;
        }
    }
    dev_raster *raster = ks_doc_render(r->renderer, doc);
    char *png = raster ? dev_raster_png(raster, len) : NULL;
    dev_raster_free(raster);
    return png;
}

char *ks_backend_receipt_render(ks_backend_receipts *receipts, const ks_order *order,
                                const char *invoice_number, bool png, size_t *len)
{
    /*
     * What the kiosk printed, less the payment (the backend has only the
     * order): invoiced when the order was paid, its last change, with the
     * signed e-invoice's QR when the kiosk sent it.
     */
    const ks_receipt_input in = {
        .order = order,
        .cfg = &receipts->cfg,
        .issued_at = order->updated_at,
        .lang = order->lang,
        .qr = order->zatca_qr[0] ? order->zatca_qr : NULL, /* else phase 1, made here */
        .invoice_number = invoice_number,
    };
    ks_doc *doc = ks_receipt_layout(&in, KS_RECEIPT_INVOICE);
    char *out = NULL;
    if (doc && png) {
        out = render_png(receipts, doc, len);
    } else if (doc) {
        const ks_config *cfg = &receipts->cfg;
        const char *seller =
            (order->lang == KS_LANG_AR && cfg->store_name_ar[0]) || !cfg->store_name_en[0]
                ? cfg->store_name_ar
                : cfg->store_name_en;
        char title[320];
        if (invoice_number)
            snprintf(title, sizeof title, "%s %s", seller, invoice_number);
        else
            snprintf(title, sizeof title, "%s %s-%d", seller, order->business_date,
                     (int)order->number);
        out = ks_doc_html(doc, title, receipts->css, len);
    }
    if (!out)
        LOG_ERROR("the receipt of order %s cannot be made as %s", order->uuid,
                  png ? "PNG" : "a page");
    ks_doc_free(doc);
    return out;
}
