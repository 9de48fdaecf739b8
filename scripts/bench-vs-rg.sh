#!/usr/bin/env bash
# Times the release binary as a whole process against ripgrep on the same synthetic corpus.
#
#   bash scripts/bench-vs-rg.sh                 # 10,000 articles, seed 7, 5 runs each
#   ARTICLES=1000 RUNS=3 bash scripts/bench-vs-rg.sh
#
# Steps: builds the release binary and the corpus generator once; writes the corpus
# (examples/gen_corpus.rs) unless it is already there; takes the default rulebook's cue words
# from `claimdiff rules --format json` (field `cues`) into a pattern file; then times
#
#   rg -i -c -F -f PATTERNS CORPUS/                      the cue-word scan, the yardstick
#   claimdiff extract --format json CORPUS/ > /dev/null   (row "extract")
#   claimdiff extract CORPUS/ > /dev/null                 (row "extract-table", the default format)
#   claimdiff check CORPUS/ > /dev/null                   (row "check")
#   claimdiff check --format json CORPUS/ > /dev/null     (row "check-json", what CI reads)
#   load_only CORPUS/ > /dev/null                         (row "load-only": reading, decoding and
#                                                          loading the files as extract does, with
#                                                          no extraction; examples/load_only.rs)
#
# with hyperfine when it is installed (median of RUNS runs after one warm-up), else with a loop
# of /usr/bin/time; then runs each once more under /usr/bin/time -v for peak RSS and CPU time,
# and prints wall times, CPU use, peak RSS and the ratios to ripgrep.
#
# Needs: ripgrep, GNU time, jq or python3; hyperfine is optional. On Debian/Ubuntu:
#   apt-get update && apt-get install -y ripgrep hyperfine time jq
# (INSTALL=1 makes this script run that itself when something is missing and it runs as root.)
#
# Environment: ARTICLES (10000), SEED (7), RUNS (5), CORPUS (/tmp/claimdiff-corpus-ARTICLES-sSEED),
# WORK (a temporary directory for the pattern file and timings), BIN (the claimdiff binary to
# time; by default the release build, e.g. BIN=$(bash scripts/pgo-build.sh) for the PGO one).
set -euo pipefail

ARTICLES="${ARTICLES:-10000}"
SEED="${SEED:-7}"
RUNS="${RUNS:-5}"
CORPUS="${CORPUS:-/tmp/claimdiff-corpus-${ARTICLES}-s${SEED}}"
WORK="${WORK:-$(mktemp -d /tmp/claimdiff-bench.XXXXXX)}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$WORK"
cd "$ROOT"

missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -x /usr/bin/time ] || missing+=(time)
command -v jq >/dev/null || command -v python3 >/dev/null || missing+=(jq)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "${INSTALL:-0}" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq "${missing[@]}" hyperfine
    else
        echo "bench-vs-rg: missing ${missing[*]}; install with:" >&2
        echo "  apt-get update && apt-get install -y ripgrep hyperfine time jq" >&2
        echo "(or rerun with INSTALL=1 as root)" >&2
        exit 2
    fi
fi

echo "== building (release)" >&2
# shellcheck source=scripts/common.sh
source scripts/common.sh
build_release --bin claimdiff --example gen_corpus --example load_only
BIN="${BIN:-$TARGET_DIR/release/claimdiff}"
LOAD_ONLY_BIN="$TARGET_DIR/release/examples/load_only"
ensure_corpus "$ARTICLES" "$SEED" "$CORPUS"
input_bytes=$(find "$CORPUS" -maxdepth 1 -name 'article-*' -printf '%s\n' | awk '{s += $1} END {print s}')

json_cues() {
    if command -v jq >/dev/null; then
        jq -r '.fields[].cues[]'
    else
        python3 -c 'import json, sys
for f in json.load(sys.stdin)["fields"]:
    for c in f["cues"]:
        print(c)'
    fi
}
"$BIN" rules --isolated --format json | json_cues | sort -u >"$WORK/patterns"

# Warm the page cache so that every tool reads from memory.
cat "$CORPUS"/* >/dev/null

RG=(rg -i -c -F -f "$WORK/patterns" "$CORPUS/")
EXTRACT=("$BIN" extract --isolated --format json "$CORPUS/")
EXTRACT_TABLE=("$BIN" extract --isolated "$CORPUS/")
CHECK=("$BIN" check --isolated "$CORPUS/")
CHECK_JSON=("$BIN" check --isolated --format json "$CORPUS/")
LOAD_ONLY=("$LOAD_ONLY_BIN" "$CORPUS/")
NAMES=(rg extract extract-table check check-json load-only)
command_of() {
    case $1 in
        rg) cmd=("${RG[@]}") ;;
        extract) cmd=("${EXTRACT[@]}") ;;
        extract-table) cmd=("${EXTRACT_TABLE[@]}") ;;
        check) cmd=("${CHECK[@]}") ;;
        check-json) cmd=("${CHECK_JSON[@]}") ;;
        load-only) cmd=("${LOAD_ONLY[@]}") ;;
    esac
}

# Sanity: the commands work (check exits 1 on conflicts; rg 0 when something matched).
"${RG[@]}" >/dev/null
"${EXTRACT[@]}" >/dev/null
"${EXTRACT_TABLE[@]}" >/dev/null
"${CHECK[@]}" >/dev/null || [ $? = 1 ]
"${CHECK_JSON[@]}" >/dev/null || [ $? = 1 ]
"${LOAD_ONLY[@]}" >/dev/null

median() { sort -n | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

declare -A wall
if command -v hyperfine >/dev/null; then
    echo "== hyperfine, $RUNS runs each" >&2
    hyperfine --style basic --warmup 1 --runs "$RUNS" -i --export-json "$WORK/hyperfine.json" \
        -n rg "${RG[*]} > /dev/null" \
        -n extract "${EXTRACT[*]} > /dev/null" \
        -n extract-table "${EXTRACT_TABLE[*]} > /dev/null" \
        -n check "${CHECK[*]} > /dev/null" \
        -n check-json "${CHECK_JSON[*]} > /dev/null" \
        -n load-only "${LOAD_ONLY[*]} > /dev/null" >&2
    for name in "${NAMES[@]}"; do
        if command -v jq >/dev/null; then
            wall[$name]=$(jq -r ".results[] | select(.command == \"$name\") | .median" "$WORK/hyperfine.json")
        else
            wall[$name]=$(python3 -c "import json; print([r['median'] for r in json.load(open('$WORK/hyperfine.json'))['results'] if r['command'] == '$name'][0])")
        fi
    done
else
    echo "== /usr/bin/time, $RUNS runs each (hyperfine not installed)" >&2
    for name in "${NAMES[@]}"; do
        command_of "$name"
        : >"$WORK/$name.times"
        for _ in $(seq "$RUNS"); do
            /usr/bin/time -f '%e' -o "$WORK/t" "${cmd[@]}" >/dev/null || true
            tail -n 1 "$WORK/t" >>"$WORK/$name.times"
        done
        wall[$name]=$(median <"$WORK/$name.times")
    done
fi

# One more run each under time -v: peak RSS and CPU seconds.
declare -A rss cpu elapsed
for name in "${NAMES[@]}"; do
    command_of "$name"
    /usr/bin/time -v -o "$WORK/$name.v" "${cmd[@]}" >/dev/null || true
    rss[$name]=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/$name.v")
    cpu[$name]=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$WORK/$name.v")
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:02.77"
    elapsed[$name]=$(awk '/Elapsed/ {n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$WORK/$name.v")
done

echo
echo "corpus: $CORPUS ($ARTICLES articles, $(awk -v b="$input_bytes" 'BEGIN {printf "%.1f MB", b / 1e6}'))"
echo "patterns: $(wc -l <"$WORK/patterns") cue words of the default rulebook ($WORK/patterns)"
echo "machine: $(nproc) cores; $(date -u +%F)"
echo
printf '%-13s %12s %12s %8s %12s %10s %10s\n' command "median s" "cpu s" "cores" "peak RSS MB" "RSS/input" "vs rg"
for name in "${NAMES[@]}"; do
    awk -v n="$name" -v w="${wall[$name]}" -v c="${cpu[$name]}" -v e="${elapsed[$name]}" -v r="${rss[$name]}" -v b="$input_bytes" \
        -v g="${wall[rg]}" 'BEGIN {
            printf "%-13s %12.3f %12.2f %8.2f %12.1f %10.2f %9.1fx\n", n, w, c, (e > 0 ? c / e : 0), r / 1024, r * 1024 / b, w / g
        }'
done
echo
echo "targets: extract <= 4x rg; check <= 2 s wall on 2 cores; peak RSS <= 2x input"
echo "load-only: what extract costs before extraction (reading, decoding, loading), for scale"
