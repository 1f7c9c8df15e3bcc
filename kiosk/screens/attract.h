/*
 * The attract screen: promotions cycling full screen in both languages and
 * "touch to order"; a tap anywhere starts. The staff gesture lives here too:
 * a 3-second press on the store name in the top start corner, or five taps
 * on it within four seconds, asks for the staff PIN.
 */
#ifndef KIOSK_SCREENS_ATTRACT_H
#define KIOSK_SCREENS_ATTRACT_H

#include "kiosk/screens/screen.h"
#include "ui/theme.h"

extern const ks_screen_ops ks_screen_attract;

/*
 * The store's name as the hidden staff corner, in color, registered as
 * "staff-corner"; it sets the tree's long press to the gesture's 3 s, which
 * ks_attract_corner_leave sets back. Shared with the out-of-service screen.
 */
struct ui_widget *ks_attract_corner(ks_kiosk_ui *k, enum ui_color_role color);
void ks_attract_corner_leave(ks_kiosk_ui *k);

#endif
