/* Naming compiled code for perf (PYJIT_PERF_MAP).
 *
 *   1        /tmp/perf-<pid>.map: a "start size name" line (hex) per compiled function,
 *            which `perf report` reads for anonymous executable memory.
 *   jitdump  ./jit-<pid>.dump (or $PYJIT_JITDUMP_DIR): the jitdump format of perf's
 *            tools/perf/Documentation/jitdump-specification.txt -- a header, then a
 *            JIT_CODE_LOAD record (name and a copy of the machine code) per function.  The
 *            file is mapped executable once so that `perf record -k 1` sees it, and
 *            `perf inject --jit` turns it into one ELF object per function, for
 *            `perf annotate` as well as `perf report`.  Timestamps are CLOCK_MONOTONIC,
 *            the clock `-k 1` selects.
 *
 * Names are "py::qualname:file:line".  Called with the GIL held. */
#include "runtime/runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { PERF_OFF, PERF_MAP, PERF_JITDUMP };

#define JITDUMP_MAGIC 0x4A695444u /* "JiTD" */
#define JITDUMP_VERSION 1
#define JIT_CODE_LOAD 0
#define EM_X86_64_ 62

static int mode = -1;
static FILE *out;
static uint64_t code_index;

static uint64_t
timestamp(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static void
open_jitdump(void)
{
    const char *dir = getenv("PYJIT_JITDUMP_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/jit-%ld.dump", dir && *dir ? dir : ".", (long) getpid());
    out = fopen(path, "w+");
    if (out == NULL)
        return;
    struct {
        uint32_t magic, version, total_size, elf_mach, pad1, pid;
        uint64_t timestamp, flags;
    } h = { JITDUMP_MAGIC,       JITDUMP_VERSION, sizeof h, EM_X86_64_, 0,
            (uint32_t) getpid(), timestamp(),     0 };
    fwrite(&h, sizeof h, 1, out);
    fflush(out);
    /* The marker perf record looks for: an executable mapping of the file. */
    void *m = mmap(NULL, (size_t) sysconf(_SC_PAGESIZE), PROT_READ | PROT_EXEC, MAP_PRIVATE,
                   fileno(out), 0);
    if (m == MAP_FAILED) {
        fclose(out);
        out = NULL;
    }
}

void
pj_perf_add(PyCodeObject *co, const void *code, size_t size)
{
    if (mode < 0) {
        const char *v = getenv("PYJIT_PERF_MAP");
        mode = v == NULL                   ? PERF_OFF
               : strcmp(v, "1") == 0       ? PERF_MAP
               : strcmp(v, "jitdump") == 0 ? PERF_JITDUMP
                                           : PERF_OFF;
        if (mode == PERF_MAP) {
            char path[64];
            snprintf(path, sizeof path, "/tmp/perf-%ld.map", (long) getpid());
            out = fopen(path, "a");
        }
        else if (mode == PERF_JITDUMP) {
            open_jitdump();
        }
    }
    if (out == NULL || code == NULL)
        return;
    const char *q = PyUnicode_AsUTF8(co->co_qualname), *f = PyUnicode_AsUTF8(co->co_filename);
    if (q == NULL || f == NULL) {
        PyErr_Clear();
        return;
    }
    if (size == 0)
        size = 1;
    if (mode == PERF_MAP) {
        fprintf(out, "%lx %zx py::%s:%s:%d\n", (unsigned long) (uintptr_t) code, size, q, f,
                co->co_firstlineno);
        fflush(out);
        return;
    }
    char name[1024];
    int n = snprintf(name, sizeof name, "py::%s:%s:%d", q, f, co->co_firstlineno);
    size_t name_len = (size_t) (n < 0 ? 0 : n >= (int) sizeof name ? (int) sizeof name - 1 : n) + 1;
    struct {
        uint32_t id, total_size;
        uint64_t timestamp;
        uint32_t pid, tid;
        uint64_t vma, code_addr, code_size, code_index;
    } r = { JIT_CODE_LOAD,
            0,
            timestamp(),
            (uint32_t) getpid(),
            (uint32_t) syscall(SYS_gettid),
            (uint64_t) (uintptr_t) code,
            (uint64_t) (uintptr_t) code,
            (uint64_t) size,
            code_index++ };
    r.total_size = (uint32_t) (sizeof r + name_len + size);
    fwrite(&r, sizeof r, 1, out);
    fwrite(name, name_len, 1, out);
    fwrite(code, size, 1, out);
    fflush(out);
}
