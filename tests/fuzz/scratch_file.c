/* scratch_file.c - see scratch_file.h. */
#include "tests/fuzz/scratch_file.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_dir(void)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *scratch_dir(void)
{
	if (dir[0])
		return dir;
	/* tmpfs when there is one: the fuzzers write a file per run */
	snprintf(dir, sizeof(dir), "%s/fuzz-XXXXXX",
		 access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm");
	if (!mkdtemp(dir))
		abort();
	atexit(remove_dir);
	return dir;
}

const char *scratch_write(const char *name, const uint8_t *data, size_t size)
{
	static char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", scratch_dir(), name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size) ||
	    close(fd))
		abort();
	return path;
}
