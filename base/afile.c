#include "base/afile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum trc_err afile_open(struct afile *o, const char *path,
			struct trc_error *err)
{
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return TRC_OK;
	}
	o->path = strdup(path);
	o->tmp = malloc(strlen(path) + 16);
	if (!o->path || !o->tmp) {
		afile_abort(o);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	snprintf(o->tmp, strlen(path) + 16, "%s.tmp-XXXXXX", path);
	fd = mkstemp(o->tmp);
	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		enum trc_err rc = trc_fail(err, TRC_ERR_IO,
					   "cannot create "
					   "'%s': %s",
					   path, strerror(errno));

		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		o->tmp = NULL;
		afile_abort(o);
		return rc;
	}
	return TRC_OK;
}

enum trc_err afile_commit(struct afile *o, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	if (!o->tmp) {
		if (fflush(o->f) || ferror(o->f))
			rc = trc_fail(err, TRC_ERR_IO,
				      "cannot write to "
				      "standard output");
		o->f = NULL;
		return rc;
	}
	if (fflush(o->f) || ferror(o->f) || fsync(fileno(o->f)))
		rc = trc_fail(err, TRC_ERR_IO, "cannot write '%s': %s", o->path,
			      strerror(errno));
	if (fclose(o->f) && !rc)
		rc = trc_fail(err, TRC_ERR_IO, "cannot write '%s': %s", o->path,
			      strerror(errno));
	o->f = NULL;
	if (!rc) {
		/* mkstemp made it 0600; a report gets the usual mode */
		mode_t m = umask(0);

		umask(m);
		if (chmod(o->tmp, 0666 & ~m))
			rc = trc_fail(err, TRC_ERR_IO, "cannot chmod '%s': %s",
				      o->tmp, strerror(errno));
	}
	if (!rc && rename(o->tmp, o->path))
		rc = trc_fail(err, TRC_ERR_IO, "cannot rename onto '%s': %s",
			      o->path, strerror(errno));
	if (rc)
		unlink(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
	afile_abort(o);
	return rc;
}

void afile_abort(struct afile *o)
{
	if (o->tmp) {
		if (o->f)
			fclose(o->f);
		unlink(o->tmp);
	}
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

enum trc_err afile_write(const char *path, const void *data, size_t len,
			 struct trc_error *err)
{
	struct afile o = AFILE_INIT;
	enum trc_err rc = afile_open(&o, path, err);

	if (rc)
		return rc;
	if (len && fwrite(data, 1, len, o.f) != len) {
		rc = trc_fail(err, TRC_ERR_IO, "cannot write '%s': %s", path,
			      strerror(errno));
		afile_abort(&o);
		return rc;
	}
	return afile_commit(&o, err);
}
