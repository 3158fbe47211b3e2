// Decoder tests: code units, EXTENDED_ARG, caches, jump targets, exception table and stack
// depths, on real code objects.
#include <string>

#include "ir/decode.h"
#include "ir/opcodes.h"
#include "py_env.h"

#include <opcode.h>

using namespace pyjit_test;

namespace {

struct Decoded {
    PjArena arena;
    PjBytecode *bc = nullptr;
    PjAbort why{};
    PyObject *code = nullptr;
    explicit Decoded(const std::string &src, const std::string &fn = "f")
    {
        pj_arena_init(&arena);
        code = code_of(src, fn);
        if (code != nullptr)
            bc = pj_decode_code(code, &arena, &why);
    }
    ~Decoded()
    {
        pj_arena_free(&arena);
        Py_XDECREF(code);
    }
    int
    count(int op) const
    {
        int n = 0;
        for (int i = 0; i < bc->ninstrs; i++)
            n += bc->instrs[i].op == op;
        return n;
    }
    const PjBcInstr *
    first(int op) const
    {
        for (int i = 0; i < bc->ninstrs; i++)
            if (bc->instrs[i].op == op)
                return &bc->instrs[i];
        return nullptr;
    }
};

} // namespace

TEST(Decode, SimpleFunction)
{
    Decoded d("def f(a, b):\n    return a + b\n");
    ASSERT_NE(d.bc, nullptr);
    EXPECT_EQ(d.bc->instrs[0].op, RESUME);
    EXPECT_EQ(d.bc->instrs[0].depth, 0);
    const PjBcInstr *add = d.first(BINARY_OP);
    ASSERT_NE(add, nullptr);
    EXPECT_EQ(add->depth, 2);
    EXPECT_EQ(add->next - add->idx, 1 + pj_op_caches(BINARY_OP)); // one cache unit
    EXPECT_EQ(d.bc->nargs_total, 2);
    EXPECT_EQ(d.bc->has_loop, 0);
    EXPECT_STREQ(d.bc->qualname, "f");
}

TEST(Decode, LoopJumpTargetsAndDepths)
{
    Decoded d("def f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n");
    ASSERT_NE(d.bc, nullptr);
    EXPECT_EQ(d.bc->has_loop, 1);
    const PjBcInstr *fi = d.first(FOR_ITER);
    ASSERT_NE(fi, nullptr);
    EXPECT_EQ(fi->depth, 1); // the iterator
    ASSERT_GE(fi->target, 0);
    EXPECT_TRUE(d.bc->instrs[fi->target].block_start);
    EXPECT_EQ(d.bc->instrs[fi->target].depth, 0); // after the loop: iterator popped
    const PjBcInstr *jb = d.first(JUMP_BACKWARD);
    ASSERT_NE(jb, nullptr);
    EXPECT_EQ(&d.bc->instrs[jb->target], fi);
    EXPECT_EQ(jb->depth, 1);
}

TEST(Decode, ExtendedArgFoldsIntoInstruction)
{
    // 300 constants and locals force EXTENDED_ARG before the last LOAD_CONSTs.
    std::string src = "def f():\n";
    for (int i = 0; i < 300; i++)
        src += "    v" + std::to_string(i) + " = " + std::to_string(i) + ".5\n";
    src += "    return v299\n";
    Decoded d(src);
    ASSERT_NE(d.bc, nullptr);
    bool found = false;
    for (int i = 0; i < d.bc->ninstrs; i++) {
        const PjBcInstr &in = d.bc->instrs[i];
        EXPECT_NE(in.op, EXTENDED_ARG);
        if (in.op == LOAD_CONST && in.oparg >= 256) {
            found = true;
            EXPECT_EQ(in.idx - in.start, 1); // one prefix
            EXPECT_EQ(pj_decode_instr_at(d.bc, in.start), i);
        }
    }
    EXPECT_TRUE(found);
}

TEST(Decode, ExceptionTable)
{
    Decoded d("def f(x):\n    try:\n        return 1 / x\n    except ZeroDivisionError:\n"
              "        return 0\n");
    ASSERT_NE(d.bc, nullptr);
    ASSERT_GE(d.bc->nexc, 1);
    const PjExcEntry &e = d.bc->exc[0];
    EXPECT_LT(e.start, e.end);
    const PjBcInstr &h = d.bc->instrs[e.target];
    EXPECT_TRUE(h.is_handler);
    EXPECT_EQ(h.op, PUSH_EXC_INFO);
    EXPECT_EQ(h.depth, e.depth + e.lasti + 1);
    // The division is inside the protected range.
    const PjBcInstr *div = d.first(BINARY_OP);
    ASSERT_NE(div, nullptr);
    EXPECT_GE(div->idx, e.start);
    EXPECT_LT(div->idx, e.end);
}

TEST(Decode, LiveOpcodeIsFeedback)
{
    ensure_python();
    PyObject *f = define("def f(a, b):\n    return a * b\n", "f");
    ASSERT_NE(f, nullptr);
    // Warm the function up in the interpreter so BINARY_OP specialises.
    for (int i = 0; i < 100; i++) {
        PyObject *r = PyObject_CallFunction(f, "ii", i, 3);
        Py_XDECREF(r);
    }
    PyObject *code = PyObject_GetAttrString(f, "__code__");
    PjArena a;
    pj_arena_init(&a);
    PjAbort why;
    PjBytecode *bc = pj_decode_code(code, &a, &why);
    ASSERT_NE(bc, nullptr);
    const PjBcInstr *mul = nullptr;
    for (int i = 0; i < bc->ninstrs; i++)
        if (bc->instrs[i].op == BINARY_OP)
            mul = &bc->instrs[i];
    ASSERT_NE(mul, nullptr);
    EXPECT_STREQ(pj_op_name(mul->live_op), "BINARY_OP_MULTIPLY_INT");
    EXPECT_EQ(pj_op_base(mul->live_op), BINARY_OP);
    pj_arena_free(&a);
    Py_DECREF(code);
    Py_DECREF(f);
}

TEST(Decode, DumpMentionsEverything)
{
    Decoded d("def f(n):\n    while n > 0:\n        n -= 1\n    return n\n");
    ASSERT_NE(d.bc, nullptr);
    char *text = pj_decode_dump(d.bc);
    std::string s(text);
    free(text);
    EXPECT_NE(s.find("RESUME"), std::string::npos);
    EXPECT_NE(s.find("COMPARE_OP"), std::string::npos);
    EXPECT_NE(s.find("(>)"), std::string::npos);
    EXPECT_NE(s.find("LOAD_FAST"), std::string::npos);
    EXPECT_NE(s.find("(n)"), std::string::npos);
    EXPECT_NE(s.find("(to "), std::string::npos);
}

TEST(Decode, RejectsNonCode)
{
    ensure_python();
    PjArena a;
    pj_arena_init(&a);
    PjAbort why;
    EXPECT_EQ(pj_decode_code(Py_None, &a, &why), nullptr);
    EXPECT_EQ(why.kind, PJ_ABORT_BAD_BYTECODE);
    pj_arena_free(&a);
}

// Lines come from one walk over the line table: the same as PyCode_Addr2Line for every
// instruction, including those without a line (-1) and lines going backwards.
TEST(Decode, LinesMatchAddr2Line)
{
    Decoded d("def f(a, b):\n"
              "    x = (a +\n"
              "         b)\n"
              "    for i in range(a):\n"
              "        if i > b:\n"
              "            break\n"
              "    else:\n"
              "        x = -x\n"
              "    try:\n"
              "        x = x // b\n"
              "    except ZeroDivisionError:\n"
              "        pass\n"
              "    while x < 10:\n"
              "        x += 1\n"
              "    return [x,\n"
              "            a]\n");
    ASSERT_NE(d.bc, nullptr);
    PyCodeObject *co = (PyCodeObject *) d.code;
    for (int i = 0; i < d.bc->ninstrs; i++) {
        const PjBcInstr *in = &d.bc->instrs[i];
        EXPECT_EQ(in->line, PyCode_Addr2Line(co, 2 * in->idx)) << "unit " << in->idx;
    }
    EXPECT_GT(d.bc->ninstrs, 40);
}
