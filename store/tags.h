/*
 * tags.h - attribution: address -> tags (entity, category, source,
 * confidence), stored in TABLE_TAG.
 *
 * Key: TABLE_TAG, chain, address (len-prefixed, canonical form),
 * source (len-prefixed), entity (len-prefixed). One address may carry
 * several tags (one per source and entity); putting a tag with the same
 * (chain, address, source, entity) replaces it, so re-importing a list is
 * idempotent. Where an address has several tags, the one with the highest
 * confidence decides its category (ties: the category that is a service
 * first, then the lower category number, then source and entity order).
 *
 * Ownership: struct tag owns its strings (tag_release frees them);
 * struct tag_list owns its tags.
 */
#ifndef TRC_TAGS_H
#define TRC_TAGS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

enum tag_category {
	TAG_NONE = 0,
	TAG_EXCHANGE = 1,
	TAG_DEPOSIT = 2,
	TAG_MIXER = 3,
	TAG_BRIDGE = 4,
	TAG_SERVICE = 5,
	TAG_HACKER = 6,
	TAG_RANSOMWARE = 7,
	TAG_SANCTIONED = 8,
	TAG_SCAM = 9,
	TAG_DEFI = 10,
	TAG_OTHER = 11,
	TAG_DEX = 12, /* a DEX pool, router or aggregator: swaps */
};
#define TAG_CATEGORY_COUNT 13

/* "exchange", ...; NULL for an unknown value. */
const char *tag_category_name(uint8_t category);
/* TAG_NONE for an unknown name. */
enum tag_category tag_category_from_name(const char *name);
/* True for the categories a trace stops at by default: exchange, deposit,
 * mixer, bridge, service, dex. */
bool tag_category_is_service(uint8_t category);

struct tag {
	uint8_t chain;
	uint8_t category;   /* enum tag_category */
	uint8_t confidence; /* 0..100 */
	bool inferred;	    /* derived by a heuristic, not imported */
	char *address;	    /* canonical */
	char *entity;	    /* "Binance", "Lazarus Group" */
	char *source;	    /* a URL or a list's name */
	char *actor;	    /* optional, NULL */
	char *evidence;	    /* inferred tags: space-separated txids; NULL */
};

#define TAG_INIT                                                               \
	{                                                                      \
		0                                                              \
	}

void tag_init(struct tag *t);
void tag_release(struct tag *t);

struct tag_list {
	struct tag *items;
	size_t n;
	size_t alloc;
};

#define TAG_LIST_INIT                                                          \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void tag_list_release(struct tag_list *l);

/* Adds (or replaces) the tag in batch. Strings over 255 bytes and an
 * unknown category are TRC_ERR_INVALID. */
enum trc_err tags_put(struct store_batch *batch, const struct tag *t,
		      struct trc_error *err) TRC_WARN_UNUSED;
/* Deletes every tag of address (source NULL) or those of one source. */
enum trc_err tags_delete(struct store *s, struct store_batch *batch,
			 uint8_t chain, const char *address, const char *source,
			 struct trc_error *err) TRC_WARN_UNUSED;
/* Deletes the one tag with t's key (chain, address, source, entity) in
 * batch; nothing happens when it is absent. */
enum trc_err tags_remove(struct store_batch *batch, const struct tag *t,
			 struct trc_error *err) TRC_WARN_UNUSED;
/* All tags of address, best first (the order described above). */
enum trc_err tags_get(struct store *s, uint8_t chain, const char *address,
		      struct tag_list *out,
		      struct trc_error *err) TRC_WARN_UNUSED;
/* Which rule of the order above puts one tag before another. */
enum tag_rank {
	TAG_RANK_SAME = 0,	 /* the same source and entity */
	TAG_RANK_CONFIDENCE = 1, /* the higher confidence */
	TAG_RANK_SERVICE = 2,	 /* equal confidence: a service category */
	TAG_RANK_CATEGORY = 3,	 /* then the lower category number */
	TAG_RANK_SOURCE = 4,	 /* then the source, in byte order */
	TAG_RANK_ENTITY = 5,	 /* then the entity, in byte order */
};

/* The one comparison of tags_get's order. Out: *cmp, negative when x goes
 * first, positive when y does, 0 for TAG_RANK_SAME. Returns the rule that
 * decided. x and y are borrowed; their source and entity are non-NULL. */
enum tag_rank tag_rank_cmp(const struct tag *x, const struct tag *y, int *cmp);
/* The deciding tag of address. Out: *best (filled when *found). */
enum trc_err tags_best(struct store *s, uint8_t chain, const char *address,
		       struct tag *best, bool *found,
		       struct trc_error *err) TRC_WARN_UNUSED;

/* Calls fn for every tag of chain (0: every chain) in key order; the tag is
 * borrowed for the call; fn returns non-zero to stop. */
typedef int (*tags_fn)(const struct tag *t, void *ctx);
enum trc_err tags_each(struct store *s, uint8_t chain, tags_fn fn, void *ctx,
		       struct trc_error *err) TRC_WARN_UNUSED;

/* Checks one TABLE_TAG pair decodes (db check). */
enum trc_err tags_check_pair(const uint8_t *key, size_t klen,
			     const uint8_t *val, size_t vlen,
			     struct trc_error *err) TRC_WARN_UNUSED;

#endif
