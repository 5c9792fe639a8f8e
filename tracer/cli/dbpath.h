/*
 * dbpath.h - where the database lives when --db is not given.
 */
#ifndef TRC_DBPATH_H
#define TRC_DBPATH_H

#include "base/err.h"

/*
 * Out: *path, new (free()): $TRACER_DB, else $XDG_DATA_HOME/tracer/db,
 * else $HOME/.local/share/tracer/db. Fails when none of them is set.
 */
enum trc_err dbpath_default(char **path, struct trc_error *err) TRC_WARN_UNUSED;

#endif
