#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Changelogs and kernel documentation are read by people who have never
# seen this repository: no line of a patch's changelog, and no line a patch
# adds under Documentation/, may name the harness (its make targets,
# scripts, README or "# BENCH" report lines).

. "$(dirname "$0")/lib.sh"

TARGETS='run|check|check-debug|bench|tree|export|status|bisect|style|distro-check|base-check|rebase|fresh-check|deps|kernel|selftests'
PATTERN="make ($TARGETS)([^a-z-]|$)|(^|[^a-z/.])scripts/[a-z-]+\\.sh|README|BENCH"

bad=0
while read -r p; do
	out=$(awk -v pat="$PATTERN" '
		/^diff --git / { body = 1; doc = ($3 ~ /^a\/Documentation\//); next }
		/^---$/ && !body { log_done = 1 }
		!body && !log_done && FNR > 4 && $0 ~ pat { print "changelog: " $0 }
		body && doc && /^\+/ && $0 ~ pat { print "Documentation: " $0 }
	' "$PATCHES/$p")
	if [ -n "$out" ]; then
		echo "    $p:"
		echo "$out" | sed 's/^/        /'
		bad=$((bad + 1))
	fi
done < <(series_patches)
info "$(series_patches | wc -l) patches, $bad naming the harness"
[ "$bad" = 0 ]
