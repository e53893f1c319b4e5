#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The proof that the README's two commands work on a new machine: make a
# minimal Debian 12 root (debootstrap --variant=minbase bookworm), give it
# this machine's apt sources (bookworm, -updates, -security), install what
# the README says to install first (git, make), clone the committed
# project into it, and run `make run`, then `make check` there, as root,
# with nothing from this machine: no packages, no ccache, no build/.
#
#   scripts/fresh-check.sh            (as root; about an hour on 2 cores)
#   KEEP=1 scripts/fresh-check.sh     keep build/fresh/root afterwards
#   CHECK_ONLY=1 scripts/fresh-check.sh   only `make check`, as CI runs it
#                                     on a new machine: the cold CI time
#
# Logs and timings: build/fresh/{run,check}.log, build/fresh/summary.

. "$(dirname "$0")/lib.sh"

F=$TOP/build/fresh
R=$F/root

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mounts)"
apt_need debootstrap git

# The first Debian mirror of this machine's apt sources (deb822 or
# one-line format).
mirror() {
	{
		cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
			awk '$1 == "URIs:" { print $2 }'
		cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
			awk '$1 == "deb" { print $2 }'
	} | grep -v -e security -e '^$' | head -1
}

umount_all() {
	local m
	for m in dev/pts dev sys proc; do
		mountpoint -q "$R/$m" && umount -l "$R/$m"
	done
	return 0
}

cleanup() {
	umount_all
	[ -n "${KEEP:-}" ] || rm -rf "$R"
}

root() {
	local m

	m=$(mirror)
	[ -n "$m" ] || die "no Debian mirror in this machine's apt sources"
	umount_all
	rm -rf "$R" && mkdir -p "$R"
	info "debootstrap --variant=minbase bookworm from $m"
	debootstrap --variant=minbase bookworm "$R" "$m" > "$F/debootstrap.log" 2>&1 ||
		{ tail -20 "$F/debootstrap.log"; die "debootstrap failed"; }
	# Debian 12 as installed: bookworm, bookworm-updates, bookworm-security.
	rm -f "$R/etc/apt/sources.list"
	cp -a /etc/apt/sources.list "$R/etc/apt/" 2>/dev/null || true
	cp -a /etc/apt/sources.list.d/. "$R/etc/apt/sources.list.d/"
	cp /etc/resolv.conf "$R/etc/resolv.conf"
	mount -t proc proc "$R/proc"
	mount -t sysfs sys "$R/sys"
	mount --bind /dev "$R/dev"
	mount --bind /dev/pts "$R/dev/pts"
	info "$(du -shx "$R" | cut -f1) root, $(chroot "$R" dpkg -l | grep -c '^ii') packages"
}

# inroot CMD: run CMD in the root, with a clean environment.
inroot() {
	chroot "$R" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		bash -c "$*"
}

prepare() {
	inroot "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git make >/dev/null"
	git clone -q --no-local "$TOP" "$R/root/project"
	info "project at $(git -C "$R/root/project" log -1 --format='%h %s')"
}

# timed NAME CMD: run the README command CMD in the root's clone.
timed() {
	local name=$1 t0=$SECONDS rc=0

	inroot "cd /root/project && $2" > "$F/$name.log" 2>&1 || rc=$?
	echo "$2: exit $rc after $((SECONDS - t0))s" | tee -a "$F/summary"
	tail -n 3 "$F/$name.log" | sed 's/^/        /'
	return $rc
}

main() {
	local rc=0

	mkdir -p "$F"
	: > "$F/summary"
	trap cleanup EXIT
	step "minimal Debian 12 root" root
	step "README prerequisites (git, make) and a clean clone" prepare
	[ -n "${CHECK_ONLY:-}" ] ||
		step "make run (fresh root)" timed run "make run" || rc=1
	step "make check (fresh root)" timed check "make check" || rc=1
	cat "$F/summary"
	return $rc
}

main "$@"
