/*
 * Customer order numbers that stay unique across the kiosks of a store
 * without asking anyone at the moment of sale (kiosk/docs/storage.md,
 * "Order numbers"). Each kiosk of a store is given its own series, a digit
 * 1-9 ([kiosk] number_series); its n-th order of a business day gets
 *
 *   series 2:  n = 1..999 -> 2001..2999, n = 1000..9999 -> 21000..29999, ...
 *
 * the series digit followed by n written in at least three digits. A number
 * shows its series in its first digit and its length says how many digits
 * of n follow, so two kiosks with different series can never give the
 * same number, and one kiosk never gives a number twice in a day, however
 * many orders it takes. Series 0 is the plain count 1, 2, 3 ... of a store
 * with one kiosk. Pure functions.
 */
#ifndef KIOSK_DOMAIN_ORDER_NUMBER_H
#define KIOSK_DOMAIN_ORDER_NUMBER_H

#include <stdint.h>

/* The highest series. */
#define KS_ORDER_SERIES_MAX 9
/* The most orders one kiosk numbers in a business day (the number stays an int32). */
#define KS_ORDER_SEQUENCE_MAX 99999999

/*
 * The customer number of the n-th order (1 <= n <= KS_ORDER_SEQUENCE_MAX)
 * of series (0-KS_ORDER_SERIES_MAX); 0 when either is out of range.
 */
int32_t ks_order_number(int series, int64_t n);

/*
 * The inverse: the n of number within series, or 0 when number is not one
 * of that series' numbers (another kiosk's, or a number written before the
 * series was set).
 */
int64_t ks_order_number_sequence(int series, int64_t number);

#endif
