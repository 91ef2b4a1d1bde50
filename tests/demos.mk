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

# Each demo launched from the menu with its defaults, as a class sees it
# (issue 12): its workers on the timeline, its result line whole.
UI_DEMO_TESTS = \
	tests/ui-demo-welcome.sh \
	tests/ui-demo-counting.sh \
	tests/ui-demo-waste.sh \
	tests/ui-demo-lock.sh \
	tests/ui-demo-queue.sh \
	tests/ui-demo-pipe.sh \
	tests/ui-demo-compute.sh \
	tests/ui-demo-pmap.sh \
	tests/ui-demo-coremsg.sh \
	tests/ui-demo-gil.sh \
	tests/ui-demo-exchange.sh
TESTS += $(UI_DEMO_TESTS)
EXTRA_DIST += $(UI_DEMO_TESTS) tests/ui-demo-lib.sh
