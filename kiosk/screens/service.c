/* Eat here or take away (see kiosk/screens/service.h). */
#include "kiosk/screens/service.h"

#include <stdint.h>
#include <stdio.h>

#include "kiosk/screens/kit.h"
#include "ui/w_container.h"

static void on_service(struct ui_widget *w, void *user)
{
    ks_ui_send_event(user,
                     (ks_event){.kind = KS_EV_CHOOSE_SERVICE,
                                .arg.service = (enum ks_service)(uintptr_t)ui_widget_user_data(w)});
}

static struct ui_widget *build(ks_kiosk_ui *k)
{
    struct ui_widget *body;
    struct ui_widget *root = ks_kit_screen(k, &body);
    ui_widget_add(body, ks_kit_header(k, KS_KIT_HEADER_BACK | KS_KIT_HEADER_START_OVER, NULL));
    ui_widget_add(body, ks_kit_fill());
    ui_widget_add(body, ks_kit_title(ks_ui_str(k, KS_STR_SERVICE_TITLE)));
    struct ui_widget *tiles = ui_widget_add(body, ui_row_new(32));
    ui_widget_set_size(tiles, UI_SIZE_FILL, k->session.reach ? UI_SIZE_FILL : 620);
    ui_widget_set_padding(tiles, (struct ui_insets){24, 24, KS_KIT_MARGIN, KS_KIT_MARGIN});
    ui_container_set_align(tiles, UI_ALIGN_STRETCH);
    struct ui_widget *here = ui_widget_add(
        tiles, ks_kit_tile(k, KS_PICTO_DINE_IN, ks_ui_str(k, KS_STR_DINE_IN), NULL, on_service,
                           (void *)(uintptr_t)KS_SERVICE_DINE_IN, "dine-in"));
    struct ui_widget *away = ui_widget_add(
        tiles, ks_kit_tile(k, KS_PICTO_TAKEAWAY, ks_ui_str(k, KS_STR_TAKEAWAY), NULL, on_service,
                           (void *)(uintptr_t)KS_SERVICE_TAKEAWAY, "takeaway"));
    ui_widget_set_size(here, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_set_size(away, UI_SIZE_FILL, UI_SIZE_FILL);
    ui_widget_add(body, ks_kit_fill());
    ui_widget_add(body, ks_kit_action_bar(k));
    return root;
}

const ks_screen_ops ks_screen_service = {.build = build};
