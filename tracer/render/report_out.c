/*
 * Atomic output files for reports and exports.
 */
#include "tracer/render/report_out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum trc_err report_out_open(struct report_out *o, const char *path,
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
		report_out_abort(o);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	sprintf(o->tmp, "%s.tmp-XXXXXX", path);
	fd = mkstemp(o->tmp);
	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		enum trc_err rc = trc_fail(err, TRC_ERR_IO, "cannot create "
					   "'%s': %s", path, strerror(errno));

		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		o->tmp = NULL;
		report_out_abort(o);
		return rc;
	}
	return TRC_OK;
}

enum trc_err report_out_commit(struct report_out *o, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	if (!o->tmp) {
		if (fflush(o->f) || ferror(o->f))
			rc = trc_fail(err, TRC_ERR_IO, "cannot write to "
				      "standard output");
		o->f = NULL;
		return rc;
	}
	if (fflush(o->f) || ferror(o->f) || fsync(fileno(o->f)))
		rc = trc_fail(err, TRC_ERR_IO, "cannot write '%s': %s",
			      o->path, strerror(errno));
	if (fclose(o->f) && !rc)
		rc = trc_fail(err, TRC_ERR_IO, "cannot write '%s': %s",
			      o->path, strerror(errno));
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
	report_out_abort(o);
	return rc;
}

void report_out_abort(struct report_out *o)
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
