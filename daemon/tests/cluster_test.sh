#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# clusnetd on a three-node corosync cluster (tools/vm/run --cluster 3), on
# real heartbeats: all three join the group and agree on the network names
# and on every state; a link cut silently between node1 and node3 on eth0
# shows as Unreachable/Partitioned on all three; a NIC down on node2 is
# Failed on node1 at once; a clusnetd restarted rebuilds its state without
# duplicates; a node killed is Down with its interfaces Unavailable and
# comes back under the same names; a carrier loss, a node partitioned from
# the other two, a corosync killed alone, a rename on one node and two at
# once, writes to node2's interface from node1 and node3 (and when they
# cannot be carried), a NIC deleted. What node1's programs see is checked
# in node1's kernel (clusnetd's mirror) through clusnetctl, and through
# ClusAPI with clusapi_probe (selftests/cluster), a client written like
# Microsoft's samples: Windows' state names for every node, network and
# interface, and the notifications its port received; each node's
# clusnetd view is read from its /run/clusnetd/state (clusnetd(8)). The
# harness starts, kills and restarts clusnetd (cluster-start,
# cluster-kill); run by make check-cluster:
#
#   tools/vm/run --cluster 3 --add daemon/tests/cluster_test.sh:/opt/clusnet/ \
#       -- /opt/clusnet/cluster_test.sh
#
# KTAP-like output; exits 1 if a check failed.
set -u
# cl_pids, cl_state (tools/vm/cluster/guest/cluster-lib.sh)
. /usr/lib/clusnet-cluster/cluster-lib.sh
NODES="node1 node2 node3"
n=0
failed=0

check() { # DESCRIPTION COMMAND...
	desc=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		# what the nodes knew when it first went wrong
		[ "$failed" -eq 1 ] || dump_states
		failed=1
	fi
}

# A node's clusnetd state file, read without an nsenter (TCG is slow).
state() { cl_state "$1"; }

# field VALUE of the record KIND whose KEY-th field is NAME
rec() { # NODE KIND KEYFIELD NAME VALFIELD
	state "$1" | awk -F '\t' -v k="$2" -v kf="$3" -v n="$4" -v vf="$5" \
		'$1 == k && $kf == n { print $vf; exit }'
}

ifstate() { rec "$1" interface 3 "$2" 4; }	# NODE "nodeX - ethY"
netof() { rec "$1" interface 3 "$2" 7; }

# The bounds are those of the harness's test (selftests/cluster): on a host
# shared by several TCG guests (load average 12 to 14 on 2 cores) a cut
# took 41 s to be seen everywhere; the "# ... after N ms" lines say what
# it took.
wait_for() { # SECONDS COMMAND...: by the clock (under TCG a poll is slow)
	end=$(($(secs) + $1))
	shift
	until "$@"; do
		[ "$(secs)" -lt "$end" ] || return 1
		sleep 0.1
	done
}

secs() { cut -d. -f1 /proc/uptime; }
ms() { cut -d' ' -f1 /proc/uptime | tr -d .; }	# centiseconds

all_up_on() { # NODE: 3 nodes Up, 6 interfaces Up, 2 networks Up
	state "$1" | awk -F '\t' '
		$1 == "node" && $4 == "Up" { n++ }
		$1 == "interface" { i++; if ($4 == "Up") u++ }
		$1 == "network" && $4 == "Up" { w++ }
		END { exit !(n == 3 && i == 6 && u == 6 && w == 2) }'
}
all_up() { for x in $NODES; do all_up_on "$x" || return 1; done; }

names() { # NODE: "subnet name" per network, sorted
	state "$1" | awk -F '\t' '$1 == "network" { print $2 "\t" $3 }' | sort
}
same_names() {
	a=$(names node1)
	[ -n "$a" ] && [ "$a" = "$(names node2)" ] && [ "$a" = "$(names node3)" ]
}

is_iface() { [ "$(ifstate "$1" "$2")" = "$3" ]; }
on_all() { # IFACE STATE
	for x in $NODES; do is_iface "$x" "$1" "$2" || return 1; done
}

dump_states() {
	for x in $NODES; do
		echo "# --- $x:"
		state "$x" | sed 's/^/#   /'
		echo "# --- $x: the end of its clusnetd log"
		tail -n 40 "$CLUSTER_LOGS/$x-clusnetd.log" | sed 's/^/#   /'
	done
	# (a check may fail before the probe is set up)
	[ -n "${CAPI:-}" ] || return 0
	echo "# --- node1's ClusAPI (clusapi_probe), then its notifications:"
	"$CAPI" 2>&1 | sed 's/^/#   /'
	sed 's/^/#   /' "$CAPI_LOG"
}

node_is() { [ "$(rec "$1" node 2 "$2" 4)" = "$3" ]; }	# NODE WHO STATE
net_is() { # NODE NETWORK-NAME STATE
	state "$1" | awk -F '\t' -v n="$2" -v s="$3" \
		'$1 == "network" && $3 == n && $4 == s { f = 1 } END { exit !f }'
}
names_are_cn() {
	[ "$(names node1 | awk -F '\t' '$2 ~ /^Cluster Network [12]$/' |
		wc -l)" = 2 ]
}
names_kept() { # NODE...
	for x in "$@"; do [ "$(names "$x")" = "$before" ] || return 1; done
}
same_net() { [ -n "$net0" ] && [ "$(netof node3 "node2 - eth0")" = "$net0" ]; }
cut_seen() {
	on_all "node1 - eth0" Unreachable && on_all "node3 - eth0" Unreachable &&
		on_all "node2 - eth0" Up && on_all "node1 - eth1" Up
}
others_up() {
	is_iface node1 "node1 - eth0" Up && is_iface node3 "node3 - eth0" Up &&
		is_iface node1 "node3 - eth0" Up
}
node3_down() {
	for x in node1 node2; do
		is_iface "$x" "node3 - eth0" Unavailable &&
			is_iface "$x" "node3 - eth1" Unavailable &&
			is_iface "$x" "node1 - eth0" Up &&
			node_is "$x" node3 Down || return 1
	done
}
nets_up() { # NODE
	[ "$(state "$1" | awk -F '\t' '$1 == "network" && $4 == "Up"' |
		wc -l)" = 2 ]
}

# node1's kernel, as every program on node1 sees it (clusnetd's mirror):
# this script runs on node1, so clusnetctl talks to node1's registry.
kstate() { clusnetctl show "$1" 2>/dev/null | awk '$1 == "state:" { print $2 }'; }
kis() { [ "$(kstate "$1")" = "$2" ]; }	# IFACE STATE
kcount() { clusnetctl --json list | grep -o '"name":' | wc -l; }
knode() { # NAME STATE
	clusnetctl --json nodes | tr '{' '\n' |
		grep -q "\"name\":\"$1\",.*\"state\":\"$2\""
}
kall_up() {
	[ "$(kcount)" = 6 ] || return 1
	for x in $NODES; do
		knode "$x" Up || return 1
		for i in eth0 eth1; do kis "$x - $i" Up || return 1; done
	done
	[ "$(clusnetctl --json networks | grep -o '"state":"Up"' | wc -l)" = 2 ]
}
kremote() { # IFACE: listed as remote, on the network the group named
	clusnetctl --json list | tr '{' '\n' | grep "\"name\":\"$1\"" |
		grep -q '"remote":true'
}
knet() { # IFACE: its network in node1's kernel (remote ones are pinned)
	clusnetctl show "$1" |
		sed -n 's/^network: *\(.*\)$/\1/p' | sed 's/ (pinned)$//'
}
knet_same() {
	[ "$(knet "node2 - eth0")" = "$net0" ] &&
		[ "$(knet "node1 - eth0")" = "$net0" ] &&
		[ "$(clusnetctl --json networks | grep -o '"interfaces":3' |
			wc -l)" = 2 ]
}
kcut_seen() {
	kis "node1 - eth0" Unreachable && kis "node3 - eth0" Unreachable &&
		kis "node2 - eth0" Up &&
		clusnetctl --json networks | tr '{' '\n' |
		grep "\"name\":\"$net0\"" | grep -q '"state":"Partitioned"'
}

# node1's ClusAPI, as a Windows program written by someone else sees it:
# clusapi_probe prints "KIND<tab>NAME<tab>STATE..." per node, network and
# interface (Windows' state names) and fails if a call failed or an
# interface is not found again by GetClusterNetInterface(node, network).
CAPI=/opt/clusnet/selftests/cluster/clusapi_probe
CAPI_LOG=/tmp/clusapi-watch.log
capi() { # NAME=STATE...: in one run of the probe
	out=$("$CAPI") || return 1
	for kv in "$@"; do
		printf '%s\n' "$out" | awk -F '\t' -v n="${kv%%=*}" \
			-v s="${kv#*=}" '$2 == n && $3 == s { f = 1 }
			END { exit !f }' || return 1
	done
}
capi_all_up() { # 3 nodes, 6 interfaces, 2 networks, each Up, nothing else
	out=$("$CAPI") || return 1
	printf '%s\n' "$out" | awk -F '\t' '
		$1 == "node" { n++; if ($3 == "ClusterNodeUp") nu++ }
		$1 == "network" { w++; if ($3 == "ClusterNetworkUp") wu++ }
		$1 == "netinterface" { i++; if ($3 == "ClusterNetInterfaceUp") iu++ }
		END { exit !(n == 3 && nu == 3 && w == 2 && wu == 2 &&
			i == 6 && iu == 6) }'
}
capi_down() { # NODE: Down, its interfaces Unavailable, the rest Up
	out=$("$CAPI") || return 1
	printf '%s\n' "$out" | awk -F '\t' -v d="$1" '
		$1 == "node" { ok += $3 == ($2 == d ? "ClusterNodeDown" : \
			"ClusterNodeUp") }
		$1 == "network" { ok += $3 == "ClusterNetworkUp" }
		$1 == "netinterface" { ok += $3 == ($4 == d ? \
			"ClusterNetInterfaceUnavailable" : "ClusterNetInterfaceUp") }
		END { exit !(NR == 11 && ok == 11) }'
}
capi_net() { # NETWORK: Up, with the three eth1 (GetClusterNetInterface)
	out=$("$CAPI") || return 1
	printf '%s\n' "$out" | awk -F '\t' -v w="$1" '
		$1 == "network" && $2 == w && $3 == "ClusterNetworkUp" { n++ }
		$1 == "netinterface" && $5 == w && $2 ~ / - eth1$/ { i++ }
		END { exit !(n == 1 && i == 3) }'
}
# The notification port's log: "notify<tab>FILTER<tab>NAME<tab>STATE" with
# the state read when the notification came.
capi_mark() { capi_from=$(($(wc -l <"$CAPI_LOG") + 1)); }
watched() { # NAME STATE...: told of NAME in these states, in order, since capi_mark
	wn=$1
	shift
	tail -n "+$capi_from" "$CAPI_LOG" | awk -F '\t' -v n="$wn" -v w="$*" '
		BEGIN { k = split(w, s, " "); i = 1 }
		i <= k && $1 == "notify" && $3 == n && $4 == s[i] { i++ }
		END { exit !(i > k) }'
}
none_told() { # FILTER: no such notification since capi_mark
	tail -n "+$capi_from" "$CAPI_LOG" | awk -F '\t' -v f="$1" '
		$1 == "notify" && $2 == f { x = 1 } END { exit x }'
}

running() { for x in $NODES; do [ -n "$(cl_pids "$x" clusnetd)" ] || return 1; done; }
# not this shell's child: the renames below wait for theirs
capi_watch=$(sh -c '"$0" watch >"$1" 2>&1 & echo $!' "$CAPI" "$CAPI_LOG")
trap 'kill "$capi_watch" 2>/dev/null' EXIT
capi_from=1
check "the harness started clusnetd on every node" running
check "all three join; each sees 3 nodes, 6 interfaces, 2 networks, all Up" \
	wait_for 60 all_up
check "the three agree on the network names" same_names
check "the networks are Cluster Network 1 and 2" names_are_cn
net0=$(netof node1 "node1 - eth0")
check "eth0 of every node is on one network ($net0)" same_net
check "node1's kernel: 3 nodes, 6 interfaces, 2 networks, all Up" \
	wait_for 30 kall_up
check "node1's ClusAPI: 3 nodes, 6 interfaces, 2 networks, all Up" \
	capi_all_up
check "node1's ClusAPI: the notification port is open" \
	wait_for 30 grep -qx ready "$CAPI_LOG"
check "node1's kernel: node2's interfaces are remote objects" \
	kremote "node2 - eth1"
check "node1's kernel: node1's and node2's eth0 on $net0" knet_same
before=$(names node1)

# Silent loss between node1 and node3 on eth0: only heartbeats can tell.
t0=$(ms)
capi_mark
cluster-cut node1 node3 eth0
check "cut node1-node3 on eth0: both Unreachable, node2's Up, on all three" \
	wait_for 60 cut_seen
echo "# cut seen everywhere after $(( ($(ms) - t0) * 10 )) ms"
partitioned() {
	for x in $NODES; do net_is "$x" "$net0" Partitioned || return 1; done
}
check "cut: $net0 Partitioned on all three" partitioned
check "cut: node1's kernel: both eth0 Unreachable, $net0 Partitioned" \
	wait_for 30 kcut_seen
check "cut: node1's ClusAPI: both eth0 Unreachable, $net0 Partitioned" \
	capi "node1 - eth0=ClusterNetInterfaceUnreachable" \
	"node3 - eth0=ClusterNetInterfaceUnreachable" \
	"node2 - eth0=ClusterNetInterfaceUp" \
	"$net0=ClusterNetworkPartitioned" "node3=ClusterNodeUp"
cluster-heal node1 node3 eth0
check "healed: all Up again" wait_for 120 all_up
check "healed: node1's ClusAPI all Up" wait_for 30 capi_all_up
check "cut and heal: node1's ClusAPI port told node3 - eth0 Unreachable, Up" \
	wait_for 10 watched "node3 - eth0" ClusterNetInterfaceUnreachable \
	ClusterNetInterfaceUp
check "cut and heal: node1's ClusAPI port told $net0 Partitioned, Up" \
	wait_for 10 watched "$net0" ClusterNetworkPartitioned ClusterNetworkUp

# A NIC down on node2: node2 publishes it at once, no heartbeat needed.
t0=$(ms)
capi_mark
cluster-exec node2 ip link set eth0 down
check "NIC down on node2: Failed on node1" \
	wait_for 30 is_iface node1 "node2 - eth0" Failed
echo "# NIC down seen on node1 after $(( ($(ms) - t0) * 10 )) ms"
check "NIC down on node2: the other eth0s stay Up" others_up
check "NIC down on node2: Failed in node1's kernel" \
	wait_for 30 kis "node2 - eth0" Failed
check "NIC down on node2: node1's ClusAPI: Failed, $net0 Partitioned" \
	capi "node2 - eth0=ClusterNetInterfaceFailed" \
	"node1 - eth0=ClusterNetInterfaceUp" \
	"node3 - eth0=ClusterNetInterfaceUp" \
	"$net0=ClusterNetworkPartitioned" "node2=ClusterNodeUp"
cluster-exec node2 ip link set eth0 up
check "NIC up again: all Up" wait_for 120 all_up
check "NIC up again: node1's ClusAPI all Up" wait_for 30 capi_all_up
check "NIC down and up: node1's ClusAPI port told node2 - eth0 Failed, Up" \
	wait_for 10 watched "node2 - eth0" ClusterNetInterfaceFailed \
	ClusterNetInterfaceUp

# clusnetd killed and restarted on node2: state rebuilt from the group.
cluster-kill --only clusnetd node2
check "clusnetd of node2 killed: node2 Down on node1" \
	wait_for 60 node_is node1 node2 Down
check "clusnetd of node2 killed: node1's ClusAPI: node2 Down, its interfaces Unavailable" \
	wait_for 30 capi_down node2
cluster-start --only clusnetd --no-wait node2
check "clusnetd of node2 restarted: all Up, 6 interfaces, no duplicate" \
	wait_for 60 all_up
check "names unchanged after the restart" names_kept node1 node2 node3
check "node1's kernel after the restart: 6 interfaces, all Up" \
	wait_for 30 kall_up
check "node1's ClusAPI after the restart: all Up" wait_for 30 capi_all_up

# node3 killed (corosync and clusnetd): Down, interfaces Unavailable.
t0=$(ms)
capi_mark
cluster-kill node3
check "node3 killed: Down, its interfaces Unavailable on node1 and node2" \
	wait_for 60 node3_down
echo "# node3 down seen after $(( ($(ms) - t0) * 10 )) ms"
check "node3 killed: both networks still Up on node1" nets_up node1
check "node3 killed: Down in node1's kernel, its interfaces Unavailable" \
	wait_for 30 sh -c 'clusnetctl --json nodes | grep -q "\"name\":\"node3\",[^}]*\"state\":\"Down\"" &&
		clusnetctl show "node3 - eth0" | grep -q "^state: *Unavailable"'
check "node3 killed: node1's ClusAPI: node3 Down, its interfaces Unavailable" \
	wait_for 30 capi_down node3
# clusnetd once corosync answers, as systemd would (After=corosync.service)
cluster-start --no-wait node3
check "node3 back: all Up on all three" wait_for 120 all_up
check "node3 back: the same names everywhere" names_kept node1 node2 node3
check "node3 back: node1's kernel all Up, 6 interfaces" wait_for 60 kall_up
check "node3 back: node1's ClusAPI all Up" wait_for 30 capi_all_up
check "node3 killed and back: node1's ClusAPI port told node3 Down, Up" \
	wait_for 10 watched node3 ClusterNodeDown ClusterNodeUp
check "node3 killed and back: node1's ClusAPI port told node3 - eth1 Unavailable, Up" \
	wait_for 10 watched "node3 - eth1" ClusterNetInterfaceUnavailable \
	ClusterNetInterfaceUp
check "node3 killed and back: node1's ClusAPI port told no interface deleted" \
	none_told CLUSTER_CHANGE_NETINTERFACE_DELETED

# Carrier lost on node2's eth1 (its switch port goes down; eth1 stays up).
t0=$(ms)
capi_mark
cl_in_sw ip link set n2e1 down
check "carrier lost on node2's eth1: Failed in node1's kernel" \
	wait_for 30 kis "node2 - eth1" Failed
echo "# carrier loss seen on node1 after $(( ($(ms) - t0) * 10 )) ms"
net1=$(netof node1 "node1 - eth1")
check "carrier lost on node2's eth1: node1's ClusAPI: Failed, $net1 Partitioned" \
	capi "node2 - eth1=ClusterNetInterfaceFailed" \
	"node1 - eth1=ClusterNetInterfaceUp" "node3 - eth1=ClusterNetInterfaceUp" \
	"$net1=ClusterNetworkPartitioned" "node2=ClusterNodeUp"
cl_in_sw ip link set n2e1 up
check "carrier back: node1's kernel all Up" wait_for 120 kall_up
check "carrier back: node1's ClusAPI all Up" wait_for 30 capi_all_up
check "carrier lost and back: node1's ClusAPI port told node2 - eth1 Failed, Up" \
	wait_for 10 watched "node2 - eth1" ClusterNetInterfaceFailed \
	ClusterNetInterfaceUp

# node3 cut from both others on both networks: out of the membership.
for net in eth0 eth1; do
	cluster-cut node1 node3 "$net"
	cluster-cut node2 node3 "$net"
done
node3_gone() {
	knode node3 Down && kis "node3 - eth0" Unavailable &&
		kis "node3 - eth1" Unavailable && knode node2 Up &&
		kis "node2 - eth0" Up
}
check "node3 partitioned from node1 and node2: Down in node1's kernel" \
	wait_for 90 node3_gone
check "node3 partitioned: node1's ClusAPI: node3 Down, its interfaces Unavailable" \
	wait_for 30 capi_down node3
for net in eth0 eth1; do
	cluster-heal node1 node3 "$net"
	cluster-heal node2 node3 "$net"
done
check "partition healed: node1's kernel all Up, 6 interfaces" \
	wait_for 180 kall_up
check "partition healed: node1's ClusAPI all Up" wait_for 30 capi_all_up

# node2's corosync alone killed: its clusnetd goes with it (its handles are
# dead); both started again, nothing duplicated.
cluster-kill --only corosync node2
check "corosync of node2 killed: node2 Down in node1's kernel" \
	wait_for 60 knode node2 Down
check "corosync of node2 killed: node1's ClusAPI: node2 Down, its interfaces Unavailable" \
	wait_for 30 capi_down node2
cluster-start --no-wait node2
check "node2 started again: node1's kernel all Up, 6 interfaces" \
	wait_for 180 kall_up
check "node2 started again: node1's ClusAPI all Up" wait_for 30 capi_all_up

# A rename on one node is the cluster's; two at once end on one name.
knetname() { # NODE SUBNET: that node's kernel name of the network
	cluster-exec "$1" clusnetctl --json networks | tr '{' '\n' |
		sed -n "s|.*\"name\":\"\([^\"]*\)\",.*\"subnet\":\"$2\".*|\1|p"
}
named_everywhere() { # SUBNET NAME
	for x in $NODES; do
		[ "$(knetname "$x" "$1")" = "$2" ] || return 1
		[ "$(state "$x" | awk -F '\t' -v s="$1" \
			'$1 == "network" && $2 == s { print $3 }')" = "$2" ] ||
			return 1
	done
}
clusnetctl network rename "$(knetname node1 10.11.0.0/24)" heartbeat >/dev/null
check "renamed on node1: heartbeat in every node's kernel and clusnetd" \
	wait_for 60 named_everywhere 10.11.0.0/24 heartbeat
check "renamed: node1's ClusAPI: heartbeat Up, the three eth1 on it" \
	wait_for 30 capi_net heartbeat
clusnetctl network rename heartbeat "hb one" >/dev/null &
cluster-exec node2 clusnetctl network rename heartbeat "hb two" >/dev/null &
wait
one_name() {
	a=$(knetname node1 10.11.0.0/24)
	{ [ "$a" = "hb one" ] || [ "$a" = "hb two" ]; } &&
		named_everywhere 10.11.0.0/24 "$a"
}
check "renamed on node1 and node2 at once: one name everywhere" \
	wait_for 60 one_name
echo "# the name that won: $(knetname node1 10.11.0.0/24)"
check "renamed twice: node1's ClusAPI: the name that won, Up, with the eth1" \
	wait_for 30 capi_net "$(knetname node1 10.11.0.0/24)"

# Writes to another node's interface are carried to the node that owns it:
# clusnetctl succeeds only once node2 applied the change, and node1's
# kernel shows it as soon as clusnetctl returns; a write that cannot be
# carried fails with the reason.
kfield() { # NODE IFACE FIELD: a line of clusnetctl show in that kernel
	cluster-exec "$1" clusnetctl show "$2" | sed -n "s/^$3: *//p"
}
on_both() { # IFACE FIELD PATTERN: in node2's (the owner's) and node1's kernel
	for x in node2 node1; do
		kfield "$x" "$1" "$2" | grep -q "$3" || return 1
	done
}
fails_saying() { # TEXT COMMAND...: exits non-zero and says TEXT
	text=$1
	shift
	rm -f /tmp/write.err
	! "$@" 2>/tmp/write.err && sed 's/^/# /' /tmp/write.err &&
		grep -q "$text" /tmp/write.err
}
check "describe node2's eth0 on node1: succeeds" \
	clusnetctl describe "node2 - eth0" "set on node1"
check "... applied on node2, and node1 reads it when clusnetctl returned" \
	on_both "node2 - eth0" description "^set on node1$"
check "chmod and chown of node2's eth0 on node1: succeed" \
	sh -c 'clusnetctl chmod "node2 - eth0" 0640 &&
		clusnetctl chown "node2 - eth0" 1000:1000'
check "... mode 0640 on both" on_both "node2 - eth0" mode "^0640 "
check "... owner 1000 on both" on_both "node2 - eth0" owner "(1000)$"
cluster-exec node3 clusnetctl describe "node2 - eth1" "set on node3" >/dev/null
check "described on node3: node1 reads it too" \
	wait_for 10 on_both "node2 - eth1" description "^set on node3$"

kill -STOP $(cl_pids node2 clusnetd)
t0=$(ms)
check "node2's clusnetd stopped: the write times out, and says so" \
	fails_saying "did not confirm" clusnetctl describe "node2 - eth0" late
echo "# the timeout came after $(( ($(ms) - t0) * 10 )) ms"
kill -CONT $(cl_pids node2 clusnetd)
check "... woken up, node2 applies it after all, and node1 reads it" \
	wait_for 30 on_both "node2 - eth0" description "^late$"

cluster-kill --only clusnetd node2
check "node2's clusnetd killed: node2 Down in node1's kernel" \
	wait_for 60 knode node2 Down
check "... a write to node2's eth0 fails: that node is down" \
	fails_saying "node is down" clusnetctl describe "node2 - eth0" x
cluster-start --only clusnetd node2
check "node2's clusnetd back: node1's kernel all Up" wait_for 120 kall_up

cluster-kill --only clusnetd node1
check "node1's own clusnetd killed: a write fails, no clusnetd here" \
	fails_saying "no clusnetd runs here" \
	clusnetctl describe "node2 - eth0" x
check "... and changed nothing" \
	on_both "node2 - eth0" description "^late$"
cluster-start --only clusnetd node1
check "node1's clusnetd back: all Up" wait_for 120 kall_up

# node2's eth1 deleted: no NIC, Unavailable on node1 (last: the harness
# does not make it again).
cluster-exec node2 ip link del eth1
check "eth1 deleted on node2: node1's ClusAPI: Unavailable, node2 Up" \
	wait_for 30 capi "node2 - eth1=ClusterNetInterfaceUnavailable" \
	"node2 - eth0=ClusterNetInterfaceUp" "node2=ClusterNodeUp"
check "eth1 deleted on node2: Unavailable in node1's kernel" \
	wait_for 30 kis "node2 - eth1" Unavailable

[ "$failed" -eq 0 ] || dump_states
echo "1..$n"
exit "$failed"
