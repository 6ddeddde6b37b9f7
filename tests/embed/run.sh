#!/usr/bin/env bash
# Installs newsdex into a temporary prefix, builds an outside consumer twice
# (CMake's find_package(newsdex), and plain g++ with pkg-config --cflags --libs
# newsdex) and runs both. Args: BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$source/tests/embed" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$tmp/consumer" -j 2 >/dev/null
out=$("$tmp/consumer/consumer" "$tmp/db")
echo "cmake: $out"
[ "$out" = "found Putin urges troops in Kursk to surrender" ]

pc=$(find "$tmp/prefix" -name newsdex.pc)
[ -n "$pc" ] || { echo "FAIL: no newsdex.pc installed" >&2; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")"
flags=$(pkg-config --cflags --libs newsdex)
echo "pkg-config: $flags"
case "$flags" in *"-I$tmp/prefix/"*) ;; *) echo "FAIL: --cflags does not point into the install prefix" >&2; exit 1 ;; esac
# shellcheck disable=SC2086  # the flags are words
g++ -std=c++17 -O1 "$source/tests/embed/consumer.cpp" -o "$tmp/consumer-pc" $flags
out=$("$tmp/consumer-pc" "$tmp/db-pc")
echo "pkg-config: $out"
[ "$out" = "found Putin urges troops in Kursk to surrender" ]
