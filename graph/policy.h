/*
 * policy.h - the exact integer arithmetic of the taint policies over one
 * transaction (docs/taint.md): largest-remainder split (haircut), cutting
 * a line of tainted intervals into consecutive parts (fifo, lifo), and
 * taint-in-highest-out (tiho). No state: the trace engine calls these
 * for each transaction; tests call them directly.
 *
 * Ownership: struct policy_scratch and struct policy_segs are growable
 * buffers reused across calls (no allocation per transaction once grown);
 * *_INIT then *_release.
 */
#ifndef TRC_POLICY_H
#define TRC_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"

struct policy_scratch {
	void *p;
	size_t cap; /* bytes */
};
#define POLICY_SCRATCH_INIT                                                    \
	{                                                                      \
		NULL, 0                                                        \
	}
void policy_scratch_release(struct policy_scratch *s);

/* A tainted interval [start, start + len). */
struct policy_seg {
	trc_amount start, len;
};

struct policy_segs {
	struct policy_seg *v;
	size_t n, alloc;
};
#define POLICY_SEGS_INIT                                                       \
	{                                                                      \
		NULL, 0, 0                                                     \
	}
void policy_segs_release(struct policy_segs *s);
/* Appends [start, start+len), merging with the last one when adjacent.
 * len 0 is ignored. */
enum trc_err policy_segs_push(struct policy_segs *s, trc_amount start,
			      trc_amount len,
			      struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Haircut: splits total over n parts in proportion to weights w (their
 * sum W must be > 0): out[i] = floor(total * w[i] / W), then the units
 * still missing go one each to the parts with the largest remainders,
 * ties to the lower index. When total <= W, out[i] <= w[i] and the sum
 * of out is exactly total. Out: out[0..n).
 */
enum trc_err policy_split(trc_amount total, const trc_amount *w, size_t n,
			  trc_amount *out, struct policy_scratch *sc,
			  struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Fifo/lifo: line holds disjoint tainted intervals in increasing order;
 * parts are laid end to end from 0 (part i covers [P_i, P_i + parts[i])).
 * Out: taint[i] = the tainted length part i covers; its intervals,
 * relative to P_i, are appended to out as out->v[off[i] .. off[i]+cnt[i]).
 * Line beyond the last part is ignored (the caller accounts for it).
 */
enum trc_err policy_cut(const struct policy_seg *line, size_t n_line,
			const trc_amount *parts, size_t n, trc_amount *taint,
			struct policy_segs *out, uint32_t *off, uint32_t *cnt,
			struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Tiho: total goes to the n_out outputs with the largest values first
 * (ties: lower index), each taking up to its value; what remains goes to
 * the fee (up to fee). Out: out[0..n_out), *fee_taint, *left (what fits
 * nowhere: 0 when total <= sum of outputs + fee).
 */
enum trc_err policy_tiho(trc_amount total, const trc_amount *outs, size_t n_out,
			 trc_amount fee, trc_amount *out, trc_amount *fee_taint,
			 trc_amount *left, struct policy_scratch *sc,
			 struct trc_error *err) TRC_WARN_UNUSED;

#endif
