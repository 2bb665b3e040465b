// SPDX-License-Identifier: GPL-2.0
/*
 * udphub: one Ethernet segment for the NICs of several qemu guests, each a
 * "-netdev socket,udp=127.0.0.1:PORT,localaddr=127.0.0.1:PEER" (qemu sends
 * every frame as one datagram to PORT, and takes frames from whoever sends
 * to PEER). The hub repeats each frame it gets from one peer to all the
 * others, as a hub repeats a frame on its other ports: broadcasts (ARP)
 * and unicasts alike, no multicast group needed. Anything from an address
 * that is not a peer is dropped. Used by tools/vm/cluster-vms, one hub per
 * cluster network; it runs until it is killed.
 *
 *   udphub PORT PEER...     (loopback only; 2 to 16 peers)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define MAX_PEERS 16

static int port_arg(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 1 || v > 65535) {
		fprintf(stderr, "udphub: bad port '%s'\n", s);
		exit(2);
	}
	return (int)v;
}

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((unsigned short)port);
	return a;
}

int main(int argc, char **argv)
{
	static unsigned char frame[65536];
	struct sockaddr_in hub, peer[MAX_PEERS];
	int npeers = argc - 2, fd, i;

	if (npeers < 2 || npeers > MAX_PEERS) {
		fprintf(stderr, "usage: udphub PORT PEER... (2 to %d peers)\n",
			MAX_PEERS);
		return 2;
	}
	hub = loopback(port_arg(argv[1]));
	for (i = 0; i < npeers; i++)
		peer[i] = loopback(port_arg(argv[i + 2]));

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&hub, sizeof(hub)) < 0) {
		fprintf(stderr, "udphub: 127.0.0.1:%s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	for (;;) {
		struct sockaddr_in from;
		socklen_t flen = sizeof(from);
		ssize_t n;
		int src = -1;

		n = recvfrom(fd, frame, sizeof(frame), 0,
			     (struct sockaddr *)&from, &flen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "udphub: recvfrom: %s\n",
				strerror(errno));
			return 1;
		}
		for (i = 0; i < npeers; i++)
			if (from.sin_port == peer[i].sin_port &&
			    from.sin_addr.s_addr == peer[i].sin_addr.s_addr)
				src = i;
		if (src < 0)
			continue;
		/*
		 * A peer that is not up yet (or powered off) refuses: the
		 * frame is lost, as on a cable to a switched-off machine.
		 */
		for (i = 0; i < npeers; i++)
			if (i != src)
				(void)sendto(fd, frame, (size_t)n, 0,
					     (struct sockaddr *)&peer[i],
					     sizeof(peer[i]));
	}
}
