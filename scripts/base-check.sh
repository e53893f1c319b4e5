#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Does the series still apply to, and build on, the newest linux-source-6.12
# that Debian serves?  patches/base pins the version the series is exported
# against; Debian moves on every few weeks.  When it has a newer version,
# extract it, `git am` the series (no fuzz, no 3-way) and build the KVM
# objects with W=1 in the test configuration.  A newer base that still
# applies and builds is a notice; one that does not fails, naming the
# patch and the hunk, and says how to move the series.

. "$(dirname "$0")/lib.sh"

BC=$TOP/build/base-check

newest_version() {
	apt-cache madison "$BASE_PKG" | awk '{ print $3 }' | {
		local best="" v
		while read -r v; do
			if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best"; then
				best=$v
			fi
		done
		echo "$best"
	}
}

# try VERSION: base tree of VERSION + git am; then the KVM objects, W=1.
try() {
	local v=$1 wt=$BC/linux o=$BC/obj p

	fetch_debs "$v"
	rm -rf "$wt" && mkdir -p "$wt"
	tar -C "$wt" --strip-components=1 -xf "$DEBS/$v/usr/src/linux-source-6.12.tar.xz"
	git -C "$wt" init -q
	git -C "$wt" add -A -f .
	git -C "$wt" -c user.name=base -c user.email=base@invalid \
		commit -q -m "Debian $v"
	while read -r p; do
		if ! git -C "$wt" -c user.name=b -c user.email=b@invalid \
			am -q --no-3way "$PATCHES/$p" > "$BC/am.log" 2>&1; then
			sed 's/^/        /' "$BC/am.log" | head -20
			echo "    $p does not apply to Debian $v"
			return 1
		fi
		if grep -q -e 'whitespace' -e 'trailing' "$BC/am.log"; then
			sed 's/^/        /' "$BC/am.log"
		fi
	done < <(series_patches)
	info "the series applies to $v"
	rm -rf "$o" && mkdir -p "$o"
	make -C "$wt" O="$o" -s tinyconfig
	cat "$TOP/config/kvm.config" >> "$o/.config"
	make -C "$wt" O="$o" -s olddefconfig >/dev/null 2>&1
	if ! make -C "$wt" O="$o" -s -j"$(nproc)" CC="ccache gcc" \
		HOSTCC="ccache gcc" W=1 arch/x86/kvm/ > "$BC/build.log" 2>&1 ||
	   grep -q 'warning:' "$BC/build.log"; then
		grep -E 'error|warning' "$BC/build.log" | head -20
		echo "    the series does not build cleanly on $v (log: $BC/build.log)"
		return 1
	fi
	info "the KVM objects build with W=1 on $v"
}

main() {
	local pin newest

	pin=$(base_version)
	# Package lists of an old day would hide a newer version.
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq || info "apt-get update failed; using the lists as they are"
	fi
	newest=$(newest_version)
	[ -n "$newest" ] || die "apt knows no $BASE_PKG; is bookworm-security in the apt sources?"
	if [ "$newest" = "$pin" ]; then
		echo "    base $pin pinned; Debian has $newest: the pin is current"
		return 0
	fi
	if dpkg --compare-versions "$newest" lt "$pin"; then
		echo "    base $pin pinned; Debian's newest is the older $newest (apt lists out of date?)"
		return 0
	fi
	mkdir -p "$BC"
	if [ -f "$BC/ok-$newest-$(cat "$PATCHES"/*.patch | sha1sum | cut -c1-12)" ]; then
		echo "    base $pin pinned; Debian has $newest: applies and builds (cached)"
		return 0
	fi
	if try "$newest"; then
		touch "$BC/ok-$newest-$(cat "$PATCHES"/*.patch | sha1sum | cut -c1-12)"
		echo "    base $pin pinned; Debian has $newest: applies and builds"
		echo "    (notice: move the series with 'make rebase VERSION=$newest')"
		return 0
	fi
	echo "    base $pin pinned; Debian has $newest: the series no longer fits it"
	echo "    next: make rebase VERSION=$newest (resolve the failing patch, make export)"
	return 1
}

main "$@"
