/* IR passes (text in, text out: each is tested on golden dumps).  The driver (compile.c)
 * runs them in order after the builder and verifies the IR after each. */
#ifndef PJ_IR_PASSES_H
#define PJ_IR_PASSES_H

#include "ir/ir.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Cancels unobservable incref/decref pairs (pass_refcount.c); returns ops removed. */
int pj_pass_refcount(PjFunc *fn);

/* Marks the loops whose numbers can run unboxed (pass_unbox.c); returns how many.
 * seed[l] (nseed entries, may be NULL): PjUType of local l when compilation started, or
 * a shape (PJ_SEED_LIST/PJ_SEED_TUPLE levels + the PjUType of the first items); a guess.
 * range_ok: range iteration may be inlined (the iterator's layout was checked). */
int pj_pass_unbox(PjFunc *fn, const unsigned char *seed, int nseed, int range_ok);

#ifdef __cplusplus
}
#endif

#endif
