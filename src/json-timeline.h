/* json-timeline.h: the timeline's fields in batch JSON records. */
#ifndef TURBOTOP_JSON_TIMELINE_H
#define TURBOTOP_JSON_TIMELINE_H

struct json;
struct sampler;
struct proc_sample;

void	json_timeline(struct json *, const struct sampler *);
void	json_proc_timeline(struct json *, const struct sampler *,
	    const struct proc_sample *, int);

#endif
