# libFuzzer targets (issue 15): one file fuzz/fuzz-NAME.c each, seeds in
# fuzz/corpus/NAME/. Adding a target is one word in FUZZ_TARGETS.
#
#   CC=clang ./configure --enable-fuzz --enable-asan && make fuzz
#
# runs each target for FUZZ_SECONDS under ASan and UBSan, new inputs in
# fuzz/work/NAME/, a crash saved as fuzz/fuzz-NAME-crash-*; the result is one
# PASS: or FAIL: line per target (.ci/run counts them).
FUZZ_TARGETS = lesson sanitize mouse options bench-list event
FUZZ_SECONDS = 30
FUZZ_CFLAGS_ALL = $(DEFS) -I$(top_builddir) -I$(top_srcdir)/src \
	-I$(top_srcdir)/fuzz $(AM_CFLAGS) $(CFLAGS) $(NCURSES_CFLAGS) \
	$(PROC2_CFLAGS)

EXTRA_DIST += fuzz/fuzz.h fuzz/corpus fuzz/fuzz-lesson.c fuzz/fuzz-sanitize.c \
	fuzz/fuzz-mouse.c fuzz/fuzz-options.c fuzz/fuzz-bench-list.c \
	fuzz/fuzz-event.c
CLEANFILES += fuzz/fuzz-*.log

if FUZZ
fuzz-build: src/libturbotop.a
	@$(MKDIR_P) fuzz
	@for t in $(FUZZ_TARGETS); do \
		echo "  FUZZCC   fuzz/fuzz-$$t"; \
		$(CC) $(FUZZ_CFLAGS_ALL) -fsanitize=fuzzer \
			$(srcdir)/fuzz/fuzz-$$t.c $(TURBOTOP_LIBS) \
			-o fuzz/fuzz-$$t || exit 1; \
	done

fuzz: fuzz-build
	@failed=0; for t in $(FUZZ_TARGETS); do \
		$(MKDIR_P) fuzz/work/$$t; \
		if ./fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		    -rss_limit_mb=2048 -print_final_stats=1 \
		    -artifact_prefix=fuzz/fuzz-$$t- fuzz/work/$$t \
		    $(srcdir)/fuzz/corpus/$$t > fuzz/fuzz-$$t.log 2>&1; then \
			echo "PASS: fuzz-$$t ($$(grep -o 'stat::number_of_executed_units: *[0-9]*' fuzz/fuzz-$$t.log | grep -o '[0-9]*$$') runs)"; \
		else \
			echo "FAIL: fuzz-$$t (see fuzz/fuzz-$$t.log)"; \
			tail -n 40 fuzz/fuzz-$$t.log; \
			failed=$$((failed + 1)); \
		fi; \
	done; test $$failed = 0
else
fuzz-build fuzz:
	@echo "make fuzz: configure with CC=clang --enable-fuzz --enable-asan"; exit 1
endif

clean-local: clean-fuzz
clean-fuzz:
	rm -rf fuzz/work
	for t in $(FUZZ_TARGETS); do rm -f fuzz/fuzz-$$t; done

.PHONY: fuzz fuzz-build clean-fuzz
