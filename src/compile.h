/* The driver: runs the pipeline's stages in order on one code object.  The only file
 * that knows the order (decode -> build -> passes -> lower -> engine).
 *
 * Compilation runs no Python code and leaves the thread's exception state as it found
 * it; a failure is an abort reason, never an exception. */
#ifndef PJ_COMPILE_H
#define PJ_COMPILE_H

#include <stddef.h>

#include "abort.h"

#ifdef __cplusplus
extern "C" {
#endif

struct _object;
typedef struct PjEngine PjEngine;
typedef struct PjCodeHandle PjCodeHandle;

typedef struct PjCompileOptions {
    int range_fast_path;
    int seqiter_fast_path;
    int max_instrs;     /* larger functions abort with PJ_ABORT_TOO_LARGE */
    int compact_instrs; /* larger functions get the compact lowering (see lower.h) */
    int tier;           /* PJ_TIER_BASELINE or PJ_TIER_OPTIMIZED (codegen/engine.h) */
    int unbox;          /* run the unboxing pass */
    /* Types of the frame's locals when compilation started (PjUType per local, a guess
     * for the unboxing pass), or NULL. */
    const unsigned char *seed;
    int nseed;
    /* Stop before lowering when no loop runs unboxed (PjCompiled.not_lowered): a loop
     * function's first call, which compiles on the spot only such loops. */
    int only_unboxed;
    /* The function's globals and builtins (borrowed, GIL held during the front half), or
     * NULL: what its global names are bound to now hints calls without feedback. */
    struct _object *globals, *builtins;
    /* Entries at loop headers for code replacing running baseline code (PjBytecode.osr). */
    int osr;
    /* Recorded feedback (a loaded profile), or NULL: nfeedback triples (code unit,
     * specialised opcode, whether its adaptive counter had moved) standing for the live
     * opcodes of instructions that have none yet (pj_decode_apply_feedback). */
    const unsigned int *feedback;
    int nfeedback;
    /* The time budget, in instructions of the lowered LLVM module: larger ones get
     * baseline code instead of the optimising pipeline, or (max_llvm_instrs) abort with
     * PJ_ABORT_TOO_LARGE; 0: no limit. */
    int opt_max_llvm_instrs, max_llvm_instrs;
} PjCompileOptions;

typedef struct PjCompiled {
    void *entry; /* a PjEntry */
    PjCodeHandle *handle;
    size_t code_bytes;
    int nglobal_caches; /* size of the PjRuntimeData the entry needs */
    int nattr_caches;
    int nmethod_caches;
    int tier;
    double t_frontend, t_lower, t_llvm_opt, t_codegen; /* seconds per stage */
    int bc_instrs;                                     /* bytecode instructions */
    int llvm_instrs;   /* instructions of the lowered (not yet optimised) LLVM IR */
    int background;    /* set by the runtime: the compile thread did the back half */
    int unboxed_loops; /* loops whose numbers run unboxed */
    int osr;           /* the code takes running frames at loop heads (PjBytecode.osr) */
    int not_lowered;   /* stopped before lowering (PjCompileOptions.only_unboxed) */
    int cached;        /* linked from the code cache (no LLVM passes or code generation) */
} PjCompiled;

/* Compiles `code` (a code object, borrowed).  0 and *out on success, -1 and *why. */
int pj_compile(PjEngine *e, struct _object *code, const PjCompileOptions *opts, PjCompiled *out,
               PjAbort *why);

/* The same in two halves, for compiling on another thread: the front half (needs the
 * GIL: reads the code object) builds the LLVM module; the back half (no GIL, no Python)
 * optimises it, generates code and links it.  A PjPending owns its module and context. */
typedef struct PjPending PjPending;
PjPending *pj_compile_front(struct _object *code, const PjCompileOptions *opts, PjCompiled *out,
                            PjAbort *why);
/* Frees p.  lane: PJ_LANE_CALLER or PJ_LANE_WORKER (engine.h), one thread per lane. */
int pj_compile_back(PjEngine *e, int lane, PjPending *p, PjCompiled *out, PjAbort *why);
void pj_compile_discard(PjPending *p);
/* Changes the tier the back half compiles p for (and records it in *out). */
void pj_compile_set_tier(PjPending *p, PjCompiled *out, int tier);

/* The text of one stage for `code`: "bytecode", "ir.build" (the builder's IR), "ir" (after
 * the IR passes: what is lowered) or "llvm" (optimised LLVM IR).
 * malloc'd text, or NULL with *why (PJ_ABORT_NONE with NULL: unknown stage). */
char *pj_compile_dump(PjEngine *e, struct _object *code, const char *stage,
                      const PjCompileOptions *opts, PjAbort *why);

#ifdef __cplusplus
}
#endif

#endif
