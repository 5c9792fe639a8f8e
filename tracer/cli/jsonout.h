/*
 * jsonout.h - writing JSON documents to stdout the same way everywhere:
 * two-space indent, keys in insertion order, a final newline.
 */
#ifndef TRC_JSONOUT_H
#define TRC_JSONOUT_H

#include <jansson.h>
#include <stdio.h>

#include "tracer/render/json.h"

/* Writes root to f and releases it (steals the reference). Returns 0, or
 * EXIT_ERROR after printing an error. root NULL means out of memory. */
int jsonout_emit(FILE *f, json_t *root);

#endif
