#include "tracer/tags/tagnet.h"

#include <stdlib.h>
#include <string.h>

#include "chains/chain.h"
#include "store/chaindb.h"

void tagnet_init(struct tagnet *n, struct store *s)
{
	memset(n, 0, sizeof(*n));
	n->s = s;
}

void tagnet_release(struct tagnet *n)
{
	for (size_t i = 0; i < 256; i++)
		free(n->db[i]);
	tagnet_init(n, NULL);
}

enum trc_err tagnet_db(struct tagnet *n, uint8_t chain, const char **net,
		       struct trc_error *err)
{
	enum trc_err rc;

	*net = NULL;
	if (!n->read[chain] && n->s) {
		if ((rc = chaindb_get_network(n->s, chain, &n->db[chain], err)))
			return rc;
	}
	n->read[chain] = true;
	*net = n->db[chain];
	return TRC_OK;
}

enum trc_err tagnet_default(struct tagnet *n, uint8_t chain, const char **net,
			    struct trc_error *err)
{
	const struct chain_ops *ops = chain_by_id(chain);
	enum trc_err rc = tagnet_db(n, chain, net, err);

	if (!rc && !*net)
		*net = ops ? ops->default_network : "main";
	return rc;
}

static bool valid_for(const struct chain_ops *ops, const char *net,
		      const char *address)
{
	char out[CHAIN_ADDR_MAX];

	return net && (!ops->network_valid || ops->network_valid(net)) &&
	       !ops->address_normalize(net, address, out, sizeof(out), NULL);
}

enum trc_err tagnet_of(struct tagnet *n, const struct tag *t, const char **net,
		       struct trc_error *err)
{
	const struct chain_ops *ops = chain_by_id(t->chain);
	const char *db;
	enum trc_err rc = tagnet_db(n, t->chain, &db, err);

	*net = NULL;
	if (rc || !ops || !ops->address_normalize)
		return rc;
	if (valid_for(ops, db, t->address))
		*net = db;
	else if (valid_for(ops, ops->default_network, t->address))
		*net = ops->default_network;
	return TRC_OK;
}
