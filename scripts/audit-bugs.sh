#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Re-introduce fixed upstream KVM MMU bugs, one at a time, into the series'
# kernel and show which MMU audit check reports each, under which workload
# and how soon.  The bugs are never part of the series: each is a throw-away
# diff in audit-bugs/ applied in a scratch worktree (build/bugs/linux, at the
# tip of build/linux) and built into build/bugs/obj.
#
#   scripts/audit-bugs.sh [audit-bugs/NN-name.diff ...]   (default: all)
#   REPORT_ONLY=1 scripts/audit-bugs.sh ...   only re-read the last logs
#
# A diff's "# " header names what the script needs:
#   # fix: SHA subject         the upstream fix the diff undoes
#   # expect: CHECK...         checks that must report the bug
#   # modes: 0 1               kvm_amd.npt values to boot (default "0 1")
#   # params: a=1 b=2          more kernel parameters for those boots
#   # test: NAME SECS PATH...  the workload, lines of a boot-test list
# Writes build/bugs/results.txt: one line per bug and paging mode with the
# checks that reported it, their counts and the seconds from the start of
# the workload to the first report.

. "$(dirname "$0")/lib.sh"

BB=$BUILD/bugs
WT=$BB/linux
BOBJ=$BB/obj
RESULTS=$BB/results.txt

[ -d "$TREE/.git" ] || die "no $TREE: run make tree first"
[ -f "$OBJ/.config" ] || die "no $OBJ/.config: run make kernel first"
[ -d "$OBJ/kselftest/kvm" ] || die "no selftests: run make selftests first"

if [ $# = 0 ]; then
	set -- "$TOP"/audit-bugs/*.diff
fi

field() { sed -n "s/^# $1: //p" "$2"; }

worktree() {
	git -C "$TREE" worktree remove --force "$WT" 2>/dev/null || true
	rm -rf "$WT"
	git -C "$TREE" worktree add -q --detach "$WT" HEAD
	mkdir -p "$BOBJ"
	cp "$OBJ/.config" "$BOBJ/.config"
}

build() {
	make -C "$WT" O="$BOBJ" -j"$(nproc)" CC="ccache gcc" \
		HOSTCC="ccache gcc" -s olddefconfig bzImage
}

# report BUG MODE: the checks in the console log of one boot.
report() {
	local name=$1 npt=$2 con=$BB/logs/$1-npt$2-audit.console.log
	local checks start first

	# Reports of the workload's own fault injection don't count.
	checks=$( { grep -v '(injected)' "$con" |
		    grep -o 'at [a-z_]*: [a-z_]* violation' || true; } |
		 awk '{ print $3 "@" $2 }' | tr -d ':' | sort | uniq -c |
		 awk '{ printf "%s%s(%s)", sep, $2, $1; sep = " " }')
	# Seconds from the workload's start to the first report, by the
	# guest kernel's printk clock.
	start=$( { grep -m1 -o '^\[ *[0-9.]*\] kvmtest: run .*' "$con" || true; } |
		sed 's/^\[ *\([0-9.]*\)\].*/\1/')
	first=$( { grep -v '(injected)' "$con" |
		   grep -m1 -o '^\[ *[0-9.]*\] kvm: mmu_audit: .* violation' || true; } |
		sed 's/^\[ *\([0-9.]*\)\].*/\1/')
	if [ -n "$start" ] && [ -n "$first" ]; then
		first=$(awk -v a="$start" -v b="$first" 'BEGIN { printf "%.1fs", b - a }')
	else
		first=-
	fi
	printf '%-28s npt=%s %-8s %s\n' "$name" "$npt" "$first" \
		"${checks:-none}" | tee -a "$RESULTS"
}

mkdir -p "$BB"
: > "$RESULTS"
rc=0
for bug in "$@"; do
	bug=$(realpath "$bug")
	name=$(basename "$bug" .diff)
	echo "==> $name: $(field fix "$bug")"
	modes=$(field modes "$bug")
	if [ -n "${REPORT_ONLY:-}" ]; then
		for m in ${modes:-0 1}; do
			report "$name" "$m"
		done
		continue
	fi
	worktree
	git -C "$WT" apply "$bug" || die "$bug does not apply"
	step "build $name" build || die "$name does not build"

	field test "$bug" > "$BB/$name.list"

	params=$(field params "$bug" | tr ' ' ',')
	boots=""
	for m in ${modes:-0 1}; do
		boots="$boots $m:kvm.mmu_audit=1,printk.time=1${params:+,$params}"
	done
	# Test failures are expected: the bug is in the kernel.
	BUILD=$BB KOBJ=$BOBJ SELFTESTS=$OBJ/kselftest/kvm \
		step "boot $name" "$TOP/scripts/boot-test.sh" -l "$BB/$name.list" \
		-j 2 -m "${boots# }" > "$BB/$name.boot.log" 2>&1 || true

	for m in ${modes:-0 1}; do
		report "$name" "$m"
	done
	for want in $(field expect "$bug"); do
		grep -q "^$name .*[ ]$want@" "$RESULTS" ||
			{ echo "    $name: expected $want, not reported"; rc=1; }
	done
done

[ -n "${REPORT_ONLY:-}" ] || git -C "$TREE" worktree remove --force "$WT"
echo "results: $RESULTS"
exit $rc
