/*
 * options.c: parse the command line into struct options with getopt_long.
 * Parsing never exits: errors come back as a message in *cause, so the caller
 * decides how to report them and tests can check them.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "util.h"

enum {
	OPT_BENCH = 256,
	OPT_REPEAT,
	OPT_BENCH_FLOOR,
	OPT_BENCH_OUT,
	OPT_ALL,
	OPT_PTY,
	OPT_LINES,
	OPT_GRACE,
	OPT_TIMELINE,
	OPT_THREADS,
	OPT_REPLAY,
	OPT_AGENT,
	OPT_HOSTS,
	OPT_HOSTFILE,
	OPT_RSH
};

static const struct option long_options[] = {
	{ "batch",	no_argument,		NULL, 'b' },
	{ "delay",	required_argument,	NULL, 'd' },
	{ "iterations",	required_argument,	NULL, 'n' },
	{ "format",	required_argument,	NULL, 'f' },
	{ "list",	no_argument,		NULL, 'l' },
	{ "script",	required_argument,	NULL, 's' },
	{ "record",	required_argument,	NULL, 'r' },
	{ "bench",	required_argument,	NULL, OPT_BENCH },
	{ "repeat",	required_argument,	NULL, OPT_REPEAT },
	{ "bench-out",	required_argument,	NULL, OPT_BENCH_OUT },
	{ "bench-floor", required_argument,	NULL, OPT_BENCH_FLOOR },
	{ "all",	no_argument,		NULL, OPT_ALL },
	{ "pty",	no_argument,		NULL, OPT_PTY },
	{ "lines",	required_argument,	NULL, OPT_LINES },
	{ "grace",	required_argument,	NULL, OPT_GRACE },
	{ "timeline",	required_argument,	NULL, OPT_TIMELINE },
	{ "threads",	no_argument,		NULL, OPT_THREADS },
	{ "replay",	required_argument,	NULL, OPT_REPLAY },
	{ "agent",	optional_argument,	NULL, OPT_AGENT },
	{ "hosts",	required_argument,	NULL, OPT_HOSTS },
	{ "hostfile",	required_argument,	NULL, OPT_HOSTFILE },
	{ "rsh",	required_argument,	NULL, OPT_RSH },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL,		0,			NULL, 0 }
};

/*
 * Plain decimal only: digits, at most one '.', at least one digit. strtod()
 * alone would take " 1", "+1", "0x10", "1e3", "inf" and "nan".
 */
static int
is_decimal(const char *s, int fraction)
{
	int	digits = 0, dot = 0;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '.' && fraction && !dot)
			dot = 1;
		else
			return 0;
	}
	return digits > 0;
}

/* Parse a decimal number of seconds in [min, max]; 0 on success. */
int
options_parse_seconds(const char *s, double min, double max, double *out)
{
	char	*end;
	double	 v;

	if (!is_decimal(s, 1))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !isfinite(v))
		return -1;
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Parse a decimal integer (digits only) in [min, max]; 0 on success. */
int
options_parse_long(const char *s, long min, long max, long *out)
{
	char	*end;
	long	 v;

	if (!is_decimal(s, 0))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int
parse_format(const char *s, enum format *out)
{
	if (strcmp(s, "text") == 0)
		*out = FORMAT_TEXT;
	else if (strcmp(s, "csv") == 0)
		*out = FORMAT_CSV;
	else if (strcmp(s, "json") == 0)
		*out = FORMAT_JSON;
	else
		return -1;
	return 0;
}

static int
parse_timeline(const char *s, enum timeline_mode *out)
{
	if (strcmp(s, "auto") == 0)
		*out = TIMELINE_AUTO;
	else if (strcmp(s, "exact") == 0)
		*out = TIMELINE_EXACT;
	else if (strcmp(s, "sampled") == 0)
		*out = TIMELINE_SAMPLED;
	else
		return -1;
	return 0;
}

/*
 * getopt's own messages (opterr is 0 so that parsing never prints), worded as
 * glibc's, which coreutils print: c is ':' (missing argument) or '?', elem the
 * argv element getopt was reading.
 */
static void
option_error(int c, const char *elem, char **cause)
{
	size_t	len = strcspn(elem, "=");

	if (strncmp(elem, "--", 2) != 0) {
		if (c == ':')
			xasprintf(cause, "option requires an argument -- '%c'",
			    optopt);
		else
			xasprintf(cause, "invalid option -- '%c'", optopt);
	} else if (c == ':')
		xasprintf(cause, "option '%s' requires an argument", elem);
	else if (optopt != 0 && elem[len] == '=')
		xasprintf(cause, "option '%.*s' doesn't allow an argument",
		    (int)len, elem);
	else
		xasprintf(cause, "unrecognized option '%s'", elem);
}

/*
 * Fill o from argv. Returns 0, or -1 with a malloc'd message in *cause.
 * A leading '+' in the option string stops parsing at the first non-option.
 */
int
options_parse(struct options *o, int argc, char **argv, char **cause)
{
	long	 n;
	int	 c, at;

	memset(o, 0, sizeof *o);
	o->delay = -1;
	o->max_lines = LINES_DEFAULT;
	o->repeat = REPEAT_DEFAULT;
	o->bench_floor = BENCH_FLOOR_DEFAULT;
	o->grace = 2.0;
	o->full_argc = argc;
	o->full_argv = argv;
	*cause = NULL;

	optind = 0;	/* glibc: full reinitialisation, so tests can parse twice */
	opterr = 0;
	/*
	 * '+': stop at the first non-option; ':': tell a missing argument from
	 * an unknown option. argv[at] is the element being read: glibc moves
	 * optind past "-bd" only once its last letter is taken.
	 */
	for (;;) {
		at = optind > 0 ? optind : 1;
		c = getopt_long(argc, argv, "+:bd:n:f:ls:r:hV", long_options,
		    NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'b':
			o->batch = 1;
			break;
		case 'd':
			if (options_parse_seconds(optarg, DELAY_MIN, DELAY_MAX,
			    &o->delay) != 0) {
				xasprintf(cause, "invalid delay '%s': give seconds "
				    "from %g to %g, e.g. -d 0.5", optarg,
				    DELAY_MIN, DELAY_MAX);
				return -1;
			}
			break;
		case 'n':
			if (options_parse_long(optarg, 1, 1000000000L,
			    &o->iterations) != 0) {
				xasprintf(cause, "invalid number of iterations "
				    "'%s': give a positive integer", optarg);
				return -1;
			}
			break;
		case 'f':
			if (parse_format(optarg, &o->format) != 0) {
				xasprintf(cause, "invalid format '%s': give text, "
				    "csv or json", optarg);
				return -1;
			}
			break;
		case 'l':
			o->list = 1;
			break;
		case 's':
			o->script = optarg;
			break;
		case 'r':
			o->record = optarg;
			break;
		case OPT_BENCH:
			o->bench = optarg;
			break;
		case OPT_REPEAT:
			if (options_parse_long(optarg, 1, 1000, &n) != 0) {
				xasprintf(cause, "invalid repeat count '%s': give "
				    "an integer from 1 to 1000", optarg);
				return -1;
			}
			o->repeat = (int)n;
			break;
		case OPT_BENCH_OUT:
			o->bench_out = optarg;
			break;
		case OPT_BENCH_FLOOR:
			if (options_parse_seconds(optarg, 0, 3600,
			    &o->bench_floor) != 0) {
				xasprintf(cause, "invalid floor '%s': give "
				    "seconds from 0 (off) to 3600", optarg);
				return -1;
			}
			break;
		case OPT_ALL:
			o->all = 1;
			break;
		case OPT_PTY:
			o->pty = 1;
			break;
		case OPT_LINES:
			if (options_parse_long(optarg, 10, 10000000L,
			    &o->max_lines) != 0) {
				xasprintf(cause, "invalid line count '%s': give "
				    "an integer from 10 to 10000000", optarg);
				return -1;
			}
			break;
		case OPT_GRACE:
			if (options_parse_seconds(optarg, 0, 60, &o->grace) != 0) {
				xasprintf(cause, "invalid grace period '%s': give "
				    "seconds from 0 to 60", optarg);
				return -1;
			}
			break;
		case OPT_TIMELINE:
			if (parse_timeline(optarg, &o->timeline) != 0) {
				xasprintf(cause, "invalid timeline '%s': give "
				    "auto, exact or sampled", optarg);
				return -1;
			}
			break;
		case OPT_THREADS:
			o->threads = 1;
			break;
		case OPT_REPLAY:
			o->replay = optarg;
			break;
		case OPT_AGENT:
			o->agent = 1;
			o->agent_marker = optarg;
			break;
		case OPT_HOSTS:
			o->hosts = optarg;
			break;
		case OPT_HOSTFILE:
			o->hostfile = optarg;
			break;
		case OPT_RSH:
			o->rsh = optarg;
			break;
		case 'h':
			o->help = 1;
			break;
		case 'V':
			o->version = 1;
			break;
		default:
			option_error(c, argv[at], cause);
			return -1;
		}
	}

	if (optind > 0 && optind <= argc &&
	    strcmp(argv[optind - 1], "--") == 0)
		o->is_command = 1;
	o->argc = argc - optind;
	o->argv = argv + optind;
	if (o->is_command && o->argc == 0) {
		xasprintf(cause, "'--' must be followed by a command");
		return -1;
	}
	return 0;
}

/* The delay the user asked for, or the mode's default. */
double
options_delay(const struct options *o, double mode_default)
{
	return o->delay > 0 ? o->delay : mode_default;
}

void
options_usage(FILE *f)
{
	fprintf(f,
	    "Usage: turbotop [OPTION]... [DEMO [DEMO-ARG]...]\n"
	    "  or:  turbotop [OPTION]... -- COMMAND [ARG]...\n");
}

void
options_help(FILE *f)
{
	options_usage(f);
	fprintf(f,
	    "Watch parallel programs use the cores: per-core load, which worker runs\n"
	    "on which core, their processes and their interleaved output.\n"
	    "\n"
	    "With no DEMO the TUI opens on the demo menu (or, with -b, samples the\n"
	    "whole machine like top -b). Options stop at the first non-option.\n"
	    "\n"
	    "  -b, --batch            no TUI: write records on standard output\n"
	    "  -d, --delay=SECS       seconds between samples (0.05 and up; batch 1, TUI 0.5)\n"
	    "  -n, --iterations=N     stop after N samples (and stop the demo)\n"
	    "  -f, --format=FMT       batch records as text, csv or json (one object a line)\n"
	    "  -l, --list             list the demos, one a line, and exit\n"
	    "      --all              show every process, not only the demo's or the busiest\n"
	    "      --pty              give the demo a terminal (output attributed per group)\n"
	    "      --lines=N          output lines kept per demo (default %d)\n"
	    "      --grace=SECS       wait between SIGTERM and SIGKILL on stop (default 2)\n"
	    "      --timeline=MODE    auto, exact (the scheduler trace: root or CAP_PERFMON)\n"
	    "                         or sampled (every 20 ms); default auto\n"
	    "      --threads          batch records list each thread too\n"
	    "  -s, --script=FILE      play a lesson script\n"
	    "  -r, --record=FILE      record the TUI session as an asciicast v2 file\n"
	    "      --bench=LIST       run DEMO with each worker count in LIST (1,2,4 or 1-8)\n"
	    "      --repeat=N         runs per worker count in --bench (default %d)\n"
	    "      --bench-out=FILE   write the speedup chart as SVG\n"
	    "      --bench-floor=SECS shortest run worth timing (default %g; 0: off):\n"
	    "                         a demo's workload grows to it, a command is warned\n"
	    "      --replay=FILE      play a recorded -f json stream (- for stdin);\n"
	    "                         with -b, convert it to -f text, csv or json\n"
	    "      --hosts=H1[:N],H2  cluster mode: watch these hosts (N slots each) and\n"
	    "                         run DEMO across them (mpicompute: with mpirun)\n"
	    "      --hostfile=FILE    the hosts from an Open MPI hostfile (H slots=N)\n"
	    "      --rsh=CMD          how to reach a host (default: ssh -o BatchMode=yes);\n"
	    "                         turbotop must be installed on each host\n"
	    "      --agent            a host's side of cluster mode: the event stream on\n"
	    "                         standard output until standard input closes\n"
	    "  -h, --help             display this help and exit\n"
	    "  -V, --version          output version information and exit\n"
	    "\n"
	    "Environment: TURBOTOP_DEMO_DIR overrides where the demos are found;\n"
	    "NO_COLOR turns colours off.\n"
	    "\n"
	    "Examples:\n"
	    "  turbotop                       open the demo menu\n"
	    "  turbotop waste -w 4            watch four workers waste CPU cycles\n"
	    "  turbotop -b -n 3 -f json       three JSON samples of the whole machine\n"
	    "  turbotop --bench=1-4 pmap      speedup of pmap with 1 to 4 workers\n"
	    "  turbotop -- python3 my.py      watch any command\n"
	    "\n"
	    "Report bugs to: %s\n", LINES_DEFAULT, REPEAT_DEFAULT,
	    BENCH_FLOOR_DEFAULT, PACKAGE_BUGREPORT);
}
