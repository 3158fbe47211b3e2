// IR data structures: building by hand, the printer, and the verifier's checks
// (terminators, edge arity, frame states against the frame's value stack).
#include <string>

#include "ir/build.h"
#include "ir/decode.h"
#include "ir/ir.h"
#include "py_env.h"

using namespace pyjit_test;

namespace {

std::string
verify(const PjFunc *fn)
{
    char buf[256];
    return pj_ir_verify(fn, buf, sizeof buf) == 0 ? "" : buf;
}

} // namespace

TEST(IR, HandBuiltFunctionPrintsAndVerifies)
{
    PjArena a;
    pj_arena_init(&a);
    PjFunc *fn = pj_ir_func_new(&a, nullptr);
    PjBlock *b0 = pj_ir_block_new(fn, -1, 0);
    PjBlock *b1 = pj_ir_block_new(fn, -1, 1);
    PjInstr *n = pj_ir_append(fn, b0, PJ_IR_none, 0);
    PjInstr *inc = pj_ir_append(fn, b0, PJ_IR_incref, 1);
    inc->args[0] = n;
    PjInstr *st = pj_ir_append(fn, b0, PJ_IR_store_stack, 1);
    st->args[0] = n;
    st->imm[0] = 0;
    PjInstr *br = pj_ir_append(fn, b0, PJ_IR_br, 0);
    br->edge[0].block = b1;
    br->edge[0].nargs = 1;
    br->edge[0].args = &inc->args[0];
    PjInstr *ret = pj_ir_append(fn, b1, PJ_IR_ret, 1);
    ret->args[0] = b1->params[0];
    EXPECT_EQ(verify(fn), "");
    char *text = pj_ir_print(fn);
    EXPECT_STREQ(text, "func ?\n"
                       "bb0:\n"
                       "    %1 = none\n"
                       "    incref %1\n"
                       "    store_stack slot0 %1\n"
                       "    br bb1(%1)\n"
                       "bb1(%0):\n"
                       "    ret %0\n");
    free(text);

    // Wrong edge arity.
    br->edge[0].nargs = 0;
    EXPECT_NE(verify(fn).find("argument count"), std::string::npos);
    br->edge[0].nargs = 1;
    // A block without a terminator.
    pj_ir_remove(ret);
    EXPECT_NE(verify(fn).find("terminator"), std::string::npos);
    pj_arena_free(&a);
}

TEST(IR, VerifierChecksFrameStatesAgainstTheShadowStack)
{
    PjArena a;
    pj_arena_init(&a);
    PjFunc *fn = pj_ir_func_new(&a, nullptr);
    PjBlock *b0 = pj_ir_block_new(fn, -1, 0);
    PjInstr *n = pj_ir_append(fn, b0, PJ_IR_none, 0);
    PjInstr *t = pj_ir_append(fn, b0, PJ_IR_truth, 1);
    t->args[0] = n;
    // The frame state claims %n is on the stack, but nothing stored it.
    t->fs = pj_ir_frame_state(fn, 0, 0, &n, 1);
    PjInstr *ret = pj_ir_append(fn, b0, PJ_IR_ret, 1);
    ret->args[0] = n;
    EXPECT_NE(verify(fn).find("frame state differs"), std::string::npos);
    pj_arena_free(&a);
}

TEST(IR, BuilderAbortsWithTheOpcode)
{
    PyObject *code =
        code_of("def f(o):\n    match o:\n        case [x]:\n            return x\n", "f");
    ASSERT_NE(code, nullptr);
    PjArena a;
    pj_arena_init(&a);
    PjAbort why;
    PjBytecode *bc = pj_decode_code(code, &a, &why);
    ASSERT_NE(bc, nullptr);
    EXPECT_EQ(pj_build_ir(bc, &a, &why), nullptr);
    EXPECT_EQ(why.kind, PJ_ABORT_UNSUPPORTED_OPCODE);
    char text[128];
    pj_abort_format(why, text, sizeof text);
    EXPECT_STREQ(text, "unsupported opcode MATCH_SEQUENCE");
    pj_arena_free(&a);
    Py_DECREF(code);
}

TEST(IR, EveryBuiltFunctionVerifies)
{
    const char *sources[] = {
        "def f(a, b):\n    return a if a < b else b\n",
        "def f(n):\n    t = 0\n    while n:\n        n -= 1\n        if n % 3 == 0:\n"
        "            continue\n        t += n\n    return t\n",
        "def f(xs):\n    for x in xs:\n        if x is None:\n            break\n    else:\n"
        "        return 1\n    return 0\n",
        "def f(a, b, c):\n    return (a and b) or (not c) or -a or ~b\n",
        "def f(a):\n    del a\n    return 1\n",
    };
    for (const char *src : sources) {
        PyObject *code = code_of(src, "f");
        ASSERT_NE(code, nullptr) << src;
        PjArena a;
        pj_arena_init(&a);
        PjAbort why;
        PjBytecode *bc = pj_decode_code(code, &a, &why);
        ASSERT_NE(bc, nullptr) << src;
        PjFunc *fn = pj_build_ir(bc, &a, &why);
        ASSERT_NE(fn, nullptr) << src << " abort " << why.kind;
        EXPECT_EQ(verify(fn), "") << src;
        pj_arena_free(&a);
        Py_DECREF(code);
    }
}
