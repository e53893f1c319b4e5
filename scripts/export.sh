#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Export the work tree's branch back into patches/ (canonical form).
#
#   scripts/export.sh                   write patches/
#   scripts/export.sh --check-exported  exit 0 iff patches/ already matches
#   scripts/export.sh --to DIR          write the export into DIR

. "$(dirname "$0")/lib.sh"

# export_to DIR: format-patch the branch, plus series and cover letter.
export_to() {
	local dir=$1 tag base n
	tag=$(base_tag)
	base=$(tree_git rev-parse "$tag^{commit}")
	tree_git merge-base --is-ancestor "$base" HEAD ||
		die "HEAD of $TREE does not descend from $tag"

	mkdir -p "$dir"
	tree_git "${GIT_STABLE[@]}" format-patch -q "${FORMAT_PATCH_FLAGS[@]}" \
		--base="$base" -o "$dir" "$base..HEAD" >/dev/null
	(cd "$dir" && ls -1 [0-9][0-9][0-9][0-9]-*.patch 2>/dev/null |
		grep -v '^0000-cover-letter' || true) > "$dir/series.tmp"
	n=$(wc -l < "$dir/series.tmp")
	write_series "$base" < "$dir/series.tmp" > "$dir/series"
	rm "$dir/series.tmp"
	write_pin "$dir/base"
	write_cover "$dir/0000-cover-letter.patch" "$base" "$n"
}

# write_series BASE: the patch names on stdin, each topic of
# config/topics.list headed by a comment line before its first patch.
write_series() {
	paste - <(tree_git log --reverse --format=%s "$1..HEAD") |
	awk -F '\t' '
		NR == FNR { if ($0 !~ /^#/ && NF == 2) heading[$1] = $2; next }
		$2 in heading {
			if (FNR > 1)
				print ""
			print "# " heading[$2]
			delete heading[$2]
		}
		{ print $1 }
		END { for (s in heading) { print "no patch starts topic: " s > "/dev/stderr"; exit 1 } }
	' "$TOP/config/topics.list" -
}

write_pin() {
	{
		echo "# The Debian package and version the series is exported against:"
		echo "# make tree fetches exactly this one, make rebase VERSION=... moves it."
		echo "$BASE_PKG $(base_version)"
	} > "$1"
}

write_cover() {
	local out=$1 base=$2 n=$3
	{
		echo "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001"
		echo "From: $(tree_git log -1 --format='%an <%ae>' HEAD)"
		echo "Subject: [PATCH 0/$n] $(sed -n 1p "$TOP/scripts/cover-letter.txt")"
		echo
		sed 1,2d "$TOP/scripts/cover-letter.txt"
		echo
		echo "Base: Debian $BASE_PKG $(base_version), tag $(base_tag)."
		echo
		tree_git "${GIT_STABLE[@]}" shortlog "$base..HEAD"
		echo
		tree_git "${GIT_STABLE[@]}" diff --stat=72 --summary "$base..HEAD"
		echo
		echo "base-commit: $base"
	} > "$out"
}

main() {
	local rc=0

	[ -d "$TREE/.git" ] || die "no work tree at $TREE; run 'make tree'"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT

	case "${1:-}" in
	--check-exported)
		export_to "$tmp/p"
		diff -r -q -x '*.orig' "$tmp/p" "$PATCHES" >/dev/null || rc=1
		exit $rc
		;;
	--to)
		export_to "$2"
		exit 0
		;;
	esac

	if [ -n "$(tree_git status --porcelain)" ]; then
		tree_git status --short | head -20
		die "uncommitted changes in $TREE: commit (or --fixup and rebase) them first; nothing exported"
	fi
	export_to "$tmp/p"
	rm -f "$PATCHES"/*.patch "$PATCHES/series" "$PATCHES/base"
	mkdir -p "$PATCHES"
	cp "$tmp"/p/* "$PATCHES/"
	echo "exported $(series_patches | wc -l) patches to patches/"
	git -C "$TOP" status --short -- patches/ || true
}

main "$@"
