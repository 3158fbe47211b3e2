/* Checks, the compile arena and the growable string (see common.h). */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
pj_check_failed(const char *file, int line, const char *cond, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "pyjit: internal check failed at %s:%d: %s: ", file, line, cond);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
    abort();
}

/* ---- Arena ----------------------------------------------------------------------------- */

struct PjArenaChunk {
    PjArenaChunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

enum { PJ_ARENA_CHUNK = 64 * 1024 };

void
pj_arena_init(PjArena *a)
{
    a->head = NULL;
    a->bytes = 0;
}

void
pj_arena_free(PjArena *a)
{
    PjArenaChunk *c = a->head;
    while (c != NULL) {
        PjArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->bytes = 0;
}

void *
pj_arena_alloc(PjArena *a, size_t size)
{
    size = (size + 15) & ~(size_t) 15;
    PjArenaChunk *c = a->head;
    if (c == NULL || c->size - c->used < size) {
        size_t csize = size > PJ_ARENA_CHUNK ? size : PJ_ARENA_CHUNK;
        c = malloc(sizeof(PjArenaChunk) + csize);
        if (c == NULL)
            return NULL;
        c->next = a->head;
        c->used = 0;
        c->size = csize;
        a->head = c;
        a->bytes += csize;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *
pj_arena_strdup(PjArena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = pj_arena_alloc(a, n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

/* ---- Strings --------------------------------------------------------------------------- */

static int
str_reserve(PjStr *s, size_t extra)
{
    if (s->oom)
        return -1;
    if (s->len + extra + 1 <= s->cap)
        return 0;
    size_t cap = s->cap ? s->cap * 2 : 256;
    while (cap < s->len + extra + 1)
        cap *= 2;
    char *b = realloc(s->buf, cap);
    if (b == NULL) {
        s->oom = 1;
        return -1;
    }
    s->buf = b;
    s->cap = cap;
    return 0;
}

void
pj_str_vprintf(PjStr *s, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || str_reserve(s, (size_t) n) < 0)
        return;
    vsnprintf(s->buf + s->len, (size_t) n + 1, fmt, ap);
    s->len += (size_t) n;
}

void
pj_str_printf(PjStr *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pj_str_vprintf(s, fmt, ap);
    va_end(ap);
}

void
pj_str_puts(PjStr *s, const char *text)
{
    size_t n = strlen(text);
    if (str_reserve(s, n) < 0)
        return;
    memcpy(s->buf + s->len, text, n + 1);
    s->len += n;
}

char *
pj_str_take(PjStr *s)
{
    char *b = s->buf;
    if (b == NULL) {
        b = malloc(1);
        if (b != NULL)
            b[0] = '\0';
    }
    s->buf = NULL;
    s->len = s->cap = 0;
    s->oom = 0;
    return b;
}

void
pj_str_free(PjStr *s)
{
    free(s->buf);
    s->buf = NULL;
    s->len = s->cap = 0;
    s->oom = 0;
}

uint64_t
pj_fnv64(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}
