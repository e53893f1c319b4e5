#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Distro readiness: build the KVM modules as Debian would, with Debian's own
# amd64 config (linux-config-6.12), W=1 and sparse (C=2), three times:
#
#   base  the unpatched Debian base
#   on    the series with its options on (KVM_MMU_AUDIT, KVM_MMU_AUDIT_INJECT,
#         and KVM_INTROSPECTION once Kconfig knows it)
#   off   the series with all of them off
#
# Any warning of "on" or "off" that the base build does not have fails the
# check (warnings are compared without line numbers, with counts).  The
# sizes of kvm.o, kvm-amd.o and kvm-intel.o are shown, and the symbols that
# "off" adds to the base (ideally none; not an error for now).
#
# The source is a worktree of make check's tree (build/check/linux), so the
# base is extracted once; objects and logs are in build/distro/.  Heavy
# makes take build/.build.lock, so they never run next to another build.

export BUILD=${CHECK_BUILD:-$(cd "$(dirname "$0")/.." && pwd)/build/check}
. "$(dirname "$0")/lib.sh"

D=$TOP/build/distro
WT=$D/linux
LOCK=$TOP/build/.build.lock
DEBCONFIG=$DEBS/$BASE_VERSION/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
OPTIONS="KVM_MMU_AUDIT KVM_MMU_AUDIT_INJECT KVM_INTROSPECTION"
MODULES="kvm kvm-amd kvm-intel"

kmake() {
	make -C "$WT" O="$D/obj-$1" -j"$(nproc)" CC="ccache gcc" \
		HOSTCC="ccache gcc" -s "${@:2}"
}

# locked CMD...: run CMD holding build/.build.lock (what flock(1) does),
# saying how long it waited for another build to finish.
locked() {
	local t0=$SECONDS rc=0

	exec 9>>"$LOCK"
	if ! flock -n 9; then
		# fd 3: the terminal, even when CMD's output goes to a log.
		info "waiting for ${LOCK#"$TOP"/}: another build is running" >&3
		flock 9
		info "got ${LOCK#"$TOP"/} after $((SECONDS - t0))s" >&3
	fi
	"$@" 3>&- 9>&- || rc=$?
	flock -u 9
	exec 9>&-
	return $rc
}

# known SYMBOL: does the checked-out tree's Kconfig define it?
known() {
	git -C "$WT" grep -q -E "^[[:space:]]*(menu)?config $1\$" -- '*Kconfig*'
}

worktree() {
	if [ ! -e "$WT/.git" ]; then
		rm -rf "$WT"
		tree_git worktree prune
		tree_git worktree add -q --detach "$WT" "$1" || die "worktree add"
	fi
	git -C "$WT" checkout -q --detach "$1" || die "checkout $1"
}

# configure NAME on|off|base: Debian's config, minus signing keys and debug
# info, plus or minus the series' options.
configure() {
	local name=$1 mode=$2 o=$D/obj-$1 opt sc

	mkdir -p "$o"
	info "Debian's config: $CONFIG_PKG $(cat "$DEBS/$BASE_VERSION/config-version" 2>/dev/null || echo "$BASE_VERSION")"
	xz -dc "$DEBCONFIG" > "$o/debian.config.new"
	sc=("$WT/scripts/config" --file "$o/debian.config.new")
	"${sc[@]}" --set-str SYSTEM_TRUSTED_KEYS "" \
		--set-str SYSTEM_REVOCATION_KEYS "" \
		--disable DEBUG_INFO --disable DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT \
		--enable DEBUG_INFO_NONE --disable DEBUG_INFO_BTF \
		--disable DEBUG_INFO_BTF_MODULES --disable KVM_WERROR
	for opt in $OPTIONS; do
		case $mode in
		on) known "$opt" && "${sc[@]}" --enable "$opt" ;;
		off) "${sc[@]}" --disable "$opt" ;;
		esac
	done
	# Every time: the tree's Kconfig may have changed since the last run.
	mv "$o/debian.config.new" "$o/.config"
	kmake "$name" olddefconfig || die "$name: olddefconfig"
	for opt in $OPTIONS; do
		if [ "$mode" = on ] && known "$opt"; then
			grep -q "^CONFIG_$opt=y" "$o/.config" ||
				die "CONFIG_$opt=y did not survive olddefconfig"
			info "CONFIG_$opt=y"
		elif [ "$mode" = on ]; then
			info "CONFIG_$opt: not in this tree's Kconfig, skipped"
		fi
		if [ "$mode" = off ] && grep -q "^CONFIG_$opt=" "$o/.config"; then
			die "CONFIG_$opt is still set"
		fi
	done
}

# build NAME: the KVM modules from scratch (so that every warning is printed
# again; ccache replays gcc's), W=1 and sparse on every file.
build() {
	local o=$D/obj-$1 log=$D/logs/$1.log rc=0 m

	locked kmake "$1" modules_prepare || die "$1: modules_prepare"
	rm -rf "$o/arch/x86/kvm" "$o/virt/kvm"
	locked kmake "$1" W=1 C=2 arch/x86/kvm/ > "$log" 2>&1 || rc=$?
	if [ "$rc" != 0 ]; then
		grep -E 'error|Error' "$log" | head -20
		die "$1: the KVM modules do not build (log: $log)"
	fi
	# "file: severity: message": no line numbers, paths from the top.
	grep -E '^[^ ]+:[0-9]+(:[0-9]+)?: (warning|error): ' "$log" |
		awk -v wt="$WT/" '{
			i = index($0, ": "); loc = substr($0, 1, i - 1)
			if (index(loc, wt) == 1)
				loc = substr(loc, length(wt) + 1)
			sub(/:[0-9]+(:[0-9]+)?$/, "", loc)
			while (sub(/[^\/.][^\/]*\/\.\.\//, "", loc))
				;
			print loc substr($0, i)
		}' | sort > "$D/logs/$1.warnings"
	for m in $MODULES; do
		[ -f "$o/arch/x86/kvm/$m.o" ] || die "$1: no $m.o"
		# Without compiler labels and numeric suffixes (x.constprop.0,
		# __UNIQUE_ID_foo123), which move when anything else changes.
		nm --defined-only "$o/arch/x86/kvm/$m.o" | awk '$3 !~ /^\.L/ {
			sub(/\.[0-9]+$/, "", $3)
			if ($3 ~ /^__UNIQUE_ID_/)
				sub(/[0-9]+$/, "", $3)
			print $3 }' | sort > "$D/logs/$1.$m.syms"
		size "$o/arch/x86/kvm/$m.o" | awk 'NR == 2 { print $4 }' \
			> "$D/logs/$1.$m.size"
	done
	unexported "$1"
	info "$(wc -l < "$D/logs/$1.warnings") warnings (W=1 + sparse), log: $log"
}

# new_warnings BASE NAME: warnings of NAME beyond those of BASE, counted.
# What modpost would refuse when linking the modules: kvm-amd.ko and
# kvm-intel.ko may use only the symbols that kvm.ko exports.
unexported() {
	local o=$D/obj-$1 m bad=""

	nm "$o/arch/x86/kvm/kvm.o" | awk '$3 ~ /^__export_symbol_/ {
		sub(/^__export_symbol_/, "", $3); print $3 }' | sort -u \
		> "$D/logs/$1.kvm.exports"
	for m in kvm-amd kvm-intel; do
		nm -u "$o/arch/x86/kvm/$m.o" | awk '{ print $2 }' | sort -u |
			comm -12 - "$D/logs/$1.kvm.syms" |
			comm -23 - "$D/logs/$1.kvm.exports" > "$D/logs/$1.$m.unexported"
		[ -s "$D/logs/$1.$m.unexported" ] &&
			bad="$bad $m.ko: $(tr '\n' ' ' < "$D/logs/$1.$m.unexported")"
	done
	[ -z "$bad" ] || die "$1: symbols of kvm.ko used but not exported:$bad"
	info "kvm-amd.ko and kvm-intel.ko use only what kvm.ko exports"
}

new_warnings() {
	awk 'NR == FNR { b[$0]++; next } { n[$0]++ }
	     END { for (k in n) if (n[k] > b[k]) printf "%5d  %s\n", n[k] - b[k], k }' \
		"$D/logs/$1.warnings" "$D/logs/$2.warnings" | sort -k2
}

# compare NAME: fail on new warnings; show warning counts per touched file.
compare() {
	local name=$1 new f b n

	new=$(new_warnings base "$name")
	echo "    $name: warnings per file the series touches (base -> $name):"
	for f in $touched; do
		b=$(grep -c "^$f: " "$D/logs/base.warnings" || true)
		n=$(grep -c "^$f: " "$D/logs/$name.warnings" || true)
		[ "$b$n" = 00 ] || printf '        %4d -> %4d  %s\n' "$b" "$n" "$f"
	done
	if [ -n "$new" ]; then
		echo "    $name: $(echo "$new" | awk '{ s += $1 } END { print s }') new warnings:"
		echo "$new" | sed 's/^/      /'
		return 1
	fi
	info "$name: no new warnings"
}

# sizes: text+data+bss of the modules; what "off" adds to the base.
sizes() {
	local m b on off added tp

	printf '    %-12s %10s %20s %20s\n' "text+data+bss" base on off
	for m in $MODULES; do
		b=$(cat "$D/logs/base.$m.size")
		on=$(cat "$D/logs/on.$m.size")
		off=$(cat "$D/logs/off.$m.size")
		printf '    %-12s %10d %10d (%+7d) %10d (%+7d)\n' "$m.o" "$b" \
			"$on" $((on - b)) "$off" $((off - b))
	done
	for m in $MODULES; do
		added=$(comm -13 "$D/logs/base.$m.syms" "$D/logs/off.$m.syms")
		[ -n "$added" ] || continue
		tp=$(echo "$added" | grep -c -E 'kvm_mmu_audit|KVM_MMU_AUDIT|^symbols$' || true)
		echo "    note: with its options off the series adds $(echo "$added" |
			wc -l) symbols to $m.o; $tp of them are tracepoint"
		echo "          symbols (*kvm_mmu_audit*), the others are:"
		echo "$added" | grep -v -E 'kvm_mmu_audit|KVM_MMU_AUDIT|^symbols$' |
			grep -v '^__pfx_' | paste -s -d' ' | fold -s -w 66 |
			sed 's/^/          /'
	done
}

main() {
	local tag head rc=0

	exec 3>&1
	# make check has just assembled the tree; alone, assemble it as it does.
	[ -n "${TREE_READY:-}" ] || FORCE=1 "$TOP/scripts/tree.sh"
	fetch_debs "$BASE_VERSION"
	tag=$(base_tag)
	head=$(tree_git rev-parse HEAD)
	mkdir -p "$D/logs"

	step "worktree at the base" worktree "$tag"
	step "configure base (Debian amd64)" configure base base
	step "build base KVM modules (W=1, sparse)" build base

	step "worktree at the series" worktree "$head"
	touched=$(git -C "$WT" diff --name-only "$tag" "$head" | grep -E '\.[ch]$' || true)
	step "configure on (Debian amd64 + series options)" configure on on
	step "build on (W=1, sparse)" build on
	step "configure off (Debian amd64, series options off)" configure off off
	step "build off (W=1, sparse)" build off

	compare on || rc=1
	compare off || rc=1
	sizes
	[ "$rc" = 0 ] || die "distro check failed"
	info "distro check passed"
}

main "$@"
