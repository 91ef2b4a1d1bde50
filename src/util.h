/* util.h: small helpers every module uses: checked allocation, fatal errors, clocks, PATH. */
#ifndef TURBOTOP_UTIL_H
#define TURBOTOP_UTIL_H

#include <stddef.h>
#include <stdarg.h>

#define nitems(a) (sizeof (a) / sizeof (a)[0])

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...) __attribute__((format(printf, 2, 3)));

/* Hook run before a fatal exit, so the UI can restore the terminal first. */
void	 util_set_fatal_hook(void (*)(void));
void	 fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));
void	 fatalx(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

char	*util_find_program(const char *);	/* PATH lookup, as execvp() */
int	 util_close_stdout(void);	/* 0, or 1 after "write error" on stderr */

/*
 * SIGINT, SIGTERM and SIGHUP only write to a self-pipe, whose read end
 * (nonblocking, close-on-exec) is returned for the caller's poll; SIGPIPE
 * is ignored (a closed output shows as EPIPE). With restart (SA_RESTART)
 * a write in progress is not cut short. -1 (errno) without a pipe.
 */
int	 util_stop_signals(int restart);

double	 now_mono(void);	/* CLOCK_MONOTONIC, seconds */
double	 now_real(void);	/* CLOCK_REALTIME, seconds since the epoch */

#endif
