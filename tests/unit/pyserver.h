/*
 * pyserver.h - a test server written in Python (tests/unit/<script>),
 * started once per test program: it prints its port (127.0.0.1, chosen
 * by the kernel) on its first line and serves until it is stopped at
 * exit.
 */
#ifndef TRC_TEST_PYSERVER_H
#define TRC_TEST_PYSERVER_H

/*
 * Starts tests/unit/<script> (under $TRACER_SRC, else .) on the first
 * call; later calls return the same. Returns its base URL
 * "http://127.0.0.1:PORT" (static), or "" when python3 or the script
 * could not start it.
 */
const char *t_pyserver(const char *script);

#endif
