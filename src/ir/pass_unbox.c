/* Unboxing pass: numeric loops run on machine integers and doubles.
 *
 * Requires: a verified PjFunc after pass_refcount.
 * Finds: natural loops whose every op is "pure" once its numbers are unboxed -- integer
 *   and float arithmetic and comparisons, range iteration, locals, constants, branches,
 *   the eval-breaker poll: no op that may run Python code, so nothing can look at the
 *   frame's locals while the loop runs.
 * Annotates (nothing is added or removed): each value of such a loop that stands for an
 *   exact int (fitting 64 bits) or an exact float gets `ut` PJ_UT_I64 / PJ_UT_F64; its
 *   blocks get `uloop`; PjFunc.uloops lists each loop's unboxed locals; typed ops that may
 *   leave the machine type (overflow, a zero divisor, a range iterator that is not one)
 *   get an `fsd`: deoptimise before the instruction, which the interpreter then runs.
 *
 * The lowering keeps an unboxed local in a register (and a "dirty" flag) instead of the
 * frame's slot and writes it back as an object wherever the loop is left: a loop exit,
 * any exit to the interpreter, and before the eval breaker's handlers run.  Where the loop
 * is entered it checks the frame's objects: a local read before it is written must hold
 * the exact type (else deopt at the loop's head); one written first must hold nothing or
 * an int or float (whose release, delayed to the write-back, nobody can observe).
 *
 * Which locals are ints or floats is a guess checked at run time: constants, arithmetic
 * rules (int op int is an int, anything with a float a float), range items, and `seed` --
 * the types of the frame's locals when compilation started (the arguments of the call
 * that compiled it, or the locals of a running frame).
 *
 * Lists and tuples: a value's "shape" (guess_shapes) says it is a list or tuple of ..., of
 * floats or ints, sampled from the seed's first items: `pairs`, a list of 2-tuples of
 * lists of floats.  Shapes flow through locals, iteration (an item of a list of X is an
 * X), UNPACK_SEQUENCE and subscripts.  In an unboxed loop, `xs[i]` with i an unboxed int
 * and a shape saying numbers reads the item as a machine number, `xs[i] = v` boxes v into
 * an exact list, and iterating or unpacking a list or tuple yields its items as objects.
 * The lowering checks the container's type, the index, the length and the item's type at
 * every use and deoptimises before the instruction where one differs.
 *
 * Releasing an object in an unboxed loop may free it, and a finaliser is Python code:
 * the lowering writes the loop's unboxed locals back to the frame before any dealloc, so
 * the finaliser sees the frame as the interpreter would show it.
 */
#include "ir/passes.h"

#include <stdlib.h>
#include <string.h>

#include <opcode.h>

#include "ir/decode.h"

/* The lattice: nothing known yet < int | float < not a number we unbox. */
enum { T_UNSET = 0, T_I64 = PJ_UT_I64, T_F64 = PJ_UT_F64, T_OBJ = 3 };

static int
join(int a, int b)
{
    if (a == T_UNSET)
        return b;
    if (b == T_UNSET || a == b)
        return a;
    return T_OBJ;
}

static int
base_op(int k)
{
    return k >= PJ_NB_INPLACE_ADD ? k - PJ_NB_INPLACE_ADD : k;
}

/* The type of `a op b`: ints stay ints (true division makes a float), a float makes a
 * float for + - * /; T_OBJ for anything not unboxed.  An unknown operand is assumed to be
 * like the other (the guess is checked where it enters). */
static int
binop_type(int k, int a, int b)
{
    if (a == T_OBJ || b == T_OBJ)
        return T_OBJ;
    if (a == T_UNSET)
        a = b;
    if (b == T_UNSET)
        b = a;
    if (a == T_UNSET)
        return T_UNSET;
    k = base_op(k);
    if (a == T_I64 && b == T_I64) {
        switch (k) {
        case PJ_NB_ADD:
        case PJ_NB_SUBTRACT:
        case PJ_NB_MULTIPLY:
        case PJ_NB_FLOOR_DIVIDE:
        case PJ_NB_REMAINDER:
        case PJ_NB_AND:
        case PJ_NB_OR:
        case PJ_NB_XOR:
        case PJ_NB_LSHIFT:
        case PJ_NB_RSHIFT:
            return T_I64;
        case PJ_NB_TRUE_DIVIDE:
            return T_F64;
        default:
            return T_OBJ;
        }
    }
    switch (k) {
    case PJ_NB_ADD:
    case PJ_NB_SUBTRACT:
    case PJ_NB_MULTIPLY:
    case PJ_NB_TRUE_DIVIDE:
        return T_F64;
    default:
        return T_OBJ;
    }
}

static int
unop_type(int k, int a)
{
    if (a == T_UNSET || a == T_OBJ)
        return a;
    if (k == PJ_UN_INVERT)
        return a == T_I64 ? T_I64 : T_OBJ;
    return a;
}

typedef struct Pass {
    PjFunc *fn;
    int nb, nv, nl;
    PjBlock **blk;       /* by id */
    int **preds, *npred; /* control-flow predecessors (edges and exception handlers) */
    int **succs, *nsucc;
    int *real_use;          /* uses other than decref/xdecref */
    unsigned char *t;       /* value id -> lattice */
    unsigned char *g;       /* local -> guess */
    unsigned char *ls, *vs; /* local / value id -> shape (see guess_shapes) */
    int range_ok;
    int *pool;
} Pass;

static void
add_edge(Pass *P, int from, int to)
{
    for (int i = 0; i < P->nsucc[from]; i++)
        if (P->succs[from][i] == to)
            return;
    P->succs[from][P->nsucc[from]++] = to;
    P->preds[to][P->npred[to]++] = from;
}

/* How many edges `in` has (br: 1, cbr: 2, others 0). */
static int
nedges(const PjInstr *in)
{
    return in->op == PJ_IR_cbr ? 2 : in->op == PJ_IR_br ? 1 : 0;
}

/* The blocks an op of `b` may branch to: terminator edges and exception handlers. */
static int
targets_of(const PjInstr *in, PjBlock **to)
{
    int n = 0;
    if (in->op == PJ_IR_br || in->op == PJ_IR_cbr)
        to[n++] = in->edge[0].block;
    if (in->op == PJ_IR_cbr)
        to[n++] = in->edge[1].block;
    const PjFrameState *fss[3] = { in->fs, in->fs2, in->fsd };
    for (int k = 0; k < 3; k++)
        if (fss[k] != NULL && fss[k]->handler != NULL)
            to[n++] = fss[k]->handler;
    return n;
}

static int
setup_cfg(Pass *P)
{
    int nb = P->nb;
    int *pc = calloc((size_t) nb + 1, sizeof(int));
    if (pc == NULL)
        return -1;
    size_t total = 0;
    for (PjBlock *b = P->fn->entry; b != NULL; b = b->next) {
        P->blk[b->id] = b;
        for (PjInstr *in = b->first; in != NULL; in = in->next) {
            PjBlock *to[5];
            int n = targets_of(in, to);
            for (int k = 0; k < n; k++)
                pc[to[k]->id]++;
            total += 2 * (size_t) n;
        }
    }
    int *pool = calloc(total + 1, sizeof(int));
    if (pool == NULL) {
        free(pc);
        return -1;
    }
    P->pool = pool;
    int *pp = pool;
    for (PjBlock *b = P->fn->entry; b != NULL; b = b->next) {
        int n = 0;
        for (PjInstr *in = b->first; in != NULL; in = in->next) {
            PjBlock *to[5];
            n += targets_of(in, to);
        }
        P->succs[b->id] = pp;
        pp += n;
    }
    for (int i = 0; i < nb; i++) {
        P->preds[i] = pp;
        pp += pc[i];
    }
    free(pc);
    for (PjBlock *b = P->fn->entry; b != NULL; b = b->next)
        for (PjInstr *in = b->first; in != NULL; in = in->next) {
            PjBlock *to[5];
            int n = targets_of(in, to);
            for (int k = 0; k < n; k++)
                add_edge(P, b->id, to[k]->id);
        }
    return 0;
}

/* The local `in` stores to (-1: none) and the type of what it stores. */
static int
stored(const Pass *P, const PjInstr *in, int *type)
{
    *type = T_UNSET;
    if (in->op == PJ_IR_store_local) {
        *type = P->t[in->args[0]->id];
        return (int) in->imm[0];
    }
    if (in->op == PJ_IR_binop_store) {
        *type = binop_type((int) in->imm[0], P->t[in->args[0]->id], P->t[in->args[1]->id]);
        return (int) in->imm[1];
    }
    return -1;
}

/* *slot = j; 1 when that changed it. */
static int
set_changed(unsigned char *slot, int j)
{
    if (j == *slot)
        return 0;
    *slot = (unsigned char) j;
    return 1;
}

/* *slot joined with t; 1 when that changed it. */
static int
raise_to(unsigned char *slot, int t)
{
    return set_changed(slot, join(*slot, t));
}

/* ---- Guesses for the whole function ----------------------------------------------------- */

/* Whether the FOR_ITER at bytecode instruction `fi` iterates over `range(...)`: GET_ITER
 * right before it, of a call whose callable is the global named range (a guess: the
 * lowering checks the iterator's type on every step). */
static int
iterates_range(const PjBytecode *bc, int fi)
{
    if (fi < 1 || bc->instrs[fi - 1].op != GET_ITER)
        return 0;
    int d = bc->instrs[fi - 1].depth - 1; /* where the call's result sits */
    for (int k = fi - 2; k >= 0; k--) {
        const PjBcInstr *in = &bc->instrs[k];
        if (in->depth < 0)
            return 0;
        if (in->depth < d)
            return 0;
        if (in->depth == d)
            return in->op == LOAD_GLOBAL && (in->oparg >> 1) < bc->nnames &&
                   strcmp(bc->names[in->oparg >> 1], "range") == 0;
    }
    return 0;
}

/* The argument of a call that may be math.sqrt(x), or NULL. */
static const PjInstr *
sqrt_arg(const PjInstr *in)
{
    if (in->op != PJ_IR_call || in->hint != PJ_HINT_SQRT || in->imm[0] != 1 || in->imm[2] >= 0)
        return NULL;
    int base = (int) in->imm[1];
    const PjInstr *self = pj_ir_slot_value(in, base), *callee = pj_ir_slot_value(in, base + 1);
    if (self == NULL || self->op != PJ_IR_null || callee == NULL || callee->op != PJ_IR_load_global)
        return NULL;
    return pj_ir_slot_value(in, base + 2);
}

/* ---- Shapes ------------------------------------------------------------------------------ */

/* A shape: bits 0-1 the leaf's PjUType, then up to three container levels of two bits,
 * outermost first (1: list, 2: tuple: PJ_SEED_LIST, PJ_SEED_TUPLE at the first level);
 * 0: nothing known yet; SH_TOP: no one shape. */
#define SH_TOP 0xFF

static int
shape_join(int a, int b)
{
    if (a == 0)
        return b;
    if (b == 0 || a == b)
        return a;
    return SH_TOP;
}

/* The outermost container kind of shape s (PJ_HINT_LIST / PJ_HINT_TUPLE), or 0. */
static int
shape_container(int s)
{
    if (s == 0 || s == SH_TOP)
        return 0;
    int k = s & (PJ_SEED_LIST | PJ_SEED_TUPLE);
    return k == PJ_SEED_LIST ? PJ_HINT_LIST : k == PJ_SEED_TUPLE ? PJ_HINT_TUPLE : 0;
}

/* The shape of an item of s. */
static int
shape_item(int s)
{
    if (s == 0)
        return 0;
    if (!shape_container(s))
        return SH_TOP;
    return (s & 3) | ((s >> 4) << 2);
}

/* The number type a shape stands for (T_I64, T_F64), or T_OBJ. */
static int
shape_number(int s)
{
    return s == T_I64 || s == T_F64 ? s : T_OBJ;
}

static int
raise_shape(unsigned char *slot, int sh)
{
    return set_changed(slot, shape_join(*slot, sh));
}

/* Shapes of locals (from the seed and every store) and values, to a fixed point; the
 * items UNPACK_SEQUENCE leaves on the stack are read back with load_stack in its block. */
static void
guess_shapes(Pass *P, const unsigned char *seed, int nseed)
{
    for (int l = 0; l < P->nl; l++) {
        int sd = l < nseed ? seed[l] : 0;
        P->ls[l] = (unsigned char) ((sd & ~3) && (sd & 3) != T_UNSET ? sd : 0);
    }
    for (int changed = 1, rounds = 0; changed && rounds < 8; rounds++) {
        changed = 0;
        for (PjBlock *b = P->fn->entry; b != NULL; b = b->next) {
            int unpack_lo = 0, unpack_n = 0, unpack_sh = 0;
            for (PjInstr *in = b->first; in != NULL; in = in->next) {
                int sh = SH_TOP;
                switch (in->op) {
                case PJ_IR_load_local:
                    sh = P->ls[in->imm[0]];
                    break;
                case PJ_IR_get_iter:
                    sh = P->vs[in->args[0]->id];
                    sh = sh == 0 || shape_container(sh) ? sh : SH_TOP;
                    break;
                case PJ_IR_iter_next:
                case PJ_IR_subscr:
                    sh = shape_item(P->vs[in->args[0]->id]);
                    break;
                case PJ_IR_sop:
                    unpack_n = 0;
                    if (in->imm[0] == UNPACK_SEQUENCE && in->nargs == 1) {
                        unpack_lo = (int) in->imm[2] - 1;
                        unpack_n = (int) in->imm[1];
                        unpack_sh = shape_item(P->vs[in->args[0]->id]);
                    }
                    break;
                case PJ_IR_load_stack:
                    if (unpack_n && in->imm[0] >= unpack_lo && in->imm[0] < unpack_lo + unpack_n)
                        sh = unpack_sh;
                    break;
                case PJ_IR_store_stack:
                    if (in->imm[0] >= unpack_lo && in->imm[0] < unpack_lo + unpack_n)
                        unpack_n = 0;
                    break;
                case PJ_IR_store_local:
                    changed |= raise_shape(&P->ls[in->imm[0]], P->vs[in->args[0]->id]);
                    break;
                case PJ_IR_binop_store: /* a number, not a container */
                    changed |= raise_shape(&P->ls[in->imm[1]], SH_TOP);
                    break;
                default:
                    break;
                }
                if (in->id >= 0 && in->op != PJ_IR_param)
                    changed |= raise_shape(&P->vs[in->id], sh);
                for (int e = 0; e < nedges(in); e++) {
                    const PjEdge *ed = &in->edge[e];
                    for (int i = 0; i < ed->nargs; i++)
                        changed |=
                            raise_shape(&P->vs[ed->block->params[i]->id], P->vs[ed->args[i]->id]);
                }
            }
        }
    }
}

/* The type of the value `in` defines, from its operands' (P->t) and, for a local's load,
 * `locals` (the function's guesses, or one loop's types). */
static int
value_type(Pass *P, const PjInstr *in, const unsigned char *locals)
{
    const PjBytecode *bc = P->fn->bc;
    switch (in->op) {
    case PJ_IR_const_obj:
        return bc->const_num[in->imm[0]] ? bc->const_num[in->imm[0]] : T_OBJ;
    case PJ_IR_load_local:
        return locals[in->imm[0]];
    case PJ_IR_binop:
        return binop_type((int) in->imm[0], P->t[in->args[0]->id], P->t[in->args[1]->id]);
    case PJ_IR_unop:
        return unop_type((int) in->imm[0], P->t[in->args[0]->id]);
    case PJ_IR_subscr: {
        const PjInstr *c = in->args[0], *k = in->args[1];
        int kind = shape_container(P->vs[c->id]), t = shape_number(P->vs[in->id]);
        if (!kind || t == T_OBJ || (in->hint != PJ_HINT_NONE && (int) in->hint != kind))
            return T_OBJ;
        if (P->t[k->id] != T_I64)
            return P->t[k->id] == T_UNSET ? T_UNSET : T_OBJ; /* (not known yet) */
        return t;
    }
    case PJ_IR_call: { /* math.sqrt of a float */
        const PjInstr *x = sqrt_arg(in);
        return x == NULL                                        ? T_OBJ
               : P->t[x->id] == T_F64 || P->t[x->id] == T_UNSET ? P->t[x->id]
                                                                : T_OBJ;
    }
    case PJ_IR_iter_next:
        return P->range_ok && (in->hint == PJ_HINT_NONE || in->hint == PJ_HINT_RANGE) &&
                       in->bc >= 0 && iterates_range(bc, in->bc)
                   ? T_I64
                   : T_OBJ;
    default:
        return T_OBJ;
    }
}

/* Flow-insensitive: each local's guess is the join of its seed and of every value stored
 * into it anywhere; each value's the rules above; to a fixed point (the lattice is
 * three levels high). */
static void
guess_function(Pass *P, const unsigned char *seed, int nseed)
{
    for (int l = 0; l < P->nl; l++) {
        int sd = l < nseed ? seed[l] : 0;
        P->g[l] = sd == T_I64 || sd == T_F64 ? sd : T_UNSET;
    }
    for (int changed = 1, rounds = 0; changed && rounds < 8; rounds++) {
        changed = 0;
        for (PjBlock *b = P->fn->entry; b != NULL; b = b->next) {
            for (PjInstr *in = b->first; in != NULL; in = in->next) {
                if (in->id >= 0 && in->op != PJ_IR_param)
                    changed |= raise_to(&P->t[in->id], value_type(P, in, P->g));
                int t, l = stored(P, in, &t);
                if (l >= 0 && l < P->nl)
                    changed |= raise_to(&P->g[l], t);
                for (int e = 0; e < nedges(in); e++) {
                    const PjEdge *ed = &in->edge[e];
                    for (int i = 0; i < ed->nargs; i++) {
                        PjInstr *p = ed->block->params[i];
                        changed |= raise_to(&P->t[p->id], P->t[ed->args[i]->id]);
                    }
                }
            }
        }
    }
}

/* ---- One loop ------------------------------------------------------------------------------ */

typedef struct Loop {
    int header;
    unsigned char *in; /* block id -> member */
    int n;
} Loop;

/* Blocks reachable from the entry without passing `h`; the others (reachable at all) are
 * dominated by h. */
static void
reach_avoiding(Pass *P, int h, unsigned char *seen, int *work)
{
    memset(seen, 0, (size_t) P->nb);
    int top = 0;
    int e = P->fn->entry->id;
    if (e == h)
        return;
    seen[e] = 1;
    work[top++] = e;
    while (top > 0) {
        int b = work[--top];
        for (int i = 0; i < P->nsucc[b]; i++) {
            int s = P->succs[b][i];
            if (s != h && !seen[s]) {
                seen[s] = 1;
                work[top++] = s;
            }
        }
    }
}

static int
is_decref(const PjInstr *in)
{
    return in->op == PJ_IR_decref || in->op == PJ_IR_xdecref;
}

static int
local_of(const PjInstr *in)
{
    if (in->op == PJ_IR_store_local || in->op == PJ_IR_load_local)
        return (int) in->imm[0];
    if (in->op == PJ_IR_binop_store)
        return (int) in->imm[1];
    return -1;
}

/* The loop's value types to a fixed point, then whether each op is allowed.  On success
 * fills the per-local arrays (lt: local -> lattice) and returns 0. */
static int
type_loop(Pass *P, Loop *lp, unsigned char *lt, const unsigned char *live)
{
    PjFunc *fn = P->fn;
    /* Start: values unknown, live-in locals their guess. */
    for (int l = 0; l < P->nl; l++)
        lt[l] = live[l] ? (P->g[l] == T_UNSET ? T_OBJ : P->g[l]) : T_UNSET;
    /* Values outside the loop are objects here, whatever their guess. */
    for (PjBlock *b = fn->entry; b != NULL; b = b->next) {
        unsigned char t0 = lp->in[b->id] ? T_UNSET : T_OBJ;
        for (int i = 0; i < b->nparams; i++)
            P->t[b->params[i]->id] = t0;
        for (PjInstr *in = b->first; in != NULL; in = in->next)
            if (in->id >= 0)
                P->t[in->id] = t0;
    }
    for (int changed = 1, rounds = 0; changed; rounds++) {
        if (rounds > 16)
            return -1;
        changed = 0;
        for (PjBlock *b = fn->entry; b != NULL; b = b->next) {
            if (!lp->in[b->id])
                continue;
            for (PjInstr *in = b->first; in != NULL; in = in->next) {
                if (in->op == PJ_IR_param)
                    continue;
                int t = in->id >= 0 ? value_type(P, in, lt) : T_UNSET;
                if (in->id >= 0)
                    changed |= raise_to(&P->t[in->id], t);
                int st, l = stored(P, in, &st);
                if (l >= 0)
                    changed |= raise_to(&lt[l], st);
                for (int e = 0; e < nedges(in); e++) {
                    const PjEdge *ed = &in->edge[e];
                    for (int i = 0; i < ed->nargs && lp->in[ed->block->id]; i++)
                        changed |= raise_to(&P->t[ed->block->params[i]->id], P->t[ed->args[i]->id]);
                }
            }
        }
        /* Parameters of the header also receive the entry edges' (object) values. */
        PjBlock *h = P->blk[lp->header];
        for (int i = 0; i < h->nparams; i++)
            if (P->t[h->params[i]->id] != T_OBJ) {
                P->t[h->params[i]->id] = T_OBJ;
                changed = 1;
            }
    }
    return 0;
}

static int
typed(const Pass *P, const PjInstr *v)
{
    int t = P->t[v->id];
    return t == T_I64 || t == T_F64;
}

static int
fs_ok(const PjFrameState *fs)
{
    /* (a re-raise to a handler the interpreter runs unwinds the frame's stack in compiled
     * code: that stack must hold objects) */
    return fs == NULL || (fs->handler == NULL && !(fs->notb && fs->interp_handler));
}

/* Whether every op of the typed loop is allowed (see the file comment). */
static int
check_loop(Pass *P, Loop *lp, const unsigned char *lt)
{
    PjFunc *fn = P->fn;
    PjBlock *h = P->blk[lp->header];
    if (h->bc < 0)
        return 0;
    for (PjBlock *b = fn->entry; b != NULL; b = b->next) {
        if (!lp->in[b->id])
            continue;
        /* one entry: the header */
        if (b != h)
            for (int k = 0; k < P->npred[b->id]; k++)
                if (!lp->in[P->preds[b->id][k]])
                    return 0;
        for (int i = 0; i < b->nparams; i++)
            if (P->t[b->params[i]->id] == T_UNSET)
                return 0;
        for (PjInstr *in = b->first; in != NULL; in = in->next) {
            if (!fs_ok(in->fs) || !fs_ok(in->fs2) || !fs_ok(in->fsd))
                return 0;
            int n = in->nargs;
            const PjInstr *a = n > 0 ? in->args[0] : NULL, *c = n > 1 ? in->args[1] : NULL;
            switch (in->op) {
            case PJ_IR_null:
            case PJ_IR_none:
            case PJ_IR_const_obj:
            case PJ_IR_store_stack:
            case PJ_IR_incref:
            case PJ_IR_check_bound:
            case PJ_IR_after_call:
            case PJ_IR_poll:
            case PJ_IR_bool_not:
            case PJ_IR_box_bool:
            case PJ_IR_deopt:
            case PJ_IR_unreachable:
                break;
            case PJ_IR_load_local:
                if (P->t[in->id] == T_UNSET)
                    return 0;
                break;
            case PJ_IR_store_local: {
                int l = (int) in->imm[0];
                if ((lt[l] == T_I64 || lt[l] == T_F64) != typed(P, a))
                    return 0;
                break;
            }
            case PJ_IR_decref: /* (a dealloc writes the unboxed locals back first) */
            case PJ_IR_xdecref:
            case PJ_IR_load_stack:
                break;
            case PJ_IR_subscr: /* an item read as a number (see the file comment) */
                if (!typed(P, in) || typed(P, a) || P->t[c->id] != T_I64)
                    return 0;
                break;
            case PJ_IR_store_subscr: /* into an exact list, at an unboxed int */
                if (shape_container(P->vs[a->id]) != PJ_HINT_LIST || P->t[c->id] != T_I64)
                    return 0;
                break;
            case PJ_IR_get_iter: /* of an exact list or tuple */
                if (!shape_container(P->vs[a->id]))
                    return 0;
                break;
            case PJ_IR_load_global: /* (a miss writes the unboxed locals back first) */
                break;
            case PJ_IR_call: /* math.sqrt(x), checked at run time */
                if (!typed(P, in) || sqrt_arg(in) == NULL || !typed(P, sqrt_arg(in)))
                    return 0;
                break;
            case PJ_IR_sop: /* unpacking an exact list or tuple */
                if (in->imm[0] != UNPACK_SEQUENCE || n != 1 || !shape_container(P->vs[a->id]))
                    return 0;
                break;
            case PJ_IR_binop:
            case PJ_IR_unop:
                if (!typed(P, in))
                    return 0;
                for (int i = 0; i < n; i++)
                    if (!typed(P, in->args[i]))
                        return 0;
                break;
            case PJ_IR_binop_store: {
                int l = (int) in->imm[1];
                int t = binop_type((int) in->imm[0], P->t[a->id], P->t[c->id]);
                if (!typed(P, a) || !typed(P, c) || (t != T_I64 && t != T_F64) || lt[l] != t)
                    return 0;
                break;
            }
            case PJ_IR_compare:
            case PJ_IR_compare_bool:
                if (!typed(P, a) || !typed(P, c) || P->t[a->id] != P->t[c->id])
                    return 0;
                break;
            case PJ_IR_truth:
                if (!typed(P, a) && !(a->op == PJ_IR_compare || a->op == PJ_IR_box_bool))
                    return 0;
                break;
            case PJ_IR_iter_next: /* a range, or a list or tuple iterator */
                if (!typed(P, in) && !shape_container(P->vs[a->id]))
                    return 0;
                break;
            case PJ_IR_is:
                if (typed(P, a) || typed(P, c))
                    return 0;
                break;
            case PJ_IR_is_null:
                if (typed(P, a) && a->op != PJ_IR_iter_next)
                    return 0;
                break;
            case PJ_IR_br:
            case PJ_IR_cbr:
                for (int e = 0; e < nedges(in); e++) {
                    const PjEdge *ed = &in->edge[e];
                    for (int i = 0; i < ed->nargs; i++) {
                        int inside = lp->in[ed->block->id];
                        if (!inside && typed(P, ed->args[i]))
                            return 0; /* a number leaving as a stack value */
                        if (inside && typed(P, ed->args[i]) != typed(P, ed->block->params[i]))
                            return 0;
                        if (inside && typed(P, ed->args[i]) &&
                            P->t[ed->args[i]->id] != P->t[ed->block->params[i]->id])
                            return 0;
                    }
                }
                break;
            case PJ_IR_param:
            default:
                return 0;
            }
        }
    }
    /* Typed values are used only inside the loop (outside they would be objects). */
    for (PjBlock *b = fn->entry; b != NULL; b = b->next) {
        if (lp->in[b->id])
            continue;
        for (PjInstr *in = b->first; in != NULL; in = in->next) {
            for (int i = 0; i < in->nargs; i++)
                if (typed(P, in->args[i]))
                    return 0;
            const PjFrameState *fss[3] = { in->fs, in->fs2, in->fsd };
            for (int k = 0; k < 3; k++)
                for (int i = 0; fss[k] != NULL && i < fss[k]->nstack; i++)
                    if (typed(P, fss[k]->stack[i]))
                        return 0;
        }
    }
    return 1;
}

/* Locals read in the loop before any write on some path from its head (backward liveness
 * over the loop's blocks); an old-value load only released (decref) is no read. */
static int
live_in_locals(Pass *P, Loop *lp, unsigned char *live)
{
    int nl = P->nl, nb = P->nb;
    unsigned char *gen = calloc((size_t) nb * (size_t) nl, 1);
    unsigned char *kill = calloc((size_t) nb * (size_t) nl, 1);
    unsigned char *lin = calloc((size_t) nb * (size_t) nl, 1);
    if (gen == NULL || kill == NULL || lin == NULL) {
        free(gen);
        free(kill);
        free(lin);
        return -1;
    }
    for (PjBlock *b = P->fn->entry; b != NULL; b = b->next) {
        if (!lp->in[b->id])
            continue;
        unsigned char *gb = gen + (size_t) b->id * nl, *kb = kill + (size_t) b->id * nl;
        for (PjInstr *in = b->first; in != NULL; in = in->next) {
            int l = local_of(in);
            if (l < 0 || l >= nl)
                continue;
            if (in->op == PJ_IR_load_local) {
                if (P->real_use[in->id] > 0 && !kb[l])
                    gb[l] = 1;
            }
            else {
                kb[l] = 1;
            }
        }
    }
    for (int changed = 1; changed;) {
        changed = 0;
        for (int id = nb - 1; id >= 0; id--) {
            if (!lp->in[id])
                continue;
            unsigned char *li = lin + (size_t) id * nl;
            for (int l = 0; l < nl; l++) {
                int out = 0;
                for (int k = 0; k < P->nsucc[id] && !out; k++) {
                    int s = P->succs[id][k];
                    if (lp->in[s])
                        out = lin[(size_t) s * nl + l];
                }
                int v = gen[(size_t) id * nl + l] || (out && !kill[(size_t) id * nl + l]);
                if (v && !li[l]) {
                    li[l] = 1;
                    changed = 1;
                }
            }
        }
    }
    memcpy(live, lin + (size_t) lp->header * nl, (size_t) nl);
    free(gen);
    free(kill);
    free(lin);
    return 0;
}

/* "Deoptimise before" state: the interpreter resumes at bytecode instruction `bc` with
 * `in`'s error state's stack and then `extra` (nextra values) on it. */
static PjFrameState *
before_at(PjFunc *fn, const PjInstr *in, int bc, PjInstr *const *extra, int nextra)
{
    const PjFrameState *fs = in->fs;
    if (fs == NULL || bc < 0)
        return NULL;
    PjInstr *const *stack = fs->stack;
    if (nextra > 0) {
        PjInstr **s = pj_arena_alloc(fn->arena, sizeof(PjInstr *) * (size_t) (fs->nstack + nextra));
        if (s == NULL)
            return NULL;
        for (int i = 0; i < fs->nstack; i++)
            s[i] = fs->stack[i];
        for (int i = 0; i < nextra; i++)
            s[fs->nstack + i] = extra[i];
        stack = s;
    }
    return pj_ir_frame_state(fn, bc, fn->bc->instrs[bc].start - 1, stack, fs->nstack + nextra);
}

/* "Deoptimise before this instruction" from its error state (the same stack: the
 * operands are still on it). */
static PjFrameState *
before(PjFunc *fn, const PjInstr *in)
{
    return before_at(fn, in, in->bc, NULL, 0);
}

/* "Deoptimise before this instruction" for an op that took its operands off the stack:
 * its error state's stack with the operands back on top. */
static PjFrameState *
before_stolen(PjFunc *fn, const PjInstr *in)
{
    return before_at(fn, in, in->bc, in->args, in->nargs);
}

/* "Deoptimise before this call": its error state's stack, then NULL, the callable and
 * the argument in the call's slots; the interpreter resumes at the PRECALL before it. */
static PjFrameState *
before_call(PjFunc *fn, const PjInstr *in)
{
    int base = (int) in->imm[1], pre = in->bc - 1;
    if (in->fs == NULL || pre < 0 || fn->bc->instrs[pre].op != PRECALL || in->fs->nstack != base)
        return NULL;
    PjInstr *slots[3];
    for (int i = 0; i < 3; i++)
        if ((slots[i] = pj_ir_slot_value(in, base + i)) == NULL)
            return NULL;
    return before_at(fn, in, pre, slots, 3);
}

static int
commit_loop(Pass *P, Loop *lp, const unsigned char *lt, const unsigned char *live)
{
    PjFunc *fn = P->fn;
    int idx = fn->nuloops;
    PjULoop *u = &fn->uloops[idx];
    memset(u, 0, sizeof *u);
    u->header = P->blk[lp->header];
    int nt = 0;
    unsigned char *used = calloc((size_t) P->nl, 1);
    if (used == NULL)
        return -1;
    for (PjBlock *b = fn->entry; b != NULL; b = b->next)
        if (lp->in[b->id])
            for (PjInstr *in = b->first; in != NULL; in = in->next) {
                int l = local_of(in);
                if (l >= 0 && l < P->nl && (lt[l] == T_I64 || lt[l] == T_F64))
                    used[l] = 1;
            }
    for (int l = 0; l < P->nl; l++)
        nt += used[l];
    u->local = pj_arena_alloc(fn->arena, sizeof(int) * (size_t) (nt + 1));
    u->type = pj_arena_alloc(fn->arena, (size_t) (nt + 1));
    u->live_in = pj_arena_alloc(fn->arena, (size_t) (nt + 1));
    if (u->local == NULL || u->type == NULL || u->live_in == NULL) {
        free(used);
        return -1;
    }
    for (int l = 0; l < P->nl; l++)
        if (used[l]) {
            u->local[u->nlocals] = l;
            u->type[u->nlocals] = lt[l];
            u->live_in[u->nlocals++] = live[l];
        }
    free(used);
    /* Deopt states first (allocation may fail: then nothing is marked). */
    for (PjBlock *b = fn->entry; b != NULL; b = b->next) {
        if (!lp->in[b->id])
            continue;
        for (PjInstr *in = b->first; in != NULL; in = in->next) {
            int needs = 0;
            switch (in->op) {
            case PJ_IR_binop:
            case PJ_IR_binop_store:
            case PJ_IR_unop:
            case PJ_IR_iter_next:
            case PJ_IR_subscr:
            case PJ_IR_store_subscr:
            case PJ_IR_get_iter:
                needs = 1;
                break;
            case PJ_IR_sop: /* it took its operand off the stack: put it back */
                if (in->fsd == NULL && (in->fsd = before_stolen(fn, in)) == NULL)
                    return -1;
                break;
            case PJ_IR_call: /* the callable and its argument back on the stack */
                if (in->fsd == NULL && (in->fsd = before_call(fn, in)) == NULL)
                    return -1;
                break;
            default:
                break;
            }
            if (needs && in->fsd == NULL && (in->fsd = before(fn, in)) == NULL)
                return -1;
        }
    }
    for (PjBlock *b = fn->entry; b != NULL; b = b->next) {
        if (!lp->in[b->id])
            continue;
        b->uloop = idx;
        for (int i = 0; i < b->nparams; i++)
            if (typed(P, b->params[i]))
                b->params[i]->ut = P->t[b->params[i]->id];
        for (PjInstr *in = b->first; in != NULL; in = in->next) {
            if (in->id >= 0 && typed(P, in))
                in->ut = P->t[in->id];
            /* which container the lowering checks */
            if ((in->op == PJ_IR_subscr && typed(P, in)) || in->op == PJ_IR_store_subscr ||
                in->op == PJ_IR_get_iter || (in->op == PJ_IR_iter_next && !typed(P, in)) ||
                in->op == PJ_IR_sop)
                in->hint = (PjHint) shape_container(P->vs[in->args[0]->id]);
        }
    }
    fn->nuloops++;
    return 0;
}

int
pj_pass_unbox(PjFunc *fn, const unsigned char *seed, int nseed, int range_ok)
{
    if (fn->bc == NULL || !fn->bc->has_loop || fn->nblocks > 4000)
        return 0;
    Pass P = { .fn = fn, .nb = fn->nblocks, .nv = fn->nvalues, .nl = fn->bc->nlocalsplus };
    P.range_ok = range_ok;
    int nb = P.nb;
    int found = 0;
    P.blk = calloc((size_t) nb + 1, sizeof(PjBlock *));
    P.preds = calloc((size_t) nb + 1, sizeof(int *));
    P.succs = calloc((size_t) nb + 1, sizeof(int *));
    P.npred = calloc((size_t) nb + 1, sizeof(int));
    P.nsucc = calloc((size_t) nb + 1, sizeof(int));
    P.real_use = calloc((size_t) P.nv + 1, sizeof(int));
    P.t = calloc((size_t) P.nv + 1, 1);
    P.g = calloc((size_t) P.nl + 1, 1);
    P.ls = calloc((size_t) P.nl + 1, 1);
    P.vs = calloc((size_t) P.nv + 1, 1);
    unsigned char *seen = calloc((size_t) nb + 1, 1);
    unsigned char *claimed = calloc((size_t) nb + 1, 1);
    unsigned char *lt = calloc((size_t) P.nl + 1, 1);
    unsigned char *live = calloc((size_t) P.nl + 1, 1);
    int *work = calloc((size_t) nb + 1, sizeof(int));
    Loop *loops = calloc((size_t) nb + 1, sizeof(Loop));
    int nloops = 0;
    if (!P.blk || !P.preds || !P.succs || !P.npred || !P.nsucc || !P.real_use || !P.t || !P.g ||
        !P.ls || !P.vs || !seen || !claimed || !lt || !live || !work || !loops || setup_cfg(&P) < 0)
        goto done;
    fn->uloops = pj_arena_alloc(fn->arena, sizeof(PjULoop) * (size_t) (nb + 1));
    if (fn->uloops == NULL)
        goto done;

    for (PjBlock *b = fn->entry; b != NULL; b = b->next) {
        for (PjInstr *in = b->first; in != NULL; in = in->next) {
            for (int i = 0; i < in->nargs; i++)
                if (!is_decref(in))
                    P.real_use[in->args[i]->id]++;
            for (int e = 0; e < nedges(in); e++)
                for (int i = 0; i < in->edge[e].nargs; i++)
                    P.real_use[in->edge[e].args[i]->id]++;
            const PjFrameState *fss[3] = { in->fs, in->fs2, in->fsd };
            for (int k = 0; k < 3; k++)
                for (int i = 0; fss[k] != NULL && i < fss[k]->nstack; i++)
                    P.real_use[fss[k]->stack[i]->id]++;
        }
    }
    guess_shapes(&P, seed, nseed);
    guess_function(&P, seed, nseed);

    /* Natural loops: a back edge b -> h where h dominates b; one loop per head. */
    for (int h = 0; h < nb; h++) {
        PjBlock *hb = P.blk[h];
        if (hb == NULL || hb->bc < 0 || !fn->bc->instrs[hb->bc].in_loop)
            continue;
        reach_avoiding(&P, h, seen, work);
        Loop *lp = NULL;
        for (int k = 0; k < P.npred[h]; k++) {
            int src = P.preds[h][k];
            if (seen[src])
                continue; /* not dominated: an entry */
            if (lp == NULL) {
                lp = &loops[nloops];
                lp->header = h;
                lp->in = calloc((size_t) nb + 1, 1);
                if (lp->in == NULL)
                    goto done;
                lp->in[h] = 1;
                lp->n = 1;
                nloops++;
            }
            /* the body: everything that reaches src without passing h */
            int top = 0;
            if (!lp->in[src]) {
                lp->in[src] = 1;
                lp->n++;
                work[top++] = src;
            }
            while (top > 0) {
                int x = work[--top];
                for (int j = 0; j < P.npred[x]; j++) {
                    int p = P.preds[x][j];
                    if (!lp->in[p]) {
                        lp->in[p] = 1;
                        lp->n++;
                        work[top++] = p;
                    }
                }
            }
        }
    }
    /* Biggest first: an outer loop that qualifies takes its inner loops along. */
    for (;;) {
        int best = -1;
        for (int i = 0; i < nloops; i++)
            if (loops[i].in != NULL && (best < 0 || loops[i].n > loops[best].n))
                best = i;
        if (best < 0)
            break;
        Loop *lp = &loops[best];
        int overlap = 0;
        for (int x = 0; x < nb && !overlap; x++)
            overlap = lp->in[x] && claimed[x];
        if (!overlap && live_in_locals(&P, lp, live) == 0 && type_loop(&P, lp, lt, live) == 0 &&
            check_loop(&P, lp, lt)) {
            int any = 0;
            for (int l = 0; l < P.nl; l++)
                any |= lt[l] == T_I64 || lt[l] == T_F64;
            if (any && commit_loop(&P, lp, lt, live) == 0) {
                for (int x = 0; x < nb; x++)
                    claimed[x] |= lp->in[x];
                found++;
            }
        }
        free(lp->in);
        lp->in = NULL;
    }
done:
    for (int i = 0; loops != NULL && i < nloops; i++)
        free(loops[i].in);
    free(P.pool);
    free(P.blk);
    free(P.preds);
    free(P.succs);
    free(P.npred);
    free(P.nsucc);
    free(P.real_use);
    free(P.t);
    free(P.g);
    free(P.ls);
    free(P.vs);
    free(seen);
    free(claimed);
    free(lt);
    free(live);
    free(work);
    free(loops);
    return found;
}
