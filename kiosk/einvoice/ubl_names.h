/*
 * The XML namespaces of a UBL 2.1 invoice and the parser settings every
 * reader of one uses (no network, no entities, no DTD, bounded depth).
 */
#ifndef KIOSK_EINVOICE_UBL_NAMES_H
#define KIOSK_EINVOICE_UBL_NAMES_H

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <stdbool.h>

#define KS_UBL_NS_INVOICE "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
#define KS_UBL_NS_CAC "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define KS_UBL_NS_CBC "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#define KS_UBL_NS_EXT "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
#define KS_UBL_NS_SIG "urn:oasis:names:specification:ubl:schema:xsd:CommonSignatureComponents-2"
#define KS_UBL_NS_SAC "urn:oasis:names:specification:ubl:schema:xsd:SignatureAggregateComponents-2"
#define KS_UBL_NS_SBC "urn:oasis:names:specification:ubl:schema:xsd:SignatureBasicComponents-2"
#define KS_UBL_NS_DS "http://www.w3.org/2000/09/xmldsig#"
#define KS_UBL_NS_XADES "http://uri.etsi.org/01903/v1.3.2#"

/* No network, no entity substitution, no DTD loading, errors not printed. */
#define KS_UBL_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* Registers the prefixes inv, cac, cbc, ext, sig, sac, sbc, ds, xades; false when out of memory. */
bool ks_ubl_register_namespaces(xmlXPathContextPtr xpath);

/* Whether node is the root element <Invoice> of UBL 2.1. */
bool ks_ubl_is_invoice_root(const xmlNode *node);

#endif
