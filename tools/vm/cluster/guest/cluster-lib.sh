# shellcheck shell=dash
# Shared by the cluster-* commands of the test VM (sourced; dash, the
# guest's /bin/sh: "local" and "test -ef" are used).
#
# Layout (tools/vm/run --cluster N): node i (node1..nodeN) lives in its own
# network, UTS and mount namespaces, held by an anchor process whose pid is
# in $CLUSTER_STATE/nodeI.pid; its eth0 and eth1 are veths whose other ends
# (nIe0, nIe1) sit on the bridges br0 and br1 of a switch namespace (anchor
# sw.pid). eth0 has 10.10.0.I/24, eth1 10.11.0.I/24: knet link 0 and link 1.
# The state directory and the logs are on the root file system, which all
# nodes share; each node has its own /run.
#
# On a node of a cluster of VMs (tools/vm/run --vm-node I/N, cluster-up
# --vm-node I N) the guest holds node I only, in its initial namespaces:
# $CLUSTER_STATE/vm-node names it, its "anchor" is PID 1, eth0 and eth1
# are the VM's NICs; the other nodes are other VMs.

CLUSTER_STATE=/var/lib/clusnet-cluster
CLUSTER_LOGS=/var/log/cluster
# clusnetd's state file, in each node's own /run.
CLUSNETD_STATE=/run/clusnetd/state
CLUSTER_NAME=clusnet-test
# Seconds to wait for membership and links (TCG guests are slow).
: "${CLUSTER_WAIT:=120}"

cl_prog=${0##*/}
cl_die() {
	echo "$cl_prog: $*" >&2
	exit 1
}
cl_log() {
	echo "$cl_prog: $*" >&2
}

cl_size() {
	local n
	read -r n 2>/dev/null <"$CLUSTER_STATE/size" || n=0
	echo "$n"
}

# cl_nodes: the nodes this guest holds (all N, or the VM's own).
cl_nodes() {
	local i n
	if [ -s "$CLUSTER_STATE/vm-node" ]; then
		cat "$CLUSTER_STATE/vm-node"
		return 0
	fi
	i=1
	n=$(cl_size)
	while [ "$i" -le "$n" ]; do
		echo "node$i"
		i=$((i + 1))
	done
}

# cl_index NODE: its number, or die for a name that is not a node.
cl_index() {
	local i
	case $1 in
	node[1-9])
		i=${1#node}
		[ "$i" -le "$(cl_size)" ] && {
			echo "$i"
			return 0
		}
		;;
	esac
	cl_die "no node '$1' (nodes: $(cl_nodes | tr '\n' ' '))"
}

# cl_net NET: the link number of eth0/eth1.
cl_net() {
	case $1 in
	eth0) echo 0 ;;
	eth1) echo 1 ;;
	*) cl_die "no network '$1' (eth0 or eth1)" ;;
	esac
}

# cl_addr INDEX LINK
cl_addr() {
	echo "10.1$2.0.$1"
}

# cl_write_conf NODE: /etc/corosync/NODE.conf, for NODE of the N nodes
# (every node's nodelist names all N, with both rings).
cl_write_conf() {
	local node i nodelist
	node=$1
	i=1
	nodelist=
	while [ "$i" -le "$(cl_size)" ]; do
		nodelist="$nodelist
	node {
		name: node$i
		nodeid: $i
		ring0_addr: $(cl_addr "$i" 0)
		ring1_addr: $(cl_addr "$i" 1)
	}"
		i=$((i + 1))
	done
	mkdir -p /etc/corosync
	cat >"/etc/corosync/$node.conf" <<-EOT
		# tools/vm/cluster/guest/cluster-lib.sh: $node of $(cl_size)
		totem {
			version: 2
			cluster_name: $CLUSTER_NAME
			transport: knet
			crypto_cipher: none
			crypto_hash: none
		}
		logging {
			to_logfile: yes
			logfile: $CLUSTER_LOGS/$node-corosync.log
			to_stderr: no
			to_syslog: no
			timestamp: on
		}
		quorum {
			provider: corosync_votequorum
		}
		system {
			state_dir: /run/corosync
			allow_knet_handle_fallback: yes
		}
		nodelist {$nodelist
		}
	EOT
}

cl_anchor() {
	local p
	read -r p 2>/dev/null <"$CLUSTER_STATE/$1.pid" ||
		cl_die "$1: no namespaces (cluster not set up?)"
	[ -d "/proc/$p" ] || cl_die "$1: its namespace holder $p is gone"
	echo "$p"
}

# cl_in NODE CMD...: run CMD in the node's namespaces.
cl_in() {
	local a
	a=$(cl_anchor "$1")
	shift
	nsenter -t "$a" -n -u -m -- "$@"
}

cl_in_sw() {
	local a
	a=$(cl_anchor sw)
	nsenter -t "$a" -n -- "$@"
}

# cl_pids NODE COMM: the processes named COMM in the node's network
# namespace. Shell builtins only: under TCG every exec costs.
cl_pids() {
	local a d c
	a=$(cl_anchor "$1")
	for d in /proc/[0-9]*; do
		read -r c 2>/dev/null <"$d/comm" || continue
		[ "$c" = "$2" ] || continue
		[ "$d/ns/net" -ef "/proc/$a/ns/net" ] || continue
		echo "${d#/proc/}"
	done
}

# cl_members NODE: how many nodes NODE's corosync counts as joined members.
cl_members() {
	cl_in "$1" corosync-cmapctl -b runtime.members 2>/dev/null |
		grep -c 'status (str) = joined'
}

# cl_link_view NODE: the node's own view of its links, one line per peer
# and link: "PEER LINK 1|0" (1: connected), from corosync-cfgtool -n, which
# prints a "nodeid: PEER ..." line per peer, then one
# "LINK: N udp (SRC->DST) enabled connected mtu: M" line per link
# ("disconnected" or no "connected" when down).
cl_link_view() {
	cl_in "$1" corosync-cfgtool -n 2>/dev/null | awk '
		$1 == "nodeid:" { peer = $2 + 0 }
		$1 == "LINK:" && peer {
			up = 0
			for (i = 3; i <= NF; i++)
				if ($i == "connected")
					up = 1
			print peer, $2, up
		}'
}

# cl_links_ok NODE: in NODE's view both links to every other node are
# connected.
cl_links_ok() {
	local want
	want=$((2 * ($(cl_size) - 1)))
	[ "$(cl_link_view "$1" | grep -c ' 1$')" -eq "$want" ]
}


# cl_now: whole seconds since boot.
cl_now() {
	local up
	read -r up _ </proc/uptime
	echo "${up%.*}"
}

# cl_wait SECONDS CMD...: poll CMD until it succeeds, for at most SECONDS
# (by the clock: under TCG one poll can take a second).
cl_wait() {
	local end
	end=$(($(cl_now) + $1))
	shift
	while ! "$@"; do
		[ "$(cl_now)" -lt "$end" ] || return 1
		sleep 0.2
	done
}

# cl_wait_ipc NODE: wait until the node's corosync answers its clients
# (it has read its configuration; membership comes later).
cl_wait_ipc() {
	cl_wait 60 cl_ipc "$1" ||
		cl_die "$1: corosync did not start (see $CLUSTER_LOGS/$1-corosync.log)"
}

cl_ipc() {
	cl_in "$1" corosync-cfgtool -s >/dev/null 2>&1
}

cl_running() {
	[ -n "$(cl_pids "$1" corosync)" ]
}

# cl_start NODE [corosync|clusnetd|both]: start them; returns once the
# corosync it started answers its clients, without waiting for membership.
# clusnetd is started only once the node's corosync answers: one started
# before exits 1 ("corosync: cmap: error 2", clusnetd(8)); on a real node
# systemd orders them (After=corosync.service). A stale state file of a killed
# clusnetd is removed first, so that cluster_wait_interfaces waits for the
# new one.
cl_start() {
	local node what a
	node=$1
	what=${2:-both}
	mkdir -p "$CLUSTER_LOGS"
	if [ "$what" != clusnetd ]; then
		[ -z "$(cl_pids "$node" corosync)" ] ||
			cl_die "$node: corosync is running already"
		# A plain command in the background, so that no shell waits
		# for it (and reports its death on the console).
		a=$(cl_anchor "$node")
		# shellcheck disable=SC2016 # expanded by that shell
		nsenter -t "$a" -n -u -m -- sh -c 'mkdir -p /run/corosync &&
			exec setsid corosync -f -c "$1" >>"$2" 2>&1 </dev/null' \
			sh "/etc/corosync/$node.conf" \
			"$CLUSTER_LOGS/$node-corosync.log" &
		# cluster-up starts all corosyncs first, then waits for each.
		[ "${3:-}" = nowait ] || cl_wait_ipc "$node"
	fi
	if [ "$what" != corosync ] && [ -x /usr/sbin/clusnetd ]; then
		[ -z "$(cl_pids "$node" clusnetd)" ] ||
			cl_die "$node: clusnetd is running already"
		# Without a corosync it exits 1 at once, as on a real node.
		! cl_running "$node" || cl_wait_ipc "$node"
		a=$(cl_anchor "$node")
		rm -f "/proc/$a/root$CLUSNETD_STATE"
		# shellcheck disable=SC2086 # CLUSNETD_ARGS is a word list
		nsenter -t "$a" -n -u -m -- setsid /usr/sbin/clusnetd \
			${CLUSNETD_ARGS:-} >>"$CLUSTER_LOGS/$node-clusnetd.log" \
			2>&1 </dev/null &
	fi
	return 0
}

# cl_kill NODE [corosync|clusnetd|both] [SIGNAL]
cl_kill() {
	local node what sig c p
	node=$1
	what=${2:-both}
	sig=${3:-KILL}
	set --
	[ "$what" = clusnetd ] || set -- corosync
	[ "$what" = corosync ] || set -- "$@" clusnetd
	for c in "$@"; do
		for p in $(cl_pids "$node" "$c"); do
			kill -s "$sig" "$p" 2>/dev/null
		done
	done
	# Gone means reaped: a zombie keeps neither sockets nor the lock file.
	for c in "$@"; do
		cl_wait 10 cl_gone "$node" "$c" || true
	done
}

# cl_all_members: every running node counts every running node as member.
cl_gone() {
	[ -z "$(cl_pids "$1" "$2")" ]
}

cl_all_members() {
	local want n
	want=0
	for n in $(cl_nodes); do
		cl_running "$n" && want=$((want + 1))
	done
	for n in $(cl_nodes); do
		cl_running "$n" || continue
		[ "$(cl_members "$n")" -eq "$want" ] || return 1
	done
}

cl_all_links() {
	local n
	for n in $(cl_nodes); do
		cl_links_ok "$n" || return 1
	done
}

# cl_objects NODE: how many of its own clusnet objects the node's kernel
# registry has (not the other nodes' that clusnetd mirrors into it).
cl_objects() {
	cl_in "$1" clusnetctl --json list 2>/dev/null |
		grep -o '"remote":false' | wc -l
}

# cl_state NODE: the node's clusnetd state file (clusnetd(8), "State
# file"; tab-separated records), read through its namespace holder's root
# (the node's own /run) without an nsenter: under TCG every exec costs.
cl_state() {
	local a
	a=$(cl_anchor "$1")
	cat "/proc/$a/root$CLUSNETD_STATE" 2>/dev/null
}

# cl_state_ifaces NODE: how many interfaces of nodes that are Up the node's
# clusnetd reports, while it is in the group.
cl_state_ifaces() {
	cl_state "$1" | awk -F '\t' '
		$1 == "cluster" && $5 == "in-group" { g = 1 }
		$1 == "node" && $4 == "Up" { up[$2] = 1 }
		$1 == "interface" && ($2 in up) { n++ }
		END { print g ? n + 0 : 0 }'
}

# cluster_wait_interfaces: with clusnetd in the guest, wait until every
# node sees all 2 * N interfaces: its clusnetd is in the group and its
# state file lists every node Up with both interfaces (clusnetd then
# mirrors the other nodes' objects into the node's kernel within a pass;
# daemon/tests/cluster_test.sh checks node1's). Without clusnetd there is
# nothing to wait for.
cluster_wait_interfaces() {
	local n want
	[ -x /usr/sbin/clusnetd ] || return 0
	want=$((2 * $(cl_size)))
	for n in $(cl_nodes); do
		cl_wait "$CLUSTER_WAIT" cl_has_ifaces "$n" "$want" || {
			cl_log "$n: its clusnetd sees $(cl_state_ifaces "$n") interfaces after ${CLUSTER_WAIT}s, expected $want"
			cl_state "$n" | sed "s/^/$n: /" >&2
			return 1
		}
	done
}

cl_has_ifaces() {
	[ -n "$(cl_pids "$1" clusnetd)" ] &&
		[ "$(cl_state_ifaces "$1")" -eq "$2" ]
}

# cl_uptime: seconds since boot, one decimal.
cl_uptime() {
	local up
	read -r up _ </proc/uptime
	echo "$up"
}
