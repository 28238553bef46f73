#!/usr/bin/env bash
# check_format.sh CLANG_FORMAT SOURCE_DIR: fails (and names the files) when any C++ source under
# src/ or tests/ differs from .clang-format. Fix with: clang-format -i <files>.
set -euo pipefail
clang_format=$1
cd "$2"
mapfile -d '' files < <(find src tests -type f \( -name '*.cpp' -o -name '*.h' \) -print0 | sort -z)
[ ${#files[@]} -gt 0 ] || { echo "no sources found under $2" >&2; exit 1; }
report=$(mktemp)
trap 'rm -f "$report"' EXIT
if ! "$clang_format" --dry-run -Werror "${files[@]}" 2>"$report"; then
    grep -o '^[^:]*:[0-9]*:[0-9]*: error' "$report" | cut -d: -f1 | sort -u | sed 's/^/not formatted: /' >&2
    echo "run: clang-format -i <the files above>" >&2
    exit 1
fi
echo "${#files[@]} files match .clang-format"
