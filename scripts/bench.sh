#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: what the MMU audit costs, measured under QEMU (shadow paging).
#
#  1. fault path, audit compiled in but off, against a kernel built from
#     the same base without the series: alternating boots, median rate;
#  2. a fault-heavy workload with the audit off, on (default sweep rate)
#     and on with a full sweep at every audit point;
#  3. full-sweep throughput (SPTEs checked per second) at two guest sizes,
#     and how long the audit holds mmu_lock while two vCPUs fault, at two
#     guest sizes: the wait it causes must not grow with the guest;
#  4. KVMI (--kvmi: only this): PAUSE event and PF round trips against an
#     MMIO exit, first-touch faults with and without restricted pages
#     elsewhere, and the tracking metadata of a 4 GiB guest.
#
# --icount (make bench-icount) measures the goals again with QEMU counting
# instructions (one CPU, -icount shift=0,sleep=off): guest time is then
# instructions executed by L1 and L2, which repeats from boot to boot.
# ICOUNT_BOOTS (default 5) boots per kernel, alternating, shadow paging.
#
# --trace (make bench-trace) splits the KVMI round trips into steps, in
# instructions: one -icount boot traces kvmi_perf_test's PF and PAUSE
# round trips (scripts/guest/trace-kvmi.sh), scripts/trace-steps.awk
# charges each stretch of the trace to the vCPU, the tool or kvmi-recv.
#
# Rates are demand_paging_test's "pages/s" (first-touch faults).
# Builds take build/.build.lock, so they never run next to another build.

. "$(dirname "$0")/lib.sh"

ROUNDS=${ROUNDS:-2}
BENCH=$BUILD/bench
OUT=$BENCH/results.txt
LOCK=$TOP/build/.build.lock

# locked CMD...: run CMD holding $LOCK.
locked() {
	flock -n "$LOCK" true || info "waiting for ${LOCK#"$TOP"/}: another build runs"
	flock "$LOCK" "$@"
}

build_base() {
	local tag
	tag=$(base_tag)
	if [ ! -d "$BENCH/linux" ]; then
		tree_git worktree add -q --detach "$BENCH/linux" "$tag"
	fi
	git -C "$BENCH/linux" checkout -q --detach "$tag"
	mkdir -p "$BENCH"
	# The base kernel knows nothing of the series' options.
	grep -v -e MMU_AUDIT -e INTROSPECTION "$TOP/config/kvm.config" \
		> "$BENCH/base.config"
	BUILD=$BENCH FRAGMENTS=${BENCH#"$TOP"/}/base.config KOBJ=$BENCH/obj \
		locked "$TOP/scripts/build-kernel.sh"
}

# boot KOBJ LIST NAME: one shadow-paging boot, keep its console log.
boot() {
	KOBJ=$1 SELFTESTS=$OBJ/kselftest/kvm BUILD=$BENCH \
		"$TOP/scripts/boot-test.sh" -m 0 -l "$TOP/config/$2.list" \
		> "$BENCH/$3.log" 2>&1 || true
	tr -d '\r' < "$BENCH/logs/$2-npt0.console.log" |
		sed -n "s/^# BENCH /$3 BENCH /p" >> "$OUT"
	info "$3: $(grep -c "^$3 " "$OUT") measurements"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rates() { awk -v k="$1" -v l="$2" -v s="$3" '$1 ~ k && $3 == l && $4 == s { print $5 }' "$OUT"; }

# stats: "median (min-max, n=N)" of the numbers on stdin.
stats() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (!NR) { print "-"; exit }
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.0f (%.0f-%.0f, n=%d)", m, v[1], v[NR], NR }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0) ? a / b : 0 }'; }

report() {
	local base off on sw o8 size
	base=$(rates '^base' off "$SIZE" | median)
	off=$(rates '^series' off "$SIZE" | median)
	on=$(rates '^series' default "$SIZE" | median)
	sw=$(rates '^series' sweep0 8M | median)
	o8=$(rates '^series' off 8M | median)
	echo
	echo "== make bench: shadow paging under QEMU TCG, demand_paging_test first-touch"
	echo "   faults, pages/s: median (min-max, n); $ROUNDS alternating boots per kernel"
	printf '%-44s %s\n' "base kernel, no series ($SIZE)" \
		"$(rates '^base' off "$SIZE" | stats)"
	printf '%-44s %s\n' "series, audit built in, off ($SIZE)" \
		"$(rates '^series' off "$SIZE" | stats)"
	printf '%-44s %s\n' "series, audit on, default sweeps ($SIZE)" \
		"$(rates '^series' default "$SIZE" | stats)"
	printf '%-44s %s\n' "series, audit off (8M)" \
		"$(rates '^series' off 8M | stats)"
	printf '%-44s %s\n' "series, audit on, full sweep every point (8M)" \
		"$(rates '^series' sweep0 8M | stats)"
	echo
	echo "ratio off / no series:            $(ratio "$off" "$base")"
	echo "ratio on (default) / off:         $(ratio "$on" "$off")"
	echo "ratio on (sweep every point)/off: $(ratio "$sw" "$o8")"
	echo
	report_hold
	awk '$3 == "sweep" { print $4 }' "$OUT" | sort -u | while read -r size; do
		printf 'full-sweep SPTEs checked/s, %-4s guest: %s\n' "$size" \
			"$(awk -v z="$size" '$3 == "sweep" && $4 == z {
				split($5, a, "="); split($6, b, "=");
				if (b[2] > 0) print a[2] / b[2] }' "$OUT" | stats)"
	done
}

# "series BENCH hold SIZE name=value...": the VM's audit counters at the
# end of a demand_paging_test run with 2 vCPUs and a sweep every 100 ms.
report_hold() {
	echo
	echo "== mmu_lock holds of the audit, 2 vCPUs faulting, sweeps every 100 ms;"
	echo "   max over the rounds. chunk: SPTEs and rmap entries a waiting thread"
	echo "   waited behind (deterministic); wait: the same in time; hold: longest"
	echo "   sweep hold, also while nobody waits; point: longest audit point (in"
	echo "   the tracepoint probe)"
	awk '$3 == "hold" {
		size = $4
		if (!(size in seen)) { seen[size] = 1; order[++n] = size }
		for (i = 5; i <= NF; i++) {
			split($i, kv, "=")
			v = kv[2] + 0
			if (kv[1] ~ /^(sweeps|sweeps_partial|sweep_yields|ns_sweep)$/)
				sum[size, kv[1]] += v
			else if (v > max[size, kv[1]])
				max[size, kv[1]] = v
		}
	}
	END {
		printf "%-6s %7s %8s %8s %7s %9s %9s %9s %9s\n", "guest", "sweeps",
		       "partial", "yields", "chunk", "wait ms", "hold ms", "point ms",
		       "ms/sweep"
		for (k = 1; k <= n; k++) {
			z = order[k]
			printf "%-6s %7d %8d %8d %7d %9.1f %9.1f %9.1f %9.1f\n", z,
			       sum[z, "sweeps"], sum[z, "sweeps_partial"],
			       sum[z, "sweep_yields"], max[z, "sweep_max_chunk"],
			       max[z, "sweep_max_wait_ns"] / 1e6,
			       max[z, "sweep_max_hold_ns"] / 1e6,
			       max[z, "point_max_ns"] / 1e6,
			       sum[z, "sweeps"] ? sum[z, "ns_sweep"] / sum[z, "sweeps"] / 1e6 : 0
		}
	}' "$OUT"
}

# KVMI, both paging modes (x86_64/kvmi_perf_test): the PAUSE event (1 and
# 2 vCPUs) and the PF round trip against a KVM_EXIT_MMIO round trip,
# first-touch faults next to restricted pages, tracking metadata.
bench_kvmi() {
	local m
	KOBJ=$OBJ SELFTESTS=$OBJ/kselftest/kvm BUILD=$BENCH \
		"$TOP/scripts/boot-test.sh" -m "0 1" \
		-l "$TOP/config/bench-kvmi.list" > "$BENCH/kvmi.log" 2>&1 || true
	for m in 0 1; do
		tr -d '\r' < "$BENCH/logs/bench-kvmi-npt$m.console.log" |
			sed -n "s/^# # BENCH kvmi /npt$m /p"
	done > "$BENCH/kvmi.txt"
	[ -s "$BENCH/kvmi.txt" ] || die "no KVMI measurements, see $BENCH/kvmi.log"
	info "$(wc -l < "$BENCH/kvmi.txt") KVMI measurements in $BENCH/kvmi.txt"
}

# The awk programs below read $BENCH/kvmi.txt: "npt<N> <vcpus> <kind>
# <value>..." and "npt<N> meta <pages> <vmalloc bytes> <slab bytes>".
MMU_NAME='function mmu(m) { return m == "npt0" ? "shadow" : "tdp" }'

report_kvmi_pause() {
	echo
	echo "== KVMI: PAUSE event round trip (pause, event, CONTINUE, guest runs)"
	echo "   against a KVM_EXIT_MMIO round trip, same boot; medians, goal ratio <= 3"
	awk "$MMU_NAME"'
	{ key = $1 " " $2 }
	$3 == "mmio"  { mmio[key] = $4; mrate[key] = $5 }
	$3 == "event" { ev[key] = $4; erate[key] = $5 }
	$3 == "ratio" { ratio[key] = $4; keys[++n] = key }
	END {
		printf "%-6s %-6s %10s %10s %7s %10s %10s\n", "mmu", "vcpus",
		       "mmio ns", "event ns", "ratio", "events/s", "mmio/s"
		for (i = 1; i <= n; i++) {
			split(keys[i], k, " ")
			printf "%-6s %-6s %10d %10d %7.2f %10d %10d\n",
			       mmu(k[1]), k[2], mmio[keys[i]], ev[keys[i]],
			       ratio[keys[i]], erate[keys[i]], mrate[keys[i]]
		}
	}' "$BENCH/kvmi.txt"
}

report_kvmi_pf() {
	echo
	echo "== KVMI: PF round trip (write to a write-restricted page, PF event, tool"
	echo "   lifts the restriction, RETRY, write done) against a KVM_EXIT_MMIO round"
	echo "   trip (1 vCPU), same boot; guest-measured medians, goal ratio <= 3"
	echo "   (pf: the v12 messages; pfreply: the access lifted in the PF reply)"
	awk "$MMU_NAME"'
	$2 == 1 && $3 == "mmio" { mmio[$1] = $4 }
	$2 == 1 && ($3 == "pf" || $3 == "pfreply") { pf[$1, $3] = $4; rate[$1, $3] = $5 }
	$2 == 1 && $3 == "pfratio" { keys[++n] = $1 }
	$2 == 1 && ($3 == "pfratio" || $3 == "pfreplyratio") { ratio[$1, $3] = $4 }
	END {
		printf "%-6s %-8s %10s %10s %7s %7s %8s\n", "mmu", "reply", "mmio ns",
		       "pf ns", "ratio", "goal", "pf/s"
		for (i = 1; i <= n; i++) {
			m = keys[i]
			for (k = 0; k < 2; k++) {
				v = k ? "pfreply" : "pf"
				if (!((m, v) in pf))
					continue
				r = ratio[m, v "ratio"]
				printf "%-6s %-8s %10d %10d %7.2f %7s %8d\n", mmu(m),
				       k ? "access" : "v12", mmio[m], pf[m, v], r,
				       r <= 3 ? "met" : "missed", rate[m, v]
			}
		}
	}' "$BENCH/kvmi.txt"
}

report_kvmi_fault() {
	echo
	echo "== KVMI: first-touch faults on pages that are not restricted, without and"
	echo "   with 1,000 pages restricted in another memslot; ns per fault, medians of"
	echo "   the alternating rounds; ratio: median over pairs of neighbouring rounds"
	echo "   of restricted / clean; goal ratio within 2% of 1"
	awk "$MMU_NAME"'
	$3 == "fault_clean" { clean[$1] = $4 }
	$3 == "fault_restricted" { restr[$1] = $4 }
	$3 == "fault_ratio" { ratio[$1] = $4; keys[++n] = $1 }
	END {
		printf "%-6s %12s %12s %7s %7s\n", "mmu", "clean ns",
		       "restr. ns", "ratio", "goal"
		for (i = 1; i <= n; i++) {
			m = keys[i]
			# The ratio has 3 decimals: 1.020 is within 2%.
			d = ratio[m] - 1
			printf "%-6s %12d %12d %7.3f %7s\n", mmu(m), clean[m],
			       restr[m], ratio[m],
			       (d < 0.0205 && d > -0.0205) ? "met" : "missed"
		}
	}' "$BENCH/kvmi.txt"
}

report_kvmi_meta() {
	echo
	echo "== KVMI: tracking metadata of a hooked VM with a 4 GiB memslot (never"
	echo "   touched): /proc/meminfo deltas against no restriction, W restricted;"
	echo "   expected vmalloc: 0 without restrictions, then 2 bytes per guest page"
	awk "$MMU_NAME"'
	$2 == "meta" { keys[++n] = $1 " " $3; vm[n] = $4; slab[n] = $5 }
	END {
		printf "%-6s %12s %14s %12s\n", "mmu", "restricted",
		       "vmalloc bytes", "slab bytes"
		for (i = 1; i <= n; i++) {
			split(keys[i], k, " ")
			printf "%-6s %12d %14d %12d\n", mmu(k[1]), k[2], vm[i],
			       slab[i]
		}
	}' "$BENCH/kvmi.txt"
}

report_kvmi() {
	report_kvmi_pause
	report_kvmi_pf
	report_kvmi_fault
	report_kvmi_meta
}

# icount_boot KOBJ LIST NAME: one shadow-paging boot counting instructions,
# in a directory of its own so that two can run at once; its BENCH lines
# (bench-guest.sh's and kvmi_perf_test's) go to $IOUT.NAME.
icount_boot() {
	local dir=$BENCH/icount-$3

	KOBJ=$1 SELFTESTS=$OBJ/kselftest/kvm BUILD=$dir QEMU_ICOUNT=1 \
		"$TOP/scripts/boot-test.sh" -m 0 -l "$TOP/config/$2.list" \
		> "$dir.log" 2>&1 || true
	tr -d '\r' < "$dir/logs/$2-npt0.console.log" |
		sed -n -e "s/^# BENCH /$3 /p" -e "s/^# # BENCH kvmi /$3 kvmi /p" \
		>> "$IOUT.$3"
}

# icount_round N: a boot of each kernel, side by side (one CPU each).
icount_round() {
	icount_boot "$BENCH/obj" bench-icount-base base &
	icount_boot "$OBJ" bench-icount-series series &
	wait
	info "round $1: $(cat "$IOUT".* | wc -l) measurements so far"
}

# ispread: "median (spread %, n=N)" of the numbers on stdin, the spread
# being (max - min) / median over all runs of all boots.
ispread() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (!NR) { print "-"; exit }
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.4g (spread %.2f%%, n=%d)", m, m ? 100 * (v[NR] - v[1]) / m : 0, NR }'
}

# ipos NAME LABEL SIZE RUNS: per position of a run within its boot (the
# n-th run of each boot), "median spread%" over the boots.  Under -icount
# the n-th runs of all boots agree closely; the runs of one boot do not
# (the first ones warm things up), so positions are compared, not runs.
ipos() {
	local p vals m

	for p in $(seq "$4"); do
		vals=$(awk -v n="$1" -v k="$2" -v z="$3" -v r="$4" -v p="$p" '
			$1 == n && $2 == k && $3 == z { if (i++ % r == p - 1) print $4 }' "$IOUT")
		m=$(echo "$vals" | median)
		echo "$p $m $(echo "$vals" | sort -g | awk -v m="$m" '
			NR == 1 { lo = $1 } { hi = $1 }
			END { printf "%.3f", m ? 100 * (hi - lo) / m : 0 }')"
	done
}

# iboot NAME LABEL SIZE: the pages/s of every bench-guest.sh run.
iboot() {
	awk -v n="$1" -v k="$2" -v z="$3" '$1 == n && $2 == k && $3 == z { print $4 }' "$IOUT"
}

# The kvmi_perf_test value of KIND, one per boot (each boot prints one).
ikvmi() {
	awk -v n="$1" -v v="$2" -v k="$3" '$1 == n && $2 == "kvmi" && $3 == v && $4 == k { print $5 }' "$IOUT"
}

# Ratios per boot of two kvmi_perf_test values of the same boot.
ikvmi_ratio() {
	awk -v n="$1" -v a="$2" -v b="$3" '
		$1 == n && $2 == "kvmi" && $3 == 1 && $4 == a { x[++i] = $5 }
		$1 == n && $2 == "kvmi" && $3 == 1 && $4 == b { y[++j] = $5 }
		END { for (k = 1; k <= i && k <= j; k++) if (y[k]) print x[k] / y[k] }' "$IOUT"
}

report_icount() {
	local off5 on5 r
	off5=$(iboot series off 512M | median)
	on5=$(iboot series default 512M | median)
	echo
	echo "== make bench-icount: QEMU -icount shift=0,sleep=off, 1 CPU, shadow paging;"
	echo "   guest time = instructions (1 ns each); $ICOUNT_BOOTS boots per kernel,"
	echo "   alternating; median over all runs (spread = (max - min) / median)"
	printf '%-46s %s\n' "demand_paging_test 128M, no series (pages/s)" \
		"$(iboot base off 128M | ispread)"
	printf '%-46s %s\n' "... series, audit built in, off" \
		"$(iboot series off 128M | ispread)"
	printf '%-46s %s\n' "demand_paging_test 512M, audit off (pages/s)" \
		"$(iboot series off 512M | ispread)"
	printf '%-46s %s\n' "... audit on, default sweeps (1 s)" \
		"$(iboot series default 512M | ispread)"
	printf '%-46s %s\n' "MMIO exit round trip, 1 vCPU (guest ns)" \
		"$(ikvmi series 1 mmio | ispread)"
	printf '%-46s %s\n' "PAUSE event round trip, 1 vCPU (guest ns)" \
		"$(ikvmi series 1 event | ispread)"
	printf '%-46s %s\n' "PF event round trip, 1 vCPU (guest ns)" \
		"$(ikvmi series 1 pf | ispread)"
	printf '%-46s %s\n' "... access lifted in the PF reply (guest ns)" \
		"$(ikvmi series 1 pfreply | ispread)"
	printf '%-46s %s\n' "first-touch fault, clean (ns)" \
		"$(ikvmi series 1 fault_clean | ispread)"
	printf '%-46s %s\n' "... 1,000 pages restricted elsewhere (ns)" \
		"$(ikvmi series 1 fault_restricted | ispread)"
	echo
	echo "demand_paging_test 128M by position of the run in its boot: median"
	echo "over the boots (spread between boots); series / base"
	join <(ipos base off 128M 5) <(ipos series off 128M 5) |
		awk '{ printf "  run %d: base %.6g (%.2f%%)  series %.6g (%.2f%%)  ratio %.4f\n",
			$1, $2, $3, $4, $5, $4 / $2 }'
	echo
	echo "goal                                   measured   per boot            met"
	r=$(join <(ipos base off 128M 5) <(ipos series off 128M 5) |
		awk '{ print $4 / $2 }' | median)
	printf '%-38s %-10.4f %-19s %s\n' "audit off / no series >= 0.99" "$r" \
		"(median of the runs)" \
		"$(awk -v r="$r" 'BEGIN { print (r >= 0.99) ? "yes" : "no" }')"
	r=$(ratio "$on5" "$off5")
	printf '%-38s %-10s %-19s %s\n' "audit on / off at 512M >= 0.5" "$r" "-" \
		"$(awk -v r="$r" 'BEGIN { print (r >= 0.5) ? "yes" : "no" }')"
	r=$(ikvmi series 1 fault_ratio | median)
	printf '%-38s %-10s %-19s %s\n' "faults next to 1,000 restr. <= 1.01" "$r" \
		"$(ikvmi series 1 fault_ratio | sort -g | paste -s -d' ' | cut -c1-19)" \
		"$(awk -v r="$r" 'BEGIN { print (r <= 1.01 && r >= 0.99) ? "yes" : "no" }')"
	r=$(ikvmi_ratio series event mmio | median)
	printf '%-38s %-10.3f %-19s %s\n' "PAUSE / MMIO round trip <= 2" "$r" \
		"$(ikvmi_ratio series event mmio | sort -g | awk '{ printf "%.2f ", $1 }' | cut -c1-19)" \
		"$(awk -v r="$r" 'BEGIN { print (r <= 2) ? "yes" : "no" }')"
	r=$(ikvmi_ratio series pf mmio | median)
	printf '%-38s %-10.3f %-19s %s\n' "PF / MMIO round trip <= 3" "$r" \
		"$(ikvmi_ratio series pf mmio | sort -g | awk '{ printf "%.2f ", $1 }' | cut -c1-19)" \
		"$(awk -v r="$r" 'BEGIN { print (r <= 3) ? "yes" : "no" }')"
	r=$(ikvmi_ratio series pfreply mmio | median)
	printf '%-38s %-10.3f %-19s %s\n' "... access in the PF reply <= 3" "$r" \
		"$(ikvmi_ratio series pfreply mmio | sort -g | awk '{ printf "%.2f ", $1 }' | cut -c1-19)" \
		"$(awk -v r="$r" 'BEGIN { print (r <= 3) ? "yes" : "no" }')"
}

bench_icount() {
	IOUT=$BENCH/icount.txt
	ICOUNT_BOOTS=${ICOUNT_BOOTS:-5}
	step "series kernel" locked "$TOP/scripts/build-kernel.sh"
	step "selftests" locked "$TOP/scripts/build-selftests.sh"
	step "base kernel (no series)" build_base
	rm -f "$IOUT" "$IOUT".*
	for r in $(seq "$ICOUNT_BOOTS"); do
		step "icount round $r: base and series kernel" icount_round "$r"
	done
	cat "$IOUT".* > "$IOUT"
	[ -s "$IOUT" ] || die "no measurements, see $BENCH/icount-*.log"
	report_icount | tee "$BENCH/report-icount.txt"
}

# The audit's mmu_lock holds at 512M and 2G per vCPU (2 vCPUs), in
# instructions: one -icount boot with 6G of memory.
bench_hold_icount() {
	step "series kernel" locked "$TOP/scripts/build-kernel.sh"
	step "selftests" locked "$TOP/scripts/build-selftests.sh"
	step "-icount boot: holds at 512M and 2G" env KOBJ="$OBJ" \
		SELFTESTS="$OBJ/kselftest/kvm" BUILD="$BENCH/hold" QEMU_ICOUNT=1 \
		QEMU_MEM=6G "$TOP/scripts/boot-test.sh" -m 0 \
		-l "$TOP/config/bench-hold-icount.list" > "$BENCH/hold.log" 2>&1 ||
		die "boot failed, see $BENCH/hold.log"
	tr -d '\r' < "$BENCH/hold/logs/bench-hold-icount-npt0.console.log" |
		sed -n 's/^# BENCH /series BENCH /p' > "$BENCH/hold.txt"
	echo "   (-icount: 1 ms = 1,000,000 instructions)"
	OUT=$BENCH/hold.txt report_hold | tee "$BENCH/report-hold.txt"
}

# The steps of the round trips in one traced boot, see trace-steps.awk;
# TRACE_NPT=1 for the TDP MMU (kvm_amd.npt=1).
bench_trace() {
	local npt=${TRACE_NPT:-0}
	local con=$BENCH/trace/logs/bench-trace-npt$npt.console.log

	step "series kernel" locked "$TOP/scripts/build-kernel.sh"
	step "selftests" locked "$TOP/scripts/build-selftests.sh"
	step "traced boot (-icount)" env KOBJ="$OBJ" SELFTESTS="$OBJ/kselftest/kvm" \
		BUILD="$BENCH/trace" QEMU_ICOUNT=1 "$TOP/scripts/boot-test.sh" -m "$npt" \
		-l "$TOP/config/bench-trace.list" > "$BENCH/trace.log" 2>&1 ||
		die "traced boot failed, see $BENCH/trace.log"
	{
		echo "== make bench-trace: KVMI round trips step by step, in instructions"
		echo "   (QEMU -icount shift=0, 1 CPU, kvm_amd.npt=$npt, trace clock = TSC);"
		echo "   medians over the round trips; every trace event adds its own cost"
		echo "   (about 600 instructions each; 'events' per round trip)"
		tr -d '\r' < "$con" | sed -n '/^# TRACE-BEGIN pf/,/^# TRACE-END/p' |
			awk -v LABELS="pf pfreply" -f "$TOP/scripts/trace-steps.awk"
		tr -d '\r' < "$con" | sed -n '/^# TRACE-BEGIN pause/,/^# TRACE-END/p' |
			awk -v LABELS="pause" -f "$TOP/scripts/trace-steps.awk"
	} | tee "$BENCH/report-trace.txt"
}

main() {
	SIZE=${SIZE:-128M}
	mkdir -p "$BENCH"
	case "${1:-}" in
	--report)
		report
		[ -s "$BENCH/kvmi.txt" ] && report_kvmi
		exit
		;;
	--icount)
		bench_icount
		exit
		;;
	--trace)
		bench_trace
		exit
		;;
	--hold-icount)
		bench_hold_icount
		exit
		;;
	--icount-report)
		IOUT=$BENCH/icount.txt ICOUNT_BOOTS=${ICOUNT_BOOTS:-5}
		report_icount
		exit
		;;
	--kvmi)
		step "series kernel" locked "$TOP/scripts/build-kernel.sh"
		step "selftests" locked "$TOP/scripts/build-selftests.sh"
		step "KVMI: PAUSE and PF round trips, faults, metadata" bench_kvmi
		report_kvmi | tee "$BENCH/report-kvmi.txt"
		exit
		;;
	esac
	step "series kernel" locked "$TOP/scripts/build-kernel.sh"
	step "selftests" locked "$TOP/scripts/build-selftests.sh"
	step "base kernel (no series)" build_base
	: > "$OUT"
	for r in $(seq "$ROUNDS"); do
		step "round $r: base kernel" boot "$BENCH/obj" bench-base base
		step "round $r: series kernel" boot "$OBJ" bench-series series
	done
	[ -s "$OUT" ] || die "no measurements, see $BENCH/*.log"
	step "KVMI: PAUSE and PF round trips, faults, metadata" bench_kvmi
	{ report; report_kvmi; } | tee "$BENCH/report.txt"
}

main "$@"
