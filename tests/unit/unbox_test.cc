// The unboxing pass (ir/pass_unbox.c) on its own data structures: which loops it takes,
// each loop's unboxed locals with their types and live-in flags, the seed's role, and
// the loops it must refuse.
#include <string>
#include <vector>

#include "ir/build.h"
#include "ir/decode.h"
#include "ir/ir.h"
#include "ir/passes.h"
#include "py_env.h"

using namespace pyjit_test;

namespace {

struct Result {
    int found = -1;
    std::string locals; // "name:type[^]" per unboxed local of the first loop, space-separated
    bool verifies = false;
};

Result
run_pass(const char *src, std::vector<unsigned char> seed = {})
{
    Result r;
    PyObject *code = code_of(src, "f");
    if (code == nullptr)
        return r;
    PjArena a;
    pj_arena_init(&a);
    PjAbort why;
    PjBytecode *bc = pj_decode_code(code, &a, &why);
    PjFunc *fn = bc ? pj_build_ir(bc, &a, &why) : nullptr;
    if (fn != nullptr) {
        pj_pass_refcount(fn);
        r.found = pj_pass_unbox(fn, seed.empty() ? nullptr : seed.data(), (int) seed.size(), 1);
        if (fn->nuloops > 0) {
            const PjULoop *u = &fn->uloops[0];
            for (int i = 0; i < u->nlocals; i++) {
                if (i)
                    r.locals += " ";
                r.locals += bc->localnames[u->local[i]];
                r.locals += u->type[i] == PJ_UT_I64 ? ":i64" : ":f64";
                if (u->live_in[i])
                    r.locals += "^";
            }
        }
        char buf[256];
        r.verifies = pj_ir_verify(fn, buf, sizeof buf) == 0;
    }
    pj_arena_free(&a);
    Py_DECREF(code);
    return r;
}

} // namespace

TEST(Unbox, FloatLoopLocalsAndRangeItem)
{
    Result r = run_pass("def f(n):\n    t = 0.0\n    s = 1.0\n    for k in range(n):\n"
                        "        t = t + s / (2 * k + 1)\n        s = -s\n    return t\n");
    EXPECT_EQ(r.found, 1);
    EXPECT_EQ(r.locals, "t:f64^ s:f64^ k:i64"); // k is written before it is read
    EXPECT_TRUE(r.verifies);
}

TEST(Unbox, ArgumentsNeedTheSeed)
{
    const char *src = "def f(cr, ci, m):\n    zr = 0.0\n    i = 0\n"
                      "    while i < m and zr * zr <= 4.0:\n        zr = zr * zr + cr\n"
                      "        i += 1\n    return i\n";
    // Without a seed nothing says what cr and m are: the loop stays boxed.
    EXPECT_EQ(run_pass(src).found, 0);
    // With the types of the first call's arguments it runs unboxed.
    Result r = run_pass(src, { PJ_UT_F64, PJ_UT_F64, PJ_UT_I64, 0, 0 });
    EXPECT_EQ(r.found, 1);
    EXPECT_EQ(r.locals, "cr:f64^ m:i64^ zr:f64^ i:i64^");
    EXPECT_TRUE(r.verifies);
}

TEST(Unbox, StoresMakeAParameterAnInt)
{
    // n's stores (n // 2, 3 * n + 1) say it is an int even without a seed.
    Result r = run_pass("def f(n):\n    s = 0\n    while n != 1:\n        if n % 2 == 0:\n"
                        "            n = n // 2\n        else:\n            n = 3 * n + 1\n"
                        "        s += 1\n    return s\n");
    EXPECT_EQ(r.found, 1);
    EXPECT_EQ(r.locals, "n:i64^ s:i64^");
}

TEST(Unbox, RefusedLoops)
{
    const char *refused[] = {
        // a call
        "def f(n):\n    out = []\n    for i in range(n):\n        out.append(i)\n    return out\n",
        // inside a try: an exception would land in a compiled handler
        "def f(n):\n    t = 0\n    try:\n        for i in range(n):\n            t = t + i\n"
        "    except ValueError:\n        pass\n    return t\n",
        // not a range
        "def f(xs):\n    t = 0\n    for x in xs:\n        t = t + x\n    return t\n",
        // float floor division is not unboxed
        "def f(n):\n    t = 0.5\n    for i in range(n):\n        t = t // 1.5\n    return t\n",
        // an int that becomes a float
        "def f(n):\n    t = 0\n    for i in range(n):\n        t = t / 2\n    return t\n",
        // a str local
        "def f(n):\n    s = ''\n    for i in range(n):\n        s = s + 'x'\n    return s\n",
    };
    for (const char *src : refused) {
        Result r = run_pass(src);
        EXPECT_EQ(r.found, 0) << src;
        EXPECT_TRUE(r.verifies) << src;
    }
}

TEST(Unbox, OuterLoopTakesTheInnerOne)
{
    Result r = run_pass("def f(n):\n    t = 0\n    for a in range(n):\n        m = a\n"
                        "        while m > 1:\n            m = m >> 1\n            t += 1\n"
                        "    return t\n");
    EXPECT_EQ(r.found, 1);
    EXPECT_EQ(r.locals, "t:i64^ a:i64 m:i64");
}

TEST(Unbox, ItemsOfASeededListAreNumbers)
{
    // xs held a list of floats when compilation started: xs[i] is read as a double, and
    // xs itself stays an object (never stored in the loop, so its releases free nothing).
    const char *src = "def f(xs, n):\n    s = 0.0\n    for i in range(n):\n"
                      "        s += xs[i] / (i + 1)\n    return s\n";
    Result r = run_pass(src, { PJ_SEED_LIST | PJ_UT_F64, PJ_UT_I64, 0, 0 });
    EXPECT_EQ(r.found, 1);
    EXPECT_EQ(r.locals, "s:f64^ i:i64");
    EXPECT_TRUE(r.verifies);
    // Without the seed nothing says what the items are.
    EXPECT_EQ(run_pass(src, { 0, PJ_UT_I64, 0, 0 }).found, 0);
    // A container the loop rebinds keeps its shape (a release that frees writes the
    // unboxed locals back first, so the loop may release objects).
    Result w = run_pass("def f(xs, n):\n    s = 0.0\n    for i in range(n):\n"
                        "        s += xs[i]\n        xs = xs\n    return s\n",
                        { PJ_SEED_LIST | PJ_UT_F64, PJ_UT_I64, 0, 0 });
    EXPECT_EQ(w.found, 1);
    EXPECT_TRUE(w.verifies);
}

TEST(Unbox, ShapesFlowThroughIterationUnpackingAndLocals)
{
    // pairs: a list of 2-tuples of lists of floats (what the seed samples from first items).
    // Iterating it and unpacking its items gives lists of floats; their items are read and
    // written unboxed, and math.sqrt of an unboxed float stays unboxed.
    const char *src = "def f(pairs, n):\n    e = 0.0\n    for k in range(n):\n"
                      "        for a, b in pairs:\n            d = a[0] - b[0]\n"
                      "            a[1] = d * 0.5\n            e += sqrt(d * d)\n    return e\n";
    unsigned char pairs = PJ_SEED_LIST | (2 << 4) | (1 << 6) | PJ_UT_F64;
    Result r = run_pass(src, { pairs, PJ_UT_I64, 0, 0, 0, 0, 0 });
    EXPECT_EQ(r.found, 1);
    EXPECT_EQ(r.locals, "e:f64^ k:i64 d:f64");
    EXPECT_TRUE(r.verifies);
    // A list of strs has no number at the bottom: nothing to unbox in the items.
    EXPECT_EQ(run_pass(src, { 0, PJ_UT_I64, 0, 0, 0, 0, 0 }).found, 0);
}
