#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest side of `make bench-trace`: run kvmi_perf_test with the scheduler
# and KVM tracepoints on, and print the trace between "TRACE-BEGIN PARTS"
# and "TRACE-END" lines for scripts/trace-steps.awk.
#
#   trace-kvmi.sh PARTS [N]    kvmi_perf_test -p PARTS -n N (default 40)
#
# The trace clock is the TSC: with QEMU -icount shift=0 and a 1 GHz TSC,
# a tick is an instruction.

PARTS=${1:-pf}
N=${2:-40}
T=/sys/kernel/tracing

mount -t tracefs nodev $T 2>/dev/null
echo 0 > $T/tracing_on
echo 32768 > $T/buffer_size_kb
echo x86-tsc > $T/trace_clock
for e in sched/sched_switch sched/sched_wakeup kvm/kvm_exit kvm/kvm_entry \
	 kvm/kvm_page_fault kvm/kvm_userspace_exit kvmmmu/kvm_mmu_pagetable_walk \
	 kvmmmu/kvm_mmu_spte_requested irq_vectors/local_timer_entry; do
	[ -e $T/events/$e/enable ] && echo 1 > $T/events/$e/enable
done
echo > $T/trace
echo 1 > $T/tracing_on
x86_64/kvmi_perf_test -n "$N" -r 2 -p "$PARTS" > /tmp/perf.out 2>&1
rc=$?
echo 0 > $T/tracing_on
cat /tmp/perf.out
echo "TRACE-BEGIN $PARTS"
grep -v '^#' $T/trace
echo "TRACE-END"
echo > $T/trace
exit $rc
