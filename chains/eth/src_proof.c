/*
 * src_proof.c - state proofs for the Ethereum RPC source (see
 * src_proof.h).
 */
#include "chains/eth/src_proof.h"

#include <stdlib.h>
#include <string.h>

#include "base/amount.h"
#include "base/hex.h"
#include "chains/eth/eth_addr.h"
#include "chains/eth/eth_balance.h"
#include "chains/eth/eth_block.h"

static json_t *qty(uint64_t v)
{
	char s[24];

	snprintf(s, sizeof(s), "0x%llx", (unsigned long long)v);
	return json_string(s);
}

enum trc_err eth_src_state_root(struct net_client *net, uint32_t h,
				const uint8_t *want_hash, uint8_t root[32],
				struct trc_error *err)
{
	json_t *params = json_pack("[o, b]", qty(h), 0), *res = NULL;
	struct eth_block b = ETH_BLOCK_INIT;
	enum trc_err rc;

	rc = net_rpc(net, "eth_getBlockByNumber", params, &res, err);
	json_decref(params);
	if (!rc && (rc = eth_block_from_json(&b, res, err)) == TRC_OK &&
	    (rc = eth_block_verify(&b, err)) == TRC_OK)
		rc = eth_block_require_ok(&b, err);
	if (!rc && want_hash && memcmp(b.hash, want_hash, 32))
		rc = trc_fail(err, TRC_ERR_VERIFY,
			      "its header is not the parent of the block "
			      "after it");
	if (!rc)
		memcpy(root, b.state_root, 32);
	eth_block_release(&b);
	json_decref(res);
	if (rc)
		trc_error_prefix(err, rc, "state root of block %u", h);
	return rc;
}

/*
 * One call of method per address at block h, batched: eth_getProof
 * (proof true) or eth_getBalance. Out: *calls (n, release with
 * calls_free).
 */
static enum trc_err per_address(struct net_client *net, const char *method,
				bool proof, uint32_t h,
				const uint8_t (*addrs)[20], size_t n,
				struct net_call **calls, struct trc_error *err)
{
	char a[ETH_ADDR_STR];

	*calls = calloc(n ? n : 1, sizeof(**calls));
	if (!*calls)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		eth_addr_format(a, addrs[i]);
		(*calls)[i].method = method;
		(*calls)[i].params = proof ? json_pack("[s, [], o]", a, qty(h))
					   : json_pack("[s, o]", a, qty(h));
	}
	return n ? net_rpc_batch(net, *calls, n, err) : TRC_OK;
}

static void calls_free(struct net_call *calls, size_t n)
{
	for (size_t i = 0; calls && i < n; i++)
		json_decref(calls[i].params);
	if (calls)
		net_calls_release(calls, n);
	free(calls);
}

enum trc_err eth_src_proofs(struct net_client *net, uint32_t h,
			    const uint8_t root[32], size_t n,
			    const uint8_t (*addrs)[20],
			    struct eth_account *accts, struct trc_error *err)
{
	struct net_call *calls = NULL;
	enum trc_err rc = per_address(net, "eth_getProof", true, h, addrs, n,
				      &calls, err);

	for (size_t i = 0; !rc && i < n; i++)
		rc = eth_proof_check_json(calls[i].result, root, addrs[i],
					  &accts[i], err);
	calls_free(calls, n);
	if (rc)
		trc_error_prefix(err, rc, "block %u", h);
	return rc;
}

static enum trc_err flows_of(const struct crawl_block *out, uint32_t n,
			     struct eth_flows *f, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (uint32_t i = 0; i < n && !rc; i++)
		rc = eth_flows_add(f, out[i].txs, out[i].n_txs, err);
	return rc ? rc : eth_flows_finish(f, err);
}

/* The flows' addresses' balances as the node asserts them
 * (eth_getBalance), for a state no header commits to. */
static enum trc_err asserted(struct net_client *net, uint32_t h,
			     const uint8_t (*addrs)[20], size_t n,
			     trc_amount *bals, struct trc_error *err)
{
	struct net_call *calls = NULL;
	enum trc_err rc = per_address(net, "eth_getBalance", false, h, addrs, n,
				      &calls, err);

	for (size_t i = 0; !rc && i < n; i++)
		if (!json_is_string(calls[i].result) ||
		    amount_parse_hex(&bals[i],
				     json_string_value(calls[i].result), NULL))
			rc = trc_fail(err, TRC_ERR_PARSE,
				      "eth_getBalance at block %u is not a "
				      "quantity",
				      h);
	calls_free(calls, n);
	return rc;
}

/* The flows' addresses at the end of block h, proven against root (NULL:
 * asserted by the node). Out: bals[0..f->n). */
static enum trc_err balances(struct net_client *net, uint32_t h,
			     const uint8_t *root, const struct eth_flows *f,
			     trc_amount *bals, struct trc_error *err)
{
	uint8_t(*addrs)[20] = malloc(f->n * 20);
	struct eth_account *a = calloc(f->n, sizeof(*a));
	enum trc_err rc = TRC_OK;

	if (!addrs || !a)
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; !rc && i < f->n; i++)
		memcpy(addrs[i], f->v[i].addr, 20);
	if (!rc && !root)
		rc = asserted(net, h, (const uint8_t(*)[20])addrs, f->n, bals,
			      err);
	else if (!rc)
		rc = eth_src_proofs(net, h, root, f->n,
				    (const uint8_t(*)[20])addrs, a, err);
	for (size_t i = 0; !rc && root && i < f->n; i++)
		bals[i] = a[i].balance;
	free(addrs);
	free(a);
	return rc;
}

enum trc_err eth_src_verify_range(struct net_client *net, uint32_t h,
				  uint32_t n, struct crawl_block *out,
				  const uint8_t *open_root,
				  const uint8_t close_root[32],
				  struct trc_error *err)
{
	struct eth_flows f = ETH_FLOWS_INIT;
	trc_amount *open = NULL, *close = NULL;
	uint32_t last = h + n - 1;
	enum trc_err rc = flows_of(out, n, &f, err);

	if (!rc && f.n) {
		open = calloc(f.n, sizeof(*open));
		close = calloc(f.n, sizeof(*close));
		if (!open || !close)
			rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	/* block 0 moves nothing: from 0, the range opens at its end */
	if (!rc && f.n)
		rc = balances(net, h ? h - 1 : 0, open_root, &f, open, err);
	if (!rc && f.n)
		rc = balances(net, last, close_root, &f, close, err);
	for (size_t i = 0; !rc && i < f.n; i++)
		rc = eth_flows_reconcile(&f.v[i], open[i], close[i], last, err);
	for (uint32_t i = 0; !rc && open_root && i < n; i++) {
		out[i].block.verified |= REC_VERIFIED_BALANCES;
		for (uint32_t k = 0; k < out[i].n_txs; k++)
			out[i].txs[k].flags |= REC_TX_PROVEN;
	}
	free(open);
	free(close);
	eth_flows_release(&f);
	return rc;
}

enum trc_err eth_src_verify_callers(struct net_client *net, uint32_t last,
				    const struct eth_callers *callers,
				    const uint8_t close_root[32],
				    struct trc_error *err)
{
	struct eth_account *a = calloc(callers->n ? callers->n : 1, sizeof(*a));
	char hex[ETH_ADDR_STR];
	enum trc_err rc;

	if (!a)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rc = eth_src_proofs(net, last, close_root, callers->n,
			    (const uint8_t(*)[20])callers->v, a, err);
	for (size_t i = 0; !rc && i < callers->n; i++)
		if (!memcmp(a[i].code_hash, ETH_EMPTY_CODE_HASH, 32)) {
			eth_addr_format(hex, callers->v[i]);
			rc = trc_fail(err, TRC_ERR_VERIFY,
				      "block %u: %s makes calls in the call "
				      "traces but has no code (its proven "
				      "code hash is the empty one): a call "
				      "from an account without code (forged "
				      "trace)",
				      last, hex);
		}
	free(a);
	return rc;
}
