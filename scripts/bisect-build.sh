#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the KVM objects (W=1, KVM_WERROR) at every commit of the series, so
# that it stays bisectable.  A commit that doesn't build fails the check
# and is named.  Runs in a worktree (build/.../bisect) with its own objects.

. "$(dirname "$0")/lib.sh"

FRAGMENTS=${FRAGMENTS:-config/kvm.config}
BB=$BUILD/bisect
WT=$BB/linux
BOBJ=$BB/obj
KMAKE=(make -C "$WT" O="$BOBJ" -j"$(nproc)" CC="ccache gcc" HOSTCC="ccache gcc")

tag=$(base_tag)
commits=$(tree_git rev-list --reverse "$tag..HEAD")
[ -n "$commits" ] || { info "no commits on the base"; exit 0; }

mkdir -p "$BB"
if [ ! -e "$WT/.git" ]; then
	rm -rf "$WT"
	tree_git worktree prune
	tree_git worktree add -q --detach "$WT" HEAD
fi

# The tip's full config; older commits drop the options they don't know.
git -C "$WT" checkout -q --detach "$(tree_git rev-parse HEAD)"
mkdir -p "$BOBJ"
"${KMAKE[@]}" -s tinyconfig
for f in $FRAGMENTS; do
	cat "$TOP/$f" >> "$BOBJ/.config"
done
"${KMAKE[@]}" -s olddefconfig 2>&1 | { grep -v 'override: reassigning' || true; }
cp "$BOBJ/.config" "$BB/full.config"

n=0
for c in $commits; do
	n=$((n + 1))
	subject=$(tree_git log -1 --format='%h %s' "$c")
	git -C "$WT" checkout -q --detach "$c"
	cp "$BB/full.config" "$BOBJ/.config"
	t0=$SECONDS
	if ! "${KMAKE[@]}" -s olddefconfig >/dev/null 2>&1 ||
	   ! "${KMAKE[@]}" -s W=1 arch/x86/kvm/ > "$BB/build.log" 2>&1; then
		tail -20 "$BB/build.log"
		die "patch $n does not build: $subject"
	fi
	if grep -q 'warning:' "$BB/build.log"; then
		grep 'warning:' "$BB/build.log" | head -10
		die "patch $n builds with warnings: $subject"
	fi
	# Commits touching the KVM selftests must leave them building too.
	if tree_git diff-tree --no-commit-id --name-only -r "$c" |
	   grep -q '^tools/testing/selftests/kvm/'; then
		if ! "${KMAKE[@]}" -s headers_install \
			INSTALL_HDR_PATH="$BOBJ/usr" > "$BB/build.log" 2>&1 ||
		   ! make -s -C "$WT/tools/testing/selftests/kvm" -j"$(nproc)" \
			OUTPUT="$BOBJ/kselftest/kvm" CC="ccache gcc" \
			KHDR_INCLUDES="-isystem $BOBJ/usr/include" \
			EXTRA_CFLAGS=-static LDFLAGS=-static >> "$BB/build.log" 2>&1; then
			tail -20 "$BB/build.log"
			die "patch $n: KVM selftests do not build: $subject"
		fi
	fi
		info "patch $n builds ($((SECONDS - t0))s): $subject"
done
