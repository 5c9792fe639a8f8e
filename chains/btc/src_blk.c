/*
 * src_blk.c - Bitcoin Core's block files as a crawl source, through the
 * blk-file reader of chains/btc (blkfile.h); for a fork (fork.h) the
 * files of Litecoin Core, Bitcoin Cash Node or Dogecoin Core, of the
 * fork's magic, each block verified with the fork's rules
 * (btc_src_fork_block, as its --rpc source does). Core writes blocks in the
 * order they arrived, so this source puts them in chain order itself: the
 * height of every block is found by following prev hashes down to the
 * genesis block of the files, and the chain taken is the longest (first
 * in file order on a tie). Blocks off that chain (stale forks) and blocks
 * whose ancestry does not reach genesis in the files are never served.
 * Block files cannot serve a single transaction: a crawl from them resolves
 * inputs only from what the database holds, so start at genesis (or after
 * a crawl that stored the earlier blocks).
 *
 * The blocks of one fetch are read, decoded and verified by a pool of
 * workers (source_cfg.workers, default one per core), each taking the
 * next block not yet taken; the result is the same as one worker's,
 * block for block, and the first failure in chain order is the error.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chains/btc/blkfile.h"
#include "chains/btc/fork.h"
#include "chains/btc/net.h"
#include "chains/btc/src.h"

enum { UNKNOWN = 0, PENDING = 1, DONE = 2, ORPHAN = 3 };

struct blk_src {
	struct btc_blkdir *d;
	const struct btc_network *bnet;
	const struct btc_fork *fork; /* NULL: Bitcoin */
	uint8_t chain_id;	     /* the fork's stored chain id */
	char *path;
	/* the chain: chain[h] is the entry index of height h */
	size_t *chain;
	uint32_t tip;
	bool empty;
	unsigned workers;
};

static bool is_genesis(const struct btc_blk_entry *e)
{
	static const uint8_t zero[32];

	return !memcmp(e->prev, zero, 32);
}

/* (hash, index) sorted by hash: parents found in O(log n). */
struct by_hash {
	uint8_t hash[32];
	size_t i;
};

static int cmp_hash(const void *a, const void *b)
{
	return memcmp(((const struct by_hash *)a)->hash,
		      ((const struct by_hash *)b)->hash, 32);
}

/* parent[i] = index of entry i's parent in the files, or n. */
static enum trc_err parents(const struct btc_blkdir *d, size_t n,
			    size_t *parent, struct trc_error *err)
{
	struct by_hash *idx = malloc((n ? n : 1) * sizeof(*idx));

	if (!idx)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		memcpy(idx[i].hash, btc_blk_entry(d, i)->hash, 32);
		idx[i].i = i;
	}
	qsort(idx, n, sizeof(*idx), cmp_hash);
	for (size_t i = 0; i < n; i++) {
		struct by_hash key, *hit;

		memcpy(key.hash, btc_blk_entry(d, i)->prev, 32);
		hit = n ? bsearch(&key, idx, n, sizeof(*idx), cmp_hash) : NULL;
		parent[i] = hit ? hit->i : n;
	}
	free(idx);
	return TRC_OK;
}

/*
 * Heights by prev links. parent[] is precomputed; walks up each unknown
 * block's ancestry with an explicit stack, then fills it in on the way
 * back down (no recursion: chains are long).
 */
static enum trc_err heights(size_t n, const size_t *parent, bool *gen,
			    uint32_t *height, uint8_t *mark,
			    struct trc_error *err)
{
	size_t *stack = malloc((n ? n : 1) * sizeof(*stack));

	if (!stack)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		size_t top = 0, j = i;

		while (mark[j] == UNKNOWN) {
			mark[j] = PENDING;
			stack[top++] = j;
			if (gen[j] || parent[j] == n)
				break;
			j = parent[j];
		}
		while (top) {
			size_t k = stack[--top];

			if (gen[k]) {
				height[k] = 0;
				mark[k] = DONE;
			} else if (parent[k] < n && mark[parent[k]] == DONE &&
				   height[parent[k]] < UINT32_MAX - 1) {
				height[k] = height[parent[k]] + 1;
				mark[k] = DONE;
			} else {
				mark[k] = ORPHAN;
			}
		}
	}
	free(stack);
	return TRC_OK;
}

static enum trc_err build_chain(struct blk_src *b, struct trc_error *err)
{
	size_t n = btc_blk_count(b->d), best = n;
	size_t *parent = calloc(n ? n : 1, sizeof(*parent));
	uint32_t *height = calloc(n ? n : 1, sizeof(*height));
	uint8_t *mark = calloc(n ? n : 1, 1);
	bool *gen = calloc(n ? n : 1, sizeof(*gen));
	enum trc_err rc = TRC_OK;

	if (!parent || !height || !mark || !gen) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++)
		gen[i] = is_genesis(btc_blk_entry(b->d, i));
	if ((rc = parents(b->d, n, parent, err)) ||
	    (rc = heights(n, parent, gen, height, mark, err)))
		goto cleanup;
	for (size_t i = 0; i < n; i++)
		if (mark[i] == DONE && (best == n || height[i] > height[best]))
			best = i;
	b->empty = best == n;
	if (b->empty)
		goto cleanup;
	b->tip = height[best];
	b->chain = malloc(((size_t)b->tip + 1) * sizeof(*b->chain));
	if (!b->chain) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (size_t k = best;; k = parent[k]) {
		b->chain[height[k]] = k;
		if (gen[k])
			break;
	}
cleanup:
	free(parent);
	free(height);
	free(mark);
	free(gen);
	return rc;
}

static enum trc_err b_tip(void *ctx, uint32_t *height, struct trc_error *err)
{
	struct blk_src *b = ctx;

	if (b->empty)
		return trc_fail(err, TRC_ERR_NOTFOUND,
				"'%s' holds no chain from a genesis block",
				b->path);
	*height = b->tip;
	return TRC_OK;
}

/* One fetch of n blocks from height h, shared by its workers. */
struct fetch {
	struct blk_src *b;
	uint32_t h, n;
	struct crawl_block *out;
	enum trc_err *rc;      /* per block */
	struct trc_error *err; /* per block */
	pthread_mutex_t mu;
	uint32_t next; /* the next block to take */
};

static enum trc_err one_block(struct blk_src *b, uint32_t h, struct buf *raw,
			      struct crawl_block *out, struct trc_error *err)
{
	const struct btc_blk_entry *e;
	enum trc_err rc;

	if (b->empty || h > b->tip)
		return trc_fail(err, TRC_ERR_NOTFOUND, "'%s' has no block %u",
				b->path, h);
	e = btc_blk_entry(b->d, b->chain[h]);
	if ((rc = btc_blk_read(b->d, e, raw, err)))
		return rc;
	if (b->fork)
		return btc_src_fork_block(
			b->fork, b->chain_id, raw->data, raw->len, h, e->hash,
			btc_blk_file_path(b->d, e->file), out, err);
	return btc_src_block(b->bnet, raw->data, raw->len, h, e->hash,
			     btc_blk_file_path(b->d, e->file), out, err);
}

static void *worker(void *arg)
{
	struct fetch *f = arg;
	struct buf raw = BUF_INIT(BTC_SRC_BLOCK_MAX);

	for (;;) {
		uint32_t i;

		pthread_mutex_lock(&f->mu);
		i = f->next < f->n ? f->next++ : f->n;
		pthread_mutex_unlock(&f->mu);
		if (i == f->n)
			break;
		f->rc[i] =
			one_block(f->b, f->h + i, &raw, &f->out[i], &f->err[i]);
	}
	buf_release(&raw);
	return NULL;
}

/* Runs the workers of f (this thread is one of them). */
static enum trc_err run_workers(struct fetch *f, unsigned n_threads,
				struct trc_error *err)
{
	pthread_t *th = calloc(n_threads, sizeof(*th));
	unsigned started = 0;

	if (!th)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	pthread_mutex_init(&f->mu, NULL);
	while (started + 1 < n_threads &&
	       !pthread_create(&th[started], NULL, worker, f))
		started++;
	worker(f);
	for (unsigned i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&f->mu);
	free(th);
	for (uint32_t i = 0; i < f->n; i++)
		if (f->rc[i]) {
			if (err) /* NULL allowed, as trc_fail allows it */
				*err = f->err[i];
			return f->rc[i];
		}
	return TRC_OK;
}

static enum trc_err b_blocks(void *ctx, uint32_t h, uint32_t n,
			     const uint8_t *parent, struct crawl_block *out,
			     struct trc_error *err)
{
	struct blk_src *b = ctx;
	struct fetch f;
	unsigned threads = b->workers < n ? b->workers : n;
	enum trc_err rc;

	(void)parent; /* the engine checks the link to the stored parent */
	memset(&f, 0, sizeof(f));
	f.b = b;
	f.h = h;
	f.n = n;
	f.out = out;
	f.rc = calloc(n ? n : 1, sizeof(*f.rc));
	f.err = calloc(n ? n : 1, sizeof(*f.err));
	if (!f.rc || !f.err)
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	else
		rc = run_workers(&f, threads ? threads : 1, err);
	free(f.rc);
	free(f.err);
	return rc;
}

static const char *b_network(void *ctx)
{
	return ((struct blk_src *)ctx)->bnet->name;
}

static const char *b_prov(void *ctx)
{
	return ((struct blk_src *)ctx)->path;
}

static void b_free(void *ctx)
{
	struct blk_src *b = ctx;

	if (!b)
		return;
	btc_blk_close(b->d);
	free(b->chain);
	free(b->path);
	free(b);
}

static const struct source_ops blk_ops = {
	.tip = b_tip,
	.fetch_blocks = b_blocks,
	.blocks_in_thread = true,
	.network = b_network,
	.provenance = b_prov,
	.free = b_free,
};

/* --network: a Bitcoin network, or one of the fork's. */
static enum trc_err want_network(struct blk_src *b, const char *network,
				 const struct btc_network **want,
				 const struct btc_fork **want_fork,
				 struct trc_error *err)
{
	if (!network)
		return TRC_OK;
	if (b->fork) {
		if (!(*want_fork = btc_fork_network(b->fork, network)))
			return trc_fail(err, TRC_ERR_INVALID,
					"unknown %s network '%s' (%s)",
					b->fork->name, network,
					btc_fork_network_names());
		return TRC_OK;
	}
	if (!(*want = btc_network_find(network)))
		return trc_fail(err, TRC_ERR_INVALID,
				"unknown network '%s' (%s)", network,
				btc_network_names());
	return TRC_OK;
}

enum trc_err btc_src_blk_open(const struct chain_ops *chain,
			      struct source_cfg *cfg, struct crawl_source *out,
			      struct trc_error *err)
{
	struct blk_src *b = calloc(1, sizeof(*b));
	const struct btc_network *want = NULL;
	const struct btc_fork *want_fork = NULL;
	enum trc_err rc;

	if (b && !(b->workers = cfg->workers)) { /* one per core */
		long cores = sysconf(_SC_NPROCESSORS_ONLN);

		b->workers =
			cores > 1 ? (unsigned)(cores < 64 ? cores : 64) : 1;
	}
	if (!b || !(b->path = strdup(cfg->location))) {
		free(b);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	b->fork = btc_fork_find(chain->name);
	b->chain_id = chain->id;
	if ((rc = want_network(b, cfg->network, &want, &want_fork, err)) ||
	    (rc = b->fork ? btc_blk_open_fork(&b->d, cfg->location, b->fork,
					      want_fork, err)
			  : btc_blk_open(&b->d, cfg->location, want, err)) ||
	    (rc = build_chain(b, err))) {
		b_free(b);
		return rc;
	}
	if (b->fork) {
		b->fork = btc_blk_fork(b->d);
		b->bnet = b->fork ? &b->fork->net : NULL;
	} else {
		/* the magic cannot tell bcoin's regtest from Core's:
		 * --network can */
		b->bnet = want ? want : btc_blk_network(b->d);
	}
	if (!b->bnet) {
		b_free(b);
		return trc_fail(err, TRC_ERR_NOTFOUND, "'%s' holds no blocks",
				cfg->location);
	}
	out->ops = &blk_ops;
	out->ctx = b;
	return TRC_OK;
}
