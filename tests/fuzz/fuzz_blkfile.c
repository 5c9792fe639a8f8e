/*
 * fuzz_blkfile - Bitcoin Core block files: framing (magic, length, zero
 * padding), Core 28+'s XOR obfuscation and the ordering of blocks into a
 * chain from a genesis block. The first byte's bit 0 says that the next 8
 * bytes are xor.dat; the rest is blocks/blk00000.dat. The directory is
 * opened and indexed, every block read back, and then opened as a crawl
 * source whose blocks are fetched and verified in height order.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chains/btc/blkfile.h"
#include "chains/chain.h"
#include "chains/crawl.h"
#include "tests/fuzz/scratch_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void index_and_read(const char *dir)
{
	struct btc_blkdir *d = NULL;
	struct buf raw = BUF_INIT(8u << 20);

	if (btc_blk_open(&d, dir, NULL, NULL))
		return;
	for (size_t i = 0; i < btc_blk_count(d) && i < 64; i++) {
		const struct btc_blk_entry *e = btc_blk_entry(d, i);

		if (btc_blk_find(d, e->hash) == NULL)
			abort(); /* every indexed block is found by hash */
		(void)btc_blk_read(d, e, &raw, NULL);
	}
	buf_release(&raw);
	btc_blk_close(d);
}

static void crawl_source(const char *dir)
{
	struct source_cfg cfg = { .kind = "blocks", .location = dir };
	struct crawl_source src;
	struct crawl_block out[4];
	uint32_t tip;

	if (crawl_source_open(chain_find("btc"), &cfg, &src, NULL))
		return;
	if (!src.ops->tip(src.ctx, &tip, NULL)) {
		uint32_t n = tip < 3 ? tip + 1 : 4;

		memset(out, 0, sizeof(out));
		(void)src.ops->fetch_blocks(src.ctx, 0, n, NULL, out, NULL);
		for (uint32_t i = 0; i < n; i++)
			crawl_block_release(&out[i]);
	}
	crawl_source_release(&src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[256], xor_path[300];
	size_t skip = 1;

	if (!size)
		return 0;
	snprintf(dir, sizeof(dir), "%s/blocks", scratch_dir());
	mkdir(dir, 0700);
	snprintf(xor_path, sizeof(xor_path), "%s/xor.dat", dir);
	remove(xor_path);
	if ((data[0] & 1) && size >= 9) {
		(void)scratch_write("blocks/xor.dat", data + 1, 8);
		skip = 9;
	}
	(void)scratch_write("blocks/blk00000.dat", data + skip, size - skip);
	index_and_read(dir);
	crawl_source(dir);
	return 0;
}
