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

/* Mettler Toledo 8217 status byte after '?': 0x40 plus these bits. */
enum {
    MT_MOTION = 1 << 0,
    MT_AT_ZERO = 1 << 1,
    MT_RAM_ERROR = 1 << 2,
    MT_EEPROM_ERROR = 1 << 3,
    MT_UNDER = 1 << 4,
    MT_OVER = 1 << 5,
};

/* NCI status bytes after 'S': 0x30 plus these bits. */
enum {
    NCI1_MOTION = 1 << 0,
    NCI1_AT_ZERO = 1 << 1,
    NCI1_RAM_ERROR = 1 << 2,
    NCI1_EEPROM_ERROR = 1 << 3,
    NCI2_UNDER = 1 << 0,
    NCI2_OVER = 1 << 1,
    NCI2_ROM_ERROR = 1 << 2,
    NCI2_CALIBRATION = 1 << 3,
};

size_t dev_scale_request(enum dev_scale_dialect dialect, uint8_t *out, size_t cap)
{
    const char *req = dialect == DEV_SCALE_MAGELLAN ? "S14\r" : dialect == DEV_SCALE_MT8217 ? "W" : "W\r";
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

/* "  -12.345" (spaces, optional minus, 1-2 digits, point, 3 digits) -> grams; negative stays negative. */
static bool parse_kg(const uint8_t *s, size_t n, int64_t *grams)
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
    if (whole < 1 || whole > 2 || frac != 3 || !parse_digits(s + i, whole, &kg) ||
        !parse_digits(dot + 1, 3, &g))
        return false;
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
        if (bits & (MT_RAM_ERROR | MT_EEPROM_ERROR))
            set(out, DEV_SCALE_ERROR, 0);
        else if (bits & MT_OVER)
            set(out, DEV_SCALE_OVERLOAD, 0);
        else if (bits & MT_UNDER)
            set(out, DEV_SCALE_UNDER_ZERO, 0);
        else if (bits & MT_MOTION)
            set(out, DEV_SCALE_UNSTABLE, 0);
        else if (bits & MT_AT_ZERO)
            set(out, DEV_SCALE_STABLE, 0);
        else
            set(out, DEV_SCALE_ERROR, 0);
        return true;
    }
    int64_t grams;
    if (!parse_kg(b + 1, len - 2, &grams))
        return false;
    set(out, grams < 0 ? DEV_SCALE_UNDER_ZERO : DEV_SCALE_STABLE, grams);
    return true;
}

static bool nci_status_byte(uint8_t c, unsigned *bits)
{
    if (c < 0x30 || c > 0x3f)
        return false;
    *bits = c & 0x0f;
    return true;
}

static bool parse_nci(const uint8_t *b, size_t len, struct dev_scale_reading *out)
{
    /* LF weight "KG" CR LF 'S' h h CR ETX: at least 1 + 5 + 2 + 2 + 3 + 2 */
    if (len < 15 || b[0] != LF || b[len - 1] != ETX || b[len - 2] != CR)
        return false;
    const uint8_t *kg = NULL;
    for (size_t i = 1; i + 1 < len; i++)
        if (b[i] == 'K' && b[i + 1] == 'G') {
            kg = b + i;
            break;
        }
    if (!kg)
        return false;
    size_t after = (size_t)(kg - b) + 2;
    unsigned s1, s2;
    if (len - after != 7 || b[after] != CR || b[after + 1] != LF || b[after + 2] != 'S' ||
        !nci_status_byte(b[after + 3], &s1) || !nci_status_byte(b[after + 4], &s2))
        return false;
    int64_t grams;
    if (!parse_kg(b + 1, (size_t)(kg - b) - 1, &grams))
        return false;
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
            [DEV_SCALE_NO_ZERO] = '0', [DEV_SCALE_UNSTABLE] = '1', [DEV_SCALE_OVERLOAD] = '2',
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
        static const unsigned bits[] = {
            [DEV_SCALE_UNSTABLE] = MT_MOTION, [DEV_SCALE_OVERLOAD] = MT_OVER,
            [DEV_SCALE_UNDER_ZERO] = MT_UNDER, [DEV_SCALE_ERROR] = MT_RAM_ERROR,
        };
        if (r->status == DEV_SCALE_STABLE)
            snprintf(text, sizeof(text), "\x02%02lld.%03lld\r", g / 1000, g % 1000);
        else if (r->status != DEV_SCALE_NO_ZERO)
            snprintf(text, sizeof(text), "\x02?%c\r", (char)(0x40 | bits[r->status]));
        else
            return 0;
        break;
    }
    case DEV_SCALE_NCI: {
        static const unsigned bits[][2] = {
            [DEV_SCALE_UNSTABLE] = {NCI1_MOTION, 0}, [DEV_SCALE_OVERLOAD] = {0, NCI2_OVER},
            [DEV_SCALE_UNDER_ZERO] = {0, NCI2_UNDER}, [DEV_SCALE_ERROR] = {NCI1_RAM_ERROR, 0},
        };
        if (r->status == DEV_SCALE_NO_ZERO)
            return 0;
        long long shown = r->status == DEV_SCALE_STABLE ? g : 0;
        snprintf(text, sizeof(text), "\n%02lld.%03lldKG\r\nS%c%c\r\x03", shown / 1000, shown % 1000,
                 (char)(0x30 | bits[r->status][0]), (char)(0x30 | bits[r->status][1]));
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
