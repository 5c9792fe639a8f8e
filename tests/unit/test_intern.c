/*
 * base/intern: dense ids in order of first insertion, every key found
 * again with its bytes (NUL included) and the pointers of earlier keys
 * still valid after the table and its key chunks grew; keys longer than
 * a chunk; keys whose hashes are equal (known FNV-1a collisions) stay
 * apart; a released table is empty and usable again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/intern.h"
#include "tests/unit/harness.h"

#define N_KEYS 200000

/* Key i: a decimal text of a length that varies with i. */
static size_t key_of(char *buf, size_t i)
{
	return (size_t)snprintf(buf, 64, "%zu-%.*s", i, (int)(i % 23),
				"abcdefghijklmnopqrstuvw");
}

static void t_many(void)
{
	struct intern t = INTERN_INIT;
	const char **first = calloc(N_KEYS, sizeof(*first));
	char buf[64];
	bool ok = true;

	CHECK(first != NULL);
	for (size_t i = 0; i < N_KEYS && ok; i++) {
		size_t len = key_of(buf, i);
		uint32_t id;

		CHECK_OK(intern_add(&t, buf, len, &id, NULL), NULL);
		ok = id == i;
		first[i] = intern_key(&t, id, NULL);
	}
	CHECK(ok);
	CHECK_INT(intern_count(&t), N_KEYS);
	for (size_t i = 0; i < N_KEYS && ok; i++) {
		size_t len = key_of(buf, i), klen;
		const char *k = intern_key(&t, (uint32_t)i, &klen);
		uint32_t id;

		ok = k == first[i] && klen == len && !memcmp(k, buf, len) &&
		     k[len] == 0 && intern_find(&t, buf, len) == i;
		/* adding it again gives its id, nothing new */
		ok = ok && !intern_add(&t, buf, len, &id, NULL) && id == i;
	}
	CHECK(ok);
	CHECK_INT(intern_count(&t), N_KEYS);
	CHECK(intern_find(&t, "nope", 4) == INTERN_NONE);
	/* a prefix of a key is another key */
	CHECK(intern_find(&t, "1", 1) != intern_find(&t, "1-a", 3));
	intern_release(&t);
	CHECK_INT(intern_count(&t), 0);
	CHECK(intern_find(&t, "0-", 2) == INTERN_NONE);
	free(first);
}

static void t_long(void)
{
	struct intern t = INTERN_INIT;
	size_t big = 200 * 1024;
	char *k = malloc(big);
	uint32_t a, b, c, d;

	CHECK(k != NULL);
	memset(k, 'x', big);
	CHECK_OK(intern_add(&t, "small", 5, &a, NULL), NULL);
	CHECK_OK(intern_add(&t, k, big, &b, NULL), NULL);
	CHECK_OK(intern_add(&t, "after", 5, &c, NULL), NULL);
	k[big - 1] = 'y';
	CHECK_OK(intern_add(&t, k, big, &d, NULL), NULL);
	CHECK_INT(a, 0);
	CHECK_INT(b, 1);
	CHECK_INT(c, 2);
	CHECK_INT(d, 3);
	CHECK(intern_find(&t, k, big) == 3);
	k[big - 1] = 'x';
	CHECK(intern_find(&t, k, big) == 1);
	CHECK_STR(intern_key(&t, a, NULL), "small");
	CHECK_STR(intern_key(&t, c, NULL), "after");
	CHECK(!memcmp(intern_key(&t, b, NULL), k, big));
	/* the empty key is a key */
	CHECK_OK(intern_add(&t, "", 0, &a, NULL), NULL);
	CHECK_INT(a, 4);
	CHECK(intern_find(&t, "", 0) == 4);
	intern_release(&t);
	CHECK_OK(intern_add(&t, "again", 5, &a, NULL), NULL);
	CHECK_INT(a, 0);
	intern_release(&t);
	free(k);
}

/* Pairs of words with equal 32-bit FNV-1a hashes (the table's hash):
 * only their bytes tell them apart. */
static void t_collide(void)
{
	static const char *const words[] = {
		"costarring", "liquid", "declinate", "macallums",
		"altarage",   "zinke",	"altarages", "zinkes",
	};
	size_t n = sizeof(words) / sizeof(words[0]);
	struct intern t = INTERN_INIT;
	uint32_t id;

	for (size_t i = 0; i < n; i++) {
		CHECK(intern_find(&t, words[i], strlen(words[i])) ==
		      INTERN_NONE);
		CHECK_OK(intern_add(&t, words[i], strlen(words[i]), &id, NULL),
			 NULL);
		CHECK_INT(id, i);
	}
	/* many more keys, so that the slots grow and move the pairs */
	for (size_t i = 0; i < 5000; i++) {
		char buf[64];
		size_t len = key_of(buf, i);

		CHECK_OK(intern_add(&t, buf, len, &id, NULL), NULL);
	}
	for (size_t i = 0; i < n; i++) {
		size_t len;

		CHECK_INT(intern_find(&t, words[i], strlen(words[i])), i);
		CHECK_STR(intern_key(&t, (uint32_t)i, &len), words[i]);
		CHECK_INT(len, strlen(words[i]));
	}
	intern_release(&t);
}

TEST_MAIN({ "many", t_many }, { "long", t_long }, { "collide", t_collide })
