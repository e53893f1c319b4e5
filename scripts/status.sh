#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Say where the work tree stands against patches/.

. "$(dirname "$0")/lib.sh"

[ -d "$TREE/.git" ] || { echo "no work tree; run 'make tree'"; exit 0; }
tag=$(base_tag)
echo "base:    $BASE_PKG $(base_version) ($tag)"
echo "branch:  $(tree_git rev-parse --abbrev-ref HEAD)," \
	"$(tree_git rev-list --count "$tag..HEAD") commits on the base," \
	"$(series_patches | wc -l) patches in patches/series"
if [ -n "$(tree_git status --porcelain)" ]; then
	echo "tree:    UNCOMMITTED changes:"
	tree_git status --short | head -20
else
	echo "tree:    clean"
fi
if "$TOP/scripts/export.sh" --check-exported; then
	echo "export:  patches/ matches the branch"
else
	echo "export:  branch has changes NOT exported; run 'make export'"
	exit 1
fi
