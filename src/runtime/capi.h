/* The table of entry points the engine module publishes as the capsule
 * "pyjit._pyjit._C_API", for the preloaded loader's pyjit_* C API (include/pyjit/pyjit.h).
 * Plain C types only: the loader is built without CPython's headers' symbols. */
#ifndef PJ_RUNTIME_CAPI_H
#define PJ_RUNTIME_CAPI_H

#define PJ_CAPI_VERSION 1
#define PJ_CAPI_CAPSULE "pyjit._pyjit._C_API"

typedef struct PjCApi {
    int version;
    int (*enable)(void);
    int (*disable)(void);
    int (*is_enabled)(void);
    int (*set_threshold)(long calls);
    int (*compile)(void *func); /* PyObject *, borrowed */
    void *(*stats)(void);       /* PyObject *, new reference */
} PjCApi;

#endif
