#include "tests/bench/util.h"

#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double bench_peak_rss_mib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}

void bench_report(const char *name, double count, const char *unit,
		  double seconds, const char *baseline_what,
		  double baseline_count, const char *baseline_unit,
		  double baseline_seconds)
{
	double rate = seconds > 0 ? count / seconds : 0;
	double brate =
		baseline_seconds > 0 ? baseline_count / baseline_seconds : 0;

	printf("%-22s %12.0f %s/s  (%.0f %s in %.3f s); baseline %s: "
	       "%.0f %s/s; ratio %.3f; peak RSS %.1f MiB\n",
	       name, rate, unit, count, unit, seconds, baseline_what, brate,
	       baseline_unit,
	       brate > 0 ? seconds > 0 ? (baseline_seconds / baseline_count) /
						 (seconds / count)
				       : 0
			 : 0,
	       bench_peak_rss_mib());
}
