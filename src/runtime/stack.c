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
 * by a few instructions of inline assembly (x86-64).  The checks are cheap and rare: the hook and
 * compiled code's direct calls look at the stack pointer only at every 32nd level of Python
 * recursion (recursion_remaining % 32 == 0), and a direct call that finds the stack low takes the
 * generic call path, which reaches the hook.  The recursion limit still applies as on
 * stock: only the C stack grows.
 */
#include "runtime/runtime.h"

#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>

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
#ifdef PJ_ASAN
    void *fake;
    const void *back_bottom;
    size_t back_size;
#endif
} Switch;

/* Runs on the new segment. */
static void
trampoline(Switch *s)
{
#ifdef PJ_ASAN
    __sanitizer_finish_switch_fiber(NULL, &s->back_bottom, &s->back_size);
#endif
    s->result = s->fn(s->ts, s->frame, s->throwflag);
#ifdef PJ_ASAN
    __sanitizer_start_switch_fiber(NULL, s->back_bottom, s->back_size);
#endif
}

/* Calls trampoline(s) with the stack pointer at `top` (16-byte aligned), and back.  The
 * old stack pointer waits in rbx (callee-saved: trampoline keeps it); every other
 * register the System V ABI lets a call clobber is declared clobbered.  (Not
 * swapcontext: no signal-mask system calls, and ASan supports this with the fiber
 * annotations, where it warns on swapcontext.) */
static __attribute__((noinline)) void
call_on(void *top, Switch *s)
{
#if defined(__x86_64__)
    __asm__ volatile("movq %%rsp, %%rbx\n\t"
                     "movq %0, %%rsp\n\t"
                     "movq %1, %%rdi\n\t"
                     "call *%2\n\t"
                     "movq %%rbx, %%rsp\n\t"
                     :
                     : "r"(top), "r"(s), "r"(trampoline)
                     : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "xmm0",
                       "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",
                       "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "memory", "cc");
#else
    (void) top;
    trampoline(s); /* other machines: on the same stack, as before */
#endif
}

PyObject *
pj_stack_call(PjStackFn fn, PyThreadState *ts, _PyInterpreterFrame *frame, int throwflag)
{
    void *seg = mmap(NULL, PJ_SEGMENT, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (seg == MAP_FAILED)
        return fn(ts, frame, throwflag); /* no memory: on the old stack, as before */
    Switch s = { .fn = fn, .ts = ts, .frame = frame, .throwflag = throwflag };
    uintptr_t floor = stack_floor;
    stack_floor = (uintptr_t) seg + PJ_RESERVE;
    pj_jit.stack_switches++;
#ifdef PJ_ASAN
    __sanitizer_start_switch_fiber(&s.fake, seg, PJ_SEGMENT);
#endif
    call_on((char *) seg + PJ_SEGMENT - 64, &s);
#ifdef PJ_ASAN
    __sanitizer_finish_switch_fiber(s.fake, NULL, NULL);
#endif
    stack_floor = floor;
    munmap(seg, PJ_SEGMENT);
    return s.result;
}
