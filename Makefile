# duo - joint household safety analysis for Dutch child and family protection.
#
#   make          build ./duo
#   make run      build duo and open it on a fresh demo database
#   make test     build with AddressSanitizer + UBSan and run every test
#   make bench    build a region-scale database and print figures
#   make install  install duo, its forms, its data (the wording of the
#                 household summary, team.yaml, the jargon list) and its
#                 man page under PREFIX
#
# Dependencies are found with pkg-config; .ci/deps names (and, as root,
# installs) the Debian packages that provide any that are missing.

PREFIX   ?= /usr/local
DATADIR  ?= $(PREFIX)/share/duo
MANDIR   ?= $(PREFIX)/share/man
CC       ?= cc
VERSION  := 0.1.0

PKGS     := ncursesw sqlite3 yaml-0.1 uuid
DEPS_OK  := build/.deps-ok

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wstrict-prototypes \
            -Wmissing-prototypes -Wold-style-definition -Wwrite-strings -Wvla \
            -Wundef -Wpointer-arith -Wcast-align -Wnull-dereference
DEFS     := -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED \
            -DDUO_VERSION='"$(VERSION)"' -DDUO_FORMS_DIR='"$(DATADIR)/forms"' \
            -DDUO_DATA_DIR='"$(DATADIR)/data"'
# ncursesw asks for -D_XOPEN_SOURCE=600; we define 700 ourselves.
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS   ?= -O2 -g
# -pthread: duo import loads files on a thread of its own (casefile.c).
ALL_CFLAGS = -std=c11 -pthread $(WARN) $(DEFS) -Iinclude $(PKG_CFLAGS) $(CFLAGS)
SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
SAN_CFLAGS = -std=c11 -pthread $(WARN) -Werror $(DEFS) -Iinclude $(PKG_CFLAGS) -O1 -g $(SAN)

CORE_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
UI_SRC   := $(wildcard src/ui/*.c)
LIB_SRC  := $(CORE_SRC) $(UI_SRC)
UNIT_SRC := $(wildcard tests/unit/test_*.c)

OBJ      := $(LIB_SRC:%.c=build/obj/%.o)
SAN_OBJ  := $(LIB_SRC:%.c=build/san/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/san/tests/%)

.PHONY: all run test bench install clean deps cppcheck
.DELETE_ON_ERROR:

all: duo

$(DEPS_OK): .ci/deps
	@sh .ci/deps build
	@mkdir -p build && touch $@

deps: $(DEPS_OK)

build/obj/%.o: %.c $(wildcard include/*.h) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

build/san/%.o: %.c $(wildcard include/*.h) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "  CC san  $<"
	@$(CC) $(SAN_CFLAGS) -c $< -o $@

build/libduo.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

build/san/libduo.a: $(SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

duo: build/obj/src/main.o build/libduo.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/san/duo: build/san/src/main.o build/san/libduo.a
	$(CC) $(SAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/san/tests/%: tests/unit/%.c tests/unit/unit.h build/san/libduo.a
	@mkdir -p $(dir $@)
	@echo "  LD san  $@"
	@$(CC) $(SAN_CFLAGS) -Itests/unit -o $@ $< build/san/libduo.a $(PKG_LIBS)

# Every test: unit tests of the core, CLI tests of the real binary, and
# end-to-end tests of the TUI, all against the sanitized build.
test: build/san/duo $(UNIT_BIN)
	@sh .ci/deps test
	@DUO_BIN=$(CURDIR)/build/san/duo UNIT_DIR=$(CURDIR)/build/san/tests \
	 DUO_FORMS=$(CURDIR)/forms DUO_DATA=$(CURDIR)/data sh tests/run.sh

build/bench: tests/bench/bench.c build/libduo.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/bench_ui: tests/bench/bench_ui.c build/libduo.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

# bench prints BENCH lines for the store, then bench_ui for the screens on
# the database bench just built.
bench: build/bench build/bench_ui duo
	@DUO_FORMS=$(CURDIR)/forms DUO_DATA=$(CURDIR)/data ./build/bench build/bench.db
	@DUO_FORMS=$(CURDIR)/forms ./build/bench_ui build/bench.db

# The demo: a fresh database made from the made-up cases in data/demo/,
# never the user's own database.
build/demo.db: duo $(wildcard data/demo/*.yaml)
	@rm -f $@ $@-wal $@-shm
	./duo --db $@ --forms forms import data/demo/*.yaml

run: duo build/demo.db
	DUO_DB=$(CURDIR)/build/demo.db ./duo --forms forms

cppcheck:
	cppcheck --quiet --enable=warning,style,performance,portability \
	  --std=c11 --inline-suppr --error-exitcode=1 -Iinclude \
	  --suppress=missingIncludeSystem src tests/unit

install: duo
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/forms \
	  $(DESTDIR)$(DATADIR)/data $(DESTDIR)$(MANDIR)/man1
	install -m 755 duo $(DESTDIR)$(PREFIX)/bin/duo
	install -m 644 forms/*.yaml $(DESTDIR)$(DATADIR)/forms/
	install -d $(DESTDIR)$(DATADIR)/data/summary
	install -m 644 data/team.yaml $(DESTDIR)$(DATADIR)/data/
	install -m 644 data/summary/*.yaml $(DESTDIR)$(DATADIR)/data/summary/
	install -m 644 data/jargon.yaml $(DESTDIR)$(DATADIR)/data/
	install -m 644 man/duo.1 $(DESTDIR)$(MANDIR)/man1/duo.1

clean:
	rm -rf build duo
