/*
 * tron_addr.h - Tron addresses: 21 bytes, the prefix 0x41 and the last 20
 * bytes of keccak-256 of the public key (as Ethereum's); shown as
 * base58check ("T" + 33 characters), and as 42 hex digits ("41...") in
 * the node's JSON. The networks the tron adapter knows.
 */
#ifndef TRC_TRON_ADDR_H
#define TRC_TRON_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define TRON_ADDR_LEN 21
#define TRON_ADDR_PREFIX 0x41
/* base58check of 21 bytes: 34 characters and a NUL. */
#define TRON_ADDR_STR 35

/* Writes the base58check form of addr (its prefix is not checked). */
void tron_addr_format(char out[TRON_ADDR_STR],
		      const uint8_t addr[TRON_ADDR_LEN]);

/*
 * Parses a base58check address ("T...") or its 42-digit hex form
 * ("41..."). Out: addr, zeroed on failure. Returns TRC_ERR_PARSE naming
 * the reason: checksum, length, a prefix other than 0x41, a bad digit.
 */
enum trc_err tron_addr_parse(uint8_t addr[TRON_ADDR_LEN], const char *s,
			     struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The bytes of an address as the node's JSON and the protobuf carry
 * them: exactly 21 bytes with the 0x41 prefix. TRC_ERR_PARSE naming what
 * (a label such as "owner_address") otherwise.
 */
enum trc_err tron_addr_check(const uint8_t *p, size_t len, const char *what,
			     struct trc_error *err) TRC_WARN_UNUSED;

/* True for "main", "nile" and "shasta" (the public test networks). */
bool tron_network_valid(const char *network);

#endif
