/* IR builder (PjBytecode -> PjFunc).  See build.c for the rules it follows. */
#ifndef PJ_IR_BUILD_H
#define PJ_IR_BUILD_H

#include "abort.h"
#include "ir/ir.h"

#ifdef __cplusplus
extern "C" {
#endif

struct PjBytecode;

/* Builds the IR of a decoded function.  An opcode without a builder stops it with
 * PJ_ABORT_UNSUPPORTED_OPCODE (detail: the opcode).  NULL and *why on failure. */
PjFunc *pj_build_ir(const struct PjBytecode *bc, PjArena *a, PjAbort *why);

#ifdef __cplusplus
}
#endif

#endif
