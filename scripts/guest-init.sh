#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# /init of the test initramfs: run /tests.list as KTAP and power off.
# Results go to the console and to /dev/ttyS1, which the host parses.

/bin/busybox --install -s /bin
mkdir -p /proc /sys /dev /tmp
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs tmpfs /tmp
mkdir -p /dev/hugepages && mount -t hugetlbfs none /dev/hugepages
ulimit -n 65536 2>/dev/null

export PATH=/kselftest/kvm:/bin
RES=/dev/ttyS1
[ -c $RES ] || RES=/dev/null
say() { echo "$@"; echo "$@" > $RES; }

# kvmtest.npt=N on the command line names the paging mode this boot must
# be in; a run that silently fell back to the other mode proves nothing.
want_npt=$(sed -n 's/.*kvmtest\.npt=\([01]\).*/\1/p' /proc/cmdline)
npt=$(cat /sys/module/kvm_amd/parameters/npt 2>/dev/null)
[ -n "$npt" ] && npt=$(echo "$npt" | sed 's/Y/1/;s/N/0/')

# "# audit-only: NAME..." lines of the list name tests that are there as
# the MMU audit's workload: they run only in boots with the audit on.
audit_only=" $(sed -n 's/^# audit-only://p' /tests.list | tr '\n' ' ') "
grep -q -E 'kvm\.mmu_audit=[12]' /proc/cmdline && audit_only=" "
tests() {
	grep -v -e '^#' -e '^[[:space:]]*$' /tests.list | while read -r name rest; do
		case "$audit_only" in
		*" $name "*) ;;
		*) echo "$name $rest" ;;
		esac
	done
}

total=$(tests | wc -l)
say "TAP version 13"
say "1..$((total + 1))"
say "# kernel: $(uname -r) cmdline: $(cat /proc/cmdline)"
if [ -c /dev/kvm ] && [ "$npt" = "$want_npt" ]; then
	say "ok 1 selftests: kvm: kvm_amd_loaded npt=$npt"
else
	say "not ok 1 selftests: kvm: kvm_amd_loaded npt=$npt want=$want_npt"
fi

n=1
cd /kselftest/kvm
tests | while read -r name tmo cmd; do
	n=$((n + 1))
	say "# selftests: kvm: $name"
	# A mark in the kernel log, to time what the kernel reports.
	echo "kvmtest: run $name" > /dev/kmsg 2>/dev/null || true
	t0=$(date +%s)
	( timeout "$tmo" sh -c "$cmd" < /dev/null 2>&1; echo $? > /tmp/rc ) | sed 's/^/# /'
	rc=$(cat /tmp/rc)
	dt=$(( $(date +%s) - t0 ))
	case $rc in
	0) say "ok $n selftests: kvm: $name # ${dt}s" ;;
	4) say "ok $n selftests: kvm: $name # SKIP" ;;
	124|137|143) say "not ok $n selftests: kvm: $name # TIMEOUT $tmo seconds" ;;
	*) say "not ok $n selftests: kvm: $name # exit=$rc" ;;
	esac
done

say "KVMTEST-END"
sync
reboot -f
