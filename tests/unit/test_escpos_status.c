/*
 * DLE EOT requests and answers (devices/printer/escpos_status.c). Answer
 * bytes are written from the manuals' bit tables: 0x12 is the fixed pattern
 * (bits 1 and 4), each condition adds its bits on top.
 */
#include "devices/printer/escpos_status.h"
#include "tests/support/check.h"

static void test_requests(void)
{
    dev_buffer out;
    dev_buffer_init(&out, 64);
    for (int n = 1; n <= 4; n++)
        CHECK(dev_escpos_append_status_request(&out, (enum dev_escpos_query)n));
    static const uint8_t want[] = {0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4};
    CHECK_EQ_INT(out.len, sizeof want);
    CHECK(memcmp(out.data, want, sizeof want) == 0);
    CHECK(!dev_escpos_append_status_request(&out, (enum dev_escpos_query)0));
    CHECK(!dev_escpos_append_status_request(&out, (enum dev_escpos_query)5));
    CHECK_EQ_INT(out.len, sizeof want);
    dev_buffer_free(&out);
}

static void test_status_byte_pattern(void)
{
    static const struct {
        uint8_t byte;
        bool status;
    } cases[] = {
        {0x12, true},                 /* idle, healthy */
        {0x1A, true},                 /* offline */
        {0x7E, true},                 /* paper end + near end */
        {0x72, true},  {0x11, false}, /* XON: bit 0 set, bit 1 clear */
        {0x13, false},                /* XOFF: bit 0 set */
        {0x02, false},                /* bit 4 clear */
        {0x10, false},                /* bit 1 clear */
        {0x92, false},                /* bit 7 set */
        {0xFF, false}, {0x00, false},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++)
        CHECK_EQ_INT(dev_escpos_is_status_byte(cases[i].byte), cases[i].status);
}

static void test_flags_per_query(void)
{
    static const struct {
        int n;
        uint8_t answer;
        unsigned flags;
    } cases[] = {
        {1, 0x12, 0},
        {1, 0x1A, DEV_STATUS_OFFLINE},                /* 0x12 | bit 3 */
        {1, 0x16, DEV_STATUS_DRAWER_PIN3},            /* 0x12 | bit 2 */
        {2, 0x16, DEV_STATUS_COVER_OPEN},             /* bit 2 */
        {2, 0x1A, DEV_STATUS_FEED_BUTTON},            /* bit 3 */
        {2, 0x32, DEV_STATUS_STOPPED_AT_PAPER_END},   /* bit 5 */
        {2, 0x52, DEV_STATUS_ERROR},                  /* bit 6 */
        {3, 0x1A, DEV_STATUS_AUTOCUTTER_ERROR},       /* bit 3 */
        {3, 0x32, DEV_STATUS_UNRECOVERABLE_ERROR},    /* bit 5 */
        {3, 0x52, DEV_STATUS_AUTO_RECOVERABLE_ERROR}, /* bit 6 */
        {4, 0x1E, DEV_STATUS_PAPER_NEAR_END},         /* bits 2+3 */
        {4, 0x16, DEV_STATUS_PAPER_NEAR_END},         /* one of the pair is enough */
        {4, 0x72, DEV_STATUS_PAPER_OUT},              /* bits 5+6 */
        {4, 0x7E, DEV_STATUS_PAPER_NEAR_END | DEV_STATUS_PAPER_OUT},
        {1, 0x13, 0}, /* not a status byte */
        {5, 0x1A, 0}, /* no such query */
        {0, 0x1A, 0},
    };
    for (size_t i = 0; i < CHECK_COUNT(cases); i++)
        CHECK_EQ_INT(dev_escpos_status_flags((enum dev_escpos_query)cases[i].n, cases[i].answer),
                     cases[i].flags);
}

struct parse_case {
    const char *name;
    uint8_t rx[12];
    size_t len;
    bool ok;
    uint8_t answers[4];
    enum dev_printer_condition condition;
};

static const struct parse_case parse_cases[] = {
    {"ready", {0x12, 0x12, 0x12, 0x12}, 4, true, {0x12, 0x12, 0x12, 0x12}, DEV_PRINTER_READY},
    {"XON, XOFF and garbage between answers",
     {0x11, 0x12, 0x13, 0x12, 0xFF, 0x12, 0x00, 0x1E},
     8,
     true,
     {0x12, 0x12, 0x12, 0x1E},
     DEV_PRINTER_PAPER_NEAR_END},
    {"late answers before the real ones",
     {0x1A, 0x16, 0x12, 0x12, 0x12, 0x12},
     6,
     true,
     {0x12, 0x12, 0x12, 0x12},
     DEV_PRINTER_READY},
    {"paper out",
     {0x1A, 0x32, 0x12, 0x7E},
     4,
     true,
     {0x1A, 0x32, 0x12, 0x7E},
     DEV_PRINTER_PAPER_OUT},
    {"cover open",
     {0x1A, 0x16, 0x12, 0x12},
     4,
     true,
     {0x1A, 0x16, 0x12, 0x12},
     DEV_PRINTER_COVER_OPEN},
    {"cover open wins over paper out",
     {0x1A, 0x36, 0x12, 0x7E},
     4,
     true,
     {0x1A, 0x36, 0x12, 0x7E},
     DEV_PRINTER_COVER_OPEN},
    {"cutter jam",
     {0x1A, 0x52, 0x1A, 0x12},
     4,
     true,
     {0x1A, 0x52, 0x1A, 0x12},
     DEV_PRINTER_CUTTER_ERROR},
    {"head too hot",
     {0x1A, 0x52, 0x52, 0x12},
     4,
     true,
     {0x1A, 0x52, 0x52, 0x12},
     DEV_PRINTER_RECOVERING},
    {"unrecoverable wins over everything",
     {0x1A, 0x56, 0x32, 0x7E},
     4,
     true,
     {0x1A, 0x56, 0x32, 0x7E},
     DEV_PRINTER_UNRECOVERABLE},
    {"offline without a cause",
     {0x1A, 0x12, 0x12, 0x12},
     4,
     true,
     {0x1A, 0x12, 0x12, 0x12},
     DEV_PRINTER_OFFLINE},
    {"three answers only", {0x12, 0x12, 0x13, 0x12}, 4, false, {0}, DEV_PRINTER_READY},
    {"nothing", {0}, 0, false, {0}, DEV_PRINTER_READY},
};

static void test_parse(void)
{
    for (size_t i = 0; i < CHECK_COUNT(parse_cases); i++) {
        const struct parse_case *c = &parse_cases[i];
        dev_printer_status st;
        if (dev_escpos_status_parse(c->rx, c->len, &st) != c->ok) {
            check_fail(__FILE__, __LINE__, "%s: parse result", c->name);
            return;
        }
        if (memcmp(st.answers, c->answers, 4) != 0 ||
            dev_printer_status_condition(&st) != c->condition) {
            check_fail(__FILE__, __LINE__, "%s: answers %02x %02x %02x %02x, condition %d", c->name,
                       st.answers[0], st.answers[1], st.answers[2], st.answers[3],
                       (int)dev_printer_status_condition(&st));
            return;
        }
    }
}

static void test_parse_flags_combine(void)
{
    static const uint8_t rx[] = {0x1A, 0x32, 0x12, 0x7E};
    dev_printer_status st;
    CHECK(dev_escpos_status_parse(rx, sizeof rx, &st));
    CHECK_EQ_INT(st.flags, DEV_STATUS_OFFLINE | DEV_STATUS_STOPPED_AT_PAPER_END |
                               DEV_STATUS_PAPER_NEAR_END | DEV_STATUS_PAPER_OUT);
    CHECK(!dev_escpos_status_parse(NULL, 0, &st));
    CHECK_EQ_INT(st.flags, 0);
}

static void test_condition_texts(void)
{
    CHECK_EQ_STR(dev_printer_condition_strerror(DEV_PRINTER_READY), "ready");
    CHECK_EQ_STR(dev_printer_condition_strerror(DEV_PRINTER_PAPER_OUT), "out of paper");
    CHECK_EQ_STR(dev_printer_condition_strerror(DEV_PRINTER_COVER_OPEN), "printer cover open");
    CHECK_EQ_STR(dev_printer_condition_strerror((enum dev_printer_condition)99),
                 "unknown printer condition");
}

static const struct check_case cases[] = {
    {"requests", test_requests},
    {"status byte pattern", test_status_byte_pattern},
    {"flags per query", test_flags_per_query},
    {"parse", test_parse},
    {"parse flags combine", test_parse_flags_combine},
    {"condition texts", test_condition_texts},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
