// SPDX-License-Identifier: GPL-2.0
/* Helpers of the clusnet selftests: snapshots of objects and networks. */
#define CN_LIBRARY
#include "common.h"

int cn_enum_raw(int dev, unsigned long cmd, void *entries,
		__u32 entry_size, __u32 capacity, __u32 *count)
{
	struct clusnet_enum en;
	int ret;

	memset(&en, 0, sizeof(en));
	en.size = sizeof(en);
	en.entries = CN_PTR(entries);
	en.entry_size = entry_size;
	en.capacity = capacity;
	ret = cn_ioctl(dev, cmd, &en);
	if (!ret && count)
		*count = en.count;
	return ret;
}

int cn_snapshot(int dev, unsigned long cmd, size_t entry_size,
		void **out)
{
	__u32 cap = 16, count;
	void *buf;
	int ret, tries;

	*out = NULL;
	for (tries = 0; tries < 100; tries++) {
		buf = calloc(cap, entry_size);
		if (!buf)
			return -ENOMEM;
		ret = cn_enum_raw(dev, cmd, buf, entry_size, cap, &count);
		if (ret) {
			free(buf);
			return ret;
		}
		if (count <= cap) {
			*out = buf;
			return (int)count;
		}
		free(buf);
		cap = count + 16;
	}
	return -EAGAIN;
}

int cn_objects(int dev, struct clusnet_if_entry **out)
{
	return cn_snapshot(dev, CLUSNET_IOC_ENUM, sizeof(**out),
			   (void **)out);
}

int cn_networks(int dev, struct clusnet_network_entry **out)
{
	return cn_snapshot(dev, CLUSNET_IOC_NETWORKS, sizeof(**out),
			   (void **)out);
}

int cn_find_object(int dev, const char *name,
		   struct clusnet_if_entry *e)
{
	struct clusnet_if_entry *all;
	int n, i;

	n = cn_objects(dev, &all);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (!strcmp(all[i].name, name)) {
			*e = all[i];
			free(all);
			return 0;
		}
	}
	free(all);
	return -ENOENT;
}

int cn_find_network(int dev, __u64 id, const char *name,
		    struct clusnet_network_entry *e)
{
	struct clusnet_network_entry *all;
	int n, i;

	n = cn_networks(dev, &all);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (id ? all[i].id == id : name && !strcmp(all[i].name, name)) {
			*e = all[i];
			free(all);
			return 0;
		}
	}
	free(all);
	return -ENOENT;
}

long long cn_object_network_id(int dev, const char *name)
{
	struct clusnet_if_entry e;
	int ret = cn_find_object(dev, name, &e);

	return ret ? ret : (long long)e.network_id;
}

long long cn_wait_object_network(int dev, const char *name,
				 __u64 not_id, int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms, id;

	for (;;) {
		id = cn_object_network_id(dev, name);
		if (id < 0 || (id && (__u64)id != not_id))
			return id;
		if (cn_now_ms() >= deadline)
			return 0;
		cn_sleep_ms(CN_POLL_MS);
	}
}

int cn_wait_network_state(int dev, __u64 id, int want,
			  int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms;
	struct clusnet_network_entry e;
	int st;

	for (;;) {
		st = cn_find_network(dev, id, NULL, &e);
		if (!st)
			st = (int)e.state;
		if (st == want || cn_now_ms() >= deadline)
			return st;
		cn_sleep_ms(CN_POLL_MS);
	}
}

int cn_network_rename_n(int dev, __u64 id, const void *name,
			__u32 len)
{
	struct clusnet_network_rename rn;

	memset(&rn, 0, sizeof(rn));
	rn.size = sizeof(rn);
	rn.id = id;
	rn.name = CN_PTR(name);
	rn.name_len = len;
	return cn_ioctl(dev, CLUSNET_IOC_NETWORK_RENAME, &rn);
}

int cn_network_rename(int dev, __u64 id, const char *name)
{
	return cn_network_rename_n(dev, id, name, strlen(name));
}

int cn_next_network_name(int dev, char *buf, size_t size)
{
	struct clusnet_network_entry *all;
	char want[64];
	int n, i, num;

	n = cn_networks(dev, &all);
	if (n < 0)
		return n;
	for (num = 1;; num++) {
		snprintf(want, sizeof(want), "Cluster Network %d", num);
		for (i = 0; i < n; i++)
			if (!strcasecmp(all[i].name, want))
				break;
		if (i == n)
			break;
	}
	free(all);
	snprintf(buf, size, "%s", want);
	return num;
}
