/*
 * script.h - output scripts (scriptPubKey) and addresses.
 *
 * Classes are enum rec_out_class (store/record.h). Addresses:
 *   p2pk         the P2PKH address of the key, as explorers show it (the
 *                key is checked with libsecp256k1; an invalid key makes
 *                the script nonstandard)
 *   p2pkh, p2sh  base58check with the network's version bytes; CashAddr
 *                with its prefix on a network that has one (net.h)
 *   p2wpkh, p2wsh, p2tr, witness_unknown
 *                bech32 (v0) / bech32m (v1+) with the network's prefix
 *   op_return    none (NULL / empty)
 *   multisig     "multisig:" + 40 hex digits
 *   nonstandard  "nonstandard:" + 40 hex digits
 * The pseudo-addresses' digits are the first 20 bytes of SHA-256 of the
 * whole script, lowercase: stable, network-independent, and never a valid
 * base58 or bech32 string (':' is in neither alphabet).
 */
#ifndef TRC_BTC_SCRIPT_H
#define TRC_BTC_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "chains/btc/net.h"

/* Room for any address this module writes, with its NUL. */
#define BTC_ADDR_MAX 96

/*
 * Classifies script (len bytes, any content) and writes its address for
 * net to addr (addrsize >= BTC_ADDR_MAX; "" for op_return).
 * Returns the class (enum rec_out_class); never fails.
 */
uint8_t btc_script_classify(const uint8_t *script, size_t len,
			    const struct btc_network *net, char *addr,
			    size_t addrsize);

/*
 * The output script that pays address (any valid encoding for net).
 * Out: appended to script. TRC_ERR_PARSE with the reason for an address
 * that is not valid on net; TRC_ERR_UNSUPPORTED for a pseudo-address
 * (it names a script by its hash, which cannot be inverted).
 */
enum trc_err btc_address_to_script(const struct btc_network *net,
				   const char *address, struct buf *script,
				   struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Validates address for net and writes its canonical form to out:
 * base58 unchanged, bech32 lowercased, pseudo-addresses lowercased.
 */
enum trc_err btc_address_normalize(const struct btc_network *net,
				   const char *address, char *out,
				   size_t outsize,
				   struct trc_error *err) TRC_WARN_UNUSED;

#endif
