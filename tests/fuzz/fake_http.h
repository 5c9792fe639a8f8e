/*
 * fake_http.h - a loopback HTTP/1.1 server on a thread of its own, for the
 * harnesses of the network-facing parsers (JSON-RPC envelopes, Esplora,
 * the Bitcoin and Ethereum RPC sources): they go through the public client
 * API, the server answers with the fuzzer's bytes.
 *
 * The fuzz input is a list of answers separated by NUL bytes; request k of
 * a run gets answer k (the last one again when they run out). An answer
 * that starts with "#NNN " is sent with HTTP status NNN (200-599), else
 * 200; then "=LEN " makes the body the next LEN bytes, NUL bytes included
 * (raw blocks), and a separator byte follows. Nothing here prints; a
 * server that cannot start aborts (a harness without its server would
 * pass without testing anything).
 */
#ifndef TRC_FAKE_HTTP_H
#define TRC_FAKE_HTTP_H

#include <stddef.h>
#include <stdint.h>

/*
 * Starts the server on the first call (127.0.0.1, a free port). Returns
 * its base URL "http://127.0.0.1:PORT" (static, valid for the process).
 */
const char *fake_http_url(void);

/* The answers of the next run (data is copied). Resets the count. */
void fake_http_serve(const uint8_t *data, size_t size);

/* Requests answered since the last fake_http_serve. */
unsigned fake_http_requests(void);

#endif
