/*
 * commands.h - the entry point and usage text of every subcommand.
 */
#ifndef TRC_COMMANDS_H
#define TRC_COMMANDS_H

#include "tracer/cli/cli.h"

int cmd_address(struct cli *cli, int argc, char **argv);
extern const char CMD_ADDRESS_USAGE[];

int cmd_crawl(struct cli *cli, int argc, char **argv);
extern const char CMD_CRAWL_USAGE[];

int cmd_db(struct cli *cli, int argc, char **argv);
extern const char CMD_DB_USAGE[];

int cmd_decode(struct cli *cli, int argc, char **argv);
extern const char CMD_DECODE_USAGE[];

int cmd_tag(struct cli *cli, int argc, char **argv);
extern const char CMD_TAG_USAGE[];

int cmd_case(struct cli *cli, int argc, char **argv);
extern const char CMD_CASE_USAGE[];
int cmd_trace(struct cli *cli, int argc, char **argv);
extern const char CMD_TRACE_USAGE[];

int cmd_cluster(struct cli *cli, int argc, char **argv);
extern const char CMD_CLUSTER_USAGE[];

int cmd_report(struct cli *cli, int argc, char **argv);
extern const char CMD_REPORT_USAGE[];

int cmd_export(struct cli *cli, int argc, char **argv);
extern const char CMD_EXPORT_USAGE[];

int cmd_serve(struct cli *cli, int argc, char **argv);
extern const char CMD_SERVE_USAGE[];

int cmd_demo(struct cli *cli, int argc, char **argv);
extern const char CMD_DEMO_USAGE[];

int cmd_help(struct cli *cli, int argc, char **argv);
extern const char CMD_HELP_USAGE[];
/* "usage: tracer [--db DIR] ..." and a newline */
extern const char CLI_MAIN_USAGE[];
/* `tracer --help`: the usage, the commands, the global options. */
void cli_print_main_help(FILE *f);

#endif
