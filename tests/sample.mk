# Tests of Sampling and batch mode (issue 4).
