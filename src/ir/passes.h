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

#ifdef __cplusplus
}
#endif

#endif
