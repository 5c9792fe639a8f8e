/*
 * tracer decode --chain C [options] [HEX|FILE|-] - decode raw chain data
 * offline, recompute its hashes and print JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "tracer/cli/commands.h"
#include "tracer/cli/decode.h"

static const struct {
	const char *chain;
	decode_fn fn;
} decoders[] = {
	{ "btc", decode_btc },
	{ "eth", decode_eth },
	{ "tron", decode_tron },
	{ "bsc", decode_eth },
	{ "polygon", decode_eth },
	{ "avax", decode_eth },
	{ "arbitrum", decode_eth },
	{ "optimism", decode_eth },
	{ "base", decode_eth },
	{ "ltc", decode_btc },
	{ "bch", decode_btc },
	{ "doge", decode_btc },
	{ NULL, NULL },
};

/* Finds --chain C or --chain=C, removes it from argv; returns C or NULL. */
static const char *take_chain(int *argc, char **argv)
{
	for (int i = 1; i < *argc; i++) {
		const char *val = NULL;
		int drop = 0;

		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--chain") && i + 1 < *argc) {
			val = argv[i + 1];
			drop = 2;
		} else if (!strncmp(argv[i], "--chain=", 8)) {
			val = argv[i] + 8;
			drop = 1;
		}
		if (drop) {
			memmove(argv + i, argv + i + drop,
				(size_t)(*argc - i - drop + 1) * sizeof(*argv));
			*argc -= drop;
			return val;
		}
	}
	return NULL;
}

int cmd_decode(struct cli *cli, int argc, char **argv)
{
	const char *chain = take_chain(&argc, argv);

	if (!chain)
		return cli_usage_error(
			cli->cmd,
			"decode needs --chain btc|eth|tron|bsc|polygon|avax|"
			"arbitrum|optimism|base|ltc|bch|doge");
	for (size_t i = 0; decoders[i].chain; i++)
		if (!strcmp(decoders[i].chain, chain))
			return decoders[i].fn(cli, chain, argc, argv);
	return cli_usage_error(cli->cmd, "unknown chain '%s'", chain);
}

const char CMD_DECODE_USAGE[] =
	"tracer decode --chain CHAIN [chain options] [HEX|FILE|-]\n"
	"\n"
	"CHAIN: btc, eth, tron, bsc, polygon, avax, arbitrum, optimism, base,\n"
	"ltc, bch, doge (docs/chains.md).\n"
	"\n"
	"Decodes raw chain data offline, recomputes its hashes and prints\n"
	"JSON. 'tracer decode --chain C --help' lists a chain's options.\n"
	"\n"
	"btc: tracer decode --chain btc [--network N] [--tx|--block] [--full]\n"
	"              [HEX|FILE|DIR|-]\n"
	"  Input: hex digits on the command line, a file of hex or raw bytes,\n"
	"  '-' or nothing for stdin; a blk*.dat file or a blocks/ directory\n"
	"  (with Core 28+'s xor.dat) is recognised by its magic.\n"
	"  Without --tx or --block the kind is detected: 80 bytes are a\n"
	"  header, else a transaction, else a block.\n"
	"  --network N   main (default), test, signet, regtest, "
	"bcoin-regtest:\n"
	"                address encodings and the easiest target allowed\n"
	"  --tx          decode a transaction\n"
	"  --block       decode a block (or an 80-byte header)\n"
	"  --full        with a block, print its decoded transactions too\n"
	"  Prints txid, wtxid, sizes, inputs and outputs (class, address,\n"
	"  value in satoshi) of a transaction; hash, merkle_ok, pow_ok,\n"
	"  height and txids of a block. Exit 1 when the input is malformed\n"
	"  (the message names the byte offset and what was expected) or a\n"
	"  block fails a check (merkle root, proof of work, witness\n"
	"  commitment): the JSON is still printed.\n"
	"\n"
	"ltc, bch, doge: tracer decode --chain ltc|bch|doge [--network N]\n"
	"              [--tx|--block] [--full] [HEX|FILE|-]\n"
	"  As btc, with the fork's rules for network N (main, test,\n"
	"  regtest; default main): proof of work by scrypt (Litecoin,\n"
	"  Dogecoin) or double SHA-256 (Bitcoin Cash) against the\n"
	"  network's limit; no witness data on Bitcoin Cash and Dogecoin;\n"
	"  addresses with the network's versions (ltc1 bech32 on Litecoin,\n"
	"  CashAddr bitcoincash: on Bitcoin Cash). A Dogecoin header\n"
	"  with the AuxPoW bit (alone or with its transactions) carries its\n"
	"  merged-mining proof: coinbase branch, chain merkle root and the\n"
	"  parent's scrypt work are verified (pow_ok, auxpow in the JSON).\n"
	"  A Litecoin block with MWEB (the HogEx, then the extension block)\n"
	"  is split: the canonical part verified as any block, the extension\n"
	"  block parsed, its header's BLAKE3 hash checked against the HogEx\n"
	"  and its pegs against the HogEx and the peg-in outputs (mweb in\n"
	"  the JSON). A lone MWEB-flagged transaction is refused: decode its\n"
	"  block.\n"
	"\n"
	"eth: tracer decode --chain eth [--chain-id N] [HEX|FILE|-]\n"
	"  The input (the argument itself, a file, or '-' for standard\n"
	"  input) is a raw signed transaction in hex of any type (legacy,\n"
	"  EIP-2930, EIP-1559, EIP-4844, EIP-7702), a node's JSON\n"
	"  transaction object, or a JSON block with full transactions (or a\n"
	"  header alone); a JSON-RPC response {\"result\": ...} is accepted,\n"
	"  its result an object or the hex of a raw transaction.\n"
	"  Prints hash (keccak-256 of the canonical encoding), hash_ok, from\n"
	"  (recovered from the signature), from_ok when the input claimed\n"
	"  one, type, chain_id, nonce, to, value (wei), gas and fee fields;\n"
	"  for a block header_hash_ok, transactions_root_ok and the\n"
	"  transactions. See docs/ethereum.md.\n"
	"  --chain-id N  the chain id every transaction must carry\n"
	"  Exit status: 0 every check passed; 1 malformed input (the message\n"
	"  names the field or byte offset) or a check failed (the JSON is\n"
	"  still printed); 2 usage.\n"
	"\n"
	"tron: tracer decode --chain tron [FILE|JSON|-]\n"
	"  The input is java-tron's JSON (visible = false): a block as\n"
	"  /wallet/getblockbynum answers it ({\"block\": B, \"infos\": I} "
	"adds\n"
	"  gettransactioninfobyblocknum's answer: fees, TRC-20 and internal\n"
	"  legs), or a transaction as a block lists it (or\n"
	"  /wallet/gettransactionbyid answers it). Prints the\n"
	"  block id, height, parent, what was verified and each\n"
	"  transaction: txid, owner, result, signed_by_owner and legs\n"
	"  (value in sun or token units). Every check of docs/chains.md must\n"
	"  pass: exit 1 with the reason otherwise (no JSON then).\n";
