/* Options from the environment.  Each row: variable, meaning, default -- the user guide's
 * table (docs/user-guide.md) lists the same rows. */
#include "runtime/runtime.h"

#include <stdlib.h>
#include <string.h>

/* PJ_OPTION(env var, field, default, help) */
#define PJ_OPTIONS(X)                                                                              \
    X("PYJIT_THRESHOLD", threshold, 100,                                                           \
      "calls a function runs in the interpreter before it is compiled (0: at the first "           \
      "call); functions containing a loop compile at their first call")                            \
    X("PYJIT_SYNC_LIMIT", sync_limit, 2000,                                                        \
      "size (lowered LLVM instructions) for compiling a function with a loop at its first call: "  \
      "up to 10x this when its loops run unboxed (as baseline code above half of it); the "        \
      "others run that call in the interpreter and compile on the compile thread")                 \
    X("PYJIT_OPT", opt_level, 2, "LLVM optimisation level, 0-3")                                   \
    X("PYJIT_DIRECT_CALLS", direct_calls, 1,                                                       \
      "1: compiled code calls compiled Python functions without the interpreter's call path")      \
    X("PYJIT_OSR", osr, 1,                                                                         \
      "1: the optimised code replacing a big loop function's baseline code takes over its "        \
      "running call at an outer loop's head (on-stack replacement); 0: off")                       \
    X("PYJIT_UNBOX", unbox, 1,                                                                     \
      "1: numeric loops keep ints and floats in machine registers; 0: always boxed objects")       \
    X("PYJIT_MAX_SIZE", max_size, 100000,                                                          \
      "largest function compiled, in bytecode code units; larger ones run in the interpreter")     \
    X("PYJIT_MAX_CODE_MB", max_code_mb, 256,                                                       \
      "cap on compiled code (MiB): past it, the code of the functions compiled longest ago "       \
      "that are not running is freed (they run in the interpreter and compile again when hot); "   \
      "0: no cap")                                                                                 \
    X("PYJIT_STATS", stats_at_exit, 0, "1: print statistics to stderr at exit")                    \
    X("PYJIT_CRASH_REPORT", crash_report, 1,                                                       \
      "1: on a fatal signal in compiled code or pyjit's runtime, print the native frames (naming " \
      "compiled functions) and the Python traceback before dying as before")                       \
    X("PYJIT_GDB", gdb, 0,                                                                         \
      "1: register compiled code with GDB's JIT interface (gdb's bt names compiled functions)")

static long
env_long(const char *name, long dflt)
{
    const char *v = getenv(name);
    if (v == NULL || *v == '\0')
        return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end != '\0' || n < 0) {
        fprintf(stderr, "pyjit: ignoring %s=%s (not a non-negative integer)\n", name, v);
        return dflt;
    }
    return n;
}

static const struct {
    const char *name;
    int bit;
} log_kinds[] = { { "fallback", PJ_LOG_FALLBACK },
                  { "compile", PJ_LOG_COMPILE },
                  { "deopt", PJ_LOG_DEOPT },
                  { "recompile", PJ_LOG_RECOMPILE },
                  { "all", PJ_LOG_FALLBACK | PJ_LOG_COMPILE | PJ_LOG_DEOPT | PJ_LOG_RECOMPILE } };

int
pj_log_parse(const char *text, int warn)
{
    int mask = 0;
    while (*text) {
        size_t n = strcspn(text, ", ");
        int known = 0;
        for (size_t k = 0; k < sizeof log_kinds / sizeof log_kinds[0]; k++)
            if (n == strlen(log_kinds[k].name) && strncmp(text, log_kinds[k].name, n) == 0) {
                mask |= log_kinds[k].bit;
                known = 1;
            }
        if (!known && n > 0) {
            if (!warn)
                return -1;
            fprintf(stderr,
                    "pyjit: PYJIT_LOG: unknown event kind '%.*s' (known: fallback, compile, "
                    "deopt, recompile, all)\n",
                    (int) n, text);
        }
        text += n;
        while (*text == ',' || *text == ' ')
            text++;
    }
    return mask;
}

const char *
pj_log_name(int bit)
{
    /* (every kind but the last, "all") */
    for (size_t k = 0; k + 1 < sizeof log_kinds / sizeof log_kinds[0]; k++)
        if (log_kinds[k].bit == bit)
            return log_kinds[k].name;
    return NULL;
}

void
pj_options_from_env(PjJit *jit)
{
#define X(env, field, dflt, help) jit->field = env_long(env, dflt);
    PJ_OPTIONS(X)
#undef X
    if (jit->opt_level > 3)
        jit->opt_level = 3;
    jit->max_code_bytes =
        jit->max_code_mb > 0 && jit->max_code_mb < (1L << 30) ? (size_t) jit->max_code_mb << 20 : 0;
    /* Compiled callers compare the interpreter's eval_frame with pj_direct.hook. */
    pj_direct.hook = jit->direct_calls ? (void *) pj_hook : (void *) &pj_direct;
    /* PYJIT_LOG: comma-separated event kinds, or "all" */
    const char *log = getenv("PYJIT_LOG");
    jit->log = log != NULL ? pj_log_parse(log, 1) : 0;
}
