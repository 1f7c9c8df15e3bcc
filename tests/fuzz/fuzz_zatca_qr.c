/*
 * Fuzz target: arbitrary bytes as the text of a ZATCA QR code. Decoding is
 * strict, so whatever decodes must be the only text for its fields: the
 * fields put back as TLV and base64 must give the input again. When tags 6-9
 * are absent or present, the encoder must agree too where it accepts the
 * decoded values.
 */
#include "kiosk/domain/zatca_qr.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An independent base64 writer (RFC 4648, padded), to check the decoder against. */
static size_t base64(const uint8_t *in, size_t n, char *out)
{
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0) |
                     (i + 2 < n ? in[i + 2] : 0);
        out[o++] = a[v >> 18];
        out[o++] = a[v >> 12 & 63];
        out[o++] = i + 1 < n ? a[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? a[v & 63] : '=';
    }
    return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ks_zatca_qr_fields f;
    if (ks_zatca_qr_decode((const char *)data, size, &f) != KS_ZATCA_QR_OK)
        return 0;
    uint8_t tlv[KS_ZATCA_QR_MAX_BYTES];
    size_t n = 0;
    for (int tag = 1; tag <= KS_ZATCA_QR_MAX_TAG; tag++) {
        if (!f.field[tag].present)
            continue;
        if (f.field[tag].len == 0 || n + 2 + f.field[tag].len > sizeof tlv)
            __builtin_trap();
        tlv[n++] = (uint8_t)tag;
        tlv[n++] = f.field[tag].len;
        memcpy(tlv + n, f.field[tag].value, f.field[tag].len);
        n += f.field[tag].len;
    }
    char text[KS_ZATCA_QR_MAX_CHARS + 4];
    if (base64(tlv, n, text) != size || memcmp(text, data, size) != 0)
        __builtin_trap();

    /* The encoder, fed the decoded texts, must reproduce the input whenever it accepts them
     * and the amounts are written as it writes them. */
    ks_money amounts[2];
    for (int i = 0; i < 2; i++) {
        const ks_zatca_qr_field *a = &f.field[KS_ZATCA_TAG_TOTAL_WITH_VAT + i];
        if (!ks_money_parse((const char *)a->value, &KS_CURRENCY_SAR, &amounts[i]))
            return 0;
        char again[KS_MONEY_NUMBER_CAP];
        if (ks_money_format_number(again, sizeof again, amounts[i], &KS_CURRENCY_SAR,
                                   KS_NUMERALS_WESTERN, false) != a->len ||
            memcmp(again, a->value, a->len) != 0)
            return 0;
    }
    for (int tag = 1; tag <= 3; tag++)
        if (strlen((const char *)f.field[tag].value) != f.field[tag].len)
            return 0; /* a NUL inside: the encoder takes C strings */
    ks_zatca_qr_input in = {
        .seller_name = (const char *)f.field[1].value,
        .vat_number = (const char *)f.field[2].value,
        .timestamp = (const char *)f.field[3].value,
        .total_with_vat = amounts[0],
        .vat_total = amounts[1],
    };
    for (int i = 0; i < 4; i++)
        in.stamp[i] = (ks_zatca_bytes){f.field[6 + i].value, f.field[6 + i].len};
    char encoded[KS_ZATCA_QR_MAX_CHARS + 1];
    if (ks_zatca_qr_encode(&in, encoded, sizeof encoded) == KS_ZATCA_QR_OK &&
        (strlen(encoded) != size || memcmp(encoded, data, size) != 0))
        __builtin_trap();
    return 0;
}
