/*
 * The attendant protocol's two documents, lane to console and back
 * (kiosk/docs/attendant-api.md), as C structs and compact JSON:
 *
 * - the lane's report (attendant-report/1): what the lane is doing, its
 *   device faults, the requests it waits on (each with the UUID the lane
 *   gave it when the need arose), and the decisions it has applied;
 * - the console's decisions (attendant-decisions/1): each with its own
 *   UUID, the request it answers, the action, the line and who decided.
 *
 * The lane posts its report every few hundred milliseconds and at once on
 * a change; the answer carries every decision the lane has not reported
 * applied, so a lost answer is simply sent again and a decision UUID the
 * lane has stored is never applied twice. Both sides parse what the other
 * sent with explicit limits; nothing here does I/O.
 */
#ifndef KIOSK_APP_ATTENDANT_MSG_H
#define KIOSK_APP_ATTENDANT_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/app/journey.h"
#include "kiosk/domain/json_read.h"
#include "kiosk/domain/order.h"
#include "kiosk/domain/order_json.h"

#define KS_ATT_MAX_REQUESTS 8      /* open requests in one report (one per need at most) */
#define KS_ATT_MAX_DECISIONS 16    /* decisions in one answer, applied uuids in one report */
#define KS_ATT_ITEM_MAX 96         /* bytes of an item's name in a request */
#define KS_ATT_STAFF_MAX 32        /* bytes of an attendant's id */
#define KS_ATT_DOC_MAX_BYTES 16384 /* either document, at most */

/* What the lane is doing, apart from what it waits on. */
enum ks_att_activity {
    KS_ATT_IDLE,     /* the attract screen: nobody at the lane */
    KS_ATT_SCANNING, /* a shopper's session: basket, look-up, weighing ... */
    KS_ATT_PAYING,   /* the card terminal or the receipt */
    KS_ATT_CLOSED,   /* out of service */
};

/* Device faults (bits of ks_att_report.faults). */
enum ks_att_fault {
    KS_ATT_FAULT_PRINTER = 1u << 0,
    KS_ATT_FAULT_SCALE = 1u << 1,
    KS_ATT_FAULT_SCANNER = 1u << 2,
    KS_ATT_FAULT_BAGGING_SCALE = 1u << 3,
};
#define KS_ATT_FAULTS_ALL 0xfu

/* One thing the lane waits on. */
typedef struct ks_att_request {
    char uuid[37];                  /* the lane's, lowercase v4 */
    unsigned need;                  /* one enum ks_attendant_need bit */
    uint32_t line;                  /* the basket line it concerns; 0: none */
    char item[KS_ATT_ITEM_MAX + 1]; /* that line's name as the lane shows it; "" when none */
    int64_t raised_at;              /* UTC seconds */
} ks_att_request;

typedef struct ks_att_report {
    char lane_id[KS_DEVICE_ID_MAX + 1]; /* ks_device_id_ok */
    enum ks_att_activity activity;
    unsigned faults; /* ks_att_fault bits */
    uint32_t items;  /* pieces in the basket */
    int64_t total;   /* the basket's total, halalas, 0 - KS_ORDER_MAX_MONEY */
    ks_att_request requests[KS_ATT_MAX_REQUESTS];
    size_t n_requests;
    char applied[KS_ATT_MAX_DECISIONS][37]; /* decision uuids applied at the lane */
    size_t n_applied;
} ks_att_report;

typedef struct ks_att_decision {
    char uuid[37];    /* the console's, lowercase v4 */
    char request[37]; /* the request it answers; "" for a void or a cancel of the console's own */
    enum ks_attendant_decision action;
    uint32_t line;                    /* the line to void (KS_DECIDE_VOID_LINE); 0 otherwise */
    char staff[KS_ATT_STAFF_MAX + 1]; /* who decided: ks_id_ok */
    int64_t decided_at;               /* UTC seconds */
} ks_att_decision;

/* Wire names: "age", "removal" ...; NULL for anything but one known bit. */
const char *ks_att_need_name(unsigned need);
/* "approve_age", "void_line" ...; NULL for an unknown value. */
const char *ks_att_action_name(enum ks_attendant_decision action);
/* "idle", "scanning", "paying", "closed"; never NULL. */
const char *ks_att_activity_name(enum ks_att_activity activity);

/* The need a decision settles (KS_NEED_* bits); 0 for a void or a cancel. */
unsigned ks_att_action_settles(enum ks_attendant_decision action);

/*
 * The report as compact JSON, owned (free()); NULL when the report breaks
 * a rule the parser holds it to (so what is written always reads back) or
 * out of memory.
 */
char *ks_att_report_to_json(const ks_att_report *report);

/*
 * Reads a report from len bytes of JSON (no NUL needed; over
 * KS_ATT_DOC_MAX_BYTES refused) into *out. False with *err (may be NULL)
 * filled when it is not a valid attendant-report/1.
 */
bool ks_att_report_from_json(const char *json, size_t len, ks_att_report *out, ks_json_error *err);

/* The decisions as the console's answer, compact JSON, owned (free()); NULL as above. */
char *ks_att_decisions_to_json(const ks_att_decision *decisions, size_t n);

/*
 * Reads the console's answer (len bytes, no NUL needed) into out[max],
 * the count into *n. False with *err filled when it is not a valid
 * attendant-decisions/1 or holds more than max decisions.
 */
bool ks_att_decisions_from_json(const char *json, size_t len, ks_att_decision *out, size_t max,
                                size_t *n, ks_json_error *err);

#endif
