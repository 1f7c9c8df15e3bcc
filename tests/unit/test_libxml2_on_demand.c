/*
 * libxml2 loaded on its first call (devices/common/libxml2_on_demand.c):
 * the test program, linked like every program, has no libxml2 mapped until
 * it calls one of its functions; then a document parsed, walked by XPath,
 * canonicalised and written through the forwarders comes out as libxml2
 * makes it, and what libxml2 allocated is freed by xmlFree (the sanitizer
 * tree would see a foreign free). And no program names libxml2 among the
 * libraries it loads at start (tests/unit/test_curl_on_demand.c reads the
 * NEEDED entries of every program).
 */
#include <dlfcn.h>
#include <string.h>

#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "tests/support/check.h"

static void libxml2_is_loaded_by_the_first_call(void)
{
    void *before = dlopen("libxml2.so.2", RTLD_LAZY | RTLD_NOLOAD);
    CHECK(before == NULL);
    if (before)
        dlclose(before);
    xmlInitParser();
    void *after = dlopen("libxml2.so.2", RTLD_LAZY | RTLD_NOLOAD);
    CHECK(after != NULL);
    if (after)
        dlclose(after);
}

static void a_document_goes_through_the_forwarders(void)
{
    static const char doc_text[] = "<a xmlns:p=\"urn:p\"><p:b  z=\"2\" y=\"1\">text</p:b><c/></a>";
    xmlDocPtr doc = xmlReadMemory(doc_text, (int)strlen(doc_text), NULL, "UTF-8", XML_PARSE_NONET);
    CHECK(doc != NULL);
    if (!doc)
        return;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    CHECK(root && strcmp((const char *)root->name, "a") == 0);
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    CHECK_EQ_INT(xmlXPathRegisterNs(ctx, BAD_CAST "p", BAD_CAST "urn:p"), 0);
    xmlXPathObjectPtr found = xmlXPathEvalExpression(BAD_CAST "//p:b", ctx);
    CHECK(found && found->nodesetval && found->nodesetval->nodeNr == 1);
    if (found && found->nodesetval && found->nodesetval->nodeNr == 1) {
        xmlChar *content = xmlNodeGetContent(found->nodesetval->nodeTab[0]);
        CHECK_EQ_STR((const char *)content, "text");
        xmlFree(content);
    }
    xmlXPathFreeObject(found);
    xmlXPathFreeContext(ctx);
    xmlNodePtr c = root->last;
    xmlUnlinkNode(c);
    xmlFreeNode(c);
    xmlChar *canonical = NULL;
    int n = xmlC14NDocDumpMemory(doc, NULL, XML_C14N_1_1, NULL, 0, &canonical);
    /* Attributes sorted, the empty element gone with its node. */
    CHECK_EQ_STR((const char *)canonical,
                 "<a xmlns:p=\"urn:p\"><p:b y=\"1\" z=\"2\">text</p:b></a>");
    CHECK_EQ_INT(n, (int)strlen("<a xmlns:p=\"urn:p\"><p:b y=\"1\" z=\"2\">text</p:b></a>"));
    xmlFree(canonical);
    xmlFreeDoc(doc);

    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
    CHECK(w != NULL);
    CHECK(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) >= 0);
    CHECK(xmlTextWriterStartElement(w, BAD_CAST "r") >= 0);
    CHECK(xmlTextWriterWriteAttribute(w, BAD_CAST "k", BAD_CAST "v&") >= 0);
    CHECK(xmlTextWriterWriteElement(w, BAD_CAST "e", BAD_CAST "<1>") >= 0);
    CHECK(xmlTextWriterWriteString(w, BAD_CAST "s") >= 0);
    CHECK(xmlTextWriterWriteRaw(w, BAD_CAST "<raw/>") >= 0);
    CHECK(xmlTextWriterEndElement(w) >= 0);
    CHECK(xmlTextWriterEndDocument(w) >= 0);
    xmlFreeTextWriter(w);
    CHECK_EQ_STR((const char *)xmlBufferContent(buf),
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<r k=\"v&amp;\"><e>&lt;1&gt;</e>s<raw/></r>\n");
    CHECK_EQ_INT(xmlBufferLength(buf), (int)strlen((const char *)xmlBufferContent(buf)));
    xmlBufferFree(buf);
}

static const struct check_case cases[] = {
    {"libxml2 is loaded by the first call", libxml2_is_loaded_by_the_first_call},
    {"a document goes through the forwarders", a_document_goes_through_the_forwarders},
};

int main(int argc, char **argv)
{
    return check_run(cases, CHECK_COUNT(cases), argc, argv);
}
