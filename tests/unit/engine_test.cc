// Code generation and the engine: functions compile to native code, the LLVM IR names
// runtime objects symbolically (no raw addresses), and code is freed per function.
#include <string>

#include "codegen/engine.h"
#include "compile.h"
#include "py_env.h"

extern "C" const PjSymbol *pj_helpers_symbols(size_t *n);

using namespace pyjit_test;

namespace {

PjEngine *
engine()
{
    static PjEngine *e = nullptr;
    if (e == nullptr) {
        ensure_python();
        size_t n;
        const PjSymbol *syms = pj_helpers_symbols(&n);
        char err[256];
        e = pj_engine_create(syms, n, 2, err, sizeof err);
        EXPECT_NE(e, nullptr) << err;
    }
    return e;
}

} // namespace

TEST(Engine, CompilesAndFrees)
{
    PjEngine *e = engine();
    ASSERT_NE(e, nullptr);
    const char *sources[] = {
        "def f(a, b):\n    return a + b * 2\n",
        "def f(n):\n    s = 0.0\n    for i in range(n):\n        s += i / 3\n    return s\n",
        "def f(s):\n    return s.upper() if s else len(s)\n",
    };
    for (const char *src : sources) {
        PyObject *code = code_of(src, "f");
        ASSERT_NE(code, nullptr);
        PjCompileOptions opts = { 1, 1,       100000,  600, 1,       1, nullptr, 0,
                                  0, nullptr, nullptr, 0,   nullptr, 0, 0,       0 };
        PjCompiled c;
        PjAbort why;
        ASSERT_EQ(pj_compile(e, code, &opts, &c, &why), 0) << src << " " << why.kind;
        EXPECT_NE(c.entry, nullptr);
        EXPECT_GT(c.code_bytes, 0u);
        EXPECT_GT(c.t_codegen, 0.0);
        pj_engine_remove(e, c.handle);

        char *ll = pj_compile_dump(e, code, "llvm", &opts, &why);
        ASSERT_NE(ll, nullptr);
        std::string s(ll);
        free(ll);
        EXPECT_NE(s.find("define ptr @\"py:f\""), std::string::npos);
        EXPECT_EQ(s.find("inttoptr"), std::string::npos) << "raw address baked into IR";
        Py_DECREF(code);
    }
}

TEST(Engine, DumpIsStable)
{
    PjEngine *e = engine();
    ASSERT_NE(e, nullptr);
    PyObject *code = code_of("def f(x):\n    return x < 3\n", "f");
    PjCompileOptions opts = { 1, 1,       100000,  600, 1,       1, nullptr, 0,
                              0, nullptr, nullptr, 0,   nullptr, 0, 0,       0 };
    PjAbort why;
    char *a = pj_compile_dump(e, code, "llvm", &opts, &why);
    char *b = pj_compile_dump(e, code, "llvm", &opts, &why);
    ASSERT_NE(a, nullptr);
    EXPECT_STREQ(a, b);
    free(a);
    free(b);
    Py_DECREF(code);
}

TEST(Engine, GeneratorsAndModuleCodeCompile)
{
    PjEngine *e = engine();
    ASSERT_NE(e, nullptr);
    PyObject *code = code_of("def f():\n    yield 1\n", "f");
    PjCompileOptions opts = { 1, 1,       100000,  600, 1,       1, nullptr, 0,
                              0, nullptr, nullptr, 0,   nullptr, 0, 0,       0 };
    PjCompiled c;
    PjAbort why;
    ASSERT_EQ(pj_compile(e, code, &opts, &c, &why), 0) << why.kind;
    pj_engine_remove(e, c.handle);
    Py_DECREF(code);
    PyObject *mod =
        Py_CompileString("x = 1\nfor i in range(3):\n    x += i\n", "<m>", Py_file_input);
    ASSERT_EQ(pj_compile(e, mod, &opts, &c, &why), 0) << why.kind;
    pj_engine_remove(e, c.handle);
    Py_DECREF(mod);
}

/* The compile-time budget: a module over the optimising budget gets baseline code, one
 * over the whole budget is not compiled, and both are decided before LLVM runs. */
TEST(Engine, SizeBudgetPicksBaselineCodeThenRefuses)
{
    PjEngine *e = engine();
    ASSERT_NE(e, nullptr);
    PyObject *code = code_of("def f(a, b):\n"
                             "    x = a * b + 1\n"
                             "    if x > 3:\n"
                             "        x = x - a\n"
                             "    return [x, a, b]\n",
                             "f");
    ASSERT_NE(code, nullptr);
    PjCompileOptions opts = { 1, 1,       100000,  600, 1,       1, nullptr, 0,
                              0, nullptr, nullptr, 0,   nullptr, 0, 0,       0 };
    PjCompiled c;
    PjAbort why;
    ASSERT_EQ(pj_compile(e, code, &opts, &c, &why), 0) << why.kind;
    EXPECT_EQ(c.tier, PJ_TIER_OPTIMIZED);
    int size = c.llvm_instrs;
    ASSERT_GT(size, 10);
    pj_engine_remove(e, c.handle);

    opts.opt_max_llvm_instrs = size - 1;
    ASSERT_EQ(pj_compile(e, code, &opts, &c, &why), 0) << why.kind;
    EXPECT_EQ(c.tier, PJ_TIER_BASELINE);
    EXPECT_EQ(c.llvm_instrs, size);
    pj_engine_remove(e, c.handle);

    opts.max_llvm_instrs = size - 1;
    EXPECT_EQ(pj_compile(e, code, &opts, &c, &why), -1);
    EXPECT_EQ(why.kind, PJ_ABORT_TOO_LARGE);
    EXPECT_EQ(c.t_codegen, 0.0);
    opts.max_llvm_instrs = size;
    ASSERT_EQ(pj_compile(e, code, &opts, &c, &why), 0) << why.kind;
    pj_engine_remove(e, c.handle);
    Py_DECREF(code);
}
