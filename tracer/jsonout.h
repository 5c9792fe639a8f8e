/*
 * jsonout.h - writing JSON documents to stdout the same way everywhere:
 * two-space indent, keys in insertion order, a final newline.
 */
#ifndef TRC_JSONOUT_H
#define TRC_JSONOUT_H

#include <jansson.h>
#include <stdio.h>

#include "base/amount.h"

/* Writes root to f and releases it (steals the reference). Returns 0, or
 * EXIT_ERROR after printing an error. root NULL means out of memory. */
int jsonout_emit(FILE *f, json_t *root);

/* New string holding amount a in base units, e.g. "150000000". */
json_t *jsonout_amount(trc_amount a);
/* New string holding amount a with decimals, e.g. "1.5". */
json_t *jsonout_amount_fmt(trc_amount a, unsigned decimals);

#endif
