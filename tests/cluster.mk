# Cluster mode (issue 14). cluster-cli: host names and the rsh validated.
# The others run a lab of hosts in network namespaces on this machine
# (tests/lab-lib.sh), each with a real sshd, and mpirun across them.
TESTS += tests/cluster-cli.sh tests/cluster-batch.sh tests/cluster-fault.sh
EXTRA_DIST += tests/lab-lib.sh tests/cluster-cli.sh tests/cluster-batch.sh \
	tests/cluster-fault.sh
