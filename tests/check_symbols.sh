#!/bin/sh
# Every undefined dynamic symbol of the engine module must be defined by python3.11 or the
# libraries it links (LLVM's are linked in statically; libunwind, zlib, zstd, the C/C++
# runtime and the dynamic loader remain): a miss would fail at import (FACTS.md A.4).  The
# LD_PRELOAD loader must need nothing from CPython or LLVM at all.
set -eu
build=$1
python=$2
mod=$(ls "$build"/python/pyjit/_pyjit*.so)
loader=$build/lib/libpyjit.so
defined=$(mktemp)
trap 'rm -f "$defined"' EXIT
for lib in "$(readlink -f "$python")" $(ldd "$mod" | awk '/=>/ {print $3} /ld-linux/ {print $1}'); do
  nm -D --defined-only "$lib" 2>/dev/null | awk '{print $NF}' | sed 's/@.*//' >> "$defined"
done
# (weak references -- "w", "v" -- may stay undefined)
missing=$(nm -D --undefined-only "$mod" | awk '$1 != "w" && $1 != "v" {print $NF}' | sed 's/@.*//' |
  grep -v -E '^(_ITM_|__gmon_start__|__cxa_finalize)' | sort -u |
  while read -r s; do grep -qx "$s" "$defined" || echo "$s"; done)
if [ -n "$missing" ]; then
  echo "engine module needs symbols nobody defines:"; echo "$missing"; exit 1
fi
bad=$(nm -D --undefined-only "$loader" | awk '{print $NF}' | grep -E '^(_?Py|LLVM)' || true)
if [ -n "$bad" ]; then
  echo "libpyjit.so binds CPython/LLVM symbols at load time:"; echo "$bad"; exit 1
fi
if ldd "$loader" | grep -q -E 'LLVM|python'; then
  echo "libpyjit.so links LLVM or libpython:"; ldd "$loader"; exit 1
fi
echo "symbols OK"
