/*
 * graph_fixture.h - builds a store from a compact text description, so
 * that graph tests (and tests/tools/gen_store) need no crawler.
 *
 * One statement per line ('#' starts a comment, '|' separates parts):
 *   chain btc|eth
 *   tx LABEL TIME | PREV:N ... | ADDR=VALUE ...      a UTXO transaction
 *        PREV "coinbase" makes a coinbase input; an output address "-"
 *        is an OP_RETURN, "^ADDR" a peg-in (OUT_PEG_IN: value into a
 *        ledger the records do not show). Inputs of a PREV defined earlier are
 * resolved (address, value); an unknown PREV is left unresolved. ev LABEL TIME
 * [failed] | KIND FROM TO VALUE [ASSET] | ... an account transaction: legs in
 * order; KIND native, internal, token, fee, reward, withdrawal, opening;
 * FROM/TO "-" for none. tag ADDR CATEGORY ENTITY [CONFIDENCE]. memo N TEXT:
 * the next tx/ev carries memo TEXT paying its output/leg N ("-": none); an
 * OUT:/REFUND: memo (THORChain's) also names its hash. Every transaction
 * gets the next height (position 0), in line order. The txid of LABEL is
 * SHA-256(LABEL) (gfx_txid).
 */
#ifndef TRC_GRAPH_FIXTURE_H
#define TRC_GRAPH_FIXTURE_H

#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

void gfx_txid(const char *label, uint8_t out[32]);
/* Lowercase hex of gfx_txid(label) (stored byte order), 65 bytes. */
void gfx_txid_hex(const char *label, char out[65]);

/* Loads text into the open store s. Errors name the line. */
enum trc_err gfx_load(struct store *s, const char *text,
		      struct trc_error *err) TRC_WARN_UNUSED;
/* Creates the store at path and loads text into it. Out: *s (NULL on an
 * error; store_close it). */
enum trc_err gfx_open(struct store **s, const char *path, const char *text,
		      struct trc_error *err) TRC_WARN_UNUSED;

#endif
