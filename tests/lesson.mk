# Tests of Lessons and recordings (issue 7).
