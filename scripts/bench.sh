#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: what the MMU audit costs, measured under QEMU (shadow paging).
#
#  1. fault path, audit compiled in but off, against a kernel built from
#     the same base without the series: alternating boots, median rate;
#  2. a fault-heavy workload with the audit off, on (default sweep rate)
#     and on with a full sweep at every audit point;
#  3. full-sweep throughput (SPTEs checked per second) at two guest sizes.
#
# Rates are demand_paging_test's "pages/s" (first-touch faults).

. "$(dirname "$0")/lib.sh"

ROUNDS=${ROUNDS:-2}
BENCH=$BUILD/bench
OUT=$BENCH/results.txt

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
		"$TOP/scripts/build-kernel.sh"
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

report() {
	local base off on sw o16 r
	base=$(rates '^base' off "$SIZE" | median)
	off=$(rates '^series' off "$SIZE" | median)
	on=$(rates '^series' default "$SIZE" | median)
	sw=$(rates '^series' sweep0 8M | median)
	o16=$(rates '^series' off 8M | median)
	echo
	echo "== make bench (shadow paging, QEMU TCG, demand_paging_test pages/s, medians)"
	printf '%-48s %12s\n' "base kernel, no series ($SIZE)" "$base"
	printf '%-48s %12s   ratio %s\n' "series, audit compiled in but off ($SIZE)" "$off" \
		"$(awk "BEGIN { printf \"%.3f\", $off / $base }")"
	printf '%-48s %12s   on/off %s\n' "series, audit on, default sweep rate ($SIZE)" "$on" \
		"$(awk "BEGIN { printf \"%.3f\", $on / $off }")"
	printf '%-48s %12s   on/off %s\n' "series, audit on, full sweep every point (8M)" "$sw" \
		"$(awk "BEGIN { printf \"%.4f\", $sw / $o16 }")"
	grep '^series BENCH sweep' "$OUT" | while read -r _ _ _ size sp secs; do
		r=$(awk -v a="${sp#sptes=}" -v b="${secs#secs=}" 'BEGIN { printf "%.0f", a / b }')
		printf '%-48s %12s   (%s, %s)\n' "full-sweep SPTEs checked/s, $size guest" "$r" "$sp" "$secs"
	done
}

main() {
	SIZE=${SIZE:-128M}
	step "series kernel" "$TOP/scripts/build-kernel.sh"
	step "selftests" "$TOP/scripts/build-selftests.sh"
	step "base kernel (no series)" build_base
	: > "$OUT"
	for r in $(seq "$ROUNDS"); do
		step "round $r: base kernel" boot "$BENCH/obj" bench-base base
		step "round $r: series kernel" boot "$OBJ" bench-series series
	done
	[ -s "$OUT" ] || die "no measurements, see $BENCH/*.log"
	report | tee "$BENCH/report.txt"
}

main "$@"
