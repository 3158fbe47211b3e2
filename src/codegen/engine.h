/* The engine: LLVM's pass pipeline and the process's one ORC LLJIT instance.
 *
 * It binds the symbols of rtdef.h (runtime helpers, CPython API) as absolute symbols, adds
 * one module per compiled code object under its own resource tracker (so the code can be
 * freed when the code object dies), and measures the machine code it links.
 * Not thread-safe: callers hold the GIL.
 */
#ifndef PJ_CODEGEN_ENGINE_H
#define PJ_CODEGEN_ENGINE_H

#include <llvm-c/Core.h>
#include <llvm-c/Orc.h>
#include <stddef.h>

#include "abort.h"
#include "rtdef.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct PjEngine PjEngine;
typedef struct PjCodeHandle PjCodeHandle;

/* opt_level: 0..3 for both the IR pipeline (default<On>) and code generation.  NULL and
 * a message in err on failure. */
PjEngine *pj_engine_create(const PjSymbol *syms, size_t nsyms, int opt_level, char *err,
                           size_t errlen);
void pj_engine_dispose(PjEngine *e);

/* Sets the module's triple and data layout to the JIT's and runs the IR pipeline. */
int pj_engine_optimize(PjEngine *e, LLVMModuleRef m, PjAbort *why);

/* Adds `m` (consumed, built in tsc's context; tsc is not consumed) and links it.  The
 * function `fname` is renamed to a unique symbol first.  On success *addr is its entry,
 * *handle frees it (pj_engine_remove) and *code_bytes is the size of its code sections. */
int pj_engine_add(PjEngine *e, LLVMOrcThreadSafeContextRef tsc, LLVMModuleRef m, const char *fname,
                  void **addr, PjCodeHandle **handle, size_t *code_bytes, PjAbort *why);
void pj_engine_remove(PjEngine *e, PjCodeHandle *h);

/* The last LLVM error message (for logs), "" if none. */
const char *pj_engine_last_error(const PjEngine *e);

#ifdef __cplusplus
}
#endif

#endif
