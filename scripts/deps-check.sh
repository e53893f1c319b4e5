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

bad=0 seen=" "
for f in "${FILES[@]}"; do
	while read -r line w; do
		[[ $seen == *" $w "* ]] && continue
		[[ $funcs == *" $w "* ]] && continue
		case $(type -t "$w" 2>/dev/null) in
		builtin|keyword) continue ;;
		esac
		path=$(type -P "$w" || true)
		[ -n "$path" ] || continue
		seen+="$w "
		pkg=
		for p in "$path" "${path#/usr}" "/usr$path" "$(readlink -f "$path")"; do
			pkg=$(dpkg -S "$p" 2>/dev/null | head -1) && break
		done
		pkg=${pkg%%:*}
		if [ -z "$pkg" ]; then
			echo "    ${f#"$TOP"/}:$line: '$w' ($path) belongs to no Debian package"
			bad=$((bad + 1))
		elif [ "$(dpkg-query -W -f='${Priority}' "$pkg")" = required ]; then
			continue
		elif [[ " ${listed[*]} " != *" $pkg "* ]]; then
			echo "    ${f#"$TOP"/}:$line: '$w' is in package $pkg, not in config/packages.list"
			bad=$((bad + 1))
		fi
	done < <(words "$f")
done
info "programs called: $(echo "$seen" | wc -w), $bad not covered"
[ "$bad" = 0 ]
