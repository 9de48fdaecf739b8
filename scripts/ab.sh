#!/usr/bin/env bash
# Times two or more claimdiff binaries on the same arguments, interleaved run by run, so that
# every binary sees the same machine load; prints the median wall time and mean user time.
# Use it to compare a change against the build before it on a shared, noisy machine.
#
#   bash scripts/ab.sh RUNS ARGS... -- BINARY...
#   bash scripts/ab.sh 8 check /tmp/claimdiff-corpus-10000-s7 -- /tmp/claimdiff-before target/release/claimdiff
#
# Needs GNU time (/usr/bin/time).
set -euo pipefail

if [ "$#" -lt 4 ]; then
    echo "usage: bash scripts/ab.sh RUNS ARGS... -- BINARY..." >&2
    exit 2
fi
runs="$1"
shift
args=()
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
    args+=("$1")
    shift
done
[ "$#" -gt 1 ] || { echo "ab.sh: name the binaries after --" >&2; exit 2; }
shift
work="$(mktemp -d /tmp/claimdiff-ab.XXXXXX)"
for i in $(seq "$runs"); do
    n=0
    for binary in "$@"; do
        n=$((n + 1))
        # A finding makes claimdiff exit 1; only the time matters here.
        /usr/bin/time -f "%e %U" -a -o "$work/$n" "$binary" "${args[@]}" >/dev/null 2>&1 || true
    done
done
n=0
for binary in "$@"; do
    n=$((n + 1))
    grep -E '^[0-9]' "$work/$n" | sort -n | awk -v name="$binary" '
        { wall[NR] = $1; user += $2 }
        END { printf "%-44s wall min %.2f  median %.2f  max %.2f   user mean %.2f s\n",
              name, wall[1], wall[int((NR + 1) / 2)], wall[NR], user / NR }'
done
rm -rf "$work"
