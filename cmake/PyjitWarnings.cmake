# Warning flags for pyjit's own targets (CPython's and LLVM's headers are system headers,
# so their noise stays out).  PYJIT_WERROR turns warnings into errors.
function(pyjit_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wshadow -Wpointer-arith -Wformat=2 -Wundef
    $<$<COMPILE_LANGUAGE:C>:-Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition>
    $<$<BOOL:${PYJIT_WERROR}>:-Werror>)
endfunction()
