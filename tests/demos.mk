# Tests of the demo suite (issue 3): one integration script per demo, each
# asserting the demo's lesson, plus the plumbing every demo shares.
DEMO_TESTS = \
	tests/demo-welcome.sh \
	tests/demo-counting.sh \
	tests/demo-waste.sh \
	tests/demo-lock.sh \
	tests/demo-compute.sh \
	tests/demo-queue.sh \
	tests/demo-pipe.sh \
	tests/demo-pmap.sh \
	tests/demo-coremsg.sh \
	tests/demo-gil.sh \
	tests/demo-exchange.sh \
	tests/demo-signals.sh \
	tests/demo-options.sh
TESTS += $(DEMO_TESTS)
EXTRA_DIST += $(DEMO_TESTS)
