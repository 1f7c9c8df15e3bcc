/* A printable document as a web page: see kiosk/render/doc_html.h. */
#include "kiosk/render/doc_html.h"

#include <qrencode.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* The quiet zone the QR standard asks for, in modules. */
#define QUIET_MODULES 4

/* The type sizes of doc.h, in the page's rem (a body row is 1rem). */
static const char *const font_sizes[KS_DOC_FONT_COUNT] = {
    [KS_DOC_TINY] = ".7rem",   [KS_DOC_SMALL] = ".8rem",  [KS_DOC_BODY] = "1rem",
    [KS_DOC_LARGE] = "1.2rem", [KS_DOC_TITLE] = "1.5rem", [KS_DOC_HUGE] = "2.6rem",
};

static const char style[] =
    "body{margin:0;background:#eee;color:#000;"
    "font-family:\"Saudi Riyal\",\"Noto Sans Arabic\",\"Noto Naskh Arabic\",\"Noto "
    "Sans\",sans-serif}"
    "main{box-sizing:border-box;max-width:28rem;margin:1rem auto;padding:1.25rem 1rem;"
    "background:#fff;box-shadow:0 1px 4px #0004}"
    "p{margin:.15rem 0;overflow-wrap:anywhere}"
    ".b{font-weight:bold}.start{text-align:start}.center{text-align:center}.end{text-align:end}"
    ".pair{display:flex;justify-content:space-between;gap:1rem;margin:.15rem 0}"
    ".sub{display:block;font-size:.8rem;color:#444}.amount{white-space:nowrap}"
    ".trio{display:grid;grid-template-columns:1fr auto 1fr;gap:.5rem;direction:ltr;"
    "margin:.15rem 0;align-items:baseline}"
    ".l,.r{font-size:.8rem}.l{text-align:left}.c{text-align:center}.r{text-align:right}"
    "hr{border:0;border-top:1px dashed #000;margin:.5rem 0}"
    ".qr{display:block;margin:.5rem auto;width:12rem;height:12rem}";

/* text with & < > " ' as entities; NULL writes nothing. */
static void escaped(FILE *out, const char *text)
{
    for (const char *p = text; p && *p; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fputc(*p, out);
        }
    }
}

/* The row's font size and weight as a style and class. */
static void font_attributes(FILE *out, const ks_doc_row *row, const char *classes)
{
    fprintf(out, " class=\"%s%s\" style=\"font-size:%s", classes, row->bold ? " b" : "",
            font_sizes[row->font]);
    if (row->indent > 0)
        fprintf(out, ";padding-inline-start:%drem", row->indent);
    fputs("\"", out);
}

/* The cells of a trio: its labels small (as on paper), its centre in the row's size. */
static void trio(FILE *out, const ks_doc_row *row)
{
    fputs("<div class=\"trio\"><span class=\"l\" lang=\"en\" dir=\"ltr\">", out);
    escaped(out, row->text);
    fprintf(out, "</span><span class=\"c\" dir=\"auto\" style=\"font-size:%s\">",
            font_sizes[row->font]);
    escaped(out, row->sub);
    fputs("</span><span class=\"r\" lang=\"ar\" dir=\"rtl\">", out);
    escaped(out, row->end);
    fputs("</span></div>\n", out);
}

/* The QR code of payload as an SVG image: one path, a rectangle per run of dark modules. */
static bool qr_svg(FILE *out, const char *payload)
{
    QRcode *code = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        return false;
    int side = code->width + 2 * QUIET_MODULES;
    fprintf(out,
            "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
            "role=\"img\" aria-label=\"QR\" shape-rendering=\"crispEdges\">"
            "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
            side, side, side, side);
    for (int y = 0; y < code->width; y++) {
        const unsigned char *row = code->data + (size_t)y * (size_t)code->width;
        for (int x = 0; x < code->width;) {
            if (!(row[x] & 1)) {
                x++;
                continue;
            }
            int run = 1;
            while (x + run < code->width && (row[x + run] & 1))
                run++;
            fprintf(out, "M%d %dh%dv1h-%dz", x + QUIET_MODULES, y + QUIET_MODULES, run, run);
            x += run;
        }
    }
    fputs("\"/></svg>\n", out);
    QRcode_free(code);
    return true;
}

static bool write_row(FILE *out, const ks_doc_row *row)
{
    static const char *const aligns[] = {
        [KS_DOC_START] = "start", [KS_DOC_CENTER] = "center", [KS_DOC_END] = "end"};
    switch (row->kind) {
    case KS_DOC_ROW_TEXT:
        fputs("<p", out);
        font_attributes(out, row, aligns[row->align]);
        fputs(" dir=\"auto\">", out);
        escaped(out, row->text);
        fputs("</p>\n", out);
        return true;
    case KS_DOC_ROW_PAIR:
        fputs("<div", out);
        font_attributes(out, row, "pair");
        fputs("><span dir=\"auto\">", out);
        escaped(out, row->text);
        if (row->sub) {
            fputs("<span class=\"sub\" dir=\"auto\">", out);
            escaped(out, row->sub);
            fputs("</span>", out);
        }
        fputs("</span><span class=\"amount\">", out);
        escaped(out, row->end);
        fputs("</span></div>\n", out);
        return true;
    case KS_DOC_ROW_TRIO:
        trio(out, row);
        return true;
    case KS_DOC_ROW_RULE:
        fputs("<hr>\n", out);
        return true;
    case KS_DOC_ROW_QR:
        return qr_svg(out, row->text);
    case KS_DOC_ROW_GAP:
        fprintf(out, "<div style=\"height:%d.%dmm\"></div>\n", row->gap_tenths_mm / 10,
                row->gap_tenths_mm % 10);
        return true;
    }
    return false;
}

char *ks_doc_html(const ks_doc *doc, const char *title, const char *css, size_t *len)
{
    if (!doc || !ks_doc_ok(doc))
        return NULL;
    char *page = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&page, &size);
    if (!out)
        return NULL;
    bool rtl = ks_doc_rtl(doc);
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta name=\"robots\" content=\"noindex\"><title>",
            rtl ? "ar" : "en", rtl ? "rtl" : "ltr");
    escaped(out, title);
    fprintf(out, "</title><style>%s%s</style></head>\n<body><main>\n", css ? css : "", style);
    size_t n = 0;
    const ks_doc_row *rows = ks_doc_rows(doc, &n);
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = write_row(out, &rows[i]);
    fputs("</main></body></html>\n", out);
    ok = fclose(out) == 0 && ok;
    if (!ok) {
        free(page);
        return NULL;
    }
    if (len)
        *len = size;
    return page;
}
