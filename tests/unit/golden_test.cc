// Golden text dumps: each case in tests/golden/*.txt gives Python source, the function and
// the stage ("bytecode" or "ir"); the dump must equal the expected text.  Set
// PYJIT_GOLDEN_UPDATE=1 to rewrite the expectations from this build (then read the diff).
#include <dirent.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compile.h"
#include "py_env.h"

using namespace pyjit_test;

namespace {

struct GoldenCase {
    std::string name, stage, function, source, expect;
};

// File format: cases separated by "=== <name>" lines; inside, "--- stage <s>",
// "--- function <f>", "--- source" (lines up to "--- expect"), "--- expect" (to the end of
// the case).
std::vector<GoldenCase>
parse(const std::string &text)
{
    std::vector<GoldenCase> cases;
    std::istringstream in(text);
    std::string line;
    GoldenCase *c = nullptr;
    std::string *sink = nullptr;
    while (std::getline(in, line)) {
        if (line.rfind("=== ", 0) == 0) {
            cases.push_back(GoldenCase());
            c = &cases.back();
            c->name = line.substr(4);
            sink = nullptr;
        }
        else if (c && line.rfind("--- stage ", 0) == 0) {
            c->stage = line.substr(10);
        }
        else if (c && line.rfind("--- function ", 0) == 0) {
            c->function = line.substr(13);
        }
        else if (c && line == "--- source") {
            sink = &c->source;
        }
        else if (c && line == "--- expect") {
            sink = &c->expect;
        }
        else if (sink) {
            *sink += line + "\n";
        }
    }
    return cases;
}

std::string
render(const std::vector<GoldenCase> &cases)
{
    std::string out;
    for (const auto &c : cases) {
        out += "=== " + c.name + "\n--- stage " + c.stage + "\n--- function " + c.function +
               "\n--- source\n" + c.source + "--- expect\n" + c.expect;
    }
    return out;
}

std::vector<std::string>
golden_files()
{
    std::vector<std::string> files;
    std::string dir = std::string(PYJIT_SOURCE_DIR) + "/tests/golden";
    DIR *d = opendir(dir.c_str());
    if (d == nullptr)
        return files;
    while (struct dirent *e = readdir(d)) {
        std::string n = e->d_name;
        if (n.size() > 4 && n.substr(n.size() - 4) == ".txt")
            files.push_back(dir + "/" + n);
    }
    closedir(d);
    return files;
}

std::string
dump(const GoldenCase &c)
{
    PyObject *code = code_of(c.source, c.function);
    if (code == nullptr)
        return "<source failed>\n";
    PjCompileOptions opts = { 1, 1,       100000,  600, 1,       1, nullptr, 0,
                              0, nullptr, nullptr, 0,   nullptr, 0, 0,       0 };
    PjAbort why;
    char *text = pj_compile_dump(nullptr, code, c.stage.c_str(), &opts, &why);
    Py_DECREF(code);
    if (text == nullptr) {
        char reason[128];
        pj_abort_format(why, reason, sizeof reason);
        return std::string("<no dump: ") + reason + ">\n";
    }
    std::string s(text);
    free(text);
    return s;
}

} // namespace

TEST(Golden, Dumps)
{
    ensure_python();
    bool update = getenv("PYJIT_GOLDEN_UPDATE") != nullptr;
    auto files = golden_files();
    ASSERT_FALSE(files.empty()) << "no tests/golden/*.txt";
    int ncases = 0;
    for (const auto &f : files) {
        auto cases = parse(read_file(f));
        for (auto &c : cases) {
            ncases++;
            std::string got = dump(c);
            if (update)
                c.expect = got;
            else
                EXPECT_EQ(got, c.expect) << f << ": case " << c.name;
        }
        if (update) {
            std::ofstream out(f);
            out << render(cases);
        }
    }
    EXPECT_GT(ncases, 5);
}
