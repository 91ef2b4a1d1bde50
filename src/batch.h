/* batch.h: batch mode. */
#ifndef TURBOTOP_BATCH_H
#define TURBOTOP_BATCH_H

struct options;

int	batch_main(const struct options *);

#endif
