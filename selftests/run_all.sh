#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run the clusnet selftests inside the test VM (POSIX sh: dash or busybox sh).
#
#   run_all.sh [NAME...]
#
# Runs every executable *_test next to this script (or only the NAMEs given),
# first as root, then as clususer (uid/gid 1000) with all capabilities
# dropped. Each run's KTAP output is preceded by "# run: <name> as root|user".
# Exit status 0 only when every run passed (a harness exit status of 4,
# KSFT_SKIP, counts as passed). RUN_AS=root|user|both (default both).
# After each run: "# time: <name> as root|user: N s".
dir=$(cd "$(dirname "$0")" && pwd) || exit 1
cd "$dir" || exit 1
run_as=${RUN_AS:-both}

explicit=0
[ $# -gt 0 ] && explicit=1
[ $# -gt 0 ] || set -- "$dir"/*_test

fail=0
failed=
runs=0
report() { # NAME WHO STATUS
	runs=$((runs + 1))
	case $3 in
	0 | 4) ;;
	*)
		fail=1
		failed="$failed $1($2:$3)"
		echo "# FAIL: $1 as $2 (exit status $3)"
		;;
	esac
}

uptime_s() {
	read -r u _ </proc/uptime
	echo "$u"
}
took() { # NAME WHO START
	echo "# time: $1 as $2: $(awk -v a="$3" -v b="$(uptime_s)" 'BEGIN { printf "%.1f", b - a }') s"
}

for t in "$@"; do
	name=${t##*/}
	t=$dir/$name
	if [ ! -f "$t" ] || [ ! -x "$t" ]; then
		[ "$explicit" -eq 1 ] && { echo "# FAIL: $name: no such test"; fail=1; }
		continue
	fi
	if [ "$run_as" != user ]; then
		echo "# run: $name as root"
		t0=$(uptime_s)
		"$t"
		rc=$?
		took "$name" root "$t0"
		report "$name" root $rc
	fi
	if [ "$run_as" != root ]; then
		echo "# run: $name as user"
		t0=$(uptime_s)
		HOME=/tmp USER=clususer LOGNAME=clususer \
			setpriv --reuid=1000 --regid=1000 --init-groups \
			--inh-caps=-all --bounding-set=-all -- "$t"
		rc=$?
		took "$name" user "$t0"
		report "$name" user $rc
	fi
done

if [ "$runs" -eq 0 ]; then
	echo "# run_all.sh: no tests found in $dir"
	exit 1
fi
if [ "$fail" -ne 0 ]; then
	echo "# run_all.sh: FAILED:$failed"
	exit 1
fi
echo "# run_all.sh: all $runs runs passed"
exit 0
