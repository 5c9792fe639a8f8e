#include "chains/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BLOCK_TXS 1000000u /* far above any real block */

void crawl_block_release(struct crawl_block *cb)
{
	for (uint32_t i = 0; i < cb->n_txs; i++)
		rec_tx_release(&cb->txs[i]);
	free(cb->txs);
	rec_block_release(&cb->block);
	memset(cb, 0, sizeof(*cb));
}

bool crawl_block_take_tx(struct crawl_block *cb, const uint8_t txid[32],
			 struct rec_tx *tx)
{
	for (uint32_t i = 0; i < cb->n_txs; i++)
		if (!memcmp(cb->txs[i].txid, txid, 32)) {
			*tx = cb->txs[i];
			rec_tx_init(&cb->txs[i]);
			return true;
		}
	return false;
}

enum trc_err crawl_block_add_tx(struct crawl_block *cb, struct rec_tx **tx,
				struct trc_error *err)
{
	struct rec_tx *n;

	if (cb->n_txs >= MAX_BLOCK_TXS)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"block %u has more than %u transactions",
				cb->block.height, MAX_BLOCK_TXS);
	n = realloc(cb->txs, (cb->n_txs + 1) * sizeof(*n));
	if (!n)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	cb->txs = n;
	*tx = &n[cb->n_txs++];
	rec_tx_init(*tx);
	return TRC_OK;
}

void crawl_source_release(struct crawl_source *src)
{
	if (src->ops && src->ops->free)
		src->ops->free(src->ctx);
	src->ops = NULL;
	src->ctx = NULL;
}

enum trc_err crawl_source_open(const struct chain_ops *chain,
			       struct source_cfg *cfg, struct crawl_source *out,
			       struct trc_error *err)
{
	const struct source_kind *k = chain_sources(chain);
	char kinds[128] = "";

	memset(out, 0, sizeof(*out));
	cfg->warning[0] = '\0';
	for (; k && k->kind; k++) {
		size_t used = strlen(kinds);

		if (!strcmp(k->kind, cfg->kind))
			return k->open(chain, cfg, out, err);
		snprintf(kinds + used, sizeof(kinds) - used, "%s--%s",
			 used ? ", " : "", k->kind);
	}
	return trc_fail(err, TRC_ERR_UNSUPPORTED,
			"%s has no --%s source (it has: %s)", chain->name,
			cfg->kind, kinds[0] ? kinds : "none yet");
}
