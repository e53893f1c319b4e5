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

# download DIR PKG=VERSION: apt-get download into DIR; old package lists
# may not know VERSION yet, so update them (root) and try once more.
download() {
	(cd "$1" && apt-get download -q=2 "$2") 2>"$1/err" && return 0
	[ "$(id -u)" = 0 ] && apt-get update -qq
	(cd "$1" && apt-get download -q=2 "$2") 2>"$1/err" && return 0
	grep -v unsandboxed "$1/err" >&2
	return 1
}

# fetch_debs VERSION: linux-source-6.12 of exactly VERSION, and Debian's
# kernel configs (linux-config-6.12) of VERSION or, when Debian serves only
# a newer one (it keeps one), of that, unpacked into build/debs/VERSION.
# `apt-get download` installs nothing: an installed linux-source-6.12 of
# another version stays as it is.
fetch_debs() {
	local v=$1 d=$DEBS/$1 cv

	[ -f "$d/.done" ] && return 0
	rm -rf "$d" && mkdir -p "$d/deb"
	info "apt-get download $BASE_PKG=$v"
	download "$d/deb" "$BASE_PKG=$v" ||
		die "Debian serves no $BASE_PKG=$v (see 'apt-cache madison $BASE_PKG'); move the series with 'make rebase VERSION=...'"
	cv=$v
	if ! download "$d/deb" "$CONFIG_PKG=$v" 2>/dev/null; then
		cv=$(apt-cache policy "$CONFIG_PKG" | awk '$1 == "Candidate:" { print $2 }')
		info "Debian serves no $CONFIG_PKG=$v any more; using $cv"
		download "$d/deb" "$CONFIG_PKG=$cv" || die "cannot download $CONFIG_PKG"
	fi
	echo "$cv" > "$d/config-version"
	dpkg-deb -x "$d"/deb/"$BASE_PKG"_*.deb "$d"
	dpkg-deb -x "$d"/deb/"$CONFIG_PKG"_*.deb "$d"
	rm -rf "$d/deb"
	touch "$d/.done"
}

# Git tag names cannot hold '~' or ':'.
base_tag() { echo "debian/$(base_version | tr '~:' '_%')"; }

tree_git() { git -C "$TREE" "$@"; }

series_patches() {
	[ -f "$PATCHES/series" ] || return 0
	grep -v -e '^#' -e '^[[:space:]]*$' "$PATCHES/series" || true
}
