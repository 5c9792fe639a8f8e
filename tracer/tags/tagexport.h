/*
 * tagexport.h - writing the tag store out in the formats that
 * `tracer tag import` reads back unchanged (docs/tags.md): CSV with the
 * header chain,address,entity,category,source,confidence,actor,inferred,
 * evidence,network, and the JSON document {"format": "tracer-tags",
 * "version": 1, "tags": [...]}. Each tag names its network (tagnet.h). Tags
 * come in key order (chain, address, source, entity), so two stores holding the
 * same tags export the same bytes.
 */
#ifndef TRC_TAGEXPORT_H
#define TRC_TAGEXPORT_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "store/store.h"
#include "store/tags.h"

/* Writes every tag of chain (0: every chain) to f. TRC_ERR_IO when f
 * reports a write error. */
enum trc_err tagexport_csv(struct store *s, uint8_t chain, FILE *f,
			   struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err tagexport_json(struct store *s, uint8_t chain, FILE *f,
			    struct trc_error *err) TRC_WARN_UNUSED;

/* New JSON object of one tag (NULL when out of memory), the element of
 * the export's "tags" and of every command's tag object; network may be
 * NULL (written as null). */
json_t *tagexport_tag_json(const struct tag *t, const char *network);

#endif
