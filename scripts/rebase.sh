#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Move the series to another Debian base:
#
#   make rebase VERSION=6.12.NNN-1~deb12u1
#
# builds build/linux afresh on that linux-source-6.12, applies the series
# with `git am --3way`, and on success exports it against the new base
# (patches/base, index lines, base-commit) for you to review and commit.
# When a patch does not apply, the work tree is left in the middle of
# `git am` with the conflict: resolve it there, `git am --continue`, then
# `make export`.

. "$(dirname "$0")/lib.sh"

new=${1:-}
[ -n "$new" ] || die "usage: make rebase VERSION=<Debian version of $BASE_PKG>"
old=$(base_version)
if [ -d "$TREE/.git" ]; then
	[ -z "$(tree_git status --porcelain)" ] ||
		die "$TREE has uncommitted changes; commit and export them first"
	"$TOP/scripts/export.sh" --check-exported ||
		die "$TREE has work not exported to patches/; run 'make export' first"
fi

step "fetch $BASE_PKG $new" fetch_debs "$new"
# From here on every script sees the new version as the pin.
export BASE_VERSION=$new
FRESH=1 "$TOP/scripts/tree.sh" --base-only
tag=$(base_tag)
n=0
while read -r p; do
	if ! tree_git -c user.name=kvm-audit -c user.email=kvm@invalid \
		am -q --3way --committer-date-is-author-date "$PATCHES/$p"; then
		echo "    $p does not apply to $new: resolve it in $TREE,"
		echo "    'git am --continue' (then 'git am' the remaining patches"
		echo "    of patches/series), and 'BASE_VERSION=$new make export'."
		exit 1
	fi
	n=$((n + 1))
done < <(series_patches)
info "applied $n patches on $tag"
"$TOP/scripts/export.sh"
info "moved the series from $old to $new; now: make check, then commit patches/"
