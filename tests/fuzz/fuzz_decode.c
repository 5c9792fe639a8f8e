/*
 * fuzz_decode - `tracer decode` end to end on an arbitrary input file:
 * the input wrapper (hex or raw bytes, JSON-RPC envelopes, NUL bytes,
 * blank space, blk-file magic) and the decoders behind it. The first byte
 * picks the chain and options, the rest is the file. Output goes to
 * /dev/null; the exit status must be one the command documents.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/fuzz/scratch_file.h"
#include "tracer/cli/cli.h"
#include "tracer/cli/commands.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The command table (commands.c) names `tracer help`, which lives in
 * main.c with main() (libFuzzer has its own): never reached from decode.
 */
const char CMD_HELP_USAGE[] = "tracer help (not in the fuzz build)\n";

int cmd_help(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	(void)argc;
	(void)argv;
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* libFuzzer and the sanitizers keep their own stderr descriptor */
	if (!freopen("/dev/null", "w", stdout) ||
	    !(stderr = fopen("/dev/null", "w")))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const btc_kind[4] = { NULL, "--tx", "--block",
						 "--full" };
	struct cli cli = { 0 };
	char *argv[8];
	int argc = 0, rc;
	const char *path;

	if (!size)
		return 0;
	path = scratch_write("input", data + 1, size - 1);
	argv[argc++] = (char *)"decode";
	argv[argc++] = (char *)"--chain";
	if (data[0] & 1) {
		argv[argc++] = (char *)"eth";
		if (data[0] & 2)
			argv[argc++] = (char *)"--chain-id=1";
	} else {
		argv[argc++] = (char *)"btc";
		if (btc_kind[(data[0] >> 1) & 3])
			argv[argc++] = (char *)btc_kind[(data[0] >> 1) & 3];
		if ((data[0] >> 1 & 3) == 3)
			argv[argc++] = (char *)"--block";
		if (data[0] & 8)
			argv[argc++] = (char *)"--network=regtest";
	}
	argv[argc++] = (char *)path;
	argv[argc] = NULL;
	cli.cmd = command_find("decode");
	optind = 0;
	rc = cmd_decode(&cli, argc, argv);
	if (rc != EXIT_OK && rc != EXIT_ERROR)
		abort();
	return 0;
}
