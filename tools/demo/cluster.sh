#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The cluster part of `make demo`, run on node1 of the three-node test
# cluster (tools/vm/run --cluster 3), everything seen from node1's kernel
# through clusnetctl while clusnetd runs on every node:
#   1. three nodes, six interfaces, two cluster networks, all Up;
#   2. node2's eth1 goes down: `clusnetctl watch` on node1 sees it Failed
#      at once, and Up again;
#   3. traffic between node1 and node3 on eth0 silently dropped: both
#      Unreachable, the network Partitioned, until healed;
#   4. node3 killed (corosync and clusnetd): Down, its interfaces
#      Unavailable; started again: all Up.
set -eu
export LC_ALL=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
out=/tmp/clusnet-cluster-watch.out

step() {
	printf '\n=== %s\n\n' "$*"
}

# Print a command as typed, then run it.
run() {
	printf '$'
	for a in "$@"; do
		case $a in
		*[!A-Za-z0-9_./:=-]*) printf " '%s'" "$a" ;;
		*) printf ' %s' "$a" ;;
		esac
	done
	printf '\n'
	"$@"
}

state_of() { # IFACE
	clusnetctl show "$1" | sed -n 's/^state: *//p'
}

node_state() { # NODE
	clusnetctl --json nodes | tr '{' '\n' |
		sed -n "s/.*\"name\":\"$1\".*\"state\":\"\\([A-Za-z]*\\)\".*/\\1/p"
}

wait_until() { # SECONDS COMMAND...
	end=$(($(cut -d. -f1 /proc/uptime) + $1))
	shift
	until "$@"; do
		if [ "$(cut -d. -f1 /proc/uptime)" -ge "$end" ]; then
			echo "demo: timed out waiting for: $*" >&2
			return 1
		fi
		sleep 0.2
	done
}

is() { [ "$(state_of "$1")" = "$2" ]; }
node_is() { [ "$(node_state "$1")" = "$2" ]; }
all_up() {
	for n in node1 node2 node3; do
		node_is "$n" Up || return 1
		is "$n - eth0" Up && is "$n - eth1" Up || return 1
	done
}

step "1. The whole cluster, from node1"
wait_until 60 all_up
run clusnetctl nodes
run clusnetctl list
run clusnetctl networks

step "2. node2's eth1 goes down, watched live on node1"
clusnetctl watch "node2 - eth1" --count 2 --timeout 60 >"$out" 2>&1 &
watcher=$!
sleep 1
run cluster-exec node2 ip link set eth1 down
wait_until 30 is "node2 - eth1" Failed
run cluster-exec node2 ip link set eth1 up
wait_until 60 is "node2 - eth1" Up
wait "$watcher" || true
cat "$out"

step "3. node1 and node3 cut on eth0 (the NICs stay up)"
run cluster-cut node1 node3 eth0
wait_until 60 is "node3 - eth0" Unreachable
wait_until 30 is "node1 - eth0" Unreachable
run clusnetctl list
run clusnetctl networks
run cluster-heal node1 node3 eth0
wait_until 120 all_up
echo "healed: all Up again"

step "4. node3 killed, then started again"
run cluster-kill node3
wait_until 60 node_is node3 Down
wait_until 30 is "node3 - eth0" Unavailable
run clusnetctl nodes
run clusnetctl list --node node3
run cluster-start node3
wait_until 120 all_up
run clusnetctl nodes
echo
echo "demo: done"
