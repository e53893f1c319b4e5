#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Pack busybox, the guest /init and the selftests named in a test list
# into a gzip'ed cpio initramfs.
#
#   scripts/mkinitramfs.sh LIST OUTPUT

. "$(dirname "$0")/lib.sh"

LIST=${1:?test list}
OUT=${2:?output file}
KOBJ=${KOBJ:-$OBJ}
ST=${SELFTESTS:-$KOBJ/kselftest/kvm}

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,dev,proc,sys,tmp,kselftest/kvm}
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$TOP/scripts/guest-init.sh" "$root/init"
cp "$LIST" "$root/tests.list"

# Copy each test binary the list's commands name (any word that is an
# existing selftest path), and those named by "# needs: ..." lines, for
# scripts that run selftests themselves.
{
	grep -v -e '^#' -e '^[[:space:]]*$' "$LIST"
	sed -n 's/^# needs:/- - /p' "$LIST"
} | while read -r name _ cmd; do
	found=""
	for w in $cmd; do
		[ -f "$ST/$w" ] || continue
		mkdir -p "$root/kselftest/kvm/$(dirname "$w")"
		cp "$ST/$w" "$root/kselftest/kvm/$w"
		found=1
	done
	# A test without its binary would only fail in the guest, as "exit=127".
	case $cmd in
	sh\ * | ./*) ;;
	*) [ -n "$found" ] || die "$name: no selftest in '$cmd' under $ST" ;;
	esac
done
if [ -d "$TOP/scripts/guest" ]; then
	cp -r "$TOP/scripts/guest/." "$root/kselftest/kvm/"
fi

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$OUT"
info "initramfs: $OUT ($(du -h "$OUT" | cut -f1))"
