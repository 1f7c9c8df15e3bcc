/*
 * libxml2, loaded when it is first called instead of at every start.
 *
 * Debian's libxml2 brings ICU (libicuuc, its 30 MB of data) and libstdc++
 * with it: about a fifth of the relocations and page faults the dynamic
 * loader spent before the kiosk's main, on the way to its first frame,
 * though only phase 2 e-invoicing (the UBL invoice, its C14N 1.1 hash)
 * and the ZATCA simulator's checks read or write XML. So no program links
 * libxml2: this file defines each libxml2 function the tree calls, with
 * libxml2's own prototype from its headers (the compiler refuses one that
 * differs), and each forwards to the real function, which the first call
 * finds with dlopen("libxml2.so.2") and dlsym, once per process whichever
 * thread calls first (devices/common/library_on_demand.c, shared with
 * libcurl's and SDL2's). A function the tree starts calling must be added
 * below, or the link fails (nothing else defines it).
 *
 * The load also sets the parser up (xmlInitParser), once, whichever
 * thread calls first, so no caller needs to before using it.
 *
 * xmlFree is a variable in libxml2 (the deallocator it was built with):
 * the one here is a function pointer to a forwarder that calls the loaded
 * library's own xmlFree, so what libxml2 allocated is freed by libxml2.
 *
 * When libxml2 cannot be loaded (the package is missing) every call fails
 * as libxml2's do when out of memory: NULL, -1, or nothing for the frees
 * (nothing could have been allocated). kiosk/docs/ARCHITECTURE.md,
 * "Start-up".
 */
#include <libxml/c14n.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "devices/common/library_on_demand.h"

/*
 * Every libxml2 function the tree calls: F(type, name, parameters,
 * arguments, value without libxml2) for those that return a value,
 * V(name, parameters, arguments) for the others.
 */
#define XML_FUNCTIONS(F, V)                                                                        \
    /* Start-up, documents, nodes. */                                                              \
    V(xmlInitParser, (void), ())                                                                   \
    F(xmlDocPtr, xmlReadMemory,                                                                    \
      (const char *buffer, int size, const char *url, const char *encoding, int options),          \
      (buffer, size, url, encoding, options), NULL)                                                \
    V(xmlFreeDoc, (xmlDocPtr doc), (doc))                                                          \
    F(xmlNodePtr, xmlDocGetRootElement, (const xmlDoc *doc), (doc), NULL)                          \
    V(xmlUnlinkNode, (xmlNodePtr node), (node))                                                    \
    V(xmlFreeNode, (xmlNodePtr node), (node))                                                      \
    F(xmlChar *, xmlNodeGetContent, (const xmlNode *node), (node), NULL)                           \
    /* Buffers and the writer. */                                                                  \
    F(xmlBufferPtr, xmlBufferCreate, (void), (), NULL)                                             \
    V(xmlBufferFree, (xmlBufferPtr buf), (buf))                                                    \
    F(const xmlChar *, xmlBufferContent, (const xmlBuffer *buf), (buf), NULL)                      \
    F(int, xmlBufferLength, (const xmlBuffer *buf), (buf), 0)                                      \
    F(xmlTextWriterPtr, xmlNewTextWriterMemory, (xmlBufferPtr buf, int compression),               \
      (buf, compression), NULL)                                                                    \
    V(xmlFreeTextWriter, (xmlTextWriterPtr writer), (writer))                                      \
    F(int, xmlTextWriterStartDocument,                                                             \
      (xmlTextWriterPtr writer, const char *version, const char *encoding,                         \
       const char *standalone),                                                                    \
      (writer, version, encoding, standalone), -1)                                                 \
    F(int, xmlTextWriterEndDocument, (xmlTextWriterPtr writer), (writer), -1)                      \
    F(int, xmlTextWriterStartElement, (xmlTextWriterPtr writer, const xmlChar *name),              \
      (writer, name), -1)                                                                          \
    F(int, xmlTextWriterEndElement, (xmlTextWriterPtr writer), (writer), -1)                       \
    F(int, xmlTextWriterWriteAttribute,                                                            \
      (xmlTextWriterPtr writer, const xmlChar *name, const xmlChar *content),                      \
      (writer, name, content), -1)                                                                 \
    F(int, xmlTextWriterWriteElement,                                                              \
      (xmlTextWriterPtr writer, const xmlChar *name, const xmlChar *content),                      \
      (writer, name, content), -1)                                                                 \
    F(int, xmlTextWriterWriteString, (xmlTextWriterPtr writer, const xmlChar *content),            \
      (writer, content), -1)                                                                       \
    F(int, xmlTextWriterWriteRaw, (xmlTextWriterPtr writer, const xmlChar *content),               \
      (writer, content), -1)                                                                       \
    /* XPath and canonical form. */                                                                \
    F(xmlXPathContextPtr, xmlXPathNewContext, (xmlDocPtr doc), (doc), NULL)                        \
    V(xmlXPathFreeContext, (xmlXPathContextPtr ctxt), (ctxt))                                      \
    F(int, xmlXPathRegisterNs,                                                                     \
      (xmlXPathContextPtr ctxt, const xmlChar *prefix, const xmlChar *ns_uri),                     \
      (ctxt, prefix, ns_uri), -1)                                                                  \
    F(xmlXPathObjectPtr, xmlXPathEvalExpression, (const xmlChar *str, xmlXPathContextPtr ctxt),    \
      (str, ctxt), NULL)                                                                           \
    V(xmlXPathFreeObject, (xmlXPathObjectPtr obj), (obj))                                          \
    F(int, xmlC14NDocDumpMemory,                                                                   \
      (xmlDocPtr doc, xmlNodeSetPtr nodes, int mode, xmlChar **inclusive_ns_prefixes,              \
       int with_comments, xmlChar **doc_txt_ptr),                                                  \
      (doc, nodes, mode, inclusive_ns_prefixes, with_comments, doc_txt_ptr), -1)

/* The real functions, filled by the load; free_variable is libxml2's xmlFree. */
static struct {
    XML_FUNCTIONS(DEV_LIBRARY_SLOT, DEV_LIBRARY_VOID_SLOT)
    xmlFreeFunc *free_variable;
} real;

static const struct dev_library_symbol symbols[] = {
    XML_FUNCTIONS(DEV_LIBRARY_SYMBOL, DEV_LIBRARY_VOID_SYMBOL){"xmlFree", &real.free_variable},
};

/* The parser set up once, by whichever thread loads the library (xmlInitParser is not safe to
 * call from two threads at once). */
static const char *init_parser(void)
{
    real.xmlInitParser();
    return NULL;
}

static struct dev_library libxml2 = DEV_LIBRARY_INIT("libxml2.so.2", symbols, init_parser);

#define DEV_LIBRARY_THIS libxml2
XML_FUNCTIONS(DEV_LIBRARY_FORWARD, DEV_LIBRARY_VOID_FORWARD)

/* Frees what the loaded libxml2 allocated, with its own deallocator. */
static void free_forward(void *mem)
{
    if (mem && dev_library_ready(&libxml2))
        (*real.free_variable)(mem);
}

xmlFreeFunc xmlFree = free_forward;
