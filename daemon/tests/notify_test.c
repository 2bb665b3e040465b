// SPDX-License-Identifier: GPL-2.0
/*
 * sd_notify without libsystemd (notify.c): the datagram reaches a socket
 * named by NOTIFY_SOCKET as a path and as an abstract name ('@'), and
 * nothing is sent (or crashes) without the variable or with a bad one.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "daemon.h"
#include "tap.h"

static int bind_at(const char *name, bool abstract)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	size_t n = strlen(name);

	memcpy(sa.sun_path + abstract, name, n);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa,
			   (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
				       n + abstract)))
		return -1;
	return fd;
}

static bool got(int fd, const char *want)
{
	char buf[64] = "";
	ssize_t n = recv(fd, buf, sizeof(buf) - 1, 0);

	return n == (ssize_t)strlen(want) && !memcmp(buf, want, (size_t)n);
}

int main(void)
{
	char path[64], env[80];
	int fd;

	snprintf(path, sizeof(path), "/tmp/clusnetd-notify-%d", getpid());
	unlink(path);
	fd = bind_at(path, false);
	setenv("NOTIFY_SOCKET", path, 1);
	cd_notify("READY=1");
	CHECK(fd >= 0 && got(fd, "READY=1"), "READY=1 to a path socket");
	cd_notify("STOPPING=1");
	CHECK(got(fd, "STOPPING=1"), "STOPPING=1 to a path socket");
	close(fd);
	unlink(path);

	snprintf(path, sizeof(path), "clusnetd-notify-%d", getpid());
	fd = bind_at(path, true);
	snprintf(env, sizeof(env), "@%s", path);
	setenv("NOTIFY_SOCKET", env, 1);
	cd_notify("READY=1");
	CHECK(fd >= 0 && got(fd, "READY=1"), "READY=1 to an abstract socket");

	unsetenv("NOTIFY_SOCKET");
	cd_notify("READY=1");
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	cd_notify("READY=1");
	CHECK(!got(fd, "READY=1"),
	      "no NOTIFY_SOCKET, or not a path or '@': nothing sent");
	close(fd);
	return tap_done();
}
