// SPDX-License-Identifier: GPL-2.0
/* Helpers of the clusnet selftests: time, names, the module, pipes. */
#define CN_LIBRARY
#include "common.h"

long long cn_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void cn_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

int cn_ioctl(int fd, unsigned long cmd, void *arg)
{
	int ret = ioctl(fd, cmd, arg);

	return ret < 0 ? -errno : ret;
}

const char *cn_state_name(int state)
{
	switch (state) {
	case CLUSNET_STATE_UNAVAILABLE: return "UNAVAILABLE";
	case CLUSNET_STATE_FAILED: return "FAILED";
	case CLUSNET_STATE_UNREACHABLE: return "UNREACHABLE";
	case CLUSNET_STATE_UP: return "UP";
	}
	return state < 0 ? strerror(-state) : "?";
}

const char *cn_access_name(__u32 access)
{
	switch (access) {
	case 0: return "0";
	case CLUSNET_GENERIC_READ: return "GENERIC_READ";
	case CLUSNET_GENERIC_WRITE: return "GENERIC_WRITE";
	case CLUSNET_GENERIC_EXECUTE: return "GENERIC_EXECUTE";
	case CLUSNET_GENERIC_ALL: return "GENERIC_ALL";
	case CLUSNET_MAXIMUM_ALLOWED: return "MAXIMUM_ALLOWED";
	case CLUSNET_MAXIMUM_ALLOWED | CLUSNET_GENERIC_READ:
		return "MAXIMUM_ALLOWED|GENERIC_READ";
	case CLUSNET_MAXIMUM_ALLOWED | CLUSNET_GENERIC_ALL:
		return "MAXIMUM_ALLOWED|GENERIC_ALL";
	case CLUSNET_GENERIC_READ | CLUSNET_GENERIC_ALL:
		return "GENERIC_READ|GENERIC_ALL";
	}
	return "(other)";
}

const char *cn_network_state_name(int state)
{
	switch (state) {
	case CLUSNET_NETWORK_UNAVAILABLE: return "UNAVAILABLE";
	case CLUSNET_NETWORK_DOWN: return "DOWN";
	case CLUSNET_NETWORK_PARTITIONED: return "PARTITIONED";
	case CLUSNET_NETWORK_UP: return "UP";
	}
	return state < 0 ? strerror(-state) : "?";
}

/* Unique names: one test runs in one process, so the pid is unique. */
static unsigned int cn_counter;

void cn_name(char *buf, size_t size, const char *tag)
{
	snprintf(buf, size, "cnt %d-%u %s", (int)getpid(), cn_counter++, tag);
}

void cn_ifname(char buf[IFNAMSIZ])
{
	char tmp[64];

	snprintf(tmp, sizeof(tmp), "cn%dx%u", (int)getpid() % 10000000,
		 cn_counter++ % 100);
	memset(buf, 0, IFNAMSIZ);
	memcpy(buf, tmp, strlen(tmp) < IFNAMSIZ - 1 ? strlen(tmp) :
						      IFNAMSIZ - 1);
}

char *cn_upper(char *dst, size_t size, const char *src)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < size; i++)
		dst[i] = src[i] >= 'a' && src[i] <= 'z' ?
			 src[i] - 'a' + 'A' : src[i];
	dst[i] = '\0';
	return dst;
}

bool cn_module_loaded(void)
{
	return access("/sys/module/clusnet", F_OK) == 0;
}

int cn_wait_dev(int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms;
	int fd;

	for (;;) {
		fd = cn_dev();
		if (fd >= 0) {
			close(fd);
			return 0;
		}
		if (cn_now_ms() >= deadline)
			return fd;
		cn_sleep_ms(CN_POLL_MS);
	}
}

int cn_ensure_module(void)
{
	if (!cn_module_loaded() && cn_sh("modprobe clusnet"))
		return -1;
	return cn_wait_dev(10000);
}

void *cn_shared(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	memset(p, 0, size);
	return p;
}

int cn_post(int fd)
{
	char c = 1;

	return write(fd, &c, 1) == 1 ? 0 : -1;
}

int cn_pend(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char c;

	if (poll(&p, 1, timeout_ms) != 1)
		return -1;
	return read(fd, &c, 1) == 1 ? 0 : -1;
}
