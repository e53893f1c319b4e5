# SPDX-License-Identifier: GPL-2.0
# Harness for the KVM x86 MMU audit / page tracking / KVMI patch series.
# See README.md. Everything is built under build/ (git-ignored).

S := scripts

.PHONY: help deps tree export status kernel selftests bisect style distro-check \
	run check test check-debug bench bench-icount bench-trace bench-hold base-check rebase fresh-check audit-bugs audit-wide clean

help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

## deps       install every package of config/packages.list (root)
deps:
	@$(S)/deps.sh

## tree       assemble build/linux: Debian base commit + git am patches/
tree: deps
	@$(S)/tree.sh

## export     write the build/linux branch back to patches/ (canonical)
export:
	@$(S)/export.sh

## status     does build/linux hold work not yet exported?
status:
	@$(S)/status.sh

## kernel     build the test bzImage (tinyconfig + config/kvm.config)
kernel: deps
	@$(S)/build-kernel.sh

## selftests  build the KVM selftests, static
selftests: deps
	@$(S)/build-selftests.sh

## bisect     build the KVM objects (W=1) at every commit of build/linux
bisect: deps
	@$(S)/bisect-build.sh

## style      checkpatch --strict per patch; MAINTAINERS covers new files
style: deps
	@[ -d build/linux/.git ] || $(S)/tree.sh
	@$(S)/checkpatch.sh
	@$(S)/harness-names.sh
	@$(S)/maintainers.sh

## distro-check  KVM modules on Debian's config, W=1 + sparse, vs the base
distro-check: deps
	@$(S)/distro-check.sh

## run        main job: assemble, build, boot under QEMU, run a KVM workload
run: deps
	@[ -d build/linux/.git ] || $(S)/tree.sh
	@$(S)/build-kernel.sh
	@$(S)/build-selftests.sh
	@$(S)/boot-test.sh -v -m 0 -a kvm.mmu_audit=1 -l config/run.list

## check      the test suite (what CI runs), on its own tree in build/check
check test:
	@$(S)/check.sh

## base-check does the series apply to and build on Debian's newest 6.12?
base-check: deps
	@$(S)/base-check.sh

## rebase     move the series to another Debian base: make rebase VERSION=...
rebase: deps
	@$(S)/rebase.sh $(VERSION)

## fresh-check  make run + make check in a new minimal Debian 12 root
fresh-check:
	@$(S)/fresh-check.sh

## check-debug  debug kernel (KASAN, lockdep, UBSAN, kmemleak): config/debug.list
check-debug: deps
	@[ -d build/linux/.git ] || $(S)/tree.sh
	@$(S)/check-debug.sh

## audit-bugs  re-introduce fixed upstream MMU bugs (audit-bugs/*.diff), boot each, show what the audit reports
audit-bugs: deps
	@$(S)/audit-bugs.sh

## audit-wide  every upstream x86 KVM selftest, base kernel vs the series with the audit sweeping at every point (~1 h)
audit-wide: deps
	@$(S)/audit-wide.sh

## bench      MMU audit cost (off vs no series, on, sweeps); KVMI event vs MMIO exit
bench: deps
	@[ -d build/linux/.git ] || $(S)/tree.sh
	@$(S)/bench.sh

## bench-icount  the cost goals again, counting instructions (QEMU -icount): repeatable to <1%
bench-icount: deps
	@[ -d build/linux/.git ] || $(S)/tree.sh
	@$(S)/bench.sh --icount

## bench-trace  the KVMI round trips step by step (vCPU, tool, kvmi-recv), in instructions
bench-trace: deps
	@[ -d build/linux/.git ] || $(S)/tree.sh
	@$(S)/bench.sh --trace

## bench-hold  the audit's mmu_lock holds at 512M and 2G per vCPU, in instructions (-icount)
bench-hold: deps
	@[ -d build/linux/.git ] || $(S)/tree.sh
	@$(S)/bench.sh --hold-icount

## clean      remove build/ (the work tree too: export first!)
clean:
	@$(S)/status.sh >/dev/null 2>&1 || \
		{ echo "build/linux has unexported work; run make export"; exit 1; }
	rm -rf build
