#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Ask kmemleak for the objects nobody references any more and fail if
# there are any.  Run last in a debug-kernel boot, after the tests.

f=/sys/kernel/debug/kmemleak
if [ ! -w $f ]; then
	echo "SKIP: kmemleak is not enabled in this kernel"
	exit 4
fi
# An object must stay unreferenced for 5 s and two scans to be reported.
echo scan > $f
sleep 6
echo scan > $f
if [ -s $f ]; then
	echo "kmemleak reports unreferenced objects:"
	head -80 $f
	exit 1
fi
echo "kmemleak: no unreferenced objects"
