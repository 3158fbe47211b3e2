/* Decoder (code object -> PjBytecode) -- see decode.h for the contract.
 *
 * Opcodes and arguments come from co_code (PyCode_GetCode: specialised opcodes mapped
 * back to base ones, caches zeroed); the opcode byte of the live adaptive code is kept
 * beside each instruction as free type feedback.  Jumps in 3.11 are all relative, in
 * code units, counted from the unit after the instruction's caches.
 */
#include "cpython.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/decode.h"
#include "ir/opcodes.h"

enum { PJ_MAX_CODE_UNITS = 1 << 20 };

static void
fail(PjAbort *why, PjAbortKind kind)
{
    why->kind = kind;
    why->detail = 0;
}

static const char *
utf8_or(PjArena *a, PyObject *s, const char *dflt)
{
    if (s != NULL && PyUnicode_Check(s)) {
        const char *u = PyUnicode_AsUTF8(s);
        if (u != NULL)
            return pj_arena_strdup(a, u);
        PyErr_Clear();
    }
    return dflt;
}

/* A short repr of a constant that never contains an address.  Constants are str, bytes,
 * numbers, None, Ellipsis, tuples/frozensets of those, and code objects; their reprs run
 * no user code. */
static const char *
const_repr(PjArena *a, PyObject *v)
{
    if (PyCode_Check(v)) {
        PjStr s = { 0 };
        pj_str_printf(&s, "<code %s>", PyUnicode_AsUTF8(((PyCodeObject *) v)->co_qualname));
        char *t = pj_str_take(&s);
        const char *r = t ? pj_arena_strdup(a, t) : "<code>";
        free(t);
        return r;
    }
    PyObject *r = PyObject_Repr(v);
    if (r == NULL) {
        PyErr_Clear();
        return "<const>";
    }
    const char *u = PyUnicode_AsUTF8(r);
    const char *out;
    if (u == NULL) {
        PyErr_Clear();
        out = "<const>";
    }
    else if (strlen(u) > 60) {
        char buf[64];
        memcpy(buf, u, 56);
        strcpy(buf + 56, "...");
        out = pj_arena_strdup(a, buf);
    }
    else {
        out = pj_arena_strdup(a, u);
    }
    Py_DECREF(r);
    return out;
}

/* 3.11 exception-table varint: 6-bit groups, big-endian, 0x40 = more follows. */
static int
read_varint(const unsigned char *p, Py_ssize_t n, Py_ssize_t *pos, int *out)
{
    if (*pos >= n)
        return -1;
    unsigned v = p[*pos] & 63;
    while (p[*pos] & 64) {
        (*pos)++;
        if (*pos >= n || v > (UINT_MAX >> 7))
            return -1;
        v = (v << 6) | (p[*pos] & 63);
    }
    (*pos)++;
    if (v > INT_MAX)
        return -1;
    *out = (int) v;
    return 0;
}

static int
parse_exception_table(PyCodeObject *co, PjBytecode *bc, PjArena *a)
{
    const unsigned char *p = (const unsigned char *) PyBytes_AS_STRING(co->co_exceptiontable);
    Py_ssize_t n = PyBytes_GET_SIZE(co->co_exceptiontable), pos = 0;
    int count = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        count += (p[i] & 0x80) != 0;
    bc->exc = pj_arena_alloc(a, sizeof(PjExcEntry) * (size_t) (count ? count : 1));
    if (bc->exc == NULL)
        return -1;
    while (pos < n) {
        int start, len, target, dl;
        if (!(p[pos] & 0x80) || read_varint(p, n, &pos, &start) < 0 ||
            read_varint(p, n, &pos, &len) < 0 || read_varint(p, n, &pos, &target) < 0 ||
            read_varint(p, n, &pos, &dl) < 0)
            return -2;
        if (start + len > bc->nunits || target >= bc->nunits || bc->nexc >= count)
            return -2;
        int ti = bc->unit_to_instr[target];
        if (ti < 0 || bc->instrs[ti].start != target)
            return -2;
        PjExcEntry *e = &bc->exc[bc->nexc++];
        e->start = start;
        e->end = start + len;
        e->target = ti;
        e->depth = dl >> 1;
        e->lasti = dl & 1;
        bc->instrs[ti].is_handler = 1;
        bc->instrs[ti].block_start = 1;
    }
    return 0;
}

/* Forward dataflow of stack depths from the entry and every handler. */
static int
compute_depths(PjBytecode *bc, PjArena *a, PjAbort *why)
{
    int *work = pj_arena_alloc(a, sizeof(int) * (size_t) (bc->ninstrs + bc->nexc + 1));
    if (work == NULL) {
        fail(why, PJ_ABORT_NO_MEMORY);
        return -1;
    }
    int nwork = 0;
    for (int i = 0; i < bc->ninstrs; i++)
        bc->instrs[i].depth = -1;

#define PUSH_DEPTH(instr, d)                                                                       \
    do {                                                                                           \
        int i_ = (instr), d_ = (d);                                                                \
        if (i_ < 0 || i_ >= bc->ninstrs || d_ < 0 || d_ > bc->stacksize) {                         \
            fail(why, PJ_ABORT_STACK_DEPTH);                                                       \
            return -1;                                                                             \
        }                                                                                          \
        if (bc->instrs[i_].depth < 0) {                                                            \
            bc->instrs[i_].depth = d_;                                                             \
            work[nwork++] = i_;                                                                    \
        }                                                                                          \
        else if (bc->instrs[i_].depth != d_) {                                                     \
            fail(why, PJ_ABORT_STACK_DEPTH);                                                       \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)

    if (bc->ninstrs > 0)
        PUSH_DEPTH(0, 0);
    for (int e = 0; e < bc->nexc; e++)
        PUSH_DEPTH(bc->exc[e].target, bc->exc[e].depth + bc->exc[e].lasti + 1);
    while (nwork > 0) {
        int i = work[--nwork];
        PjBcInstr *in = &bc->instrs[i];
        int flags = pj_op_flags(in->op);
        if (in->target >= 0) {
            int eff = pj_op_runtime_effect(in->op, in->oparg, 1);
            if (eff == PJ_INVALID_EFFECT) {
                fail(why, PJ_ABORT_BAD_BYTECODE);
                return -1;
            }
            PUSH_DEPTH(in->target, in->depth + eff);
        }
        if (!(flags & PJ_F_TERM) && in->op != RAISE_VARARGS && in->op != RERAISE) {
            int eff = pj_op_runtime_effect(in->op, in->oparg, 0);
            if (eff == PJ_INVALID_EFFECT) {
                fail(why, PJ_ABORT_BAD_BYTECODE);
                return -1;
            }
            if (i + 1 >= bc->ninstrs) {
                fail(why, PJ_ABORT_BAD_BYTECODE);
                return -1;
            }
            PUSH_DEPTH(i + 1, in->depth + eff);
        }
    }
#undef PUSH_DEPTH
    return 0;
}

/* pj_decode_osr_head and pj_decode_is_osr_head for every instruction, in two passes (they
 * were a scan of the code per question, which made an OSR compile quadratic in the
 * function's size).  A JUMP_BACKWARD's head qualifies when it has the jump's stack depth
 * and no backward jump after this one goes to before it: inside another loop the head
 * would be a second way into that loop, which then could not run unboxed.  A head is an
 * entry when the first JUMP_BACKWARD closing it qualifies.  0, or -1 out of memory. */
static int
mark_osr_heads(PjBytecode *bc, PjArena *a)
{
    int minback = INT_MAX; /* smallest target of a backward jump after instruction j */
    for (int j = bc->ninstrs - 1; j >= 0; j--) {
        PjBcInstr *in = &bc->instrs[j];
        int h = in->target;
        in->osr_head = -1;
        if (in->op == JUMP_BACKWARD && h >= 0 && h <= j && bc->instrs[h].depth >= 0 &&
            bc->instrs[h].depth == in->depth && minback >= h)
            in->osr_head = h;
        if (h >= 0 && h < j && h < minback)
            minback = h;
    }
    unsigned char *seen = pj_arena_alloc(a, (size_t) bc->ninstrs + 1);
    if (seen == NULL)
        return -1;
    memset(seen, 0, (size_t) bc->ninstrs + 1);
    for (int j = 0; j < bc->ninstrs; j++) {
        const PjBcInstr *in = &bc->instrs[j];
        if (in->op == JUMP_BACKWARD && in->target >= 0 && in->target <= j && !seen[in->target]) {
            seen[in->target] = 1;
            bc->instrs[in->target].is_osr_head = in->osr_head == in->target;
        }
    }
    return 0;
}

void
pj_decode_apply_feedback(PjBytecode *bc, const unsigned int *fb, int n)
{
    for (int k = 0; k < n; k++) {
        unsigned int unit = fb[3 * k], op = fb[3 * k + 1], moved = fb[3 * k + 2];
        if (unit >= (unsigned) bc->nunits || op > 255 || bc->unit_to_instr[unit] < 0)
            continue;
        PjBcInstr *in = &bc->instrs[bc->unit_to_instr[unit]];
        if (in->idx != (int) unit || (int) op == in->op || pj_op_base((int) op) != in->op ||
            pj_op_is_base((int) op))
            continue;
        /* Live feedback wins: the instruction ran here already (specialised, or an
         * adaptive form whose counter moved). */
        const char *live = pj_op_name(in->live_op);
        int adaptive = live != NULL && strstr(live, "_ADAPTIVE") != NULL;
        if (in->live_op != in->op && !(adaptive && in->live_cache == 0))
            continue;
        in->live_op = (unsigned char) op;
        in->live_cache = moved ? 1 : 0;
    }
}

PjBytecode *
pj_decode_code(PyObject *code, PjArena *a, PjAbort *why)
{
    why->kind = PJ_ABORT_NONE;
    why->detail = 0;
    if (!PyCode_Check(code)) {
        fail(why, PJ_ABORT_BAD_BYTECODE);
        return NULL;
    }
    PyCodeObject *co = (PyCodeObject *) code;
    PyObject *bytes = PyCode_GetCode(co); /* new reference */
    if (bytes == NULL) {
        PyErr_Clear();
        fail(why, PJ_ABORT_NO_MEMORY);
        return NULL;
    }
    PjBytecode *bc = pj_arena_alloc(a, sizeof(PjBytecode));
    const unsigned char *raw = (const unsigned char *) PyBytes_AS_STRING(bytes);
    Py_ssize_t nbytes = PyBytes_GET_SIZE(bytes);
    const _Py_CODEUNIT *live = _PyCode_CODE(co);
    if (bc == NULL)
        goto nomem;
    if (nbytes % 2 != 0 || nbytes / 2 > PJ_MAX_CODE_UNITS || nbytes / 2 != Py_SIZE(co)) {
        fail(why, nbytes / 2 > PJ_MAX_CODE_UNITS ? PJ_ABORT_TOO_LARGE : PJ_ABORT_BAD_BYTECODE);
        goto error;
    }
    bc->nunits = (int) (nbytes / 2);
    bc->unit_to_instr = pj_arena_alloc(a, sizeof(int) * (size_t) (bc->nunits + 1));
    bc->instrs = pj_arena_alloc(a, sizeof(PjBcInstr) * (size_t) (bc->nunits + 1));
    if (bc->unit_to_instr == NULL || bc->instrs == NULL)
        goto nomem;

    /* Pass 1: instructions.  Their lines come from one forward walk over the line table
     * (PyCode_Addr2Line walks it from the start each time: quadratic, a second and more
     * for a function of a few thousand lines).  `lines` starts where CPython's
     * _PyCode_InitAddressRange puts it (not exported): before the first range. */
    PyCodeAddressRange lines = { .ar_start = -1, .ar_end = 0, .ar_line = -1 };
    lines.opaque.lo_next = (const uint8_t *) PyBytes_AS_STRING(co->co_linetable);
    lines.opaque.limit = lines.opaque.lo_next + PyBytes_GET_SIZE(co->co_linetable);
    lines.opaque.computed_line = co->co_firstlineno;
    int oparg_ext = 0, start = -1;
    for (int u = 0; u < bc->nunits;) {
        int op = raw[2 * u], arg = raw[2 * u + 1];
        if (!pj_op_is_base(op) || op == CACHE) {
            fail(why, PJ_ABORT_BAD_BYTECODE);
            goto error;
        }
        if (start < 0)
            start = u;
        bc->unit_to_instr[u] = bc->ninstrs;
        if (op == EXTENDED_ARG) {
            oparg_ext = (oparg_ext << 8) | arg;
            u++;
            continue;
        }
        PjBcInstr *in = &bc->instrs[bc->ninstrs++];
        in->idx = u;
        in->start = start;
        in->op = (unsigned char) op;
        in->live_op = (unsigned char) _Py_OPCODE(live[u]);
        in->oparg = (oparg_ext << 8) | arg;
        in->next = u + 1 + pj_op_caches(op);
        if (pj_op_caches(op) > 0 && in->next <= bc->nunits)
            in->live_cache = (unsigned short) live[u + 1];
        in->target = -1;
        in->line = _PyCode_CheckLineNumber(2 * u, &lines); /* = PyCode_Addr2Line */
        if (in->next > bc->nunits) {
            fail(why, PJ_ABORT_BAD_BYTECODE);
            goto error;
        }
        for (int c = u + 1; c < in->next; c++)
            bc->unit_to_instr[c] = -1;
        oparg_ext = 0;
        start = -1;
        u = in->next;
    }
    if (start >= 0) { /* trailing EXTENDED_ARG */
        fail(why, PJ_ABORT_BAD_BYTECODE);
        goto error;
    }

    /* Pass 2: jump targets and block starts. */
    if (bc->ninstrs > 0)
        bc->instrs[0].block_start = 1;
    for (int i = 0; i < bc->ninstrs; i++) {
        PjBcInstr *in = &bc->instrs[i];
        int dir = pj_op_jump(in->op);
        if (in->op == RESUME && bc->first_traceable == 0)
            bc->first_traceable = in->idx;
        if (dir != 0) {
            int tu = dir > 0 ? in->next + in->oparg : in->next - in->oparg;
            if (tu < 0 || tu >= bc->nunits || bc->unit_to_instr[tu] < 0) {
                fail(why, PJ_ABORT_BAD_BYTECODE);
                goto error;
            }
            int t = bc->unit_to_instr[tu];
            in->target = t;
            bc->instrs[t].block_start = 1;
            if (dir < 0)
                bc->has_loop = 1;
        }
        /* A generator resumes after RETURN_GENERATOR and after each YIELD_VALUE. */
        if ((dir != 0 || (pj_op_flags(in->op) & PJ_F_TERM) || in->op == YIELD_VALUE ||
             in->op == RETURN_GENERATOR) &&
            i + 1 < bc->ninstrs)
            bc->instrs[i + 1].block_start = 1;
    }
    /* Loop bodies: what lies between a backward jump and its target (3.11's compiler lays
     * loops out contiguously; exception handlers go after the body). */
    for (int i = 0; i < bc->ninstrs; i++) {
        const PjBcInstr *in = &bc->instrs[i];
        if (pj_op_jump(in->op) < 0)
            for (int k = in->target; k <= i; k++)
                bc->instrs[k].in_loop = 1;
    }

    /* Names for dumps and the builder. */
    bc->nlocalsplus = co->co_nlocalsplus;
    bc->nlocals = co->co_nlocals;
    bc->stacksize = co->co_stacksize;
    bc->argcount = co->co_argcount;
    bc->nargs_total = co->co_argcount + co->co_kwonlyargcount + ((co->co_flags & CO_VARARGS) != 0) +
                      ((co->co_flags & CO_VARKEYWORDS) != 0);
    bc->flags = co->co_flags;
    bc->is_generator = (co->co_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) != 0;
    bc->firstlineno = co->co_firstlineno;
    bc->name = utf8_or(a, co->co_name, "?");
    bc->qualname = utf8_or(a, co->co_qualname, bc->name);
    bc->filename = utf8_or(a, co->co_filename, "?");
    bc->localnames = pj_arena_alloc(a, sizeof(char *) * (size_t) (bc->nlocalsplus + 1));
    bc->nnames = (int) PyTuple_GET_SIZE(co->co_names);
    bc->names = pj_arena_alloc(a, sizeof(char *) * (size_t) (bc->nnames + 1));
    bc->nconsts = (int) PyTuple_GET_SIZE(co->co_consts);
    bc->consts = pj_arena_alloc(a, sizeof(char *) * (size_t) (bc->nconsts + 1));
    bc->const_kinds = pj_arena_alloc(a, (size_t) (bc->nconsts + 1));
    bc->const_num = pj_arena_alloc(a, (size_t) (bc->nconsts + 1));
    bc->const_i64 = pj_arena_alloc(a, sizeof(long long) * (size_t) (bc->nconsts + 1));
    bc->const_f64 = pj_arena_alloc(a, sizeof(double) * (size_t) (bc->nconsts + 1));
    bc->const_char = pj_arena_alloc(a, (size_t) (bc->nconsts + 1));
    if (bc->localnames == NULL || bc->names == NULL || bc->consts == NULL ||
        bc->const_kinds == NULL || bc->const_num == NULL || bc->const_i64 == NULL ||
        bc->const_f64 == NULL || bc->const_char == NULL)
        goto nomem;
    for (int i = 0; i < bc->nlocalsplus; i++)
        bc->localnames[i] = utf8_or(a, PyTuple_GET_ITEM(co->co_localsplusnames, i), "?");
    for (int i = 0; i < bc->nnames; i++)
        bc->names[i] = utf8_or(a, PyTuple_GET_ITEM(co->co_names, i), "?");
    for (int i = 0; i < bc->nconsts; i++) {
        PyObject *k = PyTuple_GET_ITEM(co->co_consts, i);
        bc->consts[i] = const_repr(a, k);
        bc->const_char[i] = PyUnicode_CheckExact(k) && PyUnicode_IS_READY(k) &&
                            PyUnicode_IS_COMPACT_ASCII(k) && PyUnicode_GET_LENGTH(k) == 1;
        if (PyLong_CheckExact(k) && (size_t) (Py_SIZE(k) + 1) < 3)
            bc->const_kinds[i] = PJ_CONST_SMALLINT;
        else if (PyFloat_CheckExact(k))
            bc->const_kinds[i] = PJ_CONST_FLOAT;
        else if (PyBool_Check(k))
            bc->const_kinds[i] = PJ_CONST_BOOL;
        else if (k == Py_None)
            bc->const_kinds[i] = PJ_CONST_NONE;
        if (PyLong_CheckExact(k)) {
            int overflow = 0;
            long long v = PyLong_AsLongLongAndOverflow(k, &overflow);
            if (!overflow) { /* (an exact int: no error is possible) */
                bc->const_num[i] = 1;
                bc->const_i64[i] = v;
            }
        }
        else if (PyFloat_CheckExact(k)) {
            bc->const_num[i] = 2;
            bc->const_f64[i] = PyFloat_AS_DOUBLE(k);
        }
    }

    int r = parse_exception_table(co, bc, a);
    if (r < 0) {
        fail(why, r == -1 ? PJ_ABORT_NO_MEMORY : PJ_ABORT_EXCEPTION_TABLE);
        goto error;
    }
    if (compute_depths(bc, a, why) < 0)
        goto error;
    if (mark_osr_heads(bc, a) < 0)
        goto nomem;
    Py_DECREF(bytes);
    return bc;

nomem:
    fail(why, PJ_ABORT_NO_MEMORY);
error:
    Py_DECREF(bytes);
    return NULL;
}

int
pj_decode_handler_at(const PjBytecode *bc, int unit)
{
    for (int e = 0; e < bc->nexc; e++)
        if (bc->exc[e].start <= unit && unit < bc->exc[e].end)
            return e;
    return -1;
}

int
pj_decode_instr_at(const PjBytecode *bc, int unit)
{
    if (unit < 0 || unit >= bc->nunits)
        return -1;
    return bc->unit_to_instr[unit];
}

/* ---- Dump ------------------------------------------------------------------------------- */

int
pj_decode_osr_head(const PjBytecode *bc, int jump)
{
    return jump >= 0 && jump < bc->ninstrs ? bc->instrs[jump].osr_head : -1;
}

int
pj_decode_is_osr_head(const PjBytecode *bc, int i)
{
    return i >= 0 && i < bc->ninstrs && bc->instrs[i].is_osr_head;
}

void
pj_decode_resolve_names(PjBytecode *bc, PyObject *code, PyObject *globals, PyObject *builtins,
                        PjArena *a)
{
    PyCodeObject *co = (PyCodeObject *) code;
    if (globals == NULL || !PyDict_Check(globals) || bc->nnames == 0)
        return;
    bc->name_kinds = pj_arena_alloc(a, (size_t) bc->nnames);
    if (bc->name_kinds == NULL)
        return;
    for (int i = 0; i < bc->nnames; i++) {
        PyObject *name = PyTuple_GET_ITEM(co->co_names, i);
        PyObject *v = PyDict_GetItemWithError(globals, name); /* borrowed */
        if (v == NULL && !PyErr_Occurred() && builtins != NULL && PyDict_Check(builtins))
            v = PyDict_GetItemWithError(builtins, name);
        PyErr_Clear();
        bc->name_kinds[i] = v == NULL             ? PJ_NAME_UNKNOWN
                            : PyFunction_Check(v) ? PJ_NAME_PYFUNC
                                                  : PJ_NAME_OTHER;
    }
}

static const char *const cmp_names[] = { "<", "<=", "==", "!=", ">", ">=" };
static const char *const binop_names[] = {
    "+",  "&",  "//",  "<<",  "@",  "*",  "%",  "|",  "**",  ">>",  "-",  "/",  "^",
    "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
};

static void
dump_arg(PjStr *s, const PjBytecode *bc, const PjBcInstr *in)
{
    int a = in->oparg;
    switch (in->op) {
    case LOAD_CONST:
        if (a < bc->nconsts)
            pj_str_printf(s, " (%s)", bc->consts[a]);
        break;
    case LOAD_FAST:
    case STORE_FAST:
    case DELETE_FAST:
    case LOAD_CLOSURE:
    case LOAD_DEREF:
    case STORE_DEREF:
    case DELETE_DEREF:
    case LOAD_CLASSDEREF:
    case MAKE_CELL:
        if (a < bc->nlocalsplus)
            pj_str_printf(s, " (%s)", bc->localnames[a]);
        break;
    case LOAD_GLOBAL:
        if ((a >> 1) < bc->nnames)
            pj_str_printf(s, " (%s%s)", (a & 1) ? "NULL + " : "", bc->names[a >> 1]);
        break;
    case LOAD_NAME:
    case STORE_NAME:
    case DELETE_NAME:
    case STORE_GLOBAL:
    case DELETE_GLOBAL:
    case LOAD_ATTR:
    case STORE_ATTR:
    case DELETE_ATTR:
    case LOAD_METHOD:
    case IMPORT_NAME:
    case IMPORT_FROM:
        if (a < bc->nnames)
            pj_str_printf(s, " (%s)", bc->names[a]);
        break;
    case COMPARE_OP:
        if (a < 6)
            pj_str_printf(s, " (%s)", cmp_names[a]);
        break;
    case BINARY_OP:
        if (a < (int) PJ_ARRAY_LEN(binop_names))
            pj_str_printf(s, " (%s)", binop_names[a]);
        break;
    default:
        break;
    }
}

char *
pj_decode_dump(const PjBytecode *bc)
{
    PjStr s = { 0 };
    pj_str_printf(&s, "bytecode %s (%s:%d) nlocalsplus=%d stacksize=%d flags=0x%x\n", bc->qualname,
                  bc->filename, bc->firstlineno, bc->nlocalsplus, bc->stacksize, bc->flags);
    int last_line = -2;
    for (int i = 0; i < bc->ninstrs; i++) {
        const PjBcInstr *in = &bc->instrs[i];
        char line[16] = "";
        if (in->line != last_line && in->line >= 0)
            snprintf(line, sizeof line, "%d", in->line);
        last_line = in->line;
        char depth[16];
        if (in->depth >= 0)
            snprintf(depth, sizeof depth, "%d", in->depth);
        else
            strcpy(depth, "-");
        pj_str_printf(&s, "%s%5s %5d  [%2s] %-28s", in->block_start ? ">>" : "  ", line,
                      2 * in->idx, depth, pj_op_name(in->op));
        if (pj_op_name(in->op) && in->op >= HAVE_ARGUMENT)
            pj_str_printf(&s, " %d", in->oparg);
        dump_arg(&s, bc, in);
        if (in->target >= 0)
            pj_str_printf(&s, " (to %d)", 2 * bc->instrs[in->target].idx);
        if (in->live_op != in->op && pj_op_name(in->live_op) != NULL)
            pj_str_printf(&s, "  ; live %s", pj_op_name(in->live_op));
        pj_str_puts(&s, "\n");
    }
    if (bc->nexc > 0) {
        pj_str_puts(&s, "exception table:\n");
        for (int e = 0; e < bc->nexc; e++) {
            const PjExcEntry *x = &bc->exc[e];
            pj_str_printf(&s, "  %d to %d -> %d [%d]%s\n", 2 * x->start, 2 * x->end,
                          2 * bc->instrs[x->target].idx, x->depth, x->lasti ? " lasti" : "");
        }
    }
    return pj_str_take(&s);
}
