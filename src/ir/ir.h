/* The pyjit IR: a small SSA graph of Python-level operations (ops in irdef.h).
 *
 * A PjFunc is a list of PjBlocks; each block is a list of PjInstrs ending in one
 * terminator.  Values are instructions; the value stack flowing between blocks travels as
 * block parameters (the `param` op), passed by `br`/`cbr` arguments.  Python locals are
 * not SSA values: they live in the interpreter frame (load_local/store_local), because
 * Python code can observe them whenever it runs.
 *
 * Each op that may raise or deoptimise carries a PjFrameState: the bytecode instruction
 * to point prev_instr at, and the value-stack entries the frame owns after the exit.  The
 * lowering writes those entries into the frame and hands it to the interpreter.
 *
 * All memory comes from the compilation's arena.  No CPython or LLVM header here.
 */
#ifndef PJ_IR_IR_H
#define PJ_IR_IR_H

#include <stdint.h>

#include "common.h"
#include "ir/irdef.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum PjType { PJ_T_VOID, PJ_T_OBJ, PJ_T_BOOL } PjType;

enum {
    PJ_IRF_RAISE = 1,
    PJ_IRF_DEOPT = 2,
    PJ_IRF_CALL = 4,
    PJ_IRF_TERM = 8,
    PJ_IRF_STEALS = 16,
};

typedef enum PjIrOp {
#define X(name, type, nargs, flags, imms) PJ_IR_##name,
    PJ_IRDEF(X)
#undef X
        PJ_IR__COUNT
} PjIrOp;

/* What is known at compile time about an object value's type. */
typedef enum PjKnownType {
    PJ_KT_ANY = 0,
    PJ_KT_SMALLINT, /* exact int with at most one 30-bit digit */
    PJ_KT_FLOAT,    /* exact float */
    PJ_KT_BOOL,     /* True or False */
    PJ_KT_NONE,
} PjKnownType;

/* Binary op kinds: CPython's NB_* numbering (BINARY_OP's oparg). */
enum {
    PJ_NB_ADD = 0,
    PJ_NB_AND,
    PJ_NB_FLOOR_DIVIDE,
    PJ_NB_LSHIFT,
    PJ_NB_MATRIX_MULTIPLY,
    PJ_NB_MULTIPLY,
    PJ_NB_REMAINDER,
    PJ_NB_OR,
    PJ_NB_POWER,
    PJ_NB_RSHIFT,
    PJ_NB_SUBTRACT,
    PJ_NB_TRUE_DIVIDE,
    PJ_NB_XOR,
    PJ_NB_INPLACE_ADD,
    /* ... up to */ PJ_NB_COUNT = 26
};
/* What the 3.11 specialiser saw at an instruction before compilation (free type feedback
 * from the quickened bytecode), or what the code itself says (a call of the global `len`):
 * the fast paths worth emitting.  Each op reads the hints that concern it. */
typedef enum PjHint {
    PJ_HINT_NONE = 0,   /* nothing known: emit every fast path */
    PJ_HINT_INT,        /* binop, compare: exact ints */
    PJ_HINT_FLOAT,      /* binop, compare: exact floats */
    PJ_HINT_STR,        /* binop, binop_store, compare: exact strs */
    PJ_HINT_GENERIC,    /* ran, and no fast path applies (not specialisable, or it
                         * deoptimised): the generic path only */
    PJ_HINT_LIST,       /* subscr, store_subscr: exact lists */
    PJ_HINT_TUPLE,      /* subscr: exact tuples */
    PJ_HINT_DICT,       /* subscr, store_subscr: exact dicts */
    PJ_HINT_RANGE,      /* iter_next: range iterators (no feedback in 3.11 yet) */
    PJ_HINT_VALUES,     /* load_attr, store_attr: the instance's inline values */
    PJ_HINT_SLOT,       /* load_attr, store_attr: a __slots__ member */
    PJ_HINT_LEN,        /* call: the builtin len */
    PJ_HINT_ISINSTANCE, /* call: the builtin isinstance */
    PJ_HINT_SQRT,       /* call: a global named sqrt (math.sqrt, checked at run time) */
    PJ_HINT_PYFUNC,     /* call: a Python function (the inline direct call; PJ_HINT_NONE,
                         * no feedback, gets it too, PJ_HINT_GENERIC not) */
    PJ_HINT_CFUNC,      /* call: a builtin function or a method descriptor taking its
                         * arguments as METH_O, METH_NOARGS or METH_FASTCALL */
    PJ_HINT_APPEND,     /* call: list.append (as CFUNC, without the recursion guard of
                         * PRECALL_NO_KW_LIST_APPEND's METH_O siblings) */
} PjHint;

/* How a value is represented (the unboxing pass, pass_unbox.c): an object, or -- inside a
 * loop the pass unboxed -- a machine integer or double standing for an exact int or float
 * that exists as an object only where it leaves the loop or the compiled code. */
typedef enum PjUType { PJ_UT_OBJ = 0, PJ_UT_I64, PJ_UT_F64 } PjUType;

/* In an unboxing seed (pj_pass_unbox): the local held a list (a tuple) whose first item had
 * the PjUType added to this flag; two more levels of two bits each (1 list, 2 tuple) may
 * follow for items that are lists or tuples (pass_unbox.c, shapes). */
#define PJ_SEED_LIST 4
#define PJ_SEED_TUPLE 8

/* Unary op kinds. */
enum { PJ_UN_NEGATIVE = 0, PJ_UN_POSITIVE, PJ_UN_INVERT };

typedef struct PjBlock PjBlock;
typedef struct PjInstr PjInstr;

typedef struct PjFrameState {
    int bc; /* bytecode instruction number the exit refers to */
    /* Error states only: the handler an exception raised here lands at (NULL: none in
     * compiled code -- the function is left), the stack depth it starts from and whether
     * it expects lasti; `notb`: a re-raise, which adds no traceback entry. */
    PjBlock *handler;
    int hdepth, hlasti;
    unsigned char notb;
    unsigned char interp_handler; /* a handler exists but runs in the interpreter */
    int htarget;   /* interp_handler: the handler's first instruction (hdepth, hlasti set) */
    int prev_unit; /* code unit prev_instr points at: bc's start - 1 to re-execute it,
                      bc's own unit for an error raised by it */
    int nstack;
    PjInstr **stack; /* owned entries the frame holds after the exit, bottom first */
} PjFrameState;

typedef struct PjEdge {
    PjBlock *block;
    int nargs;
    PjInstr **args; /* borrowed into the target's params: ownership moves along */
} PjEdge;

struct PjInstr {
    PjIrOp op;
    PjType type;
    int id; /* value number, -1 for void */
    PjKnownType kt;
    int nargs;
    PjInstr **args;
    int64_t imm[3];
    PjHint hint;       /* see PjHint */
    unsigned char ut;  /* PjUType of the value */
    PjEdge edge[2];    /* br: edge[0]; cbr: edge[0] if true, edge[1] if false */
    PjFrameState *fs;  /* error exit (RAISE) */
    PjFrameState *fs2; /* second error exit (compare_bool's truth test, binop_store's str path) */
    PjFrameState *fsd; /* deopt exit (DEOPT) */
    int bc;            /* bytecode instruction it implements (prev_instr), -1 none */
    PjBlock *block;
    PjInstr *prev, *next;
};

struct PjBlock {
    int id;
    int bc; /* first bytecode instruction, -1 for blocks the builder added */
    int nparams;
    PjInstr **params;
    PjInstr *first, *last;
    PjBlock *next;
    int uloop; /* index into PjFunc.uloops of the unboxed loop it belongs to, or -1 */
};

/* A loop whose numeric locals live in machine registers (pass_unbox.c). */
typedef struct PjULoop {
    PjBlock *header;
    int nlocals;
    int *local;             /* local indexes */
    unsigned char *type;    /* their PjUType */
    unsigned char *live_in; /* read before written: entry unboxes the frame's object */
} PjULoop;

typedef struct PjFunc {
    PjArena *arena;
    const struct PjBytecode *bc;
    PjBlock *entry, *last_block;
    int nblocks;
    int nvalues;
    int nglobal_caches; /* LOAD_GLOBAL sites: size of the runtime cache array */
    int nattr_caches;   /* LOAD_ATTR/STORE_ATTR sites */
    int nmethod_caches; /* LOAD_METHOD sites */
    const char *name;   /* qualname */
    int nuloops;
    PjULoop *uloops;
    /* Generators: the code units after which compiled code resumes the frame (a
     * RETURN_GENERATOR, then each compiled YIELD_VALUE); the entry block dispatches on
     * them.  Any other resume point is the interpreter's. */
    int nresumes;
    int *resume_units;
} PjFunc;

PjFunc *pj_ir_func_new(PjArena *a, const struct PjBytecode *bc);
PjBlock *pj_ir_block_new(PjFunc *fn, int bc, int nparams);
/* Appends an instruction with `nargs` operand slots; returns NULL on arena exhaustion. */
PjInstr *pj_ir_append(PjFunc *fn, PjBlock *b, PjIrOp op, int nargs);
void pj_ir_remove(PjInstr *in);
/* The value last stored (store_stack) into value-stack slot `slot` before `in`, in its
 * block; NULL if none there (call arguments are stored right before the call). */
PjInstr *pj_ir_slot_value(const PjInstr *in, int slot);

PjFrameState *pj_ir_frame_state(PjFunc *fn, int bc, int prev_unit, PjInstr *const *stack,
                                int nstack);

const char *pj_ir_op_name(PjIrOp op);
int pj_ir_op_flags(PjIrOp op);
static inline int
pj_ir_is_term(const PjInstr *in)
{
    return (pj_ir_op_flags(in->op) & PJ_IRF_TERM) != 0;
}

/* Text form (see docs/architecture.md); malloc'd. */
char *pj_ir_print(const PjFunc *fn);

/* Structural checks: every block ends in exactly one terminator, edges pass as many
 * arguments as the target has parameters, operands are defined.  0 or -1 with a message
 * in buf. */
int pj_ir_verify(const PjFunc *fn, char *buf, unsigned size);

#ifdef __cplusplus
}
#endif

#endif
