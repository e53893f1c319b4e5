#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The project's test command (make check), on its own tree in build/check
# so that a developer's work tree is never touched:
#   packages, the pinned base against Debian's newest, pristine base +
#   git am, re-export must be a no-op, checkpatch (--strict) and
#   get_maintainer, KVM builds at every patch, the KVM modules on
#   Debian's config (distro-check), kernel + selftests build, QEMU
#   boot-and-test in both paging modes, then the same on a debug kernel
#   (check-debug: KASAN, lockdep, UBSAN, kmemleak).

export BUILD=${CHECK_BUILD:-$(cd "$(dirname "$0")/.." && pwd)/build/check}
. "$(dirname "$0")/lib.sh"

t0=$SECONDS
"$TOP/scripts/deps.sh"
step "every program the scripts call is in config/packages.list" \
	"$TOP/scripts/deps-check.sh"
step "newest Debian base (tracking)" "$TOP/scripts/base-check.sh"
FORCE=1 step "assemble tree (base + series)" "$TOP/scripts/tree.sh"
step "re-export round trip" "$TOP/scripts/check-roundtrip.sh"
step "checkpatch" "$TOP/scripts/checkpatch.sh"
step "changelogs and docs do not name the harness" "$TOP/scripts/harness-names.sh"
step "MAINTAINERS (get_maintainer.pl)" "$TOP/scripts/maintainers.sh"
step "every patch builds (W=1)" "$TOP/scripts/bisect-build.sh"
TREE_READY=1 step "Debian config: KVM modules, W=1 + sparse" \
	"$TOP/scripts/distro-check.sh"
step "kernel" "$TOP/scripts/build-kernel.sh"
step "selftests" "$TOP/scripts/build-selftests.sh"
rc=0
# Both paging modes with the MMU audit on (it must find nothing in any
# test), and shadow paging once more with it off, as users run it.
# Each boot runs on one host thread (QEMU_ACCEL), two at a time.
"$TOP/scripts/boot-test.sh" -j 2 \
	-m "${MODES:-0:kvm.mmu_audit=1 1:kvm.mmu_audit=1 0}" || rc=$?
# The third MMU: NPT without the TDP MMU, for the audit's own test.
"$TOP/scripts/boot-test.sh" -l "$TOP/config/direct-mmu.list" \
	-m "1:kvm.tdp_mmu=0,kvm.mmu_audit=1" || rc=$?
# KVM's VMware backdoor emulation, off by default, for kvmi_test.
"$TOP/scripts/boot-test.sh" -l "$TOP/config/vmware.list" -j 2 \
	-m "0:kvm.mmu_audit=1,kvm.enable_vmware_backdoor=1 1:kvm.mmu_audit=1,kvm.enable_vmware_backdoor=1" \
	|| rc=$?
"$TOP/scripts/check-debug.sh" || rc=$?
echo "check: $((SECONDS - t0))s in all"
exit $rc
