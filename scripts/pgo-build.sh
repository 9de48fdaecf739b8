#!/usr/bin/env bash
# Builds a release binary of claimdiff with profile-guided optimisation (PGO), for packagers and
# for anyone who runs it on large corpora: the compiler lays out and inlines the code by how a
# training run used it.
#
#   bash scripts/pgo-build.sh          # prints the binary's path: target/pgo/use/release/claimdiff
#
# Steps: builds claimdiff instrumented (-Cprofile-generate); writes a training corpus of 600
# synthetic articles with seed 11 (examples/gen_corpus.rs; not seed 7, which the benchmarks
# read, so that they are not measured on what the binary was trained on); runs extract and
# check over it in every kind of output and over the examples; merges the profiles with
# llvm-profdata; builds again with -Cprofile-use.
#
# The plain `cargo build --release` stays the default build: a profile is tied to the compiler
# that wrote it (an older LLVM cannot read it, and `rust-version` is 1.82) and to the code it
# was taken from, so it is made here, from the checkout, rather than committed.
#
# Needs llvm-profdata, which `rustup component add llvm-tools` installs (this script runs that
# itself when rustup is there). BENCHMARKS.md, "PGO", has what it gains.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$ROOT/target/pgo"

host="$(rustc -vV | sed -n 's/^host: //p')"
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
    if command -v rustup >/dev/null; then
        echo "== installing llvm-tools (for llvm-profdata)" >&2
        rustup component add llvm-tools >&2
    fi
    if [ ! -x "$profdata" ]; then
        echo "pgo-build: llvm-profdata is missing at $profdata;" >&2
        echo "install it with: rustup component add llvm-tools" >&2
        exit 2
    fi
fi

rm -rf "$WORK/profiles" "$WORK/corpus"
mkdir -p "$WORK/profiles"

echo "== building the corpus generator" >&2
# shellcheck source=scripts/common.sh
source scripts/common.sh
build_release --example gen_corpus
ensure_corpus 600 11 "$WORK/corpus"

echo "== building claimdiff instrumented" >&2
RUSTFLAGS="-Cprofile-generate=$WORK/profiles" CARGO_TARGET_DIR="$WORK/generate" \
    cargo build --release --quiet --bin claimdiff
trained="$WORK/generate/release/claimdiff"

echo "== training run" >&2
# check exits 1 when it finds a conflict: only the profile matters here.
for format in json json-lines table; do
    "$trained" extract --isolated --format "$format" "$WORK/corpus" >/dev/null
done
for format in table json; do
    "$trained" check --isolated --format "$format" "$WORK/corpus" >/dev/null || [ $? = 1 ]
done
for example in examples/*/; do
    "$trained" extract "$example" >/dev/null
    "$trained" check "$example" >/dev/null || [ $? = 1 ]
done

"$profdata" merge --sparse -o "$WORK/claimdiff.profdata" "$WORK/profiles"/*.profraw

echo "== building claimdiff with the profile" >&2
RUSTFLAGS="-Cprofile-use=$WORK/claimdiff.profdata" CARGO_TARGET_DIR="$WORK/use" \
    cargo build --release --quiet --bin claimdiff
echo "$WORK/use/release/claimdiff"
