/* QR codes as widgets (see kiosk/screens/qr_widget.h). */
#include "kiosk/screens/qr_widget.h"

#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "ui/widget_class.h"

#define QUIET_ZONE 4

struct qr {
    struct ui_widget base;
    int modules;
    unsigned char *dark; /* owned: modules * modules, 1 = dark */
    char text[KS_QR_TEXT_MAX + 1];
};

static const struct ui_widget_class qr_class;

static struct qr *as_qr(const struct ui_widget *w)
{
    return ui_widget_is(w, &qr_class) ? (struct qr *)(void *)w : NULL;
}

static void qr_draw(struct ui_widget *w)
{
    const struct qr *q = as_qr(w);
    SDL_Rect box = ui_widget_content(w);
    int side = box.w < box.h ? box.w : box.h;
    int total = q->modules + 2 * QUIET_ZONE;
    int px = side / total; /* whole pixels per module: crisp edges for the camera */
    if (px < 1)
        px = 1;
    int drawn = px * total;
    int x0 = box.x + (box.w - drawn) / 2, y0 = box.y + (box.h - drawn) / 2;
    struct ui_draw *d = w->tree->draw;
    const SDL_Color white = {255, 255, 255, 255}, black = {0, 0, 0, 255};
    ui_draw_fill(d, (SDL_Rect){x0, y0, drawn, drawn}, white);
    int ox = x0 + QUIET_ZONE * px, oy = y0 + QUIET_ZONE * px;
    for (int y = 0; y < q->modules; y++) {
        const unsigned char *row = q->dark + (size_t)y * (size_t)q->modules;
        for (int x = 0; x < q->modules;) {
            if (!row[x]) {
                x++;
                continue;
            }
            int run = x;
            while (run < q->modules && row[run])
                run++;
            ui_draw_fill(d, (SDL_Rect){ox + x * px, oy + y * px, (run - x) * px, px}, black);
            x = run;
        }
    }
}

static void qr_destroy(struct ui_widget *w)
{
    free(as_qr(w)->dark);
}

static const struct ui_widget_class qr_class = {
    .name = "qr",
    .size = sizeof(struct qr),
    .draw = qr_draw,
    .destroy = qr_destroy,
};

struct ui_widget *ks_qr_new(const char *text, int size_px)
{
    if (!text || strnlen(text, KS_QR_TEXT_MAX + 1) > KS_QR_TEXT_MAX)
        return NULL;
    QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!code)
        return NULL;
    struct ui_widget *w = ui_widget_new(&qr_class);
    struct qr *q = as_qr(w);
    if (!q)
        goto error;
    q->modules = code->width;
    memcpy(q->text, text, strlen(text) + 1);
    q->dark = malloc((size_t)code->width * (size_t)code->width);
    if (!q->dark)
        goto error;
    for (size_t i = 0; i < (size_t)code->width * (size_t)code->width; i++)
        q->dark[i] = code->data[i] & 1;
    QRcode_free(code);
    w->width = w->height = size_px > 0 ? size_px : 1;
    return w;
error:
    QRcode_free(code);
    ui_widget_free(w);
    return NULL;
}

const char *ks_qr_text(const struct ui_widget *w)
{
    const struct qr *q = as_qr(w);
    return q ? q->text : NULL;
}

int ks_qr_modules(const struct ui_widget *w)
{
    const struct qr *q = as_qr(w);
    return q ? q->modules : 0;
}

bool ks_qr_module(const struct ui_widget *w, int x, int y)
{
    const struct qr *q = as_qr(w);
    if (!q || x < 0 || y < 0 || x >= q->modules || y >= q->modules)
        return false;
    return q->dark[(size_t)y * (size_t)q->modules + (size_t)x] != 0;
}
