#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest side of `make bench`: fault-heavy workloads, one "BENCH ..." line
# per measurement on the console.
#
#   bench-guest.sh fault [N]      demand_paging_test, audit off (any kernel)
#   bench-guest.sh audit          ... with the audit off, on, full sweeps
#   bench-guest.sh audit_at SIZE [N]  ... off and on (default sweeps) at SIZE
#
# N: runs per measurement instead of REPS.
#   bench-guest.sh sweep SIZE     full-sweep throughput (SPTEs/s) at SIZE
#   bench-guest.sh hold SIZE      longest mmu_lock holds of the audit at SIZE

P=/sys/module/kvm/parameters
REPS=${REPS:-5}
SIZE=${SIZE:-128M}

# rate SIZE: pages/s of one demand_paging_test run (first touch faults).
rate() {
	demand_paging_test -b "$1" -v 1 2>&1 |
		sed -n 's/.*Overall demand paging rate:[[:space:]]*\([0-9.]*\).*/\1/p'
}

reps() {
	local label=$1 size=$2 i
	for i in $(seq "$REPS"); do
		echo "BENCH $label $size $(rate "$size")"
	done
}

# watch SNAP CMD...: run CMD; while it runs, keep the last non-empty output
# of "SNAP <the VM's mmu_audit file>" in /tmp/snap.
watch() {
	local snap=$1 pid f s
	shift
	rm -f /tmp/snap
	"$@" > /tmp/dpt.out 2>&1 &
	pid=$!
	while kill -0 $pid 2>/dev/null; do
		for f in /sys/kernel/debug/kvm/*/mmu_audit; do
			[ -f "$f" ] || continue
			s=$($snap "$f" 2>/dev/null)
			[ -n "$s" ] && echo "$s" > /tmp/snap
		done
		sleep 0.2
	done
}

# SPTEs checked so far and the time.
snap_sptes() {
	local s
	s=$(sed -n 's/^sptes_checked //p' "$1")
	[ -n "$s" ] && echo "$s $(cut -d' ' -f1 /proc/uptime)"
}

# The counters of the audit's mmu_lock holds, once all are there.
snap_hold() {
	awk '$1 ~ /^(sweeps|sweeps_partial|sweep_yields|sweep_max_chunk|sweep_max_wait_ns|sweep_max_hold_ns|point_max_ns|ns_sweep)$/ {
		printf "%s=%s ", $1, $2 }' "$1" | grep point_max_ns
}

case $1 in
fault)
	REPS=${2:-$REPS} reps off "$SIZE"
	;;
audit)
	echo 0 > $P/mmu_audit
	reps off "$SIZE"
	echo 1000 > $P/mmu_audit_sweep_ms
	echo 1 > $P/mmu_audit
	reps default "$SIZE"
	# A full sweep at every point is quadratic in guest size: keep it small.
	echo 0 > $P/mmu_audit_sweep_ms
	REPS=3 reps sweep0 8M
	echo 0 > $P/mmu_audit
	REPS=3 reps off 8M
	echo 1000 > $P/mmu_audit_sweep_ms
	;;
audit_at)
	REPS=${3:-$REPS}
	echo 0 > $P/mmu_audit
	reps off "$2"
	echo 1000 > $P/mmu_audit_sweep_ms
	echo 1 > $P/mmu_audit
	reps default "$2"
	echo 0 > $P/mmu_audit
	;;
sweep)
	# Full sweep at every audit point: the time goes into sweeps, so
	# SPTEs checked over the VM's lifetime approximate sweep throughput.
	echo 0 > $P/mmu_audit_sweep_ms
	echo 1 > $P/mmu_audit
	t0=$(cut -d' ' -f1 /proc/uptime)
	watch snap_sptes demand_paging_test -b "$2" -v 1
	read -r sptes t1 < /tmp/snap
	echo "BENCH sweep $2 sptes=$sptes secs=$(awk "BEGIN { print $t1 - $t0 }")"
	echo 0 > $P/mmu_audit
	echo 1000 > $P/mmu_audit_sweep_ms
	;;
hold)
	# Two vCPUs fault while sweeps run every 100 ms: the sweeps must let
	# mmu_lock go to them.  The VM's counters, last read before it exits.
	echo 100 > $P/mmu_audit_sweep_ms
	echo 1 > $P/mmu_audit
	watch snap_hold demand_paging_test -b "$2" -v 2
	echo "BENCH hold $2 $(cat /tmp/snap)"
	echo 0 > $P/mmu_audit
	echo 1000 > $P/mmu_audit_sweep_ms
	;;
esac
