#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kvmi_fuzz_test in both paging modes: with 2 vCPUs under shadow paging,
# with 1 under NPT, where long 2-vCPU guests run into the test machine's
# nested NPT issue (README, "Known test-environment issue").
#
#   kvmi-fuzz.sh x86_64/kvmi_fuzz_test [ARGS...]

test=$1
shift
npt=$(cat /sys/module/kvm_amd/parameters/npt 2>/dev/null)
case $npt in
Y|1)
	echo "kvmi-fuzz.sh: NPT, 1 vCPU (see README)"
	exec "$test" -v 1 "$@"
	;;
esac
exec "$test" "$@"
