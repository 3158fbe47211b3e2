/* libpyjit.so: the LD_PRELOAD entry and the C API for embedders (include/pyjit/pyjit.h).
 *
 * LD_PRELOAD is inherited by every child process -- shells, git, compilers, other Python
 * versions -- so this library binds nothing from CPython and nothing from LLVM at load
 * time (FACTS.md section E).  Its constructor looks the host up with dlsym: only in a
 * CPython 3.11 process does it register an audit hook, and only when that interpreter
 * announces it is about to run the user's code (the cpython.run_* audit events) does it
 * import the pyjit package -- whose engine module holds the one JIT state of the process
 * -- and enable the JIT.  Everywhere else it stays inert.
 *
 * This file is compiled without Py_BUILD_CORE and without linking libpython: every
 * CPython function is reached through dlsym(RTLD_DEFAULT, ...).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyjit/pyjit.h"
#include "runtime/capi.h"

#define PJ_EXPORT __attribute__((visibility("default")))

typedef int (*AuditHook)(const char *event, PyObject *args, void *data);

/* The CPython functions the loader uses, resolved at first need. */
static struct {
    int ready;
    int (*add_audit_hook)(AuditHook, void *);
    PyObject *(*dict_new)(void);
    int (*dict_set_item_string)(PyObject *, const char *, PyObject *);
    PyObject *(*unicode_from_string)(const char *);
    PyObject *(*long_from_long)(long);
    PyObject *(*run_string)(const char *, int, PyObject *, PyObject *);
    void (*decref)(PyObject *);
    void *(*capsule_import)(const char *, int);
    void (*err_set_string)(PyObject *, const char *);
    PyObject **runtime_error;
} py;

static const PjCApi *api;
static int preload_done;

static int audit_hook(const char *event, PyObject *args, void *data);

static int
resolve(void)
{
    if (py.ready)
        return 0;
#define SYM(field, name)                                                                           \
    do {                                                                                           \
        *(void **) &py.field = dlsym(RTLD_DEFAULT, name);                                          \
        if (py.field == NULL)                                                                      \
            return -1;                                                                             \
    } while (0)
    SYM(add_audit_hook, "PySys_AddAuditHook");
    SYM(dict_new, "PyDict_New");
    SYM(dict_set_item_string, "PyDict_SetItemString");
    SYM(unicode_from_string, "PyUnicode_FromString");
    SYM(long_from_long, "PyLong_FromLong");
    SYM(run_string, "PyRun_String");
    SYM(decref, "Py_DecRef");
    SYM(capsule_import, "PyCapsule_Import");
    SYM(err_set_string, "PyErr_SetString");
    SYM(runtime_error, "PyExc_RuntimeError");
#undef SYM
    py.ready = 1;
    return 0;
}

/* Only the CPython pyjit was built for qualifies: Py_Version (new in 3.11) with the same
 * major.minor.micro.  Any other interpreter -- 3.12, or a 3.11 of another micro
 * version, whose internal structures may differ -- runs untouched and silently. */
static int
host_is_target_python(void)
{
    const unsigned long *version = dlsym(RTLD_DEFAULT, "Py_Version");
    return version != NULL && (*version >> 8) == ((unsigned long) PY_VERSION_HEX >> 8);
}

static const char *
library_path(void)
{
    Dl_info info;
    if (dladdr((void *) &library_path, &info) && info.dli_fname != NULL)
        return info.dli_fname;
    return "";
}

/* Imports the pyjit package -- from sys.path, else from the build or install tree next to
 * this library (build/lib/libpyjit.so -> build/python/pyjit) -- without touching sys.path,
 * and optionally enables the JIT from the environment (PYJIT, PYJIT_THRESHOLD, ...). */
static const char boot_source[] =
    "def _pyjit_boot(libpath, enable):\n"
    "    import sys, os, importlib.util\n"
    "    mod = sys.modules.get('pyjit')\n"
    "    if mod is None:\n"
    "        spec = importlib.util.find_spec('pyjit')\n"
    "        if spec is None:\n"
    "            root = os.path.dirname(os.path.dirname(os.path.realpath(libpath)))\n"
    "            for pkg in (os.path.join(root, 'python', 'pyjit'),):\n"
    "                if os.path.exists(os.path.join(pkg, '__init__.py')):\n"
    "                    spec = importlib.util.spec_from_file_location(\n"
    "                        'pyjit', os.path.join(pkg, '__init__.py'),\n"
    "                        submodule_search_locations=[pkg])\n"
    "                    break\n"
    "        if spec is None:\n"
    "            raise ImportError('pyjit package not found on sys.path nor near ' + libpath)\n"
    "        mod = importlib.util.module_from_spec(spec)\n"
    "        sys.modules['pyjit'] = mod\n"
    "        try:\n"
    "            spec.loader.exec_module(mod)\n"
    "        except BaseException:\n"
    "            del sys.modules['pyjit']\n"
    "            raise\n"
    "    if enable:\n"
    "        mod._enable_from_env('LD_PRELOAD')\n"
    "if quiet:\n"
    "    try:\n"
    "        _pyjit_boot(libpath, enable)\n"
    "    except Exception as e:\n"
    "        import sys\n"
    "        sys.stderr.write('pyjit: LD_PRELOAD could not enable the JIT: %s\\n' % (e,))\n"
    "else:\n"
    "    _pyjit_boot(libpath, enable)\n";

/* 0, or -1 with a Python exception set (never when quiet). */
static int
boot(int enable, int quiet)
{
    PyObject *g = py.dict_new();
    if (g == NULL)
        return -1;
    int rc = -1;
    PyObject *path = py.unicode_from_string(library_path());
    PyObject *en = py.long_from_long(enable);
    PyObject *q = py.long_from_long(quiet);
    if (path && en && q && py.dict_set_item_string(g, "libpath", path) == 0 &&
        py.dict_set_item_string(g, "enable", en) == 0 &&
        py.dict_set_item_string(g, "quiet", q) == 0) {
        PyObject *r = py.run_string(boot_source, 257 /* Py_file_input */, g, g);
        if (r != NULL) {
            py.decref(r);
            rc = 0;
        }
    }
    if (path)
        py.decref(path);
    if (en)
        py.decref(en);
    if (q)
        py.decref(q);
    py.decref(g);
    return rc;
}

extern const size_t pj_audit_head_offset, pj_audit_next_offset, pj_audit_func_offset;

/* Takes this library's audit hook out of CPython's list once it has done its job.  The
 * constructor added it before the interpreter chose its memory allocators, so its entry
 * came from plain malloc; with debug allocators (-X dev, PYTHONMALLOC=debug) the
 * interpreter's exit would free it through them and abort.  The entry is unlinked, not
 * freed: the caller is walking the list and reads its `next` after this hook returns.
 * (It also spares every later audited event the call.) */
static void
unlink_audit_hook(void)
{
    char *runtime = dlsym(RTLD_DEFAULT, "_PyRuntime");
    if (runtime == NULL)
        return;
    char **link = (char **) (runtime + pj_audit_head_offset);
    while (*link != NULL) {
        char *entry = *link;
        void *fn;
        memcpy(&fn, entry + pj_audit_func_offset, sizeof fn);
        if (fn == (void *) audit_hook) {
            memcpy(link, entry + pj_audit_next_offset, sizeof(char *));
            return;
        }
        link = (char **) (entry + pj_audit_next_offset);
    }
}

static int
audit_hook(const char *event, PyObject *args, void *data)
{
    (void) args;
    (void) data;
    if (preload_done || strncmp(event, "cpython.run_", 12) != 0)
        return 0;
    preload_done = 1; /* before boot: it raises audit events of its own */
    unlink_audit_hook();
    boot(1, 1);
    return 0;
}

__attribute__((constructor)) static void
pyjit_preload_init(void)
{
    const char *v = getenv("PYJIT");
    if (v != NULL && strcmp(v, "0") == 0)
        return;
    if (!host_is_target_python() || resolve() < 0)
        return; /* not our interpreter: stay inert */
    py.add_audit_hook(audit_hook, NULL);
}

/* ---- C API for embedders ---------------------------------------------------------------- */

static const PjCApi *
get_api(void)
{
    if (api != NULL)
        return api;
    if (!host_is_target_python() || resolve() < 0) {
        fprintf(stderr, "pyjit: the C API needs an initialised CPython %d.%d.%d in this process\n",
                PY_MAJOR_VERSION, PY_MINOR_VERSION, PY_MICRO_VERSION);
        return NULL;
    }
    if (boot(0, 0) < 0)
        return NULL;
    const PjCApi *a = py.capsule_import(PJ_CAPI_CAPSULE, 0);
    if (a == NULL)
        return NULL;
    if (a->version != PJ_CAPI_VERSION) {
        py.err_set_string(*py.runtime_error, "pyjit: libpyjit.so and the pyjit package differ");
        return NULL;
    }
    api = a;
    return api;
}

PJ_EXPORT int
pyjit_enable(void)
{
    const PjCApi *a = get_api();
    return a ? a->enable() : -1;
}

PJ_EXPORT int
pyjit_disable(void)
{
    const PjCApi *a = get_api();
    return a ? a->disable() : -1;
}

PJ_EXPORT int
pyjit_is_enabled(void)
{
    const PjCApi *a = get_api();
    return a ? a->is_enabled() : -1;
}

PJ_EXPORT int
pyjit_set_threshold(long calls)
{
    const PjCApi *a = get_api();
    return a ? a->set_threshold(calls) : -1;
}

PJ_EXPORT int
pyjit_compile(PyObject *func)
{
    const PjCApi *a = get_api();
    return a ? a->compile(func) : -1;
}

PJ_EXPORT PyObject *
pyjit_stats(void)
{
    const PjCApi *a = get_api();
    return a ? (PyObject *) a->stats() : NULL;
}
