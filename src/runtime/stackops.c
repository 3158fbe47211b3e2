/* Stack operations: helpers that run one bytecode instruction on the frame's value stack.
 *
 * Each pj_rt_op_<OPCODE>(tstate, frame, sp, oparg) is the interpreter's TARGET(<OPCODE>)
 * of 3.11's Python/ceval.c, written against the same stack: `sp` points one past the top
 * entry in frame->localsplus, entries are owned references, and the helper pops what the
 * instruction pops and writes what it pushes (the builder knows both counts and reads
 * the results back from their slots).
 *
 * Result: 0 done; -1 error with an exception set, the popped entries released (what the
 * interpreter's unwinder would release); 1 "deoptimise before": nothing was changed and
 * the interpreter must run this instruction itself -- used where the interpreter's own
 * code builds an error with static functions we cannot call (NameError's suggestions,
 * unbound free variables, import errors), so the message stays exactly the same.
 */
#include "runtime/runtime.h"

#include "internal/pycore_object.h"
#include "internal/pycore_runtime.h"
#include "ir/opcodes.h"

#define POP() (*--sp)
#define PEEK(n) (sp[-(n)])

#define PJ_STACK_OP(name)                                                                          \
    int pj_rt_op_##name(PyThreadState *ts, _PyInterpreterFrame *frame, PyObject **sp, int oparg);  \
    int pj_rt_op_##name(PyThreadState *ts, _PyInterpreterFrame *frame, PyObject **sp, int oparg)

#define UNUSED_ARGS()                                                                              \
    (void) ts;                                                                                     \
    (void) frame;                                                                                  \
    (void) oparg;                                                                                  \
    (void) sp

static PyObject *
name_at(_PyInterpreterFrame *frame, int i)
{
    return PyTuple_GET_ITEM(frame->f_code->co_names, i);
}

/* Pops n entries and releases them. */
static void
drop(PyObject **sp, int n)
{
    for (int i = 1; i <= n; i++)
        Py_XDECREF(sp[-i]);
}

/* ---- Building containers ----------------------------------------------------------------- */

PJ_STACK_OP(BUILD_TUPLE)
{
    UNUSED_ARGS();
    PyObject *tup = PyTuple_New(oparg);
    if (tup == NULL) {
        drop(sp, oparg);
        return -1;
    }
    for (int i = oparg - 1; i >= 0; i--)
        PyTuple_SET_ITEM(tup, i, POP()); /* steals */
    *sp = tup;
    return 0;
}

PJ_STACK_OP(BUILD_LIST)
{
    UNUSED_ARGS();
    PyObject *list = PyList_New(oparg);
    if (list == NULL) {
        drop(sp, oparg);
        return -1;
    }
    for (int i = oparg - 1; i >= 0; i--)
        PyList_SET_ITEM(list, i, POP());
    *sp = list;
    return 0;
}

PJ_STACK_OP(BUILD_SET)
{
    UNUSED_ARGS();
    PyObject *set = PySet_New(NULL);
    int err = set == NULL ? -1 : 0;
    for (int i = oparg; i > 0; i--) {
        PyObject *item = PEEK(i);
        if (err == 0)
            err = PySet_Add(set, item);
        Py_DECREF(item);
    }
    sp -= oparg;
    if (err != 0) {
        Py_XDECREF(set);
        return -1;
    }
    *sp = set;
    return 0;
}

PJ_STACK_OP(BUILD_MAP)
{
    UNUSED_ARGS();
    PyObject *map = _PyDict_NewPresized(oparg);
    int err = map == NULL ? -1 : 0;
    for (int i = 0; i < oparg && err == 0; i++)
        err = PyDict_SetItem(map, PEEK(2 * oparg - 2 * i), PEEK(2 * oparg - 2 * i - 1));
    drop(sp, 2 * oparg);
    sp -= 2 * oparg;
    if (err != 0) {
        Py_XDECREF(map);
        return -1;
    }
    *sp = map;
    return 0;
}

PJ_STACK_OP(BUILD_CONST_KEY_MAP)
{
    UNUSED_ARGS();
    PyObject *keys = PEEK(1);
    if (!PyTuple_CheckExact(keys) || PyTuple_GET_SIZE(keys) != (Py_ssize_t) oparg) {
        PyErr_SetString(PyExc_SystemError, "bad BUILD_CONST_KEY_MAP keys argument");
        drop(sp, oparg + 1);
        return -1;
    }
    PyObject *map = _PyDict_NewPresized(oparg);
    int err = map == NULL ? -1 : 0;
    for (int i = 0; i < oparg && err == 0; i++)
        err = PyDict_SetItem(map, PyTuple_GET_ITEM(keys, i), PEEK(oparg + 1 - i));
    drop(sp, oparg + 1);
    sp -= oparg + 1;
    if (err != 0) {
        Py_XDECREF(map);
        return -1;
    }
    *sp = map;
    return 0;
}

PJ_STACK_OP(BUILD_STRING)
{
    UNUSED_ARGS();
    PyObject *str = _PyUnicode_JoinArray(&_Py_STR(empty), sp - oparg, oparg);
    drop(sp, oparg);
    sp -= oparg;
    if (str == NULL)
        return -1;
    *sp = str;
    return 0;
}

PJ_STACK_OP(BUILD_SLICE)
{
    UNUSED_ARGS();
    PyObject *step = oparg == 3 ? POP() : NULL;
    PyObject *stop = POP();
    PyObject *start = POP();
    PyObject *slice = PySlice_New(start, stop, step);
    Py_DECREF(start);
    Py_DECREF(stop);
    Py_XDECREF(step);
    if (slice == NULL)
        return -1;
    *sp = slice;
    return 0;
}

PJ_STACK_OP(LIST_APPEND)
{
    UNUSED_ARGS();
    PyObject *v = POP();
    int err = PyList_Append(PEEK(oparg), v);
    Py_DECREF(v);
    return err;
}

PJ_STACK_OP(SET_ADD)
{
    UNUSED_ARGS();
    PyObject *v = POP();
    int err = PySet_Add(PEEK(oparg), v);
    Py_DECREF(v);
    return err;
}

PJ_STACK_OP(MAP_ADD)
{
    UNUSED_ARGS();
    PyObject *value = POP();
    PyObject *key = POP();
    int err = PyDict_SetItem(PEEK(oparg), key, value);
    Py_DECREF(key);
    Py_DECREF(value);
    return err;
}

PJ_STACK_OP(LIST_EXTEND)
{
    UNUSED_ARGS();
    PyObject *iterable = POP();
    PyObject *none_val = _PyList_Extend((PyListObject *) PEEK(oparg), iterable);
    if (none_val == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) &&
            (Py_TYPE(iterable)->tp_iter == NULL && !PySequence_Check(iterable))) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "Value after * must be an iterable, not %.200s",
                         Py_TYPE(iterable)->tp_name);
        }
        Py_DECREF(iterable);
        return -1;
    }
    Py_DECREF(none_val);
    Py_DECREF(iterable);
    return 0;
}

PJ_STACK_OP(SET_UPDATE)
{
    UNUSED_ARGS();
    PyObject *iterable = POP();
    int err = _PySet_Update(PEEK(oparg), iterable);
    Py_DECREF(iterable);
    return err < 0 ? -1 : 0;
}

PJ_STACK_OP(DICT_UPDATE)
{
    UNUSED_ARGS();
    PyObject *update = POP();
    if (PyDict_Update(PEEK(oparg), update) < 0) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError))
            PyErr_Format(PyExc_TypeError, "'%.200s' object is not a mapping",
                         Py_TYPE(update)->tp_name);
        Py_DECREF(update);
        return -1;
    }
    Py_DECREF(update);
    return 0;
}

/* ceval.c's format_kwargs_error: the messages of a failed ** merge. */
static void
format_kwargs_error(PyObject *func, PyObject *kwargs)
{
    if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        PyObject *funcstr = _PyObject_FunctionStr(func);
        if (funcstr != NULL) {
            PyErr_Format(PyExc_TypeError, "%U argument after ** must be a mapping, not %.200s",
                         funcstr, Py_TYPE(kwargs)->tp_name);
            Py_DECREF(funcstr);
        }
    }
    else if (PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyObject *exc, *val, *tb;
        PyErr_Fetch(&exc, &val, &tb);
        if (val && PyTuple_Check(val) && PyTuple_GET_SIZE(val) == 1) {
            PyErr_Clear();
            PyObject *funcstr = _PyObject_FunctionStr(func);
            if (funcstr != NULL) {
                PyObject *key = PyTuple_GET_ITEM(val, 0);
                PyErr_Format(PyExc_TypeError, "%U got multiple values for keyword argument '%S'",
                             funcstr, key);
                Py_DECREF(funcstr);
            }
            Py_XDECREF(exc);
            Py_XDECREF(val);
            Py_XDECREF(tb);
        }
        else {
            PyErr_Restore(exc, val, tb);
        }
    }
}

PJ_STACK_OP(DICT_MERGE)
{
    UNUSED_ARGS();
    PyObject *update = POP();
    if (_PyDict_MergeEx(PEEK(oparg), update, 2) < 0) {
        format_kwargs_error(PEEK(2 + oparg), update);
        Py_DECREF(update);
        return -1;
    }
    Py_DECREF(update);
    return 0;
}

PJ_STACK_OP(LIST_TO_TUPLE)
{
    UNUSED_ARGS();
    PyObject *list = POP();
    PyObject *tuple = PyList_AsTuple(list);
    Py_DECREF(list);
    if (tuple == NULL)
        return -1;
    *sp = tuple;
    return 0;
}

PJ_STACK_OP(FORMAT_VALUE)
{
    UNUSED_ARGS();
    int conversion = oparg & FVC_MASK;
    PyObject *fmt_spec = (oparg & FVS_MASK) == FVS_HAVE_SPEC ? POP() : NULL;
    PyObject *value = POP();
    PyObject *(*conv_fn)(PyObject *) = NULL;
    switch (conversion) {
    case FVC_NONE:
        break;
    case FVC_STR:
        conv_fn = PyObject_Str;
        break;
    case FVC_REPR:
        conv_fn = PyObject_Repr;
        break;
    case FVC_ASCII:
        conv_fn = PyObject_ASCII;
        break;
    default:
        PyErr_Format(PyExc_SystemError, "unexpected conversion flag %d", conversion);
        Py_DECREF(value);
        Py_XDECREF(fmt_spec);
        return -1;
    }
    if (conv_fn != NULL) {
        PyObject *converted = conv_fn(value);
        Py_DECREF(value);
        if (converted == NULL) {
            Py_XDECREF(fmt_spec);
            return -1;
        }
        value = converted;
    }
    PyObject *result;
    if (PyUnicode_CheckExact(value) && fmt_spec == NULL) {
        result = value;
    }
    else {
        result = PyObject_Format(value, fmt_spec);
        Py_DECREF(value);
        Py_XDECREF(fmt_spec);
        if (result == NULL)
            return -1;
    }
    *sp = result;
    return 0;
}

/* ---- Unpacking -------------------------------------------------------------------------- */

/* ceval.c's unpack_iterable: writes the items below `sp` (last item first). */
static int
unpack_iterable(PyObject *v, int argcnt, int argcntafter, PyObject **sp)
{
    int i = 0, j = 0;
    Py_ssize_t ll = 0;
    PyObject *w, *l = NULL;
    PyObject *it = PyObject_GetIter(v);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(v)->tp_iter == NULL &&
            !PySequence_Check(v)) {
            PyErr_Format(PyExc_TypeError, "cannot unpack non-iterable %.200s object",
                         Py_TYPE(v)->tp_name);
        }
        return 0;
    }
    for (; i < argcnt; i++) {
        w = PyIter_Next(it);
        if (w == NULL) {
            if (!PyErr_Occurred()) {
                if (argcntafter == -1)
                    PyErr_Format(PyExc_ValueError,
                                 "not enough values to unpack (expected %d, got %d)", argcnt, i);
                else
                    PyErr_Format(PyExc_ValueError,
                                 "not enough values to unpack (expected at least %d, got %d)",
                                 argcnt + argcntafter, i);
            }
            goto error;
        }
        *--sp = w;
    }
    if (argcntafter == -1) {
        w = PyIter_Next(it);
        if (w == NULL) {
            if (PyErr_Occurred())
                goto error;
            Py_DECREF(it);
            return 1;
        }
        Py_DECREF(w);
        PyErr_Format(PyExc_ValueError, "too many values to unpack (expected %d)", argcnt);
        goto error;
    }
    l = PySequence_List(it);
    if (l == NULL)
        goto error;
    *--sp = l;
    i++;
    ll = PyList_GET_SIZE(l);
    if (ll < argcntafter) {
        PyErr_Format(PyExc_ValueError,
                     "not enough values to unpack (expected at least %d, got %zd)",
                     argcnt + argcntafter, argcnt + ll);
        goto error;
    }
    for (j = argcntafter; j > 0; j--, i++)
        *--sp = PyList_GET_ITEM(l, ll - j);
    Py_SET_SIZE(l, ll - argcntafter);
    Py_DECREF(it);
    return 1;
error:
    for (; i > 0; i--, sp++)
        Py_DECREF(*sp);
    Py_XDECREF(it);
    return 0;
}

PJ_STACK_OP(UNPACK_SEQUENCE)
{
    UNUSED_ARGS();
    PyObject *seq = POP();
    /* The common exact tuple and list cases, as the specialised forms. */
    if ((PyTuple_CheckExact(seq) && PyTuple_GET_SIZE(seq) == oparg) ||
        (PyList_CheckExact(seq) && PyList_GET_SIZE(seq) == oparg)) {
        PyObject **items = PyTuple_CheckExact(seq) ? ((PyTupleObject *) seq)->ob_item
                                                   : ((PyListObject *) seq)->ob_item;
        for (int i = oparg; --i >= 0;)
            *sp++ = Py_NewRef(items[i]);
        Py_DECREF(seq);
        return 0;
    }
    if (!unpack_iterable(seq, oparg, -1, sp + oparg)) {
        Py_DECREF(seq);
        return -1;
    }
    Py_DECREF(seq);
    return 0;
}

PJ_STACK_OP(UNPACK_EX)
{
    UNUSED_ARGS();
    int total = 1 + (oparg & 0xFF) + (oparg >> 8);
    PyObject *seq = POP();
    if (!unpack_iterable(seq, oparg & 0xFF, oparg >> 8, sp + total)) {
        Py_DECREF(seq);
        return -1;
    }
    Py_DECREF(seq);
    return 0;
}

/* ---- Subscripts and attributes ------------------------------------------------------------- */

PJ_STACK_OP(DELETE_SUBSCR)
{
    UNUSED_ARGS();
    PyObject *sub = POP();
    PyObject *container = POP();
    int err = PyObject_DelItem(container, sub);
    Py_DECREF(container);
    Py_DECREF(sub);
    return err != 0 ? -1 : 0;
}

PJ_STACK_OP(DELETE_ATTR)
{
    UNUSED_ARGS();
    PyObject *owner = POP();
    int err = PyObject_SetAttr(owner, name_at(frame, oparg), NULL);
    Py_DECREF(owner);
    return err != 0 ? -1 : 0;
}

/* ---- Names, cells, globals ------------------------------------------------------------------- */

/* A lookup in a namespace mapping: 1 found (new ref in *v), 0 missing, -1 error. */
static int
lookup(PyObject *ns, PyObject *name, PyObject **v)
{
    if (PyDict_CheckExact(ns)) {
        *v = PyDict_GetItemWithError(ns, name);
        if (*v != NULL) {
            Py_INCREF(*v);
            return 1;
        }
        return PyErr_Occurred() ? -1 : 0;
    }
    *v = PyObject_GetItem(ns, name);
    if (*v != NULL)
        return 1;
    if (!PyErr_ExceptionMatches(PyExc_KeyError))
        return -1;
    PyErr_Clear();
    return 0;
}

PJ_STACK_OP(LOAD_NAME)
{
    UNUSED_ARGS();
    PyObject *name = name_at(frame, oparg), *v;
    if (frame->f_locals == NULL)
        return 1; /* SystemError, worded by the interpreter */
    int r = lookup(frame->f_locals, name, &v);
    if (r == 0) {
        v = PyDict_GetItemWithError(frame->f_globals, name);
        if (v != NULL)
            r = 1, Py_INCREF(v);
        else if (PyErr_Occurred())
            r = -1;
        else
            r = lookup(frame->f_builtins, name, &v);
    }
    if (r < 0)
        return -1;
    if (r == 0)
        return 1; /* NameError with suggestions: the interpreter's */
    *sp = v;
    return 0;
}

PJ_STACK_OP(STORE_NAME)
{
    UNUSED_ARGS();
    PyObject *ns = frame->f_locals;
    if (ns == NULL)
        return 1;
    PyObject *v = POP();
    PyObject *name = name_at(frame, oparg);
    int err = PyDict_CheckExact(ns) ? PyDict_SetItem(ns, name, v) : PyObject_SetItem(ns, name, v);
    Py_DECREF(v);
    return err != 0 ? -1 : 0;
}

/* ceval.c's format_exc_check_arg for NAME_ERROR_MSG: the NameError carries the name, for
 * the suggestions the traceback printer offers. */
static void
name_error(PyObject *name)
{
    PyObject *type, *value, *tb;
    PyErr_Format(PyExc_NameError, "name '%.200s' is not defined", PyUnicode_AsUTF8(name));
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (PyErr_GivenExceptionMatches(value, PyExc_NameError) &&
        ((PyNameErrorObject *) value)->name == NULL)
        (void) PyObject_SetAttr(value, &_Py_ID(name), name);
    PyErr_Restore(type, value, tb);
}

PJ_STACK_OP(DELETE_NAME)
{
    UNUSED_ARGS();
    PyObject *ns = frame->f_locals;
    if (ns == NULL)
        return 1;
    PyObject *name = name_at(frame, oparg);
    if (PyObject_DelItem(ns, name) != 0) {
        name_error(name);
        return -1;
    }
    return 0;
}

PJ_STACK_OP(DELETE_GLOBAL)
{
    UNUSED_ARGS();
    PyObject *name = name_at(frame, oparg);
    PyObject *v = PyDict_GetItemWithError(frame->f_globals, name);
    if (v == NULL)
        return PyErr_Occurred() ? -1 : 1; /* NameError: the interpreter's */
    return PyDict_DelItem(frame->f_globals, name) != 0 ? -1 : 0;
}

PJ_STACK_OP(LOAD_CLASSDEREF)
{
    UNUSED_ARGS();
    PyObject *name = PyTuple_GET_ITEM(frame->f_code->co_localsplusnames, oparg), *v;
    int r = lookup(frame->f_locals, name, &v);
    if (r < 0)
        return -1;
    if (r == 0) {
        v = PyCell_GET(frame->localsplus[oparg]);
        if (v == NULL)
            return 1; /* unbound free variable: the interpreter's message */
        Py_INCREF(v);
    }
    *sp = v;
    return 0;
}

PJ_STACK_OP(LOAD_DEREF)
{
    UNUSED_ARGS();
    PyObject *v = PyCell_GET(frame->localsplus[oparg]);
    if (v == NULL)
        return 1;
    *sp = Py_NewRef(v);
    return 0;
}

PJ_STACK_OP(STORE_DEREF)
{
    UNUSED_ARGS();
    PyObject *v = POP();
    PyObject *cell = frame->localsplus[oparg];
    PyObject *old = PyCell_GET(cell);
    PyCell_SET(cell, v);
    Py_XDECREF(old);
    return 0;
}

PJ_STACK_OP(DELETE_DEREF)
{
    UNUSED_ARGS();
    PyObject *cell = frame->localsplus[oparg];
    PyObject *old = PyCell_GET(cell);
    if (old == NULL)
        return 1;
    PyCell_SET(cell, NULL);
    Py_DECREF(old);
    return 0;
}

PJ_STACK_OP(MAKE_CELL)
{
    UNUSED_ARGS();
    PyObject *initial = frame->localsplus[oparg];
    PyObject *cell = PyCell_New(initial);
    if (cell == NULL)
        return -1;
    frame->localsplus[oparg] = cell;
    Py_XDECREF(initial);
    return 0;
}

PJ_STACK_OP(COPY_FREE_VARS)
{
    UNUSED_ARGS();
    PyCodeObject *co = frame->f_code;
    PyObject *closure = ((PyFunctionObject *) frame->f_func)->func_closure;
    int offset = co->co_nlocals + co->co_nplaincellvars;
    for (int i = 0; i < oparg; ++i)
        frame->localsplus[offset + i] = Py_NewRef(PyTuple_GET_ITEM(closure, i));
    return 0;
}

/* ---- Functions, classes, imports, with ---------------------------------------------------- */

PJ_STACK_OP(MAKE_FUNCTION)
{
    UNUSED_ARGS();
    PyObject *codeobj = POP();
    PyFunctionObject *func = (PyFunctionObject *) PyFunction_New(codeobj, frame->f_globals);
    Py_DECREF(codeobj);
    if (func == NULL) {
        drop(sp, ((oparg & 8) != 0) + ((oparg & 4) != 0) + ((oparg & 2) != 0) + (oparg & 1));
        return -1;
    }
    if (oparg & 0x08)
        func->func_closure = POP();
    if (oparg & 0x04)
        func->func_annotations = POP();
    if (oparg & 0x02)
        func->func_kwdefaults = POP();
    if (oparg & 0x01)
        func->func_defaults = POP();
    *sp = (PyObject *) func;
    return 0;
}

PJ_STACK_OP(LOAD_BUILD_CLASS)
{
    UNUSED_ARGS();
    PyObject *bc;
    if (PyDict_CheckExact(frame->f_builtins)) {
        bc = PyDict_GetItemWithError(frame->f_builtins, &_Py_ID(__build_class__));
        if (bc == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_NameError, "__build_class__ not found");
            return -1;
        }
        Py_INCREF(bc);
    }
    else {
        bc = PyObject_GetItem(frame->f_builtins, &_Py_ID(__build_class__));
        if (bc == NULL) {
            if (PyErr_ExceptionMatches(PyExc_KeyError))
                PyErr_SetString(PyExc_NameError, "__build_class__ not found");
            return -1;
        }
    }
    *sp = bc;
    return 0;
}

PJ_STACK_OP(SETUP_ANNOTATIONS)
{
    UNUSED_ARGS();
    PyObject *ns = frame->f_locals, *ann;
    if (ns == NULL)
        return 1;
    int r = lookup(ns, &_Py_ID(__annotations__), &ann);
    if (r < 0)
        return -1;
    if (r > 0) {
        Py_DECREF(ann);
        return 0;
    }
    ann = PyDict_New();
    if (ann == NULL)
        return -1;
    int err = PyDict_CheckExact(ns) ? PyDict_SetItem(ns, &_Py_ID(__annotations__), ann)
                                    : PyObject_SetItem(ns, &_Py_ID(__annotations__), ann);
    Py_DECREF(ann);
    return err != 0 ? -1 : 0;
}

/* ceval.c's import_name. */
PJ_STACK_OP(IMPORT_NAME)
{
    UNUSED_ARGS();
    PyObject *name = name_at(frame, oparg);
    PyObject *fromlist = POP();
    PyObject *level = POP();
    PyObject *res = NULL;
    PyObject *import_func = PyDict_GetItemWithError(frame->f_builtins, &_Py_ID(__import__));
    PyObject *locals = frame->f_locals;
    if (import_func == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ImportError, "__import__ not found");
    }
    else if (import_func == ts->interp->import_func) {
        int ilevel = _PyLong_AsInt(level);
        if (!(ilevel == -1 && PyErr_Occurred()))
            res = PyImport_ImportModuleLevelObject(
                name, frame->f_globals, locals == NULL ? Py_None : locals, fromlist, ilevel);
    }
    else {
        PyObject *stack[5] = { name, frame->f_globals, locals == NULL ? Py_None : locals, fromlist,
                               level };
        Py_INCREF(import_func);
        res = PyObject_Vectorcall(import_func, stack, 5, NULL);
        Py_DECREF(import_func);
    }
    Py_DECREF(level);
    Py_DECREF(fromlist);
    if (res == NULL)
        return -1;
    *sp = res;
    return 0;
}

/* ceval.c's import_from, except its error messages: when the name cannot be found the
 * interpreter redoes the instruction and words the ImportError itself. */
PJ_STACK_OP(IMPORT_FROM)
{
    UNUSED_ARGS();
    PyObject *from = PEEK(1), *name = name_at(frame, oparg), *x;
    int r = _PyObject_LookupAttr(from, name, &x);
    if (r < 0)
        return -1;
    if (r == 0) {
        PyObject *pkgname = PyObject_GetAttr(from, &_Py_ID(__name__));
        if (pkgname == NULL || !PyUnicode_Check(pkgname)) {
            Py_XDECREF(pkgname);
            PyErr_Clear();
            return 1;
        }
        PyObject *full = PyUnicode_FromFormat("%U.%U", pkgname, name);
        Py_DECREF(pkgname);
        if (full == NULL)
            return -1;
        x = PyImport_GetModule(full);
        Py_DECREF(full);
        if (x == NULL) {
            if (PyErr_Occurred())
                return -1;
            return 1;
        }
    }
    *sp = x;
    return 0;
}

/* BEFORE_WITH and BEFORE_ASYNC_WITH: looks up the manager's enter and exit methods (their
 * absence is the interpreter's TypeError), replaces the manager by the bound exit and
 * pushes what enter returned.  `kind` names the protocol in the messages. */
static int
enter_context(PyObject **sp, PyObject *enter_name, PyObject *exit_name, const char *kind)
{
    PyObject *mgr = PEEK(1);
    PyObject *enter = _PyObject_LookupSpecial(mgr, enter_name);
    if (enter == NULL) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError,
                         "'%.200s' object does not support the %scontext manager protocol",
                         Py_TYPE(mgr)->tp_name, kind);
        Py_DECREF(mgr);
        return -1;
    }
    PyObject *exit = _PyObject_LookupSpecial(mgr, exit_name);
    if (exit == NULL) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError,
                         "'%.200s' object does not support the %scontext manager protocol "
                         "(missed %U method)",
                         Py_TYPE(mgr)->tp_name, kind, exit_name);
        Py_DECREF(enter);
        Py_DECREF(mgr);
        return -1;
    }
    sp[-1] = exit;
    Py_DECREF(mgr);
    PyObject *res = PyObject_CallNoArgs(enter);
    Py_DECREF(enter);
    if (res == NULL) {
        /* The interpreter leaves `exit` for its unwinder; releasing it here is the same,
         * as no handler of this `with` covers the instruction itself. */
        Py_DECREF(exit);
        return -1;
    }
    *sp = res;
    return 0;
}

PJ_STACK_OP(BEFORE_WITH)
{
    UNUSED_ARGS();
    return enter_context(sp, &_Py_ID(__enter__), &_Py_ID(__exit__), "");
}

/* ceval.c's check_args_iterable. */
static int
check_args_iterable(PyObject *func, PyObject *args)
{
    if (Py_TYPE(args)->tp_iter == NULL && !PySequence_Check(args)) {
        PyErr_Clear();
        PyObject *funcstr = _PyObject_FunctionStr(func);
        if (funcstr != NULL) {
            PyErr_Format(PyExc_TypeError, "%U argument after * must be an iterable, not %.200s",
                         funcstr, Py_TYPE(args)->tp_name);
            Py_DECREF(funcstr);
        }
        return -1;
    }
    return 0;
}

PJ_STACK_OP(CALL_FUNCTION_EX)
{
    UNUSED_ARGS();
    /* [NULL, func, callargs, kwargs?] -> [result] */
    PyObject *kwargs = NULL, *callargs, *func, *result = NULL;
    if (oparg & 0x01) {
        kwargs = POP();
        if (!PyDict_CheckExact(kwargs)) {
            PyObject *d = PyDict_New();
            if (d == NULL || _PyDict_MergeEx(d, kwargs, 2) < 0) {
                Py_XDECREF(d);
                if (d != NULL)
                    format_kwargs_error(PEEK(2), kwargs);
                Py_DECREF(kwargs);
                drop(sp, 3);
                return -1;
            }
            Py_SETREF(kwargs, d);
        }
    }
    callargs = POP();
    func = POP();
    if (!PyTuple_CheckExact(callargs)) {
        if (check_args_iterable(func, callargs) < 0)
            goto done;
        Py_SETREF(callargs, PySequence_Tuple(callargs));
        if (callargs == NULL)
            goto done;
    }
    result = PyObject_Call(func, callargs, kwargs);
done:
    Py_DECREF(func);
    Py_XDECREF(callargs);
    Py_XDECREF(kwargs);
    sp--; /* the NULL below func */
    Py_XDECREF(*sp);
    if (result == NULL)
        return -1;
    *sp = result;
    return 0;
}

PJ_STACK_OP(LOAD_ASSERTION_ERROR)
{
    UNUSED_ARGS();
    *sp = Py_NewRef(PyExc_AssertionError);
    return 0;
}

/* ---- Exceptions ------------------------------------------------------------------------------
 * Handlers run natively: an error inside a try block lands (pj_rt_exc_landing, helpers.c)
 * at the handler's block with the exception pushed, as the interpreter's exception_unwind
 * does; these are the handler's own instructions.  Results for the raising ones:
 * -1 error with a traceback entry to add, -2 re-raise (no new traceback entry). */

PJ_STACK_OP(PUSH_EXC_INFO)
{
    UNUSED_ARGS();
    PyObject *value = PEEK(1);
    _PyErr_StackItem *exc_info = ts->exc_info;
    sp[-1] = exc_info->exc_value != NULL ? exc_info->exc_value : Py_NewRef(Py_None);
    *sp = Py_NewRef(value);
    exc_info->exc_value = value; /* the reference that was on the stack */
    return 0;
}

PJ_STACK_OP(POP_EXCEPT)
{
    UNUSED_ARGS();
    _PyErr_StackItem *exc_info = ts->exc_info;
    PyObject *value = exc_info->exc_value;
    exc_info->exc_value = POP();
    Py_XDECREF(value);
    return 0;
}

PJ_STACK_OP(CHECK_EXC_MATCH)
{
    UNUSED_ARGS();
    PyObject *right = POP();
    PyObject *left = PEEK(1);
    /* ceval.c's check_except_type_valid */
    int valid = 1;
    if (PyTuple_Check(right)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(right); i++)
            if (!PyExceptionClass_Check(PyTuple_GET_ITEM(right, i)))
                valid = 0;
    }
    else if (!PyExceptionClass_Check(right)) {
        valid = 0;
    }
    if (!valid) {
        PyErr_SetString(PyExc_TypeError,
                        "catching classes that do not inherit from BaseException is not allowed");
        Py_DECREF(right);
        return -1;
    }
    int res = PyErr_GivenExceptionMatches(left, right);
    Py_DECREF(right);
    *sp = Py_NewRef(res ? Py_True : Py_False);
    return 0;
}

PJ_STACK_OP(WITH_EXCEPT_START)
{
    UNUSED_ARGS();
    PyObject *val = PEEK(1);
    PyObject *exc = PyExceptionInstance_Class(val);
    PyObject *tb = PyException_GetTraceback(val);
    Py_XDECREF(tb); /* borrowed below, as the interpreter does: val holds it */
    PyObject *stack[4] = { NULL, exc, val, tb };
    PyObject *res =
        PyObject_Vectorcall(PEEK(4), stack + 1, 3 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
    if (res == NULL)
        return -1;
    *sp = res;
    return 0;
}

PJ_STACK_OP(RERAISE)
{
    UNUSED_ARGS();
    if (oparg) {
        PyObject *lasti = PEEK(oparg + 1);
        if (!PyLong_Check(lasti)) {
            PyErr_SetString(PyExc_SystemError, "lasti is not an int");
            Py_DECREF(POP());
            return -1;
        }
        /* The line of the original raise, for tracebacks and f_lineno. */
        frame->prev_instr = _PyCode_CODE(frame->f_code) + PyLong_AsLong(lasti);
    }
    PyObject *val = POP();
    PyObject *exc = Py_NewRef(PyExceptionInstance_Class(val));
    PyObject *tb = PyException_GetTraceback(val);
    PyErr_Restore(exc, val, tb);
    return -2;
}

/* ceval.c's do_raise: 1 re-raise of the active exception (no traceback entry), 0 raised. */
static int
do_raise(PyThreadState *ts, PyObject *exc, PyObject *cause)
{
    PyObject *type = NULL, *value = NULL;
    if (exc == NULL) {
        _PyErr_StackItem *exc_info = _PyErr_GetTopmostException(ts);
        value = exc_info->exc_value;
        if (Py_IsNone(value) || value == NULL) {
            PyErr_SetString(PyExc_RuntimeError, "No active exception to reraise");
            return 0;
        }
        type = PyExceptionInstance_Class(value);
        Py_XINCREF(type);
        Py_XINCREF(value);
        PyObject *tb = PyException_GetTraceback(value);
        PyErr_Restore(type, value, tb);
        return 1;
    }
    if (PyExceptionClass_Check(exc)) {
        type = exc;
        value = PyObject_CallNoArgs(exc);
        if (value == NULL)
            goto raise_error;
        if (!PyExceptionInstance_Check(value)) {
            PyErr_Format(PyExc_TypeError,
                         "calling %R should have returned an instance of BaseException, not %R",
                         type, Py_TYPE(value));
            goto raise_error;
        }
    }
    else if (PyExceptionInstance_Check(exc)) {
        value = exc;
        type = PyExceptionInstance_Class(exc);
        Py_INCREF(type);
    }
    else {
        Py_DECREF(exc);
        PyErr_SetString(PyExc_TypeError, "exceptions must derive from BaseException");
        goto raise_error;
    }
    if (cause) {
        PyObject *fixed_cause;
        if (PyExceptionClass_Check(cause)) {
            fixed_cause = PyObject_CallNoArgs(cause);
            if (fixed_cause == NULL)
                goto raise_error;
            Py_DECREF(cause);
        }
        else if (PyExceptionInstance_Check(cause)) {
            fixed_cause = cause;
        }
        else if (Py_IsNone(cause)) {
            Py_DECREF(cause);
            fixed_cause = NULL;
        }
        else {
            PyErr_SetString(PyExc_TypeError, "exception causes must derive from BaseException");
            goto raise_error;
        }
        PyException_SetCause(value, fixed_cause);
    }
    PyErr_SetObject(type, value);
    Py_DECREF(value);
    Py_DECREF(type);
    return 0;
raise_error:
    Py_XDECREF(value);
    Py_XDECREF(type);
    Py_XDECREF(cause);
    return 0;
}

PJ_STACK_OP(RAISE_VARARGS)
{
    UNUSED_ARGS();
    PyObject *cause = NULL, *exc = NULL;
    switch (oparg) {
    case 2:
        cause = POP();
        /* fall through */
    case 1:
        exc = POP();
        /* fall through */
    case 0:
        return do_raise(ts, exc, cause) ? -2 : -1;
    default:
        PyErr_SetString(PyExc_SystemError, "bad RAISE_VARARGS oparg");
        return -1;
    }
}

/* ---- Generators, coroutines and async ---------------------------------------------------- */

/* Whether `o` is a coroutine for `await`: a coroutine object, or a generator whose code
 * was made awaitable by types.coroutine (CO_ITERABLE_COROUTINE). */
static int
is_awaitable_coroutine(PyObject *o)
{
    if (PyCoro_CheckExact(o))
        return 1;
    return PyGen_CheckExact(o) &&
           (((PyCodeObject *) ((PyGenObject *) o)->gi_code)->co_flags & CO_ITERABLE_COROUTINE);
}

/* The iterator `await o` drives (genobject.c's _PyCoro_GetAwaitableIter, not exported):
 * o itself for a coroutine, else what its __await__ returns, which must be an iterator and
 * not a coroutine.  New reference, or NULL with TypeError. */
static PyObject *
awaitable_iter(PyObject *o)
{
    if (is_awaitable_coroutine(o))
        return Py_NewRef(o);
    PyTypeObject *t = Py_TYPE(o);
    unaryfunc await = t->tp_as_async != NULL ? t->tp_as_async->am_await : NULL;
    if (await == NULL) {
        PyErr_Format(PyExc_TypeError, "object %.100s can't be used in 'await' expression",
                     t->tp_name);
        return NULL;
    }
    PyObject *it = await(o);
    if (it == NULL)
        return NULL;
    if (is_awaitable_coroutine(it)) {
        PyErr_SetString(PyExc_TypeError, "__await__() returned a coroutine");
        Py_DECREF(it);
        return NULL;
    }
    if (!PyIter_Check(it)) {
        PyErr_Format(PyExc_TypeError, "__await__() returned non-iterator of type '%.100s'",
                     Py_TYPE(it)->tp_name);
        Py_DECREF(it);
        return NULL;
    }
    return it;
}

/* Whether coroutine `coro` is suspended inside an await (genobject.c's _PyGen_yf): its
 * next instruction is a RESUME after `yield from`/`await` (oparg >= 2). */
static int
coroutine_is_awaiting(PyObject *coro)
{
    PyGenObject *g = (PyGenObject *) coro;
    if (g->gi_frame_state >= FRAME_CLEARED || g->gi_frame_state == FRAME_CREATED)
        return 0;
    _PyInterpreterFrame *f = (_PyInterpreterFrame *) g->gi_iframe;
    _Py_CODEUNIT next = f->prev_instr[1];
    return pj_op_base(_Py_OPCODE(next)) == RESUME && _Py_OPARG(next) >= 2;
}

PJ_STACK_OP(GET_AWAITABLE)
{
    UNUSED_ARGS();
    PyObject *o = POP();
    PyObject *it = awaitable_iter(o);
    if (it == NULL) {
        /* ceval.c's format_awaitable_error: a clearer message for `async with`. */
        PyTypeObject *t = Py_TYPE(o);
        if ((oparg == 1 || oparg == 2) &&
            (t->tp_as_async == NULL || t->tp_as_async->am_await == NULL))
            PyErr_Format(PyExc_TypeError,
                         "'async with' received an object from __a%s__ that does not "
                         "implement __await__: %.100s",
                         oparg == 1 ? "enter" : "exit", t->tp_name);
    }
    Py_DECREF(o);
    if (it != NULL && PyCoro_CheckExact(it) && coroutine_is_awaiting(it)) {
        Py_CLEAR(it);
        PyErr_SetString(PyExc_RuntimeError, "coroutine is being awaited already");
    }
    if (it == NULL)
        return -1;
    *sp = it;
    return 0;
}

PJ_STACK_OP(GET_YIELD_FROM_ITER)
{
    UNUSED_ARGS();
    PyObject *o = POP();
    if (PyCoro_CheckExact(o)) {
        if (!(frame->f_code->co_flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE))) {
            Py_DECREF(o);
            PyErr_SetString(PyExc_TypeError,
                            "cannot 'yield from' a coroutine object in a non-coroutine generator");
            return -1;
        }
        *sp = o;
        return 0;
    }
    if (PyGen_CheckExact(o)) {
        *sp = o;
        return 0;
    }
    PyObject *it = PyObject_GetIter(o);
    Py_DECREF(o);
    if (it == NULL)
        return -1;
    *sp = it;
    return 0;
}

PJ_STACK_OP(GET_AITER)
{
    UNUSED_ARGS();
    PyObject *o = POP();
    PyTypeObject *t = Py_TYPE(o);
    unaryfunc aiter = t->tp_as_async != NULL ? t->tp_as_async->am_aiter : NULL;
    if (aiter == NULL) {
        PyErr_Format(PyExc_TypeError,
                     "'async for' requires an object with __aiter__ method, got %.100s",
                     t->tp_name);
        Py_DECREF(o);
        return -1;
    }
    PyObject *it = aiter(o);
    Py_DECREF(o);
    if (it == NULL)
        return -1;
    PyTypeObject *it_t = Py_TYPE(it);
    if (it_t->tp_as_async == NULL || it_t->tp_as_async->am_anext == NULL) {
        PyErr_Format(PyExc_TypeError,
                     "'async for' received an object from __aiter__ that does not implement "
                     "__anext__: %.100s",
                     it_t->tp_name);
        Py_DECREF(it);
        return -1;
    }
    *sp = it;
    return 0;
}

PJ_STACK_OP(GET_ANEXT)
{
    UNUSED_ARGS();
    PyObject *aiter = PEEK(1); /* stays on the stack */
    PyTypeObject *t = Py_TYPE(aiter);
    PyObject *awaitable;
    if (PyAsyncGen_CheckExact(aiter)) {
        awaitable = t->tp_as_async->am_anext(aiter);
        if (awaitable == NULL)
            return -1;
    }
    else {
        unaryfunc anext = t->tp_as_async != NULL ? t->tp_as_async->am_anext : NULL;
        if (anext == NULL) {
            PyErr_Format(PyExc_TypeError,
                         "'async for' requires an iterator with __anext__ method, got %.100s",
                         t->tp_name);
            return -1;
        }
        PyObject *next = anext(aiter);
        if (next == NULL)
            return -1;
        awaitable = awaitable_iter(next);
        if (awaitable == NULL)
            _PyErr_FormatFromCause(PyExc_TypeError,
                                   "'async for' received an invalid object from __anext__: %.100s",
                                   Py_TYPE(next)->tp_name);
        Py_DECREF(next);
        if (awaitable == NULL)
            return -1;
    }
    *sp = awaitable;
    return 0;
}

PJ_STACK_OP(BEFORE_ASYNC_WITH)
{
    UNUSED_ARGS();
    return enter_context(sp, &_Py_ID(__aenter__), &_Py_ID(__aexit__), "asynchronous ");
}

/* Pops the exception ending an `async for`: StopAsyncIteration also pops the iterator and
 * goes on (0); anything else is re-raised as it is, with no new traceback entry (-2). */
PJ_STACK_OP(END_ASYNC_FOR)
{
    UNUSED_ARGS();
    PyObject *exc = POP();
    if (PyErr_GivenExceptionMatches(exc, PyExc_StopAsyncIteration)) {
        Py_DECREF(exc);
        Py_DECREF(POP());
        return 0;
    }
    PyObject *type = Py_NewRef(PyExceptionInstance_Class(exc));
    PyErr_Restore(type, exc, PyException_GetTraceback(exc));
    return -2;
}

/* An async generator's yielded value is wrapped by genobject.c's unexported
 * _PyAsyncGenValueWrapperNew: the interpreter runs this instruction and the yield after
 * it; the frame resumes in compiled code. */
PJ_STACK_OP(ASYNC_GEN_WRAP)
{
    UNUSED_ARGS();
    return 1;
}

int pj_rt_send(PyThreadState *ts, PyObject **sp);

/* SEND (`yield from`, `await`): sp[-1] the value sent, sp[-2] the receiver.  0: the
 * receiver yielded -- its value replaces the sent one; 1: it returned -- the receiver is
 * released and its result is in sp[-2]; -1: error, the sent value released. */
int
pj_rt_send(PyThreadState *ts, PyObject **sp)
{
    (void) ts;
    PyObject *v = sp[-1], *receiver = sp[-2], *res = NULL;
    PySendResult r = PyIter_Send(receiver, v, &res);
    Py_DECREF(v);
    if (r == PYGEN_ERROR)
        return -1;
    if (r == PYGEN_RETURN) {
        Py_DECREF(receiver);
        sp[-2] = res;
        return 1;
    }
    sp[-1] = res;
    return 0;
}

/* ---- Pattern matching (`match`) --------------------------------------------------------- */

PJ_STACK_OP(MATCH_MAPPING)
{
    UNUSED_ARGS();
    int yes = (Py_TYPE(PEEK(1))->tp_flags & Py_TPFLAGS_MAPPING) != 0;
    *sp = Py_NewRef(yes ? Py_True : Py_False);
    return 0;
}

PJ_STACK_OP(MATCH_SEQUENCE)
{
    UNUSED_ARGS();
    int yes = (Py_TYPE(PEEK(1))->tp_flags & Py_TPFLAGS_SEQUENCE) != 0;
    *sp = Py_NewRef(yes ? Py_True : Py_False);
    return 0;
}

PJ_STACK_OP(GET_LEN)
{
    UNUSED_ARGS();
    Py_ssize_t n = PyObject_Length(PEEK(1));
    if (n < 0)
        return -1;
    PyObject *o = PyLong_FromSsize_t(n);
    if (o == NULL)
        return -1;
    *sp = o;
    return 0;
}

/* The values of `keys` in mapping `map` as a tuple, or None when one is missing (ceval.c's
 * match_keys).  Lookups go through map.get(key, sentinel), so a defaultdict's
 * __missing__ is not triggered; a key given twice is a ValueError. */
static PyObject *
mapping_values(PyObject *map, PyObject *keys)
{
    Py_ssize_t n = PyTuple_GET_SIZE(keys);
    if (n == 0)
        return PyTuple_New(0);
    PyObject *get = NULL, *seen = NULL, *sentinel = NULL, *values = NULL;
    int unbound = _PyObject_GetMethod(map, &_Py_ID(get), &get);
    if (get == NULL)
        goto fail;
    seen = PySet_New(NULL);
    sentinel = seen ? PyObject_CallNoArgs((PyObject *) &PyBaseObject_Type) : NULL;
    values = sentinel ? PyTuple_New(n) : NULL;
    if (values == NULL)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *key = PyTuple_GET_ITEM(keys, i);
        int dup = PySet_Contains(seen, key);
        if (dup != 0 || PySet_Add(seen, key) < 0) {
            if (dup > 0)
                PyErr_Format(PyExc_ValueError, "mapping pattern checks duplicate key (%R)", key);
            goto fail;
        }
        PyObject *argv[3] = { map, key, sentinel };
        PyObject *v = unbound ? PyObject_Vectorcall(get, argv, 3, NULL)
                              : PyObject_Vectorcall(get, argv + 1, 2, NULL);
        if (v == NULL)
            goto fail;
        if (v == sentinel) {
            Py_DECREF(v);
            Py_SETREF(values, Py_NewRef(Py_None));
            break;
        }
        PyTuple_SET_ITEM(values, i, v);
    }
    Py_DECREF(get);
    Py_DECREF(seen);
    Py_DECREF(sentinel);
    return values;
fail:
    Py_XDECREF(get);
    Py_XDECREF(seen);
    Py_XDECREF(sentinel);
    Py_XDECREF(values);
    return NULL;
}

PJ_STACK_OP(MATCH_KEYS)
{
    UNUSED_ARGS();
    PyObject *r = mapping_values(PEEK(2), PEEK(1));
    if (r == NULL)
        return -1;
    *sp = r;
    return 0;
}

/* One attribute of a class pattern, appended to `attrs` (1); 0 when the subject lacks it
 * (no match); -1 on error, including the same name matched twice. */
static int
class_pattern_attr(PyObject *subject, PyTypeObject *type, PyObject *name, PyObject *seen,
                   PyObject *attrs)
{
    int dup = PySet_Contains(seen, name);
    if (dup != 0 || PySet_Add(seen, name) < 0) {
        if (dup > 0)
            PyErr_Format(PyExc_TypeError, "%s() got multiple sub-patterns for attribute %R",
                         type->tp_name, name);
        return -1;
    }
    PyObject *v = PyObject_GetAttr(subject, name);
    if (v == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError))
            return -1;
        PyErr_Clear();
        return 0;
    }
    int rc = PyList_Append(attrs, v);
    Py_DECREF(v);
    return rc < 0 ? -1 : 1;
}

/* `case type(p1, ..., pn, k1=.., ...)` (ceval.c's match_class): a tuple of the subject's
 * attributes (positional ones named by type.__match_args__, or the subject itself for the
 * builtins that match themselves), or None when it does not match; NULL on error. */
static PyObject *
class_pattern(PyObject *subject, PyObject *type_o, Py_ssize_t npos, PyObject *kwnames)
{
    if (!PyType_Check(type_o)) {
        PyErr_SetString(PyExc_TypeError, "called match pattern must be a type");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *) type_o;
    int inst = PyObject_IsInstance(subject, type_o);
    if (inst <= 0)
        return inst < 0 ? NULL : Py_NewRef(Py_None);
    PyObject *seen = PySet_New(NULL), *attrs = seen ? PyList_New(0) : NULL, *margs = NULL;
    int found = 1;
    if (attrs == NULL)
        goto fail;
    if (npos > 0) {
        int self = 0;
        margs = PyObject_GetAttrString(type_o, "__match_args__");
        if (margs == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_AttributeError))
                goto fail;
            PyErr_Clear();
            margs = PyTuple_New(0);
            if (margs == NULL)
                goto fail;
            self = PyType_HasFeature(type, _Py_TPFLAGS_MATCH_SELF);
        }
        else if (!PyTuple_CheckExact(margs)) {
            PyErr_Format(PyExc_TypeError, "%s.__match_args__ must be a tuple (got %s)",
                         type->tp_name, Py_TYPE(margs)->tp_name);
            goto fail;
        }
        Py_ssize_t allowed = self ? 1 : PyTuple_GET_SIZE(margs);
        if (allowed < npos) {
            PyErr_Format(PyExc_TypeError, "%s() accepts %d positional sub-pattern%s (%d given)",
                         type->tp_name, (int) allowed, allowed == 1 ? "" : "s", (int) npos);
            goto fail;
        }
        if (self) {
            if (PyList_Append(attrs, subject) < 0)
                goto fail;
        }
        for (Py_ssize_t i = 0; !self && i < npos && found > 0; i++) {
            PyObject *name = PyTuple_GET_ITEM(margs, i);
            if (!PyUnicode_CheckExact(name)) {
                PyErr_Format(PyExc_TypeError, "__match_args__ elements must be strings (got %s)",
                             Py_TYPE(name)->tp_name);
                goto fail;
            }
            found = class_pattern_attr(subject, type, name, seen, attrs);
        }
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames) && found > 0; i++)
        found = class_pattern_attr(subject, type, PyTuple_GET_ITEM(kwnames, i), seen, attrs);
    if (found < 0)
        goto fail;
    PyObject *r = found ? PyList_AsTuple(attrs) : Py_NewRef(Py_None);
    Py_XDECREF(margs);
    Py_DECREF(seen);
    Py_DECREF(attrs);
    return r;
fail:
    Py_XDECREF(margs);
    Py_XDECREF(seen);
    Py_XDECREF(attrs);
    return NULL;
}

PJ_STACK_OP(MATCH_CLASS)
{
    UNUSED_ARGS();
    PyObject *names = POP(), *type = POP(), *subject = POP();
    PyObject *r = class_pattern(subject, type, oparg, names);
    Py_DECREF(names);
    Py_DECREF(type);
    Py_DECREF(subject);
    if (r == NULL)
        return -1;
    *sp = r;
    return 0;
}

/* ---- Module level ---------------------------------------------------------------------- */

/* `from m import *` into the module's namespace (only allowed at module level, whose
 * locals are the f_locals mapping; ceval.c's import_all_from): the names of m.__all__,
 * else every name of m.__dict__ not starting with an underscore. */
PJ_STACK_OP(IMPORT_STAR)
{
    UNUSED_ARGS();
    PyObject *m = POP(), *locals = frame->f_locals, *names = NULL;
    int all = 1, rc = -1;
    if (locals == NULL) {
        PyErr_SetString(PyExc_SystemError, "no locals found during 'import *'");
        goto done;
    }
    if (_PyObject_LookupAttr(m, &_Py_ID(__all__), &names) < 0)
        goto done;
    if (names == NULL) {
        PyObject *dict;
        all = 0;
        if (_PyObject_LookupAttr(m, &_Py_ID(__dict__), &dict) < 0)
            goto done;
        if (dict == NULL) {
            PyErr_SetString(PyExc_ImportError,
                            "from-import-* object has no __dict__ and no __all__");
            goto done;
        }
        names = PyMapping_Keys(dict);
        Py_DECREF(dict);
        if (names == NULL)
            goto done;
    }
    for (Py_ssize_t i = 0;; i++) {
        PyObject *name = PySequence_GetItem(names, i);
        if (name == NULL) {
            if (PyErr_ExceptionMatches(PyExc_IndexError)) {
                PyErr_Clear();
                rc = 0;
            }
            break;
        }
        if (!PyUnicode_Check(name)) {
            PyObject *modname = PyObject_GetAttr(m, &_Py_ID(__name__));
            if (modname != NULL && !PyUnicode_Check(modname))
                PyErr_Format(PyExc_TypeError, "module __name__ must be a string, not %.100s",
                             Py_TYPE(modname)->tp_name);
            else if (modname != NULL)
                PyErr_Format(PyExc_TypeError, "%s in %U.%s must be str, not %.100s",
                             all ? "Item" : "Key", modname, all ? "__all__" : "__dict__",
                             Py_TYPE(name)->tp_name);
            Py_XDECREF(modname);
            Py_DECREF(name);
            break;
        }
        if (!all && PyUnicode_GET_LENGTH(name) > 0 && PyUnicode_READ_CHAR(name, 0) == '_') {
            Py_DECREF(name);
            continue;
        }
        PyObject *v = PyObject_GetAttr(m, name);
        int err = v == NULL                   ? -1
                  : PyDict_CheckExact(locals) ? PyDict_SetItem(locals, name, v)
                                              : PyObject_SetItem(locals, name, v);
        Py_DECREF(name);
        Py_XDECREF(v);
        if (err < 0)
            break;
    }
done:
    Py_XDECREF(names);
    Py_DECREF(m);
    return rc;
}

/* An expression statement at the interactive prompt: sys.displayhook(value). */
PJ_STACK_OP(PRINT_EXPR)
{
    UNUSED_ARGS();
    PyObject *v = POP();
    PyObject *hook = PySys_GetObject("displayhook"); /* borrowed */
    PyObject *r = NULL;
    if (hook == NULL)
        PyErr_SetString(PyExc_RuntimeError, "lost sys.displayhook");
    else
        r = PyObject_CallOneArg(hook, v);
    Py_DECREF(v);
    if (r == NULL)
        return -1;
    Py_DECREF(r);
    return 0;
}
