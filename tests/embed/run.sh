#!/usr/bin/env bash
# Installs newsdex into a temporary prefix, builds an outside consumer with
# find_package(newsdex) and runs it. Args: BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$source/tests/embed" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$tmp/consumer" -j 2 >/dev/null
out=$("$tmp/consumer/consumer" "$tmp/db")
echo "$out"
[ "$out" = "found Putin urges troops in Kursk to surrender" ]
