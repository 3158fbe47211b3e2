/* The pyjit IR: construction, printing and verification (see ir.h). */
#include "ir/ir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/decode.h"
#include "ir/opcodes.h"

typedef struct OpDesc {
    const char *name;
    PjType type;
    int nargs, flags;
    const char *imms;
} OpDesc;

static const OpDesc op_desc[] = {
#define X(name_, type_, nargs_, flags_, imms_) { #name_, PJ_T_##type_, nargs_, flags_, imms_ },
    PJ_IRDEF(X)
#undef X
};
_Static_assert(PJ_ARRAY_LEN(op_desc) == PJ_IR__COUNT, "op table");

const char *
pj_ir_op_name(PjIrOp op)
{
    return op_desc[op].name;
}

int
pj_ir_op_flags(PjIrOp op)
{
    return op_desc[op].flags;
}

PjFunc *
pj_ir_func_new(PjArena *a, const PjBytecode *bc)
{
    PjFunc *fn = pj_arena_alloc(a, sizeof(PjFunc));
    if (fn == NULL)
        return NULL;
    fn->arena = a;
    fn->bc = bc;
    fn->name = bc ? bc->qualname : "?";
    return fn;
}

PjBlock *
pj_ir_block_new(PjFunc *fn, int bc, int nparams)
{
    PjBlock *b = pj_arena_alloc(fn->arena, sizeof(PjBlock));
    if (b == NULL)
        return NULL;
    b->id = fn->nblocks++;
    b->bc = bc;
    b->uloop = -1;
    b->nparams = nparams;
    if (nparams > 0) {
        b->params = pj_arena_alloc(fn->arena, sizeof(PjInstr *) * (size_t) nparams);
        if (b->params == NULL)
            return NULL;
        for (int i = 0; i < nparams; i++) {
            PjInstr *p = pj_arena_alloc(fn->arena, sizeof(PjInstr));
            if (p == NULL)
                return NULL;
            p->op = PJ_IR_param;
            p->type = PJ_T_OBJ;
            p->id = fn->nvalues++;
            p->bc = -1;
            p->block = b;
            b->params[i] = p;
        }
    }
    if (fn->last_block)
        fn->last_block->next = b;
    else
        fn->entry = b;
    fn->last_block = b;
    return b;
}

PjInstr *
pj_ir_append(PjFunc *fn, PjBlock *b, PjIrOp op, int nargs)
{
    PjInstr *in = pj_arena_alloc(fn->arena, sizeof(PjInstr));
    if (in == NULL)
        return NULL;
    in->op = op;
    in->type = op_desc[op].type;
    in->id = in->type == PJ_T_VOID ? -1 : fn->nvalues++;
    in->bc = -1;
    in->nargs = nargs;
    if (nargs > 0) {
        in->args = pj_arena_alloc(fn->arena, sizeof(PjInstr *) * (size_t) nargs);
        if (in->args == NULL)
            return NULL;
    }
    in->block = b;
    in->prev = b->last;
    if (b->last)
        b->last->next = in;
    else
        b->first = in;
    b->last = in;
    return in;
}

void
pj_ir_remove(PjInstr *in)
{
    PjBlock *b = in->block;
    if (in->prev)
        in->prev->next = in->next;
    else
        b->first = in->next;
    if (in->next)
        in->next->prev = in->prev;
    else
        b->last = in->prev;
    in->prev = in->next = NULL;
}

PjFrameState *
pj_ir_frame_state(PjFunc *fn, int bc, int prev_unit, PjInstr *const *stack, int nstack)
{
    PjFrameState *fs = pj_arena_alloc(fn->arena, sizeof(PjFrameState));
    if (fs == NULL)
        return NULL;
    fs->bc = bc;
    fs->prev_unit = prev_unit;
    fs->nstack = nstack;
    if (nstack > 0) {
        fs->stack = pj_arena_alloc(fn->arena, sizeof(PjInstr *) * (size_t) nstack);
        if (fs->stack == NULL)
            return NULL;
        memcpy(fs->stack, stack, sizeof(PjInstr *) * (size_t) nstack);
    }
    return fs;
}

/* ---- Printer ------------------------------------------------------------------------ */

static const char *const binop_sym[] = {
    "+",  "&",  "//",  "<<",  "@",  "*",  "%",  "|",  "**",  ">>",  "-",  "/",  "^",
    "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
};
static const char *const unop_sym[] = { "-", "+", "~" };
static const char *const cmp_sym[] = { "<", "<=", "==", "!=", ">", ">=" };
static const char *const kt_name[] = { "", "smallint", "float", "bool", "none" };
static const char *const hint_name[] = { "",      "int",   "float",      "str",   "generic",
                                         "list",  "tuple", "dict",       "range", "values",
                                         "slot",  "len",   "isinstance", "sqrt",  "pyfunc",
                                         "cfunc", "append" };

static void
print_value(PjStr *s, const PjInstr *v)
{
    if (v == NULL)
        pj_str_puts(s, "<undef>");
    else
        pj_str_printf(s, "%%%d", v->id);
}

static void
print_fs(PjStr *s, const PjFunc *fn, const char *kind, const PjFrameState *fs)
{
    const PjBytecode *bc = fn->bc;
    const char *where = "at";
    int off = 2 * fs->prev_unit;
    if (bc != NULL && fs->bc >= 0 && fs->bc < bc->ninstrs) {
        const PjBcInstr *in = &bc->instrs[fs->bc];
        off = 2 * in->idx;
        int is_err = kind[0] == 'e';
        if (is_err && fs->prev_unit == in->idx)
            where = "at";
        else if (fs->prev_unit == in->start - 1)
            where = "before";
        else if (fs->prev_unit == in->next - 1)
            where = "after";
        else
            where = "unit";
    }
    pj_str_printf(s, " !%s%s(%s %d", kind, fs->notb ? "-reraise" : "", where, off);
    for (int i = 0; i < fs->nstack; i++) {
        pj_str_puts(s, i ? ", " : ": ");
        print_value(s, fs->stack[i]);
    }
    if (fs->handler != NULL)
        pj_str_printf(s, " -> bb%d", fs->handler->id);
    else if (fs->interp_handler)
        pj_str_puts(s, " -> interpreter");
    pj_str_puts(s, ")");
}

static void
print_edge(PjStr *s, const PjEdge *e)
{
    pj_str_printf(s, "bb%d(", e->block ? e->block->id : -1);
    for (int i = 0; i < e->nargs; i++) {
        if (i)
            pj_str_puts(s, ", ");
        print_value(s, e->args[i]);
    }
    pj_str_puts(s, ")");
}

static void
print_imm(PjStr *s, const PjFunc *fn, char kind, int64_t v)
{
    const PjBytecode *bc = fn->bc;
    switch (kind) {
    case 'k':
        if (v < 0)
            break;
        pj_str_printf(s, " %lld", (long long) v);
        if (bc && v >= 0 && v < bc->nconsts)
            pj_str_printf(s, " (%s)", bc->consts[v]);
        break;
    case 'l':
        pj_str_printf(s, " %lld", (long long) v);
        if (bc && v >= 0 && v < bc->nlocalsplus)
            pj_str_printf(s, " (%s)", bc->localnames[v]);
        break;
    case 'n':
        pj_str_printf(s, " %lld", (long long) v);
        if (bc && v >= 0 && v < bc->nnames)
            pj_str_printf(s, " (%s)", bc->names[v]);
        break;
    case 'b':
        pj_str_printf(s, " %s", v >= 0 && v < PJ_NB_COUNT ? binop_sym[v] : "?");
        break;
    case 'u':
        pj_str_printf(s, " %s", v >= 0 && v < 3 ? unop_sym[v] : "?");
        break;
    case 'o':
        pj_str_printf(s, " %s", v >= 0 && v < 6 ? cmp_sym[v] : "?");
        break;
    case 's':
        pj_str_printf(s, " slot%lld", (long long) v);
        break;
    case 'c':
        pj_str_printf(s, " cache%lld", (long long) v);
        break;
    case 'p':
        pj_str_printf(s, " %s", pj_op_name((int) v) ? pj_op_name((int) v) : "?");
        break;
    case 'd':
        pj_str_printf(s, " depth%lld", (long long) v);
        break;
    case 'U': /* a code unit, shown as the byte offset of dumps */
        pj_str_printf(s, " at %lld", 2 * (long long) v);
        break;
    default:
        pj_str_printf(s, " %lld", (long long) v);
        break;
    }
}

static void
print_instr(PjStr *s, const PjFunc *fn, const PjInstr *in)
{
    pj_str_puts(s, "    ");
    if (in->type != PJ_T_VOID)
        pj_str_printf(s, "%%%d = ", in->id);
    pj_str_puts(s, op_desc[in->op].name);
    const char *imms = op_desc[in->op].imms;
    for (int i = 0; imms[i] && i < 3; i++)
        print_imm(s, fn, imms[i], in->imm[i]);
    for (int i = 0; i < in->nargs; i++) {
        pj_str_puts(s, i ? ", " : " ");
        print_value(s, in->args[i]);
    }
    if (in->op == PJ_IR_br) {
        pj_str_puts(s, " ");
        print_edge(s, &in->edge[0]);
    }
    else if (in->op == PJ_IR_cbr) {
        pj_str_puts(s, ", ");
        print_edge(s, &in->edge[0]);
        pj_str_puts(s, ", ");
        print_edge(s, &in->edge[1]);
    }
    if (in->kt != PJ_KT_ANY)
        pj_str_printf(s, " :%s", kt_name[in->kt]);
    if (in->hint != PJ_HINT_NONE)
        pj_str_printf(s, " ?%s", hint_name[in->hint]);
    if (in->ut != PJ_UT_OBJ)
        pj_str_puts(s, in->ut == PJ_UT_I64 ? " !i64" : " !f64");
    if (in->fs)
        print_fs(s, fn, "err", in->fs);
    if (in->fs2)
        print_fs(s, fn, "err2", in->fs2);
    if (in->fsd)
        print_fs(s, fn, "deopt", in->fsd);
    pj_str_puts(s, "\n");
}

char *
pj_ir_print(const PjFunc *fn)
{
    PjStr s = { 0 };
    pj_str_printf(&s, "func %s\n", fn->name);
    for (const PjBlock *b = fn->entry; b != NULL; b = b->next) {
        pj_str_printf(&s, "bb%d", b->id);
        if (b->nparams > 0) {
            pj_str_puts(&s, "(");
            for (int i = 0; i < b->nparams; i++) {
                if (i)
                    pj_str_puts(&s, ", ");
                print_value(&s, b->params[i]);
            }
            pj_str_puts(&s, ")");
        }
        pj_str_puts(&s, ":");
        if (b->bc >= 0 && fn->bc != NULL)
            pj_str_printf(&s, "  ; offset %d", 2 * fn->bc->instrs[b->bc].idx);
        if (b->uloop >= 0)
            pj_str_printf(&s, "  ; unboxed loop %d", b->uloop);
        pj_str_puts(&s, "\n");
        const PjULoop *u = b->uloop >= 0 ? &fn->uloops[b->uloop] : NULL;
        if (u != NULL && u->header == b) {
            pj_str_puts(&s, "    ; unboxed locals:");
            for (int i = 0; i < u->nlocals; i++)
                pj_str_printf(&s, " %s%s:%s", u->live_in[i] ? "^" : "",
                              fn->bc ? fn->bc->localnames[u->local[i]] : "?",
                              u->type[i] == PJ_UT_I64 ? "i64" : "f64");
            pj_str_puts(&s, "\n");
        }
        for (const PjInstr *in = b->first; in != NULL; in = in->next)
            print_instr(&s, fn, in);
    }
    return pj_str_take(&s);
}

/* ---- Verifier ------------------------------------------------------------------------- */

static int
verr(char *buf, unsigned size, const char *msg, const PjBlock *b, const PjInstr *in)
{
    snprintf(buf, size, "bb%d: %s%s%s", b->id, in ? pj_ir_op_name(in->op) : "", in ? ": " : "",
             msg);
    return -1;
}

static int
check_edge(const PjEdge *e, const PjBlock *b, const PjInstr *in, char *buf, unsigned size)
{
    if (e->block == NULL)
        return verr(buf, size, "edge without target", b, in);
    if (e->nargs != e->block->nparams)
        return verr(buf, size, "edge argument count differs from target parameters", b, in);
    for (int i = 0; i < e->nargs; i++)
        if (e->args[i] == NULL)
            return verr(buf, size, "undefined edge argument", b, in);
    return 0;
}

/* The shadow-stack invariant the lowering relies on: at every frame state, slot i of the
 * frame's value stack holds fs->stack[i] (stored by store_stack, written by load_method,
 * or a block parameter).  Blocks the builder added (bc < 0) continue their single
 * predecessor's slots.  Returns 0 or -1 with a message. */
static int
verify_shadow(const PjFunc *fn, char *buf, unsigned size)
{
    int nslots = fn->bc ? fn->bc->stacksize + 2 : 64;
    PjInstr **end_state = calloc((size_t) fn->nblocks * (size_t) nslots, sizeof(PjInstr *));
    PjInstr **slots = calloc((size_t) nslots, sizeof(PjInstr *));
    int rc = 0;
    if (end_state == NULL || slots == NULL) {
        free(end_state);
        free(slots);
        return 0; /* no memory for the check: skip it */
    }
    for (const PjBlock *b = fn->entry; b != NULL && rc == 0; b = b->next) {
        memset(slots, 0, sizeof(PjInstr *) * (size_t) nslots);
        if (b->bc < 0) { /* continue the predecessor's state */
            for (const PjBlock *p = fn->entry; p != NULL; p = p->next) {
                const PjInstr *t = p->last;
                if (t != NULL &&
                    ((t->op == PJ_IR_br && t->edge[0].block == b) ||
                     (t->op == PJ_IR_cbr && (t->edge[0].block == b || t->edge[1].block == b)))) {
                    memcpy(slots, &end_state[(size_t) p->id * (size_t) nslots],
                           sizeof(PjInstr *) * (size_t) nslots);
                    break;
                }
            }
        }
        for (int i = 0; i < b->nparams && i < nslots; i++)
            slots[i] = b->params[i];
        for (const PjInstr *in = b->first; in != NULL && rc == 0; in = in->next) {
            const PjFrameState *fss[3] = { in->fs, in->fs2, in->fsd };
            for (int k = 0; k < 3 && rc == 0; k++) {
                if (fss[k] == NULL)
                    continue;
                for (int i = 0; i < fss[k]->nstack; i++) {
                    if (i >= nslots || slots[i] != fss[k]->stack[i]) {
                        rc = verr(buf, size, "frame state differs from the frame's value stack", b,
                                  in);
                        break;
                    }
                }
            }
            if (in->op == PJ_IR_store_stack && in->imm[0] >= 0 && in->imm[0] < nslots)
                slots[in->imm[0]] = in->args[0];
            else if (in->op == PJ_IR_load_stack && in->imm[0] >= 0 && in->imm[0] < nslots)
                slots[in->imm[0]] = (PjInstr *) in;
            if ((in->op == PJ_IR_br || in->op == PJ_IR_cbr) && rc == 0) {
                for (int e = 0; e < (in->op == PJ_IR_cbr ? 2 : 1); e++)
                    for (int i = 0; i < in->edge[e].nargs && i < nslots; i++)
                        if (in->edge[e].args[i] != slots[i])
                            rc =
                                verr(buf, size,
                                     "branch argument differs from the frame's value stack", b, in);
            }
        }
        memcpy(&end_state[(size_t) b->id * (size_t) nslots], slots,
               sizeof(PjInstr *) * (size_t) nslots);
    }
    free(end_state);
    free(slots);
    return rc;
}

int
pj_ir_verify(const PjFunc *fn, char *buf, unsigned size)
{
    if (verify_shadow(fn, buf, size) < 0)
        return -1;
    for (const PjBlock *b = fn->entry; b != NULL; b = b->next) {
        if (b->last == NULL || !pj_ir_is_term(b->last))
            return verr(buf, size, "block does not end in a terminator", b, NULL);
        for (const PjInstr *in = b->first; in != NULL; in = in->next) {
            if (pj_ir_is_term(in) && in != b->last)
                return verr(buf, size, "terminator in the middle of a block", b, in);
            int want = op_desc[in->op].nargs;
            if (want >= 0 && in->nargs != want)
                return verr(buf, size, "wrong operand count", b, in);
            for (int i = 0; i < in->nargs; i++)
                if (in->args[i] == NULL)
                    return verr(buf, size, "undefined operand", b, in);
            const PjFrameState *efs[2] = { in->fs, in->fs2 };
            for (int k = 0; k < 2; k++)
                if (efs[k] != NULL && efs[k]->handler != NULL &&
                    efs[k]->handler->nparams != efs[k]->hdepth + efs[k]->hlasti + 1)
                    return verr(buf, size, "handler depth differs from its block", b, in);
            int fl = op_desc[in->op].flags;
            if ((fl & PJ_IRF_RAISE) && in->fs == NULL)
                return verr(buf, size, "raising op without error frame state", b, in);
            if ((fl & PJ_IRF_DEOPT) && in->fsd == NULL)
                return verr(buf, size, "deoptimising op without frame state", b, in);
            if (in->op == PJ_IR_br && check_edge(&in->edge[0], b, in, buf, size) < 0)
                return -1;
            if (in->op == PJ_IR_cbr && (check_edge(&in->edge[0], b, in, buf, size) < 0 ||
                                        check_edge(&in->edge[1], b, in, buf, size) < 0))
                return -1;
        }
    }
    return 0;
}

PjInstr *
pj_ir_slot_value(const PjInstr *in, int slot)
{
    for (const PjInstr *p = in->prev; p != NULL; p = p->prev)
        if (p->op == PJ_IR_store_stack && p->imm[0] == slot)
            return p->args[0];
    return NULL;
}
