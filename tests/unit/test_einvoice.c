/*
 * Phase 2 e-invoices (kiosk/einvoice/): the invoice hash of ZATCA's signed
 * SDK samples equals their ds:DigestValue; invoices and credit notes issued
 * from the demo orders carry a hash that survives stamping, a signature
 * that verifies with the certificate's key over the hash bytes, and a QR
 * whose tags 1-9 agree with the XML. Refusals of bad input are checked too.
 *
 * ZATCA's SDK data (samples, test certificate and key) is read from
 * KIOSK_ZATCA_SDK. For tests/zatca/validate.sh, `test_einvoice --write DIR`
 * writes the issued documents to DIR and `test_einvoice --verify FILE...`
 * checks each file's stamp (ks_einvoice_verify), exiting 1 if one fails.
 */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/app/config.h"
#include "kiosk/domain/refund.h"
#include "kiosk/einvoice/einvoice.h"
#include "kiosk/einvoice/einvoice_verify.h"
#include "kiosk/render/receipt_demo.h"
#include "tests/support/check.h"
#include "tests/support/zatca_fixture.h"
#include "tests/unit/test_store_fixture.h"

static ks_config cfg;

static char *sdk_file(const char *name, size_t *len)
{
    return zatca_fixture_read(name, len);
}

/* The first ds:DigestValue of a sample: the invoice hash ZATCA's SDK computed. */
static void first_digest(const char *xml, char out[64])
{
    const char *start = strstr(xml, "<ds:DigestValue>");
    out[0] = '\0';
    if (!start)
        return;
    start += strlen("<ds:DigestValue>");
    const char *end = strchr(start, '<');
    if (end && end - start < 64) {
        memcpy(out, start, (size_t)(end - start));
        out[end - start] = '\0';
    }
}

static void sample_hash(const char *name)
{
    size_t len = 0;
    char *xml = sdk_file(name, &len);
    CHECK(xml);
    char expected[64];
    first_digest(xml, expected);
    uint8_t hash[KS_INVOICE_HASH_BYTES];
    enum ks_invoice_hash_error err = ks_invoice_hash(xml, len, hash);
    free(xml);
    CHECK_EQ_INT(err, KS_INVOICE_HASH_OK);
    char b64[KS_INVOICE_HASH_B64];
    ks_invoice_hash_base64(hash, b64);
    CHECK_EQ_STR(b64, expected);
}

static void sdk_invoice_hash(void)
{
    sample_hash("Samples/Simplified/Invoice/Simplified_Invoice.xml");
}

static void sdk_credit_note_hash(void)
{
    sample_hash("Samples/Simplified/Credit/Simplified_Credit_Note.xml");
}

static void sdk_debit_note_hash(void)
{
    sample_hash("Samples/Simplified/Debit/Simplified_Debit_Note.xml");
}

static void sample_verifies(const char *name, bool expected, const char *reason)
{
    size_t len = 0;
    char *xml = sdk_file(name, &len);
    CHECK(xml);
    char why[256] = "";
    bool ok = ks_einvoice_verify(xml, len, NULL, why, sizeof why);
    free(xml);
    if (!expected)
        CHECK_CONTAINS(why, reason);
    CHECK_EQ_INT(ok, expected);
}

static void sdk_samples_verify(void)
{
    sample_verifies("Samples/Simplified/Invoice/Simplified_Invoice.xml", true, NULL);
    sample_verifies("Samples/Simplified/Credit/Simplified_Credit_Note.xml", true, NULL);
    sample_verifies("Samples/Simplified/Debit/Simplified_Debit_Note.xml", true, NULL);
    sample_verifies("Samples/Simplified/Invoice/Simplified_Invoice_Error.xml", false,
                    "does not match its DigestValue");
    sample_verifies("Samples/Simplified/Credit/Simplified_Credit_Note_Error.xml", false,
                    "does not match its DigestValue");
}

static void hash_refusals(void)
{
    static const struct {
        const char *xml;
        enum ks_invoice_hash_error expected;
    } cases[] = {
        {"", KS_INVOICE_HASH_NOT_XML},
        {"<Invoice", KS_INVOICE_HASH_NOT_XML},
        {"<Invoice/>", KS_INVOICE_HASH_NOT_UBL},
        {"<Invoice xmlns='urn:other'/>", KS_INVOICE_HASH_NOT_UBL},
        {"<!DOCTYPE Invoice [<!ENTITY a 'b'>]><Invoice "
         "xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'>&a;</Invoice>",
         KS_INVOICE_HASH_NOT_XML},
        {"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>",
         KS_INVOICE_HASH_OK},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++) {
        uint8_t hash[KS_INVOICE_HASH_BYTES];
        CHECK_EQ_INT(ks_invoice_hash(cases[i].xml, strlen(cases[i].xml), hash), cases[i].expected);
    }
    uint8_t hash[KS_INVOICE_HASH_BYTES];
    CHECK_EQ_INT(ks_invoice_hash("<x/>", KS_INVOICE_MAX_BYTES + 1, hash),
                 KS_INVOICE_HASH_TOO_LARGE);
}

static const char *tmp_file(const char *name)
{
    static char paths[4][1024];
    static int next;
    char *path = paths[next++ % 4];
    snprintf(path, sizeof paths[0], "%s/%s", check_tmp_dir(), name);
    return path;
}

/* The SDK's test certificate and key (the loader refuses a key others can read: 0600). */
static ks_stamp_key *sdk_key(void)
{
    char cert[1024], key_path[1024], why[256] = "";
    ks_stamp_key *key = zatca_fixture_stamp(check_tmp_dir(), cert, key_path, sizeof cert)
                            ? ks_stamp_key_load(cert, key_path, why, sizeof why)
                            : NULL;
    if (!key)
        fprintf(stderr, "  stamp key: %s\n", why);
    return key;
}

/* A fresh EC key on curve written as PEM, mode 0600. */
static bool write_new_key(const char *curve, const char *path)
{
    EVP_PKEY *pkey = EVP_EC_gen(curve);
    FILE *f = pkey ? fopen(path, "w") : NULL;
    bool ok = f && PEM_write_PrivateKey(f, pkey, NULL, NULL, 0, NULL, NULL) == 1;
    if (f)
        ok = fclose(f) == 0 && ok && chmod(path, 0600) == 0;
    EVP_PKEY_free(pkey);
    return ok;
}

static void key_refusals(void)
{
    const char *cert = tmp_file("cert.pem"), *key = tmp_file("open-key.pem");
    char why[256] = "";
    CHECK(zatca_fixture_write_pem("Certificates/cert.pem", "CERTIFICATE", cert, 0644));
    CHECK(zatca_fixture_write_pem("Certificates/ec-secp256k1-priv-key.pem", "EC PRIVATE KEY", key,
                                  0644));
    CHECK(!ks_stamp_key_load(cert, key, why, sizeof why));
    CHECK_CONTAINS(why, "readable by others");
    CHECK_EQ_INT(chmod(key, 0600), 0);
    CHECK(!ks_stamp_key_load(key, key, why, sizeof why));
    CHECK_CONTAINS(why, "not a PEM certificate");
    CHECK(!ks_stamp_key_load(cert, cert, why, sizeof why));
    CHECK_CONTAINS(why, "readable by others");
    CHECK_EQ_INT(chmod(cert, 0600), 0);
    CHECK(!ks_stamp_key_load(cert, cert, why, sizeof why));
    CHECK_CONTAINS(why, "not a PEM private key");
    CHECK(!ks_stamp_key_load(cert, "/nonexistent/key.pem", why, sizeof why));
    CHECK_CONTAINS(why, "cannot be read");
    ks_stamp_key *loaded = ks_stamp_key_load(cert, key, why, sizeof why);
    CHECK(loaded);
    CHECK_EQ_STR(ks_stamp_key_issuer(loaded),
                 "CN=TSZEINVOICE-SubCA-1, DC=extgazt, DC=gov, DC=local");
    ks_stamp_key_free(loaded);
    CHECK(write_new_key("secp256k1", tmp_file("other-key.pem")));
    CHECK(!ks_stamp_key_load(cert, tmp_file("other-key.pem"), why, sizeof why));
    CHECK_CONTAINS(why, "is not the certificate of");
    CHECK(write_new_key("prime256v1", tmp_file("p256-key.pem")));
    CHECK(!ks_stamp_key_load(cert, tmp_file("p256-key.pem"), why, sizeof why));
    CHECK_CONTAINS(why, "not an EC key on secp256k1");
}

static const ks_seller seller = {
    .name = "شركة برجر العليا المحدودة",
    .vat_number = "399999999900003",
    .crn = "1010010000",
    .street = "شارع العليا",
    .building_number = "1234",
    .district = "العليا",
    .city = "الرياض",
    .postal_zone = "12211",
};

enum demo { DEMO_RESTAURANT, DEMO_SUPERMARKET, DEMO_LONG, DEMO_FIXTURE, DEMO_CATEGORIES };

/*
 * The fixture order with ZATCA's four categories: the meal and the fries
 * standard rated, the cola zero rated (VATEX-SA-35), the dates exempt
 * (VATEX-SA-29) and the water out of scope, each as a menu would declare
 * it; the 0 % lines' VAT and the rows worked out again.
 */
static ks_order *categories_order(void)
{
    ks_order *o = fixture_order(8, cfg.store_id, KS_RECEIPT_DEMO_CREATED_AT, 0);
    static const ks_vat_treatment zero = {'Z', "VATEX-SA-35"}, exempt = {'E', "VATEX-SA-29"},
                                  outside = {'O', "VATEX-SA-OOS"};
    o->lines[2].vat_treatment = zero;
    o->lines[3].vat_treatment = exempt;
    o->lines[4].vat_treatment = outside;
    o->total_net = o->total_vat = 0;
    o->vat[0] = (ks_order_vat){.rate_bp = 0};
    o->vat[1] = (ks_order_vat){.rate_bp = 1500};
    for (size_t i = 0; i < o->n_lines; i++) {
        ks_order_line *line = &o->lines[i];
        if (i >= 2) {
            line->vat_rate_bp = 0;
            line->net = line->gross;
            line->vat = 0;
        }
        ks_order_vat *row = &o->vat[line->vat_rate_bp == 0 ? 0 : 1];
        row->taxable += line->net;
        row->vat += line->vat;
        o->total_net += line->net;
        o->total_vat += line->vat;
    }
    o->total = o->total_net + o->total_vat;
    return o;
}

/* Lines of the long demo order: the fixed six and one of each plain product. */
#define LONG_ORDER_LINES 20

static ks_order *demo_order(enum demo which)
{
    if (which == DEMO_FIXTURE) /* a weighed line, a discount, a 0 % line */
        return fixture_order(7, cfg.store_id, KS_RECEIPT_DEMO_CREATED_AT, 0);
    if (which == DEMO_CATEGORIES)
        return categories_order();
    char err[256] = "";
    ks_order *order =
        which != DEMO_SUPERMARKET
            ? ks_receipt_demo_order(
                  check_path(check_source_dir(), "assets/menus/restaurant.json"), &cfg, KS_LANG_AR,
                  which == DEMO_LONG ? LONG_ORDER_LINES : KS_RECEIPT_DEMO_LINES, err, sizeof err)
            : ks_receipt_demo_supermarket_order(
                  check_path(check_source_dir(), "assets/menus/supermarket.json"), &cfg, KS_LANG_AR,
                  err, sizeof err);
    if (!order)
        fprintf(stderr, "  demo order: %s\n", err);
    return order;
}

static ks_invoice_doc demo_doc(const ks_order *order, enum ks_invoice_kind kind, uint64_t icv)
{
    return (ks_invoice_doc){
        .kind = kind,
        .order = order,
        .seller = &seller,
        .id = kind == KS_INVOICE_TAX ? "demo-riyadh-01-kiosk-01-1" : "demo-riyadh-01-kiosk-01-2",
        .uuid = kind == KS_INVOICE_TAX ? order->uuid : "5eed0000-0000-4000-8000-0000000000c1",
        .icv = icv,
        .pih = KS_EINVOICE_FIRST_PIH,
        .issued_at = KS_RECEIPT_DEMO_PAID_AT,
        .utc_offset_min = 180,
        .payment = KS_PAYMENT_CARD,
        .original_id = "demo-riyadh-01-kiosk-01-1",
        .reason = "Customer returned the order",
    };
}

/* The text between <tag> and the next '<' after it, malloc'd; NULL when absent. */
static char *element_text(const char *xml, const char *tag)
{
    const char *start = strstr(xml, tag);
    if (!start)
        return NULL;
    start += strlen(tag);
    const char *end = strchr(start, '<');
    return end ? strndup(start, (size_t)(end - start)) : NULL;
}

static bool verifies(const ks_stamp_key *key, const uint8_t *sig, size_t sig_len,
                     const uint8_t hash[32])
{
    size_t der_len = 0;
    const uint8_t *der = ks_stamp_key_public_der(key, &der_len);
    EVP_PKEY *pub = d2i_PUBKEY(NULL, &der, (long)der_len);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = pub && ctx && EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, pub) == 1 &&
              EVP_DigestVerify(ctx, sig, sig_len, hash, 32) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pub);
    return ok;
}

static void check_issued(enum demo which, enum ks_invoice_kind kind)
{
    ks_stamp_key *key = sdk_key();
    ks_order *order = demo_order(which);
    CHECK(key && order);
    ks_invoice_doc doc = demo_doc(order, kind, kind == KS_INVOICE_TAX ? 1 : 2);
    ks_einvoice inv;
    enum ks_einvoice_error err = ks_einvoice_issue(&doc, key, &inv);
    CHECK_EQ_INT(err, KS_EINVOICE_OK);

    /* Stamping leaves the invoice hash as it was. */
    uint8_t hash[KS_INVOICE_HASH_BYTES];
    CHECK_EQ_INT(ks_invoice_hash(inv.xml, inv.xml_len, hash), KS_INVOICE_HASH_OK);
    char b64[KS_INVOICE_HASH_B64];
    ks_invoice_hash_base64(hash, b64);
    CHECK_EQ_STR(b64, inv.hash);
    char *digest = element_text(inv.xml, "<ds:DigestValue>");
    CHECK_EQ_STR(digest, inv.hash);
    free(digest);

    /* The QR: tags 1-9, 6 the hash, 7 the XML's signature, 8 the key, 9 the CA's signature. */
    ks_zatca_qr_fields f;
    CHECK_EQ_INT(ks_zatca_qr_decode(inv.qr, strlen(inv.qr), &f), KS_ZATCA_QR_OK);
    for (int tag = 1; tag <= 9; tag++)
        CHECK(f.field[tag].present);
    CHECK_EQ_STR((const char *)f.field[KS_ZATCA_TAG_SELLER_NAME].value, seller.name);
    CHECK_EQ_STR((const char *)f.field[KS_ZATCA_TAG_TIMESTAMP].value, "2026-11-24T12:31:00Z");
    CHECK_EQ_STR((const char *)f.field[KS_ZATCA_TAG_INVOICE_HASH].value, inv.hash);
    char *signature = element_text(inv.xml, "<ds:SignatureValue>");
    CHECK_EQ_STR((const char *)f.field[KS_ZATCA_TAG_SIGNATURE].value, signature);
    free(signature);
    size_t pub_len = 0, ca_len = 0;
    const uint8_t *pub = ks_stamp_key_public_der(key, &pub_len);
    const uint8_t *ca = ks_stamp_key_cert_signature(key, &ca_len);
    CHECK(f.field[KS_ZATCA_TAG_PUBLIC_KEY].len == pub_len &&
          memcmp(f.field[KS_ZATCA_TAG_PUBLIC_KEY].value, pub, pub_len) == 0);
    CHECK(f.field[KS_ZATCA_TAG_STAMP_SIGNATURE].len == ca_len &&
          memcmp(f.field[KS_ZATCA_TAG_STAMP_SIGNATURE].value, ca, ca_len) == 0);
    char *qr = element_text(inv.xml, "<cbc:ID>QR</cbc:ID><cac:Attachment>"
                                     "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"text/plain\">");
    CHECK_EQ_STR(qr, inv.qr);
    free(qr);

    /* The signature verifies with the certificate's key over the 32 hash bytes. */
    uint8_t sig[KS_STAMP_SIGNATURE_MAX + 4];
    int sig_len = EVP_DecodeBlock(sig, f.field[KS_ZATCA_TAG_SIGNATURE].value,
                                  f.field[KS_ZATCA_TAG_SIGNATURE].len);
    const char *b64sig = (const char *)f.field[KS_ZATCA_TAG_SIGNATURE].value;
    size_t b64len = strlen(b64sig);
    sig_len -=
        (b64len > 0 && b64sig[b64len - 1] == '=') + (b64len > 1 && b64sig[b64len - 2] == '=');
    CHECK(sig_len > 0 && verifies(key, sig, (size_t)sig_len, hash));
    hash[0] ^= 1;
    CHECK(!verifies(key, sig, (size_t)sig_len, hash));

    char why[256] = "";
    CHECK(ks_einvoice_verify(inv.xml, inv.xml_len, NULL, why, sizeof why));
    char *tampered = strdup(inv.xml);
    char *payable = strstr(tampered, "<cbc:PayableAmount currencyID=\"SAR\">");
    CHECK(payable);
    payable[strlen("<cbc:PayableAmount currencyID=\"SAR\">")] ^= 1; /* one digit changed */
    CHECK(!ks_einvoice_verify(tampered, inv.xml_len, NULL, why, sizeof why));
    CHECK_CONTAINS(why, "does not match its DigestValue");
    free(tampered);

    if (kind != KS_INVOICE_TAX) {
        CHECK_CONTAINS(inv.xml, kind == KS_INVOICE_CREDIT_NOTE ? ">381</cbc:InvoiceTypeCode>"
                                                               : ">383</cbc:InvoiceTypeCode>");
        CHECK_CONTAINS(inv.xml, "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>"
                                "demo-riyadh-01-kiosk-01-1</cbc:ID>");
        CHECK_CONTAINS(inv.xml, "<cbc:InstructionNote>Customer returned the order<");
    }
    ks_einvoice_clear(&inv);
    ks_order_free(order);
    ks_stamp_key_free(key);
}

static void restaurant_invoice(void)
{
    check_issued(DEMO_RESTAURANT, KS_INVOICE_TAX);
}

static void restaurant_credit_note(void)
{
    check_issued(DEMO_RESTAURANT, KS_INVOICE_CREDIT_NOTE);
}

static void restaurant_debit_note(void)
{
    check_issued(DEMO_RESTAURANT, KS_INVOICE_DEBIT_NOTE);
}

static void supermarket_invoice(void)
{
    check_issued(DEMO_SUPERMARKET, KS_INVOICE_TAX);
}

static void zero_rated_invoice(void)
{
    check_issued(DEMO_FIXTURE, KS_INVOICE_TAX);
}

/* One breakdown row per category with its code and ZATCA's text; each line its category. */
static void vat_categories_invoice(void)
{
    check_issued(DEMO_CATEGORIES, KS_INVOICE_TAX);
    ks_stamp_key *key = sdk_key();
    ks_order *order = demo_order(DEMO_CATEGORIES);
    CHECK(key && order);
    ks_invoice_doc doc = demo_doc(order, KS_INVOICE_TAX, 1);
    ks_einvoice inv;
    CHECK_EQ_INT(ks_einvoice_issue(&doc, key, &inv), KS_EINVOICE_OK);
    CHECK_CONTAINS(inv.xml, "S</cbc:ID><cbc:Percent>15.00</cbc:Percent><cac:TaxScheme>");
    CHECK_CONTAINS(inv.xml, "Z</cbc:ID><cbc:Percent>0.00</cbc:Percent>"
                            "<cbc:TaxExemptionReasonCode>VATEX-SA-35</cbc:TaxExemptionReasonCode>"
                            "<cbc:TaxExemptionReason>Medicines and medical equipment<");
    CHECK_CONTAINS(inv.xml, "E</cbc:ID><cbc:Percent>0.00</cbc:Percent>"
                            "<cbc:TaxExemptionReasonCode>VATEX-SA-29</cbc:TaxExemptionReasonCode>"
                            "<cbc:TaxExemptionReason>Financial services mentioned in Article 29 "
                            "of the VAT Regulations<");
    CHECK_CONTAINS(inv.xml, "O</cbc:ID><cbc:TaxExemptionReasonCode>VATEX-SA-OOS<");
    CHECK_CONTAINS(inv.xml, "<cac:ClassifiedTaxCategory><cbc:ID>E</cbc:ID><cbc:Percent>0.00<");
    CHECK_CONTAINS(inv.xml, "<cac:ClassifiedTaxCategory><cbc:ID>O</cbc:ID><cac:TaxScheme>");
    size_t rows = 0;
    for (const char *p = inv.xml; (p = strstr(p, "<cac:TaxSubtotal>")); p++)
        rows++;
    CHECK_EQ_INT(rows, 4);
    ks_einvoice_clear(&inv);

    /* A line whose category does not fit its rate is not written. */
    order->lines[0].vat_treatment = (ks_vat_treatment){'Z', "VATEX-SA-35"};
    CHECK_EQ_INT(ks_einvoice_issue(&doc, key, &inv), KS_EINVOICE_UNWRITABLE);
    ks_order_free(order);
    ks_stamp_key_free(key);
}

static void incomplete_documents(void)
{
    ks_stamp_key *key = sdk_key();
    ks_order *order = demo_order(DEMO_RESTAURANT);
    CHECK(key && order);
    ks_einvoice inv;
    ks_invoice_doc doc = demo_doc(order, KS_INVOICE_CREDIT_NOTE, 2);
    doc.original_id = NULL; /* a credit note must name its invoice */
    CHECK_EQ_INT(ks_einvoice_issue(&doc, key, &inv), KS_EINVOICE_UNWRITABLE);
    doc = demo_doc(order, KS_INVOICE_TAX, 0); /* ICVs start at 1 */
    CHECK_EQ_INT(ks_einvoice_issue(&doc, key, &inv), KS_EINVOICE_UNWRITABLE);
    ks_seller long_name = seller;
    char name[300];
    memset(name, 'x', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    long_name.name = name; /* more than the QR's 255 bytes per value */
    doc = demo_doc(order, KS_INVOICE_TAX, 1);
    doc.seller = &long_name;
    CHECK_EQ_INT(ks_einvoice_issue(&doc, key, &inv), KS_EINVOICE_QR);
    ks_order_free(order);
    ks_stamp_key_free(key);
}

/*
 * The part of the paid order a refund of one of its two fries (bought one,
 * got one free: half the discount), 100 g of its 350 g of dates and its
 * water at 0 % gives back (kiosk/domain/refund.h); frees order.
 */
static ks_order *partial_refund(ks_order *order)
{
    order->status = KS_ORDER_PAID;
    const ks_refund_pick picks[] = {{1, 1}, {3, 100}, {4, 1}};
    ks_order *part = NULL;
    if (ks_refund_build(order, NULL, picks, CHECK_COUNT(picks), &part) != KS_REFUND_OK)
        part = NULL;
    ks_order_free(order);
    return part;
}

/* --write DIR: the documents tests/zatca/validate.sh validates. */
static int write_documents(const char *dir)
{
    ks_stamp_key *key = sdk_key();
    if (!key)
        return 1;
    static const struct {
        enum demo which;
        enum ks_invoice_kind kind;
        const char *file;
        bool partial; /* a credit note of part of the order (partial_refund) */
    } docs[] = {
        {DEMO_RESTAURANT, KS_INVOICE_TAX, "restaurant_invoice.xml", false},
        {DEMO_RESTAURANT, KS_INVOICE_CREDIT_NOTE, "restaurant_credit_note.xml", false},
        {DEMO_RESTAURANT, KS_INVOICE_DEBIT_NOTE, "restaurant_debit_note.xml", false},
        {DEMO_SUPERMARKET, KS_INVOICE_TAX, "supermarket_invoice.xml", false},
        {DEMO_LONG, KS_INVOICE_TAX, "restaurant_20_lines_invoice.xml", false},
        {DEMO_FIXTURE, KS_INVOICE_TAX, "zero_rated_line_invoice.xml", false},
        {DEMO_FIXTURE, KS_INVOICE_CREDIT_NOTE, "partial_refund_credit_note.xml", true},
        {DEMO_CATEGORIES, KS_INVOICE_TAX, "vat_categories_invoice.xml", false},
        {DEMO_CATEGORIES, KS_INVOICE_CREDIT_NOTE, "vat_categories_credit_note.xml", false},
    };
    int failures = 0;
    for (size_t i = 0; i < CHECK_COUNT(docs); i++) {
        ks_order *order = demo_order(docs[i].which);
        if (order && docs[i].partial)
            order = partial_refund(order);
        ks_invoice_doc doc = order ? demo_doc(order, docs[i].kind, i + 1) : (ks_invoice_doc){0};
        ks_einvoice inv = {0};
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, docs[i].file);
        FILE *f =
            order && ks_einvoice_issue(&doc, key, &inv) == KS_EINVOICE_OK ? fopen(path, "w") : NULL;
        if (!f || fwrite(inv.xml, 1, inv.xml_len, f) != inv.xml_len) {
            fprintf(stderr, "cannot write %s\n", path);
            failures++;
        }
        if (f)
            fclose(f);
        ks_einvoice_clear(&inv);
        ks_order_free(order);
    }
    ks_stamp_key_free(key);
    return failures ? 1 : 0;
}

/* --verify FILE...: each file's stamp checked; 1 when one fails. */
static int verify_files(int n, char **paths)
{
    int failures = 0;
    for (int i = 0; i < n; i++) {
        size_t len = 0;
        char *xml = check_read_file(paths[i], &len);
        char why[256] = "cannot be read";
        bool ok = xml && ks_einvoice_verify(xml, len, NULL, why, sizeof why);
        printf("%s %s%s%s\n", ok ? "verified" : "refused", paths[i], ok ? "" : ": ", ok ? "" : why);
        failures += !ok;
        free(xml);
    }
    return failures ? 1 : 0;
}

static const struct check_case cases[] = {
    {"the SDK's simplified invoice hashes to its DigestValue", sdk_invoice_hash},
    {"the SDK's simplified credit note hashes to its DigestValue", sdk_credit_note_hash},
    {"the SDK's simplified debit note hashes to its DigestValue", sdk_debit_note_hash},
    {"the SDK's samples verify and its error samples do not", sdk_samples_verify},
    {"bad documents are refused", hash_refusals},
    {"bad keys and certificates are refused", key_refusals},
    {"a restaurant invoice is signed and its QR agrees", restaurant_invoice},
    {"a credit note references its invoice", restaurant_credit_note},
    {"a debit note references its invoice", restaurant_debit_note},
    {"a supermarket invoice with weights is signed", supermarket_invoice},
    {"an invoice with a line outside VAT is signed", zero_rated_invoice},
    {"an invoice with S, Z, E and O lines has a row per category", vat_categories_invoice},
    {"incomplete documents are not issued", incomplete_documents},
};

int main(int argc, char **argv)
{
    ks_config_defaults(&cfg);
    if (argc == 3 && strcmp(argv[1], "--write") == 0)
        return write_documents(argv[2]);
    if (argc >= 3 && strcmp(argv[1], "--verify") == 0)
        return verify_files(argc - 2, argv + 2);
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
