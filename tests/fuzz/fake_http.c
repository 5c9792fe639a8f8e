/*
 * fake_http.c - see fake_http.h. One thread polls the listening socket and
 * every open connection; requests are read whole (headers, then
 * Content-Length bytes of body) and answered in arrival order.
 */
#include "tests/fuzz/fake_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONN 16
#define REQ_MAX (4u << 20)

struct conn {
	int fd;
	char *buf;
	size_t len, cap;
	int continued; /* "100 Continue" sent for the request in buf */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint8_t *answers; /* a copy of the run's input */
static size_t answers_len;
static unsigned served;
static char url[64];
static int listen_fd = -1;
static struct conn conns[MAX_CONN];

static void conn_close(struct conn *c)
{
	close(c->fd);
	free(c->buf);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
}

static int send_all(int fd, const void *p, size_t n)
{
	const char *s = p;

	while (n) {
		ssize_t k = send(fd, s, n, MSG_NOSIGNAL);

		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Reads "NNN " (a status) or "=LEN " at *p. Returns the number or -1. */
static long prefix(const uint8_t **p, const uint8_t *end, char mark)
{
	const uint8_t *q = *p;
	long v = 0;

	if (q >= end || *q != mark)
		return -1;
	for (q++; q < end && *q >= '0' && *q <= '9' && v < 100000000; q++)
		v = v * 10 + (*q - '0');
	if (q >= end || *q != ' ' || q == *p + 1)
		return -1;
	*p = q + 1;
	return v;
}

/*
 * The answer at p (see fake_http.h). Out: *len, *status, *next (the next
 * answer, or NULL after the last one). Returns the body.
 */
static const uint8_t *piece(const uint8_t *p, const uint8_t *end, size_t *len,
			    int *status, const uint8_t **next)
{
	const uint8_t *nul;
	long v = prefix(&p, end, '#');

	/* not 1xx: curl waits on for the final answer, a stall (the
	 * client's timeouts are the transport's business, not a parser's) */
	*status = v >= 200 && v <= 599 ? (int)v : 200;
	v = prefix(&p, end, '=');
	if (v >= 0) {
		*len = (size_t)v < (size_t)(end - p) ? (size_t)v
						     : (size_t)(end - p);
		*next = p + *len < end ? p + *len + 1 : NULL;
		return p;
	}
	nul = memchr(p, 0, (size_t)(end - p));
	*len = (size_t)((nul ? nul : end) - p);
	*next = nul ? nul + 1 : NULL;
	return p;
}

/* Answer k of the current list (the last one when k is past it). */
static const uint8_t *answer(unsigned k, size_t *len, int *status)
{
	const uint8_t *p = answers, *end = answers + answers_len, *next;
	const uint8_t *body;

	if (!p) {
		*len = 0;
		*status = 404;
		return NULL;
	}
	for (;;) {
		body = piece(p, end, len, status, &next);
		if (!k-- || !next)
			return body;
		p = next;
	}
}

static int respond(struct conn *c)
{
	char head[160];
	const uint8_t *body;
	size_t len;
	int status, n, rc;

	pthread_mutex_lock(&lock);
	body = answer(served++, &len, &status);
	n = snprintf(head, sizeof(head),
		     "HTTP/1.1 %d X\r\nContent-Type: application/json\r\n"
		     "Content-Length: %zu\r\n\r\n",
		     status, len);
	rc = send_all(c->fd, head, (size_t)n) ||
	     (len && send_all(c->fd, body, len));
	pthread_mutex_unlock(&lock);
	return rc;
}

/* The value of header name in the request head h, or 0 / NULL. */
static const char *header(const char *h, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = strstr(h, "\r\n"); p; p = strstr(p + 2, "\r\n"))
		if (!strncasecmp(p + 2, name, n) && p[2 + n] == ':')
			return p + 3 + n;
	return NULL;
}

/* Answers every complete request in c's buffer. Returns -1 to close. */
static int serve_buffer(struct conn *c)
{
	for (;;) {
		char *end =
			c->len ? memmem(c->buf, c->len, "\r\n\r\n", 4) : NULL;
		const char *cl, *ex;
		size_t head, body = 0;

		if (!end)
			return 0;
		*end = '\0';
		head = (size_t)(end - c->buf) + 4;
		cl = header(c->buf, "Content-Length");
		ex = header(c->buf, "Expect");
		if (cl)
			body = strtoul(cl, NULL, 10);
		if (body > REQ_MAX)
			return -1;
		if (head + body > c->len) {
			*end = '\r';
			if (ex && strstr(ex, "100") && !c->continued) {
				c->continued = 1;
				if (send_all(c->fd,
					     "HTTP/1.1 100 Continue"
					     "\r\n\r\n",
					     25))
					return -1;
			}
			return 0;
		}
		if (respond(c))
			return -1;
		c->continued = 0;
		memmove(c->buf, c->buf + head + body, c->len - head - body);
		c->len -= head + body;
	}
}

static int conn_read(struct conn *c)
{
	ssize_t k;

	if (c->cap - c->len < 65536) {
		size_t cap = c->cap ? c->cap * 2 : 131072;
		char *p;

		if (cap > 2 * REQ_MAX || !(p = realloc(c->buf, cap + 1)))
			return -1;
		c->buf = p;
		c->cap = cap;
	}
	k = recv(c->fd, c->buf + c->len, c->cap - c->len, 0);
	if (k <= 0)
		return -1;
	c->len += (size_t)k;
	return serve_buffer(c);
}

static void accept_one(void)
{
	int fd = accept(listen_fd, NULL, NULL), one = 1;

	if (fd < 0)
		return;
	/* no Nagle: a head and a body in two sends would wait for an ACK */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	for (int i = 0; i < MAX_CONN; i++)
		if (conns[i].fd < 0) {
			conns[i].fd = fd;
			return;
		}
	close(fd);
}

static void *run(void *arg)
{
	struct pollfd p[MAX_CONN + 1];

	(void)arg;
	for (;;) {
		p[0].fd = listen_fd;
		p[0].events = POLLIN;
		for (int i = 0; i < MAX_CONN; i++) {
			p[i + 1].fd = conns[i].fd;
			p[i + 1].events = POLLIN;
		}
		if (poll(p, MAX_CONN + 1, -1) < 0)
			continue;
		if (p[0].revents & POLLIN)
			accept_one();
		for (int i = 0; i < MAX_CONN; i++)
			if (conns[i].fd >= 0 &&
			    (p[i + 1].revents & (POLLIN | POLLHUP | POLLERR)) &&
			    conn_read(&conns[i]))
				conn_close(&conns[i]);
	}
	return NULL;
}

static void start(void)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	pthread_t t;
	int one = 1;

	for (int i = 0; i < MAX_CONN; i++)
		conns[i].fd = -1;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	listen_fd = socket(AF_INET, SOCK_STREAM, 0);
	if (listen_fd < 0 ||
	    setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one,
		       sizeof(one)) ||
	    bind(listen_fd, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(listen_fd, 64) ||
	    getsockname(listen_fd, (struct sockaddr *)&a, &alen) ||
	    pthread_create(&t, NULL, run, NULL))
		abort();
	pthread_detach(t);
	snprintf(url, sizeof(url), "http://127.0.0.1:%u",
		 (unsigned)ntohs(a.sin_port));
}

const char *fake_http_url(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, start);
	return url;
}

void fake_http_serve(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size + 1);

	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	pthread_mutex_lock(&lock);
	free(answers);
	answers = copy;
	answers_len = size;
	served = 0;
	pthread_mutex_unlock(&lock);
}

unsigned fake_http_requests(void)
{
	unsigned n;

	pthread_mutex_lock(&lock);
	n = served;
	pthread_mutex_unlock(&lock);
	return n;
}
