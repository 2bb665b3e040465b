// SPDX-License-Identifier: GPL-2.0
/*
 * The clock, errors, the nodes' network namespaces, and the few commands
 * the cluster section runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "cluster-bench.h"

/* The guest's one CLOCK_MONOTONIC: every start and end point is on it. */
double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

void die(const char *what)
{
	fprintf(stderr, "cluster-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("cluster-bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

/* Progress on stderr (the console), one line per repetition. */
void note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("# ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* The network namespace of node NODE (or "sw", the switch). */
int ns_open(const char *node)
{
	char path[128];
	FILE *f;
	int pid = 0, fd;

	snprintf(path, sizeof(path), STATE_DIR "/%s.pid", node);
	f = fopen(path, "r");
	if (!f || fscanf(f, "%d", &pid) != 1)
		fail("%s: no namespace holder (is the cluster up?)", node);
	fclose(f);
	snprintf(path, sizeof(path), "/proc/%d/ns/net", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die(path);
	return fd;
}

void run(const char *cmd)
{
	int st = system(cmd);

	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st))
		fail("'%s' failed (status %d)", cmd, st);
}
