// The opcode table against the interpreter: stack effects for every opcode and oparg,
// with and without the jump, equal CPython's own PyCompile_OpcodeStackEffectWithJump.
#include "ir/opcodes.h"
#include "py_env.h"

#include <opcode.h>

using namespace pyjit_test;

TEST(Opcodes, StackEffectsMatchCPython)
{
    ensure_python();
    int checked = 0;
    for (int op = 0; op < 256; op++) {
        if (!pj_op_is_base(op))
            continue;
        int max_arg = op >= HAVE_ARGUMENT ? 255 : 0;
        for (int arg = 0; arg <= max_arg; arg++) {
            for (int jump = -1; jump <= 1; jump++) {
                int theirs = PyCompile_OpcodeStackEffectWithJump(op, arg, jump);
                int ours = pj_op_stack_effect(op, arg, jump);
                if (theirs == PY_INVALID_STACK_EFFECT) {
                    continue;
                }
                ASSERT_EQ(ours, theirs) << pj_op_name(op) << " oparg " << arg << " jump " << jump;
                checked++;
            }
        }
    }
    EXPECT_GT(checked, 10000);
}

TEST(Opcodes, SpecialisedMapToBase)
{
    EXPECT_EQ(pj_op_base(LOAD_FAST__LOAD_FAST), LOAD_FAST);
    EXPECT_EQ(pj_op_base(BINARY_OP_ADD_INT), BINARY_OP);
    EXPECT_EQ(pj_op_base(COMPARE_OP_INT_JUMP), COMPARE_OP);
    EXPECT_EQ(pj_op_base(JUMP_BACKWARD_QUICK), JUMP_BACKWARD);
    EXPECT_EQ(pj_op_base(EXTENDED_ARG_QUICK), EXTENDED_ARG);
    EXPECT_STREQ(pj_op_name(PRECALL_NO_KW_LEN), "PRECALL_NO_KW_LEN");
    EXPECT_EQ(pj_op_caches(LOAD_GLOBAL), 5);
    EXPECT_EQ(pj_op_caches(LOAD_METHOD), 10);
    EXPECT_EQ(pj_op_jump(JUMP_BACKWARD), -1);
    EXPECT_EQ(pj_op_jump(FOR_ITER), 1);
    EXPECT_EQ(pj_op_jump(LOAD_FAST), 0);
}

TEST(Opcodes, RuntimeEffectOfCalls)
{
    // PRECALL keeps the stack; CALL pops callable/self/args and pushes the result.
    EXPECT_EQ(pj_op_runtime_effect(PRECALL, 3, 0), 0);
    EXPECT_EQ(pj_op_runtime_effect(CALL, 3, 0), -4);
    EXPECT_EQ(pj_op_stack_effect(PRECALL, 3, 0) + pj_op_stack_effect(CALL, 3, 0), -4);
}
