/* sha256.h - SHA-256 (FIPS 180-4), for the content hashes of artifacts.
 *
 * The compiler needs one digest per artifact; linking libcrypto for that
 * would cost every command its start-up time. */
#ifndef DJZ_SHA256_H
#define DJZ_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include <stdbool.h>

/* The digest of data as 64 lowercase hex digits and a NUL.  Uses the x86
 * SHA extensions when the processor has them, unless DJAZ_NO_SHA_NI is
 * set. */
void djz_sha256_hex(const void *data, size_t len, char hex[65]);
/* The same, with the extensions only when accel (and the processor and
 * the build have them): for tests, which compare the two. */
void djz_sha256_hex_with(const void *data, size_t len, char hex[65],
                         bool accel);

/* Whether this processor and build have the SHA extensions. */
bool djz_sha256_accelerated(void);

#endif
