#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Assemble the work tree: pristine Debian base commit + `git am` of the series.
#
#   scripts/tree.sh          reuse the extracted base, re-apply the series
#   FRESH=1 scripts/tree.sh  extract the base again from the tarball
#   FORCE=1 scripts/tree.sh  discard everything in the tree, then re-apply
#   scripts/tree.sh --base-only   stop at the base (scripts/rebase.sh)

. "$(dirname "$0")/lib.sh"

make_base() {
	local tag=$1 tmp=$BUILD/extract

	rm -rf "$TREE" "$tmp"
	mkdir -p "$tmp"
	info "extracting $TARBALL"
	tar -C "$tmp" -xf "$TARBALL"
	mv "$tmp"/linux-source-6.12 "$TREE"
	rmdir "$tmp"

	# Debian's .gitignore ends by ignoring everything at the top level,
	# which hides new files from `git status`; drop that block.
	sed -i '/^# Debian packaging: ignore everything at the top level/,$d' \
		"$TREE/.gitignore"
	sed -i '${/^#$/d}' "$TREE/.gitignore"

	tree_git init -q -b base
	tree_git add -A -f .
	GIT_AUTHOR_NAME=$BASE_IDENT_NAME GIT_AUTHOR_EMAIL=$BASE_IDENT_EMAIL \
	GIT_AUTHOR_DATE=$BASE_IDENT_DATE GIT_COMMITTER_NAME=$BASE_IDENT_NAME \
	GIT_COMMITTER_EMAIL=$BASE_IDENT_EMAIL \
	GIT_COMMITTER_DATE=$BASE_IDENT_DATE \
		tree_git -c commit.gpgsign=false commit -q --no-verify \
		-m "Linux $(base_version) (Debian $BASE_PKG)"
	tree_git tag "$tag"
}

apply_series() {
	local p n=0

	tree_git checkout -q -B work "$1"
	while read -r p; do
		[ -f "$PATCHES/$p" ] || die "patches/series names missing $p"
		# --no-3way: the series must apply exactly, with no fuzz.
		if ! tree_git -c user.name=kvm-audit -c user.email=kvm@invalid \
			am -q --no-3way --committer-date-is-author-date \
			"$PATCHES/$p" > "$BUILD/am.log" 2>&1; then
			cat "$BUILD/am.log"
			tree_git am --abort || true
			die "$p does not apply cleanly"
		fi
		# git am's whitespace warnings (e.g. a new blank line at EOF).
		if [ -s "$BUILD/am.log" ]; then
			cat "$BUILD/am.log"
			die "$p applies with warnings"
		fi
		n=$((n + 1))
	done < <(series_patches)
	info "applied $n patches on $1"
}

main() {
	local tag

	tag=$(base_tag)
	info "base: $BASE_PKG $(base_version), pinned in ${BASE_PIN#"$TOP"/} (tag $tag)"
	step "fetch $BASE_PKG $(base_version)" fetch_debs "$(base_version)"

	if [ -z "${FRESH:-}${FORCE:-}" ] && [ -d "$TREE/.git" ] &&
	   ! tree_git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
		die "$TREE is on another base than the pinned $tag; export its work, then FRESH=1 make tree"
	fi
	if [ -n "${FRESH:-}" ] || ! tree_git rev-parse -q --verify \
			"refs/tags/$tag" >/dev/null 2>&1; then
		step "extract base $(base_version)" make_base "$tag"
	elif [ -n "${FORCE:-}" ]; then
		# Throw-away trees (make check) go back to the pristine base.
		tree_git am --abort >/dev/null 2>&1 || true
		tree_git checkout -q -f "$tag"
		tree_git clean -q -f -d -x
	elif [ -n "$(tree_git status --porcelain)" ]; then
		die "$TREE has uncommitted changes; commit them and run 'make export', or FRESH=1"
	elif ! "$TOP/scripts/export.sh" --check-exported; then
		die "$TREE has commits not exported to patches/; run 'make export' first"
	fi
	info "baseline commit: $(tree_git rev-parse "$tag")"
	if [ "${1:-}" = --base-only ]; then
		tree_git checkout -q -B work "$tag"
		return 0
	fi
	step "git am the series" apply_series "$tag"
}

main "$@"
