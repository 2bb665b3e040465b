// SPDX-License-Identifier: GPL-2.0
/*
 * clusnetd: one per node; publishes this node's clusnet interfaces and
 * its row of link connectivity to the CPG group "clusnet", and derives
 * every node's, interface's and network's state from the group's
 * messages. See clusnetd(8) and Documentation/clusnet.rst.
 *
 * One poll() loop: the corosync fds, a timerfd (link poll and local
 * rescans), a signalfd (TERM, INT, HUP, USR1) and the clusnet watch fd.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>

#include "daemon.h"

static struct cd_daemon daemon_state;

static void usage(FILE *f)
{
	fprintf(f, "usage: clusnetd [-f] [-d] [--version]\n"
		"  -f, --foreground  stay in the foreground (systemd runs it so)\n"
		"  -d, --debug       log every message sent and received\n"
		"      --version     print the version and exit\n");
}

static int parse(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "foreground", no_argument, NULL, 'f' },
		{ "debug", no_argument, NULL, 'd' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "fdh", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			break;	/* always: no fork, systemd supervises */
		case 'd':
			cd_debug = 1;
			break;
		case 'V':
			printf("clusnetd %s (protocol %d.%d)\n",
			       CLUSNETD_VERSION, CD_PROTO_MAJOR,
			       CD_PROTO_MINOR);
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	if (optind < argc) {
		fprintf(stderr, "clusnetd: unexpected argument '%s'\n",
			argv[optind]);
		usage(stderr);
		exit(2);
	}
	return 0;
}

static int make_signalfd(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGPIPE);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

static int make_timerfd(void)
{
	struct itimerspec it = {
		.it_interval = { .tv_nsec = CD_TICK_MS * 1000000L },
		.it_value = { .tv_nsec = CD_TICK_MS * 1000000L },
	};
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);

	if (fd >= 0 && timerfd_settime(fd, 0, &it, NULL)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* 1: go on; 0: stop (TERM, INT); SIGHUP: nothing to reload. */
static int on_signal(struct cd_daemon *d, int sfd)
{
	struct signalfd_siginfo si;

	while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGTERM:
		case SIGINT:
			cd_log(LOG_NOTICE, "signal %u: leaving the group",
			       si.ssi_signo);
			return 0;
		case SIGUSR1:
			cd_dump(d);
			cd_state_file(d);
			break;
		case SIGHUP:
			cd_log(LOG_INFO, "SIGHUP: the configuration is "
			       "corosync's; nothing to reload");
			break;
		}
	}
	return 1;
}

static void on_tick(struct cd_daemon *d, int tfd, unsigned int *ticks)
{
	uint64_t n;

	if (read(tfd, &n, sizeof(n)) != sizeof(n))
		return;
	cd_links_poll(d);
	cd_forward_check(d);
	/* without a watch fd (or module), rescan once a second */
	++*ticks;
	if (d->watch_fd < 0 && *ticks % 10 == 0) {
		if (d->dev_fd < 0 && *ticks == 10)
			cd_log(LOG_WARNING, "/dev/%s not available; publishing no "
			       "local interface until it appears",
			       "clusnet");
		cd_local_read(d);
	}
	cd_publish(d);
	/* Repairs what an admin or a failed call left, once a second. */
	if (*ticks % 10 == 5)
		cd_mirror(d);
}

enum { P_SIG, P_TIMER, P_CPG, P_CFG, P_QUORUM, P_WATCH, P_FORWARD, P_N };

static int run(struct cd_daemon *d, int sfd, int tfd)
{
	struct pollfd p[P_N];
	unsigned int ticks = 0;

	for (;;) {
		p[P_SIG] = (struct pollfd){ .fd = sfd, .events = POLLIN };
		p[P_TIMER] = (struct pollfd){ .fd = tfd, .events = POLLIN };
		p[P_CPG] = (struct pollfd){ .fd = d->cpg_fd, .events = POLLIN };
		p[P_CFG] = (struct pollfd){ .fd = d->cfg_fd, .events = POLLIN };
		p[P_QUORUM] = (struct pollfd){ .fd = d->quorum_fd,
					       .events = POLLIN };
		p[P_WATCH] = (struct pollfd){ .fd = d->watch_fd,
					      .events = POLLIN };
		p[P_FORWARD] = (struct pollfd){ .fd = d->fwd_fd,
						.events = POLLIN };
		if (poll(p, P_N, -1) < 0) {
			if (errno == EINTR)
				continue;
			cd_log(LOG_ERR, "poll: %m");
			return 1;
		}
		if ((p[P_SIG].revents & POLLIN) && !on_signal(d, sfd))
			return 0;
		for (int i = P_CPG; i <= P_QUORUM; i++)
			if (p[i].revents &&
			    cd_corosync_dispatch(d, p[i].fd))
				return 1;
		if (p[P_WATCH].revents) {
			cd_local_read(d);
			cd_publish(d);	/* a NIC event goes out at once */
		}
		if (p[P_FORWARD].revents & POLLIN)
			cd_forward_read(d);
		if (p[P_TIMER].revents & POLLIN)
			on_tick(d, tfd, &ticks);
		else if (d->need_hello)
			cd_publish(d);
	}
}

int main(int argc, char **argv)
{
	struct cd_daemon *d = &daemon_state;
	int sfd, tfd, rc;

	parse(argc, argv);
	setvbuf(stderr, NULL, _IOLBF, 0);
	d->dev_fd = d->watch_fd = d->fwd_fd = -1;
	d->cpg_fd = d->cfg_fd = d->quorum_fd = -1;
	sfd = make_signalfd();
	tfd = make_timerfd();
	if (sfd < 0 || tfd < 0) {
		cd_log(LOG_ERR, "signalfd/timerfd: %m");
		return 1;
	}
	if (cd_corosync_open(d)) {
		cd_corosync_close(d);
		return 1;
	}
	cd_local_read(d);
	cd_links_poll(d);
	cd_report_changes(d);
	cd_state_file(d);
	cd_notify("READY=1");
	cd_log(LOG_NOTICE, "clusnetd %s ready (protocol %d.%d)",
	       CLUSNETD_VERSION, CD_PROTO_MAJOR, CD_PROTO_MINOR);
	rc = run(d, sfd, tfd);
	cd_notify("STOPPING=1");
	cd_mirror_clear(d);
	cd_corosync_close(d);
	cd_local_close(d);
	cd_cluster_free(&d->cl);
	close(sfd);
	close(tfd);
	return rc;
}
