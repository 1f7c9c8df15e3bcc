/*
 * A stepper: [ - ] value [ + ] for a quantity between a minimum and a
 * maximum. Each end's button is disabled at its bound; every change calls
 * the stepper's on_change. The value may be shown in Arabic-Indic digits.
 */
#ifndef UI_W_STEPPER_H
#define UI_W_STEPPER_H

#include "ui/digits.h"
#include "ui/widget.h"

/* A stepper over [min, max] showing value (clamped). NULL when min > max or on error. */
struct ui_widget *ui_stepper_new(int min, int max, int value);

/* The value; 0 when w is not a stepper. */
int ui_stepper_value(const struct ui_widget *w);
/* Sets the value (clamped) without calling on_change. */
void ui_stepper_set_value(struct ui_widget *w, int value);
void ui_stepper_set_digits(struct ui_widget *w, enum ui_digits digits);

#endif
