/*
 * decode_thor.h - the "thorchain" member of `tracer decode`'s documents:
 * a THORChain event (chains/thorchain/detect.h) as JSON (docs/thorchain.md).
 */
#ifndef TRC_DECODE_THOR_H
#define TRC_DECODE_THOR_H

#include <jansson.h>

#include "chains/thorchain/detect.h"

/* New object for ev (NULL on no memory). */
json_t *decode_thor_json(const struct thor_event *ev);

#endif
