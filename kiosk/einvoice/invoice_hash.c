/* The invoice hash: see invoice_hash.h. libxml2 does the parsing and C14N 1.1. */
#include "kiosk/einvoice/invoice_hash.h"

#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <string.h>

#include "kiosk/einvoice/ubl_names.h"

const char *ks_invoice_hash_strerror(enum ks_invoice_hash_error err)
{
    switch (err) {
    case KS_INVOICE_HASH_OK:
        return "ok";
    case KS_INVOICE_HASH_TOO_LARGE:
        return "the document is too large";
    case KS_INVOICE_HASH_NOT_XML:
        return "the document is not well-formed XML";
    case KS_INVOICE_HASH_NOT_UBL:
        return "the document is not a UBL 2.1 invoice";
    case KS_INVOICE_HASH_NO_MEMORY:
        return "out of memory";
    }
    return "unknown invoice hash error";
}

/* The three parts the standard leaves out of the hash, as children of the root. */
static const char *const excluded[] = {
    "/inv:Invoice/ext:UBLExtensions",
    "/inv:Invoice/cac:Signature",
    "/inv:Invoice/cac:AdditionalDocumentReference[cbc:ID='QR']",
};

static bool remove_excluded(xmlDocPtr doc)
{
    xmlXPathContextPtr xpath = xmlXPathNewContext(doc);
    if (!xpath || !ks_ubl_register_namespaces(xpath)) {
        xmlXPathFreeContext(xpath);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof excluded / sizeof excluded[0]; i++) {
        xmlXPathObjectPtr found = xmlXPathEvalExpression(BAD_CAST excluded[i], xpath);
        if (!found) {
            ok = false;
            break;
        }
        xmlNodeSetPtr nodes = found->nodesetval;
        for (int j = 0; nodes && j < nodes->nodeNr; j++) {
            xmlUnlinkNode(nodes->nodeTab[j]);
            xmlFreeNode(nodes->nodeTab[j]);
            nodes->nodeTab[j] = NULL;
        }
        xmlXPathFreeObject(found);
    }
    xmlXPathFreeContext(xpath);
    return ok;
}

enum ks_invoice_hash_error ks_invoice_parse(const char *xml, size_t len, xmlDocPtr *out)
{
    *out = NULL;
    if (len > KS_INVOICE_MAX_BYTES)
        return KS_INVOICE_HASH_TOO_LARGE;
    xmlDocPtr doc = xmlReadMemory(xml, (int)len, NULL, NULL, KS_UBL_PARSE_OPTIONS);
    if (!doc)
        return KS_INVOICE_HASH_NOT_XML;
    enum ks_invoice_hash_error err = KS_INVOICE_HASH_OK;
    if (doc->intSubset || doc->extSubset)
        err = KS_INVOICE_HASH_NOT_XML;
    else if (!ks_ubl_is_invoice_root(xmlDocGetRootElement(doc)))
        err = KS_INVOICE_HASH_NOT_UBL;
    if (err != KS_INVOICE_HASH_OK)
        xmlFreeDoc(doc);
    else
        *out = doc;
    return err;
}

enum ks_invoice_hash_error ks_invoice_hash_parsed(xmlDocPtr doc, uint8_t out[KS_INVOICE_HASH_BYTES])
{
    memset(out, 0, KS_INVOICE_HASH_BYTES);
    if (!remove_excluded(doc))
        return KS_INVOICE_HASH_NO_MEMORY;
    xmlChar *canonical = NULL;
    int n = xmlC14NDocDumpMemory(doc, NULL, XML_C14N_1_1, NULL, 0, &canonical);
    if (n >= 0)
        SHA256(canonical, (size_t)n, out);
    xmlFree(canonical);
    return n >= 0 ? KS_INVOICE_HASH_OK : KS_INVOICE_HASH_NO_MEMORY;
}

enum ks_invoice_hash_error ks_invoice_hash(const char *xml, size_t len,
                                           uint8_t out[KS_INVOICE_HASH_BYTES])
{
    memset(out, 0, KS_INVOICE_HASH_BYTES);
    xmlDocPtr doc = NULL;
    enum ks_invoice_hash_error err = ks_invoice_parse(xml, len, &doc);
    if (err == KS_INVOICE_HASH_OK)
        err = ks_invoice_hash_parsed(doc, out);
    xmlFreeDoc(doc);
    return err;
}

void ks_invoice_hash_base64(const uint8_t hash[KS_INVOICE_HASH_BYTES],
                            char out[KS_INVOICE_HASH_B64])
{
    EVP_EncodeBlock((unsigned char *)out, hash, KS_INVOICE_HASH_BYTES);
}
