/*
 * The device's cryptographic stamp (ZATCA: the CSID): its secp256k1
 * private key and the X.509 certificate ZATCA issued for it. Signs invoice
 * hashes (ECDSA with SHA-256, DER signatures) and gives what the XAdES
 * signature and the QR's tags 8 and 9 need from the certificate.
 *
 * Loaded once at start; immutable afterwards, so it may be shared by
 * threads. The private key file must not be readable by group or others.
 */
#ifndef KIOSK_EINVOICE_STAMP_KEY_H
#define KIOSK_EINVOICE_STAMP_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KS_STAMP_SIGNATURE_MAX 72 /* DER ECDSA signature on a 256-bit curve */

typedef struct ks_stamp_key ks_stamp_key;

/*
 * Reads the PEM certificate and PEM private key. Refuses (NULL, and an
 * English reason in why[0..why_cap)) a missing or unreadable file, a key
 * file readable by group or others, a key that is not EC on secp256k1,
 * and a certificate whose public key is not the key's.
 */
ks_stamp_key *ks_stamp_key_load(const char *cert_path, const char *key_path, char *why,
                                size_t why_cap);
/*
 * The same with the certificate of a CSID answer's binarySecurityToken
 * (base64 of the certificate's base64 DER, as ZATCA issues it,
 * kiosk/app/zatca_answer.h) instead of a PEM file.
 */
ks_stamp_key *ks_stamp_key_from_token(const char *token, const char *key_path, char *why,
                                      size_t why_cap);
void ks_stamp_key_free(ks_stamp_key *key);

/*
 * ECDSA over SHA-256 of the 32 bytes of an invoice hash (what ZATCA's QR
 * tag 7 and ds:SignatureValue hold), DER-encoded into sig, its length in
 * *sig_len. False when OpenSSL fails.
 */
bool ks_stamp_key_sign(const ks_stamp_key *key, const uint8_t hash[32],
                       uint8_t sig[KS_STAMP_SIGNATURE_MAX], size_t *sig_len);

/* The DER SubjectPublicKeyInfo (QR tag 8). */
const uint8_t *ks_stamp_key_public_der(const ks_stamp_key *key, size_t *len);
/* The certificate's own signature by ZATCA's CA, DER (QR tag 9). */
const uint8_t *ks_stamp_key_cert_signature(const ks_stamp_key *key, size_t *len);
/* The certificate's DER in base64, one line (ds:X509Certificate). */
const char *ks_stamp_key_cert_base64(const ks_stamp_key *key);
/* base64 of the hex SHA-256 of that base64 text, as ZATCA's xades:CertDigest is written. */
const char *ks_stamp_key_cert_digest(const ks_stamp_key *key);
/* The issuer, "CN=TSZEINVOICE-SubCA-1, DC=extgazt, DC=gov, DC=local" (ds:X509IssuerName). */
const char *ks_stamp_key_issuer(const ks_stamp_key *key);
/* The serial number in decimal (ds:X509SerialNumber). */
const char *ks_stamp_key_serial(const ks_stamp_key *key);

/* base64(hex(SHA-256(data))): ZATCA's digest notation for the XAdES properties. */
void ks_stamp_hex_digest(const void *data, size_t len, char out[89]);

#endif
