/* pyjit's C API for embedders.
 *
 * Link with -lpyjit (libpyjit.so, the same library LD_PRELOAD uses).  Call these after
 * Py_Initialize(), with the GIL held, from the main interpreter.  They load the pyjit
 * package (the engine) on first use: it must be importable, or installed beside
 * libpyjit.so as `cmake --install` does.  Errors follow CPython's convention: -1 or NULL
 * with a Python exception set.
 */
#ifndef PYJIT_PYJIT_H
#define PYJIT_PYJIT_H

#include <Python.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PYJIT_VERSION_MAJOR 0
#define PYJIT_VERSION_MINOR 1

/* Installs the frame-evaluation hook: hot functions compile from now on.  Harmless when
 * already enabled.  0, or -1 with an exception. */
int pyjit_enable(void);
/* Removes the hook; compiled code stays valid and is used again after pyjit_enable(). */
int pyjit_disable(void);
/* 1 enabled, 0 not, -1 error. */
int pyjit_is_enabled(void);
/* Calls a function runs in the interpreter before it is compiled (0: at its first call). */
int pyjit_set_threshold(long calls);
/* Compiles a function (or code object) now: 1 compiled, 0 it cannot be (the reason is
 * counted in the stats), -1 error. */
int pyjit_compile(PyObject *func);
/* The statistics dictionary, as pyjit.stats() returns it.  New reference or NULL. */
PyObject *pyjit_stats(void);

#ifdef __cplusplus
}
#endif

#endif
