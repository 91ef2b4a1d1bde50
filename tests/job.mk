# Tests of Supervision and output capture (issue 5).
