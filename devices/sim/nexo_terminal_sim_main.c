/*
 * nexo-terminal-sim: a simulated Adyen-style payment terminal on HTTPS, for
 * demos and for tests that need the terminal in another process.
 *
 *   nexo-terminal-sim --listen 127.0.0.1:8443 --cert terminal.pem --key terminal.key \
 *       --poi V400m-324688179 --key-id KIOSK_KEY --key-version 1 \
 *       --passphrase-file nexo.key --script approve --script lost --outcome decline
 *
 * The first line on stdout says where it listens ("listening on
 * 127.0.0.1:8443"), so scripts can pass port 0 and read the port. It runs
 * until SIGINT or SIGTERM. With --journal FILE, every payment taken in,
 * every settlement and every reversal is appended to FILE as one JSON
 * object a line:
 *   {"event":"charge","sale_txn_id":"...","amount":6850,"poi_txn_id":"..."}
 * (events: request, charge, decline, cancel, abort, reverse).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/payment/nexo_crypto.h"
#include "devices/sim/nexo_terminal_sim.h"

#define PEM_MAX (64 * 1024)

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void usage(FILE *to)
{
    fprintf(to, "usage: nexo-terminal-sim --cert FILE --key FILE --poi POIID --key-id ID\n"
                "                         --passphrase-file FILE [options]\n"
                "  --listen HOST:PORT     IPv4 address and port (default 127.0.0.1:8443; 0 = any)\n"
                "  --cert FILE            the terminal's certificate chain (PEM)\n"
                "  --key FILE             its private key (PEM)\n"
                "  --poi POIID            the terminal's name\n"
                "  --key-id ID            the shared key's identifier\n"
                "  --key-version N        its version (default 1)\n"
                "  --passphrase-file FILE the shared passphrase (one line)\n"
                "  --currency XXX         the currency taken (default SAR)\n"
                "  --exponent N           its minor digits (default 2)\n"
                "  --outcome OUTCOME      the outcome of unscripted payments (default approve)\n"
                "  --script OUTCOME       the outcome of the next payment; repeatable, in order\n"
                "  --card-delay-ms N      how long the customer takes (default 1500)\n"
                "  --hold-ms N            how long 'timeout' waits for a card (default 60000)\n"
                "  --journal FILE         append payments and their outcomes, one JSON a line\n"
                "outcomes: approve decline cancel busy timeout drop lost\n");
}

/* The whole file, NUL-terminated, in a new buffer; NULL when unreadable or over max bytes. */
static char *read_file(const char *path, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
    bool ok = buf && !ferror(f) && n <= max;
    fclose(f);
    if (!ok) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

static bool parse_long(const char *text, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

struct options {
    char host[64];
    long port, key_version, exponent, card_delay_ms, hold_ms;
    const char *cert, *key, *poi, *key_id, *passphrase_file, *currency, *journal;
    enum dev_nexo_sim_outcome outcome;
    enum dev_nexo_sim_outcome script[64];
    size_t script_len;
};

static bool parse_listen(const char *text, struct options *o)
{
    const char *colon = strrchr(text, ':');
    if (!colon || (size_t)(colon - text) >= sizeof o->host || colon == text)
        return false;
    memcpy(o->host, text, (size_t)(colon - text));
    o->host[colon - text] = '\0';
    return parse_long(colon + 1, 0, 65535, &o->port);
}

static bool parse_options(int argc, char **argv, struct options *o)
{
    static const struct option longs[] = {
        {"listen", required_argument, NULL, 'l'},
        {"cert", required_argument, NULL, 'c'},
        {"key", required_argument, NULL, 'k'},
        {"poi", required_argument, NULL, 'p'},
        {"key-id", required_argument, NULL, 'i'},
        {"key-version", required_argument, NULL, 'v'},
        {"passphrase-file", required_argument, NULL, 'f'},
        {"currency", required_argument, NULL, 'C'},
        {"exponent", required_argument, NULL, 'e'},
        {"outcome", required_argument, NULL, 'o'},
        {"script", required_argument, NULL, 's'},
        {"card-delay-ms", required_argument, NULL, 'd'},
        {"hold-ms", required_argument, NULL, 'H'},
        {"journal", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *o = (struct options){.host = "127.0.0.1",
                          .port = 8443,
                          .key_version = 1,
                          .exponent = 2,
                          .card_delay_ms = 1500,
                          .hold_ms = 60000,
                          .currency = "SAR",
                          .outcome = DEV_NEXO_SIM_APPROVE};
    int c;
    bool ok = true;
    while (ok && (c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        switch (c) {
        case 'l':
            ok = parse_listen(optarg, o);
            break;
        case 'c':
            o->cert = optarg;
            break;
        case 'k':
            o->key = optarg;
            break;
        case 'p':
            o->poi = optarg;
            break;
        case 'i':
            o->key_id = optarg;
            break;
        case 'v':
            ok = parse_long(optarg, 0, UINT32_MAX, &o->key_version);
            break;
        case 'f':
            o->passphrase_file = optarg;
            break;
        case 'C':
            o->currency = optarg;
            break;
        case 'e':
            ok = parse_long(optarg, 0, 4, &o->exponent);
            break;
        case 'o':
            ok = dev_nexo_sim_outcome_parse(optarg, &o->outcome);
            break;
        case 's':
            ok = o->script_len < 64 &&
                 dev_nexo_sim_outcome_parse(optarg, &o->script[o->script_len++]);
            break;
        case 'd':
            ok = parse_long(optarg, 0, 3600000, &o->card_delay_ms);
            break;
        case 'H':
            ok = parse_long(optarg, 0, 3600000, &o->hold_ms);
            break;
        case 'j':
            o->journal = optarg;
            break;
        case 'h':
            usage(stdout);
            exit(0);
        default:
            ok = false;
            break;
        }
    }
    return ok && optind == argc && o->cert && o->key && o->poi && o->key_id && o->passphrase_file;
}

int main(int argc, char **argv)
{
    struct options o;
    if (!parse_options(argc, argv, &o)) {
        usage(stderr);
        return 2;
    }
    int status = 1;
    dev_nexo_sim *sim = NULL;
    char *cert = read_file(o.cert, PEM_MAX);
    char *key = read_file(o.key, PEM_MAX);
    char *passphrase = read_file(o.passphrase_file, DEV_NEXO_PASSPHRASE_MAX + 2);
    if (!cert || !key || !passphrase) {
        fprintf(stderr, "nexo-terminal-sim: cannot read the certificate, key or passphrase\n");
        goto end;
    }
    passphrase[strcspn(passphrase, "\r\n")] = '\0';
    const dev_nexo_sim_config config = {
        .host = o.host,
        .port = (unsigned)o.port,
        .cert_pem = cert,
        .key_pem = key,
        .poi_id = o.poi,
        .key_id = o.key_id,
        .key_version = (uint32_t)o.key_version,
        .passphrase = passphrase,
        .currency = o.currency,
        .exponent = (int)o.exponent,
        .default_outcome = o.outcome,
        .card_delay_ms = o.card_delay_ms,
        .hold_ms = o.hold_ms,
        .journal_path = o.journal,
    };
    char why[256];
    sim = dev_nexo_sim_start(&config, why, sizeof why);
    if (!sim) {
        fprintf(stderr, "nexo-terminal-sim: %s\n", why);
        goto end;
    }
    for (size_t i = 0; i < o.script_len; i++)
        dev_nexo_sim_script(sim, o.script[i]);
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    printf("listening on %s:%u\n", o.host, dev_nexo_sim_port(sim));
    fflush(stdout);
    while (!stop_requested)
        pause();
    status = 0;
end:
    dev_nexo_sim_stop(sim);
    if (passphrase)
        memset(passphrase, 0, strlen(passphrase));
    free(passphrase);
    free(cert);
    free(key);
    return status;
}
