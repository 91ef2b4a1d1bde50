#!/bin/bash
# sanitize-all.sh: one sanitiser for every string that reaches the terminal,
# a record or stderr, not only a demo's output (issue 15). v1 let through a
# command path with OSC 0 (the "exit:" line of -b -f text), U+009B and U+202E
# in the JSON "demo" field, C1 and bidi controls in lesson say/title text, and
# raw bytes in error messages (unknown demo, unknown lesson command).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

dir=$(mk_tmpdir)
ESC=$'\033'
BEL=$'\a'
OSC=$'\033]0;PWN\a'
CSI1=$'\xc2\x9b'	# U+009B, the one-byte CSI of C1
RLO=$'\xe2\x80\xae'	# U+202E RIGHT-TO-LEFT OVERRIDE

# raw FILE WHAT: fail if FILE holds ESC, BEL, U+009B or U+202E as bytes.
raw() {
	if LC_ALL=C grep -qaE "[$ESC$BEL]|$CSI1|$RLO" "$1"; then
		od -c "$1" | head -20 >&2
		fail "$2 reached its reader raw"
	fi
}

# An error message that echoes the user's bytes.
"$TURBOTOP" "x${OSC}y${CSI1}z${RLO}" > "$dir/out" 2> "$dir/err"
[ $? = 2 ] || fail "an unknown demo was accepted"
grep -q "unknown demo" "$dir/err" || fail "no 'unknown demo' message: $(cat -v "$dir/err")"
grep -qF '^[]0;PWN^G' "$dir/err" || fail "the escape is not shown visibly: $(cat -v "$dir/err")"
raw "$dir/err" "an unknown demo's name"

# A command path with escapes, C1 and bidi: the text and JSON records.
evil="$dir/run${OSC}${CSI1}${RLO}me"
ln -s /bin/true "$evil" || skip "cannot make the file name"
for f in text json csv; do
	"$TURBOTOP" -b -f "$f" -n 2 -d 0.1 -- "$evil" > "$dir/out.$f" 2> "$dir/err.$f"
	raw "$dir/out.$f" "a command path in -f $f"
	raw "$dir/err.$f" "a command path on stderr (-f $f)"
done
grep -q '^exit: ' "$dir/out.text" || fail "no exit line in the text records"
python3 -c 'import json, sys
for l in open(sys.argv[1]):
    json.loads(l)' "$dir/out.json" || fail "the JSON records do not parse"

# Lesson text with C1 and bidi controls, and an unknown command that holds one.
printf 'title T%s\nsay a%sb%sc\nrun -- true\nwait exit 10s\n' "$CSI1" "$RLO" "$CSI1" > "$dir/l.lesson"
for f in text json; do
	"$TURBOTOP" -b -f "$f" -d 0.1 -s "$dir/l.lesson" > "$dir/lesson.$f" 2> "$dir/lesson-err.$f"
	grep -q "a.*b.*c" "$dir/lesson.$f" || fail "the say text is missing (-f $f): $(cat -v "$dir/lesson.$f" | head)"
	raw "$dir/lesson.$f" "lesson text in -f $f"
	raw "$dir/lesson-err.$f" "lesson text on stderr"
done
printf 'w%sait 1s\n' "$CSI1" > "$dir/bad.lesson"
"$TURBOTOP" -b -s "$dir/bad.lesson" > /dev/null 2> "$dir/bad-err"
[ $? = 2 ] || fail "a lesson with an unknown command was accepted"
grep -q "unknown command" "$dir/bad-err" || fail "no 'unknown command': $(cat -v "$dir/bad-err")"
raw "$dir/bad-err" "an unknown lesson command"
exit 0
