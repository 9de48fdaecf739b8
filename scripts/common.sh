# Shared by the benchmark scripts, which source it after setting ROOT and changing to it; it is
# not run by itself.

# Builds the release targets given as cargo arguments (e.g. --bin claimdiff --example
# gen_corpus) and sets TARGET_DIR to cargo's target directory, which CARGO_TARGET_DIR or a
# config file may have moved.
build_release() {
    cargo build --release --quiet "$@"
    TARGET_DIR="$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
        sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
    TARGET_DIR="${TARGET_DIR:-$ROOT/target}"
}

# Writes ARTICLES synthetic articles for SEED into the directory CORPUS with the corpus
# generator (examples/gen_corpus.rs, built by build_release), unless CORPUS already holds that
# many: usage `ensure_corpus ARTICLES SEED CORPUS`.
ensure_corpus() {
    local articles=$1 seed=$2 corpus=$3 have
    have=$(find "$corpus" -maxdepth 1 -name 'article-*' 2>/dev/null | wc -l || true)
    if [ "$have" != "$articles" ]; then
        echo "== writing $articles articles (seed $seed) to $corpus" >&2
        rm -rf "$corpus"
        "$TARGET_DIR/release/examples/gen_corpus" --articles "$articles" --seed "$seed" --out "$corpus" >&2
    fi
}
