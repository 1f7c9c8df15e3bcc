/*
 * Every text the customer and staff screens show, in Arabic and English,
 * in one table (strings.c). Texts never carry printf formats: numbers are
 * put beside them by the screens, so a translation cannot break a format
 * and Arabic word order never depends on where a number goes.
 */
#ifndef KIOSK_SCREENS_STRINGS_H
#define KIOSK_SCREENS_STRINGS_H

#include "kiosk/domain/money.h"

enum ks_str {
    /* attract, language, service */
    KS_STR_TOUCH_TO_ORDER,
    KS_STR_WELCOME,
    KS_STR_CHOOSE_LANGUAGE,
    KS_STR_LANGUAGE_NAME, /* the language's own name: "العربية", "English" */
    KS_STR_LARGE_TEXT,
    KS_STR_HIGH_CONTRAST,
    KS_STR_BACK,
    KS_STR_SERVICE_TITLE,
    KS_STR_DINE_IN,
    KS_STR_TAKEAWAY,
    KS_STR_START_OVER,
    KS_STR_REACH_HINT,
    /* menu */
    KS_STR_VIEW_ORDER,
    KS_STR_ORDER_EMPTY,
    KS_STR_SOLD_OUT,
    KS_STR_NEW,
    KS_STR_SPICY,
    KS_STR_OFFER,
    KS_STR_KCAL,
    KS_STR_ITEMS_IN_ORDER,
    /* item */
    KS_STR_REQUIRED,
    KS_STR_OPTIONAL,
    KS_STR_CHOOSE,
    KS_STR_UP_TO,
    KS_STR_TO,
    KS_STR_SIZE,
    KS_STR_NOTE,
    KS_STR_NOTE_NO_SALT,
    KS_STR_NOTE_SAUCE_SIDE,
    KS_STR_NOTE_CUT_HALF,
    KS_STR_ADD_TO_ORDER,
    KS_STR_UPDATE_ORDER,
    KS_STR_GROUP_FULL,
    /* upsell */
    KS_STR_UPSELL_TITLE,
    KS_STR_UPSELL_SUBTITLE,
    KS_STR_ADD,
    KS_STR_ADDED,
    KS_STR_NO_THANKS,
    KS_STR_CONTINUE,
    /* cart */
    KS_STR_CART_TITLE,
    KS_STR_SUBTOTAL,
    KS_STR_DISCOUNT,
    KS_STR_VAT,
    KS_STR_VAT_INCLUDED,
    KS_STR_TOTAL,
    KS_STR_PAY,
    KS_STR_ADD_MORE,
    KS_STR_EDIT,
    KS_STR_REMOVE,
    KS_STR_NOTE_LABEL,
    /* payment */
    KS_STR_HOW_TO_PAY,
    KS_STR_PAY_CARD,
    KS_STR_PAY_CARD_SUB,
    KS_STR_PAY_COUNTER,
    KS_STR_PAY_COUNTER_SUB,
    KS_STR_AMOUNT_DUE,
    KS_STR_INSERT_CARD,
    KS_STR_FOLLOW_TERMINAL,
    KS_STR_CANCEL,
    KS_STR_CANCELLING,
    KS_STR_DECLINED,
    KS_STR_DECLINED_SUB,
    KS_STR_TRY_AGAIN,
    KS_STR_BACK_TO_ORDER,
    KS_STR_ORDER_PROBLEM,
    /* printing, done */
    KS_STR_PRINTING,
    KS_STR_PRINTING_TICKET,
    KS_STR_PLEASE_WAIT,
    KS_STR_THANK_YOU,
    KS_STR_ORDER_NUMBER,
    KS_STR_TAKE_RECEIPT,
    KS_STR_PAY_AT_COUNTER_NOW,
    KS_STR_E_RECEIPT,
    KS_STR_CALL_NUMBER,
    KS_STR_FINISH,
    KS_STR_ASK_STAFF,
    /* idle */
    KS_STR_STILL_THERE,
    KS_STR_IDLE_SUB,
    KS_STR_STILL_HERE,
    /* staff */
    KS_STR_STAFF_ACCESS,
    KS_STR_ENTER_PIN,
    KS_STR_WRONG_PIN,
    KS_STR_PIN_LOCKED,
    KS_STR_OK,
    KS_STR_STAFF_TITLE,
    KS_STR_UNSENT_ORDERS,
    KS_STR_MENU_VERSION,
    KS_STR_DATABASE,
    KS_STR_UNPRINTED_JOBS,
    KS_STR_PRINTER,
    KS_STR_CARD_TERMINAL,
    KS_STR_ORDER_DELIVERY,
    KS_STR_DEVICE_OK,
    KS_STR_PAPER_NEAR_END,
    KS_STR_PAPER_OUT,
    KS_STR_COVER_OPEN,
    KS_STR_OFFLINE,
    KS_STR_UNPLUGGED,
    KS_STR_UNKNOWN,
    KS_STR_SIMULATED,
    KS_STR_REACHABLE,
    KS_STR_UNREACHABLE,
    KS_STR_UNREACHABLE_SINCE,
    KS_STR_NOT_CONFIGURED,
    KS_STR_SOLD_OUT_TITLE,
    KS_STR_AVAILABLE,
    KS_STR_REPRINT,
    KS_STR_CLOSE_KIOSK,
    KS_STR_OPEN_KIOSK,
    KS_STR_EXIT,
    KS_STR_OUT_OF_SERVICE,
    KS_STR_OUT_OF_SERVICE_SUB,
    KS_STR_COUNT
};

/* The text of id in lang (UTF-8, static); "" for an id out of range. */
const char *ks_str(enum ks_str id, enum ks_lang lang);

#endif
