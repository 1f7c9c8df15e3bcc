/*
 * Where an IPv4 address (as a dotted quad) lies: on this machine
 * (127/8) or on a private network (RFC 1918: 10/8, 172.16/12,
 * 192.168/16). One rule for where plain HTTP may go (the kiosk's
 * outgoing URLs) and where the store's servers may serve it.
 */
#ifndef KIOSK_COMMON_NET_ADDRESS_H
#define KIOSK_COMMON_NET_ADDRESS_H

#include <stdbool.h>

/* 127/8; false for anything that is not a dotted quad. */
bool ks_address_loopback(const char *ipv4);

/* 127/8 or RFC 1918 private; false for anything that is not a dotted quad. */
bool ks_address_private(const char *ipv4);

#endif
