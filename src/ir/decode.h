/* Decoder (code object -> PjBytecode): the first stage of the pipeline.
 *
 * Reads a 3.11 code object without running Python code: code units, EXTENDED_ARG
 * prefixes folded into their instruction, inline caches skipped, jump targets resolved to
 * instruction numbers, the exception table parsed, basic-block starts marked, and the
 * run-time stack depth before every reachable instruction computed (the depth the
 * interpreter's frame would have there: what a deopt must write back).
 *
 * Invariant: every reachable instruction has one depth, whichever way it is reached; a
 * code object for which that fails, or which overflows co_stacksize, is rejected.
 */
#ifndef PJ_IR_DECODE_H
#define PJ_IR_DECODE_H

#include "abort.h"
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

struct _object;

typedef struct PjBcInstr {
    int idx;                   /* code-unit index of the opcode unit (after any EXTENDED_ARG) */
    int start;                 /* code-unit index of the first EXTENDED_ARG prefix, or idx */
    int next;                  /* code-unit index of the following instruction */
    unsigned char op;          /* base opcode */
    unsigned char live_op;     /* opcode byte in the adaptive code when decoded (feedback) */
    unsigned short live_cache; /* its first inline-cache unit (the adaptive counter), or 0 */
    int oparg;                 /* full argument, EXTENDED_ARG included */
    int target;                /* jump target as an instruction number, -1 if none */
    int depth;                 /* run-time stack depth before it; -1 if unreachable */
    int line;                  /* source line, -1 if none */
    unsigned char block_start; /* first instruction of a basic block */
    unsigned char is_handler;  /* target of an exception-table entry */
    unsigned char in_loop;     /* between a backward jump's target and the jump */
    unsigned char is_osr_head; /* pj_decode_is_osr_head (computed once: mark_osr_heads) */
    int osr_head;              /* a JUMP_BACKWARD's pj_decode_osr_head, else -1 */
} PjBcInstr;

typedef struct PjExcEntry {
    int start, end; /* code units, [start, end) */
    int target;     /* instruction number of the handler */
    int depth;      /* stack depth the handler starts from (before lasti and exc) */
    int lasti;      /* 1: the handler expects the offset pushed as an int */
} PjExcEntry;

/* What a constant is, as far as fast paths care (same numbering as PjKnownType). */
enum { PJ_CONST_ANY = 0, PJ_CONST_SMALLINT, PJ_CONST_FLOAT, PJ_CONST_BOOL, PJ_CONST_NONE };

typedef struct PjBytecode {
    int ninstrs;
    PjBcInstr *instrs;
    int nunits;
    int *unit_to_instr; /* instruction number covering each unit, -1 for caches */
    int nexc;
    PjExcEntry *exc;
    int nlocalsplus, nlocals, stacksize, argcount, flags;
    int nargs_total; /* locals bound by the call: positional, keyword-only, *args, **kw */
    int firstlineno;
    int first_traceable; /* code-unit index of RESUME */
    int has_loop;        /* contains a backward jump */
    int is_generator;    /* generator, coroutine or async generator code */
    const char *name, *qualname, *filename;
    const char **localnames; /* nlocalsplus names */
    const char **names;      /* co_names */
    int nnames;
    const char **consts;        /* short stable reprs of co_consts (no addresses) */
    unsigned char *const_kinds; /* per constant: PJ_CONST_* */
    /* Numeric constants' values: const_num 1 for an exact int that fits 64 bits (value in
     * const_i64), 2 for an exact float (const_f64), else 0 (PjUType's numbering). */
    unsigned char *const_num;
    long long *const_i64;
    double *const_f64;
    unsigned char *const_char; /* 1 for a one-character ASCII str constant */
    int nconsts;
    /* What each co_names name was bound to when compilation started (the function's
     * globals, then builtins): PJ_NAME_*, or NULL when they were not at hand.  A hint for
     * calls without feedback, never trusted: the lowering checks the callee anyway. */
    unsigned char *name_kinds;
    /* Compile entries at loop headers too (on-stack replacement: baseline code running
     * the function's loop continues in this code, see build.c's resume dispatch). */
    int osr;
} PjBytecode;

enum { PJ_NAME_UNKNOWN = 0, PJ_NAME_PYFUNC, PJ_NAME_OTHER };

/* Decodes `code` (a code object, borrowed) into memory from `arena`.  Requires the GIL;
 * runs no Python code.  Returns NULL and fills *why on failure. */
PjBytecode *pj_decode_code(struct _object *code, PjArena *arena, PjAbort *why);
/* Recorded feedback (a profile) for instructions the interpreter has not specialised in
 * this process: n triples (code unit of the opcode, live opcode, adaptive counter moved).
 * A triple is used only where the opcode is a specialised or adaptive form of the
 * instruction's base opcode and the instruction has no live feedback of its own; others
 * are ignored (a profile is not trusted: the fast paths it picks are guarded anyway). */
void pj_decode_apply_feedback(PjBytecode *bc, const unsigned int *fb, int n);
/* The head of the loop a JUMP_BACKWARD at instruction `jump` closes, when newer code can
 * take a running frame over there (on-stack replacement): a loop inside no other loop,
 * entered with the stack as the jump leaves it; else -1.  pj_decode_is_osr_head: whether
 * instruction i is such a head. */
int pj_decode_osr_head(const PjBytecode *bc, int jump);
int pj_decode_is_osr_head(const PjBytecode *bc, int i);
/* Fills bc->name_kinds from the dicts (borrowed; GIL held).  No error: a name it cannot
 * look up stays unknown. */
void pj_decode_resolve_names(PjBytecode *bc, struct _object *code, struct _object *globals,
                             struct _object *builtins, PjArena *arena);

/* Text dump: one line per instruction with offset, line, depth, opcode, argument and
 * its meaning, jump target, and the live (specialised) opcode when it differs; then the
 * exception table.  Returns malloc'd text. */
char *pj_decode_dump(const PjBytecode *bc);

/* The exception-table entry covering code unit `unit`, or -1. */
int pj_decode_handler_at(const PjBytecode *bc, int unit);

/* Instruction number of the instruction whose [start, next) covers code unit `unit`. */
int pj_decode_instr_at(const PjBytecode *bc, int unit);

#ifdef __cplusplus
}
#endif

#endif
