/* Texts of abort reasons (abort.def), for stats() and logs. */
#include "abort.h"

#include <stdio.h>

#include "ir/opcodes.h"

static const char *const abort_text[] = {
    "none",
#define PJ_ABORT(name, text) text,
#include "abort.def"
#undef PJ_ABORT
};

void
pj_abort_format(PjAbort why, char *buf, unsigned size)
{
    const char *t = (why.kind >= 0 && why.kind < PJ_ABORT__COUNT) ? abort_text[why.kind] : "?";
    if (why.kind == PJ_ABORT_UNSUPPORTED_OPCODE) {
        const char *op = pj_op_name(why.detail);
        snprintf(buf, size, "%s %s", t, op ? op : "?");
    }
    else {
        snprintf(buf, size, "%s", t);
    }
}
