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

#include <llvm-c/Disassembler.h>
#include <llvm-c/Error.h>
#include <llvm-c/LLJIT.h>
#include <llvm-c/LLJITUtils.h>
#include <llvm-c/Object.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
};

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
    pthread_mutex_destroy(&e->mu);
    free(e);
}

int
pj_engine_optimize(PjEngine *e, int lane, LLVMModuleRef m, int tier, PjAbort *why)
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
        snprintf(pipeline, sizeof pipeline, "%s", PJ_BASELINE_PASSES);
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
    pthread_mutex_unlock(&e->mu);
    char unique[512];
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
