/*
 * pyserver.c - one Python test server per test program (pyserver.h).
 */
#include "tests/unit/pyserver.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t server_pid;
static int server_fd = -1;
static char base[128];

static void stop_server(void)
{
	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		waitpid(server_pid, NULL, 0);
		server_pid = 0;
	}
	if (server_fd >= 0)
		close(server_fd);
	server_fd = -1;
}

const char *t_pyserver(const char *name)
{
	const char *src = getenv("TRACER_SRC");
	char script[512], line[32] = { 0 };
	int fd[2];
	ssize_t got = 0;

	if (base[0] || server_pid < 0)
		return base;
	snprintf(script, sizeof(script), "%s/tests/unit/%s",
		 src && *src ? src : ".", name);
	if (pipe(fd))
		return base;
	server_pid = fork();
	if (server_pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		execlp("python3", "python3", script, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	/* read up to the newline; the pipe stays open while the server
	 * lives, so that its write never meets a closed pipe */
	for (size_t n = 0; n < sizeof(line) - 1 && !strchr(line, '\n');
	     n += (size_t)got) {
		got = read(fd[0], line + n, sizeof(line) - 1 - n);
		if (got <= 0)
			break;
	}
	server_fd = fd[0];
	if (!strchr(line, '\n')) {
		stop_server();
		server_pid = -1;
		return base;
	}
	atexit(stop_server);
	snprintf(base, sizeof(base), "http://127.0.0.1:%ld",
		 strtol(line, NULL, 10));
	return base;
}
