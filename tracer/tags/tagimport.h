/*
 * tagimport.h - reading tag lists (GraphSense TagPack YAML, CSV, address
 * lists, tracer's JSON export) into the tag store, and writing the export
 * formats. docs/tags.md describes the formats and the category mapping.
 *
 * An import reads the whole input, turns every entry into a struct tag
 * (address validated and normalised with the chain's own codec, category
 * and confidence mapped), then writes all accepted tags in one batch: an
 * error leaves the database as it was. Entries that cannot be used are not
 * errors: each is reported through the reject callback with its line and
 * the reason, and counted. Entries of chains tracer does not follow (a
 * TagPack's TRX or BEP20 tags) are counted as skipped, by reason.
 *
 * Ownership: every pointer argument is borrowed for the call.
 */
#ifndef TRC_TAGIMPORT_H
#define TRC_TAGIMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/err.h"
#include "store/store.h"
#include "store/tags.h"

/* Input size cap: the largest public lists are a few MiB. */
#define TAGIMPORT_FILE_MAX (64u << 20)
/* Entry cap per input. */
#define TAGIMPORT_ENTRIES_MAX 2000000
/* Confidence of a tag whose input gives none. */
#define TAGIMPORT_DEFAULT_CONFIDENCE 50

enum tagimport_format {
	TAGIMPORT_AUTO =
		0, /* by extension: .yaml/.yml, .csv, .json, else list */
	TAGIMPORT_TAGPACK,
	TAGIMPORT_CSV,
	TAGIMPORT_LIST,
	TAGIMPORT_JSON,
};

/* Returns the format named "tagpack", "csv", "list", "json"; AUTO when the
 * name is unknown. */
enum tagimport_format tagimport_format_from_name(const char *name);
/* The format of path by its extension (.yaml/.yml, .csv, .json, else
 * list). */
enum tagimport_format tagimport_format_guess(const char *path);

/* Values from the command line. For the list format chain, entity and
 * category are required; for the others they are defaults for entries
 * that leave them out. Any may be NULL; confidence < 0 means not given. */
struct tagimport_opts {
	enum tagimport_format format;
	const char *chain;   /* "btc", "eth" */
	const char *network; /* NULL: the chain's default */
	const char *entity;
	const char *category; /* a tracer category or a GraphSense concept */
	const char *source;   /* NULL: the input's file name */
	const char *actor;
	int confidence;
};

#define TAGIMPORT_OPTS_INIT                                                    \
	{                                                                      \
		.confidence = -1                                               \
	}

#define TAGIMPORT_SKIP_REASONS 16

struct tagimport_counts {
	size_t imported; /* new tags */
	size_t updated;	 /* same (chain, address, source, entity), new values */
	size_t unchanged; /* already stored exactly so */
	size_t rejected;  /* reported through the callback */
	size_t skipped;	  /* sum of skip[].n */
	struct {
		char reason[48]; /* "currency TRX" */
		size_t n;
	} skip[TAGIMPORT_SKIP_REASONS];
	size_t n_skip;
};

/* Called once per rejected entry: name is the input's name, line its line
 * (1-based; for JSON the index of the entry in "tags", from 0, is given
 * with line 0 and the position in reason). */
typedef void (*tagimport_reject_fn)(void *ctx, const char *name, unsigned line,
				    const char *reason);

/*
 * Imports data (len bytes, the content of a file called name) into s.
 * Out: *counts (zeroed first). reject may be NULL.
 * Returns TRC_OK when the input was read, even when entries were
 * rejected; an error (unreadable input as a whole, a database error,
 * a missing --chain for a list) writes nothing.
 */
enum trc_err tagimport_buffer(struct store *s, const char *name,
			      const char *data, size_t len,
			      const struct tagimport_opts *opts,
			      struct tagimport_counts *counts,
			      tagimport_reject_fn reject, void *ctx,
			      struct trc_error *err) TRC_WARN_UNUSED;

/* Reads path (at most TAGIMPORT_FILE_MAX bytes, "-" for stdin) and
 * imports it as tagimport_buffer does; the format is guessed from path when
 * opts->format is AUTO. */
enum trc_err tagimport_file(struct store *s, const char *path,
			    const struct tagimport_opts *opts,
			    struct tagimport_counts *counts,
			    tagimport_reject_fn reject, void *ctx,
			    struct trc_error *err) TRC_WARN_UNUSED;

/* The curated tags built into the binary (tracer/tags/builtin-tags.csv):
 * the raw CSV text, borrowed and static. */
const char *tagimport_builtin_csv(size_t *len);

/*
 * Maps a category as tag lists write it to tracer's: tracer's own names
 * and GraphSense's entity concepts (mixing_service -> mixer, ...).
 * Returns TAG_NONE for an unknown name.
 */
enum tag_category tagimport_map_category(const char *name);
/* Maps a GraphSense abuse concept (sanction -> sanctioned, ...); TAG_NONE
 * for an unknown one. */
enum tag_category tagimport_map_abuse(const char *name);
/* Parses a confidence: 0..100 or a GraphSense level name (ownership 100,
 * ...). Returns -1 when s is neither. */
int tagimport_parse_confidence(const char *s);

/*
 * Normalises an address for chain/network with the chain's codec.
 * Out: out (size bytes). TRC_ERR_UNSUPPORTED for an unknown chain or one
 * without a codec in this build; TRC_ERR_PARSE for a bad address.
 */
enum trc_err tagimport_normalize(const char *chain, const char *network,
				 const char *in, char *out, size_t size,
				 struct trc_error *err) TRC_WARN_UNUSED;

#endif
