/* Where an IPv4 address lies (see kiosk/common/net_address.h). */
#include "kiosk/common/net_address.h"

#include <arpa/inet.h>
#include <stdint.h>

/* The address as a host-order number; false when it is not a dotted quad. */
static bool parse(const char *ipv4, uint32_t *out)
{
    struct in_addr a;
    if (!ipv4 || inet_pton(AF_INET, ipv4, &a) != 1)
        return false;
    *out = ntohl(a.s_addr);
    return true;
}

bool ks_address_loopback(const char *ipv4)
{
    uint32_t ip;
    return parse(ipv4, &ip) && (ip >> 24) == 127;
}

bool ks_address_private(const char *ipv4)
{
    uint32_t ip;
    return parse(ipv4, &ip) &&
           ((ip >> 24) == 127 || (ip >> 24) == 10 || (ip >> 20) == ((172u << 4) | 1u) ||
            (ip >> 16) == ((192u << 8) | 168u));
}
