/*
 * addrarg.h - every "what is wrong with this address or txid argument, and
 * what to do" message of the command line, in one place (docs/cli.md,
 * "Address and txid arguments"). Every command that takes an address, a
 * transaction id or a chain name reads it through here, so that the same
 * mistake gets the same message and the same exit status everywhere: a
 * malformed argument is a usage error (EXIT_USAGE, 2), printed without the
 * usage synopsis since the message says what to do.
 *
 * The diagnosis, in order: surrounding white space is trimmed; an empty
 * argument; a transaction id (64 hex digits, or 0x and 64) where an
 * address is expected; an address of another network of the chain (which
 * one, and the --network to use); an address of another chain (which
 * chain, and the --chain to use); else the chain's own reason (a checksum,
 * a character, a length), naming the argument once.
 */
#ifndef TRC_ADDRARG_H
#define TRC_ADDRARG_H

#include <stdbool.h>
#include <stddef.h>

#include "chains/chain.h"
#include "tracer/cli/cli.h"

/* Where the network an address is read for came from, for the message. */
enum addrarg_from {
	ADDRARG_GIVEN,	  /* --network */
	ADDRARG_CASE,	  /* the case file's "network" */
	ADDRARG_DATABASE, /* the one the database records for the chain */
	ADDRARG_DEFAULT,  /* none recorded: the chain's default (main) */
};

/* What an argument is read as. All pointers borrowed. */
struct addrarg {
	const struct chain_ops *chain;
	const char *network;
	enum addrarg_from from;
	/* The next step when a transaction id is given where an address is
	 * expected ("use --seed-tx TXID:N"); NULL: "give an address". */
	const char *txid_hint;
};

/*
 * The chain named name (case-insensitive). Out: *out. Returns EXIT_OK, or
 * EXIT_USAGE after "--chain is required (btc, eth)" (name NULL) or
 * "unknown chain 'doge' (known: btc, eth, tron)".
 */
int addrarg_chain(const char *name, const struct chain_ops **out);

/*
 * The from of a network: given (non-NULL given) or the database's
 * (non-NULL db) or the default. Returns the network; *from says which.
 */
const char *addrarg_network(const struct chain_ops *chain, const char *given,
			    const char *db, enum addrarg_from *from);

/*
 * Reads in (trimmed) as an address of a->chain on a->network and writes
 * its canonical form to out (CHAIN_ADDR_MAX bytes). Returns EXIT_OK, or
 * EXIT_USAGE after printing the diagnosis.
 */
int addrarg_address(const struct addrarg *a, const char *in,
		    char out[CHAIN_ADDR_MAX]);

/*
 * Reads in (trimmed) as TXID:N, a transaction output or an EVM leg, of
 * a->chain, and writes the trimmed text to out (size bytes). Returns
 * EXIT_OK, or EXIT_USAGE after printing the diagnosis (an address given
 * here says "use --seed ADDR").
 */
int addrarg_outpoint(const struct addrarg *a, const char *in, char *out,
		     size_t size);

/*
 * The diagnosis of in as an address, without printing: true and the
 * message in msg (size bytes) when in is not a valid address of a->chain
 * on a->network; false (msg "") when it is one.
 */
bool addrarg_explain(const struct addrarg *a, const char *in, char *msg,
		     size_t size);

/*
 * The first chain of the table with a network whose addresses in
 * (trimmed) is one of, or NULL: for a command that takes an address
 * without --chain.
 */
const struct chain_ops *addrarg_chain_of(const char *in);

/*
 * "'X' is not an address of any chain tracer knows (btc, eth)", or the
 * transaction-id message when it is one; printed. Returns EXIT_USAGE.
 */
int addrarg_no_chain(const char *in, const char *txid_hint);

/*
 * in without its surrounding white space, in out (size bytes; longer
 * input is cut). Returns out.
 */
char *addrarg_trim(const char *in, char *out, size_t size);

#endif
