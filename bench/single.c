// SPDX-License-Identifier: GPL-2.0
/* clusnet-bench sections "single" and "negative": one NIC, root and user. */
#include "bench.h"

/* The floor, clusnet and the peers, on one NIC. */
void run_single(struct ctx *c, const char *group, long n)
{
	measure(group, "getppid (syscall floor)", op_getppid, c, n);
	measure(group, "ioctl unknown cmd -> ENOTTY", op_enotty, c, n);
	measure(group, "ioctl CLUSTER_INFO (access 0)", op_cluster_info, c, n);
	measure(group, "eventfd + close", op_eventfd_close, c, n);
	measure(group, "lib open + close", op_lib_open_close, c, n);
	measure2(group, "lib open (close untimed)", op_lib_open,
		 op_lib_close_tmp, c, n);
	measure(group, "lib state", op_lib_state, c, n);
	measure(group, "lib open + state + close", op_lib_open_state_close, c,
		n);
	measure(group, "raw ioctl OPEN + close", op_raw_open_close, c, n);
	measure(group, "raw ioctl GET_STATE", op_raw_state, c, n);
	measure(group, "SIOCGIFFLAGS", op_siocgifflags, c, n);
	measure(group, "RTM_GETLINK by name", op_rtnl_getlink, c, n);
	measure(group, "sysfs operstate open+read+close", op_sysfs, c, n);
}

/* Negative lookups, as the current user; modprobe_n: SIOCGIF* iterations. */
void run_negative(struct ctx *c, long n, long modprobe_n)
{
	struct ctx neg = *c;

	ctx_target(&neg, "node1 - nosuchnic", "nosuch0");
	neg.expect_error = ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
	measure("negative", "lib open, no such name", op_lib_open_neg, &neg, n);
	measure("negative", "RTM_GETLINK, no such name", op_rtnl_getlink_neg,
		&neg, n);
	measure("negative", "sysfs open, no such name", op_sysfs_neg, &neg, n);
	/* As root this runs modprobe twice (dev_load): few iterations. */
	measure("negative", geteuid() ? "SIOCGIFFLAGS, no such name" :
		"SIOCGIFFLAGS, no such name (2x modprobe)",
		op_siocgifflags_neg, &neg, geteuid() ? n : modprobe_n);
}

/* Non-root in a forked child: results come back through a pipe. */
void run_as_user(long n)
{
	int p[2], st;
	pid_t pid;
	struct result r;

	if (pipe(p) < 0)
		die("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		struct ctx c, priv;
		HCLUSTER hc;
		DWORD g;
		int clusfd, i0;

		close(p[0]);
		if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) ||
		    setresuid(1000, 1000, 1000))
			die("cannot drop to uid 1000: %s", strerror(errno));
		hc = OpenClusterEx(NULL, GENERIC_READ, &g);
		if (!hc)
			die("OpenClusterEx as uid 1000: error %u", GetLastError());
		clusfd = clusnet_fd();
		cur_who = "user";
		i0 = nresults;
		ctx_init(&c, hc, clusfd);
		ctx_target(&c, "node1 - eth0", "eth0");
		ctx_open(&c);
		measure("user", "lib open + close", op_lib_open_close, &c, n);
		measure("user", "lib state", op_lib_state, &c, n);
		measure("user", "lib open + state + close",
			op_lib_open_state_close, &c, n);
		run_negative(&c, n, n);
		priv = c;
		ctx_target(&priv, "bench - private", "eth0");
		priv.expect_error = ERROR_ACCESS_DENIED;
		measure("negative", "lib open, access denied", op_lib_open_neg,
			&priv, n);
		for (; i0 < nresults; i0++)
			if (write(p[1], &results[i0], sizeof(r)) != sizeof(r))
				_exit(1);
		ctx_fini(&c);
		_exit(failed);
	}
	close(p[1]);
	while (read(p[0], &r, sizeof(r)) == sizeof(r)) {
		if (nresults < MAX_RESULTS)
			results[nresults++] = r;
	}
	close(p[0]);
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		fail("the unprivileged part failed");
}
