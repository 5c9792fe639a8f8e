#include "chains/chain.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "chains/source.h"
#include "store/record.h"

/*
 * The chain table: every adapter of the one list of chains, TRC_CHAINS in
 * store/record.h (a chain's name and stored id). Each chains/<name>/
 * defines chain_<name>_ops (struct chain_ops) and <name>_sources (struct
 * source_kind[], chains/source.h).
 */
#define DECLARE(c, C, id)                                                      \
	extern const struct chain_ops chain_##c##_ops;                         \
	extern const struct source_kind c##_sources[];
#define ENTRY(c, C, id) { &chain_##c##_ops, c##_sources },
#define NAME(c, C, id) ", " #c

TRC_CHAINS(DECLARE)

static const struct {
	const struct chain_ops *ops;
	const struct source_kind *sources;
} all_chains[] = {
	TRC_CHAINS(ENTRY){ NULL, NULL },
};

const struct chain_ops *chain_find(const char *name)
{
	for (size_t i = 0; name && all_chains[i].ops; i++)
		if (!strcmp(all_chains[i].ops->name, name))
			return all_chains[i].ops;
	return NULL;
}

const struct chain_ops *chain_lookup(const char *name)
{
	for (size_t i = 0; name && all_chains[i].ops; i++)
		if (!strcasecmp(all_chains[i].ops->name, name))
			return all_chains[i].ops;
	return NULL;
}

const struct chain_ops *chain_by_id(uint8_t id)
{
	for (size_t i = 0; all_chains[i].ops; i++)
		if (all_chains[i].ops->id == id)
			return all_chains[i].ops;
	return NULL;
}

const struct chain_ops *chain_at(size_t i)
{
	return i < sizeof(all_chains) / sizeof(all_chains[0])
		       ? all_chains[i].ops
		       : NULL;
}

const char *chain_names(void)
{
	static const char names[] = "" TRC_CHAINS(NAME);

	return names + 2; /* past the first ", " */
}

const struct source_kind *chain_sources(const struct chain_ops *chain)
{
	for (size_t i = 0; chain && all_chains[i].ops; i++)
		if (all_chains[i].ops == chain)
			return all_chains[i].sources;
	return NULL;
}

/* The base unit: the last of the chain's units. */
static const struct chain_unit *base_unit(const struct chain_ops *c)
{
	const struct chain_unit *u = c->units;

	while (u && u[0].name && u[1].name)
		u++;
	return u && u->name ? u : NULL;
}

static enum trc_err amount_hint(const struct chain_ops *c, const char *s,
				const char *why, struct trc_error *err)
{
	const struct chain_unit *b = base_unit(c);
	const char *coin = c->units && c->units[0].name ? c->units[0].name : "";

	return trc_fail(err, TRC_ERR_PARSE,
			"'%.60s' %s: write 1.5%s, 150000000%s or a whole "
			"number of %s",
			s, why, coin, b ? b->name : "",
			b ? b->name : "base units");
}

/* "1.5" without a unit: what it is in the coin, in base units. */
static enum trc_err fraction_hint(const struct chain_ops *c, const char *s,
				  const char *num, struct trc_error *err)
{
	const struct chain_unit *b = base_unit(c);
	char v[AMOUNT_STR_MAX];
	trc_amount a;

	if (!c->units || !c->units[0].name || !b ||
	    amount_parse(&a, num, c->units[0].decimals, NULL))
		return amount_hint(c, s, "has a fraction but no unit", err);
	return trc_fail(err, TRC_ERR_PARSE,
			"'%.60s' has a fraction but no unit: %s%s is %s %s; "
			"write %s%s or a whole number of %s",
			s, num, c->units[0].name,
			amount_format(v, sizeof(v), a, 0, false), b->name, num,
			c->units[0].name, b->name);
}

enum trc_err chain_amount_parse(const struct chain_ops *chain, const char *s,
				trc_amount *out, bool *had_unit,
				struct trc_error *err)
{
	char num[128];
	size_t n = 0;
	const char *u;

	*out = amount_from_u64(0);
	if (had_unit)
		*had_unit = false;
	if (!s)
		return amount_hint(chain, "", "is not an amount", err);
	while (s[n] && (isdigit((unsigned char)s[n]) || s[n] == '.'))
		n++;
	if (n && !s[n] && !strchr(s, '.')) /* base units, any length */
		return amount_parse(out, s, 0, err);
	if (!n || n >= sizeof(num))
		return amount_hint(chain, s, "is not an amount", err);
	memcpy(num, s, n);
	num[n] = '\0';
	for (u = s + n; *u == ' '; u++)
		;
	if (!*u) {
		if (!strchr(num, '.') && !amount_parse(out, num, 0, NULL))
			return TRC_OK;
		return strchr(num, '.')
			       ? fraction_hint(chain, s, num, err)
			       : amount_hint(chain, s, "is not an amount", err);
	}
	if (*u == ',')
		return amount_hint(chain, s,
				   "is not an amount (the decimal "
				   "point is '.')",
				   err);
	for (const struct chain_unit *cu = chain->units; cu && cu->name; cu++) {
		struct trc_error e = TRC_ERROR_INIT;

		if (strcasecmp(u, cu->name))
			continue;
		if (amount_parse(out, num, cu->decimals, &e))
			return trc_fail(err, TRC_ERR_PARSE, "'%.60s': %s", s,
					e.msg);
		if (had_unit)
			*had_unit = true;
		return TRC_OK;
	}
	return amount_hint(chain, s, "has a unit this chain does not know",
			   err);
}
