# Tests of The TUI, driven in tmux (issue 6).
