/* The opcode table: CPython 3.11's facts (generated from the target interpreter into
 * pj_py_opcodes.h) joined with pyjit's own (opcodes.def).  Everyone who needs to know
 * about an opcode asks here: decoder, stack analysis, IR builder, dumpers. */
#ifndef PJ_IR_OPCODES_H
#define PJ_IR_OPCODES_H

#ifdef __cplusplus
extern "C" {
#endif

enum {
    PJ_F_RAISE = 1, /* may raise */
    PJ_F_CALL = 2,  /* may run arbitrary Python code */
    PJ_F_TERM = 4,  /* ends a block without falling through */
};

#define PJ_INVALID_EFFECT (-100000)

/* NULL for numbers that are neither base nor specialised opcodes. */
const char *pj_op_name(int op);
/* The base opcode of a specialised/quickened one (itself for base opcodes); -1 if unknown. */
int pj_op_base(int op);
int pj_op_is_base(int op);
int pj_op_caches(int base);
/* 1 forward relative jump, -1 backward, 0 none. */
int pj_op_jump(int base);
int pj_op_flags(int base);
int pj_op_supported(int base);
/* Same numbers as PyCompile_OpcodeStackEffectWithJump; PJ_INVALID_EFFECT if unknown. */
int pj_op_stack_effect(int base, int oparg, int jump);
/* The stack effect as the interpreter executes it (differs for PRECALL and CALL). */
int pj_op_runtime_effect(int base, int oparg, int jump);

#ifdef __cplusplus
}
#endif

#endif
