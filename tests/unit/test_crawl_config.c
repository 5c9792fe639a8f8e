/*
 * test_crawl_config - where a source URL comes from: the environment
 * first, then the config file, which is refused unless only its owner can
 * read it (it holds passwords); errors never show a value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/unit/harness.h"
#include "tracer/cli/config.h"

static const char *write_conf(const char *name, const char *text, mode_t mode)
{
	static char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s.conf", t_tmp(name));
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return path;
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
	return path;
}

static void t_env_then_file(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	char *url = NULL;
	const char *p =
		write_conf("conf-ok",
			   "# tracer\n\n  btc.rpc = http://u:filepw@h:8332  \n"
			   "btc.esplora=https://e/api\n",
			   0600);

	setenv("TRACER_CONFIG", p, 1);
	setenv("TRACER_BTC_RPC", "http://u:envpw@h:1", 1);
	CHECK_OK(config_source_url("btc", "rpc", &url, &e), &e);
	CHECK_STR(url, "http://u:envpw@h:1");
	free(url);
	unsetenv("TRACER_BTC_RPC");
	CHECK_OK(config_source_url("btc", "rpc", &url, &e), &e);
	CHECK_STR(url, "http://u:filepw@h:8332");
	free(url);
	CHECK_OK(config_source_url("btc", "esplora", &url, &e), &e);
	CHECK_STR(url, "https://e/api");
	free(url);
	CHECK_OK(config_source_url("eth", "rpc", &url, &e), &e);
	CHECK(url == NULL);
	setenv("TRACER_CONFIG", "/nonexistent/tracer/config", 1);
	CHECK_OK(config_source_url("btc", "rpc", &url, &e), &e);
	CHECK(url == NULL);
	unsetenv("TRACER_CONFIG");
}

static void t_file_refused(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	char *url = NULL;
	const char *p =
		write_conf("conf-open", "btc.rpc = http://u:pw9@h\n", 0644);

	setenv("TRACER_CONFIG", p, 1);
	CHECK_INT(config_source_url("btc", "rpc", &url, &e), TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "chmod 600") != NULL);
	CHECK(strstr(e.msg, "pw9") == NULL);
	CHECK(url == NULL);
	p = write_conf("conf-bad", "btc.rpc http://u:pw8@h\n", 0600);
	setenv("TRACER_CONFIG", p, 1);
	CHECK_INT(config_source_url("btc", "rpc", &url, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "line 1") != NULL);
	CHECK(strstr(e.msg, "pw8") == NULL);
	unsetenv("TRACER_CONFIG");
}

TEST_MAIN({ "environment, then the config file", t_env_then_file },
	  { "open or malformed config refused", t_file_refused })
