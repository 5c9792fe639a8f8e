/*
 * tagnet.h - which network a tag's address is written for: the one rule
 * of `tag add|rm|show|import|export`. An address given without a network
 * is read for the network the database records for its chain, else the
 * chain's default (main); an export names, per tag, the database's
 * network when the address is valid there, else the default when it is
 * valid there (the curated mainnet tags in a regtest database), so that
 * `tag export` -> `tag import` into an empty database -> `tag export`
 * gives the same bytes.
 *
 * Ownership: struct tagnet borrows the store and owns the networks it
 * has read; tagnet_init then tagnet_release.
 */
#ifndef TRC_TAGNET_H
#define TRC_TAGNET_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"
#include "store/tags.h"

struct tagnet {
	struct store *s;
	char *db[256]; /* the recorded network of each chain id, or NULL */
	bool read[256];
};

void tagnet_init(struct tagnet *n, struct store *s);
void tagnet_release(struct tagnet *n);

/*
 * The network the database records for chain, or NULL when none (read
 * once; borrowed, valid until tagnet_release). Out: *net.
 */
enum trc_err tagnet_db(struct tagnet *n, uint8_t chain, const char **net,
		       struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The network to read an address of chain for when none is given: the
 * database's, else the chain's default. Never NULL on success.
 */
enum trc_err tagnet_default(struct tagnet *n, uint8_t chain, const char **net,
			    struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The network t's address is valid for, as an export writes it: the
 * database's, else the chain's default; NULL when neither accepts it.
 */
enum trc_err tagnet_of(struct tagnet *n, const struct tag *t, const char **net,
		       struct trc_error *err) TRC_WARN_UNUSED;

#endif
