/* The only includer of CPython's headers (public and 3.11 internal ones).
 *
 * Everything in src/ that needs CPython's structures includes this file; headers that C++
 * tests see (include/pyjit/, src/ *.h that tests use) never do, so pycore_* stays out of
 * C++.  Py_BUILD_CORE_MODULE is defined by the build (CMake) for every C file of the
 * engine: it unlocks the internal headers and keeps PyInit_* exported.
 */
#ifndef PJ_CPYTHON_H
#define PJ_CPYTHON_H

#ifndef Py_BUILD_CORE_MODULE
#error "pyjit engine sources must be compiled with Py_BUILD_CORE_MODULE (see CMakeLists.txt)"
#endif

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <frameobject.h>
#include <opcode.h>

#include "internal/pycore_atomic.h"
#include "internal/pycore_ceval.h"
#include "internal/pycore_code.h"
#include "internal/pycore_dict.h"
#include "internal/pycore_frame.h"
#include "internal/pycore_interp.h"
#include "internal/pycore_pystate.h"
#include "internal/pycore_long.h"

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030C0000
#error "pyjit targets CPython 3.11 only"
#endif

/* The code-unit index of the instruction `prev_instr` points at, from the start of the
 * adaptive code. */
static inline int
pj_frame_lasti(const _PyInterpreterFrame *frame)
{
    return (int) (frame->prev_instr - _PyCode_CODE(frame->f_code));
}

#endif
