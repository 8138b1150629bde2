/* sha256.h - SHA-256 (FIPS 180-4), for the content hashes of artifacts.
 *
 * The compiler needs one digest per artifact; linking libcrypto for that
 * would cost every command its start-up time. */
#ifndef DJZ_SHA256_H
#define DJZ_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* The digest of data as 64 lowercase hex digits and a NUL. */
void djz_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
