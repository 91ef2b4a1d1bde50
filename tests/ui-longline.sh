#!/bin/bash
# ui-longline.sh: a result line longer than the output pane is never cut
# silently, at 120x40 (the pane beside the process table) and at 80x24. It
# wraps, its continued rows marked, and the rows put together give the line
# whole; c chops it instead, with a marker at the edge, and Right scrolls
# to its end (a marker at the left then); compute's sum, its longest
# result, reads whole in the pane. Run with LC_ALL=C: ASCII glyphs
# ("|" separates the label, "+" marks a continued row, "<" ">" the edges).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

dir=$(mk_tmpdir)
LONG="parallel computed sum: 1122951832280201719977576891133383729824504832270000, then more words and numbers 0123456789 up to the END-OF-THE-LINE"
cat > "$dir/gen.sh" <<GEN
i=1
while [ \$i -le 30 ]; do echo "line \$i"; i=\$((i + 1)); done
echo "$LONG"
echo "short after"
exec sleep 600
GEN

# out_lines X W: the output pane's lines (pane at column X, W wide, from
# the row under its title), each continued row appended to its line.
out_lines() {
	tt_capture | head -n -1 | awk -v x="$1" -v w="$2" '
		!started { if (index($0, "- Output")) started = 1; next }
		{
			sep = substr($0, x + 8, 1); text = substr($0, x + 9)
			if (sep == "+" && have) {
				line = sprintf("%-" (rows * (w - 8)) "s", line) text
				rows++
			} else if (sep == "|" || sep == "!") {
				if (have) print line
				line = text; have = 1; rows = 1
			}
		}
		END { if (have) print line }'
}
has_line() { out_lines "$1" "$2" | grep -qxF -- "$3"; }
# The row (pane at X) whose text starts with $3: its text, unjoined.
row_text() { tt_capture | cut -c "$(($1 + 9))-" | grep -F -- "$2" | head -1; }

phase=0
next_server() {
	tt_send q
	wait_until 15 tt_pane_dead || fail "q did not quit"
	tt kill-server
	phase=$((phase + 1))
	TT_SOCK="${TT_SOCK%-p*}-p$phase"
}

check_size() {
	local W=$1 H=$2 X=$3 PW=$4 i row
	tt_start "$W" "$H" "LC_ALL=C $TURBOTOP -d 0.2 -- sh $dir/gen.sh"
	tt_wait_text "short after" 20
	pgid=$(tt_capture | grep -oE 'pgid [0-9]+' | head -1 | awk '{ print $2 }')
	[ -n "$pgid" ] && cleanup_pid "$pgid"

	# Wrapped: the rows put together are the line, and a row is marked.
	wait_until 10 has_line "$X" "$PW" "$LONG" ||
		{ tt_capture >&2; out_lines "$X" "$PW" >&2; fail "${W}x$H: the long line is not whole"; }
	tt_capture | cut -c "$((X + 8))" | grep -qx '+' ||
		fail "${W}x$H: no continued row is marked"

	# Chopped: a marker at the right edge; Right scrolls to the line's end.
	tt_send c
	tt_wait_text "chopped" 10
	row=$(row_text "$X" "parallel computed sum")
	[ "${row: -1}" = ">" ] || fail "${W}x$H: chopped line without an edge marker: '$row'"
	for i in $(seq 1 20); do
		tt_has_text "END-OF-THE-LINE" && break
		tt_send Right
		sleep 0.2
	done
	tt_wait_text "END-OF-THE-LINE" 10
	tt_wait_text "col " 5
	tt_capture | grep -F "END-OF-THE-LINE" | cut -c "$((X + 8))" | grep -qx '<' ||
		{ tt_capture >&2; fail "${W}x$H: scrolled line without a left marker"; }
	for i in $(seq 1 20); do tt_send Left; done
	wait_until 10 sh -c "! tmux -L '$TT_SOCK' capture-pane -p -t t | grep -q 'col [0-9]'" ||
		fail "${W}x$H: Left did not scroll back"
	tt_send c
	wait_until 10 has_line "$X" "$PW" "$LONG" || fail "${W}x$H: c did not wrap again"
	next_server

	# compute's sum, as the demo prints it, reads whole in the pane.
	[ -x "$DEMOS/compute" ] || return 0
	sum=$("$DEMOS/compute" | grep '^parallel computed sum: ') || fail "compute: no sum"
	tt_start "$W" "$H" "LC_ALL=C $TURBOTOP -d 0.2 compute"
	tt_wait_text "EXITED" 60
	wait_until 10 has_line "$X" "$PW" "$sum" ||
		{ tt_capture >&2; fail "${W}x$H: compute's sum is not whole: $sum"; }
	next_server
}

check_size 120 40 61 59
check_size 80 24 0 80
exit 0
