/*
 * The QR code of a Saudi simplified tax invoice (ZATCA e-invoicing, Security
 * Features Implementation Standards 4.1): a TLV string, base64-encoded.
 * Each field is a tag byte, a length byte counting the UTF-8 bytes of the
 * value, then the value:
 *
 *   1 seller name   2 VAT number   3 time stamp "2022-04-25T15:30:00Z"
 *   4 total with VAT "1000.00"     5 VAT total "150.00"
 *   from phase 2:   6 invoice hash (base64 text)   7 signature (base64 text)
 *                   8 public key (DER)             9 stamp certificate signature (DER)
 *
 * Values are at most 255 bytes and the base64 text at most 700 characters.
 * Pure: no I/O, no allocation. Base64 is written here (30 lines) rather than
 * taken from OpenSSL so the domain stays free of dependencies, and because
 * the decoder must be strict (canonical padding, no whitespace), which
 * EVP_DecodeBlock is not.
 */
#ifndef KIOSK_DOMAIN_ZATCA_QR_H
#define KIOSK_DOMAIN_ZATCA_QR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/domain/money.h"

#define KS_ZATCA_QR_MAX_CHARS 700 /* base64 characters, excluding the NUL */
#define KS_ZATCA_QR_MAX_BYTES 525 /* TLV bytes that fit in 700 base64 characters */
#define KS_ZATCA_QR_MAX_VALUE 255 /* bytes per value: the length is one byte */
#define KS_ZATCA_QR_MAX_TAG 9

enum ks_zatca_tag {
    KS_ZATCA_TAG_SELLER_NAME = 1,
    KS_ZATCA_TAG_VAT_NUMBER = 2,
    KS_ZATCA_TAG_TIMESTAMP = 3,
    KS_ZATCA_TAG_TOTAL_WITH_VAT = 4,
    KS_ZATCA_TAG_VAT_TOTAL = 5,
    KS_ZATCA_TAG_INVOICE_HASH = 6,
    KS_ZATCA_TAG_SIGNATURE = 7,
    KS_ZATCA_TAG_PUBLIC_KEY = 8,
    KS_ZATCA_TAG_STAMP_SIGNATURE = 9,
};

/* Bytes borrowed from the caller; len 0 means the field is absent. */
typedef struct ks_zatca_bytes {
    const uint8_t *data;
    size_t len;
} ks_zatca_bytes;

typedef struct ks_zatca_qr_input {
    const char *seller_name; /* UTF-8, 1..255 bytes, borrowed */
    const char *vat_number;  /* ASCII digits, 1..255, borrowed */
    const char *timestamp;   /* UTC "YYYY-MM-DDTHH:MM:SSZ", borrowed */
    ks_money total_with_vat; /* halalas, >= 0; written "1000.00" */
    ks_money vat_total;      /* halalas, >= 0 */
    ks_zatca_bytes stamp[4]; /* tags 6..9 in order, each optional (phase 1: all absent) */
} ks_zatca_qr_input;

enum ks_zatca_qr_error {
    KS_ZATCA_QR_OK,
    KS_ZATCA_QR_BAD_SELLER_NAME, /* missing or empty */
    KS_ZATCA_QR_BAD_VAT_NUMBER,  /* missing, empty or not all digits */
    KS_ZATCA_QR_BAD_TIMESTAMP,   /* not YYYY-MM-DDTHH:MM:SSZ with valid ranges */
    KS_ZATCA_QR_BAD_AMOUNT,      /* negative */
    KS_ZATCA_QR_VALUE_TOO_LONG,  /* a value over 255 bytes */
    KS_ZATCA_QR_TOO_LONG,        /* more than 700 base64 characters */
    KS_ZATCA_QR_NO_SPACE,        /* the output buffer is too small */
    KS_ZATCA_QR_BAD_BASE64,      /* decoding: not canonical base64 */
    KS_ZATCA_QR_TRUNCATED,       /* decoding: a field runs past the end */
    KS_ZATCA_QR_BAD_TAG,         /* decoding: tag 0 or above 9, repeated, or out of order */
    KS_ZATCA_QR_MISSING_FIELD,   /* decoding: one of tags 1-5 is absent */
    KS_ZATCA_QR_EMPTY_VALUE,     /* decoding: a field of length 0 */
};

/* A short English description of err; never NULL. */
const char *ks_zatca_qr_strerror(enum ks_zatca_qr_error err);

/*
 * Writes the base64 QR text for in, NUL-terminated, into out[0..cap).
 * KS_ZATCA_QR_MAX_CHARS + 1 bytes always suffice. On failure out holds "".
 */
enum ks_zatca_qr_error ks_zatca_qr_encode(const ks_zatca_qr_input *in, char *out, size_t cap);

typedef struct ks_zatca_qr_field {
    bool present;
    uint8_t len;
    uint8_t value[KS_ZATCA_QR_MAX_VALUE + 1]; /* len bytes, then a NUL for text fields' sake */
} ks_zatca_qr_field;

typedef struct ks_zatca_qr_fields {
    ks_zatca_qr_field field[KS_ZATCA_QR_MAX_TAG + 1]; /* indexed by tag; [0] unused */
} ks_zatca_qr_fields;

/*
 * Decodes QR text from outside (a scanned receipt, a sample invoice):
 * text[0..len), at most 700 characters of canonical base64 (padding
 * required, no whitespace, unused bits zero), holding TLV fields with tags
 * in increasing order, 1-5 present, 6-9 optional, none empty. Values are
 * copied as bytes; their content is not checked. On failure *out is zeroed.
 */
enum ks_zatca_qr_error ks_zatca_qr_decode(const char *text, size_t len, ks_zatca_qr_fields *out);

/* True when text is a Saudi VAT number: 15 digits, the first and the last 3 (BR-KSA-39). */
bool ks_vat_number_ok(const char *text);

#endif
