/* The compile thread: LLVM's half of a compilation, off the interpreter's thread.
 *
 * The front half of a compilation (decode, IR, lowering to an LLVM module) reads the code
 * object and runs with the GIL on the calling thread; it takes about a millisecond.  The
 * back half -- LLVM's passes, code generation and linking, ten to a hundred times longer
 * -- needs no Python and runs here, while the interpreter keeps running the function.
 * Finished jobs are installed on the interpreter's thread (pj_worker_install, called from
 * the hook's slow path), which is the only place code states change.
 *
 * Locks: `mu` guards the queues and job->st; `engine_mu` serialises every use of the
 * engine (this thread's jobs, synchronous compilations, freeing code).  Neither is held
 * while waiting for the other's owner.  After fork() the child starts without the thread
 * (pthread_atfork handlers); queued jobs are dropped and their functions may compile again.
 */
#include "runtime/runtime.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "codegen/engine.h"

typedef struct PjJob {
    PjPending *pending; /* owned until the back half consumes it */
    PjCodeState *st;    /* NULL once the code object died */
    PjCompiled out;
    PjAbort why;
    int rc;
    struct PjJob *next;
} PjJob;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t engine_mu = PTHREAD_MUTEX_INITIALIZER;
static PjJob *queue_head, *queue_tail, *done_head;
static int worker_running;
static pid_t worker_pid;
static int atfork_registered;
atomic_int pj_worker_done; /* finished jobs not installed yet: the hook's cheap test */
static long in_flight;     /* submitted, not installed (GIL) */

void
pj_engine_lock(void)
{
    pthread_mutex_lock(&engine_mu);
}

void
pj_engine_unlock(void)
{
    pthread_mutex_unlock(&engine_mu);
}

static void *
worker_main(void *arg)
{
    (void) arg;
    pthread_mutex_lock(&mu);
    for (;;) {
        while (queue_head == NULL)
            pthread_cond_wait(&cv, &mu);
        PjJob *job = queue_head;
        queue_head = job->next;
        if (queue_head == NULL)
            queue_tail = NULL;
        pthread_mutex_unlock(&mu);

        pj_engine_lock();
        job->rc = pj_compile_back(pj_jit.engine, job->pending, &job->out, &job->why);
        pj_engine_unlock();
        job->pending = NULL;

        pthread_mutex_lock(&mu);
        job->next = done_head;
        done_head = job;
        atomic_fetch_add(&pj_worker_done, 1);
    }
    return NULL;
}

static void
atfork_prepare(void)
{
    pthread_mutex_lock(&engine_mu);
    pthread_mutex_lock(&mu);
}

static void
atfork_parent(void)
{
    pthread_mutex_unlock(&mu);
    pthread_mutex_unlock(&engine_mu);
}

static void
atfork_child(void)
{
    /* Only this thread survives: forget the worker and the jobs it would have run. */
    pthread_mutex_init(&mu, NULL);
    pthread_mutex_init(&engine_mu, NULL);
    pthread_cond_init(&cv, NULL);
    for (PjJob *j = queue_head; j != NULL;) {
        PjJob *next = j->next;
        if (j->st != NULL) {
            j->st->compiling = 0;
            j->st->job = NULL;
        }
        pj_compile_discard(j->pending);
        free(j);
        j = next;
    }
    queue_head = queue_tail = NULL;
    worker_running = 0;
    in_flight = 0;
}

/* Queues the back half of a compilation.  0, or -1 when no thread can be started (the
 * caller then compiles synchronously; `p` is not consumed). */
int
pj_worker_submit(PjCodeState *st, PjPending *p, const PjCompiled *front)
{
    PjJob *job = calloc(1, sizeof(PjJob));
    if (job == NULL)
        return -1;
    job->pending = p;
    job->st = st;
    job->out = *front;
    pthread_mutex_lock(&mu);
    if (!atfork_registered) {
        pthread_atfork(atfork_prepare, atfork_parent, atfork_child);
        atfork_registered = 1;
    }
    if (!worker_running || worker_pid != getpid()) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        pthread_attr_setstacksize(&attr, 8 << 20); /* LLVM recurses */
        int err = pthread_create(&t, &attr, worker_main, NULL);
        pthread_attr_destroy(&attr);
        if (err != 0) {
            pthread_mutex_unlock(&mu);
            free(job);
            return -1;
        }
        worker_running = 1;
        worker_pid = getpid();
    }
    if (queue_tail)
        queue_tail->next = job;
    else
        queue_head = job;
    queue_tail = job;
    st->job = job;
    st->compiling = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    pj_jit.background_compiles++;
    in_flight++;
    return 0;
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
                pj_engine_lock();
                pj_engine_remove(pj_jit.engine, j->out.handle);
                pj_engine_unlock();
            }
        }
        else {
            pj_state_finish(j->st, j->rc, &j->out, j->why);
        }
        free(j);
    }
}

/* Waits (GIL released) until every queued compilation is installed. */
void
pj_worker_wait(void)
{
    while (in_flight > 0) {
        if (atomic_load(&pj_worker_done)) {
            pj_worker_install();
            continue;
        }
        Py_BEGIN_ALLOW_THREADS usleep(500);
        Py_END_ALLOW_THREADS
    }
}
