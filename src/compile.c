/* The driver (see compile.h). */
#include "cpython.h"

#include "compile.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "codegen/engine.h"
#include "codegen/lower.h"
#include "ir/build.h"
#include "ir/decode.h"
#include "ir/ir.h"
#include "ir/passes.h"

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

static int
verify(PjFunc *fn, const char *after, PjAbort *why)
{
    char msg[256];
    /* Malformed IR is a pyjit bug: reported as a fallback rather than a crash. */
    if (pj_ir_verify(fn, msg, sizeof msg) < 0) {
        why->kind = PJ_ABORT_BAD_BYTECODE;
        if (getenv("PYJIT_DEBUG_VERIFY"))
            fprintf(stderr, "pyjit: IR verifier after %s (%s): %s\n", after, fn->name, msg);
        return -1;
    }
    return 0;
}

/* Front end: decode, build and the IR passes, with the checks that decide compilability.
 * `passes` 0 stops after the builder (the "ir.build" dump). */
static PjFunc *
frontend(PyObject *code, const PjCompileOptions *opts, PjArena *a, PjAbort *why, int passes)
{
    PyCodeObject *co = (PyCodeObject *) code;
    if (co->co_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) {
        why->kind = PJ_ABORT_GENERATOR;
        return NULL;
    }
    if (opts->max_instrs > 0 && Py_SIZE(co) > opts->max_instrs) {
        why->kind = PJ_ABORT_TOO_LARGE;
        return NULL;
    }
    PjBytecode *bc = pj_decode_code(code, a, why);
    if (bc == NULL)
        return NULL;
    PjFunc *fn = pj_build_ir(bc, a, why);
    if (fn == NULL || verify(fn, "build", why) < 0)
        return NULL;
    if (!passes)
        return fn;
    pj_pass_refcount(fn);
    if (verify(fn, "refcount", why) < 0)
        return NULL;
    return fn;
}

static PjLowerOptions
lower_options(const PjFunc *fn, const PjCompileOptions *opts)
{
    PjLowerOptions lo = { .range_fast_path = opts->range_fast_path };
    lo.compact = opts->compact_instrs > 0 && fn->bc->ninstrs > opts->compact_instrs;
    return lo;
}

static char *
function_name(const PjFunc *fn)
{
    PjStr s = { 0 };
    pj_str_printf(&s, "py:%s", fn->name);
    return pj_str_take(&s);
}

int
pj_compile(PjEngine *e, PyObject *code, const PjCompileOptions *opts, PjCompiled *out, PjAbort *why)
{
    memset(out, 0, sizeof *out);
    why->kind = PJ_ABORT_NONE;
    why->detail = 0;
    if (e == NULL) {
        why->kind = PJ_ABORT_JIT_UNAVAILABLE;
        return -1;
    }
    PyObject *exc_type, *exc_value, *exc_tb;
    PyErr_Fetch(&exc_type, &exc_value, &exc_tb);

    int rc = -1;
    PjArena arena;
    pj_arena_init(&arena);
    char *name = NULL;
    double t0 = now();
    PjFunc *fn = frontend(code, opts, &arena, why, 1);
    double t1 = now();
    out->t_frontend = t1 - t0;
    if (fn == NULL)
        goto done;
    name = function_name(fn);
    LLVMOrcThreadSafeContextRef tsc = LLVMOrcCreateNewThreadSafeContext();
    PjLowerOptions lo = lower_options(fn, opts);
    LLVMModuleRef m = pj_lower(fn, LLVMOrcThreadSafeContextGetContext(tsc), name, &lo, why);
    double t2 = now();
    out->t_lower = t2 - t1;
    if (m == NULL) {
        LLVMOrcDisposeThreadSafeContext(tsc);
        goto done;
    }
    if (pj_engine_optimize(e, m, why) < 0) {
        LLVMDisposeModule(m);
        LLVMOrcDisposeThreadSafeContext(tsc);
        goto done;
    }
    double t3 = now();
    out->t_llvm_opt = t3 - t2;
    /* m is consumed; the module keeps the context alive after we drop our handle. */
    rc = pj_engine_add(e, tsc, m, name, &out->entry, &out->handle, &out->code_bytes, why);
    LLVMOrcDisposeThreadSafeContext(tsc);
    out->t_codegen = now() - t3;
    out->nglobal_caches = fn->nglobal_caches;

done:
    free(name);
    pj_arena_free(&arena);
    if (PyErr_Occurred()) { /* a pyjit bug; never let it reach the program */
        PJ_ASSERT(0);
        PyErr_Clear();
    }
    PyErr_Restore(exc_type, exc_value, exc_tb);
    return rc;
}

char *
pj_compile_dump(PjEngine *e, PyObject *code, const char *stage, const PjCompileOptions *opts,
                PjAbort *why)
{
    why->kind = PJ_ABORT_NONE;
    why->detail = 0;
    PjArena arena;
    pj_arena_init(&arena);
    char *text = NULL;
    if (strcmp(stage, "bytecode") == 0) {
        PjBytecode *bc = pj_decode_code(code, &arena, why);
        if (bc != NULL)
            text = pj_decode_dump(bc);
        goto done;
    }
    int build_only = strcmp(stage, "ir.build") == 0;
    if (strcmp(stage, "ir") != 0 && strcmp(stage, "llvm") != 0 && !build_only)
        goto done;
    PjFunc *fn = frontend(code, opts, &arena, why, !build_only);
    if (fn == NULL)
        goto done;
    if (strcmp(stage, "ir") == 0 || build_only) {
        text = pj_ir_print(fn);
        goto done;
    }
    if (e == NULL) {
        why->kind = PJ_ABORT_JIT_UNAVAILABLE;
        goto done;
    }
    char *name = function_name(fn);
    LLVMContextRef ctx = LLVMContextCreate();
    PjLowerOptions lo = lower_options(fn, opts);
    LLVMModuleRef m = pj_lower(fn, ctx, name, &lo, why);
    free(name);
    if (m != NULL && pj_engine_optimize(e, m, why) == 0) {
        char *s = LLVMPrintModuleToString(m);
        text = strdup(s);
        LLVMDisposeMessage(s);
    }
    if (m != NULL)
        LLVMDisposeModule(m);
    LLVMContextDispose(ctx);
done:
    pj_arena_free(&arena);
    return text;
}
