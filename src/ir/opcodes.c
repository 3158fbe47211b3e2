/* The opcode table (see opcodes.h): one row per CPython opcode, expanded from the
 * generated pj_py_opcodes.h and the hand-written opcodes.def. */
#include "ir/opcodes.h"

#include <opcode.h>
#include <stddef.h>

#include "pj_py_opcodes.h"

/* The generated list must agree with the <opcode.h> we compile against. */
#define CHECK_BASE(name, num, caches, jump, arg)                                                   \
    _Static_assert(name == num, "opcode number of " #name " differs from <opcode.h>");
PJ_PY_BASE_OPCODES(CHECK_BASE)
#undef CHECK_BASE
#define CHECK_SPEC(name, num, base)                                                                \
    _Static_assert(name == num, "opcode number of " #name " differs from <opcode.h>");
PJ_PY_SPECIALIZED_OPCODES(CHECK_SPEC)
#undef CHECK_SPEC

typedef struct OpInfo {
    const char *name;
    short base; /* -1: no such opcode */
    unsigned char caches, flags, supported;
    signed char jump;
} OpInfo;

enum { PJ_S_Y = 1, PJ_S_N = 0 };

static OpInfo op_table[256];
static int op_table_ready;

static void
init_table(void)
{
    for (int i = 0; i < 256; i++)
        op_table[i].base = -1;
#define BASE(name_, num, caches_, jump_, arg)                                                      \
    op_table[num].name = #name_;                                                                   \
    op_table[num].base = num;                                                                      \
    op_table[num].caches = caches_;                                                                \
    op_table[num].jump = jump_;
    PJ_PY_BASE_OPCODES(BASE)
#undef BASE
#define SPEC(name_, num, base_)                                                                    \
    op_table[num].name = #name_;                                                                   \
    op_table[num].base = base_;
    PJ_PY_SPECIALIZED_OPCODES(SPEC)
#undef SPEC
#define PJ_OP(name_, effect, flags_, sup)                                                          \
    op_table[name_].flags = (flags_);                                                              \
    op_table[name_].supported = PJ_S_##sup;
#include "ir/opcodes.def"
#undef PJ_OP
    op_table_ready = 1;
}

static const OpInfo *
info(int op)
{
    if (!op_table_ready)
        init_table();
    if (op < 0 || op > 255)
        return NULL;
    return op_table[op].base < 0 ? NULL : &op_table[op];
}

const char *
pj_op_name(int op)
{
    const OpInfo *i = info(op);
    return i ? i->name : NULL;
}

int
pj_op_base(int op)
{
    const OpInfo *i = info(op);
    return i ? i->base : -1;
}

int
pj_op_is_base(int op)
{
    const OpInfo *i = info(op);
    return i != NULL && i->base == op;
}

int
pj_op_caches(int base)
{
    const OpInfo *i = info(base);
    return i ? i->caches : 0;
}

int
pj_op_jump(int base)
{
    const OpInfo *i = info(base);
    return i ? i->jump : 0;
}

int
pj_op_flags(int base)
{
    const OpInfo *i = info(base);
    return i ? i->flags : 0;
}

int
pj_op_supported(int base)
{
    const OpInfo *i = info(base);
    return i != NULL && i->base == base && i->supported;
}

static int
effect_for(int base, int oparg, int jump)
{
    switch (base) {
#define PJ_OP(name_, effect, flags_, sup)                                                          \
    case name_:                                                                                    \
        return (effect);
#include "ir/opcodes.def"
#undef PJ_OP
    }
    return PJ_INVALID_EFFECT;
}

int
pj_op_stack_effect(int base, int oparg, int jump)
{
    /* The expressions are CPython's: jump < 0 selects the larger effect by construction. */
    if (!pj_op_is_base(base))
        return PJ_INVALID_EFFECT;
    return effect_for(base, oparg, jump);
}

int
pj_op_runtime_effect(int base, int oparg, int jump)
{
    switch (base) {
    case PRECALL:
        return 0;
    case CALL:
        return -(oparg + 1);
    case RETURN_GENERATOR:
        /* In the generator's own frame, execution continues after it with the first
         * value sent on the stack (the compiler's count starts the body at depth 0). */
        return 1;
    default:
        return pj_op_stack_effect(base, oparg, jump);
    }
}
