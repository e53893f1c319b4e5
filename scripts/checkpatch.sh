#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch every patch of the series: zero errors and warnings at the
# default level, and zero --strict CHECKs except those listed, with a
# reason, in config/checkpatch-strict.allow.  Every CHECK is printed per
# patch; allow-list lines that match nothing any more are pointed out.
#
# FILE_PATH_CHANGES is ignored: it fires on every new file whose patch does
# not also edit MAINTAINERS; scripts/maintainers.sh checks that the series'
# MAINTAINERS entries cover them.

. "$(dirname "$0")/lib.sh"

ALLOW=$TOP/config/checkpatch-strict.allow
CP=("$TREE/scripts/checkpatch.pl" --quiet --no-summary
    --ignore FILE_PATH_CHANGES --max-line-length=100)
[ -x "${CP[0]}" ] || die "no work tree at $TREE; run 'make tree'"
# checkpatch runs scripts/spdxcheck.py with python3: use Debian's, which
# has the modules it needs (python3-ply, python3-git).
export PATH=/usr/bin:$PATH

# strict: from checkpatch's --strict output on stdin, one line per CHECK,
# "allowed:N" (N: the matching line of the allow-list) or "FAIL", then
# "TYPE FILE:LINE: message".
strict() {
	awk -v allow="$ALLOW" '
	function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
	BEGIN {
		while ((getline l < allow) > 0) {
			ln++
			if (l ~ /^[ \t]*(#|$)/)
				continue
			if (split(l, f, "|") != 4 || trim(f[4]) == "") {
				print "FAIL ALLOW_LIST " allow ":" ln ": needs TYPE | FILE | text | why"
				continue
			}
			n++; t[n] = trim(f[1]); p[n] = trim(f[2]); x[n] = trim(f[3]); at[n] = ln
		}
		RS = ""; FS = "\n"
	}
	$1 ~ /^CHECK:/ {
		split($1, h, ":"); type = h[2]; msg = trim(substr($1, length(h[1] h[2]) + 3))
		loc = $2; sub(/^#[0-9]+: FILE: /, "", loc); sub(/:$/, "", loc)
		file = loc; sub(/:.*/, "", file)
		code = ""; for (i = 3; i <= NF; i++) code = code "\n" $i
		res = "FAIL"
		for (i = 1; i <= n; i++)
			if (t[i] == type && p[i] == file && (x[i] == "*" || index(code, x[i]))) {
				res = "allowed:" at[i]; break
			}
		print res " " type " " loc ": " msg
	}'
}

# One run per patch, all CPUs busy (checkpatch is single-threaded):
# --strict only adds CHECKs to what the default level reports, so its
# ERRORs and WARNINGs are the default run's.
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
export OUT
series_patches | (cd "$TREE" && xargs -d '\n' -P "$(nproc)" -I{} \
	bash -c '"$@" --strict --show-types "$0" > "$OUT/${0##*/}" 2>&1
		 echo $? > "$OUT/${0##*/}.rc"' "$PATCHES/{}" "${CP[@]}")

bad=0 n=0 checks=0 unallowed=0 used=
while read -r p; do
	n=$((n + 1))
	# 1: it found something, which is read below; more: it crashed.
	[ "$(cat "$OUT/$p.rc" 2>/dev/null)" -le 1 ] 2>/dev/null ||
		die "checkpatch did not complete on $p"
	out=$(cat "$OUT/$p")
	errs=$(echo "$out" | awk 'BEGIN { RS = "" } !/^CHECK:/ { print; print "" }')
	if [ -n "$errs" ]; then
		echo "    FAIL $p"
		echo "$errs" | sed 's/^/        /'
		bad=$((bad + 1))
	fi
	s=$(echo "$out" | strict)
	[ -n "$s" ] || continue
	c=$(echo "$s" | wc -l)
	f=$(echo "$s" | grep -c '^FAIL' || true)
	echo "    $p: $c --strict CHECKs, $f not allowed"
	echo "$s" | sed -e 's/^allowed:[0-9]*/allowed/' -e 's/^/        /'
	used+=" $(echo "$s" | sed -n 's/^allowed:\([0-9]*\) .*/\1/p' | tr '\n' ' ')"
	checks=$((checks + c))
	unallowed=$((unallowed + f))
done < <(series_patches)

# Allow-list lines that no longer match anything should go.
grep -n -v -E '^[[:space:]]*(#|$)' "$ALLOW" | cut -d: -f1 | while read -r l; do
	[[ " $used " == *" $l "* ]] ||
		echo "    note: ${ALLOW#"$TOP"/}:$l matches no CHECK any more; remove it"
done
echo "    checkpatch: $n patches, $bad with errors or warnings;" \
	"$checks --strict CHECKs, $unallowed not in ${ALLOW#"$TOP"/}"
[ "$bad" = 0 ] && [ "$unallowed" = 0 ]
