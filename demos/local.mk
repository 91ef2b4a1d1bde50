# The demo suite (issue 3): one short program per demo, installed in
# $(pkglibexecdir) where the installed turbotop looks for them.
