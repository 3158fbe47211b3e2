/* Small shared pieces for every stage: checks, the compile arena, a growable string.
 *
 * No CPython or LLVM header here: C++ tests include this file.
 */
#ifndef PJ_COMMON_H
#define PJ_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* PJ_ASSERT is for debug builds; PJ_CHECK stays in release builds for invariants whose
 * failure would corrupt the interpreter.  Neither is reachable by a user's program. */
void pj_check_failed(const char *file, int line, const char *cond, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 4, 5)));

#define PJ_CHECK(cond, ...)                                                                        \
    do {                                                                                           \
        if (__builtin_expect(!(cond), 0))                                                          \
            pj_check_failed(__FILE__, __LINE__, #cond, __VA_ARGS__);                               \
    } while (0)

#ifdef PYJIT_ASSERTS
#define PJ_ASSERT(cond) PJ_CHECK(cond, "assertion")
#else
#define PJ_ASSERT(cond) ((void) 0)
#endif

#define PJ_UNUSED(x) ((void) (x))
#define PJ_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Arena: all compile-time memory of one compilation, freed at once ---------------- */

typedef struct PjArenaChunk PjArenaChunk;
typedef struct PjArena {
    PjArenaChunk *head;
    size_t bytes; /* total allocated, for the huge-function limit */
} PjArena;

void pj_arena_init(PjArena *a);
void pj_arena_free(PjArena *a);
/* Zeroed memory, 16-byte aligned; NULL only when malloc fails. */
void *pj_arena_alloc(PjArena *a, size_t size);
char *pj_arena_strdup(PjArena *a, const char *s);

/* ---- Growable string for dumps ------------------------------------------------------- */

typedef struct PjStr {
    char *buf; /* NUL-terminated, malloc'd; NULL until the first append */
    size_t len, cap;
    int oom; /* set when an allocation failed; the text is then truncated */
} PjStr;

void pj_str_printf(PjStr *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pj_str_vprintf(PjStr *s, const char *fmt, va_list ap);
void pj_str_puts(PjStr *s, const char *text);
/* Hands the buffer to the caller (free() it); the PjStr is reset. Never NULL. */
char *pj_str_take(PjStr *s);
void pj_str_free(PjStr *s);

/* 64-bit FNV-1a: h continued over n bytes (start with PJ_FNV_BASIS).  The hash of code
 * objects (profiles) and of code-cache keys and entries. */
#define PJ_FNV_BASIS 1469598103934665603ULL
uint64_t pj_fnv64(uint64_t h, const void *data, size_t n);

#ifdef __cplusplus
}
#endif

#endif
