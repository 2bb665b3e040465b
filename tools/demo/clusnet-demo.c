// SPDX-License-Identifier: GPL-2.0
/*
 * clusnet-demo: the open path as a ported ClusAPI tool walks it. For every
 * NIC of this node it opens "<node> - <nic>" with each desired access,
 * prints what was granted and the interface state, first as root, then
 * as an unprivileged user.
 */
#include <errno.h>
#include <grp.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <clusapi.h>

static const struct {
	const char *name;
	DWORD mask;
} desired[] = {
	{ "GENERIC_READ", GENERIC_READ },
	{ "GENERIC_ALL", GENERIC_ALL },
	{ "MAXIMUM_ALLOWED", MAXIMUM_ALLOWED },
};

static const char *state_name(CLUSTER_NETINTERFACE_STATE s)
{
	switch (s) {
	case ClusterNetInterfaceUnavailable: return "Unavailable";
	case ClusterNetInterfaceFailed: return "Failed";
	case ClusterNetInterfaceUnreachable: return "Unreachable";
	case ClusterNetInterfaceUp: return "Up";
	default: return "Unknown";
	}
}

static const char *granted_name(DWORD g)
{
	return g == GENERIC_ALL ? "GENERIC_ALL" :
	       g == GENERIC_READ ? "GENERIC_READ" : "?";
}

/* ASCII interface names only, as NIC names are. */
static void to_utf16(WCHAR *dst, const char *src, size_t cap)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < cap; i++)
		dst[i] = (unsigned char)src[i];
	dst[i] = 0;
}

static int has_device(const char *ifname)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/class/net/%s/device", ifname);
	return access(path, F_OK) == 0;
}

static void walk(const char *who)
{
	struct if_nameindex *nics = if_nameindex(), *nic;
	struct utsname uts;
	DWORD cluster_granted = 0;
	HCLUSTER cluster;
	size_t i;

	uname(&uts);
	/* OpenCluster() asks for GENERIC_ALL: ask for what we may have. */
	cluster = OpenClusterEx(NULL, MAXIMUM_ALLOWED, &cluster_granted);
	if (!cluster) {
		printf("OpenClusterEx failed: error %u\n", GetLastError());
		exit(1);
	}
	printf("\n%s (uid %u), cluster of node %s granted %s:\n", who,
	       getuid(), uts.nodename, granted_name(cluster_granted));
	printf("  %-22s %-16s %-13s %s\n", "interface", "desired", "granted",
	       "state");
	for (nic = nics; nic && nic->if_index; nic++) {
		char name[300];
		WCHAR wname[300];

		if (!has_device(nic->if_name))
			continue;
		snprintf(name, sizeof(name), "%s - %s", uts.nodename,
			 nic->if_name);
		to_utf16(wname, name, 300);
		for (i = 0; i < sizeof(desired) / sizeof(desired[0]); i++) {
			DWORD granted = 0;
			HNETINTERFACE h;

			h = OpenClusterNetInterfaceEx(cluster, wname,
						      desired[i].mask,
						      &granted);
			if (!h) {
				printf("  %-22s %-16s denied (error %u)\n",
				       name, desired[i].name, GetLastError());
				continue;
			}
			printf("  %-22s %-16s %-13s %s\n", name,
			       desired[i].name, granted_name(granted),
			       state_name(GetClusterNetInterfaceState(h)));
			CloseClusterNetInterface(h);
		}
	}
	if_freenameindex(nics);
	CloseCluster(cluster);
}

int main(void)
{
	pid_t pid;
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	walk("root, with CAP_NET_ADMIN");

	pid = fork();
	if (pid == 0) {
		if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) ||
		    setresuid(1000, 1000, 1000)) {
			perror("drop privileges");
			_exit(1);
		}
		walk("an unprivileged user");
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
