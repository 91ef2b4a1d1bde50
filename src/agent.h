/*
 * agent.h: turbotop --agent, a host's event stream for cluster mode
 * (agent.c).
 */
#ifndef TURBOTOP_AGENT_H
#define TURBOTOP_AGENT_H

#include "options.h"

int	 agent_main(const struct options *);

#endif
