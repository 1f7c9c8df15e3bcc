/* ZATCA QR TLV and base64: see kiosk/domain/zatca_qr.h. */
#include "kiosk/domain/zatca_qr.h"

#include <string.h>

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const char *ks_zatca_qr_strerror(enum ks_zatca_qr_error err)
{
    switch (err) {
    case KS_ZATCA_QR_OK:
        return "ok";
    case KS_ZATCA_QR_BAD_SELLER_NAME:
        return "seller name missing";
    case KS_ZATCA_QR_BAD_VAT_NUMBER:
        return "VAT number missing or not digits";
    case KS_ZATCA_QR_BAD_TIMESTAMP:
        return "time stamp not YYYY-MM-DDTHH:MM:SSZ";
    case KS_ZATCA_QR_BAD_AMOUNT:
        return "negative amount";
    case KS_ZATCA_QR_VALUE_TOO_LONG:
        return "a value is longer than 255 bytes";
    case KS_ZATCA_QR_TOO_LONG:
        return "QR text longer than 700 characters";
    case KS_ZATCA_QR_NO_SPACE:
        return "output buffer too small";
    case KS_ZATCA_QR_BAD_BASE64:
        return "not canonical base64";
    case KS_ZATCA_QR_TRUNCATED:
        return "a field runs past the end";
    case KS_ZATCA_QR_BAD_TAG:
        return "unknown, repeated or misordered tag";
    case KS_ZATCA_QR_MISSING_FIELD:
        return "one of fields 1-5 missing";
    case KS_ZATCA_QR_EMPTY_VALUE:
        return "empty field";
    }
    return "unknown error";
}

/* ---- base64 (RFC 4648, standard alphabet, padded) ------------------------- */

/* Writes 4 * ceil(n / 3) characters and a NUL; the caller checked the room. */
static void b64_encode(const uint8_t *in, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)in[i + 1] << 8;
        if (i + 2 < n)
            v |= in[i + 2];
        out[o++] = b64_alphabet[v >> 18];
        out[o++] = b64_alphabet[(v >> 12) & 63];
        out[o++] = i + 1 < n ? b64_alphabet[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? b64_alphabet[v & 63] : '=';
    }
    out[o] = '\0';
}

static int b64_value(char c)
{
    const char *p = c ? strchr(b64_alphabet, c) : NULL;
    return p ? (int)(p - b64_alphabet) : -1;
}

/*
 * Strict decoding of text[0..len) into out (room for len / 4 * 3 bytes):
 * only the alphabet, '=' only as the last one or two characters of the
 * last group, and the bits that padding leaves over set to zero, so each
 * byte string has exactly one accepted text.
 */
static bool b64_decode(const char *text, size_t len, uint8_t *out, size_t *out_len)
{
    if (len % 4 != 0)
        return false;
    size_t o = 0;
    for (size_t i = 0; i < len; i += 4) {
        bool last = i + 4 == len;
        int pad = last ? (text[i + 3] == '=') + (text[i + 3] == '=' && text[i + 2] == '=') : 0;
        int v[4] = {0, 0, 0, 0};
        for (int k = 0; k < 4 - pad; k++)
            if ((v[k] = b64_value(text[i + k])) < 0)
                return false;
        uint32_t bits =
            (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)v[2] << 6 | (uint32_t)v[3];
        if ((pad == 1 && (bits & 0xFF)) || (pad == 2 && (bits & 0xFFFF)))
            return false;
        out[o++] = (uint8_t)(bits >> 16);
        if (pad < 2)
            out[o++] = (uint8_t)(bits >> 8);
        if (pad < 1)
            out[o++] = (uint8_t)bits;
    }
    *out_len = o;
    return true;
}

/* ---- encoding ------------------------------------------------------------- */

static bool all_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int two_digits(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* "YYYY-MM-DDTHH:MM:SSZ" with a real calendar date and time of day. */
static bool timestamp_valid(const char *t)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (!t || strlen(t) != sizeof shape - 1)
        return false;
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? !all_digits(&t[i], 1) : t[i] != shape[i])
            return false;
    int year = two_digits(t) * 100 + two_digits(t + 2), month = two_digits(t + 5);
    int day = two_digits(t + 8);
    static const int month_days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (year == 0 || month < 1 || month > 12 || day < 1 || day > month_days[month - 1] ||
        (month == 2 && day == 29 && !leap))
        return false;
    return two_digits(t + 11) <= 23 && two_digits(t + 14) <= 59 && two_digits(t + 17) <= 59;
}

struct tlv {
    uint8_t bytes[KS_ZATCA_QR_MAX_BYTES];
    size_t len;
};

static enum ks_zatca_qr_error tlv_put(struct tlv *tlv, uint8_t tag, const void *value, size_t len)
{
    if (len > KS_ZATCA_QR_MAX_VALUE)
        return KS_ZATCA_QR_VALUE_TOO_LONG;
    if (len + 2 > sizeof tlv->bytes - tlv->len)
        return KS_ZATCA_QR_TOO_LONG;
    tlv->bytes[tlv->len++] = tag;
    tlv->bytes[tlv->len++] = (uint8_t)len;
    memcpy(tlv->bytes + tlv->len, value, len);
    tlv->len += len;
    return KS_ZATCA_QR_OK;
}

static enum ks_zatca_qr_error tlv_put_amount(struct tlv *tlv, uint8_t tag, ks_money amount)
{
    char text[KS_MONEY_NUMBER_CAP];
    int n = ks_money_format_number(text, sizeof text, amount, &KS_CURRENCY_SAR, KS_NUMERALS_WESTERN,
                                   false);
    return n < 0 ? KS_ZATCA_QR_BAD_AMOUNT : tlv_put(tlv, tag, text, (size_t)n);
}

static enum ks_zatca_qr_error build_tlv(const ks_zatca_qr_input *in, struct tlv *tlv)
{
    if (!in->seller_name || !in->seller_name[0])
        return KS_ZATCA_QR_BAD_SELLER_NAME;
    size_t vat_len = in->vat_number ? strlen(in->vat_number) : 0;
    if (vat_len == 0 || !all_digits(in->vat_number, vat_len))
        return KS_ZATCA_QR_BAD_VAT_NUMBER;
    if (!timestamp_valid(in->timestamp))
        return KS_ZATCA_QR_BAD_TIMESTAMP;
    if (in->total_with_vat < 0 || in->vat_total < 0)
        return KS_ZATCA_QR_BAD_AMOUNT;

    enum ks_zatca_qr_error err;
    if ((err = tlv_put(tlv, KS_ZATCA_TAG_SELLER_NAME, in->seller_name, strlen(in->seller_name))) ||
        (err = tlv_put(tlv, KS_ZATCA_TAG_VAT_NUMBER, in->vat_number, vat_len)) ||
        (err = tlv_put(tlv, KS_ZATCA_TAG_TIMESTAMP, in->timestamp, strlen(in->timestamp))) ||
        (err = tlv_put_amount(tlv, KS_ZATCA_TAG_TOTAL_WITH_VAT, in->total_with_vat)) ||
        (err = tlv_put_amount(tlv, KS_ZATCA_TAG_VAT_TOTAL, in->vat_total)))
        return err;
    for (uint8_t i = 0; i < 4; i++) {
        const ks_zatca_bytes *b = &in->stamp[i];
        uint8_t tag = (uint8_t)(KS_ZATCA_TAG_INVOICE_HASH + i);
        if (b->len && (err = tlv_put(tlv, tag, b->data, b->len)))
            return err;
    }
    return KS_ZATCA_QR_OK;
}

enum ks_zatca_qr_error ks_zatca_qr_encode(const ks_zatca_qr_input *in, char *out, size_t cap)
{
    if (!out || cap == 0)
        return KS_ZATCA_QR_NO_SPACE;
    out[0] = '\0';
    struct tlv tlv = {.len = 0};
    enum ks_zatca_qr_error err = build_tlv(in, &tlv);
    if (err)
        return err;
    if ((tlv.len + 2) / 3 * 4 + 1 > cap)
        return KS_ZATCA_QR_NO_SPACE;
    b64_encode(tlv.bytes, tlv.len, out);
    return KS_ZATCA_QR_OK;
}

/* ---- decoding ------------------------------------------------------------- */

static enum ks_zatca_qr_error parse_tlv(const uint8_t *p, size_t n, ks_zatca_qr_fields *out)
{
    int last_tag = 0;
    for (size_t pos = 0; pos < n;) {
        if (n - pos < 2)
            return KS_ZATCA_QR_TRUNCATED;
        uint8_t tag = p[pos], len = p[pos + 1];
        pos += 2;
        if (len > n - pos)
            return KS_ZATCA_QR_TRUNCATED;
        if (tag == 0 || tag > KS_ZATCA_QR_MAX_TAG || tag <= last_tag)
            return KS_ZATCA_QR_BAD_TAG;
        if (len == 0)
            return KS_ZATCA_QR_EMPTY_VALUE;
        ks_zatca_qr_field *f = &out->field[tag];
        f->present = true;
        f->len = len;
        memcpy(f->value, p + pos, len);
        f->value[len] = '\0';
        pos += len;
        last_tag = tag;
    }
    for (int tag = KS_ZATCA_TAG_SELLER_NAME; tag <= KS_ZATCA_TAG_VAT_TOTAL; tag++)
        if (!out->field[tag].present)
            return KS_ZATCA_QR_MISSING_FIELD;
    return KS_ZATCA_QR_OK;
}

enum ks_zatca_qr_error ks_zatca_qr_decode(const char *text, size_t len, ks_zatca_qr_fields *out)
{
    memset(out, 0, sizeof *out);
    if (len > KS_ZATCA_QR_MAX_CHARS)
        return KS_ZATCA_QR_TOO_LONG;
    uint8_t tlv[KS_ZATCA_QR_MAX_BYTES];
    size_t n = 0;
    if (!text || !b64_decode(text, len, tlv, &n))
        return KS_ZATCA_QR_BAD_BASE64;
    enum ks_zatca_qr_error err = parse_tlv(tlv, n, out);
    if (err)
        memset(out, 0, sizeof *out);
    return err;
}

bool ks_vat_number_ok(const char *text)
{
    if (!text || strnlen(text, 16) != 15 || text[0] != '3' || text[14] != '3')
        return false;
    for (int i = 0; i < 15; i++)
        if (text[i] < '0' || text[i] > '9')
            return false;
    return true;
}
