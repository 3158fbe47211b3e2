/* Runtime state: the process's one JIT state, the per-code state kept in co_extra, options
 * and statistics.  Everything here runs with the GIL held. */
#ifndef PJ_RUNTIME_RUNTIME_H
#define PJ_RUNTIME_RUNTIME_H

#include "cpython.h"

#include "abort.h"
#include "compile.h"
#include "rtdef.h"

/* Per code object, in co_extra; freed with the code object (pj_state_free). */
/* Code replaced while it may still be running below (a recompile, a tier-up): freed with
 * its code object. */
typedef struct PjRetired {
    void *entry; /* where its code starts (the crash report's lookups) */
    PjCodeHandle *handle;
    PjRuntimeData *rd;
    size_t bytes;
    struct PjRetired *next;
} PjRetired;

typedef struct PjCodeState {
    /* First, as PjCallTarget (rtdef.h): what compiled callers read. */
    PjEntry entry; /* native entry, NULL until compiled */
    PjRuntimeData *rd;
    int32_t direct_argc;
    int32_t nlocalsplus;
    int32_t frame_words;
    PjCodeHandle *handle;
    size_t code_bytes;
    uint32_t calls;     /* calls seen by the hook before compilation */
    uint8_t failed;     /* compilation failed: never retried */
    uint8_t compiling;  /* being compiled (re-entry guard; pending on the compile thread) */
    uint8_t has_loop;   /* compiled at its first call (when small enough) */
    uint8_t deferred;   /* has a loop but too big to compile at its first call */
    uint8_t front_due;  /* deferred: its job waits for the front half (worker.c) */
    PjAbort why;        /* why it failed */
    PyCodeObject *code; /* borrowed: the state lives exactly as long as its code object */
    void *job;          /* pending job on the compile thread (worker.c), or NULL */
    /* Unboxed loops whose checks keep failing: after PJ_UNBOX_DEOPT_LIMIT such deopts the
     * function is compiled again without unboxing at its next call.  The first code is
     * retired, not freed (it may still be running below), until the code object dies. */
    uint8_t no_unbox;
    uint32_t unbox_deopts;
    PjRetired *retired;
    /* Running baseline code (no LLVM optimisation, FastISel) compiled at a loop function's
     * first call, while the compile thread builds the optimised code that replaces it. */
    uint8_t baseline;
    uint8_t tier_up_job;      /* the job queued for it is that optimised compile (or its
                               * deferred front half: see pj_state_tier_up) */
    uint8_t osr;              /* its code takes running frames at loop heads (PJ_EXIT_OSR) */
    uint16_t osr_rearms;      /* eval-breaker re-raises on the way to such a head (helpers.c) */
    uint8_t tier_up_idle;     /* baseline code whose first call ended before its optimised
                               * compile was due: the hook counts its calls (direct calls
                               * skip it meanwhile: direct_argc -1) */
    int info;                 /* its entry in pj_jit.infos (stats.c), -1 none */
    uint8_t stale_recompiles; /* recompilations for stale feedback (fast_paths_stale) */
    uint8_t pinned;           /* a frame of it is on a thread's stack (evict_code) */
    uint16_t evictions;       /* times its code was evicted (PYJIT_MAX_CODE_MB) */
    uint8_t profiled;         /* a loaded profile names it (same bytecode): compiled at its
                               * first call (pj_state_get_or_create, hook.c) */
    unsigned int *profile_fb; /* the profile's feedback for it (PjCompileOptions.feedback;
                               * owned), or NULL */
    int profile_nfb;
    unsigned char *profile_seed; /* the profile's unboxing seed for it (owned), or NULL */
    int profile_nseed;
    /* The unboxing seed of its last compilation (owned; NULL: none), for pyjit.dump. */
    unsigned char *seed;
    int nseed;
} PjCodeState;

_Static_assert(offsetof(PjCodeState, entry) == offsetof(PjCallTarget, entry) &&
                   offsetof(PjCodeState, rd) == offsetof(PjCallTarget, rd) &&
                   offsetof(PjCodeState, direct_argc) == offsetof(PjCallTarget, argc) &&
                   offsetof(PjCodeState, nlocalsplus) == offsetof(PjCallTarget, nlocalsplus) &&
                   offsetof(PjCodeState, frame_words) == offsetof(PjCallTarget, frame_words),
               "PjCodeState must begin as PjCallTarget");

extern PjDirectCalls pj_direct;

/* How long a deferred loop function runs in the interpreter before its front half: long
 * enough for the interpreter to quicken and specialise it (8 calls or back edges, then
 * about 30 executions of each instruction), short enough not to matter. */
#define PJ_FEEDBACK_DELAY 0.005

#define PJ_UNBOX_DEOPT_LIMIT 16

/* Counts a deopt of an unboxed loop's check in `co`; retires the code when they keep
 * failing (see PjCodeState). */
void pj_state_unbox_deopt(PyCodeObject *co);
/* The fast paths co's code chose from the interpreter's feedback missed PJ_MISS_LIMIT
 * times: the types changed.  Retires the code (its running calls finish in it) and lets
 * the interpreter run the function again, which re-specialises it, until it compiles again
 * with that feedback -- at most PJ_STALE_RECOMPILES times per code object. */
#define PJ_STALE_RECOMPILES 3
void pj_state_fast_paths_stale(PyCodeObject *co);

typedef struct PjCompiledInfo {
    char *qualname, *filename;
    int firstlineno;
    int bc_instrs, llvm_instrs; /* sizes: bytecode, lowered LLVM IR */
    int background;             /* compiled by the compile thread */
    int unboxed_loops;
    size_t code_bytes;
    double t_frontend, t_lower, t_llvm_opt, t_codegen; /* seconds, all its compilations */
    int tiers;          /* compilations: 2 for baseline code replaced by optimised code */
    int optimized;      /* the code now installed is the optimised tier's */
    uint64_t code_hash; /* pj_code_hash: a profile's key with its names */
    /* Its code object (borrowed), while that lives and this is its newest record: cleared
     * by state_free and when a recompilation starts a new record.  (Not a weak reference:
     * creating a GC-tracked object while compiling changed what gc.get_objects() counts
     * around a compiled loop, which test_descr checks.) */
    PyCodeObject *code;
    int cached;  /* its last compilation came from the code cache */
    long deopts; /* its compiled code's deopts */
    long calls;  /* calls the hook saw before it compiled */
} PjCompiledInfo;

typedef struct PjJit {
    int initialized;
    int enabled;
    Py_ssize_t extra_index; /* co_extra slot, requested once per process */
    PjEngine *engine;
    char engine_error[256];
    PjCompileOptions copts;

    /* options (options.c) */
    long threshold;  /* calls in the interpreter before compiling */
    long sync_limit; /* largest loop function compiled at its first call (LLVM instrs) */
    int opt_level;
    int unbox;        /* PYJIT_UNBOX */
    int direct_calls; /* PYJIT_DIRECT_CALLS */
    int osr;          /* PYJIT_OSR */
    long max_size;    /* PYJIT_MAX_SIZE: code units */
    long max_code_mb; /* PYJIT_MAX_CODE_MB */
    int stats_at_exit;
    int gdb;          /* PYJIT_GDB */
    int crash_report; /* PYJIT_CRASH_REPORT */
    int log;          /* PYJIT_LOG: PJ_LOG_* bits */

    /* statistics (stats.c) */
    long compiled, failed;
    long fallbacks[PJ_ABORT__COUNT];
    long unsupported[256]; /* per opcode, for PJ_ABORT_UNSUPPORTED_OPCODE */
    long deopts[PJ_DEOPT__COUNT];
    long error_exits;
    long background_compiles;
    long deferred;         /* loop functions too big to compile at their first call */
    long deferred_dropped; /* of those, first calls over before the front half was due */
    long short_loop_calls; /* loop functions' calls interpreted: short loops (hook.c) */
    long stack_switches;   /* frames evaluated on a new C stack segment (stack.c) */
    /* A loaded profile (pyjit.load_profile): a dict (filename, qualname, firstlineno) ->
     * bytecode hash (owned; NULL: none), and what became of its functions. */
    PyObject *profile;
    long profile_matched; /* code objects it named, with the same bytecode */
    long profile_stale;   /* named, but their bytecode changed: not compiled early */
    long profile_eager;   /* of the matched, compiled when their module finished running,
                           * before their first call (hook.c) */
    long osr_entries;     /* running frames handed to newer code at a loop head */
    long unboxed_loops;
    long recompiles;       /* functions compiled again (without unboxing, or stale) */
    long stale_recompiles; /* of those, because their feedback went stale */
    long tier_ups;         /* baseline code replaced by optimised code */
    long codes_seen; /* code objects that got a state: functions that ran (also traced), loop bodies
                      */
    long bodies_interpreted; /* runs of module/class bodies without a loop (never compiled) */
    double compile_time, t_frontend, t_lower, t_llvm_opt, t_codegen;
    size_t code_bytes;       /* machine code of live compiled functions */
    size_t code_bytes_total; /* ever compiled */
    PjCompiledInfo *infos;   /* every code object compiled, for reports */
    size_t ninfos, cap_infos;
    /* Records whose code died or compiled anew (code NULL), and those dropped since
     * (stats.c: drop_dead_records). */
    size_t dead_records;
    long records_dropped;
    /* Compiled functions whose code the PYJIT_MAX_CODE_MB cap evicted, and the cap in
     * bytes (0: none). */
    long evictions;
    size_t max_code_bytes;
} PjJit;

extern PjJit pj_jit;

/* options.c */
void pj_options_from_env(PjJit *jit);

/* state.c */
int pj_state_init(PjJit *jit);

/* CPython's private layout of co_extra (Objects/codeobject.c), read inline by the hook. */
typedef struct {
    Py_ssize_t ce_size;
    void *ce_extras[1];
} PjCodeExtra;

static inline PjCodeState *
pj_state_get(PyCodeObject *co)
{
    PjCodeExtra *ex = (PjCodeExtra *) co->co_extra;
    if (ex == NULL || ex->ce_size <= pj_jit.extra_index || pj_jit.extra_index < 0)
        return NULL;
    return (PjCodeState *) ex->ce_extras[pj_jit.extra_index];
}

PjCodeState *pj_state_get_or_create(PyCodeObject *co); /* NULL: no memory (no exception) */
int pj_code_has_loop(PyCodeObject *co);
/* A 64-bit FNV-1a hash of what a code object compiles from: its bytecode (co_code,
 * without the interpreter's specialisations), argument shape and flags, constants (by
 * repr; nested code objects by their own hash) and names.  Profiles key functions with it:
 * an edited function has another one.  0 (no error set) if the bytecode cannot be read. */
uint64_t pj_code_hash(PyCodeObject *co);
/* Whether every loop of `co` is a `for` over a local that holds, in `frame` (a fresh frame
 * of it), a list, tuple or dict of at most PJ_SHORT_LOOP items, none nested in another:
 * a first call that is over in microseconds (set-up code), not worth compiling for. */
#define PJ_SHORT_LOOP 32
#define PJ_SHORT_LOOPS_MAX 8
int pj_code_loops_short(PyCodeObject *co, _PyInterpreterFrame *frame);
/* Compiles the code object now; 1 compiled (or was), 0 failed (counted), never raises. */
int pj_state_compile(PyCodeObject *co, PjCodeState *st);

/* How pj_state_compile_mode runs LLVM's half of a compilation. */
enum {
    PJ_COMPILE_SYNC,  /* now, on this thread */
    PJ_COMPILE_ASYNC, /* on the compile thread; the function runs in the interpreter meanwhile */
    PJ_COMPILE_ASYNC_URGENT,    /* the same, ahead of the queue (the function is running now) */
    PJ_COMPILE_FIRST_LOOP_CALL, /* now if the function is at most PYJIT_SYNC_LIMIT big, else
                                 * not at all: st->deferred is set and the next call queues it */
};
/* Compiles the code object per `mode`; 1 compiled or queued, 0 not (failed -- counted --
 * or deferred). */
int pj_state_compile_mode(PyCodeObject *co, PjCodeState *st, int mode);
/* Baseline code proved hot -- still running when its optimised compile came due, or
 * called again often enough: queue that compile now (GIL held; `frame`: a call of it for
 * the seed, or NULL).  `running`: `frame` is a call the sampler found running on top of
 * its stack, which the new code takes over at a loop head (PYJIT_OSR).
 * pj_state_tier_up_drop: it was not hot (see tier_up_idle). */
void pj_state_tier_up(PjCodeState *st, _PyInterpreterFrame *frame, int running);
void pj_state_tier_up_drop(PjCodeState *st);
/* The same as pj_state_compile_mode, with the types of `frame`'s locals (a frame of `co`,
 * or NULL) as the unboxing pass's guess: the arguments of a first call, the locals of a
 * running frame. */
int pj_state_compile_frame(PyCodeObject *co, PjCodeState *st, int mode,
                           struct _PyInterpreterFrame *frame);
/* A loaded profile: compiles now (synchronously) the code objects nested in `co` -- a
 * module or class body that has just run -- that the profile names, with the body's
 * globals and builtins (borrowed) and the profile's seeds.  GIL held. */
void pj_state_compile_profiled(PyCodeObject *co, PyObject *globals, PyObject *builtins);
/* Applies a finished compilation to its state (GIL held). */
void pj_state_finish(PjCodeState *st, int rc, const PjCompiled *c, PjAbort why);

/* worker.c */
#include <stdatomic.h>
extern atomic_int pj_worker_done;
int pj_worker_submit(PjCodeState *st, PjPending *p, const PjCompiled *front, int urgent);
void pj_worker_forget(PjCodeState *st);
void pj_worker_install(void);
void pj_worker_wait(void);
int pj_worker_defer(PjCodeState *st, double delay);
void pj_worker_hit(PjCodeState *st);
void pj_worker_shutdown(void);

/* hook.c */
PyObject *pj_hook(PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag);
int pj_hook_install(void); /* 0, or -1 with an exception */
void pj_hook_uninstall(void);
int pj_hook_is_installed(void);

/* helpers.c */
const PjSymbol *pj_helpers_symbols(size_t *n);
int pj_helpers_check_layouts(void); /* 1 when private CPython layouts we mirror match */
int pj_helpers_check_seqiter_layout(void);
void pj_helpers_init_builtins(void);

/* perf.c: PYJIT_PERF_MAP's perf map or jitdump entry for newly installed code. */
void pj_perf_add(PyCodeObject *co, const void *code, size_t size);

/* crash.c: the crash report's signal handlers. */
void pj_crash_install(void);
void pj_crash_test(void);
void pj_helpers_find_math(void);

/* stats.c */
/* PYJIT_LOG event kinds: one line on stderr per event. */
enum {
    PJ_LOG_FALLBACK = 1,  /* a function that cannot be compiled, with the reason */
    PJ_LOG_COMPILE = 2,   /* a function compiled: size, time per stage, where */
    PJ_LOG_DEOPT = 4,     /* compiled code handing its frame to the interpreter, and why */
    PJ_LOG_RECOMPILE = 8, /* compiled code retired to be compiled again, and why */
};
/* The PJ_LOG_* mask of a comma-separated list of kinds; an unknown kind is reported on
 * stderr (warn) or makes it return -1. */
int pj_log_parse(const char *text, int warn);
const char *pj_log_name(int bit); /* the kind of one PJ_LOG_* bit */
void pj_log_deopt(_PyInterpreterFrame *frame, int reason);
void pj_log_recompile(PyCodeObject *co, const char *why);

/* Counts a compilation and records it in pj_jit.infos, at `info_index` (>= 0: the same
 * function's entry, replaced by a tier-up) or a new entry; returns the index (-1: none). */
int pj_stats_compiled(PyCodeObject *co, const PjCompiled *c, int info_index);

/* stack.c: deep recursion on C stack segments of its own.  pj_rt_stack_low says whether
 * this thread is near the end of its C stack; pj_stack_call runs fn on a new segment. */
typedef PyObject *(*PjStackFn)(PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag);
int pj_rt_stack_low(void);
/* The rule the hook and direct calls share (lower.c's direct-call path emits the same):
 * every 32nd level of recursion, whether the C stack is nearly used up. */
static inline int
pj_stack_low_now(const PyThreadState *ts)
{
    return (ts->recursion_remaining & 31) == 0 && pj_rt_stack_low();
}
PyObject *pj_stack_call(PjStackFn fn, PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag);
/* The record at `info_index` (-1: none) no longer follows a live code object. */
void pj_stats_record_dead(int info_index);
void pj_stats_failed(PjAbort why);
PyObject *pj_stats_dict(void); /* new reference */
void pj_stats_print(FILE *f);

#endif
