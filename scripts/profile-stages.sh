#!/usr/bin/env bash
# Where extraction spends its instructions, its mispredicted branches and its first-level data
# cache misses, stage by stage: the profile behind "Why target 2 is not met" in BENCHMARKS.md.
#
#   bash scripts/profile-stages.sh              # the first 200 articles of the seed-7 corpus
#   LIMIT=50 bash scripts/profile-stages.sh     # quicker
#
# Steps: copies the working tree (without target/ and .git/) into a temporary directory and,
# there only, marks each stage's entry point #[inline(never)], so that the profile counts each
# stage whole instead of spreading it over the functions it is inlined into; the working tree
# is not touched. Builds examples/extract_pass there with line tables, runs it once over the
# articles under valgrind's callgrind with branch and cache simulation, and prints each stage's
# inclusive counts as shares of extraction (`Extractor::extract_in`).
#
# The counts do not depend on the machine's load, unlike time: they are the figures to compare
# between two versions. Branch and cache figures come from valgrind's simulated predictor and
# caches, which are simpler than a real processor's: use them to rank the stages, not as
# cycles.
#
# Needs: valgrind, python3. Environment: ARTICLES (1000), SEED (7), LIMIT (200),
# CORPUS (/tmp/claimdiff-corpus-ARTICLES-sSEED), WORK (a temporary directory).
set -euo pipefail

ARTICLES="${ARTICLES:-1000}"
SEED="${SEED:-7}"
LIMIT="${LIMIT:-200}"
CORPUS="${CORPUS:-/tmp/claimdiff-corpus-${ARTICLES}-s${SEED}}"
WORK="${WORK:-$(mktemp -d /tmp/claimdiff-profile.XXXXXX)}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$WORK"
cd "$ROOT"

for tool in valgrind python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "profile-stages: $tool is missing; on Debian/Ubuntu: apt-get install -y valgrind python3" >&2
        exit 2
    fi
done

# shellcheck source=scripts/common.sh
source scripts/common.sh
echo "== building the corpus generator (release)" >&2
build_release --example gen_corpus
ensure_corpus "$ARTICLES" "$SEED" "$CORPUS"

echo "== copying the tree to $WORK/tree and marking the stages" >&2
rm -rf "$WORK/tree"
mkdir -p "$WORK/tree"
tar --exclude=./target --exclude=./.git -cf - . | tar -xf - -C "$WORK/tree"
# Each entry is a file and the start of the line that opens the stage's function. A stage whose
# line is gone (renamed, moved) stops the script: the table would silently miss it.
python3 - "$WORK/tree" <<'PY'
import sys
root = sys.argv[1]
marks = [
    ("src/extract/starts.rs", "pub(super) fn read("),
    ("src/extract/number.rs", "pub(super) fn scan_quantities_into("),
    ("src/extract/date.rs", "pub(super) fn scan_dates_onto("),
    ("src/extract/cues.rs", "pub(super) fn find_into(&self"),
    ("src/extract/segment.rs", "pub(super) fn segment_into("),
    ("src/extract/mod.rs", "    fn extract_in("),
    ("src/extract/mod.rs", "    fn claim("),
    ("src/extract/mod.rs", "    fn named_claims("),
    ("src/extract/mod.rs", "    fn field_for_mention("),
    ("src/extract/mod.rs", "    fn scope_at("),
]
for path, needle in marks:
    full = f"{root}/{path}"
    text = open(full).read()
    at = text.find(needle)
    if at < 0:
        sys.exit(f"profile-stages: {path} has no line with {needle!r}; update the list in scripts/profile-stages.sh")
    line_start = text.rfind("\n", 0, at) + 1
    line = text[line_start:text.find("\n", at)]
    indent = line[: len(line) - len(line.lstrip())]
    text = text[:line_start] + indent + "#[inline(never)]\n" + text[line_start:]
    open(full, "w").write(text)
PY

echo "== building examples/extract_pass with line tables" >&2
(cd "$WORK/tree" && CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_TARGET_DIR="$WORK/target" \
    cargo build --release --quiet --example extract_pass)

echo "== callgrind over $LIMIT articles (a minute or two)" >&2
valgrind --tool=callgrind --branch-sim=yes --cache-sim=yes --callgrind-out-file="$WORK/callgrind.out" \
    "$WORK/target/release/examples/extract_pass" "$CORPUS" --limit "$LIMIT" --passes 1 \
    >"$WORK/extract_pass.txt" 2>"$WORK/valgrind.txt"
cat "$WORK/extract_pass.txt"

python3 - "$WORK/callgrind.out" <<'PY'
import re
import sys

# Callgrind's format: "fn=(id) name" opens a function's cost lines; "cfn=" and "calls=" open a
# call, whose next cost line is the call's inclusive cost. Names are given once, then by id.
events = []
positions = 1
names = {}
self_cost = {}
call_cost = {}
current = None
callee = None
in_call = False


def name_of(token):
    m = re.match(r"\((\d+)\)(?: (.*))?$", token)
    if not m:
        return token
    if m.group(2):
        names[m.group(1)] = m.group(2)
    return names.get(m.group(1), token)


def add(table, key, costs):
    row = table.setdefault(key, [0] * len(events))
    for i, c in enumerate(costs):
        row[i] += c


for line in open(sys.argv[1]):
    line = line.rstrip("\n")
    if line.startswith("events:"):
        events = line.split()[1:]
    elif line.startswith("positions:"):
        positions = len(line.split()) - 1
    elif line.startswith("fn="):
        current = name_of(line[3:])
    elif line.startswith("cfn="):
        callee = name_of(line[4:])
    elif line.startswith("calls="):
        in_call = True
    elif line and (line[0].isdigit() or line[0] in "+-*"):
        fields = line.split()
        costs = [int(x) for x in fields[positions:]]
        costs += [0] * (len(events) - len(costs))
        if in_call:
            add(call_cost, (current, callee), costs)
            in_call = False
        else:
            add(self_cost, current, costs)


def column(name):
    return events.index(name) if name in events else None


def calls(caller, target=None):
    """The inclusive cost of the calls `caller` makes (to `target` only, when given)."""
    total = [0] * len(events)
    for (c, t), costs in call_cost.items():
        if c == caller and target in (None, t):
            for i, v in enumerate(costs):
                total[i] += v
    return total


def inclusive(function):
    own = self_cost.get(function, [0] * len(events))
    return [a + b for a, b in zip(own, calls(function))]


def find(fragment):
    found = [f for f in self_cost if fragment in f and "{{closure}}" not in f]
    if len(found) != 1:
        sys.exit(f"profile-stages: {len(found)} functions match {fragment!r}: {found[:4]}")
    return found[0]


ir, dr, d1mr = column("Ir"), column("Dr"), column("D1mr")
bcm, bim = column("Bcm"), column("Bim")

def measures(costs):
    mispredicted = sum(costs[i] for i in (bcm, bim) if i is not None)
    return costs[ir], mispredicted, costs[d1mr] if d1mr is not None else 0


extraction = find("Extractor::extract_in")
claim = find("Extractor::claim")
named = find("Extractor::named_claims")
stages = [
    ("the word walk that lists where figures and dates may start", find("Starts::read"), []),
    ("the figure scanner", find("number::scan_quantities_into"), []),
    ("the date forms", find("date::scan_dates_onto"), []),
    ("the cue and other-event automaton", find("CueSet::find_into"), []),
    ("sentence splitting", find("segment::segment_into"), []),
    ("building claims (text, place, sentence, scope)", claim, []),
    ("people and places next to their cues, less their claims", named, [claim]),
    ("picking each figure's field", find("Extractor::field_for_mention"), []),
]
whole = measures(inclusive(extraction))
rows = []
for label, function, less in stages:
    costs = inclusive(function)
    for target in less:
        for i, v in enumerate(calls(function, target)):
            costs[i] -= v
    rows.append((label, measures(costs)))
rest = tuple(w - sum(r[1][k] for r in rows) for k, w in enumerate(whole))
rows.append(("the rest: assembling mentions, sorting, allocation", rest))

print()
print(f"{'stage':<60} {'instructions':>14} {'mispredicted':>20} {'L1 data misses':>20}")
for label, (i, b, d) in rows + [("extraction in all (Extractor::extract_in)", whole)]:
    share = lambda v, w: f"{v / 1e6:8.2f} M {100 * v / w if w else 0:5.1f}%"
    print(f"{label:<60} {share(i, whole[0]):>14} {share(b, whole[1]):>20} {share(d, whole[2]):>20}")
print()
print("mispredicted: conditional and indirect branches valgrind's simple predictor got wrong;")
print("L1 data misses: reads that missed its first-level data cache. Counts include each stage's callees.")
PY
