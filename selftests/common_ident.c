// SPDX-License-Identifier: GPL-2.0
/* Helpers of the clusnet selftests: capabilities, identities, children. */
#define CN_LIBRARY
#include "common.h"

const struct cn_ident cn_ident_user = {
	.uid = CN_USER_UID, .gid = CN_USER_GID,
};

const struct cn_ident cn_ident_other = {
	.uid = CN_OTHER_UID, .gid = CN_OTHER_GID,
};

static char *cn_msg;	/* shared with children: why one failed */

int cn_capget(struct __user_cap_data_struct data[2])
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};

	return syscall(SYS_capget, &hdr, data) ? -errno : 0;
}

int cn_capset(struct __user_cap_data_struct data[2])
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};

	return syscall(SYS_capset, &hdr, data) ? -errno : 0;
}

bool cn_has_cap(int cap)
{
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	if (cn_capget(data))
		return false;
	return data[cap / 32].effective & (1u << (cap % 32));
}

bool cn_is_admin(void)
{
	return geteuid() == 0 && cn_has_cap(CAP_NET_ADMIN) &&
	       cn_has_cap(CAP_SETUID) && cn_has_cap(CAP_SYS_MODULE);
}

void cn_msg_init(void)
{
	if (!cn_msg) {
		cn_msg = mmap(NULL, CN_MSG_SIZE, PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (cn_msg == MAP_FAILED) {
			cn_msg = NULL;
			return;
		}
	}
	cn_msg[0] = '\0';
}

const char *cn_child_msg(void)
{
	return cn_msg ? cn_msg : "";
}

__attribute__((format(printf, 2, 3)))
int cn_child_fail(int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!cn_msg || cn_msg[0])	/* keep the first failure */
		return 1;
	n = snprintf(cn_msg, CN_MSG_SIZE, "child line %d: ", line);
	va_start(ap, fmt);
	vsnprintf(cn_msg + n, CN_MSG_SIZE - n, fmt, ap);
	va_end(ap);
	return 1;
}

int cn_ident_apply(const struct cn_ident *id)
{
	struct __user_cap_data_struct data[2];
	int i;

	if (id->caps == CN_CAPS_ONLY_NET_ADMIN &&
	    prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0))
		return cn_child_fail(__LINE__, "PR_SET_KEEPCAPS: %m");
	if (setgroups(id->ngroups, id->groups))
		return cn_child_fail(__LINE__, "setgroups: %m");
	if (setresgid(id->gid, id->gid, id->gid))
		return cn_child_fail(__LINE__, "setresgid(%u): %m",
				     (unsigned int)id->gid);
	if (setresuid(id->uid, id->uid, id->uid))
		return cn_child_fail(__LINE__, "setresuid(%u): %m",
				     (unsigned int)id->uid);

	memset(data, 0, sizeof(data));
	switch (id->caps) {
	case CN_CAPS_NATURAL:
		break;
	case CN_CAPS_DROP_NET_ADMIN:
		if (cn_capget(data))
			return cn_child_fail(__LINE__, "capget: %m");
		for (i = 0; i < 2; i++) {
			__u32 bit = CAP_NET_ADMIN / 32 == i ?
				    1u << (CAP_NET_ADMIN % 32) : 0;

			data[i].effective &= ~bit;
			data[i].permitted &= ~bit;
			data[i].inheritable &= ~bit;
		}
		if (cn_capset(data))
			return cn_child_fail(__LINE__, "capset: %m");
		break;
	case CN_CAPS_ONLY_NET_ADMIN:
		data[CAP_NET_ADMIN / 32].effective =
			1u << (CAP_NET_ADMIN % 32);
		data[CAP_NET_ADMIN / 32].permitted =
			1u << (CAP_NET_ADMIN % 32);
		if (cn_capset(data))
			return cn_child_fail(__LINE__, "capset: %m");
		break;
	case CN_CAPS_NONE:
		if (cn_capset(data))
			return cn_child_fail(__LINE__, "capset: %m");
		break;
	}

	if (cn_has_cap(CAP_NET_ADMIN) !=
	    (id->caps == CN_CAPS_ONLY_NET_ADMIN ||
	     (id->caps == CN_CAPS_NATURAL && id->uid == 0)))
		return cn_child_fail(__LINE__,
				     "CAP_NET_ADMIN is %s after the switch",
				     cn_has_cap(CAP_NET_ADMIN) ? "set" :
								 "clear");
	return 0;
}

int cn_become_user(void)
{
	cn_msg_init();
	return cn_ident_apply(&cn_ident_user);
}

pid_t cn_spawn(const struct cn_ident *id, int (*fn)(void *),
	       void *arg)
{
	pid_t pid;

	cn_msg_init();
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		int rc = id ? cn_ident_apply(id) : 0;

		if (!rc)
			rc = fn(arg);
		_exit(rc & 0xff);
	}
	return pid;
}

int cn_reap(pid_t pid)
{
	int status;

	if (pid < 0)
		return 255;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 255;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (cn_msg && !cn_msg[0])
		snprintf(cn_msg, CN_MSG_SIZE, "child killed by signal %d",
			 WTERMSIG(status));
	return 128 + WTERMSIG(status);
}

int cn_run(const struct cn_ident *id, int (*fn)(void *),
	   void *arg)
{
	return cn_reap(cn_spawn(id, fn, arg));
}
