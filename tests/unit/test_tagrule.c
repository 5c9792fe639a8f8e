/*
 * The one tag-add rule of tracer/tags/tagrule.h, used by `tag add` and
 * `tag import` alike (they disagreed: add said "updated" where import said
 * "unchanged" for the same tag).
 */
#include <stdlib.h>

#include "tests/unit/harness.h"
#include "tracer/tags/tagrule.h"

static char addr[] = "13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94";
static char ent[] = "WannaCry", src[] = "manual", other[] = "other";

static struct tag base_tag(void)
{
	struct tag t = { .chain = 1,
			 .category = 5,
			 .confidence = 70,
			 .address = addr,
			 .entity = ent,
			 .source = src };
	return t;
}

static void t_check_labels(void)
{
	struct tag t = base_tag();
	struct trc_error e = TRC_ERROR_INIT;
	char big[300], esc[] = "Evil\033[2J", empty[] = "";

	CHECK_OK(tagrule_check(&t, &e), &e);
	t.entity = empty;
	CHECK_INT(tagrule_check(&t, &e), TRC_ERR_INVALID);
	CHECK_STR(e.msg, "no entity (label)");
	t = base_tag();
	t.source = empty;
	CHECK_INT(tagrule_check(&t, &e), TRC_ERR_INVALID);
	CHECK_STR(e.msg, "no source");
	t = base_tag();
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	t.actor = big;
	CHECK_INT(tagrule_check(&t, &e), TRC_ERR_INVALID);
	CHECK_STR(e.msg, "entity, source and actor must be at most 255 bytes");
	big[TAGRULE_LABEL_MAX] = 0; /* exactly the limit is fine */
	CHECK_OK(tagrule_check(&t, &e), &e);
	t = base_tag();
	t.entity = esc;
	CHECK_INT(tagrule_check(&t, &e), TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "without control characters") != NULL);
	CHECK_INT(tagrule_check(&t, NULL), TRC_ERR_INVALID);
}

static void t_compare(void)
{
	struct tag stored[2] = { base_tag(), base_tag() };
	struct tag_list l = { .items = stored, .n = 2, .alloc = 2 };
	struct tag t = base_tag();

	stored[1].source = other;
	CHECK_INT(tagrule_compare(&l, &t), TAGRULE_UNCHANGED);
	CHECK_STR(tagrule_change_name(TAGRULE_UNCHANGED), "unchanged");
	t.confidence = 90;
	CHECK_INT(tagrule_compare(&l, &t), TAGRULE_UPDATED);
	CHECK_STR(tagrule_change_name(TAGRULE_UPDATED), "updated");
	t = base_tag();
	t.actor = other; /* NULL and a value differ */
	CHECK_INT(tagrule_compare(&l, &t), TAGRULE_UPDATED);
	t = base_tag();
	t.entity = other; /* another key */
	CHECK_INT(tagrule_compare(&l, &t), TAGRULE_NEW);
	CHECK_STR(tagrule_change_name(TAGRULE_NEW), "added");
	l.n = 0;
	t = base_tag();
	CHECK_INT(tagrule_compare(&l, &t), TAGRULE_NEW);
}

static void t_key_order(void)
{
	struct tag a = base_tag(), b = base_tag();

	CHECK(tagrule_same_key(&a, &b));
	b.source = other;
	CHECK(tagrule_key_cmp(&a, &b) < 0 && tagrule_key_cmp(&b, &a) > 0);
	b = base_tag();
	b.chain = 2;
	CHECK(tagrule_key_cmp(&a, &b) < 0);
}

TEST_MAIN({ "check_labels", t_check_labels }, { "compare", t_compare },
	  { "key_order", t_key_order })
