/* Lowering (pyjit IR -> LLVM IR).
 *
 * Input: a verified PjFunc.  Output: one LLVM function with the PjEntry signature
 *   PyObject *f(PyThreadState *ts, _PyInterpreterFrame *frame, PjRuntimeData *rd)
 * that runs the frame it is given, in place, as DESIGN.md section 3 describes:
 *
 *   prologue  recursion count (as _Py_EnterRecursiveCallTstate), link the frame as the
 *             thread's current frame (frame->previous, cframe->current_frame), prev_instr
 *             past RESUME;
 *   body      one LLVM block per IR block, IR block parameters as phis; locals are loads
 *             and stores of frame->localsplus; prev_instr is stored before every op that
 *             may raise or run Python code, so tracebacks and f_lineno are exact;
 *   return    unlink, uncount, return the value (stack empty, stacktop untouched);
 *   exits     each frame state becomes a block that writes its stack entries into the
 *             frame, sets prev_instr and stacktop and tail-calls pj_rt_deopt, which hands
 *             the frame to the interpreter (throwflag 1 for errors).
 *
 * Every CPython object or helper is named symbolically (rtdef.h): external globals and
 * functions that the engine binds at link time, and co_consts/co_names read through the
 * frame's code object.  No address is baked into the IR.
 *
 * Fast paths inline the common cases the 3.11 specialiser also picks -- exact ints of one
 * digit, exact floats, True/False/None, range iterators, version-checked globals -- and
 * call the CPython function with the interpreter's exact semantics otherwise.
 */
#include "cpython.h"

#include "codegen/lower.h"

#include <llvm-c/Analysis.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ir/decode.h"
#include "ir/opcodes.h"
#include "rtdef.h"

/* rangeiterobject is private to Objects/rangeobject.c; the runtime checks at start-up
 * that this layout matches the interpreter before it enables the fast path. */
typedef struct {
    PyObject_HEAD long index, start, step, len;
} PjRangeIter;

/* listiterobject and tupleiterobject (private to listobject.c and tupleobject.c) share
 * this layout; checked at start-up likewise. */
typedef struct {
    PyObject_HEAD Py_ssize_t it_index;
    PyObject *it_seq; /* NULL once exhausted */
} PjSeqIter;

/* What makes two exits the same (exit_to). */
typedef struct PjExitKey {
    const PjFrameState *fs;
    long long unit;
    int nstack, throwflag;
    PjDeoptReason reason;
    const PjULoop *u;
} PjExitKey;

typedef struct Lower {
    LLVMContextRef ctx;
    LLVMModuleRef mod;
    LLVMBuilderRef b;
    LLVMValueRef fn;
    const PjFunc *ir;
    LLVMValueRef resume_unit; /* generators: the code unit prev_instr points at on entry */
    const PjBytecode *bc;
    const PjLowerOptions *opts;
    LLVMTypeRef i1, i8, i32, i64, f64, ptr, voidt;
    LLVMValueRef ts, frame, rd, code, first_instr, localsplus, out_slot;
    LLVMBasicBlockRef *bbs; /* per IR block */
    LLVMValueRef *vals;     /* per IR value */
    unsigned md_invariant, md_prof;
    LLVMBasicBlockRef exit_bb;
    LLVMValueRef exit_phi[4];
    int last_unit; /* prev_instr value already stored on this path, -2 none */
    /* While lowering a result stored straight into a local (binop_store, iter_next): the
     * local's slot, whose old object may carry the result when it dies there, and the
     * operands (NULL: none) that may be that object. */
    LLVMValueRef reuse_slot, reuse_a, reuse_b;
    /* Unboxed loops (pass_unbox.c): the loop of the block being lowered (NULL: none); per
     * loop, the allocas of each unboxed local's value and of the dirty masks, bit i%64 of
     * word i/64 for local i (written since the frame's slot was last made current).  One
     * i64 instead of an i1 per local: as SSA phis after sroa, n-body's advance had 311
     * i1 phis and a flush call with 19 arguments at each of 83 exits. */
    const PjULoop *cur_u;
    LLVMValueRef **uval, **udirty;
    LLVMBasicBlockRef last_exit; /* the last exit from an unboxed loop, and its key */
    PjExitKey last_exit_key;
    LLVMBasicBlockRef *uflush; /* per loop, its exits' write-back block (leave_unboxed), */
    LLVMValueRef *uflush_phi;  /* with 4 phis each for the common exit's, */
    LLVMValueRef *uflush_fn;   /* and its write-back function (flush_function) */
    LLVMValueRef *flush_args;  /* scratch: a flush call's arguments, */
    LLVMTypeRef *flush_params; /* and the flush function's parameters */
    LLVMValueRef *aux;
    PjAbort why;
} Lower;

/* ---- Small builders ------------------------------------------------------------------- */

static LLVMValueRef
ci32(Lower *L, long long v)
{
    return LLVMConstInt(L->i32, (unsigned long long) v, 1);
}

static LLVMValueRef
ci1(Lower *L, int v)
{
    return LLVMConstInt(L->i1, v != 0, 0);
}

static LLVMValueRef
ci64(Lower *L, long long v)
{
    return LLVMConstInt(L->i64, (unsigned long long) v, 1);
}

static LLVMValueRef
gep(Lower *L, LLVMValueRef p, long long off)
{
    if (off == 0)
        return p;
    LLVMValueRef idx = ci64(L, off);
    return LLVMBuildGEP2(L->b, L->i8, p, &idx, 1, "");
}

static LLVMValueRef
load(Lower *L, LLVMTypeRef t, LLVMValueRef p, long long off)
{
    return LLVMBuildLoad2(L->b, t, gep(L, p, off), "");
}

/* A load of memory that never changes while the code runs (code object fields, tuple
 * items of co_consts/co_names, frame->f_code). */
static LLVMValueRef
load_inv(Lower *L, LLVMTypeRef t, LLVMValueRef p, long long off)
{
    LLVMValueRef v = load(L, t, p, off);
    LLVMSetMetadata(v, L->md_invariant,
                    LLVMMetadataAsValue(L->ctx, LLVMMDNodeInContext2(L->ctx, NULL, 0)));
    return v;
}

static void
store(Lower *L, LLVMValueRef v, LLVMValueRef p, long long off)
{
    LLVMBuildStore(L->b, v, gep(L, p, off));
}

static LLVMBasicBlockRef
new_bb(Lower *L, const char *name)
{
    return LLVMAppendBasicBlockInContext(L->ctx, L->fn, name);
}

static void
at(Lower *L, LLVMBasicBlockRef bb)
{
    LLVMPositionBuilderAtEnd(L->b, bb);
}

/* Conditional branch where `cold` is the unlikely target when `cond` is true. */
static void
br_cold(Lower *L, LLVMValueRef cond, LLVMBasicBlockRef cold, LLVMBasicBlockRef hot)
{
    LLVMValueRef br = LLVMBuildCondBr(L->b, cond, cold, hot);
    LLVMMetadataRef w[3] = {
        LLVMMDStringInContext2(L->ctx, "branch_weights", 14),
        LLVMValueAsMetadata(ci32(L, 1)),
        LLVMValueAsMetadata(ci32(L, 2000)),
    };
    LLVMSetMetadata(br, L->md_prof,
                    LLVMMetadataAsValue(L->ctx, LLVMMDNodeInContext2(L->ctx, w, 3)));
}

/* ---- Symbols from rtdef.h ------------------------------------------------------------ */

typedef struct FnSig {
    const char *name;
    char ret;
    int nparams;
    const char *params;
} FnSig;

static const FnSig fn_sigs[] = {
#define X(name, ret, n, params) { #name, #ret[0], n, #params },
    PJ_RT_HELPERS(X) PJ_CAPI_FUNCS(X)
#undef X
};

static LLVMTypeRef
type_of_letter(Lower *L, char c)
{
    switch (c) {
    case 'V':
        return L->voidt;
    case 'I':
        return L->i32;
    case 'L':
        return L->i64;
    case 'D':
        return L->f64;
    default:
        return L->ptr; /* O, P */
    }
}

static LLVMValueRef
func(Lower *L, const char *name)
{
    LLVMValueRef f = LLVMGetNamedFunction(L->mod, name);
    if (f != NULL)
        return f;
    for (size_t i = 0; i < PJ_ARRAY_LEN(fn_sigs); i++) {
        if (strcmp(fn_sigs[i].name, name) != 0)
            continue;
        LLVMTypeRef params[8];
        int n = 0;
        for (const char *p = fn_sigs[i].params; *p && n < 8; p++)
            if (*p >= 'A' && *p <= 'Z')
                params[n++] = type_of_letter(L, *p);
        PJ_CHECK(n == fn_sigs[i].nparams, "rtdef.h row %s", name);
        LLVMTypeRef ft =
            LLVMFunctionType(type_of_letter(L, fn_sigs[i].ret), params, (unsigned) n, 0);
        f = LLVMAddFunction(L->mod, name, ft);
        unsigned nounwind = LLVMGetEnumAttributeKindForName("nounwind", 8);
        LLVMAddAttributeAtIndex(f, LLVMAttributeFunctionIndex,
                                LLVMCreateEnumAttribute(L->ctx, nounwind, 0));
        return f;
    }
    if (strncmp(name, "pj_rt_op_", 9) == 0) { /* PJ_RT_STACK_OPS: int (P, P, P, I) */
        LLVMTypeRef params[4] = { L->ptr, L->ptr, L->ptr, L->i32 };
        f = LLVMAddFunction(L->mod, name, LLVMFunctionType(L->i32, params, 4, 0));
        unsigned nounwind = LLVMGetEnumAttributeKindForName("nounwind", 8);
        LLVMAddAttributeAtIndex(f, LLVMAttributeFunctionIndex,
                                LLVMCreateEnumAttribute(L->ctx, nounwind, 0));
        return f;
    }
    PJ_CHECK(0, "symbol %s is not in rtdef.h", name);
}

static LLVMValueRef
call(Lower *L, const char *name, LLVMValueRef *args, unsigned n)
{
    LLVMValueRef f = func(L, name);
    return LLVMBuildCall2(L->b, LLVMGlobalGetValueType(f), f, args, n, "");
}

static LLVMValueRef
data(Lower *L, const char *name)
{
    LLVMValueRef g = LLVMGetNamedGlobal(L->mod, name);
    if (g == NULL) {
        g = LLVMAddGlobal(L->mod, L->i8, name);
        LLVMSetLinkage(g, LLVMExternalLinkage);
    }
    return g;
}

/* ---- Reference counts ------------------------------------------------------------------ */

static void
incref(Lower *L, LLVMValueRef o)
{
    LLVMValueRef rc = load(L, L->i64, o, offsetof(PyObject, ob_refcnt));
    store(L, LLVMBuildAdd(L->b, rc, ci64(L, 1), ""), o, offsetof(PyObject, ob_refcnt));
}

static void materialize(Lower *L, const PjULoop *u);
static LLVMValueRef is_type(Lower *L, LLVMValueRef o, const char *type_sym);

static void
decref(Lower *L, LLVMValueRef o)
{
    LLVMValueRef rc = load(L, L->i64, o, offsetof(PyObject, ob_refcnt));
    LLVMValueRef rc1 = LLVMBuildSub(L->b, rc, ci64(L, 1), "");
    store(L, rc1, o, offsetof(PyObject, ob_refcnt));
    LLVMBasicBlockRef dealloc = new_bb(L, "dealloc"), cont = new_bb(L, "");
    br_cold(L, LLVMBuildICmp(L->b, LLVMIntEQ, rc1, ci64(L, 0), ""), dealloc, cont);
    at(L, dealloc);
    /* In an unboxed loop a finaliser (Python code) sees the frame's locals current; a
     * float or an int has none. */
    if (L->cur_u != NULL && L->cur_u->nlocals > 0) {
        LLVMBasicBlockRef flush = new_bb(L, "dealloc.flush"), go = new_bb(L, "");
        LLVMBuildCondBr(
            L->b,
            LLVMBuildOr(L->b, is_type(L, o, "PyFloat_Type"), is_type(L, o, "PyLong_Type"), ""), go,
            flush);
        at(L, flush);
        materialize(L, L->cur_u);
        LLVMBuildBr(L->b, go);
        at(L, go);
    }
    call(L, "_Py_Dealloc", &o, 1);
    LLVMBuildBr(L->b, cont);
    at(L, cont);
}

/* A decref at `at` that cannot free: the object is a constant (co_consts holds it while the code
 * runs) or a value loaded from a local that nothing rebinds before this point in the
 * block (the frame's local still holds it; only the function itself can rebind its fast
 * locals while it runs natively).  No zero test, no dealloc branch. */
static int
still_referenced(const PjInstr *v, const PjInstr *at)
{
    if (v->op == PJ_IR_const_obj || v->op == PJ_IR_none)
        return 1;
    if (v->op != PJ_IR_load_local || v->block != at->block)
        return 0;
    for (const PjInstr *p = at->prev; p != NULL && p != v; p = p->prev)
        if ((p->op == PJ_IR_store_local && p->imm[0] == v->imm[0]) ||
            (p->op == PJ_IR_binop_store && p->imm[1] == v->imm[0]))
            return 0;
    return 1;
}

static void
xdecref(Lower *L, LLVMValueRef o)
{
    LLVMBasicBlockRef yes = new_bb(L, ""), cont = new_bb(L, "");
    LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, o, ""), cont, yes);
    at(L, yes);
    decref(L, o);
    LLVMBuildBr(L->b, cont);
    at(L, cont);
}

/* ---- Frame, exits ---------------------------------------------------------------------- */

/* Whether the fast path for `h` is worth emitting at `in`: nothing is known, or the
 * feedback names exactly this case. */
static int
wants(const PjInstr *in, PjHint h)
{
    return in->hint == PJ_HINT_NONE || in->hint == h;
}

/* Inline fast paths or a helper call for `in`: in large functions (opts->compact), the
 * helper call for everything. */
static int
compact_all(const Lower *L)
{
    return L->opts->compact;
}

/* For arithmetic and comparisons, whose inline int and float paths are the biggest: also
 * in a function with a loop, the code outside every loop -- it runs once per call, so
 * code size (LLVM's time) matters more there than a few nanoseconds. */
static int
compact_at(const Lower *L, const PjInstr *in)
{
    if (L->opts->compact)
        return 1;
    if (!L->bc->has_loop || in->bc < 0 || in->bc >= L->bc->ninstrs)
        return 0;
    return !L->bc->instrs[in->bc].in_loop;
}

static LLVMValueRef
val(Lower *L, const PjInstr *v)
{
    LLVMValueRef r = L->vals[v->id];
    PJ_CHECK(r != NULL, "IR value %%%d used before its definition", v->id);
    return r;
}

static void
decref_at(Lower *L, const PjInstr *v, const PjInstr *at)
{
    LLVMValueRef o = val(L, v);
    if (still_referenced(v, at))
        store(L,
              LLVMBuildSub(L->b, load(L, L->i64, o, offsetof(PyObject, ob_refcnt)), ci64(L, 1), ""),
              o, offsetof(PyObject, ob_refcnt));
    else
        decref(L, o);
}

static LLVMValueRef
stack_slot(Lower *L, int slot)
{
    return gep(L, L->localsplus, (long long) sizeof(PyObject *) * (L->bc->nlocalsplus + slot));
}

static void
set_prev_instr(Lower *L, int unit)
{
    if (unit == L->last_unit)
        return;
    store(L, gep(L, L->first_instr, 2LL * unit), L->frame,
          offsetof(_PyInterpreterFrame, prev_instr));
    L->last_unit = unit;
}

/* ---- Unboxed loops: locals in registers ---------------------------------------------------- */

static int
uindex(const PjULoop *u, int local)
{
    for (int i = 0; i < u->nlocals; i++)
        if (u->local[i] == local)
            return i;
    return -1;
}

static LLVMTypeRef
ut_type(Lower *L, int ut)
{
    return ut == PJ_UT_I64 ? L->i64 : ut == PJ_UT_F64 ? L->f64 : L->ptr;
}

static LLVMValueRef
local_slot(Lower *L, long long local)
{
    return gep(L, L->localsplus, (long long) sizeof(PyObject *) * local);
}

/* Counts a miss of a fast path the interpreter's feedback chose (its type check failed),
 * and at PJ_MISS_LIMIT asks for the function to be compiled again. */
static void
note_miss(Lower *L)
{
    LLVMValueRef p = gep(L, L->rd, (long long) offsetof(PjRuntimeData, misses));
    LLVMValueRef old = LLVMBuildAtomicRMW(L->b, LLVMAtomicRMWBinOpAdd, p, ci32(L, 1),
                                          LLVMAtomicOrderingMonotonic, 0);
    LLVMBasicBlockRef stale = new_bb(L, "hint.stale"), go = new_bb(L, "");
    br_cold(L, LLVMBuildICmp(L->b, LLVMIntEQ, old, ci32(L, PJ_MISS_LIMIT - 1), ""), stale, go);
    at(L, stale);
    call(L, "pj_rt_fast_paths_stale", &L->frame, 1);
    LLVMBuildBr(L->b, go);
    at(L, go);
}

/* Where a failed type check of a fast path goes: `to`, through a block counting the miss
 * when that path is there because the interpreter's feedback chose it (`chosen`: the
 * instruction's hint names the type checked). */
static LLVMBasicBlockRef
miss_to(Lower *L, int chosen, LLVMBasicBlockRef to)
{
    if (!chosen)
        return to;
    LLVMBasicBlockRef saved = LLVMGetInsertBlock(L->b), bb = new_bb(L, "hint.miss");
    at(L, bb);
    note_miss(L);
    LLVMBuildBr(L->b, to);
    at(L, saved);
    return bb;
}

/* The i64 words of a loop's dirty mask for n unboxed locals. */
static inline int
dirty_words(int n)
{
    return (n + 63) / 64;
}

/* Loop u's write-back as a function of its own (internal, cold, never inlined), called
 * with the frame's locals, each unboxed local's value and the dirty mask: inlined at each
 * of a loop's deallocs and polls, it was most of the loop's code (n-body's advance: 162 of
 * its 192 write-back calls). */
static LLVMValueRef
flush_function(Lower *L, const PjULoop *u)
{
    int ui = (int) (u - L->ir->uloops), n = u->nlocals;
    if (L->uflush_fn[ui] != NULL)
        return L->uflush_fn[ui];
    LLVMTypeRef *params = L->flush_params;
    params[0] = L->ptr;
    for (int i = 0; i < n; i++)
        params[1 + i] = ut_type(L, u->type[i]);
    for (int w = 0; w < dirty_words(n); w++)
        params[1 + n + w] = L->i64;
    char name[48];
    snprintf(name, sizeof name, "pj.unboxed.flush.%d", ui);
    LLVMValueRef f = LLVMAddFunction(
        L->mod, name, LLVMFunctionType(L->voidt, params, (unsigned) (1 + n + dirty_words(n)), 0));
    LLVMSetLinkage(f, LLVMInternalLinkage);
    const char *attrs[2] = { "noinline", "cold" };
    for (int k = 0; k < 2; k++)
        LLVMAddAttributeAtIndex(
            f, LLVMAttributeFunctionIndex,
            LLVMCreateEnumAttribute(
                L->ctx, LLVMGetEnumAttributeKindForName(attrs[k], strlen(attrs[k])), 0));
    LLVMBasicBlockRef saved = LLVMGetInsertBlock(L->b);
    LLVMValueRef saved_fn = L->fn, saved_locals = L->localsplus;
    L->fn = f;
    L->localsplus = LLVMGetParam(f, 0);
    at(L, new_bb(L, "entry"));
    for (int i = 0; i < n; i++) {
        LLVMBasicBlockRef yes = new_bb(L, "unboxed.store"), next = new_bb(L, "");
        LLVMValueRef word = LLVMGetParam(f, (unsigned) (1 + n + i / 64));
        LLVMValueRef bit = LLVMBuildAnd(L->b, word, ci64(L, (long long) (1ULL << (i % 64))), "");
        LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntNE, bit, ci64(L, 0), ""), yes, next);
        at(L, yes);
        LLVMValueRef args[2] = { local_slot(L, u->local[i]), LLVMGetParam(f, (unsigned) (1 + i)) };
        call(L, u->type[i] == PJ_UT_F64 ? "pj_rt_unboxed_set_f64" : "pj_rt_unboxed_set_i64", args,
             2);
        LLVMBuildBr(L->b, next);
        at(L, next);
    }
    LLVMBuildRetVoid(L->b);
    L->fn = saved_fn;
    L->localsplus = saved_locals;
    at(L, saved);
    L->uflush_fn[ui] = f;
    return f;
}

/* The frame's slots made current for every unboxed local of `u` written since they last
 * were: where the loop is left, and before code that might look at the frame runs. */
static void
materialize(Lower *L, const PjULoop *u)
{
    int ui = (int) (u - L->ir->uloops), n = u->nlocals;
    if (n == 0)
        return;
    LLVMValueRef f = flush_function(L, u);
    LLVMValueRef *args = L->flush_args;
    args[0] = L->localsplus;
    for (int i = 0; i < n; i++)
        args[1 + i] = LLVMBuildLoad2(L->b, ut_type(L, u->type[i]), L->uval[ui][i], "");
    for (int w = 0; w < dirty_words(n); w++)
        args[1 + n + w] = LLVMBuildLoad2(L->b, L->i64, L->udirty[ui][w], "");
    LLVMBuildCall2(L->b, LLVMGlobalGetValueType(f), f, args, (unsigned) (1 + n + dirty_words(n)),
                   "");
    for (int w = 0; w < dirty_words(n); w++)
        LLVMBuildStore(L->b, ci64(L, 0), L->udirty[ui][w]);
}

static LLVMBasicBlockRef common_exit(Lower *L);

/* A path leaving the function from unboxed loop u for the interpreter, with the common
 * exit's values v (unit, stack top, throwflag, reason): it goes through the loop's one
 * block that makes the frame's slots current (materialize) and feeds the exit's phis from
 * its own.  A loop has a hundred such exits and inlining the write-backs at each made its
 * code several times bigger.  (Sharing the block through a switch on a return id, as
 * before, did not last: jump threading copied it back into each exit.) */
static void
leave_unboxed(Lower *L, const PjULoop *u, LLVMValueRef v[4])
{
    int ui = (int) (u - L->ir->uloops);
    LLVMBasicBlockRef from = LLVMGetInsertBlock(L->b);
    LLVMValueRef *phi = &L->uflush_phi[4 * ui];
    if (L->uflush[ui] == NULL) {
        LLVMBasicBlockRef exit = common_exit(L);
        L->uflush[ui] = new_bb(L, "unboxed.exit");
        at(L, L->uflush[ui]);
        for (int i = 0; i < 4; i++)
            phi[i] = LLVMBuildPhi(L->b, i == 0 ? L->i64 : L->i32, "");
        materialize(L, u);
        LLVMBuildBr(L->b, exit);
        LLVMBasicBlockRef end = LLVMGetInsertBlock(L->b);
        for (int i = 0; i < 4; i++)
            LLVMAddIncoming(L->exit_phi[i], &phi[i], &end, 1);
        at(L, from);
    }
    LLVMBuildBr(L->b, L->uflush[ui]);
    for (int i = 0; i < 4; i++)
        LLVMAddIncoming(phi[i], &v[i], &from, 1);
}

static LLVMValueRef co_item(Lower *L, size_t field, long long i);

/* A new reference to the object unboxed value v stands for.  A constant is its own
 * object from co_consts, as LOAD_CONST pushes it (n-body's advance: 50 boxing calls at
 * the exits of its list reads, each pushing an index). */
static LLVMValueRef
box_unboxed(Lower *L, const PjInstr *v)
{
    if (v->op == PJ_IR_const_obj) {
        LLVMValueRef o = co_item(L, offsetof(PyCodeObject, co_consts), v->imm[0]);
        incref(L, o);
        return o;
    }
    LLVMValueRef x = L->vals[v->id];
    return call(L, v->ut == PJ_UT_F64 ? "pj_rt_unboxed_box_f64" : "pj_rt_unboxed_box_i64", &x, 1);
}

/* An exit unit meaning "leave prev_instr as it is". */
#define PJ_KEEP_UNIT (-100)

/* The one block through which compiled code leaves for the interpreter (errors and
 * deopts alike): phis select prev_instr's unit, the stack depth, throwflag and the reason.
 * The value stack needs no writing here: the builder keeps the frame's slots current at
 * every op boundary (store_stack after each push). */
static LLVMBasicBlockRef
common_exit(Lower *L)
{
    if (L->exit_bb != NULL)
        return L->exit_bb;
    LLVMBasicBlockRef saved = LLVMGetInsertBlock(L->b);
    L->exit_bb = new_bb(L, "exit");
    at(L, L->exit_bb);
    L->exit_phi[0] = LLVMBuildPhi(L->b, L->i64, "exit.unit");
    L->exit_phi[1] = LLVMBuildPhi(L->b, L->i32, "exit.stacktop");
    L->exit_phi[2] = LLVMBuildPhi(L->b, L->i32, "exit.throwflag");
    L->exit_phi[3] = LLVMBuildPhi(L->b, L->i32, "exit.reason");
    /* A re-raise keeps the prev_instr its helper set (the original raise's line). */
    LLVMValueRef off = LLVMBuildMul(L->b, L->exit_phi[0], ci64(L, 2), "");
    LLVMValueRef prev = LLVMBuildGEP2(L->b, L->i8, L->first_instr, &off, 1, "");
    LLVMValueRef keep = LLVMBuildICmp(L->b, LLVMIntEQ, L->exit_phi[0], ci64(L, PJ_KEEP_UNIT), "");
    LLVMValueRef cur = load(L, L->ptr, L->frame, offsetof(_PyInterpreterFrame, prev_instr));
    store(L, LLVMBuildSelect(L->b, keep, cur, prev, ""), L->frame,
          offsetof(_PyInterpreterFrame, prev_instr));
    store(L, L->exit_phi[1], L->frame, offsetof(_PyInterpreterFrame, stacktop));
    LLVMValueRef args[4] = { L->ts, L->frame, L->exit_phi[2], L->exit_phi[3] };
    LLVMValueRef r = call(L, "pj_rt_deopt", args, 4);
    LLVMSetTailCall(r, 1);
    LLVMBuildRet(L->b, r);
    at(L, saved);
    return L->exit_bb;
}

static LLVMBasicBlockRef exit_to(Lower *L, const PjFrameState *fs, long long unit, int nstack,
                                 int throwflag, PjDeoptReason reason);

/* The exit for frame state `fs`, to be branched to from the current block. */
static LLVMBasicBlockRef
exit_block(Lower *L, const PjFrameState *fs, int throwflag, PjDeoptReason reason)
{
    return exit_to(L, fs, fs->notb ? PJ_KEEP_UNIT : fs->prev_unit, fs->nstack, throwflag, reason);
}

/* An exit that sets prev_instr to `unit` and the stack depth to `nstack` (fs: the values
 * on the stack, boxed when they are machine numbers). */
static LLVMBasicBlockRef
exit_to(Lower *L, const PjFrameState *fs, long long unit, int nstack, int throwflag,
        PjDeoptReason reason)
{
    LLVMBasicBlockRef bb = common_exit(L);
    LLVMBasicBlockRef from = LLVMGetInsertBlock(L->b);
    /* The checks of one instruction in an unboxed loop (an item read has three) leave
     * through one block: its stack values are defined before all of them. */
    PjExitKey key = { fs, unit, nstack, throwflag, reason, L->cur_u };
    const PjExitKey *k = &L->last_exit_key;
    if (L->cur_u != NULL && L->last_exit != NULL && k->fs == fs && k->unit == unit &&
        k->nstack == nstack && k->throwflag == throwflag && k->reason == reason && k->u == L->cur_u)
        return L->last_exit;
    LLVMValueRef v[4] = { ci64(L, unit), ci32(L, L->bc->nlocalsplus + nstack), ci32(L, throwflag),
                          ci32(L, reason) };
    if (L->cur_u != NULL) {
        /* Leaving an unboxed loop: the frame gets its locals and stack entries as objects. */
        LLVMBasicBlockRef first = new_bb(L, "exit.unboxed");
        L->last_exit = first;
        L->last_exit_key = key;
        at(L, first);
        for (int i = 0; i < fs->nstack && i < nstack; i++)
            if (fs->stack[i]->ut != PJ_UT_OBJ)
                LLVMBuildStore(L->b, box_unboxed(L, fs->stack[i]), stack_slot(L, i));
        leave_unboxed(L, L->cur_u, v);
        at(L, from);
        return first;
    }
    for (int i = 0; i < 4; i++)
        LLVMAddIncoming(L->exit_phi[i], &v[i], &from, 1);
    return bb;
}

/* An exception raised with frame state `fs` lands at its handler in compiled code: the
 * landing helper adds the traceback entry, pops the stack to the handler's depth and
 * writes lasti and the exception into their slots, which the handler's block takes as
 * its last parameters (the ones below are the stack values at the raise). */
static LLVMBasicBlockRef
landing(Lower *L, const PjFrameState *fs)
{
    LLVMBasicBlockRef saved = LLVMGetInsertBlock(L->b);
    int saved_unit = L->last_unit;
    LLVMBasicBlockRef bb = new_bb(L, "landing"), go = new_bb(L, "");
    at(L, bb);
    if (!fs->notb) {
        L->last_unit = -2;
        set_prev_instr(L, fs->prev_unit);
    }
    LLVMValueRef args[6] = { L->ts,
                             L->frame,
                             ci32(L, !fs->notb),
                             ci32(L, fs->nstack),
                             ci32(L, fs->hdepth),
                             ci32(L, fs->hlasti) };
    LLVMValueRef rc = call(L, "pj_rt_exc_landing", args, 6);
    br_cold(L, LLVMBuildICmp(L->b, LLVMIntNE, rc, ci32(L, 0), ""),
            exit_block(L, fs, 1, PJ_DEOPT_ERROR), go);
    at(L, go);
    const PjBlock *h = fs->handler;
    for (int i = 0; i < h->nparams; i++) {
        LLVMValueRef v = i < fs->hdepth ? val(L, fs->stack[i])
                                        : LLVMBuildLoad2(L->b, L->ptr, stack_slot(L, i), "");
        LLVMBasicBlockRef from = LLVMGetInsertBlock(L->b);
        LLVMAddIncoming(L->vals[h->params[i]->id], &v, &from, 1);
    }
    LLVMBuildBr(L->b, L->bbs[h->id]);
    at(L, saved);
    L->last_unit = saved_unit;
    return bb;
}

/* A re-raise whose handler runs in the interpreter: the interpreter would add a traceback
 * entry if handed the exception (throwflag), so the unwinding happens here, as in
 * landing(), and the interpreter starts at the handler's first instruction. */
static LLVMBasicBlockRef
interp_landing(Lower *L, const PjFrameState *fs)
{
    LLVMBasicBlockRef saved = LLVMGetInsertBlock(L->b);
    LLVMBasicBlockRef bb = new_bb(L, "landing.interp"), go = new_bb(L, "");
    at(L, bb);
    LLVMValueRef args[6] = {
        L->ts, L->frame, ci32(L, 0), ci32(L, fs->nstack), ci32(L, fs->hdepth), ci32(L, fs->hlasti)
    };
    LLVMValueRef rc = call(L, "pj_rt_exc_landing", args, 6);
    /* (nonzero only when no memory was left for lasti: the interpreter unwinds instead) */
    br_cold(L, LLVMBuildICmp(L->b, LLVMIntNE, rc, ci32(L, 0), ""),
            exit_to(L, fs, fs->prev_unit, fs->nstack, 1, PJ_DEOPT_ERROR), go);
    at(L, go);
    LLVMBuildBr(L->b, exit_to(L, fs, L->bc->instrs[fs->htarget].start - 1,
                              fs->hdepth + fs->hlasti + 1, 0, PJ_DEOPT_ERROR));
    at(L, saved);
    return bb;
}

static LLVMBasicBlockRef
error_exit(Lower *L, const PjFrameState *fs)
{
    if (fs->handler != NULL)
        return landing(L, fs);
    if (fs->notb && fs->interp_handler && fs->nstack >= fs->hdepth)
        return interp_landing(L, fs);
    if (fs->notb)
        return exit_block(L, fs, PJ_EXIT_PROPAGATE, PJ_DEOPT_ERROR);
    return exit_block(L, fs, fs->interp_handler ? 1 : PJ_EXIT_RAISE, PJ_DEOPT_ERROR);
}

/* Branches to the error exit when `failed` holds, continues otherwise. */
static void
check_error(Lower *L, LLVMValueRef failed, const PjFrameState *fs)
{
    LLVMBasicBlockRef cont = new_bb(L, "");
    br_cold(L, failed, error_exit(L, fs), cont);
    at(L, cont);
}

/* For a C call returning int 0 on success, nonzero (-1) with an exception set. */
static void
check_status(Lower *L, LLVMValueRef rc, const PjFrameState *fs)
{
    check_error(L, LLVMBuildICmp(L->b, LLVMIntNE, rc, ci32(L, 0), ""), fs);
}

static void
check_null(Lower *L, LLVMValueRef v, const PjFrameState *fs)
{
    check_error(L, LLVMBuildIsNull(L->b, v, ""), fs);
}

/* ---- Object helpers -------------------------------------------------------------------- */

static LLVMValueRef
type_of(Lower *L, LLVMValueRef o)
{
    return load(L, L->ptr, o, offsetof(PyObject, ob_type));
}

static LLVMValueRef
is_type(Lower *L, LLVMValueRef o, const char *type_sym)
{
    return LLVMBuildICmp(L->b, LLVMIntEQ, type_of(L, o), data(L, type_sym), "");
}

static LLVMValueRef
and2(Lower *L, LLVMValueRef a, LLVMValueRef b)
{
    return LLVMBuildAnd(L->b, a, b, "");
}

/* i1: both objects are exactly of the type `type_sym`. */
static LLVMValueRef
both_type(Lower *L, LLVMValueRef a, LLVMValueRef b, const char *type_sym)
{
    return and2(L, is_type(L, a, type_sym), is_type(L, b, type_sym));
}

/* Operand classification.  Only the type pointer (offset 8) may be read before the type
 * is known; an object's other fields are read only in blocks where its type is. */
static LLVMValueRef
is_long_type(Lower *L, const PjInstr *v, LLVMValueRef o)
{
    if (v != NULL && v->kt == PJ_KT_SMALLINT)
        return LLVMConstInt(L->i1, 1, 0);
    if (v != NULL && v->kt != PJ_KT_ANY)
        return LLVMConstInt(L->i1, 0, 0);
    return is_type(L, o, "PyLong_Type");
}

static LLVMValueRef
is_float(Lower *L, const PjInstr *v, LLVMValueRef o)
{
    if (v != NULL && v->kt == PJ_KT_FLOAT)
        return LLVMConstInt(L->i1, 1, 0);
    if (v != NULL && v->kt != PJ_KT_ANY)
        return LLVMConstInt(L->i1, 0, 0);
    return is_type(L, o, "PyFloat_Type");
}

/* The value of an exact int known to be one, as an i64; branches to `generic` unless it
 * has at most two 30-bit digits (|v| < 2**60, so sums and differences of two such values
 * cannot overflow 64 bits; products are checked). */
static LLVMValueRef
smallint_or(Lower *L, const PjInstr *v, LLVMValueRef o, LLVMBasicBlockRef generic)
{
    LLVMValueRef size = load(L, L->i64, o, offsetof(PyVarObject, ob_size));
    LLVMValueRef d0 =
        LLVMBuildZExt(L->b, load(L, L->i32, o, offsetof(PyLongObject, ob_digit)), L->i64, "");
    if (v != NULL && v->kt == PJ_KT_SMALLINT)
        return LLVMBuildMul(L->b, size, d0, "");
    LLVMBasicBlockRef ok = new_bb(L, ""), two = new_bb(L, "int.2digits"), join = new_bb(L, "");
    LLVMBuildCondBr(
        L->b,
        LLVMBuildICmp(L->b, LLVMIntULT, LLVMBuildAdd(L->b, size, ci64(L, 2), ""), ci64(L, 5), ""),
        ok, generic);
    at(L, ok);
    LLVMValueRef neg = LLVMBuildICmp(L->b, LLVMIntSLT, size, ci64(L, 0), "");
    LLVMValueRef mag1 =
        LLVMBuildMul(L->b, LLVMBuildSelect(L->b, neg, LLVMBuildNeg(L->b, size, ""), size, ""), d0,
                     ""); /* 0 or d0 for |size| <= 1 */
    LLVMBasicBlockRef one_end = LLVMGetInsertBlock(L->b);
    LLVMValueRef is_two = LLVMBuildICmp(
        L->b, LLVMIntEQ, LLVMBuildSelect(L->b, neg, LLVMBuildNeg(L->b, size, ""), size, ""),
        ci64(L, 2), "");
    LLVMBuildCondBr(L->b, is_two, two, join);
    at(L, two);
    LLVMValueRef d1 = LLVMBuildZExt(
        L->b, load(L, L->i32, o, offsetof(PyLongObject, ob_digit) + sizeof(digit)), L->i64, "");
    LLVMValueRef mag2 =
        LLVMBuildOr(L->b, d0, LLVMBuildShl(L->b, d1, ci64(L, PyLong_SHIFT), ""), "");
    LLVMBuildBr(L->b, join);
    at(L, join);
    LLVMValueRef mag = LLVMBuildPhi(L->b, L->i64, "");
    LLVMValueRef vs[2] = { mag1, mag2 };
    LLVMBasicBlockRef bs[2] = { one_end, two };
    LLVMAddIncoming(mag, vs, bs, 2);
    return LLVMBuildSelect(L->b, neg, LLVMBuildNeg(L->b, mag, ""), mag, "");
}

/* An i1: |v| < 2**53, so v converts to a double exactly (and compares with one exactly). */
static LLVMValueRef
fits_double(Lower *L, LLVMValueRef v)
{
    return LLVMBuildICmp(L->b, LLVMIntULT, LLVMBuildAdd(L->b, v, ci64(L, 1LL << 53), ""),
                         ci64(L, 1LL << 54), "");
}

/* {result, overflowed} of an overflow-checked i64 operation (llvm.<name>.with.overflow). */
static LLVMValueRef
checked_op(Lower *L, const char *name, LLVMValueRef a, LLVMValueRef b, LLVMValueRef *overflow)
{
    unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
    LLVMTypeRef t = L->i64;
    LLVMValueRef f = LLVMGetIntrinsicDeclaration(L->mod, id, &t, 1);
    LLVMValueRef args[2] = { a, b };
    LLVMValueRef r = LLVMBuildCall2(L->b, LLVMIntrinsicGetType(L->ctx, id, &t, 1), f, args, 2, "");
    *overflow = LLVMBuildExtractValue(L->b, r, 1, "");
    return LLVMBuildExtractValue(L->b, r, 0, "");
}

/* {result, overflowed} of an overflow-checked i64 multiplication. */
static LLVMValueRef
checked_mul(Lower *L, LLVMValueRef a, LLVMValueRef b, LLVMValueRef *overflow)
{
    return checked_op(L, "llvm.smul.with.overflow", a, b, overflow);
}

static LLVMValueRef
float_value(Lower *L, LLVMValueRef o)
{
    return load(L, L->f64, o, offsetof(PyFloatObject, ob_fval));
}

/* The double value of an exact float or of an exact int of up to 53 bits (converted
 * exactly), for an object known to be one of the two; other ints branch to `generic`. */
static LLVMValueRef
as_double_or(Lower *L, const PjInstr *v, LLVMValueRef o, LLVMBasicBlockRef generic)
{
    if (v != NULL && v->kt == PJ_KT_FLOAT)
        return float_value(L, o);
    if (v != NULL && v->kt == PJ_KT_SMALLINT)
        return LLVMBuildSIToFP(L->b, smallint_or(L, v, o, generic), L->f64, "");
    LLVMBasicBlockRef fb = new_bb(L, ""), ib = new_bb(L, ""), join = new_bb(L, "");
    LLVMBuildCondBr(L->b, is_type(L, o, "PyFloat_Type"), fb, ib);
    at(L, fb);
    LLVMValueRef d1 = float_value(L, o);
    LLVMBasicBlockRef fb_end = LLVMGetInsertBlock(L->b);
    LLVMBuildBr(L->b, join);
    at(L, ib);
    LLVMValueRef iv = smallint_or(L, v, o, generic);
    LLVMBasicBlockRef exact = new_bb(L, "");
    LLVMBuildCondBr(L->b, fits_double(L, iv), exact, generic); /* exact conversion only */
    at(L, exact);
    LLVMValueRef d2 = LLVMBuildSIToFP(L->b, iv, L->f64, "");
    LLVMBasicBlockRef ib_end = LLVMGetInsertBlock(L->b);
    LLVMBuildBr(L->b, join);
    at(L, join);
    LLVMValueRef phi = LLVMBuildPhi(L->b, L->f64, "");
    LLVMValueRef vs[2] = { d1, d2 };
    LLVMBasicBlockRef bs[2] = { fb_end, ib_end };
    LLVMAddIncoming(phi, vs, bs, 2);
    return phi;
}

/* i1: the object is an exact float or an exact int. */
static LLVMValueRef
is_number(Lower *L, const PjInstr *v, LLVMValueRef o)
{
    return LLVMBuildOr(L->b, is_float(L, v, o), is_long_type(L, v, o), "");
}

static LLVMValueRef
bool_obj(Lower *L, LLVMValueRef c)
{
    return LLVMBuildSelect(L->b, c, data(L, "_Py_TrueStruct"), data(L, "_Py_FalseStruct"), "");
}

/* A result merger: fast paths and the generic path each add (value, block). */
typedef struct Merge {
    LLVMBasicBlockRef bb;
    LLVMValueRef vals[16];
    LLVMBasicBlockRef from[16];
    int n;
} Merge;

static void
merge_add(Lower *L, Merge *m, LLVMValueRef v)
{
    PJ_CHECK(m->n < 16, "merge overflow");
    m->vals[m->n] = v;
    m->from[m->n++] = LLVMGetInsertBlock(L->b);
    LLVMBuildBr(L->b, m->bb);
}

static LLVMValueRef
merge_finish(Lower *L, Merge *m, LLVMTypeRef t)
{
    at(L, m->bb);
    LLVMValueRef phi = LLVMBuildPhi(L->b, t, "");
    LLVMAddIncoming(phi, m->vals, m->from, (unsigned) m->n);
    return phi;
}

/* ---- Binary operations ------------------------------------------------------------------ */

/* Python's a // b and a % b (floored; b != 0 and not INT64_MIN // -1): a 32-bit unsigned
 * division when both are in [0, 2**31) -- the common case: faster than the 64-bit one on
 * x86, and non-negative operands need no sign adjustment, which keeps loop-carried
 * chains such as Euclid's `a, b = b, a % b` short -- else the 64-bit signed division,
 * adjusted where C's truncation and Python's flooring differ. */
static void
floor_div_rem(Lower *L, LLVMValueRef a, LLVMValueRef b, LLVMValueRef *q, LLVMValueRef *r)
{
    LLVMBuilderRef B = L->b;
    LLVMValueRef zero = ci64(L, 0);
    LLVMValueRef small =
        LLVMBuildICmp(B, LLVMIntULT, LLVMBuildOr(B, a, b, ""), ci64(L, 1LL << 31), "");
    LLVMBasicBlockRef narrow = new_bb(L, "div.narrow"), wide = new_bb(L, "div.wide"),
                      join = new_bb(L, "");
    LLVMBuildCondBr(B, small, narrow, wide);
    at(L, narrow);
    LLVMValueRef a32 = LLVMBuildTrunc(B, a, L->i32, ""), b32 = LLVMBuildTrunc(B, b, L->i32, "");
    LLVMValueRef q1 = LLVMBuildZExt(B, LLVMBuildUDiv(B, a32, b32, ""), L->i64, "");
    LLVMValueRef r1 = LLVMBuildZExt(B, LLVMBuildURem(B, a32, b32, ""), L->i64, "");
    LLVMBuildBr(B, join);
    at(L, wide);
    LLVMValueRef tq = LLVMBuildSDiv(B, a, b, ""), tr = LLVMBuildSRem(B, a, b, "");
    LLVMValueRef adjust = and2(L, LLVMBuildICmp(B, LLVMIntNE, tr, zero, ""),
                               LLVMBuildICmp(B, LLVMIntSLT, LLVMBuildXor(B, tr, b, ""), zero, ""));
    LLVMValueRef q2 = LLVMBuildSub(B, tq, LLVMBuildZExt(B, adjust, L->i64, ""), "");
    LLVMValueRef r2 = LLVMBuildAdd(B, tr, LLVMBuildSelect(B, adjust, b, zero, ""), "");
    LLVMBasicBlockRef wide_end = LLVMGetInsertBlock(B);
    LLVMBuildBr(B, join);
    at(L, join);
    LLVMBasicBlockRef from[2] = { narrow, wide_end };
    LLVMValueRef qs[2] = { q1, q2 }, rs[2] = { r1, r2 };
    *q = LLVMBuildPhi(B, L->i64, "");
    LLVMAddIncoming(*q, qs, from, 2);
    *r = LLVMBuildPhi(B, L->i64, "");
    LLVMAddIncoming(*r, rs, from, 2);
}

/* a / b of two ints as a double: both convert exactly (|v| < 2**53), so one IEEE division
 * is correctly rounded, as long_true_divide's own fast path; `ok` also excludes b == 0. */
static LLVMValueRef
int_true_divide(Lower *L, LLVMValueRef a, LLVMValueRef b, LLVMValueRef *ok)
{
    *ok = and2(L, and2(L, fits_double(L, a), fits_double(L, b)),
               LLVMBuildICmp(L->b, LLVMIntNE, b, ci64(L, 0), ""));
    return LLVMBuildFDiv(L->b, LLVMBuildSIToFP(L->b, a, L->f64, ""),
                         LLVMBuildSIToFP(L->b, b, L->f64, ""), "");
}

/* Inline i64 result of `a op b` for one-digit ints, or NULL when op has no int fast path.
 * `ok` receives an i1 that must hold for the result to be valid (divisor checks). */
static LLVMValueRef
int_binop(Lower *L, int k, LLVMValueRef a, LLVMValueRef b, LLVMValueRef *ok)
{
    LLVMBuilderRef B = L->b;
    LLVMValueRef zero = ci64(L, 0);
    *ok = NULL;
    if (k >= PJ_NB_INPLACE_ADD)
        k -= PJ_NB_INPLACE_ADD; /* in-place forms of immutable ints behave the same */
    switch (k) {
    case PJ_NB_ADD:
    case PJ_NB_SUBTRACT: { /* (operands below 2**60 cannot overflow; unboxed ones can) */
        LLVMValueRef overflow;
        LLVMValueRef r =
            checked_op(L, k == PJ_NB_ADD ? "llvm.sadd.with.overflow" : "llvm.ssub.with.overflow", a,
                       b, &overflow);
        *ok = LLVMBuildNot(B, overflow, "");
        return r;
    }
    case PJ_NB_MULTIPLY: {
        LLVMValueRef overflow;
        LLVMValueRef r = checked_mul(L, a, b, &overflow);
        *ok = LLVMBuildNot(B, overflow, "");
        return r;
    }
    case PJ_NB_AND:
        return LLVMBuildAnd(B, a, b, "");
    case PJ_NB_OR:
        return LLVMBuildOr(B, a, b, "");
    case PJ_NB_XOR:
        return LLVMBuildXor(B, a, b, "");
    case PJ_NB_FLOOR_DIVIDE:
    case PJ_NB_REMAINDER: {
        /* b == 0 takes the generic path, which raises ZeroDivisionError; INT64_MIN // -1
         * (only unboxed operands reach it) does not fit. */
        *ok = and2(L, LLVMBuildICmp(B, LLVMIntNE, b, zero, ""),
                   LLVMBuildNot(B,
                                and2(L, LLVMBuildICmp(B, LLVMIntEQ, a, ci64(L, INT64_MIN), ""),
                                     LLVMBuildICmp(B, LLVMIntEQ, b, ci64(L, -1), "")),
                                ""));
        LLVMValueRef safe_b = LLVMBuildSelect(B, *ok, b, ci64(L, 1), "");
        LLVMValueRef q, r;
        floor_div_rem(L, a, safe_b, &q, &r);
        return k == PJ_NB_FLOOR_DIVIDE ? q : r;
    }
    case PJ_NB_LSHIFT: { /* 0 <= b < 64 and no bit lost: shifting back gives a again */
        LLVMValueRef in_range = LLVMBuildICmp(B, LLVMIntULT, b, ci64(L, 64), "");
        LLVMValueRef s = LLVMBuildSelect(B, in_range, b, zero, "");
        LLVMValueRef r = LLVMBuildShl(B, a, s, "");
        *ok = and2(L, in_range, LLVMBuildICmp(B, LLVMIntEQ, LLVMBuildAShr(B, r, s, ""), a, ""));
        return r;
    }
    case PJ_NB_RSHIFT: { /* b < 0 raises (generic); b >= 63 gives the sign */
        *ok = LLVMBuildICmp(B, LLVMIntSGE, b, zero, "");
        LLVMValueRef s = LLVMBuildSelect(B, LLVMBuildICmp(B, LLVMIntSGT, b, ci64(L, 63), ""),
                                         ci64(L, 63), b, "");
        s = LLVMBuildSelect(B, *ok, s, zero, "");
        return LLVMBuildAShr(B, a, s, "");
    }
    default:
        return NULL;
    }
}

/* Inline double result of `a op b`, or NULL. */
static LLVMValueRef
float_binop(Lower *L, int k, LLVMValueRef a, LLVMValueRef b, LLVMValueRef *ok)
{
    *ok = NULL;
    if (k >= PJ_NB_INPLACE_ADD)
        k -= PJ_NB_INPLACE_ADD;
    switch (k) {
    case PJ_NB_ADD:
        return LLVMBuildFAdd(L->b, a, b, "");
    case PJ_NB_SUBTRACT:
        return LLVMBuildFSub(L->b, a, b, "");
    case PJ_NB_MULTIPLY:
        return LLVMBuildFMul(L->b, a, b, "");
    case PJ_NB_TRUE_DIVIDE: /* division by zero raises: generic path */
        *ok = LLVMBuildFCmp(L->b, LLVMRealONE, b, LLVMConstReal(L->f64, 0.0), "");
        return LLVMBuildFDiv(L->b, a, b, "");
    default:
        return NULL;
    }
}

static int
has_float_path(int k)
{
    if (k >= PJ_NB_INPLACE_ADD)
        k -= PJ_NB_INPLACE_ADD;
    return k == PJ_NB_ADD || k == PJ_NB_SUBTRACT || k == PJ_NB_MULTIPLY || k == PJ_NB_TRUE_DIVIDE;
}

static int
has_int_path(int k)
{
    if (k >= PJ_NB_INPLACE_ADD)
        k -= PJ_NB_INPLACE_ADD;
    return k != PJ_NB_MATRIX_MULTIPLY && k != PJ_NB_POWER;
}

static const char *const binop_funcs[] = { PJ_BINOP_FUNCS };

/* Boxes an i64 / double result and adds it to the merge (NULL on MemoryError is handled
 * by the merged NULL check). */
/* A new reference to the int `v`: the cached object for -5..256 (as CPython returns them,
 * identity included) without a call, else PyLong_FromLongLong (NULL on MemoryError). */
static LLVMValueRef
box_long(Lower *L, LLVMValueRef v)
{
    LLVMValueRef idx = LLVMBuildAdd(L->b, v, ci64(L, _PY_NSMALLNEGINTS), "");
    LLVMBasicBlockRef small = new_bb(L, "int.small"), big = new_bb(L, "int.new"),
                      done = new_bb(L, "");
    LLVMBuildCondBr(
        L->b,
        LLVMBuildICmp(L->b, LLVMIntULT, idx, ci64(L, _PY_NSMALLNEGINTS + _PY_NSMALLPOSINTS), ""),
        small, big);
    at(L, small);
    LLVMValueRef off = LLVMBuildAdd(
        L->b, ci64(L, (long long) offsetof(_PyRuntimeState, global_objects.singletons.small_ints)),
        LLVMBuildMul(L->b, idx, ci64(L, (long long) sizeof(PyLongObject)), ""), "");
    LLVMValueRef cached = LLVMBuildGEP2(L->b, L->i8, data(L, "_PyRuntime"), &off, 1, "");
    incref(L, cached);
    LLVMBasicBlockRef small_end = LLVMGetInsertBlock(L->b);
    LLVMBuildBr(L->b, done);
    at(L, big);
    LLVMValueRef fresh = call(L, "PyLong_FromLongLong", &v, 1);
    LLVMBuildBr(L->b, done);
    at(L, done);
    LLVMValueRef phi = LLVMBuildPhi(L->b, L->ptr, "");
    LLVMValueRef vs[2] = { cached, fresh };
    LLVMBasicBlockRef bs[2] = { small_end, big };
    LLVMAddIncoming(phi, vs, bs, 2);
    return phi;
}

static void
box_int_into(Lower *L, Merge *m, LLVMValueRef i)
{
    merge_add(L, m, box_long(L, i));
}

static void
box_float_into(Lower *L, Merge *m, LLVMValueRef d)
{
    merge_add(L, m, call(L, "PyFloat_FromDouble", &d, 1));
}

/* A dying operand -- exact type, reference count 1: only the value stack holds it -- can
 * carry the result instead of a new object (the interpreter's float ops do the same).
 * `write` stores the result into it.  Falls through to the next candidate otherwise. */
static void
reuse_or_next(Lower *L, Merge *m, LLVMValueRef type_ok, LLVMValueRef o,
              void (*write)(Lower *, LLVMValueRef, LLVMValueRef), LLVMValueRef r)
{
    LLVMBasicBlockRef yes = new_bb(L, "reuse"), no = new_bb(L, "");
    LLVMValueRef one = LLVMBuildICmp(
        L->b, LLVMIntEQ, load(L, L->i64, o, offsetof(PyObject, ob_refcnt)), ci64(L, 1), "");
    LLVMBuildCondBr(L->b, and2(L, type_ok, one), yes, no);
    at(L, yes);
    write(L, o, r);
    incref(L, o); /* the result's reference; the operand's own is dropped by its decref */
    merge_add(L, m, o);
    at(L, no);
}

/* Worth a reference-count test: a value a local, constant or global also holds is not
 * dying (the test would fail at run time anyway; this only saves code). */
static int
may_be_temporary(const PjInstr *v)
{
    return v->op != PJ_IR_load_local && v->op != PJ_IR_const_obj && v->op != PJ_IR_load_global;
}

static void
write_float(Lower *L, LLVMValueRef o, LLVMValueRef d)
{
    store(L, d, o, offsetof(PyFloatObject, ob_fval));
}

static void
write_smallint(Lower *L, LLVMValueRef o, LLVMValueRef v)
{
    LLVMValueRef zero = ci64(L, 0);
    LLVMValueRef sign = LLVMBuildSub(
        L->b, LLVMBuildZExt(L->b, LLVMBuildICmp(L->b, LLVMIntSGT, v, zero, ""), L->i64, ""),
        LLVMBuildZExt(L->b, LLVMBuildICmp(L->b, LLVMIntSLT, v, zero, ""), L->i64, ""), "");
    LLVMValueRef mag = LLVMBuildSelect(L->b, LLVMBuildICmp(L->b, LLVMIntSLT, v, zero, ""),
                                       LLVMBuildNeg(L->b, v, ""), v, "");
    store(L, sign, o, offsetof(PyVarObject, ob_size));
    store(L, LLVMBuildTrunc(L->b, mag, L->i32, ""), o, offsetof(PyLongObject, ob_digit));
}

/* The result goes to a local (L->reuse_slot) whose old object dies there: exact `type`,
 * and no reference but the local's and the operands' own (a stack reference each).  Then
 * that object carries the result -- nothing can see it change.  Falls through otherwise. */
static void
reuse_local_or_next(Lower *L, Merge *m, const char *type,
                    LLVMValueRef (*extra_ok)(Lower *, LLVMValueRef),
                    void (*write)(Lower *, LLVMValueRef, LLVMValueRef), LLVMValueRef r)
{
    if (L->reuse_slot == NULL)
        return;
    LLVMValueRef old = load(L, L->ptr, L->reuse_slot, 0);
    LLVMBasicBlockRef bound = new_bb(L, ""), yes = new_bb(L, "reuse.local"), no = new_bb(L, "");
    LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, old, ""), no, bound);
    at(L, bound);
    LLVMValueRef refs = ci64(L, 1);
    LLVMValueRef ops[2] = { L->reuse_a, L->reuse_b };
    for (int i = 0; i < 2; i++)
        if (ops[i] != NULL)
            refs = LLVMBuildAdd(
                L->b, refs,
                LLVMBuildZExt(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, old, ops[i], ""), L->i64, ""),
                "");
    LLVMValueRef ok =
        and2(L, is_type(L, old, type),
             LLVMBuildICmp(L->b, LLVMIntEQ, load(L, L->i64, old, offsetof(PyObject, ob_refcnt)),
                           refs, ""));
    if (extra_ok != NULL)
        ok = and2(L, ok, extra_ok(L, old));
    LLVMBuildCondBr(L->b, ok, yes, no);
    at(L, yes);
    write(L, old, r);
    incref(L, old); /* the result's reference; the local's is dropped by the store */
    merge_add(L, m, old);
    at(L, no);
}

/* An int object with room for one digit (not zero, which is the cached object anyway). */
static LLVMValueRef
has_digits(Lower *L, LLVMValueRef o)
{
    return LLVMBuildICmp(L->b, LLVMIntNE, load(L, L->i64, o, offsetof(PyVarObject, ob_size)),
                         ci64(L, 0), "");
}

/* Boxes an int for a local: box_long, but a one-digit value outside the small-int cache
 * may reuse the local's dying old int (L->reuse_slot). */
static LLVMValueRef
box_long_for_local(Lower *L, LLVMValueRef v)
{
    if (L->reuse_slot == NULL)
        return box_long(L, v);
    Merge m = { .bb = new_bb(L, "boxl.done") };
    LLVMValueRef in_small =
        LLVMBuildICmp(L->b, LLVMIntULE, LLVMBuildAdd(L->b, v, ci64(L, 5), ""), ci64(L, 261), "");
    LLVMValueRef one_digit =
        LLVMBuildICmp(L->b, LLVMIntULT, LLVMBuildAdd(L->b, v, ci64(L, (1 << 30) - 1), ""),
                      ci64(L, (2LL << 30) - 1), "");
    LLVMBasicBlockRef try_reuse = new_bb(L, ""), alloc = new_bb(L, "");
    LLVMBuildCondBr(L->b, and2(L, one_digit, LLVMBuildNot(L->b, in_small, "")), try_reuse, alloc);
    at(L, try_reuse);
    reuse_local_or_next(L, &m, "PyLong_Type", has_digits, write_smallint, v);
    LLVMBuildBr(L->b, alloc);
    at(L, alloc);
    merge_add(L, &m, box_long(L, v));
    return merge_finish(L, &m, L->ptr);
}

/* Boxes a float result, reusing a dying float operand, or the dying old object of the
 * local it goes to, when there is one. */
static void
box_float_result(Lower *L, Merge *m, LLVMValueRef d, const PjInstr *x, LLVMValueRef a,
                 const PjInstr *y, LLVMValueRef b)
{
    if (may_be_temporary(x))
        reuse_or_next(L, m, is_float(L, x, a), a, write_float, d);
    if (may_be_temporary(y))
        reuse_or_next(L, m, is_float(L, y, b), b, write_float, d);
    reuse_local_or_next(L, m, "PyFloat_Type", NULL, write_float, d);
    box_float_into(L, m, d);
}

/* Boxes an int result of two one-digit int operands.  Values of the small-int cache
 * (-5..256) must be the cached objects (identity is observable); other one-digit values
 * may reuse a dying operand. */
static void
box_int_result(Lower *L, Merge *m, LLVMValueRef v, const PjInstr *x, LLVMValueRef a,
               const PjInstr *y, LLVMValueRef b)
{
    LLVMValueRef in_small =
        LLVMBuildICmp(L->b, LLVMIntULE, LLVMBuildAdd(L->b, v, ci64(L, 5), ""), ci64(L, 261), "");
    LLVMValueRef one_digit =
        LLVMBuildICmp(L->b, LLVMIntULT, LLVMBuildAdd(L->b, v, ci64(L, (1 << 30) - 1), ""),
                      ci64(L, (2LL << 30) - 1), "");
    LLVMBasicBlockRef try_reuse = new_bb(L, ""), alloc = new_bb(L, "");
    LLVMBuildCondBr(L->b, and2(L, one_digit, LLVMBuildNot(L->b, in_small, "")), try_reuse, alloc);
    at(L, try_reuse);
    LLVMValueRef t = LLVMConstInt(L->i1, 1, 0); /* both are exact ints on this path */
    if (may_be_temporary(x))
        reuse_or_next(L, m, t, a, write_smallint, v);
    if (may_be_temporary(y))
        reuse_or_next(L, m, t, b, write_smallint, v);
    reuse_local_or_next(L, m, "PyLong_Type", has_digits, write_smallint, v);
    LLVMBuildBr(L->b, alloc);
    at(L, alloc);
    box_int_into(L, m, v);
}

/* Branches to `yes` when `cond` (and, if given, `ok`) hold, else to `no`. */
static void
branch_if(Lower *L, LLVMValueRef cond, LLVMBasicBlockRef yes, LLVMBasicBlockRef no)
{
    LLVMBuildCondBr(L->b, cond, yes, no);
    at(L, yes);
}

static LLVMValueRef
lower_binop_compact(Lower *L, const PjInstr *in)
{
    LLVMValueRef args[3] = { val(L, in->args[0]), val(L, in->args[1]), ci32(L, in->imm[0]) };
    LLVMValueRef r = call(L, "pj_rt_binop", args, 3);
    check_null(L, r, in->fs);
    return r;
}

static LLVMValueRef
lower_binop(Lower *L, const PjInstr *in)
{
    if (compact_at(L, in))
        return lower_binop_compact(L, in);
    int k = (int) in->imm[0];
    int base = k >= PJ_NB_INPLACE_ADD ? k - PJ_NB_INPLACE_ADD : k;
    const PjInstr *x = in->args[0], *y = in->args[1];
    LLVMValueRef a = val(L, x), b = val(L, y);
    Merge m = { .bb = new_bb(L, "binop.done") };
    LLVMBasicBlockRef generic = new_bb(L, "binop.generic");

    if (has_int_path(k) && (in->hint == PJ_HINT_NONE || in->hint == PJ_HINT_INT)) {
        LLVMBasicBlockRef ints = new_bb(L, "binop.int"), next = new_bb(L, "");
        branch_if(L, and2(L, is_long_type(L, x, a), is_long_type(L, y, b)), ints,
                  miss_to(L, in->hint == PJ_HINT_INT, next));
        LLVMValueRef ia = smallint_or(L, x, a, generic), ib = smallint_or(L, y, b, generic);
        LLVMValueRef ok = NULL;
        if (base == PJ_NB_TRUE_DIVIDE) {
            LLVMBasicBlockRef go = new_bb(L, "");
            LLVMValueRef q = int_true_divide(L, ia, ib, &ok);
            LLVMBuildCondBr(L->b, ok, go, generic);
            at(L, go);
            box_float_into(L, &m, q);
        }
        else {
            LLVMValueRef r = int_binop(L, k, ia, ib, &ok);
            if (ok != NULL) {
                LLVMBasicBlockRef go = new_bb(L, "");
                LLVMBuildCondBr(L->b, ok, go, generic);
                at(L, go);
            }
            box_int_result(L, &m, r, x, a, y, b);
        }
        at(L, next);
    }
    /* Not numbers: exact str + exact str concatenates without the number protocol's
     * slot search (which ends in the same PyUnicode_Concat). */
    LLVMBasicBlockRef not_num = generic;
    if (base == PJ_NB_ADD && wants(in, PJ_HINT_STR))
        not_num = new_bb(L, "binop.notnum");
    if (has_float_path(k) && (in->hint == PJ_HINT_NONE || in->hint == PJ_HINT_FLOAT)) {
        /* float op float, float op int, int op float (one-digit ints convert exactly). */
        LLVMBasicBlockRef floats = new_bb(L, "binop.float");
        branch_if(L, and2(L, is_number(L, x, a), is_number(L, y, b)), floats,
                  miss_to(L, in->hint == PJ_HINT_FLOAT, not_num));
        LLVMValueRef fa = as_double_or(L, x, a, generic), fb = as_double_or(L, y, b, generic);
        LLVMValueRef ok = NULL;
        LLVMValueRef r = float_binop(L, k, fa, fb, &ok);
        if (ok != NULL) {
            LLVMBasicBlockRef go = new_bb(L, "");
            LLVMBuildCondBr(L->b, ok, go, generic);
            at(L, go);
        }
        box_float_result(L, &m, r, x, a, y, b);
    }
    else {
        LLVMBuildBr(L->b, not_num);
    }
    if (not_num != generic) {
        at(L, not_num);
        LLVMBasicBlockRef strs = new_bb(L, "binop.str");
        branch_if(L, both_type(L, a, b, "PyUnicode_Type"), strs, generic);
        LLVMValueRef sargs[2] = { a, b };
        merge_add(L, &m, call(L, "PyUnicode_Concat", sargs, 2));
    }
    at(L, generic);
    LLVMValueRef args[2] = { a, b };
    merge_add(L, &m, call(L, binop_funcs[k], args, 2));
    LLVMValueRef res = merge_finish(L, &m, L->ptr);
    check_null(L, res, in->fs);
    return res;
}

/* binop_store: lhs + rhs into local l, both operands consumed. */
static void
lower_binop_store(Lower *L, const PjInstr *in)
{
    LLVMValueRef a = val(L, in->args[0]), b = val(L, in->args[1]);
    long long off = (long long) sizeof(PyObject *) * in->imm[1];
    LLVMValueRef slot = gep(L, L->localsplus, off);
    LLVMBasicBlockRef done = new_bb(L, "binop_store.done"), other = new_bb(L, "binop_store.other");
    int k = (int) in->imm[0];
    if (!compact_at(L, in) && (k == PJ_NB_ADD || k == PJ_NB_INPLACE_ADD) &&
        wants(in, PJ_HINT_STR)) {
        LLVMBasicBlockRef str = new_bb(L, "binop_store.str"), str2 = new_bb(L, "");
        LLVMBuildCondBr(L->b, both_type(L, a, b, "PyUnicode_Type"), str2, other);
        at(L, str2);
        LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, load(L, L->ptr, slot, 0), a, ""), str,
                        other);
        at(L, str);
        LLVMValueRef args[3] = { slot, a, b };
        LLVMValueRef rc = call(L, "pj_rt_str_append", args, 3);
        check_status(L, rc, in->fs2);
        LLVMBuildBr(L->b, done);
    }
    else {
        LLVMBuildBr(L->b, other);
    }
    at(L, other);
    L->reuse_slot = slot;
    L->reuse_a = a;
    L->reuse_b = b;
    LLVMValueRef r = lower_binop(L, in);
    L->reuse_slot = L->reuse_a = L->reuse_b = NULL;
    decref_at(L, in->args[0], in);
    decref_at(L, in->args[1], in);
    LLVMValueRef old = load(L, L->ptr, slot, 0);
    store(L, r, slot, 0);
    xdecref(L, old);
    LLVMBuildBr(L->b, done);
    at(L, done);
}

/* ---- Comparisons --------------------------------------------------------------------- */

static LLVMIntPredicate
int_pred(int op)
{
    static const LLVMIntPredicate p[] = { LLVMIntSLT, LLVMIntSLE, LLVMIntEQ,
                                          LLVMIntNE,  LLVMIntSGT, LLVMIntSGE };
    return p[op];
}

static LLVMRealPredicate
real_pred(int op)
{
    /* NaN: every comparison is false except != */
    static const LLVMRealPredicate p[] = { LLVMRealOLT, LLVMRealOLE, LLVMRealOEQ,
                                           LLVMRealUNE, LLVMRealOGT, LLVMRealOGE };
    return p[op];
}

/* The bits of PyASCIIObject.state that a compact, ready ASCII str has set. */
static uint32_t
compact_ascii_bits(void)
{
    PyASCIIObject probe;
    memset(&probe, 0, sizeof probe);
    probe.state.compact = 1;
    probe.state.ascii = 1;
    probe.state.ready = 1;
    uint32_t bits = 0;
    _Static_assert(sizeof probe.state == sizeof bits, "PyASCIIObject.state is 32 bits");
    memcpy(&bits, &probe.state, sizeof bits);
    return bits;
}

/* A constant one-character ASCII str (`"a" <= ch`). */
static int
is_char_const(Lower *L, const PjInstr *v)
{
    return v->op == PJ_IR_const_obj && v->imm[0] >= 0 && v->imm[0] < L->bc->nconsts &&
           L->bc->const_char[v->imm[0]];
}

/* <, <=, >, >= of two one-character compact ASCII strs (`"a" <= ch <= "z"`, which 3.11 does
 * not specialise): their bytes compared, as unicode_compare would compare the code
 * points; adds an i1 to `m` and leaves the builder where other operands continue. */
static void
char_order(Lower *L, int op, LLVMValueRef a, LLVMValueRef b, Merge *m)
{
    uint32_t ascii_mask = compact_ascii_bits();
    LLVMBasicBlockRef strs = new_bb(L, "cmp.char"), chars = new_bb(L, "cmp.char.one"),
                      other = new_bb(L, "");
    branch_if(L, both_type(L, a, b, "PyUnicode_Type"), strs, other);
    LLVMValueRef sa = load(L, L->i32, a, offsetof(PyASCIIObject, state));
    LLVMValueRef sb = load(L, L->i32, b, offsetof(PyASCIIObject, state));
    LLVMValueRef both = LLVMBuildAnd(L->b, LLVMBuildAnd(L->b, sa, sb, ""), ci32(L, ascii_mask), "");
    LLVMValueRef la = load(L, L->i64, a, offsetof(PyASCIIObject, length));
    LLVMValueRef lb = load(L, L->i64, b, offsetof(PyASCIIObject, length));
    LLVMBuildCondBr(L->b,
                    and2(L, LLVMBuildICmp(L->b, LLVMIntEQ, both, ci32(L, ascii_mask), ""),
                         and2(L, LLVMBuildICmp(L->b, LLVMIntEQ, la, ci64(L, 1), ""),
                              LLVMBuildICmp(L->b, LLVMIntEQ, lb, ci64(L, 1), ""))),
                    chars, other);
    at(L, chars);
    static const LLVMIntPredicate p[] = { LLVMIntULT, LLVMIntULE, LLVMIntEQ,
                                          LLVMIntNE,  LLVMIntUGT, LLVMIntUGE };
    LLVMValueRef ca = load(L, L->i8, a, sizeof(PyASCIIObject));
    LLVMValueRef cb = load(L, L->i8, b, sizeof(PyASCIIObject));
    merge_add(L, m, LLVMBuildICmp(L->b, p[op], ca, cb, ""));
    at(L, other);
}

/* == and != of two exact strs (as COMPARE_OP_STR_JUMP): identity, else _PyUnicode_Equal;
 * adds an i1 to `m`, other operands and operators go to `generic`. */
static void
str_equality(Lower *L, int op, LLVMValueRef a, LLVMValueRef b, Merge *m, LLVMBasicBlockRef generic)
{
    if (op != Py_EQ && op != Py_NE) {
        LLVMBuildBr(L->b, generic);
        return;
    }
    LLVMBasicBlockRef strs = new_bb(L, "cmp.str");
    branch_if(L, both_type(L, a, b, "PyUnicode_Type"), strs, generic);
    /* Decided without a call, as _PyUnicode_Equal would decide: the same object; different
     * lengths; two compact ASCII strs whose first characters differ, or equal one-char
     * ones. */
    uint32_t ascii_mask = compact_ascii_bits();
    LLVMBasicBlockRef lens = new_bb(L, "cmp.str.len"), first = new_bb(L, "cmp.str.first");
    LLVMBasicBlockRef chars = new_bb(L, "cmp.str.char"), full = new_bb(L, "cmp.str.call");
    LLVMBasicBlockRef done = new_bb(L, "cmp.str.done"), one = new_bb(L, "cmp.str.one");
    LLVMBasicBlockRef from[5];
    LLVMValueRef res[5];
    from[0] = LLVMGetInsertBlock(L->b);
    res[0] = ci1(L, 1);
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, a, b, ""), done, lens);
    at(L, lens);
    LLVMValueRef la = load(L, L->i64, a, offsetof(PyASCIIObject, length));
    LLVMValueRef lb = load(L, L->i64, b, offsetof(PyASCIIObject, length));
    from[1] = lens;
    res[1] = ci1(L, 0);
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntNE, la, lb, ""), done, first);
    at(L, first);
    LLVMValueRef sa = load(L, L->i32, a, offsetof(PyASCIIObject, state));
    LLVMValueRef sb = load(L, L->i32, b, offsetof(PyASCIIObject, state));
    LLVMValueRef both = LLVMBuildAnd(L->b, LLVMBuildAnd(L->b, sa, sb, ""), ci32(L, ascii_mask), "");
    LLVMBuildCondBr(L->b,
                    and2(L, LLVMBuildICmp(L->b, LLVMIntEQ, both, ci32(L, ascii_mask), ""),
                         LLVMBuildICmp(L->b, LLVMIntSGT, la, ci64(L, 0), "")),
                    chars, full);
    at(L, chars);
    LLVMValueRef ca = load(L, L->i8, a, sizeof(PyASCIIObject));
    LLVMValueRef cb = load(L, L->i8, b, sizeof(PyASCIIObject));
    from[2] = chars;
    res[2] = ci1(L, 0);
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntNE, ca, cb, ""), done, one);
    at(L, one);
    from[3] = one;
    res[3] = ci1(L, 1);
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, la, ci64(L, 1), ""), done, full);
    at(L, full);
    LLVMValueRef args[2] = { a, b };
    res[4] = LLVMBuildICmp(L->b, LLVMIntNE, call(L, "_PyUnicode_Equal", args, 2), ci32(L, 0), "");
    from[4] = LLVMGetInsertBlock(L->b);
    LLVMBuildBr(L->b, done);
    at(L, done);
    LLVMValueRef eq = LLVMBuildPhi(L->b, L->i1, "");
    LLVMAddIncoming(eq, res, from, 5);
    merge_add(L, m, op == Py_EQ ? eq : LLVMBuildNot(L->b, eq, ""));
}

/* Emits the int and float fast paths of a comparison; each adds an i1 to `m`.  Leaves the
 * builder in the block for the generic path. */
static void
compare_fast_paths(Lower *L, const PjInstr *in, Merge *m)
{
    if (compact_at(L, in)) { /* the generic path only */
        LLVMBasicBlockRef generic = new_bb(L, "cmp.generic");
        LLVMBuildBr(L->b, generic);
        at(L, generic);
        return;
    }
    int op = (int) in->imm[0];
    const PjInstr *x = in->args[0], *y = in->args[1];
    LLVMValueRef a = val(L, x), b = val(L, y);
    LLVMBasicBlockRef generic = new_bb(L, "cmp.generic");
    if (op != Py_EQ && op != Py_NE && (is_char_const(L, x) || is_char_const(L, y)))
        char_order(L, op, a, b, m);
    if (in->hint == PJ_HINT_STR) {
        str_equality(L, op, a, b, m, generic);
        at(L, generic);
        return;
    }
    if (in->hint != PJ_HINT_NONE && in->hint != PJ_HINT_INT && in->hint != PJ_HINT_FLOAT) {
        LLVMBuildBr(L->b, generic);
        at(L, generic);
        return;
    }
    if (in->hint != PJ_HINT_FLOAT) {
        LLVMBasicBlockRef ints = new_bb(L, "cmp.int"), not_ints = new_bb(L, "");
        branch_if(L, and2(L, is_long_type(L, x, a), is_long_type(L, y, b)), ints,
                  miss_to(L, in->hint == PJ_HINT_INT, not_ints));
        LLVMValueRef ia = smallint_or(L, x, a, generic), ib = smallint_or(L, y, b, generic);
        merge_add(L, m, LLVMBuildICmp(L->b, int_pred(op), ia, ib, ""));
        at(L, not_ints);
        if (in->hint == PJ_HINT_INT) {
            LLVMBuildBr(L->b, generic);
            at(L, generic);
            return;
        }
    }
    LLVMBasicBlockRef floats = new_bb(L, "cmp.float");
    LLVMBasicBlockRef not_num = in->hint == PJ_HINT_NONE ? new_bb(L, "") : generic;
    branch_if(L, and2(L, is_number(L, x, a), is_number(L, y, b)), floats,
              miss_to(L, in->hint == PJ_HINT_FLOAT, not_num));
    LLVMValueRef fa = as_double_or(L, x, a, generic), fb = as_double_or(L, y, b, generic);
    merge_add(L, m, LLVMBuildFCmp(L->b, real_pred(op), fa, fb, ""));
    if (not_num != generic) {
        at(L, not_num);
        str_equality(L, op, a, b, m, generic);
    }
    at(L, generic);
}

static LLVMValueRef
lower_compare(Lower *L, const PjInstr *in)
{
    Merge fast = { .bb = new_bb(L, "cmp.fast") };
    compare_fast_paths(L, in, &fast);
    LLVMValueRef args[3] = { val(L, in->args[0]), val(L, in->args[1]), ci32(L, in->imm[0]) };
    LLVMValueRef r = call(L, "PyObject_RichCompare", args, 3);
    check_null(L, r, in->fs);
    LLVMBasicBlockRef slow_done = LLVMGetInsertBlock(L->b);
    LLVMBasicBlockRef done = new_bb(L, "cmp.done");
    LLVMBuildBr(L->b, done);

    LLVMValueRef c = merge_finish(L, &fast, L->i1);
    LLVMValueRef boxed = bool_obj(L, c);
    incref(L, boxed);
    LLVMBasicBlockRef fast_done = LLVMGetInsertBlock(L->b);
    LLVMBuildBr(L->b, done);

    at(L, done);
    LLVMValueRef phi = LLVMBuildPhi(L->b, L->ptr, "");
    LLVMValueRef vs[2] = { r, boxed };
    LLVMBasicBlockRef bs[2] = { slow_done, fast_done };
    LLVMAddIncoming(phi, vs, bs, 2);
    return phi;
}

static LLVMValueRef
lower_compare_bool(Lower *L, const PjInstr *in)
{
    Merge m = { .bb = new_bb(L, "cmpb.done") };
    compare_fast_paths(L, in, &m);
    LLVMValueRef args[3] = { val(L, in->args[0]), val(L, in->args[1]), ci32(L, in->imm[0]) };
    LLVMValueRef r = call(L, "pj_rt_compare_bool", args, 3);
    check_error(L, LLVMBuildICmp(L->b, LLVMIntEQ, r, ci32(L, -1), ""), in->fs);
    check_error(L, LLVMBuildICmp(L->b, LLVMIntEQ, r, ci32(L, -2), ""), in->fs2);
    merge_add(L, &m, LLVMBuildICmp(L->b, LLVMIntNE, r, ci32(L, 0), ""));
    return merge_finish(L, &m, L->i1);
}

static LLVMValueRef
lower_truth(Lower *L, const PjInstr *in)
{
    LLVMValueRef v = val(L, in->args[0]);
    Merge m = { .bb = new_bb(L, "truth.done") };
    LLVMBasicBlockRef t = new_bb(L, "truth.true"), nt = new_bb(L, "");
    branch_if(L, LLVMBuildICmp(L->b, LLVMIntEQ, v, data(L, "_Py_TrueStruct"), ""), t, nt);
    merge_add(L, &m, LLVMConstInt(L->i1, 1, 0));
    at(L, nt);
    LLVMBasicBlockRef f = new_bb(L, "truth.false"), nf = new_bb(L, "");
    LLVMValueRef is_false =
        LLVMBuildOr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, v, data(L, "_Py_FalseStruct"), ""),
                    LLVMBuildICmp(L->b, LLVMIntEQ, v, data(L, "_Py_NoneStruct"), ""), "");
    branch_if(L, is_false, f, nf);
    merge_add(L, &m, LLVMConstInt(L->i1, 0, 0));
    at(L, nf);
    LLVMBasicBlockRef isint = new_bb(L, "truth.int"), generic = new_bb(L, "truth.generic");
    branch_if(L, is_type(L, v, "PyLong_Type"), isint, generic);
    merge_add(L, &m,
              LLVMBuildICmp(L->b, LLVMIntNE, load(L, L->i64, v, offsetof(PyVarObject, ob_size)),
                            ci64(L, 0), ""));
    at(L, generic);
    LLVMValueRef r = call(L, "PyObject_IsTrue", &v, 1);
    check_error(L, LLVMBuildICmp(L->b, LLVMIntSLT, r, ci32(L, 0), ""), in->fs);
    merge_add(L, &m, LLVMBuildICmp(L->b, LLVMIntNE, r, ci32(L, 0), ""));
    return merge_finish(L, &m, L->i1);
}

static LLVMValueRef
lower_unop(Lower *L, const PjInstr *in)
{
    int k = (int) in->imm[0];
    const PjInstr *x = in->args[0];
    LLVMValueRef a = val(L, x);
    static const char *const fns[] = { "PyNumber_Negative", "PyNumber_Positive",
                                       "PyNumber_Invert" };
    Merge m = { .bb = new_bb(L, "unop.done") };
    if (k == PJ_UN_NEGATIVE || k == PJ_UN_INVERT) {
        LLVMBasicBlockRef generic = new_bb(L, "unop.generic");
        LLVMBasicBlockRef ints = new_bb(L, "unop.int"), next = new_bb(L, "");
        branch_if(L, is_long_type(L, x, a), ints, next);
        LLVMValueRef i = smallint_or(L, x, a, generic);
        box_int_into(L, &m,
                     k == PJ_UN_NEGATIVE ? LLVMBuildNeg(L->b, i, "") : LLVMBuildNot(L->b, i, ""));
        at(L, next);
        if (k == PJ_UN_NEGATIVE) {
            LLVMBasicBlockRef fl = new_bb(L, "unop.float");
            branch_if(L, is_float(L, x, a), fl, generic);
            box_float_into(L, &m, LLVMBuildFNeg(L->b, float_value(L, a), ""));
        }
        else {
            LLVMBuildBr(L->b, generic);
        }
        at(L, generic);
    }
    merge_add(L, &m, call(L, fns[k], &a, 1));
    LLVMValueRef r = merge_finish(L, &m, L->ptr);
    check_null(L, r, in->fs);
    return r;
}

/* ---- Globals, iteration, calls ----------------------------------------------------------- */

static LLVMValueRef
co_item(Lower *L, size_t field, long long i)
{
    LLVMValueRef tuple = load_inv(L, L->ptr, L->code, (long long) field);
    return load_inv(L, L->ptr, tuple,
                    (long long) offsetof(PyTupleObject, ob_item) +
                        (long long) sizeof(PyObject *) * i);
}

static LLVMValueRef
lower_load_global(Lower *L, const PjInstr *in)
{
    LLVMValueRef cache = gep(L, L->rd,
                             (long long) offsetof(PjRuntimeData, global_caches) +
                                 (long long) sizeof(PjGlobalCache) * in->imm[1]);
    LLVMValueRef g = load_inv(L, L->ptr, L->frame, offsetof(_PyInterpreterFrame, f_globals));
    LLVMValueRef bl = load_inv(L, L->ptr, L->frame, offsetof(_PyInterpreterFrame, f_builtins));
    Merge m = { .bb = new_bb(L, "global.done") };
    LLVMBasicBlockRef c1 = new_bb(L, ""), c2 = new_bb(L, ""), c3 = new_bb(L, ""),
                      hit = new_bb(L, "global.hit"), miss = new_bb(L, "global.miss");
    /* Pointers first: the version fields are read only from dicts the cache has seen. */
    LLVMValueRef same =
        and2(L,
             LLVMBuildICmp(L->b, LLVMIntEQ,
                           load(L, L->ptr, cache, offsetof(PjGlobalCache, globals)), g, ""),
             LLVMBuildICmp(L->b, LLVMIntEQ,
                           load(L, L->ptr, cache, offsetof(PjGlobalCache, builtins)), bl, ""));
    LLVMBuildCondBr(L->b, same, c1, miss);
    at(L, c1);
    LLVMValueRef gv =
        LLVMBuildICmp(L->b, LLVMIntEQ, load(L, L->i64, g, offsetof(PyDictObject, ma_version_tag)),
                      load(L, L->i64, cache, offsetof(PjGlobalCache, globals_version)), "");
    LLVMBuildCondBr(L->b, gv, c2, miss);
    at(L, c2);
    LLVMValueRef bv =
        LLVMBuildICmp(L->b, LLVMIntEQ, load(L, L->i64, bl, offsetof(PyDictObject, ma_version_tag)),
                      load(L, L->i64, cache, offsetof(PjGlobalCache, builtins_version)), "");
    LLVMBuildCondBr(L->b, bv, c3, miss);
    at(L, c3);
    LLVMValueRef v = load(L, L->ptr, cache, offsetof(PjGlobalCache, value));
    LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, v, ""), miss, hit);
    at(L, hit);
    incref(L, v);
    merge_add(L, &m, v);

    at(L, miss);
    LLVMValueRef args[4] = { L->frame, ci32(L, in->imm[0]), cache, L->out_slot };
    LLVMValueRef r = call(L, "pj_rt_load_global", args, 4);
    check_error(L, LLVMBuildICmp(L->b, LLVMIntSLT, r, ci32(L, 0), ""), in->fs);
    LLVMBasicBlockRef found = new_bb(L, "");
    br_cold(L, LLVMBuildICmp(L->b, LLVMIntSGT, r, ci32(L, 0), ""),
            exit_block(L, in->fsd, 0, PJ_DEOPT_GLOBAL_MISS), found);
    at(L, found);
    merge_add(L, &m, load(L, L->ptr, L->out_slot, 0));
    return merge_finish(L, &m, L->ptr);
}

/* One step of a range iterator known to be one, as rangeiter_next: *more is whether an
 * item was left (the index advances only then); returns start + index * step (in
 * unsigned arithmetic), meaningful when *more. */
static LLVMValueRef
range_step(Lower *L, LLVMValueRef it, LLVMValueRef *more)
{
    LLVMValueRef idx = load(L, L->i64, it, offsetof(PjRangeIter, index));
    *more =
        LLVMBuildICmp(L->b, LLVMIntSLT, idx, load(L, L->i64, it, offsetof(PjRangeIter, len)), "");
    store(L, LLVMBuildSelect(L->b, *more, LLVMBuildAdd(L->b, idx, ci64(L, 1), ""), idx, ""), it,
          offsetof(PjRangeIter, index));
    return LLVMBuildAdd(
        L->b, load(L, L->i64, it, offsetof(PjRangeIter, start)),
        LLVMBuildMul(L->b, idx, load(L, L->i64, it, offsetof(PjRangeIter, step)), ""), "");
}

/* The next item of list or tuple iterator `it` (known to be one), as listiter_next up to
 * its end: branches to `no_seq` when the iterator has dropped its sequence, to `end`
 * (*seq: the sequence) when the index is past the end; else returns the item (a new
 * reference) with the index advanced. */
static LLVMValueRef
seq_iter_item(Lower *L, LLVMValueRef it, int is_list, LLVMBasicBlockRef no_seq,
              LLVMBasicBlockRef end, LLVMValueRef *seq)
{
    LLVMBasicBlockRef has_seq = new_bb(L, ""), more = new_bb(L, "seqnext.more");
    *seq = load(L, L->ptr, it, offsetof(PjSeqIter, it_seq));
    LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, *seq, ""), no_seq, has_seq);
    at(L, has_seq);
    LLVMValueRef idx = load(L, L->i64, it, offsetof(PjSeqIter, it_index));
    LLVMValueRef n = load(L, L->i64, *seq, offsetof(PyVarObject, ob_size));
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntSLT, idx, n, ""), more, end);
    at(L, more);
    store(L, LLVMBuildAdd(L->b, idx, ci64(L, 1), ""), it, offsetof(PjSeqIter, it_index));
    LLVMValueRef items = is_list ? load(L, L->ptr, *seq, offsetof(PyListObject, ob_item))
                                 : gep(L, *seq, offsetof(PyTupleObject, ob_item));
    LLVMValueRef off = LLVMBuildMul(L->b, idx, ci64(L, sizeof(PyObject *)), "");
    LLVMValueRef item =
        LLVMBuildLoad2(L->b, L->ptr, LLVMBuildGEP2(L->b, L->i8, items, &off, 1, ""), "");
    incref(L, item);
    return item;
}

static LLVMValueRef
lower_iter_next(Lower *L, const PjInstr *in)
{
    LLVMValueRef it = val(L, in->args[0]);
    Merge m = { .bb = new_bb(L, "next.done") };
    LLVMValueRef null = LLVMConstNull(L->ptr);
    if (L->opts->range_fast_path && wants(in, PJ_HINT_RANGE)) {
        LLVMBasicBlockRef rng = new_bb(L, "next.range"), other = new_bb(L, "");
        branch_if(L, is_type(L, it, "PyRangeIter_Type"), rng, other);
        LLVMValueRef has_more;
        LLVMValueRef v = range_step(L, it, &has_more);
        LLVMBasicBlockRef more = new_bb(L, "next.range.more");
        LLVMBasicBlockRef end = new_bb(L, "next.range.end");
        LLVMBuildCondBr(L->b, has_more, more, end);
        at(L, end);
        merge_add(L, &m, null);
        at(L, more);
        if (in->imm[0] >= 0)
            L->reuse_slot = gep(L, L->localsplus, (long long) sizeof(PyObject *) * in->imm[0]);
        LLVMValueRef boxed = box_long_for_local(L, v);
        L->reuse_slot = NULL;
        check_null(L, boxed, in->fs);
        merge_add(L, &m, boxed);
        at(L, other);
    }
    if (L->opts->seqiter_fast_path && !compact_at(L, in) && wants(in, PJ_HINT_LIST)) {
        /* list and tuple iterators with an item left: the item, as listiter_next; the end
         * (which drops the sequence) is left to tp_iternext. */
        LLVMBasicBlockRef generic = new_bb(L, "next.generic");
        /* (3.11 does not specialise tuple iteration: list feedback, list path only.) */
        for (int is_list = 1; is_list >= (in->hint == PJ_HINT_LIST ? 1 : 0); is_list--) {
            LLVMBasicBlockRef yes = new_bb(L, is_list ? "next.list" : "next.tuple");
            LLVMBasicBlockRef no = new_bb(L, "");
            branch_if(L, is_type(L, it, is_list ? "PyListIter_Type" : "PyTupleIter_Type"), yes, no);
            LLVMValueRef seq;
            merge_add(L, &m, seq_iter_item(L, it, is_list, generic, generic, &seq));
            at(L, no);
        }
        LLVMBuildBr(L->b, generic);
        at(L, generic);
    }
    LLVMValueRef fnp = load(L, L->ptr, type_of(L, it), offsetof(PyTypeObject, tp_iternext));
    LLVMTypeRef ft = LLVMFunctionType(L->ptr, &L->ptr, 1, 0);
    LLVMValueRef r = LLVMBuildCall2(L->b, ft, fnp, &it, 1, "");
    LLVMBasicBlockRef got = new_bb(L, ""), none = new_bb(L, "next.null");
    LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, r, ""), none, got);
    at(L, got);
    merge_add(L, &m, r);
    at(L, none);
    LLVMValueRef e = call(L, "pj_rt_iter_error", &L->ts, 1);
    check_error(L, LLVMBuildICmp(L->b, LLVMIntSLT, e, ci32(L, 0), ""), in->fs);
    merge_add(L, &m, null);
    return merge_finish(L, &m, L->ptr);
}

/* ---- Attributes and subscripts ---------------------------------------------------------- */

static LLVMValueRef
attr_cache(Lower *L, long long c)
{
    return gep(L, L->rd,
               (long long) offsetof(PjRuntimeData, global_caches) +
                   (long long) sizeof(PjGlobalCache) * L->ir->nglobal_caches +
                   (long long) sizeof(PjAttrCache) * c);
}

/* Branches to `slow` unless `o`'s type has the cache's version; returns the address of the
 * attribute's slot: a __slots__ member at the cached offset, or the cached index of the
 * object's inline values (branching to `slow` when they were turned into a dict). */
static LLVMValueRef
instance_value_slot(Lower *L, const PjInstr *in, LLVMValueRef o, LLVMValueRef cache,
                    LLVMBasicBlockRef slow)
{
    LLVMValueRef ver = load(L, L->i32, type_of(L, o), offsetof(PyTypeObject, tp_version_tag));
    LLVMValueRef want = load(L, L->i32, cache, offsetof(PjAttrCache, type_version));
    LLVMBasicBlockRef v1 = new_bb(L, "");
    LLVMBuildCondBr(L->b,
                    and2(L, LLVMBuildICmp(L->b, LLVMIntEQ, ver, want, ""),
                         LLVMBuildICmp(L->b, LLVMIntNE, want, ci32(L, 0), "")),
                    v1, slow);
    at(L, v1);
    /* The feedback picks one layout (the other then takes the slow path), or both. */
    int members = wants(in, PJ_HINT_SLOT), values = wants(in, PJ_HINT_VALUES);
    LLVMValueRef moff =
        LLVMBuildZExt(L->b, load(L, L->i32, cache, offsetof(PjAttrCache, offset)), L->i64, "");
    LLVMBasicBlockRef member = members ? new_bb(L, "attr.member") : slow;
    LLVMBasicBlockRef inline_values = values ? new_bb(L, "attr.values") : slow;
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntNE, moff, ci64(L, 0), ""), member,
                    inline_values);
    LLVMValueRef mslot = NULL, vslot = NULL;
    LLVMBasicBlockRef join = members && values ? new_bb(L, "") : NULL, vend = NULL;
    if (members) {
        at(L, member);
        mslot = LLVMBuildGEP2(L->b, L->i8, o, &moff, 1, "");
        if (join != NULL)
            LLVMBuildBr(L->b, join);
    }
    if (values) {
        at(L, inline_values);
        LLVMBasicBlockRef v2 = new_bb(L, "");
        LLVMValueRef vals = load(L, L->ptr, o, -4 * (long long) sizeof(PyObject *));
        LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, vals, ""), slow, v2);
        at(L, v2);
        LLVMValueRef idx =
            LLVMBuildZExt(L->b, load(L, L->i32, cache, offsetof(PjAttrCache, index)), L->i64, "");
        LLVMValueRef off = LLVMBuildMul(L->b, idx, ci64(L, sizeof(PyObject *)), "");
        vslot = LLVMBuildGEP2(L->b, L->i8, vals, &off, 1, "");
        vend = v2;
        if (join != NULL)
            LLVMBuildBr(L->b, join);
    }
    if (join == NULL)
        return members ? mslot : vslot;
    at(L, join);
    LLVMValueRef phi = LLVMBuildPhi(L->b, L->ptr, "");
    LLVMValueRef vs[2] = { mslot, vslot };
    LLVMBasicBlockRef bs[2] = { member, vend };
    LLVMAddIncoming(phi, vs, bs, 2);
    return phi;
}

static LLVMValueRef
lower_load_attr(Lower *L, const PjInstr *in)
{
    LLVMValueRef o = val(L, in->args[0]);
    LLVMValueRef cache = attr_cache(L, in->imm[1]);
    Merge m = { .bb = new_bb(L, "attr.done") };
    LLVMBasicBlockRef slow = new_bb(L, "attr.slow");
    if (!compact_all(L) && in->hint != PJ_HINT_GENERIC) {
        LLVMValueRef slot = instance_value_slot(L, in, o, cache, slow);
        LLVMValueRef v = LLVMBuildLoad2(L->b, L->ptr, slot, "");
        LLVMBasicBlockRef hit = new_bb(L, "attr.hit");
        LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, v, ""), slow, hit);
        at(L, hit);
        incref(L, v);
        merge_add(L, &m, v);
    }
    else {
        LLVMBuildBr(L->b, slow);
    }
    at(L, slow);
    LLVMValueRef args[4] = { L->frame, o, ci32(L, in->imm[0]), cache };
    LLVMValueRef r = call(L, "pj_rt_load_attr", args, 4);
    check_null(L, r, in->fs);
    merge_add(L, &m, r);
    return merge_finish(L, &m, L->ptr);
}

static void
lower_store_attr(Lower *L, const PjInstr *in)
{
    LLVMValueRef o = val(L, in->args[0]), v = val(L, in->args[1]);
    LLVMValueRef cache = attr_cache(L, in->imm[1]);
    LLVMBasicBlockRef done = new_bb(L, "setattr.done"), slow = new_bb(L, "setattr.slow");
    if (!compact_all(L) && in->hint != PJ_HINT_GENERIC) {
        /* As 3.11's STORE_ATTR_SLOT / STORE_ATTR_INSTANCE_VALUE: replace the old value, or
         * fill an empty slot (an `__init__`); a new inline value also takes its place in
         * the values' insertion order (_PyDictValues_AddToInsertionOrder). */
        LLVMValueRef slot = instance_value_slot(L, in, o, cache, slow);
        LLVMValueRef old = LLVMBuildLoad2(L->b, L->ptr, slot, "");
        LLVMBasicBlockRef hit = new_bb(L, "setattr.hit"), empty = new_bb(L, "setattr.empty");
        LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, old, ""), empty, hit);
        at(L, hit);
        incref(L, v);
        LLVMBuildStore(L->b, v, slot);
        decref(L, old);
        LLVMBuildBr(L->b, done);
        at(L, empty);
        LLVMBasicBlockRef fill = new_bb(L, "setattr.fill");
        if (wants(in, PJ_HINT_VALUES)) {
            LLVMBasicBlockRef order = new_bb(L, "setattr.order");
            LLVMValueRef moff = load(L, L->i32, cache, offsetof(PjAttrCache, offset));
            LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntNE, moff, ci32(L, 0), ""), fill,
                            order);
            at(L, order);
            LLVMValueRef vals = load(L, L->ptr, o, -4 * (long long) sizeof(PyObject *));
            LLVMValueRef size = load(L, L->i8, vals, -2);
            LLVMValueRef n =
                LLVMBuildAdd(L->b, LLVMBuildZExt(L->b, size, L->i64, ""), ci64(L, 1), "");
            LLVMValueRef at_ix = LLVMBuildSub(L->b, ci64(L, -2), n, "");
            LLVMValueRef ix = load(L, L->i32, cache, offsetof(PjAttrCache, index));
            LLVMBuildStore(L->b, LLVMBuildTrunc(L->b, ix, L->i8, ""),
                           LLVMBuildGEP2(L->b, L->i8, vals, &at_ix, 1, ""));
            LLVMBuildStore(L->b, LLVMBuildTrunc(L->b, n, L->i8, ""), gep(L, vals, -2));
            LLVMBuildBr(L->b, fill);
        }
        else {
            LLVMBuildBr(L->b, fill);
        }
        at(L, fill);
        incref(L, v);
        LLVMBuildStore(L->b, v, slot);
        LLVMBuildBr(L->b, done);
    }
    else {
        LLVMBuildBr(L->b, slow);
    }
    at(L, slow);
    LLVMValueRef args[5] = { L->frame, o, ci32(L, in->imm[0]), v, cache };
    LLVMValueRef rc = call(L, "pj_rt_store_attr", args, 5);
    check_status(L, rc, in->fs);
    LLVMBuildBr(L->b, done);
    at(L, done);
}

/* The item slot of list/tuple `c` at one-digit non-negative int `k` (3.11's
 * BINARY_SUBSCR_LIST_INT/TUPLE_INT tests), or a branch to `slow`. */
static LLVMValueRef
sequence_slot(Lower *L, LLVMValueRef c, LLVMValueRef k, int is_list, LLVMBasicBlockRef slow)
{
    LLVMBasicBlockRef ok1 = new_bb(L, ""), ok2 = new_bb(L, "");
    LLVMBuildCondBr(L->b, is_type(L, k, "PyLong_Type"), ok1, slow);
    at(L, ok1);
    LLVMValueRef ksize = load(L, L->i64, k, offsetof(PyVarObject, ob_size));
    LLVMValueRef digit =
        LLVMBuildZExt(L->b, load(L, L->i32, k, offsetof(PyLongObject, ob_digit)), L->i64, "");
    LLVMValueRef idx = LLVMBuildMul(L->b, ksize, digit, "");
    LLVMValueRef n = load(L, L->i64, c, offsetof(PyVarObject, ob_size));
    LLVMBuildCondBr(L->b,
                    and2(L, LLVMBuildICmp(L->b, LLVMIntULE, ksize, ci64(L, 1), ""),
                         LLVMBuildICmp(L->b, LLVMIntULT, idx, n, "")),
                    ok2, slow);
    at(L, ok2);
    LLVMValueRef items = is_list ? load(L, L->ptr, c, offsetof(PyListObject, ob_item))
                                 : gep(L, c, offsetof(PyTupleObject, ob_item));
    LLVMValueRef off = LLVMBuildMul(L->b, idx, ci64(L, sizeof(PyObject *)), "");
    return LLVMBuildGEP2(L->b, L->i8, items, &off, 1, "");
}

static LLVMValueRef
lower_subscr(Lower *L, const PjInstr *in)
{
    LLVMValueRef c = val(L, in->args[0]), k = val(L, in->args[1]);
    Merge m = { .bb = new_bb(L, "subscr.done") };
    LLVMBasicBlockRef generic = new_bb(L, "subscr.generic");
    if (!compact_all(L)) {
        for (int is_list = 1; is_list >= 0; is_list--) {
            if (!wants(in, is_list ? PJ_HINT_LIST : PJ_HINT_TUPLE))
                continue;
            LLVMBasicBlockRef yes = new_bb(L, is_list ? "subscr.list" : "subscr.tuple");
            LLVMBasicBlockRef no = new_bb(L, "");
            LLVMBuildCondBr(L->b, is_type(L, c, is_list ? "PyList_Type" : "PyTuple_Type"), yes, no);
            at(L, yes);
            LLVMValueRef item =
                LLVMBuildLoad2(L->b, L->ptr, sequence_slot(L, c, k, is_list, generic), "");
            incref(L, item);
            merge_add(L, &m, item);
            at(L, no);
        }
        /* An exact dict (no __missing__): the lookup dict_subscript makes, without the
         * mapping protocol's indirection; a missing key takes the generic path for its
         * KeyError. */
        if (wants(in, PJ_HINT_DICT)) {
            LLVMBasicBlockRef dict = new_bb(L, "subscr.dict");
            LLVMBasicBlockRef found = new_bb(L, "subscr.dict.hit");
            LLVMBuildCondBr(L->b, is_type(L, c, "PyDict_Type"), dict,
                            miss_to(L, in->hint == PJ_HINT_DICT, generic));
            at(L, dict);
            LLVMValueRef dargs[2] = { c, k };
            LLVMValueRef item = call(L, "PyDict_GetItemWithError", dargs, 2); /* borrowed */
            LLVMBasicBlockRef miss = new_bb(L, "subscr.dict.miss");
            LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, item, ""), miss, found);
            at(L, found);
            incref(L, item);
            merge_add(L, &m, item);
            at(L, miss);
            /* An exception set: the key's __hash__ or __eq__ raised. */
            check_error(L, LLVMBuildIsNotNull(L->b, call(L, "PyErr_Occurred", NULL, 0), ""),
                        in->fs);
        }
    }
    /* (Here: not the list or tuple the feedback said, or a dict without the key.) */
    LLVMBuildBr(
        L->b, miss_to(L, !compact_all(L) && (in->hint == PJ_HINT_LIST || in->hint == PJ_HINT_TUPLE),
                      generic));
    at(L, generic);
    LLVMValueRef args[2] = { c, k };
    LLVMValueRef r = call(L, "pj_rt_getitem", args, 2);
    check_null(L, r, in->fs);
    merge_add(L, &m, r);
    return merge_finish(L, &m, L->ptr);
}

static void
lower_store_subscr(Lower *L, const PjInstr *in)
{
    LLVMValueRef c = val(L, in->args[0]), k = val(L, in->args[1]), v = val(L, in->args[2]);
    LLVMBasicBlockRef done = new_bb(L, "setitem.done"), generic = new_bb(L, "setitem.generic");
    if (!compact_all(L) && wants(in, PJ_HINT_LIST)) {
        LLVMBasicBlockRef list = new_bb(L, "setitem.list"), next = new_bb(L, "");
        branch_if(L, is_type(L, c, "PyList_Type"), list,
                  miss_to(L, in->hint == PJ_HINT_LIST, next));
        LLVMValueRef slot = sequence_slot(L, c, k, 1, generic);
        LLVMValueRef old = LLVMBuildLoad2(L->b, L->ptr, slot, "");
        incref(L, v);
        LLVMBuildStore(L->b, v, slot);
        decref(L, old);
        LLVMBuildBr(L->b, done);
        at(L, next);
    }
    if (!compact_all(L) && wants(in, PJ_HINT_DICT)) {
        LLVMBasicBlockRef dict = new_bb(L, "setitem.dict");
        branch_if(L, is_type(L, c, "PyDict_Type"), dict,
                  miss_to(L, in->hint == PJ_HINT_DICT, generic));
        LLVMValueRef dargs[3] = { c, k, v };
        LLVMValueRef drc = call(L, "PyDict_SetItem", dargs, 3);
        check_status(L, drc, in->fs);
        LLVMBuildBr(L->b, done);
    }
    else {
        LLVMBuildBr(L->b, generic);
    }
    at(L, generic);
    LLVMValueRef args[3] = { c, k, v };
    LLVMValueRef rc = call(L, "PyObject_SetItem", args, 3);
    check_status(L, rc, in->fs);
    LLVMBuildBr(L->b, done);
    at(L, done);
}

static LLVMValueRef
method_cache(Lower *L, long long c)
{
    return gep(L, L->rd,
               (long long) offsetof(PjRuntimeData, global_caches) +
                   (long long) sizeof(PjGlobalCache) * L->ir->nglobal_caches +
                   (long long) sizeof(PjAttrCache) * L->ir->nattr_caches +
                   (long long) sizeof(PjMethodCache) * c);
}

static void
lower_load_method(Lower *L, const PjInstr *in)
{
    LLVMValueRef o = val(L, in->args[0]);
    LLVMValueRef slots = stack_slot(L, (int) in->imm[1]);
    LLVMValueRef cache = method_cache(L, in->imm[2]);
    LLVMBasicBlockRef done = new_bb(L, "method.done"), slow = new_bb(L, "method.slow");
    if (!compact_all(L)) {
        LLVMValueRef tp = type_of(L, o);
        LLVMValueRef ver = load(L, L->i32, tp, offsetof(PyTypeObject, tp_version_tag));
        LLVMValueRef want = load(L, L->i32, cache, offsetof(PjMethodCache, type_version));
        LLVMBasicBlockRef v1 = new_bb(L, ""), with_values = new_bb(L, "method.values"),
                          v2 = new_bb(L, ""), hit = new_bb(L, "method.hit");
        LLVMBuildCondBr(L->b,
                        and2(L, LLVMBuildICmp(L->b, LLVMIntEQ, ver, want, ""),
                             LLVMBuildICmp(L->b, LLVMIntNE, want, ci32(L, 0), "")),
                        v1, slow);
        at(L, v1);
        LLVMValueRef kind = load(L, L->i32, cache, offsetof(PjMethodCache, kind));
        LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, kind, ci32(L, 1), ""), hit,
                        with_values);
        at(L, with_values);
        LLVMValueRef values = load(L, L->ptr, o, -4 * (long long) sizeof(PyObject *));
        LLVMValueRef keys = load(L, L->ptr, tp, offsetof(PyHeapTypeObject, ht_cached_keys));
        LLVMValueRef same_keys =
            and2(L, LLVMBuildIsNotNull(L->b, values, ""),
                 LLVMBuildICmp(L->b, LLVMIntEQ, keys,
                               load(L, L->ptr, cache, offsetof(PjMethodCache, keys)), ""));
        LLVMBuildCondBr(L->b, same_keys, v2, slow);
        at(L, v2);
        LLVMValueRef n = load(L, L->i64, keys, offsetof(PyDictKeysObject, dk_nentries));
        LLVMValueRef want_n = LLVMBuildZExt(
            L->b, load(L, L->i32, cache, offsetof(PjMethodCache, nentries)), L->i64, "");
        LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, n, want_n, ""), hit, slow);
        at(L, hit);
        /* [method, self]: the owner's reference moves into the self slot. */
        LLVMValueRef descr = load(L, L->ptr, cache, offsetof(PjMethodCache, descr));
        incref(L, descr);
        store(L, descr, slots, 0);
        store(L, o, slots, sizeof(PyObject *));
        LLVMBuildBr(L->b, done);
    }
    else {
        LLVMBuildBr(L->b, slow);
    }
    at(L, slow);
    LLVMValueRef args[5] = { L->frame, o, ci32(L, in->imm[0]), slots, cache };
    LLVMValueRef e = call(L, "pj_rt_load_method", args, 5);
    check_error(L, LLVMBuildICmp(L->b, LLVMIntSLT, e, ci32(L, 0), ""), in->fs);
    LLVMBuildBr(L->b, done);
    at(L, done);
}

/* ---- Calls ------------------------------------------------------------------------------ */

/* len(x) and isinstance(x, t) when the callee is the builtin (checked at run time): no
 * argument tuple, no vectorcall; exact lists, tuples, strs and dicts answer inline. */
static void
builtin_fast_paths(Lower *L, const PjInstr *in, LLVMValueRef base, Merge *m,
                   LLVMBasicBlockRef generic)
{
    int nargs = (int) in->imm[0];
    if (in->imm[2] >= 0 || (nargs != 1 && nargs != 2) || compact_all(L) ||
        in->hint != (nargs == 1 ? PJ_HINT_LEN : PJ_HINT_ISINSTANCE)) {
        LLVMBuildBr(L->b, generic);
        return;
    }
    LLVMValueRef callee = load(L, L->ptr, base, sizeof(PyObject *));
    LLVMValueRef no_self = LLVMBuildIsNull(L->b, load(L, L->ptr, base, 0), "");
    LLVMValueRef builtin =
        load(L, L->ptr, data(L, nargs == 1 ? "pj_builtin_len" : "pj_builtin_isinstance"), 0);
    LLVMBasicBlockRef yes = new_bb(L, nargs == 1 ? "len" : "isinstance");
    LLVMBuildCondBr(L->b, and2(L, no_self, LLVMBuildICmp(L->b, LLVMIntEQ, callee, builtin, "")),
                    yes, generic);
    at(L, yes);
    LLVMValueRef a = load(L, L->ptr, base, 2 * sizeof(PyObject *));
    LLVMValueRef res;
    if (nargs == 1) {
        /* Sizes kept in the object: list/tuple ob_size, str length, dict ma_used. */
        Merge sz = { .bb = new_bb(L, "len.size") };
        static const char *const seq_types[] = { "PyList_Type", "PyTuple_Type" };
        for (int i = 0; i < 2; i++) {
            LLVMBasicBlockRef t = new_bb(L, ""), n = new_bb(L, "");
            branch_if(L, is_type(L, a, seq_types[i]), t, n);
            merge_add(L, &sz, load(L, L->i64, a, offsetof(PyVarObject, ob_size)));
            at(L, n);
        }
        LLVMBasicBlockRef t = new_bb(L, ""), n = new_bb(L, "");
        branch_if(L, is_type(L, a, "PyUnicode_Type"), t, n);
        merge_add(L, &sz, load(L, L->i64, a, offsetof(PyASCIIObject, length)));
        at(L, n);
        t = new_bb(L, "");
        n = new_bb(L, "");
        branch_if(L, is_type(L, a, "PyDict_Type"), t, n);
        merge_add(L, &sz, load(L, L->i64, a, offsetof(PyDictObject, ma_used)));
        at(L, n);
        LLVMValueRef size = call(L, "PyObject_Size", &a, 1);
        check_error(L, LLVMBuildICmp(L->b, LLVMIntSLT, size, ci64(L, 0), ""), in->fs);
        merge_add(L, &sz, size);
        LLVMValueRef n64 = merge_finish(L, &sz, L->i64);
        res = box_long(L, n64);
        check_null(L, res, in->fs);
    }
    else {
        LLVMValueRef t = load(L, L->ptr, base, 3 * sizeof(PyObject *));
        LLVMValueRef args[2] = { a, t };
        LLVMValueRef rc = call(L, "PyObject_IsInstance", args, 2);
        check_error(L, LLVMBuildICmp(L->b, LLVMIntSLT, rc, ci32(L, 0), ""), in->fs);
        res = bool_obj(L, LLVMBuildICmp(L->b, LLVMIntNE, rc, ci32(L, 0), ""));
        incref(L, res);
        decref(L, t);
    }
    /* The call consumed the callee and its arguments, as pj_rt_call does. */
    decref(L, a);
    decref(L, callee);
    merge_add(L, m, res);
}

/* A CALL's callee and whether LOAD_METHOD found a method: the stack holds [method, self,
 * args...] then, else [NULL, callable, args...]. */
static LLVMValueRef
call_callee(Lower *L, LLVMValueRef base, LLVMValueRef *is_meth)
{
    LLVMValueRef b0 = load(L, L->ptr, base, 0);
    *is_meth = LLVMBuildIsNotNull(L->b, b0, "");
    return LLVMBuildSelect(L->b, *is_meth, b0, load(L, L->ptr, base, 8), "");
}

/* A call of a compiled Python function whose parameters the positional arguments fill
 * (the callee's code state says so), while pyjit's hook is installed and nothing is
 * traced: the callee's frame is pushed here on the thread's data stack, as
 * _PyFunction_Vectorcall and _PyFrame_InitializeSpecials would, and its native entry is
 * called directly (what helpers.c's direct_call does, without the dispatch to get there).
 * The frame takes the callee and the arguments from the stack slots; pj_rt_frame_pop
 * clears it.  Anything else -- no state, not compiled, another calling convention, a full
 * data-stack chunk, a bound-method object -- branches to `generic`. */
static void
direct_call_path(Lower *L, const PjInstr *in, LLVMValueRef base, Merge *m,
                 LLVMBasicBlockRef generic)
{
    int oparg = (int) in->imm[0];
    LLVMValueRef dc = data(L, "pj_direct");
    LLVMValueRef is_meth, callee = call_callee(L, base, &is_meth);
    LLVMValueRef meth64 = LLVMBuildZExt(L->b, is_meth, L->i64, "");
    LLVMValueRef nargs = LLVMBuildAdd(L->b, ci64(L, oparg), meth64, "");
    LLVMBasicBlockRef c1 = new_bb(L, "direct.code"), c2 = new_bb(L, "direct.extra"),
                      c3 = new_bb(L, "direct.state"), c4 = new_bb(L, "direct.ok"),
                      go = new_bb(L, "direct.call");
    branch_if(L, is_type(L, callee, "PyFunction_Type"), c1, generic);
    at(L, c1);
    LLVMValueRef code = load(L, L->ptr, callee, offsetof(PyFunctionObject, func_code));
    LLVMValueRef extra = load(L, L->ptr, code, offsetof(PyCodeObject, co_extra));
    LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, extra, ""), generic, c2);
    at(L, c2);
    /* _PyCodeObjectExtra: { Py_ssize_t ce_size; void *ce_extras[]; } */
    LLVMValueRef idx = load(L, L->i64, dc, offsetof(PjDirectCalls, extra_index));
    LLVMValueRef size = load(L, L->i64, extra, 0);
    LLVMValueRef slot = LLVMBuildGEP2(L->b, L->ptr, gep(L, extra, 8), &idx, 1, "");
    LLVMBasicBlockRef c2b = new_bb(L, "");
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntSGT, size, idx, ""), c2b, generic);
    at(L, c2b);
    LLVMValueRef st = LLVMBuildLoad2(L->b, L->ptr, slot, "");
    LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, st, ""), generic, c3);
    at(L, c3);
    LLVMValueRef entry = load(L, L->ptr, st, offsetof(PjCallTarget, entry));
    LLVMValueRef argc =
        LLVMBuildSExt(L->b, load(L, L->i32, st, offsetof(PjCallTarget, argc)), L->i64, "");
    LLVMValueRef cframe = load(L, L->ptr, L->ts, offsetof(PyThreadState, cframe));
    LLVMValueRef tracing = load(L, L->i8, cframe, offsetof(_PyCFrame, use_tracing));
    LLVMValueRef interp = load(L, L->ptr, L->ts, offsetof(PyThreadState, interp));
    LLVMValueRef hook = load(L, L->ptr, interp, offsetof(PyInterpreterState, eval_frame));
    LLVMValueRef ok =
        and2(L,
             and2(L, LLVMBuildIsNotNull(L->b, entry, ""),
                  LLVMBuildICmp(L->b, LLVMIntEQ, argc, nargs, "")),
             and2(L, LLVMBuildICmp(L->b, LLVMIntEQ, tracing, LLVMConstInt(L->i8, 0, 0), ""),
                  LLVMBuildICmp(L->b, LLVMIntEQ, hook,
                                load(L, L->ptr, dc, offsetof(PjDirectCalls, hook)), "")));
    LLVMBuildCondBr(L->b, ok, c4, generic);
    at(L, c4);
    /* Room in the data stack's chunk (in words, as direct_call). */
    LLVMValueRef top = load(L, L->ptr, L->ts, offsetof(PyThreadState, datastack_top));
    LLVMValueRef limit = load(L, L->ptr, L->ts, offsetof(PyThreadState, datastack_limit));
    LLVMValueRef words =
        LLVMBuildSExt(L->b, load(L, L->i32, st, offsetof(PjCallTarget, frame_words)), L->i64, "");
    LLVMValueRef room =
        LLVMBuildExactSDiv(L->b,
                           LLVMBuildSub(L->b, LLVMBuildPtrToInt(L->b, limit, L->i64, ""),
                                        LLVMBuildPtrToInt(L->b, top, L->i64, ""), ""),
                           ci64(L, 8), "");
    LLVMValueRef fits = and2(L, LLVMBuildIsNotNull(L->b, top, ""),
                             LLVMBuildICmp(L->b, LLVMIntSLT, words, room, ""));
    /* Every 32nd level of recursion, the C stack: near its end, the generic path (the
     * hook continues on a new stack segment, stack.c). */
    LLVMBasicBlockRef c5 = new_bb(L, "direct.room"), c6 = new_bb(L, "direct.stack");
    LLVMBuildCondBr(L->b, fits, c5, generic);
    at(L, c5);
    LLVMValueRef rem = load(L, L->i32, L->ts, offsetof(PyThreadState, recursion_remaining));
    LLVMValueRef every32 =
        LLVMBuildICmp(L->b, LLVMIntEQ, LLVMBuildAnd(L->b, rem, ci32(L, 31), ""), ci32(L, 0), "");
    LLVMBuildCondBr(L->b, every32, c6, go);
    at(L, c6);
    LLVMValueRef low = call(L, "pj_rt_stack_low", NULL, 0);
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, low, ci32(L, 0), ""), go, generic);

    at(L, go);
    LLVMValueRef frame = top;
    store(L, LLVMBuildGEP2(L->b, L->ptr, top, &words, 1, ""), L->ts,
          offsetof(PyThreadState, datastack_top));
    store(L, callee, frame, offsetof(_PyInterpreterFrame, f_func)); /* the slot's reference */
    incref(L, code);
    store(L, code, frame, offsetof(_PyInterpreterFrame, f_code));
    store(L, load(L, L->ptr, callee, offsetof(PyFunctionObject, func_builtins)), frame,
          offsetof(_PyInterpreterFrame, f_builtins));
    store(L, load(L, L->ptr, callee, offsetof(PyFunctionObject, func_globals)), frame,
          offsetof(_PyInterpreterFrame, f_globals));
    store(L, LLVMConstNull(L->ptr), frame, offsetof(_PyInterpreterFrame, f_locals));
    LLVMValueRef nlp = load(L, L->i32, st, offsetof(PjCallTarget, nlocalsplus));
    store(L, nlp, frame, offsetof(_PyInterpreterFrame, stacktop));
    store(L, LLVMConstNull(L->ptr), frame, offsetof(_PyInterpreterFrame, frame_obj));
    store(L, gep(L, code, (long long) offsetof(PyCodeObject, co_code_adaptive) - 2), frame,
          offsetof(_PyInterpreterFrame, prev_instr));
    store(L, LLVMConstInt(L->i8, 0, 0), frame, offsetof(_PyInterpreterFrame, is_entry));
    store(L, LLVMConstInt(L->i8, FRAME_OWNED_BY_THREAD, 0), frame,
          offsetof(_PyInterpreterFrame, owner));
    /* The arguments: self (a method's), then the call's; the other locals NULL. */
    LLVMValueRef locals = gep(L, frame, offsetof(_PyInterpreterFrame, localsplus));
    LLVMBasicBlockRef self_bb = new_bb(L, "direct.self"), args_bb = new_bb(L, "direct.args");
    LLVMBuildCondBr(L->b, is_meth, self_bb, args_bb);
    at(L, self_bb);
    store(L, load(L, L->ptr, base, 8), locals, 0);
    LLVMBuildBr(L->b, args_bb);
    at(L, args_bb);
    LLVMValueRef dst = LLVMBuildGEP2(L->b, L->ptr, locals, &meth64, 1, "");
    for (int i = 0; i < oparg; i++)
        store(L, load(L, L->ptr, base, 8 * (2 + i)), dst, 8 * i);
    /* for (i = nargs; i < nlocalsplus; i++) locals[i] = NULL;  (mostly no iteration) */
    LLVMValueRef nlp64 = LLVMBuildSExt(L->b, nlp, L->i64, "");
    LLVMBasicBlockRef pre = LLVMGetInsertBlock(L->b), nul = new_bb(L, "direct.null"),
                      nul_done = new_bb(L, "");
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntSLT, nargs, nlp64, ""), nul, nul_done);
    at(L, nul);
    LLVMValueRef i = LLVMBuildPhi(L->b, L->i64, "");
    store(L, LLVMConstNull(L->ptr), LLVMBuildGEP2(L->b, L->ptr, locals, &i, 1, ""), 0);
    LLVMValueRef i1 = LLVMBuildAdd(L->b, i, ci64(L, 1), "");
    LLVMValueRef phi_in[2] = { nargs, i1 };
    LLVMBasicBlockRef phi_bb[2] = { pre, nul };
    LLVMAddIncoming(i, phi_in, phi_bb, 2);
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntSLT, i1, nlp64, ""), nul, nul_done);
    at(L, nul_done);
    LLVMValueRef cnt = gep(L, dc, offsetof(PjDirectCalls, count));
    store(L, LLVMBuildAdd(L->b, load(L, L->i64, cnt, 0), ci64(L, 1), ""), cnt, 0);
    LLVMTypeRef params[3] = { L->ptr, L->ptr, L->ptr };
    LLVMValueRef eargs[3] = { L->ts, frame, load(L, L->ptr, st, offsetof(PjCallTarget, rd)) };
    LLVMValueRef r =
        LLVMBuildCall2(L->b, LLVMFunctionType(L->ptr, params, 3, 0), entry, eargs, 3, "");
    /* Clear and pop the frame (pj_rt_frame_pop), inline when no frame object was made
     * for it: its locals, function and code released one level deeper, as the
     * interpreter's clear_thread_frame. */
    LLVMBasicBlockRef fo_bb = new_bb(L, "direct.frame_obj"), fast = new_bb(L, "direct.pop"),
                      popped = new_bb(L, "direct.popped");
    br_cold(L,
            LLVMBuildIsNotNull(
                L->b, load(L, L->ptr, frame, offsetof(_PyInterpreterFrame, frame_obj)), ""),
            fo_bb, fast);
    at(L, fo_bb);
    LLVMValueRef pargs[2] = { L->ts, frame };
    call(L, "pj_rt_frame_pop", pargs, 2);
    LLVMBuildBr(L->b, popped);
    at(L, fast);
    LLVMValueRef rr = gep(L, L->ts, offsetof(PyThreadState, recursion_remaining));
    store(L, LLVMBuildSub(L->b, load(L, L->i32, rr, 0), ci32(L, 1), ""), rr, 0);
    LLVMValueRef top_n = LLVMBuildSExt(
        L->b, load(L, L->i32, frame, offsetof(_PyInterpreterFrame, stacktop)), L->i64, "");
    LLVMBasicBlockRef pre2 = LLVMGetInsertBlock(L->b), clr = new_bb(L, "direct.clear"),
                      clr_done = new_bb(L, "");
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntSGT, top_n, ci64(L, 0), ""), clr, clr_done);
    at(L, clr);
    LLVMValueRef j = LLVMBuildPhi(L->b, L->i64, "");
    xdecref(L, LLVMBuildLoad2(L->b, L->ptr, LLVMBuildGEP2(L->b, L->ptr, locals, &j, 1, ""), ""));
    LLVMValueRef j1 = LLVMBuildAdd(L->b, j, ci64(L, 1), "");
    LLVMValueRef j_in[2] = { ci64(L, 0), j1 };
    LLVMBasicBlockRef j_bb[2] = { pre2, LLVMGetInsertBlock(L->b) };
    LLVMAddIncoming(j, j_in, j_bb, 2);
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntSLT, j1, top_n, ""), clr, clr_done);
    at(L, clr_done);
    decref(L, callee);
    decref(L, code);
    store(L, LLVMBuildAdd(L->b, load(L, L->i32, rr, 0), ci32(L, 1), ""), rr, 0);
    store(L, frame, L->ts, offsetof(PyThreadState, datastack_top));
    LLVMBuildBr(L->b, popped);
    at(L, popped);
    check_null(L, r, in->fs);
    merge_add(L, m, r);
}

/* A call the interpreter specialised to a builtin function or a method descriptor (its
 * PRECALL_NO_KW_BUILTIN_O, ..._METHOD_DESCRIPTOR_FAST, ...): the C function called here,
 * as those instructions do -- METH_O and METH_NOARGS under the recursion count (at the
 * limit, the generic path raises), METH_FASTCALL and LIST_APPEND's list.append without
 * it, METH_FASTCALL with the arguments in place.  The callee and the arguments are released after
 * it, as pj_rt_call does. Another callable or calling convention branches to `generic`. */
static void
c_call_path(Lower *L, const PjInstr *in, LLVMValueRef base, Merge *m, LLVMBasicBlockRef generic)
{
    int oparg = (int) in->imm[0];
    LLVMValueRef is_meth, callee = call_callee(L, base, &is_meth);
    LLVMBasicBlockRef cf = new_bb(L, "ccall.cfunction"), not_cf = new_bb(L, ""),
                      md = new_bb(L, "ccall.descr"), go = new_bb(L, "ccall.flags");
    LLVMBasicBlockRef from[2];
    LLVMValueRef selfs[2], mls[2];
    /* A builtin function: its own self; LOAD_METHOD found none ([NULL, callable, ...]). */
    branch_if(L, and2(L, LLVMBuildNot(L->b, is_meth, ""), is_type(L, callee, "PyCFunction_Type")),
              cf, not_cf);
    selfs[0] = load(L, L->ptr, callee, offsetof(PyCFunctionObject, m_self));
    mls[0] = load(L, L->ptr, callee, offsetof(PyCFunctionObject, m_ml));
    from[0] = LLVMGetInsertBlock(L->b);
    LLVMBuildBr(L->b, go);
    at(L, not_cf);
    /* A method descriptor with its object of exactly its type ([descr, obj, args...]). */
    LLVMBasicBlockRef md_type = new_bb(L, "");
    branch_if(L, and2(L, is_meth, is_type(L, callee, "PyMethodDescr_Type")), md_type, generic);
    LLVMValueRef obj = load(L, L->ptr, base, 8);
    LLVMValueRef dtype = load(L, L->ptr, callee, offsetof(PyDescrObject, d_type));
    LLVMBuildCondBr(L->b, LLVMBuildICmp(L->b, LLVMIntEQ, type_of(L, obj), dtype, ""), md, generic);
    at(L, md);
    selfs[1] = obj;
    mls[1] = load(L, L->ptr, callee, offsetof(PyMethodDescrObject, d_method));
    from[1] = md;
    LLVMBuildBr(L->b, go);
    at(L, go);
    LLVMValueRef self = LLVMBuildPhi(L->b, L->ptr, "");
    LLVMAddIncoming(self, selfs, from, 2);
    LLVMValueRef ml = LLVMBuildPhi(L->b, L->ptr, "");
    LLVMAddIncoming(ml, mls, from, 2);
    /* The C arguments are base[2..2+oparg) either way. */
    LLVMValueRef args = gep(L, base, 16);
    LLVMValueRef flags = LLVMBuildAnd(
        L->b, load(L, L->i32, ml, offsetof(PyMethodDef, ml_flags)),
        ci32(L, METH_VARARGS | METH_FASTCALL | METH_NOARGS | METH_O | METH_KEYWORDS | METH_METHOD),
        "");
    LLVMValueRef meth = load(L, L->ptr, ml, offsetof(PyMethodDef, ml_meth));
    LLVMBasicBlockRef fast = new_bb(L, "ccall.fast"), not_fast = new_bb(L, ""),
                      one = new_bb(L, "ccall.o"), done = new_bb(L, "ccall.done");
    LLVMTypeRef p3[3] = { L->ptr, L->ptr, L->i64 };
    LLVMTypeRef p2[2] = { L->ptr, L->ptr };
    LLVMBasicBlockRef rfrom[2];
    LLVMValueRef rvals[2];
    branch_if(L, LLVMBuildICmp(L->b, LLVMIntEQ, flags, ci32(L, METH_FASTCALL), ""), fast, not_fast);
    LLVMValueRef fargs[3] = { self, args, ci64(L, oparg) };
    rvals[0] = LLVMBuildCall2(L->b, LLVMFunctionType(L->ptr, p3, 3, 0), meth, fargs, 3, "");
    rfrom[0] = LLVMGetInsertBlock(L->b);
    LLVMBuildBr(L->b, done);
    at(L, not_fast);
    /* METH_O with one argument, METH_NOARGS with none (this call's oparg decides). */
    LLVMValueRef rr = gep(L, L->ts, offsetof(PyThreadState, recursion_remaining));
    LLVMValueRef left = load(L, L->i32, rr, 0);
    int want = oparg == 1 ? METH_O : oparg == 0 ? METH_NOARGS : -1;
    int guard = in->hint != PJ_HINT_APPEND; /* (LIST_APPEND appends unguarded) */
    LLVMBuildCondBr(L->b,
                    and2(L, LLVMBuildICmp(L->b, LLVMIntEQ, flags, ci32(L, want), ""),
                         guard ? LLVMBuildICmp(L->b, LLVMIntSGT, left, ci32(L, 1), "") : ci1(L, 1)),
                    one, generic);
    at(L, one);
    if (guard)
        store(L, LLVMBuildSub(L->b, left, ci32(L, 1), ""), rr, 0);
    LLVMValueRef oargs[2] = { self, oparg == 1 ? load(L, L->ptr, args, 0) : LLVMConstNull(L->ptr) };
    rvals[1] = LLVMBuildCall2(L->b, LLVMFunctionType(L->ptr, p2, 2, 0), meth, oargs, 2, "");
    if (guard)
        store(L, LLVMBuildAdd(L->b, load(L, L->i32, rr, 0), ci32(L, 1), ""), rr, 0);
    rfrom[1] = LLVMGetInsertBlock(L->b);
    LLVMBuildBr(L->b, done);
    at(L, done);
    LLVMValueRef r = LLVMBuildPhi(L->b, L->ptr, "");
    LLVMAddIncoming(r, rvals, rfrom, 2);
    /* Release what the call consumed: base[0] (a descriptor, or NULL), base[1], the
     * arguments. */
    for (int i = 0; i < oparg; i++)
        decref(L, load(L, L->ptr, base, 8 * (2 + i)));
    decref(L, load(L, L->ptr, base, 8));
    xdecref(L, load(L, L->ptr, base, 0));
    check_null(L, r, in->fs);
    merge_add(L, m, r);
}

static LLVMValueRef
lower_call(Lower *L, const PjInstr *in)
{
    LLVMValueRef base = stack_slot(L, (int) in->imm[1]);
    Merge m = { .bb = new_bb(L, "call.done") };
    LLVMBasicBlockRef generic = new_bb(L, "call.generic");
    builtin_fast_paths(L, in, base, &m, generic);
    at(L, generic);
    if (in->imm[2] < 0 && !compact_all(L) &&
        (in->hint == PJ_HINT_PYFUNC || in->hint == PJ_HINT_NONE)) {
        LLVMBasicBlockRef slow = new_bb(L, "call.slow");
        direct_call_path(L, in, base, &m, slow);
        at(L, slow);
    }
    else if (in->imm[2] < 0 && !compact_all(L) &&
             (in->hint == PJ_HINT_CFUNC || in->hint == PJ_HINT_APPEND)) {
        LLVMBasicBlockRef slow = new_bb(L, "call.slow");
        c_call_path(L, in, base, &m, slow);
        at(L, slow);
    }
    LLVMValueRef kw = in->imm[2] >= 0 ? co_item(L, offsetof(PyCodeObject, co_consts), in->imm[2])
                                      : LLVMConstNull(L->ptr);
    LLVMValueRef args[4] = { L->ts, base, ci32(L, in->imm[0]), kw };
    LLVMValueRef r = call(L, "pj_rt_call", args, 4);
    check_null(L, r, in->fs);
    merge_add(L, &m, r);
    return merge_finish(L, &m, L->ptr);
}

/* interp->ceval.eval_breaker, read as the interpreter does (relaxed atomic). */
static LLVMValueRef
load_eval_breaker(Lower *L)
{
    LLVMValueRef interp = load(L, L->ptr, L->ts, offsetof(PyThreadState, interp));
    LLVMValueRef flag = load(L, L->i32, interp, offsetof(PyInterpreterState, ceval.eval_breaker));
    LLVMSetOrdering(flag, LLVMAtomicOrderingMonotonic);
    LLVMSetAlignment(flag, 4);
    return flag;
}

/* The loop head a poll's back edge jumps to, where newer code can take the frame over
 * (pj_decode_osr_head), or -1.  Not in generators (their code resumes at yields). */
static int
osr_head(Lower *L, const PjInstr *in)
{
    if (L->bc->is_generator || in->fsd == NULL)
        return -1;
    int h = pj_decode_osr_head(L->bc, in->bc);
    return h >= 0 && in->fsd->nstack >= L->bc->instrs[h].depth ? h : -1;
}

static void
lower_poll(Lower *L, const PjInstr *in)
{
    LLVMValueRef flag = load_eval_breaker(L);
    LLVMBasicBlockRef pending = new_bb(L, "poll.pending"), cont = new_bb(L, "");
    br_cold(L, LLVMBuildICmp(L->b, LLVMIntNE, flag, ci32(L, 0), ""), pending, cont);
    at(L, pending);
    if (L->cur_u != NULL) /* signal handlers may look at the frame */
        materialize(L, L->cur_u);
    LLVMValueRef r = call(L, "pj_rt_handle_pending", &L->ts, 1);
    check_error(L, LLVMBuildICmp(L->b, LLVMIntSLT, r, ci32(L, 0), ""), in->fs);
    int head = osr_head(L, in);
    int back_edge = !L->bc->is_generator && in->bc >= 0 && in->bc < L->bc->ninstrs &&
                    L->bc->instrs[in->bc].target >= 0 && L->bc->instrs[in->bc].target <= in->bc;
    LLVMBasicBlockRef served = back_edge ? new_bb(L, "poll.osr") : cont;
    br_cold(L, LLVMBuildICmp(L->b, LLVMIntSGT, r, ci32(L, 0), ""),
            exit_block(L, in->fsd, 0, PJ_DEOPT_EVAL_BREAKER), served);
    if (back_edge) {
        /* Newer code of this function installed by the pending calls just run (the
         * optimised code replacing this baseline code) takes the frame over at an
         * outermost loop's head (PJ_EXIT_OSR); elsewhere the eval breaker stays raised
         * until a back edge to such a head is reached (pj_rt_osr_ready). */
        at(L, served);
        LLVMValueRef args[3] = { L->frame, L->fn, ci32(L, head >= 0) };
        LLVMValueRef newer = call(L, "pj_rt_osr_ready", args, 3);
        if (head >= 0) {
            const PjBcInstr *h = &L->bc->instrs[head];
            br_cold(L, LLVMBuildICmp(L->b, LLVMIntNE, newer, ci32(L, 0), ""),
                    exit_to(L, in->fsd, h->start - 1, h->depth, PJ_EXIT_OSR, PJ_DEOPT_EVAL_BREAKER),
                    cont);
        }
        else {
            LLVMBuildBr(L->b, cont);
        }
    }
    at(L, cont);
}

/* After a call: one test of the eval breaker and the tracing flag together.  The cold path
 * is one helper call: a signal handler's exception leaves for the interpreter, which
 * unwinds it from the call (rare, so no landing in compiled code per call site). */
static void
lower_after_call(Lower *L, const PjInstr *in)
{
    LLVMValueRef flag = load_eval_breaker(L);
    LLVMValueRef cf = load(L, L->ptr, L->ts, offsetof(PyThreadState, cframe));
    LLVMValueRef tracing =
        LLVMBuildZExt(L->b, load(L, L->i8, cf, offsetof(_PyCFrame, use_tracing)), L->i32, "");
    LLVMBasicBlockRef slow = new_bb(L, "after_call.slow"), cont = new_bb(L, "");
    br_cold(L, LLVMBuildICmp(L->b, LLVMIntNE, LLVMBuildOr(L->b, flag, tracing, ""), ci32(L, 0), ""),
            slow, cont);
    at(L, slow);
    if (L->cur_u != NULL) /* signal handlers may look at the frame */
        materialize(L, L->cur_u);
    LLVMValueRef ac_args[2] = { L->ts, L->fn };
    LLVMValueRef rc = call(L, "pj_rt_after_call", ac_args, 2);
    LLVMValueRef sw = LLVMBuildSwitch(L->b, rc, cont, 3);
    const int cases[3] = { -1, 1, 2 };
    for (int k = 0; k < 3; k++) { /* (one block each: the exit's phis take one entry per block) */
        LLVMBasicBlockRef bb = new_bb(L, "after_call.exit");
        LLVMAddCase(sw, ci32(L, cases[k]), bb);
        at(L, bb);
        LLVMBuildBr(L->b, k == 0   ? exit_block(L, in->fs, 1, PJ_DEOPT_ERROR)
                          : k == 1 ? exit_block(L, in->fsd, 0, PJ_DEOPT_EVAL_BREAKER)
                                   : exit_block(L, in->fsd, 0, PJ_DEOPT_TRACING));
    }
    at(L, cont);
}

static void
add_edge(Lower *L, const PjEdge *e, LLVMBasicBlockRef from)
{
    for (int i = 0; i < e->nargs; i++) {
        LLVMValueRef phi = L->vals[e->block->params[i]->id];
        LLVMValueRef v = val(L, e->args[i]);
        LLVMAddIncoming(phi, &v, &from, 1);
    }
}

/* ---- Unboxed loops: operations ---------------------------------------------------------- */

/* Continues where `ok` holds; otherwise deoptimises before `in` (its fsd). */
static void
unboxed_guard(Lower *L, const PjInstr *in, LLVMValueRef ok, PjDeoptReason reason)
{
    LLVMBasicBlockRef cont = new_bb(L, "");
    br_cold(L, LLVMBuildNot(L->b, ok, ""), exit_block(L, in->fsd, 0, reason), cont);
    at(L, cont);
}

static LLVMValueRef
as_f64(Lower *L, const PjInstr *v)
{
    LLVMValueRef x = val(L, v);
    return v->ut == PJ_UT_I64 ? LLVMBuildSIToFP(L->b, x, L->f64, "") : x;
}

/* `x op y` on unboxed operands, with Python's exact semantics; where the result would
 * not be a machine value (overflow, a zero divisor: the interpreter raises or promotes),
 * deoptimises before the instruction. */
static LLVMValueRef
unboxed_binop(Lower *L, const PjInstr *in, int k, const PjInstr *x, const PjInstr *y)
{
    int base = k >= PJ_NB_INPLACE_ADD ? k - PJ_NB_INPLACE_ADD : k;
    LLVMValueRef ok = NULL, r;
    if (x->ut == PJ_UT_I64 && y->ut == PJ_UT_I64) {
        r = base == PJ_NB_TRUE_DIVIDE ? int_true_divide(L, val(L, x), val(L, y), &ok)
                                      : int_binop(L, k, val(L, x), val(L, y), &ok);
        PJ_CHECK(r != NULL, "unboxed int op %d", k);
    }
    else {
        r = float_binop(L, k, as_f64(L, x), as_f64(L, y), &ok);
        PJ_CHECK(r != NULL, "unboxed float op %d", k);
    }
    if (ok != NULL)
        unboxed_guard(L, in, ok, PJ_DEOPT_UNBOX_RANGE);
    return r;
}

static LLVMValueRef
unboxed_compare(Lower *L, const PjInstr *in)
{
    int op = (int) in->imm[0];
    const PjInstr *x = in->args[0], *y = in->args[1];
    if (x->ut == PJ_UT_I64)
        return LLVMBuildICmp(L->b, int_pred(op), val(L, x), val(L, y), "");
    return LLVMBuildFCmp(L->b, real_pred(op), val(L, x), val(L, y), "");
}

/* A range iterator's next item as an i64; aux[in]: the iterator was exhausted. */
static LLVMValueRef
unboxed_range_next(Lower *L, const PjInstr *in)
{
    LLVMValueRef it = val(L, in->args[0]);
    unboxed_guard(L, in, is_type(L, it, "PyRangeIter_Type"), PJ_DEOPT_UNBOX_GUARD);
    LLVMValueRef more;
    LLVMValueRef v = range_step(L, it, &more);
    L->aux[in->id] = LLVMBuildNot(L->b, more, "");
    return v;
}

/* Guards that `o` is an exact list or tuple as `hint` says (before `in`, else deopt). */
static void
unboxed_sequence_guard(Lower *L, const PjInstr *in, LLVMValueRef o, PjHint hint)
{
    unboxed_guard(L, in, is_type(L, o, hint == PJ_HINT_LIST ? "PyList_Type" : "PyTuple_Type"),
                  PJ_DEOPT_UNBOX_ITEM);
}

/* The item slot of `in`'s container (args[0], an exact list or tuple as `hint` says) at its
 * unboxed int index (args[1]; negative counts from the end), both checked before `in`. */
static LLVMValueRef
unboxed_item_slot(Lower *L, const PjInstr *in, PjHint hint)
{
    LLVMValueRef c = val(L, in->args[0]), i = val(L, in->args[1]);
    unboxed_sequence_guard(L, in, c, hint);
    LLVMValueRef n = load(L, L->i64, c, offsetof(PyVarObject, ob_size));
    LLVMValueRef neg = LLVMBuildICmp(L->b, LLVMIntSLT, i, ci64(L, 0), "");
    i = LLVMBuildSelect(L->b, neg, LLVMBuildAdd(L->b, i, n, ""), i, "");
    unboxed_guard(L, in, LLVMBuildICmp(L->b, LLVMIntULT, i, n, ""), PJ_DEOPT_UNBOX_ITEM);
    LLVMValueRef items = hint == PJ_HINT_LIST ? load(L, L->ptr, c, offsetof(PyListObject, ob_item))
                                              : gep(L, c, offsetof(PyTupleObject, ob_item));
    LLVMValueRef off = LLVMBuildMul(L->b, i, ci64(L, sizeof(PyObject *)), "");
    return LLVMBuildGEP2(L->b, L->i8, items, &off, 1, "");
}

/* `xs[i]` read as a machine number (pass_unbox.c): xs an exact list or tuple (as hinted),
 * i in range, the item an exact float or an int below 2**60 as `in` says; otherwise
 * deoptimises before the subscript. */
static LLVMValueRef
unboxed_item(Lower *L, const PjInstr *in)
{
    LLVMValueRef o = LLVMBuildLoad2(L->b, L->ptr, unboxed_item_slot(L, in, in->hint), "");
    int f = in->ut == PJ_UT_F64;
    unboxed_guard(L, in, is_type(L, o, f ? "PyFloat_Type" : "PyLong_Type"), PJ_DEOPT_UNBOX_ITEM);
    if (f)
        return float_value(L, o);
    LLVMBasicBlockRef big = new_bb(L, "item.big");
    LLVMValueRef v = smallint_or(L, NULL, o, big);
    LLVMBasicBlockRef cont = LLVMGetInsertBlock(L->b);
    at(L, big);
    LLVMBuildBr(L->b, exit_block(L, in->fsd, 0, PJ_DEOPT_UNBOX_ITEM));
    at(L, cont);
    return v;
}

/* The next item of a list or tuple iterator (as `in->hint` says), as listiter_next and
 * tupleiter_next: a new reference, or NULL at the end, where the iterator drops its
 * sequence. */
static LLVMValueRef
unboxed_seq_next(Lower *L, const PjInstr *in)
{
    int is_list = in->hint == PJ_HINT_LIST;
    LLVMValueRef it = val(L, in->args[0]);
    unboxed_guard(L, in, is_type(L, it, is_list ? "PyListIter_Type" : "PyTupleIter_Type"),
                  PJ_DEOPT_UNBOX_ITEM);
    Merge m = { .bb = new_bb(L, "seqnext.done") };
    LLVMValueRef null = LLVMConstNull(L->ptr), seq;
    LLVMBasicBlockRef end = new_bb(L, "seqnext.end"), gone = new_bb(L, "");
    merge_add(L, &m, seq_iter_item(L, it, is_list, gone, end, &seq));
    at(L, gone);
    merge_add(L, &m, null);
    at(L, end);
    store(L, null, it, offsetof(PjSeqIter, it_seq));
    decref(L, seq);
    merge_add(L, &m, null);
    return merge_finish(L, &m, L->ptr);
}

/* UNPACK_SEQUENCE of an exact list or tuple (as `in->hint` says) of exactly its length:
 * the items, new references, onto the stack (the last deepest); the sequence released. */
static void
unboxed_unpack(Lower *L, const PjInstr *in)
{
    LLVMValueRef seq = val(L, in->args[0]);
    int is_list = in->hint == PJ_HINT_LIST, n = (int) in->imm[1];
    unboxed_sequence_guard(L, in, seq, in->hint);
    unboxed_guard(L, in,
                  LLVMBuildICmp(L->b, LLVMIntEQ,
                                load(L, L->i64, seq, offsetof(PyVarObject, ob_size)), ci64(L, n),
                                ""),
                  PJ_DEOPT_UNBOX_ITEM);
    LLVMValueRef items = is_list ? load(L, L->ptr, seq, offsetof(PyListObject, ob_item))
                                 : gep(L, seq, offsetof(PyTupleObject, ob_item));
    int base = (int) in->imm[2] - 1;
    for (int i = 0; i < n; i++) {
        LLVMValueRef item = load(L, L->ptr, items, (long long) sizeof(PyObject *) * i);
        incref(L, item);
        LLVMBuildStore(L->b, item, stack_slot(L, base + n - 1 - i));
    }
    decref(L, seq);
}

/* `xs[i] = v` into an exact list at an unboxed int i (negative counts from the end): v
 * boxed if it is unboxed, the old item released.  An unboxed float replacing an exact
 * float the list alone holds is written into that object (it would die here, and the new
 * one be born: nothing can tell the two apart, as for binop_store's reuse). */
static void
unboxed_store_item(Lower *L, const PjInstr *in)
{
    const PjInstr *v = in->args[2];
    LLVMValueRef slot = unboxed_item_slot(L, in, PJ_HINT_LIST);
    LLVMValueRef old = LLVMBuildLoad2(L->b, L->ptr, slot, ""), o;
    LLVMBasicBlockRef done = NULL;
    if (v->ut == PJ_UT_F64) {
        LLVMBasicBlockRef reuse = new_bb(L, "setitem.reuse"), box = new_bb(L, "setitem.box");
        done = new_bb(L, "setitem.done");
        LLVMBasicBlockRef is_float = new_bb(L, "");
        LLVMBuildCondBr(L->b, is_type(L, old, "PyFloat_Type"), is_float, box);
        at(L, is_float);
        LLVMBuildCondBr(L->b,
                        LLVMBuildICmp(L->b, LLVMIntEQ,
                                      load(L, L->i64, old, offsetof(PyObject, ob_refcnt)),
                                      ci64(L, 1), ""),
                        reuse, box);
        at(L, reuse);
        store(L, val(L, v), old, offsetof(PyFloatObject, ob_fval));
        LLVMBuildBr(L->b, done);
        at(L, box);
    }
    if (v->ut != PJ_UT_OBJ) {
        o = box_unboxed(L, v);
        check_null(L, o, in->fs);
    }
    else {
        o = val(L, v);
        incref(L, o);
    }
    /* (boxing cannot run Python code: the slot still holds `old`) */
    LLVMBuildStore(L->b, o, slot);
    xdecref(L, old);
    if (done != NULL) {
        LLVMBuildBr(L->b, done);
        at(L, done);
    }
}

/* math.sqrt(x) on an unboxed float: the callee checked to be math.sqrt and x not below
 * zero (the interpreter raises ValueError), else deoptimises before the call. */
static LLVMValueRef
unboxed_sqrt(Lower *L, const PjInstr *in)
{
    int base = (int) in->imm[1];
    LLVMValueRef callee = load(L, L->ptr, stack_slot(L, base + 1), 0);
    LLVMValueRef sqrt_fn = load(L, L->ptr, data(L, "pj_math_sqrt"), 0);
    unboxed_guard(L, in, LLVMBuildICmp(L->b, LLVMIntEQ, callee, sqrt_fn, ""),
                  PJ_DEOPT_UNBOX_CALLEE);
    LLVMValueRef x = val(L, pj_ir_slot_value(in, base + 2));
    unboxed_guard(L, in, LLVMBuildFCmp(L->b, LLVMRealUGE, x, LLVMConstReal(L->f64, 0.0), ""),
                  PJ_DEOPT_UNBOX_RANGE);
    unsigned id = LLVMLookupIntrinsicID("llvm.sqrt", 9);
    LLVMValueRef f = LLVMGetIntrinsicDeclaration(L->mod, id, &L->f64, 1);
    LLVMValueRef r =
        LLVMBuildCall2(L->b, LLVMIntrinsicGetType(L->ctx, id, &L->f64, 1), f, &x, 1, "");
    decref(L, callee); /* (the call's reference; pj_math_sqrt keeps it alive) */
    return r;
}

/* The alloca holding unboxed `local` of the current loop. */
static LLVMValueRef
unboxed_local(Lower *L, long long local)
{
    int ui = (int) (L->cur_u - L->ir->uloops), i = uindex(L->cur_u, (int) local);
    PJ_CHECK(i >= 0, "local %lld is not unboxed", local);
    return L->uval[ui][i];
}

static void
set_unboxed_local(Lower *L, long long local, LLVMValueRef v)
{
    int ui = (int) (L->cur_u - L->ir->uloops), i = uindex(L->cur_u, (int) local);
    PJ_CHECK(i >= 0, "local %lld is not unboxed", local);
    LLVMBuildStore(L->b, v, L->uval[ui][i]);
    LLVMValueRef mask = L->udirty[ui][i / 64];
    LLVMValueRef w = LLVMBuildLoad2(L->b, L->i64, mask, "");
    LLVMBuildStore(L->b, LLVMBuildOr(L->b, w, ci64(L, (long long) (1ULL << (i % 64))), ""), mask);
}

/* Lowers `in` if it works on unboxed values (inside an unboxed loop); 0 if it does not. */
static int
lower_unboxed(Lower *L, const PjInstr *in)
{
    const PjInstr *a = in->nargs > 0 ? in->args[0] : NULL;
    int typed_arg = a != NULL && a->ut != PJ_UT_OBJ;
    LLVMValueRef r = NULL;
    switch (in->op) {
    case PJ_IR_const_obj:
        if (in->ut == PJ_UT_OBJ)
            return 0;
        r = in->ut == PJ_UT_I64 ? ci64(L, L->bc->const_i64[in->imm[0]])
                                : LLVMConstReal(L->f64, L->bc->const_f64[in->imm[0]]);
        break;
    case PJ_IR_load_local:
        if (in->ut == PJ_UT_OBJ)
            return 0;
        r = LLVMBuildLoad2(L->b, ut_type(L, in->ut), unboxed_local(L, in->imm[0]), "");
        break;
    case PJ_IR_store_local:
        if (!typed_arg)
            return 0;
        set_unboxed_local(L, in->imm[0], val(L, a));
        return 1;
    case PJ_IR_store_stack: /* written where the loop is left */
    case PJ_IR_incref:
    case PJ_IR_decref:
    case PJ_IR_xdecref:
    case PJ_IR_check_bound:
        return typed_arg;
    case PJ_IR_binop:
        if (in->ut == PJ_UT_OBJ)
            return 0;
        r = unboxed_binop(L, in, (int) in->imm[0], in->args[0], in->args[1]);
        break;
    case PJ_IR_binop_store:
        if (!typed_arg)
            return 0;
        set_unboxed_local(L, in->imm[1],
                          unboxed_binop(L, in, (int) in->imm[0], in->args[0], in->args[1]));
        return 1;
    case PJ_IR_unop: {
        if (in->ut == PJ_UT_OBJ)
            return 0;
        LLVMValueRef x = val(L, a);
        int k = (int) in->imm[0];
        if (k == PJ_UN_POSITIVE)
            r = x;
        else if (k == PJ_UN_INVERT)
            r = LLVMBuildNot(L->b, x, "");
        else if (in->ut == PJ_UT_F64)
            r = LLVMBuildFNeg(L->b, x, "");
        else {
            unboxed_guard(L, in, LLVMBuildICmp(L->b, LLVMIntNE, x, ci64(L, INT64_MIN), ""),
                          PJ_DEOPT_UNBOX_RANGE);
            r = LLVMBuildNeg(L->b, x, "");
        }
        break;
    }
    case PJ_IR_compare_bool:
        if (!typed_arg)
            return 0;
        r = unboxed_compare(L, in);
        break;
    case PJ_IR_compare:
        if (!typed_arg)
            return 0;
        r = bool_obj(L, unboxed_compare(L, in));
        incref(L, r);
        break;
    case PJ_IR_truth:
        if (!typed_arg)
            return 0;
        r = a->ut == PJ_UT_I64
                ? LLVMBuildICmp(L->b, LLVMIntNE, val(L, a), ci64(L, 0), "")
                : LLVMBuildFCmp(L->b, LLVMRealUNE, val(L, a), LLVMConstReal(L->f64, 0.0), "");
        break;
    case PJ_IR_iter_next:
        r = in->ut == PJ_UT_OBJ ? unboxed_seq_next(L, in) : unboxed_range_next(L, in);
        break;
    case PJ_IR_subscr:
        if (in->ut == PJ_UT_OBJ)
            return 0;
        r = unboxed_item(L, in);
        break;
    case PJ_IR_store_subscr:
        unboxed_store_item(L, in);
        return 1;
    case PJ_IR_call:
        if (in->ut == PJ_UT_OBJ)
            return 0;
        r = unboxed_sqrt(L, in);
        break;
    case PJ_IR_get_iter: /* then as outside */
        unboxed_sequence_guard(L, in, val(L, a), in->hint);
        return 0;
    case PJ_IR_sop:
        unboxed_unpack(L, in);
        return 1;
    case PJ_IR_is_null:
        if (!typed_arg)
            return 0;
        r = L->aux[a->id];
        PJ_CHECK(r != NULL, "is_null of an unboxed value that is not a range step");
        break;
    default:
        return 0;
    }
    L->vals[in->id] = r;
    return 1;
}

/* Entering unboxed loop `u` along edge `e`: checks the frame's objects (see pass_unbox.c)
 * and loads the unboxed locals; a check that fails deoptimises to the loop's head. */
static void
enter_unboxed(Lower *L, const PjULoop *u, const PjEdge *e)
{
    int ui = (int) (u - L->ir->uloops);
    const PjBlock *h = u->header;
    PjFrameState fs = { .bc = h->bc,
                        .prev_unit = L->bc->instrs[h->bc].start - 1,
                        .nstack = e->nargs,
                        .stack = e->args };
    LLVMBasicBlockRef saved = LLVMGetInsertBlock(L->b);
    LLVMBasicBlockRef fail = new_bb(L, "unboxed.guard.fail");
    at(L, fail);
    LLVMBuildBr(L->b, exit_block(L, &fs, 0, PJ_DEOPT_UNBOX_GUARD));
    at(L, saved);
    for (int i = 0; i < u->nlocals; i++) {
        LLVMValueRef o =
            load(L, L->ptr, L->localsplus, (long long) sizeof(PyObject *) * u->local[i]);
        LLVMValueRef v;
        if (u->live_in[i]) {
            LLVMBasicBlockRef nn = new_bb(L, ""), ty = new_bb(L, "");
            LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, o, ""), fail, nn);
            at(L, nn);
            LLVMBuildCondBr(L->b,
                            is_type(L, o, u->type[i] == PJ_UT_F64 ? "PyFloat_Type" : "PyLong_Type"),
                            ty, fail);
            at(L, ty);
            v = u->type[i] == PJ_UT_F64 ? float_value(L, o) : smallint_or(L, NULL, o, fail);
        }
        else { /* written before it is read: nothing, or a number that can die silently */
            LLVMBasicBlockRef nn = new_bb(L, ""), ok = new_bb(L, "");
            LLVMBuildCondBr(L->b, LLVMBuildIsNull(L->b, o, ""), ok, nn);
            at(L, nn);
            LLVMBuildCondBr(
                L->b,
                LLVMBuildOr(L->b, is_type(L, o, "PyFloat_Type"), is_type(L, o, "PyLong_Type"), ""),
                ok, fail);
            at(L, ok);
            v = LLVMConstNull(ut_type(L, u->type[i]));
        }
        LLVMBuildStore(L->b, v, L->uval[ui][i]);
    }
    for (int w = 0; w < dirty_words(u->nlocals); w++)
        LLVMBuildStore(L->b, ci64(L, 0), L->udirty[ui][w]);
}

/* The LLVM block an IR edge from the block being lowered goes to, with the phis of its
 * target fed: straight there, or through a block that enters or leaves an unboxed loop. */
static LLVMBasicBlockRef
edge_dest(Lower *L, const PjEdge *e)
{
    const PjBlock *t = e->block;
    const PjULoop *tu = t->uloop >= 0 ? &L->ir->uloops[t->uloop] : NULL, *cu = L->cur_u;
    LLVMBasicBlockRef from = LLVMGetInsertBlock(L->b);
    int entering = tu != NULL && tu != cu && tu->header == t;
    int leaving = cu != NULL && tu != cu;
    if (!entering && !leaving) {
        add_edge(L, e, from);
        return L->bbs[t->id];
    }
    LLVMBasicBlockRef via = new_bb(L, entering ? "unboxed.enter" : "unboxed.leave");
    at(L, via);
    if (leaving)
        materialize(L, cu);
    if (entering) {
        L->cur_u = NULL;
        enter_unboxed(L, tu, e);
        L->cur_u = cu;
    }
    add_edge(L, e, LLVMGetInsertBlock(L->b));
    LLVMBuildBr(L->b, L->bbs[t->id]);
    at(L, from);
    return via;
}

/* ---- Instructions ---------------------------------------------------------------------- */

/* Returns `v` from the frame as the interpreter's RETURN_VALUE and YIELD_VALUE do: the
 * frame unlinked from the thread, the recursion count given back. */
static void
leave_frame(Lower *L, LLVMValueRef v)
{
    LLVMValueRef cf = load(L, L->ptr, L->ts, offsetof(PyThreadState, cframe));
    store(L, load(L, L->ptr, L->frame, offsetof(_PyInterpreterFrame, previous)), cf,
          offsetof(_PyCFrame, current_frame));
    LLVMValueRef rem = load(L, L->i32, L->ts, offsetof(PyThreadState, recursion_remaining));
    store(L, LLVMBuildAdd(L->b, rem, ci32(L, 1), ""), L->ts,
          offsetof(PyThreadState, recursion_remaining));
    LLVMBuildRet(L->b, v);
}

static void
lower_instr(Lower *L, const PjInstr *in)
{
    LLVMBuilderRef B = L->b;
    LLVMValueRef r = NULL;
    if (L->cur_u != NULL && lower_unboxed(L, in))
        return;
    int fl = pj_ir_op_flags(in->op);
    if ((fl & (PJ_IRF_RAISE | PJ_IRF_CALL)) && in->bc >= 0)
        set_prev_instr(L, L->bc->instrs[in->bc].idx);

    switch (in->op) {
    case PJ_IR_param:
        break;
    case PJ_IR_null:
        r = LLVMConstNull(L->ptr);
        break;
    case PJ_IR_none:
        r = data(L, "_Py_NoneStruct");
        break;
    case PJ_IR_const_obj:
        r = co_item(L, offsetof(PyCodeObject, co_consts), in->imm[0]);
        break;
    case PJ_IR_load_local:
        r = load(L, L->ptr, L->localsplus, (long long) sizeof(PyObject *) * in->imm[0]);
        break;
    case PJ_IR_store_local:
        store(L, val(L, in->args[0]), L->localsplus, (long long) sizeof(PyObject *) * in->imm[0]);
        break;
    case PJ_IR_load_stack:
        r = LLVMBuildLoad2(B, L->ptr, stack_slot(L, (int) in->imm[0]), "");
        break;
    case PJ_IR_store_stack:
        LLVMBuildStore(B, val(L, in->args[0]), stack_slot(L, (int) in->imm[0]));
        break;
    case PJ_IR_incref:
        incref(L, val(L, in->args[0]));
        break;
    case PJ_IR_decref:
        decref_at(L, in->args[0], in);
        break;
    case PJ_IR_xdecref:
        xdecref(L, val(L, in->args[0]));
        break;
    case PJ_IR_check_bound: {
        LLVMBasicBlockRef cont = new_bb(L, "");
        br_cold(L, LLVMBuildIsNull(B, val(L, in->args[0]), ""),
                exit_block(L, in->fsd, 0, PJ_DEOPT_UNBOUND_LOCAL), cont);
        at(L, cont);
        break;
    }
    case PJ_IR_after_call:
        lower_after_call(L, in);
        break;
    case PJ_IR_poll:
        lower_poll(L, in);
        break;
    case PJ_IR_load_global:
        r = lower_load_global(L, in);
        break;
    case PJ_IR_store_global: {
        LLVMValueRef args[3] = {
            load_inv(L, L->ptr, L->frame, offsetof(_PyInterpreterFrame, f_globals)),
            co_item(L, offsetof(PyCodeObject, co_names), in->imm[0]), val(L, in->args[0])
        };
        LLVMValueRef e = call(L, "PyDict_SetItem", args, 3);
        check_status(L, e, in->fs);
        break;
    }
    case PJ_IR_binop:
        r = lower_binop(L, in);
        break;
    case PJ_IR_binop_store:
        lower_binop_store(L, in);
        break;
    case PJ_IR_unop:
        r = lower_unop(L, in);
        break;
    case PJ_IR_compare:
        r = lower_compare(L, in);
        break;
    case PJ_IR_compare_bool:
        r = lower_compare_bool(L, in);
        break;
    case PJ_IR_truth:
        r = lower_truth(L, in);
        break;
    case PJ_IR_contains: {
        LLVMValueRef args[2] = { val(L, in->args[0]), val(L, in->args[1]) };
        LLVMValueRef c = call(L, "PySequence_Contains", args, 2);
        check_error(L, LLVMBuildICmp(B, LLVMIntSLT, c, ci32(L, 0), ""), in->fs);
        r = LLVMBuildICmp(B, LLVMIntNE, c, ci32(L, 0), "");
        break;
    }
    case PJ_IR_is:
        r = LLVMBuildICmp(B, LLVMIntEQ, val(L, in->args[0]), val(L, in->args[1]), "");
        break;
    case PJ_IR_is_null:
        r = LLVMBuildIsNull(B, val(L, in->args[0]), "");
        break;
    case PJ_IR_bool_not:
        r = LLVMBuildNot(B, val(L, in->args[0]), "");
        break;
    case PJ_IR_box_bool:
        r = bool_obj(L, val(L, in->args[0]));
        incref(L, r);
        break;
    case PJ_IR_load_attr:
        r = lower_load_attr(L, in);
        break;
    case PJ_IR_store_attr:
        lower_store_attr(L, in);
        break;
    case PJ_IR_subscr:
        r = lower_subscr(L, in);
        break;
    case PJ_IR_store_subscr:
        lower_store_subscr(L, in);
        break;
    case PJ_IR_get_iter: {
        LLVMValueRef v = val(L, in->args[0]);
        r = call(L, "PyObject_GetIter", &v, 1);
        check_null(L, r, in->fs);
        break;
    }
    case PJ_IR_iter_next:
        r = lower_iter_next(L, in);
        break;
    case PJ_IR_load_method:
        lower_load_method(L, in);
        break;
    case PJ_IR_call:
        r = lower_call(L, in);
        break;
    case PJ_IR_br:
        LLVMBuildBr(B, edge_dest(L, &in->edge[0]));
        break;
    case PJ_IR_cbr: {
        LLVMBasicBlockRef t = edge_dest(L, &in->edge[0]), f = edge_dest(L, &in->edge[1]);
        LLVMBuildCondBr(B, val(L, in->args[0]), t, f);
        break;
    }
    case PJ_IR_ret: {
        /* A frame object that outlives the call reports the line of its return. */
        if (in->bc >= 0)
            set_prev_instr(L, L->bc->instrs[in->bc].idx);
        leave_frame(L, val(L, in->args[0]));
        break;
    }
    case PJ_IR_deopt:
        LLVMBuildBr(B, exit_block(L, in->fsd, 0, (PjDeoptReason) in->imm[0]));
        break;
    case PJ_IR_yield: {
        /* As the interpreter's YIELD_VALUE: the frame keeps its stack and where it stopped,
         * the generator is marked suspended, the frame is unlinked and the value returned. */
        store(L, gep(L, L->first_instr, 2LL * in->imm[0]), L->frame,
              offsetof(_PyInterpreterFrame, prev_instr));
        store(L, ci32(L, L->bc->nlocalsplus + in->imm[1]), L->frame,
              offsetof(_PyInterpreterFrame, stacktop));
        LLVMValueRef gen = gep(L, L->frame, -(long long) offsetof(PyGenObject, gi_iframe));
        store(L, LLVMConstInt(L->i8, (unsigned long long) FRAME_SUSPENDED, 1), gen,
              offsetof(PyGenObject, gi_frame_state));
        leave_frame(L, val(L, in->args[0]));
        break;
    }
    case PJ_IR_resumed_at: /* the prologue's switch computed the unit already */
        r = LLVMBuildICmp(B, LLVMIntEQ, L->resume_unit, ci64(L, in->imm[0]), "");
        break;
    case PJ_IR_send: {
        LLVMValueRef args[2] = { L->ts, stack_slot(L, (int) in->imm[0]) };
        LLVMValueRef rc = call(L, "pj_rt_send", args, 2);
        check_error(L, LLVMBuildICmp(B, LLVMIntSLT, rc, ci32(L, 0), ""), in->fs);
        r = LLVMBuildICmp(B, LLVMIntSGT, rc, ci32(L, 0), "");
        break;
    }
    case PJ_IR_sop: {
        char name[64];
        snprintf(name, sizeof name, "pj_rt_op_%s", pj_op_name((int) in->imm[0]));
        LLVMValueRef args[4] = { L->ts, L->frame, stack_slot(L, (int) in->imm[2]),
                                 ci32(L, in->imm[1]) };
        LLVMValueRef rc = call(L, name, args, 4);
        if (in->fs2 != NULL && in->imm[0] == END_ASYNC_FOR) { /* -2: re-raised */
            check_error(L, LLVMBuildICmp(B, LLVMIntEQ, rc, ci32(L, -1), ""), in->fs);
            check_error(L, LLVMBuildICmp(B, LLVMIntEQ, rc, ci32(L, -2), ""), in->fs2);
        }
        else if (in->fs2 != NULL) { /* RAISE_VARARGS, RERAISE: -1 raised, -2 re-raised */
            check_error(L, LLVMBuildICmp(B, LLVMIntEQ, rc, ci32(L, -1), ""), in->fs);
            LLVMBuildBr(B, error_exit(L, in->fs2));
            at(L, new_bb(L, "dead"));
        }
        else if (in->fsd != NULL) {
            check_error(L, LLVMBuildICmp(B, LLVMIntSLT, rc, ci32(L, 0), ""), in->fs);
            LLVMBasicBlockRef cont = new_bb(L, "");
            br_cold(L, LLVMBuildICmp(B, LLVMIntSGT, rc, ci32(L, 0), ""),
                    exit_block(L, in->fsd, 0, PJ_DEOPT_HELPER), cont);
            at(L, cont);
        }
        else {
            check_status(L, rc, in->fs);
        }
        break;
    }
    case PJ_IR_unreachable:
        LLVMBuildUnreachable(B);
        break;
    case PJ_IR__COUNT:
        PJ_CHECK(0, "bad IR op");
    }
    if (in->type != PJ_T_VOID)
        L->vals[in->id] = r;
}

/* ---- Function ------------------------------------------------------------------------- */

static void
prologue(Lower *L, LLVMBasicBlockRef first)
{
    LLVMBuilderRef B = L->b;
    L->code = load_inv(L, L->ptr, L->frame, offsetof(_PyInterpreterFrame, f_code));
    L->first_instr = gep(L, L->code, offsetof(PyCodeObject, co_code_adaptive));
    L->localsplus = gep(L, L->frame, offsetof(_PyInterpreterFrame, localsplus));
    L->out_slot = LLVMBuildAlloca(B, L->ptr, "out");

    if (L->ir->nresumes > 0) {
        /* A generator frame: fresh (the creation call, whose RETURN_GENERATOR makes the
         * generator) or suspended where compiled code cannot resume it (a yield in code
         * left to the interpreter) goes to the interpreter, before anything is linked.
         * Code with loop entries (osr) starts fresh frames and takes a running one at a
         * loop's head; anything else goes to the interpreter the same way. */
        LLVMValueRef prev = load(L, L->ptr, L->frame, offsetof(_PyInterpreterFrame, prev_instr));
        LLVMValueRef unit =
            LLVMBuildPtrDiff2(B, LLVMInt16TypeInContext(L->ctx), prev, L->first_instr, "unit");
        L->resume_unit = unit;
        LLVMBasicBlockRef interp = new_bb(L, "resume.interp"), go = new_bb(L, "resume");
        LLVMValueRef sw = LLVMBuildSwitch(B, unit, interp, (unsigned) L->ir->nresumes);
        for (int k = 0; k < L->ir->nresumes; k++)
            LLVMAddCase(sw, ci64(L, L->ir->resume_units[k]), go);
        at(L, interp);
        LLVMValueRef args[3] = { L->ts, L->frame, ci32(L, 0) };
        LLVMValueRef r = call(L, "_PyEval_EvalFrameDefault", args, 3);
        LLVMSetTailCall(r, 1);
        LLVMBuildRet(B, r);
        at(L, go);
    }
    /* _Py_EnterRecursiveCallTstate: on failure the check restores the count itself and
     * the frame is left unlinked, with no traceback entry, as the interpreter does. */
    LLVMValueRef rem = load(L, L->i32, L->ts, offsetof(PyThreadState, recursion_remaining));
    store(L, LLVMBuildSub(B, rem, ci32(L, 1), ""), L->ts,
          offsetof(PyThreadState, recursion_remaining));
    LLVMBasicBlockRef check = new_bb(L, "recursion.check"), fail = new_bb(L, "recursion.fail"),
                      link = new_bb(L, "link");
    br_cold(L, LLVMBuildICmp(B, LLVMIntSLE, rem, ci32(L, 0), ""), check, link);
    at(L, check);
    LLVMValueRef args[2] = { L->ts, LLVMBuildGlobalStringPtr(B, "", "pj.empty") };
    LLVMValueRef e = call(L, "_Py_CheckRecursiveCall", args, 2);
    br_cold(L, LLVMBuildICmp(B, LLVMIntNE, e, ci32(L, 0), ""), fail, link);
    at(L, fail);
    LLVMBuildRet(B, LLVMConstNull(L->ptr));

    at(L, link);
    LLVMValueRef cf = load(L, L->ptr, L->ts, offsetof(PyThreadState, cframe));
    store(L, load(L, L->ptr, cf, offsetof(_PyCFrame, current_frame)), L->frame,
          offsetof(_PyInterpreterFrame, previous));
    store(L, L->frame, cf, offsetof(_PyCFrame, current_frame));
    L->last_unit = -2;
    if (L->ir->nresumes > 0) {
        /* A generator's frame keeps prev_instr where it stopped (the entry dispatches on
         * it).  While it runs, the garbage collector, which traverses a generator's frame
         * up to stacktop, sees its locals but none of the stack it is changing. */
        store(L, ci32(L, L->bc->nlocalsplus), L->frame, offsetof(_PyInterpreterFrame, stacktop));
        if (L->bc->osr) { /* a fresh frame is complete from here on, as below */
            LLVMValueRef fresh = LLVMBuildICmp(B, LLVMIntEQ, L->resume_unit, ci64(L, -1), "");
            LLVMValueRef cur = load(L, L->ptr, L->frame, offsetof(_PyInterpreterFrame, prev_instr));
            store(L,
                  LLVMBuildSelect(B, fresh, gep(L, L->first_instr, 2LL * L->bc->first_traceable),
                                  cur, ""),
                  L->frame, offsetof(_PyInterpreterFrame, prev_instr));
        }
    }
    else {
        /* The frame is complete (visible to sys._getframe and tracebacks) from here on. */
        set_prev_instr(L, L->bc->first_traceable);
    }
    LLVMBuildBr(B, first);
}

static void
free_lower(Lower *L)
{
    for (int k = 0; L->uval != NULL && k < L->ir->nuloops; k++)
        free(L->uval[k]);
    for (int k = 0; L->udirty != NULL && k < L->ir->nuloops; k++)
        free(L->udirty[k]);
    free(L->uval);
    free(L->udirty);
    free(L->uflush);
    free(L->uflush_phi);
    free(L->uflush_fn);
    free(L->flush_args);
    free(L->flush_params);
    free(L->aux);
    free(L->bbs);
    free(L->vals);
    LLVMDisposeBuilder(L->b);
}

LLVMModuleRef
pj_lower(const PjFunc *fn, LLVMContextRef ctx, const char *name, const PjLowerOptions *opts,
         PjAbort *why)
{
    Lower lw;
    memset(&lw, 0, sizeof lw);
    Lower *L = &lw;
    L->ctx = ctx;
    L->ir = fn;
    L->bc = fn->bc;
    L->opts = opts;
    L->mod = LLVMModuleCreateWithNameInContext(name, ctx);
    L->b = LLVMCreateBuilderInContext(ctx);
    L->i1 = LLVMInt1TypeInContext(ctx);
    L->i8 = LLVMInt8TypeInContext(ctx);
    L->i32 = LLVMInt32TypeInContext(ctx);
    L->i64 = LLVMInt64TypeInContext(ctx);
    L->f64 = LLVMDoubleTypeInContext(ctx);
    L->ptr = LLVMPointerTypeInContext(ctx, 0);
    L->voidt = LLVMVoidTypeInContext(ctx);
    L->md_invariant = LLVMGetMDKindIDInContext(ctx, "invariant.load", 14);
    L->md_prof = LLVMGetMDKindIDInContext(ctx, "prof", 4);

    LLVMTypeRef params[3] = { L->ptr, L->ptr, L->ptr };
    L->fn = LLVMAddFunction(L->mod, name, LLVMFunctionType(L->ptr, params, 3, 0));
    LLVMAddAttributeAtIndex(L->fn, LLVMAttributeFunctionIndex,
                            LLVMCreateStringAttribute(ctx, "frame-pointer", 13, "all", 3));
    unsigned nounwind = LLVMGetEnumAttributeKindForName("nounwind", 8);
    LLVMAddAttributeAtIndex(L->fn, LLVMAttributeFunctionIndex,
                            LLVMCreateEnumAttribute(ctx, nounwind, 0));
    /* Unwind tables (.eh_frame, registered by JITLink): debuggers and libunwind walk
     * through compiled frames.  (2: asynchronous, valid at every instruction.) */
    LLVMAddAttributeAtIndex(
        L->fn, LLVMAttributeFunctionIndex,
        LLVMCreateEnumAttribute(ctx, LLVMGetEnumAttributeKindForName("uwtable", 7), 2));
    L->ts = LLVMGetParam(L->fn, 0);
    L->frame = LLVMGetParam(L->fn, 1);
    L->rd = LLVMGetParam(L->fn, 2);
    LLVMSetValueName2(L->ts, "tstate", 6);
    LLVMSetValueName2(L->frame, "frame", 5);
    LLVMSetValueName2(L->rd, "rd", 2);

    L->bbs = calloc((size_t) fn->nblocks + 1, sizeof(LLVMBasicBlockRef));
    L->vals = calloc((size_t) fn->nvalues + 1, sizeof(LLVMValueRef));
    L->aux = calloc((size_t) fn->nvalues + 1, sizeof(LLVMValueRef));
    L->uval = calloc((size_t) fn->nuloops + 1, sizeof(LLVMValueRef *));
    L->udirty = calloc((size_t) fn->nuloops + 1, sizeof(LLVMValueRef *));
    L->uflush = calloc((size_t) fn->nuloops + 1, sizeof(LLVMBasicBlockRef));
    L->uflush_phi = calloc(4 * ((size_t) fn->nuloops + 1), sizeof(LLVMValueRef));
    L->uflush_fn = calloc((size_t) fn->nuloops + 1, sizeof(LLVMValueRef));
    int maxn = 0;
    for (int k = 0; k < fn->nuloops; k++)
        maxn = fn->uloops[k].nlocals > maxn ? fn->uloops[k].nlocals : maxn;
    L->flush_args = calloc((size_t) (1 + maxn + dirty_words(maxn)), sizeof(LLVMValueRef));
    L->flush_params = calloc((size_t) (1 + maxn + dirty_words(maxn)), sizeof(LLVMTypeRef));
    if (L->bbs == NULL || L->vals == NULL || L->aux == NULL || L->uval == NULL ||
        L->udirty == NULL || L->uflush == NULL || L->uflush_phi == NULL || L->uflush_fn == NULL ||
        L->flush_args == NULL || L->flush_params == NULL) {
        why->kind = PJ_ABORT_NO_MEMORY;
        goto fail;
    }
    LLVMBasicBlockRef entry = new_bb(L, "entry");
    for (const PjBlock *b = fn->entry; b != NULL; b = b->next) {
        char bname[32];
        snprintf(bname, sizeof bname, "bb%d", b->id);
        L->bbs[b->id] = new_bb(L, bname);
        at(L, L->bbs[b->id]);
        for (int i = 0; i < b->nparams; i++)
            L->vals[b->params[i]->id] = LLVMBuildPhi(L->b, ut_type(L, b->params[i]->ut), "");
    }
    at(L, entry);
    for (int k = 0; k < fn->nuloops; k++) {
        const PjULoop *u = &fn->uloops[k];
        L->uval[k] = calloc((size_t) u->nlocals + 1, sizeof(LLVMValueRef));
        L->udirty[k] = calloc((size_t) dirty_words(u->nlocals) + 1, sizeof(LLVMValueRef));
        if (L->uval[k] == NULL || L->udirty[k] == NULL) {
            why->kind = PJ_ABORT_NO_MEMORY;
            goto fail;
        }
        for (int i = 0; i < u->nlocals; i++)
            L->uval[k][i] = LLVMBuildAlloca(L->b, ut_type(L, u->type[i]), "unboxed");
        for (int w = 0; w < dirty_words(u->nlocals); w++)
            L->udirty[k][w] = LLVMBuildAlloca(L->b, L->i64, "unboxed.dirty");
    }
    prologue(L, L->bbs[fn->entry->id]);
    for (const PjBlock *b = fn->entry; b != NULL; b = b->next) {
        at(L, L->bbs[b->id]);
        L->cur_u = b->uloop >= 0 ? &fn->uloops[b->uloop] : NULL;
        L->last_unit = -2;
        for (const PjInstr *in = b->first; in != NULL; in = in->next)
            lower_instr(L, in);
    }
    free_lower(L);

    char *msg = NULL;
    if (LLVMVerifyModule(L->mod, LLVMReturnStatusAction, &msg)) {
        if (getenv("PYJIT_DEBUG_VERIFY"))
            fprintf(stderr, "pyjit: LLVM verifier: %s\n", msg);
        LLVMDisposeMessage(msg);
        LLVMDisposeModule(L->mod);
        why->kind = PJ_ABORT_LLVM_VERIFY;
        return NULL;
    }
    LLVMDisposeMessage(msg);
    return L->mod;

fail:
    free_lower(L);
    LLVMDisposeModule(L->mod);
    return NULL;
}
