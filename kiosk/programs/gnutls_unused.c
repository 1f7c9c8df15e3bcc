/*
 * GnuTLS is in the kiosk's process only because Debian's libcurl links
 * libraries (LDAP, RTMP) that need it; the kiosk never uses it: its URLs
 * are http and https only (CURLOPT_PROTOCOLS_STR), and libcurl speaks TLS
 * through OpenSSL. Left alone, GnuTLS initialises itself in a library
 * constructor before main (CPU detection, its crypto back end, p11-kit),
 * which made about 0.6 MiB of the kiosk resident for nothing (issue #16,
 * README "Memory"). GnuTLS's documented way out for a program
 * (GNUTLS_SKIP_GLOBAL_INIT in gnutls/gnutls.h, "Initialization" in its
 * manual) is this function, which the library's constructor asks through
 * a weak symbol: the program exports it (kiosk/programs/CMakeLists.txt)
 * so that it wins. The library would still initialise on first use.
 */

/* Named by GnuTLS: 1 tells its constructor not to initialise the library. */
int _gnutls_global_init_skip(void);
int _gnutls_global_init_skip(void)
{
    return 1;
}
