/*
 * How a supply is treated for VAT in ZATCA's terms: the category (UN/ECE
 * 5305 as ZATCA uses it: S standard rated, Z zero rated, E exempt, O out of
 * scope) and, for Z, E and O, the exemption (or exception) reason code from
 * ZATCA's list (XML Implementation Standard 11.2.4) with its fixed text.
 * A menu's tax category declares it (menu-format.md), each order line
 * carries it, and the UBL invoice writer prints it per line and per VAT
 * breakdown row. Pure: no I/O, no allocation.
 */
#ifndef KIOSK_DOMAIN_VAT_CATEGORY_H
#define KIOSK_DOMAIN_VAT_CATEGORY_H

#include <stdbool.h>
#include <stdint.h>

/* The longest code, "VATEX-SA-MLTRY", and its NUL fit. */
#define KS_VAT_EXEMPTION_CAP 16

typedef struct ks_vat_treatment {
    char category;                        /* 'S', 'Z', 'E' or 'O' */
    char exemption[KS_VAT_EXEMPTION_CAP]; /* "VATEX-SA-..." for Z, E and O; "" for S */
} ks_vat_treatment;

/*
 * The treatment a rate has when none is declared: S for a positive rate; a
 * 0 % rate is O, out of scope, with VATEX-SA-OOS (what menus written before
 * categories meant by it, e.g. the demo's donation).
 */
ks_vat_treatment ks_vat_treatment_for_rate(int32_t rate_bp);

/*
 * Builds a treatment from its text form into *out: category "S", "Z", "E"
 * or "O" and the exemption code ("" or NULL for none). NULL when category
 * and code fit together and with rate_bp, else why not, for an error
 * message: an unknown category or code, S with a rate of 0 or with a code,
 * Z, E or O with a rate other than 0 or without a code, a code of another
 * category, or VATEX-SA-EDU / VATEX-SA-HEA, which ZATCA accepts only with
 * the buyer's name and national ID, which a kiosk does not take
 * (BR-KSA-25, BR-KSA-49).
 */
const char *ks_vat_treatment_make(const char *category, const char *exemption, int32_t rate_bp,
                                  ks_vat_treatment *out);

/* NULL when t is consistent with rate_bp (as ks_vat_treatment_make checks), else why not. */
const char *ks_vat_treatment_check(const ks_vat_treatment *t, int32_t rate_bp);

/* ZATCA's reason text of an exemption code (BR-KSA-83), e.g. "Export of goods"; NULL when
 * the code is not on the list. */
const char *ks_vat_exemption_text(const char *code);

/* The same category, rate and code: one row of the VAT breakdown. */
bool ks_vat_treatment_equal(const ks_vat_treatment *a, const ks_vat_treatment *b);

#endif
