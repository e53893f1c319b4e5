#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot the test kernel under QEMU (TCG, emulated AMD SVM) once per paging
# mode, run a test list in the guest and judge the run from the host:
# every KTAP result counts, and so does any kernel splat on the console.
#
#   scripts/boot-test.sh [-l LIST] [-m "0 1"] [-a "EXTRA CMDLINE"] [-j N] [-v]
#
# -m: boots to run, each a kvm_amd.npt value (0 = shadow paging, 1 = TDP
#     MMU), optionally followed by ":" and comma-separated extra kernel
#     parameters for that boot only, e.g. "0:kvm.mmu_audit=1 1".
# -j: run up to N boots at a time (default 1).
# -v: stream the guest console to stdout as it runs.
#
# QEMU_ACCEL (default "tcg,thread=single") is QEMU's -accel: one host
# thread runs all vCPUs of a boot.  QEMU_ICOUNT=1 boots one CPU with
# instruction counting (-icount shift=0,sleep=off): guest time advances by
# 1 ns per instruction executed, so what the guest times is a count of
# instructions, the same from boot to boot (make bench-icount).  QEMU's multi-threaded TCG ran long
# 2-vCPU nested guests under NPT into corrupted state (README, "Nested NPT
# and multi-threaded TCG").  QEMU_MEM (default 2G) is the test kernel's
# memory, more for larger nested guests.

. "$(dirname "$0")/lib.sh"

LIST=$TOP/config/tests.list
MODES="0 1"
EXTRA=""
VERBOSE=""
JOBS=1
ACCEL=${QEMU_ACCEL:-tcg,thread=single}
ICOUNT=()
SMP=2
MEM=${QEMU_MEM:-2G}
TSC_KHZ=2000000
if [ -n "${QEMU_ICOUNT:-}" ]; then
	ACCEL=tcg,thread=single
	ICOUNT=(-icount shift=0,sleep=off)
	SMP=1
	TSC_KHZ=1000000
fi
KOBJ=${KOBJ:-$OBJ}
LOGS=$BUILD/logs

while getopts "l:m:a:j:v" opt; do
	case $opt in
	l) LIST=$OPTARG ;;
	m) MODES=$OPTARG ;;
	a) EXTRA=$OPTARG ;;
	j) JOBS=$OPTARG ;;
	v) VERBOSE=1 ;;
	*) die "usage: $0 [-l LIST] [-m MODES] [-a CMDLINE] [-j N] [-v]" ;;
	esac
done

# What a healthy kernel never prints: MMU audit violations, WARN/BUG/oops,
# lockdep, KASAN, UBSAN, kmemleak, hung tasks, panics.
SPLAT='mmu_audit: .* violation|WARNING:|BUG:|Oops|Kernel panic|UBSAN:|KASAN:|kmemleak: [0-9]+ new suspected|possible circular locking|possible recursive locking|INFO: task .* blocked|general protection fault|Call Trace:|RCU detected stall|soft lockup|hard LOCKUP'

PASS=0 FAIL=0 SKIP=0

boot() {
	local npt=$1 tag=$2 initrd=$3 tmo=$4 extra=$5
	local con=$LOGS/$tag.console.log res=$LOGS/$tag.results.log
	: > "$con"
	: > "$res"
	local cmd=(timeout "$tmo" qemu-system-x86_64 -accel "$ACCEL" "${ICOUNT[@]}"
		   -cpu EPYC -smp "$SMP" -m "$MEM" -nographic -no-reboot -monitor none
		   -serial "file:$con" -serial "file:$res"
		   -kernel "$KOBJ/arch/x86/boot/bzImage" -initrd "$initrd"
		   -append "console=ttyS0 panic=-1 tsc_early_khz=$TSC_KHZ kvm_amd.npt=$npt kvmtest.npt=$npt $EXTRA $extra")
	if [ -n "$VERBOSE" ]; then
		"${cmd[@]}" > "$LOGS/$tag.qemu.log" 2>&1 &
		local qpid=$!
		tail -n +1 -f "$con" --pid=$qpid
		wait $qpid
	else
		"${cmd[@]}" > "$LOGS/$tag.qemu.log" 2>&1
	fi
}

judge() {
	local tag=$1 con=$LOGS/$1.console.log res=$LOGS/$1.results.log
	local p f s bad=0

	tr -d '\r' < "$res" > "$res.tmp" && mv "$res.tmp" "$res"
	p=$(grep -E '^ok [0-9]+ ' "$res" | grep -v -c '# SKIP$' || true)
	s=$(grep -E '^ok [0-9]+ .*# SKIP$' -c "$res" || true)
	f=$(grep -c -E '^not ok [0-9]+ ' "$res" || true)
	grep -E '^(not )?ok [0-9]+ ' "$res" | sed "s/^/    [$tag] /"

	if ! grep -q '^KVMTEST-END' "$res"; then
		echo "    [$tag] FAIL: no end marker (guest hung, crashed or timed out)"
		bad=1
	fi
	# Violations reported by the audit's own fault injection are expected,
	# and so are those of a check in a VM that a test named beforehand
	# ("mmu_audit_test: kvm-PID: CHECK violations expected"); the SRSO
	# boot notice says "WARNING:" about the CPU, not the kernel.
	expected=()
	while read -r vm check; do
		expected+=(-e "mmu_audit: $vm .* $check violation")
	done < <(grep -a -o -E 'mmu_audit_test: kvm-[0-9]+: [a-z_]+ violations expected' "$con" |
		 awk '{ sub(":", "", $2); print $2, $3 }')
	{ grep -a -n -E "$SPLAT" "$con" || true; } |
		{ grep -v -e 'violation (injected)' "${expected[@]}" \
			  -e 'Speculative Return Stack Overflow: WARNING' || true; } \
		> "$LOGS/$tag.splats"
	if [ -s "$LOGS/$tag.splats" ]; then
		echo "    [$tag] FAIL: kernel splat on the console:"
		head -5 "$LOGS/$tag.splats" | sed 's/^/        /'
		bad=1
	fi
	f=$((f + bad))
	PASS=$((PASS + p)) FAIL=$((FAIL + f)) SKIP=$((SKIP + s))
	echo "    [$tag] $p passed, $f failed, $s skipped (logs: $con)"
	if [ "$f" != 0 ]; then
		echo "    ---- tail of $con ----"
		tail -n 40 "$con" | sed 's/^/    | /'
	fi
}

main() {
	local initrd=$LOGS/initramfs.cpio.gz tmo npt tag mode extra

	[ -f "$KOBJ/arch/x86/boot/bzImage" ] || die "no kernel; run scripts/build-kernel.sh"
	mkdir -p "$LOGS"
	step "pack initramfs ($(basename "$LIST"))" \
		"$TOP/scripts/mkinitramfs.sh" "$LIST" "$initrd"
	# The whole boot may take the sum of the test timeouts, plus slack.
	tmo=$(awk '!/^#/ && NF { t += $2 } END { print t + 180 }' "$LIST")

	local tags=() pids=() t0=$SECONDS
	for mode in $MODES; do
		npt=${mode%%:*}
		extra=""
		[[ $mode == *:* ]] && extra=${mode#*:} && extra=${extra//,/ }
		tag=$(basename "$LIST" .list)-npt$npt
		[[ $extra == *kvm.mmu_audit=[12]* ]] && tag=$tag-audit
		# The same mode twice (repeated runs) gets numbered logs.
		[[ " ${tags[*]} " == *" $tag "* ]] && tag=$tag-$((${#tags[@]} + 1))
		tags+=("$tag")
		while [ "$(jobs -r -p | wc -l)" -ge "$JOBS" ]; do
			wait -n || true
		done
		echo "==> boot $tag: -accel $ACCEL${ICOUNT:+ ${ICOUNT[*]}}, kvm_amd.npt=$npt $EXTRA $extra"
		( t=$SECONDS; boot "$npt" "$tag" "$initrd" "$tmo" "$extra" || true
		  echo "<== boot $tag: $((SECONDS - t))s" ) &
		pids+=($!)
	done
	wait "${pids[@]}" || true
	info "${#tags[@]} boots, $JOBS at a time: $((SECONDS - t0))s"
	for tag in "${tags[@]}"; do
		judge "$tag"
	done
	echo "$PASS passed, $FAIL failed, $SKIP skipped"
	[ "$FAIL" = 0 ] && [ "$PASS" -gt 0 ]
}

main "$@"
