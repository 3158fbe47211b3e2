/* The engine: LLVM's pass pipeline and the process's one ORC LLJIT instance.
 *
 * It binds the symbols of rtdef.h (runtime helpers, CPython API) as absolute symbols, adds
 * one module per compiled code object under its own resource tracker (so the code can be
 * freed when the code object dies), and measures the machine code it links.
 *
 * Threads: each *lane* has its own target machines, so the caller's thread (lane
 * PJ_LANE_CALLER, holding the GIL) and the compile thread (PJ_LANE_WORKER) can optimise and
 * generate code at the same time; linking, removal and the error text are serialised by
 * the engine's own lock.  One thread per lane at a time.
 */
#ifndef PJ_CODEGEN_ENGINE_H
#define PJ_CODEGEN_ENGINE_H

#include <llvm-c/Core.h>
#include <llvm-c/Orc.h>
#include <stddef.h>
#include <stdint.h>

#include "abort.h"
#include "rtdef.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct PjEngine PjEngine;
typedef struct PjCodeHandle PjCodeHandle;

/* Code tiers: baseline code is generated fast (a few milliseconds a function) and runs
 * somewhat slower; optimised code costs ten times more to generate. */
enum { PJ_TIER_BASELINE = 0, PJ_TIER_OPTIMIZED = 1 };

/* Who is compiling: see the header comment. */
enum { PJ_LANE_CALLER = 0, PJ_LANE_WORKER = 1, PJ_NLANES = 2 };

/* The baseline tier's IR pipeline (empty: none). */
#define PJ_BASELINE_PASSES "function(simplifycfg)"
/* Baseline modules larger than this (LLVM instructions) skip even those passes. */
#define PJ_BASELINE_PASSES_MAX 20000

/* opt_level: 0..3, the optimised tier's code generation level (0 means 2) and, at 3,
 * LLVM's default<O3> pipeline.  NULL and a message in err on failure. */
PjEngine *pj_engine_create(const PjSymbol *syms, size_t nsyms, int opt_level, char *err,
                           size_t errlen);
void pj_engine_dispose(PjEngine *e);

/* Registers every object linked from now on with GDB's JIT interface (the process must
 * have llvm_orc_registerJITLoaderGDBWrapper in its global scope).  0, or -1 with the
 * reason in err. */
int pj_engine_enable_gdb(PjEngine *e, char *err, size_t errlen);

/* Sets the module's triple and data layout to the JIT's and runs the tier's IR pipeline. */
int pj_engine_optimize(PjEngine *e, int lane, LLVMModuleRef m, int tier, int llvm_instrs,
                       PjAbort *why);

/* Generates `m`'s object code with the tier's code generator (m is consumed) and links
 * it.  The function `fname` is renamed to a unique symbol first.  On success *addr is its
 * entry, *handle frees it (pj_engine_remove) and *code_bytes is the size of its code. */
int pj_engine_add(PjEngine *e, int lane, LLVMModuleRef m, const char *fname, int tier, void **addr,
                  PjCodeHandle **handle, size_t *code_bytes, PjAbort *why);
/* The same, writing the object code to the cache under `key` (0: not cached): then the
 * symbol is named after the key, so the next process can look it up. */
int pj_engine_add_keyed(PjEngine *e, int lane, LLVMModuleRef m, const char *fname, int tier,
                        uint64_t key, void **addr, PjCodeHandle **handle, size_t *code_bytes,
                        PjAbort *why);
void pj_engine_remove(PjEngine *e, PjCodeHandle *h);

/* The persistent code cache (docs/architecture.md): object code on disk in `dir`, keyed
 * by a hash of the lowered (unoptimised) module's text, the tier, the optimisation level,
 * the host CPU and features, and the LLVM, Python and pyjit versions (`versions`, from the
 * runtime).  NULL dir: off.  0, or -1 if the folder cannot be made. */
int pj_engine_set_cache(PjEngine *e, const char *dir, const char *versions);
/* The cache key of lowered module m for `tier`, or 0 when the cache is off. */
uint64_t pj_engine_cache_key(PjEngine *e, LLVMModuleRef m, int tier);
/* Links the cached object code for `key` (not yet linked in this process), as
 * pj_engine_add does; 0, or -1 when there is none or it is unusable (a corrupt or foreign
 * entry is deleted, to be written again). */
int pj_engine_add_cached(PjEngine *e, uint64_t key, void **addr, PjCodeHandle **handle,
                         size_t *code_bytes);
/* What the cache did: entries linked, written, and rejected (corrupt: deleted). */
typedef struct PjCacheStats {
    long hits, stores, rejected;
} PjCacheStats;
PjCacheStats pj_engine_cache_stats(PjEngine *e);

/* The disassembly of `size` bytes of code at `code` (installed by this engine), one
 * instruction a line with its offset; calls and loads that reach one of the runtime's
 * symbols (directly or through the JIT's GOT) name it.  malloc'd text, never NULL. */
char *pj_engine_disassemble(PjEngine *e, const void *code, size_t size);

/* The last LLVM error message (for logs), "" if none; valid until the next error. */
const char *pj_engine_last_error(const PjEngine *e);

#ifdef __cplusplus
}
#endif

#endif
