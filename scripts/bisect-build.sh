#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the KVM objects (W=1, KVM_WERROR) at every commit of the series in
# the "every" configurations of config/matrix.list; in the "topic" ones at
# the last commit of each topic and at commits that change the audit's
# calls (see matrix.list); and at the last commit in all of them.  A
# commit that doesn't build,
# or builds with a warning, fails the check and is named with its config.
# Commits that change nothing outside tools/ and Documentation/ leave the
# kernel objects as they were and are not rebuilt; commits touching the
# KVM selftests build those (full config).  Runs in a worktree
# (build/.../bisect) with one object directory per configuration.
#
#   MATRIX="full none" scripts/bisect-build.sh   only these configurations
#   RANGE=HEAD~2..HEAD scripts/bisect-build.sh    only these commits

. "$(dirname "$0")/lib.sh"

BB=$BUILD/bisect
WT=$BB/linux
MATRIX=${MATRIX:-$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' \
	"$TOP/config/matrix.list" | awk '{ print $1 }' | paste -s -d ' ')}

kmake() {
	make -C "$WT" O="$BB/obj-$1" -j"$(nproc)" CC="ccache gcc" \
		HOSTCC="ccache gcc" -s "${@:2}"
}

opts() { awk -v n="$1" '$1 == n { $1 = $2 = ""; print }' "$TOP/config/matrix.list"; }
when() { awk -v n="$1" '$1 == n { print $2 }' "$TOP/config/matrix.list"; }

# configure NAME: the tip's test config plus NAME's options, kept in
# BB/NAME.config; older commits drop the options they don't know.
configure() {
	local name=$1 o=$BB/obj-$1 opt

	mkdir -p "$o"
	kmake "$name" tinyconfig
	cat "$TOP/config/kvm.config" >> "$o/.config"
	for opt in $(opts "$name"); do
		[[ $opt == !* ]] && continue
		echo "CONFIG_$opt" | sed 's/=n$/ is not set/;s/^\(.*\) is not set/# \1 is not set/' \
			>> "$o/.config"
	done
	kmake "$name" olddefconfig 2>&1 | { grep -v 'override: reassigning' || true; }
	for opt in $(opts "$name"); do
		case $opt in
		!*) ! grep -q "^CONFIG_${opt#!}=" "$o/.config" ;;
		*=n) ! grep -q "^CONFIG_${opt%=n}=" "$o/.config" ;;
		*) grep -qx "CONFIG_$opt" "$o/.config" ;;
		esac || die "$name: '$opt' is not what olddefconfig made of it"
	done
	cp "$o/.config" "$BB/$name.config"
	rm -f "$o/.kconfig-sum"
}

# reconfig NAME SUM: re-apply NAME's config when the checked-out commit's
# Kconfig files (SUM) differ from its last build's (older commits drop the
# options they don't know).  Most commits don't touch Kconfig, and
# olddefconfig plus the syncconfig it causes cost more than compiling a
# changed file.
reconfig() {
	local name=$1 sum=$2 o=$BB/obj-$1

	[ "$(cat "$o/.kconfig-sum" 2>/dev/null)" = "$sum" ] && return
	rm -f "$o/.kconfig-sum"
	cp "$BB/$name.config" "$o/.config"
	kmake "$name" olddefconfig >/dev/null 2>&1 || return
	echo "$sum" > "$o/.kconfig-sum"
}

# build NAME...: the KVM objects of the checked-out commit, W=1, in each
# configuration, under one jobserver so that both CPUs stay busy while
# one configuration waits for its last object; no error, no warning.
build() {
	local name bad=0 sum

	sum=$(git -C "$WT" ls-files -s -- '*Kconfig*' | sha1sum)

	{
		echo ".PHONY: $*"
		for name; do
			# shellcheck disable=SC2016 # make's variables, not ours
			printf '%s:\n\t+@$(MAKE) -C %s O=%s/obj-%s CC="ccache gcc" HOSTCC="ccache gcc" W=1 arch/x86/kvm/ > %s/build-%s.log 2>&1; echo $$? > %s/build-%s.rc\n' \
				"$name" "$WT" "$BB" "$name" "$BB" "$name" "$BB" "$name"
		done
	} > "$BB/commit.mk"
	for name; do
		reconfig "$name" "$sum" || { echo "$name (olddefconfig)"; return 1; }
		echo 1 > "$BB/build-$name.rc"
	done
	make -s -j"$(nproc)" -f "$BB/commit.mk" "$@"
	for name; do
		if [ "$(cat "$BB/build-$name.rc")" != 0 ]; then
			echo "    $name:"
			tail -20 "$BB/build-$name.log"
		elif grep -q 'warning:' "$BB/build-$name.log"; then
			echo "    $name:"
			grep 'warning:' "$BB/build-$name.log" | head -10
		else
			continue
		fi
		bad="$bad $name"
	done
	[ "$bad" = 0 ] || { echo "${bad#0 }"; return 1; }
}

selftests() {
	local o=$BB/obj-full

	kmake full headers_install INSTALL_HDR_PATH="$o/usr" &&
	make -s -C "$WT/tools/testing/selftests/kvm" -j"$(nproc)" \
		OUTPUT="$o/kselftest/kvm" CC="ccache gcc" \
		KHDR_INCLUDES="-isystem $o/usr/include" \
		EXTRA_CFLAGS=-static LDFLAGS=-static
}

# topic_ends BASE: the parents of the commits that config/topics.list
# heads, i.e. the last commit of each topic but the last (the tip), and
# BASE itself.
topic_ends() {
	tree_git log --format='%P%x09%s' "$1..HEAD" |
		awk -F'\t' 'NR == FNR { if ($0 !~ /^#/) first[$1] = 1; next }
			    $2 in first { print $1 }' \
			<(cut -f1 "$TOP/config/topics.list") -
}

# wanted NAME COMMIT: whether configuration NAME builds at COMMIT.
wanted() {
	case $(when "$1") in
	every) true ;;
	topic) [ "$2" = "$tip" ] || grep -qx "$2" <<< "$ends" ||
	       tree_git show --format= -U0 "$2" -- . ':!tools' ':!Documentation' |
			grep '^[-+].*mmu_audit' > /dev/null ;;
	*) [ "$2" = "$tip" ] ;;
	esac
}

main() {
	local tag commits c n subject files name t0 built failed built_once=''

	tag=$(base_tag)
	commits=$(tree_git rev-list --reverse "${RANGE:-$tag..HEAD}")
	tip=$(tree_git rev-parse HEAD)
	ends=$(topic_ends "$tag")
	[ "$(wc -l <<< "$ends")" = "$(grep -vc '^#' "$TOP/config/topics.list")" ] ||
		die "a subject of config/topics.list heads no commit of the series"
	[ -n "$commits" ] || { info "no commits on the base"; exit 0; }
	mkdir -p "$BB"
	if [ ! -e "$WT/.git" ]; then
		rm -rf "$WT"
		tree_git worktree prune
		tree_git worktree add -q --detach "$WT" HEAD
	fi
	git -C "$WT" checkout -q --detach "$(tree_git rev-parse HEAD)"
	for name in $MATRIX; do
		step "configure $name:$(opts "$name")" configure "$name" ||
			die "configure $name"
	done

	for c in $commits; do
		n=$(tree_git rev-list --count "$tag..$c")
		subject=$(tree_git log -1 --format='%h %s' "$c")
		files=$(tree_git diff-tree --no-commit-id --name-only -r "$c")
		git -C "$WT" checkout -q --detach "$c"
		t0=$SECONDS
		built=
		# The tip and topic ends always: where "tip" and "topic"
		# configurations build.
		{ [ "$c" = "$tip" ] || grep -qx "$c" <<< "$ends"; } && built_once=
		# The first commit always: the objects must exist to start with.
		if [ -z "$built_once" ] || echo "$files" |
		   grep -q -v -e '^tools/' -e '^Documentation/' -e '^MAINTAINERS$'; then
			for name in $MATRIX; do
				wanted "$name" "$c" && built="$built $name"
			done
			# shellcheck disable=SC2086 # a list of names
			if [ -n "$built" ] && ! failed=$(build $built); then
				echo "$failed" | head -n -1
				die "patch $n does not build cleanly ($(echo "$failed" | tail -1)): $subject"
			fi
			built_once=1
		fi
		if echo "$files" | grep -q '^tools/testing/selftests/kvm/'; then
			selftests > "$BB/build-selftests.log" 2>&1 || {
				tail -20 "$BB/build-selftests.log"
				die "patch $n: KVM selftests do not build: $subject"
			}
			built="$built selftests"
		fi
		info "patch $n ($((SECONDS - t0))s, ${built:-no kernel or selftest change}): $subject"
	done
}

main "$@"
