# pyjit's two-command quick start (README.md):
#   make demo   install missing Debian packages, build, run the demo stock vs JIT
#   make test   the same set-up, then every test through ctest
PYTHON     ?= /usr/bin/python3.11
BUILD      ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc)
CMAKE_ARGS ?=

.PHONY: all deps configure build demo test bench asan sanitize sanitize-quick fuzz compat \
	compat-full clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPYJIT_PYTHON=$(PYTHON) $(CMAKE_ARGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@$(PYTHON) scripts/demo.py --build $(BUILD)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# CPython's own regression suite (Debian's libpython3.11-testsuite) under stock python3.11
# and with every function compiled at its first call, test case by test case
# (scripts/compat.py): `compat` the core-language subset (CI runs it), `compat-full` the
# whole suite.  Fails when anything passes on stock and fails under pyjit.
# COMPAT_OPT: the JIT's PYJIT_OPT (0: LLVM unoptimised, compiles ~9x faster; 2: as users run).
COMPAT_OPT ?= 0
COMPAT_ARGS ?=
compat: build
	@$(PYTHON) scripts/compat.py --build $(BUILD) -j $(JOBS) --opt $(COMPAT_OPT) $(COMPAT_ARGS)

compat-full: build
	@$(PYTHON) scripts/compat.py --full --build $(BUILD) -j $(JOBS) --opt $(COMPAT_OPT) $(COMPAT_ARGS)

bench: build
	@$(PYTHON) benchmarks/run.py --build $(BUILD)

# AddressSanitizer + UndefinedBehaviorSanitizer build of the engine, run against the
# differential corpus and the Python tests (the sanitizer runtime is preloaded).
asan:
	@$(MAKE) --no-print-directory build BUILD=build-asan BUILD_TYPE=ASan
	@cd build-asan && $(SANITIZE_ENV) ctest --output-on-failure -j $(JOBS) -E 'symbols'

# `make sanitize`: the ASan+UBSan build under every ctest test (`make asan`: unit tests,
# the differential corpus, the Python tests, the fuzzer's short run), then CPython's compat
# fast subset with the sanitizer build preloaded into every test process.  Zero reports:
# UBSan halts at its first (halt_on_error), ASan always does.  allocator_may_return_null:
# CPython's tests ask for huge allocations on purpose and expect MemoryError (ASan's default
# aborts: test_decimal).
SANITIZE_PRELOAD = $$(gcc -print-file-name=libasan.so) $$(gcc -print-file-name=libubsan.so)
sanitize: asan
	@$(SANITIZE_ENV) $(PYTHON) scripts/compat.py --build build-asan -j $(JOBS) --opt 0 --timeout 1800

# CI's share of `make sanitize` (all of it takes about 40 minutes on two cores): the
# ASan+UBSan build under the hostile programs of the corpus (attack_*, fuzz_*: guards under
# attack, deep recursion on new stack segments) and the code cap's eviction test.
SANITIZE_ENV = ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	PYJIT_TEST_PRELOAD="$(SANITIZE_PRELOAD)" PYJIT_BUILD_DIR=$(CURDIR)/build-asan
sanitize-quick:
	@$(MAKE) --no-print-directory build BUILD=build-asan BUILD_TYPE=ASan
	@$(SANITIZE_ENV) $(PYTHON) -m pytest -q -p no:cacheprovider tests/diff/test_corpus.py \
	  tests/py/test_memory.py -k "attack or fuzz or cap_evicts"

# `make fuzz N=100000`: the differential fuzzer for N random programs (tests/fuzz/), then
# the memory soak: RECLAIM closures with their own code objects compiled and dropped, RSS
# flat within 10% (tests/stress/reclaim.py).
N ?= 2000
RECLAIM ?= 100000
FUZZ_ARGS ?=
fuzz: build
	@$(PYTHON) tests/fuzz/fuzz.py --build $(BUILD) -n $(N) --jobs $(JOBS) $(FUZZ_ARGS)
	@LD_PRELOAD=$(BUILD)/lib/libpyjit.so PYJIT_THRESHOLD=0 PYJIT_OPT=0 \
	  $(PYTHON) tests/stress/reclaim.py --count $(RECLAIM)

clean:
	rm -rf $(BUILD) build-asan
