/*
 * trace_result.c - the public names of policies, reasons and roles, the
 * option defaults, and freeing a result.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/trace.h"
#include "store/tags.h"

/* ---- names ---- */

static const char *const policy_names[] = { "poison", "haircut", "fifo", "lifo",
					    "tiho" };
static const char *const reason_names[] = { "hops",  "hub",	"min",
					    "until", "missing", "unspendable",
					    "pegged" };
static const char *const role_names[] = { NULL,	  "seed", "exit",
					  "held", "hub",  "intermediate" };

const char *trace_policy_name(enum trace_policy p)
{
	return (unsigned)p < TRACE_POLICY_COUNT ? policy_names[p] : NULL;
}

bool trace_policy_from_name(const char *name, enum trace_policy *p)
{
	for (unsigned i = 0; i < TRACE_POLICY_COUNT; i++)
		if (name && !strcasecmp(name, policy_names[i])) {
			*p = (enum trace_policy)i;
			return true;
		}
	return false;
}

const char *trace_reason_name(enum trace_reason r)
{
	return (unsigned)r < TRACE_REASON_COUNT ? reason_names[r] : NULL;
}

const char *trace_role_name(enum trace_role r)
{
	return r >= TRACE_ROLE_SEED && r <= TRACE_ROLE_INTERMEDIATE
		       ? role_names[r]
		       : NULL;
}

void trace_opts_init(struct trace_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->policy = TRACE_HAIRCUT;
	o->hops = 10;
	o->since = TRACE_TIME_NONE;
	o->until = TRACE_TIME_NONE;
	o->hub_txs = 1000;
	for (unsigned c = 0; c < TAG_CATEGORY_COUNT; c++)
		if (tag_category_is_service((uint8_t)c))
			o->stop_mask |= 1u << c;
	o->cluster = true;
	o->deposit_window = 86400;
	o->deposit_share_pct = 90;
	o->max_paths = 10;
}

/* ---- result ---- */

void trace_result_free(struct trace_result *r)
{
	if (!r)
		return;
	free(r->network);
	for (size_t i = 0; i < r->n_seeds; i++)
		free(r->seeds[i]);
	free(r->seeds);
	for (size_t i = 0; i < r->n_assets; i++)
		free(r->assets[i].asset);
	free(r->assets);
	for (size_t i = 0; i < r->n_exits; i++)
		free(r->exits[i].txids);
	free(r->exits);
	free(r->held);
	free(r->destroyed);
	free(r->converted);
	free(r->unresolved);
	for (size_t i = 0; i < r->n_nodes; i++) {
		free(r->nodes[i].address);
		free(r->nodes[i].entity);
		free(r->nodes[i].evidence);
		tag_list_release(&r->nodes[i].tags);
	}
	free(r->nodes);
	free(r->edges);
	free(r->outputs);
	for (size_t i = 0; i < r->n_paths; i++)
		free(r->paths[i].steps);
	free(r->paths);
	free(r);
}
