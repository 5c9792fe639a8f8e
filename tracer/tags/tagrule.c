#include "tracer/tags/tagrule.h"

#include <string.h>

#include "base/utf8.h"

static bool too_long(const char *s, size_t max)
{
	return s && strlen(s) > max;
}

enum trc_err tagrule_check(const struct tag *t, struct trc_error *err)
{
	if (!t->source || !*t->source)
		return trc_fail(err, TRC_ERR_INVALID, "no source");
	if (!t->entity || !*t->entity)
		return trc_fail(err, TRC_ERR_INVALID, "no entity (label)");
	if (too_long(t->entity, TAGRULE_LABEL_MAX) ||
	    too_long(t->source, TAGRULE_LABEL_MAX) ||
	    too_long(t->actor, TAGRULE_LABEL_MAX) ||
	    too_long(t->evidence, TAGRULE_EVIDENCE_MAX))
		return trc_fail(err, TRC_ERR_INVALID,
				"entity, source and actor must be at most %d "
				"bytes",
				TAGRULE_LABEL_MAX);
	if (!utf8_is_label(t->entity) || !utf8_is_label(t->source) ||
	    !utf8_is_label(t->actor) || !utf8_is_label(t->evidence))
		return trc_fail(err, TRC_ERR_INVALID,
				"entity, source, actor and evidence must be "
				"UTF-8 text without control characters");
	return TRC_OK;
}

int tagrule_key_cmp(const struct tag *a, const struct tag *b)
{
	int c;

	if (a->chain != b->chain)
		return a->chain < b->chain ? -1 : 1;
	if ((c = strcmp(a->address, b->address)) ||
	    (c = strcmp(a->source, b->source)))
		return c;
	return strcmp(a->entity, b->entity);
}

bool tagrule_same_key(const struct tag *a, const struct tag *b)
{
	return !tagrule_key_cmp(a, b);
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

bool tagrule_same_values(const struct tag *a, const struct tag *b)
{
	return a->category == b->category && a->confidence == b->confidence &&
	       a->inferred == b->inferred && str_eq(a->actor, b->actor) &&
	       str_eq(a->evidence, b->evidence);
}

enum tagrule_change tagrule_compare(const struct tag_list *stored,
				    const struct tag *t)
{
	for (size_t i = 0; i < stored->n; i++)
		if (tagrule_same_key(&stored->items[i], t))
			return tagrule_same_values(&stored->items[i], t)
				       ? TAGRULE_UNCHANGED
				       : TAGRULE_UPDATED;
	return TAGRULE_NEW;
}

const char *tagrule_change_name(enum tagrule_change c)
{
	switch (c) {
	case TAGRULE_NEW:
		return "added";
	case TAGRULE_UPDATED:
		return "updated";
	case TAGRULE_UNCHANGED:
		return "unchanged";
	}
	return "?";
}
