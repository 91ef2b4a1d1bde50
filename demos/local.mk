# The demo suite (issue 3): one short program per demo, installed in
# $(pkglibexecdir) where the installed turbotop looks for them. The plumbing
# they share (options, output, worker processes, signals) is demos/libdemo.a.

noinst_LIBRARIES += demos/libdemo.a
demos_libdemo_a_SOURCES = demos/demo-common.c demos/demo-common.h

DEMO_LIBS = demos/libdemo.a $(PTHREAD_LIBS) $(LIBS)

pkglibexec_PROGRAMS += demos/welcome demos/counting demos/waste demos/lock \
	demos/queue demos/pipe demos/compute demos/pmap demos/coremsg demos/gil \
	demos/exchange

demos_welcome_SOURCES = demos/welcome.c
demos_welcome_LDADD = $(DEMO_LIBS)
demos_counting_SOURCES = demos/counting.c
demos_counting_LDADD = $(DEMO_LIBS)
demos_waste_SOURCES = demos/waste.c
demos_waste_LDADD = $(DEMO_LIBS)
demos_lock_SOURCES = demos/lock.c
demos_lock_LDADD = $(DEMO_LIBS)
demos_queue_SOURCES = demos/queue.c
demos_queue_LDADD = $(DEMO_LIBS)
demos_pipe_SOURCES = demos/pipe.c
demos_pipe_LDADD = $(DEMO_LIBS)
demos_compute_SOURCES = demos/compute.c demos/compute-sum.c demos/compute-sum.h
demos_compute_LDADD = $(DEMO_LIBS) $(GMP_LIBS)

# The same sum over MPI ranks on several hosts (issue 14): only with Open MPI
# (configure --without-mpi leaves it out; turbotop then says so).
if HAVE_MPI
pkglibexec_PROGRAMS += demos/mpicompute
demos_mpicompute_SOURCES = demos/mpicompute.c demos/compute-sum.c \
	demos/compute-sum.h
demos_mpicompute_CFLAGS = $(AM_CFLAGS) $(MPI_CFLAGS)
demos_mpicompute_LDADD = $(DEMO_LIBS) $(GMP_LIBS) $(MPI_LIBS)
else
EXTRA_DIST += demos/mpicompute.c
endif

demos_pmap_SOURCES = demos/pmap.c
demos_pmap_LDADD = $(DEMO_LIBS)
demos_coremsg_SOURCES = demos/coremsg.c
demos_coremsg_LDADD = $(DEMO_LIBS)
demos_gil_SOURCES = demos/gil.c
demos_gil_LDADD = $(DEMO_LIBS)
demos_exchange_SOURCES = demos/exchange.c
demos_exchange_LDADD = $(DEMO_LIBS)

# The compute benchmark and its python3 peer (make bench).
EXTRA_DIST += bench/bench-compute.sh bench/compute.py

# The Python twin of the exchange demo (issue 16), beside the article's other
# programs in examples/python.
pythonexchangedir = $(pkgdatadir)/examples/python
dist_pythonexchange_DATA = examples/python/exchange.py

# The students' guide to the demos.
EXTRA_DIST += demos/README
