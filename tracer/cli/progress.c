#include "tracer/cli/progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress *p, const struct cli *cli)
{
	memset(p, 0, sizeof(*p));
	p->enabled = isatty(STDERR_FILENO) &&
		     (!cli || cli->verbosity >= VERBOSITY_NORMAL);
	p->start = now_s();
}

double progress_elapsed(const struct progress *p)
{
	return now_s() - p->start;
}

static void draw(struct progress *p, const char *line, bool force)
{
	double t = now_s();
	int n;

	if (!p->enabled || (!force && t - p->last_draw < 0.25))
		return;
	p->last_draw = t;
	n = fprintf(stderr, "\r%s", line);
	if (n > 0 && n - 1 < p->drawn)
		fprintf(stderr, "%*s", p->drawn - (n - 1), "");
	p->drawn = n > 0 ? n - 1 : 0;
	fflush(stderr);
}

void progress_blocks(struct progress *p, uint64_t done, uint64_t total,
		     uint64_t txs)
{
	char line[160], eta[32] = "";
	double el = progress_elapsed(p);
	double rate = el > 0 ? (double)txs / el : 0;

	if (!p->enabled)
		return;
	if (done > 0 && total > done && el > 0) {
		unsigned long left = (unsigned long)(el / (double)done *
						     (double)(total - done));

		snprintf(eta, sizeof(eta), "  ETA %lu:%02lu", left / 60,
			 left % 60);
	}
	snprintf(line, sizeof(line), "blocks %llu/%llu  %llu tx  %.0f tx/s%s",
		 (unsigned long long)done, (unsigned long long)total,
		 (unsigned long long)txs, rate, eta);
	draw(p, line, done == total);
}

void progress_text(struct progress *p, const char *text)
{
	draw(p, text, false);
}

void progress_clear(struct progress *p)
{
	if (!p->enabled || !p->drawn)
		return;
	fprintf(stderr, "\r%*s\r", p->drawn, "");
	fflush(stderr);
	p->drawn = 0;
}
