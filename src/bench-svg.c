/*
 * bench-svg.c: draw the speedup chart as a standalone SVG file: speedup
 * against workers, the measured medians with their min-max range, the ideal
 * line S = K and the fitted Amdahl curve, with axes, ticks, labels and a
 * legend; the machine's core count under the title and, when some worker
 * counts go beyond it, a line at K = cores with that side shaded. Numbers are written in the C locale whatever the user's is.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>

#include "bench-stats.h"
#include "bench-svg.h"

#define W		720
#define H		480
#define LEFT		70
#define RIGHT		30
#define TOP		60
#define BOTTOM		60
#define PW		(W - LEFT - RIGHT)
#define PH		(H - TOP - BOTTOM)
#define CURVE_STEPS	200

struct chart {
	FILE	*f;
	double	 xmax, ymax;
};

static double
px(const struct chart *c, double k)
{
	return LEFT + PW * k / c->xmax;
}

static double
py(const struct chart *c, double s)
{
	return TOP + PH - PH * s / c->ymax;
}

/* A tick step of 1, 2 or 5 times a power of ten giving at most ~max ticks. */
static double
tick_step(double range, int max)
{
	double	raw = range / max, p = pow(10, floor(log10(raw)));

	if (raw <= p)
		return p;
	if (raw <= 2 * p)
		return 2 * p;
	if (raw <= 5 * p)
		return 5 * p;
	return 10 * p;
}

/* Length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static size_t
utf8_len(const unsigned char *s)
{
	size_t	n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	}
	/* No overlong forms, surrogates or code points past U+10FFFF. */
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
		return 0;
	return n;
}

/*
 * Write s as XML text: special characters escaped, control characters
 * dropped, bytes that are not UTF-8 written as '?'.
 */
static void
put_escaped(FILE *f, const char *s)
{
	size_t	n;

	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x80) {
			if ((n = utf8_len((const unsigned char *)s)) == 0)
				fputc('?', f);
			else {
				fwrite(s, 1, n, f);
				s += n - 1;
			}
			continue;
		}
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			if ((unsigned char)*s >= 0x20)
				fputc(*s, f);
			break;
		}
	}
}

static void
draw_axes(struct chart *c)
{
	FILE	*f = c->f;
	double	 step, v;

	fprintf(f, "<g stroke=\"#ddd\" stroke-width=\"1\">\n");
	step = tick_step(c->xmax, 12);
	if (step < 1)
		step = 1;
	for (v = 0; v <= c->xmax + 1e-9; v += step)
		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n",
		    px(c, v), TOP, px(c, v), TOP + PH);
	step = tick_step(c->ymax, 8);
	for (v = 0; v <= c->ymax + 1e-9; v += step)
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n",
		    LEFT, py(c, v), LEFT + PW, py(c, v));
	fprintf(f, "</g>\n");

	fprintf(f, "<g font-family=\"sans-serif\" font-size=\"13\" "
	    "fill=\"#333\">\n");
	step = tick_step(c->xmax, 12);
	if (step < 1)
		step = 1;
	for (v = 0; v <= c->xmax + 1e-9; v += step)
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
		    "%g</text>\n", px(c, v), TOP + PH + 18, v);
	step = tick_step(c->ymax, 8);
	for (v = 0; v <= c->ymax + 1e-9; v += step)
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">"
		    "%g</text>\n", LEFT - 8, py(c, v) + 4, v);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
	    "font-size=\"15\">workers K</text>\n", LEFT + PW / 2, H - 15);
	fprintf(f, "<text transform=\"translate(18 %d) rotate(-90)\" "
	    "text-anchor=\"middle\" font-size=\"15\">"
	    "speedup S(K) = T(1) / T(K)</text>\n", TOP + PH / 2);
	fprintf(f, "</g>\n");
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
	    "fill=\"none\" stroke=\"#333\"/>\n", LEFT, TOP, PW, PH);
}

/* K = cores: a line, the side beyond shaded (more workers than cores). */
static void
draw_cores(struct chart *c, int cores)
{
	FILE	*f = c->f;

	if (cores < 1 || cores >= c->xmax)
		return;
	fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
	    "fill=\"#f3e9d2\" fill-opacity=\"0.6\"/>\n", px(c, cores), TOP,
	    px(c, c->xmax) - px(c, cores), PH);
	fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
	    "stroke=\"#b07d2b\" stroke-width=\"1.5\" "
	    "stroke-dasharray=\"3 3\"/>\n", px(c, cores), TOP, px(c, cores),
	    TOP + PH);
	fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-family=\"sans-serif\" "
	    "font-size=\"12\" fill=\"#8a5a12\">%d core%s: more workers than "
	    "cores past this line</text>\n", px(c, cores) + 5, TOP + PH - 8,
	    cores, cores == 1 ? "" : "s");
}

static void
draw_lines(struct chart *c, double fit)
{
	FILE	*f = c->f;
	double	 k;
	int	 i;

	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	    "stroke=\"#888\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n",
	    px(c, 1), py(c, 1), px(c, fmin(c->xmax, c->ymax)),
	    py(c, fmin(c->xmax, c->ymax)));
	if (isnan(fit))
		return;
	fprintf(f, "<polyline fill=\"none\" stroke=\"#1f6fb4\" "
	    "stroke-width=\"2\" points=\"");
	for (i = 0; i <= CURVE_STEPS; i++) {
		k = 1 + (c->xmax - 1) * i / CURVE_STEPS;
		fprintf(f, "%s%.1f,%.1f", i == 0 ? "" : " ", px(c, k),
		    py(c, bench_amdahl(fit, k)));
	}
	fprintf(f, "\"/>\n");
}

static void
draw_points(struct chart *c, const struct bench_point *p, size_t n)
{
	FILE	*f = c->f;
	size_t	 i;

	fprintf(f, "<g stroke=\"#c0392b\" fill=\"#c0392b\" "
	    "stroke-width=\"2\">\n");
	for (i = 0; i < n; i++) {
		if (isnan(p[i].speedup))
			continue;
		if (p[i].speedup_hi > p[i].speedup_lo)
			fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			    "y2=\"%.1f\"/>\n", px(c, p[i].workers),
			    py(c, p[i].speedup_lo), px(c, p[i].workers),
			    py(c, p[i].speedup_hi));
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\"><title>"
		    "K=%d: speedup %.2f, efficiency %.2f, median %.3f s"
		    "</title></circle>\n", px(c, p[i].workers),
		    py(c, p[i].speedup), p[i].workers, p[i].speedup,
		    p[i].efficiency, p[i].wall_median);
	}
	fprintf(f, "</g>\n");
}

static void
draw_legend(struct chart *c, double fit)
{
	FILE	*f = c->f;
	int	 x = LEFT + 14, y = TOP + 20;

	fprintf(f, "<g font-family=\"sans-serif\" font-size=\"13\" "
	    "fill=\"#333\">\n");
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"250\" height=\"66\" "
	    "fill=\"white\" fill-opacity=\"0.85\" stroke=\"#bbb\"/>\n",
	    x - 8, y - 14);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#888\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n",
	    x, y - 4, x + 24, y - 4);
	fprintf(f, "<text x=\"%d\" y=\"%d\">ideal: S = K</text>\n", x + 32, y);
	y += 20;
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#1f6fb4\" stroke-width=\"2\"/>\n", x, y - 4, x + 24, y - 4);
	if (isnan(fit))
		fprintf(f, "<text x=\"%d\" y=\"%d\">Amdahl fit: needs K &gt; 1"
		    "</text>\n", x + 32, y);
	else
		fprintf(f, "<text x=\"%d\" y=\"%d\">Amdahl fit: serial "
		    "fraction f = %.3f</text>\n", x + 32, y, fit);
	y += 20;
	fprintf(f, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"#c0392b\"/>\n",
	    x + 12, y - 4);
	fprintf(f, "<text x=\"%d\" y=\"%d\">measured: median, min-max</text>\n",
	    x + 32, y);
	fprintf(f, "</g>\n");
}

/*
 * Write the chart of the n points, with Amdahl's curve for serial fraction
 * fit (NAN: none), titled title, measured on a machine with cores cores
 * (0: not said). Returns 0, or -1 if writing failed.
 */
int
bench_svg_write(FILE *f, const struct bench_point *p, size_t n, double fit,
    const char *title, int cores)
{
	struct chart	 c = { f, 2, 2 };
	locale_t	 cloc, old = (locale_t)0;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (p[i].workers > c.xmax)
			c.xmax = p[i].workers;
		if (!isnan(p[i].speedup_hi) && p[i].speedup_hi > c.ymax)
			c.ymax = p[i].speedup_hi;
	}
	if (c.xmax > c.ymax)
		c.ymax = c.xmax;
	c.ymax *= 1.05;

	if ((cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0)) != (locale_t)0)
		old = uselocale(cloc);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\">\n", W, H, W, H);
	fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	fprintf(f, "<text x=\"%d\" y=\"28\" font-family=\"sans-serif\" "
	    "font-size=\"17\" text-anchor=\"middle\" fill=\"#111\">", W / 2);
	put_escaped(f, title);
	fprintf(f, "</text>\n");
	if (cores > 0)
		fprintf(f, "<text x=\"%d\" y=\"44\" font-family=\"sans-serif\" "
		    "font-size=\"13\" text-anchor=\"middle\" fill=\"#555\">"
		    "measured on a machine with %d core%s</text>\n", W / 2, cores,
		    cores == 1 ? "" : "s");
	draw_axes(&c);
	draw_cores(&c, cores);
	draw_lines(&c, fit);
	draw_points(&c, p, n);
	draw_legend(&c, fit);
	fprintf(f, "</svg>\n");
	if (cloc != (locale_t)0) {
		uselocale(old);
		freelocale(cloc);
	}
	fflush(f);
	return ferror(f) ? -1 : 0;
}
