/* ZATCA's answers: see kiosk/app/zatca_answer.h and kiosk/docs/zatca.md. */
#include "kiosk/app/zatca_answer.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/domain/json_read.h"

const char *ks_zatca_outcome_name(enum ks_zatca_outcome outcome)
{
    switch (outcome) {
    case KS_ZATCA_REPORTED:
        return "reported";
    case KS_ZATCA_REPORTED_WARNED:
        return "reported with warnings";
    case KS_ZATCA_ALREADY_REPORTED:
        return "already reported";
    case KS_ZATCA_NOT_REPORTED:
        return "not reported";
    case KS_ZATCA_MISCONFIGURED:
        return "misconfigured";
    case KS_ZATCA_RETRY:
        break;
    }
    return "to retry";
}

/* Appends text to out (NUL-terminated, size bytes), cut, printable ASCII and UTF-8 only. */
static void append(char *out, size_t size, const char *text)
{
    size_t at = strlen(out);
    for (; *text && at + 1 < size; text++)
        out[at++] = (unsigned char)*text < ' ' ? ' ' : *text;
    out[at] = '\0';
}

/* The messages of list (a validationResults array) as "CODE: message; ..."; their count. */
static int read_messages(const json_t *list, char *out, size_t size)
{
    if (!json_is_array(list))
        return 0;
    int n = 0;
    size_t i;
    const json_t *m;
    json_array_foreach (list, i, m) {
        const char *code = json_string_value(json_object_get(m, "code"));
        const char *message = json_string_value(json_object_get(m, "message"));
        if (!json_is_object(m))
            continue;
        if (out[0])
            append(out, size, "; ");
        append(out, size, code ? code : "?");
        append(out, size, ": ");
        append(out, size, message ? message : "");
        n++;
    }
    return n;
}

void ks_zatca_answer_parse(long http_status, const char *body, size_t len, ks_zatca_answer *out)
{
    memset(out, 0, sizeof *out);
    json_t *root = NULL;
    if (body && len > 0 && len <= KS_ZATCA_ANSWER_MAX)
        root = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
    const json_t *results = json_object_get(root, "validationResults");
    const char *reporting = json_string_value(json_object_get(root, "reportingStatus"));
    char warnings[sizeof out->messages] = "";
    out->errors = read_messages(json_object_get(results, "errorMessages"), out->messages,
                                sizeof out->messages);
    out->warnings =
        read_messages(json_object_get(results, "warningMessages"), warnings, sizeof warnings);
    if (out->errors == 0)
        memcpy(out->messages, warnings, sizeof warnings);

    if (http_status == 200 && reporting && strcmp(reporting, "REPORTED") == 0)
        out->outcome = out->warnings > 0 ? KS_ZATCA_REPORTED_WARNED : KS_ZATCA_REPORTED;
    else if (http_status == 202)
        out->outcome = KS_ZATCA_REPORTED_WARNED;
    else if (http_status == 409)
        out->outcome = KS_ZATCA_ALREADY_REPORTED;
    else if (http_status == 400)
        out->outcome = KS_ZATCA_NOT_REPORTED;
    else if (http_status == 0 || http_status == 408 || http_status == 429 || http_status >= 500 ||
             (http_status >= 200 && http_status <= 399))
        /* A 2xx not understood may have been reported: the repeat will get 409. */
        out->outcome = KS_ZATCA_RETRY;
    else
        out->outcome = KS_ZATCA_MISCONFIGURED;

    if (!out->messages[0]) {
        const char *message = json_string_value(json_object_get(root, "message"));
        if (message && message[0])
            append(out->messages, sizeof out->messages, message);
        else if (http_status == 0)
            append(out->messages, sizeof out->messages, "no answer");
        else
            snprintf(out->messages, sizeof out->messages, "HTTP %ld", http_status);
    }
    json_decref(root);
}

static bool base64_text(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n % 4 != 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool pad = c == '=' && i >= n - 2 && (i == n - 1 || s[n - 1] == '=');
        if (!pad && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '+' || c == '/'))
            return false;
    }
    return true;
}

/* A string without spaces: the reader has already kept it to printable ASCII. */
static bool no_space(ks_json_reader *r, const char *key, const char *text)
{
    return !strchr(text, ' ') || ks_json_fail(r, key, "may not contain spaces");
}

/* requestID: a number from 0, or printable text without spaces, into out[cap]. */
static bool read_request_id(ks_json_reader *r, json_t *root, char *out, size_t cap)
{
    json_t *id = NULL;
    if (!ks_json_member(r, root, "requestID", false, &id) || !id)
        return id == NULL && !r->failed;
    if (json_is_integer(id) && json_integer_value(id) >= 0) {
        snprintf(out, cap, "%lld", (long long)json_integer_value(id));
        return true;
    }
    if (!json_is_string(id))
        return ks_json_fail(r, "requestID", "must be a number or printable text");
    return ks_json_copy(r, root, "requestID", true, 0, cap, KS_JSON_PRINTABLE, out) &&
           no_space(r, "requestID", out);
}

bool ks_zatca_csid_parse(const char *body, size_t len, ks_zatca_csid *out, ks_json_error *why)
{
    memset(out, 0, sizeof *out);
    ks_json_reader r;
    ks_json_reader_init(&r);
    json_t *root = NULL;
    /* ZATCA's answer has members of its own (dispositionMessage, errors ...): any are allowed. */
    bool ok = ks_json_load(&r, body, len, KS_ZATCA_ANSWER_MAX, &root) &&
              ks_json_object(&r, root, NULL, NULL) &&
              ks_json_copy(&r, root, "binarySecurityToken", true, 4, sizeof out->token,
                           KS_JSON_PRINTABLE, out->token);
    if (ok && !base64_text(out->token))
        ok = ks_json_fail(&r, "binarySecurityToken", "must be base64 text");
    ok = ok &&
         ks_json_copy(&r, root, "secret", true, 1, sizeof out->secret, KS_JSON_PRINTABLE,
                      out->secret) &&
         no_space(&r, "secret", out->secret) &&
         read_request_id(&r, root, out->request_id, sizeof out->request_id);
    json_decref(root);
    if (why)
        *why = r.error;
    if (!ok)
        memset(out, 0, sizeof *out);
    return ok;
}
