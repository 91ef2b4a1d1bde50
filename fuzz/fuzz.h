/*
 * fuzz.h: what every libFuzzer target here shares. A target is one file,
 * fuzz/fuzz-NAME.c, defining LLVMFuzzerTestOneInput(); its seed corpus is
 * fuzz/corpus/NAME/; adding it to FUZZ_TARGETS in fuzz/local.mk is the one
 * line that builds and runs it (make fuzz, .ci/run).
 */
#ifndef TURBOTOP_FUZZ_H
#define TURBOTOP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A finding that is not a crash: abort, so libFuzzer saves the input. */
#define FUZZ_CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)

#endif
