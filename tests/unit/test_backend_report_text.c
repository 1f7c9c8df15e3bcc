/*
 * Report rows written straight to text (kiosk/backend/backend_report_text.h):
 * the JSON byte for byte what jansson's json_dumps(JSON_COMPACT) makes of
 * the same rows as a tree (every control character, quotes, backslashes,
 * Arabic, the extreme integers, given as numbers or as the digits a driver
 * read, enough rows to grow the buffer many times),
 * the CSV as the API's (quoted text, doubled quotes, defused formulas, CRLF),
 * and a row whose columns are not the writer's refused.
 */
#include "kiosk/backend/backend_report_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/check.h"

static const char *const columns[] = {"period", "store_id", "orders", "total"};
#define N_COLUMNS 4

/* Where a row's text and its integers' digits are kept while it is written. */
struct row_text {
    char text[64];
    char digits[2][24];
};

/*
 * Row i's text and numbers, with every awkward byte among the rows; every
 * other row's integers given as digits, as the PostgreSQL store gives them.
 */
static void row_values(unsigned i, struct row_text *kept, ks_backend_value values[N_COLUMNS])
{
    char *text = kept->text;
    size_t cap = sizeof kept->text;
    static const char *const texts[] = {
        "2026-01-01", "say \"hi\"", "back\\slash", "tab\there", "new\nline", "\r\b\f", "ميناء",
        "=1+2",       "-3",         "@home",       "+x",        "slash/ok",  "\x7f",   ""};
    unsigned pick = i % (sizeof texts / sizeof texts[0]);
    if (i < 31) /* each control character once, alone */
        snprintf(text, cap, "c%c%u", (char)(i + 1), i);
    else
        snprintf(text, cap, "%s", texts[pick]);
    static const int64_t numbers[] = {0, -1, 1, INT64_MIN, INT64_MAX, 1000000000, -42};
    values[0] = (ks_backend_value){.text = text};
    values[1] = (ks_backend_value){.text = texts[(i * 7) % (sizeof texts / sizeof texts[0])]};
    values[2] = (ks_backend_value){.integer = numbers[i % 7]};
    values[3] = (ks_backend_value){.integer = (int64_t)i * 1000003 - 5000000};
    for (size_t c = 2; i % 2 && c < N_COLUMNS; c++) {
        snprintf(kept->digits[c - 2], sizeof kept->digits[c - 2], "%lld",
                 (long long)values[c].integer);
        values[c] = (ks_backend_value){.digits = kept->digits[c - 2]};
    }
}

/* The same row as a jansson object, as the store's JSON rows are. */
static json_t *row_object(const ks_backend_value values[N_COLUMNS])
{
    json_t *row = json_object();
    for (size_t c = 0; c < N_COLUMNS; c++)
        json_object_set_new(row, columns[c],
                            values[c].text ? json_string(values[c].text)
                                           : json_integer(ks_backend_value_int(&values[c])));
    return row;
}

static void test_json_as_jansson(void)
{
    enum { ROWS = 20000 };
    ks_backend_report_text *t = ks_backend_report_text_new(
        false, columns, N_COLUMNS, json_pack("{s:s, s:s}", "group", "day", "store", "ق\"1"), NULL,
        NULL);
    CHECK(t);
    json_t *tree = json_pack("{s:s, s:s}", "group", "day", "store", "ق\"1"), *rows = json_array();
    const ks_backend_sink sink = ks_backend_report_text_sink(t);
    for (unsigned i = 0; i < ROWS; i++) {
        struct row_text kept;
        ks_backend_value values[N_COLUMNS];
        row_values(i, &kept, values);
        CHECK_EQ_INT(sink.row(sink.ctx, columns, values, N_COLUMNS), KS_DB_OK);
        json_array_append_new(rows, row_object(values));
    }
    json_object_set_new(tree, "rows", rows);
    char *expected = json_dumps(tree, JSON_COMPACT);
    json_decref(tree);
    size_t len;
    char *text = ks_backend_report_text_finish(t, true, &len);
    CHECK(text && expected);
    CHECK_EQ_INT(len, strlen(expected));
    CHECK_EQ_INT(strlen(text), len);
    if (strcmp(text, expected) != 0) {
        size_t at = 0;
        while (text[at] == expected[at])
            at++;
        check_fail(__FILE__, __LINE__, "differs at %zu: ...%.40s against ...%.40s", at, text + at,
                   expected + at);
    }
    free(text);
    free(expected);
}

static void test_json_empty(void)
{
    size_t len;
    char *text = ks_backend_report_text_finish(
        ks_backend_report_text_new(false, columns, N_COLUMNS, json_pack("{s:s}", "by", "kiosk"),
                                   NULL, NULL),
        true, &len);
    CHECK_EQ_STR(text, "{\"by\":\"kiosk\",\"rows\":[]}");
    free(text);
    text = ks_backend_report_text_finish(
        ks_backend_report_text_new(false, columns, N_COLUMNS, NULL, NULL, NULL), true, &len);
    CHECK_EQ_STR(text, "{\"rows\":[]}");
    CHECK_EQ_INT(len, 11);
    free(text);
}

static void test_csv(void)
{
    ks_backend_report_text *t =
        ks_backend_report_text_new(true, columns, N_COLUMNS, NULL, NULL, NULL);
    CHECK(t);
    const ks_backend_sink sink = ks_backend_report_text_sink(t);
    const ks_backend_value a[] = {
        {.text = "2026-01-01"}, {.text = "say \"hi\""}, {.integer = -7}, {.integer = INT64_MIN}};
    const ks_backend_value b[] = {
        {.text = "=cmd()"}, {.text = "+1"}, {.integer = 0}, {.integer = INT64_MAX}};
    const ks_backend_value c[] = {{.text = "-2"}, {.text = "@a,b"}, {.integer = 5}, {.text = ""}};
    const ks_backend_value d[] = {
        {.text = "x"}, {.text = "y"}, {.digits = "-9223372036854775808"}, {.digits = "0"}};
    CHECK_EQ_INT(sink.row(sink.ctx, columns, a, N_COLUMNS), KS_DB_OK);
    CHECK_EQ_INT(sink.row(sink.ctx, columns, b, N_COLUMNS), KS_DB_OK);
    CHECK_EQ_INT(sink.row(sink.ctx, columns, c, N_COLUMNS), KS_DB_OK);
    CHECK_EQ_INT(sink.row(sink.ctx, columns, d, N_COLUMNS), KS_DB_OK);
    size_t len;
    char *text = ks_backend_report_text_finish(t, true, &len);
    static const char lines[] = "\"2026-01-01\",\"say \"\"hi\"\"\",-7,-9223372036854775808\r\n"
                                "\"'=cmd()\",\"'+1\",0,9223372036854775807\r\n"
                                "\"'-2\",\"'@a,b\",5,\"\"\r\n"
                                "\"x\",\"y\",-9223372036854775808,0\r\n";
    char expected[512];
    snprintf(expected, sizeof expected, "period,store_id,orders,total\r\n%s", lines);
    CHECK_EQ_STR(text, expected);
    CHECK_EQ_INT(len, strlen(expected));
    free(text);
}

static void test_other_columns_refused(void)
{
    ks_backend_report_text *t =
        ks_backend_report_text_new(false, columns, N_COLUMNS, NULL, NULL, NULL);
    CHECK(t);
    const ks_backend_sink sink = ks_backend_report_text_sink(t);
    static const char *const other[] = {"period", "store_id", "total", "orders"};
    const ks_backend_value v[] = {{.text = "a"}, {.text = "b"}, {.integer = 1}, {.integer = 2}};
    CHECK_EQ_INT(sink.row(sink.ctx, columns, v, N_COLUMNS), KS_DB_OK);
    CHECK_EQ_INT(sink.row(sink.ctx, other, v, N_COLUMNS), KS_DB_ERR_INTERNAL);
    CHECK_EQ_INT(sink.row(sink.ctx, columns, v, N_COLUMNS - 1), KS_DB_ERR_INTERNAL);
    size_t len = 99;
    CHECK(!ks_backend_report_text_finish(t, true, &len));
    CHECK_EQ_INT(len, 0);
    ks_backend_report_text_free(NULL);
    CHECK(!ks_backend_report_text_finish(NULL, true, &len));
}

int main(int argc, char **argv)
{
    static const struct check_case cases[] = {
        {"JSON byte for byte as jansson's", test_json_as_jansson},
        {"JSON with no rows", test_json_empty},
        {"CSV from the sink", test_csv},
        {"a row of other columns refused", test_other_columns_refused},
    };
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
