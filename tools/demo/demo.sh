#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The clusnet demo, run as root in the test VM by `make demo`:
#   1. access grants through libclusnet (clusnet-demo, a ClusAPI program);
#   2. enumeration with clusnetctl: objects and cluster networks;
#   3. an object's properties;
#   4. a live state change: `clusnetctl watch` follows a dummy NIC with an
#      object of its own while it gets an address, goes down and up and
#      loses and regains carrier, and the object is deleted.
set -eu
export LC_ALL=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin
here=$(cd "$(dirname "$0")" && pwd)
nic=demo0
obj="node1 - $nic"
out=/tmp/clusnet-demo-watch.out

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

# Wait (up to 10 s) until the watch output has $2 (default 1) lines
# matching $1, then show the lines that are new.
shown=0
wait_event() {
	i=0
	until [ "$(grep -c -- "$1" "$out")" -ge "${2:-1}" ]; do
		i=$((i + 1))
		if [ "$i" -gt 200 ]; then
			echo "demo: no event matching '$1' within 10 s" >&2
			exit 1
		fi
		sleep 0.05
	done
	n=$(wc -l <"$out")
	tail -n "+$((shown + 1))" "$out" | head -n "$((n - shown))" |
		sed 's/^/    [watch] /'
	shown=$n
}

step "1. Access grants through libclusnet (clusnet-demo, a ClusAPI program)"
"$here/clusnet-demo"

step "2. Enumeration: the interface objects and the cluster networks"
run clusnetctl list
echo
run clusnetctl networks
echo
echo "# the same, for scripts:"
run clusnetctl --json networks

step "3. Properties of one object"
run clusnetctl show "node1 - eth0"
echo
echo "# what an unprivileged user (clususer) is granted, and an error:"
run setpriv --reuid=1000 --regid=1000 --init-groups \
	clusnetctl open "node1 - eth0" --access max
run setpriv --reuid=1000 --regid=1000 --init-groups \
	clusnetctl open "node1 - eth0" --access all || echo "(exit status $?)"
run clusnetctl show "node1 - nosuch0" || echo "(exit status $?)"

step "4. A live state change, followed by clusnetctl watch"
# No IPv6 on the dummy: its link-local address would add property
# events of its own at every up.
run ip link add "$nic" type dummy
echo 1 >"/proc/sys/net/ipv6/conf/$nic/disable_ipv6"
run ip link set "$nic" up
run clusnetctl create "$obj" --nic "$nic" --group clususer --mode 0664

# The watcher writes each event as it comes; the demo shows its new
# lines after each step.
echo "\$ clusnetctl watch >$out &"
clusnetctl watch >"$out" &
wpid=$!
# Ready once its watch fd exists: it sees the events after that.
watching() {
	for f in "/proc/$wpid/fd/"*; do
		case $(readlink "$f" 2>/dev/null) in
		*clusnet-watch*) return 0 ;;
		esac
	done
	return 1
}
i=0
until watching; do
	i=$((i + 1))
	[ "$i" -le 200 ] || { echo "demo: clusnetctl watch did not start" >&2; exit 1; }
	sleep 0.05
done

run ip addr add 172.16.50.1/24 dev "$nic"
wait_event "$obj: Up (property)"
run ip link set "$nic" down
wait_event "$obj: Up → Failed"
run ip link set "$nic" up
wait_event "$obj: Failed → Up"
run ip link set "$nic" carrier off
wait_event "$obj: Up → Failed" 2
run ip link set "$nic" carrier on
wait_event "$obj: Failed → Up" 2
echo
echo "# the address put the object on a network of its own (discovery):"
run clusnetctl list
echo
run clusnetctl networks
echo
p=$(grep -c -- "$obj: Up (property)" "$out")
run clusnetctl describe "$obj" "demo link, rack 4"
wait_event "$obj: Up (property)" $((p + 1))
run clusnetctl delete "$obj"
wait_event "$obj: .*deleted"
echo "\$ kill -TERM %1"
kill -TERM "$wpid"
wait "$wpid" && echo "(clusnetctl watch: exit status 0)"
run ip link del "$nic"
echo
echo "demo: done"
