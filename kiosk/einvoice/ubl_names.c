/* UBL namespaces: see ubl_names.h. */
#include "kiosk/einvoice/ubl_names.h"

#include <libxml/xpathInternals.h>
#include <string.h>

bool ks_ubl_register_namespaces(xmlXPathContextPtr xpath)
{
    static const char *const prefixes[][2] = {
        {"inv", KS_UBL_NS_INVOICE}, {"cac", KS_UBL_NS_CAC}, {"cbc", KS_UBL_NS_CBC},
        {"ext", KS_UBL_NS_EXT},     {"sig", KS_UBL_NS_SIG}, {"sac", KS_UBL_NS_SAC},
        {"sbc", KS_UBL_NS_SBC},     {"ds", KS_UBL_NS_DS},   {"xades", KS_UBL_NS_XADES},
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (xmlXPathRegisterNs(xpath, BAD_CAST prefixes[i][0], BAD_CAST prefixes[i][1]) != 0)
            return false;
    return true;
}

bool ks_ubl_is_invoice_root(const xmlNode *node)
{
    return node && node->type == XML_ELEMENT_NODE && node->ns &&
           strcmp((const char *)node->name, "Invoice") == 0 &&
           strcmp((const char *)node->ns->href, KS_UBL_NS_INVOICE) == 0;
}
