/*
 * Graphviz as a child process: fork, exec dot with arguments (no shell),
 * wait. Files rather than pipes, so that a large graph cannot deadlock
 * the two processes on full pipe buffers.
 */
#include "tracer/render/report_render.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"

#define EXIT_NO_DOT 127

/* Runs `dot -TFORMAT -o out in`. */
static enum trc_err run_dot(const char *format, const char *in, const char *out,
			    struct trc_error *err)
{
	char t[32];
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return trc_fail(err, TRC_ERR_IO, "cannot start dot: %s",
				strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, STDERR_FILENO);
		snprintf(t, sizeof(t), "-T%s", format);
		execlp("dot", "dot", t, "-o", out, in, (char *)NULL);
		_exit(EXIT_NO_DOT);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return trc_fail(err, TRC_ERR_IO, "waiting for dot: %s",
					strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NO_DOT)
		return trc_fail(err, TRC_ERR_NOTFOUND,
				"Graphviz 'dot' is not "
				"installed (Debian package graphviz)");
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return trc_fail(err, TRC_ERR_IO,
				"dot failed (status %d) on "
				"'%s'",
				WIFEXITED(status) ? WEXITSTATUS(status) : -1,
				in);
	return TRC_OK;
}

enum trc_err report_render_file(const char *in, const char *out,
				struct trc_error *err)
{
	return run_dot("svg", in, out, err);
}

static enum trc_err write_all(int fd, const char *p, size_t len,
			      struct trc_error *err)
{
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return trc_fail(err, TRC_ERR_IO,
					"cannot write a "
					"temporary file: %s",
					strerror(errno));
		p += w;
		len -= (size_t)w;
	}
	return TRC_OK;
}

/* The <svg> element, or an error when something active is inside. */
static enum trc_err extract(struct buf *b, char **svg, struct trc_error *err)
{
	const char *s = buf_str(b), *start = strstr(s, "<svg");
	static const char *const banned[] = { "<script", "<foreignObject",
					      "href=",	 "<iframe",
					      "<image",	 "url(",
					      NULL };

	if (!start)
		return trc_fail(err, TRC_ERR_VERIFY,
				"dot's output has no "
				"<svg> element");
	for (size_t i = 0; banned[i]; i++)
		if (strstr(start, banned[i]))
			return trc_fail(err, TRC_ERR_VERIFY,
					"dot's output "
					"holds '%s': not inlined",
					banned[i]);
	*svg = strdup(start);
	if (!*svg)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	return TRC_OK;
}

enum trc_err report_render_run(const char *dot, size_t len, const char *format,
			       struct buf *out, struct trc_error *err)
{
	char dir[] = "/tmp/tracer-dot-XXXXXX", in[64], res[64];
	enum trc_err rc;
	int fd;

	if (!mkdtemp(dir))
		return trc_fail(err, TRC_ERR_IO,
				"cannot create a temporary "
				"directory: %s",
				strerror(errno));
	snprintf(in, sizeof(in), "%s/g.dot", dir);
	snprintf(res, sizeof(res), "%s/g.out", dir);
	fd = open(in, O_WRONLY | O_CREAT | O_EXCL, 0600);
	rc = fd < 0 ? trc_fail(err, TRC_ERR_IO, "cannot create '%s': %s", in,
			       strerror(errno))
		    : write_all(fd, dot, len, err);
	if (fd >= 0 && close(fd) && !rc)
		rc = trc_fail(err, TRC_ERR_IO, "cannot write '%s'", in);
	if (!rc)
		rc = run_dot(format, in, res, err);
	if (!rc)
		rc = buf_read_file(out, res, err);
	unlink(in);
	unlink(res);
	rmdir(dir);
	return rc;
}

enum trc_err report_render_svg(const char *dot, size_t len, char **svg,
			       struct trc_error *err)
{
	struct buf b = BUF_INIT(RENDER_SVG_MAX);
	enum trc_err rc;

	*svg = NULL;
	rc = report_render_run(dot, len, "svg", &b, err);
	if (!rc)
		rc = extract(&b, svg, err);
	buf_release(&b);
	return rc;
}
