/* Where CPython 3.11 keeps its list of audit hooks, for the loader (preload.c), which is
 * built without CPython's internal headers and binds nothing from CPython at load time:
 * these are compile-time constants only. */
#include <Python.h>
#include <stddef.h>

#include "internal/pycore_runtime.h"

/* Offsets in _PyRuntime of the list head, and in an entry of its `next` and function. */
const size_t pj_audit_head_offset = offsetof(_PyRuntimeState, audit_hook_head);
const size_t pj_audit_next_offset = offsetof(_Py_AuditHookEntry, next);
const size_t pj_audit_func_offset = offsetof(_Py_AuditHookEntry, hookCFunction);
