#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every program the harness calls must come from config/packages.list or
# from a package of priority "required" (what debootstrap --variant=minbase
# installs).  Reads the host-side scripts (not scripts/guest/ or
# guest-init.sh, which run on the guest's busybox), takes the words in
# command position, and looks up the package of each one that is a program
# on PATH.  Run it after scripts/deps.sh.  A program that is installed
# nowhere here escapes it (words in command position that are no program
# are also awk code and messages); scripts/fresh-check.sh catches those.

. "$(dirname "$0")/lib.sh"

FILES=("$TOP/Makefile" "$TOP/.ci/run")
for f in "$TOP"/scripts/*.sh; do
	[ "$f" = "$TOP/scripts/guest-init.sh" ] || FILES+=("$f")
done
mapfile -t listed < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' \
	"$TOP/config/packages.list" | awk '{ print $1 }')
funcs=" $(cat "${FILES[@]}" | sed -n 's/^\([a-z_][a-z0-9_]*\)() {.*/\1/p' | tr '\n' ' ') "

# words FILE: "LINE WORD" for each word in command position.
words() {
	sed -e 's/^[[:space:]]*#.*//' -e 's/[[:space:]]#[[:space:]].*//' \
	    -e 's/^\t@//' -e 's/\bstep "[^"]*"//g' -e 's/CC="/; /g' \
	    -e 's/"\([^"$`]\|\$[^(]\)*"/""/g' "$1" | awk '{
		line = $0
		gsub(/\|\||&&|[|;`({!]|\$\(|=\(|\<(then|do|else|exec|locked|xargs|flock [0-9]+)\>/, "\n", line)
		n = split(line, seg, "\n")
		for (i = 1; i <= n; i++) {
			s = seg[i]
			sub(/^[[:space:]]+/, "", s)
			# Assignments and "timeout T" before the command.
			while (s ~ /^([A-Za-z_][A-Za-z0-9_]*=[^[:space:]]*|timeout [^[:space:]]+)[[:space:]]/)
				sub(/^(timeout )?[^[:space:]]+[[:space:]]+/, "", s)
			split(s, w, /[[:space:]]/)
			if (w[1] ~ /^[a-z][a-z0-9_.+-]*$/ && w[2] !~ /^[+-]?=/)
				print NR, w[1]
		}
	}'
}

# First the programs (one dpkg -S and one dpkg-query for all of them:
# each call reads dpkg's whole database).
declare -A seen where path
order=()
for f in "${FILES[@]}"; do
	while read -r line w; do
		[ -n "${seen[$w]:-}" ] && continue
		seen[$w]=1
		[[ $funcs == *" $w "* ]] && continue
		case $(type -t "$w" 2>/dev/null) in
		builtin|keyword) continue ;;
		esac
		p=$(type -P "$w" || true)
		[ -n "$p" ] || continue
		where[$w]="${f#"$TOP"/}:$line"
		path[$w]=$p
		order+=("$w")
	done < <(words "$f")
done

# Each program under its own path, without /usr, with it, and resolved.
declare -A owner
mapfile -t cands < <(for w in "${order[@]}"; do
	p=${path[$w]}
	printf '%s\n' "$p" "${p#/usr}" "/usr$p" "$(readlink -f "$p")"
done | sort -u)
while IFS= read -r l; do
	[[ $l == *": /"* ]] || continue
	pkg=${l%%: /*}
	for f in ${l#*: }; do
		owner[$f]=${owner[$f]:-${pkg%%[:,]*}}
	done
done < <(dpkg -S "${cands[@]}" 2>/dev/null || true)
declare -A prio
while read -r pkg pr; do
	prio[$pkg]=$pr
done < <(dpkg-query -W -f='${Package} ${Priority}\n' 2>/dev/null)

bad=0
for w in "${order[@]}"; do
	p=${path[$w]}
	pkg=
	for c in "$p" "${p#/usr}" "/usr$p" "$(readlink -f "$p")"; do
		pkg=${owner[$c]:-} && [ -n "$pkg" ] && break
	done
	if [ -z "$pkg" ]; then
		echo "    ${where[$w]}: '$w' ($p) belongs to no Debian package"
		bad=$((bad + 1))
	elif [ "${prio[$pkg]:-}" = required ]; then
		continue
	elif [[ " ${listed[*]} " != *" $pkg "* ]]; then
		echo "    ${where[$w]}: '$w' is in package $pkg, not in config/packages.list"
		bad=$((bad + 1))
	fi
done
info "programs called: ${#order[@]}, $bad not covered"
[ "$bad" = 0 ]
