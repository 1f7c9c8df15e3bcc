/* VAT categories and ZATCA's exemption codes: see vat_category.h. */
#include "kiosk/domain/vat_category.h"

#include <stdio.h>
#include <string.h>

/*
 * ZATCA's list (XML Implementation Standard 11.2.4), each code with its
 * category and the text BR-KSA-83 compares (spaces aside) letter for letter.
 */
static const struct exemption {
    const char *code;
    char category;
    const char *text;
    bool needs_buyer; /* BR-KSA-25, BR-KSA-49: the buyer's name and national ID */
} exemptions[] = {
    {"VATEX-SA-29", 'E', "Financial services mentioned in Article 29 of the VAT Regulations",
     false},
    {"VATEX-SA-29-7", 'E', "Life insurance services mentioned in Article 29 of the VAT Regulations",
     false},
    {"VATEX-SA-30", 'E', "Real estate transactions mentioned in Article 30 of the VAT Regulations",
     false},
    {"VATEX-SA-32", 'Z', "Export of goods", false},
    {"VATEX-SA-33", 'Z', "Export of services", false},
    {"VATEX-SA-34-1", 'Z', "The international transport of Goods", false},
    {"VATEX-SA-34-2", 'Z', "international transport of passengers", false},
    {"VATEX-SA-34-3", 'Z',
     "services directly connected and incidental to a Supply of international passenger transport",
     false},
    {"VATEX-SA-34-4", 'Z', "Supply of a qualifying means of transport", false},
    {"VATEX-SA-34-5", 'Z',
     "Any services relating to Goods or passenger transportation, as defined in article twenty "
     "five of these Regulations",
     false},
    {"VATEX-SA-35", 'Z', "Medicines and medical equipment", false},
    {"VATEX-SA-36", 'Z', "Qualifying metals", false},
    {"VATEX-SA-EDU", 'Z', "Private education to citizen", true},
    {"VATEX-SA-HEA", 'Z', "Private healthcare to citizen", true},
    {"VATEX-SA-MLTRY", 'Z', "supply of qualified military goods", false},
    {"VATEX-SA-OOS", 'O', "Not subject to VAT", false},
};

static const struct exemption *find_exemption(const char *code)
{
    for (size_t i = 0; i < sizeof exemptions / sizeof exemptions[0]; i++)
        if (strcmp(exemptions[i].code, code) == 0)
            return &exemptions[i];
    return NULL;
}

ks_vat_treatment ks_vat_treatment_for_rate(int32_t rate_bp)
{
    return rate_bp > 0 ? (ks_vat_treatment){.category = 'S'}
                       : (ks_vat_treatment){.category = 'O', .exemption = "VATEX-SA-OOS"};
}

const char *ks_vat_exemption_text(const char *code)
{
    const struct exemption *e = find_exemption(code);
    return e ? e->text : NULL;
}

const char *ks_vat_treatment_check(const ks_vat_treatment *t, int32_t rate_bp)
{
    if (memchr(t->exemption, '\0', sizeof t->exemption) == NULL)
        return "exemption code too long";
    switch (t->category) {
    case 'S':
        if (rate_bp <= 0)
            return "category S (standard rated) needs a rate above 0";
        return t->exemption[0] ? "category S takes no exemption code" : NULL;
    case 'Z':
    case 'E':
    case 'O':
        break;
    default:
        return "unknown VAT category: expected S, Z, E or O";
    }
    if (rate_bp != 0)
        return "categories Z, E and O need rate_bp 0";
    if (!t->exemption[0])
        return "categories Z, E and O need an exemption code";
    const struct exemption *e = find_exemption(t->exemption);
    if (!e)
        return "unknown exemption code: expected one of ZATCA's VATEX-SA codes";
    if (e->category != t->category)
        return e->category == 'Z'   ? "this exemption code is for category Z"
               : e->category == 'E' ? "this exemption code is for category E"
                                    : "this exemption code is for category O";
    if (e->needs_buyer)
        return "VATEX-SA-EDU and VATEX-SA-HEA need the buyer's name and national ID on the invoice "
               "(BR-KSA-25, BR-KSA-49), which a kiosk does not take";
    return NULL;
}

const char *ks_vat_treatment_make(const char *category, const char *exemption, int32_t rate_bp,
                                  ks_vat_treatment *out)
{
    *out = (ks_vat_treatment){0};
    if (!category || strlen(category) != 1)
        return "unknown VAT category: expected S, Z, E or O";
    if (exemption && strlen(exemption) >= sizeof out->exemption)
        return "unknown exemption code: expected one of ZATCA's VATEX-SA codes";
    out->category = category[0];
    if (exemption)
        snprintf(out->exemption, sizeof out->exemption, "%s", exemption);
    return ks_vat_treatment_check(out, rate_bp);
}

bool ks_vat_treatment_equal(const ks_vat_treatment *a, const ks_vat_treatment *b)
{
    return a->category == b->category && strcmp(a->exemption, b->exemption) == 0;
}
