#include "tracer/cli/addrarg.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/hex.h"
#include "base/num.h"

/* Room for a trimmed argument: any address, txid or TXID:N fits. */
#define ARG_MAX 256

char *addrarg_trim(const char *in, char *out, size_t size)
{
	size_t n;

	if (!size)
		return out;
	while (in && isspace((unsigned char)*in))
		in++;
	n = in ? strlen(in) : 0;
	while (n && isspace((unsigned char)in[n - 1]))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(out, in ? in : "", n);
	out[n] = '\0';
	return out;
}

int addrarg_chain(const char *name, const struct chain_ops **out)
{
	*out = NULL;
	if (!name)
		return cli_usage_error(NULL, "--chain is required (%s)",
				       chain_names());
	if ((*out = chain_lookup(name)))
		return EXIT_OK;
	return cli_usage_error(NULL, "unknown chain '%s' (known: %s)", name,
			       chain_names());
}

const char *addrarg_network(const struct chain_ops *chain, const char *given,
			    const char *db, enum addrarg_from *from)
{
	*from = given ? ADDRARG_GIVEN : db ? ADDRARG_DATABASE : ADDRARG_DEFAULT;
	return given ? given : db ? db : chain->default_network;
}

/* 64 hex digits, or 0x and 64. */
static bool is_txid(const char *s, size_t n)
{
	if (n == 66 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		n -= 2;
	}
	if (n != 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* A txid, optionally followed by ":N"; *outpoint tells which. */
static bool looks_txid(const char *s, bool *outpoint)
{
	const char *colon = strrchr(s, ':');
	uint64_t v;

	*outpoint = false;
	if (colon && is_txid(s, (size_t)(colon - s)) &&
	    !num_parse_u64(colon + 1, 0, UINT32_MAX, &v, NULL)) {
		*outpoint = true;
		return true;
	}
	return is_txid(s, strlen(s));
}

/* "mainnet" for main, else the network's name. */
static const char *net_title(const char *net)
{
	return !strcmp(net, "main")   ? "mainnet"
	       : !strcmp(net, "test") ? "testnet"
				      : net;
}

static const char *article(const char *word)
{
	return strchr("AEIOUaeiou", word[0]) ? "an" : "a";
}

/* Where the network came from, as a clause of the message. */
static void where(const struct addrarg *a, char *out, size_t size)
{
	switch (a->from) {
	case ADDRARG_GIVEN:
		snprintf(out, size, "--network is %s", a->network);
		break;
	case ADDRARG_CASE:
		snprintf(out, size, "the case's network is %s", a->network);
		break;
	case ADDRARG_DATABASE:
		snprintf(out, size, "this database holds %s %s", a->chain->name,
			 a->network);
		break;
	default:
		snprintf(out, size,
			 "the database records no %s network, so "
			 "%s is read",
			 a->chain->name, a->network);
	}
}

static bool txid_msg(const char *s, const char *hint, char *msg, size_t size)
{
	bool outpoint;

	if (!looks_txid(s, &outpoint))
		return false;
	snprintf(msg, size, "'%s' is %s, not an address: %s", s,
		 outpoint ? "a transaction output (TXID:N)"
			  : "a transaction id",
		 hint ? hint : "give an address");
	return true;
}

/* An address of another network of a->chain, or of another chain. */
static bool elsewhere_msg(const struct addrarg *a, const char *s, char *msg,
			  size_t size)
{
	const char *net =
		a->chain->address_network ? a->chain->address_network(s) : NULL;
	const struct chain_ops *c;
	char w[160];

	if (net && strcmp(net, a->network)) {
		where(a, w, sizeof(w));
		snprintf(msg, size,
			 "'%s' is %s %s address; %s: use --network "
			 "%s or %s %s address",
			 s, article(net_title(net)), net_title(net), w, net,
			 article(net_title(a->network)), net_title(a->network));
		return true;
	}
	for (size_t i = 0; (c = chain_at(i)); i++) {
		if (c == a->chain || !c->address_network ||
		    !c->address_network(s))
			continue;
		snprintf(msg, size,
			 "'%s' looks like %s %s address, not %s "
			 "%s one: use --chain %s",
			 s, article(c->title), c->title,
			 article(a->chain->title), a->chain->title, c->name);
		return true;
	}
	return false;
}

bool addrarg_explain(const struct addrarg *a, const char *in, char *msg,
		     size_t size)
{
	struct trc_error err = TRC_ERROR_INIT;
	char s[ARG_MAX], canon[CHAIN_ADDR_MAX];

	msg[0] = '\0';
	addrarg_trim(in, s, sizeof(s));
	if (!*s) {
		snprintf(msg, size,
			 "an empty argument where %s %s address is "
			 "expected",
			 article(a->chain->title), a->chain->title);
		return true;
	}
	if (!a->chain->address_normalize(a->network, s, canon, sizeof(canon),
					 &err))
		return false;
	if (txid_msg(s, a->txid_hint, msg, size) ||
	    elsewhere_msg(a, s, msg, size))
		return true;
	/* the chain's reason, naming the argument once */
	if (strstr(err.msg, s))
		snprintf(msg, size, "%s", err.msg);
	else
		snprintf(msg, size, "address '%s': %s", s, err.msg);
	return true;
}

int addrarg_address(const struct addrarg *a, const char *in,
		    char out[CHAIN_ADDR_MAX])
{
	struct trc_error err = TRC_ERROR_INIT;
	char s[ARG_MAX], msg[1024];

	addrarg_trim(in, s, sizeof(s));
	if (*s && !a->chain->address_normalize(a->network, s, out,
					       CHAIN_ADDR_MAX, &err))
		return EXIT_OK;
	out[0] = '\0';
	if (!addrarg_explain(a, s, msg, sizeof(msg)))
		snprintf(msg, sizeof(msg), "%s", err.msg);
	return cli_usage_error(NULL, "%s", msg);
}

int addrarg_outpoint(const struct addrarg *a, const char *in, char *out,
		     size_t size)
{
	struct trc_error err = TRC_ERROR_INIT;
	char s[ARG_MAX], txid[ARG_MAX];
	const char *colon;
	bool outpoint;

	addrarg_trim(in, s, sizeof(s));
	snprintf(out, size, "%s", s);
	if (looks_txid(s, &outpoint) && !outpoint)
		return cli_usage_error(NULL,
				       "'%s' has no output index: use "
				       "TXID:N (N the output's index, from "
				       "0)",
				       s);
	if (!outpoint && addrarg_chain_of(s))
		return cli_usage_error(NULL,
				       "'%s' is an address, not a "
				       "transaction output: use --seed %s",
				       s, s);
	if (!outpoint)
		return cli_usage_error(NULL,
				       "'%s' is not TXID:N (a "
				       "transaction id, ':' and the output's "
				       "index)",
				       s);
	colon = strrchr(s, ':');
	snprintf(txid, sizeof(txid), "%.*s", (int)(colon - s), s);
	if (a->chain->txid_parse(txid, (uint8_t[32]){ 0 }, &err))
		return cli_usage_error(NULL, "'%s': %s", s, err.msg);
	return EXIT_OK;
}

const struct chain_ops *addrarg_chain_of(const char *in)
{
	const struct chain_ops *c;
	char s[ARG_MAX];

	addrarg_trim(in, s, sizeof(s));
	for (size_t i = 0; *s && (c = chain_at(i)); i++)
		if (c->address_network && c->address_network(s))
			return c;
	return NULL;
}

int addrarg_no_chain(const char *in, const char *txid_hint)
{
	char s[ARG_MAX], msg[1024];

	addrarg_trim(in, s, sizeof(s));
	if (!txid_msg(s, txid_hint, msg, sizeof(msg)))
		snprintf(msg, sizeof(msg),
			 "'%s' is not an address of any "
			 "chain tracer knows (%s)",
			 s, chain_names());
	return cli_usage_error(NULL, "%s", msg);
}
