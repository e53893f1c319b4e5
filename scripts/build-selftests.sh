#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the KVM selftests statically against the tree's UAPI headers.

. "$(dirname "$0")/lib.sh"

OBJ=${KOBJ:-$OBJ}
OUT=$OBJ/kselftest/kvm

[ -d "$OBJ/usr/include" ] || die "no UAPI headers in $OBJ/usr; run scripts/build-kernel.sh"
mkdir -p "$OUT"
step "build KVM selftests (static)" \
	make -s -C "$TREE/tools/testing/selftests/kvm" -j"$(nproc)" \
	OUTPUT="$OUT" KHDR_INCLUDES="-isystem $OBJ/usr/include" \
	CC="ccache gcc" EXTRA_CFLAGS=-static LDFLAGS=-static
info "selftests: $OUT"
