/* The UBL 2.1 invoice writer: see ubl_invoice.h. libxml2's text writer does the escaping. */
#include "kiosk/einvoice/ubl_invoice.h"

#include <inttypes.h>
#include <libxml/xmlwriter.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/einvoice/ubl_names.h"

#define CURRENCY "SAR"

/* One writer and whether every call so far succeeded, so the code reads as the document. */
struct out {
    xmlTextWriterPtr w;
    bool ok;
};

static void open_el(struct out *o, const char *name)
{
    o->ok = o->ok && xmlTextWriterStartElement(o->w, BAD_CAST name) >= 0;
}

static void close_el(struct out *o)
{
    o->ok = o->ok && xmlTextWriterEndElement(o->w) >= 0;
}

static void attr(struct out *o, const char *name, const char *value)
{
    o->ok = o->ok && xmlTextWriterWriteAttribute(o->w, BAD_CAST name, BAD_CAST value) >= 0;
}

static void text_el(struct out *o, const char *name, const char *text)
{
    o->ok = o->ok && xmlTextWriterWriteElement(o->w, BAD_CAST name, BAD_CAST text) >= 0;
}

/* <name attr_name="attr_value">text</name>; text NULL: an empty element. */
static void attr_el(struct out *o, const char *name, const char *attr_name, const char *attr_value,
                    const char *text)
{
    open_el(o, name);
    attr(o, attr_name, attr_value);
    if (text)
        o->ok = o->ok && xmlTextWriterWriteString(o->w, BAD_CAST text) >= 0;
    close_el(o);
}

static void raw(struct out *o, const char *xml)
{
    o->ok = o->ok && xmlTextWriterWriteRaw(o->w, BAD_CAST xml) >= 0;
}

/* "-12.34" from halalas. */
static void format_amount(ks_money amount, char out[32])
{
    uint64_t magnitude = amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
    snprintf(out, 32, "%s%" PRIu64 ".%02" PRIu64, amount < 0 ? "-" : "", magnitude / 100,
             magnitude % 100);
}

static void amount_el(struct out *o, const char *name, ks_money amount)
{
    char text[32];
    format_amount(amount, text);
    attr_el(o, name, "currencyID", CURRENCY, text);
}

/* The standard rate in UBL's percent notation: 1500 bp -> "15.00". */
static void format_percent(int32_t rate_bp, char out[16])
{
    snprintf(out, 16, "%" PRId32 ".%02" PRId32, rate_bp / 100, rate_bp % 100);
}

/*
 * A VAT category (ks_vat_treatment): its code, the rate except for O
 * (BR-O-05), and in the breakdown the exemption code and ZATCA's text for
 * Z, E and O (BR-KSA-69, BR-KSA-83, BR-KSA-CL-04).
 */
static void tax_category(struct out *o, const char *element, const ks_vat_treatment *vat,
                         int32_t rate_bp, bool breakdown)
{
    char percent[16], code[2] = {vat->category, '\0'};
    format_percent(rate_bp, percent);
    const char *reason = vat->exemption[0] ? ks_vat_exemption_text(vat->exemption) : NULL;
    if (ks_vat_treatment_check(vat, rate_bp) || (vat->exemption[0] && !reason)) {
        o->ok = false;
        return;
    }
    open_el(o, element);
    open_el(o, "cbc:ID");
    if (breakdown) {
        attr(o, "schemeID", "UN/ECE 5305");
        attr(o, "schemeAgencyID", "6");
    }
    o->ok = o->ok && xmlTextWriterWriteString(o->w, BAD_CAST code) >= 0;
    close_el(o);
    if (vat->category != 'O')
        text_el(o, "cbc:Percent", percent);
    if (reason && breakdown) {
        text_el(o, "cbc:TaxExemptionReasonCode", vat->exemption);
        text_el(o, "cbc:TaxExemptionReason", reason);
    }
    open_el(o, "cac:TaxScheme");
    open_el(o, "cbc:ID");
    if (breakdown) {
        attr(o, "schemeID", "UN/ECE 5153");
        attr(o, "schemeAgencyID", "6");
    }
    o->ok = o->ok && xmlTextWriterWriteString(o->w, BAD_CAST "VAT") >= 0;
    close_el(o);
    close_el(o);
    close_el(o);
}

static void document_reference(struct out *o, const char *id, const char *uuid, const char *b64)
{
    open_el(o, "cac:AdditionalDocumentReference");
    text_el(o, "cbc:ID", id);
    if (uuid)
        text_el(o, "cbc:UUID", uuid);
    if (b64) {
        open_el(o, "cac:Attachment");
        attr_el(o, "cbc:EmbeddedDocumentBinaryObject", "mimeCode", "text/plain", b64);
        close_el(o);
    }
    close_el(o);
}

/*
 * The XAdES signed properties exactly as they stand in the document, with
 * the xades namespace declared on the element itself: ZATCA's digest of
 * them is base64(hex(SHA-256)) of these bytes. NULL when out of memory.
 */
static char *signed_properties(const ks_invoice_stamp *stamp)
{
    xmlBufferPtr buf = xmlBufferCreate();
    struct out o = {.w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL};
    o.ok = o.w != NULL;
    open_el(&o, "xades:SignedProperties");
    attr(&o, "xmlns:xades", KS_UBL_NS_XADES);
    attr(&o, "Id", "xadesSignedProperties");
    open_el(&o, "xades:SignedSignatureProperties");
    text_el(&o, "xades:SigningTime", stamp->signing_time);
    open_el(&o, "xades:SigningCertificate");
    open_el(&o, "xades:Cert");
    open_el(&o, "xades:CertDigest");
    attr_el(&o, "ds:DigestMethod", "Algorithm", "http://www.w3.org/2001/04/xmlenc#sha256", NULL);
    text_el(&o, "ds:DigestValue", ks_stamp_key_cert_digest(stamp->key));
    close_el(&o);
    open_el(&o, "xades:IssuerSerial");
    text_el(&o, "ds:X509IssuerName", ks_stamp_key_issuer(stamp->key));
    text_el(&o, "ds:X509SerialNumber", ks_stamp_key_serial(stamp->key));
    for (int i = 0; i < 5; i++) /* IssuerSerial, Cert, SigningCertificate, SSP, SignedProperties */
        close_el(&o);
    if (o.w) {
        o.ok = xmlTextWriterEndDocument(o.w) >= 0 && o.ok;
        xmlFreeTextWriter(o.w);
    }
    char *text = o.ok ? strdup((const char *)xmlBufferContent(buf)) : NULL;
    xmlBufferFree(buf);
    return text;
}

static void transform(struct out *o, const char *algorithm, const char *xpath)
{
    open_el(o, "ds:Transform");
    attr(o, "Algorithm", algorithm);
    if (xpath)
        text_el(o, "ds:XPath", xpath);
    close_el(o);
}

static void digest_reference(struct out *o, const char *id, const char *type, const char *uri,
                             const char *digest)
{
    open_el(o, "ds:Reference");
    if (id)
        attr(o, "Id", id);
    if (type)
        attr(o, "Type", type);
    attr(o, "URI", uri);
    if (!type) {
        static const char xpath_filter[] = "http://www.w3.org/TR/1999/REC-xpath-19991116";
        open_el(o, "ds:Transforms");
        transform(o, xpath_filter, "not(//ancestor-or-self::ext:UBLExtensions)");
        transform(o, xpath_filter, "not(//ancestor-or-self::cac:Signature)");
        transform(o, xpath_filter,
                  "not(//ancestor-or-self::cac:AdditionalDocumentReference[cbc:ID='QR'])");
        transform(o, "http://www.w3.org/2006/12/xml-c14n11", NULL);
        close_el(o);
    }
    attr_el(o, "ds:DigestMethod", "Algorithm", "http://www.w3.org/2001/04/xmlenc#sha256", NULL);
    text_el(o, "ds:DigestValue", digest);
    close_el(o);
}

/* ext:UBLExtensions with the enveloped XAdES signature (the layout of ZATCA's samples). */
static void extensions(struct out *o, const ks_invoice_stamp *stamp)
{
    char *properties = signed_properties(stamp);
    if (!properties) {
        o->ok = false;
        return;
    }
    char properties_digest[89];
    ks_stamp_hex_digest(properties, strlen(properties), properties_digest);

    open_el(o, "ext:UBLExtensions");
    open_el(o, "ext:UBLExtension");
    text_el(o, "ext:ExtensionURI", "urn:oasis:names:specification:ubl:dsig:enveloped:xades");
    open_el(o, "ext:ExtensionContent");
    open_el(o, "sig:UBLDocumentSignatures");
    attr(o, "xmlns:sig", KS_UBL_NS_SIG);
    attr(o, "xmlns:sac", KS_UBL_NS_SAC);
    attr(o, "xmlns:sbc", KS_UBL_NS_SBC);
    open_el(o, "sac:SignatureInformation");
    text_el(o, "cbc:ID", "urn:oasis:names:specification:ubl:signature:1");
    text_el(o, "sbc:ReferencedSignatureID", "urn:oasis:names:specification:ubl:signature:Invoice");
    open_el(o, "ds:Signature");
    attr(o, "xmlns:ds", KS_UBL_NS_DS);
    attr(o, "Id", "signature");
    open_el(o, "ds:SignedInfo");
    attr_el(o, "ds:CanonicalizationMethod", "Algorithm", "http://www.w3.org/2006/12/xml-c14n11",
            NULL);
    attr_el(o, "ds:SignatureMethod", "Algorithm",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", NULL);
    digest_reference(o, "invoiceSignedData", NULL, "", stamp->hash_b64);
    digest_reference(o, NULL, "http://www.w3.org/2000/09/xmldsig#SignatureProperties",
                     "#xadesSignedProperties", properties_digest);
    close_el(o); /* SignedInfo */
    text_el(o, "ds:SignatureValue", stamp->signature_b64);
    open_el(o, "ds:KeyInfo");
    open_el(o, "ds:X509Data");
    text_el(o, "ds:X509Certificate", ks_stamp_key_cert_base64(stamp->key));
    close_el(o);
    close_el(o);
    open_el(o, "ds:Object");
    open_el(o, "xades:QualifyingProperties");
    attr(o, "xmlns:xades", KS_UBL_NS_XADES);
    attr(o, "Target", "signature");
    raw(o, properties);
    for (int i = 0; i < 8;
         i++) /* QP, Object, Signature, SignatureInformation, UBLDocumentSignatures,
                 ExtensionContent, UBLExtension, UBLExtensions */
        close_el(o);
    free(properties);
}

static void seller_party(struct out *o, const ks_seller *s)
{
    open_el(o, "cac:AccountingSupplierParty");
    open_el(o, "cac:Party");
    open_el(o, "cac:PartyIdentification");
    open_el(o, "cbc:ID");
    attr(o, "schemeID", "CRN");
    o->ok = o->ok && xmlTextWriterWriteString(o->w, BAD_CAST s->crn) >= 0;
    close_el(o);
    close_el(o);
    open_el(o, "cac:PostalAddress");
    text_el(o, "cbc:StreetName", s->street);
    text_el(o, "cbc:BuildingNumber", s->building_number);
    text_el(o, "cbc:CitySubdivisionName", s->district);
    text_el(o, "cbc:CityName", s->city);
    text_el(o, "cbc:PostalZone", s->postal_zone);
    open_el(o, "cac:Country");
    text_el(o, "cbc:IdentificationCode", "SA");
    close_el(o);
    close_el(o);
    open_el(o, "cac:PartyTaxScheme");
    text_el(o, "cbc:CompanyID", s->vat_number);
    open_el(o, "cac:TaxScheme");
    text_el(o, "cbc:ID", "VAT");
    close_el(o);
    close_el(o);
    open_el(o, "cac:PartyLegalEntity");
    text_el(o, "cbc:RegistrationName", s->name);
    close_el(o);
    close_el(o);
    close_el(o);
}

/* The discount of a line without its VAT (a line allowance is a net amount). */
static bool net_discount(const ks_order *order, const ks_order_line *line, ks_money *out)
{
    if (!order->prices_include_tax) {
        *out = line->discount;
        return true;
    }
    return ks_money_mul_div(line->discount, 10000, 10000 + line->vat_rate_bp, out);
}

/* "3.000000" for a count, "0.532000" for grams, and the UN/ECE unit code. */
static void quantity_el(struct out *o, const ks_order_line *line)
{
    char text[40];
    bool kg = line->unit == KS_UNIT_KG;
    snprintf(text, sizeof text, "%" PRId32 ".%06" PRId32,
             kg ? line->quantity / 1000 : line->quantity, kg ? (line->quantity % 1000) * 1000 : 0);
    attr_el(o, "cbc:InvoicedQuantity", "unitCode", kg ? "KGM" : "PCE", text);
}

/*
 * The net unit price to six decimals, so that quantity x price rounds back
 * to the line's net amount before its allowance (BR-KSA-EN16931-11): in
 * millionths of a riyal, before / quantity (halalas x 10^4 per piece, or
 * halalas x 10^7 per gram-quantity for kilograms).
 */
static bool unit_price_text(const ks_order_line *line, ks_money before, char out[40])
{
    int64_t per = line->unit == KS_UNIT_KG ? 10000000 : 10000;
    ks_money micro = 0;
    if (line->quantity <= 0 || !ks_money_mul_div(before, per, line->quantity, &micro) || micro < 0)
        return false;
    snprintf(out, 40, "%" PRId64 ".%06" PRId64, micro / 1000000, micro % 1000000);
    return true;
}

static void invoice_line(struct out *o, const ks_order *order, const ks_order_line *line,
                         size_t index)
{
    ks_money discount = 0;
    char price[40];
    if (line->vat_rate_bp < 0 || !net_discount(order, line, &discount) ||
        !unit_price_text(line, line->net + discount, price)) {
        o->ok = false;
        return;
    }
    char id[24];
    snprintf(id, sizeof id, "%zu", index + 1);
    open_el(o, "cac:InvoiceLine");
    text_el(o, "cbc:ID", id);
    quantity_el(o, line);
    amount_el(o, "cbc:LineExtensionAmount", line->net);
    if (discount > 0) {
        open_el(o, "cac:AllowanceCharge");
        text_el(o, "cbc:ChargeIndicator", "false");
        text_el(o, "cbc:AllowanceChargeReason", "discount");
        amount_el(o, "cbc:Amount", discount);
        close_el(o);
    }
    open_el(o, "cac:TaxTotal");
    amount_el(o, "cbc:TaxAmount", line->vat);
    amount_el(o, "cbc:RoundingAmount", line->gross);
    close_el(o);
    open_el(o, "cac:Item");
    text_el(o, "cbc:Name", line->name_ar && line->name_ar[0] ? line->name_ar : line->name_en);
    ks_vat_treatment vat = ks_order_line_vat(line);
    tax_category(o, "cac:ClassifiedTaxCategory", &vat, line->vat_rate_bp, false);
    close_el(o);
    open_el(o, "cac:Price");
    attr_el(o, "cbc:PriceAmount", "currencyID", CURRENCY, price);
    close_el(o);
    close_el(o);
}

/*
 * The VAT breakdown row of line `first`'s category, rate and exemption code
 * (BG-23), summing the lines of that row, when `first` is the first of
 * them; nothing for a later one. A rate's lines together hold its VAT row's
 * amounts, and every rate but 0 % is S alone, so the rows add up to the
 * order's.
 */
static void vat_subtotal(struct out *o, const ks_order *order, size_t first)
{
    const ks_order_line *line = &order->lines[first];
    ks_vat_treatment vat = ks_order_line_vat(line);
    ks_money taxable = 0, tax = 0;
    for (size_t i = 0; i < order->n_lines; i++) {
        const ks_order_line *other = &order->lines[i];
        ks_vat_treatment other_vat = ks_order_line_vat(other);
        if (other->vat_rate_bp != line->vat_rate_bp || !ks_vat_treatment_equal(&vat, &other_vat))
            continue;
        if (i < first)
            return;
        if (!ks_money_add(taxable, other->net, &taxable) || !ks_money_add(tax, other->vat, &tax))
            o->ok = false;
    }
    open_el(o, "cac:TaxSubtotal");
    amount_el(o, "cbc:TaxableAmount", taxable);
    amount_el(o, "cbc:TaxAmount", tax);
    tax_category(o, "cac:TaxCategory", &vat, line->vat_rate_bp, true);
    close_el(o);
}

static void totals(struct out *o, const ks_order *order)
{
    open_el(o, "cac:TaxTotal");
    amount_el(o, "cbc:TaxAmount", order->total_vat);
    close_el(o);
    open_el(o, "cac:TaxTotal");
    amount_el(o, "cbc:TaxAmount", order->total_vat);
    for (size_t i = 0; i < order->n_lines; i++)
        vat_subtotal(o, order, i);
    close_el(o);
    open_el(o, "cac:LegalMonetaryTotal");
    amount_el(o, "cbc:LineExtensionAmount", order->total_net);
    amount_el(o, "cbc:TaxExclusiveAmount", order->total_net);
    amount_el(o, "cbc:TaxInclusiveAmount", order->total);
    amount_el(o, "cbc:AllowanceTotalAmount", 0);
    amount_el(o, "cbc:PrepaidAmount", 0);
    amount_el(o, "cbc:PayableAmount", order->total);
    close_el(o);
}

static void header(struct out *o, const ks_invoice_doc *doc)
{
    time_t local = (time_t)(doc->issued_at + (int64_t)doc->utc_offset_min * 60);
    struct tm tm;
    gmtime_r(&local, &tm);
    char date[16], clock[16], type[8], icv[24];
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    snprintf(type, sizeof type, "%d", (int)doc->kind);
    snprintf(icv, sizeof icv, "%" PRIu64, doc->icv);

    text_el(o, "cbc:ProfileID", "reporting:1.0");
    text_el(o, "cbc:ID", doc->id);
    text_el(o, "cbc:UUID", doc->uuid);
    text_el(o, "cbc:IssueDate", date);
    text_el(o, "cbc:IssueTime", clock);
    /* name: simplified (02), no third party, nominal, summary, export, self-billed */
    attr_el(o, "cbc:InvoiceTypeCode", "name", "0200000", type);
    text_el(o, "cbc:DocumentCurrencyCode", CURRENCY);
    text_el(o, "cbc:TaxCurrencyCode", CURRENCY);
    if (doc->kind != KS_INVOICE_TAX) {
        open_el(o, "cac:BillingReference");
        open_el(o, "cac:InvoiceDocumentReference");
        text_el(o, "cbc:ID", doc->original_id);
        close_el(o);
        close_el(o);
    }
    document_reference(o, "ICV", icv, NULL);
    document_reference(o, "PIH", NULL, doc->pih);
}

static bool doc_complete(const ks_invoice_doc *doc)
{
    const ks_seller *s = doc->seller;
    bool note = doc->kind != KS_INVOICE_TAX;
    return doc->order && s && s->name && s->vat_number && s->crn && s->street &&
           s->building_number && s->district && s->city && s->postal_zone && doc->id && doc->uuid &&
           doc->pih && doc->icv > 0 && doc->order->n_lines > 0 &&
           (!note || (doc->original_id && doc->reason));
}

char *ks_ubl_write(const ks_invoice_doc *doc, const ks_invoice_stamp *stamp, size_t *len)
{
    *len = 0;
    if (!doc_complete(doc))
        return NULL;
    xmlBufferPtr buf = xmlBufferCreate();
    struct out o = {.w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL};
    o.ok = o.w != NULL && xmlTextWriterStartDocument(o.w, "1.0", "UTF-8", NULL) >= 0;
    open_el(&o, "Invoice");
    attr(&o, "xmlns", KS_UBL_NS_INVOICE);
    attr(&o, "xmlns:cac", KS_UBL_NS_CAC);
    attr(&o, "xmlns:cbc", KS_UBL_NS_CBC);
    attr(&o, "xmlns:ext", KS_UBL_NS_EXT);
    if (stamp)
        extensions(&o, stamp);
    header(&o, doc);
    if (stamp) {
        document_reference(&o, "QR", NULL, stamp->qr);
        open_el(&o, "cac:Signature");
        text_el(&o, "cbc:ID", "urn:oasis:names:specification:ubl:signature:Invoice");
        text_el(&o, "cbc:SignatureMethod",
                "urn:oasis:names:specification:ubl:dsig:enveloped:xades");
        close_el(&o);
    }
    seller_party(&o, doc->seller);
    open_el(&o, "cac:AccountingCustomerParty");
    close_el(&o);
    open_el(&o, "cac:PaymentMeans");
    char means[8];
    snprintf(means, sizeof means, "%d", (int)doc->payment);
    text_el(&o, "cbc:PaymentMeansCode", means);
    if (doc->kind != KS_INVOICE_TAX)
        text_el(&o, "cbc:InstructionNote", doc->reason);
    close_el(&o);
    totals(&o, doc->order);
    for (size_t i = 0; o.ok && i < doc->order->n_lines; i++)
        invoice_line(&o, doc->order, &doc->order->lines[i], i);
    close_el(&o);
    if (o.w) {
        o.ok = xmlTextWriterEndDocument(o.w) >= 0 && o.ok;
        xmlFreeTextWriter(o.w);
    }
    char *xml = NULL;
    if (o.ok) {
        *len = (size_t)xmlBufferLength(buf);
        xml = malloc(*len + 1);
        if (xml)
            memcpy(xml, xmlBufferContent(buf), *len + 1);
        else
            *len = 0;
    }
    xmlBufferFree(buf);
    return xml;
}
