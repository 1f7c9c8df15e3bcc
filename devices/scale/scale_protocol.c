/* Produce-scale wire protocols: see devices/scale/scale_protocol.h. */
#include "devices/scale/scale_protocol.h"

#include <stdio.h>
#include <string.h>

#define STX 0x02
#define ETX 0x03
#define LF 0x0a
#define CR 0x0d

/* The heaviest weight the wire formats carry: 99.999 kg. */
#define WIRE_MAX_GRAMS 99999

/*
 * Mettler Toledo 8217 status byte after '?': bit 6 always set, bit 7 parity
 * (Magellan 8500 / METTLER TOLEDO DIVA service manual, 6.1.4.3).
 */
enum {
    MT_MOTION = 1 << 0,
    MT_OVER = 1 << 1,
    MT_UNDER = 1 << 2,
    MT_NO_ZERO = 1 << 3, /* outside the zero capture range: not zeroed */
    MT_AT_ZERO = 1 << 4, /* centre of zero */
    MT_NET = 1 << 5,     /* net weight (a tare is set); no bearing on trade here */
};

/*
 * NCI / SCP-01 status bytes: bits 4 and 5 always set, bit 7 parity; in the
 * second and later bytes bit 6 says another status byte follows (NCI 7800
 * and Avery Weigh-Tronix 7821 manuals, Magellan DIVA manual "S" command).
 */
enum {
    NCI_ALWAYS = 0x30,
    NCI_FOLLOWS = 1 << 6,
    NCI1_MOTION = 1 << 0,
    NCI1_AT_ZERO = 1 << 1,
    NCI1_RAM_ERROR = 1 << 2,
    NCI1_EEPROM_ERROR = 1 << 3,
    NCI2_UNDER = 1 << 0,
    NCI2_OVER = 1 << 1,
    NCI2_ROM_ERROR = 1 << 2,
    NCI2_CALIBRATION = 1 << 3,
};

/* Most status bytes an NCI reply may carry (the manuals define three, allow a fourth). */
#define NCI_STATUS_MAX 4

size_t dev_scale_request(enum dev_scale_dialect dialect, uint8_t *out, size_t cap)
{
    const char *req = dialect == DEV_SCALE_MAGELLAN ? "S14\r"
                      : dialect == DEV_SCALE_MT8217 ? "W"
                                                    : "W\r";
    size_t n = strlen(req);
    if (!out || cap < n)
        return 0;
    memcpy(out, req, n);
    return n;
}

uint8_t dev_scale_reply_end(enum dev_scale_dialect dialect)
{
    return dialect == DEV_SCALE_NCI ? ETX : CR;
}

static bool parse_digits(const uint8_t *s, size_t n, int64_t *v)
{
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return n > 0;
}

/*
 * "  -12.345" (spaces, optional minus, 1-2 digits, point, min_frac..3
 * decimals) -> grams; negative stays negative.
 */
static bool parse_kg(const uint8_t *s, size_t n, size_t min_frac, int64_t *grams)
{
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    bool negative = i < n && s[i] == '-';
    if (negative)
        i++;
    const uint8_t *dot = memchr(s + i, '.', n - i);
    if (!dot)
        return false;
    size_t whole = (size_t)(dot - (s + i));
    size_t frac = n - i - whole - 1;
    int64_t kg, g;
    if (whole < 1 || whole > 2 || frac < min_frac || frac > 3 || !parse_digits(s + i, whole, &kg) ||
        !parse_digits(dot + 1, frac, &g))
        return false;
    for (size_t f = frac; f < 3; f++)
        g *= 10; /* 12.34 kg is 12 340 g */
    *grams = (kg * 1000 + g) * (negative ? -1 : 1);
    return true;
}

static void set(struct dev_scale_reading *out, enum dev_scale_status status, int64_t grams)
{
    out->status = status;
    out->grams = status == DEV_SCALE_STABLE ? grams : 0;
}

static bool parse_magellan(const uint8_t *b, size_t len, struct dev_scale_reading *out)
{
    if (len < 5 || b[0] != 'S' || b[1] != '1' || b[len - 1] != CR)
        return false;
    const uint8_t *w = NULL;
    size_t wlen = 0;
    if (b[2] == '1') {
        w = b + 3;
        wlen = len - 4;
    } else if (b[2] == '4' && len == 5) {
        static const enum dev_scale_status word[] = {DEV_SCALE_NO_ZERO, DEV_SCALE_UNSTABLE,
                                                     DEV_SCALE_OVERLOAD, DEV_SCALE_STABLE};
        if (b[3] == '5') {
            set(out, DEV_SCALE_UNDER_ZERO, 0);
            return true;
        }
        if (b[3] < '0' || b[3] > '3')
            return false;
        set(out, word[b[3] - '0'], 0);
        return true;
    } else if (b[2] == '4' && b[3] == '4') {
        w = b + 4;
        wlen = len - 5;
    } else
        return false;
    int64_t v;
    if ((wlen != 4 && wlen != 5) || !parse_digits(w, wlen, &v))
        return false;
    /* 4 digits are hundredths of a pound: the scale is set up for another market */
    set(out, wlen == 5 ? DEV_SCALE_STABLE : DEV_SCALE_ERROR, v);
    return true;
}

static bool parse_mt8217(const uint8_t *b, size_t len, struct dev_scale_reading *out)
{
    if (len < 3 || b[0] != STX || b[len - 1] != CR)
        return false;
    if (b[1] == '?') {
        if (len != 4 || b[2] < 0x40 || b[2] > 0x7f)
            return false;
        unsigned bits = b[2] & 0x3f;
        if (bits & MT_OVER)
            set(out, DEV_SCALE_OVERLOAD, 0);
        else if (bits & MT_UNDER)
            set(out, DEV_SCALE_UNDER_ZERO, 0);
        else if (bits & MT_NO_ZERO)
            set(out, DEV_SCALE_NO_ZERO, 0);
        else if (bits & MT_MOTION)
            set(out, DEV_SCALE_UNSTABLE, 0);
        else if (bits & MT_AT_ZERO)
            set(out, DEV_SCALE_STABLE, 0);
        else
            set(out, DEV_SCALE_ERROR, 0); /* a status with nothing wrong in it */
        return true;
    }
    int64_t grams;
    /* three decimals: two would be pounds (the 8217 sends no unit) */
    if (!parse_kg(b + 1, len - 2, 3, &grams))
        return false;
    set(out, grams < 0 ? DEV_SCALE_UNDER_ZERO : DEV_SCALE_STABLE, grams);
    return true;
}

/* True when c is an NCI status byte; follows says whether bit 6 may be set. */
static bool nci_status_byte(uint8_t c, bool follows_allowed)
{
    uint8_t fixed = follows_allowed ? (uint8_t)(c & ~NCI_FOLLOWS) : c;
    return (fixed & 0xf0) == NCI_ALWAYS;
}

static bool parse_nci(const uint8_t *b, size_t len, struct dev_scale_reading *out)
{
    /* LF weight unit CR LF s1 s2 [s3 ...] CR ETX: at least 1 + 4 + 2 + 1 + 3 + 2 */
    if (len < 13 || b[0] != LF || b[len - 1] != ETX || b[len - 2] != CR)
        return false;
    const uint8_t *cr = memchr(b, CR, len);
    size_t wlen = (size_t)(cr - b); /* LF + weight + unit */
    if (wlen < 4 || (b[wlen - 2] != 'k' && b[wlen - 2] != 'K') ||
        (b[wlen - 1] != 'g' && b[wlen - 1] != 'G'))
        return false;
    /* the status block: LF s1 s2 [s3 s4] CR ETX, each byte's bit 6 announcing the next */
    const uint8_t *st = cr + 2;
    size_t count = len - (wlen + 2) - 2;
    if (cr[1] != LF || count < 2 || count > NCI_STATUS_MAX || !nci_status_byte(st[0], false))
        return false;
    for (size_t i = 1; i < count; i++) {
        bool last = i + 1 == count;
        if (!nci_status_byte(st[i], true) || ((st[i] & NCI_FOLLOWS) != 0) == last)
            return false;
    }
    int64_t grams;
    if (!parse_kg(b + 1, wlen - 3, 2, &grams))
        return false;
    unsigned s1 = st[0] & 0x0f, s2 = st[1] & 0x0f;
    if ((s1 & (NCI1_RAM_ERROR | NCI1_EEPROM_ERROR)) || (s2 & (NCI2_ROM_ERROR | NCI2_CALIBRATION)))
        set(out, DEV_SCALE_ERROR, 0);
    else if (s2 & NCI2_OVER)
        set(out, DEV_SCALE_OVERLOAD, 0);
    else if ((s2 & NCI2_UNDER) || grams < 0)
        set(out, DEV_SCALE_UNDER_ZERO, 0);
    else if (s1 & NCI1_MOTION)
        set(out, DEV_SCALE_UNSTABLE, 0);
    else
        set(out, DEV_SCALE_STABLE, grams);
    return true;
}

bool dev_scale_parse_reply(enum dev_scale_dialect dialect, const uint8_t *buf, size_t len,
                           struct dev_scale_reading *out)
{
    if (!out)
        return false;
    set(out, DEV_SCALE_ERROR, 0);
    if (!buf || len > DEV_SCALE_REPLY_MAX)
        return false;
    bool ok = false;
    switch (dialect) {
    case DEV_SCALE_MAGELLAN:
        ok = parse_magellan(buf, len, out);
        break;
    case DEV_SCALE_MT8217:
        ok = parse_mt8217(buf, len, out);
        break;
    case DEV_SCALE_NCI:
        ok = parse_nci(buf, len, out);
        break;
    }
    if (!ok)
        set(out, DEV_SCALE_ERROR, 0);
    return ok;
}

/* Copies text into out, refusing truncation; the length written. */
static size_t emit(uint8_t *out, size_t cap, const char *text)
{
    size_t n = strlen(text);
    if (n > cap)
        return 0;
    memcpy(out, text, n);
    return n;
}

size_t dev_scale_reply_build(enum dev_scale_dialect dialect, const struct dev_scale_reading *r,
                             uint8_t *out, size_t cap)
{
    if (!r || !out || r->grams < 0 || r->grams > WIRE_MAX_GRAMS || r->status > DEV_SCALE_ERROR)
        return 0;
    char text[DEV_SCALE_REPLY_MAX + 1];
    long long g = r->grams;
    switch (dialect) {
    case DEV_SCALE_MAGELLAN: {
        static const char word[] = {
            [DEV_SCALE_NO_ZERO] = '0',
            [DEV_SCALE_UNSTABLE] = '1',
            [DEV_SCALE_OVERLOAD] = '2',
            [DEV_SCALE_UNDER_ZERO] = '5',
        };
        if (r->status == DEV_SCALE_STABLE && g == 0)
            snprintf(text, sizeof(text), "S143\r");
        else if (r->status == DEV_SCALE_STABLE)
            snprintf(text, sizeof(text), "S144%05lld\r", g);
        else if (r->status != DEV_SCALE_ERROR && word[r->status])
            snprintf(text, sizeof(text), "S14%c\r", word[r->status]);
        else
            return 0;
        break;
    }
    case DEV_SCALE_MT8217: {
        /* DEV_SCALE_ERROR: a status byte with no condition set */
        static const unsigned bits[] = {
            [DEV_SCALE_UNSTABLE] = MT_MOTION,
            [DEV_SCALE_OVERLOAD] = MT_OVER,
            [DEV_SCALE_UNDER_ZERO] = MT_UNDER,
            [DEV_SCALE_NO_ZERO] = MT_NO_ZERO,
        };
        if (r->status == DEV_SCALE_STABLE)
            snprintf(text, sizeof(text), "\x02%02lld.%03lld\r", g / 1000, g % 1000);
        else
            snprintf(text, sizeof(text), "\x02?%c\r", (char)(0x40 | bits[r->status]));
        break;
    }
    case DEV_SCALE_NCI: {
        static const unsigned bits[][2] = {
            [DEV_SCALE_UNSTABLE] = {NCI1_MOTION, 0},
            [DEV_SCALE_OVERLOAD] = {0, NCI2_OVER},
            [DEV_SCALE_UNDER_ZERO] = {0, NCI2_UNDER},
            [DEV_SCALE_ERROR] = {NCI1_RAM_ERROR, 0},
        };
        if (r->status == DEV_SCALE_NO_ZERO)
            return 0;
        long long shown = r->status == DEV_SCALE_STABLE ? g : 0;
        snprintf(text, sizeof(text), "\n%02lld.%03lldkg\r\n%c%c\r\x03", shown / 1000, shown % 1000,
                 (char)(NCI_ALWAYS | bits[r->status][0]), (char)(NCI_ALWAYS | bits[r->status][1]));
        break;
    }
    default:
        return 0;
    }
    return emit(out, cap, text);
}

bool dev_scale_accept(const struct dev_scale_reading *r, int64_t max_grams, int64_t *grams)
{
    if (!r || !grams || r->status != DEV_SCALE_STABLE || r->grams < 0 || r->grams > max_grams)
        return false;
    *grams = r->grams;
    return true;
}

const char *dev_scale_status_name(enum dev_scale_status status)
{
    switch (status) {
    case DEV_SCALE_STABLE:
        return "stable";
    case DEV_SCALE_UNSTABLE:
        return "unstable";
    case DEV_SCALE_OVERLOAD:
        return "over capacity";
    case DEV_SCALE_UNDER_ZERO:
        return "under zero";
    case DEV_SCALE_NO_ZERO:
        return "not zeroed";
    case DEV_SCALE_ERROR:
        return "error";
    }
    return "unknown";
}
