/* Produce-scale protocol codecs: the byte strings of devices.md section 5, both ways. */
#include "devices/scale/scale_protocol.h"
#include "tests/support/check.h"

struct reply_case {
    enum dev_scale_dialect dialect;
    const char *bytes;
    bool well_formed;
    enum dev_scale_status status;
    int64_t grams;
};

static const struct reply_case replies[] = {
    /* Magellan single cable */
    {DEV_SCALE_MAGELLAN, "S1101500\r", true, DEV_SCALE_STABLE, 1500},
    {DEV_SCALE_MAGELLAN, "S14401234\r", true, DEV_SCALE_STABLE, 1234},
    {DEV_SCALE_MAGELLAN, "S140\r", true, DEV_SCALE_NO_ZERO, 0},
    {DEV_SCALE_MAGELLAN, "S141\r", true, DEV_SCALE_UNSTABLE, 0},
    {DEV_SCALE_MAGELLAN, "S142\r", true, DEV_SCALE_OVERLOAD, 0},
    {DEV_SCALE_MAGELLAN, "S143\r", true, DEV_SCALE_STABLE, 0},
    {DEV_SCALE_MAGELLAN, "S145\r", true, DEV_SCALE_UNDER_ZERO, 0},
    {DEV_SCALE_MAGELLAN, "S110330\r", true, DEV_SCALE_ERROR, 0}, /* 3.30 lb: pounds refused */
    {DEV_SCALE_MAGELLAN, "S146\r", false, DEV_SCALE_ERROR, 0},
    {DEV_SCALE_MAGELLAN, "S144\r", false, DEV_SCALE_ERROR, 0},
    {DEV_SCALE_MAGELLAN, "S1101A00\r", false, DEV_SCALE_ERROR, 0},
    {DEV_SCALE_MAGELLAN, "S1101500", false, DEV_SCALE_ERROR, 0},
    {DEV_SCALE_MAGELLAN, "S11015000\r", false, DEV_SCALE_ERROR, 0},
    /* Mettler Toledo 8217: status bits from the Magellan 8500 DIVA service manual 6.1.4.3 */
    {DEV_SCALE_MT8217,
     "\x02"
     "01.500\r",
     true, DEV_SCALE_STABLE, 1500},
    {DEV_SCALE_MT8217,
     "\x02"
     "12.345\r",
     true, DEV_SCALE_STABLE, 12345},
    {DEV_SCALE_MT8217, "\x02?A\r", true, DEV_SCALE_UNSTABLE, 0},   /* 0x41: bit 0 motion */
    {DEV_SCALE_MT8217, "\x02?B\r", true, DEV_SCALE_OVERLOAD, 0},   /* 0x42: bit 1 over capacity */
    {DEV_SCALE_MT8217, "\x02?D\r", true, DEV_SCALE_UNDER_ZERO, 0}, /* 0x44: bit 2 under zero */
    {DEV_SCALE_MT8217, "\x02?H\r", true, DEV_SCALE_NO_ZERO,
     0}, /* 0x48: bit 3 outside zero capture */
    {DEV_SCALE_MT8217, "\x02?P\r", true, DEV_SCALE_STABLE, 0},   /* 0x50: bit 4 centre of zero */
    {DEV_SCALE_MT8217, "\x02?Q\r", true, DEV_SCALE_UNSTABLE, 0}, /* 0x51: at zero but moving */
    {DEV_SCALE_MT8217, "\x02?C\r", true, DEV_SCALE_OVERLOAD, 0}, /* 0x43: over wins over motion */
    {DEV_SCALE_MT8217, "\x02?`\r", true, DEV_SCALE_ERROR,
     0}, /* 0x60: net only, nothing to report */
    {DEV_SCALE_MT8217, "\x02?@\r", true, DEV_SCALE_ERROR, 0}, /* 0x40: no bit at all */
    {DEV_SCALE_MT8217,
     "\x02"
     "1.50\r",
     false, DEV_SCALE_ERROR, 0}, /* two decimals: pounds */
    {DEV_SCALE_MT8217, "01.500\r", false, DEV_SCALE_ERROR, 0},
    {DEV_SCALE_MT8217, "\x02?0\r", false, DEV_SCALE_ERROR, 0},
    /* NCI / SCP: LF weight unit CR LF status bytes CR ETX (NCI 7800, Weigh-Tronix 7821 manuals) */
    {DEV_SCALE_NCI, "\n01.500kg\r\n00\r\x03", true, DEV_SCALE_STABLE, 1500},
    {DEV_SCALE_NCI, "\n01.500KG\r\n00\r\x03", true, DEV_SCALE_STABLE, 1500},
    {DEV_SCALE_NCI, "\n 0.250kg\r\n00\r\x03", true, DEV_SCALE_STABLE, 250},
    {DEV_SCALE_NCI, "\n12.34kg\r\n00\r\x03", true, DEV_SCALE_STABLE, 12340},  /* 10 g steps */
    {DEV_SCALE_NCI, "\n01.500kg\r\n10\r\x03", true, DEV_SCALE_UNSTABLE, 0},   /* s1 0x31 motion */
    {DEV_SCALE_NCI, "\n00.000kg\r\n20\r\x03", true, DEV_SCALE_STABLE, 0},     /* s1 0x32 at zero */
    {DEV_SCALE_NCI, "\n00.000kg\r\n02\r\x03", true, DEV_SCALE_OVERLOAD, 0},   /* s2 0x32 over */
    {DEV_SCALE_NCI, "\n-0.120kg\r\n01\r\x03", true, DEV_SCALE_UNDER_ZERO, 0}, /* s2 0x31 under */
    {DEV_SCALE_NCI, "\n01.500kg\r\n40\r\x03", true, DEV_SCALE_ERROR, 0},      /* s1 0x34 RAM */
    {DEV_SCALE_NCI, "\n01.500kg\r\n08\r\x03", true, DEV_SCALE_ERROR, 0}, /* s2 0x38 calibration */
    {DEV_SCALE_NCI, "\n01.500kg\r\n0p0\r\x03", true, DEV_SCALE_STABLE,
     1500}, /* s2 0x70: s3 follows */
    {DEV_SCALE_NCI, "\n01.500kg\r\n0p4\r\x03", true, DEV_SCALE_STABLE,
     1500},                                                               /* s3 0x34 net weight */
    {DEV_SCALE_NCI, "\n01.500kg\r\n0p\r\x03", false, DEV_SCALE_ERROR, 0}, /* follows, nothing */
    {DEV_SCALE_NCI, "\n01.500kg\r\n000\r\x03", false, DEV_SCALE_ERROR,
     0}, /* a third byte unannounced */
    {DEV_SCALE_NCI, "\n01.500kg\r\np0\r\x03", false, DEV_SCALE_ERROR, 0},  /* bit 6 in s1 */
    {DEV_SCALE_NCI, "\n01.500KG\r\nS00\r\x03", false, DEV_SCALE_ERROR, 0}, /* no 'S' on the wire */
    {DEV_SCALE_NCI, "\n01.500lb\r\n00\r\x03", false, DEV_SCALE_ERROR, 0},
    {DEV_SCALE_NCI, "\n01.5kg\r\n00\r\x03", false, DEV_SCALE_ERROR, 0},
    {DEV_SCALE_NCI, "\n01.500kg\r\n0\r\x03", false, DEV_SCALE_ERROR, 0},
    {DEV_SCALE_NCI, "\n01.500kg\r\n00\r", false, DEV_SCALE_ERROR, 0},
    {DEV_SCALE_NCI, "\n?\r\x03", false, DEV_SCALE_ERROR, 0}, /* bad command */
};

static void test_replies(void)
{
    for (size_t i = 0; i < CHECK_COUNT(replies); i++) {
        const struct reply_case *c = &replies[i];
        struct dev_scale_reading r = {DEV_SCALE_STABLE, 777};
        bool ok =
            dev_scale_parse_reply(c->dialect, (const uint8_t *)c->bytes, strlen(c->bytes), &r);
        if (ok != c->well_formed || r.status != c->status || r.grams != c->grams)
            check_fail(__FILE__, __LINE__, "case %zu: ok %d status %s grams %lld", i, ok,
                       dev_scale_status_name(r.status), (long long)r.grams);
    }
}

static void test_requests(void)
{
    uint8_t buf[8];
    CHECK_EQ_INT(dev_scale_request(DEV_SCALE_MAGELLAN, buf, sizeof(buf)), 4);
    CHECK(memcmp(buf, "S14\r", 4) == 0);
    CHECK_EQ_INT(dev_scale_request(DEV_SCALE_MT8217, buf, sizeof(buf)), 1);
    CHECK(buf[0] == 'W');
    CHECK_EQ_INT(dev_scale_request(DEV_SCALE_NCI, buf, sizeof(buf)), 2);
    CHECK(memcmp(buf, "W\r", 2) == 0);
    CHECK_EQ_INT(dev_scale_request(DEV_SCALE_NCI, buf, 1), 0);
    CHECK_EQ_INT(dev_scale_reply_end(DEV_SCALE_NCI), 0x03);
    CHECK_EQ_INT(dev_scale_reply_end(DEV_SCALE_MT8217), '\r');
}

static void test_build_round_trip(void)
{
    const enum dev_scale_dialect dialects[] = {DEV_SCALE_MAGELLAN, DEV_SCALE_MT8217, DEV_SCALE_NCI};
    const struct dev_scale_reading readings[] = {
        {DEV_SCALE_STABLE, 1500}, {DEV_SCALE_STABLE, 0},   {DEV_SCALE_STABLE, 99999},
        {DEV_SCALE_UNSTABLE, 0},  {DEV_SCALE_OVERLOAD, 0}, {DEV_SCALE_UNDER_ZERO, 0},
    };
    for (size_t d = 0; d < CHECK_COUNT(dialects); d++)
        for (size_t i = 0; i < CHECK_COUNT(readings); i++) {
            uint8_t buf[DEV_SCALE_REPLY_MAX];
            size_t n = dev_scale_reply_build(dialects[d], &readings[i], buf, sizeof(buf));
            struct dev_scale_reading back;
            CHECK(n > 0);
            CHECK(dev_scale_parse_reply(dialects[d], buf, n, &back));
            CHECK_EQ_INT(back.status, readings[i].status);
            CHECK_EQ_INT(back.grams, readings[i].grams);
        }
    uint8_t buf[DEV_SCALE_REPLY_MAX];
    struct dev_scale_reading heavy = {DEV_SCALE_STABLE, 100000};
    CHECK_EQ_INT(dev_scale_reply_build(DEV_SCALE_NCI, &heavy, buf, sizeof(buf)), 0);
    struct dev_scale_reading no_zero = {DEV_SCALE_NO_ZERO, 0};
    CHECK_EQ_INT(dev_scale_reply_build(DEV_SCALE_MT8217, &no_zero, buf, sizeof(buf)), 4);
    CHECK(memcmp(buf, "\x02?H\r", 4) == 0); /* 0x40 + bit 3 */
    CHECK_EQ_INT(dev_scale_reply_build(DEV_SCALE_NCI, &no_zero, buf, sizeof(buf)), 0);
    CHECK_EQ_INT(dev_scale_reply_build(DEV_SCALE_MAGELLAN, &no_zero, buf, sizeof(buf)), 5);
    CHECK(memcmp(buf, "S140\r", 5) == 0);
    struct dev_scale_reading w = {DEV_SCALE_STABLE, 1500};
    CHECK_EQ_INT(dev_scale_reply_build(DEV_SCALE_NCI, &w, buf, 4), 0);
}

static void test_accept_rule(void)
{
    int64_t g = -1;
    struct dev_scale_reading r = {DEV_SCALE_STABLE, 1500};
    CHECK(dev_scale_accept(&r, 15000, &g));
    CHECK_EQ_INT(g, 1500);
    r.grams = 0;
    CHECK(dev_scale_accept(&r, 15000, &g));
    CHECK_EQ_INT(g, 0);
    r.grams = 15001; /* over the store's 15 kg limit */
    CHECK(!dev_scale_accept(&r, 15000, &g));
    r.grams = -5;
    CHECK(!dev_scale_accept(&r, 15000, &g));
    r = (struct dev_scale_reading){DEV_SCALE_UNSTABLE, 1500};
    CHECK(!dev_scale_accept(&r, 15000, &g));
    CHECK(!dev_scale_accept(NULL, 15000, &g));
    CHECK(!dev_scale_accept(&r, 15000, NULL));
    CHECK_EQ_INT(g, 0);
}

static const struct check_case cases[] = {
    {"replies", test_replies},
    {"requests", test_requests},
    {"build round trip", test_build_round_trip},
    {"accept rule", test_accept_rule},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
