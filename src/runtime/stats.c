/* Statistics: what compiled, what fell back and why, deopts, time and code size -- the
 * answer to "is the JIT on, and what did it do?" (stats(), PYJIT_STATS=1). */
#include "runtime/runtime.h"

#include <stdlib.h>
#include <string.h>

#include "codegen/engine.h"
#include "ir/opcodes.h"

static const char *const deopt_text[] = {
#define X(name, text) text,
    PJ_DEOPT_REASONS(X)
#undef X
};

static char *
dup_utf8(PyObject *s)
{
    const char *u = (s != NULL && PyUnicode_Check(s)) ? PyUnicode_AsUTF8(s) : NULL;
    if (u == NULL) {
        PyErr_Clear();
        u = "?";
    }
    return strdup(u);
}

/* "qualname (file:line)" of a code object into buf; never raises. */
static const char *
code_name(PyCodeObject *co, char *buf, size_t len)
{
    PyObject *exc, *val, *tb;
    PyErr_Fetch(&exc, &val, &tb);
    const char *q = PyUnicode_AsUTF8(co->co_qualname), *f = PyUnicode_AsUTF8(co->co_filename);
    PyErr_Clear();
    PyErr_Restore(exc, val, tb);
    snprintf(buf, len, "%s (%s:%d)", q ? q : "?", f ? f : "?", co->co_firstlineno);
    return buf;
}

static void
log_compiled(PyCodeObject *co, const PjCompiled *c)
{
    char name[512];
    fprintf(stderr,
            "pyjit: compiled %s: %d bytecodes, %d LLVM instrs, %zu bytes%s%s%s; %.2f ms "
            "(frontend %.2f, lower %.2f, llvm opt %.2f, codegen %.2f)\n",
            code_name(co, name, sizeof name), c->bc_instrs, c->llvm_instrs, c->code_bytes,
            c->unboxed_loops ? ", unboxed loops" : "",
            c->tier == PJ_TIER_BASELINE ? ", baseline code" : "",
            c->background ? ", in the background" : "",
            1e3 * (c->t_frontend + c->t_lower + c->t_llvm_opt + c->t_codegen), 1e3 * c->t_frontend,
            1e3 * c->t_lower, 1e3 * c->t_llvm_opt, 1e3 * c->t_codegen);
}

void
pj_log_deopt(_PyInterpreterFrame *frame, int reason)
{
    char name[512];
    PyCodeObject *co = frame->f_code;
    int offset = (int) ((frame->prev_instr + 1 - _PyCode_CODE(co)) * sizeof(_Py_CODEUNIT));
    fprintf(stderr, "pyjit: deopt %s at offset %d, line %d: %s\n", code_name(co, name, sizeof name),
            offset, PyCode_Addr2Line(co, offset),
            reason >= 0 && reason < PJ_DEOPT__COUNT ? deopt_text[reason] : "?");
}

void
pj_log_recompile(PyCodeObject *co, const char *why)
{
    char name[512];
    fprintf(stderr, "pyjit: recompile %s: %s\n", code_name(co, name, sizeof name), why);
}

/* Records of code that died (or compiled anew: its newest record follows it) stay, for
 * compiled_functions() and profiles, until there are more than 2 * PJ_DEAD_RECORDS of
 * them: then all but the newest PJ_DEAD_RECORDS go, so a program that creates, compiles
 * and drops code forever keeps a bounded table.  The records that move are live ones:
 * their code states learn their new index. */
#define PJ_DEAD_RECORDS 1024

void
pj_stats_record_dead(int info_index)
{
    if (info_index >= 0 && (size_t) info_index < pj_jit.ninfos &&
        pj_jit.infos[info_index].code != NULL) {
        pj_jit.infos[info_index].code = NULL;
        pj_jit.dead_records++;
    }
}

static void
drop_dead_records(void)
{
    /* (dead_records is exact: every record dies through pj_stats_record_dead) */
    size_t drop = pj_jit.dead_records - PJ_DEAD_RECORDS, kept = 0;
    for (size_t i = 0; i < pj_jit.ninfos; i++) {
        PjCompiledInfo *in = &pj_jit.infos[i];
        if (in->code == NULL && drop > 0) {
            free(in->qualname);
            free(in->filename);
            drop--;
            continue;
        }
        if (kept != i) {
            pj_jit.infos[kept] = *in;
            PjCodeState *st = in->code != NULL ? pj_state_get(in->code) : NULL;
            if (st != NULL && st->info == (int) i)
                st->info = (int) kept;
        }
        kept++;
    }
    pj_jit.records_dropped += pj_jit.ninfos - kept;
    pj_jit.ninfos = kept;
    pj_jit.dead_records = PJ_DEAD_RECORDS;
}

int
pj_stats_compiled(PyCodeObject *co, const PjCompiled *c, int info_index)
{
    if (pj_jit.log & PJ_LOG_COMPILE)
        log_compiled(co, c);
    /* A tier-up replaces the function's entry: its times add up, its sizes are the new
     * code's; the function counts once. */
    int again = info_index >= 0 && (size_t) info_index < pj_jit.ninfos;
    if (!again) {
        pj_jit.compiled++;
        pj_jit.unboxed_loops += c->unboxed_loops;
    }
    pj_jit.t_frontend += c->t_frontend;
    pj_jit.t_lower += c->t_lower;
    pj_jit.t_llvm_opt += c->t_llvm_opt;
    pj_jit.t_codegen += c->t_codegen;
    pj_jit.compile_time += c->t_frontend + c->t_lower + c->t_llvm_opt + c->t_codegen;
    pj_jit.code_bytes += c->code_bytes;
    pj_jit.code_bytes_total += c->code_bytes;
    PjCompiledInfo *info;
    if (again) {
        info = &pj_jit.infos[info_index];
        info->t_frontend += c->t_frontend;
        info->t_lower += c->t_lower;
        info->t_llvm_opt += c->t_llvm_opt;
        info->t_codegen += c->t_codegen;
        info->tiers++;
    }
    else {
        if (pj_jit.dead_records > 2 * PJ_DEAD_RECORDS)
            drop_dead_records();
        if (pj_jit.ninfos == pj_jit.cap_infos) {
            size_t cap = pj_jit.cap_infos ? 2 * pj_jit.cap_infos : 64;
            PjCompiledInfo *n = realloc(pj_jit.infos, cap * sizeof(PjCompiledInfo));
            if (n == NULL)
                return -1;
            pj_jit.infos = n;
            pj_jit.cap_infos = cap;
        }
        info_index = (int) pj_jit.ninfos++;
        info = &pj_jit.infos[info_index];
        info->qualname = dup_utf8(co->co_qualname);
        info->filename = dup_utf8(co->co_filename);
        info->firstlineno = co->co_firstlineno;
        info->t_frontend = c->t_frontend;
        info->t_lower = c->t_lower;
        info->t_llvm_opt = c->t_llvm_opt;
        info->t_codegen = c->t_codegen;
        info->tiers = 1;
        info->code_hash = pj_code_hash(co);
        info->code = co;
        info->deopts = 0;
        PjCodeState *st = pj_state_get(co);
        info->calls = st != NULL ? (long) st->calls : 0;
    }
    info->bc_instrs = c->bc_instrs;
    info->llvm_instrs = c->llvm_instrs;
    info->background = c->background;
    info->unboxed_loops = c->unboxed_loops;
    info->code_bytes = c->code_bytes;
    info->optimized = c->tier == PJ_TIER_OPTIMIZED;
    info->cached = c->cached;
    return info_index;
}

void
pj_stats_failed(PjAbort why)
{
    pj_jit.failed++;
    if (why.kind >= 0 && why.kind < PJ_ABORT__COUNT)
        pj_jit.fallbacks[why.kind]++;
    if (why.kind == PJ_ABORT_UNSUPPORTED_OPCODE && why.detail >= 0 && why.detail < 256)
        pj_jit.unsupported[why.detail]++;
}

static int
set_long(PyObject *d, const char *key, long long v)
{
    PyObject *o = PyLong_FromLongLong(v);
    int r = o ? PyDict_SetItemString(d, key, o) : -1;
    Py_XDECREF(o);
    return r;
}

static int
set_float(PyObject *d, const char *key, double v)
{
    PyObject *o = PyFloat_FromDouble(v);
    int r = o ? PyDict_SetItemString(d, key, o) : -1;
    Py_XDECREF(o);
    return r;
}

static int
set_obj(PyObject *d, const char *key, PyObject *o) /* steals o */
{
    int r = o ? PyDict_SetItemString(d, key, o) : -1;
    Py_XDECREF(o);
    return r;
}

static PyObject *
fallbacks_dict(void)
{
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    char text[128];
    for (int k = 1; k < PJ_ABORT__COUNT; k++) {
        if (k == PJ_ABORT_UNSUPPORTED_OPCODE || pj_jit.fallbacks[k] == 0)
            continue;
        PjAbort a = { (PjAbortKind) k, 0 };
        pj_abort_format(a, text, sizeof text);
        if (set_long(d, text, pj_jit.fallbacks[k]) < 0)
            goto error;
    }
    for (int op = 0; op < 256; op++) {
        if (pj_jit.unsupported[op] == 0)
            continue;
        PjAbort a = { PJ_ABORT_UNSUPPORTED_OPCODE, op };
        pj_abort_format(a, text, sizeof text);
        if (set_long(d, text, pj_jit.unsupported[op]) < 0)
            goto error;
    }
    return d;
error:
    Py_DECREF(d);
    return NULL;
}

PyObject *
pj_stats_dict(void)
{
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    long deopts = 0;
    PyObject *reasons = PyDict_New();
    if (reasons == NULL)
        goto error;
    for (int r = 0; r < PJ_DEOPT__COUNT; r++) {
        deopts += pj_jit.deopts[r];
        if (pj_jit.deopts[r] && set_long(reasons, deopt_text[r], pj_jit.deopts[r]) < 0) {
            Py_DECREF(reasons);
            goto error;
        }
    }
    PyObject *stages =
        Py_BuildValue("{s:d,s:d,s:d,s:d}", "frontend", pj_jit.t_frontend, "lower", pj_jit.t_lower,
                      "llvm_opt", pj_jit.t_llvm_opt, "codegen", pj_jit.t_codegen);
    if (set_obj(d, "enabled", PyBool_FromLong(pj_jit.enabled)) < 0 ||
        set_long(d, "compiled", pj_jit.compiled) < 0 || set_long(d, "failed", pj_jit.failed) < 0 ||
        set_obj(d, "fallbacks", fallbacks_dict()) < 0 || set_long(d, "deopts", deopts) < 0 ||
        set_obj(d, "deopt_reasons", reasons) < 0 ||
        set_long(d, "error_exits", pj_jit.error_exits) < 0 ||
        set_long(d, "background_compiles", pj_jit.background_compiles) < 0 ||
        set_long(d, "deferred", pj_jit.deferred) < 0 ||
        set_long(d, "deferred_dropped", pj_jit.deferred_dropped) < 0 ||
        set_long(d, "short_loop_calls", pj_jit.short_loop_calls) < 0 ||
        set_long(d, "stack_switches", pj_jit.stack_switches) < 0 ||
        set_long(d, "profile_functions",
                 pj_jit.profile != NULL ? (long) PyDict_Size(pj_jit.profile) : 0) < 0 ||
        set_long(d, "profile_matched", pj_jit.profile_matched) < 0 ||
        set_long(d, "profile_stale", pj_jit.profile_stale) < 0 ||
        set_long(d, "profile_eager", pj_jit.profile_eager) < 0 ||
        set_long(d, "stale_recompiles", pj_jit.stale_recompiles) < 0 ||
        set_long(d, "cache_hits", pj_engine_cache_stats(pj_jit.engine).hits) < 0 ||
        set_long(d, "cache_stores", pj_engine_cache_stats(pj_jit.engine).stores) < 0 ||
        set_long(d, "cache_rejected", pj_engine_cache_stats(pj_jit.engine).rejected) < 0 ||
        set_long(d, "osr_entries", pj_jit.osr_entries) < 0 ||
        set_long(d, "unboxed_loops", pj_jit.unboxed_loops) < 0 ||
        set_long(d, "recompiles", pj_jit.recompiles) < 0 ||
        set_long(d, "tier_ups", pj_jit.tier_ups) < 0 ||
        set_long(d, "evictions", pj_jit.evictions) < 0 ||
        set_long(d, "max_code_bytes", (long long) pj_jit.max_code_bytes) < 0 ||
        set_long(d, "records_dropped", pj_jit.records_dropped) < 0 ||
        set_long(d, "direct_calls", (long) pj_direct.count) < 0 ||
        set_long(d, "codes_seen", pj_jit.codes_seen) < 0 ||
        set_long(d, "bodies_interpreted", pj_jit.bodies_interpreted) < 0 ||
        set_float(d, "compile_time_s", pj_jit.compile_time) < 0 ||
        set_obj(d, "stage_time_s", stages) < 0 ||
        set_long(d, "code_bytes", (long long) pj_jit.code_bytes) < 0 ||
        set_long(d, "code_bytes_total", (long long) pj_jit.code_bytes_total) < 0 ||
        set_long(d, "threshold", pj_jit.threshold) < 0 ||
        set_long(d, "opt_level", pj_jit.opt_level) < 0)
        goto error;
    return d;
error:
    Py_DECREF(d);
    return NULL;
}

void
pj_stats_print(FILE *f)
{
    long deopts = 0;
    for (int r = 0; r < PJ_DEOPT__COUNT; r++)
        deopts += pj_jit.deopts[r];
    fprintf(f, "pyjit: %ld compiled, %ld fell back, %ld deopts, %ld error exits\n", pj_jit.compiled,
            pj_jit.failed, deopts, pj_jit.error_exits);
    fprintf(f,
            "pyjit: compile time %.3f s (front end %.3f, lowering %.3f, LLVM passes %.3f, "
            "code generation %.3f), %zu bytes of code live\n",
            pj_jit.compile_time, pj_jit.t_frontend, pj_jit.t_lower, pj_jit.t_llvm_opt,
            pj_jit.t_codegen, pj_jit.code_bytes);
    char text[128];
    for (int k = 1; k < PJ_ABORT__COUNT; k++) {
        if (k == PJ_ABORT_UNSUPPORTED_OPCODE || pj_jit.fallbacks[k] == 0)
            continue;
        PjAbort a = { (PjAbortKind) k, 0 };
        pj_abort_format(a, text, sizeof text);
        fprintf(f, "pyjit:   fallback %-40s %ld\n", text, pj_jit.fallbacks[k]);
    }
    for (int op = 0; op < 256; op++) {
        if (pj_jit.unsupported[op] == 0)
            continue;
        PjAbort a = { PJ_ABORT_UNSUPPORTED_OPCODE, op };
        pj_abort_format(a, text, sizeof text);
        fprintf(f, "pyjit:   fallback %-40s %ld\n", text, pj_jit.unsupported[op]);
    }
    for (int r = 0; r < PJ_DEOPT__COUNT; r++)
        if (pj_jit.deopts[r])
            fprintf(f, "pyjit:   deopt    %-40s %ld\n", deopt_text[r], pj_jit.deopts[r]);
}
