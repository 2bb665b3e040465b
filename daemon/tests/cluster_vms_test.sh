#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # the predicates are called through step
# One node of the three-VM cluster (tools/vm/cluster-vms, make
# check-cluster-vms): three qemu guests, one node each, on two cluster
# networks of qemu UDP socket NICs. Each VM runs this script as
# tools/vm/run's COMMAND. It checks what the node's programs see, its
# kernel through clusnetctl (its own objects and those clusnetd mirrors
# from the other VMs), and after each step prints a marker line,
# "cluster-vms: NODE STEP", on which the host acts (through qemu's
# monitor) once every VM has printed it:
#
#   up      three nodes, six interfaces and two networks Up
#           (the host then pulls node2's eth1 cable: set_link n1 off)
#   failed  "node2 - eth1" Failed, the other five Up, all nodes Up
#           (the host plugs it back: set_link n1 on)
#   back    all Up again
#           (the host powers node3 off: quit)
#   down    node1 and node2: node3 Down, its interfaces Unavailable,
#           this node's own interfaces Up
#
# node3 ends at "back", after a splat scan of its dmesg (tools/vm/init's
# scan does not run on a VM that is powered off), and waits for the end.
# node1 and node2 do not check each other after "back": the first to finish
# leaves the cluster while the other may still be checking.
#
# KTAP-like lines, numbered per node (the host numbers them again); "# "
# lines say how long each step took. Exits 1 if a check failed.
set -u
# cl_members, cl_link_view (tools/vm/cluster/guest/cluster-lib.sh)
# shellcheck source=SCRIPTDIR/../../tools/vm/cluster/guest/cluster-lib.sh
. /usr/lib/clusnet-cluster/cluster-lib.sh
me=$(hostname)
n=0
failed=0

# Seconds to wait, by the clock (under TCG a poll takes seconds). The
# first wait includes the other VMs' boot: they start up to a minute or
# two after this one.
: "${VMS_WAIT_UP:=600}"
: "${VMS_WAIT:=180}"

secs() { cut -d. -f1 /proc/uptime; }
mark() { echo "cluster-vms: $me $1"; }

# view: the node's kernel, one line per node, interface and network:
# "node<TAB>NAME<TAB>STATE", "iface<TAB>...", "network<TAB>...".
view() {
	for w in nodes:node list:iface networks:network; do
		clusnetctl --json "${w%:*}" 2>/dev/null | tr '{' '\n' |
			sed -n "s/.*\"name\":\"\([^\"]*\)\".*\"state\":\"\([^\"]*\)\".*/${w#*:}	\1	\2/p"
	done
}
snap=
is() { # KIND NAME STATE, in $snap
	printf '%s\n' "$snap" | grep -qxF "$1	$2	$3"
}
count() { # KIND [STATE]: how many in $snap
	printf '%s\n' "$snap" | awk -F '\t' -v k="$1" -v s="${2:-}" \
		'$1 == k && (s == "" || $3 == s) { c++ } END { print c + 0 }'
}

all_up() {
	[ "$(count node)" = 3 ] && [ "$(count node Up)" = 3 ] &&
		[ "$(count iface)" = 6 ] && [ "$(count iface Up)" = 6 ] &&
		[ "$(count network)" = 2 ] && [ "$(count network Up)" = 2 ]
}
eth1_failed() {
	[ "$(count node Up)" = 3 ] && [ "$(count iface)" = 6 ] &&
		is iface "node2 - eth1" Failed && [ "$(count iface Up)" = 5 ]
}
node3_down() {
	is node node3 Down && is iface "node3 - eth0" Unavailable &&
		is iface "node3 - eth1" Unavailable &&
		is iface "$me - eth0" Up && is iface "$me - eth1" Up
}

# progress SECONDS: what there is so far, for a step that takes long.
progress() {
	echo "# $me: after $1 s: nodes Up $(count node Up)/$(count node)," \
		"interfaces Up $(count iface Up)/$(count iface), networks Up" \
		"$(count network Up)/$(count network); corosync: $(cl_members "$me")" \
		"members, $(cl_link_view "$me" | grep -c ' 1$') links connected"
}

# step DESCRIPTION SECONDS PREDICATE: poll the view until PREDICATE holds.
step() {
	n=$((n + 1))
	t0=$(secs)
	end=$((t0 + $2))
	next=$((t0 + 60))
	while :; do
		snap=$(view)
		if "$3"; then
			echo "ok $n - $me: $1"
			echo "# $me: $3 after $(($(secs) - t0)) s"
			return 0
		fi
		[ "$(secs)" -lt "$end" ] || break
		if [ "$(secs)" -ge "$next" ]; then
			progress $(($(secs) - t0))
			next=$((next + 60))
		fi
		sleep 1
	done
	echo "not ok $n - $me: $1 (not within $2 s)"
	failed=1
	printf '%s\n' "$snap" | sed "s/^/# $me: kernel: /"
	sed "s/^/# $me: clusnetd: /" /run/clusnetd/state 2>/dev/null
	tail -n 15 "$CLUSTER_LOGS/$me-clusnetd.log" 2>/dev/null |
		sed "s/^/# $me: clusnetd log: /"
	corosync-cfgtool -n 2>&1 | sed "s/^/# $me: corosync: /"
	return 1
}

step "three nodes, six interfaces and two networks Up" "$VMS_WAIT_UP" all_up
mark up
step "node2's eth1 cable pulled: node2 - eth1 Failed, the rest Up" \
	"$VMS_WAIT" eth1_failed
mark failed
step "node2's eth1 cable back: all Up again" "$VMS_WAIT" all_up

if [ "$me" = node3 ]; then
	# The patterns of tools/vm/init's scan.
	n=$((n + 1))
	if dmesg | grep -E 'WARNING:|BUG:|Oops|KASAN|kmemleak|lockdep|possible circular locking|possible recursive locking|suspicious RCU usage|waiting for .* to become free|general protection fault|Call Trace|UBSAN' |
		grep -vE 'kmemleak: Kernel memory leak detector initialized|kmemleak: Automatic memory scanning thread|RCU lockdep checking is enabled|clusnet-vm-'; then
		echo "not ok $n - $me: no kernel splat in dmesg before the power-off"
		failed=1
	else
		echo "ok $n - $me: no kernel splat in dmesg before the power-off"
	fi
	mark back
	# Powered off by the host; if not, tools/vm/run's timeout ends it.
	exec sleep 2147483647
fi
mark back
step "node3 powered off: Down, its interfaces Unavailable, $me's Up" \
	"$VMS_WAIT" node3_down
mark down
echo "1..$n"
exit "$failed"
