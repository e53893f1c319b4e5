#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install every package of config/packages.list that is missing (root),
# or name them (anyone else).  Both README commands run this first, so no
# later step finds a program missing halfway through.

. "$(dirname "$0")/lib.sh"

mapfile -t pkgs < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' \
	"$TOP/config/packages.list" | awk '{ print $1 }')
step "packages (${#pkgs[@]} in config/packages.list)" apt_need "${pkgs[@]}"
