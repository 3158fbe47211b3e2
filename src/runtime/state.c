/* Per-code state in co_extra: counters before compilation, and afterwards the native
 * entry, its runtime data and the engine handle that frees its code.  The state lives
 * exactly as long as the code object (CPython calls pj_state_free when it dies). */
#include "runtime/runtime.h"

#include "ir/ir.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codegen/engine.h"
#include "ir/opcodes.h"

/* Frees st's code, installed and retired, now: nothing runs it (its code object is dying,
 * or evict_code found no frame of it). */
static void
code_freed(size_t bytes)
{
    pj_jit.code_bytes -= bytes < pj_jit.code_bytes ? bytes : pj_jit.code_bytes;
}

static void
free_code(PjCodeState *st)
{
    if (st->handle != NULL)
        pj_engine_remove(pj_jit.engine, st->handle);
    code_freed(st->code_bytes);
    while (st->retired != NULL) {
        PjRetired *r = st->retired;
        st->retired = r->next;
        pj_engine_remove(pj_jit.engine, r->handle);
        code_freed(r->bytes);
        free(r->rd);
        free(r);
    }
    free(st->rd);
    st->entry = NULL;
    st->rd = NULL;
    st->handle = NULL;
    st->code_bytes = 0;
}

static void
state_free(void *p)
{
    PjCodeState *st = p;
    if (st == NULL)
        return;
    pj_stats_record_dead(st->info); /* its code object is dying */
    if (st->job != NULL)
        pj_worker_forget(st);
    free_code(st);
    free(st->seed);
    free(st->profile_fb);
    free(st->profile_seed);
    free(st);
}

int
pj_state_init(PjJit *jit)
{
    if (jit->extra_index >= 0)
        return 0;
    jit->extra_index = _PyEval_RequestCodeExtraIndex(state_free);
    if (jit->extra_index < 0) {
        PyErr_SetString(PyExc_RuntimeError, "pyjit: no co_extra slot left");
        return -1;
    }
    pj_direct.extra_index = jit->extra_index;
    return 0;
}

int
pj_code_has_loop(PyCodeObject *co)
{
    const _Py_CODEUNIT *code = _PyCode_CODE(co);
    for (Py_ssize_t i = 0; i < Py_SIZE(co); i++) {
        int op = pj_op_base(_Py_OPCODE(code[i]));
        if (op == JUMP_BACKWARD || op == POP_JUMP_BACKWARD_IF_FALSE ||
            op == POP_JUMP_BACKWARD_IF_TRUE || op == POP_JUMP_BACKWARD_IF_NONE ||
            op == POP_JUMP_BACKWARD_IF_NOT_NONE)
            return 1;
        if (op > 0)
            i += pj_op_caches(op);
    }
    return 0;
}

/* A constant's contribution: its repr, a code object's own hash, a frozenset's elements in
 * any order (their repr order follows string hashing, which differs per process). */
static uint64_t
const_hash(PyObject *o, int depth)
{
    uint64_t h = pj_fnv64(PJ_FNV_BASIS, Py_TYPE(o)->tp_name, strlen(Py_TYPE(o)->tp_name));
    if (depth > 16)
        return h;
    if (PyCode_Check(o))
        return h ^ pj_code_hash((PyCodeObject *) o);
    if (PyFrozenSet_CheckExact(o)) {
        uint64_t sum = 0;
        Py_ssize_t pos = 0;
        PyObject *key;
        Py_hash_t kh;
        while (_PySet_NextEntry(o, &pos, &key, &kh))
            sum += const_hash(key, depth + 1);
        return pj_fnv64(h, &sum, sizeof sum);
    }
    if (PyTuple_CheckExact(o)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(o); i++) {
            uint64_t e = const_hash(PyTuple_GET_ITEM(o, i), depth + 1);
            h = pj_fnv64(h, &e, sizeof e);
        }
        return h;
    }
    PyObject *r = PyObject_Repr(o);
    Py_ssize_t n;
    const char *u = r ? PyUnicode_AsUTF8AndSize(r, &n) : NULL;
    if (u != NULL)
        h = pj_fnv64(h, u, (size_t) n);
    else
        PyErr_Clear();
    Py_XDECREF(r);
    return h;
}

static uint64_t
names_hash(uint64_t h, PyObject *names)
{
    for (Py_ssize_t i = 0; names != NULL && i < PyTuple_GET_SIZE(names); i++) {
        Py_ssize_t n;
        const char *u = PyUnicode_AsUTF8AndSize(PyTuple_GET_ITEM(names, i), &n);
        if (u == NULL) {
            PyErr_Clear();
            continue;
        }
        h = pj_fnv64(h, u, (size_t) n + 1);
    }
    return h;
}

uint64_t
pj_code_hash(PyCodeObject *co)
{
    PyObject *bytes = PyCode_GetCode(co);
    if (bytes == NULL) {
        PyErr_Clear();
        return 0;
    }
    uint64_t h = pj_fnv64(PJ_FNV_BASIS, PyBytes_AS_STRING(bytes), (size_t) PyBytes_GET_SIZE(bytes));
    Py_DECREF(bytes);
    int shape[4] = { co->co_argcount, co->co_posonlyargcount, co->co_kwonlyargcount, co->co_flags };
    h = pj_fnv64(h, shape, sizeof shape);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(co->co_consts); i++) {
        uint64_t c = const_hash(PyTuple_GET_ITEM(co->co_consts, i), 0);
        h = pj_fnv64(h, &c, sizeof c);
    }
    h = names_hash(names_hash(h, co->co_names), co->co_localsplusnames);
    return h ? h : 1;
}

/* The opcode called `name` (a specialised or adaptive one), or -1. */
static int
opcode_named(PyObject *name)
{
    const char *s = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
    if (s == NULL) {
        PyErr_Clear();
        return -1;
    }
    for (int op = 0; op < 256; op++) {
        const char *n = pj_op_name(op);
        if (n != NULL && strcmp(n, s) == 0)
            return op;
    }
    return -1;
}

/* The profile's feedback for st's code: a list of [unit, opcode name, moved] (load_profile
 * checked the types), as PjCompileOptions.feedback triples; entries naming no opcode are
 * dropped.  On any failure, none. */
static void
take_feedback(PjCodeState *st, PyObject *list)
{
    if (list == NULL || !PyList_Check(list) || PyList_GET_SIZE(list) == 0)
        return;
    Py_ssize_t n = PyList_GET_SIZE(list);
    unsigned int *fb = malloc(3 * sizeof(unsigned int) * (size_t) n);
    if (fb == NULL)
        return;
    int k = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *e = PyList_GET_ITEM(list, i);
        if (!PyList_Check(e) || PyList_GET_SIZE(e) != 3)
            continue;
        long unit = PyLong_AsLong(PyList_GET_ITEM(e, 0));
        long moved = PyLong_AsLong(PyList_GET_ITEM(e, 2));
        int op = opcode_named(PyList_GET_ITEM(e, 1));
        if (PyErr_Occurred()) {
            PyErr_Clear();
            continue;
        }
        if (unit < 0 || unit > INT_MAX || op < 0)
            continue;
        fb[3 * k] = (unsigned int) unit;
        fb[3 * k + 1] = (unsigned int) op;
        fb[3 * k + 2] = moved != 0;
        k++;
    }
    st->profile_fb = fb;
    st->profile_nfb = k;
}

/* The profile's seed for co: a list of ints 0..255 (one per local), or none. */
static void
take_seed(PjCodeState *st, PyCodeObject *co, PyObject *list)
{
    if (list == NULL || !PyList_Check(list) || PyList_GET_SIZE(list) == 0 ||
        PyList_GET_SIZE(list) > co->co_nlocals)
        return;
    Py_ssize_t n = PyList_GET_SIZE(list);
    unsigned char *seed = malloc((size_t) n);
    if (seed == NULL)
        return;
    for (Py_ssize_t i = 0; i < n; i++) {
        long v = PyLong_AsLong(PyList_GET_ITEM(list, i));
        if (v < 0 || v > 255) {
            PyErr_Clear();
            free(seed);
            return;
        }
        seed[i] = (unsigned char) v;
    }
    st->profile_seed = seed;
    st->profile_nseed = (int) n;
}

/* The loaded profile's entry for co's names, (hash, feedback, seed) as load_profile made
 * it (borrowed from pj_jit.profile), or NULL (no error set). */
static PyObject *
profile_entry(PyCodeObject *co)
{
    PyObject *key = Py_BuildValue("(OOi)", co->co_filename, co->co_qualname, co->co_firstlineno);
    PyObject *entry = key ? PyDict_GetItemWithError(pj_jit.profile, key) : NULL;
    Py_XDECREF(key);
    if (entry == NULL || !PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 3) {
        PyErr_Clear();
        return NULL;
    }
    return entry;
}

/* Whether the loaded profile names `co` with its bytecode (counted either way); takes its
 * feedback and seed for st. */
static int
profile_names(PyCodeObject *co, PjCodeState *st)
{
    PyObject *entry = profile_entry(co);
    if (entry == NULL)
        return 0;
    unsigned long long h = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(entry, 0));
    if (h == (unsigned long long) -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    if (h != pj_code_hash(co)) {
        pj_jit.profile_stale++;
        return 0;
    }
    pj_jit.profile_matched++;
    take_feedback(st, PyTuple_GET_ITEM(entry, 1));
    take_seed(st, co, PyTuple_GET_ITEM(entry, 2));
    return 1;
}

/* The oparg of the instruction at code unit i, with its EXTENDED_ARG prefixes. */
static int
oparg_at(const _Py_CODEUNIT *code, Py_ssize_t i)
{
    int arg = _Py_OPARG(code[i]), shift = 8;
    for (Py_ssize_t j = i - 1; j >= 0 && pj_op_base(_Py_OPCODE(code[j])) == EXTENDED_ARG;
         j--, shift += 8)
        arg |= _Py_OPARG(code[j]) << shift;
    return arg;
}

int
pj_code_loops_short(PyCodeObject *co, _PyInterpreterFrame *frame)
{
    const _Py_CODEUNIT *code = _PyCode_CODE(co);
    Py_ssize_t n = Py_SIZE(co), heads[PJ_SHORT_LOOPS_MAX], ends[PJ_SHORT_LOOPS_MAX];
    int nloops = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        int op = pj_op_base(_Py_OPCODE(code[i]));
        if (op == POP_JUMP_BACKWARD_IF_FALSE || op == POP_JUMP_BACKWARD_IF_TRUE ||
            op == POP_JUMP_BACKWARD_IF_NONE || op == POP_JUMP_BACKWARD_IF_NOT_NONE)
            return 0; /* a while loop's test */
        if (op == JUMP_BACKWARD) {
            Py_ssize_t head = i + 1 - oparg_at(code, i);
            /* A for loop (LOAD_FAST x; GET_ITER; FOR_ITER) over a local that holds a
             * small container now; anything else (a while loop, range(...), a loop
             * variable's items) may run long. */
            if (head < 2 || head > i || nloops == PJ_SHORT_LOOPS_MAX ||
                pj_op_base(_Py_OPCODE(code[head])) != FOR_ITER ||
                pj_op_base(_Py_OPCODE(code[head - 1])) != GET_ITER ||
                pj_op_base(_Py_OPCODE(code[head - 2])) != LOAD_FAST ||
                (head >= 3 && pj_op_base(_Py_OPCODE(code[head - 3])) == EXTENDED_ARG))
                return 0;
            int local = _Py_OPARG(code[head - 2]);
            PyObject *it = local < co->co_nlocalsplus ? frame->localsplus[local] : NULL;
            Py_ssize_t len;
            if (it == NULL)
                return 0;
            if (PyList_CheckExact(it) || PyTuple_CheckExact(it))
                len = Py_SIZE(it);
            else if (PyDict_CheckExact(it))
                len = PyDict_GET_SIZE(it);
            else
                return 0;
            if (len > PJ_SHORT_LOOP)
                return 0;
            for (int k = 0; k < nloops; k++) /* nested: the inner loop's items vary */
                if ((heads[k] < head && head < ends[k]) || (head < heads[k] && heads[k] < i))
                    return 0;
            heads[nloops] = head;
            ends[nloops++] = i;
        }
        if (op > 0)
            i += pj_op_caches(op);
    }
    return nloops > 0;
}

/* The positional parameters a plain call fills, or -1 (PjCallTarget.argc). */
static int32_t
direct_argc_of(PyCodeObject *co)
{
    return co->co_kwonlyargcount == 0 && !(co->co_flags & (CO_VARARGS | CO_VARKEYWORDS))
               ? co->co_argcount
               : -1;
}

PjCodeState *
pj_state_get_or_create(PyCodeObject *co)
{
    PjCodeState *st = pj_state_get(co);
    if (st != NULL || pj_jit.extra_index < 0)
        return st;
    st = calloc(1, sizeof(PjCodeState));
    if (st == NULL)
        return NULL;
    st->info = -1;
    st->code = co;
    st->direct_argc = direct_argc_of(co);
    st->nlocalsplus = co->co_nlocalsplus;
    st->frame_words = co->co_nlocalsplus + co->co_stacksize + FRAME_SPECIALS_SIZE;
    /* A loop is where the time goes: such functions compile at their first call. */
    st->has_loop = (uint8_t) pj_code_has_loop(co);
    /* A code object without extras gets one sized for our index only.  _PyCode_SetExtra
     * would size it for every co_extra user registered so far, and code_dealloc calls
     * each of their free functions, with NULL, for every code object pyjit touched: a
     * profiler registering a free function (or test_code's ctypes one, which dies before
     * the last code objects at exit) would be called for code it never saw. */
    if (co->co_extra == NULL) {
        Py_ssize_t n = pj_jit.extra_index + 1;
        PjCodeExtra *ex = PyMem_Malloc(sizeof(PjCodeExtra) + (size_t) (n - 1) * sizeof(void *));
        if (ex == NULL) {
            PyErr_Clear();
            free(st);
            return NULL;
        }
        ex->ce_size = n;
        for (Py_ssize_t i = 0; i < n; i++)
            ex->ce_extras[i] = NULL;
        ex->ce_extras[pj_jit.extra_index] = st;
        co->co_extra = ex;
    }
    else if (_PyCode_SetExtra((PyObject *) co, pj_jit.extra_index, st) < 0) {
        PyErr_Clear();
        free(st);
        return NULL;
    }
    pj_jit.codes_seen++;
    if (pj_jit.profile != NULL)
        st->profiled = (uint8_t) profile_names(co, st);
    return st;
}

/* Moves st's code to its retired list (it may still be running below); 0, or -1 (no
 * memory: nothing changed). */
static int
retire(PjCodeState *st)
{
    PjRetired *r = malloc(sizeof(PjRetired));
    if (r == NULL)
        return -1;
    r->entry = (void *) st->entry;
    r->handle = st->handle;
    r->rd = st->rd;
    r->bytes = st->code_bytes;
    r->next = st->retired;
    st->retired = r;
    st->handle = NULL;
    st->rd = NULL;
    st->code_bytes = 0;
    st->entry = NULL;
    return 0;
}

/* Sets or clears `pinned` in the code state of every frame on every thread's stack: the
 * code that may be running (GIL held, so no thread pushes or pops a frame meanwhile).
 * Compiled code always runs with its frame linked (a suspended generator's is not, and
 * its resume goes through the hook). */
static void
pin_running(int pin)
{
    PyInterpreterState *interp = PyInterpreterState_Get();
    for (PyThreadState *t = PyInterpreterState_ThreadHead(interp); t != NULL;
         t = PyThreadState_Next(t)) {
        if (t->cframe == NULL)
            continue;
        for (_PyInterpreterFrame *f = t->cframe->current_frame; f != NULL; f = f->previous) {
            PjCodeState *st = pj_state_get(f->f_code);
            if (st != NULL)
                st->pinned = (uint8_t) pin;
        }
    }
}

/* PYJIT_MAX_CODE_MB: past the cap, the code of the functions compiled longest ago (the
 * order of pj_jit.infos) is freed until a quarter of the cap is free again -- except
 * `keep` (just installed), code that may be running (a frame of it on a stack), and code
 * with a compilation under way.  An evicted function runs in the interpreter and counts
 * its calls again: it compiles anew when hot.  GIL held. */
static void
evict_code(PjCodeState *keep)
{
    size_t target = pj_jit.max_code_bytes - pj_jit.max_code_bytes / 4;
    pin_running(1);
    for (size_t i = 0; i < pj_jit.ninfos && pj_jit.code_bytes > target; i++) {
        PyCodeObject *co = pj_jit.infos[i].code;
        PjCodeState *st = co != NULL ? pj_state_get(co) : NULL;
        if (st == NULL || st == keep || st->pinned || st->entry == NULL || st->compiling ||
            st->job != NULL)
            continue;
        free_code(st);
        pj_stats_record_dead(st->info); /* a new record follows a new compilation */
        st->info = -1;
        st->calls = 0;
        st->baseline = 0;
        st->tier_up_idle = 0;
        st->osr = 0;
        st->evictions++;
        pj_jit.evictions++;
        if (pj_jit.log & PJ_LOG_RECOMPILE)
            pj_log_recompile(co, "code evicted (PYJIT_MAX_CODE_MB)");
    }
    pin_running(0);
}

void
pj_state_finish(PjCodeState *st, int rc, const PjCompiled *c, PjAbort why)
{
    st->compiling = 0;
    int tier_up = st->tier_up_job;
    st->tier_up_job = 0;
    if (tier_up) {
        /* The optimised code for a function running baseline code: it replaces that (kept
         * until the code object dies: it may be running below).  Discarded if it failed
         * (the baseline code stays), or the baseline code was retired meanwhile (its
         * unboxed loops kept deopting: this code has the same loops). */
        int ok = rc == 0 && st->baseline && st->entry != NULL && retire(st) == 0;
        st->baseline = 0;
        if (!ok) {
            if (rc == 0)
                pj_engine_remove(pj_jit.engine, c->handle);
            return;
        }
        pj_jit.tier_ups++;
    }
    if (rc == 0) {
        size_t rdsize = sizeof(PjRuntimeData) + sizeof(PjGlobalCache) * (size_t) c->nglobal_caches +
                        sizeof(PjAttrCache) * (size_t) c->nattr_caches +
                        sizeof(PjMethodCache) * (size_t) c->nmethod_caches;
        st->rd = calloc(1, rdsize);
        if (st->rd == NULL) {
            pj_engine_remove(pj_jit.engine, c->handle);
            rc = -1;
            why.kind = PJ_ABORT_NO_MEMORY;
        }
    }
    if (rc < 0) {
        st->failed = 1;
        st->why = why;
        pj_stats_failed(why);
        if (pj_jit.log & PJ_LOG_FALLBACK) {
            char text[128];
            pj_abort_format(why, text, sizeof text);
            fprintf(stderr, "pyjit: fallback %s (%s:%d): %s\n",
                    PyUnicode_AsUTF8(st->code->co_qualname),
                    PyUnicode_AsUTF8(st->code->co_filename), st->code->co_firstlineno, text);
        }
        return;
    }
    st->rd->nglobal_caches = c->nglobal_caches;
    st->rd->nattr_caches = c->nattr_caches;
    st->rd->nmethod_caches = c->nmethod_caches;
    st->handle = c->handle;
    st->code_bytes = c->code_bytes;
    st->entry = (PjEntry) c->entry;
    st->osr = (uint8_t) c->osr;
    if (!tier_up)
        pj_stats_record_dead(st->info); /* a new record follows the code object now */
    st->info = pj_stats_compiled(st->code, c, tier_up ? st->info : -1);
    pj_perf_add(st->code, c->entry, c->code_bytes);
    if (pj_jit.max_code_bytes > 0 && pj_jit.code_bytes > pj_jit.max_code_bytes)
        evict_code(st);
}

/* After retire(st) for a recompilation: logs why, drops a queued optimised compile of the
 * retired code (not wanted), and lets the next calls find the function uncompiled. */
static void
retired_for_recompile(PyCodeObject *co, PjCodeState *st, const char *why)
{
    if (pj_jit.log & PJ_LOG_RECOMPILE)
        pj_log_recompile(co, why);
    if (st->tier_up_job) {
        pj_worker_forget(st);
        st->tier_up_job = 0;
        st->compiling = 0;
        st->front_due = 0;
    }
    st->baseline = 0;
    st->tier_up_idle = 0;
    st->direct_argc = direct_argc_of(co);
    pj_jit.recompiles++;
}

void
pj_state_fast_paths_stale(PyCodeObject *co)
{
    PjCodeState *st = pj_state_get(co);
    if (st == NULL || st->entry == NULL || st->stale_recompiles >= PJ_STALE_RECOMPILES ||
        retire(st) < 0)
        return;
    st->stale_recompiles++;
    /* The interpreter's feedback is what counts now: a profile's, if any, was wrong. */
    free(st->profile_fb);
    st->profile_fb = NULL;
    st->profile_nfb = 0;
    st->profiled = 0;
    st->deferred = 1; /* (counted in the interpreter, then compiled in the background) */
    st->calls = 0;
    char why[160];
    snprintf(why, sizeof why,
             "fast paths chosen from the interpreter's feedback missed %d times: it runs "
             "in the interpreter again and is compiled with fresh feedback",
             PJ_MISS_LIMIT);
    retired_for_recompile(co, st, why);
    pj_jit.stale_recompiles++;
}

void
pj_state_unbox_deopt(PyCodeObject *co)
{
    PjCodeState *st = pj_state_get(co);
    if (st == NULL || st->no_unbox || st->entry == NULL ||
        ++st->unbox_deopts < PJ_UNBOX_DEOPT_LIMIT)
        return;
    if (retire(st) < 0)
        return;
    st->no_unbox = 1;
    /* Hot, as the deopts show: the next call queues it for the compile thread (hook.c),
     * without counting calls again. */
    st->deferred = 1;
    st->calls = (uint32_t) (pj_jit.threshold > 0 ? pj_jit.threshold : 0);
    char why[128];
    snprintf(why, sizeof why,
             "the checks of its unboxed loops failed %d times: its next call compiles it "
             "again without unboxing",
             PJ_UNBOX_DEOPT_LIMIT);
    retired_for_recompile(co, st, why);
}

/* The unboxing seed of one object (pass_unbox.c's shapes): its PjUType if it is a number
 * that fits, or, for a list or tuple, up to three container levels sampled through first
 * items down to a number; 0 otherwise. */
static unsigned char
seed_of(PyObject *o)
{
    int levels = 0, shape = 0;
    while ((PyList_CheckExact(o) && PyList_GET_SIZE(o) > 0) ||
           (PyTuple_CheckExact(o) && PyTuple_GET_SIZE(o) > 0)) {
        if (levels == 3)
            return 0;
        shape |= (PyList_CheckExact(o) ? PJ_SEED_LIST : PJ_SEED_TUPLE) << (2 * levels++);
        o = PyList_CheckExact(o) ? PyList_GET_ITEM(o, 0) : PyTuple_GET_ITEM(o, 0);
    }
    if (PyFloat_CheckExact(o))
        return (unsigned char) (shape | PJ_UT_F64);
    if (PyLong_CheckExact(o)) {
        int overflow = 0;
        (void) PyLong_AsLongLongAndOverflow(o, &overflow);
        if (!overflow)
            return (unsigned char) (shape | PJ_UT_I64);
    }
    return 0;
}

/* The seed of each plain local of `frame` (cells and free variables are not unboxed). */
static unsigned char *
frame_seed(PyCodeObject *co, _PyInterpreterFrame *frame, int *n)
{
    *n = 0;
    if (frame == NULL || frame->f_code != co || co->co_nlocals <= 0)
        return NULL;
    unsigned char *seed = calloc((size_t) co->co_nlocals, 1);
    if (seed == NULL)
        return NULL;
    for (int i = 0; i < co->co_nlocals; i++)
        if (frame->localsplus[i] != NULL)
            seed[i] = seed_of(frame->localsplus[i]);
    *n = co->co_nlocals;
    return seed;
}

/* The options compiling `st` takes (no unboxing once its unboxed loops kept deopting) and,
 * for a function with a loop, the seed from `frame` (*seed: malloc'd, or NULL). */
static PjCompileOptions
options_for(PyCodeObject *co, PjCodeState *st, _PyInterpreterFrame *frame, unsigned char **seed)
{
    PjCompileOptions opts = pj_jit.copts;
    if (st->no_unbox)
        opts.unbox = 0;
    /* (Only loops are unboxed: a function without one needs no seed.) */
    *seed = opts.unbox && st->has_loop ? frame_seed(co, frame, &opts.nseed) : NULL;
    if (*seed == NULL && opts.unbox && st->has_loop && st->profile_seed != NULL &&
        (*seed = malloc((size_t) st->profile_nseed)) != NULL) {
        /* No frame (compiled ahead of its first call): the recorded run's seed. */
        memcpy(*seed, st->profile_seed, (size_t) st->profile_nseed);
        opts.nseed = st->profile_nseed;
    }
    opts.seed = *seed;
    opts.feedback = st->profile_fb;
    opts.nfeedback = st->profile_nfb;
    if (frame != NULL) {
        opts.globals = frame->f_globals;
        opts.builtins = frame->f_builtins;
    }
    return opts;
}

/* Queues the optimised compilation of a function that now runs baseline code (GIL held;
 * `frame`, its running first call, gives the same seed).  On any failure it keeps the
 * baseline code. */
static void
tier_up(PyCodeObject *co, PjCodeState *st, _PyInterpreterFrame *frame, int osr)
{
    unsigned char *seed;
    PjCompileOptions opts = options_for(co, st, frame, &seed);
    /* Loop-head entries (on-stack replacement) only for a call that is still running:
     * code with them measured 15% slower on spectral norm's kernels (a second way into
     * the outer loop changes LLVM's register allocation there), so a function whose
     * calls are short -- tiered up by its call count -- is compiled without. */
    opts.osr = osr && pj_jit.osr;
    PjCompiled c;
    PjAbort why;
    PjPending *p = pj_compile_front((PyObject *) co, &opts, &c, &why);
    free(seed);
    if (p != NULL && c.tier != PJ_TIER_OPTIMIZED) { /* over the optimising budget now */
        pj_compile_discard(p);
        return;
    }
    if (p == NULL)
        return;
    st->baseline = 1;
    st->tier_up_job = 1;
    /* First in the queue (the newest first): its loop was worth compiling at once, and
     * baseline code runs at about half the speed of optimised code. */
    if (pj_worker_submit(st, p, &c, 2) < 0) {
        st->baseline = 0;
        st->tier_up_job = 0;
        pj_compile_discard(p);
    }
}

void
pj_state_tier_up(PjCodeState *st, _PyInterpreterFrame *frame, int running)
{
    st->tier_up_idle = 0;
    st->direct_argc = direct_argc_of(st->code);
    tier_up(st->code, st, frame, running);
}

void
pj_state_tier_up_drop(PjCodeState *st)
{
    st->tier_up_job = 0;
    st->tier_up_idle = 1;
    st->calls = 0;
    st->direct_argc = -1;
}

/* A function now running baseline code gets its optimised code when it proves hot: its
 * first call still running PJ_FEEDBACK_DELAY later (the worker's timer, as for a deferred
 * front half: worker.c's run_front), or enough calls later (the hook).  Queued at once,
 * the optimised compiles of set-up functions that ran briefly would keep the compile
 * thread from the one still running (n-body: 70 ms of them before `advance`). */
static void
defer_tier_up(PjCodeState *st, _PyInterpreterFrame *frame)
{
    st->baseline = 1;
    st->tier_up_job = 1;
    if (pj_worker_defer(st, PJ_FEEDBACK_DELAY) < 0)
        pj_state_tier_up(st, frame, 0);
}

static int compile_code(PyCodeObject *co, PjCodeState *st, int mode, _PyInterpreterFrame *frame,
                        PyObject *globals, PyObject *builtins);

static void
compile_nested(PyCodeObject *co, PyObject *globals, PyObject *builtins, int depth)
{
    for (Py_ssize_t i = 0; depth < 16 && i < PyTuple_GET_SIZE(co->co_consts); i++) {
        PyObject *c = PyTuple_GET_ITEM(co->co_consts, i);
        if (!PyCode_Check(c))
            continue;
        /* (A state only for what the profile names: the others may never run.) */
        PjCodeState *st = pj_state_get((PyCodeObject *) c);
        if (st == NULL && profile_entry((PyCodeObject *) c) != NULL)
            st = pj_state_get_or_create((PyCodeObject *) c);
        if (st != NULL && st->profiled && st->entry == NULL &&
            compile_code((PyCodeObject *) c, st, PJ_COMPILE_SYNC, NULL, globals, builtins))
            pj_jit.profile_eager++;
        compile_nested((PyCodeObject *) c, globals, builtins, depth + 1);
    }
}

void
pj_state_compile_profiled(PyCodeObject *co, PyObject *globals, PyObject *builtins)
{
    if (pj_jit.profile == NULL || pj_jit.engine == NULL)
        return;
    PyObject *exc, *val, *tb;
    PyErr_Fetch(&exc, &val, &tb); /* (the body may have raised: keep it) */
    compile_nested(co, globals, builtins, 0);
    PyErr_Restore(exc, val, tb);
}

int
pj_state_compile_mode(PyCodeObject *co, PjCodeState *st, int mode)
{
    return pj_state_compile_frame(co, st, mode, NULL);
}

int
pj_state_compile_frame(PyCodeObject *co, PjCodeState *st, int mode, _PyInterpreterFrame *frame)
{
    return compile_code(co, st, mode, frame, NULL, NULL);
}

/* pj_state_compile_frame, with `globals` and `builtins` (borrowed) standing for the
 * frame's when there is none: a profiled function compiled ahead of its first call, with
 * its module's (pj_state_compile_profiled). */
static int
compile_code(PyCodeObject *co, PjCodeState *st, int mode, _PyInterpreterFrame *frame,
             PyObject *globals, PyObject *builtins)
{
    if (st->entry != NULL)
        return 1;
    if (st->failed || st->compiling)
        return 0;
    st->compiling = 1;
    st->code = co;
    pj_helpers_find_math();
    PjCompiled c;
    PjAbort why;
    unsigned char *seed;
    PjCompileOptions opts = options_for(co, st, frame, &seed);
    if (frame == NULL && globals != NULL) {
        opts.globals = globals;
        opts.builtins = builtins;
    }
    /* A loop that runs unboxed is several times faster than the interpreter: compiling it
     * for this call pays even when it is big.  Other loops gain a few tens of percent,
     * which pays for LLVM's time only in a long call -- and most first calls of loop
     * functions are short (import and set-up code: compiling the small ones on the spot
     * made imports several times slower): those run this call in the interpreter and
     * compile in the background 5 ms in if it is still running, with the interpreter's
     * type feedback (worker.c).  Their lowering is not even built now. */
    opts.only_unboxed = mode == PJ_COMPILE_FIRST_LOOP_CALL;
    PjPending *p = pj_compile_front((PyObject *) co, &opts, &c, &why);
    /* Compiled for this call, a big function is compiled fast: LLVM's optimisation and
     * instruction selection were 80-90% of the time this call waited (n-body's advance:
     * 86 ms, 10 ms as baseline code running at half the speed); the compile thread then
     * builds the optimised code for the next calls (tier_up).  A small one is optimised
     * at once: 10-40 ms, and baseline code ran its float loop at a quarter of the speed. */
    int baseline = mode == PJ_COMPILE_FIRST_LOOP_CALL && p != NULL && c.tier == PJ_TIER_OPTIMIZED &&
                   c.llvm_instrs > pj_jit.sync_limit / 2;
    if (baseline) {
        opts.tier = PJ_TIER_BASELINE;
        pj_compile_set_tier(p, &c, PJ_TIER_BASELINE);
    }
    if (seed != NULL) { /* kept for pyjit.dump */
        free(st->seed);
        st->seed = seed;
        st->nseed = opts.nseed;
    }
    if (p == NULL && !c.not_lowered) {
        pj_state_finish(st, -1, &c, why);
        return 0;
    }
    if (mode == PJ_COMPILE_FIRST_LOOP_CALL &&
        (p == NULL || c.llvm_instrs > (c.tier == PJ_TIER_BASELINE ? 10 : 3) * pj_jit.sync_limit)) {
        pj_compile_discard(p);
        st->compiling = 0;
        st->deferred = 1;
        pj_jit.deferred++;
        pj_worker_defer(st, PJ_FEEDBACK_DELAY); /* on failure, the next call compiles it */
        return 0;
    }
    if ((mode == PJ_COMPILE_ASYNC || mode == PJ_COMPILE_ASYNC_URGENT) &&
        pj_worker_submit(st, p, &c, mode == PJ_COMPILE_ASYNC_URGENT) == 0)
        return 1;
    int rc = pj_compile_back(pj_jit.engine, PJ_LANE_CALLER, p, &c, &why);
    pj_state_finish(st, rc, &c, why);
    if (rc == 0 && baseline)
        defer_tier_up(st, frame);
    return rc == 0;
}

int
pj_state_compile(PyCodeObject *co, PjCodeState *st)
{
    return pj_state_compile_mode(co, st, PJ_COMPILE_SYNC);
}
