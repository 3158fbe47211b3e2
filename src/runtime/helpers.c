/* Runtime helpers (pj_rt_*) called by compiled code, and the symbol table the engine
 * binds.  Each helper's contract (arguments, ownership, results) is its row in rtdef.h;
 * the semantics are those of the interpreter's instruction it stands for in 3.11's
 * Python/ceval.c.
 */
#include "runtime/runtime.h"

#include "internal/pycore_object.h"
#include "structmember.h"

/* ---- Leaving compiled code ------------------------------------------------------------- */

PyObject *pj_rt_deopt(PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag, int reason);

/* Handing a running frame to the interpreter with an exception (throwflag) makes it
 * report a "call" event to the trace and profile functions (TRACE_FUNCTION_THROW_ENTRY,
 * meant for gen.throw()); for a frame that was already running that event is spurious.
 * For that one entry the thread's trace and profile functions are replaced by ones that
 * swallow the call event and put the originals back. */
static struct {
    Py_tracefunc trace, profile;
} swallowed; /* (one at a time: the interpreter reports the event before it can switch
              * threads, holding the GIL throughout) */

/* Installed as the trace function, the profile function or both: each call puts back the
 * original of the slot it was called from (the trace function is called first). */
static int
swallow_call(PyObject *obj, PyFrameObject *f, int what, PyObject *arg)
{
    (void) obj, (void) f, (void) what, (void) arg;
    PyThreadState *ts = PyThreadState_Get();
    if (ts->c_tracefunc == swallow_call) {
        ts->c_tracefunc = swallowed.trace;
        swallowed.trace = NULL;
    }
    else {
        ts->c_profilefunc = swallowed.profile;
        swallowed.profile = NULL;
    }
    return 0;
}

static PyObject *
interpret_raised(PyThreadState *ts, _PyInterpreterFrame *frame)
{
    if (!ts->cframe->use_tracing || ts->tracing)
        return _PyEval_EvalFrameDefault(ts, frame, 1);
    if (ts->c_tracefunc != NULL) {
        swallowed.trace = ts->c_tracefunc;
        ts->c_tracefunc = swallow_call;
    }
    if (ts->c_profilefunc != NULL) {
        swallowed.profile = ts->c_profilefunc;
        ts->c_profilefunc = swallow_call;
    }
    PyObject *r = _PyEval_EvalFrameDefault(ts, frame, 1);
    /* (still there only if the interpreter failed before reporting: recursion limit) */
    if (swallowed.trace != NULL && ts->c_tracefunc == swallow_call)
        ts->c_tracefunc = swallowed.trace;
    if (swallowed.profile != NULL && ts->c_profilefunc == swallow_call)
        ts->c_profilefunc = swallowed.profile;
    swallowed.trace = swallowed.profile = NULL;
    return r;
}

PyObject *
pj_rt_deopt(PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag, int reason)
{
    /* Undo what the compiled prologue did, so the evaluator links and counts the frame
     * itself (a frame left linked would become its own f_back). */
    ts->cframe->current_frame = frame->previous;
    ts->recursion_remaining++;
    if (throwflag == PJ_EXIT_OSR) {
        /* Newer code of the function (pj_rt_osr_ready said so) continues the frame at a
         * loop's head: its entry links and counts the frame again and dispatches on
         * prev_instr (or hands the frame to the interpreter). */
        PjCodeState *st = pj_state_get(frame->f_code);
        pj_jit.osr_entries++;
        if (st != NULL && st->entry != NULL)
            return st->entry(ts, frame, st->rd);
        return _PyEval_EvalFrameDefault(ts, frame, 0);
    }
    if (throwflag == PJ_EXIT_RAISE) {
        /* An exception with no handler in this function.  Without a trace or profile
         * function to tell, unwind natively as ceval.c's error: and exception_unwind:
         * would: a traceback entry, the stack popped, the frame left. */
        if (ts->c_tracefunc != NULL || ts->cframe->use_tracing)
            throwflag = 1;
        else {
            if (!_PyFrame_IsIncomplete(frame)) {
                PyObject *exc, *val, *tb;
                PyErr_Fetch(&exc, &val, &tb);
                ts->cframe->current_frame = frame; /* PyEval_GetFrame's frame, briefly */
                PyFrameObject *f = PyEval_GetFrame();
                ts->cframe->current_frame = frame->previous;
                PyErr_Restore(exc, val, tb);
                if (f != NULL)
                    PyTraceBack_Here(f);
            }
            throwflag = PJ_EXIT_PROPAGATE;
        }
    }
    if (throwflag == PJ_EXIT_PROPAGATE) {
        /* A re-raise with no handler in this function: as exception_unwind, pop the
         * stack and leave, adding no traceback entry. */
        PyObject **base = frame->localsplus + frame->f_code->co_nlocalsplus;
        for (int i = frame->stacktop - frame->f_code->co_nlocalsplus - 1; i >= 0; i--)
            Py_XDECREF(base[i]);
        frame->stacktop = frame->f_code->co_nlocalsplus;
        pj_jit.error_exits++;
        return NULL;
    }
    if (throwflag)
        pj_jit.error_exits++;
    else if (reason >= 0 && reason < PJ_DEOPT__COUNT) {
        pj_jit.deopts[reason]++;
        PjCodeState *st = pj_state_get(frame->f_code);
        if (st != NULL && st->info >= 0 && (size_t) st->info < pj_jit.ninfos)
            pj_jit.infos[st->info].deopts++;
        if (pj_jit.log & PJ_LOG_DEOPT)
            pj_log_deopt(frame, reason);
    }
    if (!throwflag && (reason == PJ_DEOPT_UNBOX_GUARD || reason == PJ_DEOPT_UNBOX_RANGE ||
                       reason == PJ_DEOPT_UNBOX_ITEM || reason == PJ_DEOPT_UNBOX_CALLEE))
        pj_state_unbox_deopt(frame->f_code);
    if (throwflag)
        return interpret_raised(ts, frame);
    return _PyEval_EvalFrameDefault(ts, frame, 0);
}

/* ---- Exceptions landing at a handler ----------------------------------------------------------
 */

int pj_rt_exc_landing(PyThreadState *ts, _PyInterpreterFrame *frame, int add_tb, int nstack,
                      int hdepth, int lasti_flag);

int
pj_rt_exc_landing(PyThreadState *ts, _PyInterpreterFrame *frame, int add_tb, int nstack, int hdepth,
                  int lasti_flag)
{
    /* As ceval.c's error: and exception_unwind: labels, for a handler found statically. */
    /* A trace function must see the exception (call_exc_trace), and with a trace or profile
     * function switched on (by a callee) the rest of the frame is the interpreter's. */
    if (add_tb && (ts->c_tracefunc != NULL || ts->cframe->use_tracing))
        return 1;
    PyObject *lasti = NULL;
    if (lasti_flag) {
        lasti = PyLong_FromLong(_PyInterpreterFrame_LASTI(frame));
        if (lasti == NULL)
            return 1;
    }
    PyObject *exc, *val, *tb;
    if (add_tb && !_PyFrame_IsIncomplete(frame)) {
        PyErr_Fetch(&exc, &val, &tb);
        PyFrameObject *f = PyEval_GetFrame(); /* ours: the frame is linked as current */
        PyErr_Restore(exc, val, tb);
        if (f != NULL)
            PyTraceBack_Here(f);
    }
    PyObject **base = frame->localsplus + frame->f_code->co_nlocalsplus;
    for (int i = nstack - 1; i >= hdepth; i--)
        Py_XDECREF(base[i]);
    if (lasti_flag)
        base[hdepth++] = lasti;
    PyErr_Fetch(&exc, &val, &tb);
    PyErr_NormalizeException(&exc, &val, &tb);
    PyException_SetTraceback(val, tb != NULL ? tb : Py_None);
    Py_XDECREF(tb);
    Py_XDECREF(exc);
    base[hdepth] = val;
    return 0;
}

/* ---- Globals ------------------------------------------------------------------------------ */

int pj_rt_load_global(_PyInterpreterFrame *frame, int name_index, PjGlobalCache *cache,
                      PyObject **out);

int
pj_rt_load_global(_PyInterpreterFrame *frame, int name_index, PjGlobalCache *cache, PyObject **out)
{
    PyObject *g = frame->f_globals, *b = frame->f_builtins;
    /* Mappings other than exact dicts go through the interpreter's general path. */
    if (!PyDict_CheckExact(g) || !PyDict_CheckExact(b))
        return 1;
    PyObject *name = PyTuple_GET_ITEM(frame->f_code->co_names, name_index);
    PyObject *v = PyDict_GetItemWithError(g, name); /* borrowed */
    if (v == NULL) {
        if (PyErr_Occurred())
            return -1;
        v = PyDict_GetItemWithError(b, name);
        if (v == NULL)
            return PyErr_Occurred() ? -1 : 1; /* NameError, worded by the interpreter */
    }
    cache->globals = g;
    cache->builtins = b;
    cache->globals_version = ((PyDictObject *) g)->ma_version_tag;
    cache->builtins_version = ((PyDictObject *) b)->ma_version_tag;
    cache->value = v;
    *out = Py_NewRef(v);
    return 0;
}

/* ---- Attributes ------------------------------------------------------------------------------ */

/* Index of `name` in the shared keys of `tp`'s instances, or -1. */
static Py_ssize_t
shared_keys_index(PyTypeObject *tp, PyObject *name)
{
    PyDictKeysObject *keys = ((PyHeapTypeObject *) tp)->ht_cached_keys;
    if (keys == NULL || !DK_IS_UNICODE(keys) || !PyUnicode_CheckExact(name))
        return -1;
    PyDictUnicodeEntry *entries = DK_UNICODE_ENTRIES(keys);
    for (Py_ssize_t i = 0; i < keys->dk_nentries; i++) {
        PyObject *k = entries[i].me_key;
        if (k == name || (k != NULL && _PyUnicode_Equal(k, name)))
            return i;
    }
    return -1;
}

/* When owner.name is an instance value the fast path can reach, records it in `cache`: the
 * conditions of 3.11's specialiser for LOAD_ATTR/STORE_ATTR_INSTANCE_VALUE. */
static void
fill_attr_cache(PyObject *owner, PyObject *name, PjAttrCache *cache, int store)
{
    PyTypeObject *tp = Py_TYPE(owner);
    /* Polymorphic sites and class attributes would refill forever: give up after a while,
     * as the specialiser backs off. */
    if (cache->misses >= 64)
        return;
    cache->misses++;
    if (!(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) || tp->tp_version_tag == 0)
        return;
    if (store ? tp->tp_setattro != PyObject_GenericSetAttr
              : tp->tp_getattro != PyObject_GenericGetAttr)
        return;
    PyObject *descr = _PyType_Lookup(tp, name); /* borrowed; runs no Python code */
    if (descr != NULL && Py_TYPE(descr) == &PyMemberDescr_Type) {
        /* A __slots__ member: an object pointer at a fixed offset. */
        PyMemberDef *d = ((PyMemberDescrObject *) descr)->d_member;
        if (d->type == T_OBJECT_EX && !(store && (d->flags & READONLY)) && d->offset > 0 &&
            d->offset < (Py_ssize_t) UINT32_MAX) {
            cache->type_version = tp->tp_version_tag;
            cache->offset = (uint32_t) d->offset;
        }
        return;
    }
    if (!(tp->tp_flags & Py_TPFLAGS_MANAGED_DICT))
        return;
    /* A data descriptor (a property, say) wins over the instance.  A class attribute whose
     * type could become one later (a user class gaining __get__/__set__, which changes no
     * version of this type) is refused too, as the specialiser does; instances of the
     * immutable builtin types (defaults such as `x = 0` in a class body) are safe. */
    if (descr != NULL && (Py_TYPE(descr)->tp_descr_set != NULL ||
                          !(Py_TYPE(descr)->tp_flags & Py_TPFLAGS_IMMUTABLETYPE)))
        return;
    if (*_PyObject_ValuesPointer(owner) == NULL)
        return;
    Py_ssize_t index = shared_keys_index(tp, name);
    if (index < 0 || index >= SHARED_KEYS_MAX_SIZE)
        return;
    cache->type_version = tp->tp_version_tag;
    cache->index = (uint32_t) index;
    cache->offset = 0;
}

PyObject *pj_rt_load_attr(_PyInterpreterFrame *frame, PyObject *owner, int name_index,
                          PjAttrCache *cache);

PyObject *
pj_rt_load_attr(_PyInterpreterFrame *frame, PyObject *owner, int name_index, PjAttrCache *cache)
{
    PyObject *name = PyTuple_GET_ITEM(frame->f_code->co_names, name_index);
    PyObject *res = PyObject_GetAttr(owner, name);
    if (res != NULL)
        fill_attr_cache(owner, name, cache, 0);
    return res;
}

int pj_rt_store_attr(_PyInterpreterFrame *frame, PyObject *owner, int name_index, PyObject *value,
                     PjAttrCache *cache);

int
pj_rt_store_attr(_PyInterpreterFrame *frame, PyObject *owner, int name_index, PyObject *value,
                 PjAttrCache *cache)
{
    PyObject *name = PyTuple_GET_ITEM(frame->f_code->co_names, name_index);
    if (PyObject_SetAttr(owner, name, value) < 0)
        return -1;
    fill_attr_cache(owner, name, cache, 1);
    return 0;
}

/* ---- Calls ---------------------------------------------------------------------------------- */

/* Records a method found on the type for the site's fast path (see PjMethodCache). */
static void
fill_method_cache(PyObject *obj, PyObject *name, PyObject *meth, PjMethodCache *cache)
{
    PyTypeObject *tp = Py_TYPE(obj);
    if (cache->misses >= 64)
        return;
    cache->misses++;
    if (!(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) || tp->tp_version_tag == 0 ||
        tp->tp_getattro != PyObject_GenericGetAttr)
        return;
    PyObject *descr = _PyType_Lookup(tp, name);
    if (descr != meth || !(Py_TYPE(descr)->tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR))
        return;
    if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
        PyDictKeysObject *keys = ((PyHeapTypeObject *) tp)->ht_cached_keys;
        if (*_PyObject_ValuesPointer(obj) == NULL || keys == NULL ||
            shared_keys_index(tp, name) >= 0 || keys->dk_nentries > UINT32_MAX)
            return;
        cache->kind = 2;
        cache->keys = keys;
        cache->nentries = (uint32_t) keys->dk_nentries;
    }
    else if (tp->tp_dictoffset == 0) {
        cache->kind = 1;
    }
    else {
        return;
    }
    cache->descr = descr;
    cache->type_version = tp->tp_version_tag;
}

int pj_rt_load_method(_PyInterpreterFrame *frame, PyObject *obj, int name_index, PyObject **slots,
                      PjMethodCache *cache);

int
pj_rt_load_method(_PyInterpreterFrame *frame, PyObject *obj, int name_index, PyObject **slots,
                  PjMethodCache *cache)
{
    PyObject *name = PyTuple_GET_ITEM(frame->f_code->co_names, name_index);
    PyObject *meth = NULL;
    int found = _PyObject_GetMethod(obj, name, &meth);
    if (meth == NULL) {
        Py_DECREF(obj);
        return -1;
    }
    if (found) { /* [method, self] */
        fill_method_cache(obj, name, meth, cache);
        slots[0] = meth;
        slots[1] = obj;
    }
    else { /* [NULL, attribute] */
        slots[0] = NULL;
        Py_DECREF(obj);
        slots[1] = meth;
    }
    return 0;
}

PyObject *pj_rt_getitem(PyObject *c, PyObject *k);

PyObject *
pj_rt_getitem(PyObject *c, PyObject *k)
{
    /* str[int] (3.11's interpreter has no specialisation for it): what unicode_subscript
     * and unicode_getitem do for an index of at most one digit, with the same one-char
     * strings (PyUnicode_FromOrdinal returns the cached Latin-1 ones).  Out of range, the
     * generic path raises IndexError. */
    if (PyUnicode_CheckExact(c) && PyLong_CheckExact(k) && PyUnicode_IS_READY(c) &&
        Py_SIZE(k) >= -1 && Py_SIZE(k) <= 1) {
        Py_ssize_t i = Py_SIZE(k) * (Py_ssize_t) ((PyLongObject *) k)->ob_digit[0];
        Py_ssize_t n = PyUnicode_GET_LENGTH(c);
        if (i < 0)
            i += n;
        if (i >= 0 && i < n)
            return PyUnicode_FromOrdinal((int) PyUnicode_READ_CHAR(c, i));
    }
    return PyObject_GetItem(c, k);
}

PyObject *pj_rt_call(PyThreadState *ts, PyObject **base, int oparg, PyObject *kwnames);
void pj_rt_frame_pop(PyThreadState *ts, _PyInterpreterFrame *frame);
int pj_rt_osr_ready(_PyInterpreterFrame *frame, void *entry, int at_head);
void pj_rt_fast_paths_stale(_PyInterpreterFrame *frame);

void
pj_rt_fast_paths_stale(_PyInterpreterFrame *frame)
{
    pj_state_fast_paths_stale(frame->f_code);
}

/* How many back edges away from an outermost loop's head baseline code may raise the eval
 * breaker again, per code object, to reach one (an inner loop that runs long then costs a
 * slow poll per iteration until this is spent, and the call stays in baseline code). */
#define PJ_OSR_REARMS 4096

static int
osr_nothing(void *arg)
{
    (void) arg;
    return 0;
}

int
pj_rt_osr_ready(_PyInterpreterFrame *frame, void *entry, int at_head)
{
    PjCodeState *st = pj_state_get(frame->f_code);
    if (st == NULL || st->entry == NULL || (void *) st->entry == entry || !st->osr)
        return 0;
    if (at_head)
        return 1;
    /* A pending call that does nothing raises the breaker the interpreter's way (raised
     * by hand, CPython recomputes it away at its next GIL or signal event). */
    if (st->osr_rearms < PJ_OSR_REARMS && Py_AddPendingCall(osr_nothing, NULL) == 0)
        st->osr_rearms++;
    return 0;
}

PjDirectCalls pj_direct = { .hook = (void *) &pj_direct, .extra_index = INT64_MAX };

/* A frame whose frame object outlives it: the object takes a copy of the frame's data
 * (as the interpreter does when it clears such a frame), linked to its caller's frame
 * object.  The caller's frame is the thread's current one again at this point. */
static void
frame_object_takes_frame(PyFrameObject *f, _PyInterpreterFrame *frame)
{
    size_t size = (size_t) ((char *) &frame->localsplus[frame->stacktop] - (char *) frame);
    memcpy(f->_f_frame_data, frame, size);
    _PyInterpreterFrame *copy = (_PyInterpreterFrame *) f->_f_frame_data;
    f->f_frame = copy;
    copy->owner = FRAME_OWNED_BY_FRAME_OBJECT;
    _PyInterpreterFrame *prev = copy->previous;
    while (prev != NULL && _PyFrame_IsIncomplete(prev))
        prev = prev->previous;
    if (prev != NULL) {
        PyFrameObject *back = NULL;
        if (prev == PyThreadState_Get()->cframe->current_frame) {
            PyObject *exc, *val, *tb;
            PyErr_Fetch(&exc, &val, &tb);
            back = PyEval_GetFrame(); /* borrowed; made for the current frame if needed */
            PyErr_Clear();
            PyErr_Restore(exc, val, tb);
        }
        else if (prev->frame_obj != NULL) {
            back = prev->frame_obj;
        }
        if (back != NULL && f->f_back == NULL)
            f->f_back = (PyFrameObject *) Py_NewRef(back);
        copy->previous = NULL;
    }
    if (!PyObject_GC_IsTracked((PyObject *) f))
        PyObject_GC_Track((PyObject *) f);
}

/* Calls `func` (a Python function compiled to `st`, taking exactly `n` positional
 * arguments) with a frame set up here on the thread's data stack, straight into its
 * native entry: what _PyFunction_Vectorcall, the frame-evaluation hook and the frame's
 * clearing would do, without the generic steps.  Steals func and args[0..n) (the frame
 * owns them, and clearing it releases them); *res: the callee's result (new reference) or
 * NULL with its exception.  Returns 0, consuming nothing, when the frame does not fit in
 * the current data-stack chunk (the caller takes the normal path), else 1. */
static int
direct_call(PyThreadState *ts, PyFunctionObject *func, PyObject **args, int n, PjCodeState *st,
            PyObject **res)
{
    PyCodeObject *co = (PyCodeObject *) func->func_code;
    size_t size = (size_t) co->co_nlocalsplus + (size_t) co->co_stacksize + FRAME_SPECIALS_SIZE;
    PyObject **top = ts->datastack_top;
    if (top == NULL || size >= (size_t) (ts->datastack_limit - top))
        return 0;
    _PyInterpreterFrame *frame = (_PyInterpreterFrame *) top;
    ts->datastack_top = top + size;
    frame->f_func = func; /* the reference we were given */
    frame->f_code = (PyCodeObject *) Py_NewRef(co);
    frame->f_builtins = func->func_builtins;
    frame->f_globals = func->func_globals;
    frame->f_locals = NULL;
    frame->stacktop = co->co_nlocalsplus;
    frame->frame_obj = NULL;
    frame->prev_instr = _PyCode_CODE(co) - 1;
    frame->is_entry = false;
    frame->owner = FRAME_OWNED_BY_THREAD;
    for (int i = 0; i < n; i++)
        frame->localsplus[i] = args[i];
    for (int i = n; i < co->co_nlocalsplus; i++)
        frame->localsplus[i] = NULL;
    pj_direct.count++;
    *res = st->entry(ts, frame, st->rd);
    pj_rt_frame_pop(ts, frame);
    return 1;
}

/* Declared in rtdef.h. */
void
pj_rt_frame_pop(PyThreadState *ts, _PyInterpreterFrame *frame)
{
    /* Clear and pop, as the interpreter's frame clearing. */
    ts->recursion_remaining--;
    if (frame->frame_obj != NULL) {
        PyFrameObject *f = frame->frame_obj;
        frame->frame_obj = NULL;
        if (Py_REFCNT(f) > 1) {
            frame_object_takes_frame(f, frame);
            Py_DECREF(f);
            ts->recursion_remaining++;
            ts->datastack_top = (PyObject **) frame;
            return;
        }
        Py_DECREF(f);
    }
    for (int i = 0; i < frame->stacktop; i++)
        Py_XDECREF(frame->localsplus[i]);
    Py_XDECREF(frame->f_locals);
    Py_DECREF(frame->f_func);
    Py_DECREF(frame->f_code);
    ts->recursion_remaining++;
    ts->datastack_top = (PyObject **) frame;
}

/* Whether compiled code may call compiled code itself: switched on, the hook installed,
 * nothing traced. */
static inline int
direct_calls_allowed(PyThreadState *ts)
{
    /* (Near the end of the C stack, checked every 32nd level, the call goes through the
     * hook, which continues on a new stack segment: stack.c.) */
    return !ts->cframe->use_tracing && (void *) ts->interp->eval_frame == pj_direct.hook &&
           !pj_stack_low_now(ts);
}

/* The compiled state of `function` when it is a Python function taking exactly `n`
 * positional arguments that may be called directly (direct_call), else NULL.  Borrowed. */
static PjCodeState *
direct_target(PyThreadState *ts, PyObject *function, int n)
{
    if (!PyFunction_Check(function) || !direct_calls_allowed(ts))
        return NULL;
    PyCodeObject *co = (PyCodeObject *) ((PyFunctionObject *) function)->func_code;
    PjCodeState *st = pj_state_get(co);
    /* (direct_argc: -1 for *args, **kwargs or keyword-only parameters, and while the hook
     * counts the calls of baseline code waiting for its optimised compile) */
    if (st == NULL || st->entry == NULL || st->direct_argc != n)
        return NULL;
    return st;
}

/* Instantiates the class `tp` with the `n` positional arguments at args[0..n) when its
 * construction is plain -- no metaclass, `object.__new__`, a compiled Python `__init__`
 * -- as 3.11's `type_call` would (with `_PyObject_MakeTpCall`'s recursion guard), calling
 * `__init__` directly (what 3.13's CALL_ALLOC_AND_ENTER_INIT does).  args[-1] is the
 * stack slot of the callable (holding `tp`) and is reused for the new object.  Steals
 * tp and args[0..n) and returns the new object or NULL with an exception; returns
 * PJ_NOT_HANDLED, consuming nothing, for any other class. */
static PyObject pj_not_handled; /* an address no call returns (NotImplemented can be) */
#define PJ_NOT_HANDLED (&pj_not_handled)
static PyObject *
construct(PyThreadState *ts, PyTypeObject *tp, PyObject **args, int n)
{
    if (Py_TYPE(tp) != &PyType_Type || !(tp->tp_flags & Py_TPFLAGS_HEAPTYPE) ||
        (tp->tp_flags & Py_TPFLAGS_IS_ABSTRACT) || tp->tp_new != PyBaseObject_Type.tp_new ||
        tp->tp_init == PyBaseObject_Type.tp_init || !direct_calls_allowed(ts))
        return PJ_NOT_HANDLED;
    PyObject *init = _PyType_Lookup(tp, &_Py_ID(__init__)); /* borrowed */
    PjCodeState *st = init != NULL ? direct_target(ts, init, n + 1) : NULL;
    if (st == NULL)
        return PJ_NOT_HANDLED;
    if (_Py_EnterRecursiveCallTstate(ts, " while calling a Python object")) {
        for (int i = 0; i < n; i++)
            Py_DECREF(args[i]);
        Py_DECREF(tp);
        return NULL;
    }
    /* object_new with the arguments ignores them (tp_init is overridden), so with none it
     * does the same: allocation and the instance's inline values. */
    PyObject *empty = PyTuple_New(0);
    PyObject *self = empty != NULL ? tp->tp_new(tp, empty, NULL) : NULL;
    Py_XDECREF(empty);
    PyObject *res = NULL;
    if (self != NULL) {
        Py_INCREF(init);
        args[-1] = Py_NewRef(self);
        if (!direct_call(ts, (PyFunctionObject *) init, args - 1, n + 1, st, &res)) {
            res = _PyFunction_Vectorcall(init, args - 1, (size_t) n + 1, NULL);
            Py_DECREF(init);
            for (int i = -1; i < n; i++)
                Py_DECREF(args[i]);
        }
        args[-1] = NULL;
    }
    else {
        for (int i = 0; i < n; i++)
            Py_DECREF(args[i]);
    }
    _Py_LeaveRecursiveCallTstate(ts);
    Py_DECREF(tp);
    if (res == NULL) {
        Py_XDECREF(self);
        return NULL;
    }
    if (res != Py_None) {
        PyErr_Format(PyExc_TypeError, "__init__() should return None, not '%.200s'",
                     Py_TYPE(res)->tp_name);
        Py_DECREF(res);
        Py_DECREF(self);
        return NULL;
    }
    Py_DECREF(res);
    return self;
}

/* Calls a builtin function (`ord`, `abs`, `min`, `sum`) or a method descriptor called on
 * its object (`lst.append(x)`, `s.strip()`, loaded by LOAD_METHOD) with the `n` positional
 * arguments at args[0..n) straight through its C function, as the vectorcall functions of
 * builtins and method descriptors do (METH_O, METH_NOARGS, METH_FASTCALL with or without
 * METH_KEYWORDS): the same recursion guard, no tuple, no dispatch.  (The interpreter's
 * specialised PRECALLs, which lower.c's c_call_path mirrors when the feedback has them,
 * guard only METH_O and METH_NOARGS.  Here, with no feedback, the unspecialised call's
 * guard: test_exceptions' test_recursion_normalizing_exception counts on it for
 * `generator.throw(...)` at the recursion limit.)  Steals function and args[0..n) and
 * returns the result or NULL with an exception; returns PJ_NOT_HANDLED, consuming
 * nothing, for any other callable or calling convention. */
static PyObject *
c_call(PyThreadState *ts, PyObject *function, PyObject **args, int n)
{
    PyObject *self, *res;
    PyMethodDef *ml;
    int skip = 0; /* a method descriptor's object is args[0] */
    if (Py_IS_TYPE(function, &PyCFunction_Type)) {
        self = PyCFunction_GET_SELF(function);
        ml = ((PyCFunctionObject *) function)->m_ml;
    }
    else if (Py_IS_TYPE(function, &PyMethodDescr_Type) && n >= 1 &&
             Py_IS_TYPE(args[0], ((PyMethodDescrObject *) function)->d_common.d_type)) {
        self = args[0]; /* (a subclass instance takes the generic path) */
        ml = ((PyMethodDescrObject *) function)->d_method;
        skip = 1;
    }
    else {
        return PJ_NOT_HANDLED;
    }
    int flags = ml->ml_flags &
                (METH_VARARGS | METH_FASTCALL | METH_NOARGS | METH_O | METH_KEYWORDS | METH_METHOD);
    int nargs = n - skip;
    if (flags != METH_FASTCALL && flags != (METH_FASTCALL | METH_KEYWORDS) &&
        !(flags == METH_O && nargs == 1) && !(flags == METH_NOARGS && nargs == 0))
        return PJ_NOT_HANDLED;
    /* Under the recursion guard of the vectorcall it replaces (cfunction_enter_call,
     * method_enter_call: every calling convention has one). */
    if (_Py_EnterRecursiveCallTstate(ts, " while calling a Python object")) {
        res = NULL;
    }
    else {
        if (flags == METH_FASTCALL)
            res = ((_PyCFunctionFast) (void (*)(void)) ml->ml_meth)(self, args + skip, nargs);
        else if (flags == (METH_FASTCALL | METH_KEYWORDS))
            res = ((_PyCFunctionFastWithKeywords) (void (*)(void)) ml->ml_meth)(self, args + skip,
                                                                                nargs, NULL);
        else
            res = ml->ml_meth(self, nargs == 1 ? args[skip] : NULL);
        _Py_LeaveRecursiveCallTstate(ts);
    }
    Py_DECREF(function);
    for (int i = 0; i < n; i++)
        Py_DECREF(args[i]);
    return res;
}

PyObject *
pj_rt_call(PyThreadState *ts, PyObject **base, int oparg, PyObject *kwnames)
{
    (void) ts;
    /* base[0] is NULL or a method, base[1] the callable or self, then oparg arguments. */
    int is_meth = base[0] != NULL;
    if (!is_meth && Py_TYPE(base[1]) == &PyMethod_Type) {
        PyObject *function = base[1];
        base[0] = Py_NewRef(((PyMethodObject *) function)->im_func);
        base[1] = Py_NewRef(((PyMethodObject *) function)->im_self);
        Py_DECREF(function);
        is_meth = 1;
    }
    int total = oparg + is_meth;
    PyObject **args = base + 2 + oparg - total;
    PyObject *function = args[-1];
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    size_t nargsf = (size_t) (total - nkw) | PY_VECTORCALL_ARGUMENTS_OFFSET;
    /* Python functions directly (their results need no consistency check); anything else
     * through PyObject_Vectorcall, as the interpreter's CALL. */
    if (kwnames == NULL) {
        PjCodeState *st = direct_target(ts, function, total);
        PyObject *res;
        if (st != NULL && direct_call(ts, (PyFunctionObject *) function, args, total, st, &res))
            return res;
        if (st == NULL) {
            res = PyType_Check(function) ? construct(ts, (PyTypeObject *) function, args, total)
                                         : c_call(ts, function, args, total);
            if (res != PJ_NOT_HANDLED)
                return res;
        }
    }
    PyObject *res = PyFunction_Check(function)
                        ? _PyFunction_Vectorcall(function, args, nargsf, kwnames)
                        : PyObject_Vectorcall(function, args, nargsf, kwnames);
    Py_DECREF(function);
    for (int i = 0; i < total; i++)
        Py_DECREF(args[i]);
    return res;
}

/* ---- Eval breaker ------------------------------------------------------------------------ */

int pj_rt_handle_pending(PyThreadState *ts);

int
pj_rt_handle_pending(PyThreadState *ts)
{
    /* As eval_frame_handle_pending: signals and pending calls (Py_MakePendingCalls runs
     * both with the same rules), then the GIL drop request; an asynchronous exception
     * is left to the interpreter (deopt), which also recomputes the breaker. */
    struct _ceval_state *ceval = &ts->interp->ceval;
    if (_Py_atomic_load_relaxed(&_PyRuntime.ceval.signals_pending) ||
        _Py_atomic_load_relaxed(&ceval->pending.calls_to_do)) {
        if (Py_MakePendingCalls() < 0)
            return -1;
    }
    if (_Py_atomic_load_relaxed(&ceval->gil_drop_request)) {
        PyThreadState *saved = PyEval_SaveThread();
        PyEval_RestoreThread(saved);
    }
    if (ts->async_exc != NULL)
        return 1;
    /* As the interpreter's COMPUTE_EVAL_BREAKER: clear a request this thread cannot serve
     * (pending calls and signals are the main thread's), or compiled loops on another
     * thread would come back here at every back edge until the main thread does. */
    int main_thread = PyThread_get_thread_ident() == _PyRuntime.main_thread &&
                      ts->interp == _PyRuntime.interpreters.main;
    _Py_atomic_store_relaxed(
        &ceval->eval_breaker,
        _Py_atomic_load_relaxed(&ceval->gil_drop_request) |
            (_Py_atomic_load_relaxed(&_PyRuntime.ceval.signals_pending) && main_thread) |
            (_Py_atomic_load_relaxed(&ceval->pending.calls_to_do) && main_thread) |
            ceval->pending.async_exc);
    return 0;
}

int pj_rt_after_call(PyThreadState *ts, void *entry);

int
pj_rt_after_call(PyThreadState *ts, void *entry)
{
    if (_Py_atomic_load_relaxed(&ts->interp->ceval.eval_breaker)) {
        int r = pj_rt_handle_pending(ts);
        if (r != 0)
            return r;
        /* Newer code installed by those pending calls takes the frame over at a loop's
         * head: keep asking until a back edge gets there (pj_rt_osr_ready). */
        pj_rt_osr_ready(ts->cframe->current_frame, entry, 0);
    }
    return ts->cframe->use_tracing ? 2 : 0;
}

/* ---- Iteration, comparison, power --------------------------------------------------------- */

int pj_rt_iter_error(PyThreadState *ts);

int
pj_rt_iter_error(PyThreadState *ts)
{
    (void) ts;
    if (PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_StopIteration))
            return -1;
        PyErr_Clear();
    }
    return 0;
}

int pj_rt_compare_bool(PyObject *a, PyObject *b, int op);

int
pj_rt_compare_bool(PyObject *a, PyObject *b, int op)
{
    if ((op == Py_EQ || op == Py_NE) && PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b))
        return (a == b || _PyUnicode_Equal(a, b)) == (op == Py_EQ); /* as COMPARE_OP_STR_JUMP */
    /* Exact ints or floats compare without PyObject_RichCompare's recursion check, as the
     * interpreter's COMPARE_OP_INT_JUMP / FLOAT_JUMP do (the compact lowering sends such
     * compares here): at the recursion limit the interpreter fails at the next call, not
     * " in comparison". */
    if (Py_TYPE(a) == Py_TYPE(b) && (PyLong_CheckExact(a) || PyFloat_CheckExact(a))) {
        PyObject *r = Py_TYPE(a)->tp_richcompare(a, b, op); /* a bool: never fails */
        int t = r == Py_True;
        Py_DECREF(r);
        return t;
    }
    PyObject *r = PyObject_RichCompare(a, b, op);
    if (r == NULL)
        return -1;
    int t = PyObject_IsTrue(r);
    Py_DECREF(r);
    return t < 0 ? -2 : t;
}

/* ---- Compact lowering's arithmetic ---------------------------------------------------------- */

static PyObject *
generic_binop(PyObject *a, PyObject *b, int k)
{
    switch (k) {
    case NB_ADD:
        return PyNumber_Add(a, b);
    case NB_AND:
        return PyNumber_And(a, b);
    case NB_FLOOR_DIVIDE:
        return PyNumber_FloorDivide(a, b);
    case NB_LSHIFT:
        return PyNumber_Lshift(a, b);
    case NB_MATRIX_MULTIPLY:
        return PyNumber_MatrixMultiply(a, b);
    case NB_MULTIPLY:
        return PyNumber_Multiply(a, b);
    case NB_REMAINDER:
        return PyNumber_Remainder(a, b);
    case NB_OR:
        return PyNumber_Or(a, b);
    case NB_POWER:
        return PyNumber_Power(a, b, Py_None);
    case NB_RSHIFT:
        return PyNumber_Rshift(a, b);
    case NB_SUBTRACT:
        return PyNumber_Subtract(a, b);
    case NB_TRUE_DIVIDE:
        return PyNumber_TrueDivide(a, b);
    case NB_XOR:
        return PyNumber_Xor(a, b);
    case NB_INPLACE_ADD:
        return PyNumber_InPlaceAdd(a, b);
    case NB_INPLACE_AND:
        return PyNumber_InPlaceAnd(a, b);
    case NB_INPLACE_FLOOR_DIVIDE:
        return PyNumber_InPlaceFloorDivide(a, b);
    case NB_INPLACE_LSHIFT:
        return PyNumber_InPlaceLshift(a, b);
    case NB_INPLACE_MATRIX_MULTIPLY:
        return PyNumber_InPlaceMatrixMultiply(a, b);
    case NB_INPLACE_MULTIPLY:
        return PyNumber_InPlaceMultiply(a, b);
    case NB_INPLACE_REMAINDER:
        return PyNumber_InPlaceRemainder(a, b);
    case NB_INPLACE_OR:
        return PyNumber_InPlaceOr(a, b);
    case NB_INPLACE_POWER:
        return PyNumber_InPlacePower(a, b, Py_None);
    case NB_INPLACE_RSHIFT:
        return PyNumber_InPlaceRshift(a, b);
    case NB_INPLACE_SUBTRACT:
        return PyNumber_InPlaceSubtract(a, b);
    case NB_INPLACE_TRUE_DIVIDE:
        return PyNumber_InPlaceTrueDivide(a, b);
    case NB_INPLACE_XOR:
        return PyNumber_InPlaceXor(a, b);
    default:
        PyErr_SetString(PyExc_SystemError, "pyjit: bad binary operator");
        return NULL;
    }
}

static int
small_value(PyObject *o, long long *v)
{
    if (!PyLong_CheckExact(o) || (size_t) (Py_SIZE(o) + 1) >= 3)
        return 0;
    *v = (long long) Py_SIZE(o) * (long long) ((PyLongObject *) o)->ob_digit[0];
    return 1;
}

PyObject *pj_rt_binop(PyObject *a, PyObject *b, int k);

PyObject *
pj_rt_binop(PyObject *a, PyObject *b, int k)
{
    int base = k >= NB_INPLACE_ADD ? k - NB_INPLACE_ADD : k;
    long long x, y;
    if (small_value(a, &x) && small_value(b, &y)) {
        /* One-digit operands: no overflow in 64 bits for these operators. */
        switch (base) {
        case NB_ADD:
            return PyLong_FromLongLong(x + y);
        case NB_SUBTRACT:
            return PyLong_FromLongLong(x - y);
        case NB_MULTIPLY:
            return PyLong_FromLongLong(x * y);
        case NB_AND:
            return PyLong_FromLongLong(x & y);
        case NB_OR:
            return PyLong_FromLongLong(x | y);
        case NB_XOR:
            return PyLong_FromLongLong(x ^ y);
        default:
            break;
        }
    }
    else if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b)) {
        double p = PyFloat_AS_DOUBLE(a), q = PyFloat_AS_DOUBLE(b);
        switch (base) {
        case NB_ADD:
            return PyFloat_FromDouble(p + q);
        case NB_SUBTRACT:
            return PyFloat_FromDouble(p - q);
        case NB_MULTIPLY:
            return PyFloat_FromDouble(p * q);
        default:
            break;
        }
    }
    return generic_binop(a, b, k);
}

PyObject *pj_rt_power(PyObject *a, PyObject *b);
PyObject *pj_rt_inplace_power(PyObject *a, PyObject *b);

PyObject *
pj_rt_power(PyObject *a, PyObject *b)
{
    return PyNumber_Power(a, b, Py_None);
}

PyObject *
pj_rt_inplace_power(PyObject *a, PyObject *b)
{
    return PyNumber_InPlacePower(a, b, Py_None);
}

int pj_rt_str_append(PyObject **slot, PyObject *left, PyObject *right);

/* Owns: left and right (stolen).  The local in *slot holds another reference to left, so
 * dropping the stack's cannot free it, and PyUnicode_Append may then resize it in place. */
int
pj_rt_str_append(PyObject **slot, PyObject *left, PyObject *right)
{
    assert(*slot == left && Py_REFCNT(left) >= 2);
    Py_DECREF(left);
    PyUnicode_Append(slot, right); /* on failure clears *slot, as the interpreter leaves it */
    Py_DECREF(right);
    return *slot == NULL ? -1 : 0;
}

/* ---- Unboxed loops writing back ------------------------------------------------------------- */

PyObject *pj_rt_unboxed_box_f64(double v);
PyObject *pj_rt_unboxed_box_i64(long long v);
void pj_rt_unboxed_set_f64(PyObject **slot, double v);
void pj_rt_unboxed_set_i64(PyObject **slot, long long v);

/* Returns a new reference.  Called where compiled code leaves an unboxed loop, which has
 * no way to report an error there: out of memory for one float or int is fatal. */
PyObject *
pj_rt_unboxed_box_f64(double v)
{
    PyObject *o = PyFloat_FromDouble(v);
    if (o == NULL)
        Py_FatalError("pyjit: out of memory boxing a float");
    return o;
}

PyObject *
pj_rt_unboxed_box_i64(long long v)
{
    PyObject *o = PyLong_FromLongLong(v);
    if (o == NULL)
        Py_FatalError("pyjit: out of memory boxing an int");
    return o;
}

/* The slot owns its object: a float only the slot holds is rewritten in place (nobody
 * else can see it); otherwise the slot gets a new object and its old one is released
 * (an int or float, or NULL: the loop's entry checked, so no code runs). */
void
pj_rt_unboxed_set_f64(PyObject **slot, double v)
{
    PyObject *old = *slot;
    if (old != NULL && Py_IS_TYPE(old, &PyFloat_Type) && Py_REFCNT(old) == 1) {
        ((PyFloatObject *) old)->ob_fval = v;
        return;
    }
    *slot = pj_rt_unboxed_box_f64(v);
    Py_XDECREF(old);
}

void
pj_rt_unboxed_set_i64(PyObject **slot, long long v)
{
    PyObject *old = *slot;
    *slot = pj_rt_unboxed_box_i64(v);
    Py_XDECREF(old);
}

/* ---- Symbol table ------------------------------------------------------------------------ */

PyObject *pj_builtin_len, *pj_builtin_isinstance; /* borrowed: the builtins module holds them */
PyObject *pj_math_sqrt; /* a strong reference, kept: compiled code compares callees with it */

/* math.sqrt, once the program has imported math (pyjit imports nothing on its behalf). */
void
pj_helpers_find_math(void)
{
    if (pj_math_sqrt != NULL)
        return;
    PyObject *math = PyDict_GetItemString(PyImport_GetModuleDict(), "math"); /* borrowed */
    if (math == NULL || !PyModule_CheckExact(math))
        return;
    PyObject *f = PyObject_GetAttrString(math, "sqrt"); /* new reference or NULL */
    if (f != NULL && PyCFunction_CheckExact(f) &&
        strcmp(((PyCFunctionObject *) f)->m_ml->ml_name, "sqrt") == 0 &&
        ((PyCFunctionObject *) f)->m_ml->ml_flags == METH_O)
        pj_math_sqrt = f;
    else
        Py_XDECREF(f);
    PyErr_Clear();
}

void
pj_helpers_init_builtins(void)
{
    PyObject *b = PyEval_GetBuiltins(); /* borrowed */
    pj_builtin_len = b ? PyDict_GetItemString(b, "len") : NULL;
    pj_builtin_isinstance = b ? PyDict_GetItemString(b, "isinstance") : NULL;
    Py_XINCREF(pj_builtin_len); /* kept for the process's life */
    Py_XINCREF(pj_builtin_isinstance);
}

#define DECL_OP(name, deopt)                                                                       \
    int pj_rt_op_##name(PyThreadState *, _PyInterpreterFrame *, PyObject **, int);
PJ_RT_STACK_OPS(DECL_OP)
int pj_rt_send(PyThreadState *ts, PyObject **sp); /* stackops.c */
#undef DECL_OP

static const PjSymbol symbols[] = {
#define FN(name, ret, n, params) { #name, (void *) &name, 0 },
#define DATA(name) { #name, (void *) &name, 1 },
#define OP(name, deopt) { "pj_rt_op_" #name, (void *) &pj_rt_op_##name, 0 },
    PJ_RT_HELPERS(FN) PJ_CAPI_FUNCS(FN) PJ_CAPI_DATA(DATA) PJ_RT_DATA(DATA) PJ_RT_STACK_OPS(OP)
#undef FN
#undef DATA
#undef OP
};

const PjSymbol *
pj_helpers_symbols(size_t *n)
{
    *n = sizeof(symbols) / sizeof(symbols[0]);
    return symbols;
}

/* The range-iterator fast path mirrors rangeiterobject (private to rangeobject.c):
 * check it against a live iterator before trusting it. */
int
pj_helpers_check_layouts(void)
{
    typedef struct {
        PyObject_HEAD long index, start, step, len;
    } RangeIter;
    int ok = 0;
    PyObject *r = PyObject_CallFunction((PyObject *) &PyRange_Type, "lll", 5L, 100L, 3L);
    PyObject *it = r ? PyObject_GetIter(r) : NULL;
    PyObject *first = it ? PyIter_Next(it) : NULL;
    if (first != NULL && Py_TYPE(it) == &PyRangeIter_Type) {
        RangeIter *ri = (RangeIter *) it;
        ok = ri->index == 1 && ri->start == 5 && ri->step == 3 && ri->len == 32;
    }
    Py_XDECREF(first);
    Py_XDECREF(it);
    Py_XDECREF(r);
    PyErr_Clear();
    return ok;
}

int
pj_helpers_check_seqiter_layout(void)
{
    typedef struct {
        PyObject_HEAD Py_ssize_t it_index;
        PyObject *it_seq;
    } SeqIter;
    int ok = 1;
    PyObject *seqs[2] = { PyList_New(0), PyTuple_New(0) };
    PyTypeObject *types[2] = { &PyListIter_Type, &PyTupleIter_Type };
    for (int i = 0; i < 2; i++) {
        PyObject *it = seqs[i] ? PyObject_GetIter(seqs[i]) : NULL;
        ok = ok && it != NULL && Py_TYPE(it) == types[i] && ((SeqIter *) it)->it_index == 0 &&
             ((SeqIter *) it)->it_seq == seqs[i];
        Py_XDECREF(it);
        Py_XDECREF(seqs[i]);
    }
    PyErr_Clear();
    return ok;
}
