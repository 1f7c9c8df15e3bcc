/* Customer order numbers per kiosk series: see kiosk/domain/order_number.h. */
#include "kiosk/domain/order_number.h"

/* The power of ten n is written under: 1000 for n < 1000, else the first above n. */
static int64_t width_of(int64_t n)
{
    int64_t width = 1000;
    while (n >= width)
        width *= 10;
    return width;
}

int32_t ks_order_number(int series, int64_t n)
{
    if (series < 0 || series > KS_ORDER_SERIES_MAX || n < 1 || n > KS_ORDER_SEQUENCE_MAX)
        return 0;
    if (series == 0)
        return (int32_t)n;
    return (int32_t)(series * width_of(n) + n);
}

int64_t ks_order_number_sequence(int series, int64_t number)
{
    if (series < 0 || series > KS_ORDER_SERIES_MAX || number < 1)
        return 0;
    if (series == 0)
        return number <= KS_ORDER_SEQUENCE_MAX ? number : 0;
    for (int64_t width = 1000; width <= 10 * (int64_t)KS_ORDER_SEQUENCE_MAX; width *= 10) {
        int64_t n = number - series * width;
        /* n must have been written under exactly this width. */
        if (n >= 1 && n < width && (width == 1000 || n >= width / 10))
            return ks_order_number(series, n) == number ? n : 0;
    }
    return 0;
}
