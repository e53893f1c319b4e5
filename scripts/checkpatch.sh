#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch every patch of the series: zero errors and warnings at the
# default level; --strict findings are printed for reading.
#
# FILE_PATH_CHANGES is ignored: it fires on every new file whose patch does
# not also edit MAINTAINERS, and the series' MAINTAINERS entry covers them.

. "$(dirname "$0")/lib.sh"

CP=("$TREE/scripts/checkpatch.pl" --quiet --no-summary
    --ignore FILE_PATH_CHANGES --max-line-length=100)
[ -x "${CP[0]}" ] || die "no work tree at $TREE; run 'make tree'"
# checkpatch runs scripts/spdxcheck.py with python3: use Debian's, which
# has the modules it needs.
apt_need python3-ply python3-git
export PATH=/usr/bin:$PATH

bad=0 n=0 strict=0
while read -r p; do
	n=$((n + 1))
	if ! out=$(cd "$TREE" && "${CP[@]}" "$PATCHES/$p" 2>&1) || [ -n "$out" ]; then
		echo "    FAIL $p"
		echo "$out" | sed 's/^/        /'
		bad=$((bad + 1))
	fi
	s=$(cd "$TREE" && "${CP[@]}" --strict --terse "$PATCHES/$p" 2>&1 |
		grep -c -E '(CHECK|WARNING|ERROR):' || true)
	if [ "$s" != 0 ]; then
		echo "    note: $p: $s --strict findings:"
		{ (cd "$TREE" && "${CP[@]}" --strict --terse "$PATCHES/$p" 2>&1) |
			sed 's/^/        /' | head -20; } || true
		strict=$((strict + s))
	fi
done < <(series_patches)
echo "    checkpatch: $n patches, $bad with errors or warnings, $strict --strict findings"
[ "$bad" = 0 ]
