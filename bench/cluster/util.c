// SPDX-License-Identifier: GPL-2.0
/*
 * The clock, errors, the nodes' network namespaces, and the few commands
 * the cluster section runs (the harness's scripts, tc in the switch).
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

/*
 * A tc process in the switch's namespace that reads a batch (tc -batch)
 * from a pipe. tc_spawn() starts it; it opens its netlink socket and waits
 * for the batch. tc_run() writes the batch in one write() and returns when
 * tc has exited: all its filters are in place then. Under TCG the exec and
 * start of tc take a few hundred ms, the batch itself a few: started
 * beforehand, tc leaves the cut's start point that precise. Done here
 * rather than by cluster-cut, whose four nsenter and tc runs spread the
 * two directions of a cut over a second. Without @check, errors (a qdisc
 * that exists) do not matter.
 */
void tc_spawn(struct tc *tc, int swns, int check)
{
	int p[2];

	if (pipe(p))
		die("pipe");
	tc->check = check;
	tc->pid = fork();
	if (tc->pid < 0)
		die("fork");
	if (!tc->pid) {
		if (dup2(p[0], 0) < 0 || setns(swns, CLONE_NEWNET))
			_exit(126);
		close(p[1]);
		if (!check) {	/* go on past errors, say nothing */
			close(2);
			execlp("tc", "tc", "-force", "-batch", "-",
			       (char *)NULL);
		}
		execlp("tc", "tc", "-batch", "-", (char *)NULL);
		_exit(127);
	}
	close(p[0]);
	tc->fd = p[1];
}

/* @start: the time just before the write. Returns the time tc exited. */
double tc_run(struct tc *tc, const char *batch, double *start)
{
	size_t len = strlen(batch);
	double t;
	int st;

	t = now_ms();
	if (write(tc->fd, batch, len) != (ssize_t)len)
		die("writing to tc");
	close(tc->fd);
	if (waitpid(tc->pid, &st, 0) < 0)
		die("waitpid");
	if (tc->check && (!WIFEXITED(st) || WEXITSTATUS(st)))
		fail("tc -batch in the switch failed:\n%s", batch);
	if (start)
		*start = t;
	return now_ms();
}

double tc_batch(int swns, const char *batch, int check)
{
	struct tc tc;

	tc_spawn(&tc, swns, check);
	return tc_run(&tc, batch, NULL);
}
