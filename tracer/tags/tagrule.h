/*
 * tagrule.h - the one rule for adding a tag, shared by `tag add` and
 * `tag import`: which labels are acceptable, and whether a tag is new,
 * an update of a stored one or already stored exactly so.
 *
 * A tag's key is (chain, address, source, entity); its values are the
 * category, confidence, inferred flag, actor and evidence.
 */
#ifndef TRC_TAGRULE_H
#define TRC_TAGRULE_H

#include <stdbool.h>

#include "base/err.h"
#include "store/tags.h"

/* The longest entity, source or actor, and the longest evidence, bytes. */
#define TAGRULE_LABEL_MAX 255
#define TAGRULE_EVIDENCE_MAX 65000

/*
 * Checks the labels of t (entity and source required and not empty;
 * actor and evidence may be NULL): their length, UTF-8 without terminal
 * control characters (tab and newline allowed). t->address is not
 * checked (the chain's codec normalises it before).
 * Returns TRC_OK, or TRC_ERR_INVALID with a message without the address
 * ("no entity (label)", "entity, source and actor must be at most 255
 * bytes", ...). err may be NULL.
 */
enum trc_err tagrule_check(const struct tag *t,
			   struct trc_error *err) TRC_WARN_UNUSED;

/* True when a and b have the same key. */
bool tagrule_same_key(const struct tag *a, const struct tag *b);
/* Orders tags by key (chain, address, source, entity): <0, 0, >0. */
int tagrule_key_cmp(const struct tag *a, const struct tag *b);
/* True when a and b have the same values (keys are not compared). */
bool tagrule_same_values(const struct tag *a, const struct tag *b);

enum tagrule_change {
	TAGRULE_NEW = 0,   /* no stored tag has its key */
	TAGRULE_UPDATED,   /* one has, with other values */
	TAGRULE_UNCHANGED, /* one has, with the same values: write nothing */
};

/*
 * What adding t does to stored, the tags stored for t's chain and address
 * (borrowed, any order).
 */
enum tagrule_change tagrule_compare(const struct tag_list *stored,
				    const struct tag *t);
/* "added", "updated", "unchanged". */
const char *tagrule_change_name(enum tagrule_change c);

#endif
