/* The runtime symbol table: every function and data object compiled code may refer to,
 * declared once (names, signatures), plus the layout of the per-code runtime data that
 * compiled code reads and writes.
 *
 * Who uses it:
 *   codegen/lower.c  declares each function with its LLVM signature and calls it by name;
 *   codegen/engine.c binds the names to addresses when linking (absolute symbols), so the
 *                    LLVM IR and the object code never contain raw addresses;
 *   runtime/         implements the pj_rt_* helpers and hands the address table over.
 *
 * Ownership of each helper's arguments is stated at its row; "O" arguments are borrowed
 * unless the row says stolen.  Helpers follow CPython's error convention.
 *
 * No CPython header here: types are spelled with the small vocabulary below.
 */
#ifndef PJ_RTDEF_H
#define PJ_RTDEF_H

#include <stdint.h>

/* Type letters: V void, O PyObject*, P other pointer, I int (32-bit), L int64, D double. */

/* clang-format off */
/* X(name, return, parameter count, (parameter types)) */
#define PJ_RT_HELPERS(X)                                                                     \
    /* (tstate, frame, throwflag, reason): leave compiled code -- unlink the frame, undo the \
     * recursion count, and let the interpreter run the frame from prev_instr.  The stack   \
     * entries below stacktop are owned by the frame.  Returns the frame's result (new). */ \
    X(pj_rt_deopt,          O, 4, (P, P, I, I))                                              \
    /* (frame, name index, cache, out): the global or builtin, new ref in *out -> 0;       \
     * not found or unusual globals -> 1 (deopt, the interpreter raises); error -> -1. */   \
    X(pj_rt_load_global,    I, 4, (P, I, P, P))                                              \
    /* (frame, obj stolen, name index, slots): LOAD_METHOD's two stack entries into        \
     * slots[0..1] (owned) -> 0; error -> -1 (obj released). */                             \
    X(pj_rt_load_method, I, 5, (P, O, I, P, P))                                              \
    /* (tstate, base, oparg, kwnames): CALL with base[0..oparg+2) stolen (base[0] may be     \
     * NULL); kwnames (borrowed, may be NULL) names the last arguments.  New ref or NULL. */ \
    X(pj_rt_call,           O, 4, (P, P, I, O))                                              \
    /* (tstate, frame): after the native entry of a direct call returned, clears the callee \
     * frame (its locals, function and code released; a frame object that outlives it     \
     * takes its data) and pops it off the data stack. */                                   \
    X(pj_rt_frame_pop,      V, 2, (P, P))                                                    \
    /* (frame, entry, at_head): whether the function running in `entry` (the caller's own \
     * native code) has newer code installed that takes frames at loop heads: at such a    \
     * head -> 1; elsewhere 0, the eval breaker raised again to ask at the next back edge  \
     * (a bounded number of times per code object). */                                     \
    X(pj_rt_osr_ready,      I, 3, (P, P, I))                                                 \
    /* (frame): the fast paths its code chose from feedback keep missing (PJ_MISS_LIMIT): \
     * the code is retired, the interpreter runs the function again (re-specialising it)  \
     * and compiles it anew (pj_state_fast_paths_stale). */                                \
    X(pj_rt_fast_paths_stale, V, 1, (P))                                                     \
    /* (tstate): service the eval breaker -> 0 go on, -1 error set, 1 deopt. */             \
    X(pj_rt_handle_pending, I, 1, (P))                                                       \
    /* (): whether this thread's C stack is nearly used up (stack.c: a direct call then     \
     * takes the generic path, whose hook continues on a new stack segment) */               \
    X(pj_rt_stack_low,      I, 0, ())                                                        \
    /* (tstate, entry): after a call, the same (newer code installed: ask again at the     \
     * next back edge, pj_rt_osr_ready), then 2 if tracing was switched on. */             \
    X(pj_rt_after_call,     I, 2, (P, P))                                                    \
    /* (tstate): tp_iternext returned NULL -> 0 exhausted (StopIteration cleared),          \
     * -1 error. */                                                                         \
    X(pj_rt_iter_error,     I, 1, (P))                                                       \
    /* (a, b, op): bool(a <op> b) -> 0/1; -1 comparison raised; -2 truth test raised. */    \
    X(pj_rt_compare_bool,   I, 3, (O, O, I))                                                 \
    /* (a, b, NB_* kind): BINARY_OP with one-digit-int and float fast paths in C, for the  \
     * compact lowering of large functions.  New ref or NULL. */                            \
    X(pj_rt_binop,          O, 3, (O, O, I))                                                 \
    /* (container, key): container[key] (both borrowed) as PyObject_GetItem, an exact str \
     * indexed by a small exact int without the protocol's indirections.  New ref or NULL. */ \
    X(pj_rt_getitem,        O, 2, (O, O))                                                    \
    /* (tstate, frame, add_tb, nstack, handler depth, lasti flag): an exception lands at a     \
     * handler: traceback entry (unless re-raised), the stack popped to the handler's depth,   \
     * lasti and the exception written to their slots -> 0; 1: let the interpreter do it     \
     * (a trace function must see the exception). */                                           \
    X(pj_rt_exc_landing, I, 6, (P, P, I, I, I, I))                                             \
    /* (frame, owner, name index, cache): owner.name (owner borrowed), filling the site's  \
     * cache when the attribute lives in the instance's inline values.  New ref or NULL. */ \
    X(pj_rt_load_attr, O, 4, (P, O, I, P))                                                     \
    /* (frame, owner, name index, value, cache): owner.name = value (both borrowed), filling \
     * the site's cache likewise.  0 or -1. */                                                  \
    X(pj_rt_store_attr, I, 5, (P, O, I, O, P))                                                 \
    /* (slot, left, right): *slot = left + right for exact strs with *slot == left, in place  \
     * when the slot holds the last other reference; left and right stolen.  0, or -1 with  \
     * *slot cleared (as the interpreter's BINARY_OP_INPLACE_ADD_UNICODE). */                \
    X(pj_rt_str_append,     I, 3, (P, O, O))                                                 \
    /* a ** b and a **= b (CPython's NoMod variants are not exported). New ref or NULL. */  \
    X(pj_rt_power,          O, 2, (O, O))                                                    \
    /* Unboxed loops (pass_unbox.c) writing their numbers back as objects: (slot, value)   \
     * the local's slot gets the value (its old object released, or rewritten in place    \
     * when only the slot holds it); (value) a new reference.  Never fail: memory for one  \
     * small object missing is fatal. */                                                    \
    X(pj_rt_unboxed_set_f64, V, 2, (P, D))                                                   \
    X(pj_rt_unboxed_set_i64, V, 2, (P, L))                                                   \
    X(pj_rt_unboxed_box_f64, O, 1, (D))                                                      \
    X(pj_rt_unboxed_box_i64, O, 1, (L))                                                      \
    X(pj_rt_inplace_power,  O, 2, (O, O))                                                    \
    /* (tstate, sp): SEND on the frame's slots (see runtime/stackops.c) -> 0 yielded,      \
     * 1 returned, -1 error. */                                                             \
    X(pj_rt_send,           I, 2, (P, P))

/* Instructions run by a stack helper (runtime/stackops.c):
 *   int pj_rt_op_<OPCODE>(PyThreadState *, _PyInterpreterFrame *, PyObject **sp, int oparg)
 * returning 0 done, -1 error (popped entries released), 1 deopt before the instruction.
 * X(opcode, can deopt) */
#define PJ_RT_STACK_OPS(X)                                                                   \
    X(BUILD_TUPLE, 0)                                                                        \
    X(BUILD_LIST, 0)                                                                         \
    X(BUILD_SET, 0)                                                                          \
    X(BUILD_MAP, 0)                                                                          \
    X(BUILD_CONST_KEY_MAP, 0)                                                                \
    X(BUILD_STRING, 0)                                                                       \
    X(BUILD_SLICE, 0)                                                                        \
    X(LIST_APPEND, 0)                                                                        \
    X(SET_ADD, 0)                                                                            \
    X(MAP_ADD, 0)                                                                            \
    X(LIST_EXTEND, 0)                                                                        \
    X(SET_UPDATE, 0)                                                                         \
    X(DICT_UPDATE, 0)                                                                        \
    X(DICT_MERGE, 0)                                                                         \
    X(LIST_TO_TUPLE, 0)                                                                      \
    X(FORMAT_VALUE, 0)                                                                       \
    X(UNPACK_SEQUENCE, 0)                                                                    \
    X(UNPACK_EX, 0)                                                                          \
    X(DELETE_SUBSCR, 0)                                                                      \
    X(DELETE_ATTR, 0)                                                                        \
    X(LOAD_NAME, 1)                                                                          \
    X(STORE_NAME, 1)                                                                         \
    X(DELETE_NAME, 1)                                                                        \
    X(DELETE_GLOBAL, 1)                                                                      \
    X(LOAD_CLASSDEREF, 1)                                                                    \
    X(LOAD_DEREF, 1)                                                                         \
    X(STORE_DEREF, 0)                                                                        \
    X(DELETE_DEREF, 1)                                                                       \
    X(MAKE_CELL, 0)                                                                          \
    X(COPY_FREE_VARS, 0)                                                                     \
    X(MAKE_FUNCTION, 0)                                                                      \
    X(LOAD_BUILD_CLASS, 0)                                                                   \
    X(SETUP_ANNOTATIONS, 1)                                                                  \
    X(IMPORT_NAME, 0)                                                                        \
    X(IMPORT_FROM, 1)                                                                        \
    X(BEFORE_WITH, 0)                                                                        \
    X(CALL_FUNCTION_EX, 0)                                                                   \
    X(LOAD_ASSERTION_ERROR, 0)                                                                     \
    X(PUSH_EXC_INFO, 0)                                                                            \
    X(POP_EXCEPT, 0)                                                                               \
    X(CHECK_EXC_MATCH, 0)                                                                          \
    X(WITH_EXCEPT_START, 0)                                                                        \
    X(RERAISE, 0)                                                                                  \
    X(RAISE_VARARGS, 0)                                                                      \
    X(GET_AWAITABLE, 0)                                                                      \
    X(GET_YIELD_FROM_ITER, 0)                                                                \
    X(GET_AITER, 0)                                                                          \
    X(GET_ANEXT, 0)                                                                          \
    X(BEFORE_ASYNC_WITH, 0)                                                                  \
    X(END_ASYNC_FOR, 0) /* -2: re-raised */                                                  \
    X(ASYNC_GEN_WRAP, 1)                                                                     \
    X(MATCH_MAPPING, 0)                                                                      \
    X(MATCH_SEQUENCE, 0)                                                                     \
    X(MATCH_KEYS, 0)                                                                         \
    X(MATCH_CLASS, 0)                                                                        \
    X(GET_LEN, 0)                                                                            \
    X(IMPORT_STAR, 0)                                                                        \
    X(PRINT_EXPR, 0)

/* CPython API functions called directly by compiled code (borrowed arguments). */
#define PJ_CAPI_FUNCS(X)                                                                     \
    X(PyLong_FromLongLong,  O, 1, (L))                                                       \
    X(PyFloat_FromDouble,   O, 1, (D))                                                       \
    X(PyObject_RichCompare, O, 3, (O, O, I))                                                 \
    X(PyObject_IsTrue,      I, 1, (O))                                                       \
    X(PySequence_Contains,  I, 2, (O, O))                                                    \
    X(PyObject_GetIter,     O, 1, (O))                                                       \
    X(PyDict_SetItem,       I, 3, (O, O, O))                                                 \
    X(PyObject_GetItem,     O, 2, (O, O))                                                    \
    X(PyDict_GetItemWithError, O, 2, (O, O)) /* borrowed result */                         \
    X(PyErr_Occurred,       O, 0, ())        /* borrowed result */                         \
    X(PyUnicode_Concat,     O, 2, (O, O))                                                    \
    X(_PyUnicode_Equal,     I, 2, (O, O))                                                    \
    X(PyObject_SetItem,     I, 3, (O, O, O))                                                 \
    X(PyObject_Size,        L, 1, (O))                                                       \
    X(PyObject_IsInstance,  I, 2, (O, O))                                                    \
    X(_Py_Dealloc,          V, 1, (O))                                                       \
    X(_Py_CheckRecursiveCall, I, 2, (P, P))                                                  \
    X(_PyEval_EvalFrameDefault, O, 3, (P, P, I))                                             \
    X(PyNumber_Negative,    O, 1, (O))                                                       \
    X(PyNumber_Positive,    O, 1, (O))                                                       \
    X(PyNumber_Invert,      O, 1, (O))                                                       \
    X(PyNumber_Add,         O, 2, (O, O))                                                    \
    X(PyNumber_And,         O, 2, (O, O))                                                    \
    X(PyNumber_FloorDivide, O, 2, (O, O))                                                    \
    X(PyNumber_Lshift,      O, 2, (O, O))                                                    \
    X(PyNumber_MatrixMultiply, O, 2, (O, O))                                                 \
    X(PyNumber_Multiply,    O, 2, (O, O))                                                    \
    X(PyNumber_Remainder,   O, 2, (O, O))                                                    \
    X(PyNumber_Or,          O, 2, (O, O))                                                    \
    X(PyNumber_Rshift,      O, 2, (O, O))                                                    \
    X(PyNumber_Subtract,    O, 2, (O, O))                                                    \
    X(PyNumber_TrueDivide,  O, 2, (O, O))                                                    \
    X(PyNumber_Xor,         O, 2, (O, O))                                                    \
    X(PyNumber_InPlaceAdd,  O, 2, (O, O))                                                    \
    X(PyNumber_InPlaceAnd,  O, 2, (O, O))                                                    \
    X(PyNumber_InPlaceFloorDivide, O, 2, (O, O))                                             \
    X(PyNumber_InPlaceLshift, O, 2, (O, O))                                                  \
    X(PyNumber_InPlaceMatrixMultiply, O, 2, (O, O))                                          \
    X(PyNumber_InPlaceMultiply, O, 2, (O, O))                                                \
    X(PyNumber_InPlaceRemainder, O, 2, (O, O))                                               \
    X(PyNumber_InPlaceOr,   O, 2, (O, O))                                                    \
    X(PyNumber_InPlaceRshift, O, 2, (O, O))                                                  \
    X(PyNumber_InPlaceSubtract, O, 2, (O, O))                                                \
    X(PyNumber_InPlaceTrueDivide, O, 2, (O, O))                                              \
    X(PyNumber_InPlaceXor,  O, 2, (O, O))

/* CPython data objects compiled code compares against or reads (by address). */
#define PJ_CAPI_DATA(X)                                                                      \
    X(PyLong_Type)                                                                           \
    X(PyFloat_Type)                                                                          \
    X(PyRangeIter_Type)                                                                            \
    X(PyList_Type)                                                                                 \
    X(PyTuple_Type)                                                                                \
    X(PyListIter_Type)                                                                             \
    X(PyUnicode_Type)                                                                              \
    X(PyDict_Type)                                                                             \
    X(PyTupleIter_Type)                                                                      \
    X(PyFunction_Type)                                                                       \
    X(PyCFunction_Type)                                                                      \
    X(PyMethodDescr_Type)                                                                    \
    X(_Py_TrueStruct)                                                                        \
    X(_Py_FalseStruct)                                                                       \
    X(_Py_NoneStruct)                                                                        \
    X(_PyRuntime) /* the small-int cache */
/* clang-format on */

/* pyjit's own data compiled code reads: the builtins its calls recognise (set at start-up
 * from the builtins module; math.sqrt once a compilation finds the math module imported;
 * a call site compares the callee with them, so rebinding the name is always seen). */
#define PJ_RT_DATA(X)                                                                              \
    X(pj_direct)                                                                                   \
    X(pj_builtin_len)                                                                              \
    X(pj_builtin_isinstance)                                                                       \
    X(pj_math_sqrt)

/* The binary-op function for each BINARY_OP oparg (NB_*), in CPython's order. */
#define PJ_BINOP_FUNCS                                                                             \
    "PyNumber_Add", "PyNumber_And", "PyNumber_FloorDivide", "PyNumber_Lshift",                     \
        "PyNumber_MatrixMultiply", "PyNumber_Multiply", "PyNumber_Remainder", "PyNumber_Or",       \
        "pj_rt_power", "PyNumber_Rshift", "PyNumber_Subtract", "PyNumber_TrueDivide",              \
        "PyNumber_Xor", "PyNumber_InPlaceAdd", "PyNumber_InPlaceAnd",                              \
        "PyNumber_InPlaceFloorDivide", "PyNumber_InPlaceLshift", "PyNumber_InPlaceMatrixMultiply", \
        "PyNumber_InPlaceMultiply", "PyNumber_InPlaceRemainder", "PyNumber_InPlaceOr",             \
        "pj_rt_inplace_power", "PyNumber_InPlaceRshift", "PyNumber_InPlaceSubtract",               \
        "PyNumber_InPlaceTrueDivide", "PyNumber_InPlaceXor"

/* One symbol the engine binds: name and address. */
typedef struct PjSymbol {
    const char *name;
    void *addr;
    int is_data;
} PjSymbol;

/* ---- Direct calls (lower.c's call fast path, helpers.c's direct_call) ------------------- */

/* What a compiled caller reads to call a compiled Python function itself: `pj_direct`. */
typedef struct PjDirectCalls {
    /* The interpreter's eval_frame while compiled code may bypass it: pyjit's hook, or an
     * address no interpreter has when PYJIT_DIRECT_CALLS=0. */
    void *hook;
    int64_t extra_index; /* co_extra index of the code states (huge: none yet) */
    int64_t count;       /* direct calls made (stats direct_calls) */
} PjDirectCalls;

/* The head of a code state (runtime.h's PjCodeState begins with these fields). */
typedef struct PjCallTarget {
    void *entry;  /* native entry, NULL until compiled */
    void *rd;     /* its PjRuntimeData */
    int32_t argc; /* positional parameters a plain call fills (-1: *args, **kwargs or
                   * keyword-only parameters, never called directly; also while the hook
                   * counts the calls of baseline code waiting for its optimised code) */
    /* The code object's, cached next to the entry: deriving them at the call site (two
     * more loads from the code object and an add) made fib 5% slower. */
    int32_t nlocalsplus;
    int32_t frame_words; /* nlocalsplus + stacksize + the frame's specials */
} PjCallTarget;

/* ---- Per-code runtime data (allocated by runtime/, read by compiled code) --------------- */

/* One LOAD_GLOBAL site: valid while both dicts are the cached ones at the cached versions
 * (ma_version_tag changes on every mutation and is unique across dicts).  `value` is
 * borrowed: the dict holds it as long as the version stands. */
typedef struct PjGlobalCache {
    void *globals;
    void *builtins;
    uint64_t globals_version;
    uint64_t builtins_version;
    void *value;
} PjGlobalCache;

/* One LOAD_ATTR/STORE_ATTR site: an attribute kept in the instance's inline values (3.11's
 * managed dicts), valid while the object's type has version `type_version` (never 0): the
 * type then still has no data descriptor of that name, and the shared keys of its instances
 * still hold the name at `index`.  The same test as 3.11's LOAD_ATTR_INSTANCE_VALUE. */
typedef struct PjAttrCache {
    uint32_t type_version;
    uint32_t index;  /* in the inline values */
    uint32_t offset; /* nonzero: a __slots__ member at this byte offset in the object instead
                      * (the type's member descriptor, as LOAD_ATTR_SLOT) */
    uint32_t misses; /* slow-path visits: a site that keeps missing stops trying to fill */
} PjAttrCache;

/* One LOAD_METHOD site: a method found on the type (a function or method descriptor,
 * borrowed: the type holds it while its version stands) and not shadowed by the instance,
 * as 3.11's LOAD_METHOD_NO_DICT (kind 1: instances have no dict) and LOAD_METHOD_WITH_VALUES
 * (kind 2: inline values whose shared keys -- `keys`, still with `nentries` entries -- do
 * not hold the name). */
typedef struct PjMethodCache {
    uint32_t type_version;
    uint32_t nentries;
    void *descr;
    void *keys;
    uint32_t kind;
    uint32_t misses;
} PjMethodCache;

/* The third argument of every compiled entry point: the function's site caches, global
 * caches first, then attribute caches, then method caches. */
typedef struct PjRuntimeData {
    int nglobal_caches;
    int nattr_caches;
    int nmethod_caches;
    /* Times a fast path chosen by the interpreter's feedback found other types (compiled
     * code counts them; at PJ_MISS_LIMIT it calls pj_rt_fast_paths_stale). */
    int misses;
    PjGlobalCache global_caches[];
} PjRuntimeData;

/* Misses of feedback-chosen fast paths after which a function is compiled again. */
#define PJ_MISS_LIMIT 10000

static inline PjAttrCache *
pj_rd_attr_caches(PjRuntimeData *rd)
{
    return (PjAttrCache *) &rd->global_caches[rd->nglobal_caches];
}

static inline PjMethodCache *
pj_rd_method_caches(PjRuntimeData *rd)
{
    return (PjMethodCache *) &pj_rd_attr_caches(rd)[rd->nattr_caches];
}

/* pj_rt_deopt's throwflag: 0 deopt (resume at prev_instr + 1), 1 exception raised at
 * prev_instr (the interpreter adds the traceback entry and unwinds: for handlers it runs),
 * PJ_EXIT_RAISE raised with no handler in the function, PJ_EXIT_PROPAGATE an
 * exception re-raised with no handler here (no new traceback entry: leave the function). */
#define PJ_EXIT_RAISE 2 /* raised at prev_instr, no handler here: unwind natively */
#define PJ_EXIT_PROPAGATE 3
#define PJ_EXIT_OSR 4 /* newer compiled code of the function continues at prev_instr + 1 */

/* Deopt reasons (pj_rt_deopt's last argument; stats()["deopt_reasons"]). */
#define PJ_DEOPT_REASONS(X)                                                                        \
    X(ERROR, "exception")                                                                          \
    X(UNBOUND_LOCAL, "unbound local")                                                              \
    X(GLOBAL_MISS, "global not found or unusual globals")                                          \
    X(TRACING, "tracing switched on")                                                              \
    X(EVAL_BREAKER, "eval breaker")                                                                \
    X(RAISE, "raise statement")                                                                    \
    X(HELPER, "instruction left to the interpreter")                                               \
    X(UNBOX_GUARD, "unboxed loop entered with other types")                                        \
    X(UNBOX_RANGE, "unboxed arithmetic left the machine type")                                     \
    X(UNBOX_ITEM, "unboxed item read found another type or index")                                 \
    X(UNBOX_CALLEE, "unboxed call found another callee")

typedef enum PjDeoptReason {
#define X(name, text) PJ_DEOPT_##name,
    PJ_DEOPT_REASONS(X)
#undef X
        PJ_DEOPT__COUNT
} PjDeoptReason;

/* The compiled entry point: the eval-hook signature plus the runtime data. */
struct _ts;
struct _PyInterpreterFrame;
struct _object;
typedef struct _object *(*PjEntry)(struct _ts *tstate, struct _PyInterpreterFrame *frame,
                                   PjRuntimeData *rd);

#endif
