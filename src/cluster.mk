# Cluster mode (issue 14): host lists and the rsh, the agent a host runs,
# the agents' streams merged (cluster.c), mpirun's command line, batch,
# the TUI across hosts (the batch stream played live); a demo started by
# name (demo-start.c: mpicompute under mpirun on this machine).
src_libturbotop_a_SOURCES += \
	src/demo-start.c src/demo-start.h \
	src/host.c src/host.h \
	src/agent.c src/agent.h \
	src/cluster.c src/cluster.h \
	src/cluster-mpi.c \
	src/cluster-batch.c \
	src/cluster-tui.c
