# tracer - one non-recursive Makefile.
#
#   make            build bin/tracer (release, warnings are errors); the
#                   binary cannot be ./tracer, which is the CLI's folder
#   make check      install what is missing, build with ASan+UBSan, run tests
#   make demo       the bundled sample case, end to end, offline
#   make bench      throughput and memory figures (ratios to a baseline)
#   make check-layers  the include and call rules of docs/architecture.md
#   make fuzz       run every libFuzzer harness for FUZZ_SECONDS each
#   make check-valgrind  the unit tests under valgrind (unsanitized build)
#   make deps       install missing Debian packages (apt-get)
#   make install    PREFIX=/usr/local (binary, man page, docs/ in
#                   share/doc/tracer)
#   make docs-help  regenerate the --help parts of docs/tracer.1 and
#                   docs/cli.md (tests/cli/test_help_docs.sh checks them)
#   make style      clang-format every source file (style-check: only
#                   report the files it would change)
#   make clean

PREFIX ?= /usr/local
CC ?= cc
FUZZ_SECONDS ?= 60
FUZZ_CHECK_SECONDS ?= 3

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

WARN := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
	-Wvla -Wwrite-strings -Wshadow -Wformat=2 -Wno-format-nonliteral -Wundef
PKGS := libcurl jansson libsecp256k1 libcrypto yaml-0.1 libprotobuf-c \
	libmicrohttpd
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -pthread
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lleveldb \
	-pthread
# base/banned.h in every file: a use of strcpy, sprintf, atoi, ... is a
# compile error (deprecated, and warnings are errors)
BASE_CFLAGS := -std=c99 -D_GNU_SOURCE -I. -Ibuild/gen $(WARN) -MMD -MP \
	-include base/banned.h -DTRACER_VERSION='"$(VERSION)"'
CFLAGS ?= -O2 -g
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

# Sources by folder; a new .c file is picked up without editing this file.
LIB_SRC := $(wildcard base/*.c store/*.c chains/*.c chains/*/*.c graph/*.c)
# the application libraries under tracer/ (all but the command line)
APP_SRC := $(filter-out tracer/cli/%,$(wildcard tracer/*/*.c))
CLI_SRC := $(filter-out tracer/cli/main.c,$(wildcard tracer/cli/*.c))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
TEST_SUPPORT_SRC := $(filter-out $(UNIT_SRC),$(wildcard tests/unit/*.c))

FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
# what the harnesses share (the loopback HTTP server, file helpers)
FUZZ_SUPPORT_SRC := $(filter-out $(FUZZ_SRC),$(wildcard tests/fuzz/*.c))

# Release objects in build/rel, sanitized ones in build/san, libFuzzer
# builds (clang) in build/fuzz.
REL := build/rel
SAN := build/san
# C files generated from data files (the builtin tags), built with the CLI.
GEN_SRC := build/gen/builtin_tags.c build/gen/serve_web.c
# protobuf-c code generated from a chain's .proto (chains/tron/tron.proto
# becomes build/gen/chains/tron/tron.pb-c.{c,h}), part of the library.
PROTO_SRC := $(wildcard chains/*/*.proto)
PB_SRC := $(PROTO_SRC:%.proto=build/gen/%.pb-c.c)
PB_HDR := $(PB_SRC:.c=.h)
LIB_SRC += $(PB_SRC)
REL_OBJ := $(LIB_SRC:%.c=$(REL)/%.o) $(APP_SRC:%.c=$(REL)/%.o) \
	$(CLI_SRC:%.c=$(REL)/%.o) \
	$(GEN_SRC:%.c=$(REL)/%.o)
SAN_OBJ := $(LIB_SRC:%.c=$(SAN)/%.o) $(APP_SRC:%.c=$(SAN)/%.o) \
	$(CLI_SRC:%.c=$(SAN)/%.o) \
	$(GEN_SRC:%.c=$(SAN)/%.o)
SAN_TEST_SUPPORT := $(TEST_SUPPORT_SRC:%.c=$(SAN)/%.o)
FUZZ := build/fuzz
FUZZ_CC := clang
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
# tracer/ reads untrusted files too (tag lists, prices, case files, the
# config file, decode's input): all of it but main() is fuzzed
FUZZ_CLI_SRC := $(APP_SRC) $(CLI_SRC) $(GEN_SRC)
FUZZ_OBJ := $(LIB_SRC:%.c=$(FUZZ)/%.o) $(FUZZ_CLI_SRC:%.c=$(FUZZ)/%.o)
FUZZ_SUPPORT := $(FUZZ_SUPPORT_SRC:%.c=$(FUZZ)/%.o)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ)/bin/%)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(SAN)/tests/%)
BENCH_SRC := $(wildcard tests/bench/bench_*.c)
BENCH_BIN := $(BENCH_SRC:tests/bench/%.c=$(REL)/bench/%)
REL_BENCH_SUPPORT := $(REL)/tests/bench/util.o
TOOL_SRC := $(wildcard tests/tools/*.c)
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(SAN)/tools/%)
# LD_PRELOAD libraries of the benchmarks (and the tests of them)
PRELOAD_SRC := $(wildcard tests/preload/*.c)
PRELOAD_LIB := $(PRELOAD_SRC:tests/preload/%.c=$(REL)/preload/%.so)

DEB_PKGS := libcurl4-openssl-dev libjansson-dev libsecp256k1-dev \
	libleveldb-dev libssl-dev libyaml-dev libmicrohttpd-dev pkg-config \
	graphviz make gcc libprotobuf-c-dev protobuf-c-compiler
# What the tests need on top: clang for libFuzzer, node/npm for the real
# nodes, chromium for the HTML report, python3 for the reference model.
DEB_TEST_PKGS := clang libclang-rt-14-dev clang-format python3 chromium curl \
	xxd

.PHONY: all deps deps-test check demo bench fuzz fuzz-bins install docs-help clean \
	style style-check san check-layers check-valgrind

# deps runs before anything compiles, then a sub-make builds: the
# pkg-config flags are read after the headers exist, and no -j can start
# a compile before deps has finished (a prerequisite list would race).
all: deps
	@$(MAKE) --no-print-directory bin/tracer

deps:
	@sh tests/deps.sh $(DEB_PKGS)

deps-test:
	@sh tests/deps.sh $(DEB_PKGS) $(DEB_TEST_PKGS)
	@command -v npm >/dev/null 2>&1 || sh tests/deps.sh nodejs npm

bin/tracer: $(REL_OBJ) $(REL)/tracer/cli/main.o
	@mkdir -p bin
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

# The curated tag file as a byte array (od is in coreutils: no xxd needed).
build/gen/builtin_tags.c: tracer/tags/builtin-tags.csv
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	@{ echo '/* generated from $< by the Makefile; do not edit */'; \
	  echo '#include <stddef.h>'; \
	  echo 'extern const unsigned char tagimport_builtin_data[];'; \
	  echo 'extern const size_t tagimport_builtin_size;'; \
	  echo 'const unsigned char tagimport_builtin_data[] = {'; \
	  od -An -v -tx1 $< | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0 };'; \
	  echo 'const size_t tagimport_builtin_size ='; \
	  echo '	sizeof(tagimport_builtin_data) - 1;'; } >$@.tmp && \
	  mv $@.tmp $@

# The page of `tracer serve` (tracer/serve/web/), one byte array per file,
# named serve_web_<file with '.' as '_'> (tracer/serve/assets.c).
SERVE_WEB := tracer/serve/web/index.html tracer/serve/web/app.js \
	tracer/serve/web/style.css
build/gen/serve_web.c: $(SERVE_WEB)
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	@{ echo '/* generated from tracer/serve/web by the Makefile */'; \
	  echo '#include <stddef.h>'; \
	  for f in $(SERVE_WEB); do \
	    n=serve_web_$$(basename $$f | tr . _); \
	    echo "extern const unsigned char $$n[];"; \
	    echo "extern const size_t $${n}_size;"; \
	    echo "const unsigned char $$n[] = {"; \
	    od -An -v -tx1 $$f | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo '0 };'; \
	    echo "const size_t $${n}_size = sizeof($$n) - 1;"; \
	  done; } >$@.tmp && mv $@.tmp $@

# Both files from one run of protoc-c; every object waits for the headers
# (which one includes them is known only after its first compile).
build/gen/%.pb-c.c build/gen/%.pb-c.h: %.proto
	@mkdir -p build/gen
	@echo "  PROTOC  $<"
	@protoc-c --c_out=build/gen $<

$(REL)/%.o: %.c | $(PB_HDR)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

$(SAN)/%.o: %.c | $(PB_HDR)
	@mkdir -p $(dir $@)
	@echo "  CC san  $<"
	@$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

$(FUZZ)/%.o: %.c | $(PB_HDR)
	@mkdir -p $(dir $@)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(FUZZ_FLAGS) -c -o $@ $<

# The Makefile too: with .SECONDARY, an archive newer than the objects
# that exist would not take in objects added to the list.
$(FUZZ)/libtracer.a: $(FUZZ_OBJ) Makefile
	@rm -f $@
	@ar rcs $@ $(filter %.o,$^)

$(FUZZ)/bin/%: $(FUZZ)/tests/fuzz/%.o $(FUZZ_SUPPORT) $(FUZZ)/libtracer.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_SUPPORT) \
		$(FUZZ)/libtracer.a $(PKG_LIBS) -lpthread

fuzz-bins: $(FUZZ_BIN)

$(SAN)/libtracer.a: $(SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SAN)/bin/tracer: $(SAN)/libtracer.a $(SAN)/tracer/cli/main.o
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) -o $@ $(SAN)/tracer/cli/main.o $(SAN)/libtracer.a \
		$(PKG_LIBS)

$(SAN)/tests/%: $(SAN)/tests/unit/%.o $(SAN_TEST_SUPPORT) $(SAN)/libtracer.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) -o $@ $< $(SAN_TEST_SUPPORT) $(SAN)/libtracer.a \
		$(PKG_LIBS)

# The allocation-failure sweep alone gets the failing allocator.
ALLOCFAIL_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc \
	-Wl,--wrap=strdup,--wrap=strndup
$(SAN)/tests/test_allocfail: $(SAN)/tests/unit/test_allocfail.o \
		$(SAN_TEST_SUPPORT) $(SAN)/libtracer.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) $(ALLOCFAIL_WRAP) -o $@ $< $(SAN_TEST_SUPPORT) \
		$(SAN)/libtracer.a $(PKG_LIBS)

# Unsanitized unit tests for valgrind (which cannot run ASan builds).
VG := build/vg
VG_FLAGS := -O1 -g
VG_OBJ := $(SAN_OBJ:$(SAN)/%=$(VG)/%)
VG_TEST_SUPPORT := $(TEST_SUPPORT_SRC:%.c=$(VG)/%.o)
VG_UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(VG)/tests/%)

$(VG)/%.o: %.c | $(PB_HDR)
	@mkdir -p $(dir $@)
	@echo "  CC vg   $<"
	@$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(VG_FLAGS) -c -o $@ $<

$(VG)/libtracer.a: $(VG_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(VG)/tests/test_allocfail: $(VG)/tests/unit/test_allocfail.o \
		$(VG_TEST_SUPPORT) $(VG)/libtracer.a
	@mkdir -p $(dir $@)
	$(CC) $(VG_FLAGS) $(ALLOCFAIL_WRAP) -o $@ $< $(VG_TEST_SUPPORT) \
		$(VG)/libtracer.a $(PKG_LIBS)

$(VG)/tests/%: $(VG)/tests/unit/%.o $(VG_TEST_SUPPORT) $(VG)/libtracer.a
	@mkdir -p $(dir $@)
	$(CC) $(VG_FLAGS) -o $@ $< $(VG_TEST_SUPPORT) $(VG)/libtracer.a \
		$(PKG_LIBS)

check-valgrind: deps-test
	@sh tests/deps.sh valgrind
	@$(MAKE) --no-print-directory $(VG_UNIT_BIN)
	@VG_BIN=$(VG) sh tests/valgrind.sh

$(SAN)/tools/%: $(SAN)/tests/tools/%.o $(SAN)/libtracer.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) -o $@ $< $(SAN)/libtracer.a $(PKG_LIBS)

san: $(SAN)/bin/tracer $(UNIT_BIN) $(TOOL_BIN) $(PRELOAD_LIB)

# Built without the sanitizers, even for the sanitized programs: a
# preloaded library comes before their runtime (the tests that preload
# one set ASAN_OPTIONS=verify_asan_link_order=0).
$(REL)/preload/%.so: tests/preload/%.c
	@mkdir -p $(dir $@)
	@echo "  CC so   $<"
	@$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) -fPIC -shared -o $@ $< \
		-ldl -lleveldb

check: deps-test
	@$(MAKE) --no-print-directory style-check
	@$(MAKE) --no-print-directory san fuzz-bins
	@$(MAKE) --no-print-directory bin/tracer
	@SAN_BIN=$(SAN) FUZZ_CHECK_SECONDS=$(FUZZ_CHECK_SECONDS) \
		sh tests/run.sh

check-layers:
	@sh tests/check_layers.sh

demo: deps
	@$(MAKE) --no-print-directory bin/tracer
	@bin/tracer demo --out demo-out

$(REL)/libtracer.a: $(REL_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(REL)/bench/%: $(REL)/tests/bench/%.o $(REL_BENCH_SUPPORT) $(REL)/libtracer.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(REL_BENCH_SUPPORT) $(REL)/libtracer.a \
		$(PKG_LIBS)

$(REL)/tools/%: $(REL)/tests/tools/%.o $(REL)/libtracer.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(REL)/libtracer.a $(PKG_LIBS)

# BENCH_TXS=N adds a chain of N transactions to the 10^5 and 10^6 ones
bench: deps
	@$(MAKE) --no-print-directory bin/tracer $(BENCH_BIN) \
		$(REL)/tools/gen_chain $(REL)/tools/bench_chain $(PRELOAD_LIB)
	@BENCH_TXS="$(BENCH_TXS)" sh tests/bench.sh

fuzz: deps-test
	@$(MAKE) --no-print-directory fuzz-bins
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

docs-help: bin/tracer
	python3 tests/tools/help_docs.py bin/tracer write

install: bin/tracer
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/doc/tracer
	install -m 0755 bin/tracer $(DESTDIR)$(PREFIX)/bin/tracer
	install -m 0644 docs/tracer.1 $(DESTDIR)$(PREFIX)/share/man/man1/tracer.1
	install -m 0644 README.md docs/*.md $(DESTDIR)$(PREFIX)/share/doc/tracer

STYLE_SRC = $(wildcard */*.c */*.h chains/*/*.c chains/*/*.h \
	tracer/*/*.c tracer/*/*.h tests/*/*.c tests/*/*.h)

style:
	clang-format -i $(STYLE_SRC)

# what CI runs: fails on any file clang-format would change
style-check:
	@clang-format --dry-run -Werror $(STYLE_SRC) && \
		echo "style-check: $(words $(STYLE_SRC)) files as clang-format has them"

clean:
	rm -rf build bin demo-out

# test objects are kept so that relinking does not rebuild them
.SECONDARY:

-include $(shell find build -name '*.d' 2>/dev/null)
