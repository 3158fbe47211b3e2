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

/* The decoded bytecode, with a loaded profile's feedback where the interpreter has none
 * yet (what a compilation and its dumps decode from). */
static PjBytecode *
decode(PyObject *code, const PjCompileOptions *opts, PjArena *a, PjAbort *why)
{
    PjBytecode *bc = pj_decode_code(code, a, why);
    if (bc != NULL && opts->feedback != NULL)
        pj_decode_apply_feedback(bc, opts->feedback, opts->nfeedback);
    return bc;
}

/* Front end: decode, build and the IR passes, with the checks that decide compilability.
 * `passes` 0 stops after the builder (the "ir.build" dump). */
static PjFunc *
frontend(PyObject *code, const PjCompileOptions *opts, PjArena *a, PjAbort *why, int passes,
         int *unboxed)
{
    PyCodeObject *co = (PyCodeObject *) code;
    if (opts->max_instrs > 0 && Py_SIZE(co) > opts->max_instrs) {
        why->kind = PJ_ABORT_TOO_LARGE;
        return NULL;
    }
    PjBytecode *bc = decode(code, opts, a, why);
    if (bc == NULL)
        return NULL;
    pj_decode_resolve_names(bc, code, opts->globals, opts->builtins, a);
    bc->osr = opts->osr && !bc->is_generator && bc->has_loop;
    PjFunc *fn = pj_build_ir(bc, a, why);
    if (fn == NULL || verify(fn, "build", why) < 0)
        return NULL;
    if (!passes)
        return fn;
    pj_pass_refcount(fn);
    if (verify(fn, "refcount", why) < 0)
        return NULL;
    if (opts->unbox) {
        int n = pj_pass_unbox(fn, opts->seed, opts->nseed, opts->range_fast_path);
        if (unboxed != NULL)
            *unboxed = n;
        if (verify(fn, "unbox", why) < 0)
            return NULL;
    }
    return fn;
}

static PjLowerOptions
lower_options(const PjFunc *fn, const PjCompileOptions *opts)
{
    PjLowerOptions lo = { .range_fast_path = opts->range_fast_path,
                          .seqiter_fast_path = opts->seqiter_fast_path };
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

/* The size measure LLVM's time follows (about linearly): instructions in the module. */
static int
count_instructions(LLVMModuleRef m)
{
    int n = 0;
    for (LLVMValueRef f = LLVMGetFirstFunction(m); f != NULL; f = LLVMGetNextFunction(f))
        for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b != NULL;
             b = LLVMGetNextBasicBlock(b))
            for (LLVMValueRef i = LLVMGetFirstInstruction(b); i != NULL;
                 i = LLVMGetNextInstruction(i))
                n++;
    return n;
}

struct PjPending {
    LLVMContextRef ctx;
    LLVMModuleRef module;
    char *name;
    int tier;
    int llvm_instrs;
};

void
pj_compile_set_tier(PjPending *p, PjCompiled *out, int tier)
{
    p->tier = tier;
    out->tier = tier;
}

void
pj_compile_discard(PjPending *p)
{
    if (p == NULL)
        return;
    if (p->module != NULL)
        LLVMDisposeModule(p->module);
    if (p->ctx != NULL)
        LLVMContextDispose(p->ctx);
    free(p->name);
    free(p);
}

/* The compile-time budget, by the size of the lowered module (LLVM's time grows with it,
 * its code generation faster than linearly): a module too big for the optimising
 * pipeline gets baseline code (*out's tier says so), one too big for that is not
 * compiled (PJ_ABORT_TOO_LARGE; p->module freed). */
static void
budget(PjPending *p, const PjCompileOptions *opts, PjCompiled *out, PjAbort *why)
{
    if (p->module == NULL)
        return;
    if (opts->max_llvm_instrs > 0 && p->llvm_instrs > opts->max_llvm_instrs) {
        LLVMDisposeModule(p->module);
        p->module = NULL;
        why->kind = PJ_ABORT_TOO_LARGE;
    }
    else if (p->tier == PJ_TIER_OPTIMIZED && opts->opt_max_llvm_instrs > 0 &&
             p->llvm_instrs > opts->opt_max_llvm_instrs) {
        p->tier = PJ_TIER_BASELINE;
        out->tier = PJ_TIER_BASELINE;
    }
}

PjPending *
pj_compile_front(PyObject *code, const PjCompileOptions *opts, PjCompiled *out, PjAbort *why)
{
    memset(out, 0, sizeof *out);
    why->kind = PJ_ABORT_NONE;
    why->detail = 0;
    PyObject *exc_type, *exc_value, *exc_tb;
    PyErr_Fetch(&exc_type, &exc_value, &exc_tb);

    PjPending *p = calloc(1, sizeof(PjPending));
    PjArena arena;
    pj_arena_init(&arena);
    double t0 = now();
    PjFunc *fn = p ? frontend(code, opts, &arena, why, 1, &out->unboxed_loops) : NULL;
    double t1 = now();
    out->t_frontend = t1 - t0;
    if (p == NULL && why->kind == PJ_ABORT_NONE)
        why->kind = PJ_ABORT_NO_MEMORY;
    if (fn != NULL && opts->only_unboxed && out->unboxed_loops == 0) {
        out->not_lowered = 1;
        out->bc_instrs = fn->bc->ninstrs;
        fn = NULL;
    }
    if (fn != NULL) {
        p->name = function_name(fn);
        p->tier = opts->tier;
        p->ctx = LLVMContextCreate();
        PjLowerOptions lo = lower_options(fn, opts);
        p->module = pj_lower(fn, p->ctx, p->name, &lo, why);
        out->bc_instrs = fn->bc->ninstrs;
        out->llvm_instrs = p->module ? count_instructions(p->module) : 0;
        p->llvm_instrs = out->llvm_instrs;
        budget(p, opts, out, why);
        out->nglobal_caches = fn->nglobal_caches;
        out->nattr_caches = fn->nattr_caches;
        out->nmethod_caches = fn->nmethod_caches;
        out->tier = p->tier;
        out->osr = fn->bc->osr;
    }
    out->t_lower = now() - t1;
    pj_arena_free(&arena);
    if (p != NULL && p->module == NULL) {
        pj_compile_discard(p);
        p = NULL;
    }
    if (PyErr_Occurred()) { /* a pyjit bug; never let it reach the program */
        PJ_ASSERT(0);
        PyErr_Clear();
    }
    PyErr_Restore(exc_type, exc_value, exc_tb);
    return p;
}

int
pj_compile_back(PjEngine *e, int lane, PjPending *p, PjCompiled *out, PjAbort *why)
{
    int rc = -1;
    why->kind = PJ_ABORT_NONE;
    double t2 = now();
    if (e == NULL) {
        why->kind = PJ_ABORT_JIT_UNAVAILABLE;
    }
    else {
        /* The code cache: the same lowered module for the same tier (and host, versions)
         * is the same object code; a hit skips LLVM's passes and code generation. */
        uint64_t key = pj_engine_cache_key(e, p->module, p->tier);
        if (key != 0 &&
            pj_engine_add_cached(e, key, &out->entry, &out->handle, &out->code_bytes) == 0) {
            out->cached = 1;
            out->t_codegen = now() - t2;
            rc = 0;
        }
        else if (pj_engine_optimize(e, lane, p->module, p->tier, p->llvm_instrs, why) == 0) {
            double t3 = now();
            out->t_llvm_opt = t3 - t2;
            LLVMModuleRef m = p->module;
            p->module = NULL; /* consumed by pj_engine_add */
            rc = pj_engine_add_keyed(e, lane, m, p->name, p->tier, key, &out->entry, &out->handle,
                                     &out->code_bytes, why);
            out->t_codegen = now() - t3;
        }
    }
    pj_compile_discard(p);
    return rc;
}

int
pj_compile(PjEngine *e, PyObject *code, const PjCompileOptions *opts, PjCompiled *out, PjAbort *why)
{
    if (e == NULL) {
        memset(out, 0, sizeof *out);
        why->kind = PJ_ABORT_JIT_UNAVAILABLE;
        return -1;
    }
    PjPending *p = pj_compile_front(code, opts, out, why);
    if (p == NULL)
        return -1;
    return pj_compile_back(e, PJ_LANE_CALLER, p, out, why);
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
        PjBytecode *bc = decode(code, opts, &arena, why);
        if (bc != NULL)
            text = pj_decode_dump(bc);
        goto done;
    }
    int build_only = strcmp(stage, "ir.build") == 0;
    if (strcmp(stage, "ir") != 0 && strcmp(stage, "llvm") != 0 && !build_only)
        goto done;
    PjFunc *fn = frontend(code, opts, &arena, why, !build_only, NULL);
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
    if (m != NULL &&
        pj_engine_optimize(e, PJ_LANE_CALLER, m, opts->tier, count_instructions(m), why) == 0) {
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
