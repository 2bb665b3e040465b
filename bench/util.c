// SPDX-License-Identifier: GPL-2.0
/* clusnet-bench: errors, the TSC timer, CPU pinning, small conversions. */
#include "bench.h"

int failed;
double ns_per_tick;
double timer_ns;

void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "clusnet-bench: FAIL: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	failed = 1;
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "clusnet-bench: fatal: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void calibrate(void)
{
#if defined(__x86_64__) || defined(__i386__)
	double t0 = mono_s(), t1;
	uint64_t c0 = ticks(), c1;
	struct timespec d = { 0, 300 * 1000 * 1000 };

	nanosleep(&d, NULL);
	t1 = mono_s();
	c1 = ticks();
	ns_per_tick = (t1 - t0) * 1e9 / (double)(c1 - c0);
#else
	ns_per_tick = 1.0;
#endif
}

void pin(int cpu)
{
	cpu_set_t s;

	CPU_ZERO(&s);
	CPU_SET(cpu, &s);
	sched_setaffinity(0, sizeof(s), &s);
}

void to_utf16(const char *s, WCHAR *out, size_t n)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < n; i++)
		out[i] = (unsigned char)s[i];
	out[i] = 0;
}

double read_uptime(void)
{
	double u = 0;
	FILE *f = fopen("/proc/uptime", "r");

	if (f) {
		if (fscanf(f, "%lf", &u) != 1)
			u = 0;
		fclose(f);
	}
	return u;
}
