/*
 * eth_addr.h - Ethereum addresses (20 bytes) and their EIP-55 checksummed
 * text form, and the network names the eth adapter accepts.
 *
 * Text addresses are accepted in any case: all lower, all upper, or mixed.
 * A mixed-case address must carry a correct EIP-55 checksum (the case of
 * each letter encodes one bit of keccak-256 of the lowercase hex), because
 * a mixed-case address that does not is a typo, not an address. Printed
 * addresses are always in EIP-55 form.
 */
#ifndef TRC_ETH_ADDR_H
#define TRC_ETH_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* "0x" + 40 hex digits + NUL. */
#define ETH_ADDR_STR 43

/* Chain ids of the named networks (docs/ethereum.md). */
#define ETH_CHAIN_MAIN 1ULL
#define ETH_CHAIN_SEPOLIA 11155111ULL
#define ETH_CHAIN_HOLESKY 17000ULL
#define ETH_CHAIN_HOODI 560048ULL
#define ETH_CHAIN_ANVIL 31337ULL

/* Writes the EIP-55 form of addr ("0x" + 40 digits + NUL) to out. */
void eth_addr_format(char out[ETH_ADDR_STR], const uint8_t addr[20]);

/*
 * Parses "0x" + 40 hex digits (the prefix may be "0X"; it may not be
 * missing). Out: addr, zeroed on failure.
 * Returns TRC_ERR_PARSE naming the reason: length, a non-hex character and
 * its offset, or a failed EIP-55 checksum of a mixed-case address.
 */
enum trc_err eth_addr_parse(uint8_t addr[20], const char *s,
			    struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Maps a network name to its chain id: "main" (1), "sepolia", "holesky",
 * "hoodi", "anvil" (31337), or "chainid:N" for any EVM chain (N decimal,
 * 1 .. 2^63-1). Out: *chain_id (may be NULL to only validate).
 * Returns TRC_ERR_PARSE for an unknown name.
 */
enum trc_err eth_network_chain_id(const char *network, uint64_t *chain_id,
				  struct trc_error *err) TRC_WARN_UNUSED;

#endif
