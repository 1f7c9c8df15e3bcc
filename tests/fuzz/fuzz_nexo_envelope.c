/*
 * Fuzz target: arbitrary bytes as a sealed answer from a terminal (the
 * NexoBlob envelope), opened under a fixed key. What opens must be a
 * message that seals and opens back to the same text; it is then fed to the
 * response decoder, as the kiosk does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devices/payment/nexo_crypto.h"
#include "devices/payment/nexo_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PASSPHRASE "fuzz-passphrase-0001"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static dev_nexo_key key;
    static bool ready;
    if (!ready) {
        /* Deriving costs ~3 ms: once per process, not per input. */
        if (!dev_nexo_key_derive(&key, "KIOSK_KEY", 1, PASSPHRASE, strlen(PASSPHRASE)))
            __builtin_trap();
        ready = true;
    }
    char *plain = NULL;
    size_t len = 0;
    enum dev_nexo_crypto_error err =
        dev_nexo_open(&key, "SaleToPOIResponse", (const char *)data, size, &plain, &len);
    if (err != DEV_NEXO_CRYPTO_OK) {
        if (plain || err == DEV_NEXO_CRYPTO_INTERNAL)
            __builtin_trap();
        return 0;
    }
    if (len > DEV_NEXO_MAX_PLAINTEXT || plain[len] != '\0')
        __builtin_trap();
    char *sealed = NULL, *back = NULL;
    size_t sealed_len = 0, back_len = 0;
    if (dev_nexo_seal(&key, plain, len, NULL, &sealed, &sealed_len) == DEV_NEXO_CRYPTO_OK &&
        (dev_nexo_open(&key, "SaleToPOIResponse", sealed, sealed_len, &back, &back_len) !=
             DEV_NEXO_CRYPTO_OK ||
         back_len != len || memcmp(back, plain, len) != 0))
        __builtin_trap();
    dev_nexo_response resp;
    dev_nexo_decode_response(plain, len, 2, &resp, NULL);
    free(back);
    free(sealed);
    free(plain);
    return 0;
}
