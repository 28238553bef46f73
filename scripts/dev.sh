#!/usr/bin/env bash
# marginwatch developer entry point (Debian 12).
#   scripts/dev.sh run  [app args...]  install build deps, build, launch the app (Demo mode by default)
#   scripts/dev.sh test [dev|asan|release]  install deps, build, run the whole test suite with ctest
#   scripts/dev.sh fuzz [SECONDS]      build the libFuzzer target (clang) and fuzz for SECONDS (default 60)
#   scripts/dev.sh tidy [FILE...]      clang-tidy (.clang-tidy) over every source file, or the given ones
# Idempotent: apt runs only when a package is missing; the build directory (build/<preset>) is reused.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev qt6-svg-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n qt6-qpa-plugins libqt6sql6-sqlite
    qtkeychain-qt6-dev libqt6opengl6-dev libssl-dev libsimdjson-dev libexpected-dev libgl-dev
    python3 openssl dpkg-dev file desktop-file-utils appstream fonts-dejavu-core clang-format
)

# Only for `fuzz`: clang and its runtime libraries (libFuzzer, ASan, UBSan).
FUZZ_PACKAGES=(clang libclang-rt-14-dev)
# Only for `tidy`.
TIDY_PACKAGES=(clang-tidy)

install_deps() {
    local missing=()
    for p in "${PACKAGES[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "Installing build dependencies: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
    local preset=$1
    [ -f "build/$preset/CMakeCache.txt" ] || cmake --preset "$preset"
    cmake --build --preset "$preset"
}

cmd=${1:-}
shift || true
case "$cmd" in
run)
    install_deps
    build dev
    exec build/dev/bin/marginwatch "$@"
    ;;
test)
    preset=${1:-dev}
    install_deps
    build "$preset"
    QT_QPA_PLATFORM=offscreen ctest --preset "$preset"
    ;;
fuzz)
    seconds=${1:-60}
    install_deps "${FUZZ_PACKAGES[@]}"
    build fuzz
    # Inputs found while fuzzing go to build/fuzz/corpus (seeded from tests/fuzz/corpus, which only
    # grows by hand: copy a crash input there and it becomes a test that every suite replays).
    mkdir -p build/fuzz/corpus build/fuzz/artifacts
    build/fuzz/bin/marginwatch-fuzz -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -dict=tests/fuzz/marginwatch.dict -artifact_prefix=build/fuzz/artifacts/ \
        build/fuzz/corpus tests/fuzz/corpus
    ;;
tidy)
    install_deps "${TIDY_PACKAGES[@]}"
    build dev # the compile database, and the generated moc/uic headers the sources include
    if [ $# -gt 0 ]; then
        files=("$@")
    else
        mapfile -t files < <(git ls-files 'src/*.cpp' 'tests/*.cpp')
    fi
    # run-clang-tidy takes regexes; anchor each path so that one file never selects another.
    regexes=()
    for f in "${files[@]}"; do regexes+=("$(realpath "$f" | sed 's/[.[\*^$+?(){}|]/\\&/g')\$"); done
    run-clang-tidy -p build/dev -j "$(nproc)" -quiet "${regexes[@]}"
    ;;
*)
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
