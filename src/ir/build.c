/* IR builder (PjBytecode -> PjFunc): one build_<OPCODE>() per supported opcode.
 *
 * Walks the reachable bytecode in order with an abstract value stack of SSA values.
 * Each bytecode basic block becomes an IR block whose parameters are the stack entries
 * live at its start; falling into or jumping to a block passes the current stack.
 *
 * Reference counts follow the interpreter exactly: every stack entry is an owned
 * reference, loads of locals and constants are increfed, consumers decref what they pop
 * (or steal it).  A later pass may remove pairs; this stage is deliberately literal.
 *
 * Frame states: an op that may raise gets the stack its bytecode instruction leaves to
 * the unwinder -- with borrowed operands still on it, so the interpreter's exception
 * unwinding releases them exactly as it would its own -- and prev_instr at that
 * instruction.  A deoptimisation re-executes an instruction (prev_instr one unit before
 * it, the stack as it was before it) or resumes after one.
 */
#include "ir/build.h"

#include <opcode.h>
#include <string.h>

#include "ir/decode.h"
#include "ir/opcodes.h"
#include "rtdef.h"

_Static_assert((int) PJ_KT_SMALLINT == PJ_CONST_SMALLINT && (int) PJ_KT_FLOAT == PJ_CONST_FLOAT &&
                   (int) PJ_KT_BOOL == PJ_CONST_BOOL && (int) PJ_KT_NONE == PJ_CONST_NONE,
               "constant kinds and known types share numbering");

typedef struct Builder {
    PjFunc *fn;
    const PjBytecode *bc;
    PjBlock **block_of; /* per instruction: its block if it starts one */
    PjBlock *cur;       /* block being filled; NULL after a terminator */
    PjInstr **stack;
    int sp;
    PjInstr **snap; /* the stack before the current instruction */
    int snap_n;
    int i;                 /* current instruction number */
    int nwords;            /* uint64 words of a set of locals */
    uint64_t *bound_in;    /* per instruction: locals surely bound before it (block starts) */
    uint64_t *bound;       /* while building: locals surely bound now */
    unsigned char *normal; /* per instruction: compiled (see compiled_paths) */
    unsigned char *native_handler; /* per exception-table entry: its handler is compiled */
    int kwnames;                   /* co_consts index from KW_NAMES for the next CALL, -1 none */
    PjAbort why;
} Builder;

#define OOM(b) ((b)->why.kind = PJ_ABORT_NO_MEMORY, -1)

static const PjBcInstr *
cur_instr(Builder *b)
{
    return &b->bc->instrs[b->i];
}

static PjInstr *
emit(Builder *b, PjIrOp op, int nargs)
{
    PjInstr *in = pj_ir_append(b->fn, b->cur, op, nargs);
    if (in != NULL)
        in->bc = b->i;
    return in;
}

static PjInstr *
emit1(Builder *b, PjIrOp op, PjInstr *a)
{
    PjInstr *in = emit(b, op, 1);
    if (in != NULL)
        in->args[0] = a;
    return in;
}

static PjInstr *
emit2(Builder *b, PjIrOp op, PjInstr *x, PjInstr *y)
{
    PjInstr *in = emit(b, op, 2);
    if (in != NULL) {
        in->args[0] = x;
        in->args[1] = y;
    }
    return in;
}

/* The frame's value stack shadows the abstract one: every push is also stored into its
 * slot (as the interpreter's PUSH does), so at every op boundary localsplus holds the
 * whole stack and an exit only has to set prev_instr and stacktop. */
static void
push(Builder *b, PjInstr *v)
{
    PjInstr *st = emit1(b, PJ_IR_store_stack, v);
    if (st == NULL)
        b->why.kind = PJ_ABORT_NO_MEMORY;
    else
        st->imm[0] = b->sp;
    b->stack[b->sp++] = v;
}

/* A push of a value already in its slot (written there by a helper). */
static void
push_raw(Builder *b, PjInstr *v)
{
    b->stack[b->sp++] = v;
}

static PjInstr *
pop(Builder *b)
{
    return b->stack[--b->sp];
}

static PjInstr *
peek(Builder *b, int n) /* 1 = top */
{
    return b->stack[b->sp - n];
}

/* Where an exception raised at instruction fs->bc goes: the handler co_exceptiontable
 * names for it, compiled when its code is (b->native_handler), else the interpreter's. */
static PjFrameState *
attach_handler(Builder *b, PjFrameState *fs)
{
    if (fs == NULL)
        return NULL;
    int e = pj_decode_handler_at(b->bc, b->bc->instrs[fs->bc].idx);
    if (e < 0)
        return fs;
    const PjExcEntry *x = &b->bc->exc[e];
    if (b->native_handler[e] && fs->nstack >= x->depth && b->block_of[x->target] != NULL) {
        fs->handler = b->block_of[x->target];
        fs->hdepth = x->depth;
        fs->hlasti = x->lasti;
    }
    else {
        fs->interp_handler = 1;
        fs->htarget = x->target;
        fs->hdepth = x->depth;
        fs->hlasti = x->lasti;
    }
    return fs;
}

/* Error exit of the current instruction: prev_instr at it, the first `n` stack entries. */
static PjFrameState *
fs_error(Builder *b, int n)
{
    return attach_handler(b, pj_ir_frame_state(b->fn, b->i, cur_instr(b)->idx, b->stack, n));
}

/* Deopt that re-executes the current instruction from its entry stack. */
static PjFrameState *
fs_before(Builder *b)
{
    return pj_ir_frame_state(b->fn, b->i, cur_instr(b)->start - 1, b->snap, b->snap_n);
}

/* Deopt that resumes after the current instruction with the current stack. */
static PjFrameState *
fs_after(Builder *b)
{
    return pj_ir_frame_state(b->fn, b->i, cur_instr(b)->next - 1, b->stack, b->sp);
}

/* Deopt that starts instruction `target` with the current stack. */
static PjFrameState *
fs_at_start_of(Builder *b, int target)
{
    return pj_ir_frame_state(b->fn, target, b->bc->instrs[target].start - 1, b->stack, b->sp);
}

static int
set_edge(Builder *b, PjEdge *e, PjBlock *target, PjInstr **args, int nargs)
{
    e->block = target;
    e->nargs = nargs;
    if (nargs > 0) {
        e->args = pj_arena_alloc(b->fn->arena, sizeof(PjInstr *) * (size_t) nargs);
        if (e->args == NULL)
            return OOM(b);
        memcpy(e->args, args, sizeof(PjInstr *) * (size_t) nargs);
    }
    return 0;
}

/* Terminates the current block with a branch to bytecode instruction `t`'s block. */
static int
br_to(Builder *b, int t)
{
    PjInstr *in = emit(b, PJ_IR_br, 0);
    if (in == NULL || set_edge(b, &in->edge[0], b->block_of[t], b->stack, b->sp) < 0)
        return OOM(b);
    b->cur = NULL;
    return 0;
}

static PjBlock *
new_block(Builder *b)
{
    return pj_ir_block_new(b->fn, -1, 0);
}

/* ---- Opcodes ---------------------------------------------------------------------------- */

static int
build_NOP(Builder *b)
{
    PJ_UNUSED(b);
    return 0;
}

static int
build_EXTENDED_ARG(Builder *b)
{
    PJ_UNUSED(b); /* folded into the next instruction by the decoder */
    return 0;
}

static int
poll(Builder *b, PjFrameState *err, PjFrameState *deopt)
{
    PjInstr *p = emit(b, PJ_IR_poll, 0);
    if (p == NULL || err == NULL || deopt == NULL)
        return OOM(b);
    p->fs = err;
    p->fsd = deopt;
    return 0;
}

/* After a call, as the interpreter's CALL and CALL_FUNCTION_EX end: the eval breaker is
 * serviced (a signal that arrived during the call raises in its handler right here, with
 * the result on the stack), and a callee that switched tracing on (a debugger's
 * set_trace) makes the frame continue in the interpreter. */
static int
after_call(Builder *b)
{
    PjInstr *p = emit(b, PJ_IR_after_call, 0);
    if (p == NULL || (p->fs = fs_error(b, b->sp)) == NULL || (p->fsd = fs_after(b)) == NULL)
        return OOM(b);
    return 0;
}

static int
build_RESUME(Builder *b)
{
    if (cur_instr(b)->oparg >= 2)
        return 0;
    return poll(b, fs_error(b, b->sp), fs_before(b));
}

static int
build_POP_TOP(Builder *b)
{
    return emit1(b, PJ_IR_decref, pop(b)) ? 0 : OOM(b);
}

static int
build_PUSH_NULL(Builder *b)
{
    PjInstr *n = emit(b, PJ_IR_null, 0);
    if (n == NULL)
        return OOM(b);
    push(b, n);
    return 0;
}

static int
build_SWAP(Builder *b)
{
    int n = cur_instr(b)->oparg;
    PjInstr *t = b->stack[b->sp - 1];
    b->stack[b->sp - 1] = b->stack[b->sp - n];
    b->stack[b->sp - n] = t;
    for (int k = 0; k < 2; k++) {
        int slot = k ? b->sp - n : b->sp - 1;
        PjInstr *st = emit1(b, PJ_IR_store_stack, b->stack[slot]);
        if (st == NULL)
            return OOM(b);
        st->imm[0] = slot;
    }
    return 0;
}

static int
build_COPY(Builder *b)
{
    PjInstr *v = peek(b, cur_instr(b)->oparg);
    if (emit1(b, PJ_IR_incref, v) == NULL)
        return OOM(b);
    push(b, v);
    return 0;
}

static int
build_LOAD_CONST(Builder *b)
{
    int k = cur_instr(b)->oparg;
    PjInstr *c = emit(b, PJ_IR_const_obj, 0);
    if (c == NULL || emit1(b, PJ_IR_incref, c) == NULL)
        return OOM(b);
    c->imm[0] = k;
    c->kt = (PjKnownType) b->bc->const_kinds[k];
    push(b, c);
    return 0;
}

/* ---- Definitely-bound locals ----------------------------------------------------------
 * A forward "must" dataflow over the bytecode: a local is surely bound at an instruction
 * when every path to it binds it (arguments at entry, STORE_FAST) and none deletes it
 * (DELETE_FAST).  LOAD_FAST of a surely bound local needs no unbound check.  Handlers
 * and unknown paths start from the empty set. */

static int
set_has(const uint64_t *set, int l)
{
    return (set[l >> 6] >> (l & 63)) & 1;
}

static void
set_put(uint64_t *set, int l, int on)
{
    if (on)
        set[l >> 6] |= (uint64_t) 1 << (l & 63);
    else
        set[l >> 6] &= ~((uint64_t) 1 << (l & 63));
}

static void
bound_transfer(const PjBcInstr *in, uint64_t *set, int nlocals)
{
    if (in->oparg < nlocals) {
        if (in->op == STORE_FAST)
            set_put(set, in->oparg, 1);
        else if (in->op == DELETE_FAST)
            set_put(set, in->oparg, 0);
    }
}

/* Meets `set` into the state at instruction t; returns 1 when that state changed. */
static int
bound_meet(Builder *b, int t, const uint64_t *set, unsigned char *seen)
{
    uint64_t *dst = &b->bound_in[(size_t) t * (size_t) b->nwords];
    int changed = 0;
    if (!seen[t]) {
        seen[t] = 1;
        memcpy(dst, set, sizeof(uint64_t) * (size_t) b->nwords);
        return 1;
    }
    for (int w = 0; w < b->nwords; w++) {
        uint64_t v = dst[w] & set[w];
        changed |= v != dst[w];
        dst[w] = v;
    }
    return changed;
}

static int
analyse_bound(Builder *b, PjArena *a)
{
    const PjBytecode *bc = b->bc;
    int nl = bc->nlocalsplus;
    b->nwords = nl / 64 + 1;
    size_t words = (size_t) bc->ninstrs * (size_t) b->nwords;
    if (words > ((size_t) 1 << 22))
        return 0; /* huge: bound_in stays NULL, every load is checked */
    b->bound_in = pj_arena_alloc(a, sizeof(uint64_t) * words);
    b->bound = pj_arena_alloc(a, sizeof(uint64_t) * (size_t) b->nwords);
    uint64_t *cur = pj_arena_alloc(a, sizeof(uint64_t) * (size_t) b->nwords);
    unsigned char *seen = pj_arena_alloc(a, (size_t) bc->ninstrs);
    int *work = pj_arena_alloc(a, sizeof(int) * (size_t) (bc->ninstrs + 1));
    unsigned char *queued = pj_arena_alloc(a, (size_t) bc->ninstrs);
    if (!b->bound_in || !b->bound || !cur || !seen || !work || !queued)
        return -1;
    int nwork = 0;
    for (int l = 0; l < bc->nargs_total && l < nl; l++)
        set_put(cur, l, 1);
    bound_meet(b, 0, cur, seen);
    work[nwork++] = 0;
    queued[0] = 1;
    memset(cur, 0, sizeof(uint64_t) * (size_t) b->nwords);
    for (int e = 0; e < bc->nexc; e++) {
        int t = bc->exc[e].target;
        bound_meet(b, t, cur, seen);
        if (!queued[t]) {
            queued[t] = 1;
            work[nwork++] = t;
        }
    }
    /* A generator may have been resumed in the interpreter under a trace function, which
     * can unbind locals (frame.f_locals + PyFrame_LocalsToFast) before it yielded: after a
     * resume point nothing is known. */
    for (int i = 1; bc->is_generator && i < bc->ninstrs; i++) {
        int op = bc->instrs[i - 1].op;
        if (op != YIELD_VALUE && op != RETURN_GENERATOR)
            continue;
        bound_meet(b, i, cur, seen);
        if (!queued[i]) {
            queued[i] = 1;
            work[nwork++] = i;
        }
    }
    while (nwork > 0) {
        int i = work[--nwork];
        queued[i] = 0;
        memcpy(cur, &b->bound_in[(size_t) i * (size_t) b->nwords],
               sizeof(uint64_t) * (size_t) b->nwords);
        const PjBcInstr *in = &bc->instrs[i];
        bound_transfer(in, cur, nl);
        int succ[2], ns = 0;
        if (in->target >= 0)
            succ[ns++] = in->target;
        if (!(pj_op_flags(in->op) & PJ_F_TERM) && in->op != RAISE_VARARGS && in->op != RERAISE &&
            i + 1 < bc->ninstrs)
            succ[ns++] = i + 1;
        for (int k = 0; k < ns; k++) {
            if (bound_meet(b, succ[k], cur, seen) && !queued[succ[k]]) {
                queued[succ[k]] = 1;
                work[nwork++] = succ[k];
            }
        }
    }
    return 0;
}

/* A LOAD_FAST needs an unbound check unless the local is surely bound here. */
static int
may_be_unbound(Builder *b, int l)
{
    if (b->bound_in == NULL || l >= b->bc->nlocalsplus)
        return 1;
    return !set_has(b->bound, l);
}

static int
build_LOAD_FAST(Builder *b)
{
    int l = cur_instr(b)->oparg;
    PjInstr *v = emit(b, PJ_IR_load_local, 0);
    if (v == NULL)
        return OOM(b);
    v->imm[0] = l;
    if (may_be_unbound(b, l)) {
        /* The interpreter raises UnboundLocalError with its own message. */
        PjInstr *c = emit1(b, PJ_IR_check_bound, v);
        if (c == NULL || (c->fsd = fs_before(b)) == NULL)
            return OOM(b);
    }
    if (emit1(b, PJ_IR_incref, v) == NULL)
        return OOM(b);
    push(b, v);
    return 0;
}

static int
build_STORE_FAST(Builder *b)
{
    int l = cur_instr(b)->oparg;
    PjInstr *v = pop(b);
    PjInstr *old = emit(b, PJ_IR_load_local, 0);
    PjInstr *st = old ? emit1(b, PJ_IR_store_local, v) : NULL;
    if (st == NULL || emit1(b, PJ_IR_xdecref, old) == NULL)
        return OOM(b);
    old->imm[0] = st->imm[0] = l;
    return 0;
}

static int
build_DELETE_FAST(Builder *b)
{
    int l = cur_instr(b)->oparg;
    PjInstr *old = emit(b, PJ_IR_load_local, 0);
    PjInstr *c = old ? emit1(b, PJ_IR_check_bound, old) : NULL;
    PjInstr *n = c ? emit(b, PJ_IR_null, 0) : NULL;
    PjInstr *st = n ? emit1(b, PJ_IR_store_local, n) : NULL;
    if (st == NULL || (c->fsd = fs_before(b)) == NULL || emit1(b, PJ_IR_decref, old) == NULL)
        return OOM(b);
    old->imm[0] = st->imm[0] = l;
    return 0;
}

static int
build_LOAD_GLOBAL(Builder *b)
{
    int arg = cur_instr(b)->oparg;
    PjInstr *g = emit(b, PJ_IR_load_global, 0);
    if (g == NULL || (g->fs = fs_error(b, b->sp)) == NULL || (g->fsd = fs_before(b)) == NULL)
        return OOM(b);
    g->imm[0] = arg >> 1;
    g->imm[1] = b->fn->nglobal_caches++;
    if (arg & 1) {
        PjInstr *n = emit(b, PJ_IR_null, 0);
        if (n == NULL)
            return OOM(b);
        push(b, n);
    }
    push(b, g);
    return 0;
}

static int
build_STORE_GLOBAL(Builder *b)
{
    PjInstr *v = peek(b, 1);
    PjInstr *st = emit1(b, PJ_IR_store_global, v);
    if (st == NULL || (st->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    st->imm[0] = cur_instr(b)->oparg;
    pop(b);
    return emit1(b, PJ_IR_decref, v) ? 0 : OOM(b);
}

/* The interpreter's verdict on an instruction of the quickened code: the specialised form
 * it settled on, or -- an *_ADAPTIVE form whose counter moved (3.11.2 quickens counters to
 * zero and specialises at the first execution) -- that it ran and could not be specialised
 * or deoptimised since.  `generic_ok`: that verdict means "no fast path of ours applies"
 * (false where 3.11 does not specialise what our fast paths handle). */
static PjHint
feedback_of(const PjBcInstr *in, int generic_ok)
{
    switch (in->live_op) {
    case BINARY_OP_ADD_INT:
    case BINARY_OP_SUBTRACT_INT:
    case BINARY_OP_MULTIPLY_INT:
    case COMPARE_OP_INT_JUMP:
        return PJ_HINT_INT;
    case BINARY_OP_ADD_FLOAT:
    case BINARY_OP_SUBTRACT_FLOAT:
    case BINARY_OP_MULTIPLY_FLOAT:
    case COMPARE_OP_FLOAT_JUMP:
        return PJ_HINT_FLOAT;
    case BINARY_OP_ADD_UNICODE:
    case BINARY_OP_INPLACE_ADD_UNICODE:
    case COMPARE_OP_STR_JUMP:
        return PJ_HINT_STR;
    case BINARY_SUBSCR_LIST_INT:
    case STORE_SUBSCR_LIST_INT:
        return PJ_HINT_LIST;
    case BINARY_SUBSCR_TUPLE_INT:
        return PJ_HINT_TUPLE;
    case BINARY_SUBSCR_DICT:
    case STORE_SUBSCR_DICT:
        return PJ_HINT_DICT;
    case LOAD_ATTR_INSTANCE_VALUE:
    case STORE_ATTR_INSTANCE_VALUE:
        return PJ_HINT_VALUES;
    case LOAD_ATTR_SLOT:
    case STORE_ATTR_SLOT:
        return PJ_HINT_SLOT;
    case PRECALL_NO_KW_LEN:
        return PJ_HINT_LEN;
    case PRECALL_NO_KW_ISINSTANCE:
        return PJ_HINT_ISINSTANCE;
    case PRECALL_PYFUNC:
        return PJ_HINT_PYFUNC;
    case PRECALL_NO_KW_LIST_APPEND:
        return PJ_HINT_APPEND;
    case PRECALL_NO_KW_BUILTIN_O:
    case PRECALL_NO_KW_BUILTIN_FAST:
    case PRECALL_NO_KW_METHOD_DESCRIPTOR_O:
    case PRECALL_NO_KW_METHOD_DESCRIPTOR_NOARGS:
    case PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST:
        return PJ_HINT_CFUNC;
    case BINARY_SUBSCR_GETITEM:
    case LOAD_ATTR_MODULE:
    case LOAD_ATTR_WITH_HINT:
    case STORE_ATTR_WITH_HINT:
        return PJ_HINT_GENERIC;
    case BINARY_OP_ADAPTIVE:
    case COMPARE_OP_ADAPTIVE:
    case BINARY_SUBSCR_ADAPTIVE:
    case STORE_SUBSCR_ADAPTIVE:
    case LOAD_ATTR_ADAPTIVE:
    case STORE_ATTR_ADAPTIVE:
    case PRECALL_ADAPTIVE:
        return generic_ok && in->live_cache != 0 ? PJ_HINT_GENERIC : PJ_HINT_NONE;
    default:
        /* Another specialised PRECALL (a builtin, a type, a method descriptor...). */
        if (in->op == PRECALL && in->live_op != PRECALL)
            return PJ_HINT_GENERIC;
        return PJ_HINT_NONE;
    }
}

static PjHint
feedback(Builder *b)
{
    return feedback_of(cur_instr(b), 1);
}

/* BINARY_OP's feedback: 3.11 specialises only +, - and * (and their in-place forms), so an
 * unspecialised //, %, <<, ... says nothing about its operands. */
static PjHint
binop_feedback(Builder *b, int k)
{
    int base = k >= PJ_NB_INPLACE_ADD ? k - PJ_NB_INPLACE_ADD : k;
    return feedback_of(cur_instr(b),
                       base == PJ_NB_ADD || base == PJ_NB_SUBTRACT || base == PJ_NB_MULTIPLY);
}

/* res = op(a, b) with both operands borrowed, then both popped and released. */
static int
binary(Builder *b, PjIrOp op, int64_t imm)
{
    PjInstr *rhs = peek(b, 1), *lhs = peek(b, 2);
    PjInstr *r = emit2(b, op, lhs, rhs);
    if (r == NULL || (r->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    r->imm[0] = imm;
    /* An unfused COMPARE_OP is never specialised by 3.11 (only one followed by a jump). */
    r->hint = op == PJ_IR_binop     ? binop_feedback(b, (int) imm)
              : op == PJ_IR_compare ? feedback_of(cur_instr(b), 0)
                                    : feedback(b);
    b->sp -= 2;
    if (emit1(b, PJ_IR_decref, lhs) == NULL || emit1(b, PJ_IR_decref, rhs) == NULL)
        return OOM(b);
    push(b, r);
    return 0;
}

static int
build_BINARY_OP(Builder *b)
{
    int k = cur_instr(b)->oparg;
    if (k < 0 || k >= PJ_NB_COUNT) {
        b->why.kind = PJ_ABORT_BAD_BYTECODE;
        return -1;
    }
    const PjBcInstr *next = b->i + 1 < b->bc->ninstrs ? cur_instr(b) + 1 : NULL;
    if (next == NULL || next->block_start || next->op != STORE_FAST || !b->normal[b->i + 1])
        return binary(b, PJ_IR_binop, k);

    /* `x = a <op> b` / `x <op>= b`: one op with the STORE_FAST, so that a number result
     * can reuse x's old object when that dies here (no allocation in numeric loops), and
     * a str held only by x can grow in place (linear string building, as the
     * interpreter's specialisation).  fs: the error of the operation, operands still on
     * the stack; fs2: the str path's, operands consumed (the interpreter shrinks its stack
     * first). */
    PjInstr *rhs = peek(b, 1), *lhs = peek(b, 2);
    PjInstr *r = emit2(b, PJ_IR_binop_store, lhs, rhs);
    if (r == NULL || (r->fs = fs_error(b, b->sp)) == NULL ||
        ((k == PJ_NB_ADD || k == PJ_NB_INPLACE_ADD) && (r->fs2 = fs_error(b, b->sp - 2)) == NULL))
        return OOM(b);
    r->imm[0] = k;
    r->imm[1] = next->oparg;
    r->hint = binop_feedback(b, k);
    b->sp -= 2;
    /* The STORE_FAST is done: the main loop resumes after it. */
    if (b->bound_in != NULL)
        bound_transfer(next, b->bound, b->bc->nlocalsplus);
    b->i++;
    return 0;
}

static int
unary(Builder *b, int kind)
{
    PjInstr *v = peek(b, 1);
    PjInstr *r = emit1(b, PJ_IR_unop, v);
    if (r == NULL || (r->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    r->imm[0] = kind;
    pop(b);
    if (emit1(b, PJ_IR_decref, v) == NULL)
        return OOM(b);
    push(b, r);
    return 0;
}

static int
build_UNARY_NEGATIVE(Builder *b)
{
    return unary(b, PJ_UN_NEGATIVE);
}

static int
build_UNARY_POSITIVE(Builder *b)
{
    return unary(b, PJ_UN_POSITIVE);
}

static int
build_UNARY_INVERT(Builder *b)
{
    return unary(b, PJ_UN_INVERT);
}

/* Pushes box_bool(cond); a following POP_JUMP_IF_TRUE/FALSE may unbox it again. */
static int
push_bool(Builder *b, PjInstr *cond)
{
    PjInstr *box = emit1(b, PJ_IR_box_bool, cond);
    if (box == NULL)
        return OOM(b);
    box->kt = PJ_KT_BOOL;
    push(b, box);
    return 0;
}

static int
build_UNARY_NOT(Builder *b)
{
    PjInstr *v = peek(b, 1);
    PjInstr *t = emit1(b, PJ_IR_truth, v);
    if (t == NULL || (t->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    pop(b);
    PjInstr *n = emit1(b, PJ_IR_decref, v) ? emit1(b, PJ_IR_bool_not, t) : NULL;
    if (n == NULL)
        return OOM(b);
    return push_bool(b, n);
}

static int
is_pop_jump_bool(int op)
{
    return op == POP_JUMP_FORWARD_IF_FALSE || op == POP_JUMP_FORWARD_IF_TRUE ||
           op == POP_JUMP_BACKWARD_IF_FALSE || op == POP_JUMP_BACKWARD_IF_TRUE;
}

static int
build_COMPARE_OP(Builder *b)
{
    int o = cur_instr(b)->oparg;
    if (o < 0 || o > 5) {
        b->why.kind = PJ_ABORT_BAD_BYTECODE;
        return -1;
    }
    const PjBcInstr *next = b->i + 1 < b->bc->ninstrs ? cur_instr(b) + 1 : NULL;
    if (next == NULL || next->block_start || !is_pop_jump_bool(next->op))
        return binary(b, PJ_IR_compare, o);

    /* Fused with the conditional jump: no bool object is made.  A failing truth test of
     * the comparison's result is reported at the jump, as the interpreter does. */
    PjInstr *rhs = peek(b, 1), *lhs = peek(b, 2);
    PjInstr *c = emit2(b, PJ_IR_compare_bool, lhs, rhs);
    if (c == NULL || (c->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    c->fs2 = attach_handler(b, pj_ir_frame_state(b->fn, b->i + 1, next->idx, b->stack, b->sp - 2));
    c->imm[0] = o;
    c->hint = feedback(b);
    b->sp -= 2;
    if (c->fs2 == NULL || emit1(b, PJ_IR_decref, lhs) == NULL ||
        emit1(b, PJ_IR_decref, rhs) == NULL)
        return OOM(b);
    return push_bool(b, c);
}

static int
build_IS_OP(Builder *b)
{
    PjInstr *rhs = pop(b), *lhs = pop(b);
    PjInstr *t = emit2(b, PJ_IR_is, lhs, rhs);
    if (t != NULL && cur_instr(b)->oparg)
        t = emit1(b, PJ_IR_bool_not, t);
    if (t == NULL || emit1(b, PJ_IR_decref, lhs) == NULL || emit1(b, PJ_IR_decref, rhs) == NULL)
        return OOM(b);
    return push_bool(b, t);
}

static int
build_CONTAINS_OP(Builder *b)
{
    PjInstr *container = peek(b, 1), *item = peek(b, 2);
    PjInstr *t = emit2(b, PJ_IR_contains, container, item);
    if (t == NULL || (t->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    b->sp -= 2;
    if (emit1(b, PJ_IR_decref, item) == NULL || emit1(b, PJ_IR_decref, container) == NULL)
        return OOM(b);
    if (cur_instr(b)->oparg && (t = emit1(b, PJ_IR_bool_not, t)) == NULL)
        return OOM(b);
    return push_bool(b, t);
}

/* ---- Jumps ------------------------------------------------------------------------------ */

static int
build_JUMP_FORWARD(Builder *b)
{
    return br_to(b, cur_instr(b)->target);
}

static int
build_JUMP_BACKWARD_NO_INTERRUPT(Builder *b)
{
    return br_to(b, cur_instr(b)->target);
}

static int
build_JUMP_BACKWARD(Builder *b)
{
    /* The interpreter polls the eval breaker here; a deopt re-executes the jump, which
     * services the request at once. */
    if (poll(b, fs_error(b, b->sp), fs_before(b)) < 0)
        return -1;
    return br_to(b, cur_instr(b)->target);
}

/* Conditional branch on `cond` to the jump target (when cond == jump_if) or to the next
 * instruction, with the current stack.  A backward taken edge polls the eval breaker. */
static int
cond_branch(Builder *b, PjInstr *cond, int jump_if)
{
    const PjBcInstr *in = cur_instr(b);
    PjBlock *taken = b->block_of[in->target];
    PjBlock *fall = b->block_of[b->i + 1];
    if (pj_op_jump(in->op) < 0) {
        PjBlock *poll_blk = new_block(b);
        if (poll_blk == NULL)
            return OOM(b);
        PjInstr *cbr = emit1(b, PJ_IR_cbr, cond);
        if (cbr == NULL)
            return OOM(b);
        PjBlock *from = b->cur;
        if (set_edge(b, &cbr->edge[jump_if ? 0 : 1], poll_blk, NULL, 0) < 0 ||
            set_edge(b, &cbr->edge[jump_if ? 1 : 0], fall, b->stack, b->sp) < 0)
            return -1;
        PJ_UNUSED(from);
        b->cur = poll_blk;
        if (poll(b, fs_error(b, b->sp), fs_at_start_of(b, in->target)) < 0)
            return -1;
        return br_to(b, in->target);
    }
    PjInstr *cbr = emit1(b, PJ_IR_cbr, cond);
    if (cbr == NULL)
        return OOM(b);
    if (set_edge(b, &cbr->edge[jump_if ? 0 : 1], taken, b->stack, b->sp) < 0 ||
        set_edge(b, &cbr->edge[jump_if ? 1 : 0], fall, b->stack, b->sp) < 0)
        return -1;
    b->cur = NULL;
    return 0;
}

static int
pop_jump_if(Builder *b, int jump_if)
{
    PjInstr *v = peek(b, 1);
    PjInstr *cond;
    int prev_op = b->i > 0 ? b->bc->instrs[b->i - 1].op : -1;
    if (v->op == PJ_IR_box_bool && v->block == b->cur && !cur_instr(b)->block_start &&
        (prev_op == COMPARE_OP || prev_op == IS_OP || prev_op == CONTAINS_OP ||
         prev_op == UNARY_NOT)) {
        /* The previous instruction pushed a fresh bool that nothing else has seen: drop
         * it and its store into the frame (the jump pops it at once). */
        cond = v->args[0];
        PjInstr *st = b->cur->last;
        if (st != NULL && st->op == PJ_IR_store_stack && st->args[0] == v)
            pj_ir_remove(st);
        pj_ir_remove(v);
        pop(b);
    }
    else {
        cond = emit1(b, PJ_IR_truth, v);
        if (cond == NULL || (cond->fs = fs_error(b, b->sp)) == NULL)
            return OOM(b);
        pop(b);
        if (emit1(b, PJ_IR_decref, v) == NULL)
            return OOM(b);
    }
    return cond_branch(b, cond, jump_if);
}

static int
pop_jump_if_none(Builder *b, int jump_if_none)
{
    PjInstr *v = pop(b);
    PjInstr *none = emit(b, PJ_IR_none, 0);
    PjInstr *is = none ? emit2(b, PJ_IR_is, v, none) : NULL;
    if (is == NULL || emit1(b, PJ_IR_decref, v) == NULL)
        return OOM(b);
    return cond_branch(b, is, jump_if_none);
}

static int
build_POP_JUMP_FORWARD_IF_FALSE(Builder *b)
{
    return pop_jump_if(b, 0);
}

static int
build_POP_JUMP_FORWARD_IF_TRUE(Builder *b)
{
    return pop_jump_if(b, 1);
}

static int
build_POP_JUMP_BACKWARD_IF_FALSE(Builder *b)
{
    return pop_jump_if(b, 0);
}

static int
build_POP_JUMP_BACKWARD_IF_TRUE(Builder *b)
{
    return pop_jump_if(b, 1);
}

static int
build_POP_JUMP_FORWARD_IF_NONE(Builder *b)
{
    return pop_jump_if_none(b, 1);
}

static int
build_POP_JUMP_FORWARD_IF_NOT_NONE(Builder *b)
{
    return pop_jump_if_none(b, 0);
}

static int
build_POP_JUMP_BACKWARD_IF_NONE(Builder *b)
{
    return pop_jump_if_none(b, 1);
}

static int
build_POP_JUMP_BACKWARD_IF_NOT_NONE(Builder *b)
{
    return pop_jump_if_none(b, 0);
}

/* JUMP_IF_{TRUE,FALSE}_OR_POP: keep the value and jump, or pop it and fall through. */
static int
jump_or_pop(Builder *b, int jump_if)
{
    const PjBcInstr *in = cur_instr(b);
    PjInstr *v = peek(b, 1);
    PjInstr *t = emit1(b, PJ_IR_truth, v);
    PjInstr *cbr = t ? emit1(b, PJ_IR_cbr, t) : NULL;
    PjBlock *pop_blk = new_block(b);
    if (cbr == NULL || pop_blk == NULL || (t->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    if (set_edge(b, &cbr->edge[jump_if ? 0 : 1], b->block_of[in->target], b->stack, b->sp) < 0 ||
        set_edge(b, &cbr->edge[jump_if ? 1 : 0], pop_blk, NULL, 0) < 0)
        return -1;
    b->cur = pop_blk;
    pop(b);
    if (emit1(b, PJ_IR_decref, v) == NULL)
        return OOM(b);
    return br_to(b, b->i + 1);
}

static int
build_JUMP_IF_FALSE_OR_POP(Builder *b)
{
    return jump_or_pop(b, 0);
}

static int
build_JUMP_IF_TRUE_OR_POP(Builder *b)
{
    return jump_or_pop(b, 1);
}

/* ---- Iteration ----------------------------------------------------------------------------- */

static int
build_GET_ITER(Builder *b)
{
    PjInstr *v = peek(b, 1);
    PjInstr *it = emit1(b, PJ_IR_get_iter, v);
    if (it == NULL || (it->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    pop(b);
    if (emit1(b, PJ_IR_decref, v) == NULL)
        return OOM(b);
    push(b, it);
    return 0;
}

static int
build_FOR_ITER(Builder *b)
{
    const PjBcInstr *in = cur_instr(b);
    PjInstr *it = peek(b, 1);
    PjInstr *next = emit1(b, PJ_IR_iter_next, it);
    PjInstr *done = next ? emit1(b, PJ_IR_is_null, next) : NULL;
    if (done == NULL || (next->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    /* The item goes straight to a local (`for i in ...:`): its old value may carry it. */
    const PjBcInstr *body = b->i + 1 < b->bc->ninstrs ? in + 1 : NULL;
    next->imm[0] = body != NULL && body->op == STORE_FAST ? body->oparg : -1;
    push(b, next); /* into its slot; harmless (beyond the stack) when exhausted */
    PjInstr *cbr = emit1(b, PJ_IR_cbr, done);
    PjBlock *exit_blk = new_block(b);
    if (cbr == NULL || exit_blk == NULL)
        return OOM(b);
    if (set_edge(b, &cbr->edge[0], exit_blk, NULL, 0) < 0 ||
        set_edge(b, &cbr->edge[1], b->block_of[b->i + 1], b->stack, b->sp) < 0)
        return -1;
    b->sp -= 2;
    /* Exhausted: the iterator is popped and released, then the jump. */
    b->cur = exit_blk;
    if (emit1(b, PJ_IR_decref, it) == NULL)
        return OOM(b);
    return br_to(b, in->target);
}

/* ---- Calls ------------------------------------------------------------------------------- */

static int
build_LOAD_METHOD(Builder *b)
{
    PjInstr *obj = pop(b);
    int slot = b->sp;
    PjInstr *lm = emit1(b, PJ_IR_load_method, obj);
    if (lm == NULL || (lm->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    lm->imm[0] = cur_instr(b)->oparg;
    lm->imm[1] = slot;
    lm->imm[2] = b->fn->nmethod_caches++;
    for (int k = 0; k < 2; k++) {
        PjInstr *v = emit(b, PJ_IR_load_stack, 0);
        if (v == NULL)
            return OOM(b);
        v->imm[0] = slot + k;
        push_raw(b, v);
    }
    return 0;
}

static int
build_PRECALL(Builder *b)
{
    /* Bound-method unpacking happens inside the call op (as CALL re-checks it anyway). */
    PJ_UNUSED(b);
    return 0;
}

static int
build_KW_NAMES(Builder *b)
{
    /* Only recorded: the next CALL passes the names (no deopt may separate the two). */
    b->kwnames = cur_instr(b)->oparg;
    return 0;
}

/* What a call's callee is likely to be: the builtin len (one argument) or isinstance
 * (two) -- the PRECALL's specialisation says so, or, with no feedback, the callee is the
 * global of that name -- a Python function (PRECALL_PYFUNC), something else the
 * interpreter specialised or could not (generic), or unknown: no feedback.  (The lowering
 * checks the object at run time in every case.) */
/* No feedback: what a global callee is bound to as compilation starts, if known. */
static PjHint
name_hint(Builder *b, const PjInstr *callee)
{
    if (callee->op != PJ_IR_load_global || b->bc->name_kinds == NULL || callee->imm[0] < 0 ||
        callee->imm[0] >= b->bc->nnames)
        return PJ_HINT_NONE;
    switch (b->bc->name_kinds[callee->imm[0]]) {
    case PJ_NAME_PYFUNC:
        return PJ_HINT_PYFUNC;
    case PJ_NAME_OTHER:
        return PJ_HINT_GENERIC;
    default:
        return PJ_HINT_NONE;
    }
}

static PjHint
call_hint(Builder *b, int base, int nargs)
{
    PjHint h = b->i > 0 ? feedback_of(cur_instr(b) - 1, 1) : PJ_HINT_NONE; /* the PRECALL */
    if (b->kwnames >= 0 || (nargs != 1 && nargs != 2) || b->i == 0) {
        if (h == PJ_HINT_NONE && b->stack[base]->op == PJ_IR_null)
            return name_hint(b, b->stack[base + 1]);
        return h == PJ_HINT_PYFUNC || h == PJ_HINT_CFUNC || h == PJ_HINT_APPEND || h == PJ_HINT_NONE
                   ? h
                   : PJ_HINT_GENERIC;
    }
    const PjInstr *self = b->stack[base], *callee = b->stack[base + 1];
    int global = self->op == PJ_IR_null && callee->op == PJ_IR_load_global && callee->imm[0] >= 0 &&
                 callee->imm[0] < b->bc->nnames;
    const char *name = global ? b->bc->names[callee->imm[0]] : "";
    if (nargs == 1 && strcmp(name, "sqrt") == 0)
        return PJ_HINT_SQRT;
    if (h != PJ_HINT_NONE || !global)
        return h;
    if (strcmp(name, nargs == 1 ? "len" : "isinstance") == 0)
        return nargs == 1 ? PJ_HINT_LEN : PJ_HINT_ISINSTANCE;
    return name_hint(b, callee);
}

static int
build_CALL(Builder *b)
{
    int oparg = cur_instr(b)->oparg;
    int n = oparg + 2, base = b->sp - n;
    if (base < 0) {
        b->why.kind = PJ_ABORT_STACK_DEPTH;
        return -1;
    }
    /* The callable, self/NULL and the arguments are in slots base.. already. */
    PjInstr *call = emit(b, PJ_IR_call, 0);
    if (call == NULL || (call->fs = fs_error(b, base)) == NULL)
        return OOM(b);
    call->imm[0] = oparg;
    call->imm[1] = base;
    call->imm[2] = b->kwnames;
    call->hint = call_hint(b, base, oparg);
    b->kwnames = -1;
    b->sp = base;
    push(b, call);
    return after_call(b);
}

/* ---- Instructions run by stack helpers ----------------------------------------------------- */

/* How many entries the instruction pops (its pushes follow from the stack effect). */
static int
stack_op_pops(int op, int oparg)
{
    switch (op) {
    case BUILD_TUPLE:
    case BUILD_LIST:
    case BUILD_SET:
    case BUILD_STRING:
    case BUILD_SLICE:
        return oparg;
    case BUILD_MAP:
        return 2 * oparg;
    case BUILD_CONST_KEY_MAP:
        return oparg + 1;
    case RAISE_VARARGS:
        return oparg;
    case PUSH_EXC_INFO:
    case POP_EXCEPT:
    case CHECK_EXC_MATCH:
    case RERAISE:
        return 1;
    case MAP_ADD:
    case BINARY_SUBSCR:
    case STORE_ATTR:
    case DELETE_SUBSCR:
    case IMPORT_NAME:
        return 2;
    case STORE_SUBSCR:
        return 3;
    case FORMAT_VALUE:
        return (oparg & 0x04) ? 2 : 1;
    case MAKE_FUNCTION:
        return 1 + ((oparg & 8) != 0) + ((oparg & 4) != 0) + ((oparg & 2) != 0) + (oparg & 1);
    case CALL_FUNCTION_EX:
        return 3 + (oparg & 1);
    case LIST_APPEND:
    case SET_ADD:
    case LIST_EXTEND:
    case SET_UPDATE:
    case DICT_UPDATE:
    case DICT_MERGE:
    case LIST_TO_TUPLE:
    case UNPACK_SEQUENCE:
    case UNPACK_EX:
    case LOAD_ATTR:
    case DELETE_ATTR:
    case STORE_NAME:
    case STORE_DEREF:
    case BEFORE_WITH:
    case GET_AWAITABLE:
    case GET_YIELD_FROM_ITER:
    case GET_AITER:
    case BEFORE_ASYNC_WITH:
    case ASYNC_GEN_WRAP:
        return 1;
    case END_ASYNC_FOR:
        return 2;
    case MATCH_CLASS:
        return 3;
    case IMPORT_STAR:
    case PRINT_EXPR:
        return 1;
    default:
        return 0;
    }
}

/* The instruction runs in its helper on the frame's slots; its results are read back. */
static int
stack_op(Builder *b, int can_deopt)
{
    const PjBcInstr *in = cur_instr(b);
    int pops = stack_op_pops(in->op, in->oparg);
    int pushes = pops + pj_op_runtime_effect(in->op, in->oparg, 0);
    if (pops > b->sp || pushes < 0 || b->sp - pops + pushes > b->bc->stacksize) {
        b->why.kind = PJ_ABORT_STACK_DEPTH;
        return -1;
    }
    PjInstr *op = emit(b, PJ_IR_sop, pops);
    if (op == NULL)
        return OOM(b);
    for (int k = 0; k < pops; k++)
        op->args[k] = b->stack[b->sp - pops + k];
    op->imm[0] = in->op;
    op->imm[1] = in->oparg;
    op->imm[2] = b->sp;
    if ((op->fs = fs_error(b, b->sp - pops)) == NULL ||
        (can_deopt && (op->fsd = fs_before(b)) == NULL))
        return OOM(b);
    if (in->op == END_ASYNC_FOR) {
        /* Anything but StopAsyncIteration is re-raised (-2) with the iterator still on
         * the stack and no new traceback entry. */
        PjFrameState *rr = pj_ir_frame_state(b->fn, b->i, in->idx, b->stack, b->sp - 1);
        if (rr == NULL)
            return OOM(b);
        rr->notb = 1;
        op->fs2 = attach_handler(b, rr);
    }
    b->sp -= pops;
    if (in->op == RAISE_VARARGS || in->op == RERAISE) {
        /* Always raises: -1 with a new traceback entry (fs), -2 a re-raise (fs2). */
        PjFrameState *rr = pj_ir_frame_state(b->fn, b->i, in->idx, b->stack, b->sp);
        if (rr == NULL)
            return OOM(b);
        rr->notb = 1;
        op->fs2 = attach_handler(b, rr);
        if (emit(b, PJ_IR_unreachable, 0) == NULL)
            return OOM(b);
        b->cur = NULL;
        return 0;
    }
    for (int k = 0; k < pushes; k++) {
        PjInstr *v = emit(b, PJ_IR_load_stack, 0);
        if (v == NULL)
            return OOM(b);
        v->imm[0] = b->sp;
        push_raw(b, v);
    }
    return in->op == CALL_FUNCTION_EX ? after_call(b) : 0;
}

/* ---- Attributes and subscripts: IR ops with inline fast paths ---------------------------- */

static int
build_LOAD_ATTR(Builder *b)
{
    PjInstr *owner = peek(b, 1);
    PjInstr *r = emit1(b, PJ_IR_load_attr, owner);
    if (r == NULL || (r->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    r->imm[0] = cur_instr(b)->oparg;
    r->imm[1] = b->fn->nattr_caches++;
    r->hint = feedback(b);
    pop(b);
    if (emit1(b, PJ_IR_decref, owner) == NULL)
        return OOM(b);
    push(b, r);
    return 0;
}

static int
build_STORE_ATTR(Builder *b)
{
    PjInstr *owner = peek(b, 1), *value = peek(b, 2);
    PjInstr *st = emit2(b, PJ_IR_store_attr, owner, value);
    if (st == NULL || (st->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    st->imm[0] = cur_instr(b)->oparg;
    st->imm[1] = b->fn->nattr_caches++;
    st->hint = feedback(b);
    b->sp -= 2;
    if (emit1(b, PJ_IR_decref, value) == NULL || emit1(b, PJ_IR_decref, owner) == NULL)
        return OOM(b);
    return 0;
}

static int
build_BINARY_SUBSCR(Builder *b)
{
    return binary(b, PJ_IR_subscr, 0);
}

static int
build_STORE_SUBSCR(Builder *b)
{
    PjInstr *key = peek(b, 1), *container = peek(b, 2), *value = peek(b, 3);
    PjInstr *st = emit(b, PJ_IR_store_subscr, 3);
    if (st == NULL || (st->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    st->args[0] = container;
    st->args[1] = key;
    st->args[2] = value;
    st->hint = feedback(b);
    b->sp -= 3;
    if (emit1(b, PJ_IR_decref, value) == NULL || emit1(b, PJ_IR_decref, container) == NULL ||
        emit1(b, PJ_IR_decref, key) == NULL)
        return OOM(b);
    return 0;
}

#define STACK_OP_BUILDER(name, deopt)                                                              \
    static int build_##name(Builder *b)                                                            \
    {                                                                                              \
        return stack_op(b, deopt);                                                                 \
    }
PJ_RT_STACK_OPS(STACK_OP_BUILDER)
#undef STACK_OP_BUILDER

static int
build_LOAD_CLOSURE(Builder *b)
{
    return build_LOAD_FAST(b); /* the cell, from its local slot */
}

static int
build_RETURN_VALUE(Builder *b)
{
    PjInstr *v = pop(b);
    if (emit1(b, PJ_IR_ret, v) == NULL)
        return OOM(b);
    b->cur = NULL;
    return 0;
}

/* ---- Generators and coroutines -------------------------------------------------------------- */

/* The frame is suspended: the yielded value is returned, the entries below it stay in the
 * frame's slots (owned by it) until the resume, whose block reads them back. */
static int
build_YIELD_VALUE(Builder *b)
{
    PjInstr *v = pop(b);
    PjInstr *y = emit1(b, PJ_IR_yield, v);
    if (y == NULL)
        return OOM(b);
    y->imm[0] = cur_instr(b)->idx;
    y->imm[1] = b->sp;
    b->cur = NULL;
    return 0;
}

/* `yield from` / `await`: send the value on top to the receiver below it.  A receiver that
 * yielded leaves [receiver, value] and the next instruction yields the value on; one that
 * returned leaves its result in the receiver's place and jumps to the target. */
static int
build_SEND(Builder *b)
{
    const PjBcInstr *in = cur_instr(b);
    PjInstr *v = pop(b);
    PjInstr *receiver = peek(b, 1);
    PjInstr *send = emit1(b, PJ_IR_send, v);
    if (send == NULL || (send->fs = fs_error(b, b->sp)) == NULL)
        return OOM(b);
    send->imm[0] = b->sp + 1;
    PjInstr *cbr = emit1(b, PJ_IR_cbr, send);
    PjBlock *returned = new_block(b), *yielded = new_block(b);
    if (cbr == NULL || returned == NULL || yielded == NULL ||
        set_edge(b, &cbr->edge[0], returned, NULL, 0) < 0 ||
        set_edge(b, &cbr->edge[1], yielded, NULL, 0) < 0)
        return OOM(b);
    int sp = b->sp;
    b->cur = returned;
    b->sp = sp - 1;
    PjInstr *result = emit(b, PJ_IR_load_stack, 0);
    if (result == NULL)
        return OOM(b);
    result->imm[0] = b->sp;
    push_raw(b, result);
    if (br_to(b, in->target) < 0)
        return -1;
    b->cur = yielded;
    b->sp = sp;
    b->stack[sp - 1] = receiver;
    PjInstr *value = emit(b, PJ_IR_load_stack, 0);
    if (value == NULL)
        return OOM(b);
    value->imm[0] = b->sp;
    push_raw(b, value);
    return 0;
}

static int
is_generator(const PjBytecode *bc)
{
    return bc->is_generator;
}

/* Whether instruction i is where a generator frame resumes (in the bytecode); with osr,
 * the function's start and the head of each outermost loop closed by a JUMP_BACKWARD
 * (pj_decode_osr_head: baseline code's back-edge poll hands its frame over there,
 * prev_instr just before the head). */
static int
is_resume_point(const PjBytecode *bc, int i)
{
    if (bc->osr)
        return i == 0 || pj_decode_is_osr_head(bc, i);
    return i > 0 &&
           (bc->instrs[i - 1].op == YIELD_VALUE || bc->instrs[i - 1].op == RETURN_GENERATOR);
}

/* A generator's entry (or an osr function's): dispatch on where the frame was suspended
 * (prev_instr) to the compiled resume points, reading the entries left on the stack back
 * from their slots.  The lowering sends any other resume point to the interpreter before
 * this runs. */
static int
build_resume_dispatch(Builder *b, PjBlock *entry)
{
    const PjBytecode *bc = b->bc;
    int n = 0;
    for (int i = 0; i < bc->ninstrs; i++)
        if (is_resume_point(bc, i) && b->normal[i])
            n++;
    b->fn->resume_units = pj_arena_alloc(b->fn->arena, sizeof(int) * (size_t) (n + 1));
    if (b->fn->resume_units == NULL)
        return OOM(b);
    b->cur = entry;
    int k = 0;
    for (int i = 0; i < bc->ninstrs; i++) {
        if (!is_resume_point(bc, i) || !b->normal[i])
            continue;
        int unit = bc->instrs[i].start - 1; /* prev_instr (a yield has no cache) */
        b->fn->resume_units[k++] = unit;
        b->i = i;
        PjBlock *load = new_block(b), *next = NULL;
        if (load == NULL)
            return OOM(b);
        if (k < n) { /* the last one needs no test */
            PjInstr *at = emit(b, PJ_IR_resumed_at, 0);
            PjInstr *cbr = at ? emit1(b, PJ_IR_cbr, at) : NULL;
            next = new_block(b);
            if (cbr == NULL || next == NULL || set_edge(b, &cbr->edge[0], load, NULL, 0) < 0 ||
                set_edge(b, &cbr->edge[1], next, NULL, 0) < 0)
                return OOM(b);
            at->imm[0] = unit;
        }
        else if (emit(b, PJ_IR_br, 0) == NULL ||
                 set_edge(b, &b->cur->last->edge[0], load, NULL, 0) < 0)
            return OOM(b);
        b->cur = load;
        b->sp = 0;
        for (int s = 0; s < bc->instrs[i].depth; s++) {
            PjInstr *v = emit(b, PJ_IR_load_stack, 0);
            if (v == NULL)
                return OOM(b);
            v->imm[0] = s;
            push_raw(b, v);
        }
        if (br_to(b, i) < 0)
            return -1;
        b->cur = next;
    }
    b->fn->nresumes = n;
    b->sp = 0;
    return 0;
}

/* ---- Driver ------------------------------------------------------------------------------ */

/* Marks (in `seen`) what ordinary control flow reaches from instruction `from`; with
 * `only_new`, stops at instructions already marked.  Returns 0, or -1 if it reached an
 * unsupported opcode (only checked when `check`). */
static int
reach_from(const PjBytecode *bc, int from, unsigned char *seen, int *work, int check)
{
    int n = 0, ok = 0;
    if (!seen[from]) {
        seen[from] = 1;
        work[n++] = from;
    }
    while (n > 0) {
        int i = work[--n];
        const PjBcInstr *in = &bc->instrs[i];
        if (check && !pj_op_supported(in->op))
            ok = -1;
        int succ[2], ns = 0;
        if (in->target >= 0)
            succ[ns++] = in->target;
        if (!(pj_op_flags(in->op) & PJ_F_TERM) && in->op != RAISE_VARARGS && in->op != RERAISE &&
            i + 1 < bc->ninstrs)
            succ[ns++] = i + 1;
        for (int k = 0; k < ns; k++) {
            if (!seen[succ[k]]) {
                seen[succ[k]] = 1;
                work[n++] = succ[k];
            }
        }
    }
    return ok;
}

/* What gets compiled: everything ordinary control flow reaches from the entry, plus each
 * exception handler whose own code is all supported ("native": exceptions raised in its
 * try block land there without leaving compiled code).  A handler with an unsupported
 * instruction (except*, say) stays the interpreter's: exceptions it would catch leave
 * compiled code and the interpreter runs it. */
static unsigned char *
compiled_paths(Builder *b, PjArena *a)
{
    const PjBytecode *bc = b->bc;
    unsigned char *seen = pj_arena_alloc(a, (size_t) bc->ninstrs + 1);
    unsigned char *trial = pj_arena_alloc(a, (size_t) bc->ninstrs + 1);
    int *work = pj_arena_alloc(a, sizeof(int) * ((size_t) bc->ninstrs + 1));
    b->native_handler = pj_arena_alloc(a, (size_t) bc->nexc + 1);
    if (seen == NULL || trial == NULL || work == NULL || b->native_handler == NULL)
        return NULL;
    if (is_generator(bc)) {
        /* What runs before RETURN_GENERATOR runs once, in the interpreter, when the
         * generator is created; compiled code starts where the frame resumes. */
        for (int i = 0; i < bc->ninstrs; i++)
            if (i > 0 && bc->instrs[i - 1].op == RETURN_GENERATOR)
                reach_from(bc, i, seen, work, 0);
    }
    else if (bc->ninstrs > 0) {
        reach_from(bc, 0, seen, work, 0);
    }
    /* Handlers nest (a cleanup handler covers a handler's body): iterate to a fixed point. */
    for (int changed = 1; changed;) {
        changed = 0;
        for (int e = 0; e < bc->nexc; e++) {
            if (b->native_handler[e])
                continue;
            memcpy(trial, seen, (size_t) bc->ninstrs);
            if (reach_from(bc, bc->exc[e].target, trial, work, 1) == 0) {
                memcpy(seen, trial, (size_t) bc->ninstrs);
                b->native_handler[e] = 1;
                changed = 1;
            }
        }
    }
    return seen;
}

static int
unsupported(Builder *b)
{
    b->why.kind = PJ_ABORT_UNSUPPORTED_OPCODE;
    b->why.detail = cur_instr(b)->op;
    return -1;
}

/* `fn` is pasted in PJ_OP, before the opcode name could expand to its number. */
#define PJ_SUPPORT_Y(opcode, fn)                                                                   \
    case opcode:                                                                                   \
        return fn(b);
#define PJ_SUPPORT_N(opcode, fn)                                                                   \
    case opcode:                                                                                   \
        return unsupported(b);

static int
dispatch(Builder *b)
{
    switch (cur_instr(b)->op) {
#define PJ_OP(name, effect, flags, sup) PJ_SUPPORT_##sup(name, build_##name)
#include "ir/opcodes.def"
#undef PJ_OP
    }
    b->why.kind = PJ_ABORT_BAD_BYTECODE;
    return -1;
}

PjFunc *
pj_build_ir(const PjBytecode *bc, PjArena *a, PjAbort *why)
{
    Builder bld;
    memset(&bld, 0, sizeof bld);
    Builder *b = &bld;
    b->kwnames = -1;
    b->bc = bc;
    b->fn = pj_ir_func_new(a, bc);
    b->block_of = pj_arena_alloc(a, sizeof(PjBlock *) * (size_t) (bc->ninstrs + 1));
    b->stack = pj_arena_alloc(a, sizeof(PjInstr *) * (size_t) (bc->stacksize + 2));
    b->snap = pj_arena_alloc(a, sizeof(PjInstr *) * (size_t) (bc->stacksize + 2));
    if (b->fn == NULL || b->block_of == NULL || b->stack == NULL || b->snap == NULL ||
        analyse_bound(b, a) < 0) {
        why->kind = PJ_ABORT_NO_MEMORY;
        return NULL;
    }
    b->normal = compiled_paths(b, a);
    int resumes = is_generator(bc) || bc->osr;
    PjBlock *dispatch_blk = resumes ? new_block(b) : NULL; /* the entry */
    if (b->normal == NULL || (resumes && dispatch_blk == NULL)) {
        why->kind = PJ_ABORT_NO_MEMORY;
        return NULL;
    }
    for (int i = 0; i < bc->ninstrs; i++) {
        const PjBcInstr *in = &bc->instrs[i];
        if (in->block_start && b->normal[i]) {
            b->block_of[i] = pj_ir_block_new(b->fn, i, in->depth);
            if (b->block_of[i] == NULL) {
                why->kind = PJ_ABORT_NO_MEMORY;
                return NULL;
            }
        }
    }
    if (dispatch_blk != NULL) {
        if (build_resume_dispatch(b, dispatch_blk) < 0)
            goto fail;
        if (b->fn->nresumes == 0) {
            why->kind = PJ_ABORT_BAD_BYTECODE;
            return NULL;
        }
    }
    else if (bc->ninstrs == 0 || b->block_of[0] == NULL || b->block_of[0]->nparams != 0) {
        why->kind = PJ_ABORT_BAD_BYTECODE;
        return NULL;
    }

    for (b->i = 0; b->i < bc->ninstrs; b->i++) {
        const PjBcInstr *in = cur_instr(b);
        if (!b->normal[b->i]) { /* unreachable, or reached only by exceptions */
            b->cur = NULL;
            continue;
        }
        if (in->block_start) {
            PjBlock *blk = b->block_of[b->i];
            if (b->cur != NULL && br_to(b, b->i) < 0)
                goto fail;
            b->cur = blk;
            if (blk->nparams > 0)
                memcpy(b->stack, blk->params, sizeof(PjInstr *) * (size_t) blk->nparams);
            b->sp = blk->nparams;
        }
        if (b->cur == NULL) {
            b->why.kind = PJ_ABORT_BAD_BYTECODE;
            goto fail;
        }
        if (b->sp != in->depth) {
            b->why.kind = PJ_ABORT_STACK_DEPTH;
            goto fail;
        }
        if (b->sp > 0)
            memcpy(b->snap, b->stack, sizeof(PjInstr *) * (size_t) b->sp);
        b->snap_n = b->sp;
        if (b->bound_in != NULL && in->block_start)
            memcpy(b->bound, &b->bound_in[(size_t) b->i * (size_t) b->nwords],
                   sizeof(uint64_t) * (size_t) b->nwords);
        if (dispatch(b) < 0 || b->why.kind != PJ_ABORT_NONE)
            goto fail;
        if (b->bound_in != NULL)
            bound_transfer(in, b->bound, bc->nlocalsplus);
    }
    if (b->cur != NULL) { /* fell off the end */
        b->why.kind = PJ_ABORT_BAD_BYTECODE;
        goto fail;
    }
    return b->fn;

fail:
    *why = b->why;
    if (why->kind == PJ_ABORT_NONE)
        why->kind = PJ_ABORT_BAD_BYTECODE;
    return NULL;
}
