/* Abort reasons of a compilation (table in abort.def).  Compile failures are not Python
 * exceptions: the driver returns one of these and the caller decides what to count. */
#ifndef PJ_ABORT_H
#define PJ_ABORT_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum PjAbortKind {
    PJ_ABORT_NONE = 0,
#define PJ_ABORT(name, text) PJ_ABORT_##name,
#include "abort.def"
#undef PJ_ABORT
    PJ_ABORT__COUNT
} PjAbortKind;

typedef struct PjAbort {
    PjAbortKind kind;
    int detail; /* the base opcode for PJ_ABORT_UNSUPPORTED_OPCODE, else 0 */
} PjAbort;

/* "unsupported opcode LOAD_ATTR", "code too large", ... into buf (NUL-terminated). */
void pj_abort_format(PjAbort why, char *buf, unsigned size);

#ifdef __cplusplus
}
#endif

#endif
