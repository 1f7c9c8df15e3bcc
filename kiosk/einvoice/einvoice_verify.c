/* Verifying an e-invoice's stamp: see einvoice_verify.h. */
#include "kiosk/einvoice/einvoice_verify.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/base64.h"
#include "kiosk/domain/zatca_qr.h"
#include "kiosk/einvoice/ubl_names.h"

/* The stamp's parts as text, read from the document. */
struct stamp_text {
    char *digest, *signature, *certificate, *qr;
};

static char *text_at(xmlXPathContextPtr xpath, const char *expr)
{
    xmlXPathObjectPtr found = xmlXPathEvalExpression(BAD_CAST expr, xpath);
    char *text = NULL;
    if (found && found->nodesetval && found->nodesetval->nodeNr == 1) {
        xmlChar *content = xmlNodeGetContent(found->nodesetval->nodeTab[0]);
        text = content ? strdup((const char *)content) : NULL;
        xmlFree(content);
    }
    xmlXPathFreeObject(found);
    return text;
}

static bool read_stamp(const char *xml, size_t len, struct stamp_text *out)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)len, NULL, NULL, KS_UBL_PARSE_OPTIONS);
    xmlXPathContextPtr xpath = doc ? xmlXPathNewContext(doc) : NULL;
    if (xpath && ks_ubl_register_namespaces(xpath)) {
        static const char sig[] =
            "/inv:Invoice/ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent"
            "/sig:UBLDocumentSignatures/sac:SignatureInformation/ds:Signature";
        char expr[512];
        snprintf(expr, sizeof expr,
                 "%s/ds:SignedInfo/ds:Reference[@Id='invoiceSignedData']/ds:DigestValue", sig);
        out->digest = text_at(xpath, expr);
        snprintf(expr, sizeof expr, "%s/ds:SignatureValue", sig);
        out->signature = text_at(xpath, expr);
        snprintf(expr, sizeof expr, "%s/ds:KeyInfo/ds:X509Data/ds:X509Certificate", sig);
        out->certificate = text_at(xpath, expr);
        out->qr = text_at(xpath, "/inv:Invoice/cac:AdditionalDocumentReference[cbc:ID='QR']"
                                 "/cac:Attachment/cbc:EmbeddedDocumentBinaryObject");
    }
    xmlXPathFreeContext(xpath);
    xmlFreeDoc(doc);
    return out->digest && out->signature && out->certificate && out->qr;
}

static void free_stamp(struct stamp_text *s)
{
    free(s->digest);
    free(s->signature);
    free(s->certificate);
    free(s->qr);
}

/* Strict base64 (whitespace removed first, as XML may wrap it) into a malloc'd buffer. */
static uint8_t *decode_base64(const char *text, size_t *len)
{
    size_t n = strlen(text), m = 0;
    char *clean = malloc(n + 1);
    for (size_t i = 0; clean && i < n; i++)
        if (!strchr(" \t\r\n", text[i]))
            clean[m++] = text[i];
    if (clean)
        clean[m] = '\0';
    uint8_t *out = clean ? ks_base64_decode(clean, n, len) : NULL;
    free(clean);
    return out;
}

static bool refuse(char *why, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool refuse(char *why, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, cap, fmt, ap);
    va_end(ap);
    return false;
}

/* The signature checks against the certificate; text fields already compared. */
static bool check_crypto(const struct stamp_text *s, const ks_zatca_qr_fields *qr,
                         const uint8_t hash[32], char *why, size_t cap)
{
    size_t cert_len = 0, sig_len = 0;
    uint8_t *cert_der = decode_base64(s->certificate, &cert_len);
    uint8_t *sig = decode_base64(s->signature, &sig_len);
    const uint8_t *p = cert_der;
    X509 *cert = cert_der ? d2i_X509(NULL, &p, (long)cert_len) : NULL;
    EVP_PKEY *pub = cert ? X509_get0_pubkey(cert) : NULL;
    unsigned char *pub_der = NULL;
    int pub_len = pub ? i2d_PUBKEY(pub, &pub_der) : -1;
    bool ok = false;
    if (!cert || pub_len <= 0)
        refuse(why, cap, "the embedded certificate cannot be read");
    else if (qr->field[KS_ZATCA_TAG_PUBLIC_KEY].len != (size_t)pub_len ||
             memcmp(qr->field[KS_ZATCA_TAG_PUBLIC_KEY].value, pub_der, (size_t)pub_len) != 0)
        refuse(why, cap, "the QR's public key (tag 8) is not the certificate's");
    else if (!sig)
        refuse(why, cap, "the signature value is not base64");
    else {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        ok = ctx && EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, pub) == 1 &&
             EVP_DigestVerify(ctx, sig, sig_len, hash, 32) == 1;
        EVP_MD_CTX_free(ctx);
        if (!ok)
            refuse(why, cap, "the signature does not verify with the certificate's key");
    }
    OPENSSL_free(pub_der);
    X509_free(cert);
    free(cert_der);
    free(sig);
    return ok;
}

bool ks_einvoice_verify(const char *xml, size_t len, char hash_b64[KS_INVOICE_HASH_B64], char *why,
                        size_t why_cap)
{
    char local_hash[KS_INVOICE_HASH_B64];
    char *b64 = hash_b64 ? hash_b64 : local_hash;
    b64[0] = '\0';
    uint8_t hash[KS_INVOICE_HASH_BYTES];
    enum ks_invoice_hash_error err = ks_invoice_hash(xml, len, hash);
    if (err != KS_INVOICE_HASH_OK)
        return refuse(why, why_cap, "%s", ks_invoice_hash_strerror(err));
    ks_invoice_hash_base64(hash, b64);

    struct stamp_text s = {0};
    ks_zatca_qr_fields qr;
    bool ok = false;
    if (!read_stamp(xml, len, &s))
        refuse(why, why_cap, "the signature, certificate or QR is missing");
    else if (strcmp(s.digest, b64) != 0)
        refuse(why, why_cap, "the invoice hash %s does not match its DigestValue %.60s", b64,
               s.digest);
    else if (ks_zatca_qr_decode(s.qr, strlen(s.qr), &qr) != KS_ZATCA_QR_OK)
        refuse(why, why_cap, "the QR cannot be decoded");
    else if (!qr.field[KS_ZATCA_TAG_STAMP_SIGNATURE].present)
        refuse(why, why_cap, "the QR lacks the phase 2 tags 6-9");
    else if (strcmp((const char *)qr.field[KS_ZATCA_TAG_INVOICE_HASH].value, b64) != 0)
        refuse(why, why_cap, "the QR's hash (tag 6) is not the invoice hash");
    else if (strcmp((const char *)qr.field[KS_ZATCA_TAG_SIGNATURE].value, s.signature) != 0)
        refuse(why, why_cap, "the QR's signature (tag 7) is not the SignatureValue");
    else
        ok = check_crypto(&s, &qr, hash, why, why_cap);
    free_stamp(&s);
    return ok;
}
