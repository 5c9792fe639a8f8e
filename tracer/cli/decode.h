/*
 * decode.h - `tracer decode --chain C ...`: cmd_decode.c parses --chain and
 * hands the rest of the command line to the chain's decoder, listed in its
 * table. Each decoder parses its own options (getopt_long, optind reset by
 * the caller) and prints JSON to stdout.
 */
#ifndef TRC_DECODE_H
#define TRC_DECODE_H

#include "tracer/cli/cli.h"

/* argv[0] is "decode"; --chain (chain, the name given) has been removed
 * from argv. decode_eth serves every EVM chain of the family. */
typedef int (*decode_fn)(struct cli *cli, const char *chain, int argc,
			 char **argv);

int decode_btc(struct cli *cli, const char *chain, int argc, char **argv);
int decode_eth(struct cli *cli, const char *chain, int argc, char **argv);
int decode_tron(struct cli *cli, const char *chain, int argc, char **argv);

#endif
