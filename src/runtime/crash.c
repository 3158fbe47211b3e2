/* The crash report: on a fatal signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) raised in
 * compiled code or in pyjit's own module, pyjit prints the native frames -- naming the
 * compiled Python function each JIT frame belongs to, with the line its frame is at -- and
 * the thread's Python traceback, then lets the process die as it would have: the previous
 * handler (faulthandler's, or the default one that dumps core) takes the signal again.
 * Signals raised elsewhere go to the previous handler untouched.
 *
 * The handler runs on its own stack (a stack overflow in compiled code leaves none) and
 * writes with write(2).  It walks the stack with libunwind from the signal's context;
 * compiled code has unwind tables and frame pointers.  Which compiled function a native
 * frame belongs to comes from the thread's interpreter frames and their code states (each
 * compiled call has an interpreter frame): nothing is registered at compile time. */
#define UNW_LOCAL_ONLY
#include "runtime/runtime.h"

#include <dlfcn.h>
#include <link.h>
#include <libunwind.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal/pycore_frame.h"
#include "internal/pycore_traceback.h"

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
#define NFATAL (sizeof fatal_signals / sizeof fatal_signals[0])
static struct sigaction previous[NFATAL];
static int installed;
static uintptr_t module_lo, module_hi; /* pyjit's module text (dl_iterate_phdr) */

/* Whether pc lies in code compiled for `st`: installed now, or retired (still possibly
 * running below). */
static int
holds(const PjCodeState *st, uintptr_t pc)
{
    if (st == NULL)
        return 0;
    if (st->entry != NULL && pc - (uintptr_t) st->entry < (st->code_bytes ? st->code_bytes : 1))
        return 1;
    for (const PjRetired *r = st->retired; r != NULL; r = r->next)
        if (r->entry != NULL && pc - (uintptr_t) r->entry < (r->bytes ? r->bytes : 1))
            return 1;
    return 0;
}

/* The interpreter frame, from *cursor outwards, whose compiled code holds pc: every
 * compiled call has one, and native and interpreter frames nest in the same order.  On a
 * match *cursor moves past it (recursion: the next native frame is an outer one). */
static _PyInterpreterFrame *
frame_at(uintptr_t pc, _PyInterpreterFrame **cursor)
{
    for (_PyInterpreterFrame *f = *cursor; f != NULL; f = f->previous)
        if (holds(pj_state_get(f->f_code), pc)) {
            *cursor = f->previous;
            return f;
        }
    return NULL;
}

/* The innermost interpreter frame of the crashing thread, or NULL. */
static _PyInterpreterFrame *
current_frame(void)
{
    PyThreadState *ts = PyGILState_GetThisThreadState();
    return ts != NULL && ts->cframe != NULL ? ts->cframe->current_frame : NULL;
}

/* ---- Output (async-signal-safe: write(2) and our own formatting) ----------------------- */

static void
put(const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t w = write(2, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t) w;
    }
}

static void
put_hex(uintptr_t v)
{
    char buf[2 + 16 + 1];
    int i = (int) sizeof buf - 1;
    buf[i] = '\0';
    do {
        buf[--i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v != 0 && i > 2);
    buf[--i] = 'x';
    buf[--i] = '0';
    put(buf + i);
}

static void
put_dec(long v)
{
    char buf[24];
    int i = (int) sizeof buf - 1, neg = v < 0;
    unsigned long u = neg ? 0UL - (unsigned long) v : (unsigned long) v;
    buf[i] = '\0';
    do {
        buf[--i] = (char) ('0' + u % 10);
        u /= 10;
    } while (u != 0 && i > 1);
    if (neg)
        buf[--i] = '-';
    put(buf + i);
}

/* An ASCII rendering of a str (non-ASCII characters as '?'), as faulthandler does. */
static void
put_str(PyObject *s)
{
    if (s == NULL || !PyUnicode_Check(s) || !PyUnicode_IS_READY(s)) {
        put("?");
        return;
    }
    char buf[256];
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), k = 0;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n && k < (Py_ssize_t) sizeof buf - 4; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        buf[k++] = c >= 32 && c < 127 ? (char) c : '?';
    }
    if (k < n)
        buf[k++] = '.', buf[k++] = '.', buf[k++] = '.';
    buf[k] = '\0';
    put(buf);
}

/* The line interpreter frame f is at (its prev_instr). */
static int
line_of(_PyInterpreterFrame *f)
{
    PyCodeObject *co = f->f_code;
    int offset = (int) ((f->prev_instr - _PyCode_CODE(co)) * (Py_ssize_t) sizeof(_Py_CODEUNIT));
    return offset >= 0 ? PyCode_Addr2Line(co, offset) : co->co_firstlineno;
}

static const char *
signal_name(int sig)
{
    switch (sig) {
    case SIGSEGV:
        return "SIGSEGV (segmentation fault)";
    case SIGBUS:
        return "SIGBUS (bus error)";
    case SIGFPE:
        return "SIGFPE (floating-point exception)";
    case SIGILL:
        return "SIGILL (illegal instruction)";
    case SIGABRT:
        return "SIGABRT (aborted)";
    default:
        return "fatal signal";
    }
}

static int
ours(uintptr_t pc)
{
    _PyInterpreterFrame *cursor = current_frame();
    return (pc >= module_lo && pc < module_hi) || frame_at(pc, &cursor) != NULL;
}

static void
report(int sig, ucontext_t *uc)
{
    unw_cursor_t cursor;
    if (unw_init_local2(&cursor, (unw_context_t *) uc, UNW_INIT_SIGNAL_FRAME) < 0)
        return;
    put("\npyjit: ");
    put(signal_name(sig));
    put(" in compiled code or in pyjit's runtime\n\nNative frames, innermost first:\n");
    _PyInterpreterFrame *pyframes = current_frame();
    for (int depth = 0; depth < 64; depth++) {
        unw_word_t ip = 0;
        if (unw_get_reg(&cursor, UNW_REG_IP, &ip) < 0)
            break;
        put("  #");
        put_dec(depth);
        put(" ");
        put_hex((uintptr_t) ip);
        _PyInterpreterFrame *f = frame_at((uintptr_t) ip, &pyframes);
        if (f != NULL) {
            put(" in compiled Python function ");
            put_str(f->f_code->co_qualname);
            put(" (");
            put_str(f->f_code->co_filename);
            put(", line ");
            put_dec(line_of(f));
            put(")");
        }
        else {
            char name[256];
            unw_word_t off = 0;
            Dl_info info;
            if (unw_get_proc_name(&cursor, name, sizeof name, &off) == 0) {
                put(" in ");
                put(name);
                put(" +");
                put_dec((long) off);
            }
            if (dladdr((void *) (uintptr_t) ip, &info) != 0 && info.dli_fname != NULL) {
                put(" (");
                put(info.dli_fname);
                put(")");
            }
        }
        put("\n");
        if (unw_step(&cursor) <= 0)
            break;
    }
    PyThreadState *ts = PyGILState_GetThisThreadState();
    if (ts != NULL) {
        put("\nPython traceback of this thread, most recent call first:\n");
        _Py_DumpTraceback(2, ts);
    }
    put("\n");
}

static void
handler(int sig, siginfo_t *si, void *ctx)
{
    (void) si;
    int i = 0;
    while (i < (int) NFATAL && fatal_signals[i] != sig)
        i++;
    ucontext_t *uc = ctx;
    uintptr_t pc = uc != NULL ? (uintptr_t) uc->uc_mcontext.gregs[REG_RIP] : 0;
    /* SIGABRT comes from abort() (a libc frame); a helper of ours may be below it. */
    int mine = ours(pc);
    if (!mine && sig == SIGABRT && uc != NULL) {
        unw_cursor_t c;
        if (unw_init_local2(&c, (unw_context_t *) uc, UNW_INIT_SIGNAL_FRAME) == 0)
            for (int d = 0; d < 8 && !mine && unw_step(&c) > 0; d++) {
                unw_word_t ip = 0;
                unw_get_reg(&c, UNW_REG_IP, &ip);
                mine = ours((uintptr_t) ip);
            }
    }
    if (mine)
        report(sig, uc);
    /* Die as before: the previous disposition takes the signal again. */
    if (i < (int) NFATAL)
        sigaction(sig, &previous[i], NULL);
    if (sig == SIGABRT || si == NULL || si->si_code <= 0)
        raise(sig); /* (sent, not raised by a faulting instruction: send it again) */
}

/* dl_iterate_phdr callback: the executable segment of the object loaded at *data. */
static int
find_text(struct dl_phdr_info *info, size_t size, void *data)
{
    (void) size;
    if ((uintptr_t) info->dlpi_addr != *(uintptr_t *) data)
        return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
            module_lo = (uintptr_t) info->dlpi_addr + ph->p_vaddr;
            module_hi = module_lo + ph->p_memsz;
        }
    }
    return 1;
}

void
pj_crash_install(void)
{
    if (installed)
        return;
    installed = 1;
    Dl_info info;
    if (dladdr((void *) &pj_crash_install, &info) != 0 && info.dli_fbase != NULL) {
        uintptr_t base = (uintptr_t) info.dli_fbase;
        dl_iterate_phdr(find_text, &base);
    }
    /* Its own stack, unless the thread has one (faulthandler's, say). */
    stack_t old;
    static char *alt;
    if (sigaltstack(NULL, &old) == 0 && (old.ss_flags & SS_DISABLE) && alt == NULL &&
        (alt = malloc(1 << 16)) != NULL) {
        stack_t ss = { .ss_sp = alt, .ss_size = 1 << 16, .ss_flags = 0 };
        sigaltstack(&ss, NULL);
    }
    for (size_t i = 0; i < NFATAL; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = handler;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        sigaction(fatal_signals[i], &sa, &previous[i]);
    }
}

/* A test-only crash inside a runtime helper (pyjit._pyjit._test_crash). */
void
pj_crash_test(void)
{
    volatile int *volatile p = NULL;
    *p = 1;
}
