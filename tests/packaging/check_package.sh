#!/usr/bin/env bash
# Packaging check for marginwatch (run by ctest, label "packaging").
#
#   check_package.sh --build-dir DIR --source-dir DIR --app-id ID --version X.Y.Z
#                    --homepage URL --icon-sizes "16;32;..." --cmake CMAKE --cpack CPACK
#                    --exe BUILT_EXECUTABLE [--exe ...]
#
# 1. validates the desktop entry (desktop-file-validate) and the configured AppStream
#    metainfo (appstreamcli validate --no-net --strict);
# 2. stages `cmake --install` into a temporary prefix and checks every installed file;
# 3. builds the .deb with `cpack -G DEB` into a temporary directory, checks its control fields
#    (Depends computed by dpkg-shlibdeps) and contents, extracts it with `dpkg-deb -x` (no root,
#    nothing installed on the system), validates the extracted tree with
#    `appstreamcli validate-tree`, and runs the extracted usr/bin/marginwatch --version against
#    the system Qt under QT_QPA_PLATFORM=offscreen.
# Set MARGINWATCH_KEEP_PKG_TMP=1 to keep the temporary directory for inspection.
set -euo pipefail

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}
step() { printf -- '-- %s\n' "$*"; }
indent() { sed 's/^/   /'; }

build='' src='' app_id='' version='' homepage='' icon_sizes='' cmake=cmake cpack=cpack
exes=()
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || fail "option $1 needs a value"
    case "$1" in
    --build-dir) build=$2 ;;
    --source-dir) src=$2 ;;
    --app-id) app_id=$2 ;;
    --version) version=$2 ;;
    --homepage) homepage=$2 ;;
    --icon-sizes) icon_sizes=$2 ;;
    --cmake) cmake=$2 ;;
    --cpack) cpack=$2 ;;
    --exe) exes+=("$2") ;;
    *) fail "unknown option $1" ;;
    esac
    shift 2
done
for v in build src app_id version homepage icon_sizes; do
    [ -n "${!v}" ] || fail "missing --${v//_/-}"
done
IFS=';' read -r -a sizes <<<"$icon_sizes"

# --- Tools -----------------------------------------------------------------------------------
need() { # need TOOL DEBIAN_PACKAGE
    command -v "$1" >/dev/null 2>&1 || fail "$1 not found: install the Debian package $2 (scripts/dev.sh does)"
}
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need timeout coreutils
need od coreutils
need gzip gzip

# --- The build must be complete: the package carries the built executables ---------------------
[ ${#exes[@]} -gt 0 ] || fail "no --exe given"
for exe in "${exes[@]}"; do
    [ -x "$exe" ] || fail "$exe is not built: build the project (cmake --build $build) before running ctest"
done
[ -f "$build/CPackConfig.cmake" ] || fail "$build/CPackConfig.cmake missing: packaging/CMakeLists.txt must include(CPack)"

work=$(mktemp -d "${TMPDIR:-/tmp}/marginwatch-pkg.XXXXXX")
cleanup() {
    if [ "${MARGINWATCH_KEEP_PKG_TMP:-0}" = 1 ]; then
        echo "kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

desktop_name="$app_id.desktop"
metainfo_name="$app_id.metainfo.xml"
version_re=${version//./\\.}

png_size() { # prints "WxH" of a PNG file from its IHDR chunk, or fails
    local sig
    sig=$(od -An -tx1 -N8 "$1" | tr -d ' \n')
    [ "$sig" = 89504e470d0a1a0a ] || fail "$1 is not a PNG file"
    local -a b
    read -r -a b <<<"$(od -An -tu1 -j16 -N8 "$1")"
    echo "$(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]))x$(((b[4] << 24) | (b[5] << 16) | (b[6] << 8) | b[7]))"
}

validate_desktop() { # any error, warning or hint fails
    local out
    out=$(desktop-file-validate "$1" 2>&1) || fail "desktop-file-validate rejected $1:"$'\n'"$out"
    [ -z "$out" ] || fail "desktop-file-validate reported issues in $1:"$'\n'"$out"
}

validate_metainfo() { # errors, warnings and infos fail (--strict); pedantic hints are allowed
    local out
    out=$(appstreamcli validate --no-net --strict --explain "$1" 2>&1) ||
        fail "appstreamcli validate rejected $1:"$'\n'"$out"
    indent <<<"$out"
}

desktop_key() { # desktop_key FILE KEY: value of KEY in the [Desktop Entry] group
    awk -F= -v k="$2" '/^\[/ { main = ($0 == "[Desktop Entry]") } main && $1 == k { sub(/^[^=]*=/, ""); print; exit }' "$1"
}

# Checks shared by the staged install and the extracted package. $1 is the prefix (…/usr).
check_tree() {
    local p=$1 what=$2
    for f in bin/marginwatch bin/marginwatch-sim; do
        [[ -f "$p/$f" && -x "$p/$f" ]] || fail "$what: $f missing or not executable"
    done
    local desktop="$p/share/applications/$desktop_name"
    local metainfo="$p/share/metainfo/$metainfo_name"
    [ -f "$desktop" ] || fail "$what: share/applications/$desktop_name missing"
    [ -f "$metainfo" ] || fail "$what: share/metainfo/$metainfo_name missing"
    validate_desktop "$desktop"

    local exec icon
    exec=$(desktop_key "$desktop" Exec)
    icon=$(desktop_key "$desktop" Icon)
    [ -x "$p/bin/${exec%% *}" ] || fail "$what: desktop Exec=$exec does not name an installed program"
    [ "$icon" = "$app_id" ] || fail "$what: desktop Icon=$icon, expected the app id $app_id"
    grep -q "<launchable type=\"desktop-id\">$desktop_name</launchable>" "$metainfo" ||
        fail "$what: metainfo launchable does not name $desktop_name"

    local svg="$p/share/icons/hicolor/scalable/apps/$app_id.svg"
    [ -s "$svg" ] || fail "$what: scalable icon $svg missing"
    grep -q '<svg' "$svg" || fail "$what: $svg is not an SVG file"
    local s png got
    for s in "${sizes[@]}"; do
        png="$p/share/icons/hicolor/${s}x${s}/apps/$app_id.png"
        [ -f "$png" ] || fail "$what: icon ${s}x${s}/apps/$app_id.png missing"
        got=$(png_size "$png")
        [ "$got" = "${s}x${s}" ] || fail "$what: $png is $got, expected ${s}x${s}"
    done

    local page man
    for page in marginwatch marginwatch-sim; do
        man="$p/share/man/man1/$page.1.gz"
        [ -f "$man" ] || man="$p/share/man/man1/$page.1"
        [ -f "$man" ] || fail "$what: man page share/man/man1/$page.1[.gz] missing"
        local text
        if [ "${man%.gz}" != "$man" ]; then
            text=$(gzip -dc "$man") || fail "$what: $man is not valid gzip"
        else
            text=$(cat "$man")
        fi
        grep -q "^\.TH ${page^^} 1 .*$version_re" <<<"$text" ||
            fail "$what: $page(1) has no .TH line carrying version $version"
        ! grep -qE '@[A-Z_]+@' <<<"$text" || fail "$what: unconfigured @VARIABLE@ left in $page(1)"
        if command -v groff >/dev/null 2>&1; then
            local warnings
            warnings=$(groff -man -ww -z <<<"$text" 2>&1) || fail "$what: groff failed on $page(1): $warnings"
            [ -z "$warnings" ] || fail "$what: groff warnings in $page(1):"$'\n'"$warnings"
        fi
    done
    local leftover
    leftover=$(grep -rlE '@[A-Z_]+@' "$p/share/metainfo" "$p/share/applications" || true)
    [ -z "$leftover" ] || fail "$what: unconfigured @VARIABLE@ left in: $leftover"
}

# --- 1. Source-level validation ------------------------------------------------------------
step "desktop-file-validate packaging/linux/$desktop_name"
validate_desktop "$src/packaging/linux/$desktop_name"

step "appstreamcli validate $metainfo_name (configured)"
configured="$build/packaging/$metainfo_name"
[ -f "$configured" ] || fail "$configured missing: reconfigure the build"
validate_metainfo "$configured"
grep -q "<release version=\"$version_re\" date=\"[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}\"" "$configured" ||
    fail "metainfo: no <release> for version $version with a date"
grep -q "<url type=\"homepage\">${homepage%/}/\?</url>" "$configured" ||
    fail "metainfo: homepage URL is not the project's HOMEPAGE_URL ($homepage)"
grep -q '<image>https://[^<]*/docs/screenshot-light\.png</image>' "$configured" ||
    fail "metainfo: no https screenshot URL to docs/screenshot-light.png"

# --- 2. Staged install ----------------------------------------------------------------------
step "cmake --install into a staging prefix"
"$cmake" --install "$build" --prefix "$work/stage" >"$work/install.log" 2>&1 ||
    fail "cmake --install failed:"$'\n'"$(cat "$work/install.log")"
check_tree "$work/stage" "staged install"

# --- 3. Debian package ----------------------------------------------------------------------
step "cpack -G DEB"
timeout 240 "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/cpack" >"$work/cpack.log" 2>&1 ||
    fail "cpack failed:"$'\n'"$(cat "$work/cpack.log")"
shopt -s nullglob
debs=("$work/cpack"/*.deb)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || fail "expected exactly one .deb in $work/cpack, found ${#debs[@]}"
deb=${debs[0]}
step "dpkg-deb --info $(basename "$deb")"
dpkg-deb --info "$deb" | indent

field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = marginwatch ] || fail "Package is '$(field Package)', expected marginwatch"
re="^${version_re}(-[0-9]+)?\$"
[[ "$(field Version)" =~ $re ]] || fail "Version is '$(field Version)', expected ${version}[-N]"
arch=$(dpkg --print-architecture)
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)', expected $arch"
depends=$(field Depends)
[ -n "$depends" ] || fail "Depends is empty: dpkg-shlibdeps did not run (CPACK_DEBIAN_PACKAGE_SHLIBDEPS)"
for dep in libc6 libstdc++6 libqt6core6 libqt6widgets6 libqt6svg6 libqt6sql6-sqlite; do
    re="[, ]${dep//+/\\+}[, ]"
    [[ ",$depends," =~ $re ]] || fail "Depends lacks $dep (computed Depends: $depends)." \
        "A real marginwatch links libstdc++ and Qt Widgets; is src/app still a placeholder main?"
done
re='\(>= [0-9]'
[[ "$depends" =~ $re ]] || fail "Depends carries no version constraints; not from dpkg-shlibdeps: $depends"
section=$(field Section)
[[ "$section" =~ ^(utils|net)$ ]] || fail "Section is '$section', expected utils or net"
re='^[^<]+ <[^@>]+@[^>]+>$'
[[ "$(field Maintainer)" =~ $re ]] || fail "Maintainer '$(field Maintainer)' is not 'Name <email>'"
[ "$(field Homepage)" = "${homepage%/}" ] || fail "Homepage is '$(field Homepage)', expected $homepage"
description=$(field Description)
[ "$(wc -l <<<"$description")" -ge 3 ] || fail "Description has no long description:"$'\n'"$description"

step "dpkg-deb --contents"
contents=$(dpkg-deb --contents "$deb")
for path in usr/bin/marginwatch usr/bin/marginwatch-sim \
    "usr/share/applications/$desktop_name" "usr/share/metainfo/$metainfo_name" \
    "usr/share/icons/hicolor/scalable/apps/$app_id.svg" "usr/share/man/man1/marginwatch.1.gz"; do
    grep -qE " \./$path\$" <<<"$contents" || fail "package lacks /$path"$'\n'"$contents"
done
for s in "${sizes[@]}"; do
    grep -qE " \./usr/share/icons/hicolor/${s}x${s}/apps/$app_id\.png\$" <<<"$contents" ||
        fail "package lacks the ${s}x${s} icon"
done
outside=$(awk '{ print $NF }' <<<"$contents" | grep -vE '^\./(usr(/.*)?)?/?$' || true)
[ -z "$outside" ] || fail "package installs outside /usr:"$'\n'"$outside"
badowner=$(awk '$2 != "root/root" { print }' <<<"$contents")
[ -z "$badowner" ] || fail "package files not owned by root/root:"$'\n'"$badowner"

step "dpkg-deb -x (temporary root, nothing installed on the system)"
root="$work/root"
dpkg-deb -x "$deb" "$root"
check_tree "$root/usr" "extracted package"
if command -v readelf >/dev/null 2>&1; then
    # A run path relative to $ORIGIN is harmless; an absolute one points into the build machine.
    for exe in "$root"/usr/bin/*; do
        rpath=$(readelf -d "$exe" | sed -n 's/.*R\(UN\)\{0,1\}PATH.*\[\(.*\)\]$/\2/p')
        absolute=$(tr ':' '\n' <<<"$rpath" | grep '^/' || true)
        [ -z "$absolute" ] || fail "packaged $(basename "$exe") carries an absolute run path: $rpath"
    done
fi

step "appstreamcli validate-tree (extracted package)"
out=$(appstreamcli validate-tree --no-net --strict --explain "$root" 2>&1) ||
    fail "appstreamcli validate-tree rejected the package tree:"$'\n'"$out"
indent <<<"$out"

step "extracted usr/bin/marginwatch --version (system Qt, offscreen)"
# A private HOME and XDG directories: the run must not read or write the user's settings.
mkdir -p "$work/home" "$work/runtime"
chmod 700 "$work/runtime"
set +e
out=$(cd "$work" && HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
    XDG_DATA_HOME="$work/home/.local/share" XDG_CACHE_HOME="$work/home/.cache" \
    XDG_RUNTIME_DIR="$work/runtime" QT_QPA_PLATFORM=offscreen \
    timeout 30 "$root/usr/bin/marginwatch" --version 2>"$work/version.err")
rc=$?
set -e
[ $rc -ne 124 ] || fail "marginwatch --version did not exit within 30 s"
[ $rc -eq 0 ] || fail "marginwatch --version exited with status $rc:"$'\n'"$out"$'\n'"$(cat "$work/version.err")"
grep -qE "(^|[^0-9.])${version_re}([^0-9.]|\$)" <<<"$out" ||
    fail "marginwatch --version did not print version $version on stdout; it printed: '$out'"$'\n'"stderr: $(cat "$work/version.err")"
indent <<<"$out"

echo "PASS: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB), Depends: $depends"
