# Cluster mode (issue 14). cluster-cli: host names and the rsh validated.
# cluster-synth: synthetic agents (cluster-synth.py behind a fake rsh) at
# 16 x 64 and 64 x 64, a silent host and a hostile one. The others run a lab
# of hosts in network namespaces on this machine (tests/lab-lib.sh), each
# with a real sshd, and mpirun across them. cluster-tui: the TUI across two
# hosts that are this machine (a fake rsh), quit and SIGKILLed.
# cluster-bench: --bench over ranks across such hosts.
TESTS += tests/cluster-cli.sh tests/cluster-synth.sh tests/cluster-batch.sh \
	tests/cluster-fault.sh tests/cluster-tui.sh tests/cluster-bench.sh
EXTRA_DIST += tests/lab-lib.sh tests/cluster-cli.sh tests/cluster-batch.sh \
	tests/cluster-fault.sh tests/cluster-synth.sh tests/cluster-synth.py \
	tests/cluster-tui.sh tests/cluster-bench.sh \
	tests/cluster-count.py
