// SPDX-License-Identifier: GPL-2.0
/* Helpers of the clusnet selftests: shell commands and netdevs. */
#define CN_LIBRARY
#include "common.h"

__attribute__((format(printf, 2, 0)))
int cn_vsh(bool quiet, const char *fmt, va_list ap)
{
	char cmd[1024], line[1200];
	int st;

	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	snprintf(line, sizeof(line),
		 "PATH=/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin:$PATH; export PATH; { %s ; }%s",
		 cmd, quiet ? " >/dev/null 2>&1" : "");
	fflush(stdout);
	fflush(stderr);
	st = system(line);
	if (st == -1)
		st = 127;
	else if (WIFEXITED(st))
		st = WEXITSTATUS(st);
	else
		st = 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	if (st && !quiet)
		fprintf(stderr, "# command failed (status %d): %s\n", st, cmd);
	return st;
}

__attribute__((format(printf, 1, 2)))
int cn_sh(const char *fmt, ...)
{
	va_list ap;
	int st;

	va_start(ap, fmt);
	st = cn_vsh(false, fmt, ap);
	va_end(ap);
	return st;
}

__attribute__((format(printf, 1, 2)))
int cn_sh_quiet(const char *fmt, ...)
{
	va_list ap;
	int st;

	va_start(ap, fmt);
	st = cn_vsh(true, fmt, ap);
	va_end(ap);
	return st;
}

void cn_netdev_modules(void)
{
	if (access("/sys/module/dummy", F_OK) ||
	    access("/sys/module/veth", F_OK))
		cn_sh_quiet("modprobe dummy; modprobe veth");
}

bool cn_wait_operstate(const char *ifname, const char *want,
		       int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms;
	char path[128], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/class/net/%s/operstate", ifname);
	for (;;) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			n = read(fd, buf, sizeof(buf) - 1);
			close(fd);
			if (n > 0) {
				buf[n] = '\0';
				buf[strcspn(buf, "\n")] = '\0';
				if (!strcmp(buf, want))
					return true;
			}
		}
		if (cn_now_ms() >= deadline)
			return false;
		cn_sleep_ms(CN_POLL_MS);
	}
}

bool cn_netdev_exists(const char *ifname)
{
	return if_nametoindex(ifname) != 0;
}

void cn_link_del(const char *ifname)
{
	if (ifname && ifname[0] && cn_netdev_exists(ifname))
		cn_sh_quiet("ip link del %s", ifname);
}

int cn_sysfs_hwaddr(const char *ifname, __u8 *addr, int max)
{
	char path[128], buf[256], *p;
	int n = 0, fd;
	ssize_t len;

	snprintf(path, sizeof(path), "/sys/class/net/%s/address", ifname);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = '\0';
	p = buf;
	while (*p && *p != '\n' && n < max) {
		addr[n++] = (__u8)strtoul(p, &p, 16);
		if (*p == ':')
			p++;
	}
	return n;
}

int cn_parse_ip(const char *s, __u8 addr[16])
{
	memset(addr, 0, 16);
	if (strchr(s, ':'))
		return inet_pton(AF_INET6, s, addr) == 1 ? AF_INET6 : 0;
	return inet_pton(AF_INET, s, addr) == 1 ? AF_INET : 0;
}

int cn_dummy_add(const char *ifname, bool up)
{
	return cn_sh("ip link add %s type dummy && ip link set %s addrgenmode none%s%s",
		     ifname, ifname, up ? " && ip link set up dev " : "",
		     up ? ifname : "");
}
