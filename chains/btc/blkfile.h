/*
 * blkfile.h - Bitcoin Core's block files (blocks/blk*.dat).
 *
 * Each block is framed as 4 bytes of network magic, a 4-byte little-endian
 * length, then the serialised block. Blocks are stored in the order they
 * arrived, not by height, so the reader builds an index of every block
 * (hash, prev hash, file, offset, length) that can be walked in file order
 * or searched by hash. Core preallocates files with zeros: a zero magic
 * ends a file. Core 28+ obfuscates the files with the 8-byte key of
 * blocks/xor.dat (byte at file offset o is XORed with key[o % 8]); the key
 * is read when present (an all-zero key is the same as none).
 *
 * Opening only reads the 8-byte frames and the 80-byte headers; blocks are
 * read on demand with btc_blk_read.
 */
#ifndef TRC_BTC_BLKFILE_H
#define TRC_BTC_BLKFILE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "chains/btc/net.h"

struct btc_blk_entry {
	uint8_t hash[32]; /* internal order, hash of the header */
	uint8_t prev[32];
	uint32_t file;	 /* index of its file (btc_blk_file_path) */
	uint64_t offset; /* of the block's first byte, after the frame */
	uint32_t length; /* of the block */
};

/* An opened file or directory with its index; opaque. */
struct btc_blkdir;

/*
 * Opens path: a blocks/ directory (every blkNNNNN.dat in name order, and
 * xor.dat) or one blk file (with xor.dat of its directory when present),
 * and indexes every block. net gives the expected magic; NULL accepts the
 * first known network's magic met (btc_blk_network tells which).
 * Out: *out, new, free with btc_blk_close; NULL on failure.
 * Returns TRC_ERR_IO (cannot read, naming the file), TRC_ERR_PARSE (a bad
 * magic, a length past the file's end, naming file and offset),
 * TRC_ERR_NOTFOUND (no blk files in a directory).
 */
enum trc_err btc_blk_open(struct btc_blkdir **out, const char *path,
			  const struct btc_network *net,
			  struct trc_error *err) TRC_WARN_UNUSED;
/*
 * btc_blk_open for the block files of a Bitcoin fork (fork.h: Litecoin
 * Core, Bitcoin Cash Node and Dogecoin Core frame blocks the same way,
 * each with its networks' magic; Bitcoin Cash Node's disk magic is
 * Bitcoin's): fork is any entry of the fork, want the network entry the
 * files must be of, NULL to take the first of the fork's networks whose
 * magic is met (btc_blk_fork tells which). A frame of another magic is
 * TRC_ERR_PARSE naming file, offset, the chains and networks that magic
 * is of (btc_magic_owners) and the one expected. A frame may give a
 * length up to the fork's largest block when that is above Bitcoin's.
 */
struct btc_fork;
enum trc_err btc_blk_open_fork(struct btc_blkdir **out, const char *path,
			       const struct btc_fork *fork,
			       const struct btc_fork *want,
			       struct trc_error *err) TRC_WARN_UNUSED;
void btc_blk_close(struct btc_blkdir *d);
/* The fork network entry the files of btc_blk_open_fork carry (NULL when
 * no block, or the files were opened with btc_blk_open). */
const struct btc_fork *btc_blk_fork(const struct btc_blkdir *d);

/* The network whose magic the files carry (NULL when no block). */
const struct btc_network *btc_blk_network(const struct btc_blkdir *d);
/* Number of blocks indexed, and the i-th in file order (borrowed). */
size_t btc_blk_count(const struct btc_blkdir *d);
const struct btc_blk_entry *btc_blk_entry(const struct btc_blkdir *d, size_t i);
/* The entry of the block with this hash (internal order), or NULL. */
const struct btc_blk_entry *btc_blk_find(const struct btc_blkdir *d,
					 const uint8_t hash[32]);
/* The path of file index i (borrowed), NULL past the end. */
const char *btc_blk_file_path(const struct btc_blkdir *d, uint32_t i);
/* True when the files are XOR-obfuscated. */
int btc_blk_obfuscated(const struct btc_blkdir *d);

/*
 * Reads the block of entry e (de-obfuscated) into out, replacing its
 * content. TRC_ERR_IO naming the file, TRC_ERR_TOOBIG past out's cap.
 */
enum trc_err btc_blk_read(const struct btc_blkdir *d,
			  const struct btc_blk_entry *e, struct buf *out,
			  struct trc_error *err) TRC_WARN_UNUSED;

#endif
