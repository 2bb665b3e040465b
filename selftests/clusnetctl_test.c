// SPDX-License-Identifier: GPL-2.0
/*
 * clusnetctl, the admin tool, run as a program: its output (text and
 * JSON, checked against what the ioctls report), its error messages and
 * exit codes, and watch following real link changes of a dummy NIC.
 *
 * The binary is /usr/sbin/clusnetctl (tools/vm/run puts it there), or
 * $CLUSNETCTL. It runs with LC_ALL=C unless a test says otherwise.
 */
#include <limits.h>
#include <locale.h>
#include <pty.h>
#include <sys/mount.h>

#include "common.h"

#define CTL_OUT		65536
#define CTL_ERR		8192
#define CTL_WAIT_MS	30000	/* a command that hangs this long failed */

/* Exit codes of clusnetctl(8). */
#define XC_OK		0
#define XC_FAIL		1
#define XC_USAGE		2
#define XC_NOTFOUND	3
#define XC_PERM		4
#define XC_EXISTS	5
#define XC_NODEV		6

struct ctl {
	int status;		/* exit code; 128 + signal; -1: timed out */
	size_t nout, nerr;
	char out[CTL_OUT];
	char err[CTL_ERR];
};

/* How to run it: the environment and the mount namespace. */
struct ctl_env {
	const char *device;	/* CLUSNET_DEVICE, or NULL */
	const char *lc_all;	/* LC_ALL (default "C") */
	bool hide_dev;		/* an empty /dev (own mount namespace) */
	bool as_user;		/* as clususer, without capabilities */
};

struct ctl_proc {
	pid_t pid;
	int out, err;
};

static struct ctl R;	/* the last result; one test per process */

static const char *ctl_path(void)
{
	const char *p = getenv("CLUSNETCTL");

	return p && *p ? p : "/usr/sbin/clusnetctl";
}

#define CTL_REQUIRE() do { \
	if (access(ctl_path(), X_OK)) \
		SKIP(return, "no %s (set CLUSNETCTL)", ctl_path()); \
} while (0)

static int ctl_start(struct ctl_proc *p, const struct ctl_env *env,
		     char *const argv[])
{
	int out[2], err[2];
	char lc[64], dev[300];
	char *envp[5];
	int n = 0;

	if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
		return -errno;
	snprintf(lc, sizeof(lc), "LC_ALL=%s",
		 env && env->lc_all ? env->lc_all : "C");
	envp[n++] = lc;
	envp[n++] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
	if (env && env->device) {
		snprintf(dev, sizeof(dev), "CLUSNET_DEVICE=%s", env->device);
		envp[n++] = dev;
	}
	envp[n] = NULL;
	fflush(stdout);
	fflush(stderr);
	p->pid = fork();
	if (p->pid < 0)
		return -errno;
	if (p->pid == 0) {
		dup2(out[1], 1);
		dup2(err[1], 2);
		if (env && env->hide_dev &&
		    (unshare(CLONE_NEWNS) ||
		     mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		     mount("tmpfs", "/dev", "tmpfs", 0, "mode=755"))) {
			dprintf(2, "hide /dev: %m\n");
			_exit(120);
		}
		if (env && env->as_user && cn_ident_apply(&cn_ident_user)) {
			dprintf(2, "become clususer: %s\n", cn_child_msg());
			_exit(121);
		}
		execve(ctl_path(), argv, envp);
		dprintf(2, "exec %s: %m\n", ctl_path());
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	p->out = out[0];
	p->err = err[0];
	return 0;
}

/*
 * Read the child's output into @r until both pipes are at EOF, or until
 * stdout holds @needle (non-NULL), or @timeout_ms passed. True if the
 * condition was met.
 */
static bool ctl_read(struct ctl_proc *p, struct ctl *r, const char *needle,
		     int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms;
	struct pollfd pfd[2];
	ssize_t n;
	int left;

	for (;;) {
		if (needle && strstr(r->out, needle))
			return true;
		if (p->out < 0 && p->err < 0)
			return !needle;
		left = (int)(deadline - cn_now_ms());
		if (left <= 0)
			return false;
		pfd[0].fd = p->out;
		pfd[0].events = POLLIN;
		pfd[1].fd = p->err;
		pfd[1].events = POLLIN;
		if (poll(pfd, 2, left) < 0 && errno != EINTR)
			return false;
		if (p->out >= 0 && pfd[0].revents) {
			n = read(p->out, r->out + r->nout,
				 sizeof(r->out) - 1 - r->nout);
			if (n <= 0) {
				close(p->out);
				p->out = -1;
			} else {
				r->nout += n;
				r->out[r->nout] = '\0';
			}
		}
		if (p->err >= 0 && pfd[1].revents) {
			n = read(p->err, r->err + r->nerr,
				 sizeof(r->err) - 1 - r->nerr);
			if (n <= 0) {
				close(p->err);
				p->err = -1;
			} else {
				r->nerr += n;
				r->err[r->nerr] = '\0';
			}
		}
	}
}

/* Collect everything and the exit status (killing it after the wait). */
static int ctl_finish(struct ctl_proc *p, struct ctl *r, int timeout_ms)
{
	bool timed_out = false;
	int status;

	if (!ctl_read(p, r, NULL, timeout_ms)) {
		kill(p->pid, SIGKILL);
		timed_out = true;
	}
	if (p->out >= 0)
		close(p->out);
	if (p->err >= 0)
		close(p->err);
	p->out = p->err = -1;
	r->status = -1;
	while (waitpid(p->pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (timed_out)
		return -1;
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) :
					128 + WTERMSIG(status);
	return r->status;
}

static void ctl_reset(struct ctl *r)
{
	r->status = -1;
	r->nout = r->nerr = 0;
	r->out[0] = r->err[0] = '\0';
}

static int ctl_run(const struct ctl_env *env, char *const argv[])
{
	struct ctl_proc p;

	ctl_reset(&R);
	if (ctl_start(&p, env, argv))
		return -1;
	return ctl_finish(&p, &R, CTL_WAIT_MS);
}

/* Run clusnetctl with these arguments; its exit status (output in R). */
#define CTL(...) ctl_run(NULL, (char *[]){ "clusnetctl", __VA_ARGS__, NULL })
#define CTL_ENV(env, ...) \
	ctl_run(env, (char *[]){ "clusnetctl", __VA_ARGS__, NULL })

/* Assert the status, logging what it printed otherwise. */
#define EXPECT_CTL(want, call) do { \
	int __st = (call); \
	EXPECT_EQ(want, __st) \
		TH_LOG("%s\nstdout:\n%s\nstderr:\n%s", #call, R.out, R.err); \
} while (0)
#define ASSERT_CTL(want, call) do { \
	int __st = (call); \
	ASSERT_EQ(want, __st) \
		TH_LOG("%s\nstdout:\n%s\nstderr:\n%s", #call, R.out, R.err); \
} while (0)

/* An error: nothing on stdout, one "clusnetctl: ..." message with @what. */
#define EXPECT_ERROR(what) do { \
	EXPECT_STREQ("", R.out); \
	EXPECT_EQ(0, strncmp(R.err, "clusnetctl: ", 12)) \
		TH_LOG("stderr: %s", R.err); \
	EXPECT_NE(NULL, strstr(R.err, what)) \
		TH_LOG("stderr lacks '%s': %s", what, R.err); \
} while (0)

/* ------------------------------------------------------------------ */
/* JSON: a validator, and lookups in the flat objects clusnetctl prints */

static const char *js_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *js_value(const char *p, int depth);

static const char *js_string(const char *p)
{
	int i;

	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		if (!*p || (unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF",
						    p[i]) || !p[i])
						return NULL;
				p += 4;
			} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
				return NULL;
			}
		}
		p++;
	}
	return p + 1;
}

static const char *js_number(const char *p)
{
	const char *s;

	if (*p == '-')
		p++;
	s = p;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p == s || (*s == '0' && p - s > 1))
		return NULL;
	if (*p == '.') {
		s = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == s)
			return NULL;
	}
	return p;
}

static const char *js_list(const char *p, int depth, char close, bool obj)
{
	p = js_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (obj) {
			p = js_string(p);
			if (!p)
				return NULL;
			p = js_ws(p);
			if (*p++ != ':')
				return NULL;
		}
		p = js_value(js_ws(p), depth + 1);
		if (!p)
			return NULL;
		p = js_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
		p = js_ws(p);
	}
}

static const char *js_value(const char *p, int depth)
{
	if (depth > 16)
		return NULL;
	switch (*p) {
	case '{': return js_list(p, depth, '}', true);
	case '[': return js_list(p, depth, ']', false);
	case '"': return js_string(p);
	case 't': return strncmp(p, "true", 4) ? NULL : p + 4;
	case 'f': return strncmp(p, "false", 5) ? NULL : p + 5;
	case 'n': return strncmp(p, "null", 4) ? NULL : p + 4;
	}
	return js_number(p);
}

/* One JSON document (and nothing else but white space). */
static bool json_valid(const char *s)
{
	const char *p = js_value(js_ws(s), 0);

	return p && !*js_ws(p);
}

/*
 * The flat object {"name":"NAME",...} in @doc, copied to @obj (up to its
 * first '}'); false if there is none.
 */
static bool json_obj(const char *doc, const char *name, char *obj,
		     size_t size)
{
	char key[400];
	const char *s, *e;

	snprintf(key, sizeof(key), "{\"name\":\"%s\",", name);
	s = strstr(doc, key);
	if (!s)
		return false;
	e = strchr(s, '}');
	if (!e)
		return false;
	snprintf(obj, size, "%.*s", (int)(e - s + 1), s);
	return true;
}

/* @obj has the member "key":value (value as printed, e.g. "\"Up\""). */
static bool json_has(const char *obj, const char *key, const char *value)
{
	char m[600];

	snprintf(m, sizeof(m), "\"%s\":%s", key, value);
	return strstr(obj, m) != NULL;
}

/* ------------------------------------------------------------------ */
/* The fixture: objects and links to clean up                          */

FIXTURE(ctl) {
	int dev;
	char name[128], name2[128];
	char ifname[IFNAMSIZ];
};

FIXTURE_SETUP(ctl)
{
	cn_name(self->name, sizeof(self->name), "ctl");
	cn_name(self->name2, sizeof(self->name2), "ctl2");
	cn_ifname(self->ifname);
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev) TH_LOG("/dev/clusnet: %s",
				       strerror(-self->dev));
}

FIXTURE_TEARDOWN(ctl)
{
	if (cn_is_admin()) {
		cn_delete(self->dev, self->name);
		cn_delete(self->dev, self->name2);
		cn_link_del(self->ifname);
	}
	close(self->dev);
}

/* A running dummy without IPv6 (no address events on up), and an
 * object on it in state Up; a read handle on it. */
static int running_dummy(struct __test_metadata *_metadata,
			 FIXTURE_DATA(ctl) *self)
{
	int h;

	cn_netdev_modules();
	if (cn_sh("ip link add %s type dummy && "
		  "echo 1 > /proc/sys/net/ipv6/conf/%s/disable_ipv6 && "
		  "ip link set %s up", self->ifname, self->ifname,
		  self->ifname))
		return -1;
	if (cn_create(self->dev, self->name, self->ifname, 0, 0, 0644))
		return -1;
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	if (h >= 0 && cn_wait_state(h, CLUSNET_STATE_UP, CN_WAIT_MS) !=
		      CLUSNET_STATE_UP) {
		close(h);
		return -1;
	}
	return h;
}

/* The process runs clusnetctl (it has exec()ed, its fds are its own). */
static bool runs_ctl(pid_t pid)
{
	char path[64], exe[PATH_MAX], want[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	n = readlink(path, exe, sizeof(exe) - 1);
	if (n <= 0 || !realpath(ctl_path(), want))
		return false;
	exe[n] = '\0';
	return !strcmp(exe, want);
}

/*
 * Wait until the watch process has its event source: an anon inode that
 * is not its signalfd (made first). Events before that are not seen.
 */
static bool watch_ready(pid_t pid, int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms;
	char dir[64], path[400], link[128];
	struct dirent *de;
	ssize_t n;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)pid);
	for (;;) {
		/* Before exec() the fds are the test's (its handles too). */
		d = runs_ctl(pid) ? opendir(dir) : NULL;
		while (d && (de = readdir(d))) {
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			n = readlink(path, link, sizeof(link) - 1);
			if (n <= 0)
				continue;
			link[n] = '\0';
			if (!strncmp(link, "anon_inode:", 11) &&
			    !strstr(link, "signalfd")) {
				closedir(d);
				return true;
			}
		}
		if (d)
			closedir(d);
		if (cn_now_ms() >= deadline)
			return false;
		cn_sleep_ms(CN_POLL_MS);
	}
}

/* The line of @out that contains @what, copied to @line. */
static bool line_with(const char *out, const char *what, char *line,
		      size_t size)
{
	const char *s = strstr(out, what), *b, *e;

	if (!s)
		return false;
	for (b = s; b > out && b[-1] != '\n'; b--)
		;
	e = strchr(s, '\n');
	if (!e)
		e = s + strlen(s);
	snprintf(line, size, "%.*s", (int)(e - b), b);
	return true;
}

static int count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* ------------------------------------------------------------------ */
/* The command line                                                    */

TEST_F(ctl, version_and_help)
{
	char want[64];

	CTL_REQUIRE();
	snprintf(want, sizeof(want), "clusnetctl %d.%d.%d\n",
		 CN_VERSION_MAJOR, CN_VERSION_MINOR, CN_VERSION_PATCH);
	EXPECT_CTL(XC_OK, CTL("--version"));
	EXPECT_STREQ(want, R.out);
	EXPECT_CTL(XC_OK, CTL("-V"));
	EXPECT_STREQ(want, R.out);
	EXPECT_CTL(XC_OK, CTL("--help"));
	EXPECT_NE(NULL, strstr(R.out, "usage: clusnetctl"));
	EXPECT_NE(NULL, strstr(R.out, "watch [NAME]"));
	EXPECT_NE(NULL, strstr(R.out, "network rename OLD NEW"));
	EXPECT_STREQ("", R.err);
	EXPECT_CTL(XC_OK, CTL("list", "-h"));
	EXPECT_NE(NULL, strstr(R.out, "usage: clusnetctl"));
}

/* Every way to get the command line wrong: exit 2, a message, no output. */
TEST_F(ctl, usage_errors)
{
	static const struct {
		const char *args[8];
		const char *msg;
	} cases[] = {
		{ { NULL }, "no command given" },
		{ { "frobnicate" }, "unknown command 'frobnicate'" },
		{ { "list", "extra" }, "list: too many arguments" },
		{ { "show" }, "show: missing arguments" },
		{ { "--bogus", "list" }, "unknown option '--bogus'" },
		{ { "-x", "list" }, "unknown option '-x'" },
		{ { "list", "--access", "read" },
		  "list does not take option '--access'" },
		{ { "open", "x", "--access" }, "option '--access' needs a value" },
		{ { "open", "x", "--access", "rw" }, "access 'rw'" },
		{ { "open", "x", "--access=" }, "access ''" },
		{ { "chmod", "x", "0755" }, "mode '0755'" },
		{ { "chmod", "x", "rw" }, "mode 'rw'" },
		{ { "chmod", "x", "01644" }, "mode '01644'" },
		{ { "chmod", "x", "" }, "mode ''" },
		{ { "create", "x" }, "--nic IFNAME is required" },
		{ { "create", "x", "--nic", "a/b" }, "not a valid interface" },
		{ { "create", "x", "--nic", "sixteen-chars-xx" },
		  "not a valid interface" },
		{ { "create", "", "--nic", "eth0" }, "must not be empty" },
		{ { "create", "x", "--nic", "eth0", "--mode", "9" },
		  "mode '9'" },
		{ { "create", "x", "--nic", "eth0", "--owner", "nosuchuser" },
		  "unknown user 'nosuchuser'" },
		{ { "create", "x", "--nic", "eth0", "--group", "nosuchgrp" },
		  "unknown group 'nosuchgrp'" },
		{ { "create", "\xff\xfe", "--nic", "eth0" }, "not valid UTF-8" },
		{ { "chown", "x", "nosuchuser" }, "unknown user" },
		{ { "chown", "x", ":" }, "give USER, USER:GROUP or :GROUP" },
		{ { "network", "frob", "a", "b" }, "unknown subcommand 'frob'" },
		{ { "watch", "--count", "0" }, "--count '0'" },
		{ { "watch", "--count", "3x" }, "--count '3x'" },
		{ { "watch", "--timeout", "soon" }, "--timeout 'soon'" },
		{ { "watch", "a", "b" }, "watch: too many arguments" },
		{ { "watch", "a", "--node", "b" },
		  "watch: NAME and --node exclude each other" },
		{ { "describe", "x", "\xc3" }, "not valid UTF-8" },
	};
	char *argv[10];
	size_t i, k;

	CTL_REQUIRE();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		argv[0] = "clusnetctl";
		for (k = 0; cases[i].args[k]; k++)
			argv[k + 1] = (char *)cases[i].args[k];
		argv[k + 1] = NULL;
		EXPECT_CTL(XC_USAGE, ctl_run(NULL, argv));
		EXPECT_ERROR(cases[i].msg);
	}
	/* A name longer than CLUSNET_NAME_MAX. */
	{
		char longname[CLUSNET_NAME_MAX + 2];

		memset(longname, 'n', sizeof(longname) - 1);
		longname[sizeof(longname) - 1] = '\0';
		EXPECT_CTL(XC_USAGE, CTL("show", longname));
		EXPECT_ERROR("at most 255");
	}
}

/* Without the device: exit 6 and the hint, from every command. */
TEST_F(ctl, missing_device)
{
	struct ctl_env env = { .device = "/nonexistent/clusnet" };
	struct ctl_env devnull = { .device = "/dev/null" };

	CTL_REQUIRE();
	EXPECT_CTL(XC_NODEV, CTL_ENV(&env, "list"));
	EXPECT_ERROR("/nonexistent/clusnet: No such file or directory");
	EXPECT_NE(NULL, strstr(R.err, "is the clusnet module loaded?"));
	EXPECT_CTL(XC_NODEV, CTL_ENV(&env, "--json", "show", CN_ETH0));
	EXPECT_ERROR("is the clusnet module loaded?");
	EXPECT_CTL(XC_NODEV, CTL_ENV(&env, "watch", "--count", "1"));
	EXPECT_CTL(XC_NODEV, CTL_ENV(&env, "networks"));
	EXPECT_CTL(XC_NODEV, CTL_ENV(&env, "delete", "x"));
	/* Usage errors come first. */
	EXPECT_CTL(XC_USAGE, CTL_ENV(&env, "chmod", "x", "0777"));

	/* Some other device: not clusnet. */
	EXPECT_CTL(XC_FAIL, CTL_ENV(&devnull, "list"));
	EXPECT_ERROR("not a clusnet device");

	/* /dev without clusnet, in a mount namespace of its own. */
	if (cn_is_admin()) {
		struct ctl_env hide = { .hide_dev = true };

		EXPECT_CTL(XC_NODEV, CTL_ENV(&hide, "list"));
		EXPECT_ERROR("/dev/clusnet: No such file or directory");
		EXPECT_CTL(XC_NODEV, CTL_ENV(&hide, "open", CN_ETH0));
	}
}

/* ------------------------------------------------------------------ */
/* list, show, open: what everybody may do                             */

/* The snapshot the tool must agree with. */
static int enum_all(int dev, struct clusnet_if_entry **out)
{
	struct clusnet_enum en;
	int cap = 256;

	*out = calloc(cap, sizeof(**out));
	memset(&en, 0, sizeof(en));
	en.size = sizeof(en);
	en.entries = CN_PTR(*out);
	en.entry_size = sizeof(**out);
	en.capacity = cap;
	if (ioctl(dev, CLUSNET_IOC_ENUM, &en))
		return -errno;
	return en.count < (__u32)cap ? (int)en.count : cap;
}

static void check_list(struct __test_metadata *_metadata, int dev)
{
	struct clusnet_if_entry *e = NULL;
	char obj[2048], v[400], line[1024], *hdr;
	int n, i;

	n = enum_all(dev, &e);
	ASSERT_LE(2, n) TH_LOG("CLUSNET_IOC_ENUM: %s", strerror(-n));

	ASSERT_CTL(XC_OK, CTL("list"));
	EXPECT_STREQ("", R.err);
	/* A header, then one row per object (nothing changes meanwhile
	 * but the tests' own objects, which run one at a time). */
	hdr = R.out;
	EXPECT_EQ(0, strncmp(hdr, "NAME", 4));
	EXPECT_TRUE(strstr(hdr, "NODE") && strstr(hdr, "NETWORK") &&
		    strstr(hdr, "NIC") && strstr(hdr, "STATE") &&
		    strstr(hdr, "OWNER") && strstr(hdr, "MODE"));
	EXPECT_EQ(n + 1, count_lines(R.out)) TH_LOG("%s", R.out);
	ASSERT_TRUE(line_with(R.out, CN_ETH0 "  ", line, sizeof(line)));
	EXPECT_NE(NULL, strstr(line, " " CN_NODE " "));
	EXPECT_NE(NULL, strstr(line, " eth0 "));
	EXPECT_NE(NULL, strstr(line, " Up "));
	EXPECT_NE(NULL, strstr(line, " root:root "));
	EXPECT_NE(NULL, strstr(line, " 0644"));

	ASSERT_CTL(XC_OK, CTL("--json", "list"));
	EXPECT_TRUE(json_valid(R.out)) TH_LOG("invalid JSON: %s", R.out);
	EXPECT_EQ('[', R.out[0]);
	for (i = 0; i < n; i++) {
		ASSERT_TRUE(json_obj(R.out, e[i].name, obj, sizeof(obj)))
			TH_LOG("no %s in %s", e[i].name, R.out);
		snprintf(v, sizeof(v), "%llu", (unsigned long long)e[i].id);
		EXPECT_TRUE(json_has(obj, "id", v)) TH_LOG("%s", obj);
		snprintf(v, sizeof(v), "\"%s\"",
			 e[i].state == CLUSNET_STATE_UP ? "Up" :
			 e[i].state == CLUSNET_STATE_FAILED ? "Failed" :
			 e[i].state == CLUSNET_STATE_UNAVAILABLE ?
			 "Unavailable" : "Unreachable");
		EXPECT_TRUE(json_has(obj, "state", v)) TH_LOG("%s", obj);
		snprintf(v, sizeof(v), "\"%s\"", e[i].ifname);
		EXPECT_TRUE(json_has(obj, "nic", v)) TH_LOG("%s", obj);
		snprintf(v, sizeof(v), "\"%04o\"", e[i].mode);
		EXPECT_TRUE(json_has(obj, "mode", v)) TH_LOG("%s", obj);
		snprintf(v, sizeof(v), "%u", e[i].uid);
		EXPECT_TRUE(json_has(obj, "uid", v)) TH_LOG("%s", obj);
		if (e[i].network[0]) {
			snprintf(v, sizeof(v), "\"%s\"", e[i].network);
			EXPECT_TRUE(json_has(obj, "network", v))
				TH_LOG("%s", obj);
		} else {
			EXPECT_TRUE(json_has(obj, "network", "null"))
				TH_LOG("%s", obj);
		}
	}
	ASSERT_TRUE(json_obj(R.out, CN_ETH0, obj, sizeof(obj)));
	EXPECT_TRUE(json_has(obj, "owner", "\"root\""));
	EXPECT_TRUE(json_has(obj, "group", "\"root\""));
	EXPECT_TRUE(json_has(obj, "autobound", "true"));
	free(e);
}

TEST_F(ctl, list_matches_enum)
{
	CTL_REQUIRE();
	check_list(_metadata, self->dev);
}

TEST_F(ctl, list_as_user)
{
	CTL_REQUIRE();
	CN_BECOME_USER();
	check_list(_metadata, self->dev);
}

/* Owners without a name show as numbers; names are resolved. */
TEST_F(ctl, list_names_and_numbers)
{
	char obj[2048], line[1024];

	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_create(self->dev, self->name, "cnnone0",
			       CN_OTHER_UID, CN_GROUP_GID, 0640));
	ASSERT_EQ(0, cn_create(self->dev, self->name2, "cnnone0",
			       CN_USER_UID, CN_OTHER_GID, 0600));
	ASSERT_CTL(XC_OK, CTL("list"));
	ASSERT_TRUE(line_with(R.out, self->name, line, sizeof(line)));
	EXPECT_NE(NULL, strstr(line, " 1002:clusgrp ")) TH_LOG("%s", line);
	EXPECT_NE(NULL, strstr(line, " Unavailable ")) TH_LOG("%s", line);
	EXPECT_NE(NULL, strstr(line, " 0640")) TH_LOG("%s", line);
	EXPECT_NE(NULL, strstr(line, " cnnone0 ")) TH_LOG("%s", line);
	ASSERT_TRUE(line_with(R.out, self->name2, line, sizeof(line)));
	EXPECT_NE(NULL, strstr(line, " clususer:1002 ")) TH_LOG("%s", line);

	ASSERT_CTL(XC_OK, CTL("-j", "list"));
	ASSERT_TRUE(json_obj(R.out, self->name, obj, sizeof(obj)));
	EXPECT_TRUE(json_has(obj, "owner", "\"1002\""));
	EXPECT_TRUE(json_has(obj, "group", "\"clusgrp\""));
	EXPECT_TRUE(json_has(obj, "gid", "1001"));
	EXPECT_TRUE(json_has(obj, "autobound", "false"));
}

/* On a terminal, list narrows the long columns to its width. */
TEST_F(ctl, list_fits_the_terminal)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	char name[300], net[300], buf[CTL_OUT] = "", *line, *save;
	char *envp[] = { "LC_ALL=C", NULL };
	int m, sl, status, lines = 0;
	char cmd[PATH_MAX + 64];
	long long deadline;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	snprintf(name, sizeof(name), "%s %0150d", self->name, 7);
	snprintf(net, sizeof(net), "cnt %d long network %080d", getpid(), 8);
	ASSERT_EQ(0, cn_create_ex(self->dev, name, NULL, net, "cnnone0", 0, 0,
				  0644, NULL));
	ASSERT_EQ(0, openpty(&m, &sl, NULL, NULL, &ws));
	fflush(stdout);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		/* The marker follows all of clusnetctl's output. */
		snprintf(cmd, sizeof(cmd), "%s list; echo \"END $?\"",
			 ctl_path());
		dup2(sl, 1);
		execve("/bin/sh", (char *[]){ "sh", "-c", cmd, NULL }, envp);
		_exit(127);
	}
	/*
	 * The test keeps the terminal's other side open: no hangup (which
	 * may drop what is still in flight), and the marker ends the read.
	 */
	deadline = cn_now_ms() + CTL_WAIT_MS;
	while (!strstr(buf, "END ") || !strchr(strstr(buf, "END "), '\n')) {
		struct pollfd pfd = { .fd = m, .events = POLLIN };
		int left = (int)(deadline - cn_now_ms());

		if (left <= 0 || len >= sizeof(buf) - 1 ||
		    poll(&pfd, 1, left) < 0)
			break;
		n = read(m, buf + len, sizeof(buf) - 1 - len);
		if (n <= 0)
			break;
		len += n;
		buf[len] = '\0';
	}
	close(sl);
	close(m);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	cn_delete(self->dev, name);
	ASSERT_NE(NULL, strstr(buf, "END 0")) TH_LOG("%s", buf);
	*strstr(buf, "END 0") = '\0';

	for (line = strtok_r(buf, "\r\n", &save); line;
	     line = strtok_r(NULL, "\r\n", &save)) {
		lines++;
		EXPECT_GE(80U, strlen(line)) TH_LOG("too wide: %s", line);
		if (strstr(line, self->name)) {
			/* Cut, with an ASCII ellipsis in the C locale. */
			EXPECT_NE(NULL, strstr(line, "~ ")) TH_LOG("%s", line);
			EXPECT_NE(NULL, strstr(line, "cnnone0")) TH_LOG("%s", line);
			EXPECT_NE(NULL, strstr(line, " 0644")) TH_LOG("%s", line);
		}
		if (strstr(line, CN_ETH0))
			EXPECT_NE(NULL, strstr(line, " eth0 ")) TH_LOG("%s", line);
	}
	EXPECT_LE(4, lines);

	/* Not a terminal: nothing is cut. */
	ASSERT_EQ(0, cn_create_ex(self->dev, name, NULL, net, "cnnone0", 0, 0,
				  0644, NULL));
	EXPECT_CTL(XC_OK, CTL("list"));
	EXPECT_NE(NULL, strstr(R.out, name));
	EXPECT_NE(NULL, strstr(R.out, net));
	cn_delete(self->dev, name);
}

TEST_F(ctl, show_eth0)
{
	struct clusnet_info info;
	char want[512], mac[64];
	__u8 hw[CLUSNET_HWADDR_MAX];
	int h, n;

	CTL_REQUIRE();
	h = cn_open(self->dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_info(h, &info));
	close(h);
	n = cn_sysfs_hwaddr("eth0", hw, sizeof(hw));
	ASSERT_EQ(6, n);
	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x",
		 hw[0], hw[1], hw[2], hw[3], hw[4], hw[5]);

	/* Any case: names are ASCII case-insensitive. */
	ASSERT_CTL(XC_OK, CTL("show", "NODE1 - ETH0"));
	EXPECT_STREQ("", R.err);
	EXPECT_NE(NULL, strstr(R.out, "name:        " CN_ETH0 "\n"));
	snprintf(want, sizeof(want), "id:          %llu\n",
		 (unsigned long long)info.id);
	EXPECT_NE(NULL, strstr(R.out, want)) TH_LOG("%s", R.out);
	EXPECT_NE(NULL, strstr(R.out, "node:        " CN_NODE "\n"));
	snprintf(want, sizeof(want), "network:     %s\n", info.network);
	EXPECT_NE(NULL, strstr(R.out, want)) TH_LOG("%s", R.out);
	EXPECT_NE(NULL, strstr(R.out, "state:       Up\n"));
	snprintf(want, sizeof(want), "nic:         eth0 (ifindex %u)\n",
		 if_nametoindex("eth0"));
	EXPECT_NE(NULL, strstr(R.out, want)) TH_LOG("%s", R.out);
	snprintf(want, sizeof(want), "mac:         %s\n", mac);
	EXPECT_NE(NULL, strstr(R.out, want)) TH_LOG("%s", R.out);
	EXPECT_NE(NULL, strstr(R.out, "permanent:   "));
	EXPECT_NE(NULL, strstr(R.out, "addresses:   10.0.2.15/24\n"))
		TH_LOG("%s", R.out);
	EXPECT_NE(NULL, strstr(R.out, "owner:       root (0)\n"));
	EXPECT_NE(NULL, strstr(R.out, "group:       root (0)\n"));
	EXPECT_NE(NULL, strstr(R.out, "mode:        0644 (rw-r--r--)\n"));

	ASSERT_CTL(XC_OK, CTL("show", "--json", CN_ETH0));
	EXPECT_TRUE(json_valid(R.out)) TH_LOG("invalid JSON: %s", R.out);
	EXPECT_EQ(0, strncmp(R.out, "{\"name\":\"" CN_ETH0 "\",", 22));
	snprintf(want, sizeof(want), "\"id\":%llu,",
		 (unsigned long long)info.id);
	EXPECT_NE(NULL, strstr(R.out, want));
	snprintf(want, sizeof(want), "\"network\":\"%s\"", info.network);
	EXPECT_NE(NULL, strstr(R.out, want));
	snprintf(want, sizeof(want), "\"ifindex\":%u,", if_nametoindex("eth0"));
	EXPECT_NE(NULL, strstr(R.out, want));
	snprintf(want, sizeof(want), "\"mac\":\"%s\"", mac);
	EXPECT_NE(NULL, strstr(R.out, want));
	EXPECT_NE(NULL, strstr(R.out, "\"state\":\"Up\""));
	EXPECT_NE(NULL, strstr(R.out, "{\"family\":\"inet\",\"address\":"
				      "\"10.0.2.15\",\"prefixlen\":24,"
				      "\"scope\":\"global\",\"secondary\":"
				      "false,\"dynamic\":false}"))
		TH_LOG("%s", R.out);
	EXPECT_NE(NULL, strstr(R.out, "\"description\":\"\""));
}

TEST_F(ctl, show_and_open_not_found)
{
	CTL_REQUIRE();
	EXPECT_CTL(XC_NOTFOUND, CTL("show", "node1 - nosuch0"));
	EXPECT_ERROR("object 'node1 - nosuch0': not found");
	EXPECT_CTL(XC_NOTFOUND, CTL("--json", "open", "node1 - nosuch0"));
	EXPECT_ERROR("not found");
	EXPECT_CTL(XC_NOTFOUND, CTL("watch", "node1 - nosuch0"));
	EXPECT_ERROR("not found");
	EXPECT_CTL(XC_NOTFOUND, CTL("describe", "node1 - nosuch0", "x"));
	EXPECT_ERROR("not found");
}

TEST_F(ctl, open_prints_what_was_granted)
{
	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	EXPECT_CTL(XC_OK, CTL("open", CN_ETH0, "--access", "read"));
	EXPECT_STREQ("granted: GENERIC_READ (0x80000000)\n", R.out);
	EXPECT_CTL(XC_OK, CTL("open", CN_ETH0, "--access=all"));
	EXPECT_STREQ("granted: GENERIC_ALL (0x10000000)\n", R.out);
	EXPECT_CTL(XC_OK, CTL("open", "--access", "max", CN_ETH0));
	EXPECT_STREQ("granted: GENERIC_ALL (0x10000000)\n", R.out);
	EXPECT_CTL(XC_OK, CTL("open", CN_ETH0));
	EXPECT_STREQ("granted: GENERIC_ALL (0x10000000)\n", R.out);
	EXPECT_CTL(XC_OK, CTL("open", CN_ETH0, "--access", "write"));
	EXPECT_STREQ("granted: GENERIC_ALL (0x10000000)\n", R.out);

	EXPECT_CTL(XC_OK, CTL("--json", "open", CN_ETH0, "--access", "read"));
	EXPECT_TRUE(json_valid(R.out)) TH_LOG("invalid JSON: %s", R.out);
	EXPECT_NE(NULL, strstr(R.out, "\"granted\":\"GENERIC_READ\","
				      "\"granted_access\":2147483648"))
		TH_LOG("%s", R.out);
	EXPECT_NE(NULL, strstr(R.out, "\"desired\":\"GENERIC_READ\""));
}

TEST_F(ctl, open_as_user)
{
	CTL_REQUIRE();
	CN_BECOME_USER();
	EXPECT_CTL(XC_OK, CTL("open", CN_ETH0, "--access", "max"));
	EXPECT_STREQ("granted: GENERIC_READ (0x80000000)\n", R.out);
	EXPECT_CTL(XC_OK, CTL("open", CN_ETH1, "--access", "read"));
	EXPECT_STREQ("granted: GENERIC_READ (0x80000000)\n", R.out);
	EXPECT_CTL(XC_PERM, CTL("open", CN_ETH0, "--access", "all"));
	EXPECT_ERROR("Permission denied");
	EXPECT_NE(NULL, strstr(R.err, "mode 0644, owner root:root"))
		TH_LOG("%s", R.err);
	EXPECT_CTL(XC_PERM, CTL("describe", CN_ETH0, "mine now"));
	EXPECT_ERROR("Permission denied");
	/* show needs read only. */
	EXPECT_CTL(XC_OK, CTL("show", CN_ETH0));
}

/* A user without read access: show and watch are refused. */
TEST_F(ctl, no_read_access)
{
	struct ctl_env user = { .as_user = true };

	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	/* The test stays root (its teardown deletes the object). */
	ASSERT_EQ(0, cn_create(self->dev, self->name, "cnnone0", 0, 0, 0600));
	EXPECT_CTL(XC_PERM, CTL_ENV(&user, "show", self->name));
	EXPECT_ERROR("Permission denied");
	EXPECT_CTL(XC_PERM, CTL_ENV(&user, "open", self->name, "--access",
				    "max"));
	EXPECT_ERROR("Permission denied");
	EXPECT_CTL(XC_PERM, CTL_ENV(&user, "watch", self->name, "--count",
				    "1"));
	EXPECT_ERROR("Permission denied");
	/* Listing is for everybody. */
	EXPECT_CTL(XC_OK, CTL_ENV(&user, "list"));
	EXPECT_NE(NULL, strstr(R.out, self->name));
}

/* ------------------------------------------------------------------ */
/* create, delete, chown, chmod, describe                              */

TEST_F(ctl, create_change_delete)
{
	struct clusnet_info info;
	char want[512], upper[128];
	__u64 id = 0;
	int h;

	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	ASSERT_CTL(XC_OK, CTL("--json", "create", self->name, "--nic",
			     "cnnone0", "--node", "other n\xc3\xb6" "de",
			     "--network", "cnt ctl network", "--owner",
			     "clususer", "--group", "clusgrp", "--mode",
			     "0640"));
	EXPECT_TRUE(json_valid(R.out)) TH_LOG("invalid JSON: %s", R.out);
	/* The NIC does not exist: allowed, with a note. */
	EXPECT_NE(NULL, strstr(R.err, "clusnetctl: note: there is no "
				      "interface 'cnnone0'"));
	h = cn_open_g(self->dev, self->name, CLUSNET_GENERIC_READ, NULL, &id);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_info(h, &info));
	close(h);
	snprintf(want, sizeof(want), "{\"name\":\"%s\",\"id\":%llu}\n",
		 self->name, (unsigned long long)id);
	EXPECT_STREQ(want, R.out);
	EXPECT_STREQ("other n\xc3\xb6" "de", info.node);
	EXPECT_STREQ("cnt ctl network", info.network);
	EXPECT_STREQ("cnnone0", info.ifname);
	EXPECT_EQ((__u32)CN_USER_UID, info.uid);
	EXPECT_EQ((__u32)CN_GROUP_GID, info.gid);
	EXPECT_EQ(0640U, info.mode);

	/* Names are case-insensitive: the same name again exists. */
	EXPECT_CTL(XC_EXISTS, CTL("create", cn_upper(upper, sizeof(upper),
						    self->name),
				 "--nic", "cnnone1"));
	EXPECT_ERROR("already exists");

	EXPECT_CTL(XC_OK, CTL("chmod", self->name, "600"));
	EXPECT_STREQ("", R.out);
	EXPECT_STREQ("", R.err);
	EXPECT_CTL(XC_OK, CTL("chown", self->name, "root:root"));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_EQ(0600U, info.mode);
	EXPECT_EQ(0U, info.uid);
	EXPECT_EQ(0U, info.gid);
	close(h);
	EXPECT_CTL(XC_OK, CTL("-j", "chown", self->name, "1002"));
	EXPECT_TRUE(json_valid(R.out)) TH_LOG("invalid JSON: %s", R.out);
	EXPECT_NE(NULL, strstr(R.out, "\"uid\":1002,\"owner\":\"1002\","
				      "\"gid\":0,\"group\":\"root\","
				      "\"mode\":\"0600\""))
		TH_LOG("%s", R.out);
	EXPECT_CTL(XC_OK, CTL("chown", self->name, ":clusgrp"));
	EXPECT_CTL(XC_OK, CTL("--json", "chmod", self->name, "0664"));
	EXPECT_NE(NULL, strstr(R.out, "\"mode\":\"0664\"")) TH_LOG("%s", R.out);
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_EQ(0664U, info.mode);
	EXPECT_EQ(1002U, info.uid);
	EXPECT_EQ((__u32)CN_GROUP_GID, info.gid);

	EXPECT_CTL(XC_OK, CTL("describe", self->name,
			     "primary link \xe2\x80\x94 rack 4"));
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_STREQ("primary link \xe2\x80\x94 rack 4", info.description);
	EXPECT_CTL(XC_OK, CTL("--json", "show", self->name));
	EXPECT_TRUE(json_valid(R.out)) TH_LOG("invalid JSON: %s", R.out);
	EXPECT_NE(NULL, strstr(R.out, "\"description\":\"primary link "
				      "\xe2\x80\x94 rack 4\""));
	EXPECT_NE(NULL, strstr(R.out, "\"pinned\":true"));
	EXPECT_CTL(XC_OK, CTL("describe", self->name, ""));
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_STREQ("", info.description);

	EXPECT_CTL(XC_OK, CTL("delete", self->name));
	EXPECT_STREQ("", R.out);
	EXPECT_STREQ("", R.err);
	EXPECT_EQ(-ENODEV, cn_info(h, &info));
	close(h);
	EXPECT_EQ(-ENOENT, cn_open(self->dev, self->name,
				   CLUSNET_GENERIC_READ));
	EXPECT_CTL(XC_NOTFOUND, CTL("delete", self->name));
	EXPECT_ERROR("not found");
	EXPECT_CTL(XC_NOTFOUND, CTL("chmod", self->name, "0644"));
	EXPECT_CTL(XC_NOTFOUND, CTL("chown", self->name, "root"));
}

/* Names starting with '-' after "--"; names that are odd bytes. */
TEST_F(ctl, odd_names)
{
	char name[300], obj[1024];

	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	snprintf(name, sizeof(name), "-%s", self->name);
	EXPECT_CTL(XC_USAGE, CTL("create", name, "--nic", "cnnone0"));
	EXPECT_CTL(XC_OK, CTL("create", "--nic", "cnnone0", "--", name));
	EXPECT_EQ(0, cn_delete(self->dev, name));

	/* A control character made with the ioctl: escaped in text,
	 * a \u escape in JSON. */
	snprintf(name, sizeof(name), "%s\x1b[2J", self->name2);
	ASSERT_EQ(0, cn_create(self->dev, name, "cnnone0", 0, 0, 0644));
	EXPECT_CTL(XC_OK, CTL("list"));
	EXPECT_EQ(NULL, strchr(R.out, '\x1b'));
	EXPECT_NE(NULL, strstr(R.out, "\\x1b[2J"));
	EXPECT_CTL(XC_OK, CTL("--json", "list"));
	EXPECT_TRUE(json_valid(R.out)) TH_LOG("invalid JSON: %s", R.out);
	snprintf(name, sizeof(name), "%s\\u001b[2J", self->name2);
	EXPECT_TRUE(json_obj(R.out, name, obj, sizeof(obj)));
	snprintf(name, sizeof(name), "%s\x1b[2J", self->name2);
	EXPECT_EQ(0, cn_delete(self->dev, name));
}

/* Without CAP_NET_ADMIN every change is refused with exit 4. */
TEST_F(ctl, admin_commands_as_user)
{
	CTL_REQUIRE();
	CN_BECOME_USER();
	EXPECT_CTL(XC_PERM, CTL("create", self->name, "--nic", "cnnone0"));
	EXPECT_ERROR("Operation not permitted (needs CAP_NET_ADMIN)");
	EXPECT_CTL(XC_PERM, CTL("delete", CN_ETH0));
	EXPECT_ERROR("needs CAP_NET_ADMIN");
	EXPECT_CTL(XC_PERM, CTL("chmod", CN_ETH0, "0666"));
	EXPECT_ERROR("needs CAP_NET_ADMIN");
	EXPECT_CTL(XC_PERM, CTL("chown", CN_ETH0, "clususer"));
	EXPECT_ERROR("needs CAP_NET_ADMIN");
	EXPECT_CTL(XC_PERM, CTL("network", "rename", CN_NET_ETH0, "mine"));
	EXPECT_ERROR("needs CAP_NET_ADMIN");
	EXPECT_EQ(-EACCES, cn_open(self->dev, CN_ETH0, CLUSNET_GENERIC_ALL));
}

/* ------------------------------------------------------------------ */
/* networks                                                            */

static int networks_all(int dev, struct clusnet_network_entry **out)
{
	struct clusnet_enum en;
	int cap = 64;

	*out = calloc(cap, sizeof(**out));
	memset(&en, 0, sizeof(en));
	en.size = sizeof(en);
	en.entries = CN_PTR(*out);
	en.entry_size = sizeof(**out);
	en.capacity = cap;
	if (ioctl(dev, CLUSNET_IOC_NETWORKS, &en))
		return -errno;
	return en.count < (__u32)cap ? (int)en.count : cap;
}

TEST_F(ctl, networks_match_the_ioctl)
{
	static const char *const states[] = {
		"Unavailable", "Down", "Partitioned", "Up"
	};
	struct clusnet_network_entry *e = NULL;
	char obj[1024], v[400], line[1024];
	int n, i;

	CTL_REQUIRE();
	n = networks_all(self->dev, &e);
	ASSERT_LE(2, n) TH_LOG("CLUSNET_IOC_NETWORKS: %s", strerror(-n));

	ASSERT_CTL(XC_OK, CTL("networks"));
	EXPECT_EQ(0, strncmp(R.out, "NAME", 4));
	EXPECT_NE(NULL, strstr(R.out, "SUBNET"));
	EXPECT_NE(NULL, strstr(R.out, "INTERFACES"));
	EXPECT_EQ(n + 1, count_lines(R.out)) TH_LOG("%s", R.out);
	ASSERT_TRUE(line_with(R.out, "10.0.2.0/24", line, sizeof(line)))
		TH_LOG("%s", R.out);
	EXPECT_NE(NULL, strstr(line, " Up ")) TH_LOG("%s", line);
	ASSERT_TRUE(line_with(R.out, "192.168.100.0/24", line, sizeof(line)))
		TH_LOG("%s", R.out);

	ASSERT_CTL(XC_OK, CTL("--json", "networks"));
	EXPECT_TRUE(json_valid(R.out)) TH_LOG("invalid JSON: %s", R.out);
	for (i = 0; i < n; i++) {
		ASSERT_TRUE(json_obj(R.out, e[i].name, obj, sizeof(obj)))
			TH_LOG("no %s in %s", e[i].name, R.out);
		snprintf(v, sizeof(v), "%llu", (unsigned long long)e[i].id);
		EXPECT_TRUE(json_has(obj, "id", v)) TH_LOG("%s", obj);
		snprintf(v, sizeof(v), "\"%s\"",
			 e[i].state < 4 ? states[e[i].state] : "Unknown");
		EXPECT_TRUE(json_has(obj, "state", v)) TH_LOG("%s", obj);
		snprintf(v, sizeof(v), "%u", e[i].interfaces);
		EXPECT_TRUE(json_has(obj, "interfaces", v)) TH_LOG("%s", obj);
		if (e[i].family == AF_INET) {
			snprintf(v, sizeof(v), "\"%u.%u.%u.%u/%u\"",
				 e[i].subnet[0], e[i].subnet[1],
				 e[i].subnet[2], e[i].subnet[3],
				 e[i].prefixlen);
			EXPECT_TRUE(json_has(obj, "subnet", v))
				TH_LOG("%s", obj);
		}
	}
	free(e);
}

TEST_F(ctl, network_rename)
{
	struct clusnet_info info;
	char net[128], net2[128];
	int h;

	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	cn_name(net, sizeof(net), "net");
	cn_name(net2, sizeof(net2), "renamed");
	ASSERT_EQ(0, cn_create_ex(self->dev, self->name, NULL, net, "cnnone0",
				  0, 0, 0644, NULL));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);

	ASSERT_CTL(XC_OK, CTL("networks"));
	EXPECT_NE(NULL, strstr(R.out, net)) TH_LOG("%s", R.out);
	EXPECT_CTL(XC_OK, CTL("--json", "network", "rename", net, net2));
	EXPECT_TRUE(json_valid(R.out)) TH_LOG("invalid JSON: %s", R.out);
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_STREQ(net2, info.network);
	EXPECT_CTL(XC_NOTFOUND, CTL("network", "rename", net, "x"));
	EXPECT_ERROR("not found");
	EXPECT_CTL(XC_EXISTS, CTL("network", "rename", net2, CN_NET_ETH0));
	EXPECT_ERROR("another network is named");
	EXPECT_CTL(XC_USAGE, CTL("network", "rename", net2, ""));
	close(h);
}

/* ------------------------------------------------------------------ */
/* watch                                                               */

/* watch NAME --count 2 sees a real down and up of a dummy NIC. */
TEST_F(ctl, watch_count_link_down_up)
{
	struct ctl_proc p;
	char line[1024], want[256];
	int h;

	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	h = running_dummy(_metadata, self);
	ASSERT_LE(0, h);
	ctl_reset(&R);
	ASSERT_EQ(0, ctl_start(&p, NULL, (char *[]){ "clusnetctl", "watch",
		  self->name, "--count", "2", "--timeout", "60", NULL }));
	ASSERT_TRUE(watch_ready(p.pid, CTL_WAIT_MS));
	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifname));
	ASSERT_EQ(CLUSNET_STATE_FAILED,
		  cn_wait_state(h, CLUSNET_STATE_FAILED, CN_WAIT_MS));
	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifname));
	ASSERT_EQ(CLUSNET_STATE_UP,
		  cn_wait_state(h, CLUSNET_STATE_UP, CN_WAIT_MS));
	EXPECT_EQ(XC_OK, ctl_finish(&p, &R, CTL_WAIT_MS))
		TH_LOG("stdout:\n%s\nstderr:\n%s", R.out, R.err);
	EXPECT_EQ(2, count_lines(R.out)) TH_LOG("%s", R.out);
	snprintf(want, sizeof(want), " %s: Up -> Failed (state)\n",
		 self->name);
	EXPECT_NE(NULL, strstr(R.out, want)) TH_LOG("%s", R.out);
	snprintf(want, sizeof(want), " %s: Failed -> Up (state)\n",
		 self->name);
	EXPECT_NE(NULL, strstr(R.out, want)) TH_LOG("%s", R.out);
	/* HH:MM:SS.mmm first. */
	ASSERT_TRUE(line_with(R.out, "Up -> Failed", line, sizeof(line)));
	EXPECT_TRUE(line[2] == ':' && line[5] == ':' && line[8] == '.' &&
		    line[12] == ' ') TH_LOG("%s", line);
	EXPECT_STREQ("", R.err);
	close(h);
}

/*
 * watch of the whole namespace, as JSON: an object's life (added, a
 * carrier change, a description, deleted), then SIGTERM ends it with 0.
 */
TEST_F(ctl, watch_json_all_objects)
{
	struct ctl_proc p;
	char want[512];
	const char *s;
	__u64 id = 0;
	int all, i;

	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	cn_netdev_modules();
	ASSERT_EQ(0, cn_sh("ip link add %s type dummy && "
			   "echo 1 > /proc/sys/net/ipv6/conf/%s/disable_ipv6 "
			   "&& ip link set %s up", self->ifname, self->ifname,
			   self->ifname));
	ctl_reset(&R);
	ASSERT_EQ(0, ctl_start(&p, &(struct ctl_env){ .lc_all = "C.UTF-8" },
			       (char *[]){ "clusnetctl", "--json", "watch",
					   "--timeout", "120", NULL }));
	ASSERT_TRUE(watch_ready(p.pid, CTL_WAIT_MS));

	ASSERT_EQ(0, cn_create_ex(self->dev, self->name, NULL, NULL,
				  self->ifname, 0, 0, 0644, &id));
	all = cn_open(self->dev, self->name, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, all);
	ASSERT_EQ(CLUSNET_STATE_UP,
		  cn_wait_state(all, CLUSNET_STATE_UP, CN_WAIT_MS));
	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", self->ifname));
	ASSERT_EQ(CLUSNET_STATE_FAILED,
		  cn_wait_state(all, CLUSNET_STATE_FAILED, CN_WAIT_MS));
	ASSERT_EQ(0, cn_set_desc(all, "watched", 7));
	ASSERT_EQ(0, cn_delete(self->dev, self->name));
	close(all);

	/* The last record of an object (which may carry a state change
	 * as well). */
	EXPECT_TRUE(ctl_read(&p, &R, "\"deleted\"]", CTL_WAIT_MS))
		TH_LOG("no deleted event:\n%s\nstderr:\n%s", R.out, R.err);
	kill(p.pid, SIGTERM);
	EXPECT_EQ(XC_OK, ctl_finish(&p, &R, CTL_WAIT_MS))
		TH_LOG("stderr:\n%s", R.err);

	/* Every line is one JSON object. */
	for (s = R.out, i = 0; *s; i++) {
		const char *e = strchr(s, '\n');
		char one[2048];

		ASSERT_NE(NULL, e) TH_LOG("unterminated line: %s", s);
		snprintf(one, sizeof(one), "%.*s", (int)(e - s), s);
		EXPECT_TRUE(json_valid(one)) TH_LOG("invalid JSON: %s", one);
		EXPECT_EQ(0, strncmp(one, "{\"time\":\"", 9)) TH_LOG("%s", one);
		s = e + 1;
	}
	EXPECT_LE(4, i);
	/* In order: added, the state change, the description, deleted. */
	snprintf(want, sizeof(want), "\"id\":%llu,\"name\":\"%s\",\"changes\":"
		 "[\"added\"", (unsigned long long)id, self->name);
	s = strstr(R.out, want);
	ASSERT_NE(NULL, s) TH_LOG("%s", R.out);
	snprintf(want, sizeof(want), "\"name\":\"%s\",\"changes\":[\"state\"],"
		 "\"old_state\":\"Up\",\"new_state\":\"Failed\"", self->name);
	s = strstr(s, want);
	ASSERT_NE(NULL, s) TH_LOG("%s", R.out);
	snprintf(want, sizeof(want), "\"name\":\"%s\",\"changes\":"
		 "[\"property\"]", self->name);
	s = strstr(s, want);
	ASSERT_NE(NULL, s) TH_LOG("%s", R.out);
	snprintf(want, sizeof(want), "\"name\":\"%s\",\"changes\":[",
		 self->name);
	s = strstr(s + 1, want);
	ASSERT_NE(NULL, s) TH_LOG("%s", R.out);
	ASSERT_NE(NULL, strstr(s, "\"deleted\"]")) TH_LOG("%s", R.out);
}

/* watch NAME ends by itself (0) when the object is deleted. */
TEST_F(ctl, watch_ends_when_deleted)
{
	struct ctl_proc p;
	char want[256];

	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_create(self->dev, self->name, "cnnone0", 0, 0, 0644));
	ctl_reset(&R);
	ASSERT_EQ(0, ctl_start(&p, &(struct ctl_env){ .lc_all = "C.UTF-8" },
			       (char *[]){ "clusnetctl", "watch", self->name,
					   NULL }));
	ASSERT_TRUE(watch_ready(p.pid, CTL_WAIT_MS));
	ASSERT_EQ(0, cn_delete(self->dev, self->name));
	EXPECT_EQ(XC_OK, ctl_finish(&p, &R, CTL_WAIT_MS))
		TH_LOG("stdout:\n%s\nstderr:\n%s", R.out, R.err);
	snprintf(want, sizeof(want), " %s: Unavailable (deleted)\n",
		 self->name);
	EXPECT_NE(NULL, strstr(R.out, want)) TH_LOG("%s", R.out);
}

/* watch --node: the events of that node's interfaces only. */
TEST_F(ctl, watch_node_filters_by_node)
{
	char a[300], b[300], node_a[200], node_b[200], want[400];
	struct ctl_proc p;
	int ha, hb;

	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	snprintf(node_a, sizeof(node_a), "%s-na", self->name);
	snprintf(node_b, sizeof(node_b), "%s-nb", self->name);
	snprintf(a, sizeof(a), "%s - x0", node_a);
	snprintf(b, sizeof(b), "%s - x0", node_b);
	ASSERT_EQ(0, cn_create_ex(self->dev, a, node_a, NULL, "cnnone0", 0, 0,
				  0644, NULL));
	ctl_reset(&R);
	ASSERT_EQ(0, ctl_start(&p, &(struct ctl_env){ .lc_all = "C.UTF-8" },
			       (char *[]){ "clusnetctl", "watch", "--node",
					   node_b, "--count", "2", "--timeout",
					   "60", NULL }));
	ASSERT_TRUE(watch_ready(p.pid, CTL_WAIT_MS));
	/* node_b's object is made after the watch started: still its. */
	ASSERT_EQ(0, cn_create_ex(self->dev, b, node_b, NULL, "cnnone0", 0, 0,
				  0644, NULL));
	ha = cn_open(self->dev, a, CLUSNET_GENERIC_ALL);
	hb = cn_open(self->dev, b, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, ha);
	ASSERT_LE(0, hb);
	ASSERT_EQ(0, cn_set_desc(ha, "not this one", 12));
	ASSERT_EQ(0, cn_set_desc(hb, "this one", 8));
	close(ha);
	close(hb);
	EXPECT_EQ(XC_OK, ctl_finish(&p, &R, CTL_WAIT_MS))
		TH_LOG("stdout:\n%s\nstderr:\n%s", R.out, R.err);
	snprintf(want, sizeof(want), " %s: Unavailable (added)\n", b);
	EXPECT_NE(NULL, strstr(R.out, want)) TH_LOG("%s", R.out);
	snprintf(want, sizeof(want), " %s: Unavailable (property)\n", b);
	EXPECT_NE(NULL, strstr(R.out, want)) TH_LOG("%s", R.out);
	EXPECT_EQ(NULL, strstr(R.out, a)) TH_LOG("%s", R.out);
	cn_delete(self->dev, a);
	cn_delete(self->dev, b);
}

/* --timeout: 0 without --count, 1 when the count was not reached. */
TEST_F(ctl, watch_timeout)
{
	long long t0;

	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_create(self->dev, self->name, "cnnone0", 0, 0, 0644));
	t0 = cn_now_ms();
	EXPECT_CTL(XC_OK, CTL("watch", self->name, "--timeout", "0.5"));
	EXPECT_LE(500, cn_now_ms() - t0);
	EXPECT_STREQ("", R.out);
	EXPECT_CTL(XC_FAIL, CTL("watch", self->name, "--timeout", "0.3",
			       "--count", "3"));
	EXPECT_ERROR("timed out after 0.3 s with 0 of 3 events");
}

/*
 * A reader stopped while its handle's ring overflows sees one OVERFLOW
 * line, then the records that were kept, the last one last. Also: the
 * arrow of a UTF-8 locale (the VM has C.UTF-8).
 */
TEST_F(ctl, watch_overflow)
{
	const int events = CLUSNET_EVENT_RING + 5;
	char stat[512], path[64], last[64], *s = NULL;
	struct ctl_proc p;
	int h, all, i, fd, lost = 0;
	ssize_t n;

	CTL_REQUIRE();
	CN_REQUIRE_ADMIN();
	/* An arrow where the locale exists, else ASCII. */
	snprintf(last, sizeof(last), "Up %s Failed (state)\n",
		 setlocale(LC_CTYPE, "C.UTF-8") ? "\xe2\x86\x92" : "->");
	setlocale(LC_CTYPE, "C");
	h = running_dummy(_metadata, self);
	ASSERT_LE(0, h);
	all = cn_open(self->dev, self->name, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, all);
	ctl_reset(&R);
	ASSERT_EQ(0, ctl_start(&p, &(struct ctl_env){ .lc_all = "C.UTF-8" },
			       (char *[]){ "clusnetctl", "watch", self->name,
					   NULL }));
	ASSERT_TRUE(watch_ready(p.pid, CTL_WAIT_MS));
	ASSERT_EQ(0, kill(p.pid, SIGSTOP));
	/* Stopped for sure before the events come. */
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)p.pid);
	for (i = 0; i < CTL_WAIT_MS / CN_POLL_MS; i++) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		n = fd < 0 ? -1 : read(fd, stat, sizeof(stat) - 1);
		if (fd >= 0)
			close(fd);
		stat[n > 0 ? n : 0] = '\0';
		s = strrchr(stat, ')');
		if (s && s[1] == ' ' && s[2] == 'T')
			break;
		cn_sleep_ms(CN_POLL_MS);
	}
	ASSERT_TRUE(s && s[2] == 'T') TH_LOG("%s", stat);
	/* Property events (descriptions), then one state change. */
	for (i = 0; i < events - 1; i++) {
		char text[32];

		snprintf(text, sizeof(text), "text %d", i);
		ASSERT_EQ(0, cn_set_desc(all, text, strlen(text)));
	}
	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifname));
	ASSERT_EQ(CLUSNET_STATE_FAILED,
		  cn_wait_state(h, CLUSNET_STATE_FAILED, CN_WAIT_MS));
	ASSERT_EQ(0, kill(p.pid, SIGCONT));
	EXPECT_TRUE(ctl_read(&p, &R, last, 10000))
		TH_LOG("no '%s':\n%s\nstderr:\n%s", last, R.out, R.err);
	/* SIGINT ends it normally. */
	kill(p.pid, SIGINT);
	EXPECT_EQ(XC_OK, ctl_finish(&p, &R, CTL_WAIT_MS))
		TH_LOG("stderr:\n%s", R.err);
	s = strstr(R.out, "OVERFLOW: ");
	ASSERT_NE(NULL, s) TH_LOG("%s", R.out);
	EXPECT_TRUE(s == R.out + 13) TH_LOG("not the first line: %s", R.out);
	ASSERT_EQ(1, sscanf(s, "OVERFLOW: %d events lost", &lost));
	/* Every event is either lost or printed, the last one last. */
	EXPECT_EQ(events - CLUSNET_EVENT_RING, lost) TH_LOG("%s", R.out);
	EXPECT_EQ(1 + events - lost, count_lines(R.out)) TH_LOG("%s", R.out);
	s = strstr(R.out, last);
	ASSERT_NE(NULL, s);
	EXPECT_EQ('\0', s[strlen(last)]);
	EXPECT_NE(NULL, strstr(R.out, ": Up (property)\n"));
	close(all);
	close(h);
}

TEST_HARNESS_MAIN
