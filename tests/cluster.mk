# Cluster mode (issue 14): a lab of hosts in network namespaces on this
# machine (tests/lab-lib.sh), each with a real sshd; mpirun across them.
TESTS += tests/cluster-mpi.sh
EXTRA_DIST += tests/lab-lib.sh tests/cluster-mpi.sh
