/* Lowering (pyjit IR -> LLVM IR), through LLVM's C API only. */
#ifndef PJ_CODEGEN_LOWER_H
#define PJ_CODEGEN_LOWER_H

#include <llvm-c/Core.h>

#include "abort.h"
#include "ir/ir.h"

typedef struct PjLowerOptions {
    int range_fast_path;   /* the runtime checked rangeiterobject's layout */
    int seqiter_fast_path; /* ... and list/tuple iterators' */
    /* Large functions (straight-line set-up code, generated code) trade speed for compile
     * time: arithmetic and comparisons call helpers with C fast paths instead of inlining
     * them, which keeps LLVM's work roughly linear in the function's size. */
    int compact;
} PjLowerOptions;

/* Builds `fn` into a new module of `ctx` as one external function `name` with the
 * PjEntry signature.  Returns the module (owned by the caller) or NULL with *why. */
LLVMModuleRef pj_lower(const PjFunc *fn, LLVMContextRef ctx, const char *name,
                       const PjLowerOptions *opts, PjAbort *why);

#endif
