#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The MMU audit's false-positive hunt, wider than make check: every upstream
# x86 KVM selftest, booted on the base kernel (no series) and on the series'
# kernel with kvm.mmu_audit=1 and a sweep at every audit point, in both
# paging modes.  Fails on any audit violation or kernel splat in the audit
# boots, and on any test that passes on the base kernel but not with the
# series.  Tests that fail on the base kernel too (no hardware for them
# under TCG, or too slow for their timeout) are listed, not judged.
#
#   scripts/audit-wide.sh            (make audit-wide; about an hour)
#   REPORT_ONLY=1 scripts/audit-wide.sh   only compare the last logs
#
# TIMEOUT (default 120) is each test's timeout in seconds; SKIP_BASE=1
# reuses the base kernel's last results.

. "$(dirname "$0")/lib.sh"

W=$BUILD/wide
LIST=$W/wide.list
BOBJ=$W/obj-base
WT=$W/linux
TIMEOUT=${TIMEOUT:-120}
ST=$OBJ/kselftest/kvm

[ -d "$TREE/.git" ] || die "no $TREE: run make tree first"
[ -f "$OBJ/.config" ] || die "no $OBJ/.config: run make kernel first"
[ -d "$OBJ/kselftest/kvm" ] || die "no selftests: run make selftests first"
mkdir -p "$W"

# Upstream tests only, with the arguments make check uses for long ones.
make_list() {
	local t name args

	echo "# every upstream x86 KVM selftest, $TIMEOUT s each"
	sed -n 's/^TEST_GEN_PROGS_x86_64 += //p; s/^TEST_GEN_PROGS_x86_64 = //p' \
		"$TREE/tools/testing/selftests/kvm/Makefile" |
	grep -v -E 'mmu_audit|kvmi_' |
	while read -r t; do
		name=$(basename "$t")
		args=$(awk -v n="$name" '$1 == n { $1 = $2 = ""; print; exit }' \
			"$TOP/config/tests.list" | sed 's/^ *//')
		printf '%-40s %4s   %s\n' "$name" "$TIMEOUT" "${args:-$t}"
	done
}

write_list() { make_list > "$LIST"; }

# The base kernel: the pinned Debian commit, the test kernel's config.
build_base() {
	local base

	base=$(git -C "$TREE" rev-parse "$(base_tag)^{commit}")
	if [ "$(git -C "$WT" rev-parse HEAD 2>/dev/null)" != "$base" ]; then
		git -C "$TREE" worktree remove --force "$WT" 2>/dev/null || true
		rm -rf "$WT"
		git -C "$TREE" worktree add -q --detach "$WT" "$base"
	fi
	mkdir -p "$BOBJ"
	cp "$OBJ/.config" "$BOBJ/.config"
	make -C "$WT" O="$BOBJ" -j"$(nproc)" CC="ccache gcc" \
		HOSTCC="ccache gcc" -s olddefconfig bzImage
}

# result TAGDIR TAG NAME: ok, skip, fail, timeout or "-" (not run).
result() {
	local log=$1/logs/$2.results.log

	[ -f "$log" ] || { echo "-"; return; }
	if grep -q -E "^ok [0-9]+ selftests: kvm: $3( |$)" "$log"; then
		grep -q -E "^ok [0-9]+ selftests: kvm: $3 .*# SKIP" "$log" &&
			echo skip || echo ok
	elif grep -q -E "^not ok [0-9]+ selftests: kvm: $3 .*(exit=124|TIMEOUT)" "$log"; then
		echo timeout
	elif grep -q -E "^not ok [0-9]+ selftests: kvm: $3( |$)" "$log"; then
		echo fail
	else
		echo "-"
	fi
}

compare() {
	local bad=0 npt name b s

	printf '%-40s %-12s %-12s %-12s %-12s\n' test base-npt0 audit-npt0 \
		base-npt1 audit-npt1
	for name in $(awk '!/^#/ && NF { print $1 }' "$LIST"); do
		printf '%-40s' "$name"
		for npt in 0 1; do
			b=$(result "$W/base" "wide-npt$npt" "$name")
			s=$(result "$W/audit" "wide-npt$npt-audit" "$name")
			printf ' %-12s %-12s' "$b" "$s"
			# Sweeping at every point may make a test too slow
			# for its timeout: listed, but no failure of the series.
			if [ "$b" = ok ] && [ "$s" != ok ] && [ "$s" != timeout ]; then
				bad=1
			fi
		done
		echo
	done
	[ $bad = 0 ] || echo "FAIL: a test that passes on the base kernel does not pass with the series"
	return $bad
}

main() {
	local rc=0 n

	if [ -z "${REPORT_ONLY:-}" ]; then
		step "list upstream x86 KVM selftests" write_list
		info "$(grep -c -v '^#' "$LIST") tests, $TIMEOUT s each"
		if [ -z "${SKIP_BASE:-}" ]; then
			step "build the base kernel ($(base_tag))" build_base
			step "boot the base kernel, both paging modes" \
				env BUILD="$W/base" KOBJ="$BOBJ" SELFTESTS="$ST" \
				"$TOP/scripts/boot-test.sh" -l "$LIST" -j 2 -m "0 1" ||
				true
		fi
		step "boot the series, audit on, sweep at every point" \
			env BUILD="$W/audit" KOBJ="$OBJ" SELFTESTS="$ST" \
			"$TOP/scripts/boot-test.sh" -l "$LIST" -j 2 \
			-m "0:kvm.mmu_audit=1,kvm.mmu_audit_sweep_ms=0 1:kvm.mmu_audit=1,kvm.mmu_audit_sweep_ms=0" ||
			rc=1
	fi
	compare || rc=1
	n=$(cat "$W"/audit/logs/*.console.log 2>/dev/null |
	    grep -a -c 'mmu_audit: .* violation' || true)
	info "audit violations in the audit boots: $n"
	[ "$n" = 0 ] || rc=1
	return $rc
}

main "$@"
