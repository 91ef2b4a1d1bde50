# Tests of The TUI, driven in tmux (issue 6): the real binary in a private
# tmux server; screens compared with tests/screens/ where deterministic.
TESTS += tests/ui-screens.sh tests/ui-waste.sh tests/ui-resize.sh tests/ui-plain.sh tests/ui-output.sh
EXTRA_DIST += tests/ui-lib.sh tests/ui-screens.sh tests/ui-waste.sh \
	tests/ui-resize.sh tests/ui-plain.sh tests/ui-output.sh \
	tests/screens/menu-120x40 tests/screens/menu-waste-120x40 \
	tests/screens/help-120x40 tests/screens/menu-80x24
