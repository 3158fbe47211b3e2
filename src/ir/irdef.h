/* The pyjit IR op table -- every op declared once, expanded into the enum, the printer
 * and the flags table.
 *
 * PJ_IRDEF(X): X(name, result type, operand count (-1: variable), flags, immediates)
 *
 * Flags:
 *   PJ_IRF_RAISE    may raise: carries the frame state of its error exit (fs)
 *   PJ_IRF_DEOPT    may deoptimise: carries the frame state to resume from (fs_deopt)
 *   PJ_IRF_CALL     may run arbitrary Python code (so the frame must be current)
 *   PJ_IRF_TERM     terminates its block
 *   PJ_IRF_STEALS   consumes (steals) every object operand, on every path
 *
 * Ownership: unless STEALS is set, object operands are borrowed.  Object results are
 * "new" (owned by the value) except where the comment says borrowed.  Reference counts
 * are explicit ops (incref/decref/xdecref) placed by the builder.
 */
#ifndef PJ_IR_IRDEF_H
#define PJ_IR_IRDEF_H

/* clang-format off */
#define PJ_IRDEF(X)                                                                          \
    /* values */                                                                             \
    X(param,        OBJ,  0, 0, "")          /* block parameter (owned stack entry)  */     \
    X(null,         OBJ,  0, 0, "")          /* the NULL stack marker               */      \
    X(none,         OBJ,  0, 0, "")          /* borrowed Py_None                    */      \
    X(const_obj,    OBJ,  0, 0, "k")         /* borrowed co_consts[k]               */      \
    X(load_local,   OBJ,  0, 0, "l")         /* borrowed localsplus[l], may be NULL */      \
    X(store_local,  VOID, 1, PJ_IRF_STEALS, "l") /* localsplus[l] = v (old value untouched) */ \
    X(load_stack,   OBJ,  0, 0, "s")         /* owned ref taken from value-stack slot s */  \
    X(store_stack,  VOID, 1, PJ_IRF_STEALS, "s") /* value-stack slot s = v              */  \
    /* reference counts */                                                                   \
    X(incref,       VOID, 1, 0, "")                                                          \
    X(decref,       VOID, 1, PJ_IRF_CALL, "")                                                \
    X(xdecref,      VOID, 1, PJ_IRF_CALL, "")                                                \
    /* guards */                                                                             \
    X(check_bound,  VOID, 1, PJ_IRF_DEOPT, "") /* deopt if v is NULL (unbound local)  */    \
    /* after a call: service the eval breaker; deopt if tracing was switched on */         \
    X(after_call,   VOID, 0, PJ_IRF_RAISE | PJ_IRF_DEOPT | PJ_IRF_CALL, "")                  \
    X(poll,         VOID, 0, PJ_IRF_RAISE | PJ_IRF_DEOPT | PJ_IRF_CALL, "") /* eval breaker */ \
    /* Python operations */                                                                  \
    X(load_global,  OBJ,  0, PJ_IRF_RAISE | PJ_IRF_DEOPT | PJ_IRF_CALL, "nc") /* name n, cache c */ \
    X(store_global, VOID, 1, PJ_IRF_RAISE | PJ_IRF_CALL, "n")                                \
    X(binop,        OBJ,  2, PJ_IRF_RAISE | PJ_IRF_CALL, "b")                                \
    /* lhs <op> rhs stored into local l (BINARY_OP then STORE_FAST): a number result may  \
     * reuse the local's dying old object; for + a str whose only other reference is that  \
     * local grows in place, as BINARY_OP_INPLACE_ADD_UNICODE; fs2: that path's error,      \
     * operands consumed */                                                                  \
    X(binop_store,    VOID, 2, PJ_IRF_RAISE | PJ_IRF_CALL | PJ_IRF_STEALS, "bl")               \
    X(unop,         OBJ,  1, PJ_IRF_RAISE | PJ_IRF_CALL, "u")                                \
    X(compare,      OBJ,  2, PJ_IRF_RAISE | PJ_IRF_CALL, "o")                                \
    X(compare_bool, BOOL, 2, PJ_IRF_RAISE | PJ_IRF_CALL, "o") /* fs2: error of the truth test */ \
    X(truth,        BOOL, 1, PJ_IRF_RAISE | PJ_IRF_CALL, "")                                 \
    X(contains,     BOOL, 2, PJ_IRF_RAISE | PJ_IRF_CALL, "")  /* b in a                 */  \
    X(is,           BOOL, 2, 0, "")                                                          \
    X(is_null,      BOOL, 1, 0, "")                                                          \
    X(bool_not,     BOOL, 1, 0, "")                                                          \
    X(box_bool,     OBJ,  1, 0, "")          /* new ref to True/False               */      \
    X(load_attr,    OBJ,  1, PJ_IRF_RAISE | PJ_IRF_CALL, "nc") /* owner.name; attr cache c */ \
    X(store_attr,   VOID, 2, PJ_IRF_RAISE | PJ_IRF_CALL, "nc") /* owner.name = value */      \
    X(subscr,       OBJ,  2, PJ_IRF_RAISE | PJ_IRF_CALL, "")   /* container[key] */          \
    X(store_subscr, VOID, 3, PJ_IRF_RAISE | PJ_IRF_CALL, "")   /* container[key] = value */  \
    X(get_iter,     OBJ,  1, PJ_IRF_RAISE | PJ_IRF_CALL, "")                                 \
    X(iter_next,    OBJ,  1, PJ_IRF_RAISE | PJ_IRF_CALL, "l") /* NULL when exhausted; l: the \
     * local the item goes to next (-1: none), whose dying old int may carry it */          \
    X(load_method,  VOID, 1, PJ_IRF_RAISE | PJ_IRF_CALL | PJ_IRF_STEALS, "nsc") /* slots s, s+1; method cache c */ \
    X(call,         OBJ,  0, PJ_IRF_RAISE | PJ_IRF_CALL, "ask") /* a args from slot s, keyword names co_consts[k] (-1: none) */ \
    /* one instruction run by its stack helper on the frame's slots: pops its operands     \
     * (the args), writes its results (read back with load_stack); may deoptimise when it   \
     * has an fsd */                                                                        \
    X(sop,          VOID, -1, PJ_IRF_RAISE | PJ_IRF_CALL | PJ_IRF_STEALS, "pad")             \
    /* generators: SEND of the value v (stolen) to the receiver below it, slot s one past  \
     * v -- true: the receiver returned (its result replaces it in its slot), false: it    \
     * yielded (the value replaces v in its slot); read back with load_stack */            \
    X(send,         BOOL, 1, PJ_IRF_RAISE | PJ_IRF_CALL | PJ_IRF_STEALS, "s")                \
    /* whether the generator frame resumes after the instruction at code unit U */          \
    X(resumed_at,   BOOL, 0, 0, "U")                                                         \
    /* terminators */                                                                        \
    X(br,           VOID, 0, PJ_IRF_TERM, "")                                                \
    X(cbr,          VOID, 1, PJ_IRF_TERM, "")                                                \
    X(ret,          VOID, 1, PJ_IRF_TERM | PJ_IRF_STEALS, "")                                \
    /* suspends the generator at YIELD_VALUE (unit U) with d entries left on its stack,     \
     * returning v */                                                                       \
    X(yield,        VOID, 1, PJ_IRF_TERM | PJ_IRF_STEALS, "Ud")                              \
    X(deopt,        VOID, 0, PJ_IRF_TERM | PJ_IRF_DEOPT, "r") /* reason r */                \
    X(unreachable,  VOID, 0, PJ_IRF_TERM, "") /* after an op that always raises */
/* clang-format on */

#endif
