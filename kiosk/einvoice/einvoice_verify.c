/* Verifying an e-invoice's stamp: see einvoice_verify.h. */
#include "kiosk/einvoice/einvoice_verify.h"

#include <libxml/xpath.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/common/base64.h"
#include "kiosk/common/uuid.h"
#include "kiosk/domain/money.h"
#include "kiosk/domain/zatca_qr.h"
#include "kiosk/einvoice/ubl_names.h"

/* The stamp's parts and the document's own facts as text, read from the document. */
struct stamp_text {
    char *digest, *signature, *certificate, *qr;
    char *id, *uuid, *type, *icv, *pih, *date, *time, *payable;
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

/* The stamp's parts and the facts, read before the hash removes the stamp from doc. */
static bool read_stamp(xmlDocPtr doc, struct stamp_text *out)
{
    xmlXPathContextPtr xpath = xmlXPathNewContext(doc);
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
        out->id = text_at(xpath, "/inv:Invoice/cbc:ID");
        out->uuid = text_at(xpath, "/inv:Invoice/cbc:UUID");
        out->type = text_at(xpath, "/inv:Invoice/cbc:InvoiceTypeCode");
        out->icv = text_at(xpath, "/inv:Invoice/cac:AdditionalDocumentReference[cbc:ID='ICV']"
                                  "/cbc:UUID");
        out->pih = text_at(xpath, "/inv:Invoice/cac:AdditionalDocumentReference[cbc:ID='PIH']"
                                  "/cac:Attachment/cbc:EmbeddedDocumentBinaryObject");
        out->date = text_at(xpath, "/inv:Invoice/cbc:IssueDate");
        out->time = text_at(xpath, "/inv:Invoice/cbc:IssueTime");
        out->payable = text_at(xpath, "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount");
    }
    xmlXPathFreeContext(xpath);
    return out->digest && out->signature && out->certificate && out->qr;
}

static void free_stamp(struct stamp_text *s)
{
    char **parts[] = {&s->digest, &s->signature, &s->certificate, &s->qr,   &s->id,   &s->uuid,
                      &s->type,   &s->icv,       &s->pih,         &s->date, &s->time, &s->payable};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        free(*parts[i]);
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

/* The stamp's checks over the document read into s; the recomputed hash in b64. */
static bool check_stamp(const char *xml, size_t len, struct stamp_text *s,
                        char b64[KS_INVOICE_HASH_B64], char *why, size_t why_cap)
{
    b64[0] = '\0';
    uint8_t hash[KS_INVOICE_HASH_BYTES];
    xmlDocPtr doc = NULL;
    enum ks_invoice_hash_error err = ks_invoice_parse(xml, len, &doc);
    bool stamped = err == KS_INVOICE_HASH_OK && read_stamp(doc, s);
    if (err == KS_INVOICE_HASH_OK)
        err = ks_invoice_hash_parsed(doc, hash);
    xmlFreeDoc(doc);
    if (err != KS_INVOICE_HASH_OK)
        return refuse(why, why_cap, "%s", ks_invoice_hash_strerror(err));
    ks_invoice_hash_base64(hash, b64);

    ks_zatca_qr_fields qr;
    if (!stamped)
        return refuse(why, why_cap, "the signature, certificate or QR is missing");
    if (strcmp(s->digest, b64) != 0)
        return refuse(why, why_cap, "the invoice hash %s does not match its DigestValue %.60s", b64,
                      s->digest);
    if (ks_zatca_qr_decode(s->qr, strlen(s->qr), &qr) != KS_ZATCA_QR_OK)
        return refuse(why, why_cap, "the QR cannot be decoded");
    if (!qr.field[KS_ZATCA_TAG_STAMP_SIGNATURE].present)
        return refuse(why, why_cap, "the QR lacks the phase 2 tags 6-9");
    if (strcmp((const char *)qr.field[KS_ZATCA_TAG_INVOICE_HASH].value, b64) != 0)
        return refuse(why, why_cap, "the QR's hash (tag 6) is not the invoice hash");
    if (strcmp((const char *)qr.field[KS_ZATCA_TAG_SIGNATURE].value, s->signature) != 0)
        return refuse(why, why_cap, "the QR's signature (tag 7) is not the SignatureValue");
    return check_crypto(s, &qr, hash, why, why_cap);
}

bool ks_einvoice_verify(const char *xml, size_t len, char hash_b64[KS_INVOICE_HASH_B64], char *why,
                        size_t why_cap)
{
    char local_hash[KS_INVOICE_HASH_B64];
    struct stamp_text s = {0};
    bool ok = check_stamp(xml, len, &s, hash_b64 ? hash_b64 : local_hash, why, why_cap);
    free_stamp(&s);
    return ok;
}

/* text is 1 to max_len ASCII digits: *out its value. */
static bool read_count(const char *text, size_t max_len, int64_t *out)
{
    size_t n = strspn(text, "0123456789");
    if (n == 0 || n > max_len || text[n] != '\0')
        return false;
    *out = 0;
    for (size_t i = 0; i < n; i++)
        *out = *out * 10 + (text[i] - '0');
    return true;
}

/* text has shape's length, a digit where shape has 'd' and shape's byte elsewhere. */
static bool shaped(const char *text, const char *shape)
{
    if (!text || strlen(text) != strlen(shape))
        return false;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? text[i] < '0' || text[i] > '9' : text[i] != shape[i])
            return false;
    return true;
}

/* The facts of a stamp that checked, or false with the first one that cannot be read. */
static bool read_facts(const struct stamp_text *s, ks_einvoice_facts *f, char *why, size_t cap)
{
    char uuid[64];
    if (!s->id || !s->id[0] || strlen(s->id) > KS_EINVOICE_FACT_NUMBER_MAX)
        return refuse(why, cap, "the document's cbc:ID is missing or longer than %d bytes",
                      KS_EINVOICE_FACT_NUMBER_MAX);
    snprintf(f->number, sizeof f->number, "%s", s->id);
    snprintf(uuid, sizeof uuid, "%s", s->uuid ? s->uuid : "");
    for (char *c = uuid; *c; c++)
        *c = (char)(*c >= 'A' && *c <= 'F' ? *c - 'A' + 'a' : *c);
    if (!ks_uuid_ok(uuid))
        return refuse(why, cap, "the document's cbc:UUID is not a uuid");
    memcpy(f->uuid, uuid, sizeof f->uuid);
    int64_t kind = 0;
    if (!s->type || !read_count(s->type, 3, &kind) || (kind != 388 && kind != 381 && kind != 383))
        return refuse(why, cap, "the document's cbc:InvoiceTypeCode is not 388, 381 or 383");
    f->kind = (int)kind;
    if (!s->icv || !read_count(s->icv, 18, &f->icv) || f->icv < 1)
        return refuse(why, cap, "the document's ICV is not a counter from 1");
    if (!s->pih || !s->pih[0] || strlen(s->pih) >= sizeof f->pih)
        return refuse(why, cap, "the document's PIH is missing or too long");
    snprintf(f->pih, sizeof f->pih, "%s", s->pih);
    if (!shaped(s->date, "dddd-dd-dd") || !shaped(s->time, "dd:dd:dd"))
        return refuse(why, cap, "the document's issue date or time is malformed");
    snprintf(f->issued, sizeof f->issued, "%s %s", s->date, s->time);
    ks_money payable;
    if (!s->payable || !ks_money_parse(s->payable, &KS_CURRENCY_SAR, &payable) || payable < 0)
        return refuse(why, cap, "the document's PayableAmount is not an amount in SAR");
    f->payable = payable;
    return true;
}

bool ks_einvoice_verify_read(const char *xml, size_t len, ks_einvoice_facts *facts, char *why,
                             size_t why_cap)
{
    struct stamp_text s = {0};
    memset(facts, 0, sizeof *facts);
    bool ok =
        check_stamp(xml, len, &s, facts->hash, why, why_cap) && read_facts(&s, facts, why, why_cap);
    free_stamp(&s);
    return ok;
}
