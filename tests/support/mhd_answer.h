/*
 * For a test or benchmark that drives libmicrohttpd itself (no kiosk/http
 * server): the plain answer its handler sends once it has looked at the
 * request, 200 with the body "{}".
 */
#ifndef TESTS_SUPPORT_MHD_ANSWER_H
#define TESTS_SUPPORT_MHD_ANSWER_H

#include <microhttpd.h>

static inline enum MHD_Result mhd_answer_ok(struct MHD_Connection *con)
{
    static char ok[] = "{}";
    struct MHD_Response *r =
        MHD_create_response_from_buffer(sizeof ok - 1, ok, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    enum MHD_Result ret = MHD_queue_response(con, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

#endif
