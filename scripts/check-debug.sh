#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check-debug: build the test kernel once more with the kernel's own
# debugging tools (config/debug.config) and run config/debug.list on it in
# both paging modes with the MMU audit on.  A KASAN, lockdep, UBSAN,
# list/object-debugging or kmemleak report fails the run, as any other
# splat does (scripts/boot-test.sh).  Reuses the selftests of the main
# build; scripts/check.sh runs it last.

. "$(dirname "$0")/lib.sh"

DOBJ=$BUILD/obj-debug
FRAGMENTS="config/kvm.config config/debug.config" KOBJ=$DOBJ \
	step "debug kernel (KASAN, lockdep, UBSAN, kmemleak)" \
	"$TOP/scripts/build-kernel.sh"
[ -x "$OBJ/kselftest/kvm/x86_64/kvmi_test" ] ||
	step "selftests" "$TOP/scripts/build-selftests.sh"
SELFTESTS=$OBJ/kselftest/kvm KOBJ=$DOBJ "$TOP/scripts/boot-test.sh" \
	-l "$TOP/config/debug.list" -j 2 -m "0:kvm.mmu_audit=1 1:kvm.mmu_audit=1"
