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

/* The width of the progress line on stderr now; 0: none is. */
static int on_screen;

static void draw(struct progress *p, const char *line, bool force)
{
	double t = now_s();
	int n;

	if (!p->enabled || (!force && t - p->last_draw < 0.25))
		return;
	p->last_draw = t;
	n = fprintf(stderr, "\r%s", line);
	if (n > 0 && n - 1 < on_screen)
		fprintf(stderr, "%*s", on_screen - (n - 1), "");
	on_screen = n > 0 ? n - 1 : 0;
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

char *progress_count(char *out, size_t size, uint64_t v)
{
	char digits[24];
	int n = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)v);
	size_t o = 0;

	for (int i = 0; i < n && o + 2 < size; i++) {
		if (i && (n - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	if (size)
		out[o < size ? o : size - 1] = '\0';
	return out;
}

void progress_trace(struct progress *p, uint64_t txs, uint64_t queued,
		    uint64_t addresses)
{
	char line[200], a[32], b[32], c[32];

	if (!p->enabled)
		return;
	snprintf(line, sizeof(line),
		 "%s: %s tx%s visited, queue %s, %s address%s",
		 p->what ? p->what : "trace", progress_count(a, sizeof(a), txs),
		 txs == 1 ? "" : "s", progress_count(b, sizeof(b), queued),
		 progress_count(c, sizeof(c), addresses),
		 addresses == 1 ? "" : "es");
	draw(p, line, false);
}

void progress_text(struct progress *p, const char *text)
{
	draw(p, text, false);
}

void progress_step(struct progress *p, const char *text)
{
	draw(p, text, true);
}

void progress_clear_screen(void)
{
	if (!on_screen)
		return;
	fprintf(stderr, "\r%*s\r", on_screen, "");
	fflush(stderr);
	on_screen = 0;
}

void progress_clear(struct progress *p)
{
	if (p->enabled)
		progress_clear_screen();
}
