/*
 * The ZATCA QR TLV encoder and decoder (kiosk/domain/zatca_qr.c), on the
 * published vectors (the guideline's per-tag hex, SallaApp/ZATCA's README),
 * an Arabic seller name, and the QR of ZATCA's SDK sample simplified invoice
 * (Samples/Simplified/Invoice/Simplified_Invoice.xml, the
 * AdditionalDocumentReference ID=QR), copied here so the test reads no file.
 * Strings for the decoder's refusals were made with Python's base64 module.
 */
#include "kiosk/domain/zatca_qr.h"
#include "tests/support/check.h"

static const char sdk_sample_qr[] =
    "ARNBY21lIFdpZGdldOKAmXMgTFREAg8zMTExMTExMTExMDExMTMDFDIwMjItMDgtMTdUMTc6NDE6MDhaBAYyMzEu"
    "MTUFBTMwLjE1BixyLzJzaTYwQkVldzBOUUNITkhOZWpvd0xETGpWTlYvVlRUL1A4UVNMeE1rPQdgTUVVQ0lRQ29q"
    "bHZvQjZrRW94WkNzamYrRlhyVG5lbXVKaTlwNkNFOTh4WGhHNWFtOUFJZ1N6WldYM2lSa05XNUdoNmNUQTdKdkEz"
    "SzlHWjZJcDFsdlEwSmVuM3IwOUU9CFgwVjAQBgcqhkjOPQIBBgUrgQQACgNCAARhgwyg5oVgCEw7+y16i19nJq+v"
    "qnXVJKXCwr1rOawtjtvVv4UuGowCuEHZ2ocpujGoo1++QoN4+GmqO6LmFyfRCUYwRAIgOgjNPJW017lsIijmVQVk"
    "P7GzFO2KQKd9GHaukLgIWFsCIFJF9uwKhTMxDjWbN+1awsnFI7RLBRxA/6hZ+F1wtaqU";

static enum ks_zatca_qr_error encode(const char *seller, const char *vat, const char *time,
                                     ks_money total, ks_money vat_total, char *out, size_t cap)
{
    ks_zatca_qr_input in = {
        .seller_name = seller,
        .vat_number = vat,
        .timestamp = time,
        .total_with_vat = total,
        .vat_total = vat_total,
    };
    return ks_zatca_qr_encode(&in, out, cap);
}

static void test_guideline_vector(void)
{
    char qr[KS_ZATCA_QR_MAX_CHARS + 1];
    /* 1000.00 SAR = 100000 halalas, VAT 150.00 = 15000. */
    CHECK_EQ_INT(encode("Bobs Records", "310122393500003", "2022-04-25T15:30:00Z", 100000, 15000,
                        qr, sizeof qr),
                 KS_ZATCA_QR_OK);
    CHECK_EQ_STR(qr, "AQxCb2JzIFJlY29yZHMCDzMxMDEyMjM5MzUwMDAwMwMUMjAyMi0wNC0yNVQxNTozMDowMFoEBzEw"
                     "MDAuMDAFBjE1MC4wMA==");
}

static void test_salla_vector(void)
{
    char qr[KS_ZATCA_QR_MAX_CHARS + 1];
    CHECK_EQ_INT(encode("Salla", "1234567891", "2021-07-12T14:25:09Z", 10000, 1500, qr, sizeof qr),
                 KS_ZATCA_QR_OK);
    CHECK_EQ_STR(qr,
                 "AQVTYWxsYQIKMTIzNDU2Nzg5MQMUMjAyMS0wNy0xMlQxNDoyNTowOVoEBjEwMC4wMAUFMTUuMDA=");
}

static void test_arabic_seller_counts_bytes(void)
{
    char qr[KS_ZATCA_QR_MAX_CHARS + 1];
    CHECK_EQ_INT(encode("شركة المثال", "300000000000003", "2022-04-25T15:30:00Z", 100000, 15000, qr,
                        sizeof qr),
                 KS_ZATCA_QR_OK);
    /* 11 characters, 21 UTF-8 bytes: 01 15 D8 ... encodes as "ARXY". */
    CHECK_EQ_STR(qr,
                 "ARXYtNix2YPYqSDYp9mE2YXYq9in2YQCDzMwMDAwMDAwMDAwMDAwMwMUMjAyMi0wNC0yNVQxNTozMDow"
                 "MFoEBzEwMDAuMDAFBjE1MC4wMA==");
    ks_zatca_qr_fields f;
    CHECK_EQ_INT(ks_zatca_qr_decode(qr, strlen(qr), &f), KS_ZATCA_QR_OK);
    CHECK_EQ_INT(f.field[1].len, 0x15);
    CHECK_EQ_STR((const char *)f.field[1].value, "شركة المثال");
}

static void test_amounts_from_halalas(void)
{
    char qr[KS_ZATCA_QR_MAX_CHARS + 1];
    /* 123456789 halalas = 1234567.89 without grouping; 5 halalas = 0.05. */
    CHECK_EQ_INT(
        encode("Shop", "300000000000003", "2024-02-29T23:59:59Z", 123456789, 5, qr, sizeof qr),
        KS_ZATCA_QR_OK);
    CHECK_EQ_STR(
        qr, "AQRTaG9wAg8zMDAwMDAwMDAwMDAwMDMDFDIwMjQtMDItMjlUMjM6NTk6NTlaBAoxMjM0NTY3Ljg5BQQwLjA1");
    CHECK_EQ_INT(encode("Shop", "3", "2024-02-29T23:59:59Z", 0, 0, qr, sizeof qr), KS_ZATCA_QR_OK);
    ks_zatca_qr_fields f;
    CHECK_EQ_INT(ks_zatca_qr_decode(qr, strlen(qr), &f), KS_ZATCA_QR_OK);
    CHECK_EQ_STR((const char *)f.field[4].value, "0.00");
}

static void test_sdk_sample_decodes_field_by_field(void)
{
    ks_zatca_qr_fields f;
    CHECK_EQ_INT(strlen(sdk_sample_qr), 508);
    CHECK_EQ_INT(ks_zatca_qr_decode(sdk_sample_qr, strlen(sdk_sample_qr), &f), KS_ZATCA_QR_OK);
    /* The name holds U+2019 RIGHT SINGLE QUOTATION MARK (E2 80 99): 17 characters, 19 bytes. */
    CHECK_EQ_STR((const char *)f.field[1].value, "Acme Widget\xE2\x80\x99s LTD");
    CHECK_EQ_INT(f.field[1].len, 19);
    CHECK_EQ_STR((const char *)f.field[2].value, "311111111101113");
    CHECK_EQ_STR((const char *)f.field[3].value, "2022-08-17T17:41:08Z");
    CHECK_EQ_STR((const char *)f.field[4].value, "231.15");
    CHECK_EQ_STR((const char *)f.field[5].value, "30.15");
    /* Tag 6: base64 text of the SHA-256 (the sample's ds:DigestValue), 44 bytes. */
    CHECK_EQ_INT(f.field[6].len, 44);
    CHECK_EQ_STR((const char *)f.field[6].value, "r/2si60BEew0NQCHNHNejowLDLjVNV/VTT/P8QSLxMk=");
    /* Tag 7: base64 text of the DER signature (ds:SignatureValue), 96 bytes. */
    CHECK_EQ_INT(f.field[7].len, 96);
    CHECK(memcmp(f.field[7].value,
                 "MEUCIQCojlvoB6kEoxZCsjf+FXrTnemuJi9p6CE98xXhG5am9AIgSzZWX3iRkNW5Gh6c"
                 "TA7JvA3K9GZ6Ip1lvQ0Jen3r09E=",
                 96) == 0);
    /* Tag 8: raw DER SubjectPublicKeyInfo, 88 bytes, id-ecPublicKey with secp256k1 (1.3.132.0.10).
     */
    static const uint8_t spki_head[] = {0x30, 0x56, 0x30, 0x10, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE,
                                        0x3D, 0x02, 0x01, 0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x0A};
    CHECK_EQ_INT(f.field[8].len, 88);
    CHECK(memcmp(f.field[8].value, spki_head, sizeof spki_head) == 0);
    /* Tag 9: raw DER ECDSA signature of the stamp certificate, 70 bytes: SEQUENCE of 68. */
    CHECK_EQ_INT(f.field[9].len, 70);
    CHECK_EQ_INT(f.field[9].value[0], 0x30);
    CHECK_EQ_INT(f.field[9].value[1], 0x44);
}

static void test_sdk_sample_encodes_back(void)
{
    ks_zatca_qr_fields f;
    CHECK_EQ_INT(ks_zatca_qr_decode(sdk_sample_qr, strlen(sdk_sample_qr), &f), KS_ZATCA_QR_OK);
    ks_zatca_qr_input in = {
        .seller_name = (const char *)f.field[1].value,
        .vat_number = (const char *)f.field[2].value,
        .timestamp = (const char *)f.field[3].value,
        .total_with_vat = 23115,
        .vat_total = 3015,
    };
    for (int i = 0; i < 4; i++)
        in.stamp[i] = (ks_zatca_bytes){f.field[6 + i].value, f.field[6 + i].len};
    char qr[KS_ZATCA_QR_MAX_CHARS + 1];
    CHECK_EQ_INT(ks_zatca_qr_encode(&in, qr, sizeof qr), KS_ZATCA_QR_OK);
    CHECK_EQ_STR(qr, sdk_sample_qr);
}

static void test_encoder_refusals(void)
{
    static const struct {
        const char *name;
        const char *seller, *vat, *time;
        ks_money total, vat_total;
        enum ks_zatca_qr_error err;
    } cases[] = {
        {"no seller", NULL, "3", "2022-04-25T15:30:00Z", 1, 1, KS_ZATCA_QR_BAD_SELLER_NAME},
        {"empty seller", "", "3", "2022-04-25T15:30:00Z", 1, 1, KS_ZATCA_QR_BAD_SELLER_NAME},
        {"VAT with a letter", "S", "31012239350000A", "2022-04-25T15:30:00Z", 1, 1,
         KS_ZATCA_QR_BAD_VAT_NUMBER},
        {"empty VAT", "S", "", "2022-04-25T15:30:00Z", 1, 1, KS_ZATCA_QR_BAD_VAT_NUMBER},
        {"no Z", "S", "3", "2022-04-25T15:30:00", 1, 1, KS_ZATCA_QR_BAD_TIMESTAMP},
        {"offset instead of Z", "S", "3", "2022-04-25T15:30:00+03:00", 1, 1,
         KS_ZATCA_QR_BAD_TIMESTAMP},
        {"space for T", "S", "3", "2022-04-25 15:30:00Z", 1, 1, KS_ZATCA_QR_BAD_TIMESTAMP},
        {"month 13", "S", "3", "2022-13-25T15:30:00Z", 1, 1, KS_ZATCA_QR_BAD_TIMESTAMP},
        {"29 Feb 2023", "S", "3", "2023-02-29T15:30:00Z", 1, 1, KS_ZATCA_QR_BAD_TIMESTAMP},
        {"29 Feb 1900", "S", "3", "1900-02-29T15:30:00Z", 1, 1, KS_ZATCA_QR_BAD_TIMESTAMP},
        {"31 April", "S", "3", "2022-04-31T15:30:00Z", 1, 1, KS_ZATCA_QR_BAD_TIMESTAMP},
        {"hour 24", "S", "3", "2022-04-25T24:00:00Z", 1, 1, KS_ZATCA_QR_BAD_TIMESTAMP},
        {"second 60", "S", "3", "2022-04-25T15:30:60Z", 1, 1, KS_ZATCA_QR_BAD_TIMESTAMP},
        {"no time", "S", "3", NULL, 1, 1, KS_ZATCA_QR_BAD_TIMESTAMP},
        {"negative total", "S", "3", "2022-04-25T15:30:00Z", -1, 0, KS_ZATCA_QR_BAD_AMOUNT},
        {"negative VAT", "S", "3", "2022-04-25T15:30:00Z", 1, -1, KS_ZATCA_QR_BAD_AMOUNT},
        {"29 Feb 2000 is fine", "S", "3", "2000-02-29T00:00:00Z", 0, 0, KS_ZATCA_QR_OK},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        char qr[KS_ZATCA_QR_MAX_CHARS + 1] = "x";
        enum ks_zatca_qr_error err = encode(cases[i].seller, cases[i].vat, cases[i].time,
                                            cases[i].total, cases[i].vat_total, qr, sizeof qr);
        if (err != cases[i].err || (err && qr[0] != '\0')) {
            check_fail(__FILE__, __LINE__, "%s: %s", cases[i].name, ks_zatca_qr_strerror(err));
            return;
        }
    }
}

static void test_length_limits(void)
{
    char name[300];
    char qr[KS_ZATCA_QR_MAX_CHARS + 1];
    memset(name, 'n', sizeof name);
    name[255] = '\0';
    CHECK_EQ_INT(encode(name, "3", "2022-04-25T15:30:00Z", 1, 1, qr, sizeof qr), KS_ZATCA_QR_OK);
    name[255] = 'n';
    name[256] = '\0';
    CHECK_EQ_INT(encode(name, "3", "2022-04-25T15:30:00Z", 1, 1, qr, sizeof qr),
                 KS_ZATCA_QR_VALUE_TOO_LONG);

    /* Fields 1-5 take 2+255 + 2+1 + 2+20 + 2+4 + 2+4 = 294 bytes; a 229-byte
     * tag 6 makes 525 bytes = exactly 700 characters; 230 bytes are too many. */
    uint8_t blob[255];
    memset(blob, 0xAB, sizeof blob);
    name[255] = '\0';
    ks_zatca_qr_input in = {.seller_name = name,
                            .vat_number = "3",
                            .timestamp = "2022-04-25T15:30:00Z",
                            .total_with_vat = 100,
                            .vat_total = 100};
    in.stamp[0] = (ks_zatca_bytes){blob, 229};
    CHECK_EQ_INT(ks_zatca_qr_encode(&in, qr, sizeof qr), KS_ZATCA_QR_OK);
    CHECK_EQ_INT(strlen(qr), 700);
    ks_zatca_qr_fields f;
    CHECK_EQ_INT(ks_zatca_qr_decode(qr, 700, &f), KS_ZATCA_QR_OK);
    CHECK_EQ_INT(f.field[6].len, 229);
    in.stamp[0].len = 230;
    CHECK_EQ_INT(ks_zatca_qr_encode(&in, qr, sizeof qr), KS_ZATCA_QR_TOO_LONG);
    in.stamp[0].len = 256;
    CHECK_EQ_INT(ks_zatca_qr_encode(&in, qr, sizeof qr), KS_ZATCA_QR_VALUE_TOO_LONG);

    /* The guideline vector is 2+12 + 2+15 + 2+20 + 2+7 + 2+6 = 70 bytes, 4 * 24 = 96
     * characters: 96 bytes leave no room for the NUL. */
    char small[97];
    CHECK_EQ_INT(
        encode("Bobs Records", "310122393500003", "2022-04-25T15:30:00Z", 100000, 15000, small, 96),
        KS_ZATCA_QR_NO_SPACE);
    CHECK_EQ_STR(small, "");
    CHECK_EQ_INT(
        encode("Bobs Records", "310122393500003", "2022-04-25T15:30:00Z", 100000, 15000, small, 97),
        KS_ZATCA_QR_OK);
    CHECK_EQ_INT(strlen(small), 96);
}

static void test_decoder_refusals(void)
{
    static char long_text[KS_ZATCA_QR_MAX_CHARS + 5];
    memset(long_text, 'A', sizeof long_text - 1);
    static const struct {
        const char *name;
        const char *text;
        enum ks_zatca_qr_error err;
    } cases[] = {
        {"valid", "AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUEMC4xNQ==", KS_ZATCA_QR_OK},
        {"leftover bits set before ==", "AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUEMC4xNR==",
         KS_ZATCA_QR_BAD_BASE64},
        {"valid with one =", "AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUFMC4xNTA=",
         KS_ZATCA_QR_OK},
        {"leftover bits set before =", "AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUFMC4xNTB=",
         KS_ZATCA_QR_BAD_BASE64},
        {"padding dropped", "AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUEMC4xNQ",
         KS_ZATCA_QR_BAD_BASE64},
        {"a newline",
         "AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUE\nMC4xNQ==", KS_ZATCA_QR_BAD_BASE64},
        {"padding in the middle", "AQ==AgEz", KS_ZATCA_QR_BAD_BASE64},
        {"URL-safe alphabet",
         "AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUEMC4x_Q==", KS_ZATCA_QR_BAD_BASE64},
        {"tag 5 missing",
         "AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMA==", KS_ZATCA_QR_MISSING_FIELD},
        {"empty text", "", KS_ZATCA_QR_MISSING_FIELD},
        {"tags out of order",
         "AgEzAQFTAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUEMC4xNQ==", KS_ZATCA_QR_BAD_TAG},
        {"tag repeated",
         "AQFTAgEzAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUEMC4xNQ==", KS_ZATCA_QR_BAD_TAG},
        {"tag 10",
         "AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUEMC4xNQoBeA==", KS_ZATCA_QR_BAD_TAG},
        {"tag 0",
         "AAF4AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUEMC4xNQ==", KS_ZATCA_QR_BAD_TAG},
        {"empty value", "AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUA",
         KS_ZATCA_QR_EMPTY_VALUE},
        {"value past the end",
         "AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUEMC4xNQYFAQI=", KS_ZATCA_QR_TRUNCATED},
        {"lone tag byte",
         "AQFTAgEzAxQyMDIyLTA0LTI1VDE1OjMwOjAwWgQEMS4wMAUEMC4xNQY=", KS_ZATCA_QR_TRUNCATED},
        {"704 characters", long_text, KS_ZATCA_QR_TOO_LONG},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        ks_zatca_qr_fields f;
        enum ks_zatca_qr_error err = ks_zatca_qr_decode(cases[i].text, strlen(cases[i].text), &f);
        if (err != cases[i].err || (err && f.field[1].present)) {
            check_fail(__FILE__, __LINE__, "%s: %s", cases[i].name, ks_zatca_qr_strerror(err));
            return;
        }
    }
    ks_zatca_qr_fields f;
    CHECK_EQ_INT(ks_zatca_qr_decode(NULL, 0, &f), KS_ZATCA_QR_BAD_BASE64);
    CHECK_EQ_STR(ks_zatca_qr_strerror(KS_ZATCA_QR_TOO_LONG), "QR text longer than 700 characters");
}

static const struct check_case cases[] = {
    {"guideline vector", test_guideline_vector},
    {"Salla vector", test_salla_vector},
    {"Arabic seller counts bytes", test_arabic_seller_counts_bytes},
    {"amounts from halalas", test_amounts_from_halalas},
    {"SDK sample decodes field by field", test_sdk_sample_decodes_field_by_field},
    {"SDK sample encodes back", test_sdk_sample_encodes_back},
    {"encoder refusals", test_encoder_refusals},
    {"length limits", test_length_limits},
    {"decoder refusals", test_decoder_refusals},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
