#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configure (tinyconfig + fragments) and build bzImage out of tree in
# build/obj through ccache, then install the UAPI headers for selftests.
#
#   FRAGMENTS="config/kvm.config config/debug.config" scripts/build-kernel.sh

. "$(dirname "$0")/lib.sh"

FRAGMENTS=${FRAGMENTS:-config/kvm.config}
OBJ=${KOBJ:-$OBJ}
KMAKE=(make -C "$TREE" O="$OBJ" -j"$(nproc)" CC="ccache gcc" HOSTCC="ccache gcc")

# verify: every option the fragments ask for is in .config; when several
# fragments set an option, the last one wins, as in .config.
verify() {
	local f want name
	local -A final=() from=()

	for f in $FRAGMENTS; do
		while read -r want; do
			case "$want" in ''|'#'*) continue ;; esac
			name=${want%%=*}
			final[$name]=$want
			from[$name]=$f
		done < "$TOP/$f"
	done
	for name in "${!final[@]}"; do
		want=${final[$name]}
		if [[ $want == *=n ]]; then
			! grep -q "^$name=" "$OBJ/.config" && continue
		else
			grep -qx "$want" "$OBJ/.config" && continue
		fi
		echo "${from[$name]}: '$want' is not in .config"
		return 1
	done
}

configure() {
	local f

	"${KMAKE[@]}" -s tinyconfig
	for f in $FRAGMENTS; do
		cat "$TOP/$f" >> "$OBJ/.config"
	done
	# Fragments override tinyconfig on purpose: hide kconfig's notes on it.
	"${KMAKE[@]}" -s olddefconfig 2>&1 |
		{ grep -v 'override: reassigning to symbol' || true; }

	# Kconfig silently drops options whose dependencies are missing.
	verify || die "an option of $FRAGMENTS did not survive olddefconfig"
}

main() {
	local sum

	[ -e "$TREE/.git" ] || die "no work tree at $TREE; run 'make tree'"
	mkdir -p "$OBJ"
	sum=$(cd "$TOP" && cat $FRAGMENTS | sha1sum | cut -c1-40)
	# Reconfigure when the fragments changed, or when a build of an older
	# commit (which lacked one of their options) dropped it from .config.
	if [ ! -f "$OBJ/.config" ] ||
	   [ "$(cat "$OBJ/.fragments" 2>/dev/null)" != "$sum" ] ||
	   ! verify >/dev/null; then
		step "configure kernel ($FRAGMENTS)" configure
		echo "$sum" > "$OBJ/.fragments"
	fi
	step "build bzImage ($(nproc) jobs, ccache)" "${KMAKE[@]}" -s bzImage
	step "install UAPI headers" "${KMAKE[@]}" -s headers_install \
		INSTALL_HDR_PATH="$OBJ/usr"
	info "kernel: $OBJ/arch/x86/boot/bzImage"
}

main "$@"
