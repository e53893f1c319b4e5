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

# try VERSION: what make check does on the pin, on VERSION: the base +
# git am of the series (tree.sh: no fuzz, no 3-way, no warning), then the
# KVM objects with W=1 in the test configuration at the tip (bisect-build.sh).
try() {
	BUILD=$BC BASE_VERSION=$1 FORCE=1 "$TOP/scripts/tree.sh" || return 1
	info "the series applies to $1"
	BUILD=$BC BASE_VERSION=$1 MATRIX=full RANGE=HEAD~1..HEAD \
		"$TOP/scripts/bisect-build.sh" > "$BC/build.log" 2>&1 || {
		tail -20 "$BC/build.log"
		echo "    the series does not build cleanly on $1 (log: $BC/build.log)"
		return 1
	}
	info "the KVM objects build with W=1 on $1"
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
