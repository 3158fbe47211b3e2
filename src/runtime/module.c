/* The engine's Python module, pyjit._pyjit: the JIT state's initialisation and the
 * functions behind the `pyjit` package's API.  One JIT state per process: the module is
 * loaded once by Python's import system, also when LD_PRELOAD and `import pyjit` both
 * happen (the loader imports this same module). */
#include "runtime/runtime.h"

#include "ir/opcodes.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/engine.h"
#include "runtime/capi.h"

PjJit pj_jit = { .extra_index = -1 };

/* ---- Initialisation ------------------------------------------------------------------- */

/* PYJIT_GDB=1: GDB's JIT interface.  ORC finds its registration function with
 * dlsym(RTLD_DEFAULT), but Python loads this module RTLD_LOCAL: the module (which exports
 * that function, module.map) is promoted to the global scope first (FACTS.md B.3). */
static int
enable_gdb(void)
{
    Dl_info info;
    if (dladdr((void *) &enable_gdb, &info) == 0 || info.dli_fname == NULL ||
        dlopen(info.dli_fname, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD) == NULL) {
        PyErr_Format(PyExc_ImportError, "pyjit: PYJIT_GDB: cannot make the module global: %s",
                     dlerror());
        return -1;
    }
    char err[256];
    if (pj_engine_enable_gdb(pj_jit.engine, err, sizeof err) < 0) {
        PyErr_Format(PyExc_ImportError, "pyjit: PYJIT_GDB: %s", err);
        return -1;
    }
    return 0;
}

static int
jit_init(void)
{
    if (pj_jit.initialized)
        return 0;
    pj_options_from_env(&pj_jit);
    if (pj_state_init(&pj_jit) < 0)
        return -1;
    pj_jit.copts.range_fast_path = pj_helpers_check_layouts();
    pj_jit.copts.seqiter_fast_path = pj_helpers_check_seqiter_layout();
    pj_helpers_init_builtins();
    pj_jit.copts.max_instrs =
        pj_jit.max_size > 0 && pj_jit.max_size < 1000000000 ? (int) pj_jit.max_size : 100000;
    pj_jit.copts.compact_instrs = 600;
    /* The compile-time budget (compile.c): LLVM's optimising pipeline takes about 2 s for
     * 30,000 instructions (the benchmarks' largest function has 10,000); baseline code
     * generation about 1.5 s for 300,000 (a function of some 2,500 lines), and 300 MB. */
    pj_jit.copts.opt_max_llvm_instrs = 30000;
    pj_jit.copts.max_llvm_instrs = 300000;
    pj_jit.copts.unbox = pj_jit.unbox != 0;
    pj_jit.copts.tier = pj_jit.opt_level == 0 ? PJ_TIER_BASELINE : PJ_TIER_OPTIMIZED;
    size_t nsyms;
    const PjSymbol *syms = pj_helpers_symbols(&nsyms);
    pj_jit.engine = pj_engine_create(syms, nsyms, pj_jit.opt_level, pj_jit.engine_error,
                                     sizeof pj_jit.engine_error);
    if (pj_jit.engine == NULL) {
        PyErr_Format(PyExc_ImportError, "pyjit: cannot start LLVM: %s", pj_jit.engine_error);
        return -1;
    }
    if (pj_jit.gdb && enable_gdb() < 0)
        return -1;
    if (pj_jit.crash_report)
        pj_crash_install();
    pj_jit.initialized = 1;
    return 0;
}

/* ---- Helpers ---------------------------------------------------------------------------- */

/* The code object of a function, bound method or code object (borrowed), or NULL with
 * TypeError. */
static PyCodeObject *
code_of(PyObject *obj)
{
    if (PyMethod_Check(obj))
        obj = PyMethod_GET_FUNCTION(obj);
    if (PyFunction_Check(obj))
        return (PyCodeObject *) PyFunction_GET_CODE(obj);
    if (PyCode_Check(obj))
        return (PyCodeObject *) obj;
    PyErr_Format(PyExc_TypeError, "pyjit: expected a Python function, got %.100s",
                 Py_TYPE(obj)->tp_name);
    return NULL;
}

/* A single-phase module is copied, not re-initialised, into sub-interpreters, so the
 * refusal has to be at each entry point too. */
static int
main_interpreter_only(void)
{
    if (PyInterpreterState_Get() != PyInterpreterState_Main()) {
        PyErr_SetString(PyExc_RuntimeError, "pyjit does not support sub-interpreters");
        return -1;
    }
    return 0;
}

static int
api_enable(void)
{
    if (main_interpreter_only() < 0 || pj_hook_install() < 0)
        return -1;
    pj_jit.enabled = 1;
    return 0;
}

static int
api_disable(void)
{
    /* Frames already running compiled code finish in it; the code stays alive with its
     * code objects. */
    pj_hook_uninstall();
    pj_jit.enabled = 0;
    return 0;
}

static int
api_is_enabled(void)
{
    return pj_hook_is_installed();
}

static int
api_set_threshold(long calls)
{
    if (calls < 0) {
        PyErr_SetString(PyExc_ValueError, "pyjit: threshold must be >= 0");
        return -1;
    }
    pj_jit.threshold = calls;
    return 0;
}

static int
api_compile(void *func)
{
    if (main_interpreter_only() < 0)
        return -1;
    PyCodeObject *co = code_of((PyObject *) func);
    if (co == NULL)
        return -1;
    PjCodeState *st = pj_state_get_or_create(co);
    if (st == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return pj_state_compile(co, st);
}

static void *
api_stats(void)
{
    return pj_stats_dict();
}

static const PjCApi capi = {
    PJ_CAPI_VERSION,   api_enable,  api_disable, api_is_enabled,
    api_set_threshold, api_compile, api_stats,
};

/* ---- Python functions ------------------------------------------------------------------- */

static PyObject *
py_enable(PyObject *self, PyObject *args, PyObject *kw)
{
    (void) self;
    static char *kwlist[] = { "threshold", NULL };
    PyObject *threshold = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:enable", kwlist, &threshold))
        return NULL;
    if (threshold != Py_None) {
        long n = PyLong_AsLong(threshold);
        if (n == -1 && PyErr_Occurred())
            return NULL;
        if (api_set_threshold(n) < 0)
            return NULL;
    }
    if (api_enable() < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
py_disable(PyObject *self, PyObject *unused)
{
    (void) self;
    (void) unused;
    api_disable();
    Py_RETURN_NONE;
}

static PyObject *
py_is_enabled(PyObject *self, PyObject *unused)
{
    (void) self;
    (void) unused;
    return PyBool_FromLong(api_is_enabled());
}

static PyObject *
py_compile(PyObject *self, PyObject *func)
{
    (void) self;
    int r = api_compile(func);
    if (r < 0)
        return NULL;
    return PyBool_FromLong(r);
}

static PyObject *
py_is_compiled(PyObject *self, PyObject *func)
{
    (void) self;
    PyCodeObject *co = code_of(func);
    if (co == NULL)
        return NULL;
    if (atomic_load(&pj_worker_done)) /* what the compile thread finished counts */
        pj_worker_install();
    PjCodeState *st = pj_state_get(co);
    return PyBool_FromLong(st != NULL && st->entry != NULL);
}

static PyObject *
py_fallback_reason(PyObject *self, PyObject *func)
{
    (void) self;
    PyCodeObject *co = code_of(func);
    if (co == NULL)
        return NULL;
    PjCodeState *st = pj_state_get(co);
    if (st == NULL || !st->failed)
        Py_RETURN_NONE;
    char text[128];
    pj_abort_format(st->why, text, sizeof text);
    return PyUnicode_FromString(text);
}

static PyObject *
py_stats(PyObject *self, PyObject *unused)
{
    (void) self;
    (void) unused;
    if (atomic_load(&pj_worker_done))
        pj_worker_install();
    return pj_stats_dict();
}

/* The machine code installed for `co` now, disassembled. */
static PyObject *
dump_asm(PyCodeObject *co)
{
    if (atomic_load(&pj_worker_done))
        pj_worker_install();
    PjCodeState *st = pj_state_get(co);
    if (st == NULL || st->entry == NULL || pj_jit.engine == NULL) {
        PyErr_Format(PyExc_ValueError, "pyjit.dump: %U is not compiled (no machine code to show)",
                     co->co_qualname);
        return NULL;
    }
    char *text = pj_engine_disassemble(pj_jit.engine, (const void *) st->entry, st->code_bytes);
    PyObject *r =
        PyUnicode_FromFormat("; %U (%U:%d): %zu bytes at %p, %s code\n%s", co->co_qualname,
                             co->co_filename, co->co_firstlineno, st->code_bytes,
                             (void *) st->entry, st->baseline ? "baseline" : "optimised", text);
    free(text);
    return r;
}

static PyObject *
py_test_crash(PyObject *self, PyObject *unused)
{
    (void) self;
    (void) unused;
    pj_crash_test();
    Py_RETURN_NONE;
}

static PyObject *
py_dump(PyObject *self, PyObject *args)
{
    (void) self;
    PyObject *func;
    const char *stage;
    if (!PyArg_ParseTuple(args, "Os:dump", &func, &stage))
        return NULL;
    PyCodeObject *co = code_of(func);
    if (co == NULL || main_interpreter_only() < 0)
        return NULL;
    if (strcmp(stage, "bytecode") != 0 && strcmp(stage, "ir") != 0 && strcmp(stage, "llvm") != 0 &&
        strcmp(stage, "ir.build") != 0 && strcmp(stage, "asm") != 0) {
        PyErr_Format(PyExc_ValueError,
                     "pyjit.dump: unknown stage %R (expected 'bytecode', 'ir', 'ir.build', "
                     "'llvm' or 'asm')",
                     PyTuple_GET_ITEM(args, 1));
        return NULL;
    }
    if (strcmp(stage, "asm") == 0)
        return dump_asm(co);
    PjAbort why;
    /* As it was compiled: with the same unboxing seed (the types its frame had then). */
    PjCompileOptions opts = pj_jit.copts;
    PjCodeState *st = pj_state_get(co);
    if (st != NULL && st->no_unbox)
        opts.unbox = 0;
    if (st != NULL && st->seed != NULL) {
        opts.seed = st->seed;
        opts.nseed = st->nseed;
    }
    if (st != NULL && st->profile_fb != NULL) { /* and a profile's feedback */
        opts.feedback = st->profile_fb;
        opts.nfeedback = st->profile_nfb;
    }
    char *text = pj_compile_dump(pj_jit.engine, (PyObject *) co, stage, &opts, &why);
    if (text == NULL) {
        char reason[128];
        pj_abort_format(why, reason, sizeof reason);
        PyErr_Format(PyExc_ValueError, "pyjit.dump: no %s for %U: %s", stage, co->co_qualname,
                     reason);
        return NULL;
    }
    PyObject *r = PyUnicode_FromString(text);
    free(text);
    return r;
}

/* A code hash as profiles write it: 16 hex digits (new reference). */
static PyObject *
hash_text(uint64_t h)
{
    char text[24];
    snprintf(text, sizeof text, "%016llx", (unsigned long long) h);
    return PyUnicode_FromString(text);
}

/* The interpreter's feedback in co's adaptive code: [unit, opcode name, counter moved]
 * for each specialisable instruction (one with inline caches) that is no longer in its
 * base form.  What a profile records (docs/profile-format.md). */
static PyObject *
live_feedback(PyCodeObject *co)
{
    PyObject *list = PyList_New(0);
    const _Py_CODEUNIT *code = _PyCode_CODE(co);
    for (Py_ssize_t u = 0; list != NULL && u < Py_SIZE(co); u++) {
        int op = _Py_OPCODE(code[u]), base = pj_op_base(op);
        int caches = base > 0 ? pj_op_caches(base) : 0;
        const char *name = pj_op_name(op);
        if (caches > 0 && op != base && name != NULL && u + 1 < Py_SIZE(co)) {
            PyObject *e = Py_BuildValue("[nsi]", u, name, code[u + 1] != 0);
            if (e == NULL || PyList_Append(list, e) < 0)
                Py_CLEAR(list);
            Py_XDECREF(e);
        }
        u += caches;
    }
    return list;
}

static PyObject *
py_compiled_functions(PyObject *self, PyObject *unused)
{
    (void) self;
    (void) unused;
    if (atomic_load(&pj_worker_done))
        pj_worker_install();
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    for (size_t i = 0; i < pj_jit.ninfos; i++) {
        PjCompiledInfo *in = &pj_jit.infos[i];
        PyObject *hash = hash_text(in->code_hash);
        PyObject *d =
            hash == NULL
                ? NULL
                : Py_BuildValue("{s:s,s:s,s:i,s:i,s:i,s:O,s:i,s:n,s:{s:d,s:d,s:d,s:d},s:s,s:i,s:O,"
                                "s:l,s:l,s:O}",
                                "qualname", in->qualname, "filename", in->filename, "firstlineno",
                                in->firstlineno, "bytecode_instrs", in->bc_instrs, "llvm_instrs",
                                in->llvm_instrs, "background", in->background ? Py_True : Py_False,
                                "unboxed_loops", in->unboxed_loops, "code_bytes",
                                (Py_ssize_t) in->code_bytes, "compile_time_s", "frontend",
                                in->t_frontend, "lower", in->t_lower, "llvm_opt", in->t_llvm_opt,
                                "codegen", in->t_codegen, "tier",
                                in->optimized ? "optimized" : "baseline", "compilations", in->tiers,
                                "code_hash", hash, "deopts", in->deopts, "calls_before", in->calls,
                                "cached", in->cached ? Py_True : Py_False);
        Py_XDECREF(hash);
        /* Its code object, while alive: the interpreter's feedback in it, and the unboxing
         * seed of its last compilation (the types of its locals then). */
        PyCodeObject *co = in->code;
        PyObject *fb = co != NULL ? live_feedback(co) : PyList_New(0);
        PjCodeState *st = co != NULL ? pj_state_get(co) : NULL;
        PyObject *seed = PyList_New(0);
        for (int k = 0; seed != NULL && st != NULL && st->seed != NULL && k < st->nseed; k++) {
            PyObject *v = PyLong_FromLong(st->seed[k]);
            if (v == NULL || PyList_Append(seed, v) < 0)
                Py_CLEAR(seed);
            Py_XDECREF(v);
        }
        if (d == NULL || fb == NULL || seed == NULL ||
            PyDict_SetItemString(d, "feedback", fb) < 0 ||
            PyDict_SetItemString(d, "seed", seed) < 0 || PyList_Append(list, d) < 0) {
            Py_XDECREF(d);
            Py_XDECREF(fb);
            Py_XDECREF(seed);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(fb);
        Py_DECREF(seed);
        Py_DECREF(d);
    }
    return list;
}

static PyObject *
py_code_hash(PyObject *self, PyObject *func)
{
    (void) self;
    PyCodeObject *co = code_of(func);
    return co != NULL ? hash_text(pj_code_hash(co)) : NULL;
}

/* The profile's functions (pyjit.load_profile checked the file): a dict
 * (filename, qualname, firstlineno) -> (code hash as an int, feedback: a list of
 * [unit, opcode name, counter moved], seed: a list of ints), or None to forget it.
 * Code objects seen from now on that it names compile at their first call. */
static PyObject *
py_set_profile(PyObject *self, PyObject *arg)
{
    (void) self;
    if (arg != Py_None && !PyDict_CheckExact(arg)) {
        PyErr_SetString(PyExc_TypeError, "_set_profile: a dict or None");
        return NULL;
    }
    Py_XSETREF(pj_jit.profile, arg == Py_None ? NULL : PyDict_Copy(arg));
    if (arg != Py_None && pj_jit.profile == NULL)
        return NULL;
    pj_jit.profile_matched = pj_jit.profile_stale = 0;
    Py_RETURN_NONE;
}

/* _set_cache(dir, versions): the persistent code cache in `dir` (None: off); `versions`
 * names this Python, pyjit and its build, part of every key. */
static PyObject *
py_set_cache(PyObject *self, PyObject *args)
{
    (void) self;
    const char *dir = NULL, *versions = "";
    if (!PyArg_ParseTuple(args, "zs:_set_cache", &dir, &versions))
        return NULL;
    if (pj_jit.engine == NULL)
        Py_RETURN_FALSE;
    if (pj_engine_set_cache(pj_jit.engine, dir, versions) < 0)
        Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}

static PyObject *
py_wait_compiled(PyObject *self, PyObject *unused)
{
    (void) self;
    (void) unused;
    pj_worker_wait();
    Py_RETURN_NONE;
}

static PyObject *
py_print_stats(PyObject *self, PyObject *unused)
{
    (void) self;
    (void) unused;
    fflush(stdout);
    pj_stats_print(stderr);
    fflush(stderr);
    Py_RETURN_NONE;
}

static PyObject *
py_stop_background(PyObject *self, PyObject *unused)
{
    (void) self;
    (void) unused;
    pj_worker_shutdown();
    Py_RETURN_NONE;
}

static PyObject *
py_log(PyObject *self, PyObject *args)
{
    (void) self;
    const char *kinds = NULL;
    if (!PyArg_ParseTuple(args, "|z:log", &kinds))
        return NULL;
    if (kinds != NULL) {
        int mask = pj_log_parse(kinds, 0);
        if (mask < 0) {
            PyErr_Format(PyExc_ValueError,
                         "pyjit.log: unknown event kind in %R (known: fallback, compile, deopt, "
                         "recompile, all)",
                         PyTuple_GET_ITEM(args, 0));
            return NULL;
        }
        pj_jit.log = mask;
    }
    PyObject *out = PyList_New(0);
    for (int bit = 1; out != NULL && bit <= PJ_LOG_RECOMPILE; bit <<= 1) {
        if (!(pj_jit.log & bit))
            continue;
        PyObject *name = PyUnicode_FromString(pj_log_name(bit));
        if (name == NULL || PyList_Append(out, name) < 0)
            Py_CLEAR(out);
        Py_XDECREF(name);
    }
    return out;
}

static PyMethodDef methods[] = {
    { "log", py_log, METH_VARARGS,
      "log(kinds=None)\n--\n\nSet the events logged on stderr ('compile,deopt', '' for none); "
      "returns the kinds now logged." },
    { "_stop_background", py_stop_background, METH_NOARGS,
      "At exit: the compile thread stops (after the job it is compiling)." },
    { "enable", (PyCFunction) (void (*)(void)) py_enable, METH_VARARGS | METH_KEYWORDS,
      "enable(threshold=None)\n--\n\nInstall the JIT for this interpreter." },
    { "disable", py_disable, METH_NOARGS, "Remove the JIT's frame-evaluation hook." },
    { "is_enabled", py_is_enabled, METH_NOARGS, "Whether the JIT's hook is installed." },
    { "compile", py_compile, METH_O, "Compile a function now; True if it is compiled." },
    { "is_compiled", py_is_compiled, METH_O, "Whether a function has native code." },
    { "fallback_reason", py_fallback_reason, METH_O,
      "Why a function could not be compiled, or None." },
    { "stats", py_stats, METH_NOARGS, "Statistics as a dict." },
    { "_test_crash", py_test_crash, METH_NOARGS,
      "For pyjit's tests: crash with SIGSEGV inside a runtime helper." },
    { "dump", py_dump, METH_VARARGS,
      "dump(func, stage) -> str for 'bytecode', 'ir.build', 'ir', 'llvm' or 'asm'." },
    { "compiled_functions", py_compiled_functions, METH_NOARGS,
      "Every function compiled so far: qualname, filename, firstlineno, sizes, stage times." },
    { "print_stats", py_print_stats, METH_NOARGS, "Print the statistics to stderr." },
    { "code_hash", py_code_hash, METH_O,
      "The hash of a function's bytecode that profiles record (16 hex digits)." },
    { "_set_cache", py_set_cache, METH_VARARGS,
      "_set_cache(dir, versions): the persistent code cache's folder (None: off); False if "
      "it cannot be used." },
    { "_set_profile", py_set_profile, METH_O,
      "Functions of a loaded profile: {(filename, qualname, firstlineno): (hash, feedback, "
      "seed)} or None." },
    { "wait_compiled", py_wait_compiled, METH_NOARGS,
      "Wait until the compile thread has installed every queued function." },
    { NULL, NULL, 0, NULL },
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    "pyjit._pyjit",
    "pyjit's engine (see the pyjit package).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit__pyjit(void);

PyMODINIT_FUNC
PyInit__pyjit(void)
{
    if ((Py_Version >> 8) != (PY_VERSION_HEX >> 8)) {
        PyErr_Format(PyExc_ImportError,
                     "pyjit was built for CPython %d.%d.%d and cannot run on %s "
                     "(it reads the interpreter's internal structures)",
                     PY_MAJOR_VERSION, PY_MINOR_VERSION, PY_MICRO_VERSION, Py_GetVersion());
        return NULL;
    }
    if (PyInterpreterState_Get() != PyInterpreterState_Main()) {
        PyErr_SetString(PyExc_ImportError, "pyjit does not support sub-interpreters");
        return NULL;
    }
    if (jit_init() < 0)
        return NULL;
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL)
        return NULL;
    PyObject *cap = PyCapsule_New((void *) &capi, PJ_CAPI_CAPSULE, NULL);
    if (cap == NULL || PyModule_AddObject(m, "_C_API", cap) < 0) {
        Py_XDECREF(cap);
        Py_DECREF(m);
        return NULL;
    }
    /* Pending calls must not be posted once finalisation has begun (CPython frees their
     * queue's lock); atexit functions run before that. */
    PyObject *atexit = PyImport_ImportModule("atexit");
    PyObject *stop = atexit ? PyObject_GetAttrString(m, "_stop_background") : NULL;
    PyObject *r = stop ? PyObject_CallMethod(atexit, "register", "O", stop) : NULL;
    Py_XDECREF(stop);
    Py_XDECREF(atexit);
    if (r == NULL) {
        Py_DECREF(m);
        return NULL;
    }
    Py_DECREF(r);
    return m;
}
