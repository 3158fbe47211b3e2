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
    /* Every opcode compiles where it can run; RETURN_GENERATOR runs only when a generator
     * is created, in the interpreter.  A code object claiming to be an ordinary function
     * while starting with it is refused with the opcode's name. */
    PyObject *gen = code_of("def f():\n    yield 1\n", "f");
    ASSERT_NE(gen, nullptr);
    PyObject *flags = PyObject_GetAttrString(gen, "co_flags");
    PyObject *kw = Py_BuildValue("{s:l}", "co_flags", PyLong_AsLong(flags) & ~0x20L);
    PyObject *noargs = PyTuple_New(0);
    PyObject *replace = PyObject_GetAttrString(gen, "replace");
    PyObject *code = PyObject_Call(replace, noargs, kw);
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
    EXPECT_STREQ(text, "unsupported opcode RETURN_GENERATOR");
    pj_arena_free(&a);
    Py_DECREF(code);
    Py_DECREF(replace);
    Py_DECREF(noargs);
    Py_DECREF(kw);
    Py_DECREF(flags);
    Py_DECREF(gen);
}

/* A generator's entry dispatches on the resume point: one block per compiled resume, the
 * stack read back from the frame's slots, and a yield that keeps the entries below. */
TEST(IR, GeneratorResumeDispatch)
{
    PyObject *code = code_of("def f(xs):\n    for x in xs:\n        y = yield x\n"
                             "    return (yield from xs)\n",
                             "f");
    ASSERT_NE(code, nullptr);
    PjArena a;
    pj_arena_init(&a);
    PjAbort why;
    PjBytecode *bc = pj_decode_code(code, &a, &why);
    ASSERT_NE(bc, nullptr);
    PjFunc *fn = pj_build_ir(bc, &a, &why);
    ASSERT_NE(fn, nullptr) << why.kind;
    EXPECT_EQ(verify(fn), "");
    /* after RETURN_GENERATOR, after the loop's yield, after yield from's yield */
    ASSERT_EQ(fn->nresumes, 3);
    EXPECT_EQ(fn->entry->bc, -1);
    EXPECT_EQ(fn->entry->first->op, PJ_IR_resumed_at);
    EXPECT_EQ(fn->entry->first->imm[0], fn->resume_units[0]);
    int yields = 0, sends = 0;
    for (const PjBlock *b = fn->entry; b != NULL; b = b->next)
        for (const PjInstr *in = b->first; in != NULL; in = in->next) {
            if (in->op == PJ_IR_yield) {
                yields++;
                /* the loop's yield keeps the iterator; yield from's keeps the receiver */
                EXPECT_EQ(in->imm[1], 1);
            }
            sends += in->op == PJ_IR_send;
        }
    EXPECT_EQ(yields, 2);
    EXPECT_EQ(sends, 1);
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
        "def f(o):\n    match o:\n        case [x, *r]:\n            return x\n"
        "        case {'k': v}:\n            return v\n        case complex(real=r):\n"
        "            return r\n    return len(o)\n",
        "async def f(c, it):\n    async with c as v:\n        async for x in it:\n"
        "            await v\n    return [y async for y in it]\n",
        "def f(g):\n    try:\n        yield from g\n    finally:\n        yield 2\n",
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
