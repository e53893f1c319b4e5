#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Prove patches/ is canonical: `git am` the series onto a pristine base and
# export it again; patches/ must come out byte-identical.

. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$TOP/scripts/export.sh" --to "$tmp/p"
if ! diff -r -u "$PATCHES" "$tmp/p" > "$tmp/diff"; then
	head -40 "$tmp/diff"
	die "re-export differs from patches/: export with 'make export' and commit"
fi
info "re-export of $(series_patches | wc -l) patches is byte-identical"
