/* The PEP 523 frame-evaluation hook and tiering.
 *
 * Every Python call in this interpreter reaches pj_hook while the JIT is enabled.  Its
 * fast path -- a compiled, fresh, untraced frame -- is a handful of loads before the jump
 * into native code (DESIGN.md section 5: the hook itself is a tax on every call).
 * Everything else goes to the stock evaluator, after counting the call and compiling
 * the function once it is hot.
 */
#include "runtime/runtime.h"

static PyObject *hook_slow(PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag,
                           PjCodeState *st);

/* The calls a loop function counts before compiling (a dropped deferred compile) or tiering
 * up (baseline code whose first call ended early): a tenth of the threshold -- its loop is
 * where the time goes when it is called again. */
static inline long
loop_threshold(void)
{
    return (pj_jit.threshold + 9) / 10;
}

static inline PyObject *
hook_frame(PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag)
{
    PyCodeObject *co = frame->f_code;
    PjCodeState *st = pj_state_get(co);
    /* A generator's code dispatches on where its frame resumes (or hands it to the
     * interpreter); other code only ever starts fresh frames.  (Baseline code counting its
     * calls for its optimised compile takes the slow path.) */
    if (st != NULL && st->entry != NULL && !st->tier_up_idle && !throwflag &&
        !ts->cframe->use_tracing &&
        (frame->prev_instr == _PyCode_CODE(co) - 1 || frame->owner == FRAME_OWNED_BY_GENERATOR))
        return st->entry(ts, frame, st->rd);
    return hook_slow(ts, frame, throwflag, st);
}

static PyObject *
hook_frame_outlined(PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag)
{
    return hook_frame(ts, frame, throwflag);
}

PyObject *
pj_hook(PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag)
{
    /* Every 32nd level of recursion: near the end of the C stack, this frame and those it
     * calls continue on a new stack segment (stack.c). */
    if (pj_stack_low_now(ts))
        return pj_stack_call(hook_frame_outlined, ts, frame, throwflag);
    return hook_frame(ts, frame, throwflag);
}

static PyObject *hook_body(PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag,
                           PjCodeState *st);

/* With a loaded profile, a module (or class) body that has run has defined the functions
 * the profile names: they compile now, ahead of their first call, with the body's globals
 * (complete by now) -- at import time, not in the program's first iterations. */
static PyObject *
hook_slow(PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag, PjCodeState *st)
{
    PyCodeObject *co = frame->f_code;
    if (pj_jit.profile == NULL || (co->co_flags & CO_OPTIMIZED) || throwflag ||
        frame->prev_instr != _PyCode_CODE(co) - 1)
        return hook_body(ts, frame, throwflag, st);
    PyObject *globals = Py_NewRef(frame->f_globals), *builtins = Py_NewRef(frame->f_builtins);
    PyObject *r = hook_body(ts, frame, throwflag, st);
    if (!ts->cframe->use_tracing)
        pj_state_compile_profiled(co, globals, builtins);
    Py_DECREF(globals);
    Py_DECREF(builtins);
    return r;
}

static PyObject *
hook_body(PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag, PjCodeState *st)
{
    PyCodeObject *co = frame->f_code;
    if (atomic_load_explicit(&pj_worker_done, memory_order_relaxed))
        pj_worker_install();
    /* Traced or profiled frames, throws (gen.throw(), close()) and resumes of generators
     * not compiled: the interpreter's. */
    if (throwflag || ts->cframe->use_tracing || frame->prev_instr != _PyCode_CODE(co) - 1) {
        /* A function seen only traced still counts as one that ran (stats codes_seen): it
         * gets its state, and compiles at a later call that is not traced. */
        if (st == NULL && ts->cframe->use_tracing && (co->co_flags & CO_OPTIMIZED))
            pj_state_get_or_create(co);
        return _PyEval_EvalFrameDefault(ts, frame, throwflag);
    }
    if (st == NULL) {
        /* Module and class bodies run once: only a loop in them is worth compiling, so
         * they get a state (and are counted) only then. */
        if (!(co->co_flags & CO_OPTIMIZED) && !pj_code_has_loop(co)) {
            pj_jit.bodies_interpreted++;
            return _PyEval_EvalFrameDefault(ts, frame, throwflag);
        }
        st = pj_state_get_or_create(co);
        if (st == NULL)
            return _PyEval_EvalFrameDefault(ts, frame, throwflag);
    }
    if (st->failed)
        return _PyEval_EvalFrameDefault(ts, frame, throwflag);
    if (st->entry != NULL) { /* (also while its optimised code is being compiled) */
        /* Baseline code whose first call ended early: hot again after a tenth of the
         * threshold (as a dropped deferred loop function, below). */
        if (st->tier_up_idle && (long) ++st->calls >= loop_threshold())
            pj_state_tier_up(st, frame, 0);
        return st->entry(ts, frame, st->rd);
    }
    if (st->compiling) {
        /* Queued: the calls while it waits rank it in the queue (worker.c).  A deferred
         * loop function called again before its front half is due waits for it too: a
         * second call says little, the first call still running at that time does. */
        if (!st->front_due)
            pj_worker_hit(st);
        return _PyEval_EvalFrameDefault(ts, frame, throwflag);
    }
    /* A loop function whose deferred compilation was dropped (worker.c) counts too, to
     * a tenth of the threshold: its loop is where time goes when it is called again,
     * and it compiles in the background. */
    long need = st->has_loop ? loop_threshold() : pj_jit.threshold;
    if ((long) st->calls < need && (!st->has_loop || st->deferred) && !st->profiled) {
        st->calls++;
        return _PyEval_EvalFrameDefault(ts, frame, throwflag);
    }
    /* A loop function whose loops only walk small containers now (set-up code called
     * once: n-body's energy and offset_momentum, 6 and 15 items) runs this call in the
     * interpreter: compiling it for the call took longer than the call.  It counts its
     * calls as a dropped deferred one, and compiles in the background. */
    int short_loops = st->has_loop && !st->deferred && !st->profiled && pj_jit.threshold != 0 &&
                      pj_code_loops_short(co, frame);
    if (short_loops) {
        pj_jit.short_loop_calls++;
        if ((long) ++st->calls < loop_threshold())
            return _PyEval_EvalFrameDefault(ts, frame, throwflag);
    }
    /* Every function at threshold 0 compiles right away, and so does a function with a
     * loop that LLVM handles quickly (its loop is where the time goes, and this call
     * should use it); others go to the compile thread and run in the interpreter until
     * their code is ready -- a big loop function from its second call. */
    /* A function the loaded profile names was hot in the recorded run: compiled now, for
     * this call, with the optimising pipeline (no warm-up). */
    int mode = pj_jit.threshold == 0 || st->profiled           ? PJ_COMPILE_SYNC
               : st->has_loop && !st->deferred && !short_loops ? PJ_COMPILE_FIRST_LOOP_CALL
                                                               : PJ_COMPILE_ASYNC;
    if (!pj_state_compile_frame(co, st, mode, frame) || st->entry == NULL)
        return _PyEval_EvalFrameDefault(ts, frame, throwflag);
    return st->entry(ts, frame, st->rd);
}

int
pj_hook_install(void)
{
    PyInterpreterState *interp = PyInterpreterState_Get();
    _PyFrameEvalFunction cur = _PyInterpreterState_GetEvalFrameFunc(interp);
    if (cur == pj_hook)
        return 0;
    if (cur != _PyEval_EvalFrameDefault) {
        PyErr_SetString(PyExc_RuntimeError,
                        "pyjit: another frame evaluator (PEP 523) is already installed");
        return -1;
    }
    _PyInterpreterState_SetEvalFrameFunc(interp, pj_hook);
    return 0;
}

void
pj_hook_uninstall(void)
{
    PyInterpreterState *interp = PyInterpreterState_Get();
    if (_PyInterpreterState_GetEvalFrameFunc(interp) == pj_hook)
        _PyInterpreterState_SetEvalFrameFunc(interp, _PyEval_EvalFrameDefault);
}

int
pj_hook_is_installed(void)
{
    return _PyInterpreterState_GetEvalFrameFunc(PyInterpreterState_Get()) == pj_hook;
}
