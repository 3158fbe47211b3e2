/* Deep recursion on a C stack of its own.
 *
 * CPython 3.11 runs Python-to-Python calls without C recursion -- but only while no PEP 523
 * hook is installed: with pyjit's, every call of a Python function is a C call (the hook,
 * then compiled code or _PyEval_EvalFrameDefault), and compiled code calls compiled code
 * directly.  A program that raises the recursion limit and recurses 100,000 deep ran on
 * stock and overflowed the 8 MB C stack under pyjit (SIGSEGV).
 *
 * So when a thread's C stack is nearly used up, the next Python frame is evaluated on a
 * new stack segment (mmap'd, PJ_SEGMENT bytes, freed when that frame returns), switched to
 * with swapcontext.  The checks are cheap and rare: the hook and compiled code's direct
 * calls look at the stack pointer only at every 32nd level of Python recursion
 * (recursion_remaining % 32 == 0), and a direct call that finds the stack low takes the
 * generic call path, which reaches the hook.  The recursion limit still applies as on
 * stock: only the C stack grows.
 */
#include "runtime/runtime.h"

#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include <ucontext.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define PJ_ASAN 1
#endif

#define PJ_SEGMENT (64u << 20) /* bytes of a new segment (reserved, touched as used) */
#define PJ_RESERVE                                                                                 \
    (1u << 20) /* below this much left, switch: C code between two checks                          \
                * (32 levels of frames, C calls between them) stays above */

/* The lowest address this thread's code may push to before switching (0: unknown yet). */
static __thread uintptr_t stack_floor;

static uintptr_t
thread_stack_floor(void)
{
    pthread_attr_t a;
    void *addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
        pthread_attr_getstack(&a, &addr, &size);
        pthread_attr_destroy(&a);
    }
    if (addr == NULL || size <= 2 * PJ_RESERVE)
        return 1; /* unknown: never switch */
    return (uintptr_t) addr + PJ_RESERVE;
}

int
pj_rt_stack_low(void)
{
    char here;
    if (stack_floor == 0)
        stack_floor = thread_stack_floor();
    return (uintptr_t) &here < stack_floor;
}

typedef struct Switch {
    PjStackFn fn;
    PyThreadState *ts;
    _PyInterpreterFrame *frame;
    int throwflag;
    PyObject *result;
    ucontext_t back;
#ifdef PJ_ASAN
    void *fake;
    const void *back_bottom;
    size_t back_size;
#endif
} Switch;

static __thread Switch *starting;

static void
trampoline(void)
{
    Switch *s = starting;
#ifdef PJ_ASAN
    __sanitizer_finish_switch_fiber(NULL, &s->back_bottom, &s->back_size);
#endif
    s->result = s->fn(s->ts, s->frame, s->throwflag);
#ifdef PJ_ASAN
    __sanitizer_start_switch_fiber(NULL, s->back_bottom, s->back_size);
#endif
    /* returns to s->back (uc_link) */
}

PyObject *
pj_stack_call(PjStackFn fn, PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag)
{
    void *seg = mmap(NULL, PJ_SEGMENT, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    ucontext_t uc;
    if (seg == MAP_FAILED || getcontext(&uc) < 0) {
        if (seg != MAP_FAILED)
            munmap(seg, PJ_SEGMENT);
        return fn(ts, frame, throwflag); /* no memory: on the old stack, as before */
    }
    Switch s = { .fn = fn, .ts = ts, .frame = frame, .throwflag = throwflag };
    uc.uc_stack.ss_sp = seg;
    uc.uc_stack.ss_size = PJ_SEGMENT;
    uc.uc_link = &s.back;
    makecontext(&uc, trampoline, 0);
    uintptr_t floor = stack_floor;
    stack_floor = (uintptr_t) seg + PJ_RESERVE;
    starting = &s;
    pj_jit.stack_switches++;
#ifdef PJ_ASAN
    __sanitizer_start_switch_fiber(&s.fake, seg, PJ_SEGMENT);
#endif
    swapcontext(&s.back, &uc);
#ifdef PJ_ASAN
    __sanitizer_finish_switch_fiber(s.fake, NULL, NULL);
#endif
    stack_floor = floor;
    munmap(seg, PJ_SEGMENT);
    return s.result;
}
