#include "tests/unit/harness.h"

#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"

static int failed_checks;
static bool skipped;
static char skip_reason[512];
static char tmp_root[256];

void t_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	failed_checks++;
	fprintf(stdout, "    %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

void t_skip(const char *fmt, ...)
{
	va_list ap;

	skipped = true;
	va_start(ap, fmt);
	vsnprintf(skip_reason, sizeof(skip_reason), fmt, ap);
	va_end(ap);
}

static void remove_tmp(void)
{
	char cmd[300];

	if (!tmp_root[0])
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp_root);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmp_root);
}

const char *t_tmp(const char *name)
{
	static char path[512];

	if (!tmp_root[0]) {
		const char *base = getenv("TMPDIR");

		snprintf(tmp_root, sizeof(tmp_root), "%s/tracer-test-XXXXXX",
			 base && *base ? base : "/tmp");
		if (!mkdtemp(tmp_root)) {
			perror("mkdtemp");
			exit(2);
		}
		atexit(remove_tmp);
	}
	snprintf(path, sizeof(path), "%s/%s", tmp_root, name);
	return path;
}

const char *t_shared(const char *rel)
{
	static char path[512];
	const char *root = getenv("TRACER_SHARED_DATA");
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s",
		 root && *root ? root : "../shared/data", rel);
	return stat(path, &st) == 0 ? path : NULL;
}

int t_run(const char *suite, const struct test_case *cases, size_t n)
{
	int passed = 0, failed = 0, skips = 0;
	const char *slash = strrchr(suite, '/');
	char name[128];

	snprintf(name, sizeof(name), "%s", slash ? slash + 1 : suite);
	if (strrchr(name, '.'))
		*strrchr(name, '.') = '\0';
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t i = 0; i < n; i++) {
		failed_checks = 0;
		skipped = false;
		cases[i].fn();
		if (failed_checks) {
			failed++;
			printf("FAIL %s/%s\n", name, cases[i].name);
		} else if (skipped) {
			skips++;
			printf("SKIP %s/%s: %s\n", name, cases[i].name,
			       skip_reason);
		} else {
			passed++;
			printf("ok   %s/%s\n", name, cases[i].name);
		}
	}
	printf("%s: %d passed, %d failed, %d skipped\n", name, passed, failed,
	       skips);
	return failed ? 1 : 0;
}

const char *t_errmsg(const void *err)
{
	return err ? ((const struct trc_error *)err)->msg : "";
}
