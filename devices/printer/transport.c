/* The transport registry: see devices/printer/transport.h. */
#include "devices/printer/transport.h"

#include <string.h>

static const dev_transport_class *const transports[] = {
    &dev_transport_tcp,
    &dev_transport_file,
    &dev_transport_usb,
    &dev_transport_sim,
};

const dev_transport_class *dev_transport_find(const char *uri, const char **target)
{
    if (!uri)
        return NULL;
    const char *sep = strstr(uri, "://");
    if (!sep)
        return NULL;
    size_t len = (size_t)(sep - uri);
    for (size_t i = 0; i < sizeof transports / sizeof transports[0]; i++) {
        if (strlen(transports[i]->scheme) == len && memcmp(transports[i]->scheme, uri, len) == 0) {
            if (target)
                *target = sep + 3;
            return transports[i];
        }
    }
    return NULL;
}
