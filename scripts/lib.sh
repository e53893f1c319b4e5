# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the harness scripts; source it, do not run it.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
TREE=$BUILD/linux
OBJ=$BUILD/obj
PATCHES=$TOP/patches
BASE_PKG=linux-source-6.12
CONFIG_PKG=linux-config-6.12
# The Debian version the series is exported against: patches/base pins it.
BASE_PIN=$PATCHES/base
BASE_VERSION=${BASE_VERSION:-$(sed -n 's/^linux-source-6.12 //p' "$BASE_PIN" 2>/dev/null)}
# Debian packages fetched by version (never installed), shared by build/
# and build/check.
DEBS=$TOP/build/debs
TARBALL=$DEBS/$BASE_VERSION/usr/src/linux-source-6.12.tar.xz

# Fixed identity for the baseline commit, so its id is the same everywhere.
BASE_IDENT_NAME="Debian linux-source-6.12"
BASE_IDENT_EMAIL="debian-kernel@lists.debian.org"
BASE_IDENT_DATE="2000-01-01T00:00:00+0000"

# Flags that make `git format-patch` output byte-stable.
FORMAT_PATCH_FLAGS=(--no-signature --zero-commit --no-renames -N
		    --filename-max-length=64)
GIT_STABLE=(-c core.abbrev=12 -c diff.algorithm=myers -c diff.noprefix=false
	    -c diff.mnemonicPrefix=false -c diff.relative=false
	    -c format.signature= -c format.coverLetter=false)

# build/obj and build/check/obj sit at the same depth from their trees, so
# with relative paths they share ccache hits.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$TOP}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}

die() { echo "error: $*" >&2; exit 1; }
info() { echo "    $*"; }

# step NAME CMD...: run CMD with a banner and its duration.
step() {
	local name=$1 t0=$SECONDS rc=0
	shift
	echo "==> $name"
	"$@" || rc=$?
	if [ "$rc" = 0 ]; then
		echo "<== $name: $((SECONDS - t0))s"
	else
		echo "<== $name: FAILED (rc=$rc) after $((SECONDS - t0))s"
	fi
	return "$rc"
}

# apt_need PKG...: install missing Debian packages (root only).
apt_need() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" != 0 ]; then
		die "missing packages; run: apt-get install ${missing[*]}"
	fi
	echo "    apt-get install ${missing[*]}"
	if [ ! -e "$BUILD/.apt-updated" ]; then
		apt-get update -qq
		mkdir -p "$BUILD" && touch "$BUILD/.apt-updated"
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null
}

base_version() {
	[ -n "$BASE_VERSION" ] || die "no version in ${BASE_PIN#"$TOP"/}"
	echo "$BASE_VERSION"
}

# fetch_debs VERSION: linux-source-6.12 and linux-config-6.12 of exactly
# VERSION, unpacked into build/debs/VERSION.  `apt-get download` installs
# nothing: an installed linux-source-6.12 of another version stays as it is.
fetch_debs() {
	local v=$1 d=$DEBS/$1 p

	[ -f "$d/.done" ] && return 0
	rm -rf "$d" && mkdir -p "$d/deb"
	for p in "$BASE_PKG" "$CONFIG_PKG"; do
		info "apt-get download $p=$v"
		if ! (cd "$d/deb" && apt-get download -q=2 "$p=$v") 2>"$d/err"; then
			# Old package lists may not know VERSION yet.
			[ "$(id -u)" = 0 ] && apt-get update -qq
			(cd "$d/deb" && apt-get download -q=2 "$p=$v") 2>"$d/err" || {
				grep -v unsandboxed "$d/err" >&2
				die "Debian serves no $p=$v (see 'apt-cache madison $p'); move the series with 'make rebase VERSION=...'"
			}
		fi
		dpkg-deb -x "$d"/deb/"$p"_*.deb "$d"
		rm -f "$d"/deb/"$p"_*.deb
	done
	touch "$d/.done"
}

# Git tag names cannot hold '~' or ':'.
base_tag() { echo "debian/$(base_version | tr '~:' '_%')"; }

tree_git() { git -C "$TREE" "$@"; }

series_patches() {
	[ -f "$PATCHES/series" ] || return 0
	grep -v -e '^#' -e '^[[:space:]]*$' "$PATCHES/series" || true
}
