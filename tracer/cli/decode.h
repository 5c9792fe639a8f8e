/*
 * decode.h - `tracer decode --chain C ...`: cmd_decode.c parses --chain and
 * hands the rest of the command line to the chain's decoder, listed in its
 * table. Each decoder parses its own options (getopt_long, optind reset by
 * the caller) and prints JSON to stdout.
 */
#ifndef TRC_DECODE_H
#define TRC_DECODE_H

#include "tracer/cli/cli.h"

/* argv[0] is "decode"; --chain has been removed from argv. */
typedef int (*decode_fn)(struct cli *cli, int argc, char **argv);

int decode_btc(struct cli *cli, int argc, char **argv);
int decode_eth(struct cli *cli, int argc, char **argv);
int decode_tron(struct cli *cli, int argc, char **argv);

#endif
