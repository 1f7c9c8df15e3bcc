/* zatca-sim's invoice checks: see kiosk/zatca/sim_invoice_check.h. */
#include "kiosk/zatca/sim_invoice_check.h"

#include <jansson.h>
#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kiosk/common/base64.h"
#include "kiosk/common/uuid.h"

#define NS_INVOICE "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
#define NS_CAC "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define NS_CBC "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#define NS_EXT "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
/* No network, no entity substitution (XML_PARSE_NOENT unset); DTDs are refused after parsing. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

/* The parts the standard leaves out of the hash, children of the root. */
static const char *const excluded[] = {
    "/inv:Invoice/ext:UBLExtensions",
    "/inv:Invoice/cac:Signature",
    "/inv:Invoice/cac:AdditionalDocumentReference[cbc:ID='QR']",
};

static xmlXPathContextPtr ubl_xpath(xmlDocPtr doc)
{
    xmlXPathContextPtr x = xmlXPathNewContext(doc);
    if (x && (xmlXPathRegisterNs(x, BAD_CAST "inv", BAD_CAST NS_INVOICE) != 0 ||
              xmlXPathRegisterNs(x, BAD_CAST "cac", BAD_CAST NS_CAC) != 0 ||
              xmlXPathRegisterNs(x, BAD_CAST "cbc", BAD_CAST NS_CBC) != 0 ||
              xmlXPathRegisterNs(x, BAD_CAST "ext", BAD_CAST NS_EXT) != 0)) {
        xmlXPathFreeContext(x);
        return NULL;
    }
    return x;
}

/* The UBL invoice in xml, or NULL (DTDs refused). */
static xmlDocPtr read_invoice(const char *xml, size_t len)
{
    if (len > KS_ZATCA_SIM_INVOICE_MAX)
        return NULL;
    xmlDocPtr doc = xmlReadMemory(xml, (int)len, NULL, NULL, PARSE_OPTIONS);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || doc->intSubset || doc->extSubset || !root->ns ||
        strcmp((const char *)root->name, "Invoice") != 0 ||
        strcmp((const char *)root->ns->href, NS_INVOICE) != 0) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

static bool hash_doc(xmlDocPtr doc, char out[45])
{
    xmlXPathContextPtr x = ubl_xpath(doc);
    bool ok = x != NULL;
    for (size_t i = 0; ok && i < sizeof excluded / sizeof excluded[0]; i++) {
        xmlXPathObjectPtr found = xmlXPathEvalExpression(BAD_CAST excluded[i], x);
        ok = found != NULL;
        for (int j = 0; found && found->nodesetval && j < found->nodesetval->nodeNr; j++) {
            xmlUnlinkNode(found->nodesetval->nodeTab[j]);
            xmlFreeNode(found->nodesetval->nodeTab[j]);
            found->nodesetval->nodeTab[j] = NULL;
        }
        xmlXPathFreeObject(found);
    }
    xmlXPathFreeContext(x);
    xmlChar *canonical = NULL;
    int n = ok ? xmlC14NDocDumpMemory(doc, NULL, XML_C14N_1_1, NULL, 0, &canonical) : -1;
    if (n >= 0) {
        unsigned char digest[SHA256_DIGEST_LENGTH];
        SHA256(canonical, (size_t)n, digest);
        EVP_EncodeBlock((unsigned char *)out, digest, sizeof digest);
    }
    xmlFree(canonical);
    return n >= 0;
}

bool ks_zatca_sim_invoice_hash(const char *xml, size_t len, char out[45])
{
    xmlDocPtr doc = read_invoice(xml, len);
    bool ok = doc && hash_doc(doc, out);
    xmlFreeDoc(doc);
    return ok;
}

/* The text of the one element at path into out[cap]; false when absent, repeated or too long. */
static bool element_text(xmlDocPtr doc, const char *path, char *out, size_t cap)
{
    xmlXPathContextPtr x = ubl_xpath(doc);
    xmlXPathObjectPtr found = x ? xmlXPathEvalExpression(BAD_CAST path, x) : NULL;
    bool ok = found && found->nodesetval && found->nodesetval->nodeNr == 1;
    xmlChar *text = ok ? xmlNodeGetContent(found->nodesetval->nodeTab[0]) : NULL;
    ok = text && strlen((const char *)text) < cap;
    if (ok)
        snprintf(out, cap, "%s", (const char *)text);
    xmlFree(text);
    xmlXPathFreeObject(found);
    xmlXPathFreeContext(x);
    return ok;
}

static bool fail(const char **code, const char *what, char *message, size_t size, const char *text)
{
    *code = what;
    snprintf(message, size, "%s", text);
    return false;
}

bool ks_zatca_sim_check_invoice(const char *body, size_t len, ks_zatca_sim_invoice *out,
                                const char **code, char *message, size_t message_size)
{
    memset(out, 0, sizeof *out);
    json_t *root = body && len <= KS_ZATCA_SIM_BODY_MAX
                       ? json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL)
                       : NULL;
    const char *hash = json_string_value(json_object_get(root, "invoiceHash"));
    const char *uuid = json_string_value(json_object_get(root, "uuid"));
    const char *invoice = json_string_value(json_object_get(root, "invoice"));
    bool ok = false;
    size_t xml_len = 0, digest_len = 0;
    unsigned char *xml = NULL, *digest = NULL;
    xmlDocPtr doc = NULL;
    char doc_uuid[37] = "", computed[45] = "";
    if (!json_is_object(root) || json_object_size(root) != 3 || !hash || !uuid || !invoice)
        fail(code, "Invalid-Request", message, message_size,
             "the body must be {\"invoiceHash\", \"uuid\", \"invoice\"}, all strings");
    else if (!ks_uuid_ok_any_case(uuid))
        fail(code, "invalid-uuid", message, message_size, "uuid is not a UUID");
    else if (!(digest = ks_base64_decode(hash, 64, &digest_len)) || digest_len != 32)
        fail(code, "invalid-invoice-hash", message, message_size,
             "invoiceHash is not the base64 of 32 bytes");
    else if (!(xml = ks_base64_decode(invoice, KS_ZATCA_SIM_INVOICE_MAX, &xml_len)))
        fail(code, "Invalid-Request", message, message_size, "invoice is not base64");
    else if (!(doc = read_invoice((const char *)xml, xml_len)))
        fail(code, "XSD_ZATCA_INVALID", message, message_size,
             "invoice is not a well-formed UBL Invoice without a DTD");
    else if (!element_text(doc, "/inv:Invoice/cbc:UUID", doc_uuid, sizeof doc_uuid) ||
             strcasecmp(doc_uuid, uuid) != 0)
        fail(code, "invalid-uuid", message, message_size,
             "the uuid does not match the invoice's cbc:UUID");
    else if (!element_text(doc, "/inv:Invoice/cbc:InvoiceTypeCode", out->type_code,
                           sizeof out->type_code))
        fail(code, "XSD_ZATCA_INVALID", message, message_size,
             "the invoice has no single cbc:InvoiceTypeCode of at most 3 characters");
    else if (!hash_doc(doc, computed) || strcmp(computed, hash) != 0)
        fail(code, "invalid-invoice-hash", message, message_size,
             "The invoice hash API body does not match the (calculated) Hash of the XML");
    else
        ok = true;
    if (ok) {
        snprintf(out->uuid, sizeof out->uuid, "%s", uuid);
        snprintf(out->invoice_hash, sizeof out->invoice_hash, "%s", hash);
    }
    xmlFreeDoc(doc);
    free(xml);
    free(digest);
    json_decref(root);
    return ok;
}
