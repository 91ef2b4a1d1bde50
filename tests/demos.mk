# Tests of the demo suite (issue 3): one integration script per demo, each
# asserting the demo's lesson, plus the plumbing every demo shares.
DEMO_TESTS = \
	tests/demo-welcome.sh \
	tests/demo-counting.sh \
	tests/demo-waste.sh \
	tests/demo-lock.sh
TESTS += $(DEMO_TESTS)
EXTRA_DIST += $(DEMO_TESTS)
