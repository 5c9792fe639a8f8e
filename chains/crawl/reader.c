/*
 * reader.c - the reader of a range ingest (crawl_int.h): fetches the
 * chunks of blocks in chain order, each with one call of the source's
 * fetch_blocks (which decodes and verifies them, with its own workers),
 * either in line or on a thread of its own that stays one chunk ahead of
 * the writer. The writer alone touches the database; the reader alone
 * calls fetch_blocks, so a threaded reader needs a source that allows it
 * (source_ops.blocks_in_thread). At most two chunks are held at a time
 * beside the one being written: the one ready and the one being fetched.
 */
#include "chains/crawl/crawl_int.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

void crawl_chunk_free(struct crawl_chunk *c)
{
	if (!c)
		return;
	for (uint32_t i = 0; c->cbs && i < c->n; i++)
		crawl_block_release(&c->cbs[i]);
	free(c->cbs);
	free(c);
}

/*
 * Fetches n blocks from h; a failure is in the chunk. NULL (and
 * rd->nomem) when out of memory for the chunk itself.
 */
static struct crawl_chunk *fetch(struct crawl_reader *rd, uint32_t h,
				 uint32_t n)
{
	struct crawl_chunk *c = calloc(1, sizeof(*c));
	const struct crawl_source *src = rd->src;

	if (!c || !(c->cbs = calloc(n, sizeof(*c->cbs)))) {
		free(c);
		rd->nomem = true;
		return NULL;
	}
	c->h = h;
	c->n = n;
	c->rc = src->ops->fetch_blocks(src->ctx, h, n,
				       rd->have_parent ? rd->parent : NULL,
				       c->cbs, &c->err);
	if (!c->rc) {
		memcpy(rd->parent, c->cbs[n - 1].block.hash, 32);
		rd->have_parent = true;
	}
	return c;
}

/* The next chunk's size, 0 at the end; advances rd->next. */
static uint32_t plan_next(struct crawl_reader *rd, uint32_t *h)
{
	uint32_t n;

	if (rd->ended || rd->next > rd->last)
		return 0;
	n = rd->last - rd->next + 1 < rd->chunk ? rd->last - rd->next + 1
						: rd->chunk;
	*h = rd->next;
	if (rd->last - rd->next < n)
		rd->ended = true; /* next + n would wrap at UINT32_MAX */
	else
		rd->next += n;
	return n;
}

static void *reader_main(void *arg)
{
	struct crawl_reader *rd = arg;
	uint32_t h = 0, n;

	while ((n = plan_next(rd, &h))) {
		struct crawl_chunk *c = fetch(rd, h, n);
		bool failed;

		if (!c)
			break;
		failed = c->rc != TRC_OK;
		pthread_mutex_lock(&rd->mu);
		while (rd->ready && !rd->quit)
			pthread_cond_wait(&rd->cv, &rd->mu);
		if (rd->quit) {
			pthread_mutex_unlock(&rd->mu);
			crawl_chunk_free(c);
			break;
		}
		rd->ready = c;
		pthread_cond_broadcast(&rd->cv);
		pthread_mutex_unlock(&rd->mu);
		if (failed)
			break;
	}
	pthread_mutex_lock(&rd->mu);
	rd->done = true;
	pthread_cond_broadcast(&rd->cv);
	pthread_mutex_unlock(&rd->mu);
	return NULL;
}

enum trc_err reader_start(struct crawl_reader *rd,
			  const struct crawl_source *src, uint32_t first,
			  uint32_t last, uint32_t chunk, const uint8_t *parent,
			  bool threaded, struct trc_error *err)
{
	sigset_t all, old;
	int e;

	memset(rd, 0, sizeof(*rd));
	rd->src = src;
	rd->next = first;
	rd->last = last;
	rd->chunk = chunk ? chunk : 1;
	rd->ended = first > last;
	if (parent) {
		memcpy(rd->parent, parent, 32);
		rd->have_parent = true;
	}
	if (!threaded)
		return TRC_OK;
	pthread_mutex_init(&rd->mu, NULL);
	pthread_cond_init(&rd->cv, NULL);
	/* signals (Ctrl-C) are the writer's: it stops between blocks */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	e = pthread_create(&rd->thread, NULL, reader_main, rd);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e) {
		pthread_cond_destroy(&rd->cv);
		pthread_mutex_destroy(&rd->mu);
		return trc_fail(err, TRC_ERR_NOMEM,
				"cannot start the reader thread");
	}
	rd->threaded = true;
	return TRC_OK;
}

struct crawl_chunk *reader_next(struct crawl_reader *rd)
{
	struct crawl_chunk *c;
	uint32_t h = 0, n;

	if (!rd->threaded)
		return (n = plan_next(rd, &h)) ? fetch(rd, h, n) : NULL;
	pthread_mutex_lock(&rd->mu);
	while (!rd->ready && !rd->done)
		pthread_cond_wait(&rd->cv, &rd->mu);
	c = rd->ready;
	rd->ready = NULL;
	pthread_cond_broadcast(&rd->cv);
	pthread_mutex_unlock(&rd->mu);
	return c;
}

void reader_stop(struct crawl_reader *rd)
{
	if (!rd->threaded)
		return;
	pthread_mutex_lock(&rd->mu);
	rd->quit = true;
	pthread_cond_broadcast(&rd->cv);
	pthread_mutex_unlock(&rd->mu);
	pthread_join(rd->thread, NULL);
	crawl_chunk_free(rd->ready);
	rd->ready = NULL;
	pthread_cond_destroy(&rd->cv);
	pthread_mutex_destroy(&rd->mu);
	rd->threaded = false;
}
