/*
 * ZATCA's answers, read (kiosk/docs/zatca.md): the reporting API's
 * (POST /invoices/reporting/single) status and validationResults, and the
 * CSID APIs' (POST /compliance, POST /production/csids) certificate and
 * secret. Pure: buffers in, structs out; every length is bounded, and
 * anything unexpected gives the outcome that cannot lose or double-report
 * an invoice (retry), never a crash.
 */
#ifndef KIOSK_APP_ZATCA_ANSWER_H
#define KIOSK_APP_ZATCA_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/domain/json_read.h"

/* Bytes of an answer body read at most (bigger bodies are cut to this by the caller). */
#define KS_ZATCA_ANSWER_MAX (64 * 1024)
/* Bytes of the messages kept from an answer ("code: message; code: message"). */
#define KS_ZATCA_MESSAGES_MAX 1000
/* Longest binarySecurityToken and secret accepted from a CSID answer. */
#define KS_ZATCA_TOKEN_MAX 8192
#define KS_ZATCA_SECRET_MAX 256
#define KS_ZATCA_REQUEST_ID_MAX 64

/* What one answer of the reporting API (or its absence) means for the invoice. */
enum ks_zatca_outcome {
    KS_ZATCA_REPORTED,         /* 200 REPORTED */
    KS_ZATCA_REPORTED_WARNED,  /* 202 (or 200 with warnings): reported; warnings kept */
    KS_ZATCA_ALREADY_REPORTED, /* 409: reported before; never sent again */
    KS_ZATCA_NOT_REPORTED,     /* 400: these bytes are refused; set aside with the errors */
    KS_ZATCA_MISCONFIGURED,    /* 401, 403 and other 4xx: credentials or URL to fix */
    KS_ZATCA_RETRY,            /* no answer, 408, 429, 5xx, or an answer not understood */
};

typedef struct ks_zatca_answer {
    enum ks_zatca_outcome outcome;
    int warnings; /* warningMessages read */
    int errors;   /* errorMessages read */
    /* The errors, else the warnings, as "CODE: message; ..." (cut); else a short reason. */
    char messages[KS_ZATCA_MESSAGES_MAX + 1];
} ks_zatca_answer;

/*
 * Reads the reporting API's answer: http_status (0: none came) and body
 * (len bytes, no NUL needed; NULL when none). Fills *out. Pure.
 */
void ks_zatca_answer_parse(long http_status, const char *body, size_t len, ks_zatca_answer *out);

/* "reported", "reported with warnings", ... for logs and the staff screen. Static. */
const char *ks_zatca_outcome_name(enum ks_zatca_outcome outcome);

/* A CSID: what POST /compliance and POST /production/csids give. */
typedef struct ks_zatca_csid {
    char token[KS_ZATCA_TOKEN_MAX + 1];   /* binarySecurityToken: base64 of the certificate */
    char secret[KS_ZATCA_SECRET_MAX + 1]; /* the API secret */
    char request_id[KS_ZATCA_REQUEST_ID_MAX + 1]; /* requestID (a number or a string) */
} ks_zatca_csid;

/*
 * Reads a CSID answer (also the format of the kiosk's credentials file):
 * a JSON object with binarySecurityToken (base64, required), secret
 * (printable, required) and requestID (optional), any other member
 * allowed (ZATCA's own), read through the one JSON reader. False with *out
 * zeroed and *why (may be NULL) the member at fault and the reason. Pure.
 */
bool ks_zatca_csid_parse(const char *body, size_t len, ks_zatca_csid *out, ks_json_error *why);

#endif
