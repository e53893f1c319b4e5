#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/get_maintainer.pl on the series: print whom the patches go to,
# and fail if a file the series adds is not covered by a MAINTAINERS
# section that the series itself adds ("our" entries).

. "$(dirname "$0")/lib.sh"

GM=("$TREE/scripts/get_maintainer.pl" --no-git --no-git-fallback)
[ -x "${GM[0]}" ] || die "no work tree at $TREE; run 'make tree'"

tag=$(base_tag)
# Section titles are the MAINTAINERS lines that are not "X:<tab>..." fields.
ours=$(tree_git diff -U0 "$tag" HEAD -- MAINTAINERS |
	sed -n 's/^+\([^+].*\)$/\1/p' | grep -v -E '^[A-Z]:[[:space:]]' || true)
[ -n "$ours" ] || info "the series adds no MAINTAINERS section"

# Half of the patches per CPU, then the union of the lists.
info "get_maintainer.pl on the series:"
n=$(series_patches | wc -l)
series_patches | sed "s|^|$PATCHES/|" |
	(cd "$TREE" && xargs -n $(((n + 1) / 2)) -P 2 "${GM[@]}") |
	sort -u | sed 's/^/        /'

bad=0
while read -r f; do
	[ -n "$f" ] || continue
	s=
	[ -z "$ours" ] || s=$(cd "$TREE" && "${GM[@]}" --sections -f "$f" |
		grep -F -x "$ours" | paste -s -d, || true)
	if [ -n "$s" ]; then
		info "$f: $s"
	else
		info "FAIL $f: in none of the series' MAINTAINERS sections"
		bad=$((bad + 1))
	fi
done < <(tree_git diff --name-only --diff-filter=A "$tag" HEAD)
[ "$bad" = 0 ] || die "$bad new files without a MAINTAINERS entry of the series"
