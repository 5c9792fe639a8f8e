/*
 * Tag import: every format, rejections with their line, normalisation by
 * the chain codecs, idempotent re-import, conflicts, export round trips,
 * and the public lists of ../shared/data/tags when present.
 */
#include <stdio.h>
#include <stdlib.h>

#include "chains/chain.h"
#include "store/record.h"
#include "store/tags.h"
#include "tests/unit/harness.h"
#include "tracer/tags/tagexport.h"
#include "tracer/tags/tagimport.h"

/* WannaCry's ransom addresses (base58check, P2PKH). */
#define WC1 "13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94"
#define WC2 "12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw"
#define WC3 "115p7UMMngoj1pMvkpHijcRdfJNXj6LrLn"
/* WC1 with its last character changed: the checksum fails. */
#define WC1_BAD "13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb95"
/* EIP-55's first example, lower case and checksummed. */
#define EIP55_LOW "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
#define EIP55 "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"

struct rejects {
	unsigned line[64];
	char reason[64][256];
	size_t n;
};

static void on_reject(void *ctx, const char *name, unsigned line,
		      const char *reason)
{
	struct rejects *r = ctx;

	(void)name;
	if (r->n < 64) {
		r->line[r->n] = line;
		snprintf(r->reason[r->n], sizeof(r->reason[0]), "%s", reason);
	}
	r->n++;
}

static bool have_btc(void)
{
	if (chain_find("btc"))
		return true;
	t_fail(__FILE__, __LINE__, "the btc codec is not in this build");
	return false;
}

static bool have_codecs(void)
{
	if (chain_find("btc") && chain_find("eth"))
		return true;
	t_fail(__FILE__, __LINE__,
	       "the btc and eth codecs are not in this build");
	return false;
}

static struct store *new_store(const char *name)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(store_open(&s, t_tmp(name), STORE_CREATE, &e), &e);
	return s;
}

static int import(struct store *s, const char *name, const char *text,
		  const struct tagimport_opts *o, struct tagimport_counts *c,
		  struct rejects *r, struct trc_error *e)
{
	memset(r, 0, sizeof(*r));
	return tagimport_buffer(s, name, text, strlen(text), o, c, on_reject, r,
				e);
}

static void t_vocabulary(void)
{
	CHECK_INT(tagimport_parse_confidence("ownership"), 100);
	CHECK_INT(tagimport_parse_confidence("manual_transaction"), 90);
	CHECK_INT(tagimport_parse_confidence("forensic_investigation"), 70);
	CHECK_INT(tagimport_parse_confidence("authority_data"), 60);
	CHECK_INT(tagimport_parse_confidence("service_data"), 50);
	CHECK_INT(tagimport_parse_confidence("untrusted_transaction"), 40);
	CHECK_INT(tagimport_parse_confidence("web_crawl"), 20);
	CHECK_INT(tagimport_parse_confidence("heuristic"), 10);
	CHECK_INT(tagimport_parse_confidence("unknown"), 5);
	CHECK_INT(tagimport_parse_confidence("0"), 0);
	CHECK_INT(tagimport_parse_confidence("100"), 100);
	CHECK_INT(tagimport_parse_confidence("101"), -1);
	CHECK_INT(tagimport_parse_confidence("-1"), -1);
	CHECK_INT(tagimport_parse_confidence(""), -1);
	CHECK_INT(tagimport_parse_confidence("high"), -1);
	CHECK_INT(tagimport_map_category("mixing_service"), TAG_MIXER);
	CHECK_INT(tagimport_map_category("coinjoin"), TAG_MIXER);
	CHECK_INT(tagimport_map_category("exchange"), TAG_EXCHANGE);
	CHECK_INT(tagimport_map_category("defi_bridge"), TAG_BRIDGE);
	CHECK_INT(tagimport_map_category("defi_dex"), TAG_DEX);
	CHECK_INT(tagimport_map_category("dex"), TAG_DEX);
	CHECK_INT(tagimport_map_category("defi_lending"), TAG_DEFI);
	CHECK_INT(tagimport_map_category("gambling"), TAG_SERVICE);
	CHECK_INT(tagimport_map_category("perpetrator"), TAG_HACKER);
	CHECK_INT(tagimport_map_category("user"), TAG_OTHER);
	CHECK_INT(tagimport_map_category("sanctioned"), TAG_SANCTIONED);
	CHECK_INT(tagimport_map_category("bank"), TAG_NONE);
	CHECK_INT(tagimport_map_abuse("sanction"), TAG_SANCTIONED);
	CHECK_INT(tagimport_map_abuse("ransomware"), TAG_RANSOMWARE);
	CHECK_INT(tagimport_map_abuse("service_hack"), TAG_HACKER);
	CHECK_INT(tagimport_map_abuse("phishing"), TAG_SCAM);
	CHECK_INT(tagimport_map_abuse("ponzi_scheme"), TAG_SCAM);
	CHECK_INT(tagimport_map_abuse("jaywalking"), TAG_NONE);
	CHECK_INT(tagimport_format_guess("a/b.yaml"), TAGIMPORT_TAGPACK);
	CHECK_INT(tagimport_format_guess("b.YML"), TAGIMPORT_TAGPACK);
	CHECK_INT(tagimport_format_guess("b.csv"), TAGIMPORT_CSV);
	CHECK_INT(tagimport_format_guess("b.json"), TAGIMPORT_JSON);
	CHECK_INT(tagimport_format_guess("ofac.txt"), TAGIMPORT_LIST);
	CHECK_INT(tagimport_format_guess("dir.d/list"), TAGIMPORT_LIST);
	CHECK_INT(tagimport_format_from_name("tagpack"), TAGIMPORT_TAGPACK);
	CHECK_INT(tagimport_format_from_name("xml"), TAGIMPORT_AUTO);
}

static const char pack[] =
	"title: test pack\n"				  /* 1 */
	"creator: tracer tests\n"			  /* 2 */
	"confidence: authority_data\n"			  /* 3 */
	"label: Lazarus group\n"			  /* 4 */
	"abuse: sanction\n"				  /* 5 */
	"category: user\n"				  /* 6 */
	"source: https://example.org/sdn\n"		  /* 7 */
	"actor: lazarusgroup\n"				  /* 8 */
	"lastmod: 2022-04-15\n"				  /* 9 */
	"tags:\n"					  /* 10 */
	"- address: " WC1 "\n"				  /* 11 */
	"  currency: BTC\n"				  /* 12 */
	"- address: " WC1_BAD "\n"			  /* 13 */
	"  currency: BTC\n"				  /* 14 */
	"- address: TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq\n" /* 15 */
	"  currency: TRX\n"				  /* 16 */
	"- address: '" EIP55_LOW "'\n"			  /* 17 */
	"  currency: ETH\n"				  /* 18 */
	"  label: Mixer X\n"				  /* 19 */
	"  category: mixing_service\n"			  /* 20 */
	"  confidence: 90\n"				  /* 21 */
	"- address: " WC2 "\n"				  /* 22 */
	"  currency: BTC\n"				  /* 23 */
	"  confidence: very_sure\n"			  /* 24 */
	"- address: " WC3 "\n"				  /* 25 */
	"  currency: BNB\n"				  /* 26 */
	"- just a string\n"				  /* 27 */
	"- address: " WC3 "\n"				  /* 28 */
	"  currency: XBT\n"				  /* 29 */
	"  abuse: ransomware\n"				  /* 30 */
	"  label: WannaCry\n";				  /* 31 */

static void t_tagpack(void)
{
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct rejects r;
	struct trc_error e = TRC_ERROR_INIT;
	struct tag_list l = TAG_LIST_INIT;
	struct store *s;

	if (!have_codecs())
		return;
	s = new_store("tagpack");
	CHECK_OK(import(s, "p.yaml", pack, &o, &c, &r, &e), &e);
	CHECK_INT(c.imported, 4); /* TRX is Tron's (chain tron) */
	CHECK_INT(c.rejected, 3);
	CHECK_INT(c.skipped, 1);
	CHECK_INT(c.n_skip, 1);
	CHECK_STR(c.skip[0].reason, "currency BNB");
	CHECK_INT(r.line[0], 13);
	CHECK(strstr(r.reason[0], WC1_BAD) != NULL);
	CHECK_INT(r.line[1], 22);
	CHECK(strstr(r.reason[1], "very_sure") != NULL);
	CHECK_INT(r.line[2], 27);
	/* header defaults, abuse over a non-service category */
	CHECK_OK(tags_get(s, CHAIN_BTC, WC1, &l, &e), &e);
	CHECK_INT(l.n, 1);
	if (l.n) {
		CHECK_STR(l.items[0].entity, "Lazarus group");
		CHECK_INT(l.items[0].category, TAG_SANCTIONED);
		CHECK_INT(l.items[0].confidence, 60);
		CHECK_STR(l.items[0].source, "https://example.org/sdn");
		CHECK_STR(l.items[0].actor, "lazarusgroup");
	}
	tag_list_release(&l);
	/* lower case in, EIP-55 stored; a service category beats abuse */
	CHECK_OK(tags_get(s, CHAIN_ETH, EIP55, &l, &e), &e);
	CHECK_INT(l.n, 1);
	if (l.n) {
		CHECK_INT(l.items[0].category, TAG_MIXER);
		CHECK_INT(l.items[0].confidence, 90);
		CHECK_STR(l.items[0].entity, "Mixer X");
	}
	tag_list_release(&l);
	CHECK_OK(tags_get(s, CHAIN_BTC, WC3, &l, &e), &e);
	CHECK(l.n == 1 && l.items[0].category == TAG_RANSOMWARE);
	tag_list_release(&l);
	/* the Tron address of the Lazarus entry, under chain tron */
	CHECK_OK(tags_get(s, CHAIN_TRON, "TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq",
			  &l, &e),
		 &e);
	CHECK(l.n == 1 && l.items[0].category == TAG_SANCTIONED);
	tag_list_release(&l);
	/* the same pack again changes nothing */
	CHECK_OK(import(s, "p.yaml", pack, &o, &c, &r, &e), &e);
	CHECK_INT(c.imported, 0);
	CHECK_INT(c.unchanged, 4);
	CHECK_INT(c.rejected, 3);
	store_close(s);
}

static void t_tagpack_malformed(void)
{
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct rejects r;
	struct trc_error e = TRC_ERROR_INIT;
	struct store *s = new_store("badyaml");
	static const char *const bad[] = {
		"title: x\ntags:\n- address: [1, 2\n",
		"title: x\n\ttags: []\n",
		"- just\n- a list\n",
		"title: no tags\n",
		"",
		"tags: 5\n",
		"label: [a, b]\ntags: []\n",
	};

	CHECK_INT(import(s, "m.yaml", bad[0], &o, &c, &r, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "m.yaml:4:") != NULL);
	CHECK(strstr(e.msg, "began at line 3") != NULL);
	CHECK_INT(import(s, "m.yaml", bad[1], &o, &c, &r, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "m.yaml:2:") != NULL);
	for (size_t i = 2; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (import(s, "m.yaml", bad[i], &o, &c, &r, &e) !=
		    TRC_ERR_PARSE)
			t_fail(__FILE__, __LINE__, "bad[%zu] accepted", i);
	/* a tag whose field is a list, not a value */
	CHECK_OK(import(s, "m.yaml",
			"tags:\n- address: [1]\n  currency: BTC\n  label: x\n",
			&o, &c, &r, &e),
		 &e);
	CHECK_INT(c.rejected, 1);
	CHECK_INT(r.line[0], 2);
	store_close(s);
}

static const char csv[] =
	"chain,address,entity,category,source,confidence\n"	     /* 1 */
	"btc," WC1 ",WannaCry,ransomware,\"https://x.org/a,b\",70\n" /* 2 */
	"# a comment, with commas\n"				     /* 3 */
	"\n"							     /* 4 */
	"btc," WC1_BAD ",WannaCry,ransomware,s,70\n"		     /* 5 */
	"btc," WC2 ",WannaCry,ransomware\n"			     /* 6 */
	"eth," EIP55_LOW ",\"Ex \"\"One\"\"\",exchange,s,\n"	     /* 7 */
	"btc," WC3 ",WannaCry,bank,s,70\n"			     /* 8 */
	"xmr,DAbc,x,other,s,1\n"				     /* 9 */
	"btc,\"" WC3 "\"x,WannaCry,ransomware,s,70\n"		     /* 10 */
	"btc," WC3 ",\"multi\nline\",other,s,7\n"		     /* 11-12 */
	"btc," WC2 ",WannaCry,ransomware,s,101\n";		     /* 13 */

static void t_csv(void)
{
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct rejects r;
	struct trc_error e = TRC_ERROR_INIT;
	struct tag_list l = TAG_LIST_INIT;
	struct store *s;
	static const unsigned want[] = { 5, 6, 8, 9, 10, 13 };

	if (!have_codecs())
		return;
	s = new_store("csv");
	CHECK_OK(import(s, "t.csv", csv, &o, &c, &r, &e), &e);
	CHECK_INT(c.imported, 3);
	CHECK_INT(c.rejected, 6);
	for (size_t i = 0; i < 6 && i < r.n; i++)
		CHECK_INT(r.line[i], want[i]);
	CHECK_OK(tags_get(s, CHAIN_ETH, EIP55, &l, &e), &e);
	CHECK(l.n == 1);
	if (l.n) {
		CHECK_STR(l.items[0].entity, "Ex \"One\"");
		CHECK_INT(l.items[0].confidence, TAGIMPORT_DEFAULT_CONFIDENCE);
	}
	tag_list_release(&l);
	CHECK_OK(tags_get(s, CHAIN_BTC, WC1, &l, &e), &e);
	CHECK(l.n == 1 && !strcmp(l.items[0].source, "https://x.org/a,b"));
	tag_list_release(&l);
	CHECK_OK(tags_get(s, CHAIN_BTC, WC3, &l, &e), &e);
	CHECK(l.n == 1 && !strcmp(l.items[0].entity, "multi\nline"));
	tag_list_release(&l);
	/* a header without the required columns is an error for the file */
	CHECK_INT(import(s, "h.csv", "chain,address\nbtc," WC1 "\n", &o, &c, &r,
			 &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "h.csv:1: the header has no 'entity'") != NULL);
	CHECK_INT(import(s, "h.csv", "chain,addr,entity\n", &o, &c, &r, &e),
		  TRC_ERR_PARSE);
	CHECK_INT(import(s, "h.csv", "", &o, &c, &r, &e), TRC_ERR_PARSE);
	store_close(s);
}

static void t_list(void)
{
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct rejects r;
	struct trc_error e = TRC_ERROR_INIT;
	struct tag_list l = TAG_LIST_INIT;
	struct store *s;
	static const char list[] =
		"# OFAC-style list\n" WC1 "\n\n  " WC2 "  # trailing\r\n"
		"TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq\n" WC3 " extra\n" WC1 "\n";

	if (!have_btc())
		return;
	s = new_store("list");
	CHECK_INT(import(s, "l.txt", list, &o, &c, &r, &e), TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "--chain") != NULL);
	o.chain = "btc";
	o.entity = "Lazarus Group";
	o.category = "sanctioned";
	o.confidence = 60;
	CHECK_OK(import(s, "dir/l.txt", list, &o, &c, &r, &e), &e);
	CHECK_INT(c.imported, 2);
	CHECK_INT(c.rejected, 2);
	CHECK_INT(c.skipped, 1); /* WC1 twice: a duplicate */
	CHECK_INT(r.line[0], 5);
	CHECK(strstr(r.reason[0], "TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq") !=
	      NULL);
	CHECK_INT(r.line[1], 6);
	CHECK_OK(tags_get(s, CHAIN_BTC, WC2, &l, &e), &e);
	CHECK(l.n == 1);
	if (l.n) {
		CHECK_STR(l.items[0].source, "l.txt");
		CHECK_INT(l.items[0].confidence, 60);
		CHECK_INT(l.items[0].category, TAG_SANCTIONED);
	}
	tag_list_release(&l);
	store_close(s);
}

/* Two sources disagree: the higher confidence decides the category, both
 * are kept; a changed value counts as updated; a conflict inside one
 * input is rejected. */
static void t_conflicts(void)
{
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct rejects r;
	struct trc_error e = TRC_ERROR_INIT;
	struct tag best;
	bool found;
	struct store *s;

	if (!have_btc())
		return;
	s = new_store("conflicts");
	CHECK_OK(import(s, "a.csv",
			"chain,address,entity,category,source,confidence\n"
			"btc," WC1 ",Some Exchange,exchange,list-a,40\n"
			"btc," WC1 ",WannaCry,ransomware,list-b,70\n",
			&o, &c, &r, &e),
		 &e);
	CHECK_INT(c.imported, 2);
	CHECK_OK(tags_best(s, CHAIN_BTC, WC1, &best, &found, &e), &e);
	CHECK(found && best.category == TAG_RANSOMWARE);
	tag_release(&best);
	CHECK_OK(import(s, "a.csv",
			"chain,address,entity,category,source,confidence\n"
			"btc," WC1 ",Some Exchange,exchange,list-a,90\n",
			&o, &c, &r, &e),
		 &e);
	CHECK_INT(c.updated, 1);
	CHECK_INT(c.imported, 0);
	CHECK_OK(tags_best(s, CHAIN_BTC, WC1, &best, &found, &e), &e);
	CHECK(found && best.category == TAG_EXCHANGE);
	tag_release(&best);
	CHECK_OK(import(s, "b.csv",
			"chain,address,entity,category,source,confidence\n"
			"btc," WC2 ",X,exchange,s,40\n"
			"btc," WC2 ",X,mixer,s,40\n",
			&o, &c, &r, &e),
		 &e);
	CHECK_INT(c.imported, 1);
	CHECK_INT(c.rejected, 1);
	CHECK_INT(r.line[0], 3);
	CHECK(strstr(r.reason[0], "line 2") != NULL);
	store_close(s);
}

static char *export_text(struct store *s, bool json)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct trc_error e = TRC_ERROR_INIT;

	CHECK(f != NULL);
	if (!f)
		return NULL;
	if (json)
		CHECK_OK(tagexport_json(s, 0, f, &e), &e);
	else
		CHECK_OK(tagexport_csv(s, 0, f, &e), &e);
	fclose(f);
	return text;
}

static void round_trip(struct store *s, bool json, const char *name)
{
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct rejects r;
	struct trc_error e = TRC_ERROR_INIT;
	char *first = export_text(s, json), *second;
	struct store *copy = new_store(name);

	o.format = json ? TAGIMPORT_JSON : TAGIMPORT_CSV;
	CHECK_OK(import(copy, name, first ? first : "", &o, &c, &r, &e), &e);
	CHECK_INT(c.rejected, 0);
	CHECK_INT(c.imported, 4);
	second = export_text(copy, json);
	CHECK_STR(first, second);
	free(first);
	free(second);
	store_close(copy);
}

static void t_round_trip(void)
{
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct rejects r;
	struct trc_error e = TRC_ERROR_INIT;
	struct store_batch *b;
	struct tag t = TAG_INIT;
	struct store *s;

	if (!have_codecs())
		return;
	s = new_store("rt");
	CHECK_OK(import(s, "a.csv",
			"chain,address,entity,category,source,confidence,"
			"actor\n"
			"btc," WC1 ",\"A, \"\"quoted\"\"\",exchange,#src,40,\n"
			"btc," WC1 ",WannaCry,ransomware,b,70,lazarus\n"
			"eth," EIP55 ",Ünïcode,defi,c,0,\n",
			&o, &c, &r, &e),
		 &e);
	CHECK_INT(c.imported, 3);
	/* an inferred tag with evidence */
	t.chain = CHAIN_BTC;
	t.address = (char *)WC2;
	t.entity = (char *)"Inferred Ex";
	t.source = (char *)"cluster";
	t.category = TAG_DEPOSIT;
	t.confidence = 33;
	t.inferred = true;
	t.evidence = (char *)"aa bb";
	b = store_batch_new();
	CHECK_OK(tags_put(b, &t, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	store_batch_free(b);
	round_trip(s, false, "rt-csv");
	round_trip(s, true, "rt-json");
	store_close(s);
}

static void t_json_rejects(void)
{
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct rejects r;
	struct trc_error e = TRC_ERROR_INIT;
	struct store *s;

	if (!have_btc())
		return;
	s = new_store("json");
	o.format = TAGIMPORT_JSON;
	CHECK_OK(import(s, "t.json",
			"{\"format\":\"tracer-tags\",\"version\":1,\"tags\":["
			"{\"chain\":\"btc\",\"address\":\"" WC1 "\","
			"\"entity\":\"W\",\"category\":\"ransomware\","
			"\"source\":\"s\",\"confidence\":70},"
			"{\"chain\":\"btc\",\"address\":\"" WC1_BAD "\","
			"\"entity\":\"W\",\"category\":\"ransomware\","
			"\"source\":\"s\",\"confidence\":70},"
			"{\"chain\":\"btc\",\"address\":\"" WC2 "\","
			"\"entity\":\"W\",\"colour\":\"red\"},"
			"{\"chain\":\"btc\",\"address\":\"" WC2 "\","
			"\"entity\":\"W\",\"confidence\":\"70\",\"category\":"
			"\"scam\",\"source\":5},"
			"7]}",
			&o, &c, &r, &e),
		 &e);
	CHECK_INT(c.imported, 1);
	CHECK_INT(c.rejected, 4);
	CHECK(strstr(r.reason[0], "tags[1]") != NULL);
	CHECK(strstr(r.reason[1], "tags[2]: unknown field 'colour'") != NULL);
	CHECK(strstr(r.reason[2], "tags[3]: field 'source'") != NULL);
	CHECK(strstr(r.reason[3], "tags[4]: not an object") != NULL);
	CHECK_INT(import(s, "t.json", "{\"tags\": [", &o, &c, &r, &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "t.json:1:") != NULL);
	CHECK_INT(import(s, "t.json", "{\"format\":\"other\",\"tags\":[]}", &o,
			 &c, &r, &e),
		  TRC_ERR_UNSUPPORTED);
	store_close(s);
}

static void t_builtin(void)
{
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct rejects r;
	struct trc_error e = TRC_ERROR_INIT;
	struct tag best;
	bool found;
	size_t len;
	const char *data = tagimport_builtin_csv(&len);
	struct store *s;

	CHECK(len > 100 && strlen(data) == len);
	if (!have_codecs())
		return;
	s = new_store("builtin");
	o.format = TAGIMPORT_CSV;
	memset(&r, 0, sizeof(r));
	CHECK_OK(tagimport_buffer(s, "builtin-tags.csv", data, len, &o, &c,
				  on_reject, &r, &e),
		 &e);
	CHECK_INT(c.rejected, 0);
	if (r.n)
		t_fail(__FILE__, __LINE__, "line %u: %s", r.line[0],
		       r.reason[0]);
	/* 25 btc, 52 + 1 + 5 + 9 dex eth, 1 arbitrum, 1 bsc */
	CHECK_INT(c.imported, 94);
	CHECK_OK(tags_best(s, CHAIN_ETH,
			   "0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D", &best,
			   &found, &e),
		 &e);
	CHECK(found && best.category == TAG_DEX);
	tag_release(&best);
	CHECK_OK(tags_best(s, CHAIN_ARBITRUM,
			   "0x4F47Bc496083C727c5fbe3CE9CDf2B0f6496270c", &best,
			   &found, &e),
		 &e);
	CHECK(found && best.category == TAG_SANCTIONED);
	tag_release(&best);
	CHECK_OK(tags_best(s, CHAIN_ETH,
			   "0xD37BbE5744D730a1d98d8DC97c42F0Ca46aD7146", &best,
			   &found, &e),
		 &e);
	CHECK(found && best.category == TAG_BRIDGE &&
	      !strcmp(best.entity, "THORChain"));
	tag_release(&best);
	CHECK_OK(tags_best(s, CHAIN_BTC, WC3, &best, &found, &e), &e);
	CHECK(found && best.category == TAG_RANSOMWARE);
	CHECK(found && !strncmp(best.source, "https://", 8));
	tag_release(&best);
	store_close(s);
}

/* Imports a file of ../shared/data/tags. Out: counts. */
static bool shared_import(struct store *s, const char *rel,
			  struct tagimport_opts *o, struct tagimport_counts *c,
			  struct rejects *r)
{
	const char *path = t_shared(rel);
	struct trc_error e = TRC_ERROR_INIT;

	if (!path) {
		t_skip("../shared/data/%s not found (reference data absent)",
		       rel);
		return false;
	}
	memset(r, 0, sizeof(*r));
	CHECK_OK(tagimport_file(s, path, o, c, on_reject, r, &e), &e);
	return true;
}

static void t_shared_graphsense(void)
{
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct rejects r;
	struct store *s;

	if (!have_codecs())
		return;
	s = new_store("gs");
	if (shared_import(s, "tags/graphsense/lazarus.yaml", &o, &c, &r)) {
		CHECK_INT(c.imported, 21);
		CHECK_INT(c.rejected, 0);
	}
	if (shared_import(s, "tags/graphsense/exchange-wallets-binance.yaml",
			  &o, &c, &r)) {
		/* BEP2 25; BEP20 is bsc's, TRX tron's */
		CHECK_INT(c.skipped, 25);
		CHECK_INT(c.rejected, 0);
		CHECK(c.imported > 0);
	}
	if (shared_import(s, "tags/graphsense/lazarus.yaml", &o, &c, &r)) {
		CHECK_INT(c.imported, 0);
		CHECK_INT(c.unchanged, 21);
	}
	store_close(s);
}

static void t_shared_ofac(void)
{
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct rejects r;
	struct store *s;

	if (!have_codecs())
		return;
	s = new_store("ofac");
	o.chain = "btc";
	o.entity = "OFAC SDN";
	o.category = "sanctioned";
	o.confidence = 60;
	if (shared_import(s, "tags/ofac/sanctioned_addresses_XBT.txt", &o, &c,
			  &r)) {
		/* the Tron address filed under XBT is the one rejection */
		CHECK_INT(c.rejected, 1);
		CHECK(r.n && strstr(r.reason[0], "TUCsTq7Tof") != NULL);
		CHECK(c.imported > 400);
	}
	o.chain = "eth";
	if (shared_import(s, "tags/ofac/sanctioned_addresses_ETH.txt", &o, &c,
			  &r)) {
		CHECK_INT(c.rejected, 0);
		CHECK(c.imported > 100);
	}
	store_close(s);
}

TEST_MAIN({ "vocabulary", t_vocabulary }, { "tagpack", t_tagpack },
	  { "tagpack_malformed", t_tagpack_malformed }, { "csv", t_csv },
	  { "list", t_list }, { "conflicts", t_conflicts },
	  { "round_trip", t_round_trip }, { "json_rejects", t_json_rejects },
	  { "builtin", t_builtin },
	  { "shared_graphsense", t_shared_graphsense },
	  { "shared_ofac", t_shared_ofac })
