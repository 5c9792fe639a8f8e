/*
 * base/afile: the one atomic file writer (reports and exports had one,
 * case files another).
 */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "base/afile.h"
#include "tests/unit/harness.h"

static char *slurp(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Files in dir other than . and .. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static void t_commit_replaces(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct afile o = AFILE_INIT;
	char dir[512], path[600];
	struct stat st;
	mode_t m = umask(022);

	snprintf(dir, sizeof(dir), "%s", t_tmp("commit"));
	CHECK(mkdir(dir, 0700) == 0);
	snprintf(path, sizeof(path), "%s/out.txt", dir);
	CHECK_OK(afile_write(path, "first\n", 6, &e), &e);
	CHECK_STR(slurp(path), "first\n");
	CHECK_OK(afile_open(&o, path, &e), &e);
	fputs("second\n", o.f);
	/* until the commit, readers see the old file */
	CHECK_STR(slurp(path), "first\n");
	CHECK_INT(entries(dir), 2);
	CHECK_OK(afile_commit(&o, &e), &e);
	CHECK_STR(slurp(path), "second\n");
	CHECK_INT(entries(dir), 1);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
	umask(m);
}

static void t_abort_keeps_old(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct afile o = AFILE_INIT;
	char dir[512], path[600];

	snprintf(dir, sizeof(dir), "%s", t_tmp("abort"));
	CHECK(mkdir(dir, 0700) == 0);
	snprintf(path, sizeof(path), "%s/out.txt", dir);
	CHECK_OK(afile_write(path, "kept", 4, &e), &e);
	CHECK_OK(afile_open(&o, path, &e), &e);
	fputs("half a report", o.f);
	afile_abort(&o);
	CHECK_STR(slurp(path), "kept");
	CHECK_INT(entries(dir), 1);
	afile_abort(&o); /* safe twice */
}

static void t_errors(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct afile o = AFILE_INIT;
	char path[600];

	snprintf(path, sizeof(path), "%s/no/such/dir/x", t_tmp("err"));
	CHECK_INT(afile_write(path, "x", 1, &e), TRC_ERR_IO);
	CHECK(strstr(e.msg, "cannot create '") != NULL);
	CHECK_INT(afile_open(&o, "-", &e), TRC_OK);
	CHECK(o.f == stdout && o.tmp == NULL);
	CHECK_OK(afile_commit(&o, &e), &e);
}

TEST_MAIN({ "commit_replaces", t_commit_replaces },
	  { "abort_keeps_old", t_abort_keeps_old }, { "errors", t_errors })
