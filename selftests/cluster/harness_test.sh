#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The three-node cluster harness itself (tools/vm/run --cluster 3): run on
# node1 by tools/vm/run --cluster 3 -- /opt/clusnet/selftests/cluster/harness_test.sh
# (make check-cluster-harness). KTAP output; "# time:" lines give how long
# each step took, in seconds of guest uptime.
#
# Checks: the nodes' own host names, /run and NICs; three members in every
# node's view; both knet links connected for every pair in both directions;
# cluster-cut makes exactly that link disconnected in both ends' views
# within a few seconds while the NICs stay up and a third node sees no
# change; cluster-heal brings it back; cluster-kill makes the node leave
# the others' membership and cluster-start brings it back.
# shellcheck shell=dash source=SCRIPTDIR/../../tools/vm/cluster/guest/cluster-lib.sh
. /usr/lib/clusnet-cluster/cluster-lib.sh

# Generous bounds: on a host shared by several TCG guests one poll of two
# nodes' views took 20 s (load average 26 on 2 cores), and corosync's own
# heartbeats then flap. The "# time:" lines say what it took.
CUT_WAIT=60    # corosync notices a lost link in 1-1.4 s on an idle machine
HEAL_WAIT=60   # a link comes back after about 2 s (longer after a failure)
LEAVE_WAIT=60  # a killed node leaves after token + consensus, about 8 s
JOIN_WAIT=120
STEADY_WAIT=30 # for a view that must not change, to ride out a flap

n_tests=0
failed=0
ok() {
	n_tests=$((n_tests + 1))
	echo "ok $n_tests $*"
}
not_ok() {
	n_tests=$((n_tests + 1))
	failed=$((failed + 1))
	echo "not ok $n_tests $*"
}
# check NAME CMD...: one test point.
check() {
	local name
	name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}
now() {
	local up
	read -r up _ </proc/uptime
	echo "$up"
}
since() {
	awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'
}

# link NODE PEER LINK: 1 when NODE sees its link LINK to PEER connected.
link() {
	cl_link_view "$1" | awk -v p="$2" -v l="$3" '$1 == p && $2 == l { print $3 }'
}
link_is() { # NODE PEER LINK 0|1
	[ "$(link "$1" "$2" "$3")" = "$4" ]
}
nic_up() { # NODE IFNAME: administratively up with carrier
	local f
	f=$(cl_in "$1" ip -o link show dev "$2") || return 1
	case $f in *"<"*UP*LOWER_UP*">"*) return 0 ;; esac
	return 1
}
members_are() { # NODE COUNT
	[ "$(cl_members "$1")" = "$2" ]
}
all_links_ok() {
	cl_all_links
}

echo "KTAP version 1"
echo "1..21"

# --- the nodes -----------------------------------------------------------------
check "this command runs on node1" [ "$(hostname)" = node1 ]
for i in 2 3; do
	check "node$i has its own host name" [ "$(cluster-exec "node$i" hostname)" = "node$i" ]
done
echo "node2 was here" | cluster-exec node2 sh -c 'cat >/run/harness-test'
check "each node has its own /run" sh -c \
	'cluster-exec node2 test -e /run/harness-test && ! test -e /run/harness-test'
check "cluster-exec passes the exit status" sh -c \
	'cluster-exec node3 sh -c "exit 7"; [ $? -eq 7 ]'
check "cluster-exec rejects a name that is not a node" sh -c \
	'! cluster-exec node4 true 2>/dev/null'
ok_nics=1
for node in $(cl_nodes); do
	for k in 0 1; do
		nic_up "$node" "eth$k" || ok_nics=0
	done
done
check "every node has eth0 and eth1 up" [ "$ok_nics" -eq 1 ]
# Each node's kernel registry has its own two objects (the other nodes'
# come with the kernel mirror, daemon/mirror.c); with clusnetd, each
# node's clusnetd sees all six (cluster_wait_interfaces).
ok_objs=1
for node in $(cl_nodes); do
	[ "$(cl_objects "$node")" -eq 2 ] || ok_objs=0
done
check "every node's registry has its own 2 interfaces" [ "$ok_objs" -eq 1 ]
if [ -x /usr/sbin/clusnetd ]; then
	ok_objs=1
	for node in $(cl_nodes); do
		[ "$(cl_state_ifaces "$node")" -eq 6 ] || ok_objs=0
	done
	check "every node's clusnetd sees all 6 interfaces" [ "$ok_objs" -eq 1 ]
else
	ok "every node's clusnetd sees all 6 interfaces # SKIP no clusnetd"
fi

# --- membership and links ------------------------------------------------------
ok_m=1
for node in $(cl_nodes); do
	members_are "$node" 3 || ok_m=0
done
check "three members in every node's view" [ "$ok_m" -eq 1 ]
check "both links connected for every pair, in both directions" all_links_ok

# --- cluster-cut / cluster-heal --------------------------------------------------
# What one poll of two nodes' views costs bounds the precision of the times.
t=$(now)
link node1 2 1 >/dev/null
link node2 1 1 >/dev/null
echo "# time: one poll of two nodes' link views: $(since "$t") s"
t=$(now)
echo "# cut at $(date +%T)"
cluster-cut node1 node2 eth1
check "cluster-cut node1 node2 eth1" [ $? -eq 0 ]
cut_seen() {
	link_is node1 2 1 0 && link_is node2 1 1 0
}
if cl_wait "$CUT_WAIT" cut_seen; then
	echo "# time: cut seen by node1 and node2: $(since "$t") s"
	grep -h 'link: 1 is down' "$CLUSTER_LOGS/node1-corosync.log" \
		"$CLUSTER_LOGS/node2-corosync.log" | sed 's/^/# corosync: /'
	ok "link 1 between node1 and node2 disconnected in both views"
else
	not_ok "link 1 between node1 and node2 disconnected in both views"
	cluster-status | sed 's/^/# /'
fi
check "the cut leaves link 0 between them connected" \
	cl_wait "$STEADY_WAIT" link_is node1 2 0 1
eth1_up() {
	nic_up node1 eth1 && nic_up node2 eth1
}
check "the cut leaves node1's and node2's eth1 up" eth1_up
check "node3 still sees all its links connected" \
	cl_wait "$STEADY_WAIT" cl_links_ok node3
t=$(now)
cluster-heal node1 node2 eth1
heal_seen() {
	link_is node1 2 1 1 && link_is node2 1 1 1
}
if cl_wait "$HEAL_WAIT" heal_seen; then
	echo "# time: heal seen by node1 and node2: $(since "$t") s"
	ok "cluster-heal: link 1 connected again"
else
	not_ok "cluster-heal: link 1 connected again"
	cluster-status | sed 's/^/# /'
fi

# --- cluster-kill / cluster-start ----------------------------------------------
t=$(now)
cluster-kill node3
check "cluster-kill node3 leaves no corosync on node3" [ -z "$(cl_pids node3 corosync)" ]
left() {
	members_are node1 2 && members_are node2 2
}
if cl_wait "$LEAVE_WAIT" left; then
	echo "# time: node3 left node1's and node2's membership: $(since "$t") s"
	ok "node3 leaves the membership"
else
	not_ok "node3 leaves the membership"
	cluster-status | sed 's/^/# /'
fi
t=$(now)
if CLUSTER_WAIT=$JOIN_WAIT cluster-start node3; then
	echo "# time: cluster-start node3 until member with all links: $(since "$t") s"
	ok "cluster-start node3 returns once it is a member again"
else
	not_ok "cluster-start node3 returns once it is a member again"
fi
ok_m=1
for node in $(cl_nodes); do
	members_are "$node" 3 || ok_m=0
done
check "three members again in every node's view" [ "$ok_m" -eq 1 ]

echo "# $failed of $n_tests failed"
[ "$failed" -eq 0 ]
