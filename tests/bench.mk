# Tests of Visual benchmarking (issue 8).
