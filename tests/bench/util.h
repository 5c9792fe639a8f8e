/*
 * util.h - timing and memory figures for the benchmark programs of
 * `make bench`. Figures are printed, never asserted: each benchmark also
 * measures a baseline in the same run and prints the ratio, because the
 * machines that run it are shared and noisy.
 */
#ifndef TRC_BENCH_UTIL_H
#define TRC_BENCH_UTIL_H

#include <stdint.h>

/* Seconds on the monotonic clock. */
double bench_now(void);
/* Peak resident set size of this process, in MiB. */
double bench_peak_rss_mib(void);
/* Prints one result line:
 * "<name>: <rate> <unit>/s; baseline <what> <brate> <bunit>/s; ratio R;
 *  peak RSS M MiB" */
void bench_report(const char *name, double count, const char *unit,
		  double seconds, const char *baseline_what,
		  double baseline_count, const char *baseline_unit,
		  double baseline_seconds);

#endif
