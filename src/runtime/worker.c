/* The compile thread: LLVM's half of a compilation, off the interpreter's thread.
 *
 * The front half of a compilation (decode, IR, lowering to an LLVM module) reads the code
 * object and runs with the GIL on the calling thread; it takes about a millisecond.  The
 * back half -- LLVM's passes, code generation and linking, ten to a hundred times longer
 * -- needs no Python and runs here, while the interpreter keeps running the function.
 * Finished jobs are installed on the interpreter's thread (pj_worker_install, called from
 * the hook's slow path), which is the only place code states change.
 *
 * A loop function too big to compile at its first call (hook.c) gets a *deferred* job:
 * its front half waits a few milliseconds, so that the interpreter running that first call
 * quickens and specialises the bytecode (type feedback for the compiler), and is then run
 * on the interpreter's main thread through a pending call (Py_AddPendingCall, serviced at
 * the interpreter's next eval-breaker check), or by pj_worker_wait.  A timer thread of its
 * own posts those pending calls: the compile thread may be inside LLVM for a hundred
 * milliseconds, and a first call that ends meanwhile would be dropped.  Then the job queues
 * like any other -- if that first call is still running (on any thread); otherwise the
 * function ran its loop briefly and is dropped, to count its calls (see run_front).  The
 * queue is not FIFO: see take_next.
 *
 * Locks: `mu` guards the queues and job->st; `busy_mu` is held by this thread while it is
 * inside LLVM, so that fork() waits for it to come out (a child must not inherit LLVM's
 * or the engine's locks held).  The engine itself serialises what must be (engine.h);
 * synchronous compilations on the interpreter's thread run at the same time as this
 * thread's, on their own lane.  After fork() the child starts without the thread
 * (pthread_atfork handlers); queued jobs are dropped and their functions may compile again.
 */
#include "runtime/runtime.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "codegen/engine.h"

typedef struct PjJob {
    PjPending *pending; /* owned until the back half consumes it; NULL: front half due */
    PjCodeState *st;    /* NULL once the code object died */
    unsigned long id;   /* a deferred job's name for its pending call */
    double due;         /* a deferred job: when its front half is due (seconds) */
    int posted;         /* a deferred job: its pending call is queued */
    int samples;        /* a deferred job: times it found its function's frame running
                         * but not on top (run_front) */
    int on_top;         /* ... and on top */
    int unsure;         /* ... and just below a callee starting (run_front) */
    int urgent;         /* taken first, newest first: 2 the optimised code of a function running
                         * baseline code, 1 its frame is among the innermost ones, 0 neither */
    double cost;        /* its expected LLVM time (seconds) */
    atomic_long hits;   /* calls of its function while it waits (the hook, GIL held) */
    PjCompiled out;
    PjAbort why;
    int rc;
    struct PjJob *next;
} PjJob;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv;  /* initialised by start_locked, once per process */
static pthread_cond_t tcv; /* the timer thread's; likewise */
static pid_t cv_pid;
static pthread_mutex_t busy_mu = PTHREAD_MUTEX_INITIALIZER;
static PjJob *deferred_head; /* jobs waiting for their front half, oldest first */
static unsigned long next_job_id;
static int posting_allowed = 1; /* cleared at exit: no pending calls into a dying runtime */
static int stopping;            /* at exit: the thread takes no more jobs */
static int exit_registered;
static PjJob *queue_head, *queue_tail, *done_head;
static int worker_running; /* the compile thread */
static int timer_running;  /* the timer thread (started with it): deferring needs it */
static pid_t worker_pid;
static int atfork_registered;
atomic_int pj_worker_done; /* finished jobs not installed yet: the hook's cheap test */
static long in_flight;     /* submitted, not installed (GIL) */

static double
mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

static int front_pending_call(void *arg);

/* A pending call (main thread, GIL held): installs finished jobs.  Never fails. */
static int
install_pending_call(void *arg)
{
    (void) arg;
    if (pj_jit.initialized && atomic_load(&pj_worker_done))
        pj_worker_install();
    return 0;
}

/* Posts the pending calls of deferred jobs that are due (mu held); returns the time the
 * next one is due, or 0. */
static double
post_due_fronts(void)
{
    double t = mono_now(), next = 0;
    for (PjJob *j = deferred_head; j != NULL; j = j->next) {
        if (j->posted)
            continue;
        if (j->due > t) {
            if (next == 0 || j->due < next)
                next = j->due;
            continue;
        }
        if (!posting_allowed)
            continue;
        /* Py_AddPendingCall needs no GIL; -1 when CPython's queue is full: retry soon. */
        if (Py_AddPendingCall(front_pending_call, (void *) (uintptr_t) j->id) == 0) {
            j->posted = 1;
            /* CPython 3.11 computes the eval breaker for the *calling* thread, which cannot
             * serve pending calls, and so leaves it clear: raise it for the main thread
             * (harmless if spurious: the interpreter recomputes it). */
            _Py_atomic_store_relaxed(&PyInterpreterState_Main()->ceval.eval_breaker, 1);
        }
        else if (next == 0 || t + 0.002 < next)
            next = t + 0.002;
    }
    return next;
}

/* LLVM's time for a module, about linear in its size (docs/architecture.md, section 5). */
#define PJ_LLVM_S_PER_INSTR 20e-6
#define PJ_LLVM_S_PER_FUNCTION 2e-3

/* Unlinks the next job to compile (mu held, queue not empty): the most urgent one (the
 * newest among equals: urgent jobs are queued at the head), else the one
 * whose function was called most while waiting per second of expected LLVM time, oldest
 * first among equals.  (Programs start with bursts of import and set-up code that reaches
 * the call threshold and is never called again; hot code submitted after it must not wait
 * behind it.) */
static PjJob *
take_next(void)
{
    PjJob **best = &queue_head, *prev = NULL, *best_prev = NULL;
    double best_rate = -1;
    for (PjJob **pp = &queue_head; *pp != NULL; prev = *pp, pp = &(*pp)->next) {
        PjJob *j = *pp, *b = *best;
        double rate = (double) (atomic_load_explicit(&j->hits, memory_order_relaxed) + 1) / j->cost;
        if (j->urgent != b->urgent ? j->urgent > b->urgent : (!b->urgent && rate > best_rate)) {
            best = pp;
            best_prev = prev;
        }
        if (best == pp)
            best_rate = rate;
    }
    PjJob *job = *best;
    *best = job->next;
    if (queue_tail == job)
        queue_tail = best_prev;
    job->next = NULL;
    return job;
}

static void *
worker_main(void *arg)
{
    (void) arg;
    pthread_mutex_lock(&mu);
    for (;;) {
        while (queue_head == NULL || stopping)
            pthread_cond_wait(&cv, &mu);
        PjJob *job = take_next();
        pthread_mutex_lock(&busy_mu); /* under mu: see pj_worker_shutdown */
        pthread_mutex_unlock(&mu);

        job->rc =
            pj_compile_back(pj_jit.engine, PJ_LANE_WORKER, job->pending, &job->out, &job->why);
        pthread_mutex_unlock(&busy_mu);
        job->pending = NULL;

        pthread_mutex_lock(&mu);
        job->next = done_head;
        done_head = job;
        atomic_fetch_add(&pj_worker_done, 1);
        /* Installed by the hook's next slow path, or sooner by a pending call: a running
         * program may call only compiled functions (the hook's fast path) for a long time. */
        if (posting_allowed && Py_AddPendingCall(install_pending_call, NULL) == 0)
            _Py_atomic_store_relaxed(&PyInterpreterState_Main()->ceval.eval_breaker, 1);
    }
    return NULL;
}

/* The timer thread: posts the pending calls of deferred jobs as they come due. */
static void *
timer_main(void *arg)
{
    (void) arg;
    pthread_mutex_lock(&mu);
    for (;;) {
        double next = stopping ? 0 : post_due_fronts();
        if (next == 0) {
            pthread_cond_wait(&tcv, &mu);
            continue;
        }
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        double wait = next - mono_now();
        if (wait < 0)
            wait = 0;
        long ns = ts.tv_nsec + (long) (wait * 1e9);
        ts.tv_sec += ns / 1000000000L;
        ts.tv_nsec = ns % 1000000000L;
        pthread_cond_timedwait(&tcv, &mu, &ts);
    }
    return NULL;
}

/* Lock order: mu, then busy_mu (the thread takes busy_mu with mu held and keeps it,
 * alone, while it compiles). */
static void
atfork_prepare(void)
{
    pthread_mutex_lock(&mu);
    pthread_mutex_lock(&busy_mu);
}

static void
atfork_parent(void)
{
    pthread_mutex_unlock(&busy_mu);
    pthread_mutex_unlock(&mu);
}

static void
atfork_child(void)
{
    /* Only this thread survives: forget the worker and the jobs it would have run. */
    pthread_mutex_init(&mu, NULL);
    pthread_mutex_init(&busy_mu, NULL);
    cv_pid = 0; /* start_locked initialises the condition again */
    for (PjJob *j = queue_head; j != NULL;) {
        PjJob *next = j->next;
        if (j->st != NULL) {
            j->st->compiling = 0;
            j->st->job = NULL;
            if (j->st->tier_up_job) /* the hook counts calls again */
                pj_state_tier_up_drop(j->st);
        }
        pj_compile_discard(j->pending);
        free(j);
        j = next;
    }
    for (PjJob *j = deferred_head; j != NULL;) {
        PjJob *next = j->next;
        if (j->st != NULL) {
            j->st->compiling = 0;
            j->st->job = NULL;
            j->st->front_due = 0;
            if (j->st->entry != NULL) /* a deferred tier-up: the hook counts calls again */
                pj_state_tier_up_drop(j->st);
        }
        free(j);
        j = next;
    }
    deferred_head = NULL;
    queue_head = queue_tail = NULL;
    worker_running = 0;
    timer_running = 0;
    in_flight = 0;
}

/* Starts the thread if it is not running in this process (mu held).  0 or -1. */
static int
start_locked(void)
{
    if (!atfork_registered) {
        pthread_atfork(atfork_prepare, atfork_parent, atfork_child);
        atfork_registered = 1;
    }
    if (stopping)
        return -1;
    if (worker_running && worker_pid == getpid())
        return 0;
    if (!exit_registered) { /* before LLVM's own exit-time destructors run */
        atexit(pj_worker_shutdown);
        exit_registered = 1;
    }
    pthread_t t;
    pthread_attr_t attr;
    if (cv_pid != getpid()) { /* timed waits measure the monotonic clock */
        pthread_condattr_t ca;
        pthread_condattr_init(&ca);
        pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
        pthread_cond_init(&cv, &ca);
        pthread_cond_init(&tcv, &ca);
        pthread_condattr_destroy(&ca);
        cv_pid = getpid();
    }
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 8 << 20); /* LLVM recurses */
    /* The threads start with every asynchronous signal blocked.  On Linux, CPython's
     * handler sets the eval breaker only when it runs on the main thread; one delivered
     * to these threads (which never take the GIL) went unnoticed: a SIGINT sent while a
     * compiled loop ran could be lost until something else broke in. */
    sigset_t blocked, old;
    sigfillset(&blocked);
    static const int synchronous[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS };
    for (size_t i = 0; i < sizeof synchronous / sizeof synchronous[0]; i++)
        sigdelset(&blocked, synchronous[i]);
    pthread_sigmask(SIG_BLOCK, &blocked, &old);
    int err = pthread_create(&t, &attr, worker_main, NULL);
    if (err == 0) {
        pthread_attr_setstacksize(&attr, 64 << 10);
        timer_running = pthread_create(&t, &attr, timer_main, NULL) == 0;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (err != 0)
        return -1;
    worker_running = 1;
    worker_pid = getpid();
    return 0;
}

/* Queues the back half of a compilation.  0, or -1 when no thread can be started (the
 * caller then compiles synchronously; `p` is not consumed). */
int
pj_worker_submit(PjCodeState *st, PjPending *p, const PjCompiled *front, int urgent)
{
    PjJob *job = calloc(1, sizeof(PjJob));
    if (job == NULL)
        return -1;
    job->pending = p;
    job->st = st;
    job->out = *front;
    job->urgent = urgent;
    job->cost = PJ_LLVM_S_PER_FUNCTION + PJ_LLVM_S_PER_INSTR * (double) front->llvm_instrs;
    pthread_mutex_lock(&mu);
    if (start_locked() < 0) {
        pthread_mutex_unlock(&mu);
        free(job);
        return -1;
    }
    if (urgent) {
        job->next = queue_head;
        queue_head = job;
        if (queue_tail == NULL)
            queue_tail = job;
    }
    else {
        if (queue_tail)
            queue_tail->next = job;
        else
            queue_head = job;
        queue_tail = job;
    }
    st->job = job;
    st->compiling = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    pj_jit.background_compiles++;
    in_flight++;
    return 0;
}

/* The function of st was called while its job waits in the queue (GIL held). */
void
pj_worker_hit(PjCodeState *st)
{
    PjJob *job = st->job; /* freed only by pj_worker_install, under the GIL */
    if (job != NULL)
        atomic_fetch_add_explicit(&job->hits, 1, memory_order_relaxed);
}

/* The code object of `st` is dying: its job, if any, must not touch it. */
void
pj_worker_forget(PjCodeState *st)
{
    pthread_mutex_lock(&mu);
    if (st->job != NULL)
        ((PjJob *) st->job)->st = NULL;
    st->job = NULL;
    pthread_mutex_unlock(&mu);
}

/* Installs finished jobs (GIL held). */
void
pj_worker_install(void)
{
    pthread_mutex_lock(&mu);
    PjJob *done = done_head;
    done_head = NULL;
    atomic_store(&pj_worker_done, 0);
    /* Detach each job from its state under the lock, so pj_worker_forget cannot race. */
    for (PjJob *j = done; j != NULL; j = j->next)
        if (j->st != NULL)
            j->st->job = NULL;
    pthread_mutex_unlock(&mu);

    while (done != NULL) {
        PjJob *j = done;
        done = j->next;
        in_flight--;
        if (j->st == NULL) { /* its code object died meanwhile */
            if (j->rc == 0) {
                pj_engine_remove(pj_jit.engine, j->out.handle);
            }
        }
        else {
            j->out.background = 1;
            pj_state_finish(j->st, j->rc, &j->out, j->why);
        }
        free(j);
    }
}

/* Defers the compilation of st's code (GIL held): its front half runs in about `delay`
 * seconds on the main thread.  0, or -1 (no thread, no memory: nothing changed). */
int
pj_worker_defer(PjCodeState *st, double delay)
{
    PjJob *job = calloc(1, sizeof(PjJob));
    if (job == NULL)
        return -1;
    job->st = st;
    job->due = mono_now() + delay;
    pthread_mutex_lock(&mu);
    if (start_locked() < 0 || !timer_running) {
        pthread_mutex_unlock(&mu);
        free(job);
        return -1;
    }
    job->id = ++next_job_id;
    PjJob **tail = &deferred_head;
    while (*tail != NULL)
        tail = &(*tail)->next;
    *tail = job;
    st->job = job;
    st->compiling = 1;
    st->front_due = 1;
    pthread_cond_signal(&tcv);
    pthread_mutex_unlock(&mu);
    return 0;
}

/* How many times a deferred job may find its function's frame running but not on top
 * (looking PJ_FEEDBACK_DELAY apart, then twice that...) before giving up on it. */
#define PJ_FRONT_SAMPLES 3
#define PJ_FRONT_UNSURE 4

/* Puts a deferred job back on the deferred list, due in `delay` seconds (GIL held). */
static void
redefer(PjJob *job, double delay)
{
    pthread_mutex_lock(&mu);
    job->due = mono_now() + delay;
    job->posted = 0;
    job->next = deferred_head;
    deferred_head = job;
    pthread_cond_signal(&tcv);
    pthread_mutex_unlock(&mu);
}

/* Runs the front half of a deferred job taken off the deferred list (GIL held), and
 * queues its back half -- or applies the failure.  `timer`: its delay is over (not
 * pj_worker_wait, which compiles everything queued).  The same for a deferred tier-up
 * (its function runs baseline code: pj_state_tier_up). */
static void
run_front(PjJob *job, int timer)
{
    PjCodeState *st = job->st;
    if (st == NULL) { /* its code object died */
        free(job);
        return;
    }
    /* Is its call still running, on any thread, and is it where the time goes?  A call
     * that is over ran its loop briefly -- import machinery, set-up code -- and is not
     * compiled now: the function counts its calls from now on (to a tenth of the
     * threshold, hook.c), so the compile thread's time goes to code that runs.  A call
     * still running whose frame is not the innermost one of its thread spends this
     * moment in a callee: the job looks again a little later, a few times, and the
     * function is compiled as soon as its own frame is seen on top -- a `main` or `run`
     * whose loop only calls the functions that do the work never is, and does not keep
     * the compile thread from them.  Generator functions are not dropped: a suspended
     * generator's frame is on no stack and its resumes count as no call, so one created
     * once and resumed a million times would never compile. */
    PyThreadState *ts = PyThreadState_Get();
    _PyInterpreterFrame *running = NULL;
    int on_top = 0, unsure = 0;
    for (PyThreadState *t = PyInterpreterState_ThreadHead(ts->interp); t != NULL && !running;
         t = PyThreadState_Next(t)) {
        _PyInterpreterFrame *cur = t->cframe ? t->cframe->current_frame : NULL;
        for (_PyInterpreterFrame *f = cur; f != NULL; f = f->previous)
            if (f->f_code == st->code) {
                running = f;
                on_top = f == cur;
                /* Pending calls run at eval-breaker checks, and a function's entry
                 * (RESUME) has one: a callee that has just started there ran nothing yet,
                 * and the time before went to this frame, to a callee that returned, or
                 * to compiling the callee on this thread -- no telling.  (A loop calling
                 * a small function each iteration is mostly seen so.) */
                unsure =
                    t == ts && f == cur->previous &&
                    cur->prev_instr <= _PyCode_CODE(cur->f_code) + cur->f_code->_co_firsttraceable;
                break;
            }
    }
    int generator = (st->code->co_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) != 0;
    /* A first compile needs its function seen on top twice (the check at a callee's
     * RESUME can follow time spent elsewhere: in a callee that returned, or compiling one
     * on this thread); a tier-up once (baseline code runs an unboxed loop). */
    if (unsure && ++job->unsure > PJ_FRONT_UNSURE) /* then give it the benefit of doubt */
        on_top = 1;
    else if (unsure && timer) {
        redefer(job, 0.001);
        return;
    }
    if (on_top)
        job->on_top++;
    else
        job->samples++;
    int wanted = st->entry != NULL ? 1 : 2;
    if (timer && running != NULL && !generator && job->on_top < wanted &&
        job->samples <= PJ_FRONT_SAMPLES) {
        redefer(job, PJ_FEEDBACK_DELAY * (double) (1 << (job->samples + job->on_top - 1)));
        return;
    }
    on_top = job->on_top >= wanted;
    st->front_due = 0;
    st->compiling = 0; /* pj_state_compile_mode sets it again */
    st->job = NULL;
    free(job);
    int drop = timer && !generator && (running == NULL || !on_top);
    if (st->entry != NULL) { /* baseline code waiting for its optimised compile */
        if (drop) {
            pj_jit.deferred_dropped++;
            pj_state_tier_up_drop(st);
        }
        else {
            pj_state_tier_up(st, running, running != NULL && on_top);
        }
        return;
    }
    if (drop) {
        pj_jit.deferred_dropped++;
        return;
    }
    /* On top of its thread's stack (or pj_worker_wait): where the time goes now; it goes
     * first, with its frame's types as the seed. */
    int urgent = running != NULL && on_top;
    pj_state_compile_frame(st->code, st, urgent ? PJ_COMPILE_ASYNC_URGENT : PJ_COMPILE_ASYNC,
                           urgent ? running : NULL);
}

/* Unlinks the deferred job with this id, or (id 0) the first one; NULL if none. mu held. */
static PjJob *
take_deferred(unsigned long id)
{
    for (PjJob **pp = &deferred_head; *pp != NULL; pp = &(*pp)->next) {
        if (id == 0 || (*pp)->id == id) {
            PjJob *j = *pp;
            *pp = j->next;
            j->next = NULL;
            return j;
        }
    }
    return NULL;
}

/* The pending call: the interpreter's main thread, GIL held.  Never fails. */
static int
front_pending_call(void *arg)
{
    if (!pj_jit.initialized)
        return 0;
    pthread_mutex_lock(&mu);
    PjJob *job = take_deferred((unsigned long) (uintptr_t) arg);
    pthread_mutex_unlock(&mu);
    if (job != NULL)
        run_front(job, 1);
    return 0;
}

/* At exit (Python's atexit, then C's; idempotent, no Python): no more pending calls, no
 * more jobs, and the job being compiled, if any, finished -- the process must not tear
 * down LLVM (its exit-time destructors) while this thread is inside it.  Later
 * compilations run on the caller's thread. */
void
pj_worker_shutdown(void)
{
    pthread_mutex_lock(&mu);
    posting_allowed = 0;
    stopping = 1;
    pthread_mutex_unlock(&mu);
    pthread_mutex_lock(&busy_mu);
    pthread_mutex_unlock(&busy_mu);
}

/* Waits (GIL released) until every queued compilation is installed; deferred front halves
 * run now. */
void
pj_worker_wait(void)
{
    for (;;) {
        pthread_mutex_lock(&mu);
        PjJob *job = take_deferred(0);
        pthread_mutex_unlock(&mu);
        if (job == NULL)
            break;
        run_front(job, 0);
    }
    while (in_flight > 0 && !stopping) {
        if (atomic_load(&pj_worker_done)) {
            pj_worker_install();
            continue;
        }
        Py_BEGIN_ALLOW_THREADS usleep(500);
        Py_END_ALLOW_THREADS
    }
}
