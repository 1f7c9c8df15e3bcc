/*
 * Local message security of Adyen's nexo Terminal API: what protects a
 * SaleToPOIRequest on its way to a terminal on the shop's network, and the
 * SaleToPOIResponse on its way back, inside the TLS connection.
 *
 * Both sides share a passphrase, known by a key identifier and version. It
 * is stretched once with PBKDF2-HMAC-SHA1 (salt "AdyenNexoV1Salt", 4000
 * iterations) into 80 bytes: an HMAC key (0..31), an AES key (32..63) and an
 * IV (64..79). A message is sealed as
 *
 *   {"SaleToPOIRequest": {"MessageHeader": {... the header, in clear ...},
 *     "NexoBlob": base64(AES-256-CBC(message, iv = derived IV XOR nonce)),
 *     "SecurityTrailer": {"AdyenCryptoVersion": 1, "KeyIdentifier": "...",
 *       "KeyVersion": n, "Nonce": base64(16 random bytes),
 *       "Hmac": base64(HMAC-SHA256(message))}}}
 *
 * where message is the complete plain JSON text ({"SaleToPOIRequest": ...}).
 * The HMAC covers the plain text (MAC, then encrypt), so a failed CBC
 * padding check and a failed HMAC are reported alike: either way the
 * message did not come from a holder of the key. The clear header is not
 * authenticated: readers must use the one inside the decrypted message.
 *
 * Checked against @adyen/api-library's NexoCrypto (tests/unit/test_nexo_crypto.c).
 */
#ifndef DEVICES_PAYMENT_NEXO_CRYPTO_H
#define DEVICES_PAYMENT_NEXO_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEV_NEXO_NONCE_BYTES 16
#define DEV_NEXO_KEY_ID_MAX 64
/* The largest plain message sealed or opened: a payment answer with receipts is ~20 KiB. */
#define DEV_NEXO_MAX_PLAINTEXT (192u * 1024u)
/* The largest envelope read: base64 of the above, plus the header and trailer. */
#define DEV_NEXO_MAX_ENVELOPE (288u * 1024u)
/* The longest passphrase accepted, in bytes. */
#define DEV_NEXO_PASSPHRASE_MAX 256

/* A derived key with its name. Holds secrets: wipe it with dev_nexo_key_wipe. */
typedef struct dev_nexo_key {
    char identifier[DEV_NEXO_KEY_ID_MAX + 1]; /* KeyIdentifier, printable ASCII */
    uint32_t version;                         /* KeyVersion */
    uint8_t hmac_key[32];
    uint8_t cipher_key[32];
    uint8_t iv[16];
} dev_nexo_key;

/*
 * Derives the key material from passphrase[0..len) (1..DEV_NEXO_PASSPHRASE_MAX
 * bytes, used as they are: Adyen's libraries take its characters as Latin-1,
 * which is the same for ASCII) and names it identifier (1..64 printable ASCII
 * characters) and version. About 3 ms of CPU. False on bad arguments or when
 * OpenSSL fails; *out is then wiped.
 */
bool dev_nexo_key_derive(dev_nexo_key *out, const char *identifier, uint32_t version,
                         const void *passphrase, size_t len);

/* Overwrites the key material with zeros in a way the compiler keeps. Accepts NULL. */
void dev_nexo_key_wipe(dev_nexo_key *key);

enum dev_nexo_crypto_error {
    DEV_NEXO_CRYPTO_OK,
    DEV_NEXO_CRYPTO_TOO_LARGE,   /* over DEV_NEXO_MAX_PLAINTEXT or DEV_NEXO_MAX_ENVELOPE */
    DEV_NEXO_CRYPTO_MALFORMED,   /* not a sealed nexo message: JSON, member, type, base64, size */
    DEV_NEXO_CRYPTO_UNSUPPORTED, /* an AdyenCryptoVersion other than 1 */
    DEV_NEXO_CRYPTO_WRONG_KEY,   /* sealed under another KeyIdentifier or KeyVersion */
    DEV_NEXO_CRYPTO_BAD_HMAC,    /* authentication failed: altered, or another passphrase */
    DEV_NEXO_CRYPTO_NO_RANDOM,   /* no random bytes for the nonce */
    DEV_NEXO_CRYPTO_NO_MEMORY,
    DEV_NEXO_CRYPTO_INTERNAL, /* OpenSSL refused an operation it should not refuse */
};

/* A static English phrase for an error. Never NULL. */
const char *dev_nexo_crypto_strerror(enum dev_nexo_crypto_error err);

/*
 * Seals plain[0..len): a complete nexo message, a JSON object with one
 * member "SaleToPOIRequest" or "SaleToPOIResponse" whose value holds a
 * "MessageHeader" object (DEV_NEXO_CRYPTO_MALFORMED otherwise). nonce
 * (DEV_NEXO_NONCE_BYTES) is for known-answer tests; NULL draws a random one,
 * which is what every real message must use. On success *out is the compact
 * JSON envelope, NUL-terminated, owned by the caller (free()), its length in
 * *out_len; on error *out is NULL.
 */
enum dev_nexo_crypto_error dev_nexo_seal(const dev_nexo_key *key, const char *plain, size_t len,
                                         const uint8_t *nonce, char **out, size_t *out_len);

/*
 * Opens the envelope[0..len) sealed under key. Its single top-level member
 * must be named expect ("SaleToPOIResponse" on the kiosk's side,
 * "SaleToPOIRequest" on a terminal's). On success *plain is the decrypted
 * and authenticated message, NUL-terminated, owned by the caller (free()),
 * its length in *plain_len; on error *plain is NULL. Members this reader does
 * not use are ignored; the ones it uses must have the right type and size.
 */
enum dev_nexo_crypto_error dev_nexo_open(const dev_nexo_key *key, const char *expect,
                                         const char *envelope, size_t len, char **plain,
                                         size_t *plain_len);

#endif
