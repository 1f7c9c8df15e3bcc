/*
 * The body of a refund asked for from the back office (POST
 * /v1/refund-requests, kiosk/backend/backend_refund_request.h): a good
 * request is read whole, and every bad one is refused naming the member at
 * fault, with nothing half read left behind.
 */
#include "tests/support/check.h"

#include <string.h>

#include "kiosk/backend/backend_refund_request.h"

#define REQUEST_ID "5eed0000-0000-4000-8000-0000000000b1"
#define ORDER_UUID "5eed0000-0000-4000-8000-00000000012d"

static void test_good_request(void)
{
    static const char body[] = "{\"request_id\":\"" REQUEST_ID "\",\"order_uuid\":\"" ORDER_UUID
                               "\",\"reason\":\"طلب بارد / cold\",\"lines\":"
                               "[{\"line_no\":0,\"quantity\":2},{\"line_no\":3,\"quantity\":1}]}";
    ks_backend_refund_request req;
    ks_json_error why;
    CHECK(ks_backend_refund_request_parse(body, strlen(body), &req, &why));
    CHECK_EQ_STR(why.path, "");
    CHECK_EQ_STR(req.request_id, REQUEST_ID);
    CHECK_EQ_STR(req.order_uuid, ORDER_UUID);
    CHECK_EQ_STR(req.reason, "طلب بارد / cold");
    CHECK_EQ_INT(req.n_lines, 2);
    CHECK_EQ_INT(req.lines[0].line_no, 0);
    CHECK_EQ_INT(req.lines[0].quantity, 2);
    CHECK_EQ_INT(req.lines[1].line_no, 3);
    CHECK_EQ_INT(req.lines[1].quantity, 1);
}

static void test_bad_requests(void)
{
    static const struct {
        const char *body;
        const char *path;   /* where the refusal points */
        const char *reason; /* a part of its reason */
    } bad[] = {
        {"", "", ""},
        {"[]", "", ""},
        {"{\"request_id\":\"" REQUEST_ID "\",\"order_uuid\":\"" ORDER_UUID
         "\",\"reason\":\"x\",\"lines\":[{\"line_no\":0,\"quantity\":1}],\"amount\":5}",
         "amount", ""},
        {"{\"request_id\":\"5EED0000-0000-4000-8000-0000000000B1\",\"order_uuid\":\"" ORDER_UUID
         "\",\"reason\":\"x\",\"lines\":[{\"line_no\":0,\"quantity\":1}]}",
         "request_id", ""},
        {"{\"request_id\":\"" REQUEST_ID "\",\"reason\":\"x\",\"lines\":"
         "[{\"line_no\":0,\"quantity\":1}]}",
         "", "missing member \"order_uuid\""},
        {"{\"request_id\":\"" REQUEST_ID "\",\"order_uuid\":\"" ORDER_UUID
         "\",\"reason\":\"\",\"lines\":[{\"line_no\":0,\"quantity\":1}]}",
         "reason", ""},
        {"{\"request_id\":\"" REQUEST_ID "\",\"order_uuid\":\"" ORDER_UUID
         "\",\"reason\":\"a\\nb\",\"lines\":[{\"line_no\":0,\"quantity\":1}]}",
         "reason", ""},
        {"{\"request_id\":\"" REQUEST_ID "\",\"order_uuid\":\"" ORDER_UUID
         "\",\"reason\":\"x\",\"lines\":[]}",
         "lines", ""},
        {"{\"request_id\":\"" REQUEST_ID "\",\"order_uuid\":\"" ORDER_UUID
         "\",\"reason\":\"x\",\"lines\":[{\"line_no\":0,\"quantity\":0}]}",
         "lines[0].quantity", ""},
        {"{\"request_id\":\"" REQUEST_ID "\",\"order_uuid\":\"" ORDER_UUID
         "\",\"reason\":\"x\",\"lines\":[{\"line_no\":2,\"quantity\":1},"
         "{\"line_no\":2,\"quantity\":1}]}",
         "lines[1].line_no", ""},
        {"{\"request_id\":\"" REQUEST_ID "\",\"order_uuid\":\"" ORDER_UUID
         "\",\"reason\":\"x\",\"lines\":[{\"line_no\":0,\"quantity\":1,\"amount\":600}]}",
         "lines[0].amount", ""},
    };
    for (size_t i = 0; i < CHECK_COUNT(bad); i++) {
        ks_backend_refund_request req;
        ks_json_error why;
        bool accepted =
            ks_backend_refund_request_parse(bad[i].body, strlen(bad[i].body), &req, &why);
        if (accepted)
            check_fail(__FILE__, __LINE__, "accepted: %s", bad[i].body);
        CHECK(!accepted);
        CHECK_EQ_STR(why.path, bad[i].path);
        CHECK(why.reason[0] != '\0');
        CHECK_CONTAINS(why.reason, bad[i].reason);
        CHECK(req.n_lines == 0 && req.request_id[0] == '\0');
    }
}

static const struct check_case cases[] = {
    {"a good request is read whole", test_good_request},
    {"bad requests are refused naming the member", test_bad_requests},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
