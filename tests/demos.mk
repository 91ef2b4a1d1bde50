# Tests of The demo suite (issue 3).
