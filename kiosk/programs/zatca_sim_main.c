/*
 * zatca-sim: ZATCA's e-invoicing API (onboarding and reporting) on
 * loopback, with scripted outcomes (kiosk/zatca/zatca_sim.h,
 * kiosk/docs/zatca.md).
 *
 *   zatca-sim --listen 127.0.0.1:0 --otp 123456 --script down --script reported \
 *             --outcome reported --journal zatca.jsonl
 *
 * The first line on stdout says where it listens ("listening on
 * 127.0.0.1:43117"), so scripts can pass port 0 and read the port. It runs
 * until SIGINT or SIGTERM.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/zatca/zatca_sim.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void usage(FILE *to)
{
    fprintf(to, "usage: zatca-sim [options]\n"
                "  --listen HOST:PORT   IPv4 address and port (default 127.0.0.1:8090; 0 = any)\n"
                "  --otp CODE           the OTP POST /compliance accepts (default 123456)\n"
                "  --token B64          a production binarySecurityToken accepted for reporting\n"
                "  --secret TEXT        its secret\n"
                "  --outcome OUTCOME    the outcome of unscripted reports (default reported)\n"
                "  --script OUTCOME     the outcome of the next report; repeatable, in order\n"
                "  --hold-ms N          how long 'timeout' holds a request (default 60000)\n"
                "  --journal FILE       append every request and its answer, one JSON a line\n"
                "outcomes: reported warnings errors already unauthorized busy failing down "
                "timeout\n");
}

static bool parse_outcome(const char *text, enum ks_zatca_sim_outcome *out)
{
    if (ks_zatca_sim_outcome_parse(text, out))
        return true;
    fprintf(stderr, "zatca-sim: unknown outcome '%s'\n", text);
    return false;
}

int main(int argc, char **argv)
{
    static const struct option longs[] = {
        {"listen", required_argument, NULL, 'l'},  {"otp", required_argument, NULL, 'o'},
        {"token", required_argument, NULL, 't'},   {"secret", required_argument, NULL, 's'},
        {"outcome", required_argument, NULL, 'O'}, {"script", required_argument, NULL, 'S'},
        {"hold-ms", required_argument, NULL, 'h'}, {"journal", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, '?'},          {NULL, 0, NULL, 0},
    };
    static enum ks_zatca_sim_outcome script[KS_ZATCA_SIM_SCRIPT_MAX];
    ks_zatca_sim_options opt = {.listen = "127.0.0.1:8090", .script = script};
    int c;
    while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
        char *end = NULL;
        switch (c) {
        case 'l':
            opt.listen = optarg;
            break;
        case 'o':
            opt.otp = optarg;
            break;
        case 't':
            opt.token = optarg;
            break;
        case 's':
            opt.secret = optarg;
            break;
        case 'O':
            if (!parse_outcome(optarg, &opt.outcome))
                return 2;
            break;
        case 'S':
            if (opt.script_len == KS_ZATCA_SIM_SCRIPT_MAX ||
                !parse_outcome(optarg, &script[opt.script_len]))
                return 2;
            opt.script_len++;
            break;
        case 'h':
            errno = 0;
            opt.hold_ms = (int)strtol(optarg, &end, 10);
            if (errno || !end || *end || opt.hold_ms < 1) {
                usage(stderr);
                return 2;
            }
            break;
        case 'j':
            opt.journal = optarg;
            break;
        default:
            usage(c == '?' && optopt == 0 ? stdout : stderr);
            return c == '?' && optopt == 0 ? 0 : 2;
        }
    }
    if (optind != argc || (opt.token == NULL) != (opt.secret == NULL)) {
        usage(stderr);
        return 2;
    }
    ks_zatca_sim *sim = ks_zatca_sim_start(&opt);
    if (!sim)
        return 1;
    char host[64];
    const char *colon = strrchr(opt.listen, ':');
    snprintf(host, sizeof host, "%.*s", colon ? (int)(colon - opt.listen) : 0, opt.listen);
    printf("listening on %s:%u\n", host, (unsigned)ks_zatca_sim_port(sim));
    fflush(stdout);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    while (!stop_requested)
        pause();
    ks_zatca_sim_stop(sim);
    return 0;
}
