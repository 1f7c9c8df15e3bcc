/* Issuing a signed e-invoice: see einvoice.h. */
#include "kiosk/einvoice/einvoice.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *ks_einvoice_strerror(enum ks_einvoice_error err)
{
    switch (err) {
    case KS_EINVOICE_OK:
        return "ok";
    case KS_EINVOICE_UNWRITABLE:
        return "the order cannot be written as a UBL invoice";
    case KS_EINVOICE_HASH:
        return "the invoice could not be hashed";
    case KS_EINVOICE_SIGN:
        return "the invoice hash could not be signed";
    case KS_EINVOICE_QR:
        return "the invoice QR code does not fit";
    }
    return "unknown e-invoice error";
}

void ks_einvoice_clear(ks_einvoice *invoice)
{
    free(invoice->xml);
    memset(invoice, 0, sizeof *invoice);
}

static enum ks_einvoice_error fail(ks_einvoice *out, enum ks_einvoice_error err)
{
    ks_einvoice_clear(out);
    return err;
}

enum ks_einvoice_error ks_einvoice_issue(const ks_invoice_doc *doc, const ks_stamp_key *key,
                                         ks_einvoice *out)
{
    memset(out, 0, sizeof *out);
    size_t len = 0;
    char *plain = ks_ubl_write(doc, NULL, &len);
    if (!plain)
        return KS_EINVOICE_UNWRITABLE;
    uint8_t hash[KS_INVOICE_HASH_BYTES];
    enum ks_invoice_hash_error hash_err = ks_invoice_hash(plain, len, hash);
    free(plain);
    if (hash_err != KS_INVOICE_HASH_OK)
        return KS_EINVOICE_HASH;
    ks_invoice_hash_base64(hash, out->hash);

    uint8_t sig[KS_STAMP_SIGNATURE_MAX];
    size_t sig_len = 0;
    if (!ks_stamp_key_sign(key, hash, sig, &sig_len))
        return KS_EINVOICE_SIGN;
    char sig_b64[4 * ((KS_STAMP_SIGNATURE_MAX + 2) / 3) + 1];
    EVP_EncodeBlock((unsigned char *)sig_b64, sig, (int)sig_len);

    time_t at = (time_t)doc->issued_at;
    struct tm tm;
    gmtime_r(&at, &tm);
    char signing_time[24], timestamp[24];
    strftime(signing_time, sizeof signing_time, "%Y-%m-%dT%H:%M:%S", &tm);
    strftime(timestamp, sizeof timestamp, "%Y-%m-%dT%H:%M:%SZ", &tm);

    size_t public_len = 0, cert_sig_len = 0;
    const uint8_t *public_der = ks_stamp_key_public_der(key, &public_len);
    const uint8_t *cert_sig = ks_stamp_key_cert_signature(key, &cert_sig_len);
    const ks_zatca_qr_input qr = {
        .seller_name = doc->seller->name,
        .vat_number = doc->seller->vat_number,
        .timestamp = timestamp,
        .total_with_vat = doc->order->total,
        .vat_total = doc->order->total_vat,
        .stamp = {{(const uint8_t *)out->hash, strlen(out->hash)},
                  {(const uint8_t *)sig_b64, strlen(sig_b64)},
                  {public_der, public_len},
                  {cert_sig, cert_sig_len}},
    };
    if (ks_zatca_qr_encode(&qr, out->qr, sizeof out->qr) != KS_ZATCA_QR_OK)
        return fail(out, KS_EINVOICE_QR);

    const ks_invoice_stamp stamp = {
        .key = key,
        .hash_b64 = out->hash,
        .signature_b64 = sig_b64,
        .signing_time = signing_time,
        .qr = out->qr,
    };
    out->xml = ks_ubl_write(doc, &stamp, &out->xml_len);
    return out->xml ? KS_EINVOICE_OK : fail(out, KS_EINVOICE_UNWRITABLE);
}
