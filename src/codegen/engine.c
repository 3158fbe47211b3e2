/* The engine (see engine.h): pass pipeline, ORC LLJIT, symbols, resource trackers.
 *
 * Ownership at the LLVM C API boundary (each transfer is marked at its call):
 *   LLVMOrcCreateLLJIT consumes the builder, even on failure;
 *   LLVMOrcLLJITBuilderSetJITTargetMachineBuilder consumes the JTMB, and
 *   LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine consumes the target machine;
 *   LLVMOrcAbsoluteSymbols takes the interned names, LLVMOrcJITDylibDefine the unit;
 *   LLVMOrcLLJITAddLLVMIRModuleWithRT takes the thread-safe module, even on failure.
 */
#include "codegen/engine.h"

#include <llvm-c/BitWriter.h>
#include <llvm-c/Disassembler.h>
#include <llvm-c/Error.h>
#include <llvm-c/LLJIT.h>
#include <llvm-c/LLJITUtils.h>
#include <llvm-c/Object.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

struct PjEngine {
    LLVMOrcLLJITRef jit;
    LLVMOrcJITDylibRef jd;
    /* Per lane, one target machine per tier, for the IR pipeline's cost models and for
     * emitting object code: [PJ_TIER_BASELINE] generates code fast (FastISel, no
     * optimisation), [PJ_TIER_OPTIMIZED] generates good code. */
    LLVMTargetMachineRef tm[PJ_NLANES][2];
    int opt_level;
    /* Under `mu`: linking (ORC), removal, and what they report. */
    pthread_mutex_t mu;
    LLVMContextRef obj_ctx;  /* for reading linked objects' sections */
    unsigned long serial;    /* unique symbol names */
    size_t last_object_code; /* set by the object transform during a lookup */
    char last_error[512];
    const PjSymbol *syms; /* the runtime's symbols, for the disassembler's names */
    size_t nsyms;
    /* The code cache (pj_engine_set_cache): its folder (NULL: off), the hash of what
     * every key shares (versions, host CPU), and the keys linked in this process (a
     * symbol can be defined once). */
    char *cache_dir;
    uint64_t cache_base;
    uint64_t *linked;
    size_t nlinked, cap_linked;
    PjCacheStats cache;
};

#define PJ_PATH_MAX 4096

static int key_linked(PjEngine *e, uint64_t key, int add);
static void cache_store(PjEngine *e, uint64_t key, const char *obj, size_t size);

struct PjCodeHandle {
    LLVMOrcResourceTrackerRef rt;
};

static void
take_error(PjEngine *e, LLVMErrorRef err, PjAbort *why)
{
    char *msg = LLVMGetErrorMessage(err); /* consumes err */
    snprintf(e->last_error, sizeof e->last_error, "%s", msg);
    LLVMDisposeErrorMessage(msg);
    if (why != NULL) {
        why->kind = PJ_ABORT_LLVM_ERROR;
        why->detail = 0;
    }
}

const char *
pj_engine_last_error(const PjEngine *e)
{
    return e->last_error;
}

static LLVMCodeGenOptLevel
codegen_level(int opt)
{
    switch (opt) {
    case 0:
        return LLVMCodeGenLevelNone;
    case 1:
        return LLVMCodeGenLevelLess;
    case 3:
        return LLVMCodeGenLevelAggressive;
    default:
        return LLVMCodeGenLevelDefault;
    }
}

static LLVMTargetMachineRef
host_machine(int opt, char *err, size_t errlen)
{
    char *triple = LLVMGetDefaultTargetTriple();
    char *cpu = LLVMGetHostCPUName();
    char *features = LLVMGetHostCPUFeatures();
    LLVMTargetRef target = NULL;
    char *msg = NULL;
    LLVMTargetMachineRef tm = NULL;
    if (LLVMGetTargetFromTriple(triple, &target, &msg)) {
        snprintf(err, errlen, "no LLVM target for %s: %s", triple, msg ? msg : "?");
        LLVMDisposeMessage(msg);
    }
    else {
        tm = LLVMCreateTargetMachine(target, triple, cpu, features, codegen_level(opt),
                                     LLVMRelocPIC, LLVMCodeModelSmall);
        if (tm == NULL)
            snprintf(err, errlen, "cannot create an LLVM target machine for %s", triple);
    }
    LLVMDisposeMessage(triple);
    LLVMDisposeMessage(cpu);
    LLVMDisposeMessage(features);
    return tm;
}

/* Object transform: measures the code sections of each linked object.  (Small code model,
 * PIC, as LLJIT's own default: JITLink adds stubs for far symbols.) */
static LLVMErrorRef
measure_object(void *ctx, LLVMMemoryBufferRef *obj)
{
    PjEngine *e = ctx;
    char *msg = NULL;
    LLVMBinaryRef bin = LLVMCreateBinary(*obj, e->obj_ctx, &msg); /* borrows *obj */
    if (bin == NULL) {
        LLVMDisposeMessage(msg);
        return NULL;
    }
    size_t total = 0;
    LLVMSectionIteratorRef it = LLVMObjectFileCopySectionIterator(bin);
    while (!LLVMObjectFileIsSectionIteratorAtEnd(bin, it)) {
        const char *name = LLVMGetSectionName(it);
        if (name != NULL && (strncmp(name, ".text", 5) == 0 || strncmp(name, ".ltext", 6) == 0))
            total += LLVMGetSectionSize(it);
        LLVMMoveToNextSection(it);
    }
    LLVMDisposeSectionIterator(it);
    LLVMDisposeBinary(bin);
    e->last_object_code += total;
    return NULL;
}

PjEngine *
pj_engine_create(const PjSymbol *syms, size_t nsyms, int opt_level, char *err, size_t errlen)
{
    PjEngine *e = calloc(1, sizeof(PjEngine));
    if (e == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    e->opt_level = opt_level;
    e->syms = syms;
    e->nsyms = nsyms;
    if (LLVMInitializeNativeTarget() || LLVMInitializeNativeAsmPrinter()) {
        snprintf(err, errlen, "LLVM has no native target");
        free(e);
        return NULL;
    }
    pthread_mutex_init(&e->mu, NULL);
    for (int l = 0; l < PJ_NLANES; l++) {
        e->tm[l][PJ_TIER_BASELINE] = host_machine(0, err, errlen);
        e->tm[l][PJ_TIER_OPTIMIZED] = e->tm[l][PJ_TIER_BASELINE]
                                          ? host_machine(opt_level ? opt_level : 2, err, errlen)
                                          : NULL;
        if (e->tm[l][PJ_TIER_OPTIMIZED] == NULL) {
            pj_engine_dispose(e);
            return NULL;
        }
    }
    /* The JIT links object code we emit ourselves (so each function gets the tier's code
     * generator); its own IR layer is unused.  Defaults: JITLink, host target. */
    LLVMErrorRef r = LLVMOrcCreateLLJIT(&e->jit, LLVMOrcCreateLLJITBuilder());
    if (r != NULL) {
        take_error(e, r, NULL);
        snprintf(err, errlen, "cannot create the LLJIT: %s", e->last_error);
        e->jit = NULL;
        pj_engine_dispose(e);
        return NULL;
    }
    e->jd = LLVMOrcLLJITGetMainJITDylib(e->jit);
    e->obj_ctx = LLVMContextCreate();
    LLVMOrcObjectTransformLayerSetTransform(LLVMOrcLLJITGetObjTransformLayer(e->jit),
                                            measure_object, e);

    LLVMOrcCSymbolMapPair *pairs = calloc(nsyms ? nsyms : 1, sizeof(LLVMOrcCSymbolMapPair));
    if (pairs == NULL) {
        snprintf(err, errlen, "out of memory");
        pj_engine_dispose(e);
        return NULL;
    }
    for (size_t i = 0; i < nsyms; i++) {
        pairs[i].Name = LLVMOrcLLJITMangleAndIntern(e->jit, syms[i].name);
        pairs[i].Sym.Address = (LLVMOrcExecutorAddress) (uintptr_t) syms[i].addr;
        pairs[i].Sym.Flags.GenericFlags = LLVMJITSymbolGenericFlagsExported |
                                          (syms[i].is_data ? 0 : LLVMJITSymbolGenericFlagsCallable);
        pairs[i].Sym.Flags.TargetFlags = 0;
    }
    /* The unit takes the names; the JITDylib takes the unit. */
    LLVMOrcMaterializationUnitRef mu = LLVMOrcAbsoluteSymbols(pairs, nsyms);
    free(pairs);
    r = LLVMOrcJITDylibDefine(e->jd, mu);
    if (r != NULL) {
        take_error(e, r, NULL);
        snprintf(err, errlen, "cannot define runtime symbols: %s", e->last_error);
        pj_engine_dispose(e);
        return NULL;
    }
    return e;
}

/* The runtime symbol at `addr`, or NULL. */
static const char *
symbol_at(const PjEngine *e, uint64_t addr)
{
    for (size_t i = 0; i < e->nsyms; i++)
        if ((uint64_t) (uintptr_t) e->syms[i].addr == addr)
            return e->syms[i].name;
    return NULL;
}

typedef struct DisasmInfo {
    const PjEngine *e;
    uint64_t lo, hi; /* the code being disassembled */
} DisasmInfo;

/* The disassembler's symbol lookup: a runtime symbol called directly, through one of
 * JITLink's stubs (`jmp [rip + GOT entry]`, placed after the code), or loaded from a GOT
 * entry (PIC code loads far symbols' addresses from it).  Stubs and GOT entries are mapped:
 * the code using them is installed. */
static const char *
lookup_symbol(void *info, uint64_t value, uint64_t *type, uint64_t pc, const char **name)
{
    (void) pc;
    const DisasmInfo *d = info;
    const PjEngine *e = d->e;
    *name = NULL;
    const char *s = NULL;
    if (*type == LLVMDisassembler_ReferenceType_In_Branch) {
        s = symbol_at(e, value);
        const uint8_t *b = (const uint8_t *) (uintptr_t) value;
        if (s == NULL && (value < d->lo || value >= d->hi) && value != 0 && b[0] == 0xff &&
            b[1] == 0x25) {
            int32_t disp;
            uint64_t target;
            memcpy(&disp, b + 2, sizeof disp);
            memcpy(&target, (const void *) (uintptr_t) (value + 6 + (uint64_t) (int64_t) disp),
                   sizeof target);
            s = symbol_at(e, target);
        }
    }
    else if (*type == LLVMDisassembler_ReferenceType_In_PCrel_Load && value != 0) {
        uint64_t target;
        memcpy(&target, (const void *) (uintptr_t) value, sizeof target);
        s = symbol_at(e, target);
        if (s != NULL)
            *name = s;
        s = NULL;
    }
    *type = LLVMDisassembler_ReferenceType_InOut_None;
    return s;
}

char *
pj_engine_disassemble(PjEngine *e, const void *code, size_t size)
{
    LLVMInitializeNativeDisassembler();
    char *triple = LLVMGetDefaultTargetTriple();
    DisasmInfo info = { e, (uint64_t) (uintptr_t) code, (uint64_t) (uintptr_t) code + size };
    LLVMDisasmContextRef dc = LLVMCreateDisasm(triple, &info, 0, NULL, lookup_symbol);
    LLVMDisposeMessage(triple);
    PjStr out = { 0 };
    if (dc == NULL) {
        pj_str_puts(&out, "(no disassembler for this target)\n");
        return pj_str_take(&out);
    }
    LLVMSetDisasmOptions(dc, LLVMDisassembler_Option_AsmPrinterVariant |
                                 LLVMDisassembler_Option_PrintImmHex);
    const uint8_t *p = code;
    for (size_t off = 0; off < size;) {
        char line[256];
        size_t n = LLVMDisasmInstruction(dc, (uint8_t *) (uintptr_t) (p + off), size - off,
                                         (uint64_t) (uintptr_t) (p + off), line, sizeof line);
        if (n == 0) {
            pj_str_printf(&out, "%6zx:\t.byte 0x%02x\n", off, p[off]);
            off++;
            continue;
        }
        pj_str_printf(&out, "%6zx:%s\n", off, line);
        off += n;
    }
    LLVMDisasmDispose(dc);
    return pj_str_take(&out);
}

int
pj_engine_enable_gdb(PjEngine *e, char *err, size_t errlen)
{
    LLVMErrorRef r = LLVMOrcLLJITEnableDebugSupport(e->jit);
    if (r != NULL) {
        char *msg = LLVMGetErrorMessage(r); /* consumes r */
        snprintf(err, errlen, "%s", msg);
        LLVMDisposeErrorMessage(msg);
        return -1;
    }
    return 0;
}

void
pj_engine_dispose(PjEngine *e)
{
    if (e == NULL)
        return;
    if (e->jit != NULL) {
        LLVMErrorRef r = LLVMOrcDisposeLLJIT(e->jit);
        if (r != NULL)
            LLVMConsumeError(r);
    }
    for (int l = 0; l < PJ_NLANES; l++)
        for (int t = 0; t < 2; t++)
            if (e->tm[l][t] != NULL)
                LLVMDisposeTargetMachine(e->tm[l][t]);
    if (e->obj_ctx != NULL)
        LLVMContextDispose(e->obj_ctx);
    free(e->cache_dir);
    free(e->linked);
    pthread_mutex_destroy(&e->mu);
    free(e);
}

int
pj_engine_optimize(PjEngine *e, int lane, LLVMModuleRef m, int tier, int llvm_instrs, PjAbort *why)
{
    LLVMSetTarget(m, LLVMOrcLLJITGetTripleString(e->jit));
    LLVMSetDataLayout(m, LLVMOrcLLJITGetDataLayoutStr(e->jit));
    /* Pipelines chosen by measurement (docs/architecture.md).  Optimised tier: a lean
     * function pipeline -- against default<O2> a third less LLVM time for the same speed
     * of compiled code, since pyjit's IR needs redundant-load elimination, CFG cleanup and
     * folding, not loop vectorisation or inlining; PYJIT_OPT=3 takes default<O3>.
     * Baseline tier: CFG cleanup only, for FastISel. */
    char pipeline[512];
    const char *custom = getenv("PYJIT_PASSES"); /* experts: an LLVM pass pipeline */
    if (tier == PJ_TIER_BASELINE)
        /* (simplifycfg folds empty blocks into a big function's shared exits one at a
         * time, quadratic in their predecessors: 2.6 s of a 2,000-line function's 3.7.) */
        snprintf(pipeline, sizeof pipeline, "%s",
                 llvm_instrs <= PJ_BASELINE_PASSES_MAX ? PJ_BASELINE_PASSES : "");
    else if (custom != NULL && *custom)
        snprintf(pipeline, sizeof pipeline, "%s", custom);
    else if (e->opt_level >= 3)
        snprintf(pipeline, sizeof pipeline, "default<O3>");
    else
        snprintf(pipeline, sizeof pipeline,
                 "function(sroa,early-cse<memssa>,instcombine<no-verify-fixpoint>,simplifycfg,"
                 "jump-threading,gvn,instcombine<no-verify-fixpoint>,simplifycfg)");
    if (pipeline[0] == '\0')
        return 0;
    LLVMPassBuilderOptionsRef opts = LLVMCreatePassBuilderOptions();
    LLVMErrorRef r = LLVMRunPasses(m, pipeline, e->tm[lane][tier], opts);
    LLVMDisposePassBuilderOptions(opts);
    if (r != NULL) {
        pthread_mutex_lock(&e->mu);
        take_error(e, r, why);
        pthread_mutex_unlock(&e->mu);
        return -1;
    }
    return 0;
}

/* Frees the code of h and h (e->mu held). */
static void
remove_locked(PjEngine *e, PjCodeHandle *h)
{
    if (h->rt != NULL) {
        LLVMErrorRef r = LLVMOrcResourceTrackerRemove(h->rt);
        if (r != NULL)
            take_error(e, r, NULL);
        LLVMOrcReleaseResourceTracker(h->rt);
    }
    free(h);
}

int
pj_engine_add(PjEngine *e, int lane, LLVMModuleRef m, const char *fname, int tier, void **addr,
              PjCodeHandle **handle, size_t *code_bytes, PjAbort *why)
{
    return pj_engine_add_keyed(e, lane, m, fname, tier, 0, addr, handle, code_bytes, why);
}

int
pj_engine_add_keyed(PjEngine *e, int lane, LLVMModuleRef m, const char *fname, int tier,
                    uint64_t key, void **addr, PjCodeHandle **handle, size_t *code_bytes,
                    PjAbort *why)
{
    LLVMValueRef f = LLVMGetNamedFunction(m, fname);
    if (f == NULL) {
        LLVMDisposeModule(m);
        why->kind = PJ_ABORT_LLVM_ERROR;
        pthread_mutex_lock(&e->mu);
        snprintf(e->last_error, sizeof e->last_error, "function %s missing", fname);
        pthread_mutex_unlock(&e->mu);
        return -1;
    }
    pthread_mutex_lock(&e->mu);
    unsigned long serial = ++e->serial;
    /* A cached function's symbol is named after its key (the next process looks it up
     * by that name); one whose key is linked already keeps a serial name, uncached. */
    if (key != 0 && (e->cache_dir == NULL || key_linked(e, key, 1)))
        key = 0;
    pthread_mutex_unlock(&e->mu);
    char unique[512];
    if (key != 0)
        snprintf(unique, sizeof unique, "pjc.%016llx", (unsigned long long) key);
    else
        snprintf(unique, sizeof unique, "%s.%lu", fname, serial);
    LLVMSetValueName2(f, unique, strlen(unique));

    /* Code generation, the expensive part, runs outside the lock: each lane has its own
     * target machine and each module its own context. */
    char *msg = NULL;
    LLVMMemoryBufferRef obj = NULL;
    LLVMBool failed =
        LLVMTargetMachineEmitToMemoryBuffer(e->tm[lane][tier], m, LLVMObjectFile, &msg, &obj);
    LLVMDisposeModule(m);
    if (failed) {
        pthread_mutex_lock(&e->mu);
        snprintf(e->last_error, sizeof e->last_error, "%s", msg ? msg : "code generation failed");
        pthread_mutex_unlock(&e->mu);
        LLVMDisposeMessage(msg);
        why->kind = PJ_ABORT_LLVM_ERROR;
        return -1;
    }
    if (key != 0)
        cache_store(e, key, LLVMGetBufferStart(obj), LLVMGetBufferSize(obj));
    PjCodeHandle *h = calloc(1, sizeof(PjCodeHandle));
    if (h == NULL) {
        LLVMDisposeMemoryBuffer(obj);
        why->kind = PJ_ABORT_NO_MEMORY;
        return -1;
    }
    pthread_mutex_lock(&e->mu);
    h->rt = LLVMOrcJITDylibCreateResourceTracker(e->jd);
    e->last_object_code = 0;
    /* The JIT takes the object buffer, even when adding fails. */
    LLVMErrorRef r = LLVMOrcLLJITAddObjectFileWithRT(e->jit, h->rt, obj);
    LLVMOrcExecutorAddress a = 0;
    if (r == NULL)
        r = LLVMOrcLLJITLookup(e->jit, &a, unique); /* links now */
    if (r != NULL || a == 0) {
        if (r != NULL)
            take_error(e, r, why);
        else
            why->kind = PJ_ABORT_LLVM_ERROR;
        remove_locked(e, h);
        pthread_mutex_unlock(&e->mu);
        return -1;
    }
    *code_bytes = e->last_object_code;
    pthread_mutex_unlock(&e->mu);
    *addr = (void *) (uintptr_t) a;
    *handle = h;
    return 0;
}

/* ---- The code cache ---------------------------------------------------------------- */

/* An entry: this header, then the object file.  `check` is FNV-1a of the object. */
typedef struct PjCacheHeader {
    char magic[8]; /* "PJOBJ1\n" */
    uint64_t key;
    uint64_t size;
    uint64_t check;
} PjCacheHeader;

static const char cache_magic[8] = "PJOBJ1\n";

/* FNV-1a over 8-byte words (and the tail bytewise): 8x fewer multiplications for the
 * cache key's hundreds of kilobytes. */
static uint64_t
hash_words(uint64_t h, const char *data, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, data + i, 8);
        h = (h ^ w) * 1099511628211ULL;
        h ^= h >> 29;
    }
    return pj_fnv64(h, data + i, n - i);
}

int
pj_engine_set_cache(PjEngine *e, const char *dir, const char *versions)
{
    pthread_mutex_lock(&e->mu);
    free(e->cache_dir);
    e->cache_dir = NULL;
    pthread_mutex_unlock(&e->mu);
    if (dir == NULL || *dir == '\0')
        return 0;
    /* mkdir -p */
    char path[PJ_PATH_MAX];
    if (snprintf(path, sizeof path, "%s", dir) >= (int) sizeof path)
        return -1;
    for (char *p = path + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0700);
            *p = '/';
        }
    if (mkdir(path, 0700) < 0 && errno != EEXIST)
        return -1;
    if (access(path, W_OK | X_OK) < 0)
        return -1;
    unsigned major, minor, patch;
    LLVMGetVersion(&major, &minor, &patch);
    char *cpu = LLVMGetHostCPUName(), *features = LLVMGetHostCPUFeatures();
    char head[256];
    snprintf(head, sizeof head, "pyjit-cache-1 llvm %u.%u.%u opt %d\n", major, minor, patch,
             e->opt_level);
    uint64_t h = pj_fnv64(PJ_FNV_BASIS, head, strlen(head));
    h = pj_fnv64(h, versions, strlen(versions));
    h = pj_fnv64(h, cpu, strlen(cpu));
    h = pj_fnv64(h, features, strlen(features));
    LLVMDisposeMessage(cpu);
    LLVMDisposeMessage(features);
    pthread_mutex_lock(&e->mu);
    e->cache_dir = malloc(strlen(path) + 1);
    if (e->cache_dir != NULL)
        memcpy(e->cache_dir, path, strlen(path) + 1);
    e->cache_base = h;
    pthread_mutex_unlock(&e->mu);
    return e->cache_dir != NULL ? 0 : -1;
}

uint64_t
pj_engine_cache_key(PjEngine *e, LLVMModuleRef m, int tier)
{
    pthread_mutex_lock(&e->mu);
    int on = e->cache_dir != NULL;
    uint64_t h = e->cache_base;
    pthread_mutex_unlock(&e->mu);
    if (!on)
        return 0;
    /* The module's bitcode: what it says, without the text printer's formatting (which
     * took most of a cache hit's time). */
    LLVMMemoryBufferRef bc = LLVMWriteBitcodeToMemoryBuffer(m);
    if (bc == NULL)
        return 0;
    h = pj_fnv64(h, &tier, sizeof tier);
    h = hash_words(h, LLVMGetBufferStart(bc), LLVMGetBufferSize(bc));
    LLVMDisposeMemoryBuffer(bc);
    return h ? h : 1;
}

/* Whether `key` was linked in this process (mu held); with `add`, records it. */
static int
key_linked(PjEngine *e, uint64_t key, int add)
{
    for (size_t i = 0; i < e->nlinked; i++)
        if (e->linked[i] == key)
            return 1;
    if (add) {
        if (e->nlinked == e->cap_linked) {
            size_t cap = e->cap_linked ? 2 * e->cap_linked : 64;
            uint64_t *n = realloc(e->linked, cap * sizeof(uint64_t));
            if (n == NULL)
                return 1; /* (then it is not cached: a safe answer) */
            e->linked = n;
            e->cap_linked = cap;
        }
        e->linked[e->nlinked++] = key;
    }
    return 0;
}

static void
cache_path(const PjEngine *e, uint64_t key, char *out, size_t len)
{
    snprintf(out, len, "%s/%016llx.pjo", e->cache_dir, (unsigned long long) key);
}

/* Writes an entry atomically: a temporary file renamed over the entry's name, so that
 * processes sharing the folder see a whole entry or none. */
static void
cache_store(PjEngine *e, uint64_t key, const char *obj, size_t size)
{
    char path[PJ_PATH_MAX + 32], tmp[PJ_PATH_MAX + 64];
    pthread_mutex_lock(&e->mu);
    if (e->cache_dir == NULL) {
        pthread_mutex_unlock(&e->mu);
        return;
    }
    cache_path(e, key, path, sizeof path);
    pthread_mutex_unlock(&e->mu);
    snprintf(tmp, sizeof tmp, "%s.%ld.%lu.tmp", path, (long) getpid(),
             (unsigned long) pthread_self());
    PjCacheHeader hd;
    memcpy(hd.magic, cache_magic, sizeof hd.magic);
    hd.key = key;
    hd.size = size;
    hd.check = pj_fnv64(PJ_FNV_BASIS, obj, size);
    FILE *f = fopen(tmp, "wb");
    if (f == NULL)
        return;
    int ok = fwrite(&hd, sizeof hd, 1, f) == 1 && fwrite(obj, 1, size, f) == size;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) < 0) {
        unlink(tmp);
        return;
    }
    pthread_mutex_lock(&e->mu);
    e->cache.stores++;
    pthread_mutex_unlock(&e->mu);
}

/* The object code of the cache entry for `key`, checked (malloc'd; NULL: none or
 * unusable, and an unusable one is deleted). */
static char *
cache_load(PjEngine *e, uint64_t key, const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    PjCacheHeader hd;
    char *obj = NULL;
    int bad = fread(&hd, sizeof hd, 1, f) != 1 || memcmp(hd.magic, cache_magic, 8) != 0 ||
              hd.key != key || hd.size == 0 || hd.size > ((uint64_t) 1 << 30);
    if (!bad) {
        obj = malloc(hd.size);
        bad = obj == NULL || fread(obj, 1, hd.size, f) != hd.size || fgetc(f) != EOF ||
              pj_fnv64(PJ_FNV_BASIS, obj, hd.size) != hd.check;
    }
    fclose(f);
    if (bad) {
        free(obj);
        unlink(path);
        pthread_mutex_lock(&e->mu);
        e->cache.rejected++;
        pthread_mutex_unlock(&e->mu);
        return NULL;
    }
    *size = hd.size;
    return obj;
}

int
pj_engine_add_cached(PjEngine *e, uint64_t key, void **addr, PjCodeHandle **handle,
                     size_t *code_bytes)
{
    char path[PJ_PATH_MAX + 32], sym[48];
    pthread_mutex_lock(&e->mu);
    if (e->cache_dir == NULL || key == 0 || key_linked(e, key, 0)) {
        pthread_mutex_unlock(&e->mu);
        return -1;
    }
    cache_path(e, key, path, sizeof path);
    pthread_mutex_unlock(&e->mu);
    size_t size;
    char *obj = cache_load(e, key, path, &size);
    if (obj == NULL)
        return -1;
    LLVMMemoryBufferRef buf =
        LLVMCreateMemoryBufferWithMemoryRangeCopy(obj, size, "pyjit-cache-entry");
    free(obj);
    PjCodeHandle *h = calloc(1, sizeof(PjCodeHandle));
    if (buf == NULL || h == NULL) {
        if (buf != NULL)
            LLVMDisposeMemoryBuffer(buf);
        free(h);
        return -1;
    }
    snprintf(sym, sizeof sym, "pjc.%016llx", (unsigned long long) key);
    pthread_mutex_lock(&e->mu);
    if (key_linked(e, key, 1)) { /* (another thread linked it meanwhile) */
        pthread_mutex_unlock(&e->mu);
        LLVMDisposeMemoryBuffer(buf);
        free(h);
        return -1;
    }
    h->rt = LLVMOrcJITDylibCreateResourceTracker(e->jd);
    e->last_object_code = 0;
    LLVMErrorRef r = LLVMOrcLLJITAddObjectFileWithRT(e->jit, h->rt, buf);
    LLVMOrcExecutorAddress a = 0;
    if (r == NULL)
        r = LLVMOrcLLJITLookup(e->jit, &a, sym);
    if (r != NULL || a == 0) {
        if (r != NULL)
            LLVMConsumeError(r);
        remove_locked(e, h);
        e->cache.rejected++;
        pthread_mutex_unlock(&e->mu);
        unlink(path);
        return -1;
    }
    *code_bytes = e->last_object_code;
    e->cache.hits++;
    pthread_mutex_unlock(&e->mu);
    *addr = (void *) (uintptr_t) a;
    *handle = h;
    return 0;
}

PjCacheStats
pj_engine_cache_stats(PjEngine *e)
{
    PjCacheStats s = { 0, 0, 0 };
    if (e == NULL)
        return s;
    pthread_mutex_lock(&e->mu);
    s = e->cache;
    pthread_mutex_unlock(&e->mu);
    return s;
}

void
pj_engine_remove(PjEngine *e, PjCodeHandle *h)
{
    if (h == NULL)
        return;
    if (e == NULL) { /* the JIT is gone, and its trackers with it */
        free(h);
        return;
    }
    pthread_mutex_lock(&e->mu);
    remove_locked(e, h);
    pthread_mutex_unlock(&e->mu);
}
